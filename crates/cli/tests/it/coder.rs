//! `softbalance code` and `softbalance eval` driven through the binary: input forms, output
//! fields, the dyad-context rule, documents, and every documented failure (exit code and a
//! message naming the line), never a panic.

use crate::harness::bin;
use predicates::prelude::*;
use serde_json::Value;
use std::io::Write;

fn code(args: &[&str], stdin: &str) -> Vec<Value> {
    let out = bin().arg("code").args(args).write_stdin(stdin).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    text.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    (dir, path)
}

/// A failing run: its exit code and the stderr fragments it must contain.
fn check_failure(args: &[&str], stdin: &[u8], code: i32, needles: &[&str]) {
    let mut a = bin().args(args).write_stdin(stdin).assert().failure().code(code);
    for n in needles {
        a = a.stderr(predicate::str::contains(*n));
    }
    a.stderr(predicate::str::contains("panicked").not());
}

#[test]
fn texts_as_arguments_give_all_fields() {
    let rows = code(
        &["--format", "jsonl", "The Commerce Department added Huawei to the Entity List.", "美國對中國實施出口管制。"],
        "",
    );
    assert_eq!(rows.len(), 2);
    for key in ["id", "label", "confidence", "runner_up", "cues", "lang", "balancer", "target"] {
        assert!(rows[0].get(key).is_some(), "missing {key}: {}", rows[0]);
    }
    assert_eq!(rows[0]["label"], "obstruct.active");
    assert_eq!(rows[0]["lang"], "en");
    assert_eq!(rows[1]["lang"], "zh-Hant");
    assert_eq!(rows[1]["balancer"], "USA");
    assert_eq!(rows[1]["target"], "CHN");
    for r in &rows {
        for cue in r["cues"].as_array().unwrap() {
            let t = cue.as_str().unwrap();
            assert!(["The Commerce Department added Huawei to the Entity List.", "美國對中國實施出口管制。"]
                .iter()
                .any(|s| s.contains(t)));
        }
    }
}

#[test]
fn standard_input_lines_and_simplified_script() {
    let rows = code(&["--format", "jsonl"], "美国对中国实施出口管制。\nThe two sides held talks on tariffs.\n");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["lang"], "zh-Hans");
    assert_eq!(rows[0]["id"], "1");
    assert_eq!(rows[1]["id"], "2");
}

#[test]
fn jsonl_dyad_context_rule() {
    let text = "The United States and Japan issued a joint statement pledging to deepen cooperation on artificial intelligence.";
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "third", "text": text, "balancer": "USA", "target": "CHN"}),
        serde_json::json!({"id": "same", "text": text, "balancer": "USA", "target": "JPN"}),
    );
    let (_d, path) = file("items.jsonl", input.as_bytes());
    let rows = code(&["--format", "jsonl", "--input", path.to_str().unwrap()], "");
    assert_eq!(rows[0]["label"], "offset.external", "{}", rows[0]);
    assert_eq!(rows[1]["label"], "cooperation", "{}", rows[1]);
    assert_eq!(rows[0]["dyad"], "given");
}

#[test]
fn csv_input_and_default_dyad() {
    let (_d, path) = file(
        "items.csv",
        "id,text,note\nc1,\"美國與日本發表聯合聲明，承諾深化人工智慧合作。\",x\n".as_bytes(),
    );
    let rows = code(
        &["--format", "jsonl", "--input", path.to_str().unwrap(), "--balancer", "usa", "--target", "CHN"],
        "",
    );
    assert_eq!(rows[0]["id"], "c1");
    assert_eq!(rows[0]["label"], "offset.external");
    assert_eq!(rows[0]["balancer"], "USA");
}

#[test]
fn empty_input_and_empty_text() {
    assert!(code(&["--format", "jsonl"], "").is_empty());
    let rows = code(&["--format", "jsonl", "--input-format", "jsonl"], "{\"id\":\"e\",\"text\":\"  \"}\n");
    assert_eq!(rows[0]["label"], Value::Null);
}

#[test]
fn long_document_is_split_with_offsets_and_summary() {
    let doc = "The U.S. Commerce Department added Huawei to the Entity List in May 2019. It later banned \
               exports of advanced chips to Chinese firms. 美國與日本發表聯合聲明，協調出口管制。"
        .repeat(50);
    let rows = code(&["--format", "jsonl"], &doc);
    let summary = rows.last().unwrap();
    assert_eq!(summary["summary"], true);
    assert_eq!(summary["sentences"], 150);
    for r in &rows[..rows.len() - 1] {
        let off = r["offset"].as_u64().unwrap() as usize;
        let end = r["end"].as_u64().unwrap() as usize;
        assert!(doc.is_char_boundary(off) && end <= doc.len());
    }
    assert_eq!(rows[1]["offset"], doc.find("It later").unwrap());
}

#[test]
fn table_format() {
    bin()
        .args(["code", "--format", "table", "美國對中國實施出口管制。"])
        .assert()
        .success()
        .stdout(predicate::str::contains("label").and(predicate::str::contains("USA→CHN")));
}

#[test]
fn code_failures_name_the_line() {
    check_failure(&["code", "--input", "/nonexistent/x.jsonl"], b"", 3, &["cannot read"]);
    check_failure(&["code"], b"ok line\n\xff\xfe bad\n", 4, &["<stdin>:2", "UTF-8"]);
    check_failure(
        &["code", "--input-format", "jsonl"],
        b"{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\n",
        5,
        &["<stdin>:2", "malformed JSONL"],
    );
    check_failure(&["code", "--input-format", "jsonl"], b"{\"id\":1}\n", 6, &["<stdin>:1", "`text`"]);
    check_failure(&["code", "--input-format", "csv"], b"id,body\n1,x\n", 5, &["`text` column"]);
}

