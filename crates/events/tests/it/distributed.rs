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
