//! Hidden tests of day5-epoll: the same as day5-poll (the echo-server contract and every
//! one-thread server's tests, shared), and what edge-triggered epoll adds: every client is
//! registered with EPOLLET (seen in /proc/<pid>/fdinfo of the epoll descriptor), a burst that
//! must be read until EAGAIN, a slow reader that must be written to until EAGAIN.

use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::families::one_thread::{ECHO_ONE_THREAD, ONE_THREAD};
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::{Takes, Tweak};

const SERVER: &str = "epoll-server";

pub static EXERCISE: Exercise = Exercise {
    name: "day5-epoll",
    day: 5,
    title: "one thread serves every client with epoll, edge-triggered: read and write until EAGAIN",
    section: "day5-epoll",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/epoll-server.rs"],
    // The echo-server contract and every one-thread server's tests are shared (echo_server/, one_thread/), said
    // here in epoll's words where poll's would mislead; then what edge-triggered epoll adds.
    families: &[
        Takes::family(&ECHO_SERVER, SERVER)
            .variant(&ECHO_ONE_THREAD)
            .tweaks(&[
                Tweak::of("sequential-clients").section("day5-epoll"),
                Tweak::of("throughput").section("day5-epoll"),
            ]),
        Takes::family(&ONE_THREAD, SERVER).tweaks(&[
                Tweak::of("many-clients").hint("One buffer per client, found by the data you registered with it (epoll_event.data); a client closed earlier in the same batch of events has no entry any more: skip it.").section("epoll"),
                Tweak::of("connect-burst").hint("When epoll reports EPOLLIN on the listening socket, accept until EAGAIN; and keep no fixed limit on the number of clients.").section("epoll"),
                Tweak::of("stalled-client").hint("Never wait for one client: the sockets are non-blocking, a send takes what fits, the rest waits in that client's buffer until EPOLLOUT comes."),
                Tweak::of("back-pressure").hint("Back-pressure: while over 1 MiB waits for a client, stop reading from it until its buffer drains (then read again at once: no new EPOLLIN will come for data already waiting); its data waits in the kernel and its sender slows down."),
                Tweak::of("reset-while-stalled").hint("EPOLLERR and EPOLLHUP are reported even when not asked for: on either, close that client.").section("epoll"),
                Tweak::of("slow-reader").hint("Edge-triggered: on EPOLLOUT, send until EAGAIN or nothing is left (stop earlier and no new EPOLLOUT comes); after the EOF, close only once everything is sent.").section("level-vs-edge"),
                Tweak::of("one-thread").hint("One thread of one process for everybody: no threads, no fork; epoll tells which sockets are ready.").section("epoll"),
        ]),
    ],
    tests: &[
        TestCase {
            id: "edge-triggered",
            title: "every client socket is registered edge-triggered (EPOLLET in the tfd lines of the epoll fd's /proc fdinfo)",
            points: 1,
            timeout: secs(15),
            hint: "Register each client with EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET.",
            hint_c: Some("Register each client with `ev.events = EPOLLIN | EPOLLOUT | EPOLLET` in epoll_ctl(EPOLL_CTL_ADD)."),
            section: "epoll",
            program: Some(SERVER),
            run: edge_triggered,
        },
        TestCase {
            id: "burst-then-silence",
            title: "1 MiB in one write, then silence: all of it comes back",
            points: 2,
            timeout: secs(15),
            hint: "Edge-triggered: on EPOLLIN, read until EAGAIN. What you leave unread is never announced again.",
            hint_c: None,
            section: "level-vs-edge",
            program: Some(SERVER),
            run: burst_then_silence,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["epoll-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        c_imports::ONE_THREAD,
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &["poll", "ppoll", "select", "pselect"],
            reason: "this exercise is about epoll; poll(2) and select(2) are day5-poll",
        },
        ImportRule {
            kind: ImportKind::Required,
            functions: &["epoll_wait", "epoll_pwait", "epoll_pwait2"],
            reason: "wait for every client at once with epoll_wait",
        },
    ],
};

mod edge;
use crate::exercises::kit::c_imports;
use crate::table::track::{CTrack, ImportKind, ImportRule};
use edge::{burst_then_silence, edge_triggered};
