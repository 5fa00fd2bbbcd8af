//! What every fork server of the lab keeps (day3-fork, and day4-signals, which is day3's server
//! with signals): each child serves its client alone, so it closes its copy of the listening
//! socket.

use std::time::Duration;

use super::{echo, server, wait};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::lab::exercise::secs;
use crate::observe::wire::Conn;

/// No child of the fork server `name` holds its listening socket, once a client was served and
/// the tree settled: a child's copy would keep the port taken after the parent is gone.
pub fn no_listener_in_child(ctx: &mut Ctx, name: &str) -> TestResult {
    let t = ctx.transcript();
    let s = server::start(ctx, name, 0, &[])?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "who holds what?\n", ctx.within(secs(5)))?;
    // A child that has served its client has run past its closes; look once the tree settled.
    let pid = s.program.pid();
    wait::settled(Duration::from_secs(2), || procinfo::tree(pid));
    let listeners = procinfo::listening_inodes(pid, s.port);
    if listeners.is_empty() {
        return Err(Failure::checker_error(msg!("fork-no-listening-socket")));
    }
    let holders: Vec<i32> = procinfo::children(pid)
        .into_iter()
        .filter(|&p| procinfo::state(p).is_some_and(|st| st != 'Z'))
        .filter(|&p| procinfo::holds_any(p, &listeners))
        .collect();
    if holders.is_empty() {
        return Ok(());
    }
    let pids: Vec<String> = holders.iter().map(|p| p.to_string()).collect();
    Err(Failure::wrong(msg!(
        "fork-child-holds-listener",
        n = holders.len(),
        pids = pids.join(", ")
    )))
}
