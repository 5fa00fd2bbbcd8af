//! The workers: exactly as many as asked, each serving one client at a time (and a client more
//! waiting in the backlog, not accepted, until one leaves), a dead one reaped and replaced,
//! none leaking the descriptors it receives.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::{Prefork, ask, seen, start};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{echo, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Transcript};

/// The workers and every other process of the tree, once it has held still.
fn count(p: &Prefork) -> (Vec<i32>, usize) {
    p.settle(Duration::from_secs(2), || {
        (p.workers(), procinfo::descendants(p.pid()).len())
    })
}

/// Exactly `n` workers, and no other process below the parent.
fn expect_workers(p: &Prefork, n: usize, when: Text) -> TestResult {
    let (workers, descendants) = count(p);
    if workers.len() != n {
        return Err(Failure::wrong(msg!(
            "prefork-worker-count",
            n = workers.len(),
            expected = n,
            when = &when
        ))
        .note(msg!("prefork-fork-n-workers")));
    }
    if descendants != n {
        return Err(Failure::wrong(msg!(
            "prefork-more-processes",
            n = descendants,
            workers = n,
            when = when
        ))
        .note(msg!("prefork-no-process-per-client")));
    }
    Ok(())
}

pub fn worker_count(ctx: &mut Ctx) -> TestResult {
    let many = ctx.rng.usize(5..=16);
    for n in [1, many] {
        let t = ctx.transcript();
        let p = start(ctx, n)?;
        expect_workers(&p, n, msg!("prefork-at-start"))?;
        let mut conns = echo::talking(ctx, &t, p.s.port, n)?;
        expect_workers(&p, n, msg!("prefork-with-clients", n = n))?;
        for c in conns.iter_mut() {
            c.shutdown_write();
            echo::expect_eof_or_stuck(c, &p.s, ctx.within(secs(3)), msg!("eof-after-client-eof"))?;
        }
        drop(conns);
        expect_workers(&p, n, msg!("prefork-after-clients"))?;
    }
    Ok(())
}

/// The client waiting while every worker is busy: once everything has held still, its
/// connection is still in the backlog (not accepted: inode 0 in the table; one accepted and
/// closed since has no inode either, but the client has seen its FIN or its RST) and it got
/// no echo.
fn expect_waiting(p: &Prefork, t: &Transcript, c: &Conn, who: &str) -> TestResult {
    let port = c.local_port();
    let look = || (p.server_side(port).map(|s| (s.state, s.inode)), c.pending());
    p.settle(Duration::from_secs(2), look);
    if c.pending() > 0 {
        return Err(t
            .attach(Failure::wrong(msg!("prefork-served-too-many", who = who)))
            .note(msg!("prefork-one-client-per-worker")));
    }
    if c.closed_by_peer() {
        return Err(t
            .attach(Failure::wrong(msg!(
                "prefork-accepted-and-closed",
                who = who
            )))
            .note(msg!("prefork-leave-in-backlog")));
    }
    match p.server_side(port) {
        Some(sock) if sock.inode != 0 => {
            let holders = p.holders(sock.inode);
            let mut f = Failure::wrong(msg!("prefork-accepted-while-busy", who = who));
            if !holders.is_empty() {
                f = f.detail(msg!("prefork-held-by"), p.named(&holders));
            }
            Err(t.attach(f).note(msg!("prefork-leave-in-backlog")))
        }
        Some(_) => Ok(()),
        None => Err(Failure::checker_error(msg!(
            "prefork-no-backlog-socket",
            who = who
        ))),
    }
}

