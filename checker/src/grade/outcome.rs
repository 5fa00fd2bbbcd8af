//! What grading produces, and every report renders: the outcome of each test and of each
//! exercise, with its points.

use std::time::Duration;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, Status};
use crate::lab::exercise::Exercise;
use crate::lab::test::Test;

/// The outcome of one test. Its status is its failure's (a pass has none): made only by
/// `TestReport::of` and `TestReport::unbuilt`, so the two never disagree.
#[derive(Clone)]
pub struct TestReport {
    pub test: Test,
    pub status: Status,
    pub failure: Option<Failure>,
    pub duration: Duration,
    /// The test's transcript (shown with -v).
    pub log: Vec<Text>,
}

impl TestReport {
    /// The report of a test that ran: passed without a failure, else with its failure's status.
    pub fn of(test: Test, failure: Option<Failure>, duration: Duration, log: Vec<Text>) -> Self {
        TestReport {
            test,
            status: failure.as_ref().map_or(Status::Pass, |f| f.status),
            failure,
            duration,
            log,
        }
    }

    /// The report of a test that could not run: its exercise was not built (`BuildProblem`).
    pub fn unbuilt(test: Test, problem: &BuildProblem) -> Self {
        TestReport {
            test,
            status: problem.status,
            failure: None,
            duration: Duration::ZERO,
            log: Vec::new(),
        }
    }

    /// The test's points if it passed, before a broken rule voids them
    /// (`ExerciseReport::points_of` says what it earns).
    pub fn points_earned(&self) -> u32 {
        if self.status == Status::Pass {
            self.test.points
        } else {
            0
        }
    }

    /// An untouched stub's rules: "not started", with nothing to hint at yet.
    pub fn is_quiet(&self) -> bool {
        self.test.is_rules && self.status == Status::NotStarted
    }

    /// Worth showing as a problem: neither a pass, nor a test that does not apply, nor quiet.
    pub fn is_a_problem(&self) -> bool {
        !(matches!(self.status, Status::Pass | Status::NotApplicable) || self.is_quiet())
    }
}

/// Why an exercise could not be tested at all.
#[derive(Debug, Clone)]
pub struct BuildProblem {
    pub summary: Text,
    /// The compiler's own messages, or what to do.
    pub diagnostics: Text,
    /// The status of each of its tests: does-not-compile, or fail for a submission that
    /// changed a file students must not edit.
    pub status: Status,
}

#[derive(Clone)]
pub struct ExerciseReport {
    pub exercise: &'static Exercise,
    pub build_problem: Option<BuildProblem>,
    pub tests: Vec<TestReport>,
    /// The compiler's warnings on a build that succeeded (an unused `Result`), as it printed
    /// them: the human report shows them; they change no verdict.
    pub warnings: Vec<String>,
}

/// The verdict of a whole exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseStatus {
    Passing,
    Failing,
    NotStarted,
    DoesNotCompile,
}

impl ExerciseStatus {
    const ALL: [ExerciseStatus; 4] = [
        ExerciseStatus::Passing,
        ExerciseStatus::Failing,
        ExerciseStatus::NotStarted,
        ExerciseStatus::DoesNotCompile,
    ];

    /// The status whose `name` this is (as the cache stores it).
    pub fn from_name(name: &str) -> Option<ExerciseStatus> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The status in the reader's words (the machine reports keep `name`).
    pub fn words(self) -> Text {
        match self {
            ExerciseStatus::Passing => msg!("exercise-passing"),
            ExerciseStatus::Failing => msg!("exercise-failing"),
            ExerciseStatus::NotStarted => msg!("exercise-not-started"),
            ExerciseStatus::DoesNotCompile => msg!("exercise-does-not-compile"),
        }
    }

    /// The status in the reader's words, given how many tests failed (or went unjudged): an
    /// exercise `Failing` with none is one whose other tests are still at their stubs, in
    /// progress, never labelled as failing.
    pub fn words_given(self, failed: usize) -> Text {
        match self {
            ExerciseStatus::Failing if failed == 0 => msg!("exercise-in-progress"),
            other => other.words(),
        }
    }

