//! The dyad panel: readers → DataFusion (or Ballista) → a peacesciencer-style table.
//!
//! Two SQL stages run on the engine. Stage 1 (`AGG_SQL`) streams the readers' partial
//! aggregates of the coded events (each reader counts its events by period, actors, strategy
//! and flags in a bounded hash map) and sums them by the same keys — one pass, memory bounded
//! by the number of groups, not of events. Stage 2 (`panel_sql()`, generated from
//! `StrategyCode::ALL` in `sql`) runs on that small aggregate: the
//! direct directed-dyad counts, the triads that give `offset.external` and `hard.external`,
//! shared IGOs that give `institutional`, and domestic capability building that gives
//! `offset.internal` (method in docs/events.md). The assembly step then applies the dyad and
//! year selection, fills the grid (zero inside the input's coverage, missing outside it) and
//! adds COW/GW codes per year from the gazetteer.
//!
//! Locally the events table is a `StreamingTable` whose partitions run reader threads, so
//! rows flow from disk to the aggregation without being stored. Ballista executors cannot
//! run our readers, so for `--engine ballista://…` the readers first stage the same partial
//! aggregates as Parquet in a temporary folder, and the same two SQL stages run on the cluster.
//!
//! Modules: this file (options, `run_panel`: outputs checked, readers configured, engine
//! chosen, counts reconciled; the progress bar), `sql` (the two stages, generated from
//! `StrategyCode::ALL`), `engine` (reader threads as streaming partitions, `run_local`),
//! `staging` (Ballista: Parquet staging, `run_ballista`; `ParquetSink`), `assemble`
//! (stage-2 rows → the grid), `file` (column list, record batch, CSV/Parquet files).

mod assemble;
mod engine;
mod file;
mod sql;
mod staging;

use crate::actors;
use crate::format::Format;
use crate::input;
use crate::mapping::Mappings;
use crate::output::{self, AtomicFile};
pub use crate::reader::Period;
use crate::arrow::partial_schema;
use crate::reader::{PartialBatch, Progress, ReadConfig, Reader, RejectSink, Stats};
use crate::{Error, Result};
pub use file::panel_columns;
pub use sql::{count_column, panel_sql, AGG_SQL};
pub use staging::ParquetSink;
use assemble::*;
use engine::*;
#[cfg(feature = "ballista")]
use staging::run_ballista;
use datafusion::arrow::array::{Array, ArrayRef, Float64Array, Int32Array, Int64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::streaming::StreamingTable;
use datafusion::datasource::MemTable;
use datafusion::error::DataFusionError;
use datafusion::execution::TaskContext;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::streaming::PartitionStream;
use datafusion::physical_plan::SendableRecordBatchStream;
use datafusion::prelude::{SessionConfig, SessionContext};
use softbalance_core::strategy::StrategyCode;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Where the SQL runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Engine {
    /// In-process DataFusion, streaming from the readers.
    Local,
    /// A Ballista scheduler at `df://HOST:PORT` (given as `ballista://HOST:PORT`).
    Ballista(String),
    /// A Ballista scheduler and executor started in this process on 127.0.0.1 (tests).
    BallistaStandalone,
}

impl std::str::FromStr for Engine {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let s = s.trim();
        if s == "local" {
            Ok(Engine::Local)
        } else if s == "ballista-standalone" {
            Ok(Engine::BallistaStandalone)
        } else if let Some(rest) = s.strip_prefix("ballista://").or_else(|| s.strip_prefix("df://")) {
            if rest.is_empty() {
                return Err("ballista:// needs HOST:PORT".into());
            }
            Ok(Engine::Ballista(format!("df://{rest}")))
        } else {
            Err(format!("unknown engine {s:?}; expected local, ballista://HOST:PORT or ballista-standalone"))
        }
    }
}

/// Everything `events panel` and `events summary` need.
#[derive(Clone, Debug)]
pub struct PanelOptions {
    pub inputs: Vec<String>,
    pub format: Option<Format>,
    pub period: Period,
    /// Directed dyads to keep (ISO3 or group codes); `None` keeps every dyad with events.
    pub dyads: Option<Vec<(String, String)>>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub engine: Engine,
    pub rejects: Option<PathBuf>,
    pub mappings_dir: Option<PathBuf>,
    /// Worker threads (readers and DataFusion partitions); 0 = available cores.
    pub threads: usize,
    /// Show a progress bar on stderr (the caller checks that stderr is a terminal).
    pub progress: bool,
    /// DataFusion memory pool limit in bytes (aggregation spills beyond it).
    pub memory_limit: Option<usize>,
    /// Plain GDELT files at least this large are read by several threads at once.
    pub split_bytes: u64,
    /// The panel file the caller will write: refused before any reading when it is one of the
    /// inputs (or the rejects file).
    pub out: Option<PathBuf>,
    /// Read invalid UTF-8 as Latin-1 instead of rejecting the row.
    pub latin1: bool,
    /// Drop rows whose event id was already read from another file (default on).
    pub dedupe: bool,
}

