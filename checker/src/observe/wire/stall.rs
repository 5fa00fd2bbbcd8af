//! The stalled reader: the checker stops reading while a program sends it far more than the
//! socket buffers hold, so the program's sends cannot complete at once. A program blocked in a
//! send is stopped and continued (SIGSTOP, SIGCONT): on Linux a blocked send interrupted that
//! way returns a short count, and a program that ignores the count loses the rest. A program
//! that never blocks (non-blocking sockets with poll, select or epoll) stalls with its output
//! waiting in its own buffers instead: there is nothing to interrupt, and the test simply goes
//! on and reads. Either way the verdict is about the bytes that arrive, never about where the
//! program waits; but it means something only once the program's sends met a full buffer (one
//! cut short by a stop, or the program seen holding its output before a full socket:
//! `Stall::reached`), which a starved machine can keep from happening within a round.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

use super::{Conn, Transcript};
use crate::base::i18n::msg;
use crate::base::verdict::Failure;
use crate::contain::procinfo;

/// What happened while the checker stalled.
pub struct Stall {
    /// How many times the program was stopped and continued inside a blocked send, and the
    /// send may have returned a short count (surely, or the machine ran it too little to tell;
    /// a send the kernel restarted is not counted).
    pub stops: usize,
    /// How many times it was stopped inside a blocked send, whatever the send did then: what
    /// says that the program blocks in its sends (one that never blocks is never stopped), which
    /// the kernel shows, where whether a send came back short is told from counters a busy
    /// machine may leave behind.
    pub tries: usize,
    /// How many sends a stop surely cut short (the send returned what it had taken).
    pub cut: usize,
    /// The program was seen stalled without a blocked send, its end of the connection full: a
    /// non-blocking send of it met EAGAIN or a short count, and it held the rest (or lost it).
    pub held_full: bool,
    /// How long the checker stalled.
    pub waited: Duration,
}

impl Stall {
    /// The stall created what the stalled reader judges: a send of the program met a full
    /// buffer, cut short by a stop (a blocking sender) or refused by a full socket (a
    /// non-blocking one). Not when every round ran out of time first (a machine that starved
    /// the program, or the checker's writer, before the buffers filled), nor when every stop
    /// found a send that had taken nothing yet: the program then had nothing it could lose.
    pub fn reached(&self) -> bool {
        self.cut > 0 || self.held_full
    }
}

/// How long the program must be seen stalled without a blocked send (asleep at every look,
/// nothing of it moving) before the checker takes it so.
const STEADY: Duration = Duration::from_millis(150);
/// The longest a round waits for the program to stall, either way, with nothing moving since
/// (the program's queues and ours, its sleep): long enough for a starved program to get where
/// it blocks. While bytes still move, a round waits on, until `RESERVE` before the test's
/// deadline: on a starved machine a slow server fills the buffers late, not never (under load,
/// a round of 6 s in all ended before a dropping edge-triggered server had filled them, and the
/// test could not be judged).
pub const ROUND: Duration = Duration::from_secs(6);
/// What a round leaves of the test's time for reading everything that waits once it is over.
const RESERVE: Duration = Duration::from_secs(6);

/// Whether the checker sends to the program while it stalls (an echo), or only reads from it
/// (a file the program sends).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Feeding {
    Fed,
    NotFed,
}

/// One look at the program and at both ends of the connection.
#[derive(PartialEq, Eq)]
struct Look {
    /// Bytes waiting for us.
    pending: usize,
    /// Bytes we sent that the program's kernel has not taken (its receive buffer is full).
    unsent: usize,
    /// The program's end: bytes it wrote that we have not taken, bytes it has not read, and
    /// its state (CLOSE_WAIT once our FIN came).
    server: Option<(u64, u64, String)>,
    /// Every thread of every process of it asleep, none in a send.
    asleep: bool,
}

impl Look {
    fn now(leader: i32, conn: &Conn) -> Look {
        let tree = procinfo::tree(leader);
        Look {
            pending: conn.pending(),
            unsent: conn.unsent(),
            server: procinfo::tcp_sockets(leader)
                .into_iter()
                .find(|sock| sock.remote_port == conn.local_port())
                .map(|sock| (sock.tx_queue, sock.rx_queue, sock.state)),
            asleep: !tree.is_empty()
                && tree
                    .iter()
                    .all(|&p| procinfo::is_waiting(p) && !procinfo::in_write_call(p)),
        }
    }

    /// Nothing more is on its way to the program that could wake it: the checker sends it
    /// nothing, or the program no longer takes what it is sent (bytes wait unread at its end,
    /// or unsent at ours), or it has taken all of it, our FIN too.
    fn nothing_on_its_way(&self, feeding: Feeding) -> bool {
        feeding == Feeding::NotFed
            || self.unsent > 0
            || self
                .server
                .as_ref()
                .is_none_or(|(_, unread, state)| *unread > 0 || state == "CLOSE_WAIT")
    }
}

