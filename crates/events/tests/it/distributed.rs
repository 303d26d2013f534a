//! Local DataFusion and Ballista give identical panels. The Ballista run starts a scheduler
//! and an executor in this process, listening on localhost only (Ballista's standalone mode),
//! stages the coded events as Parquet and runs the same two SQL stages on the cluster.

use super::*;
use softbalance_events::Engine;

#[test]
fn local_and_ballista_panels_are_identical() {
    let inputs = [gdelt1(), icews()];
    let local = panel(&inputs, |o| o.engine = Engine::Local);
    let dist = panel(&inputs, |o| o.engine = Engine::BallistaStandalone);
    assert_eq!(local.stats, dist.stats);
    assert!(local.stats.balanced());
    assert!(local.rows.len() > 100, "{} rows", local.rows.len());
    assert_eq!(local.rows.len(), dist.rows.len());
    for (a, b) in local.rows.iter().zip(&dist.rows) {
        assert_eq!(a, b);
    }
    let (x, y) = (local.to_record_batch().unwrap(), dist.to_record_batch().unwrap());
    assert_eq!(x, y);
}

/// `--engine ballista://HOST:PORT`: a scheduler and an executor started separately on
/// localhost (as `ballista-scheduler` and `ballista-executor` processes would be), reached
/// through the URL like a remote cluster.
#[test]
fn remote_engine_url_reaches_a_scheduler_on_localhost() {
    use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
    use ballista_core::serde::BallistaCodec;
    let cluster = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(32 * 1024 * 1024)
        .enable_all()
        .build()
        .unwrap();
    let port = cluster.block_on(async {
        let addr = ballista_scheduler::standalone::new_standalone_scheduler().await.unwrap();
        let url = format!("http://localhost:{}", addr.port());
        let mut tries = 0;
        let scheduler = loop {
            match SchedulerGrpcClient::connect(url.clone()).await {
                Ok(s) => break s,
                Err(e) => {
                    tries += 1;
                    assert!(tries < 100, "scheduler did not come up: {e}");
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            }
        };
        ballista_executor::new_standalone_executor(scheduler, 2, BallistaCodec::default()).await.unwrap();
        addr.port()
    });
    let local = panel(&[icews()], |_| {});
    let remote = panel(&[icews()], |o| o.engine = format!("ballista://localhost:{port}").parse().unwrap());
    assert_eq!(local.stats, remote.stats);
    assert_eq!(local.rows, remote.rows);
    cluster.shutdown_background();
}
