//! One shared place for the explanations a failure shows, keyed by the kind of error, so the
//! same mistake gets the same words in every exercise.

use crate::base::verdict::FailureKind;

/// What to tell the student about a kind of error.
pub fn explain(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::NotStarted => {
            "This code still runs `todo!()`. Replace the `todo!()` with your implementation; \
             the doc comment above it quotes the C call and names its nix equivalent."
        }
        FailureKind::Panic => {
            "Your code panicked. The message and the line are shown above; a panic is never a \
             pass, even where the contract expects an error (print one line on stderr and exit \
             with status 1 instead)."
        }
        FailureKind::Crash => {
            "The process died from a signal. SIGSEGV usually means a stack overflow (endless \
             recursion); SIGABRT a panic inside a panic or an explicit abort; SIGPIPE a write to \
             a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL)."
        }
        FailureKind::Timeout => {
            "Nothing happened within the time limit. Look for a loop that never ends, a read that \
             waits for data that will never come (did you wait for EOF before answering?), or a \
             blocking call on the wrong socket."
        }
        FailureKind::Refused => {
            "Connection refused (ECONNREFUSED): nothing listens on that address and port. A \
             server must bind(), listen() and print its `listening on` line only once it \
             listens; a client must report the error on stderr and exit with status 1."
        }
        FailureKind::Reset => {
            "Connection reset (ECONNRESET): the other side sent RST. That happens when a socket \
             is closed with unread data in its receive buffer, or when a process dies with the \
             connection open (a panic, a crash)."
        }
        FailureKind::EarlyEof => {
            "The connection ended (read() returned 0, EOF) before all the data arrived. Was the \
             socket closed too early, or was a short write() taken for a complete one? write() \
             may send fewer bytes than asked: loop until everything is sent."
        }
        FailureKind::AddressInUse => {
            "Address already in use (EADDRINUSE). After a server closes, its side of a finished \
             connection waits in TIME_WAIT for 2*MSL; bind() refuses the port meanwhile unless \
             SO_REUSEADDR is set on the listening socket *before* bind()."
        }
        FailureKind::NoListeningLine => {
            "A server must print exactly `listening on <ip>:<port>` (the real port, from \
             getsockname()) once it listens, and flush stdout; the checker waits for that line \
             before connecting."
        }
        FailureKind::BadOutput => {
            "Output is part of the contract: it must match byte for byte, spaces and newlines \
             included, and nothing else may be printed on that stream."
        }
        FailureKind::BadExit => {
            "Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for \
             an expected error, never a panic (101) or a signal."
        }
        FailureKind::Rule => {
            "The exercise forbids a shortcut that would skip its lesson (see clippy.toml and the \
             [lints] table in the exercise's Cargo.toml). Write that part yourself."
        }
    }
}
