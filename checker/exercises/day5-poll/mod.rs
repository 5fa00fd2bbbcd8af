//! Hidden tests of day5-poll: the echo-server contract that day2-echo's tests establish
//! (shared, `echo_server`), then what serving every client from one thread with poll(2) adds
//! (shared with day5-epoll, `one_thread`): 100 clients at once, a burst of connects, a client
//! that does not read, back-pressure, a reset while output waits, non-blocking sockets, one
//! thread of one process. Observed on the wire and in /proc; no test waits for a particular
//! system call, so a server that writes at once when it can and buffers only the rest passes.

use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::families::one_thread::{ECHO_ONE_THREAD, ONE_THREAD};
use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind};
use crate::lab::family::Takes;
use crate::table::track::{CTrack, ImportKind, ImportRule};

const SERVER: &str = "poll-server";

pub static EXERCISE: Exercise = Exercise {
    name: "day5-poll",
    day: 5,
    title: "one thread serves every client with poll(2): non-blocking sockets, a buffer per client, back-pressure",
    section: "day5-poll",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/poll-server.rs"],
    // Every test is shared: the echo-server contract as a one-thread server reads it, and every
    // one-thread server's tests (echo_server/, one_thread/). Change points, timeouts and hints there, or here
    // for day5-poll alone with `.tweaks(&[Tweak::of("id").points(2)])`.
    families: &[
        Takes::family(&ECHO_SERVER, SERVER).variant(&ECHO_ONE_THREAD),
        Takes::family(&ONE_THREAD, SERVER),
    ],
    tests: &[],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["poll-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        c_imports::ONE_THREAD,
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &[
                "epoll_create",
                "epoll_create1",
                "epoll_wait",
                "epoll_pwait",
                "epoll_pwait2",
            ],
            reason: "this exercise is about poll(2); epoll is day5-epoll",
        },
        ImportRule {
            kind: ImportKind::Required,
            functions: &["poll", "ppoll", "select", "pselect"],
            reason: "wait for every client at once with poll(2) (select(2) is accepted too)",
        },
    ],
};
