//! The hidden tests of the echo-server contract, shared by every exercise whose server keeps
//! it (day2-echo's iterative server, day 5's poll and epoll servers): what comes back on the
//! wire, what the server holds in `/proc`, how it restarts, how fast it is. Each test starts
//! the program its table row names (`TestCase::program`), and names no design: a blocking
//! server, one with poll or epoll, a thread or a process per client all pass. The family's
//! table is `family.rs`.

use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::i18n::msg;
use crate::base::verdict::{Diagnosis, FailureKind};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{self, echo, sockets, stalled, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::stall::Feeding;
use crate::observe::wire::{self, Conn, Origin, Server, Transcript};

mod family;
mod half_close;
pub use family::ECHO_SERVER;
use half_close::half_close_then_reset;

fn server(ctx: &Ctx) -> Result<Server, Failure> {
    kit::server::start_under_test(ctx, 0)
}

/// Run `body` on the server under test; its failure is explained, while the server still runs,
/// when the server never reads what it accepts (the connections of `body` are closed by then).
fn served(ctx: &Ctx, s: &mut Server, body: impl FnOnce(&mut Server) -> TestResult) -> TestResult {
    body(s).map_err(|f| echo::unread_explains(ctx, s, f))
}

fn name(ctx: &Ctx) -> Result<&'static str, Failure> {
    kit::server::under_test(ctx)
}

fn nc(data: &str) -> String {
    format!(
        "printf {} | nc -N 127.0.0.1 7000",
        escape::printf_arg(data.as_bytes())
    )
}

pub fn listening_line(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    // A program from elsewhere may print no line: what it binds is still judged, from /proc.
    let no_line = s.line.is_empty() && s.origin == Origin::Given;
    let (ip, port) =
        wire::parse_listening(&s.line).unwrap_or((std::net::Ipv4Addr::UNSPECIFIED, s.port));
    // Something listens on the port the line names (a wrong port is refused). Nothing is
    // echoed here: the line is right or wrong whatever the server does with a client, and a
    // server that drops its clients fails the tests of what comes back, not this one.
    let c = Conn::connect(&t, "client", port, ctx.within(secs(5)))?;
    if ip != std::net::Ipv4Addr::UNSPECIFIED && !s.line.is_empty() {
        return Err(
            Failure::wrong(msg!("echo-line-not-wildcard", ip = ip.to_string()))
                .detail(msg!("label-line"), s.line.clone()),
        );
    }
    listens_on_every_address(&s, port)?;
    if no_line {
        return Err(Failure::not_applicable(msg!(
            "echo-no-listening-line",
            label = name(ctx)?
        )));
    }
    let lines = s.program.stdout.bytes();
    let count = kit::lines::with_prefix(&lines, "listening on").len();
    if count != 1 && !s.line.is_empty() {
        return Err(Failure::of_kind(
            FailureKind::BadOutput,
            msg!("echo-line-count", count = count.to_string()),
        ));
    }
    drop(c);
    drop(s);
    // A port given on the command line is the port used.
    let wanted = wire::free_port()?;
    let s = kit::server::start_under_test(ctx, wanted)?;
    if s.port != wanted {
        let f = Failure::wrong(msg!(
            "echo-other-port",
            wanted = wanted.to_string(),
            port = s.port.to_string()
        ));
        return Err(if kit::server::byte_swapped(wanted, s.port) {
            f.kind(FailureKind::NoListeningLine)
                .diagnosed(Diagnosis::PortByteOrder)
                .proven()
                .note(kit::server::byte_order_note(wanted, s.port))
        } else {
            f
        });
    }
    Ok(())
}

/// What the kernel says the server listens on, the listening socket's local address, is the
/// wildcard address.
fn listens_on_every_address(s: &Server, port: u16) -> TestResult {
    let listening: Vec<_> = procinfo::tree(s.program.pid())
        .iter()
        .flat_map(|&p| procinfo::tcp_sockets(p))
        .filter(|sock| sock.state == "LISTEN" && sock.local_port == port)
        .collect();
    if let Some(sock) = listening
        .iter()
        .find(|sock| !sock.local_ip.is_unspecified())
    {
        return Err(Failure::wrong(msg!(
            "echo-listens-not-wildcard",
            ip = sock.local_ip.to_string(),
            port = port.to_string()
        )));
    }
    Ok(())
}

