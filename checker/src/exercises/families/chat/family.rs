//! The chat contract: every complete line of at most 4096 bytes, its `\n` included, to every
//! connected client, the sender included, all clients in one order, each sender's lines in
//! their order; a partial line at EOF dropped; a client that ends or fails removed, the others
//! served on. Taken by day5-threads (a thread per client). Its hints speak of a shared list
//! behind a lock, the design day5-threads teaches.

use super::{client_leaves, client_resets, lines_in_pieces, many_senders, to_everyone};
use crate::lab::exercise::{TestCase, secs};
use crate::lab::family::{Family, Runs};

pub static CHAT: Family = Family {
    name: "chat",
    course: "day5-threads",
    runs: Runs::InTheFamily,
    tests: &[
        TestCase {
            id: "to-everyone",
            title: "3 clients: each line, a 4096-byte one included, reaches every client whole, the sender included, in the same order",
            points: 2,
            timeout: secs(15),
            hint: "Add each client to the shared list before its thread reads; send each complete line to every client in the list, the sender included, with one lock held across the whole broadcast.",
            hint_c: None,
            section: "threads",
            program: None,
            run: to_everyone,
        },
        TestCase {
            id: "many-senders",
            title: "a broadcast held up by a client that stops reading while another line waits, then 8 clients sending 300 lines each at once, 100 at a time: every client gets every line, whole, in one and the same order, each sender's in its order",
            points: 3,
            timeout: secs(20),
            hint: "Lock the list once per line and keep it locked until the line has gone to every client, even when a send blocks: a lock taken per send, or sends made from a copy of the list after unlocking, let two lines cross.",
            hint_c: None,
            section: "data-races",
            program: None,
            run: many_senders,
        },
        TestCase {
            id: "lines-in-pieces",
            title: "a line sent in pieces arrives whole, after a line that was completed first; an unfinished line at EOF is dropped",
            points: 2,
            timeout: secs(15),
            hint: "Keep each client's bytes in a buffer of its own; cut complete lines at each `\\n` and broadcast only those; what is left at EOF is not a line.",
            hint_c: None,
            section: "no-message-boundaries",
            program: None,
            run: lines_in_pieces,
        },
        TestCase {
            id: "client-leaves",
            title: "two clients that end, neither the last to join: each gets EOF, its socket closed, its thread gone (/proc/<pid>/task), and every client that stays still gets every line",
            points: 2,
            timeout: secs(15),
            hint: "On EOF (read returns 0) or an error, remove the client from the list, let its socket close (no handle left), and return from its thread.",
            hint_c: Some(
                "On EOF (read returns 0) or an error, remove the client from the list with the lock held, close(fd) its socket, and return from its thread.",
            ),
            section: "day5-threads",
            program: None,
            run: client_leaves,
        },
        TestCase {
            id: "client-resets",
            title: "a line to a client that has reset: no panic, no poisoned lock, the others and a newcomer served",
            points: 2,
            timeout: secs(15),
            hint: "A send to a client that has gone fails (EPIPE, ECONNRESET): remove that client; never unwrap() a send while the lock is held, or the panic poisons the mutex for every thread.",
            hint_c: Some(
                "A send to a client that has gone fails (EPIPE, ECONNRESET): remove that client. Send with MSG_NOSIGNAL (else the SIGPIPE kills the whole server), and never end a thread or the program with the lock held: every other thread would wait in pthread_mutex_lock forever.",
            ),
            section: "poisoning",
            program: None,
            run: client_resets,
        },
    ],
};
