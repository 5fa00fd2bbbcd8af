//! Machine-readable reports. JSON follows the field names of the Exercism test-runner
//! interface where they fit (`version`, `status`, `message`, `tests[].name/status/message/
//! output`), and adds what a lab needs: exercises, points, per-day and total scores.

use serde_json::{Value, json};

use crate::runner::{ExerciseReport, ExerciseStatus};
use crate::verdict::Status;

fn exercise_status(status: ExerciseStatus) -> &'static str {
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

/// The failure as plain text: summary, evidence and hint, as the human report shows it.
pub fn failure_message(t: &crate::runner::TestReport) -> Option<String> {
    let f = t.failure.as_ref()?;
    let mut text = f.summary.clone();
    for (label, value) in &f.details {
        text.push_str(&format!("\n{label}: {value}"));
    }
    if let Some(note) = &f.note {
        text.push_str(&format!("\nnote: {note}"));
    }
    Some(text)
}

fn score(earned: u32, possible: u32) -> f64 {
    if possible == 0 {
        0.0
    } else {
        (f64::from(earned) / f64::from(possible) * 1000.0).round() / 1000.0
    }
}

/// The whole run as one JSON document.
pub fn json(reports: &[ExerciseReport], seed: u64, tree: &str, student: Option<&str>) -> Value {
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
                        "message": failure_message(t),
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
                "message": r.build_problem.as_ref().map(|p| format!("{}\n{}", p.summary, p.diagnostics)),
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
        "sandbox": {"mode": crate::sandbox::containment().0, "contained": crate::sandbox::containment().1},
        "exercises": exercises,
        "days": days.iter().map(|(day, e, p)| json!({"day": day, "points": e, "max_points": p, "score": score(*e, *p)})).collect::<Vec<_>>(),
        "totals": {"passed": passed, "failed": failed, "points": earned, "max_points": possible, "score": score(earned, possible)},
    })
}

/// The whole run as JUnit XML, as CI systems read it: a test suite per exercise, a test case
/// per test (class name: the exercise), failures with their message and the program's output;
/// points and scores as properties.
pub fn junit(reports: &[ExerciseReport], seed: u64) -> anyhow::Result<String> {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut report = Report::new("socket-programming lab");
    for r in reports {
        let mut suite = TestSuite::new(r.exercise.name);
        let (earned, possible) = r.points();
        suite.add_property(("points", earned.to_string().as_str()));
        suite.add_property(("max_points", possible.to_string().as_str()));
        suite.add_property(("status", exercise_status(r.status())));
        suite.add_property(("seed", seed.to_string().as_str()));
        if let Some(problem) = &r.build_problem {
            suite.set_system_err(format!("{}\n{}", problem.summary, problem.diagnostics));
        }
        for t in &r.tests {
            let status = match t.status {
                Status::Pass => TestCaseStatus::success(),
                Status::NotApplicable => {
                    let mut s = TestCaseStatus::skipped();
                    s.set_message(
                        t.failure
                            .as_ref()
                            .map(|f| f.summary.clone())
                            .unwrap_or_else(|| t.status.label().to_string()),
                    );
                    s
                }
                Status::Error | Status::DoesNotCompile => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_type(test_status(t.status));
                    s.set_message(
                        failure_message(t)
                            .or_else(|| r.build_problem.as_ref().map(|p| p.summary.clone()))
                            .unwrap_or_else(|| t.status.label().to_string()),
                    );
                    s
                }
                Status::Fail | Status::NotStarted => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_type(test_status(t.status));
                    s.set_message(
                        failure_message(t).unwrap_or_else(|| t.status.label().to_string()),
                    );
                    if let Some(hint) = t.failure.as_ref().map(|_| t.test.hint) {
                        s.set_description(format!(
                            "hint: {hint}\nread: course.md#{}",
                            t.test.section
                        ));
                    }
                    s
                }
            };
            let mut case = TestCase::new(t.test.id, status);
            case.set_classname(r.exercise.name);
            case.set_time(t.duration);
            case.add_property(("points", t.points_earned().to_string().as_str()));
            case.add_property(("max_points", t.test.points.to_string().as_str()));
            if let Some(output) = t.failure.as_ref().and_then(|f| f.output.clone()) {
                case.set_system_out(output);
            }
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string()?)
}

/// The result GitHub Classroom's autograding reporter reads (classroom-resources/
/// autograding-grading-reporter): a step output `result` holding this JSON in base64, one
/// entry per hidden test with the points it earned. Classroom adds up `score`; `max_score` is
/// what can be earned.
pub fn classroom(reports: &[ExerciseReport]) -> Value {
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
                "message": failure_message(t).or_else(|| {
                    r.build_problem.as_ref().map(|p| p.summary.clone())
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
