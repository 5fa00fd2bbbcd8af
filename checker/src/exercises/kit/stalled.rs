//! The stalled reader: read nothing while a server sends far more than the socket buffers
//! hold, interrupting any send it is blocked in (observe/wire/stall.rs), then read everything
//! and compare it byte for byte. The verdict is about the bytes that arrive, whatever the
//! server's design.

use std::sync::Arc;
use std::time::Instant;

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
    ctx.log(format!(
        "stopped and continued the server {} times",
        stalled.stops
    ));
    conn.expect_bytes(expected, deadline).map_err(|f| {
        if f.kind.is_some_and(|k| k != FailureKind::EarlyEof && k != FailureKind::Timeout) {
            f
        } else if stalled.stops > 0 {
            f.note("bytes went missing after the server was stopped and continued: send() returned a short count and the rest was never sent")
        } else {
            f.note("bytes went missing while the client was not reading: a non-blocking send may take only part of the data (or fail with EAGAIN); keep the rest in that client's buffer and send it when poll reports POLLOUT")
        }
    })
}
