//! `softbalance events panel|summary` on the real fixtures: the reconciliation line, the
//! rejects file, the CSV/Parquet panel with peacesciencer columns, and the exit codes.

use crate::harness::bin;
use predicates::prelude::*;

/// The events crate's fixtures (real GDELT 1.0 and ICEWS files; provenance in their README.md).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../events/tests/fixtures/");

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

/// A copy of the GDELT fixture under a name like a user's input.
fn input_copy(dir: &std::path::Path) -> (std::path::PathBuf, Vec<u8>) {
    let input = dir.join("in.CSV");
    std::fs::copy(fixture("gdelt1_reed9999_events_sample.tsv"), &input).unwrap();
    let bytes = std::fs::read(&input).unwrap();
    (input, bytes)
}

#[test]
fn rejects_file_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (input, before) = input_copy(dir.path());
    bin()
        .args(["events", "panel"])
        .arg(&input)
        .arg("--out")
        .arg(dir.path().join("panel.csv"))
        .arg("--rejects")
        .arg(&input)
        .assert()
        .code(8)
        .stderr(predicate::str::contains("is the input file"));
    assert_eq!(std::fs::read(&input).unwrap(), before, "input byte-identical");
    assert!(!dir.path().join("panel.csv").exists());
}

#[test]
fn out_file_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (input, before) = input_copy(dir.path());
    bin()
        .args(["events", "panel"])
        .arg(&input)
        .arg("--out")
        .arg(&input)
        .assert()
        .code(8)
        .stderr(predicate::str::contains("is the input file"));
    assert_eq!(std::fs::read(&input).unwrap(), before, "input byte-identical");
    let lower = dir.path().join("in.csv");
    std::fs::rename(&input, &lower).unwrap();
    // Another spelling of the same path, and a symlink to it, are the same file too.
    let dotted = dir.path().join(".").join("in.csv");
    bin().args(["events", "panel"]).arg(&lower).arg("--out").arg(&dotted).assert().code(8);
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&lower, &link).unwrap();
    bin().args(["events", "panel"]).arg(&lower).arg("--out").arg(&link).assert().code(8);
    assert_eq!(std::fs::read(&lower).unwrap(), before, "input byte-identical");
}

#[test]
fn outputs_get_mode_0644_under_umask_022() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("panel.csv");
    let rejects = dir.path().join("rejects.tsv");
    // Run under umask 022 whatever the test runner's umask is.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" events panel \"$1\" --out \"$2\" --rejects \"$3\"")
        .arg(assert_cmd::cargo::cargo_bin("softbalance"))
        .arg(fixture("icews_events.2018.sample.tab"))
        .arg(&out)
        .arg(&rejects)
        .status()
        .unwrap();
    assert!(status.success());
    for f in [&out, &rejects] {
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "{}", f.display());
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 2, "no temporary file left: {left:?}");
}

#[test]
fn empty_or_wholly_rejected_input_exits_4_naming_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.tsv");
    std::fs::write(&empty, "").unwrap();
    bin()
        .args(["events", "panel"])
        .arg(&empty)
        .arg("--out")
        .arg(dir.path().join("p.csv"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains("is empty"))
        .stderr(predicate::str::contains("GDELT 1.0 (57 or 58 tab-separated columns)"));
    let noise = dir.path().join("noise.txt");
    std::fs::write(&noise, "not\tan\tevent\nat all\n").unwrap();
    bin()
        .args(["events", "panel"])
        .arg(&noise)
        .arg("--out")
        .arg(dir.path().join("p.csv"))
        .assert()
        .code(4)
        .stderr(predicate::str::contains("all 2 rows were rejected"));
    assert!(!dir.path().join("p.csv").exists());
}

#[test]
fn rejects_file_that_cannot_be_written_exits_8_not_3() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab"), "--rejects", "/nonexistent/dir/r.tsv", "--out"])
        .arg(dir.path().join("p.csv"))
        .assert()
        .code(8);
}

#[test]
fn dedupe_is_on_by_default_and_has_its_own_term() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("again.tab");
    std::fs::copy(fixture("icews_events.2018.sample.tab"), &copy).unwrap();
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab")])
        .arg(&copy)
        .arg("--out")
        .arg(dir.path().join("p.csv"))
        .assert()
        .success()
        .stderr(predicate::str::contains("rows read 7410 = used "))
        .stderr(predicate::str::contains(" + duplicates 3705"));
    bin()
        .args(["events", "panel", &fixture("icews_events.2018.sample.tab")])
        .arg(&copy)
        .arg("--no-dedupe")
        .arg("--out")
        .arg(dir.path().join("p.csv"))
        .assert()
        .success()
        .stderr(predicate::str::contains(" + duplicates 0"));
}

#[test]
fn help_documents_exit_codes_and_options() {
    bin()
        .args(["events", "panel", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("4 format"))
        .stdout(predicate::str::contains("8 output"))
        .stdout(predicate::str::contains("9 engine"))
        .stdout(predicate::str::contains("--latin1"))
        .stdout(predicate::str::contains("--no-dedupe"));
}

/// `write_output` (used by `analyze --out` and `new`) follows the same rules as the event
/// outputs: same file by device and inode, normal mode.
#[test]
fn analyze_out_refuses_a_hard_link_to_a_case_file_and_writes_mode_0644() {
    use std::os::unix::fs::PermissionsExt;
    let case = crate::harness::CaseCopy::new();
    let before = case.read("actions.csv");
    let link = tempfile::tempdir().unwrap();
    let linked = link.path().join("report.md");
    std::fs::hard_link(case.path("actions.csv"), &linked).unwrap();
    bin()
        .args(["analyze", "--no-coder", "--format", "markdown", "--out"])
        .arg(&linked)
        .arg(case.dir())
        .assert()
        .code(8)
        .stderr(predicate::str::contains("refusing to overwrite input file"));
    assert_eq!(case.read("actions.csv"), before);
    let out = link.path().join("fresh.md");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" analyze --no-coder --out \"$1\"")
        .arg(assert_cmd::cargo::cargo_bin("softbalance"))
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
}
