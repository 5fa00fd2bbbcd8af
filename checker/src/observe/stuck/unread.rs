//! A server that went back to accept() with a connection it accepted left unread, or to
//! epoll_wait with a client's bytes left unread.

use super::Look;

/// Every live thread sleeps in accept() while a connected socket of the program has bytes
/// waiting unread: it accepted that connection and went back for the next client without
/// reading it (a server that serves its client sleeps in that client's read, or hands it to a
/// thread or a child that does).
pub(super) fn holds_unread(look: &Look) -> bool {
    all_sleep_in(look, &["accept", "accept4"]) && most_unread(look) > 0
}

/// A server asleep in epoll_wait beside bytes it left unread: its pid, and the most bytes one
/// connection holds (a client's wait narrows it to its own connection, `wire::Conn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeUnread {
    pub pid: i32,
    pub bytes: u64,
}

/// `pid`, asleep in epoll_wait with every live thread while a connection holds bytes unread: a
/// socket registered level-triggered with bytes in it would have woken it, so the bytes came
/// on an edge (EPOLLET) the server answered with fewer reads than it took to reach EAGAIN
/// (the arrival that announced them is spent, and nothing announces them again). `None` when
/// nothing waits unread, or a thread is elsewhere.
pub(super) fn unread_on_edge(look: &Look, pid: i32) -> Option<EdgeUnread> {
    let bytes = most_unread(look);
    (bytes > 0 && all_sleep_in(look, &["epoll_wait", "epoll_pwait", "epoll_pwait2"]))
        .then_some(EdgeUnread { pid, bytes })
}

/// Every live thread sleeps in one of `calls`.
fn all_sleep_in(look: &Look, calls: &[&str]) -> bool {
    look.tasks
        .iter()
        .filter(|(_, task)| task.state != 'Z')
        .all(|(_, task)| {
            task.call
                .and_then(|call| call.name())
                .is_some_and(|name| calls.contains(&name))
        })
}

/// The most bytes one of the program's connections holds unread (listening sockets' waiting
/// connections aside).
fn most_unread(look: &Look) -> u64 {
    look.sockets
        .iter()
        .filter(|(_, state, _, _)| matches!(state.as_str(), "ESTABLISHED" | "CLOSE_WAIT"))
        .map(|(_, _, rx, _)| *rx)
        .max()
        .unwrap_or(0)
}
