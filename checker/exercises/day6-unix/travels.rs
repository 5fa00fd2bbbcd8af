//! The connection really travels: which process holds each socket, read from `/proc/<pid>/fd`
//! (socket inodes) against the tables of the server's namespace: `net/tcp` for the clients'
//! connections and the listening socket, `net/unix` for the socketpairs' ends (unnamed,
//! connected Unix-domain sockets). The table gives no socket's peer, so the ends are judged by
//! their holders: each end held by one process, each worker holding one end, the parent one
//! per worker.

use std::collections::BTreeMap;
use std::time::Duration;

use super::{Prefork, start};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::echo;
use crate::lab::exercise::secs;
use crate::observe::wire::Conn;

pub fn passes_the_connection(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let p = start(ctx, 2)?;
    // Two clients in mid-conversation: each echo came back through a worker.
    let conns = echo::talking(ctx, &t, p.s.port, 2)?;
    for (i, c) in conns.iter().enumerate() {
        let client = i + 1;
        let port = c.local_port();
        let (holders, still) = p.settle_seen(Duration::from_secs(2), || {
            p.server_side(port).map(|s| p.holders(s.inode))
        });
        // A starved parent may be between its sendmsg and its close: `Still::judge`.
        let Some(sock) = p.server_side(port) else {
            return Err(Failure::checker_error(msg!(
                "prefork-no-server-side",
                client = client
            )));
        };
        let holders = holders.unwrap_or_default();
        let inode = format!("socket:[{}]", sock.inode);
        if holders.contains(&p.pid()) {
            return Err(t
                .attach(still.judge(Failure::wrong(msg!(
                    "prefork-parent-holds",
                    client = client,
                    inode = inode
                ))))
                .detail(msg!("prefork-held-by"), p.named(&holders))
                .note(msg!("prefork-close-after-passing")));
        }
        let workers = p.workers();
        let in_workers: Vec<i32> = holders
            .iter()
            .copied()
            .filter(|h| workers.contains(h))
            .collect();
        if in_workers.len() != 1 {
            let mut f = Failure::wrong(msg!(
                "prefork-workers-holding",
                client = client,
                n = in_workers.len()
            ));
            if !holders.is_empty() {
                f = f.detail(msg!("prefork-held-by"), p.named(&holders));
            }
            return Err(t.attach(
                still
                    .judge(f)
                    .note(msg!("prefork-one-worker-per-connection")),
            ));
        }
    }
    Ok(())
}

pub fn no_listener_in_worker(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let p = start(ctx, 3)?;
    let mut c = Conn::connect(&t, "client", p.s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "who accepts?\n", ctx.within(secs(5)))?;
    let listeners = procinfo::listening_inodes(p.pid(), p.s.port);
    if listeners.is_empty() {
        return Err(Failure::checker_error(msg!("fork-no-listening-socket")));
    }
    let (workers, still) = p.settle_seen(Duration::from_secs(2), || p.workers());
    let holding: Vec<i32> = workers
        .into_iter()
        .filter(|&w| procinfo::holds_any(w, &listeners))
        .collect();
    if holding.is_empty() {
        return Ok(());
    }
    let f = Failure::wrong(msg!("prefork-workers-hold-listener", n = holding.len()))
        .detail(msg!("prefork-holding-it"), p.named(&holding))
        .note(msg!("prefork-worker-closes-listener"));
    // A starved worker may not have closed it yet: `Still::judge`.
    Err(still.judge(f))
}

/// The unnamed, connected Unix-domain sockets `pid` holds: its ends of socketpairs.
fn pair_ends(table: &[procinfo::UnixSocket], pid: i32) -> Vec<u64> {
    let held = procinfo::socket_inodes(pid);
    let mut ends: Vec<u64> = table
        .iter()
        .filter(|u| u.path.is_none() && u.connected && held.contains(&u.inode))
        .map(|u| u.inode)
        .collect();
    ends.sort_unstable();
    ends
}

