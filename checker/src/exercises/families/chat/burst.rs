//! Clients that come together. A server that hands each new thread the address of the accept
//! loop's variable (`pthread_create(..., &clnt_sock)`) serves a client only if the thread reads
//! the variable before the loop's next accept overwrites it: left alone, a race the thread
//! usually wins. The checker makes it lose: the clients connect while the server is stopped, so
//! that they wait in its listen queue together, and when it is continued every thread of it runs
//! on one CPU in the real-time class (`contain::schedule::in_turn`), where a thread started waits
//! behind the one that started it until that one sleeps. The accept loop then takes every
//! queued connection before any thread it started takes a step, and each of those threads reads
//! the last descriptor. A server that gives each thread its own descriptor serves every client
//! whatever runs first.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::member::Member;
use crate::base::i18n::msg;
use crate::base::verdict::Failure;
use crate::contain::procinfo::{self, ServerEnd};
use crate::contain::schedule;
use crate::context::Ctx;
use crate::exercises::kit::wait;
use crate::observe::wire::{Conn, Server, Transcript};

/// How many connections wait in a listen queue whose backlog the checker cannot read:
/// `listen(fd, 5)`, the notes' backlog, holds 6.
const UNKNOWN_BACKLOG_FITS: usize = 4;

/// Up to `n` clients (`client 0`, ...) connect while the server is stopped, as many as its
/// listen queue holds, and are accepted together (see above); then each says hello as `join`
/// has it, and every one of them must get it, itself included. The members that joined.
pub(super) fn join_together(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    s: &mut Server,
    n: usize,
    deadline: Instant,
) -> Result<Vec<Member>, Failure> {
    let pid = s.program.pid();
    let conns = {
        let queue = procinfo::ListenQueue::of(pid, s.port);
        let queued = || queue.as_ref().and_then(|q| q.now());
        // A full queue drops a SYN, and its connect waits a second for TCP's retransmission.
        let fits = queued().map_or(UNKNOWN_BACKLOG_FITS, |(_, backlog)| backlog as usize + 1);
        let together = n.min(fits);
        s.program.freeze()?;
        t.note("checker", msg!("chat-burst-stopped", n = together));
        let mut conns = Vec::with_capacity(together);
        for i in 0..together {
            match Conn::connect(t, &format!("client {i}"), s.port, deadline) {
                Ok(c) => conns.push(c),
                Err(f) => {
                    s.program.thaw()?;
                    return Err(f);
                }
            }
        }
        let waiting = |k: usize| queued().is_none_or(|(q, _)| q as usize == k);
        wait::until(Duration::from_secs(2), || waiting(together));
        let (pinned, realtime) = schedule::in_turn(pid);
        s.program.thaw()?;
        t.note(
            "checker",
            if realtime {
                msg!("chat-burst-continued")
            } else {
                msg!("chat-burst-continued-pinned")
            },
        );
        // Taken once the queue is empty and every thread sleeps: the loop back in accept,
        // each thread it started in its first read.
        ctx.off_cpu(|| {
            wait::until(Duration::from_secs(2), || {
                waiting(0) && procinfo::is_waiting(pid)
            })
        });
        drop(pinned);
        conns
    };
    let ports: Vec<(String, u16)> = conns
        .iter()
        .map(|c| (c.who.clone(), c.local_port()))
        .collect();
    let mut members: Vec<Member> = conns.into_iter().map(|c| Member::from_conn(t, c)).collect();
    // Every one of them is in the list: each hello goes to all.
    for k in 0..members.len() {
        let who = members[k].who().to_string();
        let hello = format!("hello from {who}\n");
        members[k].say(hello.as_bytes(), deadline)?;
        for member in members.iter_mut() {
            let note = if member.who() == who {
                msg!("chat-no-own-line", who = who.as_str())
            } else {
                msg!(
                    "chat-missed-hello",
                    earlier = member.who(),
                    who = who.as_str()
                )
            };
            member
                .expect_lines(&[hello.as_bytes()], deadline)
                .map_err(|f| match unserved(pid, &ports) {
                    Some(who) => f.note(msg!("chat-burst-unserved", who = who.join(", "))),
                    None => f.note(note),
                })?;
        }
    }
    Ok(members)
}

/// The clients (of `ports`, by name) whose connection no thread of `pid` is waiting on, while
/// two threads or more wait on another's: threads that took their descriptor from one
/// variable. `None` if that is not what the server's threads show.
fn unserved(pid: i32, ports: &[(String, u16)]) -> Option<Vec<String>> {
    let tasks = procinfo::tasks(pid);
    let waiting_on = |fd: i32| {
        tasks
            .iter()
            .filter(|task| task.call.and_then(|c| c.fd()) == Some(fd))
            .count()
    };
    let ends: Vec<(&str, usize)> = ports
        .iter()
        .filter_map(|(who, port)| Some((who.as_str(), waiting_on(ServerEnd::of(pid, *port)?.fd()))))
        .collect();
    let unserved: Vec<String> = ends
        .iter()
        .filter(|(_, waiting)| *waiting == 0)
        .map(|(who, _)| who.to_string())
        .collect();
    let shared = ends.iter().any(|(_, waiting)| *waiting >= 2);
    (shared && !unserved.is_empty()).then_some(unserved)
}
