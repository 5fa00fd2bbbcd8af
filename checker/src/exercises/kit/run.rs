//! Running a program to its end and taking what it printed: clients, `copy`, `resolve`.

use std::process::ExitStatus;
use std::time::Duration;

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind, TestResult, Whereabouts};
use crate::contain::procinfo;
use crate::contain::program::Program;
use crate::contain::spawn::{Input, Spawn};
use crate::context::Ctx;
use crate::exercises::kit::wait;
use crate::observe::stuck::{Spinning, Stuck};
use crate::observe::wire::Transcript;

/// A program run to its end (or to the limit), with what it printed.
pub struct Finished {
    /// How it ended; `None` if it was still running at the limit, or stuck.
    pub status: Option<ExitStatus>,
    /// Where it sleeps, if it was left running because it is stuck: asleep where nothing will
    /// wake it (`observe::stuck`), so waiting longer could not help.
    pub stuck: Option<Stuck>,
    /// Where it was when the time ran out (its threads, running or asleep in which call), for a
    /// client still running at the limit without being stuck.
    pub when_time_ran_out: Option<Text>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    /// Still under supervision: `unexpected_exit` explains a status, and dropping it stops it.
    pub program: Program,
}

/// Start `spawn` and wait (at most `wait`, within the test's deadline) until it exits.
pub fn to_exit(ctx: &Ctx, spawn: Spawn, wait: Duration) -> Result<Finished, Failure> {
    let program = spawn.start()?;
    Ok(wait_for_exit(ctx, program, wait))
}

/// `to_exit`, for a program that must exit at once (on an error it reports, a usage line):
/// one asleep where nothing will wake it (a server gone on to wait for clients) is stuck, and
/// the wait ends there (`Finished::stuck`), not at `wait`. The watch goes back to `then` (the
/// program the test watched before, if any) once it ends.
pub fn to_exit_or_stuck(
    ctx: &Ctx,
    t: &Transcript,
    (spawn, label): (Spawn, &str),
    wait: Duration,
    then: Option<(i32, &str)>,
) -> Result<Finished, Failure> {
    let mut program = spawn.start()?;
    ctx.watch(program.pid(), label);
    let deadline = ctx.within(wait);
    let outcome = wait::exit_or_stuck(t, &mut program, deadline);
    if let Some((pid, label)) = then {
        ctx.watch(pid, label);
    }
    Ok(match outcome {
        Ok(status) => finished(program, status, None),
        // A timer of its own may still end it (alarm() shows nowhere): it has its whole time.
        Err(stuck)
            if stuck.unknown_socket_timeout || procinfo::may_take_an_alarm(program.pid()) =>
        {
            let status = program.wait_until(deadline);
            finished(program, status, None)
        }
        // A server's wait in accept() with no timeout is a stuck program, not a client's wait.
        Err(stuck) => finished(
            program,
            None,
            Some(Stuck {
                untimed_socket_wait: false,
                ..stuck
            }),
        ),
    })
}

/// Wait (at most `wait`) until a started program exits; then let its output readers catch its
/// last bytes and take them.
pub fn wait_for_exit(ctx: &Ctx, mut program: Program, wait: Duration) -> Finished {
    let status = program.wait_until(ctx.within(wait));
    finished(program, status, None)
}

/// `wait_for_exit`, for a program whose work takes milliseconds (a copy of a few KiB ending
/// on an error): once it has run `cpu` on the CPU without exiting, it spins, and the wait ends
/// there with how much it ran. CPU time, not time: a busy machine does not add to it.
pub fn wait_for_exit_or_spin(
    ctx: &Ctx,
    mut program: Program,
    wait: Duration,
    cpu: Duration,
) -> (Finished, Option<Duration>) {
    let deadline = ctx.within(wait);
    let pid = program.pid();
    loop {
        let step = deadline.min(std::time::Instant::now() + Duration::from_millis(50));
        if let Some(status) = program.wait_until(step) {
            return (finished(program, Some(status), None), None);
        }
        let ran = procinfo::tree_cpu_time(pid);
        if ran >= cpu {
            return (finished(program, None, None), Some(ran));
        }
        if std::time::Instant::now() >= deadline {
            return (finished(program, None, None), None);
        }
    }
}