#[test]
fn eval_cross_validation_json() {
    let out = bin().args(["eval", "--folds", "3", "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let f1 = v["macro_f1"].as_f64().unwrap();
    assert!(f1 > 0.6, "macro-F1 {f1}");
    for lang in ["en", "zh-Hant", "zh-Hans"] {
        assert!(v["per_lang"][lang]["macro_f1"].as_f64().is_some(), "{lang}");
    }
    assert_eq!(v["per_code"].as_array().unwrap().len(), 9);
    // Ten rows and columns: the nine codes, then none.
    assert_eq!(v["confusion"].as_array().unwrap().len(), 10);
    assert_eq!(v["codes"][9], "none");
    assert!(v["kappa"].as_f64().is_some());
    assert!(v["actors"]["n"].as_u64().unwrap() > 0);
    // Folds are grouped by event, and it says so.
    assert!(v["mode"].as_str().unwrap().contains("grouped by event"), "{}", v["mode"]);
    assert!(v["none"]["non_actions"].as_u64().unwrap() > 0);
    assert!(v["none"]["rate_on_non_actions"].as_f64().unwrap() > v["none"]["rate_on_actions"].as_f64().unwrap());
}

#[test]
fn eval_gold_accepts_none_and_reports_none_rates() {
    let gold = [
        serde_json::json!({"id": "n1", "text": "Officials said Tokyo might restrict exports of chip tools if talks failed.", "label": "none", "balancer": "JPN", "target": "CHN"}),
        serde_json::json!({"id": "a1", "text": "Washington added 28 Chinese entities to the Entity List.", "label": "obstruct.active", "balancer": "USA", "target": "CHN"}),
    ];
    let body: String = gold.iter().map(|g| format!("{g}\n")).collect();
    let (_d, path) = file("gold.jsonl", body.as_bytes());
    let out = bin().args(["eval", "--gold", path.to_str().unwrap(), "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["none"]["non_actions"], 1);
    assert_eq!(v["none"]["actions"], 1);
    assert!(v["mode"].as_str().unwrap().contains("model sbc-"), "{}", v["mode"]);
}

#[test]
fn none_answers_carry_their_cue_and_the_model() {
    let rows = code(&["--format", "jsonl", "--balancer", "USA", "--target", "TUR", "The United States did not impose sanctions on Turkey."], "");
    assert_eq!(rows[0]["label"], "none", "{}", rows[0]);
    assert_eq!(rows[0]["none_kind"], "negation", "{}", rows[0]);
    let cue = rows[0]["none_cue"].as_str().unwrap();
    assert!("The United States did not impose sanctions on Turkey.".contains(cue));
    assert!(rows[0]["model"].as_str().unwrap().starts_with("sbc-"));
}

#[test]
fn eval_gold_file() {
    let gold = [
        serde_json::json!({"id": "g1", "text": "Washington added 28 Chinese entities to the Entity List, restricting their access to American technology.", "label": "obstruct.active", "balancer": "USA", "target": "CHN"}),
        serde_json::json!({"id": "g2", "text": "中美兩國發表氣候變化聯合聲明，承諾共同減排。", "label": "cooperation", "balancer": "USA", "target": "CHN", "lang": "zh-Hant"}),
        serde_json::json!({"id": "g3", "text": "美国与印度启动关键和新兴技术倡议，协调半导体供应链。", "label": "offset.external", "balancer": "USA", "target": "CHN"}),
    ];
    let body: String = gold.iter().map(|g| format!("{g}\n")).collect();
    let (_d, path) = file("gold.jsonl", body.as_bytes());
    bin()
        .args(["eval", "--gold", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("macro-F1")
                .and(predicate::str::contains("kappa"))
                .and(predicate::str::contains("actor detection"))
                .and(predicate::str::contains("zh-Hans")),
        );
    let out = bin().args(["eval", "--gold", path.to_str().unwrap(), "--format", "json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["n"], 3);
    assert!(v["macro_f1"].as_f64().is_some());
}

#[test]
fn eval_gold_failures_name_the_line() {
    let ok = r#"{"id":"a","text":"x","label":"friction"}"#;
    let cases: [(Vec<u8>, i32, &[&str]); 5] = [
        (format!("{ok}\n{{\"id\":\"b\",\"text\":\"y\"}}\n").into_bytes(), 6, &[":2", "`label`"]),
        (format!("{ok}\n{{\"id\":\"b\",\"text\":\"y\",\"label\":\"hard\"}}\n").into_bytes(), 6, &[":2", "unknown", "offset.internal"]),
        (format!("{ok}\nnot json\n").into_bytes(), 5, &[":2", "malformed JSONL"]),
        ([ok.as_bytes(), b"\n\xc3\x28\n"].concat(), 4, &[":2", "UTF-8"]),
        (Vec::new(), 6, &["no labeled items"]),
    ];
    for (bytes, code, needles) in cases {
        let (_d, path) = file("gold.jsonl", &bytes);
        check_failure(&["eval", "--gold", path.to_str().unwrap()], b"", code, needles);
    }
    check_failure(&["eval", "--gold", "/nonexistent/gold.jsonl"], b"", 3, &["cannot read"]);
}

#[test]
fn whole_file_as_one_document() {
    let text = "美國商務部將華為列入實體清單。\n中國表示強烈反對，並宣布反制措施。\nThe two sides later held talks.";
    let (_d, path) = file("report.txt", text.as_bytes());
    let rows = code(&["--format", "jsonl", "--input", path.to_str().unwrap(), "--input-format", "document"], "");
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[..3].iter().all(|r| r["id"] == "report.txt"));
    assert_eq!(rows[1]["offset"], text.find("中國").unwrap());
    assert_eq!(rows[3]["summary"], true);
}
