//! I/O errors met on the wire, as failures of the right kind.

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind as Kind};

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

/// Also, if the bytes stop being the same exactly at the data's first NUL byte, say so: the
/// data was measured as a C string (strlen, fgets, printf's %s) somewhere on its way, a cause no
/// short send or slow peer gives (those lose bytes anywhere, and past the first NUL the data
/// holds hundreds more). A wrong byte there proves it; an end there only says it.
pub fn note_lossy_text(failure: Failure, expected: &[u8], got: &[u8]) -> Failure {
    const REPLACEMENT: &[u8] = b"\xef\xbf\xbd";
    match escape::first_difference(expected, got) {
        Some(at)
            if got[at..].starts_with(REPLACEMENT) && !expected[at..].starts_with(REPLACEMENT) =>
        {
            failure.note(msg!("wire-lossy-text"))
        }
        // Nothing came at all: no sign of a cut at a NUL, even where the data begins with one
        // (random data does, one seed in 256).
        Some(at) if !got.is_empty() && cut_at_first_nul(expected, at) => {
            let f = failure
                .note(msg!("wire-cut-at-nul", offset = at.to_string()))
                .diagnosed(Diagnosis::CutAtNul);
            let f = if f.kind.is_none() {
                f.kind(Kind::BadOutput)
            } else {
                f
            };
            if at < got.len() { f.proven() } else { f }
        }
        _ => failure,
    }
}

/// Whether `expected` and what came differ first at `at`, the first NUL byte of `expected`.
pub fn cut_at_first_nul(expected: &[u8], at: usize) -> bool {
    expected.iter().position(|&b| b == 0) == Some(at)
}

pub(super) fn remaining(deadline: Instant) -> Option<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    (left > Duration::ZERO).then_some(left)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An echo cut at the data's first NUL is named so, with a wrong byte proving it; a loss
    /// anywhere else, or at a later NUL, is not.
    #[test]
    fn an_echo_cut_at_the_first_nul_is_named_so() {
        let sent = b"abc\0def\0ghi";
        let cut = note_lossy_text(Failure::wrong("differs"), sent, b"abcghi");
        assert_eq!(cut.diagnosis, Some(Diagnosis::CutAtNul));
        assert!(cut.is_certain());
        let ended = note_lossy_text(Failure::wrong("differs"), sent, b"abc");
        assert_eq!(ended.diagnosis, Some(Diagnosis::CutAtNul));
        assert!(!ended.is_certain());
        let lost = note_lossy_text(Failure::wrong("differs"), sent, b"abc\0dghi");
        assert_eq!(lost.diagnosis, None);
        let later = note_lossy_text(Failure::wrong("differs"), sent, b"abc\0defghi");
        assert_eq!(later.diagnosis, None);
        let nothing = note_lossy_text(Failure::wrong("nothing came"), b"\0abc", b"");
        assert_eq!(nothing.diagnosis, None);
    }
}
