//! The contract every lab program keeps for an expected error: exactly one line on stderr and
//! exit status 1 — never a panic, never a hang.

use super::run::Finished;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind};
use crate::observe::wire::Transcript;

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
