//! Every country name in the real ICEWS sample (crates/events/tests/fixtures) must resolve.

use softbalance_gazetteer::gazetteer;
use std::path::PathBuf;

#[test]
fn icews_sample_country_names_all_resolve() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../events/tests/fixtures/icews_events.2018.sample.tab");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("the ICEWS sample is required for this test and could not be read at {}: {e}", path.display())
    });
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let cols: Vec<usize> = ["Source Country", "Target Country"]
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap_or_else(|| panic!("no column {c:?}")))
        .collect();
    let mut checked = std::collections::BTreeSet::new();
    let mut missing = std::collections::BTreeSet::new();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        for &c in &cols {
            let name = fields[c];
            if name == "NA" || name.is_empty() || !checked.insert(name.to_owned()) {
                continue;
            }
            if gazetteer().from_name(name).is_none() {
                missing.insert(name.to_owned());
            }
        }
    }
    assert!(checked.len() > 100, "expected many country names, got {}", checked.len());
    assert!(missing.is_empty(), "unresolved ICEWS names: {missing:?}");
}
