//! Hidden tests of day6-unix, a preforked echo server: the parent accepts and passes each
//! connection to a free worker over a socketpair (SCM_RIGHTS). Observed from outside: the echo
//! on the wire (the echo-server family, through a worker), who holds which socket
//! (`/proc/<pid>/fd` against the TCP and Unix tables of the server's namespace: `travels`), the
//! workers as the parent's children, busy or waiting, killed and replaced (`workers`), the
//! control socket's `stats` and its path (`control`), the clean exit (`shutdown`).
//!
//! Process state is judged only once the server's tree has held still (`settle`): every process
//! asleep in a blocking call and what is looked at unchanged, in several looks in a row; never
//! right after a fork or a signal.

mod control;
mod shutdown;
mod travels;
mod workers;

use std::collections::BTreeMap;
use std::io::{ErrorKind, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use control::{bad_usage, path_owned, stale_control_path, stats};
use shutdown::{sigint_exit, sigterm_exit};
use travels::{no_listener_in_worker, passes_the_connection, socketpair_ends};
use workers::{
    no_fd_leak, reset_then_normal, served_at_once, to_a_free_worker, worker_count, worker_replaced,
};

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::families::graceful_exit::GRACEFUL_EXIT;
use crate::exercises::kit;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::{Takes, Tweak};
use crate::observe::wire::errors::io_failure;
use crate::observe::wire::{Server, Transcript};
use crate::table::track::{CTrack, ImportKind, ImportRule};

const SERVER: &str = "prefork-server";

/// The control path the tests give, relative to the test's own directory (where the server
/// runs): short, whatever the directory's path (a `sun_path` holds 108 bytes).
pub const CONTROL: &str = "control.sock";

pub static EXERCISE: Exercise = Exercise {
    name: "day6-unix",
    day: 6,
    title: "a preforked echo server: the parent accepts and passes each connection to a free worker over a Unix-domain socket",
    section: "day6-unix",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/prefork-server.rs"],
    // Echo through a worker: the echo-server contract, run as `prefork-server <port> 2
    // control.sock`. Its throughput row is left out: the contract sets no speed, and the bytes
    // go through the same loop as day2-echo's, which measures it. The clean exit is the
    // graceful-exit family's, with this exercise's scenario (shutdown.rs).
    families: &[
        Takes::family(&ECHO_SERVER, SERVER)
            .args(&["2", CONTROL])
            .skip(&["throughput"])
            .tweaks(&[
                Tweak::of("round-trip")
                    .hint("A worker echoes until read returns 0, then closes the connection; the parent closes its own copy right after sendmsg, or the connection stays open and the client never sees EOF.")
                    .section("fd-passing"),
                // The reset's effect is waited for before the server is judged (workers.rs).
                Tweak::of("reset-then-normal").run(reset_then_normal),
                Tweak::of("sequential-clients")
                    .hint("After each client a worker says it is free (a byte on its socketpair), and the parent accepts again when it hears it: a worker that never says so, or a parent that never listens, stops serving after <workers> clients.")
                    .section("preforking"),
            ]),
        Takes::family(&GRACEFUL_EXIT, SERVER)
            .after_own()
            .tweaks(&[
                Tweak::of("sigterm-exit")
                    .title("SIGTERM with both workers busy and a client waiting: `bye` last, status 0 within 2 s, the control path removed, no process left")
                    .hint("On SIGTERM: stop accepting, kill(worker, SIGTERM) each worker and waitpid it, unlink the control path, print `bye`, exit 0. A worker inherits the parent's handlers and blocked signals: give it SIGTERM's default action back, unblocked.")
                    .section("unix-paths")
                    .run(sigterm_exit),
                Tweak::of("sigint-exit")
                    .title("SIGINT to the whole process group, as Ctrl-C sends it: the same clean exit, the control path removed")
                    .hint("Take SIGINT as SIGTERM in the parent; the workers may die of it, and the parent still waits for them and removes the control path.")
                    .section("unix-paths")
                    .run(sigint_exit),
            ]),
    ],
    tests: &[
        TestCase {
            id: "passes-the-connection",
            title: "while a client is connected, one worker holds its connection and the parent holds none of it (/proc/<pid>/fd against net/tcp)",
            points: 2,
            timeout: secs(15),
            hint: "After sendmsg the worker has a descriptor of its own for the connection: the parent closes its copy at once (drop the OwnedFd), and never reads or writes client data.",
            hint_c: Some("After sendmsg the worker has a descriptor of its own for the connection: the parent close()s its copy at once, and never reads or writes client data."),
            section: "fd-passing",
            program: Some(SERVER),
            run: passes_the_connection,
        },
        TestCase {
            id: "no-listener-in-worker",
            title: "no worker holds the listening socket: only the parent accepts",
            points: 1,
            timeout: secs(15),
            hint: "A worker closes the listening socket right after fork: it gets its connections from the parent over its socketpair, never by accept().",
            hint_c: None,
            section: "preforking",
            program: Some(SERVER),
            run: no_listener_in_worker,
        },
        TestCase {
            id: "socketpair-ends",
            title: "the parent holds one end of each worker's socketpair and each worker exactly the other (/proc/net/unix, inodes)",
            points: 2,
            timeout: secs(15),
            hint: "After fork, the parent closes the worker's end and the worker closes the parent's end of its pair, and the parent's ends of the pairs made before it: each end has one holder.",
            hint_c: None,
            section: "socketpair",
            program: Some(SERVER),
            run: socketpair_ends,
        },
        TestCase {
            id: "worker-count",
            title: "exactly <workers> workers (1, then more), before clients, while they are connected, after they leave",
            points: 1,
            timeout: secs(20),
            hint: "Fork <workers> workers at start, no more and no fewer, and no process per client: a worker serves one client after another.",
            hint_c: None,
            section: "preforking",
            program: Some(SERVER),
            run: worker_count,
        },
        TestCase {
            id: "served-at-once",
            title: "as many clients served at once as workers; two more wait in the backlog, not accepted, each served in turn when an earlier client leaves",
            points: 3,
            timeout: secs(20),
            hint: "Pass a connection only to a free worker, and while none is free do not accept at all (leave the listening socket out of poll, and accept only when poll says the listening socket is readable, not when a worker or the control socket woke you): accept again when a worker says it is free, and pass the client to that worker.",
            hint_c: None,
            section: "preforking",
            program: Some(SERVER),
            run: served_at_once,
        },
        TestCase {
            id: "to-a-free-worker",
            title: "one client stays with its worker; visitors one after another (as many as workers) are each answered at once by a free worker, none passed to the busy one",
            points: 2,
            timeout: secs(20),
            hint: "Pass each connection to a worker that said it is free, not to the next in turn: a busy worker serves its own client first, and a connection passed to it waits behind that client while another worker sits idle.",
            hint_c: None,
            section: "preforking",
            program: Some(SERVER),
            run: to_a_free_worker,
        },
        TestCase {
            id: "worker-replaced",
            title: "a worker killed with SIGKILL is reaped and replaced within 1 s; the other workers' clients go on; new clients are served",
            points: 2,
            timeout: secs(20),
            hint: "A dead worker's end of its socketpair reads EOF (and SIGCHLD comes): waitpid it (no zombie), close that end, and fork a new worker with a new socketpair in its place.",
            hint_c: None,
            section: "preforking",
            program: Some(SERVER),
            run: worker_replaced,
        },
        TestCase {
            id: "stats",
            title: "`stats` on the control socket: one line `worker <pid> served <n>` per live worker, counts of finished connections only, a replacement at 0, then EOF",
            points: 2,
            timeout: secs(20),
            hint: "Count a connection when its worker says it is free (it has finished it), per worker process; answer `stats\\n` with one line per worker and close the control connection.",
            hint_c: None,
            section: "day6-unix",
            program: Some(SERVER),
            run: stats,
        },
        TestCase {
            id: "stale-control-path",
            title: "a stale socket file at the control path (nothing answers on it) is replaced: the server starts and answers there",
            points: 1,
            timeout: secs(15),
            hint: "bind fails with EADDRINUSE when the file exists. connect() to it: ECONNREFUSED means nobody is there, so unlink it and bind again.",
            hint_c: None,
            section: "unix-paths",
            program: Some(SERVER),
            run: stale_control_path,
        },
        TestCase {
            id: "path-owned",
            title: "a second server on a control path a running server owns exits 1 with one line on stderr, leaves no process, and the first keeps its path",
            points: 2,
            timeout: secs(20),
            hint: "If connect() to the existing socket file succeeds, a server is there: never unlink its path. Print one line on stderr and exit 1, after ending and waiting for any worker already forked.",
            hint_c: None,
            section: "unix-paths",
            program: Some(SERVER),
            run: path_owned,
        },
        TestCase {
            id: "no-fd-leak",
            title: "after 50 clients one after another, the parent and every worker hold as many descriptors as at start",
            points: 2,
            timeout: secs(20),
            hint: "Every descriptor a worker receives is its own: close it (drop the OwnedFd) when its client is done, or one leaks per client until the worker hits its limit.",
            hint_c: Some("Every descriptor a worker receives is its own: close() it when its client is done, or one leaks per client until the worker hits its limit."),
            section: "fd-passing",
            program: Some(SERVER),
            run: no_fd_leak,
        },
        TestCase {
            id: "bad-usage",
            title: "missing or non-numeric arguments, workers outside 1..16, a control path that cannot be bound: one line on stderr, exit 1, no process left",
            points: 1,
            timeout: secs(30),
            hint: "Check the arguments before anything else; if the control path cannot be bound after the workers are forked, end them (SIGTERM) and wait for them before exiting 1.",
            hint_c: None,
            section: "day6-unix",
            program: Some(SERVER),
            run: bad_usage,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["prefork-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        c_imports::NO_THREADS,
        c_imports::FORKS,
        ImportRule {
            kind: ImportKind::Required,
            functions: &["sendmsg"],
            reason: "the parent passes each connection to a worker with sendmsg() and SCM_RIGHTS",
        },
    ],
};

/// The server under test, its workers forked.
pub struct Prefork {
    pub s: Server,
    /// Its control path, as the checker reaches it.
    pub control: PathBuf,
}

/// Start `prefork-server <port> <workers> <control>` on a port of the kernel's choosing, and
/// wait until its tree has held still (the workers forked and waiting).
pub fn start(ctx: &Ctx, workers: usize) -> Result<Prefork, Failure> {
    start_at(ctx, workers, CONTROL)
}

pub fn start_at(ctx: &Ctx, workers: usize, control: &str) -> Result<Prefork, Failure> {
    let s = kit::server::start(ctx, SERVER, 0, &[workers.to_string(), control.to_string()])?;
    let p = Prefork {
        s,
        control: ctx.workdir().join(control),
    };
    p.settle(Duration::from_secs(2), || p.workers());
    Ok(p)
}

/// Whether `Prefork::settle_seen` saw the tree hold still.
#[derive(Clone, Copy)]
pub struct Still(bool);

impl Still {
    /// A failure on a state it read: seen while every process slept, it stands; read when time
    /// ran out, it is on time, not proven (a starved machine may not have run them yet).
    pub fn judge(self, f: Failure) -> Failure {
        if self.0 { f } else { f.only_silence() }
    }
}

impl Prefork {
    pub fn pid(&self) -> i32 {
        self.s.program.pid()
    }

    /// Its workers: the children that have not ended (a zombie is no worker).
    pub fn workers(&self) -> Vec<i32> {
        procinfo::children(self.pid())
            .into_iter()
            .filter(|&p| procinfo::state(p).is_some_and(|st| st != 'Z'))
            .collect()
    }

    /// Its children that ended and were never reaped.
    pub fn zombies(&self) -> Vec<i32> {
        procinfo::children(self.pid())
            .into_iter()
            .filter(|&p| procinfo::state(p) == Some('Z'))
            .collect()
    }

    /// Wait (at most `within`) until the server's tree has held still: every live process
    /// asleep in a blocking call, and `look` the same, in three looks in a row 20 ms apart.
    /// Returns the last look (the caller judges it, still or not).
    pub fn settle<T: PartialEq>(&self, within: Duration, look: impl FnMut() -> T) -> T {
        self.settle_seen(within, look).0
    }

    /// `settle`, and whether the tree was seen still (not: `within` ran out first, which a
    /// starved machine can cause).
    pub fn settle_seen<T: PartialEq>(
        &self,
        within: Duration,
        mut look: impl FnMut() -> T,
    ) -> (T, Still) {
        let until = Instant::now() + within;
        let mut last = look();
        let mut still = 0;
        loop {
            let asleep = procinfo::tree(self.pid())
                .into_iter()
                .filter(|&p| procinfo::state(p) != Some('Z'))
                .all(procinfo::is_waiting);
            std::thread::sleep(Duration::from_millis(20));
            let now = look();
            still = if asleep && now == last { still + 1 } else { 0 };
            last = now;
            if still >= 3 || Instant::now() >= until {
                return (last, Still(still >= 3));
            }
        }
    }

    /// The server's socket of the connection from our local port `client_port`, in the TCP
    /// table of its namespace: its inode is 0 while it waits in the backlog, not yet accepted.
    pub fn server_side(&self, client_port: u16) -> Option<procinfo::TcpSocket> {
        procinfo::tcp_sockets(self.pid())
            .into_iter()
            .find(|s| s.remote_port == client_port && s.local_port == self.s.port)
    }

    /// The processes of the server's tree that hold socket `inode`.
    pub fn holders(&self, inode: u64) -> Vec<i32> {
        procinfo::tree(self.pid())
            .into_iter()
            .filter(|&p| procinfo::socket_inodes(p).contains(&inode))
            .collect()
    }

    /// Its workers by the pid each sees as its own (what the program prints, in a sandbox's
    /// PID namespace), with the pid the checker sees.
    pub fn workers_as_seen(&self) -> BTreeMap<i32, i32> {
        self.workers().into_iter().map(|p| (seen(p), p)).collect()
    }

    /// A process of the tree, named for a failure (by the pid the program sees): the parent or
    /// a worker.
    pub fn who(&self, pid: i32) -> Text {
        if pid == self.pid() {
            msg!("prefork-the-parent", pid = seen(pid).to_string())
        } else {
            msg!("prefork-worker", pid = seen(pid).to_string())
        }
    }

    /// Processes named one after another, for a failure.
    pub fn named(&self, pids: &[i32]) -> Text {
        Text::listed(pids.iter().map(|&p| self.who(p)))
    }
}

/// The pid a process sees as its own (the checker's pid for it outside a sandbox).
pub fn seen(pid: i32) -> i32 {
    procinfo::own_pid(pid).unwrap_or(pid)
}

/// Send `stats\n` on `p`'s control socket and read what comes back until EOF (at most 2 s).
/// The line goes only once the program has accepted the connection and waits for it
/// (`accepted_and_waiting`): a program that reads its command without waiting for it fails
/// every time, not only when the line happened to be there first (issue 67).
pub(super) fn ask(t: &Transcript, p: &Prefork) -> Result<Vec<u8>, Failure> {
    let who = "control client";
    let before = accepted_control_sockets(p.pid());
    let path = &p.control;
    let mut s = UnixStream::connect(path).map_err(|e| {
        Failure::wrong(msg!(
            "prefork-control-connect",
            path = CONTROL,
            error = e.to_string()
        ))
        .note(msg!("prefork-control-listens"))
    })?;
    accepted_and_waiting(p.pid(), &before, &s);
    // The server may have closed the control connection before our line (accepted it and
    // closed it unread): the write's EPIPE or ECONNRESET is the program's doing, not the
    // checker's.
    s.write_all(b"stats\n").map_err(|e| {
        t.attach(io_failure(who, msg!("prefork-writing-stats"), &e))
            .note(msg!("prefork-control-closed-unread"))
    })?;
    t.sent(who, b"stats\n");
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut reply = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        s.set_read_timeout(Some(left.max(Duration::from_millis(1))))?;
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                t.received(who, &buf[..n]);
                reply.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(t
                    .attach(Failure::of_kind(
                        FailureKind::Timeout,
                        msg!("prefork-stats-no-eof"),
                    ))
                    .detail(msg!("label-got"), escape::quoted(&reply, 400))
                    .note(msg!("prefork-close-control")));
            }
            Err(e) if e.kind() == ErrorKind::ConnectionReset => break,
            Err(e) => return Err(t.attach(io_failure(who, msg!("prefork-reading-stats"), &e))),
        }
    }
    t.note(who, msg!("prefork-control-eof"));
    Ok(reply)
}

