//! The local engine: input chunks spread over reader threads, each a partition of a
//! DataFusion `StreamingTable` fed through a bounded channel, and the two SQL stages run on
//! it (`run_local`).

use super::*;

pub(super) fn df_err(e: impl std::fmt::Display) -> DataFusionError {
    DataFusionError::External(e.to_string().into())
}

/// Split chunks over `n` partitions, largest first onto the lightest partition.
pub(super) fn partition_chunks(chunks: Vec<input::Chunk>, n: usize) -> Vec<Vec<input::Chunk>> {
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
pub(super) fn read_files(
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
pub(super) struct EventPartition {
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

pub(super) fn session_config(threads: usize) -> SessionConfig {
    SessionConfig::new().with_target_partitions(threads).with_batch_size(8192)
}


pub(super) async fn run_local(
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


