//! `checker compare [targets]`: the student's servers (or the solutions', `--solutions`, or
//! programs from elsewhere, `--program`) measured side by side under the same load, shown as a
//! table in the reader's language or as JSON, and drawn as a chart under `target/compare/`.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::quiet_on_broken_pipe;
use crate::base::i18n::{Localized, Messages, Text, msg};
use crate::base::workspace;
use crate::cli::{Format, GradingArgs};
use crate::compare::measure::Outcome;
use crate::compare::{self, Machine, Progress, Settings, chart, servers, table};
use crate::contain::sandbox;

/// Descriptors the checker keeps for itself besides one per client (its own files, pipes to
/// the servers, the sandbox's).
const SPARE_FILES: u64 = 256;

/// What the command line asked of `compare`.
pub struct Request<'a> {
    pub targets: &'a [String],
    pub quick: bool,
    pub runs: Option<usize>,
    pub clients: &'a [usize],
    /// `--busy N`: of each level's clients, only N send (echo servers).
    pub busy: Option<usize>,
}

/// The words after `compare` that measure the same servers the same way again.
fn again(request: &Request, args: &GradingArgs) -> Vec<String> {
    let mut words = Vec::new();
    if args.solutions {
        words.push("--solutions".to_string());
    }
    if let Some(root) = &args.root {
        words.extend(["--root".to_string(), root.display().to_string()]);
    }
    for (name, path) in &args.programs {
        words.extend([
            "--program".to_string(),
            format!("{name}={}", path.display()),
        ]);
    }
    if request.quick {
        words.push("--quick".to_string());
    }
    if let Some(runs) = request.runs {
        words.extend(["--runs".to_string(), runs.to_string()]);
    }
    if !request.clients.is_empty() {
        let clients: Vec<String> = request.clients.iter().map(usize::to_string).collect();
        words.extend(["--clients".to_string(), clients.join(",")]);
    }
    if let Some(busy) = request.busy {
        words.extend(["--busy".to_string(), busy.to_string()]);
    }
    words.extend(request.targets.iter().cloned());
    words
}

