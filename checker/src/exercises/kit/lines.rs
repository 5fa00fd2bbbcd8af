//! Lines a program printed: those starting with a given word, and waiting for the `nth`.

use std::time::Instant;

use crate::contain::capture::{Capture, complete_lines};
use crate::observe::stuck::Stuck;
use crate::observe::wire::Transcript;

/// The complete lines of `data` that start with `prefix`.
pub fn with_prefix(data: &[u8], prefix: &str) -> Vec<String> {
    complete_lines(data)
        .filter(|l| l.starts_with(prefix))
        .map(|l| l.into_owned())
        .collect()
}

/// Wait until `capture` holds more than `nth` complete lines starting with `prefix` (or the
/// deadline passes); all such lines so far, if there are enough.
pub fn wait_nth(
    capture: &Capture,
    prefix: &str,
    nth: usize,
    deadline: Instant,
) -> Option<Vec<String>> {
    capture.wait_for(deadline, |data| {
        Some(with_prefix(data, prefix)).filter(|l| l.len() > nth)
    })
}

/// `wait_nth`, for a line the program under test prints once the checker has done its part:
/// the wait ends as soon as the program is stuck (see `observe::stuck`), with where it sleeps.
pub fn wait_nth_watching(
    capture: &Capture,
    prefix: &str,
    nth: usize,
    deadline: Instant,
    t: &Transcript,
) -> Result<Option<Vec<String>>, Stuck> {
    t.wait_or_stuck(deadline, |step| wait_nth(capture, prefix, nth, step))
}
