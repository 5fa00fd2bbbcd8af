//! Clients that arrive together: every one connects, sends bytes of its own and its EOF while
//! the server is stopped, so none is served before the others have come. An iterative server
//! serves them in turn; a thread per client serves them at once; either way each gets exactly
//! its own bytes back. A thread handed `&client_fd` (the textbook's race) reads the descriptor
//! after the next accept() has overwritten it: two threads share one client, another is never
//! served.

use std::sync::Arc;

use super::SERVER;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::exercises::kit::{self, echo};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server, Transcript};

/// How many clients arrive together: enough that a server which accepts them in a burst
/// overwrites its variable while the threads it started have not yet read it, and no more
/// than the notes' `listen(sock, 5)` queues (Linux holds backlog + 1 connections): a backlog
/// of 5 is the course's own, and passes.
const CLIENTS: usize = 5;

pub(super) fn clients_together(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = kit::server::start(ctx, SERVER, 0, &[])?;
    let data: Vec<Vec<u8>> = (1..=CLIENTS)
        .map(|i| {
            let mut line = format!("client {i} of {CLIENTS}: ").into_bytes();
            line.extend((0..200).map(|_| ctx.rng.u8(b'a'..=b'z')));
            line.push(b'\n');
            line
        })
        .collect();
    s.program.freeze_group()?;
    t.note("checker", msg!("multi-stopped"));
    let connected = arrive(ctx, &t, &s, &data);
    // Never left stopped, whatever happened.
    s.program.thaw_group()?;
    let mut clients = connected?;
    t.note(
        "checker",
        msg!("echo-together-continued", n = CLIENTS.to_string()),
    );
    let deadline = ctx.within(secs(3));
    for (c, sent) in clients.iter_mut().zip(&data) {
        c.expect_bytes(sent, deadline)
            .and_then(|()| echo::expect_eof_or_stuck(c, &s, deadline, msg!("eof-after-client-eof")))
            .map_err(|f| f.note(msg!("echo-together-own-bytes", n = CLIENTS.to_string())))?;
    }
    s.check_alive(msg!("echo-after-together"))
}

/// Each client connects, sends its bytes and its EOF (they wait in the server's kernel).
fn arrive(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    s: &Server,
    data: &[Vec<u8>],
) -> Result<Vec<Conn>, Failure> {
    let mut clients = Vec::new();
    for (i, sent) in data.iter().enumerate() {
        let mut c = Conn::connect(t, &format!("client {}", i + 1), s.port, ctx.within(secs(2)))
            .map_err(|f| f.note(msg!("echo-together-queue-full", n = i.to_string())))?;
        c.send(sent, ctx.within(secs(2)))?;
        c.shutdown_write();
        clients.push(c);
    }
    Ok(clients)
}
