//! The slow reader: output that waits in the server's own buffer when the client's EOF comes,
//! then read slowly, must all come back before the server closes.

use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::premise::Premise;
use crate::exercises::kit::{echo, server};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Transcript};

/// A client sends without reading until output waits in the server's own buffer (or the server
/// stops reading it), then its EOF, then reads slowly (at most 64 KiB a millisecond): every
/// byte must come back before the server closes. A server that reads up to the contract's
/// 1 MiB reads the EOF while output still waits for this client (the test makes sure of it,
/// whatever the timing), so one that closes at the EOF, or that stops sending before EAGAIN
/// (edge-triggered), loses the end. Nothing shrinks the checker's buffers (which would let TCP's
/// timers pace the bytes), and the two phases have deadlines of their own: a server that stops
/// reading early (the contract does not require reading up to 1 MiB) passes too. A pass needs
/// one or the other to have happened before the EOF (`Filled::held`): a starved machine can
/// keep the output from waiting within the filling's 7 s, and the EOF then proves nothing.
pub fn slow_reader(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let mut c = Conn::connect(&t, "slow reader", s.port, ctx.within(secs(5)))?;
    let data = echo::counting_bytes(16 << 20);
    let pid = s.program.pid();
    let fill_by = ctx.within(FILLING);
    let filled = ctx.off_cpu(|| fill_until_output_waits(&t, &mut c, pid, &data, fill_by))?;
    c.shutdown_write();
    let deadline = ctx.within(secs(8));
    if !filled.stopped_reading {
        eof_taken(&c, pid, deadline);
    }
    let premise = Premise::of(filled.held(), || {
        msg!(
            "multi-slow-premise",
            sent = msg!("count-byte", n = filled.sent),
            seconds = FILLING.as_secs().to_string()
        )
    });
    let verdict = read_slowly(&mut c, &data[..filled.sent], deadline)
        .and_then(|()| c.expect_eof(deadline, msg!("eof-after-client-eof")));
    premise.judge(verdict)
}

/// The longest the client sends without reading before its EOF.
const FILLING: Duration = Duration::from_secs(7);

