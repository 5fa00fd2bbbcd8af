//! Hidden tests of day2-echo, observed from outside: the bytes on the wire, the server's
//! /proc entries, exit statuses and timing. Server tests talk to `echo-server` through the
//! checker's instrumented client; client tests run `echo-client` against hidden servers that
//! misbehave on purpose.
//!
//! The server's contract names no design, so every design passes: iterative and blocking;
//! one thread with poll or select, non-blocking sockets and a buffer per client; epoll, level-
//! or edge-triggered; a thread or a process per client. No test waits for a particular system
//! call (the stalled reader accepts a server that never blocks in send). The client may time a
//! reply out with SO_RCVTIMEO or with poll. `proofs/*.toml`
//! keeps a correct program of each design.

use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::Takes;

mod client;
mod short_write;
mod together;
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::errors::server_start_errors;
use crate::table::track::CTrack;
use client::{
    client_early_close, client_echo, client_long_line, client_no_answer, client_pieces,
    client_refused,
};
use short_write::client_short_write;
use together::clients_together;

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
    // The server's tests are the echo-server contract (echo_server/family.rs), in its words.
    families: &[Takes::family(&ECHO_SERVER, SERVER)],
    tests: &[
        TestCase {
            id: "server-errors",
            title: "echo-server started with no port, or on a port another socket listens on: one line on stderr, exit 1",
            points: 1,
            timeout: secs(15),
            hint: "Without its port the server says how to start it and exits with 1; when bind fails (EADDRINUSE: the port is taken), it says so in one line on stderr and exits with 1, never going on with a port of its own.",
            hint_c: None,
            section: "network-program-contract",
            program: Some(SERVER),
            run: server_errors,
        },
        TestCase {
            id: "clients-together",
            title: "5 clients connect and send before any is served: each gets exactly its own bytes back",
            points: 1,
            timeout: secs(15),
            hint: "Clients that arrive together wait in the listening socket's queue: serve them in turn, or each on its own thread or process, each with its own connected socket.",
            hint_c: Some(
                "Give each thread its own descriptor: by value (`(void *)(intptr_t)cfd`, read back with `(int)(intptr_t)arg`) or in memory of its own (malloc), never `&cfd`: the next accept() overwrites that variable before the thread has read it, and two threads serve one client while another is never served.",
            ),
            section: "accept",
            program: Some(SERVER),
            run: clients_together,
        },
        TestCase {
            id: "client-echo",
            title: "echo-client prints exactly the lines it sends",
            points: 2,
            timeout: secs(15),
            hint: "Send each line with its newline, read until that many bytes have come back, write them to stdout unchanged.",
            hint_c: None,
            section: "day2-echo",
            program: Some(CLIENT),
            run: client_echo,
        },
        TestCase {
            id: "client-pieces",
            title: "echo-client reassembles a reply sent byte by byte",
            points: 2,
            timeout: secs(15),
            hint: "One recv() returns what has arrived so far, not a whole line: keep reading until the whole line is back.",
            hint_c: None,
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
            hint_c: Some(
                "A line can be longer than any fixed buffer: read stdin with getline() (it grows its buffer and returns the line's length), and read back as many bytes as you sent.",
            ),
            section: "short-writes",
            program: Some(CLIENT),
            run: client_long_line,
        },
        TestCase {
            id: "client-short-write",
            title: "every byte of a 16 MiB line through short sends",
            points: 1,
            timeout: secs(20),
            hint: "send() may send fewer bytes than asked (a short write); it did here after SIGSTOP/SIGCONT. Loop until every byte of the line is sent, from where the last call stopped.",
            hint_c: None,
            section: "short-writes",
            program: Some(CLIENT),
            run: client_short_write,
        },
        TestCase {
            id: "client-early-close",
            title: "echo-client against a server that closes early: one line on stderr, exit 1",
            points: 1,
            timeout: secs(15),
            hint: "recv() returning 0 before the whole line is back means the server closed: print one line on stderr and exit with status 1.",
            hint_c: None,
            section: "eof",
            program: Some(CLIENT),
            run: client_early_close,
        },
        TestCase {
            id: "client-refused",
            title: "echo-client, nobody listening: one stderr line, exit 1",
            points: 1,
            timeout: secs(10),
            hint: "connect() fails with ECONNREFUSED when nobody listens: print one line on stderr and exit with status 1, no panic.",
            hint_c: Some(
                "connect() fails with ECONNREFUSED when nobody listens: check what it returns, print one line on stderr (with strerror(errno)) and exit with status 1.",
            ),
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
            hint_c: Some(
                "Set SO_RCVTIMEO to 2 s: `struct timeval tv = {2, 0}; setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv)`; recv then fails with EAGAIN instead of waiting forever.",
            ),
            section: "day2-echo",
            program: Some(CLIENT),
            run: client_no_answer,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["echo-server.c", "echo-client.c"],
    library: None,
    shim: &[],
    imports: &[c_imports::NO_RESOLVER],
};

/// The contract's expected errors of a server: started without its port, or on a taken one.
fn server_errors(ctx: &mut Ctx) -> TestResult {
    server_start_errors(ctx, SERVER, &[])
}
