//! A thousand clients at once: connected as fast as the server accepts them, never more than
//! its listen queue holds (`kit::clients::connect_paced`), so no verdict rests on a dropped SYN
//! and its retransmission a second later; then the server's threads (/proc/<pid>/task) and its
//! resident memory (VmRSS), compared with what they were with none.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::families::chat::member::{Member, shown};
use crate::exercises::kit::{clients, echo, server, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server, Transcript};

/// How many clients the tests connect.
pub const MANY: usize = 1000;
/// What a connected client may cost the chat server in resident memory.
const PER_CLIENT: u64 = 64 << 10;

/// The program's threads, its children's included: the bound is the program's.
pub fn threads(pid: i32) -> usize {
    procinfo::program_threads(pid)
}

/// Connect `n` clients, as fast as the server accepts them (see `clients::connect_paced`). A
/// connect that waited for its SYN to be sent again is said, with its cause.
fn connect_many(
    t: &Arc<Transcript>,
    s: &mut Server,
    n: usize,
    deadline: Instant,
) -> Result<Vec<Conn>, Failure> {
    let burst = clients::connect_paced(t, &mut s.program, s.port, n, deadline, 0)?;
    if burst.slow > 0 {
        t.note("checker", msg!("async-syn-retry", n = burst.slow));
    }
    Ok(burst.conns)
}

/// Wait until the server has accepted every connection (its listen queue empty) and done all
/// it had to do with them (every thread asleep): each client's task has run to its first wait,
/// so a client is in the chat, however the server's tasks subscribe.
fn settled(s: &Server, deadline: Instant) -> bool {
    let pid = s.program.pid();
    let queue = procinfo::ListenQueue::of(pid, s.port);
    let left = deadline.saturating_duration_since(Instant::now());
    wait::until(left, || {
        let waiting = match &queue {
            Some(queue) => queue.now().map(|(waiting, _)| u64::from(waiting)),
            None => procinfo::listen_queue(pid, s.port),
        };
        waiting == Some(0) && procinfo::is_waiting(pid)
    })
}

/// The failure of a server that runs more threads with many clients than with none.
fn more_threads(with: usize, none: usize, clients: usize) -> Failure {
    Failure::wrong(msg!(
        "async-threads-grew",
        clients = clients,
        with = with,
        none = none
    ))
    .note(msg!("async-tasks-not-threads"))
}

/// async-echo with 1,000 clients connected, each of which has had a line echoed: no more
/// threads than before the first client.
pub fn echo_few_threads(ctx: &mut Ctx) -> TestResult {
    clients::enough_descriptors();
    let t = ctx.quiet_transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(12));
    // One client served and gone first: whatever the runtime starts lazily has started.
    echo::serve_one(ctx, &t, &s, 0)?;
    let none = threads(pid);
    let mut conns = connect_many(&t, &mut s, MANY, deadline)?;
    for (i, c) in conns.iter_mut().enumerate() {
        echo::round_trip(c, &format!("client {i} is here\n"), deadline)?;
    }
    let with = threads(pid);
    if with > none {
        return Err(more_threads(with, none, MANY));
    }
    Ok(())
}

/// async-chat with 1,000 clients connected: one line reaches every one of them within 2 s,
/// the threads are as many as with none, and the resident memory grew by at most 64 KiB a
/// client.
pub fn thousand_clients(ctx: &mut Ctx) -> TestResult {
    clients::enough_descriptors();
    let t = ctx.quiet_transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(12));
    let none = threads(pid);
    let rss_none = procinfo::program_memory(pid).unwrap_or(0);
    let conns = connect_many(&t, &mut s, MANY, deadline)?;
    // Every client in the chat before the line is sent; a server stuck instead says so below.
    settled(&s, deadline);
    let mut members: Vec<Member> = conns
        .into_iter()
        .map(|c| Member::from_conn(&t, c))
        .collect();
    let line = b"one line for a thousand clients\n";
    let sent = Instant::now();
    members[0].say(line, deadline)?;
    let within = sent + Duration::from_secs(2);
    for m in members.iter_mut() {
        let got = m
            .next_line(within)
            .map_err(|f| f.note(msg!("async-line-to-all", clients = MANY)))?;
        if got != line {
            return Err(Failure::wrong(msg!("async-other-line", who = m.who()))
                .detail(msg!("label-expected"), shown(line))
                .detail(msg!("label-got"), shown(&got)));
        }
    }
    let with = threads(pid);
    if with > none {
        return Err(more_threads(with, none, MANY));
    }
    let rss = procinfo::program_memory(pid).unwrap_or(0);
    let grown = rss.saturating_sub(rss_none);
    if grown > PER_CLIENT * MANY as u64 {
        return Err(Failure::wrong(msg!(
            "async-memory-grew",
            clients = MANY,
            kib = grown >> 10,
            per = (grown / MANY as u64) >> 10
        ))
        .note(msg!("async-small-state")));
    }
    Ok(())
}
