//! `checker` alone: where the student stands, per day, from cached verdicts where the files
//! have not changed and fresh grading where they have.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{options, quiet_on_broken_pipe};
use crate::base::i18n::{self, Messages, Text, msg};
use crate::cli::GradingArgs;
use crate::exercises;
use crate::grade::cache::{self, Summary};
use crate::grade::outcome::ExerciseStatus;
use crate::grade::runner::{self, Options};
use crate::lab::course;
use crate::lab::exercise::Exercise;
use crate::lab::selection;
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
        let (building, running) = progress::hooks(&bar, tr);
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
    rows: &[(&Exercise, Summary)],
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
        let of_day: Vec<&(&Exercise, Summary)> =
            rows.iter().filter(|(e, _)| e.day == day).collect();
        writeln!(out, "{}", tr.render(&day_line(day, &of_day)))?;
        for (e, s) in of_day {
            row(out, e, s, status_cells, columns, tr)?;
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
        Some((next, _)) => {
            let next = msg!(
                "overview-next",
                course = tr.course(),
                section = next.section,
                heading = course::heading(tr.lang(), next.section).unwrap_or(next.section),
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
        i18n::pad(&tr.render(&s.status.words()), status_cells),
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

/// A line of prose, cut between words to the terminal's width where it is known.
fn lines(text: &str, columns: Option<usize>) -> String {
    match columns {
        Some(columns) if i18n::width(text) > columns => i18n::wrap(text, columns).join("\n"),
        _ => text.to_string(),
    }
}
