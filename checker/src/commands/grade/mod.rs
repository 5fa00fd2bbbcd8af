//! `checker <targets...>`: grade them. The human report goes to the terminal as each exercise
//! is done (unless a machine format takes stdout); machine reports (`--format`, `--report`)
//! are written at the end; on GitHub Actions, annotations and a step summary too.

#[cfg(test)]
mod one_cause;
mod provenance;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::{options_on, quiet_on_broken_pipe};
use crate::base::i18n::{self, Localized, Messages, msg};
use crate::base::workspace::{self, Tree};
use crate::cli::{Format, GradingArgs};
use crate::exercises;
use crate::grade::cache;
use crate::grade::outcome::ExerciseReport;
use crate::grade::runner::{self, Options};
use crate::lab::selection::{self, Selection};
use crate::report::provenance::Provenance;
use crate::report::{classroom50, github, gradescope, human, json, junit, progress};

pub fn run(targets: &[String], args: &GradingArgs, tr: &Messages) -> Result<ExitCode> {
    let tree = super::tree_of(args); // chosen once: its track selects the targets, then it is graded
    let Some(selections) = selected(targets, &tree, args, tr) else {
        return Ok(ExitCode::from(2));
    };
    let mut opts = options_on(tree, args, tr)?;
    let started = std::time::Instant::now();
    let rerun = human::Rerun {
        tree_flag: opts.tree.flag.clone(),
        seed: opts.seed,
        programs: opts.programs.clone(),
        track: opts.track,
        tree_dir: workspace::shown_dir(&opts.tree.dir),
    };
    // Every format words the run for its track.
    let tr = &tr.on(opts.track);
    // The human report goes to the terminal unless a machine format takes stdout.
    let human = args.format == Format::Human || args.output.is_some();
    let mut out = anstream::stdout();
    // On GitHub Actions, nothing the programs printed may be read as a workflow command.
    let token = github::active().then(github::fresh_token);
    if let (true, Some(token)) = (human, &token) {
        quiet_on_broken_pipe(github::pause_commands(&mut out, token))?;
    }
    let bar = grading_bar(human, selections.len(), tr);
    let (building, running) = progress::hooks(&bar, exercises::ALL, tr);
    (opts.on_build, opts.on_running) = (Some(building), Some(running));
    let columns = human::terminal_columns();
    let mut printed = Ok(());
    let reports = runner::grade(selections, &opts, |r| {
        cache::store(&opts.tree, r);
        if human && printed.is_ok() {
            bar.suspend(|| {
                printed = human::exercise(&mut out, r, &rerun, args.verbose, columns, tr)
                    .and_then(|()| writeln!(out))
                    .and_then(|()| out.flush());
            });
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    quiet_on_broken_pipe(printed)?;
    if let Some(token) = &token {
        on_github(&mut out, token, human, &reports, &opts, tr)?;
    }
    if human {
        quiet_on_broken_pipe(
            human::scores(&mut out, &reports, tr)
                .and_then(|()| human::failing(&mut out, &reports, columns, tr))
                .and_then(|()| human::totals(&mut out, &reports, tr)),
        )?;
    }
    write_machine_reports(args, &reports, &opts, started, tr)?;
    let all_passed = reports.iter().all(ExerciseReport::all_passed);
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The exercises the targets select among those the tree's track has, each `--program` used by
/// one of them; `None` once the error is said (the run's status is then 2: the command line was
/// wrong).
fn selected(
    targets: &[String],
    tree: &Result<Tree>,
    args: &GradingArgs,
    tr: &Messages,
) -> Option<Vec<Selection>> {
    let programs: Vec<String> = args.programs.iter().map(|(n, _)| n.clone()).collect();
    let track = tree.as_ref().map(|t| t.track).unwrap_or_default();
    match selection::on_track(&exercises::on_track(track), exercises::ALL, targets)
        .and_then(|s| selection::check_programs(&s, &programs).map(|()| s))
    {
        Ok(s) => Some(s),
        Err(e) => {
            let error = i18n::error_chain(&e, tr);
            let _ = writeln!(
                anstream::stderr(),
                "{}",
                tr.render(&msg!("checker-error", error = error))
            );
            None
        }
    }
}

/// The progress bar over the exercises, shown only beside the human report.
fn grading_bar(human: bool, exercises: usize, tr: &Messages) -> indicatif::ProgressBar {
    if human {
        progress::bar(exercises, &tr.render(&msg!("report-grading")))
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Annotations on the student's files and a table in the job summary.
fn on_github(
    out: &mut impl Write,
    token: &str,
    human: bool,
    reports: &[ExerciseReport],
    opts: &Options,
    tr: &Messages,
) -> Result<()> {
    if human {
        quiet_on_broken_pipe(github::resume_commands(out, token))?;
    }
    let prefix = workspace::repo_relative(&opts.tree.dir);
    for annotation in github::annotations(reports, &prefix, opts.tree.track, tr) {
        quiet_on_broken_pipe(writeln!(out, "{annotation}"))?;
    }
    if let Err(e) = github::write_summary(reports, tr) {
        let error = msg!("grade-no-step-summary", error = e.to_string());
        let _ = writeln!(
            anstream::stderr(),
            "{}",
            tr.render(&msg!("checker-error", error = error))
        );
    }
    Ok(())
}

/// What the machine reports say of the run as a whole.
struct Run {
    provenance: Provenance,
    /// How long grading took, whole seconds rounded up.
    seconds: u64,
}

/// Every machine report asked for: `--format` (to `--output` or stdout) and each `--report`.
fn write_machine_reports(
    args: &GradingArgs,
    reports: &[ExerciseReport],
    opts: &Options,
    started: std::time::Instant,
    tr: &Messages,
) -> Result<()> {
    let mut wanted: Vec<(Format, Option<PathBuf>)> = args
        .reports
        .iter()
        .map(|(f, p)| (*f, Some(p.clone())))
        .collect();
    if args.format != Format::Human {
        wanted.push((args.format, args.output.clone()));
    }
    if wanted.is_empty() {
        return Ok(()); // a student's run: no git to ask
    }
    let run = &Run {
        provenance: provenance::gather(&opts.tree, opts.sandbox, args.deadline.as_deref()),
        seconds: started.elapsed().as_secs_f64().ceil() as u64,
    };
    for (format, output) in wanted {
        let doc = match format {
            Format::Junit => {
                let text = junit::junit(reports, opts.seed, &run.provenance, tr)?;
                write_report(output, text)?;
                continue;
            }
            Format::Classroom50 => {
                let var = |name: &str| std::env::var(name).ok();
                let submission = classroom50::Submission::from_env(
                    var,
                    args.student.as_deref(),
                    &run.provenance,
                );
                classroom50::result(reports, &submission, &run.provenance, tr)
            }
            Format::Gradescope => {
                gradescope::results(reports, &run.provenance, args.visibility, run.seconds, tr)
            }
            Format::Json | Format::Human => {
                let mut doc = json::json(
                    reports,
                    opts.seed,
                    &opts.tree.dir.to_string_lossy(),
                    args.student.as_deref(),
                    (opts.tree.track, opts.sandbox),
                    tr,
                );
                doc["provenance"] = run.provenance.to_json();
                doc
            }
        };
        write_report(output, serde_json::to_string_pretty(&doc)? + "\n")?;
    }
    Ok(())
}

/// A machine report to its file, or to stdout.
fn write_report(output: Option<PathBuf>, text: String) -> Result<()> {
    match output {
        Some(path) => std::fs::write(&path, text)
            .with_context(|| Localized(msg!("grade-writing", file = path.display().to_string()))),
        None => quiet_on_broken_pipe(std::io::stdout().write_all(text.as_bytes())),
    }
}
