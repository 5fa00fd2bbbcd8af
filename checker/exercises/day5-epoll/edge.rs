//! What edge-triggered epoll adds to a one-thread server's tests: the registration itself
//! (EPOLLET, seen in /proc), and data left unread after EPOLLIN, which nothing announces again.
//! (Output left unsent after EPOLLOUT stalls `one_thread::slow_reader`, shared with poll.)

use std::time::Duration;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{echo, server, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::Conn;

/// EPOLLET in an `epoll_event`'s events, as /proc's fdinfo shows them.
const EPOLLET: u32 = libc::EPOLLET as u32;

/// Three clients in the middle of their conversations: each one's socket is in an epoll
/// instance of the server, registered with EPOLLET.
pub fn edge_triggered(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let conns = echo::talking(ctx, &t, s.port, 3)?;
    wait::settled(Duration::from_secs(2), || vec![pid]);
    let targets = procinfo::epoll_targets(pid);
    if targets.is_empty() {
        return Err(Failure::wrong(msg!("edge-no-epoll")).note(msg!("edge-create")));
    }
    let fds = procinfo::socket_fds(pid);
    let mut problems = Vec::new();
    for c in &conns {
        let Some(inode) = procinfo::connection_to(pid, c.local_port()).map(|s| s.inode) else {
            continue;
        };
        let Some(&(fd, _)) = fds.iter().find(|&&(_, i)| i == inode) else {
            continue;
        };
        match targets.iter().find(|target| target.fd == fd) {
            None => problems.push(msg!("edge-not-in-set", fd = fd.to_string())),
            Some(target) if target.events & EPOLLET == 0 => problems.push(msg!(
                "edge-level-triggered",
                fd = fd.to_string(),
                events = format!("{:#x}", target.events)
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(t.attach(
        Failure::wrong(msg!("edge-not-edge-triggered"))
            .detail(msg!("edge-in-proc"), Text::lines(problems))
            .note(msg!("edge-register")),
    ))
}

/// 1 MiB in one write, then nothing more (no EOF): all of it must come back. A server that
/// reads once per EPOLLIN leaves the rest unread, and no new event will come for it.
pub fn burst_then_silence(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start_under_test(ctx, 0)?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    let mut data = vec![0u8; 1 << 20];
    ctx.rng.fill(&mut data);
    let deadline = ctx.within(secs(5));
    let expected = data.clone();
    let silent = move |mut w: Conn| w.send(&data, deadline);
    echo::while_writing(&mut c, silent, |c| c.expect_bytes(&expected, deadline))
        .map_err(|f| f.note(msg!("edge-read-until-eagain")))?;
    c.shutdown_write();
    c.expect_eof(ctx.within(secs(3)), msg!("eof-after-client-eof"))
}
