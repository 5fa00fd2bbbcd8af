//! The human report: one block per exercise, one line per test, and for each failure the
//! evidence, a hint and the course.md section to read. Colour comes from anstream, which turns
//! it off when stdout is not a terminal or NO_COLOR is set.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::base::i18n::{Messages, Text, msg};
use crate::base::verdict::Status;
use crate::grade::outcome::{self, ExerciseReport, ExerciseStatus, TestReport};
use crate::lab::course;
use crate::report::explain;
use crate::report::lines::Lines;
pub use crate::report::lines::terminal_columns;

mod test_line;

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
    /// The track graded: the student's files are named as that track has them.
    pub track: crate::base::workspace::Track,
    /// The graded tree's folder, as the student names it (`exercises/`, `c/exercises/`).
    pub tree_dir: String,
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
        Status::Unjudged => (YELLOW, "?"),
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

/// Print one exercise's block, cut to `columns` where the terminal's width is known.
pub fn exercise(
    out: &mut impl Write,
    report: &ExerciseReport,
    rerun: &Rerun,
    verbose: bool,
    columns: Option<usize>,
    tr: &Messages,
) -> std::io::Result<()> {
    // In the words of the track the programs were built on, as their tests' notes are.
    let tr = &tr.on(rerun.track);
    let mut out = Lines { out, columns };
    let ex = report.exercise;
    let status = report.status();
    heading(&mut out, report, status, tr)?;
    if let Some(void) = super::json::rules_void_text(report, tr) {
        // The score above says 0: say why where it is read, not only in the rules line below.
        out.put("  ", 2, 2, &tr.render(&void), RED)?;
    }
    if let Some(problem) = &report.build_problem {
        return build_problem(&mut out, problem, tr);
    }
    tests_failing_first(&mut out, report, rerun, verbose, tr)?;
    explain::warnings(&mut out, &report.warnings, tr)?;
    if status == ExerciseStatus::NotStarted {
        let open = msg!(
            "report-not-started-open",
            dir = rerun.tree_dir.clone(),
            exercise = ex.name,
            file = ex
                .student_files_on(rerun.track)
                .first()
                .copied()
                .unwrap_or("src"),
            course = tr.course(),
            section = ex.section
        );
        out.put("  ", 2, 2, &tr.render(&open), DIM)?;
    }
    Ok(())
}

/// The exercise's name, title, status and counts: on one line where it fits the terminal.
fn heading(
    out: &mut Lines<'_, impl Write>,
    report: &ExerciseReport,
    status: ExerciseStatus,
    tr: &Messages,
) -> std::io::Result<()> {
    let ex = report.exercise;
    let style = exercise_style(status);
    let (earned, possible) = report.points();
    let (status_words, counts) = (
        tr.render(&status.words_given(report.failed() + report.unjudged())),
        tr.render(&exercise_counts(report, earned, possible)),
    );
    let head = format!("{BOLD}{}{BOLD:#} — ", ex.name);
    let head_cells = crate::base::i18n::width(ex.name) + 3;
    let rest = format!("{}  {status_words} {counts}", ex.title_in(tr));
    match out.columns {
        // The title, status and counts after the name where they fit, coloured as always.
        Some(columns) if head_cells + crate::base::i18n::width(&rest) > columns => {
            out.put(&head, head_cells, 2, &ex.title_in(tr), Style::new())?;
            let lead = format!("  {style}{status_words}{style:#} ");
            let cells = 3 + crate::base::i18n::width(&status_words);
            out.put(&lead, cells, cells, &counts, DIM)?;
        }
        _ => writeln!(
            out.out,
            "{head}{}  {style}{status_words}{style:#} {DIM}{counts}{DIM:#}",
            ex.title_in(tr),
        )?,
    }
    Ok(())
}

/// Why the exercise was not graded: the summary, the compiler's lines and what to do.
fn build_problem(
    out: &mut Lines<'_, impl Write>,
    problem: &outcome::BuildProblem,
    tr: &Messages,
) -> std::io::Result<()> {
    let what = if problem.status == Status::DoesNotCompile {
        msg!("report-does-not-compile")
    } else {
        msg!("report-not-graded")
    };
    let lead = format!("  {RED}✗ {}{RED:#}: ", tr.render(&what));
    let cells = 6 + crate::base::i18n::width(&tr.render(&what));
    out.put(&lead, cells, 4, &tr.render(&problem.summary), Style::new())?;
    // The compiler's own lines, as it wrote them: their columns point at the code.
    let diagnostics = tr.render(&problem.diagnostics);
    for line in explain::compiler_output(&diagnostics, tr) {
        writeln!(out.out, "    {line}")?;
    }
    if problem.status == Status::DoesNotCompile {
        let fix = tr.render(&msg!("report-fix-compile-errors"));
        out.put("  ", 2, 2, &fix, DIM)?;
    }
    Ok(())
}