/// A line and the client's EOF, sent while the server is stopped so that they arrive together
/// (a server that reads once per event sees one event for both, every time); the line comes
/// back, then EOF.
pub fn round_trip(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    let line = "hello, echo\n";
    served(ctx, &mut s, |s| {
        let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
        echo::send_while_stopped(&t, s, &mut c, line.as_bytes(), true, ctx.deadline)?;
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
        echo::expect_eof_or_stuck(
            &mut c,
            s,
            ctx.within(secs(5)),
            msg!("eof-after-client-eof-close"),
        )
    })
    .map_err(|f| f.reproduce(s.by_hand(&nc(line))))
}

/// 64 KiB of random bytes in two halves: the second sent, with the client's EOF, once the server
/// has taken the first, and while it is stopped (so the echo of one read is never all of it, and
/// the second half and the EOF always arrive together). 64 KiB fit in the sockets' buffers both
/// ways: nothing needs reading before it is all sent.
pub fn binary_64k(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    let mut data: Vec<u8> = (0..64 * 1024).map(|_| ctx.rng.u8(..)).collect();
    // Make sure the awkward bytes are there, wherever the random ones fell.
    for special in [0u8, b'\r', b'\n', 0xff, 0x80, 0xc3] {
        for _ in 0..16 {
            let at = ctx.rng.usize(..data.len());
            data[at] = special;
        }
    }
    served(ctx, &mut s, |s| {
        let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
        let deadline = ctx.within(secs(10));
        let (first, second) = data.split_at(data.len() / 2);
        c.send(first, deadline)?;
        echo::wait_taken(&t, s.program.pid(), c.local_port());
        echo::send_while_stopped(&t, s, &mut c, second, true, deadline)?;
        c.expect_bytes(&data, deadline)?;
        echo::expect_eof_or_stuck(&mut c, s, deadline, msg!("eof-after-client-eof-close"))
    })
}

pub fn one_byte_writes(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        let data: Vec<u8> = (0..4096)
            .map(|i| b"abcdefghijklmnopqrstuvwxyz\n"[i % 27])
            .collect();
        let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
        c.set_nodelay();
        let deadline = ctx.within(secs(10));
        let sent = data.clone();
        let (pid, local) = (s.program.pid(), c.local_port());
        let writer = move |w: Conn| one_byte_at_a_time(w, &sent, (pid, local), deadline);
        echo::while_writing(&mut c, writer, |c| c.expect_bytes(&data, deadline))?;
        echo::expect_eof_or_stuck(&mut c, s, deadline, msg!("eof-after-client-eof"))
    })
}

/// Wait up to 3 s for the byte just sent to leave the server's receive queue; false once the
/// server is stuck (asleep with it unread: it will never take it). `end`: the
/// server's end of the connection, once it has accepted it: its receive queue for one ioctl
/// (the TCP table where the server hands its connections to another process, or the kernel
/// does not allow it). Found again when the server no longer holds it where it was: a prefork
/// parent accepts, passes the connection to a worker and closes its own descriptor, and an end
/// found in that moment would answer nothing ever after.
fn byte_taken(w: &Conn, (pid, local): (i32, u16), end: &mut Option<procinfo::ServerEnd>) -> bool {
    let mut stuck = false;
    kit::wait::until(secs(3), || {
        // A server stuck where nothing will wake it (gone back to accept() with this
        // connection unread) will not take the byte: the echo's wait says where.
        stuck = w.program_stuck();
        if stuck {
            return true;
        }
        if w.unsent() != 0 {
            return false;
        }
        if let Some(queued) = end.as_ref().and_then(procinfo::ServerEnd::recv_queue) {
            return queued == 0;
        }
        *end = procinfo::ServerEnd::of(pid, local);
        match end.as_ref().and_then(procinfo::ServerEnd::recv_queue) {
            Some(queued) => queued == 0,
            None => procinfo::tcp_sockets(pid)
                .iter()
                .any(|sock| sock.remote_port == local && sock.rx_queue == 0),
        }
    });
    !stuck
}

