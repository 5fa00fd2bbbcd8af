//! The lab's checker: builds each exercise with cargo as a subprocess, runs its hidden tests
//! from outside (a generated harness for libraries; real processes, sockets and signals for
//! programs), and reports what happened. Exit status: 0 all passed, 1 some test failed, 2 the
//! checker could not do its job.

// A `Failure` is built at most once per failed test, so the size of `Err` does not matter.
#![allow(clippy::result_large_err)]

mod building;
mod cache;
mod catalog;
mod cgroup;
mod cli;
mod context;
mod escape;
mod exercises;
mod export;
mod formats;
mod github;
mod glibc;
mod gradebook;
mod harness;
mod hints;
mod integrity;
mod library;
mod procinfo;
mod report;
mod resolver;
mod runner;
mod sandbox;
mod scaffold;
mod stage;
mod supervise;
mod verdict;
mod verify;
mod wire;
mod workspace;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use crate::catalog::Exercise;
use crate::cli::{Cli, Command, Format, GradingArgs};
use crate::runner::{ExerciseStatus, Options};
use crate::workspace::Tree;

fn main() -> ExitCode {
    // The checker doubles as the init process of its sandboxes (see sandbox.rs).
    if std::env::args().nth(1).as_deref() == Some(sandbox::INIT_ARG) {
        sandbox::init_main();
    }
    // The load generator, for bench/throughput.sh: `checker __loadgen <port> <bytes>`.
    if std::env::args().nth(1).as_deref() == Some("__loadgen") {
        return loadgen();
    }
    let cli = Cli::parse();
    // Not root: where the kernel allows it, become root of a user namespace of the checker's
    // own, so that programs can still be sandboxed (see sandbox.rs).
    sandbox::become_root_of_a_user_namespace(cli.grading.sandbox);
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

/// Push bytes through an echo server with the checker's own load generator; print MB/s.
fn loadgen() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let (Some(port), Some(bytes)) = (
        args.first().and_then(|p| p.parse().ok()),
        args.get(1).and_then(|b| b.parse().ok()),
    ) else {
        eprintln!("usage: checker __loadgen <port> <bytes>");
        return ExitCode::from(2);
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    match wire::echo_throughput(port, bytes, deadline) {
        Ok(rate) => {
            println!("{rate:.0}");
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("loadgen: {}", f.summary);
            ExitCode::from(1)
        }
    }
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
        Some(Command::Verify) => verify::run(options(&cli.grading)?),
        Some(Command::Gradebook { files }) => gradebook::run(&files, cli.grading.output.as_deref()),
        Some(Command::ExportStudent { dir }) => export::run(&dir),
        Some(Command::Watch { targets }) => watch(&targets, &cli.grading),
        Some(Command::New { name, binary }) => {
            let made = scaffold::run(&scaffold::Plan {
                name: &name,
                program: binary.as_deref(),
            })?;
            let mut out = anstream::stdout();
            let _ = writeln!(out, "Scaffolded {name}:");
            for file in made {
                let _ = writeln!(out, "  {file}");
            }
            let _ = writeln!(
                out,
                "\nNext: `cargo run -p checker {name}` (the stub says not started), \
                 `cargo run -p checker -- --solutions {name}` (the reference passes), then replace \
                 every TODO; README's instructor guide walks through it."
            );
            Ok(ExitCode::SUCCESS)
        }
        None if cli.targets.is_empty() => overview(&cli.grading),
        None => grade(&cli.targets, &cli.grading),
    }
}

