//! The command line.

use std::path::PathBuf;

use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::base::i18n::{Lang, Messages, msg};
use crate::base::workspace::{Track, TrackArg};
use crate::report::gradescope::Visibility;

/// Grades the socket-programming lab's exercises with hidden tests.
///
/// With no argument: an overview of every exercise and what to do next.
/// With targets: grade them. A target is `all`, a day (`day2`), an exercise (`day2-inet`)
/// or one test (`day2-inet/pton6-tricky`; `checker list` shows the ids).
#[derive(Parser, Debug)]
#[command(name = "checker", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// What to grade: all, day1, day2-inet, day2-inet/pton6-tricky, ...
    pub targets: Vec<String>,

    #[command(flatten)]
    pub grading: GradingArgs,
}

#[derive(Args, Debug, Clone)]
pub struct GradingArgs {
    /// Grade the reference solutions (solutions/) instead of exercises/.
    #[arg(long, global = true, conflicts_with = "root")]
    pub solutions: bool,

    /// The track graded: rust (exercises/, solutions/) or c, the notes' language (c/exercises/,
    /// c/solutions/). Without it, a tree is on the C track when it holds common/lab.mk.
    #[arg(
        id = "track",
        long = "track",
        global = true,
        value_enum,
        value_name = "TRACK"
    )]
    pub track_given: Option<crate::base::workspace::TrackArg>,

    /// Grade the exercise packages in DIR (DIR/<exercise>/Cargo.toml) instead of exercises/.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Seed for every random input; a failure prints the command that reproduces it.
    #[arg(long, global = true, value_name = "N")]
    pub seed: Option<u64>,

    /// Show every test's full transcript, passing or not.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// How many tests run at once (default: the number of cores, plus one). A test that only
    /// waits on a timer (a client's timeout, say) does not count while it waits.
    #[arg(short, long, global = true, value_name = "N")]
    pub jobs: Option<usize>,

    /// Where programs run: a fresh network and PID namespace per test where the machine allows
    /// it (root and unshare), or plain process groups.
    #[arg(long, global = true, value_enum, default_value_t = crate::contain::sandbox::Mode::Auto)]
    pub sandbox: crate::contain::sandbox::Mode,

    /// Grading for CI: an exercise whose manifest or rules (Cargo.toml, clippy.toml) differ
    /// from the lab's fails, naming the file.
    #[arg(long, global = true)]
    pub ci: bool,

    /// Report format: the human report, or a machine-readable one.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Grade a program that was not built from the exercise crate (any language):
    /// NAME=PATH, e.g. --program echo-server=./a.out. Only that program's tests run.
    #[arg(long = "program", global = true, value_name = "NAME=PATH", value_parser = parse_program)]
    pub programs: Vec<(String, PathBuf)>,

    /// Write the --format report to FILE; the human report still goes to the terminal.
    #[arg(long, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write a report in FORMAT (json, junit, classroom50, gradescope) to FILE; may be
    /// repeated, so one grading run gives every report CI needs. The human report still goes to
    /// the terminal.
    #[arg(long = "report", global = true, value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub reports: Vec<(Format, PathBuf)>,

    /// The deadline graded for (RFC 3339, e.g. 2026-10-31T23:59:00+09:00): recorded in the
    /// machine reports; `checker gradebook` flags work committed after it.
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_deadline)]
    pub deadline: Option<String>,

    /// Gradescope: when students see the tests' results.
    #[arg(long, global = true, value_enum, default_value_t = Visibility::Visible)]
    pub visibility: Visibility,

    /// The student whose work is graded, recorded in the JSON report (for `checker gradebook`).
    #[arg(long, global = true, value_name = "NAME")]
    pub student: Option<String>,

    /// The language of the reports and messages (default: from LC_ALL, LC_MESSAGES or LANG,
    /// else English).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