impl Default for PanelOptions {
    fn default() -> Self {
        PanelOptions {
            inputs: Vec::new(),
            format: None,
            period: Period::Year,
            dyads: None,
            from: None,
            to: None,
            engine: Engine::Local,
            rejects: None,
            mappings_dir: None,
            threads: 0,
            progress: false,
            memory_limit: None,
            split_bytes: input::SPLIT_BYTES,
            out: None,
            latin1: false,
            dedupe: true,
        }
    }
}

/// One row of the panel: a directed dyad in a period. `counts` is `None` for a period outside
/// the input's coverage (missing, not zero).
#[derive(Clone, Debug, PartialEq)]
pub struct PanelRow {
    pub iso3_1: String,
    pub iso3_2: String,
    pub ccode1: Option<u16>,
    pub ccode2: Option<u16>,
    pub gwcode1: Option<u16>,
    pub gwcode2: Option<u16>,
    pub year: i32,
    pub month: Option<i32>,
    pub counts: Option<[i64; 9]>,
    pub events: Option<i64>,
    pub triad_events: Option<i64>,
    pub igo_events: Option<i64>,
    pub domestic_events: Option<i64>,
    pub goldstein_sum: Option<f64>,
    pub goldstein_mean: Option<f64>,
}

impl PanelRow {
    pub fn count(&self, code: StrategyCode) -> Option<i64> {
        self.counts.map(|c| c[code.index()])
    }
    fn sum(&self, pick: impl Fn(StrategyCode) -> bool) -> Option<i64> {
        self.counts.map(|c| StrategyCode::ALL.iter().filter(|s| pick(**s)).map(|s| c[s.index()]).sum())
    }
    /// Soft-balancing index: soft-coded actions over all coded actions of the dyad
    /// (docs/events.md); `None` without any.
    pub fn sb_index(&self) -> Option<f64> {
        let soft = self.sum(|s| s.is_soft())?;
        let all = self.sum(|_| true)?;
        (all > 0).then(|| soft as f64 / all as f64)
    }
    /// Hard share: hard balancing over all balancing (soft + hard) actions.
    pub fn hard_share(&self) -> Option<f64> {
        let soft = self.sum(|s| s.is_soft())?;
        let hard = self.sum(|s| s.is_hard())?;
        (soft + hard > 0).then(|| hard as f64 / (soft + hard) as f64)
    }
}

/// A computed panel with the run's counts.
#[derive(Clone, Debug)]
pub struct Panel {
    pub rows: Vec<PanelRow>,
    pub stats: Stats,
    pub period: Period,
    /// The input files read (`write` refuses to replace any of them).
    pub files: Vec<PathBuf>,
}

