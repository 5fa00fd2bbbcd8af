//! A server that went back to accept() with a connection it accepted left unread.

use super::Look;

/// Every live thread sleeps in accept() while a connected socket of the program has bytes
/// waiting unread: it accepted that connection and went back for the next client without
/// reading it (a server that serves its client sleeps in that client's read, or hands it to a
/// thread or a child that does).
pub(super) fn holds_unread(look: &Look) -> bool {
    let accepting = look
        .tasks
        .iter()
        .filter(|(_, task)| task.state != 'Z')
        .all(|(_, task)| {
            task.call
                .and_then(|call| call.name())
                .is_some_and(|name| matches!(name, "accept" | "accept4"))
        });
    accepting
        && look.sockets.iter().any(|(_, state, rx, _)| {
            *rx > 0 && matches!(state.as_str(), "ESTABLISHED" | "CLOSE_WAIT")
        })
}
