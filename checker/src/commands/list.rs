//! `checker list` (every exercise and test id, with the program each test runs: the NAME of
//! `--program NAME=PATH`; an exercise in parts part by part) and `checker hint <exercise>`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::quiet_on_broken_pipe;
use crate::base::i18n::{Messages, msg};
use crate::base::workspace::Track;
use crate::cli::Format;
use crate::exercises;
use crate::lab::course;
use crate::lab::exercise::Exercise;
use crate::lab::selection;
use crate::lab::test::{Test, tests_of};
use crate::report::lines::{Lines, terminal_columns};

/// Every exercise of `track`'s (`--track c`: those the C track has) with its tests.
pub fn list(format: Format, track: Track, tr: &Messages) -> Result<ExitCode> {
    let mut out = anstream::stdout();
    let listed = exercises::on_track(track);
    if format == Format::Json {
        let doc: Vec<serde_json::Value> = listed
            .iter()
            .map(|ex| {
                let tests: Vec<serde_json::Value> = tests_of(ex)
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "id": t.id, "title": t.title, "points": t.points,
                            "timeout": t.timeout.as_secs_f64(), "section": t.section, "hint": t.hint,
                            "program": t.program, "family": t.family.map(|f| f.name),
                            "part": ex.part_of(t.id),
                        })
                    })
                    .collect();
                let parts: Vec<serde_json::Value> = ex
                    .parts
                    .iter()
                    .map(|p| serde_json::json!({"title": p.title, "section": p.section, "tests": p.tests}))
                    .collect();
                serde_json::json!({"name": ex.name, "day": ex.day, "title": ex.title, "section": ex.section, "parts": parts, "tests": tests})
            })
            .collect();
        quiet_on_broken_pipe(writeln!(out, "{}", serde_json::to_string_pretty(&doc)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Wrapped as reports are: to the terminal's width, where it is known.
    let mut lines = Lines {
        out: &mut out,
        columns: terminal_columns(),
    };
    quiet_on_broken_pipe((|| {
        for ex in &listed {
            let heading = msg!(
                "list-exercise",
                exercise = ex.name,
                day = ex.day,
                title = ex.title_in(tr).as_ref(),
                course = tr.course(),
                section = ex.section
            );
            lines.titled(&tr.render(&heading))?;
            for t in by_part(ex) {
                // An exercise in parts: each part's heading before its first test.
                if let Some(n) = ex.part_of(t.id)
                    && ex.parts[n - 1].tests.first() == Some(&t.id)
                {
                    let part = msg!(
                        "list-part",
                        part = n,
                        title = ex.part_title_in(n, tr).as_ref(),
                        course = tr.course(),
                        section = ex.parts[n - 1].section
                    );
                    lines.indented(2, &tr.render(&part), 4)?;
                }
                let program = t.program.map(|p| format!("[{p}] ")).unwrap_or_default();
                let points = msg!("list-points", points = format!("{:>2}", t.points));
                let lead = format!("  {}/{:24} {}  ", ex.name, t.id, tr.render(&points));
                lines.row(&lead, &format!("{program}{}", t.title_in(tr)))?;
            }
        }
        Ok(())
    })())?;
    Ok(ExitCode::SUCCESS)
}

/// The tests of `ex` in the order `list` shows them: part by part (the rules, in none, last),
/// or as its table has them.
fn by_part(ex: &'static Exercise) -> Vec<Test> {
    let mut tests = tests_of(ex);
    tests.sort_by_key(|t| {
        let n = ex.part_of(t.id);
        let at = n.and_then(|n| ex.parts[n - 1].tests.iter().position(|id| *id == t.id));
        (n.is_none() && !ex.parts.is_empty(), n, at)
    });
    tests
}

pub fn hint(name: &str, track: Track, tr: &Messages) -> Result<ExitCode> {
    let Some(ex) = selection::find(exercises::ALL, name) else {
        let error = msg!("hint-unknown-exercise", exercise = name);
        let _ = writeln!(
            anstream::stderr(),
            "{}",
            tr.render(&msg!("checker-error", error = error))
        );
        return Ok(ExitCode::from(2));
    };
    let mut out = anstream::stdout();
    let mut lines = Lines {
        out: &mut out,
        columns: terminal_columns(),
    };
    quiet_on_broken_pipe((|| {
        let first = msg!(
            "hint-read-first",
            course = tr.course(),
            section = ex.section,
            heading = course::heading(tr.lang(), ex.section).unwrap_or(ex.section)
        );
        lines.titled(&format!("{} — {}", ex.name, ex.title_in(tr)))?;
        lines.indented(0, &tr.render(&first), 0)?;
        for t in tests_of(ex) {
            writeln!(lines.out)?;
            lines.row(&format!("{}: ", t.id), &t.title_in(tr))?;
            lines.indented(2, &t.hint_in(&tr.on(track)), 0)?;
            lines.indented(2, &format!("({}#{})", tr.course(), t.section), 0)?;
        }
        writeln!(lines.out)?;
        Ok(())
    })())?;
    Ok(ExitCode::SUCCESS)
}
