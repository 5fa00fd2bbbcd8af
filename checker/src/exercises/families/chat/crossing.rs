//! Two lines made to cross: the first part of `many-senders`. Whether a server that lets its lock go in the middle of a
//! broadcast lets another line through the gap is, left alone, up to the scheduler: the gap
//! lasts a few instructions. The checker makes it last: a client stops reading until the
//! broadcast of a line blocks on it (a thread of the server asleep in a send to it), another
//! client's line waits meanwhile, and when the client reads again every thread of the server
//! runs on one CPU, the others ahead of the one that was blocked (`contain::schedule`): whenever
//! another thread of the server wakes (the lock let go, room on the socket), it runs before that
//! thread's next step. A server that holds its lock across the whole broadcast gives everybody the two lines
//! in one order whatever runs first; one that lets it go between sends (or sends from a copy of
//! the list) gives the clients after the slow one the other line first. Designs where no thread
//! ever blocks in a send (a writer per client, tasks) are judged the same way, with nothing to
//! slow down.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::judge::{incomplete, judge};
use super::member::{self as chat, Lines, Member};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo::{self, ServerEnd};
use crate::contain::schedule;
use crate::context::Ctx;
use crate::exercises::kit::wait;
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server, Transcript};

/// Every line client 0 sends is this long, its `\n` included: the kernel's buffers for the
/// client that stops reading hold about a hundred.
const LEN: usize = 4000;
/// Lines client 0 sends at most before a thread of the server must be blocked in a send to the
/// client that stopped reading (no thread ever is in some designs); fewer than the 1,024 an
/// async server may hold for a client before it lets it go.
const AT_MOST: usize = 900;
/// The client that stops reading: second to join, so that in a list kept in the order clients
/// came, one client gets each line before it and two after.
const HELD: usize = 1;
/// The client whose line crosses.
const CROSSER: usize = 3;
const CLIENTS: usize = 4;
/// The MSS the client that stops reading announces: Ethernet's (see `Conn::connect_with_mss`).
const HELD_MSS: u32 = 1460;

/// Line `i` of client 0: `c0 <i> ` and letters up to `LEN` bytes with its `\n`.
fn line_of_client_0(i: usize) -> Vec<u8> {
    let mut line = format!("c0 {i:03} ").into_bytes();
    line.extend((line.len()..LEN - 1).map(|k| b'a' + (k % 26) as u8));
    line.push(b'\n');
    line
}

const CROSSING: &[u8] = b"c3: a line sent while client 0's was held up\n";

/// What a member read: every line, or the failure and the lines before it; and who it is.
type Read = (String, Result<Lines, (Failure, Lines)>);

/// The members, each read by a thread of its own until it has `want` lines (or the deadline);
/// `crossed` counts those that have read the crossing line.
struct Readers {
    want: Arc<AtomicUsize>,
    crossed: Arc<AtomicUsize>,
    threads: Vec<(usize, JoinHandle<Read>)>,
    deadline: Instant,
}

impl Readers {
    fn new(deadline: Instant) -> Readers {
        Readers {
            want: Arc::new(AtomicUsize::new(usize::MAX)),
            crossed: Arc::new(AtomicUsize::new(0)),
            threads: Vec::new(),
            deadline,
        }
    }

    /// Member `k` is read from now on.
    fn read(&mut self, k: usize, mut m: Member) {
        let (want, crossed, deadline) = (self.want.clone(), self.crossed.clone(), self.deadline);
        let thread = std::thread::spawn(move || {
            let mut got = Vec::new();
            while got.len() < want.load(Ordering::SeqCst) {
                // Nothing is due until client 0's lines come: look, rather than wait in a read
                // that would take the silence for a server that holds still.
                if Instant::now() < deadline
                    && !m.has_line()
                    && !m.conn.readable_within(Duration::from_millis(20))
                {
                    continue;
                }
                match m.next_line(deadline) {
                    Ok(line) => {
                        if line == CROSSING {
                            crossed.fetch_add(1, Ordering::SeqCst);
                        }
                        got.push(line);
                    }
                    Err(f) => return (m.who().to_string(), Err((f, got))),
                }
            }
            (m.who().to_string(), Ok(got))
        });
        self.threads.push((k, thread));
    }

    /// Every member reads `n` lines in all.
    fn until(&self, n: usize) {
        self.want.store(n, Ordering::SeqCst);
    }

