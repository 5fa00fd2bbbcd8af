//! `checker` alone: where the student stands, per day, from cached verdicts where the files
//! have not changed and fresh grading where they have.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{options, quiet_on_broken_pipe};
use crate::cli::GradingArgs;
use crate::exercises;
use crate::grade::cache::{self, Summary};
use crate::grade::outcome::ExerciseStatus;
use crate::grade::runner::{self, Options};
use crate::lab::exercise::Exercise;
use crate::lab::selection;
use crate::report::{human, progress};

pub fn run(args: &GradingArgs) -> Result<ExitCode> {
    let opts = options(args)?;
    let rows = summaries(&opts)?;
    let mut out = anstream::stdout();
    quiet_on_broken_pipe(print(&mut out, &opts, &rows))?;
    let passed: usize = rows.iter().map(|(_, s)| s.passed).sum();
    let total: usize = rows.iter().map(|(_, s)| s.tests).sum();
    Ok(if passed == total {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Every exercise's summary: cached where its files are unchanged, graded again where not.
fn summaries(opts: &Options) -> Result<Vec<(&'static Exercise, Summary)>> {
    let mut found: Vec<Option<Summary>> = exercises::ALL
        .iter()
        .map(|e| cache::load(&opts.tree, e))
        .collect();
    let stale: Vec<String> = exercises::ALL
        .iter()
        .zip(&found)
        .filter(|(_, s)| s.is_none())
        .map(|(e, _)| e.name.to_string())
        .collect();
    if !stale.is_empty() {
        let bar = progress::bar(stale.len(), "grading");
        let selections = selection::select(exercises::ALL, &stale)?;
        let reports = runner::grade(selections, opts, |r| {
            cache::store(&opts.tree, r);
            bar.set_message(r.exercise.name);
            bar.inc(1);
        })?;
        bar.finish_and_clear();
        for r in &reports {
            if let Some(i) = exercises::ALL
                .iter()
                .position(|e| e.name == r.exercise.name)
            {
                found[i] = Some(Summary::of(r));
            }
        }
    }
    Ok(exercises::ALL
        .iter()
        .copied()
        .zip(found)
        .filter_map(|(e, s)| s.map(|s| (e, s)))
        .collect())
}

fn print(
    out: &mut impl Write,
    opts: &Options,
    rows: &[(&Exercise, Summary)],
) -> std::io::Result<()> {
    writeln!(
        out,
        "Socket-programming lab: where you stand ({})\n",
        opts.tree.dir.display()
    )?;
    let mut days: Vec<u8> = rows.iter().map(|(e, _)| e.day).collect();
    days.dedup();
    for day in days {
        let of_day: Vec<&(&Exercise, Summary)> =
            rows.iter().filter(|(e, _)| e.day == day).collect();
        let done = of_day
            .iter()
            .filter(|(_, s)| s.status == ExerciseStatus::Passing)
            .count();
        let (points, max) = of_day
            .iter()
            .fold((0, 0), |(p, m), (_, s)| (p + s.points, m + s.max_points));
        writeln!(
            out,
            "Day {day}  {}  {done}/{} exercises passing, {points}/{max} points",
            human::bar(points, max, 24),
            of_day.len()
        )?;
        for (e, s) in of_day {
            let style = human::exercise_style(s.status);
            writeln!(
                out,
                "  {:14} {style}{:16}{style:#} {:>3}/{:<3} tests  {:>3}/{:<3} points  {}",
                e.name,
                s.status.label(),
                s.passed,
                s.tests,
                s.points,
                s.max_points,
                e.title
            )?;
        }
    }
    writeln!(out)?;
    match rows
        .iter()
        .find(|(_, s)| s.status != ExerciseStatus::Passing)
    {
        Some((next, _)) => writeln!(
            out,
            "Next: read course.md#{} and run `cargo run -p checker {}`",
            next.section, next.name
        )?,
        None => writeln!(out, "Every exercise passes. Well done!")?,
    }
    let (points, max) = rows
        .iter()
        .fold((0, 0), |(p, m), (_, s)| (p + s.points, m + s.max_points));
    let passed: usize = rows.iter().map(|(_, s)| s.passed).sum();
    let total: usize = rows.iter().map(|(_, s)| s.tests).sum();
    writeln!(out, "score: {points}/{max} points")?;
    writeln!(out, "{passed} passed, {} failed", total - passed)
}
