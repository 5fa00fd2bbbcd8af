//! A client that stops reading. What waits for it inside the server is counted exactly: the
//! lines the server took for it (every line a steady reader got back) less those in the
//! kernel's buffers (the server's send queue to it and its own receive queue, from
//! /proc/<pid>/net/tcp and FIONREAD). Lines are 4,000 bytes, so the kernel's buffers fill after
//! a few hundred; the others must still get each line within a second, and once more than
//! 1,024 lines wait inside for it the server must disconnect it, having sent whole lines only.

use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::chat::member::{self as chat, Member, shown};
use crate::exercises::kit::server;
use crate::lab::exercise::secs;
use crate::observe::wire::Transcript;

/// Every line these tests send is this long, its `\n` included.
pub const LEN: usize = 4000;
/// The contract's bound: one more line waiting for a client, and it is disconnected.
pub const BEHIND: usize = 1024;
/// Lines sent before a test gives up waiting for them to pile up (the kernel's buffers never
/// hold that many).
const AT_MOST: usize = 20_000;

/// Line `i` of a test: `line <i> ` and letters up to `LEN` bytes with its `\n`.
pub fn numbered(i: usize) -> Vec<u8> {
    let mut line = format!("line {i} ").into_bytes();
    line.extend((line.len()..LEN - 1).map(|k| b'a' + (k % 26) as u8));
    line.push(b'\n');
    line
}

/// Make `m` a client that stops reading. Its receive buffer keeps its size: a small one would
/// make the server's kernel wait for the zero-window probe's timer when it reads again.
pub fn stop_reading(t: &Transcript, m: &Member) {
    t.note(m.who(), msg!("async-stops-reading"));
}

/// How many of the `sent` lines meant for each of `who` wait inside the server: not in the
/// server's send queue to it, not in its receive queue. A line cut between the two counts as in
/// the kernel. A server that has let go of a member's socket holds none for it. Counted once the
/// server has done all it can, every thread asleep and the count the same on two looks: a line
/// its writer has not yet had a turn to write is not one that waits for the client. (The TCP
/// table is read once a look: on a busy machine a read of it takes milliseconds.)
pub fn held_inside(pid: i32, who: &[&Member], sent: usize) -> Vec<usize> {
    let until = Instant::now() + SETTLE;
    let mut last = None;
    loop {
        let asleep = procinfo::is_waiting(pid);
        let now = count_inside(pid, who, sent);
        if (asleep && last.as_ref() == Some(&now)) || Instant::now() >= until {
            return now;
        }
        last = asleep.then_some(now);
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// How long `held_inside` waits for the server to settle: a server that never sleeps (it spins)
/// is counted as it is then.
const SETTLE: Duration = Duration::from_secs(1);

fn count_inside(pid: i32, who: &[&Member], sent: usize) -> Vec<usize> {
    let held = procinfo::socket_inodes(pid);
    let table = procinfo::tcp_sockets(pid);
    who.iter()
        .map(|m| {
            let port = m.conn.local_port();
            let Some(sock) = table
                .iter()
                .find(|s| s.remote_port == port && held.contains(&s.inode))
            else {
                return 0;
            };
            let in_kernel = (sock.tx_queue as usize + m.conn.pending()).div_ceil(LEN) + 1;
            sent.saturating_sub(in_kernel)
        })
        .collect()
}

/// Lines sent between two looks at the TCP table.
pub const BETWEEN_LOOKS: usize = 64;

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

/// While client 0 reads nothing and its lines pile up inside the server, client 1 sends one
/// line at a time and clients 1 and 2 must each get it within a second; until 256 lines wait
/// inside for client 0, then 256 more.
pub fn slow_consumer(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(15));
    let mut m = chat::join_all(&t, s.port, 3, deadline)?;
    stop_reading(&t, &m[0]);
    let mut sent = 0;
    let mut extra = None;
    while extra.is_none_or(|left| left > 0) {
        if sent >= AT_MOST {
            return Err(Failure::checker_error(msg!(
                "async-never-piled",
                lines = sent
            )));
        }
        send_and_read(1, &mut m, &[1, 2], sent, 1, deadline).map_err(|f| {
            let held = held_inside(pid, &[&m[0]], sent)[0];
            f.note(msg!("async-others-waited", line = sent, held = held))
        })?;
        sent += 1;
        extra = match extra {
            None if sent % BETWEEN_LOOKS == 0 && held_inside(pid, &[&m[0]], sent)[0] >= 256 => {
                Some(256)
            }
            None => None,
            Some(left) => Some(left - 1),
        };
    }
    Ok(())
}

/// Client 0 stops reading while client 1 sends and reads steadily, until more than 1,024
/// lines (and a margin) wait inside the server for client 0; then 2,048 more lines, during
/// which the server's memory must not grow by their size. Then client 0 reads: every line up
/// to some point, whole and in order, then EOF.
pub fn far_behind(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(15));
    let mut m = chat::join_all(&t, s.port, 2, deadline)?;
    stop_reading(&t, &m[0]);
    let mut sent = 0;
    loop {
        // Far enough behind, or already let go of.
        if sent % BETWEEN_LOOKS == 0
            && (held_inside(pid, &[&m[0]], sent)[0] > BEHIND + 64
                || procinfo::connection_to(pid, m[0].conn.local_port()).is_none())
        {
            break;
        }
        if sent >= AT_MOST {
            return Err(Failure::checker_error(msg!(
                "async-never-piled",
                lines = sent
            )));
        }
        send_and_read(1, &mut m, &[1], sent, 16, deadline)?;
        sent += 16;
    }
    t.note("checker", msg!("async-far-behind", lines = sent));
    let rss_then = procinfo::resident_bytes(pid).unwrap_or(0);
    for _ in 0..2 * BEHIND / 16 {
        send_and_read(1, &mut m, &[1], sent, 16, deadline)?;
        sent += 16;
    }
    let grown = procinfo::resident_bytes(pid)
        .unwrap_or(0)
        .saturating_sub(rss_then);
    if grown > 6 << 20 {
        return Err(Failure::wrong(msg!(
            "async-behind-memory",
            kib = grown >> 10,
            lines = 2 * BEHIND
        ))
        .note(msg!("async-bound-the-queue")));
    }
    let lagging = &mut m[0];
    let eof_by = ctx.within(secs(5));
    for i in 0..sent {
        match lagging.next_line(eof_by) {
            Ok(line) if line == numbered(i) => {}
            Ok(line) => {
                return Err(Failure::wrong(msg!("async-gap", line = i))
                    .detail(msg!("label-expected"), shown(&numbered(i)))
                    .detail(msg!("label-got"), shown(&line))
                    .note(msg!("async-lagged-close")));
            }
            // EOF after whole lines: disconnected, as the contract says.
            Err(f) if f.kind == Some(FailureKind::EarlyEof) => {
                if lagging.unfinished().is_empty() {
                    return Ok(());
                }
                return Err(f.note(msg!("async-cut-line")));
            }
            Err(f) => {
                return Err(f.note(msg!("async-not-disconnected", lines = sent, got = i)));
            }
        }
    }
    Err(Failure::wrong(msg!("async-all-came", lines = sent)).note(msg!("async-bound-the-queue")))
}
