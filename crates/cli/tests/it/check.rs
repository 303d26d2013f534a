//! `softbalance check` and `new`: each kind of malformed case gives its own clear error and
//! exit code, nothing panics, and a new case is valid from the start.

use crate::harness::{bin, CaseCopy};

/// Run check on the copy and return (exit code, stderr).
fn check(c: &CaseCopy) -> (i32, String) {
    let out = bin().arg("check").arg(c.dir()).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_builtin_case_is_valid() {
    let out = bin().arg("check").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: builtin:us-china-ai"));
}

#[test]
fn a_missing_folder_or_file_exits_3() {
    bin().args(["check", "/definitely/not/a/case"]).assert().code(3);
    let c = CaseCopy::new();
    std::fs::remove_file(c.path("actions.csv")).unwrap();
    let (code, err) = check(&c);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("actions.csv") && err.contains("file is missing"), "{err}");
}

#[test]
fn non_utf8_bytes_exit_4_with_the_line() {
    let c = CaseCopy::new();
    let mut bytes = std::fs::read(c.path("sources.csv")).unwrap();
    let third_line = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(1).unwrap().0 + 1;
    bytes.insert(third_line + 2, 0xff);
    std::fs::write(c.path("sources.csv"), bytes).unwrap();
    let (code, err) = check(&c);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("sources.csv:3") && err.contains("UTF-8"), "{err}");
}

#[test]
fn a_missing_column_exits_5_naming_it() {
    let c = CaseCopy::new();
    let text = c.read("actions.csv");
    c.write("actions.csv", &text.replacen(",code,", ",kode,", 1));
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("actions.csv:1: field code: required column is missing"), "{err}");
}

#[test]
fn a_row_with_too_many_fields_exits_5_with_its_line() {
    let c = CaseCopy::new();
    let mut text = c.read("actors.csv");
    text.push_str("XXX,state,Somewhere,,,extra\n");
    c.write("actors.csv", &text);
    let n = text.lines().count();
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains(&format!("actors.csv:{n}:")) && err.contains("fields"), "{err}");
}

#[test]
fn broken_toml_exits_5() {
    let c = CaseCopy::new();
    c.write("case.toml", "[case\nid = 1\n");
    let (code, err) = check(&c);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("case.toml:1"), "{err}");
}

#[test]
fn a_bad_date_exits_6_naming_line_and_field() {
    let c = CaseCopy::new();
    let mut line = 0;
    c.edit_csv_lines("actions.csv", |i, l| {
        if line == 0 && i > 0 {
            line = i + 1;
            let mut f: Vec<String> = l.split(',').map(str::to_string).collect();
            f[1] = "2019-13-40".into();
            return f.join(",");
        }
        l.to_string()
    });
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains(&format!("actions.csv:{line}: field date:")) && err.contains("expected YYYY"), "{err}");
}

#[test]
fn an_unknown_strategy_code_exits_6_listing_the_valid_ones() {
    let c = CaseCopy::new();
    c.edit_csv("actions.csv", |row| {
        let code = crate::harness::field(row, "code");
        if code == "institutional" {
            *code = "institutional.soft".into();
        }
        true
    });
    let (code, err) = check(&c);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("field code: unknown strategy code \"institutional.soft\"") && err.contains("offset.internal"), "{err}");
}

#[test]
fn a_dangling_source_id_exits_7() {
    let c = CaseCopy::new();
    let mut first = true;
    c.edit_csv("indicators.csv", |row| {
        if first {
            *crate::harness::field(row, "source") = "no-such-source".into();
            first = false;
        }
        true
    });
    let (code, err) = check(&c);
    assert_eq!(code, 7, "{err}");
    assert!(err.contains("indicators.csv:2: field source: \"no-such-source\" is not an id in sources.csv"), "{err}");
}

#[test]
fn several_problems_are_all_listed_and_the_first_kind_decides_the_code() {
    let c = CaseCopy::new();
    c.edit_csv("actions.csv", |row| {
        *crate::harness::field(row, "source") = "nowhere".into();
        true
    });
    c.edit_csv("indicators.csv", |row| {
        *crate::harness::field(row, "value") = "lots".into();
        true
    });
    let (code, err) = check(&c);
    assert_eq!(code, 6, "value problems come before reference problems");
    assert!(err.matches("is not a number").count() > 50 && err.contains("nowhere"), "{err}");
}

#[test]
fn analyze_refuses_an_invalid_case_with_the_same_code() {
    let c = CaseCopy::new();
    std::fs::remove_file(c.path("indicators.csv")).unwrap();
    bin().args(["analyze"]).arg(c.dir()).assert().code(3);
}