impl GradingArgs {
    /// The track graded, if `--track` names one (`parse` has refused `both`).
    pub fn track(&self) -> Option<Track> {
        self.track_given.and_then(TrackArg::one)
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Junit,
    /// Classroom 50's `result.json` (schema classroom50/result/v1).
    Classroom50,
    /// A Gradescope autograder's `results.json`.
    Gradescope,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the exercises and their test ids.
    List,
    /// Show the hints of an exercise and where course.md explains it.
    Hint {
        /// e.g. day2-inet
        exercise: String,
    },
    /// Re-grade whenever a file of the exercises changes (debounced; a save made while grading
    /// is graded right after). Without a target: the overview.
    Watch {
        /// What to grade: all, day1, day2-inet, ... (default: the overview)
        targets: Vec<String>,
    },
    /// For instructors: check that the lab is consistent (solutions pass, stubs fail cleanly,
    /// course.md sections exist, manifests agree, solutions are fmt- and clippy-clean).
    Verify {
        /// Grade only these exercises' solutions and stubs (default: all); every other check
        /// covers the whole lab.
        exercises: Vec<String>,
    },
    /// For instructors: one CSV row per student from many JSON reports (files, or folders of
    /// downloaded artifacts searched for them): points per exercise, total, and what graded it
    /// (lab revision, commit, sandbox), flagging a grade that stands out; with --html, the
    /// class at a glance as one page: what the class fails, why, and what to trust.
    Gradebook {
        /// JSON reports (`--format json` / `--report json=...`), or folders holding them.
        #[arg(required = true, value_name = "REPORT")]
        files: Vec<PathBuf>,
        /// Also write the class page (one HTML file, in --lang's language) to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// For instructors: write a repository for students — the exercises, the course, README,
    /// the checker without its own tests, the grading workflows — with no solution in it.
    ExportStudent {
        /// The directory to write (must not exist, or be empty).
        dir: PathBuf,
    },
    /// For instructors: write a Gradescope autograder (setup.sh, run_autograder) as a zip to
    /// upload: it installs Rust and the checker from the lab at a pinned revision and grades
    /// each submission with --ci.
    ExportGradescope {
        /// The zip to write.
        out: PathBuf,
        /// The lab repository to grade with, as git clones it (default: this lab's `origin`).
        #[arg(long, value_name = "URL")]
        lab_repository: Option<String>,
        /// The lab's revision, a tag or a commit (default: this lab's current commit).
        #[arg(long, value_name = "REV")]
        lab_revision: Option<String>,
    },
    /// For instructors: scaffold a new exercise on both tracks, Rust and C (stubs, solutions,
    /// test table, course sections in both languages, Korean titles and hints, broken versions),
    /// green from the start, and list what is left to write on each.
    New {
        /// day<N>-<name>, e.g. day5-epoll
        name: String,
        /// Make it a program exercise with a binary of this name (default: a library).
        #[arg(long, value_name = "NAME")]
        binary: Option<String>,
        /// The tracks to scaffold: both (the default), rust, or c (adds the C track to an
        /// exercise that has the Rust one)
        #[arg(long, value_enum, value_name = "TRACK", default_value_t = TrackArg::Both, hide_possible_values = true)]
        track: TrackArg,
        /// The clone of the lab to scaffold into (default: the one this checker was built from).
        #[arg(long, value_name = "DIR")]
        lab: Option<std::path::PathBuf>,
    },
    /// Run an experiment that shows a claim of the course on this machine (backlog, zombie,
    /// ...): what it did, what the kernel answered, what that shows. Without a name: the list.
    Try {
        /// An experiment's name, or `all`
        name: Option<String>,
    },
    /// Measure your servers side by side under the same load (echo servers: round trips; chat
    /// servers: lines to everyone), at 1 to 1,000 clients: a table, and a chart written under
    /// target/compare/. --solutions measures the reference servers, --program NAME=PATH adds a
    /// program from elsewhere (a chat server if NAME says chat).
    Compare {
        /// Which servers: an exercise, a day, a program, echo or chat (default: all)
        targets: Vec<String>,
        /// A first look: 1, 10 and 100 clients, fewer runs (`command` says how many, from
        /// compare::QUICK_RUNS)
        #[arg(long)]
        quick: bool,
        /// How many times each figure is measured, a fresh server each time (`command` says
        /// the default, from compare::RUNS)
        #[arg(long, value_name = "N")]
        runs: Option<usize>,
        /// The numbers of clients, e.g. 1,10,100,1000
        #[arg(long, value_name = "N,N,...", value_delimiter = ',')]
        clients: Vec<usize>,
        /// Of each level's clients, only N send; the others stay connected and silent (echo
        /// servers): many connected and few busy, where poll's scan of every descriptor shows
        /// against epoll's list of the ready ones
        #[arg(long, value_name = "N")]
        busy: Option<usize>,
    },
    /// Play day8-device's misbehaving broker by hand: listen on 127.0.0.1 for the device you
    /// start in another terminal, speak MQTT 3.1.1 to it as the tests do, misbehave as you
    /// choose, and print every packet both ways, decoded, with its time. Ctrl+C ends it.
    Broker {
        /// The port to listen on (default: 1883, or a free one if 1883 is taken; 0: a free one)
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// A misbehaviour, repeated to combine them: refuse[=N[:RC]] (the first N CONNECTs get
        /// CONNACK return code RC, 3 unless said), slow-puback[=MS] (each PUBACK MS
        /// milliseconds late), drop[=N] (the connection closed right after a reading's PUBLISH,
        /// before its PUBACK, on N connections), half-open (PINGREQ unanswered on the next
        /// connection, kept open), lost-session[=N] (session present 0 on the next N
        /// reconnections)
        #[arg(long, value_name = "MODE", value_parser = parse_misbehaviour)]
        misbehave: Vec<Misbehaviour>,
        /// A command sent on devices/<id>/cmd at QoS 1 once the device has subscribed
        #[arg(long = "command", value_name = "TEXT")]
        send: Option<String>,
        /// Send the command again, DUP 1, the same packet id and payload, once acknowledged
        #[arg(long, requires = "send")]
        dup: bool,
    },
    /// Switch the comments of the stubs in exercises/ to Korean (ko) or back to English (en).
    /// Only stubs still as the lab ships them are switched; one you have edited is left as it
    /// is, and named.
    Stubs {
        /// ko or en
        #[arg(value_enum)]
        lang: Lang,
    },
    /// For instructors: write what is derived from what you write: each solution's rules copied
    /// to its stub, the course's rules tables, each C exercise's Makefile,
    /// ko.ftl entries for new titles and hints (in English until translated); then list what is
    /// left to translate.
    Sync {
        /// The clone of the lab to write in (default: the one this checker was built from): its
        /// exercises are read from its sources, the titles and hints to translate from this
        /// checker's
        #[arg(long, value_name = "DIR")]
        lab: Option<std::path::PathBuf>,
    },
}

/// The command line parsed, with `--help` and `--version` in the reader's language (clap's
/// texts of the `Cli` above are the English; the catalogs hold the others under
/// `help-about`, `help-arg-<id>`, `help-cmd-<name>` and `help-cmd-<name>-arg-<id>`). Exits
/// on `--help`, `--version` or a mistake, as clap does.
pub fn parse(args: Vec<String>, tr: &Messages) -> Cli {
    let mut matches = command(tr)
        .try_get_matches_from(args)
        .unwrap_or_else(|e| exit_with(e, tr));
    let cli = Cli::from_arg_matches_mut(&mut matches).unwrap_or_else(|e| exit_with(e, tr));
    // `--track` shares its id with `new`'s own, which scaffolds both tracks: grading takes one.
    let scaffolding = matches!(cli.command, Some(Command::New { .. }));
    if !scaffolding && cli.grading.track_given == Some(TrackArg::Both) {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(&command(tr));
        e.insert(
            ContextKind::InvalidArg,
            ContextValue::String("--track <TRACK>".into()),
        );
        e.insert(
            ContextKind::InvalidValue,
            ContextValue::String("both".into()),
        );
        e.insert(
            ContextKind::ValidValue,
            ContextValue::Strings(vec!["rust".into(), "c".into()]),
        );
        exit_with(e, tr)
    }
    cli
}

/// Leave with clap's message (help and version are not errors); in another language than
/// English, a mistake on the command line is said in that language, whole: what is wrong, what
/// clap suggests instead, the values it takes, and the usage under the language's heading
/// (clap's own lines are English, and not shown).
fn exit_with(e: clap::Error, tr: &Messages) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    if tr.lang() == Lang::En || !e.use_stderr() {
        e.exit()
    }
    let context = |kind| e.get(kind).map(ToString::to_string).unwrap_or_default();
    let said = match e.kind() {
        ErrorKind::UnknownArgument => {
            msg!(
                "cli-unknown-argument",
                arg = context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => msg!(
            "cli-invalid-value",
            value = context(ContextKind::InvalidValue),
            arg = context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => msg!(
            "cli-invalid-subcommand",
            name = context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => msg!(
            "cli-missing-argument",
            arg = context(ContextKind::InvalidArg)
        ),
        _ => msg!("cli-not-understood"),
    };
    eprintln!("{}", tr.render(&said));
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(context)
    .find(|s| !s.is_empty());
    if let Some(what) = suggested {
        eprintln!("{}", tr.render(&msg!("cli-did-you-mean", what = what)));
    }
    if matches!(
        e.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) {
        let valid = context(ContextKind::ValidValue);
        if !valid.is_empty() {
            eprintln!("{}", tr.render(&msg!("cli-valid-values", values = valid)));
        }
    }
    // clap's usage starts with its English heading, `Usage: `; the rest is the command line.
    let usage = context(ContextKind::Usage);
    if let Some(line) = usage.trim().strip_prefix("Usage:") {
        eprintln!("\n{} {}", tr.own_or("help-usage", "Usage:"), line.trim());
    }
    eprintln!("\n{}", tr.render(&msg!("cli-see-help")));
    std::process::exit(e.exit_code())
}

/// The catalog ids of the command line's texts in other languages (English keeps them in the
/// doc comments above): what `checker verify` expects ko.ftl to have.
pub fn help_keys() -> Vec<String> {
    let cmd = Cli::command();
    let mut keys: Vec<String> = [
        "help-usage",
        "help-options",
        "help-commands",
        "help-help",
        "help-version",
        "help-about",
        "help-long-about",
        "help-arguments",
        "help-default",
        "help-possible-values",
        "help-cmd-help",
    ]
    .map(String::from)
    .to_vec();
    keys.extend(
        cmd.get_arguments()
            .map(|a| format!("help-arg-{}", a.get_id())),
    );
    keys.extend(cmd.get_arguments().flat_map(|a| {
        a.get_possible_values()
            .into_iter()
            .filter(|v| v.get_help().is_some() && !v.is_hide_set())
            .map(move |v| format!("help-value-{}-{}", a.get_id(), v.get_name()))
    }));
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        keys.push(format!("help-cmd-{name}"));
        keys.extend(
            sub.get_arguments()
                .filter(|a| !a.is_global_set())
                .map(|a| format!("help-cmd-{name}-arg-{}", a.get_id())),
        );
    }
    keys
}

/// The `clap::Command` of `Cli`, in the reader's language, its help wrapped as reports are:
/// to the terminal's width where it is known (COLUMNS, else the terminal), one line a line in
/// a pipe or a file.
pub fn command(tr: &Messages) -> clap::Command {
    command_in(tr, crate::report::lines::terminal_columns())
}

/// `command`, its help wrapped to `columns` cells (`None`: not wrapped); clap wraps it, by
/// display width, with continuation lines under their own column, in every subcommand too.
pub fn command_in(tr: &Messages, columns: Option<usize>) -> clap::Command {
    command_for(tr, columns, crate::base::export::current())
}

/// `command_in` as the reader of `export` sees it (`None`: the lab's, listing everything).
pub fn command_for(
    tr: &Messages,
    columns: Option<usize>,
    export: Option<crate::base::export::Export>,
) -> clap::Command {
    // clap's width 0 is "never wrap".
    let cmd = for_students::in_export(Cli::command(), export).term_width(columns.unwrap_or(0));
    if tr.lang() == Lang::En {
        let cmd = compare_help::own_options(cmd, tr);
        return for_students::in_words_of(cmd, export, tr);
    }
    localized(cmd, tr, export)
}

/// `cmd` with its texts in another language than English.
fn localized(
    cmd: clap::Command,
    tr: &Messages,
    export: Option<crate::base::export::Export>,
) -> clap::Command {
    let text = |key: String, english: Option<&clap::builder::StyledStr>| {
        let english = english.map(ToString::to_string).unwrap_or_default();
        tr.own_or(&key, &english).into_owned()
    };
    let heading = |key: &str| tr.own_or(key, "").into_owned();
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        heading("help-usage")
    );
    let options = heading("help-options");
    let about = text("help-about".into(), cmd.get_about());
    let long_about = text("help-long-about".into(), cmd.get_long_about());
    let cmd = cmd
        .about(about)
        .long_about(long_about)
        .help_template(template.clone())
        .subcommand_help_heading(heading("help-commands"))
        .next_help_heading(options.clone())
        .disable_help_flag(true)
        .disable_version_flag(true)
        .args(help_and_version(tr))
        .mut_args(|a| {
            let key = format!("help-arg-{}", a.get_id());
            localized_arg(a, &key, tr)
        })
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            let about = text(format!("help-cmd-{name}"), sub.get_about());
            sub.about(about)
                .long_about(None::<&str>)
                .help_template(template.clone())
                .disable_help_flag(true)
                .mut_args(|a| {
                    let key = format!("help-cmd-{name}-arg-{}", a.get_id());
                    localized_arg(a, &key, tr)
                })
        });
    let cmd = compare_help::own_options(cmd, tr);
    // Before the build: clap's `help` subcommand lists the others as they are then.
    let mut cmd = for_students::in_words_of(cmd, export, tr);
    // clap adds its `help` subcommand when the command is built: built here, it can be said
    // in the reader's language too.
    cmd.build();
    let commands = heading("help-commands");
    cmd.mut_subcommand("help", |help| {
        let about = text("help-cmd-help".into(), help.get_about());
        help.about(about)
            .help_template(template)
            .subcommand_help_heading(commands)
    })
}

/// `-h` and `-V`, said in the reader's language (clap's own are in English).
fn help_and_version(tr: &Messages) -> [clap::Arg; 2] {
    let heading = |key: &str| tr.own_or(key, "").into_owned();
    [
        clap::Arg::new("help")
            .short('h')
            .long("help")
            .global(true)
            .action(ArgAction::Help)
            .help(heading("help-help")),
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(heading("help-version")),
    ]
}

/// An argument's help in the reader's language, under a heading in that language, with its
/// default and possible values said in it too (clap writes "[default: ...]" and "Possible
/// values" in English only): the short form for `-h`, the long one for `--help`.
fn localized_arg(a: clap::Arg, key: &str, tr: &Messages) -> clap::Arg {
    let english = a.get_help().map(ToString::to_string).unwrap_or_default();
    let help = tr.own_or(key, &english).into_owned();
    let heading = if a.is_positional() {
        "help-arguments"
    } else {
        "help-options"
    };
    let a = a.help_heading(tr.own_or(heading, "").into_owned());
    if !a.get_action().takes_values() || a.is_hide_possible_values_set() {
        return a.help(help);
    }
    let values: Vec<clap::builder::PossibleValue> = a
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let default: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let word = |key: &str| tr.own_or(key, "").into_owned();
    let default = (!default.is_empty() && !a.is_hide_default_value_set())
        .then(|| format!("[{}: {}]", word("help-default"), default.join(", ")));
    if default.is_none() && values.is_empty() {
        return a.help(help);
    }
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let listed = (!values.is_empty())
        .then(|| format!("[{}: {}]", word("help-possible-values"), names.join(", ")));
    let short: String = [Some(help.clone()), default.clone(), listed.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let mut long = vec![help.clone()];
    if values.iter().any(|v| v.get_help().is_some()) {
        long.push(values_described(&a, &values, tr));
        long.extend(default);
    } else {
        long.push(
            [default, listed]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    a.help(short)
        .long_help(long.join("\n\n"))
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// "Possible values:" and one line per value, with its help in the reader's language.
fn values_described(
    a: &clap::Arg,
    values: &[clap::builder::PossibleValue],
    tr: &Messages,
) -> String {
    let width = values.iter().map(|v| v.get_name().len()).max().unwrap_or(0) + 1;
    let mut lines = vec![format!("{}:", tr.own_or("help-possible-values", ""))];
    for v in values {
        let english = v.get_help().map(ToString::to_string).unwrap_or_default();
        let key = format!("help-value-{}-{}", a.get_id(), v.get_name());
        let said = tr.own_or(&key, &english);
        lines.push(match said.is_empty() {
            true => format!("- {}", v.get_name()),
            false => format!("- {:width$} {said}", format!("{}:", v.get_name())),
        });
    }
    lines.join("\n")
}

/// One misbehaviour of `checker broker`, as day8-device's tests misbehave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misbehaviour {
    /// CONNACK with return code `code` to the first `times` CONNECTs, then the close.
    Refuse { times: u32, code: u8 },
    /// Each PUBACK this many milliseconds late.
    SlowPuback(u64),
    /// The connection closed right after a reading's PUBLISH, before its PUBACK, `n` times.
    Drop(u32),
    /// PINGREQ unanswered on the next connection, which stays open.
    HalfOpen,
    /// Session present 0 on the next `n` reconnections, as a broker restarted without them.
    LostSession(u32),
}

fn parse_misbehaviour(text: &str) -> Result<Misbehaviour, String> {
    let (name, value) = match text.split_once('=') {
        Some((name, value)) => (name, Some(value)),
        None => (text, None),
    };
    let number = |v: Option<&str>, default: u64| -> Result<u64, String> {
        v.map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("`{v}`: a number was expected"))
        })
    };
    let count = |v: Option<&str>| match number(v, 1)? {
        n @ 1..=65535 => Ok(n as u32),
        n => Err(format!("{n}: a count from 1 to 65535")),
    };
    Ok(match (name, value) {
        ("refuse", _) => {
            let (times, code) = match value.map(|v| v.split_once(':')) {
                Some(Some((times, code))) => (Some(times), Some(code)),
                _ => (value, None),
            };
            let code = match number(code, 3)? {
                c @ 1..=5 => c as u8,
                c => return Err(format!("{c}: a refusal's return code is 1 to 5 (3.2.2.3)")),
            };
            Misbehaviour::Refuse {
                times: count(times)?,
                code,
            }
        }
        ("slow-puback", _) => Misbehaviour::SlowPuback(number(value, 1000)?),
        ("drop", _) => Misbehaviour::Drop(count(value)?),
        ("half-open", None) => Misbehaviour::HalfOpen,
        ("lost-session", _) => Misbehaviour::LostSession(count(value)?),
        _ => {
            return Err(
                "the modes are refuse[=N[:RC]], slow-puback[=MS], drop[=N], \
                        half-open and lost-session[=N]"
                    .into(),
            );
        }
    })
}

fn parse_report(text: &str) -> Result<(Format, PathBuf), String> {
    use clap::ValueEnum;
    let (format, path) = text
        .split_once('=')
        .ok_or("expected FORMAT=FILE, e.g. json=results.json")?;
    const FORMATS: &str = "json, junit, classroom50 or gradescope";
    let format = Format::from_str(format, true)
        .map_err(|_| format!("`{format}`: the formats are {FORMATS}"))?;
    if format == Format::Human {
        return Err(format!(
            "the human report goes to the terminal; --report takes {FORMATS}"
        ));
    }
    Ok((format, PathBuf::from(path)))
}

fn parse_deadline(text: &str) -> Result<String, String> {
    match crate::base::date::parse_rfc3339(text) {
        Some(_) => Ok(text.trim().to_string()),
        None => Err(
            "expected a date and time with its UTC offset, e.g. 2026-10-31T23:59:00+09:00".into(),
        ),
    }
}

fn parse_program(text: &str) -> Result<(String, PathBuf), String> {
    let (name, path) = text
        .split_once('=')
        .ok_or("expected NAME=PATH, e.g. echo-server=./a.out")?;
    let path = PathBuf::from(path);
    if !path.is_file() {
        return Err(format!("{}: no such file", path.display()));
    }
    let path = path
        .canonicalize()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((name.to_string(), path))
}

mod compare_help;
mod for_students;
#[cfg(test)]
mod readme;

#[cfg(test)]
mod tests {
    /// A number a student reads has one source: the contracts' timers are in the course and
    /// the tests, so `--help` (in every language) names none of them (it once said the echo
    /// client's timeout was 5 s while the contract said 2 s).
    #[test]
    fn help_names_no_contract_timer() {
        use crate::base::i18n::{Lang, Messages};
        for lang in [Lang::En, Lang::Ko] {
            let tr = Messages::new(lang);
            let mut cmd = super::command_in(&tr, None);
            let mut texts = vec![cmd.render_long_help().to_string()];
            for sub in cmd.get_subcommands_mut() {
                texts.push(sub.render_long_help().to_string());
            }
            let timer = regex_lite_seconds();
            for text in texts {
                for line in text.lines() {
                    assert!(!timer(line), "{lang:?} --help names a timer: {line}");
                }
            }
        }
    }