    /// The status as the machine reports and the cache name it: the one spelling of it.
    pub fn name(self) -> &'static str {
        match self {
            ExerciseStatus::Passing => "pass",
            ExerciseStatus::Failing => "fail",
            ExerciseStatus::NotStarted => "not-started",
            ExerciseStatus::DoesNotCompile => "does-not-compile",
        }
    }
}

/// Reports made up for the reports' own tests, without grading anything.
#[cfg(test)]
impl ExerciseReport {
    /// `exercise` built, each of its tests having taken `duration` and ended as `failure` says
    /// (`None`: passed).
    pub fn made_up(
        exercise: &'static Exercise,
        duration: Duration,
        mut failure: impl FnMut(&Test) -> Option<Failure>,
    ) -> ExerciseReport {
        let tests = crate::lab::test::tests_of(exercise)
            .into_iter()
            .map(|t| {
                let f = failure(&t);
                TestReport::of(t, f, duration, Vec::new())
            })
            .collect();
        ExerciseReport {
            exercise,
            build_problem: None,
            tests,
            warnings: Vec::new(),
        }
    }
}

impl ExerciseReport {
    pub fn status(&self) -> ExerciseStatus {
        match &self.build_problem {
            Some(p) if p.status == Status::DoesNotCompile => return ExerciseStatus::DoesNotCompile,
            Some(_) => return ExerciseStatus::Failing,
            None => {}
        }
        if self
            .tests
            .iter()
            .all(|t| matches!(t.status, Status::Pass | Status::NotApplicable))
        {
            return ExerciseStatus::Passing;
        }
        // The rules hold trivially for a stub, so they do not count as progress.
        let work: Vec<&TestReport> = self.tests.iter().filter(|t| !t.test.is_rules).collect();
        if !work.is_empty() && work.iter().all(|t| matches!(t.status, Status::NotStarted)) {
            return ExerciseStatus::NotStarted;
        }
        ExerciseStatus::Failing
    }

    pub fn passed(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::Pass)
            .count()
    }

    /// Tests that ran and failed: neither passed, nor not applicable, nor not started (an
    /// untouched `todo!()` is work to do, not a failure, and every summary says so apart).
    pub fn failed(&self) -> usize {
        self.tests.len()
            - self.passed()
            - self.not_applicable()
            - self.not_started()
            - self.unjudged()
    }

    /// Tests the machine kept from being judged (`Status::Unjudged`): neither passed nor
    /// failed, and not all passed while there are any.
    pub fn unjudged(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::Unjudged)
            .count()
    }

    /// Tests that met a `todo!()` (and an untouched stub's rules).
    pub fn not_started(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::NotStarted)
            .count()
    }

    /// Every test passed or does not apply: nothing failed, nothing left to start.
    pub fn all_passed(&self) -> bool {
        self.failed() == 0 && self.not_started() == 0 && self.unjudged() == 0
    }

    /// Tests that do not apply to the program graded: neither passed nor failed.
    pub fn not_applicable(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::NotApplicable)
            .count()
    }

    /// A broken rule voids the exercise's points: work that skips the lesson earns nothing.
    /// Every report format asks this (or `points_of`) rather than deciding it again.
    pub fn rules_void_points(&self) -> bool {
        self.tests
            .iter()
            .any(|t| t.test.is_rules && t.status == Status::Fail)
    }

    /// What test `t` (one of this exercise's) earns: its points if it passed, none while a
    /// broken rule voids the exercise's.
    pub fn points_of(&self, t: &TestReport) -> u32 {
        if self.rules_void_points() {
            0
        } else {
            t.points_earned()
        }
    }

    /// What test `t` (one of this exercise's) could earn: its points, or none where it does
    /// not apply. A test the machine kept from being judged keeps them here (and earns none in
    /// `points_of`), so a busy machine never raises a score. Every report's per-test maximum.
    pub fn possible_of(&self, t: &TestReport) -> u32 {
        if t.status.is_scored() {
            t.test.points
        } else {
            0
        }
    }

    /// Points earned and possible: the sums of `points_of` and `possible_of`.
    pub fn points(&self) -> (u32, u32) {
        let possible = self.tests.iter().map(|t| self.possible_of(t)).sum();
        let earned = self.tests.iter().map(|t| self.points_of(t)).sum();
        (earned, possible)
    }
}

