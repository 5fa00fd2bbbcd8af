//! Running a program to its end and taking what it printed: clients, `copy`, `resolve`.

use std::process::ExitStatus;
use std::time::Duration;

use crate::base::verdict::Failure;
use crate::contain::program::Program;
use crate::contain::spawn::Spawn;
use crate::context::Ctx;

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
    let grace = ctx.within(Duration::from_millis(500));
    program.stdout.wait_closed(grace);
    program.stderr.wait_closed(grace);
    Finished {
        status,
        stdout: program.stdout.bytes(),
        stderr: program.stderr_text(),
        program,
    }
}
