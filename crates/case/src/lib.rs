//! softbalance-case: the case folder format (docs/case-format.md) at the edge of the system.
//!
//! Reads a folder or the embedded built-in case, validates every file (collecting all
//! problems with file, line and field), and builds a `softbalance_core::Case`. Also writes
//! the scaffold of a new case. The core never sees a file. A case whose manifest says
//! `[case] extends = ...` is read on top of its base (`extend`): `load` follows it.

pub mod builtin;
pub mod extend;
pub mod load;
pub mod manifest;
pub mod problem;
pub mod scaffold;
pub mod warnings;
pub mod whatif;

pub use builtin::{builtin, builtin_files, BuiltinCase, BUILTINS, BUILTIN_ID};
pub use extend::load;
pub use load::{CaseFiles, FILES};
pub use problem::{CaseError, Problem, ProblemKind};
pub use warnings::{warnings, Warning};

use softbalance_core::Case;
use std::path::Path;

/// Load and validate the case in `dir`.
pub fn load_dir(dir: &Path) -> Result<Case, CaseError> {
    load(&CaseFiles::from_dir(dir)?)
}

/// Load the built-in case; its validity is guaranteed by the test suite.
pub fn load_builtin() -> Result<Case, CaseError> {
    load(&builtin_files())
}

/// Load the built-in case called `id`; `None` when there is no such case.
pub fn load_named(id: &str) -> Option<Result<Case, CaseError>> {
    builtin(id).map(|b| load(&b.files()))
}
