//! The lab's checker: builds each exercise with cargo as a subprocess, runs its hidden tests
//! from outside (a generated harness for libraries; real processes, sockets and signals for
//! programs), and reports what happened. Exit status: 0 all passed, 1 some test failed, 2 the
//! checker could not do its job.
//!
//! The layers, each a folder, each using only itself and the ones below it (the Layout section
//! of docs/maintainers.md draws them; `bench/modules.py` checks it): `commands` (one per subcommand, `cli`
//! the arguments) → `report` (what a run looks like to a reader) → `grade` (running a
//! selection: plan, build, schedule, work, collect) → `exercises` (the hidden tests, one table
//! per exercise, built from `exercises::kit`) → `compile` (cargo and make, from a trusted copy) → `lab`
//! (what is graded, as data) → `context` (what a test gets) → `observe` (the wire, the
//! oracles, the harness) → `contain` (starting, confining and stopping programs, `/proc`) →
//! `base` (verdicts, escaping, where the lab is).

// A `Failure` is built at most once per failed test, so the size of `Err` does not matter.
#![allow(clippy::result_large_err)]

mod authoring;
mod base;
mod cli;
mod commands;
mod compare;
mod compile;
mod contain;
mod context;
mod exercises;
mod experiments;
mod grade;
mod lab;
mod observe;
mod report;
mod table;

// The build script's platform guard, tested here (the build script has no tests of its own).
#[cfg(test)]
#[path = "../build/platform.rs"]
mod platform;

use std::io::Write;
use std::process::ExitCode;

use crate::base::i18n::{self, Messages, msg};
use crate::cli::{Cli, Command};
use crate::contain::{reaper, sandbox, workdirs};

fn main() -> ExitCode {
    // The checker doubles as the init process of its sandboxes (see contain/sandbox.rs).
    if std::env::args().nth(1).as_deref() == Some(sandbox::INIT_ARG) {
        sandbox::init_main();
    }
    // The load generator, for bench/throughput.sh: `checker __loadgen <port> <bytes>`.
    if std::env::args().nth(1).as_deref() == Some("__loadgen") {
        return commands::loadgen::run();
    }
    // Large buffers (floods of tens of MiB) go back to the kernel when freed instead of staying
    // in malloc's heaps: every program the checker starts is forked from it, and a fork copies
    // the page tables of all the memory the checker holds.
    // SAFETY: mallopt only changes the allocator's settings; no thread runs yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
    // The language first: `--help` and every message are written in it. A class's export
    // speaks its class's language, whatever the machine's locale; `--lang` still chooses.
    let args: Vec<String> = std::env::args().collect();
    let export_lang = base::export::current().map(|e| e.lang.tag());
    let flag = i18n::flag_in_args(&args).or(export_lang);
    let lang = i18n::choose(flag, |name| std::env::var(name).ok());
    let tr = Messages::new(lang);
    let cli = cli::parse(args, &tr);
    // Not root: where the kernel allows it, become root of a user namespace of the checker's
    // own, so that programs can still be sandboxed.
    // (Not for `broker`: it starts no program, and its listener is for a device started by
    // hand, outside the checker.)
    if !matches!(cli.command, Some(Command::Broker { .. })) {
        sandbox::become_root_of_a_user_namespace(cli.grading.sandbox);
    }
    stop_children_on_interrupt();
    let code = match run(cli, &tr) {
        Ok(code) => code,
        Err(e) => {
            let error = msg!("checker-error", error = i18n::error_chain(&e, &tr));
            let _ = writeln!(anstream::stderr(), "{}", tr.render(&error));
            ExitCode::from(2)
        }
    };
    reaper::stop_everything();
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
            reaper::stop_everything();
            workdirs::remove_all();
            std::process::exit(128 + signal);
        }
    });
}

fn run(cli: Cli, tr: &Messages) -> anyhow::Result<ExitCode> {
    commands::lab_only::refuse_in_an_export(&cli)?;
    let args = &cli.grading;
    match cli.command {
        Some(Command::List) => commands::list::list(
            args.format,
            commands::tree_of(args).map(|t| t.track).unwrap_or_default(),
            tr,
        ),
        Some(Command::Hint { exercise }) => commands::list::hint(
            &exercise,
            commands::tree_of(args).map(|t| t.track).unwrap_or_default(),
            tr,
        ),
        Some(Command::Verify { exercises }) => {
            commands::verify::run(commands::options(args, tr)?, &exercises)
        }
        Some(Command::Gradebook { files, html }) => commands::gradebook::run(
            &files,
            commands::gradebook::Outputs {
                csv: args.output.as_deref(),
                html: html.as_deref(),
            },
            args.deadline.as_deref(),
            tr,
        ),
        Some(Command::ExportStudent { dir }) => {
            commands::export::run(&dir, tr.lang(), args.track().unwrap_or_default())
        }
        Some(Command::ExportGradescope {
            out,
            lab_repository,
            lab_revision,
        }) => commands::export_gradescope::run(&out, lab_repository, lab_revision, args),
        Some(Command::Watch { targets }) => commands::watch::run(&targets, args, tr),
        Some(Command::New {
            name,
            binary,
            track,
            lab,
        }) => commands::new::run(&name, binary.as_deref(), track, lab, tr),
        Some(Command::Sync { lab }) => commands::sync::run(lab, tr),
        Some(Command::Stubs { lang }) => commands::stubs::run(lang, tr),
        Some(Command::Try { name }) => commands::experiment::run(name.as_deref(), args, tr),
        Some(Command::Compare {
            targets,
            quick,
            runs,
            clients,
            busy,
        }) => {
            let request = commands::compare::Request {
                targets: &targets,
                quick,
                runs,
                clients: &clients,
                busy,
            };
            commands::compare::run(request, args, tr)
        }
        Some(Command::Broker {
            port,
            misbehave,
            send,
            dup,
        }) => commands::broker::run(
            commands::broker::Request {
                port,
                misbehave: &misbehave,
                command: send.as_deref(),
                dup,
            },
            tr,
        ),
        None if cli.targets.is_empty() => commands::overview::run(args, tr),
        None => commands::grade::run(&cli.targets, args, tr),
    }
}
