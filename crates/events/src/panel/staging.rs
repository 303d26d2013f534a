//! Ballista: the readers stage their partial aggregates as Parquet in a folder the
//! executors can read, the aggregate is staged the same way, and both SQL stages run on the
//! cluster (`run_ballista`); `ParquetSink` writes those files and the Parquet panel.

use super::*;

#[cfg(feature = "ballista")]
pub(super) async fn run_ballista(
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

