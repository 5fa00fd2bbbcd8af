//! Many clients at once: a burst of connects that arrive together, the threads that run one
//! conversation each, joined into one verdict, and a client that floods the server with data
//! it never reads.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::procinfo;
use crate::contain::program::Program;
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
    /// Whether every client has had its first echo before any goes on: all are connected and
    /// served at once (a fixed table one too small cannot hold them).
    pub all_served_first: bool,
    /// What a client's failure adds about the server, looked at from that client's thread as
    /// soon as it fails (before the others go on and the server's state moves).
    pub explain: Option<Explain>,
}

/// A note on a failure from the server's state at that moment (`Conversation::explain`).
pub type Explain = Arc<dyn Fn(Failure) -> Failure + Send + Sync>;

/// How far many conversations have got, counted by their threads (`converse_watched`).
#[derive(Default)]
pub struct Progress {
    /// Conversations that have had their first echo.
    pub started: AtomicUsize,
    /// Conversations over (passed or failed).
    pub over: AtomicUsize,
    /// The most conversations seen under way at once (started, not over).
    pub most_at_once: AtomicUsize,
}

impl Progress {
    fn start(&self) {
        let started = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let under_way = started.saturating_sub(self.over.load(Ordering::SeqCst));
        self.most_at_once.fetch_max(under_way, Ordering::SeqCst);
    }
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
    converse_watched(conns, rng, how, deadline).0
}

/// `converse`, with the conversations' `Progress` to watch while they go on.
pub fn converse_watched(
    conns: Vec<Conn>,
    rng: &mut fastrand::Rng,
    how: Conversation,
    deadline: Instant,
) -> (Vec<JoinHandle<TestResult>>, Arc<Progress>) {
    let progress = Arc::new(Progress::default());
    let seeds: Vec<u64> = (0..conns.len()).map(|_| rng.u64(..)).collect();
    let (n, served_first) = (conns.len(), Arc::new(Meeting::default()));
    let threads = conns
        .into_iter()
        .zip(seeds)
        .enumerate()
        .map(|(i, (mut c, seed))| {
            let talker = Talker {
                i,
                n,
                rounds: (how.rounds)(i),
                filler: how.filler.clone(),
                pause: how.pause_ms.clone(),
                meet: how.all_served_first.then(|| Arc::clone(&served_first)),
                progress: Arc::clone(&progress),
            };
            let explain = how.explain.clone();
            std::thread::spawn(move || -> TestResult {
                let mut rng = fastrand::Rng::with_seed(seed);
                // Over once, however it ends.
                let ended = std::cell::Cell::new(false);
                let end = || {
                    if !ended.replace(true) {
                        talker.progress.over.fetch_add(1, Ordering::SeqCst);
                    }
                };
                let talked =
                    talker
                        .talk(&mut c, &mut rng, &end, deadline)
                        .map_err(|f| match &explain {
                            Some(explain) => explain(f),
                            None => f,
                        });
                if talked.is_err()
                    && let Some(all) = &talker.meet
                {
                    all.give_up();
                }
                end();
                talked
            })
        })
        .collect();
    (threads, progress)
}

/// One client of `converse_watched`, as its thread sees it.
struct Talker {
    i: usize,
    /// How many clients talk: all meet after their first echo, if `meet`.
    n: usize,
    rounds: usize,
    filler: Range<usize>,
    pause: Range<u64>,
    meet: Option<Arc<Meeting>>,
    progress: Arc<Progress>,
}

