//! `checker list` (every exercise and test id, with the program each test runs: the NAME of
//! `--program NAME=PATH`) and `checker hint <exercise>`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::quiet_on_broken_pipe;
use crate::base::i18n::{Messages, msg};
use crate::cli::Format;
use crate::exercises;
use crate::lab::course;
use crate::lab::selection;
use crate::lab::test::tests_of;

pub fn list(format: Format, tr: &Messages) -> Result<ExitCode> {
    let mut out = anstream::stdout();
    if format == Format::Json {
        let doc: Vec<serde_json::Value> = exercises::ALL
            .iter()
            .map(|ex| {
                let tests: Vec<serde_json::Value> = tests_of(ex)
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "id": t.id, "title": t.title, "points": t.points,
                            "timeout": t.timeout.as_secs_f64(), "section": t.section, "hint": t.hint,
                            "program": t.program,
                        })
                    })
                    .collect();
                serde_json::json!({"name": ex.name, "day": ex.day, "title": ex.title, "section": ex.section, "tests": tests})
            })
            .collect();
        quiet_on_broken_pipe(writeln!(out, "{}", serde_json::to_string_pretty(&doc)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    quiet_on_broken_pipe((|| {
        for ex in exercises::ALL {
            let heading = msg!(
                "list-exercise",
                exercise = ex.name,
                day = ex.day,
                title = ex.title_in(tr).as_ref(),
                course = tr.course(),
                section = ex.section
            );
            writeln!(out, "{}", tr.render(&heading))?;
            for t in tests_of(ex) {
                let program = t.program.map(|p| format!("[{p}] ")).unwrap_or_default();
                let points = msg!("list-points", points = format!("{:>2}", t.points));
                writeln!(
                    out,
                    "  {}/{:24} {}  {program}{}",
                    ex.name,
                    t.id,
                    tr.render(&points),
                    t.title_in(tr)
                )?;
            }
        }
        Ok(())
    })())?;
    Ok(ExitCode::SUCCESS)
}

pub fn hint(name: &str, tr: &Messages) -> Result<ExitCode> {
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
    quiet_on_broken_pipe((|| {
        let first = msg!(
            "hint-read-first",
            course = tr.course(),
            section = ex.section,
            heading = course::heading(tr.lang(), ex.section).unwrap_or(ex.section)
        );
        writeln!(
            out,
            "{} — {}\n{}\n",
            ex.name,
            ex.title_in(tr),
            tr.render(&first)
        )?;
        for t in tests_of(ex) {
            writeln!(
                out,
                "{}: {}\n  {}\n  ({}#{})\n",
                t.id,
                t.title_in(tr),
                t.hint_in(tr),
                tr.course(),
                t.section
            )?;
        }
        Ok(())
    })())?;
    Ok(ExitCode::SUCCESS)
}
