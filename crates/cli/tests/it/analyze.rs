//! `softbalance analyze` on the built-in case: the paper's answer, from data, in every format.

use crate::harness::{bin, builtin_dir, CaseCopy};
use serde_json::Value;

fn builtin_json() -> Value {
    let out = bin().args(["analyze", "--format", "json", "--no-coder"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn builtin_case_reproduces_the_papers_answer() {
    let j = builtin_json();
    assert_eq!(j["threat"]["level"], "limited");
    assert_eq!(j["prediction"]["response"], "soft");
    assert_eq!(j["verdict"]["agreement"], "matches");
    let by = &j["observed"]["by_strategy"];
    for code in ["offset.internal", "offset.external", "obstruct.active", "institutional"] {
        assert!(by[code].as_u64().unwrap() > 0, "{code} should be observed: {by}");
    }
    for code in ["hard.internal", "hard.external"] {
        assert_eq!(by[code], 0, "{code}");
    }
    assert!(j["observed"]["total"].as_u64().unwrap() > 60, "the paper's case has well over 60 actions");
    let comps = j["threat"]["components"].as_object().unwrap();
    for c in ["aggregate_power", "offensive_capability", "proximity", "intentions"] {
        assert!(comps.contains_key(c), "missing component {c}");
    }
    assert_eq!(comps["proximity"]["weight"], 0.0, "the paper ignores proximity for AI");
    assert!(["substantial", "strong"].contains(&j["interests"]["level"].as_str().unwrap()));
    let shares = &j["prediction"]["robustness"]["response_shares"];
    let soft = shares["soft"].as_f64().unwrap();
    assert!(soft > 0.5, "soft should win most draws: {shares}");
    assert!(j["observed"]["by_year"].as_object().unwrap().len() >= 5);
}

#[test]
fn table_1_growth_rates_recomputed_from_raw_values_match_the_paper() {
    // 表 1 of the paper, as printed (percent, three decimals).
    let exports = [(2021, 21.598), (2020, 16.963), (2019, -11.473), (2018, -7.474), (2017, 12.459), (2016, -0.240)];
    let imports = [(2021, 16.699), (2020, -3.658), (2019, -16.602), (2018, 6.602), (2017, 9.244), (2016, -4.301)];
    let j = builtin_json();
    let series = j["interests"]["series"].as_array().unwrap();
    for (metric, expected) in [("goods_exports", &exports), ("goods_imports", &imports)] {
        let s = series.iter().find(|s| s["metric"] == metric).unwrap_or_else(|| panic!("no {metric} series"));
        let points = s["points"].as_array().unwrap();
        assert_eq!(points.len(), 7, "{metric}: 2015-2021");
        for (year, pct) in expected.iter() {
            let p = points.iter().find(|p| p["year"] == *year).unwrap();
            let got = p["growth_pct"].as_f64().unwrap();
            assert_eq!(format!("{got:.3}"), format!("{pct:.3}"), "{metric} {year}");
        }
    }
}

#[test]
fn every_indicator_and_action_resolves_to_a_source() {
    // `check` refuses dangling ids, so a clean check of the folder proves it; also make sure
    // the embedded copy and the folder agree.
    bin().arg("check").arg(builtin_dir()).assert().success();
    let folder = bin().args(["analyze", "--no-coder", "--format", "json"]).arg(builtin_dir()).output().unwrap();
    let embedded = bin().args(["analyze", "--no-coder", "--format", "json"]).output().unwrap();
    let a: Value = serde_json::from_slice(&folder.stdout).unwrap();
    let b: Value = serde_json::from_slice(&embedded.stdout).unwrap();
    assert_eq!(a["observed"], b["observed"], "the embedded case must equal cases/us-china-ai");
    assert_eq!(a["threat"], b["threat"]);
}

#[test]
fn markdown_report_follows_the_papers_structure_and_reproduces_its_tables() {
    let out = bin().args(["analyze", "--format", "markdown", "--no-coder"]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let order = ["## 1. Motives", "### 1.1 Threat", "### 1.2 Common interests", "**表 1**", "## 2. Prediction", "## 3. Strategies", "### 表 2 (11 rows)", "### 表 3 (22 rows)", "## 4. Conclusion", "## Sources"];
    let mut at = 0;
    for h in order {
        let pos = md[at..].find(h).unwrap_or_else(|| panic!("missing or out of order: {h}"));
        at += pos;
    }
    assert!(md.contains("| 2021 | 151,442.2 | 21.598% | 504,935.4 | 16.699% |"), "表 1 row 2021");
    assert!(md.contains("| 2015 | 115,873.4 | - | 483,201.7 | - |"), "表 1 row 2015");
    // A citation list names each source once.
    for line in md.lines().filter(|l| l.starts_with("Source: ")) {
        let refs: Vec<&str> = line.split('[').skip(1).collect();
        let distinct: std::collections::BTreeSet<&str> = refs.iter().copied().collect();
        assert_eq!(refs.len(), distinct.len(), "repeated citation: {line}");
    }
    // Every citation number points into the source list.
    let n_sources = md.split("## Sources").nth(1).unwrap().lines().filter(|l| l.contains(". ") && l.chars().next().is_some_and(|c| c.is_ascii_digit())).count();
    assert!(n_sources > 30, "{n_sources} sources listed");
}

#[test]
fn text_summary_leads_with_the_answer() {
    let out = bin().arg("analyze").arg("--no-coder").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let first: Vec<&str> = s.lines().take(8).collect();
    assert!(first.iter().any(|l| l.starts_with("PREDICTED  soft balancing")), "{s}");
    assert!(s.contains("Threat 威脅: limited"));
}

#[test]
fn out_writes_atomically_and_never_overwrites_an_input() {
    let c = CaseCopy::new();
    let report = c.path("report.json");
    bin().args(["analyze", "--no-coder", "--format", "json", "--out"]).arg(&report).arg(c.dir()).assert().success();
    let j: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(j["prediction"]["response"], "soft");
    let before = c.read("actions.csv");
    bin().args(["analyze", "--no-coder", "--out"]).arg(c.path("actions.csv")).arg(c.dir()).assert().code(8);
    assert_eq!(c.read("actions.csv"), before, "input untouched");
    let leftovers: Vec<_> = std::fs::read_dir(c.dir()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().starts_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    bin().args(["analyze", "--no-coder", "--out", "/nonexistent-dir/x.md"]).assert().code(8);
}

#[test]
fn monte_carlo_is_seeded_and_reproducible() {
    let run = |seed: &str| {
        let out = bin().args(["analyze", "--no-coder", "--format", "json", "--draws", "2000", "--seed", seed]).output().unwrap();
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        j["prediction"]["robustness"].clone()
    };
    assert_eq!(run("7"), run("7"));
    assert_eq!(run("7")["draws"], 2000);
}

#[test]
fn actions_are_machine_coded_and_compared_with_the_hand_coding() {
    let out = bin().args(["analyze", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ag = &j["coder_agreement"];
    let items = ag["items"].as_u64().unwrap();
    assert_eq!(items, j["observed"]["total"].as_u64().unwrap());
    let agreed = ag["agreed"].as_u64().unwrap();
    assert_eq!(ag["disagreements"].as_array().unwrap().len() as u64, items - agreed);
    let kappa = ag["kappa"].as_f64().unwrap();
    assert!(kappa > 0.4 && kappa <= 1.0, "the coder should agree well beyond chance: {kappa}");
    for d in ag["disagreements"].as_array().unwrap() {
        assert_ne!(d["hand"], d["machine"]);
        assert!(!d["text"].as_str().unwrap().is_empty());
    }
    let md = bin().args(["analyze", "--format", "markdown"]).output().unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("### Text coder vs hand coding") && md.contains("Cohen's kappa"));
}

#[test]
fn robustness_comes_from_the_evidence_and_shows_what_flips_the_answer() {
    let j = builtin_json();
    let r = &j["prediction"]["robustness"];
    assert!(r["bootstrap"].as_bool().unwrap());
    assert!(r["evidence_units"].as_u64().unwrap() > 30);
    let soft = r["response_shares"]["soft"].as_f64().unwrap();
    assert!(soft > 0.5 && soft < 1.0, "the evidence-level draws are not unanimous by construction: {r}");
    assert!(r["margins"].as_array().unwrap().iter().any(|m| m["score"] == "threat"));
    let sens = j["sensitivity"].as_array().unwrap();
    assert!(sens.iter().any(|e| e["id"] == "threat.thresholds.severe" && e["prediction_to"] == "hard"), "{sens:?}");
    // The friction test is reported with its denominator.
    let f = &j["observed"]["friction"];
    assert!(f["balancing_actions"].as_u64().unwrap() > 50);
    assert!(f["pass_share"].as_f64().unwrap() > 0.0);
    assert_eq!(j["friction_test"].as_array().unwrap().len(), 83);
}

#[test]
fn moving_the_threat_score_next_to_a_threshold_moves_the_shares() {
    let shares = |extra: &[&str]| {
        let out = bin().args(["analyze", "--format", "json", "--no-coder", "--draws", "2000"]).args(extra).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let j: Value = serde_json::from_slice(&out.stdout).unwrap();
        j["prediction"]["robustness"]["response_shares"]["hard"].as_f64().unwrap()
    };
    let far = shares(&[]);
    let score = builtin_json()["threat"]["score"].as_f64().unwrap();
    let near = shares(&["--set", &format!("threat.thresholds.severe={:.3}", score + 0.01)]);
    assert!(near > far + 0.2, "hard share {far} → {near} when the severe cut sits just above the score");
}

#[test]
fn what_if_without_interests_predicts_hard_as_the_theory_says() {
    let out = bin()
        .args(["analyze", "--format", "json", "--no-coder", "--set", "interests.weights.economic=0", "--set", "interests.weights.cooperation=0"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["prediction"]["response"], "hard");
    assert_eq!(j["prediction"]["rule"], "limited_without_interests");
    assert_eq!(j["adjustments"].as_array().unwrap().len(), 2);
    let text = bin().args(["analyze", "--no-coder", "--set", "interests.weights.economic=0"]).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("WHAT-IF: interests.weights.economic = 0"));
}

#[test]
fn bad_what_ifs_are_refused_with_the_fix() {
    let out = bin().args(["analyze", "--no-coder", "--set", "threat.weight.intentions=0.6"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean threat.weights.intentions"));
    let out = bin().args(["analyze", "--no-coder", "--set", "threat.thresholds.severe=1.5"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["analyze", "--no-coder", "--drop", "I999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("I999"));
}

#[test]
fn by_year_prints_every_year_of_the_period() {
    let out = bin().args(["analyze", "--by-year", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let years: Vec<i64> = j["years"].as_array().unwrap().iter().map(|y| y["year"].as_i64().unwrap()).collect();
    assert_eq!(years, (2014..=2022).collect::<Vec<_>>());
    // Early years lack evidence and say which components are missing.
    assert!(!j["years"][0]["missing"].as_array().unwrap().is_empty());
    let text = String::from_utf8(bin().args(["analyze", "--by-year"]).output().unwrap().stdout).unwrap();
    assert!(text.contains("2014") && text.contains("2022"));
    let md = String::from_utf8(bin().args(["analyze", "--by-year", "--format", "markdown"]).output().unwrap().stdout).unwrap();
    assert!(md.contains("| 2022 |"));
}

#[test]
fn diff_shows_what_a_what_if_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
    bin().args(["analyze", "--no-coder", "--format", "json", "--draws", "200", "--out"]).arg(&a).assert().success();
    bin()
        .args(["analyze", "--no-coder", "--format", "json", "--draws", "200", "--set", "threat.thresholds.severe=0.5", "--out"])
        .arg(&b)
        .assert()
        .success();
    let out = bin().arg("diff").arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |label: &str| text.lines().find(|l| l[1..].starts_with(label)).unwrap_or_else(|| panic!("{label}: {text}")).to_string();
    assert!(line("threat level").starts_with('*') && line("threat level").contains("severe"), "{text}");
    assert!(line("prediction ").starts_with('*') && line("prediction ").contains("hard"));
    assert!(line("threat score").starts_with(' '), "the score itself does not move");
    assert!(text.contains("what-if in"));
    std::fs::write(tmp.path().join("x.json"), "{}").unwrap();
    bin().arg("diff").arg(&a).arg(tmp.path().join("x.json")).assert().code(5);
}

#[test]
fn built_in_cases_are_listed_analysed_by_name_and_compared() {
    let out = bin().arg("cases").output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.starts_with("us-china-ai"), "{list}");
    let by_name = bin().args(["analyze", "--case", "us-china-ai", "--no-coder", "--format", "json"]).output().unwrap();
    assert!(by_name.status.success());
    let j: Value = serde_json::from_slice(&by_name.stdout).unwrap();
    assert_eq!(j["case"]["id"], "us-china-ai");
    bin().args(["analyze", "--case", "nope"]).assert().code(2);
    let dir = builtin_dir();
    let out = bin().args(["compare", "us-china-ai"]).arg(&dir).args(["--format", "json", "--draws", "100"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases = j["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0]["prediction"]["response"], cases[1]["prediction"]["response"], "the folder and the embedded copy agree");
    let text = String::from_utf8(bin().args(["compare", "us-china-ai", "--draws", "100"]).output().unwrap().stdout).unwrap();
    assert!(text.contains("friction test pass") && text.contains("verdict"));
    bin().args(["compare", "no-such-case"]).assert().code(3);
}

#[test]
fn html_report_is_one_file_in_the_chosen_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.html");
    bin().args(["analyze", "--no-coder", "--draws", "200", "--format", "html", "--lang", "zh-Hans", "--out"]).arg(&out).assert().success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<html lang=\"zh-Hans\">") && html.contains("结论"));
    assert!(html.contains("表 1") || html.contains("表1"), "the trade series of Table 1 is charted");
    assert!(!html.contains("<script") && !html.contains("<link"));
    assert_eq!(html.matches("<tr id=\"A").count(), 83, "every action in the evidence table");
    bin().args(["analyze", "--by-year", "--format", "html"]).assert().code(2);
}

#[test]
fn export_writes_tidy_tables_with_a_dictionary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("tables");
    bin().args(["export", "--no-coder", "--draws", "200", "--out"]).arg(&out).assert().success();
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let actions = read("actions.csv");
    assert_eq!(actions.lines().count(), 84, "a header and 83 actions");
    assert!(actions.lines().next().unwrap().starts_with("case,action,date,year,actor,balancer_iso3,balancer_cow"));
    assert!(actions.contains(",USA,2,CHN,710,"), "COW codes 2 (USA) and 710 (China)");
    let by_year = read("by_year.csv");
    assert_eq!(by_year.lines().count() - 1, 9 * 7, "nine codes for each of the seven years with actions");
    let dict = read("dictionary.csv");
    for f in ["actions.csv", "indicators.csv", "by_year.csv", "timeline.csv", "robustness.csv", "sensitivity.csv"] {
        let header = read(f).lines().next().unwrap().to_string();
        for col in header.split(',') {
            assert!(dict.contains(&format!("{f},{col},")), "{f}:{col} is in the dictionary");
        }
    }
    assert_eq!(read("timeline.csv").lines().count(), 1 + 9, "2014-2022");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(out.join("actions.csv")).unwrap().permissions());
    assert_eq!(mode & 0o044, 0o044, "readable by group and others under the usual umask");
}

#[test]
fn lang_speaks_every_text_output_in_the_chosen_language() {
    let run = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let hant = run(&["analyze", "--no-coder", "--draws", "200", "--lang", "zh-Hant"]);
    assert!(hant.contains("理論預測") && hant.contains("實際行為") && hant.contains("判定"), "{hant}");
    assert!(!hant.contains("PREDICTED") && !hant.contains("Friction test"), "{hant}");
    let hans_md = run(&["analyze", "--no-coder", "--draws", "200", "--lang", "zh-Hans", "--format", "markdown"]);
    assert!(hans_md.contains("## 2. 预测") && hans_md.contains("摩擦检验"), "{hans_md}");
    let en = run(&["analyze", "--no-coder", "--draws", "200"]);
    assert!(en.contains("PREDICTED") && en.contains("Friction test"), "English stays the default");
    let json_zh = run(&["analyze", "--no-coder", "--draws", "200", "--lang", "zh-Hant", "--format", "json"]);
    let json_en = run(&["analyze", "--no-coder", "--draws", "200", "--format", "json"]);
    assert_eq!(json_zh, json_en, "JSON is language-neutral");
    let timeline = run(&["analyze", "--by-year", "--lang", "zh-Hans"]);
    assert!(timeline.contains("升级时间轴") && timeline.contains("2022"), "{timeline}");
    let compare = run(&["compare", "us-china-ai", "gbr-deu-1902", "--draws", "200", "--lang", "zh-Hant"]);
    assert!(compare.contains("共同利益") && compare.contains("摩擦檢驗通過"), "{compare}");
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
    bin().args(["analyze", "--no-coder", "--format", "json", "--draws", "200", "--out"]).arg(&a).assert().success();
    bin().args(["analyze", "--no-coder", "--format", "json", "--draws", "200", "--set", "interests.weights.economic=0", "--out"]).arg(&b).assert().success();
    let diff = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--lang", "zh-Hant"]);
    assert!(diff.contains("個欄位中有") && diff.contains("假設情境"), "{diff}");
}

#[cfg(not(feature = "events"))]
#[test]
fn export_parquet_refuses_in_the_default_build_with_the_command_that_builds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin().args(["export", "--no-coder", "--format", "parquet", "--out"]).arg(tmp.path().join("t")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cargo build --release -p softbalance --features events"), "{err}");
    assert!(!tmp.path().join("t").exists(), "nothing written");
}

/// The Parquet tables read back equal the CSV tables: same columns, the dictionary's types,
/// same rows; and the dictionary lists every column of every file.
#[cfg(feature = "events")]
#[test]
fn export_parquet_reads_back_equal_to_the_csv_tables() {
    use softbalance_events::tidy_parquet::{read, TidyValues};
    let tmp = tempfile::tempdir().unwrap();
    let (csv_dir, pq_dir) = (tmp.path().join("csv"), tmp.path().join("parquet"));
    for (dir, format) in [(&csv_dir, "csv"), (&pq_dir, "parquet")] {
        bin().args(["export", "--no-coder", "--draws", "200", "--format", format, "--out"]).arg(dir).assert().success();
    }
    let dict = read(&pq_dir.join("dictionary.parquet")).unwrap();
    let text = |name: &str| match &dict.iter().find(|c| c.name == name).unwrap().values {
        TidyValues::Text(v) => v.clone(),
        other => panic!("dictionary.{name} is {other:?}"),
    };
    let (files, cols, types) = (text("file"), text("column"), text("type"));
    let tables = ["actions", "indicators", "by_year", "timeline", "robustness", "sensitivity", "dictionary"];
    let mut checked = 0;
    for t in tables {
        let pq = read(&pq_dir.join(format!("{t}.parquet"))).unwrap();
        let mut csv = csv::Reader::from_path(csv_dir.join(format!("{t}.csv"))).unwrap();
        let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(pq.iter().map(|c| c.name.clone()).collect::<Vec<_>>(), header, "{t}: same columns in the same order");
        let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
        assert!(!records.is_empty(), "{t} has rows");
        for (k, col) in pq.iter().enumerate() {
            let entry = (0..files.len()).find(|&i| files[i] == format!("{t}.parquet") && cols[i] == col.name);
            let kind = &types[entry.unwrap_or_else(|| panic!("{t}.{} is not in the dictionary", col.name))];
            let cells: Vec<&str> = records.iter().map(|r| &r[k]).collect();
            match (&col.values, kind.as_str()) {
                // The dictionary names the files of its own format: actions.csv / actions.parquet.
                (TidyValues::Text(v), "text") if t == "dictionary" && col.name == "file" => {
                    let want: Vec<String> = cells.iter().map(|c| c.replace(".csv", ".parquet")).collect();
                    assert_eq!(v, &want, "{t}.{}", col.name);
                }
                (TidyValues::Text(v), "text") => assert_eq!(v, &cells, "{t}.{}", col.name),
                (TidyValues::Integer(v), "integer") => {
                    let want: Vec<Option<i64>> = cells.iter().map(|c| (!c.is_empty()).then(|| c.parse().unwrap())).collect();
                    assert_eq!(v, &want, "{t}.{}", col.name);
                }
                (TidyValues::Float(v), "float") => {
                    let want: Vec<Option<f64>> = cells.iter().map(|c| (!c.is_empty()).then(|| c.parse().unwrap())).collect();
                    assert_eq!(v, &want, "{t}.{}", col.name);
                }
                (TidyValues::Boolean(v), "boolean") => {
                    let want: Vec<Option<bool>> = cells.iter().map(|c| (!c.is_empty()).then(|| c.parse().unwrap())).collect();
                    assert_eq!(v, &want, "{t}.{}", col.name);
                }
                (v, kind) => panic!("{t}.{}: Parquet holds {v:?}, the dictionary says {kind}", col.name),
            }
            checked += 1;
        }
    }
    assert_eq!(checked, files.len(), "the dictionary lists exactly the columns written");
}

#[test]
fn contrasting_built_in_cases_do_not_all_come_out_like_the_papers() {
    let out = bin().args(["compare", "us-china-ai", "gbr-deu-1902", "tur-usa-2003", "fra-deu-2010s", "--format", "json", "--draws", "200"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let obs: Vec<String> = j["cases"].as_array().unwrap().iter().map(|c| c["observed"]["response"].as_str().unwrap().to_string()).collect();
    // The answers are what the evidence gives (each case's README explains them): the paper's
    // case is soft, the pre-1914 record mixes soft and hard, Turkey's 2002–03 record is mostly
    // cooperation and bargaining, the partners' record is none.
    assert_eq!(obs, ["soft", "mixed", "none", "none"]);
    for c in ["gbr-deu-1902", "tur-usa-2003", "fra-deu-2010s"] {
        let check = bin().args(["check", "--case", c, "--strict"]).output().unwrap();
        assert!(check.status.success(), "{c}: {}", String::from_utf8_lossy(&check.stdout));
    }
}

#[test]
fn the_papers_own_answer_is_printed_beside_the_engines_and_divergences_are_explained() {
    let text = String::from_utf8(bin().args(["analyze", "--no-coder", "--draws", "200"]).output().unwrap().stdout).unwrap();
    assert!(text.contains("THE STUDY  threat limited · predicts soft · observed soft (chang2022"), "{text}");
    assert!(text.contains("the engine agrees"));
    let out = bin().args(["analyze", "--no-coder", "--draws", "200", "--format", "json", "--set", "threat.thresholds.severe=0.6"]).output().unwrap();
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    let diffs = j["reference"]["differences"].as_array().unwrap();
    assert_eq!(diffs.len(), 2, "threat and prediction differ: {diffs:?}");
    assert!(diffs[0].as_str().unwrap().starts_with("threat: the engine finds severe — score"));
    let c = CaseCopy::new();
    c.write("case.toml", &c.read("case.toml").replace("source = \"chang2022\"", "source = \"nope\""));
    bin().args(["check"]).arg(c.dir()).assert().code(7);
}

/// A built-in case's name works where a folder is expected, as in `compare`; a folder of that
/// name, where one exists, still wins (the name is never reinterpreted).
#[test]
fn a_builtin_name_in_place_of_a_folder() {
    let by_name = bin().args(["analyze", "gbr-deu-1902", "--draws", "200", "--no-coder"]).output().unwrap();
    assert!(by_name.status.success(), "{}", String::from_utf8_lossy(&by_name.stderr));
    let by_flag = bin().args(["analyze", "--case", "gbr-deu-1902", "--draws", "200", "--no-coder"]).output().unwrap();
    assert_eq!(by_name.stdout, by_flag.stdout);
    assert!(String::from_utf8_lossy(&by_name.stdout).contains("GBR"));

    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("gbr-deu-1902")).unwrap();
    let folder = bin().current_dir(tmp.path()).args(["analyze", "gbr-deu-1902", "--draws", "200"]).output().unwrap();
    assert!(!folder.status.success());
    assert!(String::from_utf8_lossy(&folder.stderr).contains("case.toml"), "{}", String::from_utf8_lossy(&folder.stderr));
}

/// The README's example output and its compare table are what the binary prints today: every
/// line of the example block (bar the elisions) is a line of `analyze`, and the table is
/// `compare … --format markdown` verbatim. Regenerate them when this fails.
#[test]
fn the_readme_shows_what_the_binary_prints() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    let (_, after) = readme.split_once("```text\n$ softbalance analyze\n").expect("README example block");
    let (block, _) = after.split_once("```").expect("the example block ends");
    let out = String::from_utf8(bin().arg("analyze").output().unwrap().stdout).unwrap();
    let lines: std::collections::HashSet<&str> = out.lines().collect();
    let mut shown = 0;
    for l in block.lines().filter(|l| l.trim() != "…" && !l.is_empty()) {
        assert!(lines.contains(l), "README line not in `softbalance analyze` output: {l:?}\n---\n{out}");
        shown += 1;
    }
    assert!(shown >= 30, "the example shows {shown} lines");

    let cases = ["us-china-ai", "us-china-ai-2025", "chn-usa-ai", "gbr-deu-1902", "tur-usa-2003", "fra-deu-2010s"];
    let table = String::from_utf8(bin().arg("compare").args(cases).args(["--format", "markdown"]).output().unwrap().stdout).unwrap();
    assert!(readme.contains(&table), "README compare table differs from:\n{table}");
}

/// Rows with status `projected` (I017's forecast, I119's outlook) are shown in the Markdown and
/// HTML reports under their own heading, are in no score's evidence, and cannot be dropped.
#[test]
fn projections_are_shown_apart_and_never_scored() {
    let md = String::from_utf8(bin().args(["analyze", "--no-coder", "--draws", "200", "--format", "markdown"]).output().unwrap().stdout).unwrap();
    let at = md.find("### Projections, not counted as evidence").expect("projections section");
    let section = &md[at..md[at..].find("## Sources").map_or(md.len(), |e| at + e)];
    for id in ["| I017 |", "| I119 |"] {
        assert!(section.contains(id), "{id} in the projections section:\n{section}");
    }
    let before = &md[..at];
    assert!(!before.contains("| I119 |"), "a projection listed as evidence");
    let html = String::from_utf8(bin().args(["analyze", "--no-coder", "--draws", "200", "--format", "html"]).output().unwrap().stdout).unwrap();
    let at = html.find("<table class=projections>").expect("projections table in the HTML report");
    assert!(html[at..].contains("<td>I119</td>") && !html[..at].contains("<td>I119</td>"));
    // No score uses them, so a what-if cannot drop them, and says why.
    let out = bin().args(["analyze", "--no-coder", "--drop", "I119"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("I119: this row is a projection"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = bin().args(["analyze", "--no-coder", "--draws", "200", "--format", "json"]).output().unwrap();
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(j["threat"].to_string().find("I119").is_none(), "I119 in the threat's evidence");
}