pub fn served_at_once(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let n = ctx.rng.usize(2..=3);
    let p = start(ctx, n)?;
    let mut busy = echo::talking(ctx, &t, p.s.port, n)
        .map_err(|f| f.note(msg!("prefork-all-at-once", workers = n)))?;
    // Two more clients wait, in the order they came. A worker that frees takes the first; the
    // second still waits (a loop over the workers that runs one past the last takes it too).
    let mut waiting = Vec::new();
    for k in 1..=2 {
        let who = format!("client {}", n + k);
        let line = format!("{who} waits its turn\n");
        let mut c = Conn::connect(&t, &who, p.s.port, ctx.within(secs(5)))?;
        c.send(line.as_bytes(), ctx.deadline)?;
        waiting.push((who, line, c));
    }
    for (who, _, c) in &waiting {
        expect_waiting(&p, &t, c, who)?;
    }
    // A control client comes meanwhile: what wakes the parent is no reason to accept.
    ask(&t, &p)?;
    for (who, _, c) in &waiting {
        expect_waiting(&p, &t, c, who)?;
    }
    for round in 0..2 {
        // One of the clients being served leaves: its worker is free.
        let mut leaving = busy.remove(ctx.rng.usize(..busy.len()));
        leaving.shutdown_write();
        echo::expect_eof_or_stuck(
            &mut leaving,
            &p.s,
            ctx.within(secs(3)),
            msg!("eof-after-client-eof"),
        )?;
        drop(leaving);
        let (who, line, mut served) = waiting.remove(0);
        t.note("checker", msg!("prefork-one-left", who = who.clone()));
        served
            .expect_bytes(line.as_bytes(), ctx.within(secs(2)))
            .map_err(|f| f.note(msg!("prefork-serve-when-free", who = who.clone())))?;
        if round == 0 {
            let (who, _, c) = &waiting[0];
            expect_waiting(&p, &t, c, who)?;
        }
        busy.push(served);
    }
    Ok(())
}

/// One client stays with its worker; visitors come one after another, each answered while it
/// stays, by a free worker. As many visitors as workers: a parent that deals the connections
/// out in turn, busy or not, reaches the busy worker whatever worker it starts from. Each
/// visitor is judged once the tree has held still (answered or not), never by a timer.
pub fn to_a_free_worker(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let n = ctx.rng.usize(2..=3);
    let p = start(ctx, n)?;
    let mut staying = echo::talking(ctx, &t, p.s.port, 1)?.remove(0);
    let busy = worker_of(&p, &staying);
    t.note("checker", msg!("prefork-client-stays"));
    for i in 1..=n {
        let who = format!("visitor {i}");
        let line = format!("{who} wants its echo now\n");
        let mut v = Conn::connect(&t, &who, p.s.port, ctx.within(secs(5)))?;
        v.send(line.as_bytes(), ctx.deadline)?;
        let (answered, still) = p.settle_seen(Duration::from_secs(3), || v.pending() >= line.len());
        if !answered {
            // Unanswered while every process slept, or held by the busy worker, is seen;
            // unanswered when time ran out, a starved machine can cause: on time, not proven.
            let (f, seen) = visitor_waits(&p, &t, &v, busy, &who);
            return Err(if seen { f } else { still.judge(f) });
        }
        v.expect_bytes(line.as_bytes(), ctx.within(secs(1)))?;
        v.shutdown_write();
        echo::expect_eof_or_stuck(
            &mut v,
            &p.s,
            ctx.within(secs(3)),
            msg!("eof-after-client-eof"),
        )?;
        // The parent has heard that the visitor's worker is free again before the next comes.
        p.settle(Duration::from_secs(2), || p.workers());
    }
    echo::round_trip(
        &mut staying,
        "client 1 is still here\n",
        ctx.within(secs(2)),
    )
}