/// Wait until the server has taken our EOF, before we read a byte: its kernel acknowledged our
/// FIN (our end left FIN_WAIT1), and the server has had its turn since (asleep again, or a busy
/// loop's share of CPU time), for 2 s at most. Reading first would make room for the output it
/// holds, and a server that closes at the EOF but writes before it reads could then flush
/// everything by chance, on a machine that kept it from a CPU meanwhile (closes-without-flush
/// passed so once under bench/overload.py, at a load of 11). Not for a server that stopped
/// reading: our FIN waits behind what its full window holds back until we read.
fn eof_taken(c: &Conn, pid: i32, deadline: Instant) {
    let until = deadline.min(Instant::now() + Duration::from_secs(2));
    while Instant::now() < until && !c.fin_acknowledged() {
        std::thread::sleep(Duration::from_millis(1));
    }
    // The FIN wakes it as its kernel takes it: a look a moment later sees it awake until it has
    // read the EOF and done what it does with it.
    std::thread::sleep(Duration::from_millis(5));
    let turn = procinfo::Turn::new(pid);
    while Instant::now() < until && !turn.had() {
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// How the filling ended: the bytes sent, and whether the server had stopped reading them or
/// held output back in its own buffer.
struct Filled {
    sent: usize,
    stopped_reading: bool,
    output_waits: bool,
}

impl Filled {
    /// `sent` bytes sent, and neither premise seen.
    fn neither(sent: usize) -> Filled {
        Filled {
            sent,
            stopped_reading: false,
            output_waits: false,
        }
    }
}

impl Filled {
    /// What the slow reader judges under happened: the EOF comes with output held back.
    fn held(&self) -> bool {
        self.stopped_reading || self.output_waits
    }
}

/// Send `data` in pieces without reading, each once the server has done what it does with the
/// one before (`settled`), until output waits in the server's own buffer (what was sent, less
/// what waits in our receive queue and in the server socket's queues, is over `WAITING`), or
/// until the server stops reading (its receive queue holds still, not empty: it keeps its
/// output in the kernel's buffers instead, under back-pressure of its own). The first stays
/// under the contract's 1 MiB (WAITING plus one piece), so the server still reads, and will
/// read the EOF that follows with that output waiting.
fn fill_until_output_waits(
    t: &Transcript,
    c: &mut Conn,
    pid: i32,
    data: &[u8],
    deadline: Instant,
) -> Result<Filled, Failure> {
    const PIECE: usize = 512 << 10;
    const WAITING: usize = 128 << 10;
    let mut sent = 0;
    while sent + PIECE <= data.len() {
        c.send(&data[sent..sent + PIECE], deadline)?;
        sent += PIECE;
        let Some(mut sock) = settled(c, pid, deadline) else {
            break;
        };
        let Some(stopped) = stopped_reading(c, pid, deadline, &mut sock) else {
            return Ok(Filled::neither(sent));
        };
        if stopped {
            t.note(
                "checker",
                msg!(
                    "multi-stopped-reading",
                    sent = msg!("count-byte", n = sent),
                    unread = msg!("count-byte", n = sock.rx_queue)
                ),
            );
            return Ok(Filled {
                sent,
                stopped_reading: true,
                output_waits: false,
            });
        }
        let queued = usize::try_from(sock.tx_queue).unwrap_or(usize::MAX);
        let waiting = sent.saturating_sub(c.pending().saturating_add(queued));
        if waiting > WAITING {
            t.note(
                "checker",
                msg!(
                    "multi-output-waits",
                    sent = msg!("count-byte", n = sent),
                    waiting = msg!("count-byte", n = waiting)
                ),
            );
            return Ok(Filled {
                sent,
                stopped_reading: false,
                output_waits: true,
            });
        }
    }
    Ok(Filled::neither(sent))
}

/// Whether the server has stopped reading: a server asleep with bytes unread may only not have
/// run yet (on a loaded machine a woken process can wait for a CPU longer than two looks): it
/// has stopped reading only if it still has not read them a while later. (Taking one for the
/// other sent the EOF before output waited, and closes-without-flush passed once at a load of
/// 50 to 80.) `sock` follows the server's end as it is looked at again; `None` once time is up
/// or the server is gone.
fn stopped_reading(
    c: &Conn,
    pid: i32,
    deadline: Instant,
    sock: &mut procinfo::TcpSocket,
) -> Option<bool> {
    while sock.rx_queue > 0 {
        std::thread::sleep(Duration::from_millis(100));
        match settled(c, pid, deadline) {
            Some(again) if again.rx_queue == sock.rx_queue => return Some(true),
            Some(again) => *sock = again,
            None => return None,
        }
    }
    Some(false)
}

/// The server's end of `c` once the server has done what it does with what we sent: it sleeps
/// and no queue moves between two looks (ours: unsent and received; its socket's: received and
/// unsent). `None` once time is up, or the server is gone. Our own queues are cheap to look at
/// (ioctl) and come first; the server's, in /proc/<pid>/net/tcp, are read only once ours hold
/// still (a read of that table costs milliseconds of kernel time).
fn settled(c: &Conn, pid: i32, deadline: Instant) -> Option<procinfo::TcpSocket> {
    let mut last: Option<(_, procinfo::Turn)> = None;
    while Instant::now() < deadline {
        let ours = (c.pending(), c.unsent());
        std::thread::sleep(Duration::from_millis(3));
        if (c.pending(), c.unsent()) != ours {
            last = None;
            continue;
        }
        // A read of the table can miss a line while it changes: look again (unless the server
        // is gone, which the reading that follows shows).
        let Some(sock) = procinfo::connection_to(pid, c.local_port()) else {
            if procinfo::state(pid).is_none_or(|st| st == 'Z') {
                return None;
            }
            last = None;
            continue;
        };
        // Nothing has moved since the last look, and the server has had its turn since it
        // began to hold still (asleep, or a busy loop's share of CPU time).
        let now = (sock.rx_queue, sock.tx_queue, ours);
        match &last {
            Some((before, turn)) if *before == now => {
                if turn.had() {
                    return Some(sock);
                }
            }
            _ => last = Some((now, procinfo::Turn::new(pid))),
        }
    }
    None
}

/// Read `expected` in pieces of at most 64 KiB, a millisecond apart, and compare.
fn read_slowly(c: &mut Conn, expected: &[u8], deadline: Instant) -> TestResult {
    let mut got = Vec::with_capacity(expected.len());
    while got.len() < expected.len() {
        let piece = c.recv_some(64 << 10, deadline).map_err(|f| {
            // Stuck with output still due: it was never sent. (A plain timeout says only that.)
            if f.is_stuck() {
                f.note(msg!("multi-slow-reader"))
            } else {
                f
            }
        })?;
        if piece.is_empty() {
            return Err(Failure::of_kind(
                crate::base::verdict::FailureKind::EarlyEof,
                msg!(
                    "multi-closed-after",
                    got = got.len().to_string(),
                    total = expected.len().to_string()
                ),
            )
            .note(msg!("multi-send-then-close")));
        }
        got.extend_from_slice(&piece);
        std::thread::sleep(Duration::from_millis(1));
    }
    if got != expected {
        return Err(crate::observe::wire::differ(
            Failure::wrong(msg!("multi-bytes-differ")),
            expected,
            &got,
        ));
    }
    Ok(())
}
