//! The solutions and the stubs of each track, graded as a student's would be: every solution
//! passes, every stub is "not started" at once (Rust's `exercises/` and `solutions/`, C's
//! `c/exercises/` and `c/solutions/`).

use std::path::Path;

use anyhow::Result;

use super::{STUB_TEST_LIMIT, english};
use crate::base::verdict::Status;
use crate::base::workspace::Tree;
use crate::exercises;
use crate::grade::outcome::{ExerciseReport, ExerciseStatus};
use crate::grade::runner::{self, Options};
use crate::lab::selection;

/// Grade the exercises `graded` of `dir` (under `lab`) with `base`'s options.
fn grade_tree(
    lab: &Path,
    (dir, flag): (&str, Option<&str>),
    graded: &[String],
    base: &mut Options,
) -> Result<Vec<ExerciseReport>> {
    base.tree = Tree::at(lab.join(dir), flag.map(Into::into));
    // On the C track, the targets that name an exercise it lacks select nothing there.
    let catalogue = exercises::on_track(base.tree.track);
    let graded: Vec<String> = graded
        .iter()
        .filter(|t| selection::select(&catalogue, std::slice::from_ref(*t)).is_ok())
        .cloned()
        .collect();
    if graded.is_empty() {
        return Ok(Vec::new());
    }
    runner::grade(selection::select(&catalogue, &graded)?, base, |_| {})
}

/// The trees of each track: (solutions, their flag), (stubs, their flag).
pub const RUST_TREES: [(&str, Option<&str>); 2] =
    [("solutions", Some("--solutions")), ("exercises", None)];
pub const C_TREES: [(&str, Option<&str>); 2] = [
    ("c/solutions", Some("--track c --solutions")),
    ("c/exercises", Some("--track c")),
];

pub fn solutions_pass(
    lab: &Path,
    trees: [(&str, Option<&str>); 2],
    graded: &[String],
    base: &mut Options,
) -> Result<Vec<String>> {
    let reports = grade_tree(lab, trees[0], graded, base)?;
    Ok(reports
        .iter()
        .flat_map(|r| r.tests.iter().map(move |t| (r, t)))
        .filter(|(_, t)| t.status != Status::Pass)
        .map(|(r, t)| {
            let why = t
                .failure
                .as_ref()
                .map(|f| english(&f.summary))
                .unwrap_or_else(|| t.status.name().into());
            format!("{}/{}: {why}", r.exercise.name, t.test.id)
        })
        .collect())
}

/// Every stub "not started", each test at once. A test over the limit may only have waited for
/// the machine (other work beside it, or the runner judging a starved test again with fewer at
/// once): its exercise's stubs are graded once more, and only a test slow both times counts.
pub fn stubs_not_started(
    lab: &Path,
    trees: [(&str, Option<&str>); 2],
    graded: &[String],
    base: &mut Options,
) -> Result<Vec<String>> {
    let reports = grade_tree(lab, trees[1], graded, base)?;
    let mut problems = Vec::new();
    let mut slow: Vec<String> = Vec::new();
    for r in &reports {
        if r.status() != ExerciseStatus::NotStarted {
            problems.push(format!(
                "{}: the stub's status is {}, not 'not started'",
                r.exercise.name,
                r.status().name()
            ));
        }
        for t in &r.tests {
            // The rules too: they wait for code (runner::rules_wait_for_work).
            if t.status != Status::NotStarted {
                let why = t
                    .failure
                    .as_ref()
                    .map(|f| english(&f.summary))
                    .unwrap_or_default();
                problems.push(format!(
                    "{}/{}: {} instead of {} {why}",
                    r.exercise.name,
                    t.test.id,
                    t.status.name(),
                    Status::NotStarted.name()
                ));
            }
            if !t.test.is_rules
                && t.duration > STUB_TEST_LIMIT
                && !slow.iter().any(|e| e == r.exercise.name)
            {
                slow.push(r.exercise.name.to_string());
            }
        }
    }
    if !slow.is_empty() {
        for r in grade_tree(lab, trees[1], &slow, base)? {
            for t in r.tests.iter().filter(|t| !t.test.is_rules) {
                if t.duration > STUB_TEST_LIMIT {
                    problems.push(format!(
                        "{}/{}: took {:.1} s on the stub, twice (a todo!() should fail at once)",
                        r.exercise.name,
                        t.test.id,
                        t.duration.as_secs_f64()
                    ));
                }
            }
        }
    }
    Ok(problems)
}