/// The failure of a visitor left unanswered while a worker was free: whom its connection went
/// to, when that is the worker busy with the staying client (seen: true).
fn visitor_waits(
    p: &Prefork,
    t: &Transcript,
    v: &Conn,
    busy: Option<i32>,
    who: &str,
) -> (Failure, bool) {
    let free: Vec<i32> = p
        .workers()
        .into_iter()
        .filter(|&w| Some(w) != busy)
        .collect();
    // Accepted and held by nobody: the descriptor is in flight on a socketpair, and only a
    // busy worker leaves it there (a free one waits in recvmsg and takes it at once).
    let in_flight = p
        .server_side(v.local_port())
        .is_some_and(|sock| sock.inode != 0 && p.holders(sock.inode).is_empty());
    let holder = worker_of(p, v);
    let to_busy = matches!((holder, busy), (Some(holder), Some(busy)) if holder == busy);
    let summary = match (holder, busy) {
        (Some(holder), Some(busy)) if holder == busy => msg!(
            "prefork-visitor-to-busy",
            who = who,
            busy = p.who(busy),
            free = p.named(&free)
        ),
        (None, Some(busy)) if in_flight => msg!(
            "prefork-visitor-in-flight",
            who = who,
            busy = p.who(busy),
            free = p.named(&free)
        ),
        _ => msg!(
            "prefork-visitor-unanswered",
            who = who,
            free = p.named(&free)
        ),
    };
    let f = t
        .attach(Failure::wrong(summary))
        .note(msg!("prefork-pass-to-free-worker"));
    (f, to_busy)
}

/// The worker holding the connection of `c`, once the tree has held still.
fn worker_of(p: &Prefork, c: &Conn) -> Option<i32> {
    let port = c.local_port();
    let holders = p.settle(Duration::from_secs(2), || {
        p.server_side(port).map(|s| p.holders(s.inode))
    });
    let workers = p.workers();
    holders?.into_iter().find(|h| workers.contains(h))
}

/// Kill worker `pid` with SIGKILL; within 1 s it must be reaped and replaced.
pub fn kill_and_expect_replaced(p: &Prefork, t: &Transcript, pid: i32, n: usize) -> TestResult {
    let shown = seen(pid).to_string();
    kill(Pid::from_raw(pid), Signal::SIGKILL)
        .map_err(|e| Failure::checker_error(format!("kill({pid}, SIGKILL): {e}")))?;
    t.note("checker", msg!("prefork-killed", pid = shown.clone()));
    let killed_at = Instant::now();
    // First that the killed worker is gone, then the count: counted first, the worker still on
    // its way out made n, and by the next look it had been reaped (never-replaced passed stats
    // so, once in 32 tries).
    let done = || procinfo::state(pid).is_none() && p.workers().len() == n;
    // On time, not proven, unless the server was seen stuck: a starved machine may not have
    // run the parent yet.
    let replaced = wait::until_or_stuck(t, Duration::from_secs(1), done);
    if replaced.made() {
        return Ok(());
    }
    let waited = format!("{:.1}", killed_at.elapsed().as_secs_f64());
    if p.zombies().contains(&pid) {
        return Err(t
            .attach(replaced.missed(Failure::wrong(msg!(
                "prefork-not-reaped",
                pid = shown,
                secs = waited
            ))))
            .note(msg!("prefork-waitpid-dead-worker")));
    }
    Err(t
        .attach(replaced.missed(Failure::wrong(msg!(
            "prefork-not-replaced",
            n = p.workers().len(),
            expected = n,
            secs = waited
        ))))
        .note(msg!("prefork-fork-replacement")))
}

pub fn worker_replaced(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let n = 3;
    let p = start(ctx, n)?;
    let mut conns = echo::talking(ctx, &t, p.s.port, 2)?;
    let Some(victim) = worker_of(&p, &conns[0]) else {
        return Err(Failure::wrong(msg!("prefork-no-worker-for", client = 1)));
    };
    kill_and_expect_replaced(&p, &t, victim, n)?;
    echo::round_trip(&mut conns[1], "client 2 goes on\n", ctx.within(secs(2)))
        .map_err(|f| f.note(msg!("prefork-others-undisturbed")))?;
    // Client 2 holds one worker: the two others, the replacement among them, serve two new
    // clients at once.
    for i in 3..=4 {
        let who = format!("client {i}");
        let mut c = Conn::connect(&t, &who, p.s.port, ctx.within(secs(5)))?;
        echo::round_trip(&mut c, &format!("{who} is new\n"), ctx.within(secs(2)))
            .map_err(|f| f.note(msg!("prefork-replacement-serves")))?;
        conns.push(c);
    }
    // A second death, with nothing else in between: a parent that handles only the first (its
    // SIGCHLD flag read backwards, so never cleared once set) never replaces this one (C mutant
    // 5a9ba142c0).
    let Some(victim) = worker_of(&p, &conns[1]) else {
        return Err(Failure::wrong(msg!("prefork-no-worker-for", client = 2)));
    };
    kill_and_expect_replaced(&p, &t, victim, n)?;
    let mut c = Conn::connect(&t, "client 5", p.s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "client 5 is new\n", ctx.within(secs(2)))
        .map_err(|f| f.note(msg!("prefork-replacement-serves")))?;
    Ok(())
}