#[test]
fn new_scaffolds_a_valid_case_that_analyze_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("fra-usa-trade");
    bin().args(["new"]).arg(&dir).args(["--balancer", "FRA", "--target", "USA", "--domain", "trade"]).assert().success();
    bin().arg("check").arg(&dir).assert().success();
    let out = bin().args(["analyze", "--no-coder", "--format", "json"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["prediction"]["response"], "insufficient_evidence", "an empty case has no evidence");
    assert_eq!(j["observed"]["response"], "insufficient_evidence");
    assert_eq!(j["verdict"]["agreement"], "cannot_tell");
    assert!(std::fs::read_to_string(dir.join("indicators.csv")).unwrap().contains("# I001"), "commented examples");
    // Never overwrite.
    bin().args(["new"]).arg(&dir).args(["--balancer", "FRA", "--target", "USA", "--domain", "trade"]).assert().code(8);
    bin().args(["new"]).arg(tmp.path().join("x")).args(["--balancer", "fr", "--target", "USA", "--domain", "d"]).assert().code(2);
}

/// The scaffold is neutral: the states' names from the gazetteer, the period from --from/--to,
/// a proximity weight with guidance by domain, no domain-specific example rows.
#[test]
fn new_writes_a_neutral_scaffold_with_names_period_and_proximity_guidance() {
    let tmp = tempfile::tempdir().unwrap();
    let sea = tmp.path().join("kor-prk");
    bin().args(["new"]).arg(&sea).args(["--balancer", "KOR", "--target", "PRK", "--domain", "maritime-security", "--from", "2010", "--to", "2019"]).assert().success();
    let toml = std::fs::read_to_string(sea.join("case.toml")).unwrap();
    assert!(toml.contains("period = [2010, 2019]"), "{toml}");
    assert!(toml.contains("title_en = \"South Korea and North Korea: maritime-security\""), "{toml}");
    assert!(toml.contains("proximity = 0.15 "), "a security domain weighs distance: {toml}");
    let actors = std::fs::read_to_string(sea.join("actors.csv")).unwrap();
    assert!(actors.contains("KOR,state,South Korea,南韓,"), "{actors}");
    let all: String = ["indicators.csv", "actions.csv", "sources.csv", "case.toml"].iter().map(|f| std::fs::read_to_string(sea.join(f)).unwrap()).collect();
    for ai in ["ai_firms", "ai_papers", "Entity List", "China", "unmanned"] {
        assert!(!all.contains(ai), "domain-specific example {ai:?} in the scaffold");
    }
    bin().arg("check").arg(&sea).assert().success();

    let trade = tmp.path().join("aus-nzl");
    bin().args(["new"]).arg(&trade).args(["--balancer", "AUS", "--target", "NZL", "--domain", "trade", "--year", "2020"]).assert().success();
    let toml = std::fs::read_to_string(trade.join("case.toml")).unwrap();
    assert!(toml.contains("period = [2015, 2020]") && toml.contains("proximity = 0.0 "), "{toml}");
    // Domains are read by word: "software" is not "war", "research" is not "sea".
    let soft = tmp.path().join("software");
    bin().args(["new"]).arg(&soft).args(["--balancer", "AUS", "--target", "NZL", "--domain", "software-research"]).assert().success();
    assert!(std::fs::read_to_string(soft.join("case.toml")).unwrap().contains("proximity = 0.0 "));
    // An empty case's coverage prints as 0%, never -0%.
    let out = String::from_utf8(bin().arg("check").arg(&trade).output().unwrap().stdout).unwrap();
    assert!(out.contains("rests on 0% of its weight"), "{out}");
    let bad = bin().args(["new"]).arg(tmp.path().join("x")).args(["--balancer", "AUS", "--target", "NZL", "--domain", "d", "--from", "2020", "--to", "2010"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--from 2020 is after --to 2010"));
}

#[test]
fn check_warns_about_a_thin_case_and_strict_makes_it_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("thin");
    bin().args(["new"]).arg(&dir).args(["--balancer", "FRA", "--target", "USA", "--domain", "trade"]).assert().success();
    let out = bin().arg("check").arg(&dir).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("warning: indicators.csv: no evidence for aggregate_power, offensive_capability, intentions"), "{text}");
    assert!(text.contains("warning: actions.csv: 0 actions by the balancer"), "{text}");
    bin().arg("check").arg(&dir).arg("--strict").assert().code(9);
    let builtin = bin().arg("check").output().unwrap();
    let warnings: Vec<String> =
        String::from_utf8_lossy(&builtin.stdout).lines().filter(|l| l.starts_with("warning:")).map(str::to_string).collect();
    // The built-in case has none: its one late row, the 2024 market forecast (I018), is
    // `projected`, and forecasts are not dated "after the period".
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[cfg(not(feature = "events"))]
#[test]
fn events_in_the_default_build_says_how_to_build_it() {
    let out = bin().args(["events", "panel", "x.tsv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--features events"));
}

#[test]
fn codes_lists_the_taxonomy_in_both_languages() {
    let out = bin().arg("codes").output().unwrap();
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    assert_eq!(t.lines().filter(|l| !l.starts_with(' ') && !l.is_empty()).count(), 9 + 2, "nine codes, `none`, the pointer");
    assert!(t.contains("obstruct.passive") && t.contains("消極妨礙") && t.contains("對手是否提出請求"));
    let en = String::from_utf8(bin().args(["codes", "--lang", "en"]).output().unwrap().stdout).unwrap();
    assert!(!en.contains("對手是否提出請求"));
}
