//! The JSON report. It follows the field names of the Exercism test-runner interface where
//! they fit (`version`, `status`, `message`, `tests[].name/status/message/output`), and adds
//! what a lab needs: exercises, points, per-day and total scores, the student, and the sandbox
//! that graded the run.

use serde_json::{Value, json};

use crate::base::i18n::{Messages, Text, msg};
use crate::base::verdict::Status;
use crate::base::workspace::Track;
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
    let withheld: u32 = r.tests.iter().map(TestReport::points_earned).sum();
    Some(msg!(
        "report-rules-void",
        points = withheld,
        course = tr.course()
    ))
}

/// What a test's entry says in the platforms' documents (Classroom 50, Gradescope): its failure,
/// else why its exercise could not be tested, else, for a test that passed while a broken rule
/// voids its exercise's points, why it earns none (never a silent pass with 0 points).
pub fn test_message(r: &ExerciseReport, t: &TestReport, tr: &Messages) -> Option<String> {
    failure_message(t, tr)
        .or_else(|| r.build_problem.as_ref().map(|p| tr.render(&p.summary)))
        .or_else(|| {
            let voided = t.points_earned();
            (r.rules_void_points() && voided > 0).then(|| {
                tr.render(&msg!(
                    "report-rules-void-test",
                    points = voided,
                    exercise = r.exercise.name,
                    course = tr.course()
                ))
            })
        })
}

/// What a run with tests the machine kept from being judged says as a whole: how many, that
/// they earn nothing and keep their points in the maximum, and to grade again. `None` when
/// every test was judged.
pub fn unjudged_text(unjudged: usize) -> Option<Text> {
    (unjudged > 0).then(|| msg!("report-unjudged", n = unjudged))
}

/// The whole run as one JSON document.
pub fn json(
    reports: &[ExerciseReport],
    seed: u64,
    tree: &str,
    student: Option<&str>,
    (track, sandbox): (Track, Mode),
    tr: &Messages,
) -> Value {
    let (mode, contained) = containment(sandbox);
    let exercises: Vec<Value> = reports.iter().map(|r| exercise_json(r, tr)).collect();
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
        "message": unjudged_text(unjudged).map(|t| tr.render(&t)),
        "seed": seed,
        "tree": tree,
        "student": student,
        // The track graded (`rust`, `c`): their maxima differ (the C track has no day6-async).
        "track": track.flag(),
        // Which sandbox graded the run; `contained: false` means the student's programs ran
        // beside the checker as the same user (plain mode): a grade to trust less.
        "sandbox": {"mode": mode, "contained": contained},
        "exercises": exercises,
        "days": totals.days.iter().map(|(day, s)| json!({"day": day, "points": s.earned, "max_points": s.possible, "score": s.fraction()})).collect::<Vec<_>>(),
        "totals": {"passed": passed, "failed": failed, "not_started": not_started, "unjudged": unjudged, "points": all.earned, "max_points": all.possible, "score": all.fraction()},
    })
}

/// One exercise: its status, message, points and counts, and each of its tests.
fn exercise_json(r: &ExerciseReport, tr: &Messages) -> Value {
    let (earned, possible) = r.points();
    let tests: Vec<Value> = r.tests.iter().map(|t| test_json(r, t, tr)).collect();
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
}

