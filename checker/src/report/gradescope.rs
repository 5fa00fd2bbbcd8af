//! The `results.json` a Gradescope autograder writes (`/autograder/results/results.json`,
//! gradescope-autograders.readthedocs.io "Autograder Specifications"): the `score`, the
//! `execution_time` in seconds, an `output` for the whole submission, and one test per hidden
//! test with `name`, `number`, `score`, `max_score`, `status`, `output` (the failure as the
//! student reads it, in the report's language) and `visibility`. `extra_data` holds the
//! provenance.
//!
//! `status` is always given: Gradescope takes a test worth 0 points that scored 0 for passed
//! otherwise, and the `rules` test is worth 0 points.

use serde_json::{Value, json};

use super::json::{build_message, test_message, unjudged_text};
use super::provenance::Provenance;
use crate::base::i18n::{Messages, msg};
use crate::base::verdict::Status;
use crate::grade::outcome::{ExerciseReport, Score, totals};

/// When students see a test's result (Gradescope's `visibility`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[value(rename_all = "snake_case")]
pub enum Visibility {
    #[default]
    Visible,
    AfterDueDate,
    AfterPublished,
    Hidden,
}

impl Visibility {
    pub fn label(self) -> &'static str {
        match self {
            Visibility::Visible => "visible",
            Visibility::AfterDueDate => "after_due_date",
            Visibility::AfterPublished => "after_published",
            Visibility::Hidden => "hidden",
        }
    }
}

/// The whole run as Gradescope's `results.json`; `seconds` is how long grading took.
pub fn results(
    reports: &[ExerciseReport],
    provenance: &Provenance,
    visibility: Visibility,
    seconds: u64,
    tr: &Messages,
) -> Value {
    let (mut tests, mut problems) = (Vec::new(), Vec::new());
    for (e, r) in reports.iter().enumerate() {
        if let Some(message) = build_message(r, tr) {
            problems.push(format!("{}: {message}", r.exercise.name));
        }
        for (i, t) in r.tests.iter().enumerate() {
            let passed = matches!(t.status, Status::Pass | Status::NotApplicable);
            tests.push(json!({
                "name": format!("{}/{}: {}", r.exercise.name, t.test.id, t.test.title_in(tr)),
                "number": format!("{}.{}", e + 1, i + 1),
                "score": r.points_of(t),
                "max_score": r.possible_of(t),
                "status": if passed { "passed" } else { "failed" },
                "output": test_message(r, t, tr).unwrap_or_default(),
                "output_format": "text",
                "visibility": visibility.label(),
                "tags": [format!("day{}", r.exercise.day), r.exercise.name],
                "extra_data": {"exercise": r.exercise.name, "id": t.test.id, "status": t.status.name()},
            }));
        }
    }
    let totals = totals(reports);
    let Score {
        earned: score,
        possible: max,
    } = totals.score;
    let mut output = tr.render(&msg!(
        "gradescope-summary",
        points = score,
        max = max,
        passed = totals.passed,
        failed = totals.failed
    ));
    // Gradescope shows this output above the tests: the tests it could not judge, and to grade
    // again, come first.
    if let Some(text) = unjudged_text(totals.unjudged) {
        output.push_str(&format!("\n{}", tr.render(&text)));
    }
    for problem in problems {
        output.push_str(&format!("\n\n{problem}"));
    }
    output.push_str(&format!("\n\n{}", provenance.line()));
    json!({
        "score": score,
        "execution_time": seconds,
        "output": output,
        "output_format": "text",
        "visibility": visibility.label(),
        "stdout_visibility": "hidden",
        "extra_data": {"provenance": provenance.to_json()},
        "tests": tests,
    })
}
