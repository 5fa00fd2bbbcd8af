//! The stalled reader: read nothing while a server sends far more than the socket buffers
//! hold, interrupting any send it is blocked in (observe/wire/stall.rs), then read everything
//! and compare it byte for byte. The verdict is about the bytes that arrive, whatever the
//! server's design.

use std::sync::Arc;
use std::time::Instant;

use crate::base::i18n::msg;
use crate::base::verdict::{Diagnosis, FailureKind, TestResult};
use crate::context::Ctx;
use crate::observe::wire::{Conn, Transcript, stall};

/// Stall, then expect exactly `expected` on `conn` from the server whose process group is led
/// by `leader`.
pub fn read_everything(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    leader: i32,
    conn: &mut Conn,
    expected: &[u8],
    deadline: Instant,
) -> TestResult {
    // Stalling is waiting (for the program to block or to stop sending): lend the slot.
    let stalled = ctx.off_cpu(|| stall::interrupt_blocked_sends(t, leader, conn, 4, deadline));
    ctx.log(msg!("stalled-stops", n = stalled.stops.to_string()));
    // The note names how the bytes went missing: the server ended the connection (whatever
    // its design: a blocking day-2 server that reads once and closes does), or it kept the
    // connection open and lost them after a short send.
    conn.expect_bytes(expected, deadline)
        .map_err(|f| match f.kind {
            // The program's state names the cause: no guess at how bytes went missing.
            _ if matches!(
                f.diagnosis,
                Some(Diagnosis::ClosedUnread | Diagnosis::HoldsUnread)
            ) =>
            {
                f
            }
            // FIN or RST: which one the client meets first races with its writer (load.rs).
            Some(FailureKind::EarlyEof | FailureKind::Reset) => {
                f.note(msg!("stalled-closed-early"))
            }
            Some(FailureKind::Timeout) | None if stalled.stops > 0 => {
                f.note(msg!("stalled-short-send"))
            }
            Some(FailureKind::Timeout) | None => f.note(msg!("stalled-non-blocking")),
            Some(_) => f,
        })
}
