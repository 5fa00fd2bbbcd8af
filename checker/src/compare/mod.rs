//! `checker compare`: the student's own servers measured side by side under the same load.
//! Which servers (`servers`: the exercise tables' echo and chat servers, programs from
//! elsewhere), how one is measured (`measure`: contained as a test's programs are, a client
//! fleet from `observe::fleet`, `/proc` for its cost), what the figures are over several runs
//! (`figures`: the one place that decides), and how they are shown: a table in the reader's
//! language (`table`), an SVG chart (`chart`), JSON (`json`). Everything runs one server at a
//! time on the same machine; the machine's cores and load are part of the result.

pub mod chart;
pub mod figures;
pub mod json;
pub mod layout;
pub mod measure;
pub mod servers;
pub mod table;

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::Result;

use crate::base::i18n::{Text, msg};
use crate::base::workspace::Tree;
use crate::compile::package;
use crate::contain::limits::Limits;
use crate::contain::sandbox;
use crate::context::built::{BuildOutcome, Built};
use crate::observe::fleet::echo::Window;
use figures::Level;
use measure::Outcome;
use servers::Contestant;

/// How many times each figure is measured, a fresh server each time: by default, and with
/// `--quick`. `--help` says these, so it cannot drift from what runs.
pub const RUNS: usize = 5;
pub const QUICK_RUNS: usize = 2;

/// How the servers are measured.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The numbers of clients an echo server is measured at.
    pub echo_levels: Vec<usize>,
    /// The numbers of clients a chat server is measured at.
    pub chat_levels: Vec<usize>,
    /// How many times each figure is measured (a fresh server each time).
    pub runs: usize,
    pub window: Window,
    /// Bytes per round trip, or per chat line (its `\n` included).
    pub size: usize,
    /// `--quick`.
    pub quick: bool,
    /// `--busy N`: of each level's clients only N send, the others stay connected and silent
    /// (echo servers; a chat line goes to everyone, so every chat client stays busy).
    pub busy: Option<usize>,
    pub mode: sandbox::Mode,
    /// What a server may use: a process or a thread per client and some, and the address space
    /// of a thread's stack per client.
    pub limits: Limits,
    /// The command line's words after `compare` that chose what was measured and how
    /// (`--solutions`, targets, `--program`, `--runs`, ...): the report says how to measure the
    /// same again.
    pub again: Vec<String>,
}

impl Settings {
    /// The levels every server is measured at, for `levels` clients at most (`--clients`).
    pub fn new(
        levels: Vec<usize>,
        runs: usize,
        quick: bool,
        mode: sandbox::Mode,
        again: Vec<String>,
    ) -> Settings {
        // Short windows and more runs rather than the reverse: a figure's spread comes from
        // its runs, and five runs spread over the comparison show what a second comparison
        // would find far better than three long ones (bench/compare-repeat.py).
        let window = Window {
            warm_up: std::time::Duration::from_millis(40),
            measure: std::time::Duration::from_millis(130),
        };
        let most = levels.iter().copied().max().unwrap_or(1);
        Settings {
            chat_levels: levels.iter().copied().filter(|&n| n > 1).collect(),
            echo_levels: levels,
            runs: runs.max(1),
            window,
            size: 64,
            quick,
            busy: None,
            mode,
            again,
            // Two threads per client: a broker with a reader and a writer thread per connection.
            limits: Limits::for_threads(2 * most),
        }
    }
}

/// The machine the figures were measured on.
#[derive(Clone, Debug)]
pub struct Machine {
    pub cores: usize,
    /// The load averages (1, 5, 15 minutes) when the comparison started and when it ended.
    pub load_before: [f64; 3],
    pub load_after: [f64; 3],
    pub kernel: String,
    /// `namespaces` or `plain`.
    pub sandbox: &'static str,
    /// RLIMIT_NOFILE as the comparison ran (raised to the hard limit when it was lower).
    pub open_files: u64,
}

impl Machine {
    pub fn now(mode: sandbox::Mode, open_files: u64) -> Machine {
        let load = load_average();
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            load_before: load,
            load_after: load,
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .map(|s| s.trim().to_string())
                .unwrap_or_default(),
            sandbox: sandbox::containment(mode).0,
            open_files,
        }
    }
}

/// The load averages of /proc/loadavg.
pub fn load_average() -> [f64; 3] {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut fields = text.split_whitespace().map(|f| f.parse().unwrap_or(0.0));
    [(); 3].map(|_| fields.next().unwrap_or(0.0))
}

