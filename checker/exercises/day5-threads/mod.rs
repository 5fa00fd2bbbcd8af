//! Hidden tests of day5-threads, a chat server with one thread per client and the list of
//! clients behind a Mutex: the chat contract (shared, `exercises/families/chat/`)
//! and what a thread per client adds: the server's threads grow with its clients and fall back.
//! No test names a design: a thread per client that broadcasts under the lock, or a reader and
//! a writer thread per client fed through a channel, both pass.

use crate::exercises::families::chat::CHAT;
use crate::exercises::families::chat::thread_per_client;
use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::Takes;
use crate::table::track::{CTrack, ImportKind, ImportRule};

const SERVER: &str = "chat-server";

pub static EXERCISE: Exercise = Exercise {
    name: "day5-threads",
    day: 5,
    title: "a chat server: a thread per client, the clients behind a Mutex, every line to everyone in one order",
    section: "day5-threads",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/chat-server.rs"],
    // The listening line of every server, the chat contract (chat/family.rs), then what a
    // thread per client adds.
    families: &[
        Takes::family(&ECHO_SERVER, SERVER).only(&["listening-line"]),
        Takes::family(&CHAT, SERVER),
    ],
    tests: &[TestCase {
        id: "thread-per-client",
        title: "6 clients that connect together are each served, by threads of one process that grow by one (or more) per client and fall back when they leave (/proc/<pid>/task)",
        points: 1,
        timeout: secs(15),
        hint: "std::thread::spawn a thread per accepted client, in one process (no fork); the thread returns at its client's EOF.",
        hint_c: Some(
            "pthread_create a detached thread per accepted client (pthread_detach, or PTHREAD_CREATE_DETACHED), in one process (no fork); the thread returns at its client's EOF.",
        ),
        section: "thread-cost",
        program: Some(SERVER),
        run: thread_per_client,
    }],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["chat-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &["fork", "vfork"],
            reason: "threads of one process share the list of clients; no fork",
        },
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &[
                "poll",
                "ppoll",
                "select",
                "pselect",
                "epoll_wait",
                "epoll_pwait",
                "epoll_pwait2",
            ],
            reason: "a thread per client waits in its own read; poll and epoll are the other ways",
        },
        ImportRule {
            kind: ImportKind::Required,
            functions: &["pthread_create", "thrd_create"],
            reason: "a thread per client, made with pthread_create (or C11's thrd_create)",
        },
    ],
};
