//! Running a program to its end and taking what it printed: clients, `copy`, `resolve`.

use std::process::ExitStatus;
use std::time::Duration;

use crate::base::escape;
use crate::base::i18n::Text;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::program::Program;
use crate::contain::spawn::{Input, Spawn};
use crate::context::Ctx;
use crate::observe::wire::Transcript;

/// A program run to its end (or to the limit), with what it printed.
pub struct Finished {
    /// How it ended; `None` if it was still running at the limit.
    pub status: Option<ExitStatus>,
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

/// Wait (at most `wait`) until a started program exits; then let its output readers catch its
/// last bytes and take them.
pub fn wait_for_exit(ctx: &Ctx, mut program: Program, wait: Duration) -> Finished {
    let status = program.wait_until(ctx.within(wait));
    program.stdout.wait_drained();
    program.stderr.wait_drained();
    Finished {
        status,
        stdout: program.stdout.bytes(),
        stderr: program.stderr_text(),
        program,
    }
}

/// Run the client program `name` against `127.0.0.1 <port>` (then `args`), `input` on its
/// stdin (none: an empty stdin), until it exits or `wait` passes.
pub fn client(
    ctx: &Ctx,
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
    to_exit(ctx, spawn, wait)
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
            return Err(t.attach(Failure::of_kind(FailureKind::Timeout, no_exit)));
        };
        if status.success() {
            return Ok(());
        }
        Err(t
            .attach(self.program.unexpected_exit(doing))
            .output(escape::excerpt(self.stderr.as_bytes(), 600)))
    }
}