impl Talker {
    /// Its lines, each echoed whole, with a pause after each; then its EOF, answered by EOF.
    /// `end` counts the conversation over.
    fn talk(
        &self,
        c: &mut Conn,
        rng: &mut fastrand::Rng,
        end: &dyn Fn(),
        deadline: Instant,
    ) -> TestResult {
        let i = self.i;
        for round in 0..self.rounds {
            let filler: String = (0..rng.usize(self.filler.clone()))
                .map(|_| rng.alphanumeric())
                .collect();
            echo::round_trip(c, &format!("client {i} round {round} {filler}\n"), deadline)?;
            if round == 0 {
                self.progress.start();
            }
            if round == 0
                && let Some(all) = &self.meet
            {
                all.meet(self.n, deadline);
            }
            std::thread::sleep(Duration::from_millis(rng.u64(self.pause.clone())));
        }
        // Over for the count before the EOF: a server that serves one client at a time takes
        // the next only once it reads this EOF.
        end();
        c.shutdown_write();
        c.expect_eof(deadline, msg!("eof-after-client-eof"))
    }
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
    super::wait::until(settle, || connected.load(Ordering::SeqCst) == n);
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

/// How many connections `connect_paced` lets wait in a listen queue whose backlog it cannot
/// read: `listen(fd, 5)`, the notes' backlog, holds 6 on Linux, and one more may be on its way in
/// when the queue is read. And how many connect in a batch while the server is stopped.
const PACED: u64 = 4;

/// Connect `n` clients (`client 0` to `client n-1`) one after another, as fast as the server
/// accepts them, but never more than its listen queue holds (its backlog + 1, less one for a
/// handshake the kernel may still be finishing; read through `procinfo::ListenQueue`, or
/// `PACED` where that is not allowed): no SYN is dropped whatever the backlog, and no connect
/// waits for TCP's 1 s retransmission (one that does is counted). The first `frozen_batches`
/// batches, of `PACED`, connect while the server is stopped (`Program::freeze`), so each waits
/// in the queue at once and one event announces it (a few are proof enough, and each stop costs
/// a moment on a loaded machine). A server that stops accepting fails as soon as it is stuck,
/// with where it waits.
pub fn connect_paced(
    t: &Arc<Transcript>,
    server: &mut Program,
    port: u16,
    n: usize,
    deadline: Instant,
    frozen_batches: usize,
) -> Result<Burst, Failure> {
    let mut queue = Queue {
        server: server.pid(),
        port,
        listen: procinfo::ListenQueue::of(server.pid(), port),
    };
    let mut conns = Vec::with_capacity(n);
    let mut slow = 0;
    let mut batches = 0;
    while conns.len() < n {
        let together = batches < frozen_batches;
        batches += 1;
        // A batch that arrived together must have been accepted whole before the next one:
        // once it is continued, a correct server accepts until the queue is empty.
        let room = queue.room(t, together, conns.len(), deadline)?;
        let mut batch = room.min((n - conns.len()) as u64);
        if together {
            batch = batch.min(PACED);
            server.freeze()?;
        }
        for _ in 0..batch {
            let started = Instant::now();
            let who = format!("client {}", conns.len());
            match Conn::connect(t, &who, port, deadline) {
                Ok(c) => conns.push(c),
                Err(f) => {
                    if together {
                        let _ = server.thaw();
                    }
                    return Err(f);
                }
            }
            slow += usize::from(started.elapsed() >= SYN_RETRY);
        }
        if together {
            server.thaw()?;
        }
    }
    Ok(Burst { conns, slow })
}

/// How long a full listen queue may stay as it is before `connect_paced` says the server has
/// stopped accepting (see `Queue::room`).
const QUEUE_STILL: Duration = Duration::from_secs(2);

/// The listen queue `connect_paced` fills.
struct Queue {
    server: i32,
    port: u16,
    listen: Option<procinfo::ListenQueue>,
}

impl Queue {
    /// How many waiting connections and how many it may hold, now.
    fn look(&self) -> Option<(u64, u64)> {
        if let Some((waiting, backlog)) = self.listen.as_ref().and_then(|l| l.now()) {
            let holds = u64::from(backlog) + 1 - u64::from(backlog > 0);
            return Some((u64::from(waiting), holds));
        }
        procinfo::listen_queue(self.server, self.port).map(|waiting| (waiting, PACED))
    }

    /// How many more connections may wait now (at least 1): waits while the queue is full, or,
    /// with `empty`, until it is empty; fails once the server is stuck so, or is gone, or at
    /// `deadline`.
    fn room(
        &mut self,
        t: &Transcript,
        empty: bool,
        connected: usize,
        deadline: Instant,
    ) -> Result<u64, Failure> {
        // A full queue that does not move while the server keeps waking (a loop that sleeps
        // instead of waiting for events is never stuck) fails after QUEUE_STILL, not at the
        // deadline: a server of these contracts accepts within milliseconds of a connection.
        let mut last = (None, Instant::now());
        let queue_full = || {
            Failure::of_kind(
                FailureKind::Timeout,
                msg!("clients-queue-full", n = connected.to_string()),
            )
        };
        let looked = t.wait_or_stuck(deadline, |_| {
            if procinfo::state(self.server).is_none_or(|st| st == 'Z') {
                // Gone: let go of its socket (a duplicate would keep it listening), and the
                // connects that follow say how it ended.
                self.listen = None;
                return Some(Ok(1));
            }
            match self.look() {
                Some((0, holds)) => return Some(Ok(holds.max(1))),
                Some((waiting, holds)) if !empty && waiting < holds => {
                    return Some(Ok(holds - waiting));
                }
                None => return Some(Ok(1)),
                Some((waiting, _)) if last.0 != Some(waiting) => {
                    last = (Some(waiting), Instant::now());
                }
                Some(_) if last.1.elapsed() >= QUEUE_STILL => {
                    let still = msg!("clients-queue-still", secs = QUEUE_STILL.as_secs());
                    return Some(Err(queue_full().note(still)));
                }
                Some(_) => {}
            }
            std::thread::sleep(Duration::from_millis(2));
            None
        });
        match looked {
            Ok(Some(room)) => room.map_err(|f| t.attach(f)),
            Ok(None) => Err(t.attach(queue_full())),
            Err(stuck) => Err(t.attach(stuck.explains(queue_full()))),
        }
    }
}

/// Where client threads wait for each other (all of them having done their part), unless one
/// gives up: a test's clients all connected at once, say, before any leaves.
#[derive(Default)]
pub struct Meeting {
    arrived: AtomicUsize,
    gave_up: AtomicBool,
}

impl Meeting {
    /// Wait until all `n` have arrived, one has given up, or `deadline`.
    pub fn meet(&self, n: usize, deadline: Instant) {
        self.arrived.fetch_add(1, Ordering::SeqCst);
        while self.arrived.load(Ordering::SeqCst) < n
            && !self.gave_up.load(Ordering::SeqCst)
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    pub fn give_up(&self) {
        self.gave_up.store(true, Ordering::SeqCst);
    }
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

/// The checker holds a thousand sockets and so does the server it starts: lift the soft limit
/// on descriptors (often 1024) to the hard one, once, before the server starts.
pub fn enough_descriptors() {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
        let want = hard.min(8192).max(soft);
        if want > soft {
            let _ = setrlimit(Resource::RLIMIT_NOFILE, want, hard);
        }
    }
}
