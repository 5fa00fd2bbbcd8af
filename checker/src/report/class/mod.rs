//! A class's grades, read back from the JSON reports grading wrote (`report::json`'s schema, and
//! `.ci/regrade`'s record of a student it could not grade): one typed `Class` whose flags are
//! decided here once (`flags`) and whose figures are counted once (`figures`), rendered by the
//! gradebook's CSV (`csv`) and by the class page (`page`: what the class fails, why, how far it
//! got, what to trust, each student).

pub mod csv;
mod fails;
pub mod figures;
mod flags;
mod html;
pub mod page;
mod progress;
mod students;
mod trust;
mod words;

use std::path::{Path, PathBuf};

use serde_json::Value;

pub use flags::Flag;

use crate::base::workspace::Track;
use crate::grade::outcome::ExerciseStatus;
use crate::lab::exercise::Exercise as LabExercise;

/// Every student of the reports given, sorted by name, flagged.
pub struct Class {
    pub students: Vec<Student>,
    /// The deadline work is judged against: `--deadline`, else the one most reports were graded
    /// for (`None`: no report names one).
    pub deadline: Option<String>,
    /// The exercises any report holds, in course order (the lab's catalogue, then any other
    /// name), each with the most points a student could earn in it.
    pub exercises: Vec<Column>,
}

/// An exercise as a column of the class: its name, day and the most points a report gives it.
pub struct Column {
    pub name: String,
    pub day: u8,
    pub max_points: u64,
}

/// One student's grade: one report.
pub struct Student {
    pub name: String,
    /// `None` for a report written before reports named their track (or with no grade).
    pub track: Option<Track>,
    pub exercises: Vec<Exercise>,
    pub points: u64,
    /// The most the student could earn; for a student with no grade, the class's usual maximum.
    pub max_points: u64,
    pub counts: Counts,
    pub sandbox: String,
    pub contained: bool,
    pub lab_revision: Option<String>,
    pub lab_modified: bool,
    pub commit: Option<String>,
    pub commit_date: Option<String>,
    pub checker: Option<String>,
    /// The deadline the report was graded for.
    pub deadline: Option<String>,
    /// Nothing was graded, and why (`.ci/regrade`).
    pub no_grade: Option<NoGrade>,
    pub flags: Vec<Flag>,
    /// The report file.
    pub source: PathBuf,
}

/// Tests by verdict: a test not started is no failure (the page and the CSV keep them apart).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub not_started: u64,
    pub unjudged: u64,
}

/// Why a student has no grade: `.ci/regrade`'s `no_submission` and its `no_submission_cause`.
pub struct NoGrade {
    pub cause: NoGradeCause,
    /// What the regrade said, as it said it (a repository's URL, git's last line).
    pub why: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoGradeCause {
    /// No commit before the deadline: the student's doing, no regrade changes it.
    NoCommit,
    /// The repository could not be cloned: a regrade may grade it.
    NotCloned,
    /// The grading itself failed (the checker did not finish): a regrade may grade it.
    GradingFailed,
}

impl NoGradeCause {
    /// The cause `.ci/regrade` records in `no_submission_cause` (a report without one is from
    /// before the regrade told them apart: no commit, as it then said).
    fn of_name(name: Option<&str>) -> NoGradeCause {
        match name {
            Some("could-not-clone") => NoGradeCause::NotCloned,
            Some("grading-failed") => NoGradeCause::GradingFailed,
            _ => NoGradeCause::NoCommit,
        }
    }
}

/// One exercise of a student's report.
pub struct Exercise {
    pub name: String,
    pub day: u8,
    /// `None` for a status this checker does not know (a newer report's).
    pub status: Option<ExerciseStatus>,
    pub points: u64,
    pub max_points: u64,
    /// Why it could not be tested (a build problem), or why its points are void.
    pub message: Option<String>,
    pub rules_void_points: bool,
    pub tests: Vec<TestResult>,
}

/// One test of a student's report.
pub struct TestResult {
    pub id: String,
    /// The title the report gave it (in the language it was graded in).
    pub title: Option<String>,
    pub verdict: Verdict,
    /// The status as the report spells it (`does-not-compile` is a failure of another cause).
    pub status: String,
    pub diagnosis: Option<String>,
    pub kind: Option<String>,
    pub points: u64,
    pub max_points: u64,
    /// The failure as the student read it (program output included: untrusted).
    pub message: Option<String>,
}

/// A test's verdict as the class counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// Failed, or did not compile: tried, and not right.
    Failed,
    NotStarted,
    /// Could not be judged (the machine kept it from it, or the checker could not run it).
    Unjudged,
    /// Does not apply to the program graded: counted nowhere.
    NotApplicable,
}