/// Points of one day, or of the whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    pub earned: u32,
    pub possible: u32,
}

impl Score {
    /// The fraction earned, to three decimals (0 when nothing could be earned).
    pub fn fraction(self) -> f64 {
        if self.possible == 0 {
            0.0
        } else {
            (f64::from(self.earned) / f64::from(self.possible) * 1000.0).round() / 1000.0
        }
    }
}

/// What a whole run adds up to, computed once for every format.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub passed: usize,
    pub failed: usize,
    pub not_started: usize,
    pub not_applicable: usize,
    pub unjudged: usize,
    pub score: Score,
    /// Per day, in the order the days first appear (course order).
    pub days: Vec<(u8, Score)>,
}

pub fn totals(reports: &[ExerciseReport]) -> Totals {
    let mut days: Vec<(u8, Score)> = Vec::new();
    for r in reports {
        let (earned, possible) = r.points();
        let day = match days.iter_mut().find(|(d, _)| *d == r.exercise.day) {
            Some((_, score)) => score,
            None => {
                days.push((r.exercise.day, Score::default()));
                &mut days.last_mut().expect("just pushed").1
            }
        };
        day.earned += earned;
        day.possible += possible;
    }
    let score = days.iter().fold(Score::default(), |all, (_, s)| Score {
        earned: all.earned + s.earned,
        possible: all.possible + s.possible,
    });
    Totals {
        passed: reports.iter().map(ExerciseReport::passed).sum(),
        failed: reports.iter().map(ExerciseReport::failed).sum(),
        not_started: reports.iter().map(ExerciseReport::not_started).sum(),
        not_applicable: reports.iter().map(ExerciseReport::not_applicable).sum(),
        unjudged: reports.iter().map(ExerciseReport::unjudged).sum(),
        score,
        days,
    }
}