/// One test of exercise `r`: its verdict, message, output, diagnosis, points and duration.
fn test_json(r: &ExerciseReport, t: &TestReport, tr: &Messages) -> Value {
    json!({
        "name": format!("{}/{}", r.exercise.name, t.test.id),
        "id": t.test.id,
        "title": t.test.title,
        "status": t.status.name(),
        // `error` the machine made: could not be judged (it was starved).
        "judged": t.status != Status::Unjudged,
        "message": failure_message(t, tr),
        "output": t.failure.as_ref().and_then(|f| f.output.clone()),
        // What the program's state showed, which chose the hint; else the kind of error, which
        // chose it (null: the test's own hint).
        "diagnosis": t.failure.as_ref().and_then(|f| f.diagnosis).map(|d| d.name()),
        "kind": t.failure.as_ref().and_then(|f| f.kind).map(|k| k.name()),
        "points": r.points_of(t),
        "max_points": r.possible_of(t),
        "duration": (t.duration.as_secs_f64() * 1000.0).round() / 1000.0,
        "section": t.test.section,
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::json;
    use crate::base::i18n::{Lang, Messages};
    use crate::base::verdict::Failure;
    use crate::base::workspace::Track;
    use crate::contain::sandbox::Mode;
    use crate::grade::outcome::ExerciseReport;
    use crate::lab::exercise::Exercise;
    use crate::lab::fixtures::{LIB, SERVER};

    fn report(exercise: &'static Exercise, failing: &[&str]) -> ExerciseReport {
        ExerciseReport::made_up(exercise, Duration::from_millis(1500), |t| {
            failing.contains(&t.id).then(|| Failure::wrong("no"))
        })
    }

    #[test]
    fn every_number_comes_from_the_outcome_once() {
        let reports = [report(&LIB, &["rules"]), report(&SERVER, &["flood"])];
        let doc = json(
            &reports,
            7,
            "tree",
            Some("kim"),
            (Track::Rust, Mode::Plain),
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

    /// Every format takes its points from the outcome's one API (`points_of`, `possible_of`,
    /// `totals`): a test the machine kept from being judged earns nothing and keeps its points
    /// in the maximum, and a broken rule voids an exercise's points, the same in the JSON,
    /// JUnit, Classroom 50 and Gradescope documents.
    #[test]
    fn every_format_reports_the_same_points() {
        use crate::base::verdict::Status;
        use crate::grade::outcome::totals;
        use crate::report::{classroom50, gradescope, junit, provenance::Provenance};

        let mut server = report(&SERVER, &["flood"]);
        let unjudged = &mut server.tests[0];
        unjudged.status = Status::Unjudged;
        let unjudged_points = unjudged.test.points;
        let reports = [report(&LIB, &["rules"]), server];
        let all = totals(&reports).score;
        let every_test: u32 = reports
            .iter()
            .flat_map(|r| r.tests.iter())
            .map(|t| t.test.points)
            .sum();
        assert!(unjudged_points > 0);
        assert_eq!(all.possible, every_test, "no test left the maximum");
        let tr = Messages::new(Lang::En);
        let doc = json(&reports, 7, "tree", None, (Track::C, Mode::Plain), &tr);
        let per_test = |doc: &serde_json::Value, tests: &str, max: &str| -> u64 {
            doc[tests]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t[max].as_u64().unwrap())
                .sum()
        };
        let json_max: u64 = doc["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| per_test(e, "tests", "max_points"))
            .sum();
        assert_eq!(json_max, u64::from(all.possible));
        assert_eq!(doc["totals"]["max_points"], all.possible);
        assert_eq!(doc["totals"]["points"], all.earned);

        let provenance = Provenance::default();
        let submission = classroom50::Submission::from_env(|_| None, None, &provenance);
        let c50 = classroom50::result(&reports, &submission, &provenance, &tr);
        assert_eq!(c50["max-score"], all.possible);
        assert_eq!(c50["score"], all.earned);
        assert_eq!(
            per_test(&c50, "tests", "max-score"),
            u64::from(all.possible)
        );
        assert_eq!(per_test(&c50, "tests", "score"), u64::from(all.earned));

        let gs = gradescope::results(
            &reports,
            &provenance,
            gradescope::Visibility::Visible,
            1,
            &tr,
        );
        assert_eq!(gs["score"], all.earned);
        assert_eq!(per_test(&gs, "tests", "max_score"), u64::from(all.possible));
        assert_eq!(per_test(&gs, "tests", "score"), u64::from(all.earned));

        // The run says to grade again, as a whole (JSON, Gradescope's output) and on the test.
        let again = "1 test could not be judged";
        assert!(doc["message"].as_str().unwrap().contains(again), "{doc}");
        assert!(gs["output"].as_str().unwrap().contains(again), "{gs}");
        // A test that passed while a broken rule voids its points says why on both platforms.
        let voided = |doc: &serde_json::Value, name: &str, message: &str| {
            doc["tests"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| {
                    let name = t[name].as_str().unwrap();
                    name.starts_with("day1-lib/") && !name.starts_with("day1-lib/rules")
                })
                .map(|t| t[message].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        for (platform, said) in [
            ("Classroom 50", voided(&c50, "test-name", "message")),
            ("Gradescope", voided(&gs, "name", "output")),
        ] {
            assert_eq!(said.len(), 2, "{platform}");
            for s in said {
                assert!(s.contains("a broken rule voids"), "{platform}: {s:?}");
            }
        }

        let xml = junit::junit(&reports, 7, &provenance, &tr).unwrap();
        let property = |name: &str| -> u64 {
            xml.match_indices(&format!("<property name=\"{name}\" value=\""))
                .map(|(at, m)| {
                    let rest = &xml[at + m.len()..];
                    rest[..rest.find('"').unwrap()].parse::<u64>().unwrap()
                })
                .sum()
        };
        // Each suite's points and each case's, summed: twice the total.
        assert_eq!(property("max_points"), 2 * u64::from(all.possible));
        assert_eq!(property("points"), 2 * u64::from(all.earned));
    }
}