/// A thread blocked in a send, as it was when the checker stopped it.
struct Blocked {
    pid: i32,
    tid: i32,
    call: procinfo::Call,
    /// What it had read and written so far (`io_counts`).
    io: Option<[u64; 3]>,
    /// What of ours the program's kernel had acknowledged while it was stopped, if its receive
    /// buffer was full then (bytes of ours waited unsent): from then on it grows only as the
    /// program reads.
    acked: Option<u64>,
}

/// The first thread of `leader`'s processes found asleep in a send.
fn blocked_in_a_send(leader: i32) -> Option<Blocked> {
    procinfo::tree(leader).into_iter().find_map(|pid| {
        procinfo::tasks(pid).into_iter().find_map(|task| {
            let call = task.call?;
            (task.state == 'S' && procinfo::is_write_call(call.number)).then(|| Blocked {
                pid,
                tid: task.tid,
                call,
                io: io_counts(pid, task.tid),
                acked: None,
            })
        })
    })
}

/// A thread's bytes read, bytes written and read calls made (`/proc/<pid>/task/<tid>/io`:
/// rchar, wchar, syscr). A write that returns a count adds to wchar, a read to rchar and syscr;
/// a call the kernel restarts adds to none of them.
fn io_counts(pid: i32, tid: i32) -> Option<[u64; 3]> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/io")).ok()?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
    };
    Some([field("rchar:")?, field("wchar:")?, field("syscr:")?])
}