/// The rules hold trivially while nothing is written: an untouched stub's `rules` would read
/// as a pass among failures ("1 passed"). Until some other test gets past its `todo!()`, the
/// rules count as not started too; so does a C exercise's missing required call (a stub makes
/// none yet).
pub fn rules_wait_for_work(tests: &mut [TestReport]) {
    let missing_call = |t: &TestReport| {
        t.failure
            .as_ref()
            .is_some_and(|f| f.kind == Some(FailureKind::MissingCall))
    };
    let others: Vec<Status> = tests
        .iter()
        .filter(|t| !t.test.is_rules)
        .map(|t| t.status)
        .collect();
    // Alone (`day3-fork/rules`), a missing call cannot be told from a stub's: it waits too.
    if others.iter().any(|&s| s != Status::NotStarted)
        || (others.is_empty() && !tests.iter().any(missing_call))
    {
        return;
    }
    for t in tests
        .iter_mut()
        .filter(|t| t.test.is_rules && (t.status == Status::Pass || missing_call(t)))
    {
        *t = TestReport::of(
            t.test,
            Some(Failure::not_started(msg!("rules-wait-for-work"))),
            t.duration,
            std::mem::take(&mut t.log),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::base::verdict::TestResult;
    use crate::context::Ctx;
    use crate::lab::exercise::{ExerciseKind, RULES_ID, TestCase, secs};

    fn run(_: &mut Ctx) -> TestResult {
        Ok(())
    }

    const fn case(id: &'static str, points: u32) -> TestCase {
        TestCase {
            id,
            title: "t",
            points,
            timeout: secs(1),
            hint: "h",
            hint_c: None,
            section: "s",
            program: None,
            run,
        }
    }

    static RULES: TestCase = case(RULES_ID, 0);

    static EXERCISE: Exercise = Exercise {
        name: "day9-x",
        day: 9,
        title: "x",
        section: "day9-x",
        kind: ExerciseKind::Programs { binaries: &[] },
        student_files: &[],
        families: &[],
        tests: &[case("a", 2), case("b", 3)],
        parts: &[],
        rules: &RULES,
        c: None,
    };

    /// The exercise's report with these outcomes of a, b and the rules (`None`: passed).
    fn report(outcomes: [Option<Failure>; 3]) -> ExerciseReport {
        let mut outcomes = outcomes.into_iter();
        ExerciseReport::made_up(&EXERCISE, Duration::ZERO, |_| outcomes.next().flatten())
    }

    #[test]
    fn a_reports_status_is_its_failures() {
        let r = report([Some(Failure::not_started("todo")), None, None]);
        assert_eq!(r.tests[0].status, Status::NotStarted);
        assert_eq!(r.tests[1].status, Status::Pass);
        let r = report([Some(Failure::checker_error("x")), None, None]);
        assert_eq!(r.tests[0].status, Status::Error);
    }

    #[test]
    fn a_broken_rule_voids_every_point_and_says_so_once() {
        let r = report([None, None, Some(Failure::wrong("std::net"))]);
        assert!(r.rules_void_points());
        assert_eq!(r.points(), (0, 5));
        assert!(r.tests.iter().all(|t| r.points_of(t) == 0));
        assert_eq!(r.tests[0].points_earned(), 2, "before voiding");
        let r = report([None, Some(Failure::wrong("no")), None]);
        assert!(!r.rules_void_points());
        assert_eq!(r.points(), (2, 5));
    }

    #[test]
    fn tests_that_do_not_apply_are_worth_nothing_and_fail_nothing() {
        let r = report([Some(Failure::not_applicable("no line")), None, None]);
        assert_eq!(r.points(), (3, 3));
        assert_eq!((r.passed(), r.failed(), r.not_applicable()), (2, 0, 1));
        assert_eq!(r.status(), ExerciseStatus::Passing);
    }

    /// A failing test the machine kept from being judged: were it left out of the maximum, the
    /// other test's points would read as full marks (a busy runner gave a failing broker 45/45).
    #[test]
    fn a_test_left_unjudged_keeps_its_points_in_the_maximum_and_earns_none() {
        let mut r = report([None, None, None]);
        r.tests[1].status = Status::Unjudged;
        assert_eq!(r.points(), (2, 5));
        assert_eq!(
            (r.points_of(&r.tests[1]), r.possible_of(&r.tests[1])),
            (0, 3)
        );
        assert_eq!((r.passed(), r.failed(), r.unjudged()), (2, 0, 1));
        assert!(!r.all_passed());
        let t = totals(&[r]);
        assert_eq!(
            (t.score, t.unjudged),
            (
                Score {
                    earned: 2,
                    possible: 5
                },
                1
            )
        );
    }

    #[test]
    fn an_untouched_stub_is_not_started_rules_included() {
        let mut r = report([
            Some(Failure::not_started("todo")),
            Some(Failure::not_started("todo")),
            None,
        ]);
        rules_wait_for_work(&mut r.tests);
        assert_eq!(r.tests[2].status, Status::NotStarted);
        assert!(r.tests[2].is_quiet());
        assert_eq!(r.status(), ExerciseStatus::NotStarted);
        assert_eq!(r.passed(), 0);
        // Some work done: the rules count again.
        let mut r = report([Some(Failure::not_started("todo")), None, None]);
        rules_wait_for_work(&mut r.tests);
        assert_eq!(r.tests[2].status, Status::Pass);
        assert_eq!(r.status(), ExerciseStatus::Failing);
    }

    #[test]
    fn totals_add_up_per_day_once() {
        let a = report([None, None, None]);
        let b = report([None, Some(Failure::wrong("no")), None]);
        let t = totals(&[a, b]);
        assert_eq!((t.passed, t.failed), (5, 1));
        assert_eq!(
            t.score,
            Score {
                earned: 7,
                possible: 10
            }
        );
        assert_eq!(
            t.days,
            vec![(
                9,
                Score {
                    earned: 7,
                    possible: 10
                }
            )]
        );
        assert_eq!(t.score.fraction(), 0.7);
        assert_eq!(Score::default().fraction(), 0.0);
    }

    #[test]
    fn statuses_have_one_name_each() {
        for s in ExerciseStatus::ALL {
            assert_eq!(ExerciseStatus::from_name(s.name()), Some(s));
        }
    }
}
