//! The built-in cases, embedded at compile time from `cases/<id>/` so that `softbalance
//! analyze` works from any directory: the paper's `us-china-ai` (the default) and the
//! contrasting cases. Add a case by adding one `case!` line. A built-in case may extend
//! another (`[case] extends`, see `extend`): its folder holds only its own rows.

use crate::load::{CaseFiles, ACTIONS, ACTORS, FRICTION, INDICATORS, MANIFEST, SOURCES};
use std::collections::BTreeMap;

/// The default built-in case (Chang 2022).
pub const BUILTIN_ID: &str = "us-china-ai";

/// One embedded case: its id and its files.
pub struct BuiltinCase {
    pub id: &'static str,
    /// What the case is there to show, in one line.
    pub role: &'static str,
    files: [(&'static str, &'static [u8]); 6],
}

macro_rules! case {
    ($id:literal, $role:literal) => {
        BuiltinCase {
            id: $id,
            role: $role,
            files: [
                (MANIFEST, include_bytes!(concat!("../../../cases/", $id, "/case.toml"))),
                (SOURCES, include_bytes!(concat!("../../../cases/", $id, "/sources.csv"))),
                (ACTORS, include_bytes!(concat!("../../../cases/", $id, "/actors.csv"))),
                (INDICATORS, include_bytes!(concat!("../../../cases/", $id, "/indicators.csv"))),
                (ACTIONS, include_bytes!(concat!("../../../cases/", $id, "/actions.csv"))),
                (FRICTION, include_bytes!(concat!("../../../cases/", $id, "/friction.csv"))),
            ],
        }
    };
}

/// Every built-in case, the default first.
pub const BUILTINS: &[BuiltinCase] = &[
    case!("us-china-ai", "the paper's case: U.S. AI strategy toward China, 2014–2022 (soft balancing)"),
    case!("us-china-ai-2025", "the paper's case carried to 2025: extends us-china-ai with the rows of 2022–2025"),
    case!("chn-usa-ai", "the reverse dyad: China as balancer of the United States in AI, 2017–2025"),
    case!("gbr-deu-1902", "hard balancing: Britain and Germany, 1902–1914 (expected: severe threat, hard)"),
    case!("tur-usa-2003", "the paper's passive-obstruction example: Turkey and the U.S., 2002–2003 (disputed)"),
    case!("fra-deu-2010s", "partners: France and Germany, 2010–2019 (expected: no balancing)"),
];

impl BuiltinCase {
    pub fn files(&self) -> CaseFiles {
        let files: BTreeMap<&'static str, Option<Vec<u8>>> =
            self.files.iter().map(|(name, bytes)| (*name, Some(bytes.to_vec()))).collect();
        CaseFiles { origin: format!("builtin:{}", self.id), files }
    }
    pub fn file(&self, name: &str) -> Option<&'static [u8]> {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
    }
}

/// The built-in case called `id`.
pub fn builtin(id: &str) -> Option<&'static BuiltinCase> {
    BUILTINS.iter().find(|c| c.id == id)
}

/// The default built-in case's files, as if read from a folder.
pub fn builtin_files() -> CaseFiles {
    BUILTINS[0].files()
}

/// The raw text of one file of the default built-in case (tests).
pub fn builtin_file(name: &str) -> Option<&'static [u8]> {
    BUILTINS[0].file(name)
}
