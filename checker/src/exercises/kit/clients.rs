//! Many clients at once: a burst of connects that arrive together, and the threads that run
//! one conversation each, joined into one verdict.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::base::verdict::{Failure, TestResult};
use crate::observe::wire::{Conn, Transcript};

/// A connect that took this long waited for its SYN to be sent again: the kernel dropped the
/// first (1 s later comes the first retransmission) because the listen queue was full.
pub const SYN_RETRY: Duration = Duration::from_millis(900);

/// Clients that connected together.
pub struct Burst {
    /// In the order they were started (`client 0`, `client 1`, ...).
    pub conns: Vec<Conn>,
    /// How many waited for their SYN to be sent again (a full listen queue).
    pub slow: usize,
}

/// Connect `n` clients at once, each from a thread of its own, named `client 0` to
/// `client n-1`. `meanwhile` runs once they have all connected or `settle` has passed (for
/// example to continue a server stopped for the burst); then every connect is waited for,
/// until `deadline`.
pub fn connect_burst(
    t: &Arc<Transcript>,
    port: u16,
    n: usize,
    deadline: Instant,
    settle: Duration,
    meanwhile: impl FnOnce(),
) -> Result<Burst, Failure> {
    let connected = Arc::new(AtomicUsize::new(0));
    let threads: Vec<JoinHandle<Result<(Conn, Duration), Failure>>> = (0..n)
        .map(|i| {
            let t = Arc::clone(t);
            let connected = Arc::clone(&connected);
            std::thread::spawn(move || {
                let began = Instant::now();
                let c = Conn::connect(&t, &format!("client {i}"), port, deadline)?;
                connected.fetch_add(1, Ordering::SeqCst);
                Ok((c, began.elapsed()))
            })
        })
        .collect();
    super::poll::until(settle, || connected.load(Ordering::SeqCst) == n);
    meanwhile();
    let mut conns = Vec::with_capacity(n);
    let mut slow = 0;
    for result in joined(threads) {
        let (c, took) = result?;
        slow += usize::from(took >= SYN_RETRY);
        conns.push(c);
    }
    Ok(Burst { conns, slow })
}

/// Wait for every thread; a thread that panicked is the checker's own failure.
pub fn joined<T>(threads: Vec<JoinHandle<Result<T, Failure>>>) -> Vec<Result<T, Failure>> {
    threads
        .into_iter()
        .map(|h| {
            h.join()
                .unwrap_or_else(|_| Err(Failure::checker_error("a client thread failed")))
        })
        .collect()
}

/// Wait for every conversation; the first failure (in the order they were started) and how
/// many failed.
pub fn all_passed(threads: Vec<JoinHandle<TestResult>>) -> Result<(), (Failure, usize)> {
    let mut first = None;
    let mut failed = 0;
    for result in joined(threads) {
        if let Err(f) = result {
            failed += 1;
            first.get_or_insert(f);
        }
    }
    first.map_or(Ok(()), |f| Err((f, failed)))
}
