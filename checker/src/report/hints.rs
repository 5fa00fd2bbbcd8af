//! One shared place for the explanations a failure shows, keyed by the kind of error, so the
//! same mistake gets the same words in every exercise.

use crate::base::i18n::{Text, msg};
use crate::base::verdict::FailureKind;

/// What to tell the student about a kind of error.
pub fn explain(kind: FailureKind) -> Text {
    match kind {
        FailureKind::NotStarted => msg!("hint-not-started"),
        FailureKind::Panic => msg!("hint-panic"),
        FailureKind::Crash => msg!("hint-crash"),
        FailureKind::Timeout => msg!("hint-timeout"),
        FailureKind::Refused => msg!("hint-refused"),
        FailureKind::Reset => msg!("hint-reset"),
        FailureKind::EarlyEof => msg!("hint-early-eof"),
        FailureKind::AddressInUse => msg!("hint-address-in-use"),
        FailureKind::NoListeningLine => msg!("hint-no-listening-line"),
        FailureKind::BadOutput => msg!("hint-bad-output"),
        FailureKind::BadExit => msg!("hint-bad-exit"),
        FailureKind::Rule => msg!("hint-rule"),
    }
}
