//! One test's line of the human report and, for a failure, what follows it: the evidence,
//! the note, the hint with the section to read, and the commands to try it again.

use std::io::Write;

use anstyle::Style;

use super::{DIM, Rerun, YELLOW, read, status_mark, with_course_link};
use crate::base::i18n::{Messages, msg};
use crate::base::verdict::Status;
use crate::grade::outcome::TestReport;
use crate::lab::exercise::Exercise;
use crate::report::lines::Lines;
use crate::report::{explain, hints};

pub(super) fn test_line(
    out: &mut Lines<'_, impl Write>,
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
    // Continuation lines line up under the summary.
    let indent = width + 6;
    let lead = format!("  {style}{mark}{style:#} {:width$}  ", t.test.id);
    out.put(&lead, indent, indent, &summary, Style::new())?;
    if verbose && t.failure.is_some() {
        let title = msg!("report-test-title", title = t.test.title_in(tr).as_ref());
        out.put(&" ".repeat(indent), indent, indent, &tr.render(&title), DIM)?;
    }
    if let Some(f) = &t.failure {
        failure_lines(out, ex, t, f, indent, rerun, tr)?;
    }
    if verbose && !t.log.is_empty() {
        let seconds = format!("{:.2}", t.duration.as_secs_f64());
        let heading = tr.render(&msg!("report-transcript-took", seconds = seconds));
        out.put(&" ".repeat(indent), indent, indent, &heading, DIM)?;
        for line in &t.log {
            for line in tr.render(line).lines() {
                out.indented(indent + 2, line, 4)?;
            }
        }
    }
    Ok(())
}

/// The failing tests the cause told just above explains (none: nothing), listed under it by
/// name: their evidence, note and hint would be the same again.
pub(super) fn same_cause(
    out: &mut Lines<'_, impl Write>,
    explained: &[&str],
    tr: &Messages,
) -> std::io::Result<()> {
    if explained.is_empty() {
        return Ok(());
    }
    // Under the test's name, not its summary: the list takes a line or two, not five.
    let (style, mark) = status_mark(Status::Fail);
    let label = tr.render(&msg!("report-same-cause", n = explained.len()));
    let lead = format!("    {style}{mark}{style:#} {label} ");
    let cells = 6 + crate::base::i18n::width(&label) + 1;
    out.put(&lead, cells, 6, &explained.join(", "), Style::new())
}

/// What a failing (or not started) test's line is followed by: the evidence, the program's
/// output, the note, the hint and the section to read, and the commands to try it again.
fn failure_lines(
    out: &mut Lines<'_, impl Write>,
    ex: &Exercise,
    t: &TestReport,
    f: &crate::base::verdict::Failure,
    indent: usize,
    rerun: &Rerun,
    tr: &Messages,
) -> std::io::Result<()> {
    evidence(out, ex, f, indent, tr)?;
    if let Some(note) = &f.note {
        let (label, note) = (tr.render(&msg!("report-note")), tr.render(note));
        let lead = format!("{:indent$}{YELLOW}{label}{YELLOW:#} ", "");
        let cells = indent + crate::base::i18n::width(&label) + 1;
        out.put(&lead, cells, indent + 2, &note, Style::new())?;
    }
    // An untouched stub's rules: nothing to hint at yet.
    if !matches!(
        t.status,
        Status::Error | Status::NotApplicable | Status::Unjudged
    ) && !t.is_quiet()
    {
        hint_and_section(out, t, f, indent, tr)?;
    }
    if let Some(cmd) = &f.reproduce {
        let by_hand = msg!("report-try-by-hand", command = cmd);
        out.indented(indent, &tr.render(&by_hand), 2)?;
    }
    if !matches!(t.status, Status::NotStarted | Status::NotApplicable) {
        let target = format!("{}/{}", ex.name, t.test.id);
        let rerun = tr.render(&msg!("report-rerun", command = rerun.command(&target)));
        unbroken(out, indent, &rerun)?;
    }
    Ok(())
}

/// A line that holds a command to copy (`re-run: cargo run ...`): never cut, for a command cut
/// in two is two commands when pasted. At `indent` where it fits the terminal; else from the
/// fifth column, where it takes the fewest rows the terminal wraps it into.
fn unbroken(out: &mut Lines<'_, impl Write>, indent: usize, line: &str) -> std::io::Result<()> {
    let cells = crate::base::i18n::width(line);
    let at = match out.columns {
        Some(columns) if indent + cells > columns => 4,
        _ => indent,
    };
    writeln!(out.out, "{:at$}{DIM}{line}{DIM:#}", "")
}

/// The failure's labelled details and the program's output, as found.
fn evidence(
    out: &mut Lines<'_, impl Write>,
    ex: &Exercise,
    f: &crate::base::verdict::Failure,
    indent: usize,
    tr: &Messages,
) -> std::io::Result<()> {
    for (label, text) in &f.details {
        let (label, text) = (tr.render(label), tr.render(text));
        if text.contains('\n') {
            // A block (a transcript, a list): the label on its own line, the text below.
            out.indented(indent, &format!("{label}:"), 2)?;
            for line in text.lines() {
                out.indented(indent + 2, line, 4)?;
            }
        } else {
            out.indented(indent, &format!("{label}: {text}"), 2)?;
        }
    }
    if let Some(output) = &f.output {
        out.indented(indent, &tr.render(&msg!("report-output")), 2)?;
        for line in explain::rule_output(output, ex.name, tr) {
            // Indented, so nothing a program prints can start a line of our report.
            out.indented(indent, &format!("  | {line}"), 4)?;
        }
    }
    Ok(())
}

/// The hint, worded for the track graded, and the course section to read, linked where the
/// terminal can follow a link.
fn hint_and_section(
    out: &mut Lines<'_, impl Write>,
    t: &TestReport,
    f: &crate::base::verdict::Failure,
    indent: usize,
    tr: &Messages,
) -> std::io::Result<()> {
    let hint = match (t.status, hints::for_failure(f)) {
        // For an unstarted function the test's own hint says what to write.
        (Status::NotStarted, _) | (_, None) => t.test.hint_in(tr).into_owned(),
        (_, Some(hint)) => tr.render(&hint),
    };
    let label = tr.render(&msg!("report-hint"));
    let lead = format!("{:indent$}{YELLOW}{label}{YELLOW:#} ", "");
    let cells = indent + crate::base::i18n::width(&label) + 1;
    out.put(&lead, cells, indent + 2, &hint, Style::new())?;
    let line = tr.render(&read(tr, t.test.section));
    // The link's escape codes take no cells: cut the plain line, then make the link.
    let cut = match out.columns {
        Some(columns) => crate::base::i18n::wrap(&line, columns.saturating_sub(indent).max(20)),
        None => vec![line],
    };
    for (n, part) in cut.iter().enumerate() {
        let pad = if n == 0 { indent } else { indent + 2 };
        writeln!(
            out.out,
            "{:pad$}{}",
            "",
            with_course_link(part, tr, t.test.section)
        )?;
    }
    Ok(())
}
