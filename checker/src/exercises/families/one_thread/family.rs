//! A server that serves every client at once from one thread (day5-poll, day5-epoll), beyond the
//! echo-server contract: many clients at once, a burst of connects, a client that does not read
//! (it slows nobody down and costs bounded memory), a reset while output waits, non-blocking
//! sockets, one thread of one process. Its hints are poll's; epoll's table says them in its own
//! words. `ECHO_ONE_THREAD` is the echo-server family as such a server reads it.

use super::{
    back_pressure, connect_burst, eof_with_data, many_clients, non_blocking, one_thread,
    reset_while_stalled, slow_reader, stalled_client,
};
use crate::lab::exercise::{TestCase, secs};
use crate::lab::family::{Family, Runs, Tweak, Variant};

pub static ONE_THREAD: Family = Family {
    name: "one-thread",
    course: "day5-poll",
    runs: Runs::InTheFamily,
    tests: &[
        TestCase {
            id: "many-clients",
            title: "100 clients connected at once, talking together and leaving at different times: each gets exactly its own bytes",
            points: 3,
            timeout: secs(20),
            hint: "One pollfd and one buffer per client, matched by position: read each revents for the client at the same place in the array, and remove finished clients in one pass after the walk, never by index during it.",
            hint_c: None,
            section: "poll",
            program: None,
            run: many_clients,
        },
        TestCase {
            id: "connect-burst",
            title: "200 connects in a row: every one of those clients is served",
            points: 2,
            timeout: secs(20),
            hint: "When poll reports POLLIN on the listening socket, accept until EAGAIN; and keep no fixed limit on the number of clients.",
            hint_c: None,
            section: "poll",
            program: None,
            run: connect_burst,
        },
        TestCase {
            id: "stalled-client",
            title: "while one client sends 16 MiB and reads nothing, five others get every echo within a second",
            points: 3,
            timeout: secs(25),
            hint: "Never wait for one client: the sockets are non-blocking, a send takes what fits, the rest waits in that client's buffer until poll reports POLLOUT.",
            hint_c: None,
            section: "per-client-buffers",
            program: None,
            run: stalled_client,
        },
        TestCase {
            id: "back-pressure",
            title: "a client that sends 32 MiB and reads nothing costs the server at most a few MiB",
            points: 2,
            timeout: secs(25),
            hint: "Back-pressure: while over 1 MiB waits for a client, do not ask POLLIN for it; its data waits in the kernel and its sender slows down.",
            hint_c: None,
            section: "per-client-buffers",
            program: None,
            run: back_pressure,
        },
        TestCase {
            id: "reset-while-stalled",
            title: "a client resets while output waits for it: its socket closed within a second, no busy loop, the others served",
            points: 2,
            timeout: secs(20),
            hint: "POLLERR and POLLHUP are reported even when not asked for: on either, close that client.",
            hint_c: None,
            section: "poll",
            program: None,
            run: reset_while_stalled,
        },
        TestCase {
            id: "eof-with-data",
            title: "a client's last data and its EOF arrive together: the data comes back, then EOF",
            points: 1,
            timeout: secs(15),
            hint: "A read of 0 ends the client's input, not its output: send what is still buffered for it, and close only once it is all sent.",
            hint_c: None,
            section: "per-client-buffers",
            program: None,
            run: eof_with_data,
        },
        TestCase {
            id: "slow-reader",
            title: "the client sends without reading until output waits in the server's own buffer, then its EOF, then reads slowly: every byte comes back before the close",
            points: 2,
            timeout: secs(15),
            hint: "After a client's EOF, send everything still buffered for it, then close; a send takes what fits, the rest waits for POLLOUT.",
            hint_c: None,
            section: "per-client-buffers",
            program: None,
            run: slow_reader,
        },
        TestCase {
            id: "non-blocking",
            title: "every socket of the server, the listening one included, is non-blocking (/proc/<pid>/fdinfo)",
            points: 1,
            timeout: secs(15),
            hint: "SOCK_NONBLOCK in socket() and in every accept4(): a read or send that cannot go on then fails with EAGAIN instead of waiting.",
            hint_c: None,
            section: "non-blocking",
            program: None,
            run: non_blocking,
        },
        TestCase {
            id: "one-thread",
            title: "with 20 clients connected, the server is one process with one thread (/proc/<pid>/task), waiting while they are quiet",
            points: 1,
            timeout: secs(15),
            hint: "One thread of one process for everybody: no threads, no fork; poll tells which sockets are ready. Ask for POLLOUT only while a client has output waiting: otherwise poll returns at once, for ever.",
            hint_c: None,
            section: "poll",
            program: None,
            run: one_thread,
        },
    ],
};

/// The echo-server tests for a server with non-blocking sockets and a buffer per client: its
/// hints, sections and points (a share of a larger exercise).
pub static ECHO_ONE_THREAD: Variant = Variant {
    name: "echo-server-one-thread",
    tweaks: &[
        Tweak::of("round-trip").points(1).hint("A read of 0 is the client's EOF: send what is still buffered for it, then close its socket."),
        Tweak::of("binary-64k").points(1).hint("Echo bytes, not text: keep each client's data in a Vec<u8>, never a String.")
            .hint_c("Echo bytes, not text: keep each client's data in a buffer of its own (a `char` array or malloc'd memory) with its length, never handled as a C string: strlen and printf's %s stop at the first zero byte."),
        Tweak::of("one-byte-writes").hint("Data comes in pieces of any size: append each read to the client's buffer and send what is there."),
        Tweak::of("stalled-reader").points(2).title("32 MiB while the checker stalls its reading, then half-closes").hint("A non-blocking send may take only part of the data, or fail with EAGAIN: keep the rest in that client's buffer, send it when the socket is writable, and close after the EOF only once the buffer is empty.").section("per-client-buffers"),
        Tweak::of("sequential-clients").points(1).hint("A client's EOF closes that client only: the loop goes on for the next ones, forever.").section("day5-poll"),
        Tweak::of("reset-then-normal").points(1).hint("ECONNRESET or EPIPE on one client's read or send closes that client only: never leave the loop, never unwrap() it.")
            .hint_c("ECONNRESET or EPIPE on one client's read or send closes that client only: never leave the loop, never exit() on it (send with MSG_NOSIGNAL, so that EPIPE comes back as an error, not as a SIGPIPE)."),
        Tweak::of("idle-connection").hint("A quiet client is not a finished client: only a read of 0 means EOF."),
        Tweak::of("no-close-wait").points(1).hint("Once a client's EOF came and its buffer is sent, close its socket (drop the OwnedFd) and forget it.")
            .hint_c("Once a client's EOF came and its buffer is sent, close its socket (`close(fd)`) and forget it: take it out of the set you wait on and free its buffer."),
        Tweak::of("restart-same-port").points(1).hint("Set SO_REUSEADDR on the listening socket before bind()."),
        Tweak::of("throughput").hint("Read and send in large chunks (tens of KiB), and keep an offset into the buffer instead of moving what is left after every send.").section("day5-poll"),
    ],
};
