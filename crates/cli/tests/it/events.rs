//! `softbalance events panel|summary` on the real fixtures: the reconciliation line, the
//! rejects file, the CSV/Parquet panel with peacesciencer columns, and the exit codes.

use crate::harness::bin;
use predicates::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/events/");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}{name}")
}

#[test]
fn panel_csv_from_gdelt1_and_icews_reconciles_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("panel.csv");
    let rejects = dir.path().join("rejects.tsv");
    bin()
        .args(["events", "panel", &fixture("gdelt1_reed9999_events_sample.tsv"), &fixture("icews_events.2018.sample.tab")])
        .arg("--out")
        .arg(&out)
        .arg("--rejects")
        .arg(&rejects)
        .args(["--threads", "2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("rows read 4415 = used "))
        .stderr(predicate::str::contains("rejected 0"));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    for c in ["iso3_1", "iso3_2", "ccode1", "ccode2", "gwcode1", "gwcode2", "year", "offset_internal", "obstruct_active", "cooperation", "events", "goldstein_sum", "goldstein_mean", "sb_index", "hard_share"] {
        assert!(header.iter().any(|h| h == c), "missing column {c}");
    }
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let row = rdr
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[col("iso3_1")] == "USA" && &r[col("iso3_2")] == "RUS" && &r[col("year")] == "2016")
        .expect("USA→RUS 2016 row");
    assert_eq!(&row[col("obstruct_active")], "1");
    assert_eq!(&row[col("ccode2")], "365");
    assert!(std::fs::read_to_string(&rejects).unwrap().starts_with("file\tline\treason\traw"));
}

#[test]
fn panel_parquet_with_dyads_and_years() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("panel.parquet");
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab"), "--dyads", "USA:CHN,CHN:USA", "--from", "2017", "--to", "2018"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 4 panel rows"));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
}

#[test]
fn summary_prints_the_dyad_profile() {
    bin()
        .args(["events", "summary", &fixture("icews_events.2018.sample.tab"), "--dyad", "USA:CHN"])
        .assert()
        .success()
        .stdout(predicate::str::contains("USA → CHN"))
        .stdout(predicate::str::contains("\n2018 "))
        .stderr(predicate::str::contains("rows read 3705"));
}

#[test]
fn exit_codes_for_usage_input_and_output() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab"), "--out"])
        .arg(dir.path().join("x.txt"))
        .assert()
        .code(2);
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab"), "--dyads", "USA-CHN", "--out"])
        .arg(dir.path().join("x.csv"))
        .assert()
        .code(2);
    bin()
        .args(["events", "panel", "/nonexistent/events.tsv", "--out"])
        .arg(dir.path().join("x.csv"))
        .assert()
        .code(3);
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab"), "--out", "/nonexistent/dir/x.csv"])
        .assert()
        .code(8);
}

#[test]
fn mappings_folder_replaces_the_built_in_table() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../events/mappings/cameo.csv")).unwrap();
    // Recode 163 (sanctions) as friction: USA→RUS 2016 then has no obstruct.active event.
    let edited: String = builtin
        .lines()
        .map(|l| if l.starts_with("163,") { "163,Impose embargo,friction,0,0,test override".to_string() } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    std::fs::write(dir.path().join("maps/cameo.csv"), edited + "\n").unwrap();
    let out = dir.path().join("panel.csv");
    bin()
        .args(["events", "panel", &fixture("gdelt1_reed9999_events_sample.tsv"), "--dyads", "USA:RUS", "--from", "2016", "--to", "2016"])
        .arg("--mappings")
        .arg(dir.path().join("maps"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let row = rdr.records().next().unwrap().unwrap();
    let col = |n: &str| &row[h.iter().position(|x| x == n).unwrap()];
    assert_eq!(col("obstruct_active"), "0");
    assert_eq!(col("friction"), "2");
    // A broken table is a configuration error with its own exit code.
    std::fs::write(dir.path().join("maps/cameo.csv"), "cameo,name,strategy,military,capability,rationale\n163,x,offset.middle,0,0,y\n").unwrap();
    bin()
        .args(["events", "panel", &fixture("gdelt1_reed9999_events_sample.tsv")])
        .arg("--mappings")
        .arg(dir.path().join("maps"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(5)
        .stderr(predicate::str::contains("offset.middle"));
}
