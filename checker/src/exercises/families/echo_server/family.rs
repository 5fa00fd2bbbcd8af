//! The echo-server contract: a line comes back whole, bytes unchanged, EOF after the client's
//! half-close once everything is sent, an error costs only its client, the listening line, the
//! port freed at once on restart, a fair throughput. Taken by every echo server: day2-echo's
//! iterative server, day 5's poll and epoll servers (in their words: `one_thread`). Its hints are
//! a blocking server's, the design the contract first teaches.

use super::{
    binary_64k, idle_connection, listening_line, no_close_wait, one_byte_writes, reset_then_normal,
    restart_same_port, round_trip, sequential_clients, stalled_reader, throughput,
};
use crate::lab::exercise::{TestCase, secs};
use crate::lab::family::{Family, Runs};

pub static ECHO_SERVER: Family = Family {
    name: "echo-server",
    course: "day2-echo",
    runs: Runs::InTheFamily,
    tests: &[
        TestCase {
            id: "listening-line",
            title: "prints `listening on 0.0.0.0:<port>` once, with the real port, on the wildcard address",
            points: 1,
            timeout: secs(20),
            hint: "Bind INADDR_ANY (SockaddrIn::new(0, 0, 0, 0, port)), then print the address getsockname() returns, once, and flush.",
            hint_c: Some(
                "Bind INADDR_ANY (`a.sin_addr.s_addr = htonl(INADDR_ANY)`), then print the address getsockname() returns, once, and fflush(stdout).",
            ),
            section: "network-program-contract",
            program: None,
            run: listening_line,
        },
        TestCase {
            id: "round-trip",
            title: "a line comes back whole, then EOF after the client's half-close",
            points: 2,
            timeout: secs(15),
            hint: "Loop: read, send back what you read; when read returns 0 the client is done: close the connection.",
            hint_c: None,
            section: "eof",
            program: None,
            run: round_trip,
        },
        TestCase {
            id: "binary-64k",
            title: "64 KiB of random bytes (NUL, CR, LF, 0xFF included) come back unchanged",
            points: 2,
            timeout: secs(15),
            hint: "Echo bytes, not text: on its way through a String (from_utf8_lossy) invalid UTF-8 becomes U+FFFD; keep the data in a Vec<u8> or [u8].",
            hint_c: Some(
                "Echo bytes, not text: keep the data in a `char buf[]` with the count read() returned, and send exactly that many bytes; string functions (strlen, strcpy, printf's %s) stop at the first zero byte.",
            ),
            section: "day2-echo",
            program: None,
            run: binary_64k,
        },
        TestCase {
            id: "one-byte-writes",
            title: "4 KiB sent one byte per write (TCP_NODELAY) comes back whole",
            points: 1,
            timeout: secs(15),
            hint: "TCP keeps no message boundaries: data comes in pieces of any size. Echo each piece as it comes; keep reading until EOF.",
            hint_c: None,
            section: "no-message-boundaries",
            program: None,
            run: one_byte_writes,
        },
        TestCase {
            id: "stalled-reader",
            title: "32 MiB while the checker stalls its reading and the server is stopped and continued",
            points: 3,
            timeout: secs(20),
            hint: "send() may send fewer bytes than asked (a short write); it did here after SIGSTOP/SIGCONT. Loop until every byte is sent, from where the last call stopped.",
            hint_c: None,
            section: "short-writes",
            program: None,
            run: stalled_reader,
        },
        TestCase {
            id: "sequential-clients",
            title: "20 clients one after another, each served completely",
            points: 2,
            timeout: secs(30),
            hint: "After one client's EOF, close its socket and go back to accept() for the next: the server runs until it is killed.",
            hint_c: None,
            section: "accept",
            program: None,
            run: sequential_clients,
        },
        TestCase {
            id: "reset-then-normal",
            title: "a client that resets mid-stream costs only its own connection",
            points: 2,
            timeout: secs(20),
            hint: "read/send fail with ECONNRESET or EPIPE when a client vanishes: report it, close that connection and accept the next client; never unwrap() it.",
            hint_c: Some(
                "read/send fail with ECONNRESET or EPIPE when a client vanishes: report it, close(fd) that connection and accept the next client; never exit() on it. Send with `send(fd, buf, len, MSG_NOSIGNAL)`, or the EPIPE comes as a SIGPIPE that kills the server.",
            ),
            section: "short-writes",
            program: None,
            run: reset_then_normal,
        },
        TestCase {
            id: "idle-connection",
            title: "a connection idle for a second, then used",
            points: 1,
            timeout: secs(15),
            hint: "A quiet client is not a finished client: only read() returning 0 means EOF.",
            hint_c: None,
            section: "eof",
            program: None,
            run: idle_connection,
        },
        TestCase {
            id: "no-close-wait",
            title: "after a client leaves, the server holds no socket for it (/proc/<pid>/fd, net/tcp)",
            points: 2,
            timeout: secs(15),
            hint: "Close the connected socket when its client is done (drop the OwnedFd). shutdown() alone does not free the descriptor.",
            hint_c: Some(
                "Close the connected socket when its client is done: `close(fd)`. shutdown() alone does not free the descriptor.",
            ),
            section: "close-vs-shutdown",
            program: None,
            run: no_close_wait,
        },
        TestCase {
            id: "restart-same-port",
            title: "stopped right after serving a client, it starts again on the same port at once",
            points: 2,
            timeout: secs(20),
            hint: "Set SO_REUSEADDR on the listening socket before bind(): the connections of the previous run wait in TIME_WAIT and would hold the port.",
            hint_c: None,
            section: "time-wait",
            program: None,
            run: restart_same_port,
        },
        TestCase {
            id: "throughput",
            title: "throughput at least a quarter of the checker's reference echo server",
            points: 1,
            timeout: secs(20),
            hint: "Read and write in large chunks (a buffer of tens of KiB): one system call per byte is thousands of times slower.",
            hint_c: None,
            section: "day2-echo",
            program: None,
            run: throughput,
        },
    ],
};
