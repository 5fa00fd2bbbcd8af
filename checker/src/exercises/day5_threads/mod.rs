//! Hidden tests of day5-threads, a chat server with one thread per client and the list of
//! clients behind a Mutex. Observed on the wire — every client reads whole lines, and what each
//! got is compared with what the others got and with what was sent (`order`) — and in /proc:
//! the server's threads, its children, the sockets it still holds (`leave`). The checker plays
//! the clients (`chat`). No test names a design: a thread per client that broadcasts under the
//! lock, or a reader and a writer thread per client fed through a channel, both pass.

mod chat;
mod leave;
mod order;

use leave::{client_leaves, client_resets, thread_per_client};
use order::{lines_in_pieces, many_senders};

use super::echo_server::listening_line;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::exercises::kit;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::Server;

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
    // One row per test: change points, timeouts and hints here.
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
            id: "to-everyone",
            title: "3 clients: each line, a 4096-byte one included, reaches every client whole, the sender included, in the same order",
            points: 2,
            timeout: secs(15),
            hint: "Add each client to the shared list before its thread reads; send each complete line to every client in the list, the sender included, with one lock held across the whole broadcast.",
            section: "threads",
            program: Some(SERVER),
            run: to_everyone,
        },
        TestCase {
            id: "many-senders",
            title: "8 clients send 300 lines each at once: every client gets all 2400, whole, in one and the same order, each sender's in its order",
            points: 3,
            timeout: secs(20),
            hint: "Lock the list once per line and keep it locked until the line has gone to every client: a lock taken per send, or sends made from a copy of the list after unlocking, let two lines cross.",
            section: "data-races",
            program: Some(SERVER),
            run: many_senders,
        },
        TestCase {
            id: "lines-in-pieces",
            title: "a line sent in pieces arrives whole, after a line that was completed first; an unfinished line at EOF is dropped",
            points: 2,
            timeout: secs(15),
            hint: "Keep each client's bytes in a buffer of its own; cut complete lines at each `\\n` and broadcast only those; what is left at EOF is not a line.",
            section: "no-message-boundaries",
            program: Some(SERVER),
            run: lines_in_pieces,
        },
        TestCase {
            id: "client-leaves",
            title: "a client that ends gets EOF: its socket closed, its thread gone (/proc/<pid>/task), the others go on",
            points: 2,
            timeout: secs(15),
            hint: "On EOF (read returns 0) or an error, remove the client from the list, let its socket close (no handle left), and return from its thread.",
            section: "day5-threads",
            program: Some(SERVER),
            run: client_leaves,
        },
        TestCase {
            id: "client-resets",
            title: "a line to a client that has reset: no panic, no poisoned lock, the others and a newcomer served",
            points: 2,
            timeout: secs(15),
            hint: "A send to a client that has gone fails (EPIPE, ECONNRESET): remove that client; never unwrap() a send while the lock is held, or the panic poisons the mutex for every thread.",
            section: "poisoning",
            program: Some(SERVER),
            run: client_resets,
        },
        TestCase {
            id: "thread-per-client",
            title: "one process whose threads grow by one (or more) per client and fall back when they leave (/proc/<pid>/task)",
            points: 1,
            timeout: secs(15),
            hint: "std::thread::spawn a thread per accepted client, in one process (no fork); the thread returns at its client's EOF.",
            section: "thread-cost",
            program: Some(SERVER),
            run: thread_per_client,
        },
    ],
    rules: &RULES,
};

fn start(ctx: &Ctx) -> Result<Server, Failure> {
    kit::server::start(ctx, SERVER, 0, &[])
}

/// Three clients each send a line at once (the second one as long as the contract allows):
/// every client gets all three, whole, each once, in the same order.
fn to_everyone(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let deadline = ctx.within(secs(8));
    let mut m = chat::join_all(&t, s.port, 3, deadline)?;
    let long: String = (0..4095).map(|_| ctx.rng.alphanumeric()).collect();
    let lines: [Vec<u8>; 3] = [
        b"a line from client 0\n".to_vec(),
        format!("{long}\n").into_bytes(),
        b"a line from client 2\n".to_vec(),
    ];
    for (member, line) in m.iter_mut().zip(&lines) {
        member.say(line, deadline)?;
    }
    let mut got = Vec::new();
    for member in m.iter_mut() {
        let lines = member.read_lines(3, deadline).map_err(|(f, _)| f)?;
        got.push((member.who().to_string(), lines));
    }
    for (who, lines_got) in &got {
        for line in &lines {
            let times = lines_got.iter().filter(|l| *l == line).count();
            if times != 1 {
                return Err(t.attach(
                    Failure::wrong(msg!(
                        "chat-line-times",
                        who = who,
                        times = times.to_string()
                    ))
                    .detail(msg!("chat-the-line"), chat::shown(line))
                    .detail(
                        msg!("chat-it-got"),
                        Text::lines(lines_got.iter().map(|l| chat::shown(l))),
                    )
                    .note(msg!("chat-once-to-everyone")),
                ));
            }
        }
    }
    if let Some((who, lines_got)) = got.iter().find(|(_, l)| *l != got[0].1) {
        return Err(t.attach(
            Failure::wrong(msg!(
                "chat-three-lines-orders",
                first = &got[0].0,
                who = who
            ))
            .detail(
                got[0].0.clone(),
                Text::lines(got[0].1.iter().map(|l| chat::shown(l))),
            )
            .detail(
                who.clone(),
                Text::lines(lines_got.iter().map(|l| chat::shown(l))),
            )
            .note(msg!("chat-hold-lock-broadcast")),
        ));
    }
    Ok(())
}
