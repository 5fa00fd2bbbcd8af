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

use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::{self};
use crate::exercises::kit::{echo, stalled};
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::{self, Conn, Server};

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

fn server(ctx: &Ctx) -> Result<Server, Failure> {
    kit::server::start(ctx, SERVER, 0, &[])
}

fn nc(data: &str) -> String {
    format!(
        "printf {} | nc -N 127.0.0.1 7000",
        escape::printf_arg(data.as_bytes())
    )
}

fn listening_line(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    if s.line.is_empty() && s.external {
        return Err(Failure::not_applicable(
            "echo-server printed no `listening on` line (a program given with --program may print none): nothing to check",
        ));
    }
    let (ip, port) =
        wire::parse_listening(&s.line).unwrap_or((std::net::Ipv4Addr::UNSPECIFIED, s.port));
    let mut c = Conn::connect(&t, "client", port, ctx.within(secs(5)))?;
    c.send(b"ping\n", ctx.deadline)?;
    c.expect_bytes(b"ping\n", ctx.within(secs(5)))?;
    if ip != std::net::Ipv4Addr::UNSPECIFIED && !s.line.is_empty() {
        return Err(Failure::wrong(format!(
            "the line says {ip}: the contract is to bind the wildcard address, 0.0.0.0"
        ))
        .detail("line", s.line.clone()));
    }
    // What the kernel says the server listens on.
    let listening: Vec<_> = procinfo::tree(s.program.pid())
        .iter()
        .flat_map(|&p| procinfo::tcp_sockets(p))
        .filter(|sock| sock.state == "LISTEN" && sock.local_port == port)
        .collect();
    if let Some(sock) = listening
        .iter()
        .find(|sock| !sock.local_ip.is_unspecified())
    {
        return Err(Failure::wrong(format!(
            "the server listens on {}:{port}, not on the wildcard address 0.0.0.0",
            sock.local_ip
        )));
    }
    let lines = s.program.stdout.bytes();
    let count = kit::lines::with_prefix(&lines, "listening on").len();
    if count != 1 && !s.line.is_empty() {
        return Err(Failure::of_kind(
            FailureKind::BadOutput,
            format!("the `listening on` line appears {count} times; print it once"),
        ));
    }
    drop(c);
    drop(s);
    // A port given on the command line is the port used.
    let wanted = wire::free_port()?;
    let s = kit::server::start(ctx, SERVER, wanted, &[])?;
    if s.port != wanted {
        return Err(Failure::wrong(format!(
            "started with port {wanted}, the server listens on {}",
            s.port
        )));
    }
    Ok(())
}

fn round_trip(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    let line = "hello, echo\n";
    let result = (|| {
        c.send(line.as_bytes(), ctx.deadline)?;
        c.shutdown_write();
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
        c.expect_eof(
            ctx.within(secs(5)),
            "after the client's EOF (close the connection once read() returns 0)",
        )
    })();
    result.map_err(|f| f.reproduce(s.by_hand(&nc(line))))
}

fn binary_64k(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let mut data: Vec<u8> = (0..64 * 1024).map(|_| ctx.rng.u8(..)).collect();
    // Make sure the awkward bytes are there, wherever the random ones fell.
    for special in [0u8, b'\r', b'\n', 0xff, 0x80, 0xc3] {
        for _ in 0..16 {
            let at = ctx.rng.usize(..data.len());
            data[at] = special;
        }
    }
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    echo::echo_round_trip(&mut c, data, true, ctx.within(secs(10)))
}

fn one_byte_writes(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let data: Vec<u8> = (0..4096)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz\n"[i % 27])
        .collect();
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    c.set_nodelay();
    let deadline = ctx.within(secs(10));
    let sent = data.clone();
    let one_byte_at_a_time = move |mut w: Conn| {
        for b in &sent {
            w.send(std::slice::from_ref(b), deadline)?;
        }
        w.shutdown_write();
        Ok(())
    };
    echo::while_writing(&mut c, one_byte_at_a_time, |c| {
        c.expect_bytes(&data, deadline)
    })?;
    c.expect_eof(deadline, "after the client's EOF")
}

