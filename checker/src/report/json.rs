//! The JSON report. It follows the field names of the Exercism test-runner interface where
//! they fit (`version`, `status`, `message`, `tests[].name/status/message/output`), and adds
//! what a lab needs: exercises, points, per-day and total scores, the student, and the sandbox
//! that graded the run.

use serde_json::{Value, json};

use crate::base::i18n::{Messages, msg};
use crate::contain::sandbox::{Mode, containment};
use crate::grade::outcome::{ExerciseReport, Score, TestReport, totals};

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

/// The whole run as one JSON document.
pub fn json(
    reports: &[ExerciseReport],
    seed: u64,
    tree: &str,
    student: Option<&str>,
    sandbox: Mode,
    tr: &Messages,
) -> Value {
    let (mode, contained) = containment(sandbox);
    let exercises: Vec<Value> = reports
        .iter()
        .map(|r| {
            let (earned, possible) = r.points();
            let tests: Vec<Value> = r
                .tests
                .iter()
                .map(|t| {
                    json!({
                        "name": format!("{}/{}", r.exercise.name, t.test.id),
                        "id": t.test.id,
                        "title": t.test.title,
                        "status": t.status.name(),
                        "message": failure_message(t, tr),
                        "output": t.failure.as_ref().and_then(|f| f.output.clone()),
                        "points": r.points_of(t),
                        "max_points": t.test.points,
                        "duration": (t.duration.as_secs_f64() * 1000.0).round() / 1000.0,
                        "section": t.test.section,
                    })
                })
                .collect();
            json!({
                "name": r.exercise.name,
                "day": r.exercise.day,
                "status": r.status().name(),
                "message": build_message(r, tr),
                "points": earned,
                "max_points": possible,
                "score": Score { earned, possible }.fraction(),
                "passed": r.passed(),
                "failed": r.failed(),
                "tests": tests,
            })
        })
        .collect();
    let totals = totals(reports);
    let (passed, failed, all) = (totals.passed, totals.failed, totals.score);
    json!({
        "version": 3,
        "status": if failed == 0 { "pass" } else { "fail" },
        "message": Value::Null,
        "seed": seed,
        "tree": tree,
        "student": student,
        // Which sandbox graded the run; `contained: false` means the student's programs ran
        // beside the checker as the same user (plain mode): a grade to trust less.
        "sandbox": {"mode": mode, "contained": contained},
        "exercises": exercises,
        "days": totals.days.iter().map(|(day, s)| json!({"day": day, "points": s.earned, "max_points": s.possible, "score": s.fraction()})).collect::<Vec<_>>(),
        "totals": {"passed": passed, "failed": failed, "points": all.earned, "max_points": all.possible, "score": all.fraction()},
    })
}
