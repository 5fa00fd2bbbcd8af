//! One module per subcommand; `main.rs` only parses and dispatches. What they share is how the
//! command line's grading options become the grader's `Options`.

pub mod broker;
pub mod compare;
pub mod experiment;
pub mod export;
pub mod export_gradescope;
pub mod grade;
pub mod gradebook;
pub mod lab_only;
pub mod list;
pub mod loadgen;
pub mod new;
pub mod overview;
pub mod stubs;
pub mod sync;
pub mod verify;
pub mod watch;

use std::io::Write;

use anyhow::{Context, Result};

use crate::base::escape;
use crate::base::i18n::{Localized, Messages, Text, msg};
use crate::base::workspace::{self, Track, Tree};
use crate::cli::GradingArgs;
use crate::contain::{cgroup, reaper, sandbox};
use crate::grade::runner::Options;

/// The grader's options from the command line: the sandbox mode chosen once, the tree to
/// grade and the run's track, the seed, how many tests run at once.
pub fn options(args: &GradingArgs, tr: &Messages) -> Result<Options> {
    options_on(tree_of(args), args, tr)
}

/// `options`, with the tree already chosen (`tree_of`), where the command needed its track
/// before (to select its targets on it).
pub(crate) fn options_on(tree: Result<Tree>, args: &GradingArgs, tr: &Messages) -> Result<Options> {
    let (sandbox, sandbox_note) = sandbox::choose(args.sandbox)?;
    if args.verbose {
        say_containment(sandbox_note, tr);
    }
    let tree = tree?;
    // The run's track, decided here once: the tree's, or the track of programs given from
    // elsewhere (their compiler's mark).
    let track = crate::compile::package::program_track(tree.track, &args.programs);
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
    // Tests that only wait on a timer give their slot back meanwhile (Ctx::off_cpu), but most
    // also wait a little while holding it (a program starting, a reply on its way, a process
    // being reaped): one test more than the cores fills those gaps (the solutions' suite, 2
    // cores: 13.3 s at -j 2, 11.0 s at -j 3). A test the machine starved is judged again alone.
    // A program from elsewhere may listen on a fixed port: in plain mode, where every test
    // shares the machine's ports, its tests run one at a time unless -j says otherwise.
    let shared_ports = !args.programs.is_empty() && sandbox == sandbox::Mode::Plain;
    let jobs = args
        .jobs
        .unwrap_or(if shared_ports { 1 } else { cores + 1 })
        .max(1);
    if shared_ports && args.jobs.is_none() && args.verbose {
        let _ = writeln!(
            anstream::stderr(),
            "{}",
            tr.render(&msg!("options-jobs-one"))
        );
    }
    Ok(Options {
        tree,
        track,
        sandbox,
        programs: args.programs.clone(),
        ci: args.ci,
        seed,
        jobs,
        lend_slots: !shared_ports,
        color: !matches!(
            anstream::stdout().current_choice(),
            anstream::ColorChoice::Never
        ),
        on_build: None,
        on_running: None,
    })
}

/// With `-v`: how the tests' programs are contained (the sandbox chosen, the cap on processes).
fn say_containment(sandbox: Text, tr: &Messages) {
    let cap = if cgroup::available() {
        msg!("options-cap-kernel")
    } else {
        msg!("options-cap-checker")
    };
    let line = msg!(
        "options-sandbox",
        sandbox = sandbox,
        max = reaper::MAX_PROCESSES,
        cap = cap
    );
    let _ = writeln!(anstream::stderr(), "{}", tr.render(&line));
}

/// The tree of exercise packages to grade: `--solutions`, `--root DIR`, or `exercises/`; with
/// `--track c`, the lab's C trees (`c/solutions/`, `c/exercises/`). Without `--track`, a tree's
/// own files say which track it is on (a C-only repository's `exercises/`).
pub(crate) fn tree_of(args: &GradingArgs) -> Result<Tree> {
    let lab = workspace::lab_root();
    let c = args.track() == Some(Track::C);
    let track_flag = if c { "--track c " } else { "" };
    // Grading for CI takes the track from the lab (its own exercises/), never from the graded
    // tree: a student's `common/lab.mk` must not turn a Rust class's repository into C.
    let lab_track = Track::of_tree(&lab.join("exercises"));
    let with_track = |mut tree: Tree| {
        tree.track = match (args.track(), args.ci) {
            (Some(track), _) => track,
            (None, true) => lab_track,
            (None, false) => tree.track,
        };
        tree
    };
    // In a C-only repository, the C stubs are its exercises/.
    let c_dir = |lab_c: &str, own: &str| {
        if lab.join(lab_c).is_dir() || lab_track != Track::C {
            lab.join(lab_c)
        } else {
            lab.join(own)
        }
    };
    if args.solutions {
        let dir = if c {
            c_dir("c/solutions", "solutions")
        } else {
            lab.join("solutions")
        };
        return Ok(with_track(Tree::at(
            dir,
            Some(format!("{track_flag}--solutions")),
        )));
    }
    if let Some(dir) = &args.root {
        let dir = dir
            .canonicalize()
            .with_context(|| Localized(msg!("options-no-root", dir = dir.display().to_string())))?;
        let flag = format!(
            "{track_flag}--root {}",
            escape::shell_word(&dir.to_string_lossy())
        );
        let tree = Tree::at(dir, Some(flag));
        // (Under --ci the asked track is graded whatever the tree holds: a student's deleted
        // lab.mk must not stop the grading.)
        if let Some(asked) = args.track()
            && asked != tree.track
            && !args.ci
        {
            // A C tree graded as Rust (or the reverse) would only say "missing" everywhere.
            anyhow::bail!(Localized(msg!(
                "options-track-differs",
                dir = tree.dir.display().to_string(),
                asked = asked.flag(),
                found = tree.track.flag()
            )));
        }
        return Ok(with_track(tree));
    }
    let dir = if c {
        c_dir("c/exercises", "exercises")
    } else {
        lab.join("exercises")
    };
    let flag = c.then(|| "--track c".to_string());
    Ok(with_track(Tree::at(dir, flag)))
}

/// Writing to a closed pipe (`checker list | head`) ends the output, quietly; any other error
/// writing the report is the checker's.
pub fn quiet_on_broken_pipe(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing the report"),
    }
}
