//! The stalled reader: read nothing while a server sends far more than the socket buffers
//! hold, interrupting any send it is blocked in (observe/wire/stall.rs), then read everything
//! and compare it byte for byte. The verdict is about the bytes that arrive, whatever the
//! server's design.

use std::sync::Arc;
use std::time::Instant;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind, TestResult};
use crate::context::Ctx;
use crate::observe::wire::stall::{self, Feeding};
use crate::observe::wire::{Conn, Transcript};

/// Stall, then expect exactly `expected` on `conn` from the server whose process group is led
/// by `leader` (`feeding`: whether the checker sends to it meanwhile).
pub fn read_everything(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    (leader, feeding): (i32, Feeding),
    conn: &mut Conn,
    expected: &[u8],
    deadline: Instant,
) -> TestResult {
    // What the stall reads to move the program on is checked as it comes: the next bytes due.
    let mut read = 0;
    let mut nudge = |conn: &mut Conn| -> Result<usize, Failure> {
        let n = NUDGE.min(expected.len() - read);
        conn.expect_bytes_at(expected, read, n, deadline)?;
        read += n;
        Ok(n)
    };
    // Stalling is waiting (for the program to block or to stop sending): lend the slot.
    let stalled = ctx.off_cpu(|| {
        stall::interrupt_blocked_sends(t, leader, conn, (4, feeding), deadline, &mut nudge)
    });
    let (stalled, moved_on) = stalled;
    let read_result = moved_on
        .and_then(|()| conn.expect_bytes_at(expected, read, expected.len() - read, deadline));
    ctx.log(msg!("stalled-stops", n = stalled.stops.to_string()));
    let sent_nothing = conn.received() == 0 && stalled.tries == 0;
    read_result.map_err(|f| match why_missing(&f, stalled.tries, sent_nothing) {
        Some(note) => f.note(note),
        None => f,
    })
}

/// How much the checker reads at a time to move a program on from a send that had taken
/// nothing (see `stall`).
const NUDGE: usize = 256 << 10;

/// The note that names how the bytes went missing, if a guess is needed: the server ended the
/// connection (whatever its design: a blocking day-2 server that reads once and closes does),
/// or it kept the connection open and lost them after a short send (`stops`: how often it was
/// stopped in a blocked send, `Stall::tries`: a blocking sender, whether or not the checker could
/// tell that a send came back short), or it never sent a byte (`sent_nothing`: nothing came back
/// and it never blocked in a send, a server that never read what the client sent, say).
fn why_missing(f: &Failure, stops: usize, sent_nothing: bool) -> Option<Text> {
    match f.kind {
        // The program's state names the cause: no guess at how bytes went missing.
        _ if matches!(
            f.diagnosis,
            Some(Diagnosis::ClosedUnread | Diagnosis::HoldsUnread)
        ) =>
        {
            None
        }
        // FIN or RST: which one the client meets first races with its writer (load.rs).
        Some(FailureKind::EarlyEof | FailureKind::Reset) => Some(msg!("stalled-closed-early")),
        Some(FailureKind::Timeout) | None if sent_nothing => Some(msg!("stalled-sent-nothing")),
        Some(FailureKind::Timeout) | None if stops > 0 => Some(msg!("stalled-short-send")),
        Some(FailureKind::Timeout) | None => Some(msg!("stalled-non-blocking")),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::why_missing;
    use crate::base::verdict::{Diagnosis, Failure, FailureKind};

    /// A server stuck before it sent a byte (it never read what the client sent) lost nothing
    /// after a send: the note says it sent nothing, not that a short send lost the rest.
    #[test]
    fn a_server_that_sent_nothing_is_not_told_of_a_short_send() {
        let stuck = Failure::of_kind(FailureKind::Timeout, "stuck").diagnosed(Diagnosis::Stuck);
        assert!(why_missing(&stuck, 0, true).is_some_and(|n| n.is("stalled-sent-nothing")));
        let timeout = Failure::of_kind(FailureKind::Timeout, "nothing came back");
        assert!(why_missing(&timeout, 0, true).is_some_and(|n| n.is("stalled-sent-nothing")));
        // Bytes came, then stopped: a short send (stopped in a send) or a non-blocking one.
        assert!(why_missing(&timeout, 2, false).is_some_and(|n| n.is("stalled-short-send")));
        assert!(why_missing(&timeout, 0, false).is_some_and(|n| n.is("stalled-non-blocking")));
        let closed = Failure::of_kind(FailureKind::EarlyEof, "ended");
        assert!(why_missing(&closed, 0, true).is_some_and(|n| n.is("stalled-closed-early")));
        let unread = closed.diagnosed(Diagnosis::ClosedUnread);
        assert!(why_missing(&unread, 0, true).is_none());
    }
}
