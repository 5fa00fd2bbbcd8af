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
use crate::contain::procinfo;

/// What happened while the checker stalled.
pub struct Stall {
    /// How many times the program was stopped and continued inside a blocked send.
    pub stops: usize,
}

/// How long the output waiting for us must stay the same before the program counts as
/// stalled without blocking in a send.
const STEADY: Duration = Duration::from_millis(150);
/// The longest a round waits for the program to stall, either way.
const ROUND: Duration = Duration::from_secs(2);

/// While the caller does not read `conn`, stop and continue the process group of `leader` up
/// to `rounds` times, each time one of its processes is blocked in a send. Stops waiting as
/// soon as the program is seen to stall without a blocked send (its design never blocks).
pub fn interrupt_blocked_sends(
    t: &Transcript,
    leader: i32,
    conn: &Conn,
    rounds: usize,
    deadline: Instant,
) -> Stall {
    let group = Pid::from_raw(leader);
    let mut stops = 0;
    for _ in 0..rounds {
        let until = (Instant::now() + ROUND).min(deadline);
        // Progress is anything that moves: what waits for us, and what waits in the program's
        // end of the connection, either way. A program filling its socket's send buffer with
        // small writes makes nothing new arrive here for a while, yet is on its way to block
        // in a send: only once its own queues hold still too is it stalled without one.
        let look = || (conn.pending(), server_queues(leader, conn.local_port()));
        let (mut last, mut steady_since) = (look(), Instant::now());
        let blocked = loop {
            if procinfo::tree(leader)
                .iter()
                .any(|&p| procinfo::in_write_call(p))
            {
                break true;
            }
            let now = Instant::now();
            let seen = look();
            if seen != last {
                (last, steady_since) = (seen, now);
            } else if last.0 > 0 && now - steady_since >= STEADY {
                break false;
            } else if now - steady_since >= STEADY && t.stuck().is_some() {
                // A program stuck (asleep, nothing of it moving, nothing queued for us: one
                // that never reads) will not block in a send either: the round would only wait
                // its end. Asked only once the queues hold still: while our writer sends, each
                // ask is a fresh look through /proc.
                break false;
            }
            if now >= until {
                break false;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if !blocked {
            t.note(
                "checker",
                msg!("stall-not-blocked", queued = last.0.to_string()),
            );
            break;
        }
        let _ = killpg(group, Signal::SIGSTOP);
        t.note("checker", msg!("stall-stopped"));
        std::thread::sleep(Duration::from_millis(20));
        let _ = killpg(group, Signal::SIGCONT);
        t.note("checker", msg!("stall-continued"));
        stops += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    Stall { stops }
}

/// The program's end of the connection from our `client_port`: bytes it has written and we
/// have not acknowledged, and bytes it has not read yet (its namespace's TCP table).
fn server_queues(leader: i32, client_port: u16) -> Option<(u64, u64)> {
    procinfo::tcp_sockets(leader)
        .into_iter()
        .find(|sock| sock.remote_port == client_port)
        .map(|sock| (sock.tx_queue, sock.rx_queue))
}