/// Exit status: 0 some server was measured, 1 none could be, 2 the checker could not work.
pub fn run(request: Request, args: &GradingArgs, tr: &Messages) -> Result<ExitCode> {
    let (mode, _) = sandbox::choose(args.sandbox)?;
    let tree = super::tree_of(args)?;
    let mut levels = client_levels(&request)?;
    let (open_files, notes) = open_files_for(&mut levels);
    let runs = request.runs.unwrap_or(if request.quick {
        compare::QUICK_RUNS
    } else {
        compare::RUNS
    });
    let mut settings = Settings::new(levels, runs, request.quick, mode, again(&request, args));
    settings.busy = request.busy.map(|n| n.max(1));
    let contestants = chosen(request.targets, args)?;
    let steps = contestants.len()
        * settings.runs
        * settings.echo_levels.len().max(settings.chat_levels.len());
    let bar = crate::report::progress::bar(steps, "compare");
    let building = building_messages(&contestants, tr);
    let progress = |p: Progress| match p {
        Progress::Building(exercise) => {
            bar.set_message(building.get(exercise).cloned().unwrap_or_default());
        }
        Progress::Measured(server, clients) => {
            bar.inc(1);
            bar.set_message(format!("{server} × {clients}"));
        }
    };
    let machine = Machine::now(mode, open_files);
    let cmp = compare::run(&tree, contestants, settings, machine, notes, &progress)?;
    bar.finish_and_clear();
    let measured = cmp
        .servers
        .iter()
        .any(|s| matches!(s.outcome, Outcome::Measured(_)));
    let chart = chart_if_measured(&cmp, measured, tr)?;
    let text = rendered(&cmp, chart.as_deref(), args.format, tr)?;
    match &args.output {
        Some(file) => std::fs::write(file, format!("{text}\n"))
            .with_context(|| format!("writing {}", file.display()))?,
        None => quiet_on_broken_pipe(writeln!(anstream::stdout(), "{text}"))?,
    }
    Ok(if measured {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The numbers of clients to measure at, smallest first: those asked for, or the default
/// levels (up to 100 when quick, 1000 otherwise).
fn client_levels(request: &Request) -> Result<Vec<usize>> {
    let mut levels: Vec<usize> = match (request.clients, request.quick) {
        ([], true) => vec![1, 10, 100],
        ([], false) => vec![1, 10, 100, 1000],
        (chosen, _) => chosen.iter().copied().filter(|&n| n > 0).collect(),
    };
    levels.sort_unstable();
    levels.dedup();
    if levels.is_empty() {
        bail!(Localized(msg!("compare-no-levels")));
    }
    Ok(levels)
}

/// "Building ..." for each exercise to build, said before the measuring threads start: the
/// messages are not shared between threads.
fn building_messages(
    contestants: &[servers::Contestant],
    tr: &Messages,
) -> BTreeMap<&'static str, String> {
    contestants
        .iter()
        .filter_map(|c| c.exercise)
        .map(|e| {
            (
                e.name,
                tr.render(&msg!("compare-building", exercise = e.name)),
            )
        })
        .collect()
}

/// Where the chart was drawn (target/compare/compare.svg), if any server was measured; the
/// directory is made either way.
fn chart_if_measured(
    cmp: &compare::Comparison,
    measured: bool,
    tr: &Messages,
) -> Result<Option<String>> {
    let dir = workspace::lab_root().join("target/compare");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join("compare.svg");
    Ok(if measured {
        chart::draw(cmp, &path, tr)?;
        Some(path.display().to_string())
    } else {
        None
    })
}

/// The comparison as JSON or as a table.
fn rendered(
    cmp: &compare::Comparison,
    chart: Option<&str>,
    format: Format,
    tr: &Messages,
) -> Result<String> {
    Ok(match format {
        Format::Json => {
            let doc = compare::json::document(cmp, chart, tr);
            serde_json::to_string_pretty(&doc)?
        }
        // The width of the terminal, or 80 columns where it cannot be known (a pipe, a file):
        // a table is laid out once, so it needs a width even where a report's lines need none.
        _ => {
            let columns = crate::report::human::terminal_columns().unwrap_or(80);
            table::render(cmp, chart, tr, columns)
        }
    })
}

/// The servers the targets name (all of them without targets), programs from elsewhere added.
fn chosen(targets: &[String], args: &GradingArgs) -> Result<Vec<servers::Contestant>> {
    let mut all = servers::of_the_lab(crate::exercises::ALL);
    // Mosquitto beside the brokers, when it is there: the row a student's broker is read against.
    if all.iter().any(|c| c.contract == servers::Contract::Mqtt)
        && let Some(m) = servers::mosquitto(&crate::base::workspace::lab_root())
    {
        all.push(m);
    }
    for (name, path) in &args.programs {
        servers::outside(name, path.clone(), &mut all);
    }
    let outside: Vec<&str> = args.programs.iter().map(|(n, _)| n.as_str()).collect();
    for target in targets {
        if !all.iter().any(|c| servers::named_by(c, target)) {
            let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
            bail!(Localized(msg!(
                "compare-unknown-target",
                target = target.clone(),
                names = names.join(", ")
            )));
        }
    }
    Ok(all
        .into_iter()
        .filter(|c| {
            targets.is_empty()
                || outside.contains(&c.name.as_str())
                || targets.iter().any(|t| servers::named_by(c, t))
        })
        .collect())
}

/// Room for one descriptor per client: the soft RLIMIT_NOFILE raised to what the most clients
/// need (the servers inherit it), and where the hard limit is lower, the levels above it
/// lowered, with a note saying so. Returns the limit as it is now, and the notes.
fn open_files_for(levels: &mut [usize]) -> (u64, Vec<Text>) {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    let most = levels.iter().copied().max().unwrap_or(1) as u64;
    let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) else {
        return (0, Vec::new());
    };
    let wanted = (most + SPARE_FILES).min(hard);
    let soft = if soft < wanted && setrlimit(Resource::RLIMIT_NOFILE, wanted, hard).is_ok() {
        wanted
    } else {
        soft
    };
    let room = soft.saturating_sub(SPARE_FILES).max(1) as usize;
    let mut notes = Vec::new();
    for level in levels.iter_mut().filter(|l| **l > room) {
        notes.push(msg!(
            "compare-lowered-clients",
            from = *level,
            to = room,
            limit = soft
        ));
        *level = room;
    }
    (soft, notes)
}
