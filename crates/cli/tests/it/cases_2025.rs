//! The cases added for 2022–2025: `us-china-ai-2025` (an extension of the paper's case that
//! holds only its own rows), `chn-usa-ai` (China as balancer), the `extends` mechanism on
//! folders (counts, a colliding id refused with both places), and `softbalance sources`.

use crate::harness::bin;
use std::path::{Path, PathBuf};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

/// Data rows of a CSV file (header and `#` comments excluded).
fn rows(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    rdr.records().map(|r| r.unwrap()).filter(|r| r.iter().any(|f| !f.trim().is_empty())).count()
}

/// Data rows that are evidence: all rows, less those whose `status` column says `projected`.
fn observed_rows(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let status = rdr.headers().unwrap().iter().position(|h| h == "status");
    rdr.records()
        .map(|r| r.unwrap())
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .filter(|r| status.is_none_or(|i| r.get(i).map(str::trim) != Some("projected")))
        .count()
}

fn analyze_json(args: &[&str]) -> serde_json::Value {
    let out = bin().args(["analyze", "--no-coder", "--format", "json", "--draws", "500"]).args(args).output().unwrap();
    assert!(out.status.success(), "analyze {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_ok(args: &[&str]) -> String {
    let out = bin().arg("check").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "check {args:?} must pass: {stderr}");
    assert!(!stderr.contains("problem"), "check {args:?} reported problems: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned() + &stderr
}

#[test]
fn the_extension_loads_the_base_rows_and_its_own() {
    let j = analyze_json(&["--case", "us-china-ai-2025"]);
    let base = analyze_json(&["--case", "us-china-ai"]);
    let own_actions = rows(&repo("cases/us-china-ai-2025/actions.csv"));
    let base_actions = rows(&repo("cases/us-china-ai/actions.csv"));
    assert!(own_actions >= 25, "the extension adds the 2022–2025 record");
    // Actions of the balancer counted by the engine: the base's plus the extension's own U.S.
    // rows (China's responses are recorded as the target's and do not count).
    let text = std::fs::read_to_string(repo("cases/us-china-ai-2025/actions.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let actor = rdr.headers().unwrap().iter().position(|h| h == "actor").unwrap();
    let own_us = rdr.records().map(|r| r.unwrap()[actor].to_string()).filter(|a| a == "USA" || a.starts_with("USA-")).count();
    assert!(own_us >= 15);
    assert_eq!(
        j["observed"]["total"].as_u64().unwrap(),
        base["observed"]["total"].as_u64().unwrap() + own_us as u64,
        "the extension's observed record is the base's plus its own U.S. actions"
    );
    assert_eq!(j["case"]["id"], "us-china-ai-2025");
    assert_eq!(j["evidence"]["actions"].as_u64().unwrap() as usize, base_actions + own_actions);
    for table in ["sources", "actors", "indicators"] {
        // Projected indicators (status = projected) are kept apart from the evidence.
        let n = observed_rows(&repo(&format!("cases/us-china-ai/{table}.csv")))
            + observed_rows(&repo(&format!("cases/us-china-ai-2025/{table}.csv")));
        assert_eq!(j["evidence"][table].as_u64().unwrap() as usize, n, "{table}: base rows + own rows");
    }
    check_ok(&["--case", "us-china-ai-2025"]);
    // The folder on disk gives the same case as the embedded copy.
    check_ok(&[repo("cases/us-china-ai-2025").to_str().unwrap()]);
}

#[test]
fn us_china_ai_2025_outcome_on_the_default_method() {
    let j = analyze_json(&["--case", "us-china-ai-2025"]);
    assert_eq!(j["prediction"]["response"], "soft", "{}", j["prediction"]);
    assert_eq!(j["observed"]["response"], "soft", "{}", j["observed"]);
    assert_eq!(j["case"]["period"], serde_json::json!([2014, 2025]));
}

#[test]
fn chn_usa_ai_outcome_on_the_default_method() {
    check_ok(&["--case", "chn-usa-ai"]);
    let j = analyze_json(&["--case", "chn-usa-ai"]);
    assert_eq!(j["case"]["balancer"], "CHN");
    assert_eq!(j["prediction"]["response"], "soft", "{}", j["prediction"]);
    assert_eq!(j["observed"]["response"], "soft", "{}", j["observed"]);
}

#[test]
fn the_default_case_is_still_the_papers() {
    let j = analyze_json(&[]);
    assert_eq!(j["case"]["id"], "us-china-ai");
    assert_eq!(j["case"]["period"], serde_json::json!([2014, 2022]));
    let listed = bin().arg("cases").output().unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    for id in ["us-china-ai-2025", "chn-usa-ai"] {
        assert!(text.contains(id), "`softbalance cases` lists {id}: {text}");
    }
}

/// An extension folder next to a copy of the base, extending it by relative path.
fn extension(base_rows_extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().join("base");
    std::fs::create_dir(&base).unwrap();
    for f in ["case.toml", "sources.csv", "actors.csv", "indicators.csv", "actions.csv", "friction.csv"] {
        std::fs::copy(repo("cases/us-china-ai").join(f), base.join(f)).unwrap();
    }
    let ext = tmp.path().join("ext");
    std::fs::create_dir(&ext).unwrap();
    std::fs::write(ext.join("case.toml"), "[case]\nextends = \"../base\"\nid = \"ext\"\nperiod = [2014, 2023]\n").unwrap();
    std::fs::write(ext.join("sources.csv"), "id,title,date,url\nxt-1,A test source,2023-01-02,https://example.org/a\n").unwrap();
    std::fs::write(
        ext.join("actions.csv"),
        format!("id,date,actor,target,code,title_en,summary_en,source,locator\nA300,2023-01-02,USA,CHN,cooperation,A test action,Cooperates.,xt-1,p. 1\n{base_rows_extra}"),
    )
    .unwrap();
    tmp
}

#[test]
fn a_folder_extension_adds_its_rows_to_the_base() {
    let tmp = extension("");
    let ext = tmp.path().join("ext");
    let out = check_ok(&[ext.to_str().unwrap()]);
    let base_sources = rows(&repo("cases/us-china-ai/sources.csv"));
    let base_actions = rows(&repo("cases/us-china-ai/actions.csv"));
    assert!(out.contains(&format!("{} sources", base_sources + 1)), "{out}");
    assert!(out.contains(&format!("{} actions", base_actions + 1)), "{out}");
    let j = analyze_json(&[ext.to_str().unwrap()]);
    assert_eq!(j["case"]["id"], "ext");
    // The base's files are inputs of the extension: an output may not replace them.
    let base_sources = tmp.path().join("base/sources.csv");
    let before = std::fs::read(&base_sources).unwrap();
    bin().args(["sources", "--format", "bibtex", "--out"]).arg(&base_sources).arg(&ext).assert().code(8);
    assert_eq!(std::fs::read(&base_sources).unwrap(), before);
    assert_eq!(j["case"]["period"], serde_json::json!([2014, 2023]));
}

#[test]
fn a_colliding_id_is_refused_naming_both_files_and_lines() {
    let tmp = extension("A012,2023-02-03,USA,CHN,cooperation,Collides,Same id as the base.,xt-1,p. 2\n");
    let ext = tmp.path().join("ext");
    let out = bin().arg("check").arg(&ext).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "a duplicate id is a bad value");
    let err = String::from_utf8_lossy(&out.stderr);
    let base_line = std::fs::read_to_string(repo("cases/us-china-ai/actions.csv"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("A012,"))
        .unwrap()
        + 1;
    let ext_file = ext.join("actions.csv").display().to_string();
    let base_file = tmp.path().join("ext/../base/actions.csv").display().to_string();
    assert!(err.contains(&format!("{ext_file}:3: field id: duplicate id \"A012\"")), "names the extension's line: {err}");
    assert!(err.contains(&format!("{base_file}:{base_line}")), "names the base's line {base_line}: {err}");
    assert_eq!(err.matches("\"A012\"").count(), 1, "reported once, not again as a same-file duplicate: {err}");
}

#[test]
fn an_extension_may_not_change_the_dyad_and_needs_its_own_id() {
    let tmp = extension("");
    let ext = tmp.path().join("ext");
    std::fs::write(ext.join("case.toml"), "[case]\nextends = \"../base\"\nbalancer = \"CHN\"\nperiod = [2014, 2023]\n").unwrap();
    let out = bin().arg("check").arg(&ext).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("case.toml:3: field case.balancer"), "{err}");
    assert!(err.contains("field case.id"), "{err}");
    std::fs::write(ext.join("case.toml"), "[case]\nextends = \"no-such-case\"\nid = \"x\"\n").unwrap();
    let out = bin().arg("check").arg(&ext).output().unwrap();
    assert_eq!(out.status.code(), Some(7));
    assert!(String::from_utf8_lossy(&out.stderr).contains("case.toml:2: field case.extends"));
}

fn source_ids(case: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for dir in match case {
        "us-china-ai-2025" => vec!["cases/us-china-ai", "cases/us-china-ai-2025"],
        other => vec![if other == "chn-usa-ai" { "cases/chn-usa-ai" } else { other }],
    } {
        let text = std::fs::read_to_string(repo(dir).join("sources.csv")).unwrap();
        let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
        ids.extend(rdr.records().map(|r| r.unwrap()[0].to_string()));
    }
    ids
}

#[test]
fn sources_export_as_csl_json_covers_every_row() {
    for case in ["us-china-ai-2025", "chn-usa-ai"] {
        let out = bin().args(["sources", "--case", case, "--format", "csl-json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("a JSON array");
        let ids = source_ids(case);
        assert_eq!(items.len(), ids.len());
        for (item, id) in items.iter().zip(&ids) {
            assert_eq!(item["id"], id.as_str());
            assert!(item["type"].is_string() && item["title"].as_str().is_some_and(|t| !t.is_empty()), "{item}");
            if let Some(authors) = item.get("author") {
                for a in authors.as_array().unwrap() {
                    assert!(a.get("literal").is_some() || (a.get("family").is_some() && a.get("given").is_some()), "{a}");
                }
            }
            if let Some(parts) = item.pointer("/issued/date-parts/0") {
                let y = parts[0].as_i64().unwrap();
                assert!((1500..=2100).contains(&y), "{item}");
            }
        }
    }
    // A person is split into family and given names; an institution stays literal.
    let out = bin().args(["sources", "--case", "us-china-ai-2025", "--format", "csl-json"]).output().unwrap();
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by_id = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();
    assert_eq!(by_id("x25-hklaw2025-0404")["author"][0], serde_json::json!({"family": "Sopcisak", "given": "Joseph"}));
    assert_eq!(by_id("x25-hklaw2024-1217")["author"].as_array().unwrap().len(), 3);
    assert_eq!(by_id("x25-bis2022-1007")["author"][0]["literal"], "U.S. Bureau of Industry and Security");
    assert_eq!(by_id("x25-bis2022-1007")["issued"]["date-parts"], serde_json::json!([[2022, 10, 7]]));
    assert_eq!(
        by_id("x25-bis2022-1007")["URL"],
        "https://bis.gov/press-release/commerce-implements-new-export-controls-advanced-computing-and-semiconductor"
    );
}

#[test]
fn sources_export_as_bibtex_is_balanced_and_covers_every_row() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("us-china-ai-2025.bib");
    bin().args(["sources", "--case", "us-china-ai-2025", "--format", "bibtex", "--out"]).arg(&file).assert().success();
    let bib = std::fs::read_to_string(&file).unwrap();
    let ids = source_ids("us-china-ai-2025");
    let entries: Vec<&str> = bib.split("\n@").filter(|e| !e.trim().is_empty()).collect();
    assert_eq!(entries.len(), ids.len(), "one entry per source row");
    for (entry, id) in entries.iter().zip(&ids) {
        let entry = entry.trim_start_matches('@');
        let (kind, rest) = entry.split_once('{').expect("@type{key,");
        assert!(kind == "misc" || kind == "online", "{entry}");
        let key = rest.split(',').next().unwrap();
        assert!(key.chars().all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c)), "key {key:?}");
        assert!(entry.contains(&format!("x-source-id = {{{id}}}")) || key == id, "entry for {id}: {entry}");
        assert!(entry.contains("title = {"), "{entry}");
        // Braces balance once escaped braces are discounted.
        let unescaped = entry.replace("\\{", "").replace("\\}", "");
        assert_eq!(unescaped.matches('{').count(), unescaped.matches('}').count(), "unbalanced: {entry}");
    }
    // LaTeX specials are escaped: the Holland & Knight author keeps its ampersand escaped.
    assert!(bib.contains("Holland \\& Knight"), "ampersands are escaped");
    assert!(!bib.contains(" & "), "no bare ampersand");
    // A folder that does not exist is refused like in every other command.
    bin().args(["sources", "no-such-case-folder", "--format", "bibtex"]).assert().code(3);
}
