//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Grades the socket-programming lab's exercises with hidden tests.
///
/// With no argument: an overview of every exercise and what to do next.
/// With targets: grade them. A target is `all`, a day (`day2`), an exercise (`day2-inet`)
/// or one test (`day2-inet/pton6-tricky`; `checker list` shows the ids).
#[derive(Parser, Debug)]
#[command(name = "checker", version, args_conflicts_with_subcommands = true)]
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

    /// Grade the exercise packages in DIR (DIR/<exercise>/Cargo.toml) instead of exercises/.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Seed for every random input; a failure prints the command that reproduces it.
    #[arg(long, global = true, value_name = "N")]
    pub seed: Option<u64>,

    /// Show every test's full transcript, passing or not.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// How many tests run at once (default: the number of cores).
    #[arg(short, long, global = true, value_name = "N")]
    pub jobs: Option<usize>,

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
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
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
