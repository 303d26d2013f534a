//! Integration tests for softbalance-gazetteer, one binary with a module per concern:
//! mentions in English and both Chinese scripts, code lookups (CAMEO, COW, GW, names),
//! the real ICEWS sample file, data-table invariants (with the FIPS 10-4 table) and property
//! tests.

mod codes;
mod fips;
mod icews;
mod mentions;
mod props;
mod script;
mod tables;

use softbalance_gazetteer::gazetteer;

/// Render mentions as `alias=CODE` items joined by spaces, the form the cases are written in.
pub fn render(text: &str) -> String {
    gazetteer()
        .mentions(text)
        .iter()
        .map(|m| format!("{}={}", m.alias, m.code))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one assertion helper: `check(input, "alias=CODE alias=CODE")`.
#[track_caller]
pub fn check(input: &str, expected: &str) {
    assert_eq!(render(input), expected, "mentions({input:?})");
}
