//! The human report: one block per exercise, one line per test, and for each failure the
//! evidence, a hint and the course.md section to read. Colour comes from anstream, which turns
//! it off when stdout is not a terminal or NO_COLOR is set.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::base::i18n::{Messages, Text, msg};
use crate::base::verdict::Status;
use crate::grade::outcome::{self, ExerciseReport, ExerciseStatus, TestReport};
use crate::lab::course;
use crate::lab::exercise::Exercise;
use crate::report::hints;

const GREEN: Style = AnsiColor::Green.on_default().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();
const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// How to re-run one test with the same inputs, for the "reproduce" line of a failure.
pub struct Rerun {
    /// e.g. `--solutions` or `--root /path`, if the graded tree is not the default.
    pub tree_flag: Option<String>,
    pub seed: u64,
    /// Programs given with `--program NAME=PATH`: without them the command would grade the
    /// crate instead.
    pub programs: Vec<(String, std::path::PathBuf)>,
}

impl Rerun {
    pub fn command(&self, target: &str) -> String {
        let mut cmd = format!("cargo run -p checker -- {target}");
        if let Some(flag) = &self.tree_flag {
            cmd.push(' ');
            cmd.push_str(flag);
        }
        for (name, path) in &self.programs {
            let given = format!("{name}={}", path.display());
            cmd.push_str(&format!(
                " --program {}",
                crate::base::escape::shell_word(&given)
            ));
        }
        cmd.push_str(&format!(" --seed {}", self.seed));
        cmd
    }
}

pub fn status_mark(status: Status) -> (Style, &'static str) {
    match status {
        Status::Pass => (GREEN, "✓"),
        Status::NotStarted => (YELLOW, "○"),
        Status::Fail | Status::DoesNotCompile => (RED, "✗"),
        Status::Error => (RED, "!"),
        Status::NotApplicable => (DIM, "-"),
    }
}

pub fn exercise_style(status: ExerciseStatus) -> Style {
    match status {
        ExerciseStatus::Passing => GREEN,
        ExerciseStatus::NotStarted => YELLOW,
        ExerciseStatus::Failing | ExerciseStatus::DoesNotCompile => RED,
    }
}

