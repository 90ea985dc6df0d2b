//! Run one job per address on a few threads, at most so many at once for one host.
//!
//! Input: each job's host, the limits, and the work. Output: each job's result, in the
//! jobs' order. A job waiting for its host to be free lets the jobs of other hosts pass; a
//! job that sleeps between tries keeps its host's place, so that the host is not asked more
//! often while it asks us to slow down. Knows nothing of HTTP.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};

/// Runs `work(i)` for every job `i` of `hosts`, with at most `per_host` jobs of one host
/// and `workers` jobs in all at once.
pub(super) fn run<T: Send>(
    hosts: &[String],
    per_host: usize,
    workers: usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<Option<T>> {
    let per_host = per_host.max(1);
    let state = Mutex::new(Queue {
        waiting: (0..hosts.len()).collect(),
        busy: HashMap::new(),
    });
    let freed = Condvar::new();
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..hosts.len()).map(|_| None).collect());
    let workers = workers.clamp(1, hosts.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while let Some(i) = next(&state, &freed, hosts, per_host) {
                    let result = work(i);
                    lock(&results)[i] = Some(result);
                    let mut q = lock(&state);
                    if let Some(n) = q.busy.get_mut(hosts[i].as_str()) {
                        *n = n.saturating_sub(1);
                    }
                    drop(q);
                    freed.notify_all();
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(PoisonError::into_inner)
}

struct Queue<'a> {
    /// The jobs not started, in order.
    waiting: VecDeque<usize>,
    /// How many jobs of each host are running.
    busy: HashMap<&'a str, usize>,
}

/// The first waiting job whose host has room, once there is one; `None` when no job waits.
fn next<'a>(
    state: &Mutex<Queue<'a>>,
    freed: &Condvar,
    hosts: &'a [String],
    per_host: usize,
) -> Option<usize> {
    let mut q = lock(state);
    loop {
        if q.waiting.is_empty() {
            return None;
        }
        let room = q
            .waiting
            .iter()
            .position(|&i| q.busy.get(hosts[i].as_str()).copied().unwrap_or(0) < per_host);
        if let Some(at) = room
            && let Some(i) = q.waiting.remove(at)
        {
            *q.busy.entry(hosts[i].as_str()).or_default() += 1;
            return Some(i);
        }
        // Every waiting job's host is busy: a running job ends and frees one.
        q = freed.wait(q).unwrap_or_else(PoisonError::into_inner);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn never_more_than_the_limits_at_once_and_every_job_once() {
        let hosts: Vec<String> = ["a", "a", "a", "a", "a", "b", "b", "c", "a", "b"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        let running: Mutex<HashMap<String, usize>> = Mutex::new(HashMap::new());
        let most_per_host = AtomicUsize::new(0);
        let all = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let done = run(&hosts, 2, 3, |i| {
            let now_all = all.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now_all, Ordering::SeqCst);
            {
                let mut r = lock(&running);
                let n = r.entry(hosts[i].clone()).or_default();
                *n += 1;
                most_per_host.fetch_max(*n, Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_millis(20));
            *lock(&running).entry(hosts[i].clone()).or_default() -= 1;
            all.fetch_sub(1, Ordering::SeqCst);
            i * 10
        });
        assert_eq!(
            done,
            (0..hosts.len()).map(|i| Some(i * 10)).collect::<Vec<_>>()
        );
        assert_eq!(most_per_host.load(Ordering::SeqCst), 2);
        assert!(most.load(Ordering::SeqCst) <= 3);
    }

    #[test]
    fn no_jobs_no_threads() {
        let done: Vec<Option<()>> = run(&[], 2, 8, |_| ());
        assert!(done.is_empty());
    }
}
