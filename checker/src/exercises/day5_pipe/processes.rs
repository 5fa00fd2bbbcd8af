//! The process tree of the server from /proc: which process holds which end of the pipe
//! (`pipe:[inode]` links in /proc/<pid>/fd, the end from the access mode in fdinfo), a child
//! per client and none holding the listening socket, no zombie after clients leave together.

use std::collections::BTreeSet;
use std::time::Duration;

use super::{Store, echo_back, start};
use crate::base::escape;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::poll;
use crate::lab::exercise::secs;
use crate::observe::wire::Conn;

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
    let logger_reads = ends(run.logger, false);
    if logger_reads.is_empty() {
        return Err(Failure::wrong(format!(
            "the logger (process {}) holds no read end of any pipe",
            run.logger
        ))
        .note("create the pipe before fork(): the logger reads its read end"));
    }
    let server_writes = ends(server, true);
    let Some(&pipe) = logger_reads.intersection(&server_writes).next() else {
        return Err(Failure::wrong(
            "the server holds no write end of the pipe its logger reads",
        )
        .detail("the logger reads", inodes(&logger_reads))
        .note("the parent keeps the write end: each client's child inherits it at fork and writes its lines into it"));
    };
    let name = format!("pipe:[{pipe}]");
    if ends(run.logger, true).contains(&pipe) {
        return Err(Failure::wrong(format!(
            "the logger holds the write end of its own pipe ({name}) as well as the read end"
        ))
        .note("the logger must close the write end right after fork: while any write end is open, its read never returns 0 (EOF), so it never ends"));
    }
    if ends(server, false).contains(&pipe) {
        return Err(Failure::wrong(format!(
            "the server holds the read end of the logger's pipe ({name}) as well as the write end"
        ))
        .note("after fork the parent closes the read end: only the logger reads, and every client child would inherit a read end it has no use for"));
    }
    let child = procinfo::children(server)
        .into_iter()
        .find(|&k| k != run.logger && procinfo::connection_to(k, c.local_port()).is_some());
    if let Some(child) = child
        && ends(child, false).contains(&pipe)
    {
        return Err(Failure::wrong(format!(
            "the child serving the client holds the read end of the logger's pipe ({name})"
        ))
        .note("close the read end in the parent before any client's fork: children inherit what the parent holds"));
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
    poll::until(Duration::from_secs(1), || alive() == 4);
    let n = alive();
    if n != 4 {
        return Err(Failure::wrong(format!(
            "3 clients are connected, and the server has {}: the logger and one per client are expected",
            escape::plural(n, "child process")
        )));
    }
    let listeners = procinfo::listening_inodes(server, run.s.port);
    let holders: Vec<String> = procinfo::children(server)
        .into_iter()
        .filter(|&k| {
            procinfo::socket_inodes(k)
                .iter()
                .any(|i| listeners.contains(i))
        })
        .map(|k| {
            let what = if k == run.logger {
                "the logger"
            } else {
                "a client's child"
            };
            format!("{k} ({what})")
        })
        .collect();
    if holders.is_empty() {
        return Ok(());
    }
    Err(Failure::wrong(format!(
        "{} the listening socket",
        if holders.len() == 1 { "a child holds" } else { "children hold" }
    ))
    .detail("holding it", holders.join(", "))
    .note("a child never accepts: it closes (drops) the listening socket first, or the port stays taken while it lives"))
}

/// Three times, 30 clients connect and leave at the same instant: their children exit
/// together, their SIGCHLDs merge, and yet none may stay a zombie; the logger lives on.
pub fn no_zombies(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let server = run.s.program.pid();
    for round in 1..=3 {
        let deadline = ctx.within(secs(5));
        let mut conns = Vec::new();
        for i in 0..30 {
            let mut c = Conn::connect(&t, &format!("client {i}"), run.s.port, deadline)?;
            echo_back(
                &mut c,
                format!("round {round} client {i}\n").as_bytes(),
                deadline,
            )?;
            conns.push(c);
        }
        poll::until(Duration::from_secs(2), || {
            procinfo::children(server).len() > 30
        });
        for c in conns.iter_mut() {
            c.shutdown_write();
        }
        drop(conns);
        let only_logger = || procinfo::children(server) == [run.logger];
        if !poll::until(Duration::from_secs(2), only_logger) {
            run.s.check_alive("while its clients left")?;
            let children = procinfo::children(server);
            let zombies = children.iter().filter(|&&k| procinfo::is_zombie(k)).count();
            if zombies == 0 {
                return Err(Failure::wrong(format!(
                    "round {round}: {} besides the logger still running 2 s after their clients left",
                    escape::plural(children.len().saturating_sub(1), "child")
                ))
                .note("a client's child exits at its client's EOF (read returns 0)"));
            }
            return Err(Failure::wrong(format!(
                "round {round}: {} 2 s after 30 clients left at the same instant",
                escape::plural(zombies, "zombie child")
            ))
            .note("one waitpid per SIGCHLD is not enough: while the handler runs, more children end and their signals merge into one; loop on waitpid(-1, WNOHANG)"));
        }
    }
    Ok(())
}
