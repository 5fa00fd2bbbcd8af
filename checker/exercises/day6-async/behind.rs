//! A client that stops reading. What waits for it inside the server is counted exactly: the
//! lines the server took for it (every line a steady reader got back) less those in the
//! kernel's buffers (the server's send queue to it and its own receive queue, from
//! /proc/<pid>/net/tcp and FIONREAD). Lines are 4,000 bytes, so the kernel's buffers fill after
//! a few hundred; the others must still get each line within a second, and once more than
//! 1,024 lines wait inside for it the server must disconnect it, having sent whole lines only.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::inside::{Inside, LEN};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::families::chat::member::{self as chat, Member, shown};
use crate::exercises::kit::server;
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Transcript};

/// The contract's bound: one more line waiting for a client, and it is disconnected.
pub const BEHIND: usize = 1024;
/// Lines sent once a client is far behind, while the server's memory is watched.
const MORE: usize = BEHIND;
/// Lines sent before a test gives up waiting for them to pile up (the kernel's buffers never
/// hold that many).
const AT_MOST: usize = 20_000;

/// Line `i` of a test: `line <i> ` and letters up to `LEN` bytes with its `\n`.
pub fn numbered(i: usize) -> Vec<u8> {
    // The letters are the same for every line: made once (a debug build makes them slowly, and
    // a test makes thousands of lines).
    static LETTERS: std::sync::LazyLock<Vec<u8>> =
        std::sync::LazyLock::new(|| (0..LEN).map(|k| b'a' + (k % 26) as u8).collect());
    let mut line = format!("line {i} ").into_bytes();
    line.extend_from_slice(&LETTERS[line.len()..LEN - 1]);
    line.push(b'\n');
    line
}

/// The MSS the clients that stop reading announce: Ethernet's (see `Conn::connect_with_mss`).
const STALLED_MSS: u32 = 1460;

/// `n` members, `client 0` to `client n-1`, joined one after another; the first `stalled` will
/// stop reading, and connect as a client on an Ethernet path would, so that what the kernel
/// holds for them is a few hundred lines, not a thousand.
pub fn join_clients(
    t: &Arc<Transcript>,
    port: u16,
    stalled: usize,
    n: usize,
    deadline: Instant,
) -> Result<Vec<Member>, Failure> {
    let mut members = Vec::with_capacity(n);
    for k in 0..n {
        let who = format!("client {k}");
        let conn = if k < stalled {
            Conn::connect_with_mss(t, &who, port, STALLED_MSS)?
        } else {
            Conn::connect(t, &who, port, deadline)?
        };
        chat::join_as(&mut members, Member::from_conn(t, conn), deadline)?;
    }
    Ok(members)
}

/// Make `m` a client that stops reading. Its receive buffer keeps its size: a small one would
/// make the server's kernel wait for the zero-window probe's timer when it reads again.
pub fn stop_reading(t: &Transcript, m: &Member) {
    t.note(m.who(), msg!("async-stops-reading"));
}

/// Lines sent between two counts of what waits inside the server.
pub const BETWEEN_LOOKS: usize = 64;

/// Lines the steady client sends at once, then reads back.
pub const STEP: usize = 16;

/// `steady` sends lines `from..from + n`, and every member of `readers` reads each of them
/// within a second of its sending.
pub fn send_and_read(
    steady: usize,
    members: &mut [Member],
    readers: &[usize],
    from: usize,
    n: usize,
    deadline: Instant,
) -> TestResult {
    for i in from..from + n {
        members[steady].say(&numbered(i), deadline)?;
    }
    let sent = Instant::now();
    for &r in readers {
        for i in from..from + n {
            let within = (sent + Duration::from_secs(1)).min(deadline);
            members[r].conn.quick_ack();
            members[r].expect_lines(&[&numbered(i)], within)?;
        }
    }
    Ok(())
}

