//! Shared helpers: the binary under test, the built-in case folder, and copies of it that a
//! test may edit.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn bin() -> Command {
    Command::cargo_bin("softbalance").expect("binary built by cargo test")
}

/// `cases/us-china-ai` in the repository.
pub fn builtin_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/us-china-ai")
}

/// A temporary copy of the built-in case that a test may edit.
pub struct CaseCopy {
    pub tmp: tempfile::TempDir,
}

impl CaseCopy {
    pub fn new() -> CaseCopy {
        let tmp = tempfile::tempdir().unwrap();
        for f in ["case.toml", "sources.csv", "actors.csv", "indicators.csv", "actions.csv", "friction.csv"] {
            std::fs::copy(builtin_dir().join(f), tmp.path().join(f)).unwrap();
        }
        CaseCopy { tmp }
    }
    pub fn dir(&self) -> &Path {
        self.tmp.path()
    }
    pub fn path(&self, f: &str) -> PathBuf {
        self.tmp.path().join(f)
    }
    pub fn read(&self, f: &str) -> String {
        std::fs::read_to_string(self.path(f)).unwrap()
    }
    pub fn write(&self, f: &str, s: &str) {
        std::fs::write(self.path(f), s).unwrap();
    }
    /// Rewrite one column of a CSV file row by row: `edit(row_fields_by_header) -> keep row?`.
    pub fn edit_csv(&self, f: &str, mut edit: impl FnMut(&mut Vec<(String, String)>) -> bool) {
        let text = self.read(f);
        let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
        let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&headers).unwrap();
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let mut row: Vec<(String, String)> =
                headers.iter().cloned().zip(rec.iter().map(str::to_string)).collect();
            if edit(&mut row) {
                out.write_record(row.iter().map(|(_, v)| v)).unwrap();
            }
        }
        self.write(f, &String::from_utf8(out.into_inner().unwrap()).unwrap());
    }
    /// Run `analyze --format json` on this copy and parse the report.
    pub fn analyze_json(&self) -> serde_json::Value {
        let out = bin().args(["analyze", "--no-coder", "--format", "json"]).arg(self.dir()).output().unwrap();
        assert!(out.status.success(), "analyze failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

pub fn field<'a>(row: &'a mut [(String, String)], name: &str) -> &'a mut String {
    &mut row.iter_mut().find(|(k, _)| k == name).unwrap_or_else(|| panic!("no column {name}")).1
}

impl CaseCopy {
    /// Rewrite a file line by line: `edit(index, line) -> new line`.
    pub fn edit_csv_lines(&self, f: &str, mut edit: impl FnMut(usize, &str) -> String) {
        let text = self.read(f);
        let out: Vec<String> = text.lines().enumerate().map(|(i, l)| edit(i, l)).collect();
        self.write(f, &(out.join("\n") + "\n"));
    }
}
