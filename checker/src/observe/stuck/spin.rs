//! A program that spins where nothing will come of it, in one of two places:
//! - where its peer has closed: it burns CPU in system calls while a connection it holds has had
//!   its peer's EOF (CLOSE_WAIT) with nothing left to read or to send, and nothing else of its
//!   sockets moves. It takes a read() that returns 0 for "no data yet" and reads again (or polls
//!   a socket that is always readable, since EOF is): nothing will ever come, however long the
//!   checker waits, so the wait stops as for a stuck program. A program that is only slow has
//!   bytes moving, or sleeps; one that computes spends its time in user space.
//! - beside connections it never accepts: it holds no socket but listening ones (none of any
//!   other kind either), connections wait in a listening socket's queue, and it burns CPU in
//!   system calls for `ACCEPT_HOLD` without taking one (an accept() on the wrong descriptor, its
//!   error tried again and again). A server that serves anybody holds their socket; one with
//!   nobody to serve sleeps in accept() (or poll). An endless computation is left to the test's
//!   deadline: it proves no loop, and a server may compute before it accepts.

use std::time::{Duration, Instant};

use std::collections::HashMap;

use super::{Stuck, Threads, Watch};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::Diagnosis;
use crate::contain::procinfo::{self, CpuSplit};

/// The least share of the watched time the program must have run: on an idle machine a spinner
/// runs all of it, and a fifth on a machine loaded ten times over its two cores; a program that
/// only waits for a CPU to close a connection runs microseconds.
const MIN_SHARE: f64 = 0.1;
/// The least share of that CPU time spent in the kernel: a read() that returns 0 at once is
/// nearly all system call; a computation is user time.
const MIN_SYSTEM: f64 = 0.3;
/// How long a program beside connections it never accepts must have spun (as beside a closed
/// connection, in system calls): three times the hold of a program asleep, since no read of 0
/// proves the loop here. A computation, however long, proves nothing: the test's own deadline
/// decides it.
pub const ACCEPT_HOLD: Duration = Duration::from_millis(1500);

/// Where a program spins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spinning {
    /// Beside a connection its peer has closed, in system calls.
    AtEof,
    /// Beside connections waiting to be accepted, holding no other socket, in system calls.
    WithoutAccepting,
}

impl Spinning {
    /// The diagnosis a failure carries (it chooses the hint).
    pub fn diagnosis(self) -> Diagnosis {
        match self {
            Spinning::AtEof => Diagnosis::SpinsAtEof,
            Spinning::WithoutAccepting => Diagnosis::SpinsWithoutAccepting,
        }
    }
}

/// What was watched, since when.
struct Window {
    since: Instant,
    kind: Spinning,
    /// Every socket of the program (inode, state, receive and send queues), unchanged since.
    sockets: Vec<(u64, String, u64, u64)>,
    cpu: CpuSplit,
    activity: u64,
}

/// How much it ran, over how long.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub kind: Spinning,
    pub cpu: Duration,
    pub over: Duration,
}

/// The spin watch of one program.
#[derive(Default)]
pub struct Spin {
    window: Option<Window>,
}

impl Spin {
    /// One look at the program led by `pid`, whose sockets are `sockets` now (`activity`: the
    /// checker's own traffic so far): `Some` once it has spun for `hold` (`ACCEPT_HOLD` beside
    /// connections it does not accept), with the figures.
    pub fn look(
        &mut self,
        pid: i32,
        sockets: &[(u64, String, u64, u64)],
        unlisted: usize,
        activity: u64,
        hold: Duration,
    ) -> Option<Figures> {
        let now = Instant::now();
        let cpu = procinfo::tree_cpu_split(pid);
        let kind = where_it_could_spin(sockets, unlisted);
        let same = self.window.as_ref().is_some_and(|w| {
            w.activity == activity && w.sockets == sockets && Some(w.kind) == kind
        });
        let Some(kind) = kind.filter(|_| same) else {
            self.window = kind.map(|kind| Window {
                since: now,
                kind,
                sockets: sockets.to_vec(),
                cpu,
                activity,
            });
            return None;
        };
        let window = self.window.as_mut()?;
        let over = now - window.since;
        let hold = match kind {
            Spinning::AtEof => hold,
            Spinning::WithoutAccepting => hold.max(ACCEPT_HOLD),
        };
        if over < hold {
            return None;
        }
        let used = cpu.since(window.cpu);
        let spun = spun(used, over);
        if spun {
            return Some(Figures {
                kind,
                cpu: used.total(),
                over,
            });
        }
        // Not over this stretch: the next one is judged afresh, not diluted by this one.
        window.since = now;
        window.cpu = cpu;
        None
    }
}