impl Blocked {
    /// What the stop did to the send: whether the thread is still in the very send it was
    /// blocked in, the same call with the same arguments and nothing read or written since. A
    /// send stopped before it took a byte is restarted by the kernel as if nothing had
    /// happened; one that had taken some returns that count. A program that reads with read()
    /// moves its counters; one that reads with recv() from the checker, whose bytes wait in its
    /// full receive buffer, has the checker's acknowledged bytes grow. (A program that moves
    /// neither, a new send just like the last is taken for the same one, which only costs
    /// another try.) Judged once the thread sleeps again (a thread continued but not yet run
    /// shows no call); one the machine does not run within `SETTLE` cannot be judged.
    fn after_stop(&self, conn: &Conn) -> AfterStop {
        let until = Instant::now() + SETTLE;
        loop {
            let Some(task) = procinfo::tasks(self.pid)
                .into_iter()
                .find(|task| task.tid == self.tid)
            else {
                return AfterStop::Ended;
            };
            let read_from_us = self.acked.is_some() && conn.bytes_acked() != self.acked;
            if io_counts(self.pid, self.tid) != self.io || read_from_us {
                return AfterStop::Ended;
            }
            if task.state == 'S' {
                return if task.call == Some(self.call) {
                    AfterStop::Restarted
                } else {
                    AfterStop::Ended
                };
            }
            if Instant::now() >= until {
                return AfterStop::Unknown;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// What a stop did to a blocked send.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AfterStop {
    /// The send returned (what it had taken: a short count).
    Ended,
    /// The kernel restarted it: it had taken nothing.
    Restarted,
    /// The machine did not run the program long enough to tell.
    Unknown,
}

/// How long a thread continued may take to sleep again before the checker stops waiting.
const SETTLE: Duration = Duration::from_secs(2);

/// Read what `nudge` reads (the next bytes due, checked) until the send `blocked` waits in is
/// over (the program can move on) or `NUDGE_MOST` bytes have gone.
fn move_on(
    blocked: &Blocked,
    conn: &mut Conn,
    nudge: &mut dyn FnMut(&mut Conn) -> Result<usize, Failure>,
) -> Result<(), Failure> {
    let mut read = 0;
    while read < NUDGE_MOST && blocked.after_stop(conn) != AfterStop::Ended {
        match nudge(conn)? {
            0 => break,
            n => read += n,
        }
    }
    Ok(())
}

/// The most the checker reads to move a program on from a send that had taken nothing: more
/// than a third of the largest send buffer Linux gives (tcp_wmem's 4 MiB), the room a blocked
/// sender is woken for.
const NUDGE_MOST: usize = 8 << 20;
/// How many times a stop may meet a send that had taken nothing, before the checker gives up
/// on a short count.
const MOST_TRIES: usize = 12;

/// While the caller does not read `conn`, stop and continue the process group of `leader`
/// inside a blocked send until `rounds` of those sends have been cut short by it. A send that
/// had taken nothing yet is restarted by the kernel instead (no short count): then the checker
/// reads some of what waits for it with `nudge` (which checks it and says how much it read), so
/// that the program moves on and blocks again elsewhere, and tries again. Stops waiting as soon
/// as the program is seen to stall without a blocked send (its design never blocks).
///
/// That is decided on what the kernel shows, never on a quiet spell alone: a program starved
/// of CPU holds still too, and one waiting for bytes our writer has not sent yet (starved in
/// its turn) sleeps too. Stalled without a send is asleep at every look for `STEADY`, nothing
/// moving at either end, with nothing on its way to it (`Look::nothing_on_its_way`): a
/// non-blocking program that stopped reading, or one that read everything and waits for room
/// to send. A blocking program in that state would be inside its send.
pub fn interrupt_blocked_sends(
    t: &Transcript,
    leader: i32,
    conn: &mut Conn,
    (rounds, feeding): (usize, Feeding),
    deadline: Instant,
    nudge: &mut dyn FnMut(&mut Conn) -> Result<usize, Failure>,
) -> (Stall, Result<(), Failure>) {
    let group = Pid::from_raw(leader);
    let began = Instant::now();
    // Sends a stop surely cut short, and stops that may have (`AfterStop::Unknown`).
    let (mut cut, mut stops, mut tries) = (0, 0, 0);
    let mut held_full = false;
    // What was read to move the program on may already show bytes missing: the stops made so far
    // go with that failure, which they explain.
    let mut moved_on = Ok(());
    while cut < rounds && tries < MOST_TRIES && moved_on.is_ok() {
        let mut blocked = match wait_for_a_blocked_send(t, leader, conn, feeding, deadline) {
            Waited::Blocked(blocked) => blocked,
            Waited::Stalled { full } => {
                held_full = full;
                break;
            }
            Waited::TimeUp => break,
        };
        tries += 1;
        let _ = killpg(group, Signal::SIGSTOP);
        t.note("checker", msg!("stall-stopped"));
        std::thread::sleep(Duration::from_millis(20));
        blocked.acked = (conn.unsent() > 0).then(|| conn.bytes_acked()).flatten();
        let _ = killpg(group, Signal::SIGCONT);
        t.note("checker", msg!("stall-continued"));
        match blocked.after_stop(conn) {
            AfterStop::Ended => (cut, stops) = (cut + 1, stops + 1),
            AfterStop::Unknown => stops += 1,
            AfterStop::Restarted => {
                t.note("checker", msg!("stall-restarted"));
                moved_on = move_on(&blocked, conn, nudge);
            }
        }
    }
    let stall = Stall {
        stops,
        tries,
        cut,
        held_full,
        waited: began.elapsed(),
    };
    (stall, moved_on)
}

/// How a wait for a blocked send ended.
enum Waited {
    /// A thread of the program is blocked in a send.
    Blocked(Blocked),
    /// The program stalled without one; `full`: its end of the connection was full then.
    Stalled { full: bool },
    /// The round's time was up first.
    TimeUp,
}

/// Wait until a thread of the program is blocked in a send, or the program is seen to stall
/// without one (said in the transcript), or a round's time is up.
fn wait_for_a_blocked_send(
    t: &Transcript,
    leader: i32,
    conn: &Conn,
    feeding: Feeding,
    deadline: Instant,
) -> Waited {
    let started = Instant::now();
    // The latest a round may end while bytes move, and never sooner than a round's time.
    let latest = deadline
        .checked_sub(RESERVE)
        .unwrap_or(deadline)
        .max(started + ROUND)
        .min(deadline);
    let mut moved = started;
    let mut last = Look::now(leader, conn);
    let mut steady_since = Instant::now();
    loop {
        if let Some(blocked) = blocked_in_a_send(leader) {
            return Waited::Blocked(blocked);
        }
        let now = Instant::now();
        let seen = Look::now(leader, conn);
        let stalled = seen.asleep && seen.nothing_on_its_way(feeding);
        if seen != last {
            moved = now;
        }
        if seen != last || !stalled {
            (last, steady_since) = (seen, now);
        } else if now - steady_since >= STEADY {
            break;
        }
        // Time is up once nothing has moved for a round, or the test's time runs short.
        if now >= (moved + ROUND).min(latest) {
            t.note(
                "checker",
                msg!(
                    "stall-time-up",
                    seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
                    queued = last.pending.to_string()
                ),
            );
            return Waited::TimeUp;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    t.note(
        "checker",
        msg!("stall-not-blocked", queued = last.pending.to_string()),
    );
    Waited::Stalled {
        full: output_blocked(leader, conn.local_port()),
    }
}

/// Whether the program (a process of `leader`'s tree) has no room for more output on its
/// connection to the checker's `port`: poll(2) on a duplicate of its descriptor does not report
/// it writable, so a non-blocking send of it fails with EAGAIN or comes back short and a
/// blocking one waits. Where the kernel lets the checker duplicate none, bytes of it waiting
/// unacknowledged in its send queue say the same of a checker that reads nothing. False if it
/// holds no such connection.
pub fn output_blocked(leader: i32, port: u16) -> bool {
    let writable = procinfo::tree(leader)
        .into_iter()
        .find_map(|pid| procinfo::ServerEnd::of(pid, port))
        .and_then(|end| end.writable());
    match writable {
        Some(writable) => !writable,
        None => procinfo::tcp_sockets(leader)
            .iter()
            .any(|sock| sock.remote_port == port && sock.tx_queue > 0),
    }
}
