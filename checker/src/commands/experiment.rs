//! `checker try [name]`: the experiments that show the course's claims on this machine
//! (experiments/), one or all, as a report for people or (`--format json`) as data.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde_json::json;

use super::quiet_on_broken_pipe;
use crate::base::i18n::{Messages, msg};
use crate::cli::{Format, GradingArgs};
use crate::contain::sandbox;
use crate::experiments::{self, Experiment, Ran};
use crate::report::lines::{Lines, terminal_columns};

/// Exit status: 0 every claim held (or could not be tried here), 1 a claim did not hold.
pub fn run(name: Option<&str>, args: &GradingArgs, tr: &Messages) -> Result<ExitCode> {
    let chosen = match name {
        None => return list(tr),
        Some(name) => named(name)?,
    };
    let (mode, _) = sandbox::choose(args.sandbox)?;
    let human = args.format == Format::Human;
    let mut out = anstream::stdout();
    let mut all_hold = true;
    let mut doc = Vec::new();
    for experiment in chosen {
        if human {
            let heading = msg!(
                "try-heading",
                name = experiment.name,
                title = experiment.title(),
                course = tr.course(),
                section = experiment.section
            );
            quiet_on_broken_pipe(wrapped(&mut out).titled(&tr.render(&heading)))?;
        }
        let (ran, lines) = experiments::run(experiment, mode, tr, human);
        let verdict = match &ran {
            Ran::Done(o) if o.holds => msg!("try-holds"),
            Ran::Done(_) => msg!("try-does-not-hold"),
            Ran::Unavailable(why) => msg!("try-unavailable", why = why.clone()),
        };
        if human {
            let mut lines = wrapped(&mut out);
            quiet_on_broken_pipe(lines.indented(2, &tr.render(&verdict), 2))?;
            quiet_on_broken_pipe(writeln!(lines.out))?;
        }
        if let Ran::Done(outcome) = &ran {
            all_hold &= outcome.holds;
        }
        doc.push(json_entry(experiment, ran, lines, tr));
    }
    if !human {
        let text = serde_json::to_string_pretty(&doc)?;
        quiet_on_broken_pipe(writeln!(out, "{text}"))?;
    }
    Ok(if all_hold {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The experiments `name` names: `all`, or the one of that name.
fn named(name: &str) -> Result<Vec<&'static Experiment>> {
    Ok(match name {
        "all" => experiments::ALL.iter().collect(),
        name => match experiments::find(name) {
            Some(e) => vec![e],
            None => {
                let names: Vec<&str> = experiments::ALL.iter().map(|e| e.name).collect();
                bail!(crate::base::i18n::Localized(msg!(
                    "try-unknown",
                    name = name,
                    names = names.join(", ")
                )));
            }
        },
    })
}

/// One experiment in the JSON output: whether its claim held and on what facts, or why it
/// could not be tried; the lines it showed.
fn json_entry(
    experiment: &Experiment,
    ran: Ran,
    lines: Vec<String>,
    tr: &Messages,
) -> serde_json::Value {
    match ran {
        Ran::Done(outcome) => {
            json!({"name": experiment.name, "section": experiment.section, "ran": true,
                   "holds": outcome.holds, "facts": outcome.facts, "lines": lines})
        }
        Ran::Unavailable(why) => {
            json!({"name": experiment.name, "section": experiment.section, "ran": false,
                   "why": tr.render(&why), "lines": lines})
        }
    }
}

fn list(tr: &Messages) -> Result<ExitCode> {
    let mut out = anstream::stdout();
    quiet_on_broken_pipe((|| {
        wrapped(&mut out).indented(0, &tr.render(&msg!("try-list-heading")), 0)?;
        let width = experiments::ALL
            .iter()
            .map(|e| e.name.len())
            .max()
            .unwrap_or(0);
        let mut lines = wrapped(&mut out);
        for e in experiments::ALL {
            lines.row(&format!("  {:width$}  ", e.name), &tr.render(&e.title()))?;
        }
        writeln!(lines.out)?;
        lines.indented(0, &tr.render(&msg!("try-list-usage")), 0)
    })())?;
    Ok(ExitCode::SUCCESS)
}

/// `out` wrapped as reports are: to the terminal's width, where it is known.
fn wrapped<W: Write>(out: &mut W) -> Lines<'_, W> {
    Lines {
        out,
        columns: terminal_columns(),
    }
}