/// The writer: `sent` one byte per send, then the client's EOF; it stops sending, without the
/// EOF, once the server is stuck with a byte unread.
fn one_byte_at_a_time(
    mut w: Conn,
    sent: &[u8],
    (pid, local): (i32, u16),
    deadline: Instant,
) -> TestResult {
    let mut end = None;
    // A server stuck with a byte unread stops the writer: another byte would wake it and hide
    // the stuck state from the reader, whose wait says where it sleeps (each byte would then
    // cost another spell of stillness before anyone could tell).
    for (i, b) in sent.iter().enumerate() {
        w.send(std::slice::from_ref(b), deadline)?;
        // The first line goes in lockstep with the server's reads: each byte is read alone
        // (it has left the server's receive queue) before the next is sent, so the server
        // surely meets reads of one byte, whatever the load, not only when it is quick.
        if i < 27 && !byte_taken(&w, (pid, local), &mut end) {
            return Ok(());
        }
    }
    // The last byte is taken before the EOF comes: whether a server reads data and the EOF
    // behind it in one turn is for round-trip and eof-with-data, which make it happen on
    // purpose; here it would be a race (an edge-triggered server reading once per event
    // would pass or fail by it).
    if byte_taken(&w, (pid, local), &mut end) {
        w.shutdown_write();
    }
    Ok(())
}

pub fn stalled_reader(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    // Whether the stall made the server's sends meet a full buffer: judged last.
    let mut premise = None;
    let verdict = served(ctx, &mut s, |s| {
        let data = echo::counting_bytes(32 << 20);
        let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
        let deadline = ctx.within(secs(18));
        let writer = echo::send_then_shutdown(data.clone(), deadline);
        let leader = s.program.pid();
        premise = Some(echo::while_writing(&mut c, writer, |c| {
            stalled::read_everything(ctx, &t, (leader, Feeding::Fed), c, &data, deadline)
        })?);
        echo::expect_eof_or_stuck(&mut c, s, deadline, msg!("eof-after-client-eof"))
    });
    match premise {
        Some(premise) => premise.judge(verdict),
        None => verdict,
    }
}

pub fn sequential_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        for i in 1..=20 {
            let mut c = s
                .connect(&t, &format!("client {i}"), ctx.within(secs(5)))
                .map_err(|f| f.note(msg!("echo-served-then-stopped", n = i - 1)))?;
            let line = format!("client number {i} says hello\n");
            c.send(line.as_bytes(), ctx.deadline)?;
            c.shutdown_write();
            c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
            echo::expect_eof_or_stuck(
                &mut c,
                s,
                ctx.within(secs(5)),
                msg!("eof-after-client-eof"),
            )?;
            // Once its client is done, a server goes back to waiting (accept, poll, ...) or exits:
            // wait for one or the other, so that the next client does not meet whichever of a
            // refused connect or a reset came first (a server that exits after one client is told
            // so every time).
            let pid = s.program.pid();
            kit::wait::until(Duration::from_secs(2), || {
                s.program.try_status().is_some() || procinfo::is_waiting(pid)
            });
            s.check_alive(msg!("echo-after-serving", i = i.to_string()))
                .map_err(|mut f| {
                    // Its exit status is not the point: it should not have exited at all.
                    f.kind = None;
                    f.note(msg!("echo-served-then-stopped", n = i))
                })?;
        }
        Ok(())
    })
}

