//! The JUnit report, as CI systems read it: a test suite per exercise, a test case per test
//! (class name: the exercise), failures with their message, their hint (worded for the track
//! graded, as the other reports word it) and the program's output; points and scores as
//! properties.

use super::json::{build_message, failure_message};
use super::provenance::Provenance;
use crate::base::i18n::{Messages, msg};
use crate::base::verdict::Status;
use crate::grade::outcome::{ExerciseReport, TestReport};

/// The whole run as JUnit XML, in the words of `tr`'s track.
pub fn junit(
    reports: &[ExerciseReport],
    seed: u64,
    provenance: &Provenance,
    tr: &Messages,
) -> anyhow::Result<String> {
    use quick_junit::{Report, TestCase, TestSuite};
    let mut report = Report::new("socket-programming lab");
    for r in reports {
        let mut suite = TestSuite::new(r.exercise.name);
        let (earned, possible) = r.points();
        suite.add_property(("points", earned.to_string().as_str()));
        suite.add_property(("max_points", possible.to_string().as_str()));
        suite.add_property(("status", r.status().name()));
        suite.add_property(("seed", seed.to_string().as_str()));
        suite.add_property(("provenance", provenance.to_json().to_string().as_str()));
        if let Some(problem) = build_message(r, tr) {
            suite.set_system_err(problem);
        }
        for t in &r.tests {
            let status = case_status(r, t, tr);
            let mut case = TestCase::new(t.test.id, status);
            case.set_classname(r.exercise.name);
            case.set_time(t.duration);
            case.add_property(("points", r.points_of(t).to_string().as_str()));
            case.add_property(("max_points", r.possible_of(t).to_string().as_str()));
            if let Some(output) = t.failure.as_ref().and_then(|f| f.output.clone()) {
                case.set_system_out(output);
            }
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string()?)
}

/// A test's JUnit status: success, skipped (not applicable), an error (the checker's, or no
/// build) or a failure, with the message, and for a failure the hint (its track's) and the
/// section to read.
fn case_status(r: &ExerciseReport, t: &TestReport, tr: &Messages) -> quick_junit::TestCaseStatus {
    use quick_junit::{NonSuccessKind, TestCaseStatus};
    match t.status {
        Status::Pass => TestCaseStatus::success(),
        Status::NotApplicable => {
            let mut s = TestCaseStatus::skipped();
            s.set_message(
                t.failure
                    .as_ref()
                    .map(|f| tr.render(&f.summary))
                    .unwrap_or_else(|| tr.render(&t.status.words())),
            );
            s
        }
        Status::Error | Status::DoesNotCompile | Status::Unjudged => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
            s.set_type(t.status.name());
            s.set_message(
                failure_message(t, tr)
                    .or_else(|| r.build_problem.as_ref().map(|p| tr.render(&p.summary)))
                    .unwrap_or_else(|| tr.render(&t.status.words())),
            );
            s
        }
        Status::Fail | Status::NotStarted => {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_type(t.status.name());
            s.set_message(failure_message(t, tr).unwrap_or_else(|| tr.render(&t.status.words())));
            if t.failure.is_some() {
                let hint = t.test.hint_in(tr);
                s.set_description(format!(
                    "{} {hint}\n{}",
                    tr.render(&msg!("report-hint")),
                    tr.render(&super::human::read(tr, t.test.section))
                ));
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::base::i18n::Lang;
    use crate::base::verdict::Failure;
    use crate::base::workspace::Track;

    /// A failing test's hint is the track's, as in the human report and the annotations.
    #[test]
    fn a_failure_s_hint_is_worded_for_the_track() {
        let reports = [ExerciseReport::made_up(
            &crate::lab::fixtures::SERVER,
            Duration::from_millis(10),
            |t| (t.id == "client-talks").then(|| Failure::wrong("no")),
        )];
        let tr = Messages::new(Lang::En);
        let xml = |track| junit(&reports, 7, &Provenance::default(), &tr.on(track)).unwrap();
        let (rust, c) = (xml(Track::Rust), xml(Track::C));
        assert!(
            rust.contains("a hint") && !rust.contains("C's words"),
            "{rust}"
        );
        assert!(c.contains("the hint in C&apos;s words"), "{c}");
    }
}
