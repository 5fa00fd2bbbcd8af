//! The JSON report. It follows the field names of the Exercism test-runner interface where
//! they fit (`version`, `status`, `message`, `tests[].name/status/message/output`), and adds
//! what a lab needs: exercises, points, per-day and total scores, the student, and the sandbox
//! that graded the run.

use serde_json::{Value, json};

use crate::base::i18n::{Messages, msg};
use crate::base::verdict::Status;
use crate::grade::outcome::{ExerciseReport, ExerciseStatus, TestReport};

pub fn exercise_status(status: ExerciseStatus) -> &'static str {
    match status {
        ExerciseStatus::Passing => "pass",
        ExerciseStatus::Failing => "fail",
        ExerciseStatus::NotStarted => "not-started",
        ExerciseStatus::DoesNotCompile => "does-not-compile",
    }
}

pub fn test_status(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Error => "error",
        Status::NotStarted => "not-started",
        Status::DoesNotCompile => "does-not-compile",
        Status::NotApplicable => "not-applicable",
    }
}

/// The failure as plain text in the reader's language: summary, evidence and hint, as the
/// human report shows it.
pub fn failure_message(t: &TestReport, tr: &Messages) -> Option<String> {
    let f = t.failure.as_ref()?;
    let mut text = tr.render(&f.summary);
    for (label, value) in &f.details {
        text.push_str(&format!("\n{}: {}", tr.render(label), tr.render(value)));
    }
    if let Some(note) = &f.note {
        text.push_str(&format!(
            "\n{} {}",
            tr.render(&msg!("report-note")),
            tr.render(note)
        ));
    }
    Some(text)
}

/// Why an exercise could not be tested, with the compiler's messages.
pub fn build_message(r: &ExerciseReport, tr: &Messages) -> Option<String> {
    let p = r.build_problem.as_ref()?;
    Some(format!(
        "{}\n{}",
        tr.render(&p.summary),
        tr.render(&p.diagnostics)
    ))
}

fn score(earned: u32, possible: u32) -> f64 {
    if possible == 0 {
        0.0
    } else {
        (f64::from(earned) / f64::from(possible) * 1000.0).round() / 1000.0
    }
}

/// The whole run as one JSON document.
pub fn json(
    reports: &[ExerciseReport],
    seed: u64,
    tree: &str,
    student: Option<&str>,
    tr: &Messages,
) -> Value {
    let mut days: Vec<(u8, u32, u32)> = Vec::new();
    let exercises: Vec<Value> = reports
        .iter()
        .map(|r| {
            let (earned, possible) = r.points();
            match days.iter_mut().find(|d| d.0 == r.exercise.day) {
                Some(d) => {
                    d.1 += earned;
                    d.2 += possible;
                }
                None => days.push((r.exercise.day, earned, possible)),
            }
            let tests: Vec<Value> = r
                .tests
                .iter()
                .map(|t| {
                    json!({
                        "name": format!("{}/{}", r.exercise.name, t.test.id),
                        "id": t.test.id,
                        "title": t.test.title,
                        "status": test_status(t.status),
                        "message": failure_message(t, tr),
                        "output": t.failure.as_ref().and_then(|f| f.output.clone()),
                        "points": t.points_earned(),
                        "max_points": t.test.points,
                        "duration": (t.duration.as_secs_f64() * 1000.0).round() / 1000.0,
                        "section": t.test.section,
                    })
                })
                .collect();
            json!({
                "name": r.exercise.name,
                "day": r.exercise.day,
                "status": exercise_status(r.status()),
                "message": build_message(r, tr),
                "points": earned,
                "max_points": possible,
                "score": score(earned, possible),
                "passed": r.passed(),
                "failed": r.failed(),
                "tests": tests,
            })
        })
        .collect();
    let passed: usize = reports.iter().map(ExerciseReport::passed).sum();
    let failed: usize = reports.iter().map(ExerciseReport::failed).sum();
    let earned: u32 = reports.iter().map(|r| r.points().0).sum();
    let possible: u32 = reports.iter().map(|r| r.points().1).sum();
    json!({
        "version": 3,
        "status": if failed == 0 { "pass" } else { "fail" },
        "message": Value::Null,
        "seed": seed,
        "tree": tree,
        "student": student,
        // Which sandbox graded the run; `contained: false` means the student's programs ran
        // beside the checker as the same user (plain mode): a grade to trust less.
        "sandbox": {"mode": crate::contain::sandbox::containment().0, "contained": crate::contain::sandbox::containment().1},
        "exercises": exercises,
        "days": days.iter().map(|(day, e, p)| json!({"day": day, "points": e, "max_points": p, "score": score(*e, *p)})).collect::<Vec<_>>(),
        "totals": {"passed": passed, "failed": failed, "points": earned, "max_points": possible, "score": score(earned, possible)},
    })
}
