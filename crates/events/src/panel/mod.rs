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

mod sql;

use crate::actors;
use crate::format::Format;
use crate::input;
use crate::mapping::Mappings;
use crate::output::{self, AtomicFile};
pub use crate::reader::Period;
use crate::arrow::partial_schema;
use crate::reader::{PartialBatch, Progress, ReadConfig, Reader, RejectSink, Stats};
use crate::{Error, Result};
pub use sql::{count_column, panel_sql, AGG_SQL};
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

fn df_err(e: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::External(e.to_string().into())
}

/// Split chunks over `n` partitions, largest first onto the lightest partition.
fn partition_chunks(chunks: Vec<input::Chunk>, n: usize) -> Vec<Vec<input::Chunk>> {
    let mut sized: Vec<(u64, input::Chunk)> = chunks.into_iter().map(|c| (c.size(), c)).collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.path.cmp(&b.1.path)));
    let n = n.clamp(1, sized.len().max(1));
    let mut parts: Vec<(u64, Vec<input::Chunk>)> = vec![(0, Vec::new()); n];
    for (size, c) in sized {
        let lightest = parts.iter_mut().min_by_key(|(s, _)| *s).expect("n >= 1");
        lightest.0 += size.max(1);
        lightest.1.push(c);
    }
    for (_, v) in parts.iter_mut() {
        v.sort_by(|a, b| (&a.path, a.range).cmp(&(&b.path, b.range)));
    }
    parts.into_iter().map(|(_, v)| v).collect()
}

/// Read `chunks` on this thread, sending batches through `send`; merge the counts into
/// `stats` at the end. Returns false when the consumer went away.
fn read_files(
    chunks: &[input::Chunk],
    cfg: &ReadConfig,
    stats: &Mutex<Stats>,
    send: &mut dyn FnMut(RecordBatch) -> bool,
) -> Result<bool> {
    let mut reader = Reader::new(cfg.clone());
    let schema = partial_schema();
    let send = &mut |b: PartialBatch| send(b.to_record_batch(&schema));
    let mut alive = true;
    for chunk in chunks {
        if !alive {
            break;
        }
        input::for_each_chunk_stream(chunk, &cfg.progress.bytes, |name, r, start| {
            alive = reader.read_part(name, r, start, send)?;
            Ok(())
        })?;
        reader.stats.bytes += chunk.size();
    }
    if alive {
        alive = reader.flush(send);
    } else {
        reader.fold_counts();
    }
    stats.lock().unwrap_or_else(|p| p.into_inner()).merge(&reader.stats);
    Ok(alive)
}

/// One partition of the streaming events table: a reader thread over a share of the files.
struct EventPartition {
    schema: SchemaRef,
    files: Vec<input::Chunk>,
    cfg: ReadConfig,
    stats: Arc<Mutex<Stats>>,
    started: AtomicBool,
}

impl std::fmt::Debug for EventPartition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EventPartition({} files)", self.files.len())
    }
}

impl PartitionStream for EventPartition {
    fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    fn execute(&self, _ctx: Arc<TaskContext>) -> SendableRecordBatchStream {
        let (tx, rx) = tokio::sync::mpsc::channel::<datafusion::error::Result<RecordBatch>>(2);
        if self.started.swap(true, Ordering::SeqCst) {
            // Reading twice would count every row twice; the plans here scan once.
            let _ = tx.try_send(Err(df_err("the events stream can be scanned only once")));
        } else {
            let files = self.files.clone();
            let cfg = self.cfg.clone();
            let stats = self.stats.clone();
            std::thread::spawn(move || {
                let mut send = |b: RecordBatch| tx.blocking_send(Ok(b)).is_ok();
                if let Err(e) = read_files(&files, &cfg, &stats, &mut send) {
                    let _ = tx.blocking_send(Err(df_err(e)));
                }
            });
        }
        let stream = futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|b| (b, rx)) });
        Box::pin(RecordBatchStreamAdapter::new(self.schema.clone(), stream))
    }
}

