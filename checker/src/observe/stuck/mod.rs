//! Is the program under test stuck? A test that waits for a server's bytes asks, a few times a
//! second, instead of waiting out its whole deadline. A program is stuck once, for `HOLD`, every
//! thread of every one of its processes has slept in a call that only an event can end (a
//! `recv`, an `accept`, a `poll` or `epoll_wait` without a timeout, a `waitpid`, ...), none has
//! run, none of its sockets' queues has moved, and the checker itself has sent and received
//! nothing: whatever it waits for, nobody will send it. A program that runs, that a timer of
//! its own will wake (a timeout, an armed timerfd), or that the checker stopped, is never stuck;
//! nor is one whose queues move, which covers a design that stops reading a client under
//! back-pressure while the checker reads it. A thread asleep in a receive (or a send) on a
//! socket with a timeout set (SO_RCVTIMEO, SO_SNDTIMEO, read through a duplicate of the
//! descriptor) wakes by itself too. (alarm() is invisible from outside; a test whose program
//! must wake on one turns the watch off, see `Watched::off`.)
//!
//! A test whose replies are due at once (`Watched::replies_due`: a chat line, an echo) asks one
//! thing more: has the program held still for `IDLE_HOLD`, asleep at every look, nothing moving,
//! though its own timers woke it (a thread that polls a queue every 100 ms)? Its reply is not
//! coming either (see `idle`).
//!
//! When it is stuck, `Stuck` says where: the call each thread sleeps in, on which descriptor and
//! what that descriptor is (client 1's socket, the listening socket, a pipe), what waits unread
//! in which socket, and which children are zombies.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, Whereabouts};
use crate::contain::procinfo::{self, Task};

mod describe;
mod idle;
mod spin;
mod timeouts;
mod unread;
pub use describe::where_it_sleeps;
use describe::{Sockets, sleeps};
pub use idle::IDLE_HOLD;
use idle::Span;
pub use spin::Spinning;
use timeouts::{Timed, polls_nothing, socket_timeouts, woken};
pub use unread::EdgeUnread;
use unread::{holds_unread, unread_on_edge};

/// How long a program must hold still, asleep, before it counts as stuck.
pub const HOLD: Duration = Duration::from_millis(500);
/// How long it must hold still before the test, which now only waits, lends its `-j` slot: the
/// rest of a hang's `HOLD` then overlaps with other tests instead of holding them up.
const QUIET: Duration = Duration::from_millis(60);
/// How often it is looked at (a look reads a few files per process).
const STEP: Duration = Duration::from_millis(40);
/// A program of more processes than this is not watched (day3-fork's fifty clients are).
const MOST_WATCHED: usize = 128;
/// At most this many lines say where threads sleep, and as many what waits.
const SHOWN: usize = 6;

/// The program a test watches, if any: set when its server starts, shared by every transcript
/// of the test.
#[derive(Default)]
pub struct Watched {
    watch: Mutex<Option<Arc<Watch>>>,
    off: AtomicBool,
    /// The replies this test waits for are due at once (see `replies_due`).
    due: AtomicBool,
    /// Called once, the first time the watched program is seen quiet (see `QUIET`).
    when_quiet: Mutex<Option<Box<dyn Fn() + Send + Sync>>>,
}

impl Watched {
    /// From now on, waits of this test watch the program led by `pid`.
    pub fn watch(&self, pid: i32, label: &str) {
        *self.watch.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(Arc::new(Watch::new(pid, label)));
    }

    /// This test's program must wake on a timer of its own that nothing shows (alarm()): a quiet
    /// spell is no proof of anything. Nothing is watched any more.
    pub fn off(&self) {
        self.off.store(true, Ordering::SeqCst);
    }

    /// The contract gives the program no timer before the replies this test waits for (a chat
    /// line, an echo): one that holds still for `IDLE_HOLD` with a reply due, even waking on
    /// its own timers, will not send it (`idle`).
    pub fn replies_due(&self) {
        self.due.store(true, Ordering::SeqCst);
    }

    /// The watched program's diagnosis once it has held still for `IDLE_HOLD` with a reply
    /// due, in a test whose replies are due at once (`replies_due`); `None` in any other test.
    /// Read after `stuck`, which takes the looks.
    pub fn idle(&self, activity: u64, names: &HashMap<u16, String>) -> Option<Stuck> {
        if self.off.load(Ordering::SeqCst) || !self.due.load(Ordering::SeqCst) {
            return None;
        }
        self.current()?.idle(activity, names)
    }