/// The accepted Unix sockets `pid`'s tree holds, by process: connected, and named by the path
/// of the socket they were accepted on (a socketpair's ends have none).
fn accepted_control_sockets(pid: i32) -> BTreeMap<u64, i32> {
    let named: Vec<u64> = procinfo::unix_sockets(pid)
        .into_iter()
        .filter(|u| u.connected && !u.listening && u.path.is_some())
        .map(|u| u.inode)
        .collect();
    procinfo::tree(pid)
        .into_iter()
        .flat_map(|p| procinfo::socket_inodes(p).into_iter().map(move |i| (i, p)))
        .filter(|(inode, _)| named.contains(inode))
        .collect()
}

/// Waits (1 s at most) until the program has accepted the control connection `client` and the
/// process that holds it sleeps, every thread of it (it did at once whatever it does on accepting,
/// and waits), or has closed it. Past that the line goes anyway: a program that never settles
/// is judged on its answer.
fn accepted_and_waiting(pid: i32, before: &BTreeMap<u64, i32>, client: &UnixStream) {
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        let mut byte = [0u8; 1];
        // SAFETY: recv writes at most one byte into `byte`, which lives across the call.
        let peeked = unsafe {
            libc::recv(
                std::os::fd::AsRawFd::as_raw_fd(client),
                byte.as_mut_ptr().cast(),
                1,
                libc::MSG_PEEK | libc::MSG_DONTWAIT,
            )
        };
        if peeked >= 0 {
            return; // closed (0), or it wrote first: either way it has done with accepting
        }
        let held = accepted_control_sockets(pid);
        let asleep = |holder: i32| {
            let tasks = procinfo::tasks(holder);
            !tasks.is_empty() && tasks.iter().all(|t| t.state == 'S')
        };
        if held
            .iter()
            .any(|(inode, &holder)| !before.contains_key(inode) && asleep(holder))
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