fn session_config(threads: usize) -> SessionConfig {
    SessionConfig::new().with_target_partitions(threads).with_batch_size(8192)
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

async fn run_local(
    files: &[PathBuf],
    split_bytes: u64,
    cfg: &ReadConfig,
    stats: &Arc<Mutex<Stats>>,
    threads: usize,
    memory_limit: Option<usize>,
) -> Result<Vec<RecordBatch>> {
    let schema = partial_schema();
    let chunks = input::plan_chunks(files, threads, cfg.format, split_bytes)?;
    let parts: Vec<Arc<dyn PartitionStream>> = partition_chunks(chunks, threads)
        .into_iter()
        .map(|files| {
            Arc::new(EventPartition { schema: schema.clone(), files, cfg: cfg.clone(), stats: stats.clone(), started: AtomicBool::new(false) })
                as Arc<dyn PartitionStream>
        })
        .collect();
    let mut builder = datafusion::execution::runtime_env::RuntimeEnvBuilder::new();
    if let Some(limit) = memory_limit {
        builder = builder.with_memory_limit(limit, 1.0);
    }
    let runtime = builder.build_arc()?;
    let ctx = SessionContext::new_with_config_rt(session_config(threads), runtime);
    ctx.register_table("events", Arc::new(StreamingTable::try_new(schema, parts)?))?;
    let agg = ctx.sql(AGG_SQL).await?.collect().await?;
    let agg_schema = agg.first().map(|b| b.schema()).unwrap_or_else(partial_schema);
    ctx.register_table("agg", Arc::new(MemTable::try_new(agg_schema, vec![agg])?))?;
    Ok(ctx.sql(panel_sql()).await?.collect().await?)
}


#[cfg(feature = "ballista")]
async fn run_ballista(
    engine: &Engine,
    files: &[PathBuf],
    split_bytes: u64,
    cfg: &ReadConfig,
    stats: &Arc<Mutex<Stats>>,
    threads: usize,
) -> Result<Vec<RecordBatch>> {
    use ballista::prelude::{SessionConfigExt, SessionContextExt};
    use datafusion::execution::SessionStateBuilder;
    use datafusion::prelude::ParquetReadOptions;

    let stage = tempfile::Builder::new()
        .prefix("softbalance-events-")
        .tempdir()
        .map_err(|e| Error::Engine(df_err(format!("staging folder: {e}"))))?;
    let events_dir = stage.path().join("events");
    let agg_dir = stage.path().join("agg");
    std::fs::create_dir_all(&events_dir).and_then(|_| std::fs::create_dir_all(&agg_dir))
        .map_err(|e| Error::Engine(df_err(format!("staging folder: {e}"))))?;

    // Stage the readers' partial aggregates: one Parquet file per reader thread.
    let parts = partition_chunks(input::plan_chunks(files, threads, cfg.format, split_bytes)?, threads);
    let handles: Vec<_> = parts
        .into_iter()
        .enumerate()
        .map(|(i, files)| {
            let cfg = cfg.clone();
            let stats = stats.clone();
            let path = events_dir.join(format!("part-{i}.parquet"));
            std::thread::spawn(move || -> Result<()> {
                let mut writer = ParquetSink::create(&path, partial_schema())?;
                let mut failed = None;
                read_files(&files, &cfg, &stats, &mut |b| match writer.write(&b) {
                    Ok(()) => true,
                    Err(e) => {
                        failed = Some(e);
                        false
                    }
                })?;
                if let Some(e) = failed {
                    return Err(e);
                }
                writer.close()
            })
        })
        .collect();
    for h in handles {
        h.join().map_err(|_| Error::Engine(df_err("a reader thread panicked")))??;
    }

    let config = SessionConfig::new_with_ballista()
        .with_target_partitions(threads)
        .with_ballista_standalone_parallelism(threads);
    let state = SessionStateBuilder::new().with_config(config).with_default_features().build();
    let ctx = match engine {
        Engine::Ballista(url) => SessionContext::remote_with_state(url, state).await?,
        _ => SessionContext::standalone_with_state(state).await?,
    };
    let dir = |p: &Path| format!("{}/", p.display());
    ctx.register_parquet("events", &dir(&events_dir), ParquetReadOptions::default()).await?;
    let agg = ctx.sql(AGG_SQL).await?.collect().await?;
    let mut sink = ParquetSink::create(&agg_dir.join("agg.parquet"), agg.first().map(|b| b.schema()).unwrap_or_else(partial_schema))?;
    for b in &agg {
        sink.write(b)?;
    }
    sink.close()?;
    ctx.register_parquet("agg", &dir(&agg_dir), ParquetReadOptions::default()).await?;
    Ok(ctx.sql(panel_sql()).await?.collect().await?)
}

/// A Parquet file being written batch by batch (a staging file, or an `AtomicFile`).
pub struct ParquetSink<W: std::io::Write + Send = std::fs::File> {
    writer: datafusion::parquet::arrow::ArrowWriter<W>,
}

impl ParquetSink<std::fs::File> {
    /// A staging file in the engine's own temporary folder (not a user output).
    pub fn create(path: &Path, schema: SchemaRef) -> Result<Self> {
        let f = std::fs::File::create(path).map_err(|e| Error::Engine(df_err(format!("staging file {}: {e}", path.display()))))?;
        ParquetSink::new(f, schema)
    }
    pub fn close(self) -> Result<()> {
        self.into_inner().map(|_| ())
    }
}

impl<W: std::io::Write + Send> ParquetSink<W> {
    pub fn new(w: W, schema: SchemaRef) -> Result<Self> {
        let writer = datafusion::parquet::arrow::ArrowWriter::try_new(w, schema, None)
            .map_err(|e| Error::Output(e.to_string()))?;
        Ok(ParquetSink { writer })
    }
    pub fn write(&mut self, b: &RecordBatch) -> Result<()> {
        self.writer.write(b).map_err(|e| Error::Output(e.to_string()))
    }
    /// Finish the file (footer) and hand back the writer.
    pub fn into_inner(self) -> Result<W> {
        self.writer.into_inner().map_err(|e| Error::Output(e.to_string()))
    }
}

/// Stage-2 output, column by column, cast to the types the assembly expects.
struct Cols {
    i32s: HashMap<&'static str, Int32Array>,
    i64s: HashMap<&'static str, Int64Array>,
    strs: HashMap<&'static str, StringArray>,
}

fn columns(b: &RecordBatch) -> Result<Cols> {
    let get = |name: &str, t: &DataType| -> Result<ArrayRef> {
        let c = b.column_by_name(name).ok_or_else(|| Error::Engine(df_err(format!("stage 2 lacks column {name}"))))?;
        cast(c, t).map_err(|e| Error::Engine(e.into()))
    };
    let mut cols = Cols { i32s: HashMap::new(), i64s: HashMap::new(), strs: HashMap::new() };
    cols.i32s.insert("period", get("period", &DataType::Int32)?.as_any().downcast_ref::<Int32Array>().expect("cast").clone());
    for n in ["a", "b"] {
        cols.strs.insert(n, get(n, &DataType::Utf8)?.as_any().downcast_ref::<StringArray>().expect("cast").clone());
    }
    let counts = StrategyCode::ALL.map(count_column);
    for n in counts.into_iter().chain(["events", "gsum_c", "gcount", "t_soft", "t_hard", "i_n", "o_n"]) {
        cols.i64s.insert(n, get(n, &DataType::Int64)?.as_any().downcast_ref::<Int64Array>().expect("cast").clone());
    }
    Ok(cols)
}

/// Per-period values of one dyad from stage 2.
#[derive(Clone, Default)]
struct Cell {
    counts: [i64; 9],
    events: i64,
    gsum_c: i64,
    gcount: i64,
    triad: i64,
    igo: i64,
    domestic: i64,
}

fn assemble(batches: &[RecordBatch], stats: &Stats, opts: &PanelOptions) -> Result<Vec<PanelRow>> {
    let period = opts.period;
    let in_years = |p: i32| {
        let y = period.year_of(p);
        opts.from.is_none_or(|f| y >= f) && opts.to.is_none_or(|t| y <= t)
    };
    let wanted: Option<Vec<(String, String)>> = opts.dyads.clone();
    let mut cells: BTreeMap<(String, String, i32), Cell> = BTreeMap::new();
    for b in batches {
        let c = columns(b)?;
        let v = |n: &str, i: usize| {
            let a = &c.i64s[n];
            if a.is_null(i) { 0 } else { a.value(i) }
        };
        for i in 0..b.num_rows() {
            let p = c.i32s["period"].value(i);
            if !in_years(p) {
                continue;
            }
            let (a, bb) = (c.strs["a"].value(i).to_string(), c.strs["b"].value(i).to_string());
            if let Some(w) = &wanted {
                if !w.iter().any(|(x, y)| *x == a && *y == bb) {
                    continue;
                }
            }
            let mut cell = Cell::default();
            for (slot, code) in cell.counts.iter_mut().zip(StrategyCode::ALL) {
                *slot = v(count_column(code), i);
            }
            cell.events = v("events", i);
            cell.gsum_c = v("gsum_c", i);
            cell.gcount = v("gcount", i);
            let (ts, th, inn, on) = (v("t_soft", i), v("t_hard", i), v("i_n", i), v("o_n", i));
            cell.counts[StrategyCode::OffsetExternal.index()] += ts;
            cell.counts[StrategyCode::HardExternal.index()] += th;
            cell.counts[StrategyCode::Institutional.index()] += inn;
            cell.counts[StrategyCode::OffsetInternal.index()] += on;
            cell.triad = ts + th;
            cell.igo = inn;
            cell.domestic = on;
            cells.insert((a, bb, p), cell);
        }
    }
    let has_goldstein = stats.rows_by_format.keys().any(|f| f != "polecat");
    let covered = |p: i32| stats.periods.contains(&p);
    let make = |a: &str, b: &str, p: i32, cell: Option<&Cell>| -> PanelRow {
        let year = period.year_of(p);
        let month = (period == Period::Month).then_some(p % 100);
        let in_cov = covered(p) || cell.is_some();
        let zero = Cell::default();
        let cell = if in_cov { Some(cell.unwrap_or(&zero)) } else { None };
        PanelRow {
            iso3_1: a.to_string(),
            iso3_2: b.to_string(),
            ccode1: actors::cow_code(a, year),
            ccode2: actors::cow_code(b, year),
            gwcode1: actors::gw_code(a, year),
            gwcode2: actors::gw_code(b, year),
            year,
            month,
            counts: cell.map(|c| c.counts),
            events: cell.map(|c| c.events),
            triad_events: cell.map(|c| c.triad),
            igo_events: cell.map(|c| c.igo),
            domestic_events: cell.map(|c| c.domestic),
            goldstein_sum: cell.filter(|c| c.gcount > 0 || has_goldstein).map(|c| c.gsum_c as f64 / 100.0),
            goldstein_mean: cell.filter(|c| c.gcount > 0).map(|c| c.gsum_c as f64 / 100.0 / c.gcount as f64),
        }
    };
    let mut rows = Vec::new();
    match &wanted {
        None => {
            for ((a, b, p), cell) in &cells {
                rows.push(make(a, b, *p, Some(cell)));
            }
            rows.sort_by(|x, y| (x.year, x.month, &x.iso3_1, &x.iso3_2).cmp(&(y.year, y.month, &y.iso3_1, &y.iso3_2)));
        }
        Some(dyads) => {
            let grid = grid_periods(period, opts.from, opts.to, stats);
            for (a, b) in dyads {
                for &p in &grid {
                    rows.push(make(a, b, p, cells.get(&(a.clone(), b.clone(), p))));
                }
            }
        }
    }
    Ok(rows)
}

/// The periods of a `--dyads` grid: `--from`..`--to` when given, else the input's coverage span.
fn grid_periods(period: Period, from: Option<i32>, to: Option<i32>, stats: &Stats) -> Vec<i32> {
    let first = stats.periods.iter().next().map(|p| period.year_of(*p));
    let last = stats.periods.iter().next_back().map(|p| period.year_of(*p));
    let (Some(f), Some(t)) = (from.or(first), to.or(last)) else { return Vec::new() };
    let mut out = Vec::new();
    for y in f..=t {
        match period {
            Period::Year => out.push(y),
            Period::Month => out.extend((1..=12).map(|m| y * 100 + m)),
        }
    }
    out
}

/// Column names of the panel file, in order (the nine codes with `.` → `_`).
pub fn panel_columns(period: Period) -> Vec<String> {
    let mut cols: Vec<String> = ["iso3_1", "iso3_2", "ccode1", "ccode2", "gwcode1", "gwcode2", "year"].iter().map(|s| s.to_string()).collect();
    if period == Period::Month {
        cols.push("month".into());
    }
    cols.extend(StrategyCode::ALL.iter().map(|&c| count_column(c).to_string()));
    cols.extend(
        ["events", "triad_events", "igo_events", "domestic_events", "goldstein_sum", "goldstein_mean", "sb_index", "hard_share"]
            .iter()
            .map(|s| s.to_string()),
    );
    cols
}

impl Panel {
    /// The panel as one Arrow record batch (the schema of the output files).
    pub fn to_record_batch(&self) -> Result<RecordBatch> {
        let names = panel_columns(self.period);
        let r = &self.rows;
        let s = |f: &dyn Fn(&PanelRow) -> String| -> ArrayRef { Arc::new(StringArray::from(r.iter().map(f).collect::<Vec<_>>())) };
        let i32c = |f: &dyn Fn(&PanelRow) -> Option<i32>| -> ArrayRef { Arc::new(Int32Array::from(r.iter().map(f).collect::<Vec<_>>())) };
        let i64c = |f: &dyn Fn(&PanelRow) -> Option<i64>| -> ArrayRef { Arc::new(Int64Array::from(r.iter().map(f).collect::<Vec<_>>())) };
        let f64c = |f: &dyn Fn(&PanelRow) -> Option<f64>| -> ArrayRef { Arc::new(Float64Array::from(r.iter().map(f).collect::<Vec<_>>())) };
        let mut cols: Vec<ArrayRef> = vec![
            s(&|x| x.iso3_1.clone()),
            s(&|x| x.iso3_2.clone()),
            i32c(&|x| x.ccode1.map(i32::from)),
            i32c(&|x| x.ccode2.map(i32::from)),
            i32c(&|x| x.gwcode1.map(i32::from)),
            i32c(&|x| x.gwcode2.map(i32::from)),
            i32c(&|x| Some(x.year)),
        ];
        if self.period == Period::Month {
            cols.push(i32c(&|x| x.month));
        }
        for code in StrategyCode::ALL {
            cols.push(i64c(&move |x| x.count(code)));
        }
        cols.push(i64c(&|x| x.events));
        cols.push(i64c(&|x| x.triad_events));
        cols.push(i64c(&|x| x.igo_events));
        cols.push(i64c(&|x| x.domestic_events));
        cols.push(f64c(&|x| x.goldstein_sum));
        cols.push(f64c(&|x| x.goldstein_mean));
        cols.push(f64c(&|x| x.sb_index()));
        cols.push(f64c(&|x| x.hard_share()));
        let fields: Vec<Field> = names
            .iter()
            .zip(&cols)
            .map(|(n, c)| Field::new(n, c.data_type().clone(), !matches!(n.as_str(), "iso3_1" | "iso3_2" | "year")))
            .collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).map_err(|e| Error::Output(e.to_string()))
    }

    /// Write the panel as Parquet (`.parquet`) or CSV (`.csv`; missing values as empty
    /// fields), atomically and never over one of the input files (`Error::Output`).
    pub fn write(&self, path: &Path) -> Result<()> {
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if ext != "parquet" && ext != "csv" {
            return Err(Error::Config(format!("--out must end in .parquet or .csv: {}", path.display())));
        }
        output::refuse_inputs(&[("--out", path)], &self.files)?;
        let file = AtomicFile::create(path)?;
        let file = if ext == "parquet" {
            let batch = self.to_record_batch()?;
            let mut sink = ParquetSink::new(file, batch.schema())?;
            sink.write(&batch)?;
            sink.into_inner()?
        } else {
            let mut file = file;
            self.write_csv(&mut file).map_err(|e| Error::Output(format!("cannot write {}: {e}", path.display())))?;
            file
        };
        file.finish()
    }

    pub fn write_csv(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        writeln!(w, "{}", panel_columns(self.period).join(","))?;
        let o = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        let u = |v: Option<u16>| v.map(|v| v.to_string()).unwrap_or_default();
        let fl = |v: Option<f64>| v.map(|v| format!("{v}")).unwrap_or_default();
        for r in &self.rows {
            let mut f = vec![r.iso3_1.clone(), r.iso3_2.clone(), u(r.ccode1), u(r.ccode2), u(r.gwcode1), u(r.gwcode2), r.year.to_string()];
            if self.period == Period::Month {
                f.push(o(r.month.map(i64::from)));
            }
            for c in StrategyCode::ALL {
                f.push(o(r.count(c)));
            }
            f.extend([o(r.events), o(r.triad_events), o(r.igo_events), o(r.domestic_events)]);
            f.extend([fl(r.goldstein_sum), fl(r.goldstein_mean), fl(r.sb_index()), fl(r.hard_share())]);
            writeln!(w, "{}", f.join(","))?;
        }
        w.flush()
    }
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
