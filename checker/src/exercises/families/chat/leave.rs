//! Clients that go, and the threads that serve them: a client that ends is removed (its socket
//! closed, its thread gone) while the others go on; a client that resets costs no panic and no
//! poisoned lock; the server is one process whose thread count grows with its clients and falls
//! back when they leave. Threads are counted in /proc/<pid>/task, never named: one thread per
//! client, or a reader and a writer per client, both pass.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::member::{self as chat, Member, shown};
use super::start;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::exit::parse_panic;
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{sockets, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::{Server, Transcript};

fn threads(pid: i32) -> usize {
    procinfo::thread_states(pid).len()
}

/// Four clients join; client 1 leaves, then client 2: neither is the last to have joined, so a
/// removal that takes out another entry than the leaver's (the one after it, as a loop that
/// closes the gap one place too far does, or the one at the place the leaver had when it
/// joined) drops a client that stays, which then misses the next line. Each leaver gets its
/// goodbye and then EOF (its socket closed), its socket is gone from the server and so is its
/// thread, and every client that stays gets the next line; newcomers that then join get each
/// line once.
pub fn client_leaves(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let pid = s.program.pid();
    wait::settled(Duration::from_secs(2), || vec![pid]);
    let held = sockets::held(pid);
    let deadline = ctx.within(secs(8));
    // The server's threads with 0, 1, 2, 3 clients: one that leaves takes its own with it.
    let mut m = Vec::new();
    let mut threads_with = Vec::new();
    for k in 0..4 {
        wait::settled(Duration::from_secs(2), || vec![pid]);
        threads_with.push(threads(pid));
        chat::join(&t, &mut m, &format!("client {k}"), s.port, deadline)?;
    }
    // Client 1, then client 2, now second in the list.
    for left in [3, 2] {
        leave(
            ctx,
            &t,
            (pid, &held),
            &mut m,
            (1, threads_with[left]),
            deadline,
        )?;
    }
    // Before anyone speaks again, two newcomers join: accept gives each the lowest free
    // descriptor number when it starts waiting (the first newcomer's was taken before the
    // clients left), so the second gets the number client 1 had. A list that still holds that
    // number (a thread that ended without removing its entry) sends it every line twice.
    for who in ["client 4", "client 5"] {
        chat::join(&t, &mut m, who, s.port, deadline)?;
    }
    m[0].say(b"still here\n", deadline)?;
    let newcomers = m.len() - 2;
    for (i, member) in m.iter_mut().enumerate() {
        member
            .expect_lines(&[b"still here\n"], deadline)
            .map_err(|f| {
                if i >= newcomers {
                    f.note(msg!("chat-stale-entry"))
                } else {
                    f
                }
            })?;
    }
    Ok(())
}

/// Member `at` says goodbye and ends (EOF): it gets its goodbye, then EOF; the server holds
/// nothing of it any more (beyond `held`, what it held before any client came) and runs no more
/// threads than `fewer`, what it ran with one client less; then client 0 says a line, which
/// every member that stays must get. A leaver that gets no EOF may be so because the removal
/// took out another client instead: that is what its failure says, if a client that stays
/// then misses a line.
fn leave(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    (pid, held): (i32, &BTreeSet<u64>),
    m: &mut Vec<Member>,
    (at, fewer): (usize, usize),
    deadline: Instant,
) -> TestResult {
    let mut leaving = m.remove(at);
    let who = leaving.who().to_string();
    let port = leaving.conn.local_port();
    leaving.say(b"goodbye\n", deadline)?;
    for member in m.iter_mut().chain(std::iter::once(&mut leaving)) {
        member.expect_lines(&[b"goodbye\n"], deadline)?;
    }
    leaving.conn.shutdown_write();
    let line = format!("after {who} left\n");
    leaving
        .conn
        .expect_eof(ctx.within(secs(2)), msg!("chat-2s-after-eof"))
        .map_err(
            |f| match everyone_gets(m, &line, &who, ctx.within(secs(2))) {
                Err(took_another) => took_another,
                Ok(()) => f.note(msg!("chat-eof-note")),
            },
        )?;
    let still_held = msg!("chat-left-still-held", who = who.as_str());
    let closes = msg!("chat-removed-and-closed");
    expect_let_go(t, pid, held, port, still_held, closes)?;
    // On time, not proven, unless the server was seen stuck: a starved machine may not have
    // ended its thread yet.
    let ended = wait::until_or_stuck(t, Duration::from_secs(2), || threads(pid) <= fewer);
    if !ended.made() {
        let f = Failure::wrong(msg!(
            "chat-threads-after-leave",
            who = who.as_str(),
            n = threads(pid),
            fewer = fewer.to_string()
        ));
        return Err(ended.missed(f).note(msg!("chat-thread-ends-eof-0")));
    }
    everyone_gets(m, &line, &who, deadline)
}

/// Client 0 says `line`, after `who` left: every member must get it.
fn everyone_gets(m: &mut [Member], line: &str, who: &str, deadline: Instant) -> TestResult {
    m[0].say(line.as_bytes(), deadline)?;
    for member in m.iter_mut() {
        member
            .expect_lines(&[line.as_bytes()], deadline)
            .map_err(|f| {
                let stays = member.who().to_string();
                f.note(msg!("chat-leave-took-another", who = who, stays = stays))
            })?;
    }
    Ok(())
}

/// A client says one last line and resets while the server is stopped, so that its line and
/// its reset wait in its socket together: the line's broadcast reaches a client that has gone,
/// and that send fails. Nothing may panic, the lock must not stay poisoned, the others and a
/// newcomer are served, the gone client's socket is closed.
pub fn client_resets(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx)?;
    let pid = s.program.pid();
    wait::settled(Duration::from_secs(2), || vec![pid]);
    let held = sockets::held(pid);
    let deadline = ctx.within(secs(8));
    let mut m = chat::join_all(&t, s.port, 3, deadline)?;
    let mut gone = m.pop().expect("three members");
    let port = gone.conn.local_port();
    s.program.freeze()?;
    t.note("checker", msg!("chat-stopped-server"));
    gone.say(b"last words\n", deadline)?;
    gone.conn.shutdown_write();
    gone.conn.reset();
    // Once the reset is taken in, the server's socket is closed: gone from the TCP table.
    wait::until(Duration::from_secs(2), || {
        procinfo::connection_to(pid, port).is_none_or(|sock| sock.state == "CLOSE")
    });
    s.program.thaw()?;
    t.note("checker", msg!("chat-continued-server"));
    let after: &[u8] = b"after the reset\n";
    m[0].say(after, deadline)?;
    let mut orders = Vec::new();
    for member in m.iter_mut() {
        let got = member
            .read_lines(2, ctx.within(secs(3)))
            .map_err(|(f, _)| f);
        let got = match got {
            Ok(got) => got,
            Err(f) => return Err(panicked(&mut s).unwrap_or(f)),
        };
        orders.push((member.who().to_string(), got));
    }
    same_two_lines(&orders, after)?;
    if let Some(f) = panicked(&mut s) {
        return Err(f);
    }
    s.check_alive(msg!("chat-after-reset"))?;
    let removes = msg!("chat-gone-remove");
    expect_let_go(&t, pid, &held, port, msg!("chat-reset-still-held"), removes)?;
    chat::join(&t, &mut m, "a newcomer", s.port, deadline)
        .map_err(|f| panicked(&mut s).unwrap_or(f))
}

