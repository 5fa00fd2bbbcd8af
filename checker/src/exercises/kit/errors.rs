//! The contract every lab program keeps for an expected error: exactly one line on stderr and
//! exit status 1 — never a panic, never a hang.

use super::run::{self, Finished};
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::context::Ctx;
use crate::lab::exercise::secs;
use crate::observe::wire::Origin;
use crate::observe::wire::Transcript;
use crate::observe::wire::server::loopback_listener;

/// The one line on stderr of a program that ended as the contract says an error ends (exit 1),
/// or the failure that says how it did not. `situation` reads after "exited with 1" and "was
/// still running": "when the connection was refused".
pub fn one_error_line(
    run: &mut Finished,
    label: &str,
    situation: impl Into<Text>,
    t: Option<&Transcript>,
) -> Result<String, Failure> {
    let situation: Text = situation.into();
    let attach = |f: Failure| match t {
        Some(t) => t.attach(f),
        None => f,
    };
    let Some(status) = run.status else {
        return Err(attach(run.still_running(msg!(
            "errors-still-running",
            label = label,
            situation = &situation
        ))));
    };
    if status.code() != Some(1) {
        return Err(attach(
            run.program
                .unexpected_exit(&situation)
                .note(msg!("errors-the-contract")),
        ));
    }
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    match lines.as_slice() {
        [line] => Ok(line.to_string()),
        _ => Err(Failure::of_kind(
            FailureKind::BadOutput,
            msg!(
                "errors-lines-instead-of-one",
                label = label,
                situation = situation,
                lines = msg!("count-line", n = lines.len())
            ),
        )
        .output(escape::excerpt(run.stderr.as_bytes(), 600))),
    }
}

/// The failure of a program that exited with 1 but whose stderr is not exactly `expected` (one
/// line); `None` when it is. Callers add what the shape of the wrong line suggests.
pub fn not_the_error_line(shown: &str, expected: &str, stderr: &str) -> Option<Failure> {
    if stderr.lines().eq([expected]) {
        return None;
    }
    Some(
        Failure::of_kind(
            FailureKind::BadOutput,
            msg!("errors-not-the-line", shown = shown),
        )
        .detail(
            msg!("label-expected"),
            escape::quoted(format!("{expected}\n").as_bytes(), 200),
        )
        .detail(msg!("label-got"), escape::quoted(stderr.as_bytes(), 200)),
    )
}

/// A server started wrong ends as the contract has an expected error end, one line on stderr
/// and exit status 1: with no arguments at all (its usage), and on a port another socket
/// listens on (its bind fails with EADDRINUSE; `args` follow the port). A server that goes on
/// with its bind unchecked listens on a port of its own, and is seen asleep in accept().
pub fn server_start_errors(ctx: &mut Ctx, name: &str, args: &[String]) -> TestResult {
    let t = ctx.transcript();
    t.note("checker", msg!("errors-started-bare", command = name));
    let spawn = ctx.program(name)?;
    let mut run = run::to_exit_or_stuck(ctx, &t, (spawn, name), secs(3), None)?;
    // A program given with --program may take no port at all (UNP's servers listen on 9877
    // whatever they are given, as the listening-line test allows): the lab's usage errors are
    // not its contract. One the checker built is held to them.
    if run.status.is_none() && ctx.built.origin(name) == Origin::Given {
        return Err(Failure::not_applicable(msg!(
            "errors-takes-no-arguments",
            label = name
        )));
    }
    one_error_line(&mut run, name, msg!("errors-when-no-arguments"), Some(&t))
        .map_err(|f| f.reproduce(ctx.by_hand(name)))?;
    // Held until the end: the port stays taken while the server tries it.
    let taken = loopback_listener()?;
    let port = taken.local_addr()?.port().to_string();
    t.note("checker", msg!("errors-port-taken", port = port.as_str()));
    let spawn = ctx
        .program(name)?
        .args(std::iter::once(port.clone()).chain(args.iter().cloned()));
    let mut run = run::to_exit_or_stuck(ctx, &t, (spawn, name), secs(3), None)?;
    let situation = msg!("errors-when-port-taken", port = port.as_str());
    let line = one_error_line(&mut run, name, situation, Some(&t))?;
    ctx.log(format!("stderr: {}", escape::bytes(line.as_bytes())));
    drop(taken);
    Ok(())
}
