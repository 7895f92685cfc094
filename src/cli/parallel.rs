//! Per-file work on every core, with results in input order.
//!
//! A command resolves each file's settings first (in order, so a config error stops the run the
//! same way every time), then hands the files to [`map_ordered`]: scoped worker threads take the
//! next file from a shared counter, and the results come back in the order of the input, so
//! output never depends on scheduling. A single item (`itsm lint one.md`) runs on the calling
//! thread and starts no thread at all.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, on up to [`workers`] threads; results in input order.
pub fn map_ordered<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = workers(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    mine.push((i, f(item)));
                }
                done.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(mine);
            });
        }
    });
    let mut done = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// How many threads `n` items get: one per core the process may run on (so `taskset -c 0` runs
/// on one), never more than there are items.
pub fn workers(n: usize) -> usize {
    if n <= 1 {
        return n;
    }
    std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .min(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let out = map_ordered(&items, |&i| {
            // Uneven work, so threads finish out of order.
            (0..(i % 7) * 1000).fold(i, |a, b| a ^ b) ^ (0..(i % 7) * 1000).fold(0, |a, b| a ^ b)
        });
        assert_eq!(out, items);
    }

    #[test]
    fn one_item_runs_on_the_calling_thread() {
        let me = std::thread::current().id();
        assert_eq!(map_ordered(&[()], |_| std::thread::current().id()), [me]);
        assert!(map_ordered(&[] as &[()], |_| ()).is_empty());
    }
}
