//! Many clients at once: a burst of connects that arrive together, the threads that run one
//! conversation each, joined into one verdict, and a client that floods the server with data
//! it never reads.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::exercises::kit::echo;
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

/// How each of many clients talks to an echo server (`converse`).
pub struct Conversation {
    /// How many lines client `i` sends.
    pub rounds: fn(usize) -> usize,
    /// How many random letters fill a line.
    pub filler: Range<usize>,
    /// The pause after each echo, in milliseconds.
    pub pause_ms: Range<u64>,
}

/// Every connection talks in a thread of its own, from its own seed (drawn from `rng` in
/// order): lines `client <i> round <r> <filler>`, each echoed whole, with a pause after each,
/// then its EOF, answered by EOF. Join them with `all_passed`.
pub fn converse(
    conns: Vec<Conn>,
    rng: &mut fastrand::Rng,
    how: Conversation,
    deadline: Instant,
) -> Vec<JoinHandle<TestResult>> {
    let seeds: Vec<u64> = (0..conns.len()).map(|_| rng.u64(..)).collect();
    conns
        .into_iter()
        .zip(seeds)
        .enumerate()
        .map(|(i, (mut c, seed))| {
            let (filler, pause) = (how.filler.clone(), how.pause_ms.clone());
            let rounds = (how.rounds)(i);
            std::thread::spawn(move || -> TestResult {
                let mut rng = fastrand::Rng::with_seed(seed);
                for round in 0..rounds {
                    let filler: String = (0..rng.usize(filler.clone()))
                        .map(|_| rng.alphanumeric())
                        .collect();
                    echo::round_trip(
                        &mut c,
                        &format!("client {i} round {round} {filler}\n"),
                        deadline,
                    )?;
                    std::thread::sleep(Duration::from_millis(rng.u64(pause.clone())));
                }
                c.shutdown_write();
                c.expect_eof(deadline, msg!("eof-after-client-eof"))
            })
        })
        .collect()
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
                .unwrap_or_else(|_| Err(Failure::checker_error(msg!("clients-thread-failed"))))
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

/// A client that sends `data` from a thread of its own and reads nothing, so the server's
/// output for it piles up; how far it got shows whether the server still takes its data. It
/// can be stopped between two writes (`stop`), which lets the connection be reset at once.
pub struct Flood {
    sent: Arc<AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: JoinHandle<TestResult>,
}

impl Flood {
    /// Start sending `data` on a clone of `conn`, then half-close.
    pub fn start(conn: &Conn, data: Arc<[u8]>, deadline: Instant) -> Result<Flood, Failure> {
        let mut w = conn.try_clone()?;
        let sent = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (progress, stopped) = (Arc::clone(&sent), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let mut at = 0;
            while at < data.len() {
                if stopped.load(Ordering::SeqCst) {
                    return Ok(());
                }
                if Instant::now() >= deadline {
                    return Err(Failure::checker_error(msg!(
                        "clients-flood-short",
                        at = at.to_string(),
                        total = data.len().to_string()
                    )));
                }
                let end = data.len().min(at + (64 << 10));
                at += w.send_some(&data[at..end], Duration::from_millis(20))?;
                progress.store(at, Ordering::SeqCst);
            }
            w.shutdown_write();
            Ok(())
        });
        Ok(Flood { sent, stop, thread })
    }

    /// Bytes sent so far.
    pub fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }

    /// Wait until the server stops taking data (nothing more goes out for `steady`), or
    /// everything went out, or `within` passed; whether it stalled.
    pub fn wait_stalled(&self, steady: Duration, within: Duration) -> bool {
        let until = Instant::now() + within;
        let mut last = (self.sent(), Instant::now());
        while Instant::now() < until && !self.thread.is_finished() {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.sent();
            if now != last.0 {
                last = (now, Instant::now());
            } else if last.1.elapsed() >= steady {
                return true;
            }
        }
        false
    }

    /// Stop sending (within a few tens of milliseconds) and let go of the connection.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.thread.join();
    }

    /// Wait for the sending thread.
    pub fn join(self) -> TestResult {
        self.thread
            .join()
            .unwrap_or_else(|_| Err(Failure::checker_error(msg!("clients-flood-failed"))))
    }
}
