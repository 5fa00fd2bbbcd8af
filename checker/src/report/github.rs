//! Grading on GitHub Actions (`GITHUB_ACTIONS=true`): an error annotation on the student's file
//! for each failing test (at most 10, the most GitHub shows), a Markdown table of results in
//! `$GITHUB_STEP_SUMMARY`, and everything a student's program printed wrapped in
//! `::stop-commands::`, so that it cannot inject workflow commands.

use std::io::Write;

use crate::base::i18n::{Messages, msg};
use crate::base::verdict::Status;
use crate::base::workspace::Track;
use crate::grade::outcome::{ExerciseReport, TestReport};
use crate::lab::exercise::Exercise;

/// GitHub shows at most 10 error annotations per step.
const MAX_ANNOTATIONS: usize = 10;

pub fn active() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// A token nobody can guess, for `::stop-commands::`.
pub fn fresh_token() -> String {
    let mut rng = fastrand::Rng::new();
    (0..32).map(|_| rng.alphanumeric()).collect()
}

/// Stop the runner from reading workflow commands until `resume` with the same token.
pub fn pause_commands(out: &mut impl Write, token: &str) -> std::io::Result<()> {
    writeln!(out, "::stop-commands::{token}")
}

pub fn resume_commands(out: &mut impl Write, token: &str) -> std::io::Result<()> {
    writeln!(out, "::{token}::")
}

/// Escape a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property (file, title).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The student's file a test is about, relative to the repository, and a line if the failure
/// names one (a panic or todo!() location).
fn location(
    exercise: &Exercise,
    (tree_prefix, track): (&str, Track),
    t: &TestReport,
    tr: &Messages,
) -> (String, u32) {
    let file = t
        .test
        .program
        .and_then(|p| {
            let files = exercise.student_files_on(track);
            files
                .iter()
                .find(|f| f.ends_with(&format!("{p}.rs")) || f.ends_with(&format!("{p}.c")))
        })
        .or_else(|| exercise.student_files_on(track).first())
        .copied()
        .unwrap_or("Cargo.toml");
    let path = format!("{tree_prefix}{}/{file}", exercise.name);
    let line = t
        .failure
        .as_ref()
        .and_then(|f| {
            let summary = tr.render(&f.summary);
            let at = summary.find(&format!("{file}:"))?;
            summary[at + file.len() + 1..]
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(1);
    (path, line)
}

/// The error annotations for the failing tests (the first 10) on the files of a tree on
/// `track`, worded for `tr`'s track.
pub fn annotations(
    reports: &[ExerciseReport],
    tree_prefix: &str,
    track: Track,
    tr: &Messages,
) -> Vec<String> {
    let mut out = Vec::new();
    for r in reports {
        // Not a pass, a test that does not apply, or an untouched stub's rules.
        for t in r.tests.iter().filter(|t| t.is_a_problem()) {
            if out.len() == MAX_ANNOTATIONS {
                return out;
            }
            let (file, line) = location(r.exercise, (tree_prefix, track), t, tr);
            let message = match (&t.failure, &r.build_problem) {
                (Some(f), _) => format!(
                    "{}\n{} {}\n{}",
                    tr.render(&f.summary),
                    tr.render(&msg!("report-hint")),
                    t.test.hint_in(tr),
                    tr.render(&super::human::read(tr, t.test.section))
                ),
                (None, Some(p)) => tr.render(&p.summary),
                (None, None) => tr.render(&t.status.words()),
            };
            out.push(format!(
                "::error file={},line={line},title={}::{}",
                escape_property(&file),
                escape_property(&format!(
                    "{}/{} ({})",
                    r.exercise.name,
                    t.test.id,
                    tr.render(&t.status.words())
                )),
                escape_data(&message)
            ));
        }
    }
    out
}

/// Append the results as a Markdown table to `$GITHUB_STEP_SUMMARY`.
pub fn write_summary(reports: &[ExerciseReport], tr: &Messages) -> std::io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return Ok(());
    };
    let mut md = format!(
        "## {}\n\n| {} |\n| --- | --- | --- | --- | --- |\n",
        tr.render(&msg!("summary-title")),
        tr.render(&msg!("summary-columns"))
    );
    let totals = crate::grade::outcome::totals(reports);
    for r in reports {
        md.push_str(&summary_row(r, tr));
    }
    let score = msg!(
        "summary-score",
        earned = totals.score.earned,
        possible = totals.score.possible
    );
    md.push_str(&format!("\n**{}**\n", tr.render(&score)));
    let line = super::human::totals_line(
        totals.passed,
        totals.failed,
        totals.not_started,
        totals.not_applicable,
        totals.unjudged,
    );
    md.push_str(&format!("\n{}\n", tr.render(&line)));
    let failing = failing_items(reports, tr);
    if !failing.is_empty() {
        let heading = tr.render(&msg!("summary-failing"));
        md.push_str(&format!("\n<details><summary>{heading}</summary>\n\n"));
        md.push_str(&failing.join("\n"));
        md.push_str("\n\n</details>\n");
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(md.as_bytes())
}

/// One exercise's row of the summary table: day, name, status, tests and points.
fn summary_row(r: &ExerciseReport, tr: &Messages) -> String {
    let (e, p) = r.points();
    // Tests left at their todo!() are counted apart from failures.
    let tests = match r.not_started() {
        0 => format!("{}/{}", r.passed(), r.tests.len()),
        n => tr.render(&msg!(
            "summary-tests-not-started",
            passed = r.passed(),
            tests = r.tests.len(),
            n = n
        )),
    };
    format!(
        "| {} | `{}` | {} | {tests} | {e}/{p} |\n",
        r.exercise.day,
        r.exercise.name,
        tr.render(&r.status().words()),
    )
}

/// One list item per test that failed (neither passed, not applicable nor not started), with
/// the first 300 characters of why, on one line that cannot break the Markdown.
fn failing_items(reports: &[ExerciseReport], tr: &Messages) -> Vec<String> {
    reports
        .iter()
        .flat_map(|r| {
            r.tests
                .iter()
                .filter(|t| {
                    !matches!(
                        t.status,
                        Status::Pass | Status::NotApplicable | Status::NotStarted
                    )
                })
                .map(move |t| (r, t))
        })
        .map(|(r, t)| {
            let why = t
                .failure
                .as_ref()
                .map(|f| tr.render(&f.summary).replace('|', "\\|").replace('\n', " "))
                .unwrap_or_default();
            format!(
                "- `{}/{}` ({}): {}",
                r.exercise.name,
                t.test.id,
                tr.render(&t.status.words()),
                why.chars().take(300).collect::<String>()
            )
        })
        .collect()
}