/// Within 2 s the server holds nothing more for the client whose port is `port` (beyond
/// `held`, what it held before any client came); else `still_held`, with what it holds and
/// `note`: on time, not proven (a starved machine may not have run the thread that closes it),
/// unless the server was seen stuck.
fn expect_let_go(
    t: &Transcript,
    pid: i32,
    held: &BTreeSet<u64>,
    port: u16,
    still_held: Text,
    note: Text,
) -> TestResult {
    let left = || sockets::left_for_clients(pid, held, &[port]);
    let let_go = wait::until_or_stuck(t, Duration::from_secs(2), || left().is_empty());
    if let_go.made() {
        return Ok(());
    }
    let f = Failure::wrong(still_held).detail(msg!("label-held"), sockets::describe(&left()));
    Err(t.attach(let_go.missed(f).note(note)))
}

/// Both clients got client 2's last words and the line sent after the reset, in the same order.
fn same_two_lines(orders: &[(String, Vec<Vec<u8>>)], after: &[u8]) -> TestResult {
    let last: &[u8] = b"last words\n";
    for (who, got) in orders {
        let mut sorted = got.clone();
        sorted.sort();
        if sorted != [after.to_vec(), last.to_vec()] {
            return Err(Failure::wrong(msg!("chat-missed-last-words", who = who))
                .detail(
                    msg!("label-expected"),
                    msg!(
                        "chat-either-order",
                        first = shown(last),
                        second = shown(after)
                    ),
                )
                .detail(msg!("label-got"), Text::lines(got.iter().map(|l| shown(l)))));
        }
    }
    if orders[0].1 != orders[1].1 {
        return Err(Failure::wrong(msg!(
            "chat-two-lines-orders",
            first = &orders[0].0,
            second = &orders[1].0
        ))
        .note(msg!("chat-hold-lock-across")));
    }
    Ok(())
}

/// A panic the server printed (a thread's panic is printed, and the process may go on).
fn panicked(s: &mut Server) -> Option<Failure> {
    // A panic is printed the moment it happens; the checker reads stderr as it comes.
    let until = Instant::now() + Duration::from_millis(100);
    let stderr = s.program.stderr.wait_for(until, |data| {
        let text = String::from_utf8_lossy(data);
        text.contains(" panicked at ").then(|| text.into_owned())
    })?;
    let panic = parse_panic(&stderr)?;
    let poisoned = stderr.contains("PoisonError");
    let f = Failure::of_kind(
        FailureKind::Panic,
        msg!(
            "chat-thread-panicked",
            message = &panic.message,
            at = panic.location.to_string()
        ),
    )
    .output(escape::excerpt(stderr.as_bytes(), 1500));
    Some(f.note(if poisoned {
        msg!("chat-poisoned")
    } else {
        msg!("chat-never-unwrap-send")
    }))
}

