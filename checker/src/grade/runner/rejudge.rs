//! A verdict never depends on a busy machine. A test that fails in a way a starved machine can
//! cause (on time, or found asleep and taken for stuck; not a wrong rule or a crash) while the
//! kernel says the CPU was scarce (`Starvation`) is judged again, alone: every other test waits
//! (`alone`), and the second verdict stands. If the test fails on time again while starved
//! again, it is "could not be judged" (`Status::Unjudged`), worth nothing either way, never the
//! student's failure. A failure that stands while the machine was starved says how much it was.
//! A test that could not create the condition it judges under (`FailureKind::PremiseNotReached`)
//! is judged again alone too, starved or not, and could not be judged if it cannot the second
//! time either: never a pass.

use std::time::Duration;

use super::attempt::Attempt;
use super::turns::TURN_WAIT;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, Starvation, Status};

/// A failure a starved machine can cause, of a test of programs: what waits for time (a
/// timeout, the program found running or asleep with nothing moving, which a wake-up held back
/// by the machine looks like; a count or a line short; a connection cut while the program
/// lagged; a server not listening yet after 5 s, an interpreter's slow start on a starved
/// machine), never a broken rule, a crash, a bad exit, bad output, a program seen spinning or
/// an unstarted stub (`Failure::is_certain`). A library function's wrong answer is no one's lag.
fn on_time(f: &Failure, programs: bool) -> bool {
    f.status == Status::Fail
        && !f.is_certain()
        && match f.kind {
            Some(FailureKind::Timeout) => true,
            None
            | Some(
                FailureKind::Reset
                | FailureKind::EarlyEof
                | FailureKind::Refused
                | FailureKind::NoListeningLine,
            ) => programs,
            _ => false,
        }
}

/// Ran out of time (or saw only silence where the program had to act: `only_silence`), with
/// nothing that proves the failure however busy the machine (a spin, a connection closed
/// unread: `Failure::is_certain`): the one failure that may stay unjudged. A program seen stuck
/// twice while others starved the machine is one of them (no failure, stuck included, from a
/// starved machine).
fn timed_out(f: &Failure) -> bool {
    f.status == Status::Fail
        && !f.is_certain()
        && (f.kind == Some(FailureKind::Timeout) || f.only_silence)
}

fn starved(a: &Attempt) -> bool {
    a.starvation.is_some_and(|s| s.is_starved())
}

/// The first run failed on time while the machine was starved (`programs`: the test runs
/// programs, whose answers take time), and not by a fork bomb of its own programs; or it could
/// not create its condition at all, starved or not (what kept it from happening is not the
/// program's to answer for: the pressure figures miss a checker thread held back in its turn).
pub fn worth_judging_again(first: &Attempt, programs: bool) -> bool {
    let Some(f) = first.failure.as_ref() else {
        return false;
    };
    f.is_premise_not_reached() || (on_time(f, programs) && starved(first) && !first.forked_past_cap)
}

/// A run not judged again: its verdict as it is.
pub fn as_it_stands(a: Attempt) -> Attempt {
    a
}

/// A run worth judging again that got no turn alone in time: a failure on time while starved
/// could not be judged (never the student's failure, which the second run was to decide); a
/// condition not reached already could not.
pub fn no_turn_alone(mut first: Attempt) -> Attempt {
    let summary = msg!(
        "rejudge-no-turn",
        first = figures(&first),
        seconds = TURN_WAIT.as_secs().to_string()
    );
    first.failure = first.failure.map(|f| {
        if f.is_premise_not_reached() {
            f
        } else {
            unjudged(f, summary)
        }
    });
    first
}

/// How long the machine is watched with no test running before a test is judged again.
pub const BASELINE: Duration = Duration::from_millis(300);

