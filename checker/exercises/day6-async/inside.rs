//! What waits inside the server for the clients that stop reading, counted exactly: the lines
//! the server took for a client (every line a steady reader got back) less those in the
//! kernel's buffers, the server's send queue to it and its own receive queue (FIONREAD). The
//! send queue is read through a moment's duplicate of the server's descriptor
//! (`procinfo::ServerEnd`, one ioctl), or, where the kernel does not allow that, from the
//! namespace's TCP table (a walk of the kernel's whole table, milliseconds on a busy machine).

use std::time::{Duration, Instant};

use crate::contain::procinfo::{self, ServerEnd};
use crate::exercises::families::chat::member::Member;

/// Every line these tests send is this long, its `\n` included.
pub const LEN: usize = 4000;

/// How long a count waits for the server to settle: a server that never sleeps (it spins) is
/// counted as it is then.
const SETTLE: Duration = Duration::from_secs(1);

/// The server's ends of the connections of some members, for counting.
pub struct Inside {
    pid: i32,
    ends: Vec<Option<ServerEnd>>,
}

impl Inside {
    /// The ends of `who`'s connections to the server `pid` (which has accepted them).
    pub fn of(pid: i32, who: &[&Member]) -> Inside {
        let ends = who
            .iter()
            .map(|m| ServerEnd::of(pid, m.conn.local_port()))
            .collect();
        Inside { pid, ends }
    }

    /// The bytes of each member's connection in the server's send queue; `None` for one the
    /// server no longer holds.
    fn send_queues(&self, who: &[&Member]) -> Vec<Option<u64>> {
        let mut table = None;
        who.iter()
            .zip(&self.ends)
            .map(|(m, end)| match end {
                Some(end) => end.send_queue(),
                None => {
                    let (held, sockets) = table.get_or_insert_with(|| {
                        (
                            procinfo::socket_inodes(self.pid),
                            procinfo::tcp_sockets(self.pid),
                        )
                    });
                    let port = m.conn.local_port();
                    sockets
                        .iter()
                        .find(|s| s.remote_port == port && held.contains(&s.inode))
                        .map(|s| s.tx_queue)
                }
            })
            .collect()
    }

    /// Whether the server has let go of `m`'s connection (the `i`th of those it was made of).
    pub fn let_go(&self, who: &[&Member], i: usize) -> bool {
        self.send_queues(who)[i].is_none()
    }

    /// How many of the `sent` lines meant for each of `who` wait inside the server, now. A line
    /// cut between the two queues counts as in the kernel; a server that has let go of a
    /// member's socket holds none for it.
    pub fn now(&self, who: &[&Member], sent: usize) -> Vec<usize> {
        Inside::count(&self.queues(who), sent)
    }

    /// Each member's bytes in the kernel: the server's send queue to it (`None` once the server
    /// has let go of it) and its own receive queue.
    fn queues(&self, who: &[&Member]) -> Vec<(Option<u64>, usize)> {
        self.send_queues(who)
            .into_iter()
            .zip(who)
            .map(|(queued, m)| (queued, m.conn.pending()))
            .collect()
    }

    fn count(queues: &[(Option<u64>, usize)], sent: usize) -> Vec<usize> {
        queues
            .iter()
            .map(|&(queued, pending)| {
                let Some(queued) = queued else {
                    return 0;
                };
                let in_kernel = (queued as usize + pending).div_ceil(LEN) + 1;
                sent.saturating_sub(in_kernel)
            })
            .collect()
    }

    /// The same, counted once the server has done all it can, and the kernel too: each
    /// member's delayed acknowledgement is sent at once (TCP_QUICKACK), since the server's
    /// kernel grows its send buffer as acknowledgements come and the server then writes more;
    /// then the server is left to sleep. Counted again until nothing moved: every thread asleep
    /// and the same queues on two looks. A line its writer has not yet had a turn to write, or
    /// room for it the kernel has not yet made, is not one that waits for the client.
    pub fn settled(&self, who: &[&Member], sent: usize) -> Vec<usize> {
        let until = Instant::now() + SETTLE;
        let mut last = None;
        loop {
            for m in who {
                m.conn.quick_ack();
            }
            let asleep = procinfo::is_waiting(self.pid);
            let now = self.queues(who);
            if (asleep && last.as_ref() == Some(&now)) || Instant::now() >= until {
                return Inside::count(&now, sent);
            }
            last = asleep.then_some(now);
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Whether `enough`, a bound from below, holds of the settled count. A count taken at once
    /// can only be higher than the settled one (while the server settles, lines only leave it
    /// for the kernel), so one that falls short settles nothing.
    pub fn reaches(&self, who: &[&Member], sent: usize, enough: impl Fn(&[usize]) -> bool) -> bool {
        enough(&self.now(who, sent)) && enough(&self.settled(who, sent))
    }
}
