//! Integration tests of softbalance-events: the real fixtures in tests/fixtures with
//! hand-checked cells, a generated GDELT 2.0 export, malformed-row properties, and local vs
//! Ballista runs. One test binary (STYLE.md 11); helpers live here.

#[cfg(feature = "ballista")]
mod distributed;
mod fixtures;
mod fuzz_regressions;
mod gdelt2;
mod polecat;
mod robustness;
mod strict;

use softbalance_events::panel::PanelRow;
use softbalance_events::{run_panel, Panel, PanelOptions};
use std::path::PathBuf;

/// Real GDELT 1.0 and ICEWS files, copied into the repository (provenance in its README.md).
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}{name}")
}

pub fn gdelt1() -> String {
    fixture("gdelt1_reed9999_events_sample.tsv")
}

pub fn icews() -> String {
    fixture("icews_events.2018.sample.tab")
}

/// Run a panel with two threads and the given tweaks.
pub fn panel(inputs: &[String], tweak: impl FnOnce(&mut PanelOptions)) -> Panel {
    let mut o = PanelOptions { inputs: inputs.to_vec(), threads: 2, ..PanelOptions::default() };
    tweak(&mut o);
    run_panel(&o).expect("panel runs")
}

/// The row of a directed dyad in a year (first month when monthly).
pub fn cell<'a>(p: &'a Panel, a: &str, b: &str, year: i32) -> &'a PanelRow {
    p.rows
        .iter()
        .find(|r| r.iso3_1 == a && r.iso3_2 == b && r.year == year)
        .unwrap_or_else(|| panic!("no row {a}->{b} {year}"))
}

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn path_str(p: &std::path::Path) -> String {
    p.display().to_string()
}

#[allow(dead_code)]
pub fn pb(s: &str) -> PathBuf {
    PathBuf::from(s)
}
