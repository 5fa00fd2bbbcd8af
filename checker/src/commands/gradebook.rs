//! `checker gradebook <reports...> [--output FILE] [--html FILE]`: many students' JSON reports
//! (files, or folders of downloaded CI artifacts searched for them) read once into a class
//! (`report::class`), then written as the gradebook's CSV (one row per student, and one for the
//! class) and, with `--html`, as the class page. The CSV goes to `--output`, else to stdout
//! when no page is asked for. Flagged rows are listed on stderr. Exit status 0 when the class
//! was written, 2 when there was no report to read or a file could not be written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::base::files::files_below;
use crate::base::i18n::Messages;
use crate::report::class::{Class, Student, csv, page};

/// Where the class goes.
pub struct Outputs<'a> {
    pub csv: Option<&'a Path>,
    pub html: Option<&'a Path>,
}

pub fn run(
    paths: &[PathBuf],
    outputs: Outputs,
    deadline: Option<&str>,
    tr: &Messages,
) -> Result<ExitCode> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            json_files(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    let students = read(&files)?;
    let class = Class::of(students, deadline, crate::exercises::ALL);
    anyhow::ensure!(
        !class.students.is_empty(),
        "no checker report among {} (a report is what `--format json` or `--report json=FILE` writes)",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let table = csv::table(&class);
    match (outputs.csv, outputs.html) {
        (Some(path), _) => {
            std::fs::write(path, table).with_context(|| format!("writing {}", path.display()))?
        }
        (None, None) => {
            let _ = std::io::stdout().write_all(table.as_bytes());
        }
        (None, Some(_)) => {}
    }
    if let Some(path) = outputs.html {
        let html = page::page(&class, crate::exercises::ALL, tr);
        std::fs::write(path, &html).with_context(|| format!("writing {}", path.display()))?;
        eprintln!(
            "gradebook: the class page, {} students, {} KiB: {}",
            class.students.len(),
            html.len().div_ceil(1024),
            path.display()
        );
    }
    let flagged: Vec<String> = class
        .students
        .iter()
        .filter(|s| !s.flags.is_empty())
        .map(|s| {
            let flags: Vec<&str> = s.flags.iter().map(|f| f.name()).collect();
            format!("{} ({})", s.name, flags.join(" "))
        })
        .collect();
    if !flagged.is_empty() {
        eprintln!(
            "gradebook: {} of {} rows flagged: {}",
            flagged.len(),
            class.students.len(),
            flagged.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The student of each file that is a checker report (a file that is not JSON is some other
/// artifact): read and parsed on every core, a class's reports being tens of megabytes.
fn read(files: &[PathBuf]) -> Result<Vec<Student>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = files.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || -> Result<Vec<Student>> {
                    let mut students = Vec::new();
                    for file in chunk {
                        let text = std::fs::read(file)
                            .with_context(|| format!("reading {}", file.display()))?;
                        if let Ok(report) = serde_json::from_slice::<Value>(&text) {
                            students.extend(Student::of(&report, file));
                        }
                    }
                    Ok(students)
                })
            })
            .collect();
        let mut students = Vec::new();
        for worker in workers {
            let read = worker
                .join()
                .map_err(|_| anyhow::anyhow!("reading the reports failed"))?;
            students.extend(read?);
        }
        Ok(students)
    })
}

/// Every `.json` file below `dir`.
fn json_files(dir: &Path, into: &mut Vec<PathBuf>) {
    into.extend(
        files_below(dir)
            .into_iter()
            .filter(|f| f.rel.extension().is_some_and(|e| e == "json"))
            .map(|f| f.path),
    );
}
