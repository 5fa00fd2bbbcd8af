//! The fork server of day3-fork reaps its children when they end; with the signals of day 4 it
//! still must. Found missing by the mutation run (bench/mutants.py): a SIGCHLD handler emptied,
//! or one that reaps a single child per signal, passed every other test of this exercise (the
//! clean exit reaps what is left).

use std::time::Duration;

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{echo, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server};

/// How many clients leave at the same instant.
const CLIENTS: usize = 20;

/// The server's children that are zombies (state Z).
fn zombies(s: &Server) -> Vec<i32> {
    procinfo::children(s.program.pid())
        .into_iter()
        .filter(|&p| procinfo::state(p) == Some('Z'))
        .collect()
}

/// 20 clients, each echoed once, leave while the parent is stopped, so their children end
/// together and their SIGCHLDs merge into one; the parent, continued, must reap all of them
/// within 3 s, with no further connection (a server that reaps after accept returns never will).
pub(super) fn no_zombie(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = super::start(ctx, &[])?;
    let mut conns = Vec::new();
    for i in 0..CLIENTS {
        let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
        conns.push(c);
    }
    s.program.freeze()?;
    t.note("checker", msg!("fork-stopped-parent"));
    drop(conns);
    wait::until(Duration::from_secs(3), || zombies(&s).len() >= CLIENTS);
    s.program.thaw()?;
    t.note("checker", msg!("fork-continued"));
    let reaped = wait::until_or_stuck(&t, Duration::from_secs(3), || zombies(&s).is_empty());
    if reaped.made() {
        return Ok(());
    }
    let left = zombies(&s).len();
    let f = Failure::wrong(msg!("signals-zombies-left", n = left, of = CLIENTS));
    Err(reaped.missed(f).note(msg!("fork-one-waitpid")))
}
