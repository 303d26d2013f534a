//! softbalance-events: the event-data engine. It reads GDELT 1.0/2.0, ICEWS and POLECAT
//! files (plain, gzip or zip, one file, a folder or a glob), codes every event into the nine
//! strategy codes of docs/theory.md §3 through editable mapping tables, resolves actors to states
//! and IGOs through the shared gazetteer, and aggregates directed-dyad panels with Apache
//! DataFusion, locally or on a Ballista cluster.
//!
//! Data flow: `input` finds and opens files → `reader` splits rows, validates them, writes
//! bad ones to the rejects sink and codes the rest (`mapping`, `actors`) into partial
//! aggregates (`reader::PartialBatch`, Arrow batches by `arrow`) → `panel` streams the
//! batches into DataFusion (a `StreamingTable`, so nothing is materialised), runs the two SQL stages and assembles the peacesciencer-style panel.
//! Every row read ends in exactly one of four bins — used, unmapped, rejected, duplicate —
//! and the counts are returned with the panel so that callers can print the reconciliation.
//! Every file written goes through `output` (atomic, normal mode, never an input).
//!
//! Features: `engine` (DataFusion: `panel`, `run_panel`, `arrow`), `ballista` (the
//! distributed engine), `progress` (the progress bar); all on by default. Without them the
//! crate is the readers alone, which is what the fuzz targets in fuzz/ build.

pub mod actors;
#[cfg(feature = "engine")]
pub mod arrow;
pub mod dedupe;
pub mod format;
pub mod input;
pub mod mapping;
pub mod output;
#[cfg(feature = "engine")]
pub mod panel;
pub mod reader;
#[cfg(feature = "engine")]
pub mod tidy_parquet;

pub use format::Format;
#[cfg(feature = "engine")]
pub use panel::{run_panel, Engine, Panel, PanelOptions};
pub use reader::{Period, Stats};

use std::path::PathBuf;

/// Errors of the event engine, named by phase. Bad rows are not errors: they are counted and
/// written to the rejects sink — unless a whole file is empty or rejected (`Format`). The CLI
/// maps each phase to its exit code (docs/events.md): input 3, format 4, mapping 5,
/// output 8, engine and reconciliation 9, configuration 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("input: {0}")]
    Input(String),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("mapping table {file}: {message}")]
    Mapping { file: String, message: String },
    #[error("configuration: {0}")]
    Config(String),
    #[cfg(feature = "engine")]
    #[error("engine: {0}")]
    Engine(#[from] datafusion::error::DataFusionError),
    #[error("output: {0}")]
    Output(String),
    /// Files in which no row is in the format expected (empty, or every row rejected).
    #[error("format: {0}")]
    Format(String),
    /// The counts do not add up (a bug: every row must end in one bin).
    #[error("the counts do not reconcile: {0}")]
    Unbalanced(String),
}

pub type Result<T> = std::result::Result<T, Error>;