/// While client 0 reads nothing and its lines pile up inside the server, client 1 sends 16
/// lines at a time and clients 1 and 2 must each get every one within a second of its sending;
/// until 256 lines wait inside for client 0, then 256 more. Then client 0 reads again, and gets
/// every line (`reads_what_was_kept`).
pub fn slow_consumer(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(15));
    let mut m = join_clients(&t, s.port, 1, 3, deadline)?;
    stop_reading(&t, &m[0]);
    let inside = Inside::of(pid, &[&m[0]]);
    let mut sent = 0;
    let mut extra = None;
    while extra.is_none_or(|left| left > 0) {
        if sent % BETWEEN_LOOKS == 0 && inside.let_go(&[&m[0]], 0) {
            return judge_let_go(&mut m[0], sent, ctx.within(secs(3)));
        }
        if sent >= AT_MOST {
            return Err(never_piled(sent));
        }
        send_and_read(1, &mut m, &[1, 2], sent, STEP, deadline).map_err(|f| {
            let held = inside.now(&[&m[0]], sent + STEP)[0];
            f.note(msg!(
                "async-others-waited",
                n = STEP,
                line = sent,
                held = held
            ))
        })?;
        sent += STEP;
        extra = match extra {
            None if sent % BETWEEN_LOOKS == 0
                && inside.reaches(&[&m[0]], sent, |h| h[0] >= 256) =>
            {
                Some(256)
            }
            None => None,
            Some(left) => Some(left - STEP),
        };
    }
    reads_what_was_kept(&mut m[0], sent, ctx.within(secs(3)))
}

/// `lagging`, a few hundred lines behind when it reads again, gets every one of the `sent`
/// lines, whole and in order. The count of what waits inside cannot tell a line kept from one
/// dropped (a channel of 16 overwrites them while its writer waits on the full socket, and
/// meets the loss only once the client reads again): what the client reads can.
fn reads_what_was_kept(lagging: &mut Member, sent: usize, deadline: Instant) -> TestResult {
    for i in 0..sent {
        match lagging.next_line(deadline) {
            Ok(line) if line == numbered(i) => {}
            Ok(line) => return Err(gap(i, &line)),
            Err(f) if matches!(f.kind, Some(FailureKind::EarlyEof | FailureKind::Reset)) => {
                return Err(Failure::wrong(cut_early(lagging, sent, i))
                    .note(msg!("async-keep-until-behind")));
            }
            Err(f) => {
                return Err(f.note(msg!("async-read-again-short", sent = sent, got = i)));
            }
        }
    }
    Ok(())
}

/// `lagging` got `got` of the `sent` lines, then the end: what it says of the lines that can
/// have waited inside the server for it.
fn cut_early(lagging: &Member, sent: usize, got: usize) -> Text {
    msg!(
        "async-cut-early",
        who = lagging.who(),
        sent = sent,
        got = got,
        behind = sent - got.min(sent)
    )
}

/// The client that fell behind got `line` where line `i` was due.
fn gap(i: usize, line: &[u8]) -> Failure {
    Failure::wrong(msg!("async-gap", line = i))
        .detail(msg!("label-expected"), shown(&numbered(i)))
        .detail(msg!("label-got"), shown(line))
        .note(msg!("async-lagged-close"))
}

/// The server let go of `lagging`, a client that stopped reading, after `sent` lines: it reads
/// what it was sent up to EOF. Its lines beyond those are all that can have waited inside the
/// server for it; if they are not more than 1,024, it was disconnected before the contract's
/// bound (a small channel, say). Disconnected beyond the bound, it was disconnected as the
/// contract says.
pub fn judge_let_go(lagging: &mut Member, sent: usize, eof_by: Instant) -> TestResult {
    let mut got = 0;
    let ended = loop {
        match lagging.next_line(eof_by) {
            Ok(_) => got += 1,
            Err(f) => break f,
        }
    };
    if sent - got.min(sent) > BEHIND {
        return Ok(());
    }
    let summary = cut_early(lagging, sent, got);
    let f = match ended.kind {
        Some(FailureKind::EarlyEof | FailureKind::Reset) => Failure::wrong(summary),
        // It let go of the connection and yet the client met no end: still a client cut off.
        _ => ended.note(summary),
    };
    Err(f.note(msg!("async-keep-until-behind")))
}

