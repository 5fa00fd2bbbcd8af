//! The result GitHub Classroom's autograding reporter reads: every hidden test with its points.

use serde_json::{Value, json};

use super::json::failure_message;
use crate::base::i18n::Messages;
use crate::base::verdict::Status;
use crate::grade::outcome::ExerciseReport;

/// The result GitHub Classroom's autograding reporter reads (classroom-resources/
/// autograding-grading-reporter): a step output `result` holding this JSON in base64, one
/// entry per hidden test with the points it earned. Classroom adds up `score`; `max_score` is
/// what can be earned.
pub fn classroom(reports: &[ExerciseReport], tr: &Messages) -> Value {
    let mut tests = Vec::new();
    let mut max_score = 0u32;
    let mut any_error = false;
    for r in reports {
        let (earned, possible) = r.points();
        max_score += possible;
        // A broken rule voids the exercise's points: then no test of it scores.
        let voided = r.tests.iter().map(|t| t.points_earned()).sum::<u32>() != earned;
        for t in &r.tests {
            any_error |= t.status == Status::Error;
            let status = match t.status {
                Status::Pass | Status::NotApplicable => "pass",
                Status::Error => "error",
                _ => "fail",
            };
            let score = if voided { 0 } else { t.points_earned() };
            tests.push(json!({
                "name": format!("{}/{}", r.exercise.name, t.test.id),
                "status": status,
                "score": score,
                "message": failure_message(t, tr).or_else(|| {
                    r.build_problem.as_ref().map(|p| tr.render(&p.summary))
                }),
                "test_code": format!("cargo run -p checker -- {}/{}", r.exercise.name, t.test.id),
                "filename": "",
                "line_no": 0,
                "execution_time": format!("{:.2}s", t.duration.as_secs_f64()),
            }));
        }
    }
    let failed = tests.iter().any(|t| t["status"] == "fail");
    json!({
        "version": 1,
        "status": if any_error { "error" } else if failed { "fail" } else { "pass" },
        "max_score": max_score,
        "tests": tests,
    })
}
