//! `checker list` (every exercise and test id, with the program each test runs: the NAME of
//! `--program NAME=PATH`) and `checker hint <exercise>`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::quiet_on_broken_pipe;
use crate::cli::Format;
use crate::exercises;
use crate::lab::exercise::tests_of;
use crate::lab::selection;

pub fn list(format: Format) -> Result<ExitCode> {
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
            writeln!(
                out,
                "{} (day {}) — {}  [course.md#{}]",
                ex.name, ex.day, ex.title, ex.section
            )?;
            for t in tests_of(ex) {
                let program = t.program.map(|p| format!("[{p}] ")).unwrap_or_default();
                writeln!(
                    out,
                    "  {}/{:24} {:>2} pt  {program}{}",
                    ex.name, t.id, t.points, t.title
                )?;
            }
        }
        Ok(())
    })())?;
    Ok(ExitCode::SUCCESS)
}

pub fn hint(name: &str) -> Result<ExitCode> {
    let Some(ex) = selection::find(exercises::ALL, name) else {
        let _ = writeln!(
            anstream::stderr(),
            "checker: unknown exercise `{name}`; `checker list` shows them"
        );
        return Ok(ExitCode::from(2));
    };
    let mut out = anstream::stdout();
    quiet_on_broken_pipe((|| {
        writeln!(
            out,
            "{} — {}\nRead course.md#{} first.\n",
            ex.name, ex.title, ex.section
        )?;
        for t in tests_of(ex) {
            writeln!(
                out,
                "{}: {}\n  {}\n  (course.md#{})\n",
                t.id, t.title, t.hint, t.section
            )?;
        }
        Ok(())
    })())?;
    Ok(ExitCode::SUCCESS)
}