/// `sent` lines went to the clients that read, and the server still holds the connection of
/// the one that does not, yet no line waits inside for it: the kernel holds a few hundred at
/// most, so the server took the others and dropped them for that client, without disconnecting
/// it.
pub fn never_piled(sent: usize) -> Failure {
    Failure::wrong(msg!("async-never-piled", lines = sent)).note(msg!("async-lagged-close"))
}

/// Client 1 sends and reads steadily until more than `BEHIND` lines (and a margin) wait inside
/// the server for client 0, or the server let client 0 go: how many lines were sent.
fn fall_far_behind(pid: i32, m: &mut [Member], deadline: Instant) -> Result<usize, Failure> {
    let inside = Inside::of(pid, &[&m[0]]);
    let mut sent = 0;
    loop {
        // Far enough behind, or already let go of.
        if sent % BETWEEN_LOOKS == 0
            && (inside.reaches(&[&m[0]], sent, |h| h[0] > BEHIND + 64)
                || inside.let_go(&[&m[0]], 0))
        {
            return Ok(sent);
        }
        if sent >= AT_MOST {
            return Err(never_piled(sent));
        }
        send_and_read(1, m, &[1], sent, STEP, deadline)?;
        sent += STEP;
    }
}

/// Client 0 stops reading while client 1 sends and reads steadily, until more than 1,024
/// lines (and a margin) wait inside the server for client 0; then 1,024 more lines, during
/// which the server's memory must not grow by half their size (a bounded server's grows by a
/// few hundred KiB at most, an unbounded queue's by every line). Then client 0 reads: every line up
/// to some point, whole and in order, then EOF.
pub fn far_behind(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(15));
    let mut m = join_clients(&t, s.port, 1, 2, deadline)?;
    stop_reading(&t, &m[0]);
    let mut sent = fall_far_behind(pid, &mut m, deadline)?;
    t.note("checker", msg!("async-far-behind", lines = sent));
    let rss_then = procinfo::program_memory(pid).unwrap_or(0);
    for _ in 0..MORE / STEP {
        send_and_read(1, &mut m, &[1], sent, STEP, deadline)?;
        sent += STEP;
    }
    let grown = procinfo::program_memory(pid)
        .unwrap_or(0)
        .saturating_sub(rss_then);
    if grown > (MORE * LEN / 2) as u64 {
        return Err(
            Failure::wrong(msg!("async-behind-memory", kib = grown >> 10, lines = MORE))
                .note(msg!("async-bound-the-queue")),
        );
    }
    let lagging = &mut m[0];
    let eof_by = ctx.within(secs(5));
    for i in 0..sent {
        match lagging.next_line(eof_by) {
            Ok(line) if line == numbered(i) => {}
            Ok(line) => return Err(gap(i, &line)),
            // EOF after whole lines: disconnected, as the contract says; and only it: the
            // server goes on for the client that reads (a server that exits on the lag also
            // ends in EOF after whole lines).
            Err(f) if f.kind == Some(FailureKind::EarlyEof) => {
                if !lagging.unfinished().is_empty() {
                    return Err(f.note(msg!("async-cut-line")));
                }
                return send_and_read(1, &mut m, &[1], sent, 1, ctx.within(secs(2)))
                    .map_err(|f| f.note(msg!("async-others-go-on")));
            }
            Err(f) => {
                return Err(f.note(msg!("async-not-disconnected", lines = sent, got = i)));
            }
        }
    }
    Err(Failure::wrong(msg!("async-all-came", lines = sent)).note(msg!("async-bound-the-queue")))
}