pub fn reset_then_normal(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        let pid = s.program.pid();
        let rude_port;
        {
            let mut rude = Conn::connect(&t, "resetting client", s.port, ctx.within(secs(5)))?;
            rude.set_recv_buffer(4096);
            rude_port = rude.local_port();
            // Far more than our small receive buffer holds of the echo: the server still has echo
            // to send when the reset arrives. What its buffers cannot take is not sent at all.
            let junk = vec![b'r'; 48 * 1024];
            let mut sent = 0;
            let until = ctx.within(secs(2));
            while sent < junk.len() && Instant::now() < until {
                sent += rude.send_some(&junk[sent..], Duration::from_millis(100))?;
            }
            let _ = rude.recv_some(1024, ctx.within(secs(3)))?;
            // The reset must reach the server's socket whatever the timing. Nothing of ours is in
            // flight (every byte sent is acknowledged) and the server is frozen, so the RST carries
            // the exact sequence number and is not queued behind a busy socket, where the kernel
            // may drop it; the server then meets the error the moment it runs again.
            s.program.freeze_group()?;
            t.note("checker", msg!("multi-stopped"));
            // More bytes wait behind the reset: the server reads them after it (a read returns
            // what came before a reset), so it has more than one write to make once it runs
            // again. The first fails (ECONNRESET); one that writes again anyway gets EPIPE, and
            // SIGPIPE with it, which kills a process that neither ignores it nor sends with
            // MSG_NOSIGNAL. Only what the server's kernel takes while it is stopped is sent.
            let behind = vec![b'b'; 32 * 1024];
            let mut queued = 0;
            while queued < behind.len() && Instant::now() < until {
                match rude.send_some(&behind[queued..], Duration::from_millis(100))? {
                    0 => break,
                    n => queued += n,
                }
            }
            kit::wait::until(secs(1), || rude.unsent() == 0);
            let local = rude.local_port();
            rude.reset();
            kit::wait::until(secs(1), || {
                procinfo::tcp_sockets(pid)
                    .iter()
                    .all(|sock| sock.remote_port != local || sock.state != "ESTABLISHED")
            });
            s.program.thaw_group()?;
            t.note("checker", msg!("echo-continued-after-reset"));
        }
        echo::settle_after_reset(s, rude_port, secs(1));
        let line = "still there?\n";
        let mut c = Conn::connect(&t, "next client", s.port, ctx.within(secs(5)))
            .map_err(|f| f.note(stopped_after_reset(s)))?;
        // The echo before the EOF: whether a server reads a line and the EOF behind it in one turn
        // is the business of round-trip and eof-with-data, which make it happen on purpose; here it
        // would be a race.
        c.send(line.as_bytes(), ctx.deadline)?;
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
        c.shutdown_write();
        echo::expect_eof_or_stuck(&mut c, s, ctx.within(secs(5)), msg!("eof-after-client-eof"))?;
        s.check_alive(msg!("echo-after-reset"))
    })
}

/// Why the server no longer serves after the reset: killed by SIGPIPE (it wrote again after a
/// write had failed), or it stopped some other way.
fn stopped_after_reset(s: &mut Server) -> crate::base::i18n::Text {
    use std::os::unix::process::ExitStatusExt;
    let sigpipe = nix::sys::signal::Signal::SIGPIPE as i32;
    match s.program.try_status().and_then(|status| status.signal()) {
        Some(signal) if signal == sigpipe => msg!("echo-sigpipe-after-reset"),
        _ => msg!("echo-stopped-after-reset"),
    }
}

pub fn idle_connection(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
        t.note("client", msg!("echo-stays-silent"));
        ctx.off_cpu(|| std::thread::sleep(Duration::from_secs(1)));
        let line = "sorry, I was thinking\n";
        c.send(line.as_bytes(), ctx.deadline)?;
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
        c.shutdown_write();
        echo::expect_eof_or_stuck(&mut c, s, ctx.within(secs(5)), msg!("eof-after-client-eof"))
    })
}

