//! README, the course and the instructors' and maintainers' documents promise command lines
//! (`cargo run -p checker -- ...`): each must mean what it says to the checker as it is. Every
//! such line of them, in both languages, parses with the checker's command line, names
//! exercises and tests that exist, and experiments that exist; and `--help` lists every command
//! README and the documents show.

use clap::{CommandFactory, Parser};

use super::{Cli, Command};

const DOCUMENTS: [&str; 8] = [
    "README.md",
    "README.ko.md",
    "course.md",
    "course.ko.md",
    "docs/instructors.md",
    "docs/instructors.ko.md",
    "docs/maintainers.md",
    "docs/maintainers.ko.md",
];
const INVOCATION: &str = "cargo run -p checker";

/// The checker's arguments of every `cargo run -p checker ...` in `text`: up to the end of the
/// code span or line, a shell comment, a pipe or a redirection; `--` ends cargo's own.
fn command_lines(text: &str) -> Vec<Vec<String>> {
    text.split(INVOCATION)
        .skip(1)
        .map(|rest| {
            let line = rest
                .split(['`', '\n', '#', '|', '>', ')'])
                .next()
                .unwrap_or("");
            let mut words: Vec<String> = line
                .split_whitespace()
                .take_while(|w| *w != "\\" && *w != "&&")
                .map(str::to_string)
                .collect();
            if words.first().is_some_and(|w| w == "--") {
                words.remove(0);
            }
            words
        })
        .collect()
}

/// A word README writes for the reader to fill in (`<TREE>`), not for the checker.
fn is_placeholder(word: &str) -> bool {
    word.contains('<') || word.contains("...") || word.contains('…')
}

/// `words` with the PATH of each `--program NAME=PATH` an existing file: the checker wants
/// one, README's `./a.out` is the reader's.
fn with_programs_that_exist(mut words: Vec<String>) -> Vec<String> {
    let existing = std::env::current_exe().unwrap();
    for i in 1..words.len() {
        if words[i - 1] == "--program"
            && let Some((name, _)) = words[i].split_once('=')
        {
            words[i] = format!("{name}={}", existing.display());
        }
    }
    words
}

#[test]
fn every_command_line_of_readme_and_the_course_means_what_it_says() {
    let lab = crate::base::workspace::lab_root();
    let mut problems = Vec::new();
    let mut seen = 0;
    for doc in DOCUMENTS {
        let text = std::fs::read_to_string(lab.join(doc)).unwrap();
        for words in command_lines(&text) {
            if words.iter().any(|w| is_placeholder(w)) {
                continue;
            }
            seen += 1;
            let shown = format!("{doc}: `{INVOCATION} -- {}`", words.join(" "));
            let words = with_programs_that_exist(words);
            let cli = match Cli::try_parse_from(std::iter::once("checker".into()).chain(words)) {
                Ok(cli) => cli,
                Err(e) => {
                    problems.push(format!("{shown}: {}", e.kind()));
                    continue;
                }
            };
            match &cli.command {
                None if !cli.targets.is_empty() => {
                    if let Err(e) =
                        crate::lab::selection::select(crate::exercises::ALL, &cli.targets)
                    {
                        problems.push(format!("{shown}: {e:#}"));
                    }
                }
                Some(Command::Hint { exercise })
                    if !crate::exercises::ALL.iter().any(|e| e.name == exercise) =>
                {
                    problems.push(format!("{shown}: no exercise {exercise}"));
                }
                Some(Command::Try { name: Some(name) })
                    if name != "all" && crate::experiments::find(name).is_none() =>
                {
                    problems.push(format!("{shown}: no experiment {name}"));
                }
                _ => {}
            }
        }
    }
    assert!(
        seen > 50,
        "only {seen} command lines found: is the pattern right?"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn help_lists_every_command_readme_shows() {
    let lab = crate::base::workspace::lab_root();
    let readme = ["README.md", "docs/instructors.md", "docs/maintainers.md"]
        .map(|doc| std::fs::read_to_string(lab.join(doc)).unwrap())
        .concat();
    let help = Cli::command().render_long_help().to_string();
    let subcommands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for words in command_lines(&readme) {
        let Some(first) = words.first() else { continue };
        if subcommands.contains(first) {
            assert!(
                help.contains(&format!("  {first}")),
                "README shows `{first}`, which --help does not list:\n{help}"
            );
        }
    }
}

#[test]
fn a_command_line_is_read_to_the_end_of_its_span() {
    let lines = command_lines(
        "run `cargo run -p checker -- try backlog` or\n```sh\ncargo run -p checker day1   # first\ncargo run -p checker -- export-gradescope a.zip \\\n  --x\n```\n",
    );
    assert_eq!(
        lines,
        [
            vec!["try", "backlog"],
            vec!["day1"],
            vec!["export-gradescope", "a.zip"]
        ]
    );
}