/// A pattern in which any lost or repeated byte shows: each 4-byte block is its own index.
fn counting_bytes(len: usize) -> Vec<u8> {
    (0..len / 4)
        .flat_map(|i| (i as u32).to_le_bytes())
        .collect()
}

fn stalled_reader(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let data = counting_bytes(32 << 20);
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    let deadline = ctx.within(secs(18));
    let writer = echo::send_then_shutdown(data.clone(), deadline);
    let leader = s.program.pid();
    echo::while_writing(&mut c, writer, |c| {
        stalled::read_everything(ctx, &t, leader, c, &data, deadline)
    })?;
    c.expect_eof(deadline, "after the client's EOF")
}

fn sequential_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    for i in 1..=20 {
        let mut c = s
            .connect(&t, &format!("client {i}"), ctx.within(secs(5)))
            .map_err(|f| {
                let served = match i - 1 {
                    1 => "client 1 was served".to_string(),
                    n => format!("clients 1 to {n} were served"),
                };
                f.note(format!(
                    "{served}; a server goes back to accept() after each client and runs until it is stopped"
                ))
            })?;
        let line = format!("client number {i} says hello\n");
        c.send(line.as_bytes(), ctx.deadline)?;
        c.shutdown_write();
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
        c.expect_eof(ctx.within(secs(5)), "after the client's EOF")?;
        s.check_alive(&format!("after serving client {i}"))?;
    }
    Ok(())
}

fn reset_then_normal(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    {
        let mut rude = Conn::connect(&t, "resetting client", s.port, ctx.within(secs(5)))?;
        rude.set_recv_buffer(4096);
        // Enough that the server is still echoing when the reset arrives.
        let junk = vec![b'r'; 512 * 1024];
        let mut w = rude.try_clone()?;
        let deadline = ctx.within(secs(3));
        let sender = std::thread::spawn(move || w.send(&junk, deadline));
        let _ = rude.recv_some(1024, ctx.within(secs(3)))?;
        rude.reset();
        let _ = sender.join();
    }
    let line = "still there?\n";
    let mut c = Conn::connect(&t, "next client", s.port, ctx.within(secs(5)))
        .map_err(|f| f.note("the server stopped serving after a client reset its connection"))?;
    c.send(line.as_bytes(), ctx.deadline)?;
    c.shutdown_write();
    c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
    c.expect_eof(ctx.within(secs(5)), "after the client's EOF")?;
    s.check_alive("after a client reset its connection")
}

fn idle_connection(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    t.note("client", "stays silent for 1 s");
    ctx.off_cpu(|| std::thread::sleep(Duration::from_secs(1)));
    let line = "sorry, I was thinking\n";
    c.send(line.as_bytes(), ctx.deadline)?;
    c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
    c.shutdown_write();
    c.expect_eof(ctx.within(secs(5)), "after the client's EOF")
}