    /// Where the watched program is now, stuck or not (`Watch::now`); `None` if nothing is
    /// watched or it has ended.
    pub fn now(&self, names: &HashMap<u16, String>) -> Option<Text> {
        self.current()?.now(names)
    }

    /// The program watched now, if any.
    fn current(&self) -> Option<Arc<Watch>> {
        self.watch.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Run `f` (once) when the watched program is first seen asleep and untouched for `QUIET`:
    /// the test lends its `-j` slot then.
    pub fn when_quiet(&self, f: impl Fn() + Send + Sync + 'static) {
        *self.when_quiet.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(f));
    }

    /// The watched program's diagnosis, once it is certainly stuck.
    pub fn stuck(&self, activity: u64, names: &HashMap<u16, String>) -> Option<Stuck> {
        if self.off.load(Ordering::SeqCst) {
            return None;
        }
        let watch = self.current()?;
        let stuck = watch.stuck(activity, names);
        if watch.quiet() {
            let quiet = self
                .when_quiet
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            if let Some(f) = quiet {
                f();
            }
        }
        stuck
    }
}

/// Where a stuck program waits, for a failure: its name, and one line per sleeping thread and
/// per thing that waits.
#[derive(Debug, Clone)]
pub struct Stuck {
    pub label: String,
    pub where_: Text,
    /// A thread sleeps in a receive (or a send) on a socket with no timeout set on it: only its
    /// peer could end that wait, and the peer is the checker, which sends nothing more.
    pub untimed_socket_wait: bool,
    /// A thread sleeps on a socket whose timeouts cannot be read here: a server is taken to
    /// have none (as the rule), a client may have one and is waited for.
    pub unknown_socket_timeout: bool,
    /// Not asleep for good: it held still for `IDLE_HOLD` with a reply due, waking only on its
    /// own timers (see `idle`).
    pub idle: bool,
    /// Every thread sleeps in accept() while a connection the program accepted holds bytes it
    /// never read (`holds_unread`).
    pub holds_unread: bool,
    /// Every thread sleeps in epoll_wait while a connection holds bytes unread
    /// (`unread_on_edge`): an edge-triggered event answered without reading until EAGAIN.
    pub unread_on_edge: Option<EdgeUnread>,
    /// It does not sleep: it spins where nothing will come of it (`spin`), where it is.
    pub spins: Option<Spinning>,
    /// Every thread sleeps in poll on no descriptor with no timeout (`polls_nothing`).
    pub polls_nothing: bool,
}

impl Stuck {
    /// The diagnosis a failure carries (it chooses the hint). A server asleep in a receive with
    /// no timeout is the rule, so only a client's wait (`ClientWithoutTimeout`, chosen by the
    /// client's runner) says more.
    pub fn diagnosis(&self) -> Diagnosis {
        if self.idle {
            Diagnosis::Idle
        } else if let Some(spinning) = self.spins {
            spinning.diagnosis()
        } else if self.polls_nothing {
            Diagnosis::PollsNothing
        } else if self.holds_unread {
            Diagnosis::HoldsUnread
        } else if self.unread_on_edge.is_some() {
            Diagnosis::UnreadOnEdge
        } else {
            Diagnosis::Stuck
        }
    }

    /// `f`, diagnosed stuck, with where the program waits (or spins).
    pub fn explains(self, f: Failure) -> Failure {
        let whereabouts = self.whereabouts();
        f.diagnosed(self.diagnosis())
            .whereabouts(whereabouts, self.where_)
    }

    /// What `where_` tells: where it waits, or where it spins.
    pub fn whereabouts(&self) -> Whereabouts {
        if self.spins.is_some() {
            Whereabouts::Spins
        } else {
            Whereabouts::Waits
        }
    }
}

/// One program under watch.
pub struct Watch {
    pid: i32,
    label: String,
    last: Mutex<Option<Seen>>,
    spin: Mutex<spin::Spin>,
}

/// The last look, and since when nothing has changed.
struct Seen {
    at: Instant,
    look: Look,
    still_since: Instant,
    /// How long every look has found it asleep with nothing moving, timers aside.
    idle: Option<Span>,
    /// The diagnosis made while nothing has changed since: every other waiter of the test (50
    /// clients of a fork server, say) takes it as it is, instead of reading /proc again one
    /// after another.
    stuck: Option<Stuck>,
}

