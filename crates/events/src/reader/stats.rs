//! The counts of a run: every row read ends in one bin (used, unmapped, rejected,
//! duplicate), per run (`Stats`, merged over reader threads) and per input stream
//! (`FileStats`, to find a file that is empty or wholly rejected).

use crate::format::Format;
use std::collections::{BTreeMap, BTreeSet};

/// Counts of one input stream (a file, or one entry of a zip archive), to find a file that
/// is empty or wholly rejected (an error: nothing in it is in the format expected).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileStats {
    /// The format detected (or forced) for the file; None when none was recognised.
    pub format: Option<Format>,
    pub rows: u64,
    pub rejected: u64,
    /// A reason for the rejects (the smallest one seen, so that merging is order-free).
    pub reason: Option<String>,
}

impl FileStats {
    pub(crate) fn merge(&mut self, o: &FileStats) {
        self.format = self.format.or(o.format);
        self.rows += o.rows;
        self.rejected += o.rejected;
        self.reason = match (self.reason.take(), &o.reason) {
            (Some(a), Some(b)) => Some(if &a <= b { a } else { b.clone() }),
            (a, b) => a.or_else(|| b.clone()),
        };
    }

    /// Why this file is an error, or None when some of its rows are usable.
    pub fn problem(&self, name: &str) -> Option<String> {
        let expected = match self.format {
            Some(f) => format!("expected {}", f.expectation()),
            None => format!("expected {}", Format::any_expectation()),
        };
        if self.rows == 0 {
            let what = match self.format {
                Some(f) if f.has_header() => format!("has a header ({f}) but no rows"),
                _ => "is empty: no event rows".to_string(),
            };
            return Some(format!("{name} {what} ({expected})"));
        }
        if self.rejected == self.rows {
            let why = self.reason.as_deref().map(|r| format!("; e.g. {r}")).unwrap_or_default();
            let as_fmt = self.format.map(|f| format!(" as {f}")).unwrap_or_default();
            return Some(format!("{name}: all {} rows were rejected{as_fmt} ({expected}{why})", self.rows));
        }
        None
    }
}

/// Counts of one run. Merged over reader threads; printed as the reconciliation line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    pub files: u64,
    pub bytes: u64,
    pub rows_read: u64,
    pub used: u64,
    pub unmapped: u64,
    pub rejected: u64,
    /// Well-formed rows whose event id was already read from another file (`--dedupe`).
    pub duplicates: u64,
    pub blank_lines: u64,
    pub unmapped_by_reason: BTreeMap<String, u64>,
    pub unmapped_codes: BTreeMap<String, u64>,
    pub rejected_by_reason: BTreeMap<String, u64>,
    pub rows_by_format: BTreeMap<String, u64>,
    /// Periods with at least one well-formed row: the coverage of the input.
    pub periods: BTreeSet<i32>,
    /// Rows and rejects per input stream (path, or `archive.zip:entry`).
    pub by_file: BTreeMap<String, FileStats>,
}

impl Stats {
    pub fn merge(&mut self, o: &Stats) {
        self.files += o.files;
        self.bytes += o.bytes;
        self.rows_read += o.rows_read;
        self.used += o.used;
        self.unmapped += o.unmapped;
        self.rejected += o.rejected;
        self.duplicates += o.duplicates;
        self.blank_lines += o.blank_lines;
        for (k, v) in &o.unmapped_by_reason {
            *self.unmapped_by_reason.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.unmapped_codes {
            *self.unmapped_codes.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.rejected_by_reason {
            *self.rejected_by_reason.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.rows_by_format {
            *self.rows_by_format.entry(k.clone()).or_default() += v;
        }
        self.periods.extend(o.periods.iter().copied());
        for (k, v) in &o.by_file {
            self.by_file.entry(k.clone()).or_default().merge(v);
        }
    }

    /// Whether every row read is accounted for.
    pub fn balanced(&self) -> bool {
        self.rows_read == self.used + self.unmapped + self.rejected + self.duplicates
    }

    /// An error (`Error::Unbalanced`, exit 9) unless every row read is in one bin.
    pub fn check_balanced(&self) -> crate::Result<()> {
        if self.balanced() {
            Ok(())
        } else {
            Err(crate::Error::Unbalanced(self.reconciliation()))
        }
    }

    /// `rows read 710 = used 310 + unmapped 390 + rejected 10 + duplicates 0`
    pub fn reconciliation(&self) -> String {
        format!(
            "rows read {} = used {} + unmapped {} + rejected {} + duplicates {}{}",
            self.rows_read,
            self.used,
            self.unmapped,
            self.rejected,
            self.duplicates,
            if self.balanced() { "" } else { "  (MISMATCH)" }
        )
    }

    /// The files that are empty or wholly rejected, each with a message naming the format
    /// that was expected.
    pub fn file_problems(&self) -> Vec<String> {
        self.by_file.iter().filter_map(|(name, f)| f.problem(name)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unbalanced_counts_are_an_error() {
        let mut s = Stats { rows_read: 10, used: 4, unmapped: 3, rejected: 2, duplicates: 1, ..Stats::default() };
        assert!(s.check_balanced().is_ok());
        s.used = 3;
        let err = s.check_balanced().unwrap_err();
        assert!(matches!(err, crate::Error::Unbalanced(_)));
        assert!(err.to_string().contains("rows read 10 = used 3 + unmapped 3 + rejected 2 + duplicates 1  (MISMATCH)"), "{err}");
    }
}