fn no_close_wait(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let held = |pids: &[i32]| -> std::collections::BTreeSet<u64> {
        pids.iter()
            .flat_map(|&p| procinfo::socket_inodes(p))
            .collect()
    };
    // Whatever the server held before any client came (its listening socket, a socketpair of
    // its own) is not about the clients.
    let before = held(&procinfo::tree(s.program.pid()));
    let mut client_ports = Vec::new();
    for i in 1..=3 {
        let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        client_ports.push(c.local_port());
        let line = format!("client {i}\n");
        c.send(line.as_bytes(), ctx.deadline)?;
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
        // Leave: the server's read returns 0; from then on its socket is the server's to close.
        c.shutdown_write();
        let _ = c.recv_some(64, ctx.within(Duration::from_millis(500)));
    }
    // The TCP sockets the server's processes still hold for the clients that left: a socket
    // still in the TCP table with a client's port, or one that left the table (its connection
    // is over) but whose descriptor is still open. Other sockets (Unix, UDP, netlink, other
    // connections) are not counted.
    let leftovers = || -> Vec<String> {
        let pids = procinfo::tree(s.program.pid());
        let table: Vec<procinfo::TcpSocket> = pids
            .iter()
            .flat_map(|&p| procinfo::tcp_sockets(p))
            .collect();
        let not_tcp = procinfo::non_tcp_socket_inodes(s.program.pid());
        held(&pids)
            .difference(&before)
            .filter(|inode| !not_tcp.contains(inode))
            .filter_map(
                |&inode| match table.iter().find(|sock| sock.inode == inode) {
                    Some(sock) if client_ports.contains(&sock.remote_port) => Some(format!(
                        "a socket in {} with port {}",
                        sock.state, sock.remote_port
                    )),
                    Some(_) => None,
                    None => Some(
                        "a socket whose connection is over but whose descriptor is still open"
                            .to_string(),
                    ),
                },
            )
            .collect()
    };
    let until = ctx.within(secs(3));
    let mut left = leftovers();
    while !left.is_empty() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
        left = leftovers();
    }
    if left.is_empty() {
        return Ok(());
    }
    let close_wait = left.iter().any(|l| l.contains("CLOSE_WAIT"));
    Err(t.attach(
        Failure::wrong(format!(
            "3 clients have left, but the server still holds {} for them",
            escape::plural(left.len(), "socket")
        ))
        .detail("held", left.join("\n"))
        .note(if close_wait {
            "CLOSE_WAIT: the client closed its side and the server never closed its socket"
        } else {
            "the descriptors of finished connections stay open: close (drop) the socket after the client's EOF"
        }),
    ))
}

fn restart_same_port(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    let port = s.port;
    let mut c = Conn::connect(&t, "client", port, ctx.within(secs(5)))?;
    c.send(b"one\n", ctx.deadline)?;
    c.expect_bytes(b"one\n", ctx.within(secs(5)))?;
    // The server goes first: its side of this connection will wait in TIME_WAIT.
    s.program.stop();
    t.note(
        "checker",
        "stopped the server while the connection was open",
    );
    let _ = c.recv_some(64, ctx.within(secs(2)));
    drop(c);
    let in_time_wait = procinfo::tcp_sockets(std::process::id() as i32)
        .iter()
        .any(|sock| sock.local_port == port && sock.state == "TIME_WAIT");
    ctx.log(format!(
        "a TIME_WAIT entry holds port {port}: {in_time_wait}"
    ));
    match kit::server::start(ctx, SERVER, port, &[]) {
        Ok(_) => Ok(()),
        Err(f) => {
            let in_use = f
                .output
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("in use")
                || f.summary.contains("in use");
            if in_use || f.kind == Some(FailureKind::BadExit) {
                Err(Failure::of_kind(
                    FailureKind::AddressInUse,
                    format!("the server could not start again on port {port} right after its previous run"),
                )
                .detail("then", f.summary)
                .output(f.output.unwrap_or_default()))
            } else {
                Err(f)
            }
        }
    }
}

fn throughput(ctx: &mut Ctx) -> TestResult {
    let s = server(ctx)?;
    let reference = wire::ReferenceEcho::start()?;
    const BYTES: usize = 16 << 20;
    // Alternate the two so that load from elsewhere falls on both; keep the best of each.
    let (mut best_ref, mut best_student) = (0f64, 0f64);
    for round in 0..3 {
        let r = wire::echo_throughput(reference.port, BYTES, ctx.within(secs(10)))?;
        let st = wire::echo_throughput(s.port, BYTES, ctx.within(secs(15)))
            .map_err(|f| f.note("16 MiB did not come back in 15 s"))?;
        ctx.log(format!(
            "round {round}: reference {r:.0} MB/s, yours {st:.0} MB/s"
        ));
        best_ref = best_ref.max(r);
        best_student = best_student.max(st);
        if best_student >= best_ref / 4.0 && round >= 1 {
            break;
        }
    }
    if best_student >= best_ref / 4.0 {
        return Ok(());
    }
    Err(Failure::wrong(format!(
        "{best_student:.0} MB/s, less than a quarter of the reference echo server's {best_ref:.0} MB/s on this machine"
    )))
}