fn options(args: &GradingArgs) -> Result<Options> {
    let (_, sandbox_note) = sandbox::choose(args.sandbox)?;
    if args.verbose {
        let cap = if cgroup::available() {
            "the kernel's (a pids cgroup per program)"
        } else {
            "the checker's (it counts each program's processes)"
        };
        let _ = writeln!(
            anstream::stderr(),
            "sandbox: {sandbox_note}; process cap: {} at once, enforced by {cap}",
            supervise::MAX_PROCESSES
        );
    }
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
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    // Tests that only wait on a timer give their slot back meanwhile (runner::off_cpu).
    // A program from elsewhere may listen on a fixed port: in plain mode, where every test
    // shares the machine's ports, its tests run one at a time unless -j says otherwise.
    let shared_ports = !args.programs.is_empty() && sandbox::mode() == sandbox::Mode::Plain;
    let jobs = args
        .jobs
        .unwrap_or(if shared_ports { 1 } else { cores })
        .max(1);
    if shared_ports && args.jobs.is_none() && args.verbose {
        let _ = writeln!(
            anstream::stderr(),
            "jobs: 1 (a --program may listen on a fixed port, and plain mode shares the machine's ports; -j N overrides)"
        );
    }
    Ok(Options {
        tree,
        programs: args.programs.clone(),
        ci: args.ci,
        seed,
        jobs,
        lend_slots: !shared_ports,
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
        programs: opts.programs.clone(),
    };
    // The human report goes to the terminal unless a machine format takes stdout.
    let human = args.format == Format::Human || args.output.is_some();
    // Every machine report asked for: --format (to --output or stdout) and each --report.
    let mut machine: Vec<(Format, Option<std::path::PathBuf>)> = args
        .reports
        .iter()
        .map(|(f, p)| (*f, Some(p.clone())))
        .collect();
    if args.format != Format::Human {
        machine.push((args.format, args.output.clone()));
    }
    let mut out = anstream::stdout();
    // On GitHub Actions, nothing the programs printed may be read as a workflow command.
    let token = github::active().then(github::fresh_token);
    if let (true, Some(token)) = (human, &token) {
        github::pause_commands(&mut out, token);
    }
    let bar = if human {
        progress_bar(selections.len(), "grading")
    } else {
        indicatif::ProgressBar::hidden()
    };
    let reports = runner::grade(selections, &opts, |r| {
        cache::store(&opts.tree, r);
        if human {
            bar.suspend(|| {
                report::exercise(&mut out, r, &rerun, args.verbose);
                let _ = writeln!(out);
                let _ = out.flush();
            });
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    if let Some(token) = &token {
        if human {
            github::resume_commands(&mut out, token);
        }
        let prefix = workspace::repo_relative(&opts.tree.dir);
        for annotation in github::annotations(&reports, &prefix) {
            let _ = writeln!(out, "{annotation}");
        }
        if let Err(e) = github::write_summary(&reports) {
            let _ = writeln!(
                anstream::stderr(),
                "checker: could not write the step summary: {e}"
            );
        }
    }
    if human {
        report::scores(&mut out, &reports);
        report::totals(&mut out, &reports);
    }
    for (format, output) in machine {
        let text = match format {
            Format::Junit => formats::junit(&reports, opts.seed)?,
            Format::Classroom => {
                serde_json::to_string_pretty(&formats::classroom(&reports))? + "\n"
            }
            _ => {
                let doc = formats::json(
                    &reports,
                    opts.seed,
                    &opts.tree.dir.to_string_lossy(),
                    args.student.as_deref(),
                );
                serde_json::to_string_pretty(&doc)? + "\n"
            }
        };
        match output {
            Some(path) => std::fs::write(&path, text)
                .with_context(|| format!("writing {}", path.display()))?,
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

/// `checker` alone: where the student stands, per day, from cached verdicts where the files
/// have not changed and fresh grading where they have.
fn overview(args: &GradingArgs) -> Result<ExitCode> {
    let opts = options(args)?;
    let mut out = anstream::stdout();
    let _ = writeln!(
        out,
        "Socket-programming lab: where you stand ({})\n",
        opts.tree.dir.display()
    );
    let mut summaries: Vec<Option<cache::Summary>> = catalog::all()
        .iter()
        .map(|e| cache::load(&opts.tree, e))
        .collect();
    let stale: Vec<String> = catalog::all()
        .iter()
        .zip(&summaries)
        .filter(|(_, s)| s.is_none())
        .map(|(e, _)| e.name.to_string())
        .collect();
    if !stale.is_empty() {
        let bar = progress_bar(stale.len(), "grading");
        let selections = catalog::select(&stale).map_err(anyhow::Error::msg)?;
        let reports = runner::grade(selections, &opts, |r| {
            cache::store(&opts.tree, r);
            bar.set_message(r.exercise.name);
            bar.inc(1);
        })?;
        bar.finish_and_clear();
        for r in &reports {
            if let Some(i) = catalog::all()
                .iter()
                .position(|e| e.name == r.exercise.name)
            {
                summaries[i] = Some(cache::Summary::of(r));
            }
        }
    }
    let rows: Vec<(&Exercise, cache::Summary)> = catalog::all()
        .iter()
        .copied()
        .zip(summaries)
        .filter_map(|(e, s)| s.map(|s| (e, s)))
        .collect();
    let days: Vec<u8> = {
        let mut d: Vec<u8> = rows.iter().map(|(e, _)| e.day).collect();
        d.dedup();
        d
    };
    for day in days {
        let of_day: Vec<&(&Exercise, cache::Summary)> =
            rows.iter().filter(|(e, _)| e.day == day).collect();
        let done = of_day
            .iter()
            .filter(|(_, s)| s.status == ExerciseStatus::Passing.label())
            .count();
        let (points, max): (u32, u32) = of_day
            .iter()
            .fold((0, 0), |(p, m), (_, s)| (p + s.points, m + s.max_points));
        let _ = writeln!(
            out,
            "Day {day}  {}  {done}/{} exercises passing, {points}/{max} points",
            report::bar(points, max, 24),
            of_day.len()
        );
        for (e, s) in of_day {
            let status = report::status_from_label(&s.status);
            let style = report::exercise_style(status);
            let _ = writeln!(
                out,
                "  {:14} {style}{:16}{style:#} {:>3}/{:<3} tests  {:>3}/{:<3} points  {}",
                e.name, s.status, s.passed, s.tests, s.points, s.max_points, e.title
            );
        }
    }
    let _ = writeln!(out);
    match rows
        .iter()
        .find(|(_, s)| s.status != ExerciseStatus::Passing.label())
    {
        Some((next, _)) => {
            let _ = writeln!(
                out,
                "Next: read course.md#{} and run `cargo run -p checker {}`",
                next.section, next.name
            );
        }
        None => {
            let _ = writeln!(out, "Every exercise passes. Well done!");
        }
    }
    let (points, max) = rows
        .iter()
        .fold((0, 0), |(p, m), (_, s)| (p + s.points, m + s.max_points));
    let passed: usize = rows.iter().map(|(_, s)| s.passed).sum();
    let total: usize = rows.iter().map(|(_, s)| s.tests).sum();
    let _ = writeln!(out, "score: {points}/{max} points");
    let _ = writeln!(out, "{passed} passed, {} failed", total - passed);
    Ok(if passed == total {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `checker watch`: grade, wait for a change to the graded tree, grade again.
fn watch(targets: &[String], args: &GradingArgs) -> Result<ExitCode> {
    use notify::Watcher;
    let dir = options(args)?.tree.dir;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let watcher = notify::recommended_watcher(tx).and_then(|mut w| {
        w.watch(&dir, notify::RecursiveMode::Recursive)?;
        Ok(w)
    });
    let mut out = anstream::stdout();
    loop {
        let _ = if targets.is_empty() {
            overview(args)
        } else {
            grade(targets, args)
        };
        match &watcher {
            Ok(_) => {
                // Forget what happened while grading (before saying we watch: a save made
                // just after the message must count), wait for a change to a source file,
                // then let a burst of saves settle.
                while rx.try_recv().is_ok() {}
                let _ = writeln!(
                    out,
                    "\nwatching {} for changes (Ctrl-C to stop)…",
                    dir.display()
                );
                loop {
                    match rx.recv() {
                        Ok(Ok(event)) if event.paths.iter().any(|p| is_source_change(&dir, p)) => {
                            break;
                        }
                        Ok(_) => {}
                        Err(_) => return Ok(ExitCode::from(2)),
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(300));
                while rx.try_recv().is_ok() {}
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "\nfile watching is unavailable here ({e}): press Enter to grade again, Ctrl-C to stop"
                );
                let mut line = String::new();
                if std::io::stdin().read_line(&mut line).unwrap_or(0) == 0 {
                    return Ok(ExitCode::SUCCESS);
                }
            }
        }
        let _ = writeln!(out, "\n{}\n", "─".repeat(72));
    }
}

/// A change worth grading again for: a file of a package, not build output or an editor's
/// swap file. Only the part below the watched directory counts (which may itself sit under a
/// `target/`).
fn is_source_change(watched: &std::path::Path, path: &std::path::Path) -> bool {
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

/// A progress bar on stderr, drawn only on a terminal and never in CI logs.
fn progress_bar(len: usize, what: &'static str) -> indicatif::ProgressBar {
    let in_ci = std::env::var_os("CI").is_some() || github::active();
    if in_ci || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{what} [{{bar:30}}] {{pos}}/{{len}} {{msg}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
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
                            "program": t.program,
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
            // The program a test runs: the NAME to give `--program NAME=PATH`.
            let program = t.program.map(|p| format!("[{p}] ")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}/{:24} {:>2} pt  {program}{}",
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