/// The verdict of a test judged twice: the second run's, unless it failed on time while
/// starved again and the machine was starved by others (`baseline`: its pressure with none of
/// the checker's tests running) — then it could not be judged. Starved only by its own
/// programs (a server spinning at 100%), the failure is the program's. A test that could not
/// create its condition the second time either could not be judged, whatever the machine.
pub fn conclude(first: Attempt, mut second: Attempt, baseline: Option<Starvation>) -> Attempt {
    let first_starved = starved(&first);
    // A program whose busiest thread had a CPU a third of its second run and still did not
    // answer spun: its own failure, however busy the machine. (One thread, not the sum: a
    // process per client adds up many small shares, each of them starved.)
    let had_the_cpu = second.program_cpu >= second.took / 3;
    let before = figures(&first);
    let mut log = first.log;
    log.push(msg!("rejudge-log", first = before.clone()));
    log.append(&mut second.log);
    second.log = log;
    second.took += first.took;
    let Some(f) = second.failure.take() else {
        return second;
    };
    let again = figures(&second);
    let busy_without_us = baseline.is_some_and(|b| b.is_starved());
    second.failure = Some(if f.is_premise_not_reached() {
        premise_unjudged(f, before, again)
    } else if timed_out(&f) && starved(&second) && busy_without_us && !had_the_cpu {
        unjudged(f, msg!("rejudge-unjudged", first = before, alone = again))
    } else if first_starved {
        f.detail(
            msg!("label-machine-busy"),
            msg!("rejudge-figures", first = before, alone = again),
        )
    } else {
        // Judged again for a condition not reached, on a machine not starved: the figures
        // would blame a busy machine for nothing.
        f
    });
    second
}

/// "63% of 2.1 s", or "?" where the kernel keeps no pressure information.
fn figures(a: &Attempt) -> Text {
    a.starvation
        .map_or_else(|| Text::Plain("?".into()), |s: Starvation| s.figures())
}

/// "could not be judged: the machine was too busy (…)" (`summary`), what the test saw kept as
/// evidence.
fn unjudged(f: Failure, summary: Text) -> Failure {
    let saw = f.summary.clone();
    let mut u = Failure {
        status: Status::Unjudged,
        summary,
        kind: None,
        diagnosis: None,
        note: None,
        ..f
    };
    u.details.insert(0, (msg!("label-what-it-saw"), saw));
    u
}

