//! Hidden tests of day2-echo, observed from outside: the bytes on the wire, the server's
//! /proc entries, exit statuses and timing. Server tests talk to `echo-server` through the
//! checker's instrumented client; client tests run `echo-client` against hidden servers that
//! misbehave on purpose.
//!
//! The server's contract names no design, so every design passes: iterative and blocking;
//! one thread with poll or select, non-blocking sockets and a buffer per client; epoll, level-
//! or edge-triggered; a thread or a process per client. No test waits for a particular system
//! call (the stalled reader accepts a server that never blocks in send). The client may time a
//! reply out with SO_RCVTIMEO or with poll. `checker/tests/broken-versions/day2-echo*.toml`
//! keeps a correct program of each design.

use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};

use super::echo_server::{
    binary_64k, idle_connection, listening_line, no_close_wait, one_byte_writes, reset_then_normal,
    restart_same_port, round_trip, sequential_clients, stalled_reader, throughput,
};

mod client;
use client::{
    client_early_close, client_echo, client_long_line, client_no_answer, client_pieces,
    client_refused,
};

const SERVER: &str = "echo-server";
const CLIENT: &str = "echo-client";

pub static EXERCISE: Exercise = Exercise {
    name: "day2-echo",
    day: 2,
    title: "a TCP echo server and client, graded on the wire",
    section: "day2-echo",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER, CLIENT],
    },
    student_files: &["src/bin/echo-server.rs", "src/bin/echo-client.rs"],
    tests: &[
        TestCase {
            id: "listening-line",
            title: "prints `listening on 0.0.0.0:<port>` once, with the real port, on the wildcard address",
            points: 1,
            timeout: secs(20),
            hint: "Bind INADDR_ANY (SockaddrIn::new(0, 0, 0, 0, port)), then print the address getsockname() returns, once, and flush.",
            section: "network-program-contract",
            program: Some(SERVER),
            run: listening_line,
        },
        TestCase {
            id: "round-trip",
            title: "a line comes back whole, then EOF after the client's half-close",
            points: 2,
            timeout: secs(15),
            hint: "Loop: read, send back what you read; when read returns 0 the client is done: close the connection.",
            section: "eof",
            program: Some(SERVER),
            run: round_trip,
        },
        TestCase {
            id: "binary-64k",
            title: "64 KiB of random bytes (NUL, CR, LF, 0xFF included) come back unchanged",
            points: 2,
            timeout: secs(15),
            hint: "Echo bytes, not text: on its way through a String (from_utf8_lossy) invalid UTF-8 becomes U+FFFD; keep the data in a Vec<u8> or [u8].",
            section: "day2-echo",
            program: Some(SERVER),
            run: binary_64k,
        },
        TestCase {
            id: "one-byte-writes",
            title: "4 KiB sent one byte per write (TCP_NODELAY) comes back whole",
            points: 1,
            timeout: secs(15),
            hint: "TCP keeps no message boundaries: data comes in pieces of any size. Echo each piece as it comes; keep reading until EOF.",
            section: "no-message-boundaries",
            program: Some(SERVER),
            run: one_byte_writes,
        },
        TestCase {
            id: "stalled-reader",
            title: "32 MiB while the checker stalls its reading and the server is stopped and continued",
            points: 3,
            timeout: secs(20),
            hint: "send() may send fewer bytes than asked (a short write); it did here after SIGSTOP/SIGCONT. Loop until every byte is sent, from where the last call stopped.",
            section: "short-writes",
            program: Some(SERVER),
            run: stalled_reader,
        },
        TestCase {
            id: "sequential-clients",
            title: "20 clients one after another, each served completely",
            points: 2,
            timeout: secs(30),
            hint: "After one client's EOF, close its socket and go back to accept() for the next: the server runs until it is killed.",
            section: "accept",
            program: Some(SERVER),
            run: sequential_clients,
        },
        TestCase {
            id: "reset-then-normal",
            title: "a client that resets mid-stream costs only its own connection",
            points: 2,
            timeout: secs(20),
            hint: "read/send fail with ECONNRESET or EPIPE when a client vanishes: report it, close that connection and accept the next client; never unwrap() it.",
            section: "short-writes",
            program: Some(SERVER),
            run: reset_then_normal,
        },
        TestCase {
            id: "idle-connection",
            title: "a connection idle for a second, then used",
            points: 1,
            timeout: secs(15),
            hint: "A quiet client is not a finished client: only read() returning 0 means EOF.",
            section: "eof",
            program: Some(SERVER),
            run: idle_connection,
        },
        TestCase {
            id: "no-close-wait",
            title: "after a client leaves, the server holds no socket for it (/proc/<pid>/fd, net/tcp)",
            points: 2,
            timeout: secs(15),
            hint: "Close the connected socket when its client is done (drop the OwnedFd). shutdown() alone does not free the descriptor.",
            section: "close-vs-shutdown",
            program: Some(SERVER),
            run: no_close_wait,
        },
        TestCase {
            id: "restart-same-port",
            title: "stopped right after serving a client, it starts again on the same port at once",
            points: 2,
            timeout: secs(20),
            hint: "Set SO_REUSEADDR on the listening socket before bind(): the connections of the previous run wait in TIME_WAIT and would hold the port.",
            section: "time-wait",
            program: Some(SERVER),
            run: restart_same_port,
        },
        TestCase {
            id: "throughput",
            title: "throughput at least a quarter of the checker's reference echo server",
            points: 1,
            timeout: secs(20),
            hint: "Read and write in large chunks (a buffer of tens of KiB): one system call per byte is thousands of times slower.",
            section: "day2-echo",
            program: Some(SERVER),
            run: throughput,
        },
        TestCase {
            id: "client-echo",
            title: "echo-client prints exactly the lines it sends",
            points: 2,
            timeout: secs(15),
            hint: "Send each line with its newline, read until that many bytes have come back, write them to stdout unchanged.",
            section: "day2-echo",
            program: Some(CLIENT),
            run: client_echo,
        },
        TestCase {
            id: "client-pieces",
            title: "echo-client reassembles a reply that comes one byte at a time",
            points: 2,
            timeout: secs(15),
            hint: "One recv() returns what has arrived so far, not a whole line: keep reading until the whole line is back.",
            section: "no-message-boundaries",
            program: Some(CLIENT),
            run: client_pieces,
        },
        TestCase {
            id: "client-long-line",
            title: "echo-client echoes a 1 MiB line",
            points: 1,
            timeout: secs(20),
            hint: "A line can be longer than any fixed buffer: read stdin lines into a Vec (read_until), and read back as many bytes as you sent.",
            section: "short-writes",
            program: Some(CLIENT),
            run: client_long_line,
        },
        TestCase {
            id: "client-early-close",
            title: "echo-client against a server that closes early: one line on stderr, exit 1",
            points: 1,
            timeout: secs(15),
            hint: "recv() returning 0 before the whole line is back means the server closed: print one line on stderr and exit with status 1.",
            section: "eof",
            program: Some(CLIENT),
            run: client_early_close,
        },
        TestCase {
            id: "client-refused",
            title: "echo-client against a closed port: one line on stderr, exit 1",
            points: 1,
            timeout: secs(10),
            hint: "connect() fails with ECONNREFUSED when nobody listens: print one line on stderr and exit with status 1, no panic.",
            section: "connect-errors",
            program: Some(CLIENT),
            run: client_refused,
        },
        TestCase {
            id: "client-no-answer",
            title: "echo-client against a server that never answers: exit 1 after about 2 s",
            points: 1,
            timeout: secs(15),
            hint: "Set SO_RCVTIMEO to 2 s (sockopt::ReceiveTimeout); recv then fails with EAGAIN instead of waiting forever.",
            section: "day2-echo",
            program: Some(CLIENT),
            run: client_no_answer,
        },
    ],
    rules: &RULES,
};
