//! The `result.json` Classroom 50's autograde runner reads (schema `classroom50/result/v1`,
//! foundation50/classroom50 `schemas/result-v1.schema.json`): the submission's identity, the
//! score out of `max-score`, and one entry per hidden test with `test-name`, `passed`, `score`
//! and `max-score`. The runner gives the identity in its environment (`CLASSROOM`,
//! `ASSIGNMENT`, `SUBMISSION_TAG`, `COMMIT_URL`, ...), checks it against the repository, and
//! stamps `owner`, `assignment_type`, `datetime` and `graded_at` itself; outside Classroom 50
//! the same document is written with local stand-ins that satisfy the schema.
//!
//! The schema allows no field of our own at the top, but any on a test: each carries its
//! exercise, status and failure (in the reader's language), and `graded-by`, the provenance.

use serde_json::{Value, json};

use super::json::test_message;
use super::provenance::Provenance;
use crate::base::date;
use crate::base::i18n::Messages;
use crate::base::verdict::Status;
use crate::grade::outcome::{ExerciseReport, Score, totals};

pub const SCHEMA: &str = "classroom50/result/v1";

/// The submission as Classroom 50's runner names it.
pub struct Submission {
    pub classroom: String,
    pub assignment: String,
    pub assignment_type: String,
    pub owner: String,
    /// The `submit/*` tag graded.
    pub tag: String,
    pub commit_url: String,
    pub release_url: String,
    pub review_url: String,
}

impl Submission {
    /// From the runner's environment (`var` reads one variable), else stand-ins: the
    /// student's name, the commit graded, `submit/local-<commit>`.
    pub fn from_env(
        var: impl Fn(&str) -> Option<String>,
        student: Option<&str>,
        provenance: &Provenance,
    ) -> Submission {
        let var = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let commit = provenance
            .commit
            .clone()
            .unwrap_or_else(|| provenance.sources.clone());
        let commit_url = var("COMMIT_URL").unwrap_or_else(|| commit.clone());
        Submission {
            classroom: var("CLASSROOM").unwrap_or_else(|| "local".into()),
            assignment: var("ASSIGNMENT").unwrap_or_else(|| "socket-lab".into()),
            assignment_type: var("ASSIGNMENT_TYPE").unwrap_or_else(|| "individual".into()),
            owner: var("OWNER")
                .or_else(|| var("USERNAME"))
                .or(student.map(str::to_string))
                .unwrap_or_else(|| "local".into()),
            tag: var("SUBMISSION_TAG")
                .unwrap_or_else(|| format!("submit/local-{}", Provenance::short(Some(&commit)))),
            release_url: var("RELEASE_URL").unwrap_or_else(|| commit_url.clone()),
            review_url: var("REVIEW_URL").unwrap_or_else(|| commit_url.clone()),
            commit_url,
        }
    }
}

/// The whole run as Classroom 50's `result.json`.
pub fn result(
    reports: &[ExerciseReport],
    submission: &Submission,
    provenance: &Provenance,
    tr: &Messages,
) -> Value {
    let graded_by = provenance.to_json();
    let mut tests = Vec::new();
    for r in reports {
        for t in &r.tests {
            tests.push(json!({
                "test-name": format!("{}/{}", r.exercise.name, t.test.id),
                "passed": matches!(t.status, Status::Pass | Status::NotApplicable),
                "score": r.points_of(t),
                "max-score": r.possible_of(t),
                "title": t.test.title_in(tr),
                "status": t.status.name(),
                "message": test_message(r, t, tr),
                "graded-by": graded_by,
            }));
        }
    }
    let Score {
        earned: score,
        possible: max,
    } = totals(reports).score;
    // The submission instant is the graded commit's date (the runner stamps the same).
    let when = provenance.commit_time.unwrap_or(provenance.graded_at);
    json!({
        "schema": SCHEMA,
        "classroom": submission.classroom,
        "assignment": submission.assignment,
        "assignment_type": submission.assignment_type,
        "owner": submission.owner,
        "submission": submission.tag,
        "commit": submission.commit_url,
        "release": submission.release_url,
        "review": submission.review_url,
        "datetime": date::rfc3339(when),
        "graded_at": date::rfc3339(provenance.graded_at),
        "score": score,
        "max-score": max,
        "tests": tests,
    })
}
