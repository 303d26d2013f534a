//! Validation problems: each names the file, line and field, says what was expected, and
//! belongs to a kind that maps to the documented exit code (docs/case-format.md).

use std::fmt;

/// The kinds of problem, in the order that decides the exit code when several occur.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// The folder or one of the five files is missing (exit 3).
    Missing,
    /// A file is not valid UTF-8 (exit 4).
    Encoding,
    /// A column is missing, a row has the wrong number of fields, or TOML is malformed (exit 5).
    Structure,
    /// A field has a bad value (exit 6).
    Value,
    /// An id refers to nothing (exit 7).
    Reference,
}

impl ProblemKind {
    pub fn exit_code(self) -> u8 {
        match self {
            ProblemKind::Missing => 3,
            ProblemKind::Encoding => 4,
            ProblemKind::Structure => 5,
            ProblemKind::Value => 6,
            ProblemKind::Reference => 7,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Missing => "missing",
            ProblemKind::Encoding => "encoding",
            ProblemKind::Structure => "structure",
            ProblemKind::Value => "value",
            ProblemKind::Reference => "reference",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        write!(f, ": ")?;
        if let Some(c) = &self.field {
            write!(f, "field {c}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// All the problems found in a case folder. `load` never stops at the first one, so an
/// analyst fixes a file in one pass.
#[derive(Debug, thiserror::Error)]
pub struct CaseError {
    pub problems: Vec<Problem>,
}

impl CaseError {
    /// The exit code of the first kind of problem, in the order of [`ProblemKind`].
    pub fn exit_code(&self) -> u8 {
        self.problems.iter().map(|p| p.kind).min().map(ProblemKind::exit_code).unwrap_or(1)
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(f, "the case has {n} problem{}:", if n == 1 { "" } else { "s" })?;
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// Collects problems while a case is read.
#[derive(Default, Debug)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, kind: ProblemKind, file: &str, line: Option<u64>, field: Option<&str>, message: impl Into<String>) {
        self.0.push(Problem {
            kind,
            file: file.to_string(),
            line,
            field: field.map(str::to_string),
            message: message.into(),
        });
    }
}
