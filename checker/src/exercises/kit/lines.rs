//! Lines a program printed: those starting with a given word, and waiting for the `nth`.

use std::time::Instant;

use crate::contain::capture::{Capture, complete_lines};

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
