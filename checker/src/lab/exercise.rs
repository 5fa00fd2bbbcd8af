//! What there is to grade: an exercise and its hidden tests, as data.
//!
//! A test case is data: an id, a title, points, a timeout, a hint and the course.md section
//! to read, plus the function that runs it. Each exercise module holds one table of them, so
//! changing points, timeouts or hints means editing one obvious table.

use std::borrow::Cow;
use std::time::Duration;

use crate::base::i18n::Messages;
use crate::base::verdict::TestResult;
use crate::context::Ctx;

/// A graded exercise: one package in `exercises/` (stub) and `solutions/` (reference).
pub struct Exercise {
    /// Package and directory name, e.g. `day2-inet`.
    pub name: &'static str,
    pub day: u8,
    /// One line saying what the student builds.
    pub title: &'static str,
    /// The course.md anchor of the exercise's own section.
    pub section: &'static str,
    pub kind: ExerciseKind,
    /// The files the student writes, relative to the package (for messages and annotations).
    pub student_files: &'static [&'static str],
    pub tests: &'static [TestCase],
    /// The test every exercise ends with: its rules hold (exercises/kit/rules.rs).
    pub rules: &'static TestCase,
}

pub enum ExerciseKind {
    /// A library: the checker generates a harness crate that calls its functions.
    /// `calls` is the exercise-specific part of that harness (see `harness.rs`);
    /// `harness_deps` are extra `[dependencies]` lines for it (e.g. nix, to set up pipes and
    /// signals around the calls), empty for most exercises. `binaries` are programs of the
    /// same package that its tests also run (built, sandboxed and linted like a program
    /// exercise's), empty for most.
    Library {
        calls: &'static str,
        harness_deps: &'static str,
        binaries: &'static [&'static str],
    },
    /// Programs: the checker builds the package's binaries and runs them.
    Programs { binaries: &'static [&'static str] },
}

impl ExerciseKind {
    /// The package's programs that the tests run.
    pub fn binaries(&self) -> &'static [&'static str] {
        match *self {
            ExerciseKind::Library { binaries, .. } | ExerciseKind::Programs { binaries } => {
                binaries
            }
        }
    }
}

pub type TestFn = fn(&mut Ctx) -> TestResult;

/// One hidden test.
pub struct TestCase {
    /// Unique within its exercise; shown as `<exercise>/<id>`.
    pub id: &'static str,
    pub title: &'static str,
    pub points: u32,
    /// The whole test must finish within this; every wait inside it is bounded by it.
    pub timeout: Duration,
    /// Shown when the test fails with a wrong answer (errors such as "refused" or "timed out"
    /// get a hint chosen by their kind instead, from `hints.rs`).
    pub hint: &'static str,
    /// The course.md anchor to read when this test fails.
    pub section: &'static str,
    /// The program this test runs (for program exercises): with `--program NAME=PATH`, only
    /// the tests of the programs given run.
    pub program: Option<&'static str>,
    pub run: TestFn,
}

/// Shorthand for test tables: `secs(5)`.
pub const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// The id of the test every exercise ends with: its rules hold.
pub const RULES_ID: &str = "rules";

/// The tests of an exercise, its rules check last.
pub fn tests_of(exercise: &'static Exercise) -> Vec<&'static TestCase> {
    exercise
        .tests
        .iter()
        .chain(std::iter::once(exercise.rules))
        .collect()
}

/// The catalog id of a table's text in another language: `day2-echo--round-trip--title`
/// (`rules--title` for the test every exercise shares), `day2-echo--title` for the exercise.
pub fn catalog_key(exercise: &str, test: Option<&str>, what: &str) -> String {
    match test {
        Some(RULES_ID) => format!("{RULES_ID}--{what}"),
        Some(id) => format!("{exercise}--{id}--{what}"),
        None => format!("{exercise}--{what}"),
    }
}

impl Exercise {
    /// The exercise's one-line title in the reader's language.
    pub fn title_in<'a>(&'a self, tr: &'a Messages) -> Cow<'a, str> {
        tr.own_or(&catalog_key(self.name, None, "title"), self.title)
    }

    /// Every key the other languages' catalogs need for this exercise's table.
    pub fn catalog_keys(&'static self) -> Vec<String> {
        let mut keys = vec![catalog_key(self.name, None, "title")];
        for t in tests_of(self) {
            for what in ["title", "hint"] {
                let key = catalog_key(self.name, Some(t.id), what);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }
}

impl TestCase {
    /// The test's title in the reader's language (the table's English if not translated).
    pub fn title_in<'a>(&'a self, exercise: &str, tr: &'a Messages) -> Cow<'a, str> {
        tr.own_or(&catalog_key(exercise, Some(self.id), "title"), self.title)
    }

    /// The test's hint in the reader's language.
    pub fn hint_in<'a>(&'a self, exercise: &str, tr: &'a Messages) -> Cow<'a, str> {
        tr.own_or(&catalog_key(exercise, Some(self.id), "hint"), self.hint)
    }
}
