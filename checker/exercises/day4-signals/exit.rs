//! SIGTERM and SIGINT: a clean exit that stops and reaps the children, prints bye, frees the port.

use super::{start, wait_until_waiting};
use crate::base::i18n::msg;
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::contain::reaper::ReaperPause;
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::steps::{self, LeftBehind};
use crate::exercises::kit::{echo, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server, Transcript};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

/// SIGTERM or SIGINT with two clients connected and the children frozen: the server must stop
/// its children, reap them, print `bye`, and leave nothing behind, the port included.
fn clean_exit(ctx: &mut Ctx, signal: Signal) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx, &[])?;
    // Client 2 comes and leaves between the two that stay, and its child is reaped before the
    // signal: a server that loses track of a live child while reaping another (its list's wrong
    // entry removed) never signals client 1's child, and waits for it far past 1 s.
    let mut clients = Vec::new();
    for i in 1..=3 {
        let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
        if i == 2 {
            drop(c);
            t.note("checker", msg!("sig-client-left-reaped"));
            let pid = s.program.pid();
            wait::until(Duration::from_secs(3), || {
                procinfo::children(pid).len() == 1
            });
        } else {
            clients.push(c);
        }
    }
    wait_until_waiting(ctx, &s);
    // Hold the checker's reaping while we look at what the server leaves behind.
    let _pause = ReaperPause::new();
    let status = signal_with_children_frozen(&t, &mut s, signal)?;
    let on = msg!("exit-on", signal = signal.as_str());
    steps::expect_exit_0_and_bye(&mut s.program, status, signal, on, |f| {
        t.attach(f)
            .note(msg!("exit-must-exit-0", signal = signal.as_str()))
    })?;
    expect_nothing_left(&s)
}

/// Freeze the children, send `signal`, continue them: a SIGTERM then waits in the children until
/// they are continued, so a server that does not wait for its children shows it by exiting while
/// they still live. The server's exit status, once it exited within 1 s.
fn signal_with_children_frozen(
    t: &Transcript,
    s: &mut Server,
    signal: Signal,
) -> Result<ExitStatus, Failure> {
    let kids = freeze_children(t, s);
    let sent = Instant::now();
    s.program.signal(signal)?;
    t.note(
        "checker",
        msg!("exit-sent-signal", signal = signal.as_str()),
    );
    let gone_early = s
        .program
        .wait_until(sent + Duration::from_millis(200))
        .is_some();
    // Children the server reaped are gone (the checker's own reaping is paused); a server may
    // also have continued them itself (SIGCONT after SIGTERM, as systemd does). Only children
    // still there prove it did not wait.
    let left = kids
        .iter()
        .filter(|k| procinfo::state(k.as_raw()).is_some())
        .count();
    for &k in &kids {
        let _ = kill(k, Signal::SIGCONT);
    }
    t.note("checker", msg!("exit-continued-children"));
    if gone_early
        && left > 0
        && s.program
            .try_status()
            .is_some_and(|st| st.code() == Some(0))
    {
        return Err(t
            .attach(Failure::wrong(msg!(
                "exit-children-alive",
                signal = signal.as_str(),
                n = left
            )))
            .note(msg!("exit-stop-children")));
    }
    s.program
        .wait_until(sent + Duration::from_secs(1))
        .ok_or_else(|| {
            t.attach(Failure::of_kind(
                FailureKind::Timeout,
                msg!("exit-still-running", signal = signal.as_str()),
            ))
            .note(msg!("exit-handler-flag"))
        })
}

/// SIGSTOP to each of the server's children, waiting (at most 1 s) until none runs: the
/// children frozen.
fn freeze_children(t: &Transcript, s: &Server) -> Vec<Pid> {
    let kids: Vec<Pid> = procinfo::children(s.program.pid())
        .into_iter()
        .map(Pid::from_raw)
        .collect();
    for &k in &kids {
        let _ = kill(k, Signal::SIGSTOP);
    }
    wait::until(Duration::from_secs(1), || {
        kids.iter()
            .all(|k| procinfo::state(k.as_raw()) != Some('R'))
    });
    t.note(
        "checker",
        msg!("exit-stopped-children", n = kids.len().to_string()),
    );
    kids
}

/// After the server exited: no child running, no zombie, and its port free at once.
fn expect_nothing_left(s: &Server) -> TestResult {
    let left = LeftBehind::of(&s.program);
    let (alive, zombies) = (left.running.len(), left.zombies.len());
    if alive > 0 {
        return Err(
            Failure::wrong(msg!("exit-left-running", n = alive)).note(msg!("exit-send-sigterm"))
        );
    }
    if zombies > 0 {
        return Err(
            Failure::wrong(msg!("exit-not-reaped", n = zombies)).note(msg!("exit-waitpid-echild"))
        );
    }
    let port = s.port;
    if let Err(e) = std::net::TcpListener::bind(("0.0.0.0", port)) {
        let holders = procinfo::all_pids()
            .into_iter()
            .filter(|&p| !procinfo::listening_inodes(p, port).is_empty())
            .count();
        return Err(Failure::of_kind(
            FailureKind::AddressInUse,
            msg!(
                "exit-port-taken",
                port = port.to_string(),
                error = e.to_string()
            ),
        )
        .note(if holders > 0 {
            msg!("exit-child-kept-listener")
        } else {
            msg!("exit-close-listener")
        }));
    }
    Ok(())
}

pub(super) fn sigterm_exit(ctx: &mut Ctx) -> TestResult {
    clean_exit(ctx, Signal::SIGTERM)
}

pub(super) fn sigint_exit(ctx: &mut Ctx) -> TestResult {
    clean_exit(ctx, Signal::SIGINT)
}