pub fn socketpair_ends(ctx: &mut Ctx) -> TestResult {
    let n = ctx.rng.usize(2..=4);
    let p = start(ctx, n)?;
    // A worker forked but not yet run still holds the ends it inherited: judged once the tree
    // has held still, and on time, not proven, if it never did.
    let (workers, still) = p.settle_seen(Duration::from_secs(2), || p.workers());
    if workers.is_empty() {
        return Err(Failure::wrong(msg!("prefork-no-workers")));
    }
    let table = procinfo::unix_sockets(p.pid());
    let parent = pair_ends(&table, p.pid());
    let ends: Vec<(i32, Vec<u64>)> = workers.iter().map(|&w| (w, pair_ends(&table, w))).collect();
    let shared = shared_ends(p.pid(), &parent, &ends);
    let layout = layout(&p, &parent, &ends);
    match misplaced_ends(&p, workers.len(), &parent, &ends, &shared) {
        Some((summary, note)) => {
            let f = Failure::wrong(summary)
                .detail(msg!("prefork-ends-label"), layout)
                .note(note);
            Err(still.judge(f))
        }
        None => Ok(()),
    }
}

/// The ends more than one process holds, with who holds them (the parent first).
fn shared_ends(parent_pid: i32, parent: &[u64], ends: &[(i32, Vec<u64>)]) -> Vec<(u64, Vec<i32>)> {
    let mut holders: BTreeMap<u64, Vec<i32>> = BTreeMap::new();
    for (pid, held) in std::iter::once(&(parent_pid, parent.to_vec())).chain(ends) {
        for &inode in held {
            holders.entry(inode).or_default().push(*pid);
        }
    }
    holders
        .into_iter()
        .filter(|(_, pids)| pids.len() > 1)
        .collect()
}

/// What is wrong with who holds which end, most telling first: the summary and the note.
/// `None` when each worker holds one end and the parent the other of each pair.
fn misplaced_ends(
    p: &Prefork,
    workers: usize,
    parent: &[u64],
    ends: &[(i32, Vec<u64>)],
    shared: &[(u64, Vec<i32>)],
) -> Option<(Text, Text)> {
    // The parent kept the workers' ends: it holds more than one per worker, shared with them.
    if !shared.is_empty() && parent.len() > workers {
        let (inode, pids) = &shared[0];
        return Some((
            msg!(
                "prefork-parent-keeps-worker-end",
                inode = format!("socket:[{inode}]"),
                worker = p.named(&without(pids, p.pid()))
            ),
            msg!("prefork-parent-closes-worker-end"),
        ));
    }
    if let Some((w, held)) = ends.iter().find(|(_, held)| held.len() > 1) {
        return Some((
            msg!(
                "prefork-worker-keeps-ends",
                worker = p.who(*w),
                n = held.len()
            ),
            msg!("prefork-worker-closes-parent-ends"),
        ));
    }
    if let Some((inode, pids)) = shared.first() {
        return Some((
            msg!(
                "prefork-end-shared",
                inode = format!("socket:[{inode}]"),
                holders = p.named(pids)
            ),
            msg!("prefork-one-holder-per-end"),
        ));
    }
    if let Some((w, _)) = ends.iter().find(|(_, held)| held.is_empty()) {
        return Some((
            msg!("prefork-worker-no-end", worker = p.who(*w)),
            msg!("prefork-socketpair-before-fork"),
        ));
    }
    if parent.len() < workers {
        return Some((
            msg!(
                "prefork-parent-too-few-ends",
                n = parent.len(),
                workers = workers
            ),
            msg!("prefork-socketpair-before-fork"),
        ));
    }
    None
}

fn without(pids: &[i32], pid: i32) -> Vec<i32> {
    pids.iter().copied().filter(|&p| p != pid).collect()
}

/// Who holds which ends, one line per process: `the parent (pid 7): socket:[1], socket:[2]`.
fn layout(p: &Prefork, parent: &[u64], ends: &[(i32, Vec<u64>)]) -> Text {
    let line = |pid: i32, held: &[u64]| {
        let sockets: Vec<String> = held.iter().map(|i| format!("socket:[{i}]")).collect();
        let sockets = if sockets.is_empty() {
            msg!("prefork-none")
        } else {
            Text::Plain(sockets.join(", "))
        };
        Text::Join(vec![p.who(pid), Text::Plain(": ".into()), sockets])
    };
    Text::lines(
        std::iter::once(line(p.pid(), parent)).chain(ends.iter().map(|(w, held)| line(*w, held))),
    )
}