/// "could not be judged: twice, the test could not bring about what it judges under: …", what
/// it could not bring about as the evidence (its summary). Keeps its kind, whose hint says to
/// grade again.
fn premise_unjudged(f: Failure, first: Text, alone: Text) -> Failure {
    Failure {
        status: Status::Unjudged,
        summary: msg!(
            "rejudge-premise-unjudged",
            premise = f.summary.clone(),
            first = first,
            alone = alone
        ),
        ..f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::verdict::Diagnosis;

    fn attempt(failure: Option<Failure>, share: f64) -> Attempt {
        let over = Duration::from_secs(2);
        Attempt {
            failure,
            took: over,
            log: Vec::new(),
            program_cpu: Duration::ZERO,
            forked_past_cap: false,
            starvation: Some(Starvation {
                stalled: over.mul_f64(share),
                over,
            }),
        }
    }

    /// The machine starved with none of the checker's tests running, or quiet.
    fn busy() -> Option<Starvation> {
        attempt(None, 0.5).starvation
    }

    fn quiet() -> Option<Starvation> {
        attempt(None, 0.02).starvation
    }

    fn timeout() -> Failure {
        Failure::of_kind(FailureKind::Timeout, "no reply within 2 s")
    }

    #[test]
    fn only_a_failure_on_time_while_starved_is_judged_again() {
        assert!(worth_judging_again(&attempt(Some(timeout()), 0.6), true));
        assert!(worth_judging_again(&attempt(Some(timeout()), 0.6), false));
        let short = Failure::wrong("19,000 lines of 20,000");
        assert!(worth_judging_again(
            &attempt(Some(short.clone()), 0.6),
            true
        ));
        // A server not listening after 5 s (amqtt, a Python broker, at a load of 10 on 2 cores)
        // is judged again alone; its second verdict stands (a line never flushed stays unseen).
        let slow_start = Failure::of_kind(FailureKind::NoListeningLine, "never listened");
        assert!(worth_judging_again(&attempt(Some(slow_start), 0.6), true));
        // A library function's wrong answer is not the machine's.
        assert!(!worth_judging_again(&attempt(Some(short), 0.6), false));
        // The machine was not starved: the failure stands.
        assert!(!worth_judging_again(&attempt(Some(timeout()), 0.05), true));
        // Taken for stuck on a starved machine ("nothing came back, and nothing will"; "no
        // EOF" with where it waits): a wake-up the machine held back looks the same, so it is
        // judged again, alone; on a quiet machine it stands.
        let stuck = timeout().diagnosed(Diagnosis::Stuck);
        assert!(worth_judging_again(
            &attempt(Some(stuck.clone()), 0.9),
            true
        ));
        assert!(!worth_judging_again(&attempt(Some(stuck), 0.05), true));
        for asleep in [
            Diagnosis::HoldsUnread,
            Diagnosis::UnreadOnEdge,
            Diagnosis::ClientWithoutTimeout,
        ] {
            let f = timeout().diagnosed(asleep);
            assert!(worth_judging_again(&attempt(Some(f), 0.9), true));
        }
        // Spinning, a connection closed unread, a broken rule, a crash: no busy machine makes
        // them.
        for certain in [
            Diagnosis::Spins,
            Diagnosis::SpinsAtEof,
            Diagnosis::SpinsWithoutAccepting,
            Diagnosis::ClosedUnread,
        ] {
            let f = timeout().diagnosed(certain);
            assert!(!worth_judging_again(&attempt(Some(f), 0.9), true));
        }
        let rule = Failure::of_kind(FailureKind::Rule, "unwrap");
        assert!(!worth_judging_again(&attempt(Some(rule), 0.9), true));
        let crash = Failure::of_kind(FailureKind::Crash, "SIGSEGV");
        assert!(!worth_judging_again(&attempt(Some(crash), 0.9), true));
        assert!(!worth_judging_again(&attempt(None, 0.9), true));
        // Its own programs forked past the cap: they starved the machine.
        let mut bomb = attempt(Some(timeout()), 0.9);
        bomb.forked_past_cap = true;
        assert!(!worth_judging_again(&bomb, true));
        // No pressure information: judged as it is.
        let mut blind = attempt(Some(timeout()), 0.9);
        blind.starvation = None;
        assert!(!worth_judging_again(&blind, true));
    }

    #[test]
    fn the_second_verdict_stands_unless_starved_again_on_time() {
        let passed = conclude(attempt(Some(timeout()), 0.6), attempt(None, 0.1), busy());
        assert!(passed.failure.is_none());
        assert_eq!(passed.log.len(), 1, "the log says it was judged again");

        let stands = conclude(
            attempt(Some(timeout()), 0.6),
            attempt(Some(timeout()), 0.05),
            busy(),
        );
        let f = stands.failure.unwrap();
        assert_eq!(f.status, Status::Fail);
        assert!(f.details.iter().any(|(l, _)| l.is("label-machine-busy")));

        let unjudged = conclude(
            attempt(Some(timeout()), 0.6),
            attempt(Some(timeout()), 0.7),
            busy(),
        );
        let f = unjudged.failure.unwrap();
        assert_eq!(f.status, Status::Unjudged);
        assert!(f.status.is_scored(), "its points stay in the maximum");
        assert!(f.summary.is("rejudge-unjudged"));
        assert!(f.details[0].0.is("label-what-it-saw"));

        // Starved again, but only by its own programs (the machine was quiet without them): the
        // timeout is the program's.
        let own = conclude(
            attempt(Some(timeout()), 0.6),
            attempt(Some(timeout()), 0.7),
            quiet(),
        );
        assert_eq!(own.failure.unwrap().status, Status::Fail);

        // Starved, but its program had a CPU most of the time: it spun, its own failure.
        let mut spun = attempt(Some(timeout()), 0.7);
        spun.program_cpu = spun.took;
        let own = conclude(attempt(Some(timeout()), 0.6), spun, busy());
        assert_eq!(own.failure.unwrap().status, Status::Fail);

        // A wrong answer the second time stands, starved or not: only time can stay unjudged.
        let short = Failure::wrong("19,000 lines of 20,000");
        let wrong = conclude(
            attempt(Some(short.clone()), 0.6),
            attempt(Some(short), 0.7),
            busy(),
        );
        assert_eq!(wrong.failure.unwrap().status, Status::Fail);
        // A spin the second time is judged as it is, starved or not: CPU time a busy machine
        // does not add to.
        let spins = timeout().diagnosed(Diagnosis::Spins);
        let other = conclude(
            attempt(Some(timeout()), 0.6),
            attempt(Some(spins), 0.7),
            busy(),
        );
        assert_eq!(other.failure.unwrap().status, Status::Fail);
    }

    /// Only silence where the program had to act (a connection left open), with no kind: judged
    /// as a timeout is, its hint (none: the test's own) kept.
    #[test]
    fn only_silence_is_judged_as_a_timeout_is() {
        let silent = || Failure {
            only_silence: true,
            ..Failure::wrong("still open 2.0 s later")
        };
        let unjudged = conclude(
            attempt(Some(silent()), 0.6),
            attempt(Some(silent()), 0.7),
            busy(),
        );
        assert_eq!(unjudged.failure.unwrap().status, Status::Unjudged);
        let stands = conclude(
            attempt(Some(silent()), 0.6),
            attempt(Some(silent()), 0.05),
            busy(),
        );
        let f = stands.failure.unwrap();
        assert_eq!((f.status, f.kind), (Status::Fail, None));
    }

    #[test]
    fn a_stuck_verdict_judged_again_stands_if_stuck_alone_too() {
        let stuck = || timeout().diagnosed(Diagnosis::Stuck);
        let passed = conclude(attempt(Some(stuck()), 0.6), attempt(None, 0.7), busy());
        assert!(passed.failure.is_none());
        // Stuck again, alone, while others starved the machine: could not be judged, never a
        // failure the machine made.
        let again = conclude(
            attempt(Some(stuck()), 0.6),
            attempt(Some(stuck()), 0.7),
            busy(),
        );
        assert_eq!(again.failure.unwrap().status, Status::Unjudged);
        // Stuck again on a machine nobody else starved: the program's failure.
        let again = conclude(
            attempt(Some(stuck()), 0.6),
            attempt(Some(stuck()), 0.0),
            quiet(),
        );
        let f = again.failure.unwrap();
        assert_eq!(f.status, Status::Fail);
        assert!(f.details.iter().any(|(l, _)| l.is("label-machine-busy")));
    }

    #[test]
    fn no_turn_alone_in_time_is_could_not_be_judged_never_a_failure() {
        let left = no_turn_alone(attempt(Some(timeout()), 0.6));
        let f = left.failure.unwrap();
        assert_eq!(f.status, Status::Unjudged);
        assert!(f.summary.is("rejudge-no-turn"));
        assert!(f.details[0].0.is("label-what-it-saw"));
        let premise = Failure::premise_not_reached("the buffers never filled");
        let left = no_turn_alone(attempt(Some(premise), 0.6));
        assert!(left.failure.unwrap().is_premise_not_reached());
        assert!(no_turn_alone(attempt(None, 0.6)).failure.is_none());
    }

    #[test]
    fn a_condition_not_reached_is_judged_again_and_never_passes() {
        let premise = || Failure::premise_not_reached("the buffers never filled");
        // Judged again whatever the machine: quiet, without pressure figures, or a fork bomb's.
        assert!(worth_judging_again(&attempt(Some(premise()), 0.0), true));
        let mut blind = attempt(Some(premise()), 0.0);
        blind.starvation = None;
        assert!(worth_judging_again(&blind, true));
        // Reached the second time: that verdict stands, a pass or a failure (no busy machine
        // to blame on a quiet one).
        let passed = conclude(attempt(Some(premise()), 0.0), attempt(None, 0.0), quiet());
        assert!(passed.failure.is_none());
        let short = Failure::wrong("bytes missing");
        let failed = conclude(
            attempt(Some(premise()), 0.0),
            attempt(Some(short), 0.0),
            quiet(),
        );
        let f = failed.failure.unwrap();
        assert_eq!(f.status, Status::Fail);
        assert!(!f.details.iter().any(|(l, _)| l.is("label-machine-busy")));
        // Not reached again: could not be judged, busy or quiet.
        for baseline in [busy(), quiet()] {
            let twice = conclude(
                attempt(Some(premise()), 0.6),
                attempt(Some(premise()), 0.1),
                baseline,
            );
            let f = twice.failure.unwrap();
            assert_eq!(f.status, Status::Unjudged);
            assert!(f.summary.is("rejudge-premise-unjudged"));
            assert!(f.is_premise_not_reached());
        }
        // Left as it stands (no turn alone in time): could not be judged, never a pass.
        let left = as_it_stands(attempt(Some(premise()), 0.6));
        assert_eq!(left.failure.unwrap().status, Status::Unjudged);
    }
}
