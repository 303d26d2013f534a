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