/// A text bar of `done` out of `total`, `width` characters wide.
pub fn bar(done: u32, total: u32, width: usize) -> String {
    let filled = if total == 0 {
        0
    } else {
        (done as usize * width).div_ceil(total as usize).min(width)
    };
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// "(8/18 tests, 6 not started, 12/27 points)": tests left at their `todo!()` are said apart
/// from failures where some work has begun (an untouched exercise's status says it already).
fn exercise_counts(report: &ExerciseReport, earned: u32, possible: u32) -> Text {
    let not_started = report.not_started();
    if not_started > 0 && report.status() != ExerciseStatus::NotStarted {
        msg!(
            "report-exercise-counts-not-started",
            passed = report.passed(),
            tests = report.tests.len(),
            not_started = not_started,
            earned = earned,
            possible = possible
        )
    } else {
        msg!(
            "report-exercise-counts",
            passed = report.passed(),
            tests = report.tests.len(),
            earned = earned,
            possible = possible
        )
    }
}

/// Print one exercise's block.
pub fn exercise(
    out: &mut impl Write,
    report: &ExerciseReport,
    rerun: &Rerun,
    verbose: bool,
    tr: &Messages,
) -> std::io::Result<()> {
    let ex = report.exercise;
    let status = report.status();
    let style = exercise_style(status);
    let (earned, possible) = report.points();
    writeln!(
        out,
        "{BOLD}{}{BOLD:#} — {}  {style}{}{style:#} {DIM}{}{DIM:#}",
        ex.name,
        ex.title_in(tr),
        tr.render(&status.words()),
        tr.render(&exercise_counts(report, earned, possible)),
    )?;
    if let Some(void) = super::json::rules_void_text(report, tr) {
        // The score above says 0: say why where it is read, not only in the rules line below.
        writeln!(out, "  {RED}{}{RED:#}", tr.render(&void))?;
    }
    if let Some(problem) = &report.build_problem {
        let what = if problem.status == Status::DoesNotCompile {
            msg!("report-does-not-compile")
        } else {
            msg!("report-not-graded")
        };
        writeln!(
            out,
            "  {RED}✗ {}{RED:#}: {}",
            tr.render(&what),
            tr.render(&problem.summary)
        )?;
        for line in tr.render(&problem.diagnostics).lines() {
            writeln!(out, "    {line}")?;
        }
        if problem.status == Status::DoesNotCompile {
            let fix = tr.render(&msg!("report-fix-compile-errors"));
            writeln!(out, "  {DIM}{fix}{DIM:#}")?;
        }
        return Ok(());
    }
    let width = report
        .tests
        .iter()
        .map(|t| t.test.id.len())
        .max()
        .unwrap_or(0);
    for t in &report.tests {
        test_line(out, ex, t, width, rerun, verbose, tr)?;
    }
    if status == ExerciseStatus::NotStarted {
        let open = msg!(
            "report-not-started-open",
            exercise = ex.name,
            file = ex.student_files.first().copied().unwrap_or("src"),
            course = tr.course(),
            section = ex.section
        );
        writeln!(out, "  {DIM}{}{DIM:#}", tr.render(&open))?;
    }
    Ok(())
}

fn test_line(
    out: &mut impl Write,
    ex: &Exercise,
    t: &TestReport,
    width: usize,
    rerun: &Rerun,
    verbose: bool,
    tr: &Messages,
) -> std::io::Result<()> {
    let (style, mark) = status_mark(t.status);
    let summary = match (&t.failure, t.status) {
        (Some(f), _) => tr.render(&f.summary),
        (None, Status::Pass) => t.test.title_in(tr).into_owned(),
        (None, status) => tr.render(&status.words()),
    };
    writeln!(
        out,
        "  {style}{mark}{style:#} {:width$}  {summary}",
        t.test.id
    )?;
    // Continuation lines line up under the summary.
    let pad = " ".repeat(width + 6);
    if verbose && t.failure.is_some() {
        let title = msg!("report-test-title", title = t.test.title_in(tr).as_ref());
        writeln!(out, "{pad}{DIM}{}{DIM:#}", tr.render(&title))?;
    }
    if let Some(f) = &t.failure {
        for (label, text) in &f.details {
            let (label, text) = (tr.render(label), tr.render(text));
            if text.contains('\n') {
                // A block (a transcript, a list): the label on its own line, the text below.
                writeln!(out, "{pad}{label}:")?;
                for line in text.lines() {
                    writeln!(out, "{pad}  {line}")?;
                }
            } else {
                writeln!(out, "{pad}{label}: {text}")?;
            }
        }
        if let Some(output) = &f.output {
            writeln!(out, "{pad}{}", tr.render(&msg!("report-output")))?;
            for line in output.lines() {
                // Indented, so nothing a program prints can start a line of our report.
                writeln!(out, "{pad}  | {line}")?;
            }
        }
        if let Some(note) = &f.note {
            let (label, note) = (tr.render(&msg!("report-note")), tr.render(note));
            writeln!(out, "{pad}{YELLOW}{label}{YELLOW:#} {note}")?;
        }
        // An untouched stub's rules: nothing to hint at yet.
        let quiet = t.is_quiet();
        let hint = match (t.status, hints::for_failure(f)) {
            // For an unstarted function the test's own hint says what to write.
            (Status::NotStarted, _) | (_, None) => t.test.hint_in(tr).into_owned(),
            (_, Some(hint)) => tr.render(&hint),
        };
        if !matches!(t.status, Status::Error | Status::NotApplicable) && !quiet {
            let label = tr.render(&msg!("report-hint"));
            writeln!(out, "{pad}{YELLOW}{label}{YELLOW:#} {hint}")?;
            let line = tr.render(&read(tr, t.test.section));
            writeln!(out, "{pad}{}", with_course_link(&line, tr, t.test.section))?;
        }
        if let Some(cmd) = &f.reproduce {
            let by_hand = msg!("report-try-by-hand", command = cmd);
            writeln!(out, "{pad}{}", tr.render(&by_hand))?;
        }
        if !matches!(t.status, Status::NotStarted | Status::NotApplicable) {
            let target = format!("{}/{}", ex.name, t.test.id);
            let rerun = msg!("report-rerun", command = rerun.command(&target));
            writeln!(out, "{pad}{DIM}{}{DIM:#}", tr.render(&rerun))?;
        }
    }
    if verbose && !t.log.is_empty() {
        let seconds = format!("{:.2}", t.duration.as_secs_f64());
        let heading = tr.render(&msg!("report-transcript-took", seconds = seconds));
        writeln!(out, "{pad}{DIM}{heading}{DIM:#}")?;
        for line in &t.log {
            for line in tr.render(line).lines() {
                writeln!(out, "{pad}  {line}")?;
            }
        }
    }
    Ok(())
}

/// "read: course.md#anchor, "Heading"", to the course notes in the reader's language: the
/// heading is what a student can search the file for (a terminal does not follow an anchor).
pub fn read(tr: &Messages, section: &str) -> Text {
    match course::heading(tr.lang(), section) {
        Some(heading) => msg!(
            "report-read-heading",
            course = tr.course(),
            section = section,
            heading = heading
        ),
        None => msg!("report-read", course = tr.course(), section = section),
    }
}

/// `line` with its `course.md#anchor` made a link to the course file (OSC 8), where the
/// terminal is known to open links; as it is elsewhere (pipes, CI logs, other terminals).
pub fn with_course_link(line: &str, tr: &Messages, section: &str) -> String {
    let target = format!("{}#{section}", tr.course());
    if !supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout) || !line.contains(&target) {
        return line.to_string();
    }
    let url = format!("file://{}#{section}", course::path(tr.lang()).display());
    let link = format!("\x1b]8;;{url}\x1b\\{target}\x1b]8;;\x1b\\");
    line.replacen(&target, &link, 1)
}