pub fn no_close_wait(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        // Whatever the server held before any client came (its listening socket, a socketpair of
        // its own) is not about the clients.
        wait::settled(Duration::from_secs(2), || procinfo::tree(s.program.pid()));
        let before = sockets::held(s.program.pid());
        let mut client_ports = Vec::new();
        for i in 1..=3 {
            let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
            client_ports.push(c.local_port());
            let line = format!("client {i}\n");
            c.send(line.as_bytes(), ctx.deadline)?;
            c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
            // Leave: the server's read returns 0; from then on its socket is the server's to close.
            c.shutdown_write();
            let within = ctx.within(Duration::from_millis(500));
            let _ = echo::expect_eof_or_stuck(&mut c, s, within, msg!("eof-after-client-eof"));
        }
        let leftovers = || sockets::left_for_clients(s.program.pid(), &before, &client_ports);
        // A server that is stuck (asleep, nothing moving) will close nothing more; nor will one
        // that holds every one of them it still holds, asleep until an event, in ten looks in a
        // row 10 ms apart.
        let mut held_asleep = 0;
        let change = wait::until_or_stuck(&t, Duration::from_secs(3), || {
            let left = leftovers();
            if left.is_empty() {
                return true;
            }
            let ports: Vec<u16> = left
                .iter()
                .filter_map(|l| match l {
                    sockets::Left::InTable { port, .. } => Some(*port),
                    sockets::Left::DescriptorOpen => None,
                })
                .collect();
            let all_held = !ports.is_empty() && ports.iter().all(|&p| echo::holds_and_sleeps(s, p));
            held_asleep = if all_held { held_asleep + 1 } else { 0 };
            held_asleep >= 10
        });
        let left = leftovers();
        if left.is_empty() {
            return Ok(());
        }
        let close_wait = left.iter().any(sockets::Left::in_close_wait);
        // Held while asleep (`Made` with sockets left) or stuck is seen; merely not yet is not.
        let f = Failure::wrong(msg!("echo-still-holds", n = left.len()))
            .detail(msg!("label-held"), sockets::describe(&left))
            .note(if close_wait {
                msg!("echo-close-wait")
            } else {
                msg!("echo-descriptors-open")
            });
        Err(t.attach(change.missed(f)))
    })
}

/// The server under test on a port the checker chose, one that shows a missing htons()
/// (`wire::free_port`), to be started again on: on a port the server chose (given 0), one in 256
/// reads the same both ways (0x8080), and a server that binds it without htons() started again
/// there by luck.
fn server_on_a_port_that_shows_htons(ctx: &Ctx) -> Result<Server, Failure> {
    kit::server::start_under_test(ctx, wire::free_port()?)
}

pub fn restart_same_port(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server_on_a_port_that_shows_htons(ctx)?;
    served(ctx, &mut s, |s| {
        let port = s.port;
        let mut c = Conn::connect(&t, "client", port, ctx.within(secs(5)))?;
        c.send(b"one\n", ctx.deadline)?;
        c.expect_bytes(b"one\n", ctx.within(secs(5)))?;
        // The server goes first: its side of this connection will wait in TIME_WAIT.
        s.program.stop();
        t.note("checker", msg!("echo-stopped-server"));
        let _ = c.recv_some(64, ctx.within(secs(2)));
        drop(c);
        let in_time_wait = procinfo::tcp_sockets(std::process::id() as i32)
            .iter()
            .any(|sock| sock.local_port == port && sock.state == "TIME_WAIT");
        ctx.log(msg!(
            "echo-time-wait-log",
            port = port.to_string(),
            held = in_time_wait.to_string()
        ));
        match kit::server::start_under_test(ctx, port) {
            // The port it was given is the one that counts (a program from elsewhere is otherwise
            // graded on the port it really listens on).
            Ok(again) if kit::server::byte_swapped(port, again.port) => {
                Err(port_swapped(port, again.port))
            }
            Ok(again) if again.port != port => Err(Failure::of_kind(
                FailureKind::AddressInUse,
                msg!(
                    "echo-restarted-elsewhere",
                    port = port.to_string(),
                    actual = again.port.to_string()
                ),
            )),
            Ok(_) => Ok(()),
            Err(f) => {
                // kit::server says AddressInUse when the program said its bind failed so.
                if matches!(
                    f.kind,
                    Some(FailureKind::AddressInUse | FailureKind::BadExit)
                ) {
                    let restarted = Failure::of_kind(
                        FailureKind::AddressInUse,
                        msg!("echo-could-not-restart", port = port.to_string()),
                    )
                    .detail(msg!("label-then"), f.summary)
                    .output(f.output.unwrap_or_default());
                    // What kit::server saw of the bind keeps its word (an unchecked bind).
                    Err(match f.note {
                        Some(note) => restarted.note(note),
                        None => restarted,
                    })
                } else {
                    Err(f)
                }
            }
        }
    })
}

