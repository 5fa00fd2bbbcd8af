//! One shared place for the explanations a failure shows, keyed by the kind of error, so the
//! same mistake gets the same words in every exercise.

/// The kinds of error a test can meet, beyond a plain wrong answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    NotStarted,
    Panic,
    Crash,
    /// The code did not return or answer in time.
    Timeout,
    /// connect() got ECONNREFUSED: nobody listens on that port.
    Refused,
    /// The peer sent RST (ECONNRESET) while we talked.
    Reset,
    /// The peer closed (EOF) before sending everything it should.
    EarlyEof,
    /// bind() got EADDRINUSE.
    AddressInUse,
    /// The program never printed its `listening on <ip>:<port>` line.
    NoListeningLine,
    /// The program printed something the contract does not allow, or in the wrong shape.
    BadOutput,
    /// The program exited with a status the contract does not allow.
    BadExit,
    /// A rule of the exercise (clippy.toml, [lints]) was broken.
    Rule,
}

/// Every kind, for checks that go through all the explanations.
pub const ALL: &[Kind] = &[
    Kind::NotStarted,
    Kind::Panic,
    Kind::Crash,
    Kind::Timeout,
    Kind::Refused,
    Kind::Reset,
    Kind::EarlyEof,
    Kind::AddressInUse,
    Kind::NoListeningLine,
    Kind::BadOutput,
    Kind::BadExit,
    Kind::Rule,
];

/// What to tell the student about a kind of error.
pub fn explain(kind: Kind) -> &'static str {
    match kind {
        Kind::NotStarted => {
            "This code still runs `todo!()`. Replace the `todo!()` with your implementation; \
             the doc comment above it quotes the C call and names its nix equivalent."
        }
        Kind::Panic => {
            "Your code panicked. The message and the line are shown above; a panic is never a \
             pass, even where the contract expects an error (print one line on stderr and exit \
             with status 1 instead)."
        }
        Kind::Crash => {
            "The process died from a signal. SIGSEGV usually means a stack overflow (endless \
             recursion); SIGABRT a panic inside a panic or an explicit abort; SIGPIPE a write to \
             a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL)."
        }
        Kind::Timeout => {
            "Nothing happened within the time limit. Look for a loop that never ends, a read that \
             waits for data that will never come (did you wait for EOF before answering?), or a \
             blocking call on the wrong socket."
        }
        Kind::Refused => {
            "Connection refused (ECONNREFUSED): nothing listens on that address and port. A \
             server must bind(), listen() and print its `listening on` line only once it \
             listens; a client must report the error on stderr and exit with status 1."
        }
        Kind::Reset => {
            "Connection reset (ECONNRESET): the other side sent RST. That happens when a socket \
             is closed with unread data in its receive buffer, or when a process dies with the \
             connection open (a panic, a crash)."
        }
        Kind::EarlyEof => {
            "The connection ended (read() returned 0, EOF) before all the data arrived. Was the \
             socket closed too early, or was a short write() taken for a complete one? write() \
             may send fewer bytes than asked: loop until everything is sent."
        }
        Kind::AddressInUse => {
            "Address already in use (EADDRINUSE). After a server closes, its side of a finished \
             connection waits in TIME_WAIT for 2*MSL; bind() refuses the port meanwhile unless \
             SO_REUSEADDR is set on the listening socket *before* bind()."
        }
        Kind::NoListeningLine => {
            "A server must print exactly `listening on <ip>:<port>` (the real port, from \
             getsockname()) once it listens, and flush stdout; the checker waits for that line \
             before connecting."
        }
        Kind::BadOutput => {
            "Output is part of the contract: it must match byte for byte, spaces and newlines \
             included, and nothing else may be printed on that stream."
        }
        Kind::BadExit => {
            "Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for \
             an expected error, never a panic (101) or a signal."
        }
        Kind::Rule => {
            "The exercise forbids a shortcut that would skip its lesson (see clippy.toml and the \
             [lints] table in the exercise's Cargo.toml). Write that part yourself."
        }
    }
}