/// One line per test, the failing ones first: in a short terminal they are what must stay on
/// screen, above the hints of tests not started yet.
fn tests_failing_first(
    out: &mut Lines<'_, impl Write>,
    report: &ExerciseReport,
    rerun: &Rerun,
    verbose: bool,
    tr: &Messages,
) -> std::io::Result<()> {
    let ex = report.exercise;
    let width = report
        .tests
        .iter()
        .map(|t| t.test.id.len())
        .max()
        .unwrap_or(0);
    let failing = |t: &&TestReport| {
        matches!(
            t.status,
            Status::Fail | Status::Error | Status::DoesNotCompile | Status::Unjudged
        )
    };
    let (first, then): (Vec<&TestReport>, Vec<&TestReport>) =
        report.tests.iter().partition(failing);
    // One cause, told once: the failures an earlier one's cause explains are listed under it
    // (every test in full with -v, which asks for everything).
    let mut groups: Vec<(&TestReport, Vec<&str>)> = Vec::new();
    for t in first {
        match groups
            .iter_mut()
            .find(|(lead, _)| !verbose && one_cause(lead, t))
        {
            Some((_, explained)) => explained.push(t.test.id),
            None => groups.push((t, Vec::new())),
        }
    }
    for (lead, explained) in groups {
        test_line::test_line(out, ex, lead, width, rerun, verbose, tr)?;
        test_line::same_cause(out, &explained, tr)?;
    }
    for t in then {
        test_line::test_line(out, ex, t, width, rerun, verbose, tr)?;
    }
    Ok(())
}

/// Whether `b` failed for the cause `a` was told with: the same status, the same note (the
/// diagnosis in words, with what it names), and the same hint chosen by the failure (by its
/// diagnosis or its kind; none where each keeps its test's own). A failure without a note says
/// only its summary, which is its test's own: never folded.
fn one_cause(a: &TestReport, b: &TestReport) -> bool {
    let (Some(fa), Some(fb)) = (&a.failure, &b.failure) else {
        return false;
    };
    a.status == b.status
        && fa.note.is_some()
        && fa.note == fb.note
        && fa.diagnosis == fb.diagnosis
        && crate::report::hints::for_failure(fa) == crate::report::hints::for_failure(fb)
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

/// The failing tests by name, above the last line: in a short terminal (watch) the summary is
/// what stays on screen, and it says which tests to look at.
pub fn failing(
    out: &mut impl Write,
    reports: &[ExerciseReport],
    columns: Option<usize>,
    tr: &Messages,
) -> std::io::Result<()> {
    let names: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.tests
                .iter()
                .filter(|t| {
                    matches!(
                        t.status,
                        Status::Fail | Status::Error | Status::DoesNotCompile
                    )
                })
                .map(move |t| format!("{}/{}", r.exercise.name, t.test.id))
        })
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    let line = tr.render(&msg!("report-failing", tests = names.join(", ")));
    Lines { out, columns }.put("", 0, 2, &line, RED)
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
        totals.unjudged,
    );
    writeln!(out, "{}", tr.render(&line))
}

