//! Snapshot tests of the three report formats on a small, fixed case, so any change to what
//! analysts read shows up in review. Regenerate with `INSTA_UPDATE=always cargo test -p
//! softbalance-report` and review the diff.

use softbalance_report::{render, Format};
use std::path::Path;

fn mini() -> softbalance_core::Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    softbalance_case::load_dir(&dir).expect("fixture is valid")
}

#[test]
fn text_summary() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Text));
}

#[test]
fn markdown_report() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    insta::assert_snapshot!(render(&case, &a, None, &[], Format::Markdown).replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn json_report() {
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let json = render(&case, &a, None, &[], Format::Json).replace(env!("CARGO_PKG_VERSION"), "[version]");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["observed"]["by_strategy"].as_object().unwrap().len(), 9);
    // Growth recomputed from raw values: 90 → 117 is +30%.
    assert_eq!(v["interests"]["series"][0]["points"][2]["growth_pct"], 30.0);
    insta::assert_snapshot!(json);
}

#[test]
fn html_report_is_self_contained_and_follows_the_language() {
    use softbalance_report::html::Lang;
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let html = render(&case, &a, None, &["threat.weights.intentions = 0.6 (was 0.4)".into()], Format::Html(Lang::En))
        .replace(env!("CARGO_PKG_VERSION"), "[version]");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains(r#"<meta charset="utf-8">"#));
    for forbidden in ["<script", "<link", "@import", "url(", "src=", "<iframe"] {
        assert!(!html.contains(forbidden), "the report must make no request: found {forbidden}");
    }
    assert!(html.contains("Noto Sans CJK TC"), "a CJK font fallback");
    assert!(html.contains("@page{size:A4"), "prints on A4");
    assert!(html.contains("What-if:") && html.contains("threat.weights.intentions"));
    assert_eq!(html.matches("<svg").count(), 7, "decision path, components, series, two robustness charts, strategies, per year");
    assert!(html.contains(r#"class="box on""#), "the case's path is highlighted");
    for s in &case.sources {
        assert!(html.contains(&format!("id=\"src-{}\"", s.id)), "every source has an anchor");
    }
    let hant = render(&case, &a, None, &[], Format::Html(Lang::ZhHant));
    let hans = render(&case, &a, None, &[], Format::Html(Lang::ZhHans));
    assert!(hant.contains("<html lang=\"zh-Hant\">") && hant.contains("結論") && hant.contains("證據"));
    assert!(hans.contains("<html lang=\"zh-Hans\">") && hans.contains("结论") && hans.contains("证据"));
    insta::assert_snapshot!(html);
}

#[test]
fn json_report_validates_against_the_published_schema() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid JSON Schema");
    // The fixture, the built-in case, and an empty case (insufficient evidence everywhere).
    let builtin = softbalance_case::load_builtin().unwrap();
    let empty = softbalance_core::Case::empty("FRA", "DEU", (2010, 2012));
    for case in [mini(), builtin, empty] {
        let mut case = case;
        case.params.robustness.draws = 200;
        let a = softbalance_core::analyze(&case);
        let v: serde_json::Value = serde_json::from_str(&render(&case, &a, None, &[], Format::Json)).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", case.meta.id);
    }
    // The validator is not vacuous: a wrong level is caught.
    let case = mini();
    let a = softbalance_core::analyze(&case);
    let mut v: serde_json::Value = serde_json::from_str(&render(&case, &a, None, &[], Format::Json)).unwrap();
    v["threat"]["level"] = "grave".into();
    assert!(!validator.is_valid(&v));
}