/// A server restarted on `port` listens on its bytes swapped, `actual`: an `htons` missing, no
/// failed bind, whatever the TIME_WAIT before it.
fn port_swapped(port: u16, actual: u16) -> Failure {
    Failure::of_kind(
        FailureKind::NoListeningLine,
        msg!(
            "echo-other-port",
            wanted = port.to_string(),
            port = actual.to_string()
        ),
    )
    .diagnosed(Diagnosis::PortByteOrder)
    .proven()
    .note(kit::server::byte_order_note(port, actual))
}

/// What the throughput test pushes through each server, each round.
const BYTES: usize = 16 << 20;

pub fn throughput(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        let reference = wire::ReferenceEcho::start()?;
        // Alternate the two so that load from elsewhere falls on both; keep the best of each.
        let (mut best_ref, mut best_student) = (0f64, 0f64);
        // The rate a round was cut short under, if one was.
        let mut under: Option<f64> = None;
        for round in 0..3 {
            let r =
                wire::echo_throughput(reference.port, BYTES, (ctx.within(secs(10)), None), || {
                    None
                })?;
            best_ref = best_ref.max(r);
            let yours = student_round(ctx, &t, s.port, best_ref, (&mut best_student, &mut under))?;
            ctx.log(msg!(
                "echo-throughput-log",
                round = round.to_string(),
                reference = format!("{r:.0}"),
                yours = yours
            ));
            if best_student >= best_ref / 4.0 && round >= 1 {
                break;
            }
        }
        if best_student >= best_ref / 4.0 {
            return Ok(());
        }
        let yours = match under {
            Some(bound) if best_student == 0.0 => format!("< {bound:.0}"),
            _ => format!("{best_student:.0}"),
        };
        Err(Failure::wrong(msg!(
            "echo-too-slow",
            yours = yours,
            reference = format!("{best_ref:.0}")
        )))
    })
}

/// One round of the student's server: its rate as the round's log line shows it. `best` keeps
/// its best rate, `under` the highest rate a round was cut short under.
fn student_round(
    ctx: &Ctx,
    t: &Transcript,
    port: u16,
    best_ref: f64,
    (best, under): (&mut f64, &mut Option<f64>),
) -> Result<String, Failure> {
    let megabytes = BYTES as f64 / 1e6;
    // A round still running once a quarter of the reference's rate is out of reach is below
    // the bar whatever comes next (the bar only rises with later rounds): it stops there, not
    // at 15 s (a server reading a byte at a time took 30 s to fail). The 0.2 s floor changes
    // no verdict, only what the report can say of the rate.
    let cutoff = (megabytes / (best_ref / 4.0)).max(0.2);
    let test_until = ctx.within(secs(15));
    let slow_at = Instant::now() + Duration::from_secs_f64(cutoff);
    let within = (test_until, Some(slow_at));
    Ok(
        match wire::echo_throughput(port, BYTES, within, || t.stuck()) {
            Ok(st) => {
                *best = best.max(st);
                format!("{st:.0}")
            }
            Err(f)
                if f.kind == Some(FailureKind::Timeout)
                    && f.diagnosis.is_none()
                    && Instant::now() < test_until =>
            {
                let bound = megabytes / cutoff;
                *under = Some(under.map_or(bound, |u: f64| u.max(bound)));
                format!("< {bound:.0}")
            }
            // Only a stream still open when time ran out is about speed.
            Err(f) if f.kind == Some(FailureKind::Timeout) => {
                return Err(f.note(msg!("echo-16mib-late")));
            }
            Err(f) => return Err(f),
        },
    )
}