    /// A duration in seconds: `5 s`, `0.5 s`, `5초`.
    fn regex_lite_seconds() -> impl Fn(&str) -> bool {
        |line: &str| {
            let chars: Vec<char> = line.chars().collect();
            chars
                .windows(3)
                .any(|w| w[0].is_ascii_digit() && ((w[1] == ' ' && w[2] == 's') || w[1] == '초'))
                && !line.contains("--")
        }
    }

    /// `checker broker`'s misbehaviours, as its help names them: defaults, values, and the
    /// mistakes refused with what is allowed.
    #[test]
    fn misbehaviours_are_read_by_name() {
        use super::Misbehaviour as M;
        let read = super::parse_misbehaviour;
        assert_eq!(read("refuse"), Ok(M::Refuse { times: 1, code: 3 }));
        assert_eq!(read("refuse=3:5"), Ok(M::Refuse { times: 3, code: 5 }));
        assert_eq!(read("slow-puback=250"), Ok(M::SlowPuback(250)));
        assert_eq!(read("drop"), Ok(M::Drop(1)));
        assert_eq!(read("drop=2"), Ok(M::Drop(2)));
        assert_eq!(read("half-open"), Ok(M::HalfOpen));
        assert_eq!(read("lost-session"), Ok(M::LostSession(1)));
        for wrong in [
            "refuse=2:0",
            "refuse=2:6",
            "drop=0",
            "drop=x",
            "half-open=2",
            "reset",
        ] {
            assert!(read(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }

    #[test]
    fn grading_options_go_before_a_subcommand_and_targets_are_not_subcommands() {
        use super::{Cli, Command};
        use clap::Parser;
        let cli = Cli::try_parse_from(["checker", "--root", "/tmp", "watch", "day1"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::Watch { ref targets }) if targets == &["day1"])
        );
        assert_eq!(
            cli.grading.root.as_deref(),
            Some(std::path::Path::new("/tmp"))
        );
        let cli = Cli::try_parse_from(["checker", "-j", "2", "day2", "day3-udp/echo"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.targets, ["day2", "day3-udp/echo"]);
        let cli = Cli::try_parse_from(["checker", "verify", "--sandbox", "plain"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Verify { .. })));
    }
}