    /// Every member has read the crossing line, or stopped reading.
    fn all_crossed(&self) -> bool {
        self.crossed.load(Ordering::SeqCst) == self.threads.len()
            || self.threads.iter().all(|(_, r)| r.is_finished())
    }

    /// What each member read, in the members' order; the first that failed, with what it got.
    fn collect(mut self, from: &[Vec<Vec<u8>>]) -> Result<Vec<(String, Lines)>, Failure> {
        self.threads.sort_by_key(|(k, _)| *k);
        let mut received = Vec::new();
        for (_, reader) in self.threads {
            let (who, got) = reader
                .join()
                .map_err(|_| Failure::checker_error(msg!("chat-client-thread-failed")))?;
            match got {
                Ok(lines) => received.push((who, lines)),
                Err((f, lines)) => return Err(incomplete(f, &who, &lines, from)),
            }
        }
        Ok(received)
    }
}

/// Threads of `pid` asleep in a send on descriptor `fd`.
fn sending_on(pid: i32, fd: i32) -> Vec<i32> {
    procinfo::tasks(pid)
        .into_iter()
        .filter(|t| {
            t.state == 'S'
                && t.call.is_some_and(|c| {
                    c.direction() == Some(procinfo::Direction::Send) && c.fd() == Some(fd)
                })
        })
        .map(|t| t.tid)
        .collect()
}

/// The threads blocked in a send to the held client for good: asleep in a send on its
/// connection, so the server's send buffer is full, and the window the client advertised (told
/// at once, not after the delayed-ACK timer) too small to free an eighth of what the server
/// queued for it. A sending thread wakes only once half of its queue is acknowledged
/// (`sk_stream_write_space`), so nothing can wake it until the client reads. Not a send that
/// waits a moment for an ACK.
fn blocked_on(pid: i32, end: &ServerEnd, held: &Conn) -> Vec<i32> {
    held.quick_ack();
    let (Some(window), Some(queued)) = (held.advertised_window(), end.send_queue()) else {
        return Vec::new();
    };
    if u64::from(window) * 8 >= queued {
        return Vec::new();
    }
    sending_on(pid, end.fd())
}

/// 4 clients, joined in turn; client 1 announces Ethernet's MSS (see `Conn::connect_with_mss`).
fn join(t: &Arc<Transcript>, port: u16, deadline: Instant) -> Result<Vec<Member>, Failure> {
    let mut members = Vec::with_capacity(CLIENTS);
    for k in 0..CLIENTS {
        let who = format!("client {k}");
        let conn = if k == HELD {
            Conn::connect_with_mss(t, &who, port, HELD_MSS)?
        } else {
            Conn::connect(t, &who, port, deadline)?
        };
        chat::join_as(&mut members, Member::from_conn(t, conn), deadline)?;
    }
    Ok(members)
}

/// Client 0 sends lines until a thread of the server is blocked for good sending to the held
/// client (or `AT_MOST`): the lines sent, and the threads blocked. It also stops once the
/// server no longer reads client 0 (what it sent stays unacknowledged: the server's receive
/// buffer is full), whatever holds the server up where the checker cannot see it, so that
/// client 0's next line is never a send that blocks until the deadline.
fn hold_up(
    ctx: &Ctx,
    pid: i32,
    sender: &mut Conn,
    held: &Conn,
    deadline: Instant,
) -> Result<(Vec<Vec<u8>>, Vec<i32>), Failure> {
    let end = ServerEnd::of(pid, held.local_port());
    let senders_end = ServerEnd::of(pid, sender.local_port());
    let mut sent = Vec::new();
    while sent.len() < AT_MOST {
        if stopped_reading(ctx, sender, senders_end.as_ref()) {
            break;
        }
        let line = line_of_client_0(sent.len());
        sender.send(&line, deadline)?;
        sent.push(line);
        if let Some(end) = &end {
            let blocked = blocked_on(pid, end, held);
            if !blocked.is_empty() {
                return Ok((sent, blocked));
            }
        }
    }
    Ok((sent, Vec::new()))
}

/// The server has stopped reading `sender`: what it sent stays unacknowledged for a while, and
/// the server holds more than a few lines of it unread (not a moment of a busy machine).
fn stopped_reading(ctx: &Ctx, sender: &Conn, end: Option<&ServerEnd>) -> bool {
    if sender.unsent() == 0
        || ctx.off_cpu(|| wait::until(Duration::from_millis(200), || sender.unsent() == 0))
    {
        return false;
    }
    end.is_none_or(|e| e.recv_queue().unwrap_or(0) >= 8 * LEN as u64)
}

