//! One module per subcommand, each with its `Args` (clap) and `run`. `finish` turns a
//! command's result into the process exit code and prints the error chain on failure.

pub mod analyze;
pub mod check;
pub mod new;
pub mod code;
pub mod eval;
#[cfg(feature = "events")]
pub mod events;

use std::io::{self, Write};
use std::process::ExitCode;

/// An error that carries its documented exit code (see docs/case-format.md and README).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> anyhow::Error {
        anyhow::Error::new(Failure { code, message: message.into() })
    }
}

/// Print the error chain and pick the exit code: a `Failure` anywhere in the chain gives its
/// code, a broken pipe (output piped into `head`) exits 0, anything else exits 1.
pub fn finish(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(err) => {
            for cause in err.chain() {
                if let Some(io) = cause.downcast_ref::<io::Error>() {
                    if io.kind() == io::ErrorKind::BrokenPipe {
                        return ExitCode::SUCCESS;
                    }
                }
            }
            let code = err
                .chain()
                .find_map(|c| c.downcast_ref::<Failure>().map(|f| f.code))
                .unwrap_or(1);
            let mut stderr = io::stderr().lock();
            let _ = writeln!(stderr, "softbalance: error: {err}");
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitCode::from(code)
        }
    }
}
