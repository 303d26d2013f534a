//! The built-in case `us-china-ai` (Chang 2022), embedded at compile time from
//! `cases/us-china-ai/` so that `softbalance analyze` works from any directory.

use crate::load::{CaseFiles, ACTIONS, ACTORS, FRICTION, INDICATORS, MANIFEST, SOURCES};
use std::collections::BTreeMap;

pub const BUILTIN_ID: &str = "us-china-ai";

const FILES: [(&str, &[u8]); 6] = [
    (MANIFEST, include_bytes!("../../../cases/us-china-ai/case.toml")),
    (SOURCES, include_bytes!("../../../cases/us-china-ai/sources.csv")),
    (ACTORS, include_bytes!("../../../cases/us-china-ai/actors.csv")),
    (INDICATORS, include_bytes!("../../../cases/us-china-ai/indicators.csv")),
    (ACTIONS, include_bytes!("../../../cases/us-china-ai/actions.csv")),
    (FRICTION, include_bytes!("../../../cases/us-china-ai/friction.csv")),
];

/// The built-in case's files, as if read from a folder.
pub fn builtin_files() -> CaseFiles {
    let files: BTreeMap<&'static str, Option<Vec<u8>>> =
        FILES.iter().map(|(name, bytes)| (*name, Some(bytes.to_vec()))).collect();
    CaseFiles { origin: format!("builtin:{BUILTIN_ID}"), files }
}

/// The raw text of one built-in file (for `softbalance new --from-builtin` and tests).
pub fn builtin_file(name: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}