impl Watch {
    /// A program seen spinning: how much it ran, and where every thread is (running) and what its
    /// sockets hold.
    pub(super) fn spinning(&self, figures: Figures, names: &HashMap<u16, String>) -> Stuck {
        let pids = procinfo::tree(self.pid);
        let cpu = figures.cpu.as_millis().to_string();
        let over = format!("{:.1}", figures.over.as_secs_f64());
        let who = self.label.as_str();
        let ran = match figures.kind {
            Spinning::AtEof => msg!("stuck-spins", who = who, cpu = cpu, over = over),
            Spinning::WithoutAccepting => {
                msg!(
                    "stuck-spins-without-accepting",
                    who = who,
                    cpu = cpu,
                    over = over
                )
            }
        };
        Stuck {
            label: self.label.clone(),
            where_: Text::lines([ran, self.diagnose(&pids, names, Threads::All)]),
            untimed_socket_wait: false,
            unknown_socket_timeout: false,
            idle: false,
            holds_unread: false,
            unread_on_edge: None,
            spins: Some(figures.kind),
            polls_nothing: false,
        }
    }
}

/// Whether a program that used `used` of CPU over `over` spun: a loop of system calls (a read
/// that returns 0, an accept() that fails at once), not a computation.
fn spun(used: CpuSplit, over: Duration) -> bool {
    let ran = used.total().as_secs_f64();
    ran >= over.as_secs_f64() * MIN_SHARE && used.system.as_secs_f64() >= ran * MIN_SYSTEM
}

/// Where a program of these sockets (and `unlisted` others, Unix-domain ones say) could be
/// spinning, if anywhere: beside a connection its peer closed, or beside connections waiting on
/// a listening socket while it holds no other socket of any kind.
fn where_it_could_spin(sockets: &[(u64, String, u64, u64)], unlisted: usize) -> Option<Spinning> {
    if sockets.iter().any(closed_by_peer_and_idle) {
        Some(Spinning::AtEof)
    } else if unlisted == 0
        && sockets.iter().all(|(_, state, ..)| state == "LISTEN")
        && sockets.iter().any(|(_, _, waiting, _)| *waiting > 0)
    {
        // A LISTEN socket's receive queue is its accept queue (/proc/net/tcp).
        Some(Spinning::WithoutAccepting)
    } else {
        None
    }
}

