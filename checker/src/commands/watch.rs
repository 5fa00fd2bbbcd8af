//! `checker watch [targets]`: grade, wait for a change to the graded tree, grade again.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use notify::Watcher;

use super::options;
use crate::base::i18n::{Messages, msg};
use crate::cli::GradingArgs;

pub fn run(targets: &[String], args: &GradingArgs, tr: &Messages) -> Result<ExitCode> {
    let dir = options(args, tr)?.tree.dir;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let watcher = notify::recommended_watcher(tx).and_then(|mut w| {
        w.watch(&dir, notify::RecursiveMode::Recursive)?;
        Ok(w)
    });
    let mut out = anstream::stdout();
    loop {
        let _ = if targets.is_empty() {
            super::overview::run(args, tr)
        } else {
            super::grade::run(targets, args, tr)
        };
        match &watcher {
            Ok(_) => {
                // Forget what happened while grading (before saying we watch: a save made
                // just after the message must count), wait for a change to a source file,
                // then let a burst of saves settle.
                while rx.try_recv().is_ok() {}
                let watching = msg!("watch-watching", dir = dir.display().to_string());
                writeln!(out, "\n{}", tr.render(&watching))?;
                loop {
                    match rx.recv() {
                        Ok(Ok(event)) if event.paths.iter().any(|p| is_source_change(&dir, p)) => {
                            break;
                        }
                        Ok(_) => {}
                        Err(_) => return Ok(ExitCode::from(2)),
                    }
                }
                std::thread::sleep(Duration::from_millis(300));
                while rx.try_recv().is_ok() {}
            }
            Err(e) => {
                let unavailable = msg!("watch-unavailable", error = e.to_string());
                writeln!(out, "\n{}", tr.render(&unavailable))?;
                let mut line = String::new();
                if std::io::stdin().read_line(&mut line).unwrap_or(0) == 0 {
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
        writeln!(out, "\n{}\n", "─".repeat(72))?;
    }
}

/// A change worth grading again for: a file of a package, not build output or an editor's
/// swap file. Only the part below the watched directory counts (which may itself sit under a
/// `target/`).
fn is_source_change(watched: &Path, path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inside = path.strip_prefix(watched).unwrap_or(path);
    !inside.components().any(|c| c.as_os_str() == "target")
        && !name.starts_with('.')
        && !name.ends_with('~')
        && !name.ends_with(".swp")
}
