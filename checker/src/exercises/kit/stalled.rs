//! The stalled reader: read nothing while a server sends far more than the socket buffers
//! hold, interrupting any send it is blocked in (observe/wire/stall.rs), then read everything
//! and compare it byte for byte. The verdict is about the bytes that arrive, whatever the
//! server's design.

use std::sync::Arc;
use std::time::Instant;

use crate::base::i18n::msg;
use crate::base::verdict::{FailureKind, TestResult};
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
    conn.expect_bytes(expected, deadline).map_err(|f| {
        if f.kind
            .is_some_and(|k| k != FailureKind::EarlyEof && k != FailureKind::Timeout)
        {
            f
        } else if stalled.stops > 0 {
            f.note(msg!("stalled-short-send"))
        } else {
            f.note(msg!("stalled-non-blocking"))
        }
    })
}
