//! The lab's checker: builds each exercise with cargo as a subprocess, runs its hidden tests
//! from outside (a generated harness for libraries; real processes, sockets and signals for
//! programs), and reports what happened. Exit status: 0 all passed, 1 some test failed, 2 the
//! checker could not do its job.

// A `Failure` is built at most once per failed test, so the size of `Err` does not matter.
#![allow(clippy::result_large_err)]

mod building;
mod catalog;
mod cli;
mod context;
mod escape;
mod exercises;
mod formats;
mod glibc;
mod harness;
mod hints;
mod library;
mod procinfo;
mod report;
mod runner;
mod supervise;
mod verdict;
mod wire;
mod workspace;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use crate::cli::{Cli, Command, Format, GradingArgs};
use crate::runner::{ExerciseStatus, Options};
use crate::workspace::Tree;

fn main() -> ExitCode {
    let cli = Cli::parse();
    stop_children_on_interrupt();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "checker: {e:#}");
            ExitCode::from(2)
        }
    };
    supervise::stop_everything();
    code
}

/// Ctrl-C reaches only the checker (its programs run in process groups of their own), so the
/// checker must stop them before it goes.
fn stop_children_on_interrupt() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            supervise::stop_everything();
            std::process::exit(128 + signal);
        }
    });
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::List) => {
            list(cli.grading.format);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Hint { exercise }) => hint(&exercise),
        None if cli.targets.is_empty() => overview(&cli.grading),
        None => grade(&cli.targets, &cli.grading),
    }
}

fn options(args: &GradingArgs) -> Result<Options> {
    let lab = workspace::lab_root();
    let tree = if args.solutions {
        Tree {
            dir: lab.join("solutions"),
            flag: Some("--solutions".into()),
        }
    } else if let Some(dir) = &args.root {
        let dir = dir
            .canonicalize()
            .with_context(|| format!("--root {}: no such directory", dir.display()))?;
        let flag = format!("--root {}", escape::shell_word(&dir.to_string_lossy()));
        Tree {
            dir,
            flag: Some(flag),
        }
    } else {
        Tree {
            dir: lab.join("exercises"),
            flag: None,
        }
    };
    let seed = args.seed.unwrap_or_else(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        (nanos ^ u64::from(std::process::id())) % 1_000_000_000
    });
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    });
    Ok(Options {
        tree,
        programs: args.programs.clone(),
        seed,
        jobs,
        color: anstream::stdout().is_terminal_colored(),
    })
}

trait ColorChoice {
    fn is_terminal_colored(&self) -> bool;
}

impl ColorChoice for anstream::AutoStream<std::io::Stdout> {
    fn is_terminal_colored(&self) -> bool {
        !matches!(self.current_choice(), anstream::ColorChoice::Never)
    }
}

fn grade(targets: &[String], args: &GradingArgs) -> Result<ExitCode> {
    let selections = match catalog::select(targets) {
        Ok(s) => s,
        Err(message) => {
            let _ = writeln!(anstream::stderr(), "checker: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let opts = options(args)?;
    let rerun = report::Rerun {
        tree_flag: opts.tree.flag.clone(),
        seed: opts.seed,
    };
    // The human report goes to the terminal unless a machine format takes stdout.
    let human = args.format == Format::Human || args.output.is_some();
    let mut out = anstream::stdout();
    let reports = runner::grade(selections, &opts, |r| {
        if human {
            report::exercise(&mut out, r, &rerun, args.verbose);
            let _ = writeln!(out);
            let _ = out.flush();
        }
    })?;
    if human {
        report::totals(&mut out, &reports);
    }
    if args.format == Format::Json {
        let doc = formats::json(&reports, opts.seed, &opts.tree.dir.to_string_lossy());
        let text = serde_json::to_string_pretty(&doc)? + "\n";
        match &args.output {
            Some(path) => {
                std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
            }
            None => print!("{text}"),
        }
    }
    let all_passed = reports.iter().all(|r| r.failed() == 0);
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `checker` alone: grade everything quietly and show where the student stands.
fn overview(args: &GradingArgs) -> Result<ExitCode> {
    let opts = options(args)?;
    let selections = catalog::select(&["all".to_string()]).map_err(anyhow::Error::msg)?;
    let mut out = anstream::stdout();
    let _ = writeln!(
        out,
        "Socket-programming lab: where you stand ({})\n",
        opts.tree.dir.display()
    );
    let reports = runner::grade(selections, &opts, |_| {})?;
    let mut current_day = 0;
    for r in &reports {
        if r.exercise.day != current_day {
            current_day = r.exercise.day;
            let _ = writeln!(out, "Day {current_day}");
        }
        let status = r.status();
        let style = report::exercise_style(status);
        let _ = writeln!(
            out,
            "  {:16} {style}{:16}{style:#} {:>3}/{:<3} tests  {}",
            r.exercise.name,
            status.label(),
            r.passed(),
            r.tests.len(),
            r.exercise.title
        );
    }
    let _ = writeln!(out);
    match reports
        .iter()
        .find(|r| r.status() != ExerciseStatus::Passing)
    {
        Some(next) => {
            let _ = writeln!(
                out,
                "Next: read course.md#{} and run `cargo run -p checker {}`",
                next.exercise.section, next.exercise.name
            );
        }
        None => {
            let _ = writeln!(out, "Every exercise passes. Well done!");
        }
    }
    report::totals(&mut out, &reports);
    let all_passed = reports.iter().all(|r| r.failed() == 0);
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn list(format: Format) {
    if format == Format::Json {
        let doc: Vec<serde_json::Value> = catalog::all()
            .iter()
            .map(|ex| {
                let tests: Vec<serde_json::Value> = catalog::tests_of(ex)
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "id": t.id, "title": t.title, "points": t.points,
                            "timeout": t.timeout.as_secs_f64(), "section": t.section, "hint": t.hint,
                        })
                    })
                    .collect();
                serde_json::json!({"name": ex.name, "day": ex.day, "title": ex.title, "section": ex.section, "tests": tests})
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        return;
    }
    let mut out = anstream::stdout();
    for ex in catalog::all() {
        let _ = writeln!(
            out,
            "{} (day {}) — {}  [course.md#{}]",
            ex.name, ex.day, ex.title, ex.section
        );
        for t in catalog::tests_of(ex) {
            let _ = writeln!(
                out,
                "  {}/{:24} {:>2} pt  {}",
                ex.name, t.id, t.points, t.title
            );
        }
    }
}

fn hint(name: &str) -> Result<ExitCode> {
    let Some(ex) = catalog::find(name) else {
        let _ = writeln!(
            anstream::stderr(),
            "checker: unknown exercise `{name}`; `checker list` shows them"
        );
        return Ok(ExitCode::from(2));
    };
    let mut out = anstream::stdout();
    let _ = writeln!(
        out,
        "{} — {}\nRead course.md#{} first.\n",
        ex.name, ex.title, ex.section
    );
    for t in catalog::tests_of(ex) {
        let _ = writeln!(
            out,
            "{}: {}\n  {}\n  (course.md#{})\n",
            t.id, t.title, t.hint, t.section
        );
    }
    Ok(ExitCode::SUCCESS)
}
