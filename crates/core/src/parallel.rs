//! Work spread over the machine's cores: `map_on_cores` runs `n` independent tasks on scoped
//! threads that take the next task as they free up, and returns the results in task order, so
//! callers stay deterministic whatever the thread timing or count.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f(0)`, …, `f(n - 1)`, computed on up to as many threads as the machine has cores, in order.
pub fn map_on_cores<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |c| c.get()).clamp(1, n.max(1));
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break mine;
                        }
                        mine.push((i, f(i)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a task on another core panicked")).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_task_order() {
        assert_eq!(map_on_cores(1000, |i| i * 2), (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        assert!(map_on_cores(0, |i| i).is_empty());
    }
}
