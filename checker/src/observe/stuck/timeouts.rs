//! Whether the sockets a program sleeps on have timeouts of their own to wake it.

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
