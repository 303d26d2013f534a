//! The crate's error type, one variant per phase: reading a codebook, reading labeled or
//! unlabeled input. Input errors carry the 1-based line so the CLI can name it; the CLI maps
//! each variant to a documented exit code (docs/coder.md, "Exit codes").

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CoderError {
    /// A codebook file is not valid TOML or names an unknown code.
    #[error("codebook {file}: {message}")]
    Codebook { file: String, message: String },

    /// Input bytes that are not UTF-8.
    #[error("{source_name}:{line}: not valid UTF-8 (byte offset {offset})")]
    Utf8 { source_name: String, line: usize, offset: usize },

    /// A line or record that cannot be parsed at all (bad JSON, not an object, bad CSV).
    #[error("{source_name}:{line}: malformed {format}: {message}")]
    Malformed { source_name: String, line: usize, format: &'static str, message: String },

    /// A required field is missing or has a wrong value (unknown code, empty text).
    #[error("{source_name}:{line}: field `{field}`: {message}")]
    Field { source_name: String, line: usize, field: String, message: String },

    /// Cross-validation or scoring asked for something the data cannot give.
    #[error("evaluation: {0}")]
    Eval(String),
}

impl CoderError {
    /// The 1-based input line the error is about, when there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            CoderError::Utf8 { line, .. }
            | CoderError::Malformed { line, .. }
            | CoderError::Field { line, .. } => Some(*line),
            _ => None,
        }
    }
}
