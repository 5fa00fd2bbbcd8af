//! The hidden tests of a server that serves every client at once from one thread (day 5's poll
//! and epoll servers), beyond the echo-server contract (`echo_server`): many clients at once,
//! a burst of connects, a client that does not read (it must slow nobody down and cost bounded
//! memory), a reset while output waits, non-blocking sockets, one thread of one process. Each
//! starts the program its table row names; none waits for a particular system call. The
//! family's table is `family.rs`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::clients::{self, Conversation, Flood};
use crate::exercises::kit::premise::Premise;
use crate::exercises::kit::{echo, server, sockets, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::conn::where_it_waits;
use crate::observe::wire::stall;
use crate::observe::wire::{Conn, Server, Transcript};

mod family;
mod slow;
pub use family::{ECHO_ONE_THREAD, ONE_THREAD};
pub use slow::slow_reader;

/// How long a flooding client's data must stop going out before the server counts as having
/// stopped reading from it.
const STEADY: Duration = Duration::from_millis(200);

/// How long a test waits, once its flooding client has stalled, for what it judges under to
/// show (the server's output held before a full socket, or its reading stopped), with the flood
/// at a standstill: while it still moves (the server still reads it, however slowly a starved
/// machine runs it), the test waits on, until `RESERVE` before its deadline (`premise_within`).
const PREMISE_WAIT: Duration = Duration::from_secs(2);
/// What that wait leaves of a test's time for what it does once its premise is there.
const RESERVE: Duration = Duration::from_secs(8);

/// Wait for what a test judges under (`reached`) once its `flood` has stalled (see
/// `PREMISE_WAIT`); whether it came. A starved server fills its buffers late, not never: under
/// load, a fixed 2 s left tests "could not be judged".
fn premise_within(
    ctx: &Ctx,
    flood: &Flood,
    deadline: Instant,
    mut reached: impl FnMut() -> bool,
) -> bool {
    ctx.off_cpu(|| {
        let start = Instant::now();
        let latest = deadline
            .checked_sub(RESERVE)
            .unwrap_or(deadline)
            .max(start + PREMISE_WAIT)
            .min(deadline);
        let (mut sent, mut moved) = (flood.sent(), start);
        loop {
            if reached() {
                return true;
            }
            let now = Instant::now();
            if flood.sent() != sent {
                (sent, moved) = (flood.sent(), now);
            }
            if now >= (moved + PREMISE_WAIT).min(latest) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    })
}

/// Whether the server `pid` holds output for the checker's `port` that its socket cannot take,
/// in time (`premise_within`): asleep with that connection not writable
/// (`stall::output_blocked`), in a send on it (a blocking server) or elsewhere (a non-blocking
/// one keeps the rest in its own buffer). Not while it runs: "not writable" is poll's word for
/// less than a third of the buffer free, where a small blocking send still goes through, and
/// the notes' select server, starved, was once taken to hold output it was still sending, so
/// that its sends never blocked and it passed stalled-client under bench/overload.py.
fn output_held(ctx: &Ctx, flood: &Flood, deadline: Instant, (pid, port): (i32, u16)) -> bool {
    premise_within(ctx, flood, deadline, || {
        procinfo::is_waiting(pid) && stall::output_blocked(pid, port)
    })
}

/// Whether the server `pid` has stopped reading the checker's `port`, in time
/// (`premise_within`): asleep with bytes of it unread, still unread a moment later (a server
/// starved of a CPU is runnable, not asleep; one about to read them does within the moment).
fn stopped_reading(ctx: &Ctx, flood: &Flood, deadline: Instant, (pid, port): (i32, u16)) -> bool {
    let unread = || {
        procinfo::is_waiting(pid)
            .then(|| procinfo::connection_to(pid, port).map(|sock| sock.rx_queue))
            .flatten()
            .filter(|&n| n > 0)
    };
    premise_within(ctx, flood, deadline, || {
        let mut before = 0;
        wait::twice(Duration::from_millis(100), || {
            // The second look holds if no byte was read since the first.
            unread().is_some_and(|n| std::mem::replace(&mut before, n) <= n)
        })
    })
}

/// First, several clients reset, send and connect while the server is stopped, so that one
/// poll (or epoll_wait) reports them all (`events_at_once`). Then 100 clients connect (as fast
/// as the server's listen queue takes them) and talk at the same time, with lines of random
/// lengths. Every one is served once while all 100 are connected (a fixed table of 99 cannot
/// hold them); then they leave at different times (after 1 to 5 rounds). Each gets exactly its
/// own bytes back.
pub fn many_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let deadline = ctx.within(secs(10));
    events_at_once(&t, &mut s, deadline)?;
    let burst = clients::connect_paced(&t, &mut s.program, s.port, 100, deadline, 0)?;
    let (pid, port) = (s.program.pid(), s.port);
    // Each is served once while all 100 are connected, then leaves after 1 to 5 rounds.
    let how = Conversation {
        rounds: |i| i % 5 + 1,
        filler: 1..2000,
        pause_ms: 5..30,
        all_served_first: true,
        explain: Some(Arc::new(move |f| match full_table(pid, port) {
            Some(held) => f.note(msg!("multi-fixed-table", n = held)),
            None => f,
        })),
    };
    let threads = clients::converse(burst.conns, &mut ctx.rng, how, deadline);
    clients::all_passed(threads).map_err(|(f, failed)| {
        f.detail(
            msg!("multi-clients-failed"),
            msg!("multi-of-100", failed = failed.to_string()),
        )
    })
}

/// How many clients the server holds while it sleeps and a connection waits in its listen
/// queue, not accepted: a fixed table of clients, full. `None` if nothing waits there, or the
/// server is not asleep (it may yet accept).
fn full_table(pid: i32, port: u16) -> Option<usize> {
    let sockets = procinfo::tcp_sockets(pid);
    let waits = sockets
        .iter()
        .any(|k| k.state == "LISTEN" && k.local_port == port && k.rx_queue > 0);
    if !waits || !procinfo::is_waiting(pid) {
        return None;
    }
    let held = procinfo::socket_inodes(pid);
    let clients = sockets
        .iter()
        .filter(|k| k.state != "LISTEN" && k.local_port == port && held.contains(&k.inode))
        .count();
    Some(clients)
}

/// Six clients, each served once; then every echo acknowledged and the server asleep again:
/// no readiness it has not taken yet (EPOLLOUT once an echo is acknowledged) may come before
/// the events that follow.
fn six_served_and_quiet(
    t: &Arc<Transcript>,
    s: &Server,
    deadline: Instant,
) -> Result<Vec<Conn>, Failure> {
    let pid = s.program.pid();
    let mut early = Vec::new();
    for i in 0..6 {
        let mut c = Conn::connect(t, &format!("early client {i}"), s.port, deadline)?;
        echo::round_trip(&mut c, &format!("early client {i}\n"), deadline)?;
        early.push(c);
    }
    let ports: Vec<u16> = early.iter().map(Conn::local_port).collect();
    wait::until(Duration::from_secs(2), || {
        procinfo::tcp_sockets(pid)
            .iter()
            .filter(|sock| ports.contains(&sock.remote_port))
            .all(|sock| sock.tx_queue == 0)
    });
    wait::settled(Duration::from_secs(2), || vec![pid]);
    Ok(early)
}

/// A client that sent a line while the server was stopped, and the line it must get back.
type LineSent = (Conn, String);

/// While the server is stopped: clients 1 and 2 reset, 3 and 4 send a line, two new clients
/// connect and send one. The clients that sent nothing, and those that sent with their lines.
fn events_in_order(
    t: &Arc<Transcript>,
    s: &Server,
    early: Vec<Conn>,
    deadline: Instant,
) -> Result<(Vec<Conn>, Vec<LineSent>), Failure> {
    let pid = s.program.pid();
    // Each event is made only once the kernel has taken the one before: the server's next
    // poll then reports them in this order. (Made back to back, two resets were once taken
    // in the other order: on a loaded machine the first RST's packet waited in another CPU's
    // backlog, and a server that gets the later one first may pass by luck.)
    let table = || procinfo::tcp_sockets(pid);
    let gone = |port: u16| {
        !table()
            .iter()
            .any(|k| k.remote_port == port && k.state != "CLOSE")
    };
    let queued = |port: u16| {
        table()
            .iter()
            .any(|k| k.remote_port == port && k.rx_queue > 0)
    };
    let mut early = early.into_iter();
    let (e0, e1, e2) = (early.next(), early.next(), early.next());
    let mut survivors: Vec<Conn> = e0.into_iter().collect();
    for c in [e1, e2].into_iter().flatten() {
        let port = c.local_port();
        c.reset();
        wait::until(Duration::from_secs(2), || gone(port));
    }
    let mut senders: Vec<LineSent> = Vec::new();
    for mut c in early.by_ref().take(2) {
        let line = format!("{} again\n", c.who);
        c.send(line.as_bytes(), deadline)?;
        wait::until(Duration::from_secs(2), || queued(c.local_port()));
        senders.push((c, line));
    }
    survivors.extend(early);
    for i in 0..2 {
        let mut c = Conn::connect(t, &format!("late client {i}"), s.port, deadline)?;
        let line = format!("late client {i}\n");
        c.send(line.as_bytes(), deadline)?;
        // The late clients' lines wait in sockets not accepted yet.
        wait::until(Duration::from_secs(2), || queued(c.local_port()));
        senders.push((c, line));
    }
    Ok((survivors, senders))
}

/// Six clients, served once each; the server stopped (SIGSTOP); clients 1 and 2 reset, 3 and 4
/// send a line, two new clients connect and send one; once the kernel holds all of it, the
/// server continued: its next poll reports every one of these at once, in that order. Each
/// sender must get its own line back, and the others must still be served. A server that
/// removes a client from its list while walking it by index (Vec::remove(i), then i + 1) skips
/// the next one and pairs the rest with their neighbours' events: client 3 gets client 2's
/// POLLERR and is closed. One that accepts once per event leaves a new client unaccepted.
fn events_at_once(t: &Arc<Transcript>, s: &mut Server, deadline: Instant) -> TestResult {
    let early = six_served_and_quiet(t, s, deadline)?;
    s.program.freeze()?;
    t.note("checker", msg!("multi-stopped"));
    let (mut survivors, mut senders) = events_in_order(t, s, early, deadline)?;
    s.program.thaw()?;
    t.note("checker", msg!("multi-continued-at-once"));
    // A server that ended did so on the resets; one still running mismatched clients and events.
    let why_at_once = |f, s: &mut Server| {
        server::note_if_ended(
            f,
            s,
            msg!("multi-reset-ended-server"),
            msg!("multi-events-at-once"),
        )
    };
    for (c, line) in senders.iter_mut() {
        c.expect_bytes(line.as_bytes(), deadline)
            .map_err(|f| why_at_once(f, s))?;
    }
    survivors.extend(senders.into_iter().map(|(c, _)| c));
    for c in survivors.iter_mut() {
        let line = format!("{} once more\n", c.who);
        echo::round_trip(c, &line, deadline).map_err(|f| why_at_once(f, s))?;
        c.shutdown_write();
    }
    for c in survivors.iter_mut() {
        c.expect_eof(deadline, msg!("eof-after-client-eof"))?;
    }
    Ok(())
}

/// 200 connects in a row, as fast as the server's listen queue takes them (any backlog keeps up:
/// see `clients::connect_paced`), the first few batches while the server is stopped, so that
/// each waits in the listen queue together and one event announces it; then every one of those
/// clients must be served. A server that accepts once per event (an edge-triggered listener
/// not read until EAGAIN) leaves some in the queue, every time.
pub fn connect_burst(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let deadline = ctx.within(secs(8));
    let burst = clients::connect_paced(&t, &mut s.program, s.port, 200, deadline, 5)?;
    let mut conns = burst.conns;
    for (i, c) in conns.iter_mut().enumerate() {
        c.send(format!("client {i}\n").as_bytes(), deadline)?;
    }
    let mut replies = ctx.within(secs(3));
    let mut unserved = Vec::new();
    let mut stuck = None;
    // Whether any client's failure is certain (a connection closed unread, bytes no one sent).
    let mut certain = false;
    for (i, c) in conns.iter_mut().enumerate() {
        if let Err(f) = c.expect_bytes(format!("client {i}\n").as_bytes(), replies) {
            unserved.push(i);
            certain |= f.is_certain();
            if stuck.is_none() && f.is_stuck() {
                // Stuck: nothing more will come; take only what has come already.
                replies = Instant::now() + Duration::from_millis(20);
                stuck = Some(f);
            }
        }
    }
    if unserved.is_empty() {
        return Ok(());
    }
    let mut f = Failure::wrong(msg!("multi-never-served", n = unserved.len().to_string()))
        .detail(
            msg!("multi-first-unserved"),
            format!("client {}", unserved[0]),
        )
        .note(if burst.slow > 0 {
            msg!("multi-syn-retransmitted", n = burst.slow.to_string())
        } else {
            msg!("multi-accept-all")
        });
    match stuck {
        Some(stuck) => f = where_it_waits(&stuck, f),
        // Not served when time ran out, the server not seen stuck: on time, not proven.
        None if !certain => f = f.only_silence(),
        None => {}
    }
    Err(t.attach(f))
}

/// A client that floods the server and never reads, on its own connection.
fn flooding_client(
    ctx: &Ctx,
    t: &std::sync::Arc<Transcript>,
    s: &Server,
    who: &str,
    bytes: usize,
    deadline: Instant,
) -> Result<(Conn, std::sync::Arc<[u8]>, Flood), Failure> {
    let c = Conn::connect(t, who, s.port, ctx.within(secs(5)))?;
    let data = echo::counting_bytes(bytes);
    let flood = Flood::start(&c, data.clone(), deadline)?;
    Ok((c, data, flood))
}

/// While one client sends 16 MiB and reads nothing, five others get every echo promptly; when
/// it finally reads, every byte of its own arrives.
pub fn stalled_client(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let deadline = ctx.within(secs(20));
    let began = Instant::now();
    let (mut stalled, data, flood) =
        flooding_client(ctx, &t, &s, "stalled client", 16 << 20, deadline)?;
    ctx.off_cpu(|| flood.wait_stalled(STEADY, Duration::from_secs(5)));
    t.note(
        "checker",
        msg!(
            "multi-stalled-sent",
            size = msg!("count-byte", n = flood.sent())
        ),
    );
    // What the test judges under: output for the stalled client waits, its socket full.
    let held = output_held(
        ctx,
        &flood,
        deadline,
        (s.program.pid(), stalled.local_port()),
    );
    let waited = seconds(began.elapsed());
    let premise = Premise::of(held, || {
        msg!(
            "multi-stalled-premise",
            seconds = waited,
            sent = msg!("count-byte", n = flood.sent())
        )
    });
    let verdict = served_beside(ctx, &t, &mut s, (&mut stalled, &data, flood), deadline);
    premise.judge(verdict)
}

/// Five clients connect while the server is stopped, then each gets ten echoes within a
/// second; then the stalled client reads, and every byte of its own arrives.
fn served_beside(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    s: &mut Server,
    (stalled, data, flood): (&mut Conn, &[u8], Flood),
    deadline: Instant,
) -> TestResult {
    // The five connect while the server is stopped: they wait in its listen queue together,
    // and one event announces them all.
    let mut others = Vec::new();
    s.program.freeze()?;
    t.note("checker", msg!("multi-stopped"));
    for i in 1..=5 {
        let c = Conn::connect(t, &format!("client {i}"), s.port, ctx.within(secs(5)));
        match c {
            Ok(c) => others.push(c),
            Err(f) => {
                s.program.thaw()?;
                return Err(f);
            }
        }
    }
    s.program.thaw()?;
    t.note("checker", msg!("echo-continued"));
    let stopped_everybody = stopped_everybody(s.program.pid(), stalled.local_port());
    let mut worst = Duration::ZERO;
    for round in 0..10 {
        for (i, c) in others.iter_mut().enumerate() {
            let began = Instant::now();
            echo::round_trip(
                c,
                &format!("client {} round {round}\n", i + 1),
                ctx.within(secs(2)),
            )
            .map_err(&stopped_everybody)?;
            worst = worst.max(began.elapsed());
        }
    }
    ctx.log(msg!(
        "multi-slowest-echo",
        ms = format!("{:.0}", worst.as_secs_f64() * 1000.0)
    ));
    // A latency: on time, not proven (a starved machine makes echoes slow too).
    if worst > Duration::from_secs(1) {
        return Err(t.attach(
            Failure::wrong(msg!(
                "multi-waited",
                seconds = format!("{:.1}", worst.as_secs_f64())
            ))
            .only_silence(),
        ));
    }
    stalled
        .expect_bytes(data, deadline)
        .map_err(|f| f.note(msg!("multi-lost-bytes")))?;
    flood.join()?;
    stalled.expect_eof(deadline, msg!("eof-after-client-eof"))
}

/// What a client not served beside the stalled client (`port`) is told: the server stopped
/// everybody, certainly if it sleeps in a send to the stalled client (`asleep_sending_to`).
fn stopped_everybody(pid: i32, port: u16) -> impl Fn(Failure) -> Failure {
    move |f: Failure| {
        let f = f.note(msg!("multi-stopped-everybody"));
        if f.is_stuck() && asleep_sending_to(pid, port) {
            f.proven()
        } else {
            f
        }
    }
}

/// Whether a thread of the server `pid` sleeps in a send on its connection to the stalled
/// client's `port`, that connection full (`stall::output_blocked`): only the stalled client's
/// reading could end that send, and it reads only once the others are served. A server stuck
/// there is stuck however busy the machine, so the failure is certain (`Failure::proven`), not
/// judged again (the notes' select server was left "could not be judged" at a load of 17).
fn asleep_sending_to(pid: i32, port: u16) -> bool {
    let Some(sock) = procinfo::connection_to(pid, port) else {
        return false;
    };
    let fds: Vec<i32> = procinfo::socket_fds(pid)
        .into_iter()
        .filter(|&(_, inode)| inode == sock.inode)
        .map(|(fd, _)| fd)
        .collect();
    let sending = procinfo::tasks(pid).into_iter().any(|task| {
        task.state == 'S'
            && task.call.is_some_and(|call| {
                procinfo::is_write_call(call.number)
                    && i32::try_from(call.args[0]).is_ok_and(|fd| fds.contains(&fd))
            })
    });
    sending && stall::output_blocked(pid, port)
}

/// A client sends 32 MiB and reads nothing: the server must stop reading from it once over
/// 1 MiB waits for it, so its memory stays bounded; then every byte still arrives.
pub fn back_pressure(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let mut warm = Conn::connect(&t, "first client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut warm, "hello\n", ctx.within(secs(5)))?;
    let before = procinfo::program_memory(pid).unwrap_or(0);
    let deadline = ctx.within(secs(20));
    let began = Instant::now();
    let (mut c, data, flood) = flooding_client(ctx, &t, &s, "flooding client", 32 << 20, deadline)?;
    ctx.off_cpu(|| flood.wait_stalled(STEADY, Duration::from_secs(6)));
    // What the test judges under: the server stopped reading the flood (or took enough of it to
    // grow past the bound, which fails below whatever else happened).
    let held_back = stopped_reading(ctx, &flood, deadline, (pid, c.local_port()));
    let waited = seconds(began.elapsed());
    let grew = procinfo::program_memory(pid).map_or(0, |now| now.saturating_sub(before));
    ctx.log(msg!(
        "multi-memory-log",
        sent = (flood.sent() >> 20).to_string(),
        grew = (grew >> 20).to_string()
    ));
    if grew > 16 << 20 {
        c.abort();
        return Err(t.attach(
            Failure::wrong(msg!(
                "multi-memory-grew",
                grew = (grew >> 20).to_string(),
                sent = (flood.sent() >> 20).to_string()
            ))
            .note(msg!("multi-back-pressure")),
        ));
    }
    let quiet = waits_held_back(ctx, &t, pid, &c)?;
    // What the test judges under: the server stopped reading, and was seen waiting then.
    let premise = Premise::of(held_back && !quiet.unseen(), || {
        if held_back {
            starved_while_quiet(quiet)
        } else {
            msg!(
                "multi-back-pressure-premise",
                seconds = waited,
                sent = msg!("count-byte", n = flood.sent()),
                grew = (grew >> 20).to_string()
            )
        }
    });
    let verdict = c
        .expect_bytes(&data, deadline)
        .and_then(|()| flood.join())
        .and_then(|()| c.expect_eof(deadline, msg!("eof-after-client-eof")));
    premise.judge(verdict)
}

/// Held back, the server waits: one that still asks for POLLIN on a client it will not read
/// is woken at once, again and again (C mutants b8148069c8, 06cf029a56). Judged, as
/// one-thread's quiet clients are, by its time on a CPU (`watch_quiet`); the flooding client
/// `c` is shut down if it spins.
fn waits_held_back(
    ctx: &Ctx,
    t: &Transcript,
    pid: i32,
    c: &Conn,
) -> Result<procinfo::Waited, Failure> {
    let quiet = watch_quiet(ctx, pid);
    if !quiet.spins() {
        return Ok(quiet);
    }
    c.abort();
    Err(t.attach(
        Failure::wrong(msg!(
            "multi-spins-held-back",
            ms = quiet.on_cpu.as_millis().to_string(),
            secs = seconds(quiet.waited)
        ))
        .note(msg!("multi-pollin-on-demand")),
    ))
}

/// A client that floods and never reads resets its connection while output waits for it: the
/// server must close that socket at once, without spinning, and serve on.
pub fn reset_while_stalled(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    wait::settled(Duration::from_secs(2), || procinfo::tree(pid));
    let before = sockets::held(pid);
    let deadline = ctx.within(secs(15));
    let began = Instant::now();
    let (c, _, flood) = flooding_client(ctx, &t, &s, "resetting client", 16 << 20, deadline)?;
    ctx.off_cpu(|| flood.wait_stalled(STEADY, Duration::from_secs(5)));
    let port = c.local_port();
    // What the test judges under: output waits for the client when its reset comes.
    let held = output_held(ctx, &flood, deadline, (pid, port));
    let waited = seconds(began.elapsed());
    let premise = Premise::of(held, || msg!("multi-reset-premise", seconds = waited));
    premise.judge(closed_after_reset(
        ctx,
        &t,
        &s,
        (c, flood, port),
        (&before, deadline),
    ))
}

/// Reset the client, then judge the server: it takes the reset, closes that socket within a
/// second without spinning, and serves the next client.
fn closed_after_reset(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    s: &Server,
    (c, flood, port): (Conn, Flood, u16),
    (before, deadline): (&std::collections::BTreeSet<u64>, Instant),
) -> TestResult {
    let pid = s.program.pid();
    flood.stop();
    c.reset();
    // The server is judged from the moment its kernel took the reset: before, nothing told it.
    // TCP takes a reset only if it carries the sequence number the server's kernel expects next
    // (RFC 5961); one sent while data of ours was in flight or dropped is ignored, and that
    // connection ends when the server's kernel next sends to the closed port (its zero-window
    // probe, within seconds) and is answered by a reset it accepts.
    let sent_at = Instant::now();
    if !ctx.off_cpu(|| sockets::reset_taken_by(pid, before, port, deadline)) {
        return Err(t.attach(Failure::checker_error(msg!("multi-reset-not-taken"))));
    }
    let late = sent_at.elapsed();
    if late >= Duration::from_millis(100) {
        let ms = late.as_millis().to_string();
        t.note("checker", msg!("multi-reset-taken-late", ms = ms));
    }
    let cpu = procinfo::tree_cpu_time(pid);
    ctx.off_cpu(|| std::thread::sleep(Duration::from_millis(300)));
    let spent = procinfo::tree_cpu_time(pid).saturating_sub(cpu);
    ctx.log(msg!("multi-cpu-log", ms = spent.as_millis().to_string()));
    let left_now = || sockets::left_for_clients(pid, before, &[port]);
    let let_go = wait::until_or_stuck(t, Duration::from_secs(1), || left_now().is_empty());
    let left = left_now();
    let note = msg!("multi-pollerr");
    if spent > Duration::from_millis(150) {
        return Err(t.attach(
            Failure::wrong(msg!("multi-spins", ms = spent.as_millis().to_string())).note(note),
        ));
    }
    // On time, not proven, unless the server was seen stuck: a starved machine may not have
    // run it since the reset.
    if !left.is_empty() {
        let f = Failure::wrong(msg!("multi-still-holds-reset"))
            .detail(msg!("label-held"), sockets::describe(&left));
        return Err(t.attach(let_go.missed(f).note(note)));
    }
    let mut next = Conn::connect(t, "next client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut next, "anyone there?\n", ctx.within(secs(5)))
}

/// A client's data and its EOF arrive together (the checker stops the server meanwhile, so
/// both wait in the socket when it looks): the data must come back, then EOF. A server that
/// closes the moment a read returns 0 drops what it read just before.
pub fn eof_with_data(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "first\n", ctx.within(secs(5)))?;
    let mut data = vec![0u8; 32 << 10];
    ctx.rng.fill(&mut data);
    echo::send_while_stopped(&t, &mut s, &mut c, &data, true, ctx.within(secs(5)))?;
    let deadline = ctx.within(secs(5));
    c.expect_bytes(&data, deadline)
        .map_err(|f| f.note(msg!("multi-read-zero")))?;
    c.expect_eof(deadline, msg!("eof-after-client-eof"))
}

/// Three clients in the middle of their conversations: every socket of the server, the
/// listening one included, is non-blocking (O_NONBLOCK in /proc/<pid>/fdinfo).
pub fn non_blocking(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    // Held open while the server is looked at.
    let _conns = echo::talking(ctx, &t, s.port, 3)?;
    wait::settled(Duration::from_secs(2), || vec![pid]);
    let listening = procinfo::listening_inodes(pid, s.port);
    let blocking: Vec<Text> = procinfo::socket_fds(pid)
        .into_iter()
        .filter(|&(fd, _)| {
            procinfo::fd_flags(pid, fd).is_some_and(|f| f & libc::O_NONBLOCK as u32 == 0)
        })
        .map(|(fd, inode)| {
            if listening.contains(&inode) {
                msg!("multi-fd-listening", fd = fd.to_string())
            } else {
                msg!("multi-fd-client", fd = fd.to_string())
            }
        })
        .collect();
    if blocking.is_empty() {
        return Ok(());
    }
    Err(Failure::wrong(msg!(
        "multi-blocking",
        n = blocking.len(),
        pid = pid.to_string()
    ))
    .detail(msg!("multi-blocking-label"), Text::lines(blocking))
    .note(msg!("multi-make-non-blocking")))
}

/// Twenty clients connected and talking: the server is one process with one thread.
pub fn one_thread(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let mut conns = Vec::new();
    for i in 1..=20 {
        let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
        conns.push(c);
    }
    wait::settled(Duration::from_secs(2), || procinfo::tree(pid));
    let threads = procinfo::thread_states(pid).len();
    let children = procinfo::children(pid);
    if threads > 1 || !children.is_empty() {
        return Err(t.attach(
            Failure::wrong(msg!(
                "multi-threads",
                threads = threads,
                children = children.len()
            ))
            .note(msg!("multi-one-thread")),
        ));
    }
    let premise = idle_and_asleep(ctx, &t, pid)?;
    let verdict = conns.iter_mut().enumerate().try_for_each(|(i, c)| {
        echo::round_trip(c, &format!("client {} again\n", i + 1), ctx.within(secs(5)))
    });
    premise.judge(verdict)
}

/// How long a server with nothing to do is watched at least, and at most while whether it
/// spins cannot be seen (`procinfo::Idle::watch`).
const QUIET: Duration = Duration::from_millis(300);
const QUIET_MOST: Duration = Duration::from_secs(3);

/// Watch the server `pid`, which has nothing to do, and log what it used: its time on a CPU
/// (what judges it: a busy machine takes CPU time from a spinner, and adds none to a server
/// that waits) and its busiest thread's time runnable (what says whether it could be seen).
fn watch_quiet(ctx: &Ctx, pid: i32) -> procinfo::Waited {
    let idle = procinfo::Idle::begin(&[pid]);
    let until = ctx.within(QUIET_MOST);
    let seen = ctx.off_cpu(|| idle.watch(QUIET, until));
    ctx.log(msg!(
        "multi-quiet-log",
        secs = seconds(seen.waited),
        ms = seen.on_cpu.as_millis().to_string(),
        queued = seen.busiest.as_millis().to_string()
    ));
    seen
}

/// What a server kept off the CPU while it had nothing to do leaves unseen.
fn starved_while_quiet(seen: procinfo::Waited) -> Text {
    msg!(
        "multi-quiet-starved",
        secs = seconds(seen.waited),
        runnable = seconds(seen.busiest)
    )
}

/// "0.3", "1.2": seconds, to a tenth.
fn seconds(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64())
}

/// Every client connected and quiet (nothing to read, nothing left to send): the server waits,
/// it does not spin. One that asks for POLLOUT (EPOLLOUT, level-triggered) with nothing to send
/// is woken at once, again and again. Judged by its time on a CPU (`watch_quiet`); a server the
/// machine kept off the CPU the while is "premise not reached", judged again, once the rest of
/// the test is done.
fn idle_and_asleep(ctx: &Ctx, t: &Transcript, pid: i32) -> Result<Premise, Failure> {
    let quiet = watch_quiet(ctx, pid);
    if quiet.spins() {
        return Err(t.attach(
            Failure::wrong(msg!(
                "multi-spins-idle",
                ms = quiet.on_cpu.as_millis().to_string(),
                secs = seconds(quiet.waited)
            ))
            .note(msg!("multi-pollout-on-demand")),
        ));
    }
    Ok(Premise::of(!quiet.unseen(), || starved_while_quiet(quiet)))
}