/// Two threads asleep in a send to the held client at once: two broadcasts are under way.
/// Each send waits for room with the socket let go, so the bytes of one can land between the
/// pieces of the other, and the clients after this one get the lines in either order.
fn two_senders(pid: i32, held: &Conn) -> TestResult {
    let Some(end) = ServerEnd::of(pid, held.local_port()) else {
        return Ok(());
    };
    let senders = sending_on(pid, end.fd());
    if senders.len() < 2 {
        return Ok(());
    }
    let tids: Vec<String> = senders.iter().map(i32::to_string).collect();
    Err(
        Failure::wrong(msg!("chat-crossing-two-senders", tids = tids.join(", ")))
            .note(msg!("chat-order-note"))
            .proven(),
    )
}

/// The blocked threads are left behind: the server's others run before them whenever they
/// wake. What the transcript says of it.
fn leave_behind(pinned: &mut schedule::Pinned, pid: i32, blocked: &[i32], lines: usize) -> Text {
    let lines = lines.to_string();
    if blocked.is_empty() {
        msg!("chat-crossing-nothing-blocked", lines = lines)
    } else if pinned.realtime_except(pid, blocked) {
        msg!("chat-crossing-reads-again", lines = lines)
    } else if blocked.iter().all(|&tid| pinned.idle(tid)) {
        msg!("chat-crossing-reads-again-idle", lines = lines)
    } else {
        msg!("chat-crossing-nothing-blocked", lines = lines)
    }
}

/// 4 clients; client 1 stops reading; client 0 sends 4,000-byte lines until the server's
/// broadcast blocks on client 1 (or 900 lines); client 3 sends a line; then client 1 reads
/// again, the blocked thread behind the server's others on its one CPU: every client must get
/// every line, in one order.
pub(super) fn crossing_lines(ctx: &Ctx, t: &Arc<Transcript>, s: &Server) -> TestResult {
    let pid = s.program.pid();
    let deadline = ctx.within(secs(10));
    let mut members: Vec<Option<Member>> =
        join(t, s.port, deadline)?.into_iter().map(Some).collect();
    let held = members[HELD].take().expect("each member is taken once");
    let mut sender = members[0]
        .as_ref()
        .expect("not read yet")
        .conn
        .try_clone()?;
    let mut crosser = members[CROSSER]
        .as_ref()
        .expect("not read yet")
        .conn
        .try_clone()?;
    let crosser_end = ServerEnd::of(pid, crosser.local_port());
    t.note(held.who(), msg!("chat-crossing-stops-reading"));
    let mut pinned = schedule::pin_to_one_cpu(pid);
    let mut readers = Readers::new(deadline);
    for (k, m) in members.iter_mut().enumerate() {
        if let Some(m) = m.take() {
            readers.read(k, m);
        }
    }
    let (sent, blocked) = hold_up(ctx, pid, &mut sender, &held.conn, deadline)?;
    crosser.send(CROSSING, deadline)?;
    // The crossing line is waiting once client 3's thread has read it and sleeps again.
    ctx.off_cpu(|| {
        wait::until(Duration::from_secs(1), || {
            crosser_end
                .as_ref()
                .is_none_or(|e| e.recv_queue() == Some(0))
                && procinfo::is_waiting(pid)
        })
    });
    two_senders(pid, &held.conn).map_err(|f| t.attach(f))?;
    t.note(
        held.who(),
        leave_behind(&mut pinned, pid, &blocked, sent.len()),
    );
    readers.until(sent.len() + 1);
    readers.read(HELD, held);
    // Once every client has the crossing line, the race is over: the blocked thread runs as
    // before for the rest.
    ctx.off_cpu(|| {
        wait::until(deadline.saturating_duration_since(Instant::now()), || {
            readers.all_crossed()
        })
    });
    drop(pinned);
    let mut from = vec![Vec::new(); CLIENTS];
    from[0] = sent;
    from[CROSSER] = vec![CROSSING.to_vec()];
    let received = readers.collect(&from)?;
    judge(&received, &from).map_err(|f| {
        let note = if super::judge::forwards_pieces(t, s.port) {
            msg!("chat-forwards-pieces")
        } else {
            msg!("chat-crossing-note")
        };
        t.attach(f.note(note))
    })
}
