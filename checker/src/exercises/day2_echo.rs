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

use crate::catalog::{Exercise, Kind, TestCase, secs};
use crate::context::Ctx;
use crate::escape;
use crate::hints::Kind as HintKind;
use crate::procinfo;
use crate::supervise::Input;
use crate::verdict::{Failure, TestResult};
use crate::wire::{self, Behaviour, Conn, HiddenServer, Server, Transcript};

const SERVER: &str = "echo-server";
const CLIENT: &str = "echo-client";

pub static EXERCISE: Exercise = Exercise {
    name: "day2-echo",
    day: 2,
    title: "a TCP echo server and client, graded on the wire",
    section: "day2-echo",
    kind: Kind::Programs {
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
};

fn server(ctx: &Ctx) -> Result<Server, Failure> {
    wire::start_server(ctx, SERVER, 0, &[])
}

fn nc(data: &str) -> String {
    format!(
        "printf {} | nc -N 127.0.0.1 7000",
        escape::printf_arg(data.as_bytes())
    )
}

// ---------------------------------------------------------------------------------------
// Server tests

fn listening_line(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
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
    let count = crate::supervise::complete_lines(&lines)
        .filter(|l| l.starts_with("listening on"))
        .count();
    if count != 1 && !s.line.is_empty() {
        return Err(Failure::of_kind(
            HintKind::BadOutput,
            format!("the `listening on` line appears {count} times; print it once"),
        ));
    }
    drop(c);
    drop(s);
    // A port given on the command line is the port used.
    let wanted = wire::free_port()?;
    let s = wire::start_server(ctx, SERVER, wanted, &[])?;
    if s.port != wanted {
        return Err(Failure::wrong(format!(
            "started with port {wanted}, the server listens on {}",
            s.port
        )));
    }
    Ok(())
}

fn round_trip(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
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
    let t = Transcript::new(ctx);
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
    wire::echo_round_trip(&mut c, data, true, ctx.within(secs(10)))
}

fn one_byte_writes(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
    let s = server(ctx)?;
    let data: Vec<u8> = (0..4096)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz\n"[i % 27])
        .collect();
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    c.set_nodelay();
    let mut writer = c.try_clone()?;
    let deadline = ctx.within(secs(10));
    let sent = data.clone();
    let sender = std::thread::spawn(move || {
        for b in &sent {
            writer.send(std::slice::from_ref(b), deadline)?;
        }
        writer.shutdown_write();
        Ok::<(), Failure>(())
    });
    let read = c.expect_bytes(&data, deadline);
    sender
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error("the sending thread failed")))?;
    read?;
    c.expect_eof(deadline, "after the client's EOF")
}

/// A pattern in which any lost or repeated byte shows: each 4-byte block is its own index.
fn counting_bytes(len: usize) -> Vec<u8> {
    (0..len / 4)
        .flat_map(|i| (i as u32).to_le_bytes())
        .collect()
}

fn stalled_reader(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
    let s = server(ctx)?;
    let data = counting_bytes(32 << 20);
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    let mut writer = c.try_clone()?;
    let deadline = ctx.within(secs(18));
    let sent = data.clone();
    let sender = std::thread::spawn(move || {
        let result = writer.send(&sent, deadline);
        if result.is_ok() {
            writer.shutdown_write();
        }
        result
    });
    // Stall: read nothing while the server's sends pile up; interrupt a blocked send with
    // SIGSTOP/SIGCONT (on Linux it then returns a short count).
    let stall = wire::stall::interrupt_blocked_sends(&t, s.program.pid(), &c, 4, deadline);
    ctx.log(format!(
        "stopped and continued the server {} times",
        stall.stops
    ));
    let read = c.expect_bytes(&data, deadline);
    if read.is_err() {
        c.abort(); // the writer thread gives up at once
    }
    let sent = sender
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error("the sending thread failed")));
    read.map_err(|f| {
        if f.kind.is_some_and(|k| k != HintKind::EarlyEof && k != HintKind::Timeout) {
            f
        } else if stall.stops > 0 {
            f.note("bytes went missing after the server was stopped and continued: send() returned a short count and the rest was never sent")
        } else {
            f.note("bytes went missing while the client was not reading: a non-blocking send may take only part of the data (or fail with EAGAIN); keep the rest in that client's buffer and send it when poll reports POLLOUT")
        }
    })?;
    sent?;
    c.expect_eof(deadline, "after the client's EOF")
}

