//! What there is to grade: exercises, their hidden tests, and how a command-line target
//! (`day2`, `day2-inet`, `day2-inet/pton6-tricky`, `all`) selects them.
//!
//! A test case is data: an id, a title, points, a timeout, a hint and the course.md section
//! to read, plus the function that runs it. Each exercise module holds one table of them, so
//! changing points, timeouts or hints means editing one obvious table.

use std::time::Duration;

use crate::context::Ctx;
use crate::verdict::TestResult;

/// A graded exercise: one package in `exercises/` (stub) and `solutions/` (reference).
pub struct Exercise {
    /// Package and directory name, e.g. `day2-inet`.
    pub name: &'static str,
    pub day: u8,
    /// One line saying what the student builds.
    pub title: &'static str,
    /// The course.md anchor of the exercise's own section.
    pub section: &'static str,
    pub kind: Kind,
    /// The files the student writes, relative to the package (for messages and annotations).
    pub student_files: &'static [&'static str],
    pub tests: &'static [TestCase],
}

pub enum Kind {
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

impl Kind {
    /// The package's programs that the tests run.
    pub fn binaries(&self) -> &'static [&'static str] {
        match *self {
            Kind::Library { binaries, .. } | Kind::Programs { binaries } => binaries,
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

/// The test every exercise has: its rules hold (checked with clippy on the package).
pub static RULES: TestCase = TestCase {
    id: "rules",
    title: "follows the exercise's rules (clippy.toml and [lints] in Cargo.toml)",
    // No points of its own (a stub follows the rules), but a broken rule voids the
    // exercise's points: see ExerciseReport::points.
    points: 0,
    timeout: secs(180),
    hint: "Rewrite the flagged code without the forbidden shortcut; the message names the rule and why it exists.",
    section: "rules",
    program: None,
    run: crate::building::rules_test,
};

/// The tests of an exercise, its rules check last.
pub fn tests_of(exercise: &'static Exercise) -> Vec<&'static TestCase> {
    exercise
        .tests
        .iter()
        .chain(std::iter::once(&RULES))
        .collect()
}

/// Every exercise, in course order.
pub fn all() -> &'static [&'static Exercise] {
    crate::exercises::ALL
}

pub fn find(name: &str) -> Option<&'static Exercise> {
    all().iter().copied().find(|e| e.name == name)
}

/// What a command-line target selects.
pub struct Selection {
    pub exercise: &'static Exercise,
    /// `None` = every test of the exercise.
    pub only_tests: Option<Vec<&'static str>>,
}

/// Resolve targets such as `all`, `day2`, `day2-inet` or `day2-inet/pton6-tricky`, keeping
/// course order and dropping duplicates.
pub fn select(targets: &[String]) -> Result<Vec<Selection>, String> {
    let mut picked: Vec<Selection> = Vec::new();
    for target in targets {
        let target = target.trim_end_matches('/');
        let matches: Vec<Selection> = if target == "all" {
            all()
                .iter()
                .map(|&exercise| Selection {
                    exercise,
                    only_tests: None,
                })
                .collect()
        } else if let Some(day) = target
            .strip_prefix("day")
            .and_then(|d| d.parse::<u8>().ok())
        {
            all()
                .iter()
                .filter(|e| e.day == day)
                .map(|&exercise| Selection {
                    exercise,
                    only_tests: None,
                })
                .collect()
        } else if let Some((name, test)) = target.split_once('/') {
            let exercise = find(name).ok_or_else(|| unknown(name))?;
            let case = tests_of(exercise).into_iter().find(|t| t.id == test).ok_or_else(|| {
                format!(
                    "`{name}` has no test `{test}`; `checker list` shows the test ids of every exercise"
                )
            })?;
            vec![Selection {
                exercise,
                only_tests: Some(vec![case.id]),
            }]
        } else {
            let exercise = find(target).ok_or_else(|| unknown(target))?;
            vec![Selection {
                exercise,
                only_tests: None,
            }]
        };
        if matches.is_empty() {
            return Err(format!(
                "no exercise belongs to `{target}` yet; `checker list` shows them"
            ));
        }
        for m in matches {
            match picked
                .iter_mut()
                .find(|p| p.exercise.name == m.exercise.name)
            {
                // A whole exercise wins over some of its tests; tests add up.
                Some(p) => match (&mut p.only_tests, m.only_tests) {
                    (_, None) => p.only_tests = None,
                    (Some(tests), Some(more)) => {
                        for t in more {
                            if !tests.contains(&t) {
                                tests.push(t);
                            }
                        }
                    }
                    (None, Some(_)) => {}
                },
                None => picked.push(m),
            }
        }
    }
    let position = |e: &Exercise| all().iter().position(|x| x.name == e.name);
    picked.sort_by_key(|s| position(s.exercise));
    Ok(picked)
}

fn unknown(name: &str) -> String {
    let names: Vec<&str> = all().iter().map(|e| e.name).collect();
    let closest = names
        .iter()
        .map(|n| (strsim::damerau_levenshtein(name, n), *n))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    match closest {
        Some((_, guess)) => format!(
            "unknown exercise or target `{name}`: did you mean `{guess}`? (`checker list` shows every exercise)"
        ),
        None => format!(
            "unknown exercise or target `{name}`; try `all`, a day such as `day1`, or one of: {}",
            names.join(", ")
        ),
    }
}
