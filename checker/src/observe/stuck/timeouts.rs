//! What wakes a sleeping program: its sockets' timeouts, bytes the kernel has woken it for;
//! and whether it waits with no timeout on nothing at all.

use std::collections::HashMap;

use super::Look;
use crate::contain::procinfo;

/// Whether a thread asleep in a call on a socket has a timeout of that socket to end it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Timed {
    /// SO_RCVTIMEO (or SO_SNDTIMEO, for a send) is set: it wakes by itself.
    Yes,
    /// None is set: only its peer can end the call.
    No,
    /// The socket's options cannot be read (pidfd_getfd not allowed here).
    Unknown,
}

/// For each thread asleep in a call a socket's timeout can end (a receive, an accept, a send),
/// whether that socket has one.
pub(super) fn socket_timeouts(look: &Look) -> Vec<Timed> {
    look.tasks
        .iter()
        .filter(|(_, task)| task.state == 'S')
        .filter_map(|(pid, task)| {
            let call = task.call.as_ref()?;
            procinfo::on_a_socket(*pid, call).then(|| {
                match procinfo::socket_wait_timeout(*pid, call) {
                    Some(timeout) if timeout.is_zero() => Timed::No,
                    Some(_) => Timed::Yes,
                    None => Timed::Unknown,
                }
            })
        })
        .collect()
}

/// Every live thread sleeps in poll or ppoll on no descriptor (nfds 0) with no timeout: only a
/// signal can end such a wait, however busy the machine (a `poll(fds, n - 1, -1)` that left out
/// the listener before the first client). A `poll(NULL, 0, ms)` with a timeout is a sleep, not
/// this.
pub(super) fn polls_nothing(look: &Look) -> bool {
    let mut live = look
        .tasks
        .iter()
        .filter(|(_, task)| task.state != 'Z')
        .peekable();
    live.peek().is_some()
        && live.all(|(_, task)| {
            task.call.is_some_and(|call| {
                matches!(call.name(), Some("poll" | "ppoll"))
                    && call.args[1] == 0
                    && call.ends() == procinfo::Ends::OnAnEvent
            })
        })
}

/// A thread sleeps in a read or an accept on a socket that has something for it (bytes, or a
/// connection waiting): the kernel has woken it, and on a loaded machine it only waits for a
/// CPU. Seen once at a load average of 50: a server "asleep" in read() for 0.8 s with a byte
/// unread on that very socket.
pub(super) fn woken(pids: &[i32], look: &Look) -> bool {
    let waiting: HashMap<u64, u64> = look
        .sockets
        .iter()
        .map(|(inode, _, rx, _)| (*inode, *rx))
        .collect();
    look.tasks.iter().any(|(pid, task)| {
        let Some(call) = task.call.filter(|_| task.state == 'S') else {
            return false;
        };
        let reads = matches!(
            call.name(),
            Some("read" | "readv" | "recvfrom" | "recvmsg" | "accept" | "accept4")
        );
        let inode = call
            .fd()
            .and_then(|fd| procinfo::fd_target(*pid, fd))
            .and_then(|t| {
                t.strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .parse::<u64>()
                    .ok()
            });
        reads
            && pids.contains(pid)
            && inode.is_some_and(|i| waiting.get(&i).is_some_and(|&rx| rx > 0))
    })
}
