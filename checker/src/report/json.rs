//! The JSON report. It follows the field names of the Exercism test-runner interface where
//! they fit (`version`, `status`, `message`, `tests[].name/status/message/output`), and adds
//! what a lab needs: exercises, points, per-day and total scores, the student, and the sandbox
//! that graded the run.

use serde_json::{Value, json};

use crate::base::i18n::{Messages, Text, msg};
use crate::base::verdict::Status;
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

/// Why an exercise's score is 0 though tests passed: a broken rule voids its points (what the
/// passing tests would earn otherwise). `None` when its rules hold.
pub fn rules_void_text(r: &ExerciseReport, tr: &Messages) -> Option<Text> {
    if !r.rules_void_points() {
        return None;
    }
    let withheld: u32 = r
        .tests
        .iter()
        .filter(|t| t.status == Status::Pass)
        .map(|t| t.test.points)
        .sum();
    Some(msg!(
        "report-rules-void",
        points = withheld,
        course = tr.course()
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
                        // `error` the machine made: could not be judged (it was starved).
                        "judged": t.status != Status::Unjudged,
                        "message": failure_message(t, tr),
                        "output": t.failure.as_ref().and_then(|f| f.output.clone()),
                        // What the program's state showed, which chose the hint.
                        "diagnosis": t.failure.as_ref().and_then(|f| f.diagnosis).map(|d| d.name()),
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
                "message": build_message(r, tr)
                    .or_else(|| rules_void_text(r, tr).map(|t| tr.render(&t))),
                "points": earned,
                "max_points": possible,
                "score": Score { earned, possible }.fraction(),
                "passed": r.passed(),
                "failed": r.failed(),
                "not_started": r.not_started(),
                "rules_void_points": r.rules_void_points(),
                "tests": tests,
            })
        })
        .collect();
    let totals = totals(reports);
    let (passed, failed, all) = (totals.passed, totals.failed, totals.score);
    let (not_started, unjudged) = (totals.not_started, totals.unjudged);
    // A run the machine kept from judging whole is no verdict either way: "error", as the
    // Exercism interface names a run the runner could not finish.
    let status = match (failed, not_started, unjudged) {
        (0, 0, 0) => "pass",
        (0, 0, _) => "error",
        _ => "fail",
    };
    json!({
        "version": 3,
        "status": status,
        "message": Value::Null,
        "seed": seed,
        "tree": tree,
        "student": student,
        // Which sandbox graded the run; `contained: false` means the student's programs ran
        // beside the checker as the same user (plain mode): a grade to trust less.
        "sandbox": {"mode": mode, "contained": contained},
        "exercises": exercises,
        "days": totals.days.iter().map(|(day, s)| json!({"day": day, "points": s.earned, "max_points": s.possible, "score": s.fraction()})).collect::<Vec<_>>(),
        "totals": {"passed": passed, "failed": failed, "not_started": not_started, "unjudged": unjudged, "points": all.earned, "max_points": all.possible, "score": all.fraction()},
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::json;
    use crate::base::i18n::{Lang, Messages};
    use crate::base::verdict::Failure;
    use crate::contain::sandbox::Mode;
    use crate::grade::outcome::{ExerciseReport, TestReport};
    use crate::lab::exercise::Exercise;
    use crate::lab::fixtures::{LIB, SERVER};
    use crate::lab::test::tests_of;

    fn report(exercise: &'static Exercise, failing: &[&str]) -> ExerciseReport {
        let tests = tests_of(exercise)
            .into_iter()
            .map(|t| {
                let failure = failing.contains(&t.id).then(|| Failure::wrong("no"));
                TestReport::of(t, failure, Duration::from_millis(1500), Vec::new())
            })
            .collect();
        ExerciseReport {
            exercise,
            build_problem: None,
            tests,
        }
    }

    #[test]
    fn every_number_comes_from_the_outcome_once() {
        let reports = [report(&LIB, &["rules"]), report(&SERVER, &["flood"])];
        let doc = json(
            &reports,
            7,
            "tree",
            Some("kim"),
            Mode::Plain,
            &Messages::new(Lang::En),
        );
        let lib = &doc["exercises"][0];
        assert_eq!(lib["status"], "fail");
        assert_eq!(
            (lib["points"].as_u64(), lib["max_points"].as_u64()),
            (Some(0), Some(3))
        );
        // A broken rule voids every test's points, in every place they are shown.
        assert!(
            lib["tests"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["points"] == 0)
        );
        assert_eq!(lib["tests"][0]["status"], "pass");
        // ...and the report says why where the score is read.
        assert_eq!(lib["rules_void_points"], true);
        let why = lib["message"].as_str().unwrap_or_default();
        assert!(why.contains("voids") && why.contains("3 points"), "{why}");
        let server = &doc["exercises"][1];
        assert_eq!(server["points"], 3, "echo 1 + client-talks 1 + exit 1");
        assert_eq!(server["max_points"], 8);
        assert_eq!(server["tests"][1]["status"], "fail");
        assert_eq!(doc["days"][1]["score"], 0.375);
        assert_eq!(doc["totals"]["points"], 3);
        assert_eq!(doc["totals"]["max_points"], 11);
        assert_eq!(
            (
                doc["totals"]["passed"].as_u64(),
                doc["totals"]["failed"].as_u64()
            ),
            (Some(6), Some(2))
        );
        assert_eq!(doc["status"], "fail");
        assert_eq!(doc["sandbox"]["mode"], "plain");
        assert_eq!(doc["sandbox"]["contained"], false);
    }
}