fn sequential_clients(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
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
    let t = Transcript::new(ctx);
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
    let t = Transcript::new(ctx);
    let s = server(ctx)?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    t.note("client", "stays silent for 1 s");
    crate::runner::off_cpu(|| std::thread::sleep(Duration::from_secs(1)));
    let line = "sorry, I was thinking\n";
    c.send(line.as_bytes(), ctx.deadline)?;
    c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
    c.shutdown_write();
    c.expect_eof(ctx.within(secs(5)), "after the client's EOF")
}

fn no_close_wait(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
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
    let t = Transcript::new(ctx);
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
    match wire::start_server(ctx, SERVER, port, &[]) {
        Ok(_) => Ok(()),
        Err(f) => {
            let in_use = f
                .output
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("in use")
                || f.summary.contains("in use");
            if in_use || f.kind == Some(HintKind::BadExit) {
                Err(Failure::of_kind(
                    HintKind::AddressInUse,
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

// ---------------------------------------------------------------------------------------
// Client tests

/// Run echo-client against `port` with `input` on stdin; return (status, stdout, stderr).
/// Run echo-client against `port` until it exits (or `wait` passes). Once it has exited, the
/// hidden server behind the port (if any) settles, so a failure's transcript is complete.
fn run_client(
    ctx: &Ctx,
    hidden: Option<&HiddenServer>,
    port: u16,
    input: &[u8],
    wait: Duration,
) -> Result<
    (
        Option<std::process::ExitStatus>,
        Vec<u8>,
        String,
        crate::supervise::Program,
    ),
    Failure,
> {
    let mut p = ctx
        .program(CLIENT)?
        .args(["127.0.0.1".to_string(), port.to_string()])
        .stdin(Input::Bytes(input.to_vec()))
        .start()?;
    let status = p.wait_until(ctx.within(wait));
    if let (Some(hidden), Some(_)) = (hidden, status) {
        hidden.settle(Duration::from_secs(1));
    }
    p.stdout.wait_closed(ctx.within(Duration::from_millis(500)));
    p.stderr.wait_closed(ctx.within(Duration::from_millis(500)));
    let out = p.stdout.bytes();
    let err = p.stderr_text();
    Ok((status, out, err, p))
}

fn expect_clean_echo(ctx: &mut Ctx, behaviour: Behaviour, input: Vec<u8>) -> TestResult {
    let t = Transcript::new(ctx);
    let hidden = HiddenServer::start(&t, behaviour)?;
    let (status, out, err, mut p) = run_client(
        ctx,
        Some(&hidden),
        hidden.port,
        &input,
        Duration::from_secs(12),
    )?;
    let Some(status) = status else {
        return Err(t.attach(Failure::of_kind(
            HintKind::Timeout,
            "echo-client did not exit after stdin ended",
        )));
    };
    if !status.success() {
        return Err(t
            .attach(p.unexpected_exit("while echoing"))
            .output(escape::excerpt(err.as_bytes(), 600)));
    }
    // What went over the wire, not only what came out: a client that sends the lines without
    // their newlines and prints them back with one has the right stdout.
    let on_wire = hidden.received();
    if on_wire != input {
        let mut f = Failure::wrong(
            "the bytes echo-client sent to the server differ from the lines it was given",
        );
        for (label, text) in escape::diff(&input, &on_wire).unwrap_or_default() {
            f = f.detail(label, text);
        }
        let stripped: Vec<u8> = input.iter().copied().filter(|&b| b != b'\n').collect();
        if on_wire == stripped {
            f = f.note("it sent the lines without their newlines: send each line exactly as read, newline included (the server echoes bytes, not lines)");
        }
        return Err(t.attach(f));
    }
    if out != input {
        let mut f = Failure::wrong("echo-client's stdout differs from the lines it was given");
        for (label, text) in escape::diff(&input, &out).unwrap_or_default() {
            f = f.detail(label, text);
        }
        return Err(t.attach(f).reproduce(format!(
            "`socat TCP-LISTEN:7000,reuseaddr,fork EXEC:cat` in one terminal, then `printf {} | {} 127.0.0.1 7000`",
            escape::printf_arg(&input[..input.len().min(60)]),
            ctx.by_hand(CLIENT)
        )));
    }
    Ok(())
}

fn client_echo(ctx: &mut Ctx) -> TestResult {
    let input = b"hello\nsecond line\n\n  tabs\tand spaces  \n\xc3\xbcn\xc3\xafc\xc3\xb6d\xc3\xa9\nthe end\n".to_vec();
    expect_clean_echo(ctx, Behaviour::Echo, input)
}

fn client_pieces(ctx: &mut Ctx) -> TestResult {
    let input = b"comes back one byte at a time\nand so does this\n".to_vec();
    expect_clean_echo(
        ctx,
        Behaviour::EchoInPieces(Duration::from_millis(2)),
        input,
    )
}

fn client_long_line(ctx: &mut Ctx) -> TestResult {
    let mut input: Vec<u8> = (0..(1 << 20)).map(|_| ctx.rng.u8(b' '..=b'~')).collect();
    input.push(b'\n');
    input.extend_from_slice(b"and a short one\n");
    expect_clean_echo(ctx, Behaviour::Echo, input)
}

/// The client must fail the way the contract says: exit 1, one line on stderr.
fn expect_clean_error(
    ctx: &Ctx,
    t: &Transcript,
    status: Option<std::process::ExitStatus>,
    err: &str,
    p: &mut crate::supervise::Program,
    situation: &str,
) -> TestResult {
    let Some(status) = status else {
        return Err(t.attach(Failure::of_kind(
            HintKind::Timeout,
            format!("echo-client was still running {situation}"),
        )));
    };
    let _ = ctx;
    if status.code() != Some(1) {
        return Err(t.attach(
            p.unexpected_exit(situation)
                .note("the contract: one line on stderr and exit status 1"),
        ));
    }
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != 1 {
        return Err(Failure::of_kind(
            HintKind::BadOutput,
            format!(
                "echo-client exited with 1 {situation}, but wrote {} on stderr instead of one",
                escape::plural(lines.len(), "line")
            ),
        )
        .output(escape::excerpt(err.as_bytes(), 600)));
    }
    ctx.log(format!("stderr: {}", escape::bytes(lines[0].as_bytes())));
    Ok(())
}

fn client_early_close(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
    let hidden = HiddenServer::start(&t, Behaviour::CloseEarly)?;
    let (status, _out, err, mut p) = run_client(
        ctx,
        Some(&hidden),
        hidden.port,
        b"hello, is anybody there?\nsecond\n",
        Duration::from_secs(8),
    )?;
    expect_clean_error(
        ctx,
        &t,
        status,
        &err,
        &mut p,
        "when the server closed the connection early",
    )
}

fn client_refused(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
    let port = wire::free_port()?;
    t.note("checker", format!("nothing listens on port {port}"));
    let (status, _out, err, mut p) =
        run_client(ctx, None, port, b"hello\n", Duration::from_secs(5))?;
    expect_clean_error(
        ctx,
        &t,
        status,
        &err,
        &mut p,
        "when the connection was refused",
    )
    .map_err(|f| f.reproduce(format!("{} 127.0.0.1 1 <<< hello", ctx.by_hand(CLIENT))))
}

fn client_no_answer(ctx: &mut Ctx) -> TestResult {
    let t = Transcript::new(ctx);
    let hidden = HiddenServer::start(&t, Behaviour::NeverAnswer)?;
    let started = Instant::now();
    // 2 s of SO_RCVTIMEO, plus room for a slow machine; the checker kills it after that.
    let (status, _out, err, mut p) = crate::runner::off_cpu(|| {
        run_client(
            ctx,
            Some(&hidden),
            hidden.port,
            b"hello?\n",
            Duration::from_secs(4),
        )
    })?;
    let took = started.elapsed();
    ctx.log(format!(
        "echo-client gave up after {:.1} s",
        took.as_secs_f64()
    ));
    expect_clean_error(
        ctx,
        &t,
        status,
        &err,
        &mut p,
        "when the server never answered (4 s)",
    )?;
    if took < Duration::from_millis(1600) {
        return Err(t.attach(Failure::wrong(format!(
            "echo-client gave up after {:.2} s; the contract gives a slow server 2 s to answer",
            took.as_secs_f64()
        )))
        .note("wait the whole 2 s the contract gives a slow server (SO_RCVTIMEO of TimeVal::seconds(2)) before giving up"));
    }
    Ok(())
}