/// "3 passed, 2 failed, 5 not started, 1 not applicable": tests that met a `todo!()` are work
/// to do, not failures, and are counted apart; the last two only when there are any.
pub fn totals_line(
    passed: usize,
    failed: usize,
    not_started: usize,
    skipped: usize,
    unjudged: usize,
) -> Text {
    let mut line = msg!("report-totals", passed = passed, failed = failed);
    if not_started > 0 {
        line = line.then(msg!("report-totals-not-started", n = not_started));
    }
    if skipped > 0 {
        line = line.then(msg!("report-totals-not-applicable", n = skipped));
    }
    if unjudged > 0 {
        line = line.then(msg!("report-totals-unjudged", n = unjudged));
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

    fn passing(exercise: &'static crate::lab::exercise::Exercise) -> ExerciseReport {
        ExerciseReport::made_up(exercise, Duration::ZERO, |t| {
            (t.id == "sub").then(|| Failure::not_applicable("n/a"))
        })
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

    /// Every line of a failing report, in both languages, fits an 80-column terminal; the
    /// failing test comes before the passing one above it in the table.
    #[test]
    fn a_report_fits_80_columns_and_shows_failures_first() {
        use crate::base::i18n::msg;
        let mut report = passing(&SERVER);
        let long = "client 1 sent 65536 bytes and the server echoed 16384 of them back before it closed the connection without reading the rest";
        let failure = Failure::wrong(msg!("load-closed-early", bytes = 16777216, got = 16384))
            .detail("sent", long)
            .detail("transcript", format!("{long}\n{long}"))
            .note(msg!("load-closed-early", bytes = 16777216, got = 16384))
            .reproduce("printf 'hello\\n' | nc -N 127.0.0.1 7000 # a command longer than the terminal is wide, cut between words")
            .output(long);
        let last = report.tests.len() - 1;
        report.tests[last] = TestReport::of(
            report.tests[last].test,
            Some(failure),
            Duration::ZERO,
            Vec::new(),
        );
        let rerun = super::Rerun {
            tree_flag: Some("--root /a/rather/long/path/to/a/students/repository".into()),
            seed: 123456789,
            programs: Vec::new(),
            track: Default::default(),
            tree_dir: "exercises/".into(),
        };
        for lang in [Lang::En, Lang::Ko] {
            let tr = Messages::new(lang);
            let mut out = Vec::new();
            super::exercise(&mut out, &report, &rerun, true, Some(80), &tr).unwrap();
            super::failing(&mut out, std::slice::from_ref(&report), Some(80), &tr).unwrap();
            let text = strip_styles(&String::from_utf8(out).unwrap());
            // The command to re-run is never cut (a command cut in two is two when pasted): the
            // one line that may be wider than the terminal, which wraps it as it shows it.
            let failed = report.tests[last].test.id;
            let command = rerun.command(&format!("{}/{failed}", SERVER.name));
            assert!(text.lines().any(|l| l.contains(&command)), "{text}");
            for line in text.lines().filter(|l| !l.contains("cargo run -p checker")) {
                assert!(
                    crate::base::i18n::width(line) <= 80,
                    "{lang:?}: {} cells: {line}\n{text}",
                    crate::base::i18n::width(line)
                );
            }
            let failed = report.tests[last].test.id;
            let first_test = text.lines().nth(2).unwrap();
            assert!(first_test.contains(failed), "{lang:?}: {text}");
            assert!(
                text.contains(&format!("{}/{failed}", SERVER.name)),
                "{text}"
            );
        }
    }

    /// Text without its ANSI styles (ESC [ ... m).
    fn strip_styles(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn not_started_is_counted_apart_from_failed() {
        let tr = Messages::new(Lang::En);
        let line = super::totals_line(3, 2, 5, 0, 0);
        assert_eq!(tr.render(&line), "3 passed, 2 failed, 5 not started");
        let ko = Messages::new(Lang::Ko);
        assert_eq!(ko.render(&line), "통과 3, 실패 2, 시작 전 5");
        assert_eq!(
            tr.render(&super::totals_line(1, 0, 0, 0, 0)),
            "1 passed, 0 failed"
        );
    }

    /// A successful build's unused `Result` shows under its exercise, which still passes: as
    /// the compiler wrote it in English, with its fix after it in Korean.
    #[test]
    fn a_kept_warning_shows_under_a_passing_exercise_with_its_fix() {
        use crate::base::i18n::msg;
        use crate::grade::outcome::ExerciseStatus;
        let passing = ExerciseReport::made_up(
            &crate::lab::fixtures::LIB,
            std::time::Duration::ZERO,
            |_| None,
        );
        let warning = "warning: unused `Result` that must be used\n --> src/lib.rs:7:5\n  |\n7 |     nix::unistd::write(&fd, buf);\n  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^";
        let report = ExerciseReport {
            warnings: vec![warning.to_string()],
            ..passing
        };
        assert_eq!(report.status(), ExerciseStatus::Passing);
        let rerun = super::Rerun {
            tree_flag: None,
            seed: 1,
            programs: Vec::new(),
            track: Default::default(),
            tree_dir: "exercises/".into(),
        };
        for lang in [Lang::En, Lang::Ko] {
            let tr = Messages::new(lang);
            let mut out = Vec::new();
            super::exercise(&mut out, &report, &rerun, false, None, &tr).unwrap();
            let text = String::from_utf8(out).unwrap();
            let said = tr.render(&msg!("report-compiler-warnings"));
            assert!(text.contains(&said), "{lang:?}: {text}");
            assert!(
                text.contains("    warning: unused `Result` that must be used"),
                "{text}"
            );
            assert!(
                text.contains("    7 |     nix::unistd::write(&fd, buf);"),
                "{text}"
            );
            let fix = tr.render(&msg!(
                "report-compiler-fix",
                fix = msg!("rustc-fix-must-use")
            ));
            assert_eq!(text.contains(&fix), lang == Lang::Ko, "{lang:?}: {text}");
        }
        // None kept: nothing said.
        let quiet = ExerciseReport {
            warnings: Vec::new(),
            ..report
        };
        let tr = Messages::new(Lang::Ko);
        let mut out = Vec::new();
        super::exercise(&mut out, &quiet, &rerun, false, Some(80), &tr).unwrap();
        let said = tr.render(&msg!("report-compiler-warnings"));
        assert!(!String::from_utf8(out).unwrap().contains(&said));
    }
}
