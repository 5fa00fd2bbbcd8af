//! One shared place for the explanations a failure shows, keyed by the kind of error, so the
//! same mistake gets the same words in every exercise.

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind};
use crate::base::workspace::Track;

/// What to tell the student about a failure the checker explains itself (it has a kind): the
/// diagnosis of the program's state where there is one, for it says more than the kind (a
/// stuck program ran out of nothing, whatever a timeout's hint says); else the kind's hint.
/// `None` for a failure that keeps its test's own hint. Worded for the student's `track`.
pub fn for_failure(f: &Failure, track: Track) -> Option<Text> {
    match (f.diagnosis, f.kind) {
        (Some(diagnosis), Some(_)) => Some(diagnosed_on(diagnosis, track)),
        (None, Some(kind)) => Some(explain_on(kind, track)),
        (_, None) => None,
    }
}

/// What to tell a student of `track` about a program in this state: C has no `OwnedFd` to
/// drop and no `read_exact`.
pub fn diagnosed_on(diagnosis: Diagnosis, track: Track) -> Text {
    match (diagnosis, track) {
        (Diagnosis::Idle, Track::C) => msg!("hint-idle-c"),
        (Diagnosis::ClosedUnread, Track::C) => msg!("hint-closed-unread-c"),
        _ => diagnosed(diagnosis),
    }
}

/// What to tell the student about a program in this state (as the Rust track says it).
pub fn diagnosed(diagnosis: Diagnosis) -> Text {
    match diagnosis {
        Diagnosis::Stuck => msg!("hint-stuck"),
        Diagnosis::ClientWithoutTimeout => msg!("hint-client-no-timeout"),
        Diagnosis::Idle => msg!("hint-idle"),
        Diagnosis::HoldsUnread => msg!("hint-holds-unread"),
        Diagnosis::ClosedUnread => msg!("hint-closed-unread"),
        Diagnosis::Spins => msg!("hint-spins"),
        Diagnosis::SpinsAtEof => msg!("hint-spins-at-eof"),
        Diagnosis::SpinsWithoutAccepting => msg!("hint-spins-without-accepting"),
    }
}

/// What to tell a student of `track` about a kind of error: a C stub stops at a `TODO(...)`,
/// not at a `todo!()`; C code cannot panic: what a C student sees as a panic is the Rust shim
/// of a library exercise refusing what the C function returned (its exercise's `c-shim/`); a
/// C program's crash is a pointer's, not a Rust panic's; and its status 101 is a `TODO`'s.
pub fn explain_on(kind: FailureKind, track: Track) -> Text {
    match (kind, track) {
        (FailureKind::NotStarted, Track::C) => msg!("hint-not-started-c"),
        (FailureKind::Panic, Track::C) => msg!("hint-panic-c"),
        (FailureKind::Crash, Track::C) => msg!("hint-crash-c"),
        (FailureKind::BadExit, Track::C) => msg!("hint-bad-exit-c"),
        (FailureKind::Rule, Track::C) => msg!("hint-rule-c"),
        _ => explain(kind),
    }
}

/// What to tell the student about a kind of error (as the Rust track says it).
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnosis_chooses_the_hint_over_the_kind() {
        let timeout = Failure::of_kind(FailureKind::Timeout, "no answer");
        assert!(for_failure(&timeout, Track::Rust).is_some_and(|h| h.is("hint-timeout")));
        let stuck = timeout.clone().diagnosed(Diagnosis::Stuck);
        assert!(for_failure(&stuck, Track::C).is_some_and(|h| h.is("hint-stuck")));
        let reset = Failure::of_kind(FailureKind::Reset, "reset");
        let unread = reset.diagnosed(Diagnosis::ClosedUnread);
        assert!(for_failure(&unread, Track::Rust).is_some_and(|h| h.is("hint-closed-unread")));
        let held = timeout.clone().diagnosed(Diagnosis::HoldsUnread);
        assert!(for_failure(&held, Track::Rust).is_some_and(|h| h.is("hint-holds-unread")));
        let client = timeout.diagnosed(Diagnosis::ClientWithoutTimeout);
        assert!(for_failure(&client, Track::Rust).is_some_and(|h| h.is("hint-client-no-timeout")));
        // A failure without a kind keeps its test's own hint, diagnosed or not.
        let wrong = Failure::wrong("wrong line").diagnosed(Diagnosis::Stuck);
        assert!(for_failure(&wrong, Track::C).is_none());
    }

    #[test]
    fn a_c_stub_is_told_of_its_todo_macro() {
        let todo = Failure::not_started("reached a TODO");
        assert!(for_failure(&todo, Track::Rust).is_some_and(|h| h.is("hint-not-started")));
        assert!(for_failure(&todo, Track::C).is_some_and(|h| h.is("hint-not-started-c")));
        let timeout = FailureKind::Timeout;
        assert!(explain_on(timeout, Track::C).is("hint-timeout"));
    }

    #[test]
    fn a_diagnosis_is_worded_for_the_track() {
        let closed =
            Failure::of_kind(FailureKind::EarlyEof, "closed").diagnosed(Diagnosis::ClosedUnread);
        assert!(for_failure(&closed, Track::Rust).is_some_and(|h| h.is("hint-closed-unread")));
        assert!(for_failure(&closed, Track::C).is_some_and(|h| h.is("hint-closed-unread-c")));
        let stuck = Failure::of_kind(FailureKind::Timeout, "stuck").diagnosed(Diagnosis::Stuck);
        assert!(for_failure(&stuck, Track::C).is_some_and(|h| h.is("hint-stuck")));
    }

    #[test]
    fn a_c_student_is_told_of_no_panic() {
        let panic = Failure::of_kind(FailureKind::Panic, "lab_write_all returned 5");
        assert!(for_failure(&panic, Track::Rust).is_some_and(|h| h.is("hint-panic")));
        assert!(for_failure(&panic, Track::C).is_some_and(|h| h.is("hint-panic-c")));
        let crash = Failure::of_kind(FailureKind::Crash, "killed by SIGSEGV");
        assert!(for_failure(&crash, Track::Rust).is_some_and(|h| h.is("hint-crash")));
        assert!(for_failure(&crash, Track::C).is_some_and(|h| h.is("hint-crash-c")));
        let exit = Failure::of_kind(FailureKind::BadExit, "exited with status 2");
        assert!(for_failure(&exit, Track::Rust).is_some_and(|h| h.is("hint-bad-exit")));
        assert!(for_failure(&exit, Track::C).is_some_and(|h| h.is("hint-bad-exit-c")));
    }
}