/// A TCP connection whose peer has closed (its FIN came: CLOSE_WAIT) with nothing left in it
/// to read or to send.
fn closed_by_peer_and_idle(socket: &(u64, String, u64, u64)) -> bool {
    let (_, state, unread, unsent) = socket;
    state == "CLOSE_WAIT" && *unread == 0 && *unsent == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shell loop of system calls: a read of /dev/null returns at once, as a read at EOF or
    /// an accept() on the wrong descriptor does.
    const SPINNER: &[&str] = &["sh", "-c", "while :; do read x < /dev/null; done"];
    const SLEEPER: &[&str] = &["sleep", "30"];
    /// What the watch passes as `hold` (`super::HOLD`).
    const HOLD_OF_A_SLEEPER: Duration = Duration::from_millis(500);

    /// Runs `program` and looks at it beside `sockets` every 40 ms, until it is seen spinning or
    /// `within` has passed; then stops it.
    fn first_spin(
        program: &[&str],
        sockets: &[(u64, String, u64, u64)],
        within: Duration,
    ) -> Option<Figures> {
        let mut child = std::process::Command::new(program[0])
            .args(&program[1..])
            .spawn()
            .unwrap();
        let mut spin = Spin::default();
        let until = Instant::now() + within;
        let mut seen = None;
        while seen.is_none() && Instant::now() < until {
            seen = spin.look(child.id() as i32, sockets, 0, 0, HOLD_OF_A_SLEEPER);
            std::thread::sleep(Duration::from_millis(40));
        }
        let _ = child.kill();
        let _ = child.wait();
        seen
    }

    fn socket(state: &str, unread: u64) -> (u64, String, u64, u64) {
        (7, state.to_string(), unread, 0)
    }

    /// A loop of system calls with a socket in CLOSE_WAIT is all the look needs besides.
    #[test]
    fn a_loop_of_system_calls_beside_a_closed_connection_spins() {
        let seen = first_spin(SPINNER, &[socket("CLOSE_WAIT", 0)], Duration::from_secs(5));
        // Nothing of it is a connection closed by its peer: never a spin.
        let open_seen = first_spin(
            SPINNER,
            &[socket("ESTABLISHED", 0)],
            Duration::from_millis(800),
        );
        let figures = seen.expect("a spinner beside a closed connection spins");
        assert!(figures.cpu > Duration::ZERO, "{figures:?}");
        assert!(open_seen.is_none(), "{open_seen:?}");
    }

    #[test]
    fn only_a_program_holding_nothing_but_listening_sockets_with_a_queue_spins_there() {
        let waiting = socket("LISTEN", 1);
        let empty = socket("LISTEN", 0);
        let serving = (8, "ESTABLISHED".to_string(), 0, 0);
        let cases = [
            (vec![waiting.clone()], 0, Some(Spinning::WithoutAccepting)),
            (
                vec![empty.clone(), waiting.clone()],
                0,
                Some(Spinning::WithoutAccepting),
            ),
            (vec![empty.clone()], 0, None),
            // Serving somebody, over TCP or a Unix-domain socket: it may be busy with them.
            (vec![waiting.clone(), serving], 0, None),
            (vec![waiting.clone()], 1, None),
            (
                vec![waiting, socket("CLOSE_WAIT", 0)],
                0,
                Some(Spinning::AtEof),
            ),
            (vec![], 0, None),
        ];
        for (sockets, unlisted, kind) in cases {
            assert_eq!(where_it_could_spin(&sockets, unlisted), kind, "{sockets:?}");
        }
    }

    #[test]
    fn only_a_loop_of_system_calls_spins() {
        let split = |user: u64, system: u64| CpuSplit {
            user: Duration::from_millis(user),
            system: Duration::from_millis(system),
        };
        assert!(spun(split(600, 800), ACCEPT_HOLD));
        // A computation proves no loop, however long: the test's deadline decides it.
        assert!(!spun(split(1400, 0), ACCEPT_HOLD));
        // Starved: a program that woke to accept and has not had the CPU to do it.
        assert!(!spun(split(20, 30), ACCEPT_HOLD));
    }

    #[test]
    fn a_loop_of_system_calls_beside_connections_it_never_accepts_spins() {
        // A tenth of a CPU over a window of 1.5 s: a loaded machine gives it several tries.
        let seen = first_spin(SPINNER, &[socket("LISTEN", 1)], Duration::from_secs(20));
        let figures = seen.expect("a loop of system calls beside a connection it never accepts");
        assert_eq!(figures.kind, Spinning::WithoutAccepting);
        assert!(figures.over >= ACCEPT_HOLD, "{figures:?}");
    }

    #[test]
    fn a_sleeper_beside_connections_it_never_accepts_does_not_spin() {
        let seen = first_spin(SLEEPER, &[socket("LISTEN", 3)], ACCEPT_HOLD * 2);
        assert!(seen.is_none(), "{seen:?}");
    }

    #[test]
    fn a_sleeper_beside_a_closed_connection_does_not_spin() {
        let seen = first_spin(SLEEPER, &[socket("CLOSE_WAIT", 0)], Duration::from_secs(1));
        assert!(seen.is_none(), "{seen:?}");
    }
}