/// With no client the server runs a few threads; with 6, which come together, it serves each
/// and runs at least 6 more threads, in one process; once they have left, it is back to as many
/// as with none.
pub fn thread_per_client(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx)?;
    let pid = s.program.pid();
    wait::settled(Duration::from_secs(2), || vec![pid]);
    let idle = threads(pid);
    let deadline = ctx.within(secs(8));
    let processes = |f: Failure| match procinfo::children(pid).len() {
        0 => f,
        n => f.note(msg!("chat-processes-do-not-share", n = n)),
    };
    // As many as its listen queue holds come together (`burst`), the others after them.
    let mut m = super::burst::join_together(ctx, &t, &mut s, 6, deadline).map_err(processes)?;
    for k in m.len()..6 {
        chat::join(&t, &mut m, &format!("client {k}"), s.port, deadline).map_err(processes)?;
    }
    wait::settled(Duration::from_secs(2), || procinfo::tree(pid));
    let busy = threads(pid);
    let children = procinfo::children(pid);
    if !children.is_empty() {
        return Err(
            Failure::wrong(msg!("chat-six-clients-children", n = children.len()))
                .note(msg!("chat-one-process")),
        );
    }
    if busy < idle + 6 {
        return Err(Failure::wrong(msg!(
            "chat-six-clients-threads",
            n = busy,
            idle = idle.to_string()
        ))
        .note(msg!("chat-spawn-thread")));
    }
    for member in m.iter_mut() {
        member.conn.shutdown_write();
    }
    for member in m.iter_mut() {
        member
            .conn
            .expect_eof(ctx.within(secs(2)), msg!("chat-after-its-eof"))
            .map_err(|f| f.note(msg!("chat-eof-note")))?;
    }
    // On time, not proven, unless seen stuck: a starved machine may not have ended them yet.
    let ended = wait::until_or_stuck(&t, Duration::from_secs(2), || threads(pid) <= idle);
    if !ended.made() {
        let f = Failure::wrong(msg!(
            "chat-threads-after-six-left",
            n = threads(pid),
            busy = busy.to_string(),
            idle = idle.to_string()
        ));
        return Err(ended.missed(f).note(msg!("chat-thread-ends")));
    }
    // Two more after them, then the visitors: threads come and go for as long as clients do.
    let mut again = Vec::new();
    for who in ["client 6", "client 7"] {
        chat::join(&t, &mut again, who, s.port, deadline)?;
    }
    stacks_go_with_their_clients(ctx, &s, deadline)
}

/// How many visitors come and go one after another, and how much address space their threads
/// may leave behind (glibc keeps up to 40 MiB of stacks for reuse; a thread never detached nor
/// joined keeps its 8 MiB for ever).
const VISITORS: usize = 30;
const STACKS_KEPT: u64 = 64 << 20;

/// Thirty visitors, one after another, each joining and leaving: the server's address space
/// does not grow by a stack each (C mutant 632eaf1c7c: threads created joinable and never
/// joined, 240 MiB after thirty, until pthread_create fails under the address-space limit).
/// Each visitor's thread is gone before the next comes. Threads that overlap (a busy machine
/// slow to end them) each take a stack, and in glibc a malloc arena of 64 MiB of address space
/// whenever every other arena is in use: a correct server grew by 132 MiB beside a loaded run.
fn stacks_go_with_their_clients(ctx: &Ctx, s: &Server, deadline: Instant) -> TestResult {
    let pid = s.program.pid();
    wait::settled(Duration::from_secs(2), || vec![pid]);
    let settled = threads(pid);
    let before = procinfo::program_address_space(pid);
    let quiet = ctx.quiet_transcript();
    for k in 0..VISITORS {
        let mut one = Vec::new();
        chat::join(&quiet, &mut one, &format!("visitor {k}"), s.port, deadline)?;
        let visitor = &mut one[0].conn;
        visitor.shutdown_write();
        visitor
            .expect_eof(ctx.within(secs(2)), msg!("chat-after-its-eof"))
            .map_err(|f| f.note(msg!("chat-eof-note")))?;
        // On time, not proven, unless the server was seen stuck: a starved machine may not
        // have ended it yet.
        let ended =
            wait::until_or_stuck(&quiet, Duration::from_secs(2), || threads(pid) <= settled);
        if !ended.made() {
            let f = Failure::wrong(msg!(
                "chat-visitor-thread-stays",
                n = threads(pid),
                settled = settled.to_string()
            ));
            return Err(ended.missed(f).note(msg!("chat-thread-ends")));
        }
    }
    let after = procinfo::program_address_space(pid);
    match (before, after) {
        (Some(before), Some(after)) if after > before + STACKS_KEPT => Err(Failure::wrong(msg!(
            "chat-stacks-kept",
            n = VISITORS,
            grew = (after - before) >> 20
        ))
        .note(msg!("chat-detach-threads"))),
        _ => Ok(()),
    }
}