/// The score: in total, and per day when more than one day was graded.
pub fn scores(
    out: &mut impl Write,
    reports: &[ExerciseReport],
    tr: &Messages,
) -> std::io::Result<()> {
    let totals = outcome::totals(reports);
    let per_day = if totals.days.len() > 1 {
        let parts: Vec<String> = totals
            .days
            .iter()
            .map(|(day, s)| {
                tr.render(&msg!(
                    "report-score-day",
                    day = *day,
                    earned = s.earned,
                    possible = s.possible
                ))
            })
            .collect();
        format!(" ({})", parts.join(", "))
    } else {
        String::new()
    };
    let score = msg!(
        "report-score",
        earned = totals.score.earned,
        possible = totals.score.possible
    );
    writeln!(out, "{BOLD}{}{per_day}{BOLD:#}", tr.render(&score))
}

/// The last line of every grading run, alone on its line.
pub fn totals(
    out: &mut impl Write,
    reports: &[ExerciseReport],
    tr: &Messages,
) -> std::io::Result<()> {
    let totals = outcome::totals(reports);
    let line = totals_line(
        totals.passed,
        totals.failed,
        totals.not_started,
        totals.not_applicable,
    );
    writeln!(out, "{}", tr.render(&line))
}

/// "3 passed, 2 failed, 5 not started, 1 not applicable": tests that met a `todo!()` are work
/// to do, not failures, and are counted apart; the last two only when there are any.
pub fn totals_line(passed: usize, failed: usize, not_started: usize, skipped: usize) -> Text {
    let mut line = msg!("report-totals", passed = passed, failed = failed);
    if not_started > 0 {
        line = line.then(msg!("report-totals-not-started", n = not_started));
    }
    if skipped > 0 {
        line = line.then(msg!("report-totals-not-applicable", n = skipped));
    }
    line
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::base::i18n::{Lang, Messages};
    use crate::base::verdict::Failure;
    use crate::grade::outcome::{ExerciseReport, TestReport};
    use crate::lab::fixtures::{LIB, SERVER};
    use crate::lab::test::tests_of;

    fn passing(exercise: &'static crate::lab::exercise::Exercise) -> ExerciseReport {
        let tests = tests_of(exercise)
            .into_iter()
            .map(|t| {
                let failure = (t.id == "sub").then(|| Failure::not_applicable("n/a"));
                TestReport::of(t, failure, Duration::ZERO, Vec::new())
            })
            .collect();
        ExerciseReport {
            exercise,
            build_problem: None,
            tests,
        }
    }

    #[test]
    fn the_score_per_day_and_the_last_line() {
        let reports = [passing(&LIB), passing(&SERVER)];
        let tr = Messages::new(Lang::En);
        let mut out = Vec::new();
        super::scores(&mut out, &reports, &tr).unwrap();
        super::totals(&mut out, &reports, &tr).unwrap();
        let text = String::from_utf8(out).unwrap();
        let plain = text.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
        assert!(plain.contains("9/9"), "{plain}");
        assert!(
            plain.contains("day 1: 1/1") && plain.contains("day 2: 8/8"),
            "{plain}"
        );
        assert!(
            plain
                .trim_end()
                .ends_with("7 passed, 0 failed, 1 not applicable"),
            "{plain}"
        );
    }

    #[test]
    fn not_started_is_counted_apart_from_failed() {
        let tr = Messages::new(Lang::En);
        let line = super::totals_line(3, 2, 5, 0);
        assert_eq!(tr.render(&line), "3 passed, 2 failed, 5 not started");
        let ko = Messages::new(Lang::Ko);
        assert_eq!(ko.render(&line), "통과 3, 실패 2, 시작 전 5");
        assert_eq!(
            tr.render(&super::totals_line(1, 0, 0, 0)),
            "1 passed, 0 failed"
        );
    }
}
