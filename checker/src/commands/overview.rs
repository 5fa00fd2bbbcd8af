//! `checker` alone: where the student stands, per day, from cached verdicts where the files
//! have not changed and fresh grading where they have; an exercise in parts (day7-broker) with
//! each part's tests under it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{options, quiet_on_broken_pipe};
use crate::base::i18n::{self, Messages, Text, msg};
use crate::base::verdict::Status;
use crate::cli::GradingArgs;
use crate::exercises;
use crate::grade::cache::{self, Summary};
use crate::grade::outcome::ExerciseStatus;
use crate::grade::runner::{self, Options};
use crate::lab::course;
use crate::lab::exercise::{Exercise, RULES_ID};
use crate::lab::selection;
use crate::lab::test::tests_of;
use crate::report::{human, progress};

pub fn run(args: &GradingArgs, tr: &Messages) -> Result<ExitCode> {
    let opts = options(args, tr)?;
    let rows = summaries(&opts, tr)?;
    let mut out = anstream::stdout();
    quiet_on_broken_pipe(print(&mut out, &opts, &rows, tr))?;
    // README: "0 all passed, 1 some test failed": work not started yet is no failure, so a
    // fresh clone's overview (every exercise still at its stub) exits 0.
    Ok(if rows.iter().any(|(_, s)| s.failed() > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every exercise's summary: cached where its files are unchanged, graded again where not.
fn summaries(opts: &Options, tr: &Messages) -> Result<Vec<(&'static Exercise, Summary)>> {
    // The exercises the graded tree's track has (on C's, not day6-async's).
    let listed = exercises::on_track(opts.tree.track);
    let mut found: Vec<Option<Summary>> =
        listed.iter().map(|e| cache::load(&opts.tree, e)).collect();
    let stale: Vec<String> = listed
        .iter()
        .zip(&found)
        .filter(|(_, s)| s.is_none())
        .map(|(e, _)| e.name.to_string())
        .collect();
    if !stale.is_empty() {
        let bar = progress::bar(stale.len(), &tr.render(&msg!("report-grading")));
        let selections = selection::select(&listed, &stale)?;
        let (building, running) = progress::hooks(&bar, exercises::ALL, tr);
        let opts = Options {
            on_build: Some(building),
            on_running: Some(running),
            ..opts.clone()
        };
        let reports = runner::grade(selections, &opts, |r| {
            cache::store(&opts.tree, r);
            bar.inc(1);
        })?;
        bar.finish_and_clear();
        for r in &reports {
            if let Some(i) = listed.iter().position(|e| e.name == r.exercise.name) {
                found[i] = Some(Summary::of(r));
            }
        }
    }
    Ok(listed
        .into_iter()
        .zip(found)
        .filter_map(|(e, s)| s.map(|s| (e, s)))
        .collect())
}

/// The cells an exercise's name takes in a row, and where a title put under its row starts
/// (under the status word).
const NAME_CELLS: usize = 14;
const TITLE_INDENT: usize = 2 + NAME_CELLS + 1;

fn print(
    out: &mut impl Write,
    opts: &Options,
    rows: &[(&'static Exercise, Summary)],
    tr: &Messages,
) -> std::io::Result<()> {
    let columns = human::terminal_columns();
    let dir = opts.tree.dir.display().to_string();
    let heading = tr.render(&msg!("overview-heading", dir = dir));
    writeln!(out, "{}\n", lines(&heading, columns))?;
    let status_cells = status_cells(tr);
    let mut days: Vec<u8> = rows.iter().map(|(e, _)| e.day).collect();
    days.dedup();
    for day in days {
        let of_day: Vec<&(&'static Exercise, Summary)> =
            rows.iter().filter(|(e, _)| e.day == day).collect();
        writeln!(out, "{}", tr.render(&day_line(day, &of_day)))?;
        for (e, s) in of_day {
            row(out, e, s, status_cells, columns, tr)?;
            parts(out, e, s, columns, tr)?;
        }
    }
    writeln!(out)?;
    what_next(out, (rows, opts.tree.flag.as_deref()), columns, tr)?;
    let (points, max) = rows
        .iter()
        .fold((0, 0), |(p, m), (_, s)| (p + s.points, m + s.max_points));
    let passed: usize = rows.iter().map(|(_, s)| s.passed).sum();
    let not_started: usize = rows.iter().map(|(_, s)| s.not_started).sum();
    let score = msg!("report-score", earned = points, possible = max);
    writeln!(out, "{}", tr.render(&score))?;
    let failed = rows.iter().map(|(_, s)| s.failed()).sum();
    let totals = human::totals_line(passed, failed, not_started, 0, 0);
    writeln!(out, "{}", tr.render(&totals))
}

/// The cells the status column takes: the widest status word, by terminal cells (Hangul takes
/// two), and 16 at least.
fn status_cells(tr: &Messages) -> usize {
    let words: Vec<String> = [
        ExerciseStatus::Passing,
        ExerciseStatus::Failing,
        ExerciseStatus::NotStarted,
        ExerciseStatus::DoesNotCompile,
    ]
    .iter()
    .map(|s| tr.render(&s.words()))
    .chain([tr.render(&ExerciseStatus::Failing.words_given(0))])
    .collect();
    words
        .iter()
        .map(|w| i18n::width(w))
        .max()
        .unwrap_or(0)
        .max(16)
}

/// A day's line: its bar, how many of its exercises pass, and its points.
fn day_line(day: u8, of_day: &[&(&Exercise, Summary)]) -> Text {
    let done = of_day
        .iter()
        .filter(|(_, s)| s.status == ExerciseStatus::Passing)
        .count();
    let (points, max) = of_day
        .iter()
        .fold((0, 0), |(p, m), (_, s)| (p + s.points, m + s.max_points));
    msg!(
        "overview-day",
        day = day,
        bar = human::bar(points, max, 24),
        done = done,
        exercises = of_day.len(),
        points = points,
        max = max
    )
}

/// The first exercise not passing yet, with the course section to read for it; or that all
/// pass.
fn what_next(
    out: &mut impl Write,
    (rows, tree_flag): (&[(&Exercise, Summary)], Option<&str>),
    columns: Option<usize>,
    tr: &Messages,
) -> std::io::Result<()> {
    match rows
        .iter()
        .find(|(_, s)| s.status != ExerciseStatus::Passing)
    {
        Some((next, summary)) => {
            // An exercise in parts: the section of the first part with a test left.
            let section = next
                .parts
                .iter()
                .find(|p| {
                    summary
                        .outcomes
                        .iter()
                        .any(|(id, st)| p.tests.contains(&id.as_str()) && *st != Status::Pass)
                })
                .map_or(next.section, |p| p.section);
            let next = msg!(
                "overview-next",
                course = tr.course(),
                section = section,
                heading = course::heading(tr.lang(), section).unwrap_or(section),
                exercise = match tree_flag {
                    // `--track c`, `--solutions`: the command grades the same tree.
                    Some(flag) => format!("-- {flag} {}", next.name),
                    None => next.name.to_string(),
                }
            );
            writeln!(out, "{}", lines(&tr.render(&next), columns))
        }
        None => writeln!(out, "{}", tr.render(&msg!("overview-all-pass"))),
    }
}

/// One exercise's row: name, status, counts, and its title after them or under them.
fn row(
    out: &mut impl Write,
    e: &Exercise,
    s: &Summary,
    status_cells: usize,
    columns: Option<usize>,
    tr: &Messages,
) -> std::io::Result<()> {
    let style = human::exercise_style(s.status);
    let counts = msg!(
        "overview-counts",
        passed = format!("{:>3}", s.passed),
        tests = format!("{:<3}", s.tests),
        points = format!("{:>3}", s.points),
        max = format!("{:<3}", s.max_points)
    );
    let counts = tr.render(&counts);
    // The title after the numbers where the row fits the terminal, else under them,
    // in lines cut between words (an 80-column PuTTY wraps inside a word or syllable).
    let title = e.title_in(tr);
    let cells = 2 + NAME_CELLS.max(e.name.len()) + 1 + status_cells + 1;
    let below =
        columns.filter(|&columns| cells + i18n::width(&counts) + 2 + i18n::width(&title) > columns);
    write!(
        out,
        "  {:NAME_CELLS$} {style}{}{style:#} {}",
        e.name,
        i18n::pad(&tr.render(&s.status.words_given(s.failed())), status_cells),
        // No blanks at the end of a line whose title goes under it.
        if below.is_some() {
            counts.trim_end()
        } else {
            &counts
        },
    )?;
    match below {
        Some(columns) => {
            writeln!(out)?;
            for line in i18n::wrap(&title, columns.saturating_sub(TITLE_INDENT)) {
                writeln!(out, "{:TITLE_INDENT$}{line}", "")?;
            }
        }
        None => writeln!(out, "  {title}")?,
    }
    Ok(())
}

/// Where a part's lines start, and its tests' lines, under its exercise's row.
const PART_INDENT: usize = 4;
const PART_TESTS_INDENT: usize = 6;

/// An exercise's parts under its row (none for most): each part's line, with its counts, and its
/// tests, each with its mark, in lines cut to the terminal's width.
fn parts(
    out: &mut impl Write,
    e: &'static Exercise,
    s: &Summary,
    columns: Option<usize>,
    tr: &Messages,
) -> std::io::Result<()> {
    let tests = tests_of(e);
    let points = |id: &str| tests.iter().find(|t| t.id == id).map_or(0, |t| t.points);
    // A broken rule voids the exercise's points, and so every part's.
    let void = s
        .outcomes
        .iter()
        .any(|(id, st)| id == RULES_ID && *st == Status::Fail);
    for (i, part) in e.parts.iter().enumerate() {
        let of_part: Vec<&(String, Status)> = part
            .tests
            .iter()
            .filter_map(|id| s.outcomes.iter().find(|(o, _)| o == id))
            .collect();
        let passed = of_part.iter().filter(|(_, st)| *st == Status::Pass).count();
        let earned: u32 = of_part
            .iter()
            .filter(|(_, st)| *st == Status::Pass && !void)
            .map(|(id, _)| points(id))
            .sum();
        let possible: u32 = of_part
            .iter()
            .filter(|(_, st)| st.is_scored())
            .map(|(id, _)| points(id))
            .sum();
        let line = msg!(
            "overview-part",
            part = i + 1,
            title = e.part_title_in(i + 1, tr).as_ref(),
            passed = passed,
            tests = of_part.len(),
            points = earned,
            max = possible
        );
        let line = tr.render(&line);
        let width = columns.map(|c| c.saturating_sub(PART_INDENT));
        for line in lines(&line, width).lines() {
            writeln!(out, "{:PART_INDENT$}{line}", "")?;
        }
        let marked: Vec<(anstyle::Style, String)> = of_part
            .iter()
            .map(|(id, st)| {
                let (style, mark) = human::status_mark(*st);
                (style, format!("{mark} {id}"))
            })
            .collect();
        let width = columns.map_or(usize::MAX, |c| c.saturating_sub(PART_TESTS_INDENT));
        for row in by_width(&marked, width) {
            write!(out, "{:PART_TESTS_INDENT$}", "")?;
            for (k, (style, item)) in row.iter().enumerate() {
                let gap = if k == 0 { "" } else { "  " };
                write!(out, "{gap}{style}{item}{style:#}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// `items` in rows of at most `cells` terminal cells, two spaces between them (an item wider
/// than that has a row of its own).
fn by_width<T>(items: &[(T, String)], cells: usize) -> Vec<Vec<&(T, String)>> {
    let mut rows: Vec<Vec<&(T, String)>> = Vec::new();
    let mut used = 0;
    for item in items {
        let w = i18n::width(&item.1);
        match rows.last_mut() {
            Some(row) if used + 2 + w <= cells => {
                row.push(item);
                used += 2 + w;
            }
            _ => {
                rows.push(vec![item]);
                used = w;
            }
        }
    }
    rows
}

/// A line of prose, cut between words to the terminal's width where it is known.
fn lines(text: &str, columns: Option<usize>) -> String {
    match columns {
        Some(columns) if i18n::width(text) > columns => i18n::wrap(text, columns).join("\n"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::Lang;
    use crate::lab::fixtures::PARTED;

    /// An exercise in parts half done: its parts' lines count their own tests, each test is
    /// marked, and what comes next is the first part with a test left, by its section.
    #[test]
    fn an_exercise_in_parts_is_shown_part_by_part_and_next_is_its_first_part_left() {
        let tr = Messages::new(Lang::En);
        let summary = Summary {
            status: ExerciseStatus::Failing,
            passed: 2,
            not_started: 1,
            tests: 3,
            points: 1,
            max_points: 3,
            outcomes: vec![
                ("add".into(), Status::Pass),
                ("sub".into(), Status::NotStarted),
                ("rules".into(), Status::Pass),
            ],
        };
        let mut out = Vec::new();
        parts(&mut out, &PARTED, &summary, Some(80), &tr).unwrap();
        // Without the colours anstream leaves out where there is no terminal.
        let text = anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "    part 1: adding (1/1 tests, 1/1 points)",
                "      ✓ add",
                "    part 2: taking away (0/1 tests, 0/2 points)",
                "      ○ sub",
            ]
        );
        let rows = [(&PARTED, summary)];
        let mut out = Vec::new();
        what_next(&mut out, (&rows, None), Some(200), &tr).unwrap();
        let next = String::from_utf8(out).unwrap();
        assert!(
            next.starts_with("Next: read course.md#day1-taking-away"),
            "{next}"
        );
    }
}