impl Verdict {
    /// From a report's `status` (and `judged`); a status this checker does not know could not be
    /// judged by it either.
    fn of(status: &str) -> Verdict {
        match status {
            "pass" => Verdict::Passed,
            "fail" | "does-not-compile" => Verdict::Failed,
            "not-started" => Verdict::NotStarted,
            "not-applicable" => Verdict::NotApplicable,
            _ => Verdict::Unjudged,
        }
    }
}

impl Class {
    /// The class of `students` (`Student::of` each report), judged against `deadline` (else
    /// each report's own), its exercises in the order of the lab's `catalogue`.
    pub fn of(
        mut students: Vec<Student>,
        deadline: Option<&str>,
        catalogue: &[&LabExercise],
    ) -> Class {
        students.sort_by(|a, b| a.name.cmp(&b.name).then(a.source.cmp(&b.source)));
        let usual_max = most_common(
            students
                .iter()
                .filter(|s| s.no_grade.is_none())
                .map(|s| s.max_points),
        );
        for s in students.iter_mut().filter(|s| s.no_grade.is_some()) {
            s.max_points = usual_max.unwrap_or(0);
        }
        flags::flag(&mut students, deadline);
        let deadline = deadline
            .map(str::to_string)
            .or_else(|| most_common(students.iter().filter_map(|s| s.deadline.clone())));
        let exercises = columns(&students, catalogue);
        Class {
            students,
            deadline,
            exercises,
        }
    }

    /// The students who were graded (a report with tests), not those with no grade.
    pub fn graded(&self) -> impl Iterator<Item = &Student> {
        self.students.iter().filter(|s| s.no_grade.is_none())
    }
}

impl Student {
    /// The percentage of the maximum earned, to one decimal; `None` with no maximum.
    pub fn percent(&self) -> Option<f64> {
        percent(self.points, self.max_points)
    }

    /// Every exercise not started (nothing written yet), and at least one exercise graded.
    pub fn not_started(&self) -> bool {
        !self.exercises.is_empty()
            && self
                .exercises
                .iter()
                .all(|e| e.status == Some(ExerciseStatus::NotStarted))
    }

    /// The student of one report (`file`, read as `report`), or `None` if the JSON is not a
    /// checker report.
    pub fn of(report: &Value, file: &Path) -> Option<Student> {
        let exercises = report.get("exercises")?.as_array()?;
        let totals = report.get("totals")?;
        let text = |v: &Value| v.as_str().map(str::to_string);
        let count = |v: &Value| v.as_u64().unwrap_or(0);
        let provenance = &report["provenance"];
        let no_grade = match &report["no_submission"] {
            Value::Null => None,
            why => Some(NoGrade {
                cause: NoGradeCause::of_name(report["no_submission_cause"].as_str()),
                why: why.as_str().map_or_else(|| why.to_string(), str::to_string),
            }),
        };
        Some(Student {
            name: name_of(report, file),
            track: match report["track"].as_str() {
                Some("c") => Some(Track::C),
                Some("rust") => Some(Track::Rust),
                _ => None,
            },
            exercises: exercises.iter().filter_map(Exercise::of).collect(),
            points: count(&totals["points"]),
            max_points: count(&totals["max_points"]),
            counts: Counts {
                passed: count(&totals["passed"]),
                failed: count(&totals["failed"]),
                not_started: count(&totals["not_started"]),
                unjudged: count(&totals["unjudged"]),
            },
            sandbox: text(&report["sandbox"]["mode"]).unwrap_or_else(|| "unknown".into()),
            contained: report["sandbox"]["contained"].as_bool().unwrap_or(false),
            lab_revision: text(&provenance["lab_revision"]),
            lab_modified: provenance["lab_modified"].as_bool().unwrap_or(false),
            commit: text(&provenance["commit"]),
            commit_date: text(&provenance["commit_date"]),
            checker: text(&provenance["checker_version"]),
            deadline: text(&provenance["deadline"]),
            no_grade,
            flags: Vec::new(),
            source: file.to_path_buf(),
        })
    }
}

impl Exercise {
    fn of(e: &Value) -> Option<Exercise> {
        let count = |v: &Value| v.as_u64().unwrap_or(0);
        let tests = e["tests"].as_array().map(Vec::as_slice).unwrap_or_default();
        Some(Exercise {
            name: e["name"].as_str()?.to_string(),
            day: e["day"]
                .as_u64()
                .and_then(|d| u8::try_from(d).ok())
                .unwrap_or(0),
            status: e["status"].as_str().and_then(ExerciseStatus::from_name),
            points: e["points"].as_u64()?,
            max_points: e["max_points"].as_u64()?,
            message: e["message"].as_str().map(str::to_string),
            rules_void_points: e["rules_void_points"].as_bool().unwrap_or(false),
            tests: tests
                .iter()
                .filter_map(|t| {
                    let status = t["status"].as_str().unwrap_or_default().to_string();
                    Some(TestResult {
                        id: t["id"].as_str()?.to_string(),
                        title: t["title"].as_str().map(str::to_string),
                        verdict: Verdict::of(&status),
                        status,
                        diagnosis: t["diagnosis"].as_str().map(str::to_string),
                        kind: t["kind"].as_str().map(str::to_string),
                        points: count(&t["points"]),
                        max_points: count(&t["max_points"]),
                        message: t["message"].as_str().map(str::to_string),
                    })
                })
                .collect(),
        })
    }
}

