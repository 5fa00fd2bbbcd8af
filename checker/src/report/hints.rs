//! One shared place for the explanations a failure shows, keyed by the kind of error, so the
//! same mistake gets the same words in every exercise. Each is said once, as a message whose C
//! form (`<key>-c`: a C stub stops at a `TODO(...)`, not a `todo!()`; C has no `OwnedFd` to
//! drop; what a C student sees as a panic is the Rust shim of a library exercise refusing what
//! the C function returned, its exercise's `c-shim/`) the renderer chooses for a C student.

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind};

/// What to tell the student about a failure the checker explains itself (it has a kind): the
/// diagnosis of the program's state where there is one, for it says more than the kind (a
/// stuck program ran out of nothing, whatever a timeout's hint says); else the kind's hint.
/// `None` for a failure that keeps its test's own hint.
pub fn for_failure(f: &Failure) -> Option<Text> {
    match (f.diagnosis, f.kind) {
        (Some(diagnosis), Some(_)) => Some(diagnosed(diagnosis)),
        (None, Some(kind)) => Some(explain(kind)),
        (_, None) => None,
    }
}

/// What to tell the student about a program in this state.
pub fn diagnosed(diagnosis: Diagnosis) -> Text {
    match diagnosis {
        Diagnosis::Stuck => msg!("hint-stuck"),
        Diagnosis::ClientWithoutTimeout => msg!("hint-client-no-timeout"),
        Diagnosis::Idle => msg!("hint-idle"),
        Diagnosis::HoldsUnread => msg!("hint-holds-unread"),
        Diagnosis::UnreadOnEdge => msg!("hint-unread-on-edge"),
        Diagnosis::PollsNothing => msg!("hint-polls-nothing"),
        Diagnosis::ClosedUnread => msg!("hint-closed-unread"),
        Diagnosis::Spins => msg!("hint-spins"),
        Diagnosis::SpinsAtEof => msg!("hint-spins-at-eof"),
        Diagnosis::SpinsWithoutAccepting => msg!("hint-spins-without-accepting"),
        Diagnosis::PortByteOrder => msg!("hint-port-byte-order"),
        Diagnosis::CutAtNul => msg!("hint-cut-at-nul"),
    }
}

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
        FailureKind::MissingCall => msg!("hint-missing-call"),
        FailureKind::PremiseNotReached => msg!("hint-premise-not-reached"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Lang, Messages};
    use crate::base::workspace::Track;

    #[test]
    fn a_diagnosis_chooses_the_hint_over_the_kind() {
        let timeout = Failure::of_kind(FailureKind::Timeout, "no answer");
        assert!(for_failure(&timeout).is_some_and(|h| h.is("hint-timeout")));
        let stuck = timeout.clone().diagnosed(Diagnosis::Stuck);
        assert!(for_failure(&stuck).is_some_and(|h| h.is("hint-stuck")));
        let reset = Failure::of_kind(FailureKind::Reset, "reset");
        let unread = reset.diagnosed(Diagnosis::ClosedUnread);
        assert!(for_failure(&unread).is_some_and(|h| h.is("hint-closed-unread")));
        let held = timeout.clone().diagnosed(Diagnosis::HoldsUnread);
        assert!(for_failure(&held).is_some_and(|h| h.is("hint-holds-unread")));
        let client = timeout.diagnosed(Diagnosis::ClientWithoutTimeout);
        assert!(for_failure(&client).is_some_and(|h| h.is("hint-client-no-timeout")));
        // A failure without a kind keeps its test's own hint, diagnosed or not.
        let wrong = Failure::wrong("wrong line").diagnosed(Diagnosis::Stuck);
        assert!(for_failure(&wrong).is_none());
    }

    /// The hint as a student of each track reads it, in English.
    fn said(f: &Failure) -> (String, String) {
        let en = Messages::new(Lang::En);
        let hint = for_failure(f).unwrap();
        (en.render(&hint), en.on(Track::C).render(&hint))
    }

    #[test]
    fn a_c_stub_is_told_of_its_todo_macro() {
        let (rust, c) = said(&Failure::not_started("reached a TODO"));
        assert!(rust.contains("todo!()") && !c.contains("todo!()"), "{c}");
        assert!(c.contains("TODO("), "{c}");
        let (rust, c) = said(&Failure::of_kind(FailureKind::Timeout, "slow"));
        assert_eq!(rust, c, "a timeout is told alike on both tracks");
    }

    #[test]
    fn a_diagnosis_is_worded_for_the_track() {
        let closed =
            Failure::of_kind(FailureKind::EarlyEof, "closed").diagnosed(Diagnosis::ClosedUnread);
        let (rust, c) = said(&closed);
        assert!(rust.contains("OwnedFd") && !c.contains("OwnedFd"), "{c}");
        let stuck = Failure::of_kind(FailureKind::Timeout, "stuck").diagnosed(Diagnosis::Stuck);
        let (rust, c) = said(&stuck);
        assert_eq!(rust, c);
    }

    #[test]
    fn a_c_student_is_told_of_no_panic() {
        for kind in [FailureKind::Panic, FailureKind::Crash, FailureKind::BadExit] {
            let (rust, c) = said(&Failure::of_kind(kind, "what happened"));
            assert_ne!(rust, c, "{kind:?}");
            assert!(!c.contains("panic!"), "{kind:?}: {c}");
        }
    }
}