/// Compute the panel. Bad rows go to the rejects file; the counts come back in `Panel.stats`.
pub fn run_panel(opts: &PanelOptions) -> Result<Panel> {
    let files = input::expand(&opts.inputs)?;
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
    } else {
        opts.threads
    };
    let mappings = Arc::new(match &opts.mappings_dir {
        Some(d) => Mappings::from_dir(d)?,
        None => Mappings::builtin(),
    });
    // Outputs are checked against the inputs before anything is created or read.
    let mut outputs: Vec<(&str, &Path)> = Vec::new();
    if let Some(p) = &opts.out {
        outputs.push(("--out", p));
    }
    if let Some(p) = &opts.rejects {
        outputs.push(("--rejects", p));
    }
    output::refuse_inputs(&outputs, &files)?;
    let rejects_file = Arc::new(Mutex::new(match &opts.rejects {
        Some(p) => Some(AtomicFile::create(p)?),
        None => None,
    }));
    let rejects = match &opts.rejects {
        Some(p) => RejectSink::new(Box::new(SharedFile(rejects_file.clone())))
            .map_err(|e| Error::Output(format!("cannot write {}: {e}", p.display())))?,
        None => RejectSink::none(),
    };
    // Duplicates are repeats across files: with one plain file there is nothing to compare.
    let many = files.len() > 1 || files.iter().any(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")));
    let dedupe = (opts.dedupe && many).then(|| Arc::new(crate::dedupe::Dedupe::default()));
    let progress = Arc::new(Progress::default());
    let cfg = ReadConfig {
        format: opts.format,
        period: opts.period,
        mappings,
        rejects: rejects.clone(),
        progress: progress.clone(),
        batch_rows: 64 * 1024,
        latin1: opts.latin1,
        dedupe,
    };
    let stats = Arc::new(Mutex::new(Stats::default()));
    let bar = opts.progress.then(|| spawn_progress(input::total_bytes(&files), progress.clone()));

    // SQL planning recurses deeply (more so in debug builds): run everything on worker
    // threads with a large stack rather than on the caller's thread.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .thread_stack_size(32 * 1024 * 1024)
        .enable_all()
        .build()
        .map_err(|e| Error::Engine(df_err(format!("tokio runtime: {e}"))))?;
    let (engine, memory_limit, split_bytes) = (opts.engine.clone(), opts.memory_limit, opts.split_bytes);
    let (files2, cfg2, stats2) = (files.clone(), cfg.clone(), stats.clone());
    let task = rt.spawn(async move {
        match &engine {
            Engine::Local => run_local(&files2, split_bytes, &cfg2, &stats2, threads, memory_limit).await,
            #[cfg(feature = "ballista")]
            engine => run_ballista(engine, &files2, split_bytes, &cfg2, &stats2, threads).await,
            #[cfg(not(feature = "ballista"))]
            _ => Err(Error::Config("this build has no Ballista support (feature `ballista`)".into())),
        }
    });
    let result = rt
        .block_on(task)
        .unwrap_or_else(|e| Err(Error::Engine(df_err(format!("engine task failed: {e}")))));
    rt.shutdown_background();
    if let Some((bar, stop)) = bar {
        stop.store(true, Ordering::Relaxed);
        let _ = bar.join();
    }
    let rejects_path = opts.rejects.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
    rejects.flush().map_err(|e| Error::Output(format!("cannot write {rejects_path}: {e}")))?;
    drop(rejects);
    let batches = result?;
    let stats = std::mem::take(&mut *stats.lock().unwrap_or_else(|p| p.into_inner()));
    stats.check_balanced()?;
    // The rejects are written even when a file is wholly rejected: they say why.
    if let Some(f) = rejects_file.lock().unwrap_or_else(|p| p.into_inner()).take() {
        f.finish()?;
    }
    let problems = stats.file_problems();
    if !problems.is_empty() {
        return Err(Error::Format(format!("{}\n{}", problems.join("\n"), stats.reconciliation())));
    }
    let rows = assemble(&batches, &stats, opts)?;
    Ok(Panel { rows, stats, period: opts.period, files })
}

/// The rejects file, shared by the reader threads' sink and taken back to be finished.
struct SharedFile(Arc<Mutex<Option<AtomicFile>>>);

impl std::io::Write for SharedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("rejects file already closed")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(not(feature = "progress"))]
fn spawn_progress(_total: u64, _progress: Arc<Progress>) -> (std::thread::JoinHandle<()>, Arc<AtomicBool>) {
    (std::thread::spawn(|| {}), Arc::new(AtomicBool::new(false)))
}

#[cfg(feature = "progress")]
fn spawn_progress(total: u64, progress: Arc<Progress>) -> (std::thread::JoinHandle<()>, Arc<AtomicBool>) {
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let handle = std::thread::spawn(move || {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} ({bytes_per_sec}) {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        while !stop2.load(Ordering::Relaxed) {
            bar.set_position(progress.bytes.load(Ordering::Relaxed));
            bar.set_message(format!("{} rows", progress.rows.load(Ordering::Relaxed)));
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        bar.finish_and_clear();
    });
    (handle, stop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_urls() {
        assert_eq!("local".parse::<Engine>(), Ok(Engine::Local));
        assert_eq!("ballista://127.0.0.1:50050".parse::<Engine>(), Ok(Engine::Ballista("df://127.0.0.1:50050".into())));
        assert!("spark://x".parse::<Engine>().is_err());
    }

    #[test]
    fn chunks_spread_over_partitions() {
        let chunks: Vec<input::Chunk> = (0..5)
            .map(|i| input::Chunk { path: PathBuf::from(format!("/nonexistent/{i}")), range: Some((0, 10 * i)), start: Default::default() })
            .collect();
        let parts = partition_chunks(chunks, 2);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts.iter().map(|p| p.len()).sum::<usize>(), 5);
    }
}
