//! What grading produces, and every report renders: the outcome of each test and of each
//! exercise, with its points.

use std::time::Duration;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, Status};
use crate::lab::exercise::{Exercise, RULES_ID, TestCase};

/// The outcome of one test.
#[derive(Clone)]
pub struct TestReport {
    pub test: &'static TestCase,
    pub status: Status,
    pub failure: Option<Failure>,
    pub duration: Duration,
    /// The test's transcript (shown with -v).
    pub log: Vec<Text>,
}

impl TestReport {
    pub fn points_earned(&self) -> u32 {
        if self.status == Status::Pass {
            self.test.points
        } else {
            0
        }
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
    /// The status whose label this is (as the cache stores it).
    pub fn from_label(label: &str) -> Option<ExerciseStatus> {
        [
            ExerciseStatus::Passing,
            ExerciseStatus::Failing,
            ExerciseStatus::NotStarted,
            ExerciseStatus::DoesNotCompile,
        ]
        .into_iter()
        .find(|s| s.label() == label)
    }

    /// The status in the reader's words (the cache keeps `label`).
    pub fn words(self) -> Text {
        match self {
            ExerciseStatus::Passing => msg!("exercise-passing"),
            ExerciseStatus::Failing => msg!("exercise-failing"),
            ExerciseStatus::NotStarted => msg!("exercise-not-started"),
            ExerciseStatus::DoesNotCompile => msg!("exercise-does-not-compile"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExerciseStatus::Passing => "passing",
            ExerciseStatus::Failing => "failing",
            ExerciseStatus::NotStarted => "not started",
            ExerciseStatus::DoesNotCompile => "does not compile",
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
        let work: Vec<&TestReport> = self
            .tests
            .iter()
            .filter(|t| t.test.id != RULES_ID)
            .collect();
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

    pub fn failed(&self) -> usize {
        self.tests.len() - self.passed() - self.not_applicable()
    }

    /// Tests that do not apply to the program graded: neither passed nor failed.
    pub fn not_applicable(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::NotApplicable)
            .count()
    }

    /// Whether a broken rule voids the exercise's points: work that skips the lesson earns
    /// nothing, whatever its tests say.
    pub fn rules_void_points(&self) -> bool {
        self.tests
            .iter()
            .any(|t| t.test.id == RULES_ID && t.status == Status::Fail)
    }

    /// The points one of its tests counts for in the exercise's total (none while a broken rule
    /// voids them), for reports that list points test by test.
    pub fn points_counted(&self, t: &TestReport) -> u32 {
        if self.rules_void_points() {
            0
        } else {
            t.points_earned()
        }
    }

    /// Points earned and possible. A broken rule voids the exercise's points: work that skips
    /// the lesson earns nothing.
    pub fn points(&self) -> (u32, u32) {
        let rules_broken = self.rules_void_points();
        let possible = self
            .tests
            .iter()
            .filter(|t| t.status != Status::NotApplicable)
            .map(|t| t.test.points)
            .sum();
        if rules_broken {
            return (0, possible);
        }
        (
            self.tests.iter().map(TestReport::points_earned).sum(),
            possible,
        )
    }
}

/// The rules hold trivially while nothing is written: an untouched stub's `rules` would read
/// as a pass among failures ("1 passed"). Until some other test gets past its `todo!()`, the
/// rules count as not started too.
pub fn rules_wait_for_work(tests: &mut [TestReport]) {
    let others: Vec<Status> = tests
        .iter()
        .filter(|t| t.test.id != RULES_ID)
        .map(|t| t.status)
        .collect();
    if others.is_empty() || others.iter().any(|&s| s != Status::NotStarted) {
        return;
    }
    for t in tests
        .iter_mut()
        .filter(|t| t.test.id == RULES_ID && t.status == Status::Pass)
    {
        t.status = Status::NotStarted;
        t.failure = Some(Failure::not_started(msg!("rules-wait-for-work")));
    }
}