/// What changes when a program does anything: its threads (state, call, time run) and its
/// sockets' queues, and the checker's own traffic.
#[derive(PartialEq)]
struct Look {
    tasks: Vec<(i32, Task)>,
    sockets: Vec<(u64, String, u64, u64)>,
    /// Sockets it holds that are neither TCP nor UDP (Unix-domain ones, say): not in `sockets`.
    unlisted: usize,
    activity: u64,
}

impl Look {
    /// Every live thread asleep in a call only an event ends (zombies aside), and at least one.
    fn all_asleep(&self) -> bool {
        procinfo::all_wait_for_an_event(self.tasks.iter().map(|(_, t)| t))
    }
}

impl Watch {
    fn new(pid: i32, label: &str) -> Watch {
        Watch {
            pid,
            label: label.to_string(),
            last: Mutex::new(None),
            spin: Mutex::new(spin::Spin::default()),
        }
    }

    /// `Some` once the program has slept, untouched, for `HOLD`; `activity` counts the checker's
    /// own lines so far.
    fn stuck(&self, activity: u64, names: &HashMap<u16, String>) -> Option<Stuck> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if let Some(seen) = last.as_ref()
            && now - seen.at < STEP
            && seen.look.activity == activity
        {
            return seen.stuck.clone();
        }
        // A tree this large is forking without end (a fork bomb against the process cap), not
        // asleep: a look would read /proc for hundreds of processes every step, and a fork
        // bomb's test once ran past its own time limit doing so.
        if procinfo::tree(self.pid).len() > MOST_WATCHED {
            return None;
        }
        let look = self.look(activity);
        let previous = last.take();
        let idle = Span::after(previous.as_ref().map(|p| (&p.look, p.idle)), &look, now);
        let (still_since, known) = match previous {
            Some(seen) if seen.look == look => (seen.still_since, seen.stuck),
            _ => (now, None),
        };
        let asleep = look.all_asleep();
        let seen = last.insert(Seen {
            at: now,
            look,
            still_since,
            idle,
            stuck: known,
        });
        if seen.stuck.is_some() {
            return seen.stuck.clone();
        }
        if !asleep {
            let spun = self.spin.lock().unwrap_or_else(|e| e.into_inner()).look(
                self.pid,
                &seen.look.sockets,
                seen.look.unlisted,
                activity,
                HOLD,
            );
            seen.stuck = spun.map(|figures| self.spinning(figures, names));
            return seen.stuck.clone();
        }
        if now - still_since < HOLD {
            return None;
        }
        seen.stuck = self.asleep_for_good(&seen.look, activity, names);
        seen.stuck.clone()
    }

    /// Stuck, of a program asleep and unchanged for `HOLD` (`look`): unless a timer, a timeout
    /// or something to read will wake it, and if it still looks the same once diagnosed.
    fn asleep_for_good(
        &self,
        look: &Look,
        activity: u64,
        names: &HashMap<u16, String>,
    ) -> Option<Stuck> {
        let pids: Vec<i32> = procinfo::tree(self.pid);
        let timeouts = socket_timeouts(look);
        if pids.is_empty()
            || pids.iter().any(|&p| procinfo::has_armed_timer(p))
            || woken(&pids, look)
            || timeouts.contains(&Timed::Yes)
        {
            return None;
        }
        let where_ = self.diagnose(&pids, names, Threads::Asleep);
        // Everything above was read while the program could still move: a client whose receive
        // timed out may have given up and ended meanwhile (its socket then reads as no socket
        // at all). Stuck only if it still looks as it did, all of it still there.
        if self.look(activity) != *look {
            return None;
        }
        Some(Stuck {
            label: self.label.clone(),
            where_,
            untimed_socket_wait: timeouts.contains(&Timed::No),
            unknown_socket_timeout: timeouts.contains(&Timed::Unknown),
            idle: false,
            holds_unread: holds_unread(look),
            unread_on_edge: unread_on_edge(look, self.pid),
            spins: None,
            polls_nothing: polls_nothing(look),
        })
    }

    /// Where the program is now, stuck or not: every thread of every process (asleep in which
    /// call, running, stopped) and what waits in its sockets. For a wait that ran out without
    /// the program ever being stuck: a rare failure then says what the program was doing.
    fn now(&self, names: &HashMap<u16, String>) -> Option<Text> {
        let pids = procinfo::tree(self.pid);
        if pids.is_empty() || pids.len() > MOST_WATCHED {
            return None;
        }
        Some(self.diagnose(&pids, names, Threads::All))
    }

    /// At the last look, the program had slept untouched for `QUIET` or more.
    fn quiet(&self) -> bool {
        let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        last.as_ref()
            .is_some_and(|seen| seen.look.all_asleep() && seen.at - seen.still_since >= QUIET)
    }

    fn look(&self, activity: u64) -> Look {
        let pids = procinfo::tree(self.pid);
        let tasks = pids
            .iter()
            .flat_map(|&p| procinfo::tasks(p).into_iter().map(move |t| (p, t)))
            .collect();
        let mut held: Vec<u64> = pids
            .iter()
            .flat_map(|&p| procinfo::socket_inodes(p))
            .collect();
        held.sort_unstable();
        held.dedup();
        let mut sockets: Vec<(u64, String, u64, u64)> = procinfo::tcp_sockets(self.pid)
            .into_iter()
            .chain(procinfo::udp_sockets(self.pid))
            .filter(|s| held.contains(&s.inode))
            .map(|s| (s.inode, s.state, s.rx_queue, s.tx_queue))
            .collect();
        sockets.sort();
        let unlisted = held.len().saturating_sub(sockets.len());
        Look {
            tasks,
            sockets,
            unlisted,
            activity,
        }
    }

    /// Where each thread sleeps (and, with `Threads::All`, which ones run or are stopped),
    /// and what waits in the program's sockets.
    fn diagnose(&self, pids: &[i32], names: &HashMap<u16, String>, threads: Threads) -> Text {
        let table = Sockets::of(self.pid, names);
        let mut lines = Vec::new();
        let mut more = 0;
        for &p in pids {
            let tasks = procinfo::tasks(p);
            let threaded = tasks.len() > 1;
            for task in tasks {
                if task.state == 'Z' {
                    lines.push(msg!("stuck-zombie", who = self.who(p, None)));
                    continue;
                }
                let who = || self.who(p, threaded.then_some(task.tid));
                let line = match (task.call, task.state) {
                    (Some(call), 'S' | 'D') => sleeps(p, &who(), &call, &task.wchan, &table),
                    (_, 'T' | 't') if threads == Threads::All => {
                        msg!("stuck-is-stopped", who = who())
                    }
                    (_, 'R') if threads == Threads::All => msg!("stuck-runs", who = who()),
                    _ => continue,
                };
                if lines.len() >= SHOWN {
                    more += 1;
                    continue;
                }
                lines.push(line);
                // A program asleep in accept() waits for its next client, as a server does
                // between clients: no timeout is missing there.
                if let Some(call) = task.call.filter(|_| task.state == 'S')
                    && !matches!(call.name(), Some("accept" | "accept4"))
                    && procinfo::socket_wait_timeout(p, &call).is_some_and(|t| t.is_zero())
                {
                    lines.push(untimed(&who(), &call));
                }
            }
        }
        if more > 0 {
            lines.push(msg!("stuck-more-threads", n = more));
        }
        lines.extend(table.waiting(pids).into_iter().take(SHOWN));
        Text::lines(lines)
    }

    /// "poll-server", "fork-server's child 1234", "chat-server (thread 1236)".
    fn who(&self, pid: i32, tid: Option<i32>) -> Text {
        let process = if pid == self.pid {
            Text::Plain(self.label.clone())
        } else {
            msg!("stuck-child", label = &self.label, pid = pid.to_string())
        };
        match tid {
            Some(tid) => msg!("stuck-thread", who = process, tid = tid.to_string()),
            None => process,
        }
    }
}

/// What is missing for a thread asleep on a socket with no timeout: the option that would end
/// its call, and a timer of its own.
fn untimed(who: &Text, call: &procinfo::Call) -> Text {
    let option = match call.direction() {
        Some(procinfo::Direction::Send) => "SO_SNDTIMEO",
        _ => "SO_RCVTIMEO",
    };
    msg!(
        "stuck-no-timeout",
        who = who.clone(),
        call = call.name().unwrap_or("?"),
        fd = call.fd().unwrap_or(-1).to_string(),
        option = option
    )
}

/// Which threads a diagnosis names: those asleep in a call (a stuck program has no others), or
/// every one, running and stopped ones too (where a program was when a wait ran out).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Threads {
    Asleep,
    All,
}

#[cfg(test)]
mod tests;