/// Every descriptor of the parent and of each worker: number and link.
fn descriptors(p: &Prefork) -> Vec<(i32, Vec<(i32, String)>)> {
    std::iter::once(p.pid())
        .chain(p.workers())
        .map(|pid| (pid, procinfo::descriptors(pid)))
        .collect()
}

pub fn no_fd_leak(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let p = start(ctx, 2)?;
    let before = p.settle(Duration::from_secs(2), || descriptors(&p));
    for i in 1..=50 {
        echo::serve_one(ctx, &t, &p.s, i)?;
    }
    let after = p.settle(Duration::from_secs(2), || descriptors(&p));
    for (pid, held) in &before {
        let Some((_, now)) = after.iter().find(|(p2, _)| p2 == pid) else {
            return Err(
                Failure::wrong(msg!("prefork-worker-gone", pid = seen(*pid).to_string()))
                    .note(msg!("prefork-worker-serves-many")),
            );
        };
        if now.len() != held.len() {
            let new: Vec<String> = now
                .iter()
                .filter(|d| !held.contains(d))
                .take(8)
                .map(|(fd, target)| format!("{fd} -> {target}"))
                .collect();
            let note = if *pid == p.pid() {
                msg!("prefork-parent-closes-copy")
            } else {
                msg!("prefork-worker-closes-conn")
            };
            return Err(Failure::wrong(msg!(
                "prefork-fds-grew",
                who = p.who(*pid),
                before = held.len(),
                after = now.len()
            ))
            .detail(msg!("prefork-new-descriptors"), new.join("\n"))
            .note(note));
        }
    }
    Ok(())
}

/// The echo family's reset-then-normal, made to wait for the reset's effect: a client resets
/// in mid-echo; once the kernel has taken the reset (the server's side of that connection has
/// left the TCP table) and the tree has held still again (the worker that had it is back
/// waiting, or gone, and the parent has seen it), a new client must be served and the server
/// still be running. Without the wait, a server that dies of a worker's death could still be
/// alive when looked at, or not, as the scheduler had it.
pub fn reset_then_normal(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut p = start(ctx, 2)?;
    {
        let mut rude = Conn::connect(&t, "resetting client", p.s.port, ctx.within(secs(5)))?;
        rude.set_recv_buffer(4096);
        // Enough that the worker is still echoing when the reset arrives.
        let junk = vec![b'r'; 512 * 1024];
        let mut w = rude.try_clone()?;
        let deadline = ctx.within(secs(3));
        let sender = std::thread::spawn(move || w.send(&junk, deadline));
        let _ = rude.recv_some(1024, ctx.within(secs(3)))?;
        let port = rude.local_port();
        rude.reset();
        let _ = sender.join();
        wait::until(Duration::from_secs(2), || p.server_side(port).is_none());
    }
    p.settle(Duration::from_secs(2), || p.workers());
    let line = "still there?\n";
    let mut c = Conn::connect(&t, "next client", p.s.port, ctx.within(secs(5)))
        .map_err(|f| f.note(msg!("echo-stopped-after-reset")))?;
    c.send(line.as_bytes(), ctx.deadline)?;
    c.shutdown_write();
    c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))?;
    c.expect_eof(ctx.within(secs(5)), msg!("eof-after-client-eof"))?;
    p.s.check_alive(msg!("echo-after-reset"))
}