/// One server's result.
pub struct Measured {
    pub contestant: Contestant,
    pub outcome: Outcome,
}

/// Everything a comparison found: what every format shows.
pub struct Comparison {
    pub machine: Machine,
    pub settings: Settings,
    pub servers: Vec<Measured>,
    /// What the comparison had to change and why (levels lowered for the open-file limit).
    pub notes: Vec<Text>,
    pub seconds: f64,
}

/// What a comparison reports as it goes.
pub enum Progress<'a> {
    Building(&'a str),
    Measured(&'a str, usize),
}

/// Build `contestants`, then measure them: run after run over every server, so that each
/// server's runs are spread over the whole comparison and its spread shows how the machine
/// drifted meanwhile (measured back to back, three runs agreed within 1% and the next
/// comparison a minute later fell outside). A server skipped in its first run is not measured
/// again.
pub fn run(
    tree: &Tree,
    contestants: Vec<Contestant>,
    settings: Settings,
    machine: Machine,
    notes: Vec<Text>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Comparison> {
    let started = Instant::now();
    let (mut servers, built) = built_or_skipped(tree, contestants, progress)?;
    for _ in 0..settings.runs {
        for (server, binary) in servers.iter_mut().zip(&built) {
            let (Outcome::Measured(_), Some(binary)) = (&server.outcome, binary) else {
                continue;
            };
            let step = |name: &str, clients| progress(Progress::Measured(name, clients));
            let run = measure::measure(&server.contestant, binary, tree.track, &settings, &step);
            add_run(&mut server.outcome, run);
        }
    }
    let mut machine = machine;
    machine.load_after = load_average();
    Ok(Comparison {
        machine,
        settings,
        servers,
        notes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Each contestant built (an exercise once, however many contestants run it; a program given
/// by path as it is), or skipped with why; beside it, its build.
fn built_or_skipped(
    tree: &Tree,
    contestants: Vec<Contestant>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(Vec<Measured>, Vec<Option<Built>>)> {
    let mut builds: BTreeMap<&str, std::result::Result<Built, Text>> = BTreeMap::new();
    let mut servers = Vec::new();
    let mut built = Vec::new();
    for c in contestants {
        let outcome = match (&c.outside, c.exercise) {
            (Some(path), _) => match package::external(&[(c.name.clone(), path.clone())]) {
                BuildOutcome::Built(built) => Ok(built),
                _ => Err(msg!("compare-does-not-compile")),
            },
            (None, Some(exercise)) => {
                if !builds.contains_key(exercise.name) {
                    progress(Progress::Building(exercise.name));
                    let outcome = build(tree, exercise)?;
                    builds.insert(exercise.name, outcome);
                }
                builds[exercise.name].clone()
            }
            (None, None) => continue,
        };
        let (outcome, binary) = match outcome {
            Ok(b) => (Outcome::Measured(Vec::new()), Some(b)),
            Err(why) => (Outcome::Skipped(why), None),
        };
        servers.push(Measured {
            contestant: c,
            outcome,
        });
        built.push(binary);
    }
    Ok((servers, built))
}

/// One more run of a measured server: each level's figures joined to those of the runs before.
/// A first run that failed skips the server.
fn add_run(outcome: &mut Outcome, run: Outcome) {
    let Outcome::Measured(levels) = outcome else {
        return;
    };
    match run {
        Outcome::Measured(run) if levels.is_empty() => *levels = run,
        Outcome::Measured(run) => {
            for (level, this) in levels.iter_mut().zip(run) {
                level.add(this);
            }
        }
        // Measured before: what went wrong this time is a figure of every level.
        Outcome::Skipped(why) if !levels.is_empty() => {
            for level in levels.iter_mut() {
                level.add(Level {
                    clients: level.clients,
                    runs: Vec::new(),
                    trouble: vec![why.clone()],
                });
            }
        }
        skipped => *outcome = skipped,
    }
}

/// Build an exercise the checker's way (a trusted copy, cargo as a subprocess).
fn build(
    tree: &Tree,
    exercise: &'static crate::lab::exercise::Exercise,
) -> Result<std::result::Result<Built, Text>> {
    Ok(
        match package::build(
            tree,
            exercise,
            false,
            crate::compile::harness::Harness::NotNeeded,
        )? {
            BuildOutcome::Built(built) => Ok(built),
            BuildOutcome::Missing(summary) => Err(summary),
            BuildOutcome::DoesNotCompile { .. } => Err(msg!("compare-does-not-compile")),
        },
    )
}

#[cfg(test)]
mod sample;