/// Let a program's output readers catch its last bytes, and take them: once it has exited. One
/// still running holds its pipes open, and waiting for their end would cost `AFTER_EXIT` each.
fn finished(program: Program, status: Option<ExitStatus>, stuck: Option<Stuck>) -> Finished {
    if status.is_some() {
        program.stdout.wait_drained();
        program.stderr.wait_drained();
    }
    Finished {
        status,
        stuck,
        when_time_ran_out: None,
        stdout: program.stdout.bytes(),
        stderr: program.stderr_text(),
        program,
    }
}

/// Run the client program `name` against `127.0.0.1 <port>` (then `args`), `input` on its
/// stdin (none: an empty stdin), until it exits or `wait` passes, or until it is stuck: asleep
/// where nothing will wake it, while `t`, the test's transcript, sees the checker's side of the
/// talk stand still too (a receive on a socket with no timeout for a reply that never comes).
/// A client that a timer of its own may wake (a socket's timeout, a poll's, a timerfd, a SIGALRM
/// it catches) is never stuck, and is waited for.
pub fn client(
    ctx: &Ctx,
    t: &Transcript,
    name: &str,
    port: u16,
    args: &[String],
    input: Option<&[u8]>,
    wait: Duration,
) -> Result<Finished, Failure> {
    let mut spawn = ctx
        .program(name)?
        .args(["127.0.0.1".to_string(), port.to_string()])
        .args(args.iter().cloned());
    if let Some(input) = input {
        spawn = spawn.stdin(Input::Bytes(input.to_vec()));
    }
    let mut program = spawn.start()?;
    ctx.watch(program.pid(), name);
    let deadline = ctx.within(wait);
    let status = match wait::exit_or_stuck(t, &mut program, deadline) {
        Ok(status) => status,
        // alarm() arms nothing /proc shows: a client that catches SIGALRM may be woken by one,
        // so it has its whole time; so has one whose socket's timeout cannot be read here.
        Err(stuck)
            if stuck.unknown_socket_timeout || procinfo::may_take_an_alarm(program.pid()) =>
        {
            program.wait_until(deadline)
        }
        Err(stuck) => return Ok(finished(program, None, Some(stuck))),
    };
    let ran_out = status.is_none().then(|| t.program_now()).flatten();
    Ok(Finished {
        when_time_ran_out: ran_out,
        ..finished(program, status, None)
    })
}

impl Finished {
    /// It must have exited with status 0. Else the failure says it did not end in time
    /// (`no_exit`, a timeout), or how it ended while `doing` something, with its stderr.
    pub fn expect_success(
        &mut self,
        t: &Transcript,
        no_exit: impl Into<Text>,
        doing: impl Into<Text>,
    ) -> TestResult {
        let Some(status) = self.status else {
            return Err(t.attach(self.still_running(no_exit)));
        };
        if status.success() {
            return Ok(());
        }
        Err(t
            .attach(self.program.unexpected_exit(doing))
            .output(escape::excerpt(self.stderr.as_bytes(), 600)))
    }

    /// The failure of a program that did not end (`status` is `None`): `summary`, and where it
    /// sleeps if it is stuck; a timeout either way.
    pub fn still_running(&self, summary: impl Into<Text>) -> Failure {
        let summary = summary.into();
        match &self.stuck {
            Some(stuck) => Failure::of_kind(
                FailureKind::Timeout,
                if stuck.spins == Some(Spinning::WithoutAccepting) {
                    msg!(
                        "run-spins-without-accepting",
                        what = summary,
                        label = stuck.label.as_str()
                    )
                } else if stuck.spins.is_some() {
                    msg!("run-spins", what = summary, label = stuck.label.as_str())
                } else {
                    msg!("run-stuck", what = summary, label = stuck.label.as_str())
                },
            )
            .diagnosed(if stuck.untimed_socket_wait {
                Diagnosis::ClientWithoutTimeout
            } else {
                stuck.diagnosis()
            })
            .whereabouts(stuck.whereabouts(), stuck.where_.clone()),
            None => {
                let f = Failure::of_kind(FailureKind::Timeout, summary);
                match &self.when_time_ran_out {
                    Some(now) => f.whereabouts(Whereabouts::WhenTimeRanOut, now.clone()),
                    None => f,
                }
            }
        }
    }
}
