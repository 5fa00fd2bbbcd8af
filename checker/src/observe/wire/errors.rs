//! I/O errors met on the wire, as failures of the right kind.

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};

/// Turn an I/O error met while talking to the program into a failure of the right kind.
pub fn io_failure(who: &str, doing: impl Into<Text>, e: &std::io::Error) -> Failure {
    let doing: Text = doing.into();
    let kind = match e.kind() {
        ErrorKind::ConnectionRefused => Kind::Refused,
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
            Kind::Reset
        }
        ErrorKind::WouldBlock | ErrorKind::TimedOut => Kind::Timeout,
        ErrorKind::UnexpectedEof => Kind::EarlyEof,
        _ => {
            let what = e.to_string();
            return Failure::wrong(msg!(
                "wire-io-failure",
                who = who,
                doing = doing,
                what = what
            ));
        }
    };
    let what = match kind {
        Kind::Refused => msg!("wire-refused"),
        Kind::Reset => msg!("wire-reset", error = e.to_string()),
        Kind::Timeout => msg!("wire-timed-out"),
        _ => Text::Plain(e.to_string()),
    };
    Failure::of_kind(
        kind,
        msg!("wire-io-failure", who = who, doing = doing, what = what),
    )
}

/// If the first difference is where U+FFFD (EF BF BD) replaced the bytes sent, say so: the
/// data went through a String (`from_utf8_lossy`), the commonest way to corrupt binary data.
/// `failure` with the byte-precise difference between `expected` and `got` (nothing if they are
/// equal): lengths, the first differing offset, both sides around it; and a note when the data
/// went through a String.
pub fn differ(failure: Failure, expected: &[u8], got: &[u8]) -> Failure {
    let mut f = failure;
    for (label, text) in escape::diff(expected, got).unwrap_or_default() {
        f = f.detail(label, text);
    }
    note_lossy_text(f, expected, got)
}

pub fn note_lossy_text(failure: Failure, expected: &[u8], got: &[u8]) -> Failure {
    const REPLACEMENT: &[u8] = b"\xef\xbf\xbd";
    match escape::first_difference(expected, got) {
        Some(at)
            if got[at..].starts_with(REPLACEMENT) && !expected[at..].starts_with(REPLACEMENT) =>
        {
            failure.note(msg!("wire-lossy-text"))
        }
        _ => failure,
    }
}

pub(super) fn remaining(deadline: Instant) -> Option<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    (left > Duration::ZERO).then_some(left)
}