/// The percentage `points` of `max`, to one decimal; `None` when nothing could be earned.
pub fn percent(points: u64, max: u64) -> Option<f64> {
    (max > 0).then(|| (points as f64 * 1000.0 / max as f64).round() / 10.0)
}

/// The value seen most often (the first such, in order); `None` for none.
fn most_common<T: PartialEq>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(seen, _)| *seen == v) {
            Some(c) => c.1 += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == best).map(|c| c.0)
}

/// The report's `student` (from `--student`), else the name of its folder when the file has a
/// generic name (an artifact downloaded per student: `alice/results.json`), else its name.
fn name_of(report: &Value, file: &Path) -> String {
    if let Some(name) = report["student"].as_str().filter(|s| !s.is_empty()) {
        return name.to_string();
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let generic = ["results", "report", "grade", "checker"]
        .iter()
        .any(|g| stem.starts_with(g));
    match file.parent().and_then(Path::file_name) {
        Some(folder) if generic => folder.to_string_lossy().into_owned(),
        _ => stem,
    }
}

/// The exercises of the class in course order (the order of the lab's catalogue, then any other
/// name a report holds), each with its largest maximum.
fn columns(students: &[Student], catalogue: &[&LabExercise]) -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    let all = students.iter().flat_map(|s| &s.exercises);
    for e in all {
        match columns.iter_mut().find(|c| c.name == e.name) {
            Some(c) => c.max_points = c.max_points.max(e.max_points),
            None => columns.push(Column {
                name: e.name.clone(),
                day: e.day,
                max_points: e.max_points,
            }),
        }
    }
    let rank = |name: &str| {
        catalogue
            .iter()
            .position(|e| e.name == name)
            .unwrap_or(usize::MAX)
    };
    // Stable: names the lab does not know keep the order reports gave them, after the rest.
    columns.sort_by_key(|c| rank(&c.name));
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_student_is_named_by_the_report_or_its_folder() {
        let report = serde_json::json!({"student": "kim"});
        assert_eq!(name_of(&report, Path::new("x/results.json")), "kim");
        let report = serde_json::json!({});
        assert_eq!(name_of(&report, Path::new("lee/results.json")), "lee");
        assert_eq!(name_of(&report, Path::new("dl/park.json")), "park");
    }

    /// The reader takes what the writer wrote: a report made by `report::json` reads back with
    /// the same figures, its track, and each test's verdict, diagnosis and kind.
    #[test]
    fn a_report_reads_back_as_it_was_written() {
        use std::time::Duration;

        use crate::base::i18n::{Lang, Messages};
        use crate::base::verdict::{Diagnosis, Failure, FailureKind};
        use crate::contain::sandbox::Mode;
        use crate::grade::outcome::ExerciseReport;
        use crate::lab::fixtures::{LIB, SERVER};

        let lib = ExerciseReport::made_up(&LIB, Duration::ZERO, |_| None);
        let server = ExerciseReport::made_up(&SERVER, Duration::ZERO, |t| match t.id {
            "flood" => Some(
                Failure::of_kind(FailureKind::Timeout, "no answer").diagnosed(Diagnosis::Stuck),
            ),
            "exit" => Some(Failure::not_started("todo")),
            _ => None,
        });
        let tr = Messages::new(Lang::En);
        let doc = crate::report::json::json(
            &[lib, server],
            1,
            "tree",
            Some("kim"),
            (Track::C, Mode::Plain),
            &tr,
        );
        let kim = Student::of(&doc, Path::new("kim.json")).unwrap();
        let class = Class::of(vec![kim], None, &[]);
        let kim = &class.students[0];
        assert_eq!((kim.name.as_str(), kim.track), ("kim", Some(Track::C)));
        assert_eq!(
            kim.counts,
            Counts {
                passed: 6,
                failed: 1,
                not_started: 1,
                unjudged: 0
            }
        );
        let flood = &kim.exercises[1].tests[1];
        assert_eq!(flood.id, "flood");
        assert_eq!(flood.verdict, Verdict::Failed);
        assert_eq!(flood.diagnosis.as_deref(), Some("stuck"));
        assert_eq!(flood.kind.as_deref(), Some("timeout"));
        assert_eq!(kim.exercises[1].tests[3].verdict, Verdict::NotStarted);
        assert_eq!(kim.exercises[1].status, Some(ExerciseStatus::Failing));
        assert_eq!((kim.points, kim.max_points), (5, 11));
        assert!(!kim.contained);
    }
}
