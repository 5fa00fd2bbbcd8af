//! Where the student stands, derived from re-running, not from a hidden state file: the verdict
//! of each graded exercise is kept under `target/checker-cache/`, keyed by a hash of the
//! exercise's files, the tree they are in, and the checker's own build. The overview reuses a
//! verdict while that key holds and re-grades otherwise, so a fresh clone (an empty target/)
//! simply starts from scratch, and an edit or a new checker invalidates what it should.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::base::files::package_files;
use crate::base::hash::Fnv;
use crate::base::hash::this_checker;
use crate::base::verdict::Status;
use crate::base::workspace::{self, Track, Tree};
use crate::grade::outcome::{ExerciseReport, ExerciseStatus};
use crate::lab::exercise::Exercise;

/// What the overview shows of a graded exercise.
#[derive(Debug, Clone)]
pub struct Summary {
    pub status: ExerciseStatus,
    pub passed: usize,
    /// Tests that met a `todo!()`: counted apart from failures.
    pub not_started: usize,
    pub tests: usize,
    pub points: u32,
    pub max_points: u32,
    /// Each test's id and status, in the exercise's order: what the overview lists under an
    /// exercise's parts.
    pub outcomes: Vec<(String, Status)>,
}

impl Summary {
    /// Tests neither passed nor still at their stub.
    pub fn failed(&self) -> usize {
        self.tests - self.passed - self.not_started
    }

    pub fn of(report: &ExerciseReport) -> Summary {
        let (points, max_points) = report.points();
        Summary {
            status: report.status(),
            passed: report.passed(),
            not_started: report.not_started(),
            tests: report.tests.len(),
            points,
            max_points,
            outcomes: report
                .tests
                .iter()
                .map(|t| (t.test.id.to_string(), t.status))
                .collect(),
        }
    }
}

/// Every status, as the cache names it: the machine reports' names, but for the test the
/// machine kept from being judged, which they call an error.
const STATUSES: [Status; 7] = [
    Status::Pass,
    Status::Fail,
    Status::Error,
    Status::NotStarted,
    Status::DoesNotCompile,
    Status::NotApplicable,
    Status::Unjudged,
];

fn stored_name(status: Status) -> &'static str {
    match status {
        Status::Unjudged => "unjudged",
        other => other.name(),
    }
}

fn stored_status(name: &str) -> Option<Status> {
    STATUSES.into_iter().find(|s| stored_name(*s) == name)
}

fn dir() -> PathBuf {
    workspace::lab_root().join("target/checker-cache")
}

/// The key of an exercise's verdict: its files, its tree, and this checker's build.
fn key(tree: &Tree, exercise: &Exercise) -> String {
    let mut h = Fnv::new();
    tree.dir.to_string_lossy().hash(&mut h);
    exercise.name.hash(&mut h);
    let _ = this_checker(&mut h);
    package_files(&tree.package_dir(exercise.name), &mut h);
    // A C program is built from the tree's common/ headers too.
    if tree.track == Track::C {
        "c".hash(&mut h);
        package_files(&tree.dir.join("common"), &mut h);
    }
    format!("{:016x}", h.finish())
}

fn file(tree: &Tree, exercise: &Exercise) -> PathBuf {
    let mut h = Fnv::new();
    tree.dir.to_string_lossy().hash(&mut h);
    dir().join(format!("{}-{:08x}.json", exercise.name, h.finish() as u32))
}

/// The cached verdict of `exercise`, if its files and the checker have not changed since.
pub fn load(tree: &Tree, exercise: &Exercise) -> Option<Summary> {
    let text = std::fs::read_to_string(file(tree, exercise)).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    if v["key"].as_str()? != key(tree, exercise) {
        return None;
    }
    Some(Summary {
        status: ExerciseStatus::from_name(v["status"].as_str()?)?,
        passed: v["passed"].as_u64()? as usize,
        not_started: v["not_started"].as_u64()? as usize,
        tests: v["tests"].as_u64()? as usize,
        points: v["points"].as_u64()? as u32,
        max_points: v["max_points"].as_u64()? as u32,
        outcomes: v["outcomes"]
            .as_array()?
            .iter()
            .map(|o| Some((o[0].as_str()?.to_string(), stored_status(o[1].as_str()?)?)))
            .collect::<Option<Vec<_>>>()?,
    })
}

/// Remember the verdict of a whole exercise (not of a selection of its tests).
pub fn store(tree: &Tree, report: &ExerciseReport) {
    if report.tests.len() != crate::lab::test::tests_of(report.exercise).len() {
        return;
    }
    let s = Summary::of(report);
    let doc = json!({
        "key": key(tree, report.exercise),
        "status": s.status.name(), "passed": s.passed, "not_started": s.not_started, "tests": s.tests,
        "points": s.points, "max_points": s.max_points,
        "outcomes": s.outcomes.iter().map(|(id, st)| json!([id, stored_name(*st)])).collect::<Vec<_>>(),
    });
    let _ = std::fs::create_dir_all(dir());
    let _ = std::fs::write(file(tree, report.exercise), doc.to_string());
}
