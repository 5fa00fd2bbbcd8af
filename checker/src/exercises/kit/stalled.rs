//! The stalled reader: read nothing while a server sends far more than the socket buffers
//! hold, interrupting any send it is blocked in (observe/wire/stall.rs), then read everything
//! and compare it byte for byte. The verdict is about the bytes that arrive, whatever the
//! server's design; a pass needs the stall to have made the server's sends meet a full buffer
//! (`Stall::reached`), else it is "premise not reached" (`kit::premise`).

use std::sync::Arc;
use std::time::Instant;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind};
use crate::context::Ctx;
use crate::exercises::kit::premise::Premise;
use crate::observe::wire::stall::{self, Feeding, Stall};
use crate::observe::wire::{Conn, Transcript};

/// Stall, then expect exactly `expected` on `conn` from the server whose process group is led
/// by `leader` (`feeding`: whether the checker sends to it meanwhile). Whether the stall made
/// the server's sends meet a full buffer is the premise the caller judges its pass by, once
/// the rest of its test is done.
pub fn read_everything(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    (leader, feeding): (i32, Feeding),
    conn: &mut Conn,
    expected: &[u8],
    deadline: Instant,
) -> Result<Premise, Failure> {
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
    read_result.map_err(|f| match why_missing(&f, &stalled, sent_nothing) {
        Some(note) => f.note(note),
        None => f,
    })?;
    Ok(premise(&stalled))
}

/// What a stalled peer's test judges under: a send of the program's cut short by a stop, or
/// its socket held full (else a program that ignores send()'s count had nothing to lose).
pub fn premise(stalled: &Stall) -> Premise {
    Premise::of(stalled.reached(), || {
        msg!(
            "stalled-premise",
            seconds = format!("{:.1}", stalled.waited.as_secs_f64()),
            stops = stalled.stops.to_string(),
            cut = stalled.cut.to_string()
        )
    })
}

/// How much the checker reads at a time to move a program on from a send that had taken
/// nothing (see `stall`).
const NUDGE: usize = 256 << 10;

/// The note that names how the bytes went missing, if a guess is needed: the server ended the
/// connection (whatever its design: a blocking day-2 server that reads once and closes does),
/// or it kept the connection open and lost them after a short send (`Stall::stops`: stopped in
/// a blocked send that may have come back short), or after a non-blocking one (seen stalled
/// without a blocked send, its socket full: `Stall::held_full`), or it never sent a byte
/// (`sent_nothing`: nothing came back and it never blocked in a send, a server that never read
/// what the client sent, say). A server whose sends block but were never cut short, or that
/// was never seen either way, lost them some other way: no guess.
fn why_missing(f: &Failure, stall: &Stall, sent_nothing: bool) -> Option<Text> {
    match f.kind {
        // The program's state names the cause: no guess at how bytes went missing.
        _ if matches!(
            f.diagnosis,
            Some(Diagnosis::ClosedUnread | Diagnosis::HoldsUnread | Diagnosis::UnreadOnEdge)
        ) =>
        {
            None
        }
        // FIN or RST: which one the client meets first races with its writer (load.rs).
        Some(FailureKind::EarlyEof | FailureKind::Reset) => Some(msg!("stalled-closed-early")),
        Some(FailureKind::Timeout) | None if sent_nothing => Some(msg!("stalled-sent-nothing")),
        Some(FailureKind::Timeout) | None if stall.stops > 0 => Some(msg!("stalled-short-send")),
        Some(FailureKind::Timeout) | None if stall.tries == 0 && stall.held_full => {
            Some(msg!("stalled-non-blocking"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::why_missing;
    use crate::base::verdict::{Diagnosis, Failure, FailureKind};
    use crate::observe::wire::stall::Stall;

    fn stall(stops: usize, tries: usize, held_full: bool) -> Stall {
        Stall {
            stops,
            tries,
            cut: stops,
            held_full,
            waited: std::time::Duration::from_secs(6),
        }
    }

    /// A server stuck before it sent a byte (it never read what the client sent) lost nothing
    /// after a send: the note says it sent nothing, not that a short send lost the rest.
    #[test]
    fn a_server_that_sent_nothing_is_not_told_of_a_short_send() {
        let stuck = Failure::of_kind(FailureKind::Timeout, "stuck").diagnosed(Diagnosis::Stuck);
        let none = stall(0, 0, false);
        assert!(why_missing(&stuck, &none, true).is_some_and(|n| n.is("stalled-sent-nothing")));
        let timeout = Failure::of_kind(FailureKind::Timeout, "nothing came back");
        assert!(why_missing(&timeout, &none, true).is_some_and(|n| n.is("stalled-sent-nothing")));
        // Bytes came, then stopped: a short send (stopped in a send) or a non-blocking one.
        let cut = stall(2, 2, false);
        assert!(why_missing(&timeout, &cut, false).is_some_and(|n| n.is("stalled-short-send")));
        let held = stall(0, 0, true);
        assert!(why_missing(&timeout, &held, false).is_some_and(|n| n.is("stalled-non-blocking")));
        let closed = Failure::of_kind(FailureKind::EarlyEof, "ended");
        assert!(why_missing(&closed, &none, true).is_some_and(|n| n.is("stalled-closed-early")));
        let unread = closed.diagnosed(Diagnosis::ClosedUnread);
        assert!(why_missing(&unread, &none, true).is_none());
    }

    /// A server whose sends block is never told of non-blocking sends: stopped only in sends
    /// that had taken nothing, or never seen blocked nor stalled (the round's time ran out),
    /// it lost the bytes some other way, and the note makes no guess.
    #[test]
    fn a_blocking_server_is_not_told_of_non_blocking_sends() {
        let timeout = Failure::of_kind(FailureKind::Timeout, "nothing came back");
        let restarted = stall(0, 12, false);
        assert!(why_missing(&timeout, &restarted, false).is_none());
        let time_up = stall(0, 0, false);
        assert!(why_missing(&timeout, &time_up, false).is_none());
    }
}
