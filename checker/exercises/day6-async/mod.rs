//! Hidden tests of day6-async, the fourth way: tasks on the tokio runtime. async-echo takes the
//! echo-server family whole, async-chat the chat family of day5-threads; what only an async
//! server promises is tested here: 1,000 clients on the runtime's threads (`many`), a client
//! that stops reading delays nobody and is disconnected once far behind (`behind`), and the
//! clean shutdown on SIGINT or SIGTERM (`shutdown`). No test names a design: a current-thread
//! or a multi-thread runtime, a broadcast channel or a bounded queue per client all pass.

mod behind;
mod inside;
mod many;
mod shutdown;

use crate::exercises::families::chat::CHAT;
use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::families::graceful_exit::GRACEFUL_EXIT;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::{Takes, Tweak};

const ECHO: &str = "async-echo";
const CHAT_SERVER: &str = "async-chat";

pub static EXERCISE: Exercise = Exercise {
    name: "day6-async",
    day: 6,
    title: "the fourth way: an echo server and a chat server as tasks on the tokio runtime, thousands of clients on a few threads",
    section: "day6-async",
    kind: ExerciseKind::Programs {
        binaries: &[ECHO, CHAT_SERVER],
    },
    student_files: &["src/bin/async-echo.rs", "src/bin/async-chat.rs"],
    // The echo-server contract (as day2-echo and day 5's servers), in tokio's words where the
    // blocking server's would mislead; the chat contract of day5-threads, in a task's words
    // (async-chat's listening line is graded by every chat test's start: a test id is graded
    // once per exercise, and async-echo's `listening-line` has it); then what only an async
    // server promises, and the clean exit last.
    families: &[
        Takes::family(&ECHO_SERVER, ECHO).tweaks(&[
            Tweak::of("listening-line").hint("TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))).await, then print listener.local_addr() once, and flush."),
            Tweak::of("stalled-reader").hint("write(), and so .write().await, may take fewer bytes than asked (a short write): use write_all(&buf[..n]).await, which loops until every byte is sent."),
            Tweak::of("sequential-clients").hint("Accept in a loop and tokio::spawn a task per client: the loop goes back to accept().await at once, for ever.").section("day6-async"),
            Tweak::of("reset-then-normal").hint("A read or write that fails (ECONNRESET, EPIPE) ends that client's task only: return the error from the task, never unwrap() it."),
            Tweak::of("no-close-wait").hint("Return from the client's task at EOF (a read of 0): the TcpStream is dropped, and its socket closed."),
            Tweak::of("restart-same-port").hint("tokio's TcpListener::bind sets SO_REUSEADDR; a socket built with TcpSocket needs set_reuseaddr(true) before bind()."),
            Tweak::of("throughput").section("day6-async"),
        ]),
        Takes::family(&CHAT, CHAT_SERVER).tweaks(&[
            Tweak::of("to-everyone").hint("Subscribe each client (broadcast::Sender::subscribe, or its queue added to the list) before its task reads; send each complete line to every client, the sender included."),
            Tweak::of("many-senders").hint("One order for everybody: put each line in one place that has an order (one broadcast channel, or one lock held while the line goes into every client's queue), and let each client's writer take them from there."),
            Tweak::of("client-leaves").title("a client that ends gets EOF: its socket closed, the others go on").hint("On EOF (read returns 0) or an error, end the client's tasks and drop both halves of its socket; its writer must not keep the connection open."),
            Tweak::of("client-resets").hint("A write to a client that has gone fails (EPIPE, ECONNRESET): end that client's tasks; never unwrap() it, and never hold a std::sync::Mutex across an .await."),
        ]),
        Takes::family(&GRACEFUL_EXIT, CHAT_SERVER)
            .after_own()
            .tweaks(&[
                Tweak::of("sigterm-exit").title("SIGTERM: the lines taken reach every reading client, each gets EOF, one that does not read is closed after a grace; `bye`, status 0 within 2 s, no process left").hint("tokio::signal::unix::signal(SignalKind::terminate()) in a select! with accept(): stop accepting and reading, let each writer send what is queued, close every connection (a writer stuck on a client that does not read: after a grace of a second), print bye and return from main.").section("async-shutdown").run(shutdown::sigterm_exit),
                Tweak::of("sigint-exit").hint("Watch SIGINT (SignalKind::interrupt(), or tokio::signal::ctrl_c()) in the same select! as SIGTERM.").section("async-shutdown").run(shutdown::sigint_exit),
            ]),
    ],
    tests: &[
        TestCase {
            id: "echo-few-threads",
            title: "async-echo: 1,000 clients connected, each echoed, on no more threads than with none (/proc/<pid>/task)",
            points: 2,
            timeout: secs(20),
            hint: "tokio::spawn a task per client, never a thread: no std::thread, no spawn_blocking, no blocking read inside a task. The runtime's worker threads serve every client.",
            hint_c: None,
            section: "tasks-vs-threads",
            program: Some(ECHO),
            run: many::echo_few_threads,
        },
        TestCase {
            id: "thousand-clients",
            title: "async-chat: 1,000 clients connected; a line reaches all of them within 2 s, on no more threads than with none, the memory grown by at most 64 KiB a client",
            points: 3,
            timeout: secs(20),
            hint: "A task per client (tokio::spawn), never a thread: no std::thread, no spawn_blocking; a client's state is a small buffer and a receiver, not a large buffer of its own.",
            hint_c: None,
            section: "tasks-vs-threads",
            program: Some(CHAT_SERVER),
            run: many::thousand_clients,
        },
        TestCase {
            id: "slow-consumer",
            title: "async-chat: while one client reads nothing and its lines pile up in the server, the others get every line within a second",
            points: 3,
            timeout: secs(20),
            hint: "Never wait for one client where the others wait too: no lock held across a write, no loop that writes to each client in turn. Each client's writer is a task of its own, fed by a channel.",
            hint_c: None,
            section: "slow-consumer",
            program: Some(CHAT_SERVER),
            run: behind::slow_consumer,
        },
        TestCase {
            id: "far-behind",
            title: "async-chat: a client more than 1,024 lines behind is disconnected: it gets every line up to some point, whole, then EOF; the memory stays bounded",
            points: 3,
            timeout: secs(20),
            hint: "Bound what waits for one client: a broadcast::channel(1024) whose recv() gives Err(Lagged) (then close that client, do not go on with a gap), or a bounded queue per client whose try_send() fails when it is full.",
            hint_c: None,
            section: "slow-consumer",
            program: Some(CHAT_SERVER),
            run: behind::far_behind,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: None,
};
