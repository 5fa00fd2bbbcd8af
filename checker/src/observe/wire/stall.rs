//! The stalled reader: the checker stops reading while a program sends it far more than the
//! socket buffers hold, so the program's sends cannot complete at once. A program blocked in a
//! send is stopped and continued (SIGSTOP, SIGCONT): on Linux a blocked send interrupted that
//! way returns a short count, and a program that ignores the count loses the rest. A program
//! that never blocks (non-blocking sockets with poll, select or epoll) stalls with its output
//! waiting in its own buffers instead: there is nothing to interrupt, and the test simply goes
//! on and reads. Either way the verdict is about the bytes that arrive, never about where the
//! program waits.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

use super::{Conn, Transcript};
use crate::base::i18n::msg;
use crate::base::verdict::Failure;
use crate::contain::procinfo;

/// What happened while the checker stalled.
pub struct Stall {
    /// How many times the program was stopped and continued inside a blocked send.
    pub stops: usize,
}

/// How long the program must be seen stalled without a blocked send (asleep at every look,
/// nothing of it moving) before the checker takes it so.
const STEADY: Duration = Duration::from_millis(150);
/// The longest a round waits for the program to stall, either way: long enough for a starved
/// program to get where it blocks.
const ROUND: Duration = Duration::from_secs(6);

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
    /// Whether the thread is still in the very send it was blocked in: the same call with the
    /// same arguments, and nothing read or written since. A send stopped before it took a byte
    /// is restarted by the kernel as if nothing had happened; one that had taken some returns
    /// that count. (A program that sends with send() and reads with recv() moves no counter: a
    /// new send just like the last is taken for the same one, which only costs another try.)
    ///
    /// Judged once the thread sleeps again (a thread continued but not yet run shows no call);
    /// one the machine does not run within `SETTLE` counts as still in it, which only costs
    /// another try.
    fn still_in_it(&self) -> bool {
        let until = Instant::now() + SETTLE;
        loop {
            let Some(task) = procinfo::tasks(self.pid)
                .into_iter()
                .find(|task| task.tid == self.tid)
            else {
                return false;
            };
            if io_counts(self.pid, self.tid) != self.io {
                return false;
            }
            if task.state == 'S' {
                return task.call == Some(self.call);
            }
            if Instant::now() >= until {
                return true;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
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
    while read < NUDGE_MOST && blocked.still_in_it() {
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
) -> Result<Stall, Failure> {
    let group = Pid::from_raw(leader);
    let (mut stops, mut tries) = (0, 0);
    while stops < rounds && tries < MOST_TRIES {
        let Some(blocked) = wait_for_a_blocked_send(t, leader, conn, feeding, deadline) else {
            break;
        };
        tries += 1;
        let _ = killpg(group, Signal::SIGSTOP);
        t.note("checker", msg!("stall-stopped"));
        std::thread::sleep(Duration::from_millis(20));
        let _ = killpg(group, Signal::SIGCONT);
        t.note("checker", msg!("stall-continued"));
        if blocked.still_in_it() {
            t.note("checker", msg!("stall-restarted"));
            move_on(&blocked, conn, nudge)?;
        } else {
            stops += 1;
        }
    }
    Ok(Stall { stops })
}

/// Wait until a thread of the program is blocked in a send (`Some`), or the program is seen to
/// stall without one (`None`, said in the transcript), or a round's time is up.
fn wait_for_a_blocked_send(
    t: &Transcript,
    leader: i32,
    conn: &Conn,
    feeding: Feeding,
    deadline: Instant,
) -> Option<Blocked> {
    let until = (Instant::now() + ROUND).min(deadline);
    let mut last = Look::now(leader, conn);
    let mut steady_since = Instant::now();
    loop {
        if let Some(blocked) = blocked_in_a_send(leader) {
            return Some(blocked);
        }
        let now = Instant::now();
        let seen = Look::now(leader, conn);
        let stalled = seen.asleep && seen.nothing_on_its_way(feeding);
        if seen != last || !stalled {
            (last, steady_since) = (seen, now);
        } else if now - steady_since >= STEADY {
            break;
        }
        if now >= until {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    t.note(
        "checker",
        msg!("stall-not-blocked", queued = last.pending.to_string()),
    );
    None
}
