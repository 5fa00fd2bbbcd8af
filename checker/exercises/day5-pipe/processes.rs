//! The process tree of the server from /proc: which process holds which end of the pipe
//! (`pipe:[inode]` links in /proc/<pid>/fd, the end from the access mode in fdinfo), a child
//! per client and none holding the listening socket, no zombie after clients leave together.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use super::{Running, Store, echo_back, start};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::wait;
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Transcript};

/// The inodes of the pipes whose `writes` end `pid` holds.
fn ends(pid: i32, writes: bool) -> BTreeSet<u64> {
    procinfo::pipe_ends(pid)
        .into_iter()
        .filter(|e| e.writes == writes)
        .map(|e| e.inode)
        .collect()
}

/// With a client connected: the logger holds the read end of a pipe whose write end the server
/// holds; the logger holds no write end of it, the server and the client's child no read end.
pub fn pipe_ends(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let run = start(ctx, &store)?;
    let deadline = ctx.within(secs(8));
    let mut c = Conn::connect(&t, "client", run.s.port, deadline)?;
    echo_back(&mut c, b"a line\n", deadline)?;
    let server = run.s.program.pid();
    // A child just forked may not have closed what it closes yet: look once all have settled.
    wait::settled(Duration::from_secs(2), || procinfo::tree(server));
    let logger_reads = ends(run.logger, false);
    if logger_reads.is_empty() {
        return Err(Failure::wrong(msg!(
            "pipe-logger-no-read-end",
            pid = run.logger.to_string()
        ))
        .note(msg!("pipe-create-before-fork")));
    }
    let server_writes = ends(server, true);
    let Some(&pipe) = logger_reads.intersection(&server_writes).next() else {
        return Err(Failure::wrong(msg!("pipe-server-no-write-end"))
            .detail(msg!("pipe-logger-reads"), inodes(&logger_reads))
            .note(msg!("pipe-parent-keeps-write-end")));
    };
    let name = format!("pipe:[{pipe}]");
    if ends(run.logger, true).contains(&pipe) {
        return Err(
            Failure::wrong(msg!("pipe-logger-holds-write-end", pipe = &name))
                .note(msg!("pipe-logger-close-write-end")),
        );
    }
    if ends(server, false).contains(&pipe) {
        return Err(
            Failure::wrong(msg!("pipe-server-holds-read-end", pipe = &name))
                .note(msg!("pipe-parent-close-read-end")),
        );
    }
    let child = procinfo::children(server)
        .into_iter()
        .find(|&k| k != run.logger && procinfo::connection_to(k, c.local_port()).is_some());
    if let Some(child) = child
        && ends(child, false).contains(&pipe)
    {
        return Err(
            Failure::wrong(msg!("pipe-child-holds-read-end", pipe = &name))
                .note(msg!("pipe-close-read-before-fork")),
        );
    }
    Ok(())
}

fn inodes(set: &BTreeSet<u64>) -> String {
    set.iter()
        .map(|i| format!("pipe:[{i}]"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Three clients connected: four children (the logger and one per client), none of which
/// holds the listening socket.
pub fn child_per_client(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let run = start(ctx, &store)?;
    let deadline = ctx.within(secs(8));
    let mut conns = Vec::new();
    for i in 1..=3 {
        let mut c = Conn::connect(&t, &format!("client {i}"), run.s.port, deadline)?;
        echo_back(&mut c, format!("client {i}\n").as_bytes(), deadline)?;
        conns.push(c);
    }
    let server = run.s.program.pid();
    let alive = || {
        procinfo::children(server)
            .into_iter()
            .filter(|&k| procinfo::state(k).is_some_and(|st| st != 'Z'))
            .count()
    };
    wait::until(Duration::from_secs(1), || alive() == 4);
    wait::settled(Duration::from_secs(2), || procinfo::tree(server));
    let n = alive();
    if n != 4 {
        return Err(Failure::wrong(msg!("pipe-three-clients", n = n)));
    }
    let listeners = procinfo::listening_inodes(server, run.s.port);
    let holders: Vec<Text> = procinfo::children(server)
        .into_iter()
        .filter(|&k| procinfo::holds_any(k, &listeners))
        .map(|k| {
            if k == run.logger {
                msg!("pipe-holder-logger", pid = k.to_string())
            } else {
                msg!("pipe-holder-client-child", pid = k.to_string())
            }
        })
        .collect();
    if holders.is_empty() {
        return Ok(());
    }
    Err(
        Failure::wrong(msg!("pipe-children-hold-listener", n = holders.len()))
            .detail(msg!("pipe-holding-it"), Text::listed(holders))
            .note(msg!("pipe-child-never-accepts")),
    )
}

/// Three times, 30 clients connect and leave at the same instant: their children exit
/// together, their SIGCHLDs merge, and yet none may stay a zombie; the logger lives on.
pub fn no_zombies(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let result = no_zombies_on(ctx, &t, &mut run);
    result.map_err(|f| run.explain(f))
}

fn no_zombies_on(ctx: &mut Ctx, t: &Arc<Transcript>, run: &mut Running) -> TestResult {
    let server = run.s.program.pid();
    for round in 1..=3 {
        let deadline = ctx.within(secs(5));
        let mut conns = Vec::new();
        for i in 0..30 {
            let mut c = Conn::connect(t, &format!("client {i}"), run.s.port, deadline)?;
            echo_back(
                &mut c,
                format!("round {round} client {i}\n").as_bytes(),
                deadline,
            )?;
            conns.push(c);
        }
        wait::until(Duration::from_secs(2), || {
            procinfo::children(server).len() > 30
        });
        // They leave while the server is stopped: the 30 children end, and their SIGCHLDs merge
        // into one, every time (a signal does not queue); then the server is continued.
        run.s.program.freeze()?;
        t.note("checker", msg!("pipe-stopped-server"));
        for c in conns.iter_mut() {
            c.shutdown_write();
        }
        drop(conns);
        let logger = run.logger;
        wait::until(Duration::from_secs(3), || {
            procinfo::children(server)
                .into_iter()
                .filter(|&k| k != logger)
                .all(procinfo::is_zombie)
        });
        run.s.program.thaw()?;
        t.note("checker", msg!("pipe-continued-server"));
        let only_logger = || procinfo::children(server) == [run.logger];
        let alone = wait::until_or_stuck(t, Duration::from_secs(2), only_logger);
        if !alone.made() {
            run.s.check_alive(msg!("pipe-while-clients-left"))?;
            let children = procinfo::children(server);
            let zombies = children.iter().filter(|&&k| procinfo::is_zombie(k)).count();
            if zombies == 0 {
                let f = Failure::wrong(msg!(
                    "pipe-children-still-running",
                    round = round.to_string(),
                    n = children.len().saturating_sub(1)
                ));
                return Err(alone.missed(f).note(msg!("pipe-child-exits-at-eof")));
            }
            let f = Failure::wrong(msg!("pipe-zombies", round = round.to_string(), n = zombies));
            return Err(alone.missed(f).note(msg!("pipe-loop-waitpid")));
        }
    }
    Ok(())
}
