//! Lines under load and lines in pieces: every client gets every line whole, in one and the
//! same order, each sender's lines in the order it sent them. The verdict compares what each
//! client received with what the others received and with what was sent, never with timing, so
//! a correct server passes however its threads are scheduled.

use std::sync::{Arc, Barrier, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::judge::{incomplete, judge};
use super::member as chat;
use super::start;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::wait;
use crate::lab::exercise::secs;
use crate::observe::wire::Server;

/// Clients that send at once, and lines each one sends, in rounds of `ROUND` lines each.
const SENDERS: usize = 8;
const LINES: usize = 300;
const ROUND: usize = 100;

/// The lines client `c` sends: `c<c> <i> <filler>`, the filler of random length.
fn lines_of(c: usize, rng: &mut fastrand::Rng) -> Vec<Vec<u8>> {
    (0..LINES)
        .map(|i| {
            let filler: String = (0..rng.usize(0..120)).map(|_| rng.alphanumeric()).collect();
            format!("c{c} {i:03} {filler}\n").into_bytes()
        })
        .collect()
}

/// Where the senders wait, between two rounds, until every client has read every line of the
/// round: then no client ever has more than one round's lines (800) on their way to it, and no
/// server, whatever its design, has a reason to drop a client that reads (async-chat drops a
/// client once more than 1,024 lines wait for it).
struct Rounds {
    /// How many clients have read every line of each round; `None` once one has failed.
    read: Mutex<Option<Vec<usize>>>,
    changed: Condvar,
}

impl Rounds {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Vec<usize>>> {
        self.read.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A client has read every line of round `r`.
    fn read_all_of(&self, r: usize) {
        if let Some(read) = self.lock().as_mut() {
            read[r] += 1;
        }
        self.changed.notify_all();
    }

    /// A client gave up reading: nobody waits for the rounds any more.
    fn give_up(&self) {
        *self.lock() = None;
        self.changed.notify_all();
    }

    /// Wait until every client has read round `r` (or one gave up, or `deadline`).
    fn wait_read(&self, r: usize, deadline: Instant) {
        let mut read = self.lock();
        while let Some(counts) = read.as_ref()
            && counts[r] < SENDERS
        {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            read = self
                .changed
                .wait_timeout(read, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

/// First two lines made to cross (`crossing`: a broadcast held up by a client that stops
/// reading while another line waits). Then 8 clients each send 300 lines at once, cut into
/// pieces of random sizes, in three rounds of 100 (the next once every client has read the
/// last: each client reads in a thread of its own, as fast as the server writes): every client
/// must get all 2400 lines, whole, in one and the same order, each sender's in its own order.
pub fn many_senders(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    super::crossing::crossing_lines(ctx, &t, &s)?;
    let members = chat::join_all(&t, s.port, SENDERS, ctx.within(secs(5)))?;
    let sent: Vec<Vec<Vec<u8>>> = (0..SENDERS).map(|c| lines_of(c, &mut ctx.rng)).collect();
    let seeds: Vec<u64> = (0..SENDERS).map(|_| ctx.rng.u64(..)).collect();
    let deadline = ctx.within(secs(8));
    let go = Arc::new(Barrier::new(SENDERS));
    let rounds = Arc::new(Rounds {
        read: Mutex::new(Some(vec![0; LINES / ROUND])),
        changed: Condvar::new(),
    });
    let mut threads = Vec::new();
    for ((mut m, lines), seed) in members.into_iter().zip(sent.clone()).zip(seeds) {
        let mut w = m.conn.try_clone()?;
        let (go, rounds) = (Arc::clone(&go), Arc::clone(&rounds));
        threads.push(std::thread::spawn(move || {
            let sending = Arc::clone(&rounds);
            let writer = std::thread::spawn(move || -> TestResult {
                let mut rng = fastrand::Rng::with_seed(seed);
                go.wait();
                for (r, round) in lines.chunks(ROUND).enumerate() {
                    if r > 0 {
                        sending.wait_read(r - 1, deadline);
                    }
                    let all = round.concat();
                    let mut at = 0;
                    while at < all.len() {
                        let end = all.len().min(at + rng.usize(1..3000));
                        w.send(&all[at..end], deadline)?;
                        at = end;
                    }
                }
                Ok(())
            });
            let got = read_rounds(&mut m, &rounds, deadline);
            let wrote = writer.join().unwrap_or_else(|_| {
                Err(Failure::checker_error(msg!("chat-a-sending-thread-failed")))
            });
            (m.who().to_string(), got, wrote)
        }));
    }
    let mut received = Vec::new();
    for thread in threads {
        let (who, got, wrote) = thread
            .join()
            .map_err(|_| Failure::checker_error(msg!("chat-client-thread-failed")))?;
        match got {
            Ok(lines) => received.push((who, lines)),
            Err((f, lines)) => {
                return Err(incomplete(f, &who, &lines, &sent).note(msg!("chat-under-load")));
            }
        }
        wrote?;
    }
    judge(&received, &sent).map_err(|f| {
        let f = if super::judge::forwards_pieces(&t, s.port) {
            f.note(msg!("chat-forwards-pieces"))
        } else {
            f
        };
        t.attach(f)
    })
}

/// A client reads every line of every round, saying when it has read a round whole.
fn read_rounds(
    m: &mut chat::Member,
    rounds: &Rounds,
    deadline: Instant,
) -> Result<chat::Lines, (Failure, chat::Lines)> {
    let mut got = Vec::with_capacity(SENDERS * LINES);
    while got.len() < SENDERS * LINES {
        match m.next_line(deadline) {
            Ok(line) => got.push(line),
            Err(f) => {
                rounds.give_up();
                return Err((f, got));
            }
        }
        if got.len() % (SENDERS * ROUND) == 0 {
            rounds.read_all_of(got.len() / (SENDERS * ROUND) - 1);
        }
    }
    Ok(got)
}

/// Wait until the server has taken what was just sent and sleeps again: every thread of it
/// waits (a piece read, nothing to send). At least a moment, so that the data has arrived.
fn settle(ctx: &Ctx, s: &Server) {
    ctx.off_cpu(|| {
        std::thread::sleep(Duration::from_millis(30));
        wait::until(Duration::from_secs(1), || {
            procinfo::is_waiting(s.program.pid())
        });
    });
}

/// Lines sent in pieces, with another client's whole line between two pieces: every client
/// gets both lines whole (the whole one first: the server took it first). Then a line and the
/// start of another, and EOF: the unfinished line is never sent.
pub fn lines_in_pieces(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let deadline = ctx.within(secs(8));
    let mut m = chat::join_all(&t, s.port, 3, deadline)?;
    let pieces: [&[u8]; 3] = [b"hel", b"lo, wor", b"ld\n"];
    m[0].say(pieces[0], deadline)?;
    settle(ctx, &s);
    m[1].say(b"a whole line from client 1\n", deadline)?;
    settle(ctx, &s);
    m[0].say(pieces[1], deadline)?;
    settle(ctx, &s);
    m[0].say(pieces[2], deadline)?;
    let wanted: [&[u8]; 2] = [b"a whole line from client 1\n", b"hello, world\n"];
    for member in m.iter_mut() {
        member
            .expect_lines(&wanted, deadline)
            .map_err(|f| f.note(msg!("chat-read-ends-anywhere")))?;
    }
    // A line, then the start of another, then EOF: the start is not a line.
    m[2].say(b"a last line\nunfinished", deadline)?;
    m[2].conn.shutdown_write();
    settle(ctx, &s);
    m[0].say(b"after client 2 left\n", deadline)?;
    let wanted: [&[u8]; 2] = [b"a last line\n", b"after client 2 left\n"];
    for member in m[..2].iter_mut() {
        member
            .expect_lines(&wanted, deadline)
            .map_err(|f| f.note(msg!("chat-drop-unfinished")))?;
    }
    let leaving = &mut m[2];
    leaving.expect_lines(&[wanted[0]], deadline)?;
    // Its EOF is due once the server has read the client's: 2 s, as in client-leaves (a
    // thread that spins on its read of 0 is never stuck, and would hold the verdict 8 s).
    leaving
        .conn
        .expect_eof(ctx.within(secs(2)), msg!("chat-after-its-eof"))
        .map_err(|f| f.note(msg!("chat-removed-gets-eof")))
}
