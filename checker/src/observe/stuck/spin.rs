//! A program that spins where its peer has closed: it burns CPU in system calls while a
//! connection it holds has had its peer's EOF (CLOSE_WAIT) with nothing left to read or to send,
//! and nothing else of its sockets moves. It takes a read() that returns 0 for "no data yet" and
//! reads again (or polls a socket that is always readable, since EOF is): nothing will ever come,
//! however long the checker waits, so the wait stops as for a stuck program. A program that is
//! only slow has bytes moving, or sleeps; one that computes spends its time in user space.

use std::time::{Duration, Instant};

use std::collections::HashMap;

use super::{Stuck, Threads, Watch};
use crate::base::i18n::{Text, msg};
use crate::contain::procinfo::{self, CpuSplit};

/// The least share of the watched time the program must have run: on an idle machine a spinner
/// runs all of it, and a fifth on a machine loaded ten times over its two cores; a program that
/// only waits for a CPU to close a connection runs microseconds.
const MIN_SHARE: f64 = 0.1;
/// The least share of that CPU time spent in the kernel: a read() that returns 0 at once is
/// nearly all system call; a computation is user time.
const MIN_SYSTEM: f64 = 0.3;

/// What was watched, since when.
struct Window {
    since: Instant,
    /// Every socket of the program (inode, state, receive and send queues), unchanged since.
    sockets: Vec<(u64, String, u64, u64)>,
    cpu: CpuSplit,
    activity: u64,
}

/// How much it ran, over how long.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
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
    /// checker's own traffic so far): `Some` once it has spun for `hold`, with the figures.
    pub fn look(
        &mut self,
        pid: i32,
        sockets: &[(u64, String, u64, u64)],
        activity: u64,
        hold: Duration,
    ) -> Option<Figures> {
        let now = Instant::now();
        let cpu = procinfo::tree_cpu_split(pid);
        let same = self
            .window
            .as_ref()
            .is_some_and(|w| w.activity == activity && w.sockets == sockets);
        if !same || !sockets.iter().any(closed_by_peer_and_idle) {
            self.window = Some(Window {
                since: now,
                sockets: sockets.to_vec(),
                cpu,
                activity,
            });
            return None;
        }
        let window = self.window.as_mut()?;
        let over = now - window.since;
        if over < hold {
            return None;
        }
        let used = cpu.since(window.cpu);
        let spun = used.total().as_secs_f64() >= over.as_secs_f64() * MIN_SHARE
            && used.system.as_secs_f64() >= used.total().as_secs_f64() * MIN_SYSTEM;
        if spun {
            return Some(Figures {
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
        let ran = msg!(
            "stuck-spins",
            who = self.label.as_str(),
            cpu = figures.cpu.as_millis().to_string(),
            over = format!("{:.1}", figures.over.as_secs_f64())
        );
        Stuck {
            label: self.label.clone(),
            where_: Text::lines([ran, self.diagnose(&pids, names, Threads::All)]),
            untimed_socket_wait: false,
            unknown_socket_timeout: false,
            idle: false,
            holds_unread: false,
            spins: true,
        }
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

    /// A shell loop that reads a closed pipe's EOF forever (`read` returns at once): it spins
    /// in system calls, and a socket of it in CLOSE_WAIT is all the look needs besides.
    #[test]
    fn a_loop_of_system_calls_beside_a_closed_connection_spins() {
        let mut spinner = std::process::Command::new("sh")
            .args(["-c", "while :; do read x < /dev/null; done"])
            .spawn()
            .unwrap();
        let pid = spinner.id() as i32;
        let sockets = vec![(7, "CLOSE_WAIT".to_string(), 0, 0)];
        let mut spin = Spin::default();
        let until = Instant::now() + Duration::from_secs(5);
        let mut seen = None;
        while seen.is_none() && Instant::now() < until {
            seen = spin.look(pid, &sockets, 0, Duration::from_millis(500));
            std::thread::sleep(Duration::from_millis(40));
        }
        // Nothing of it is a connection closed by its peer: never a spin.
        let open = vec![(7, "ESTABLISHED".to_string(), 0, 0)];
        let mut other = Spin::default();
        let mut open_seen = None;
        for _ in 0..20 {
            open_seen = open_seen.or(other.look(pid, &open, 0, Duration::from_millis(500)));
            std::thread::sleep(Duration::from_millis(40));
        }
        let _ = spinner.kill();
        let _ = spinner.wait();
        let figures = seen.expect("a spinner beside a closed connection spins");
        assert!(figures.cpu > Duration::ZERO, "{figures:?}");
        assert!(open_seen.is_none(), "{open_seen:?}");
    }

    #[test]
    fn a_sleeper_beside_a_closed_connection_does_not_spin() {
        let mut sleeper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let pid = sleeper.id() as i32;
        let sockets = vec![(7, "CLOSE_WAIT".to_string(), 0, 0)];
        let mut spin = Spin::default();
        let mut seen = None;
        for _ in 0..25 {
            seen = seen.or(spin.look(pid, &sockets, 0, Duration::from_millis(500)));
            std::thread::sleep(Duration::from_millis(40));
        }
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        assert!(seen.is_none(), "{seen:?}");
    }
}
