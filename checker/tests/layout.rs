//! Issue 44: every listing, hint and help fits an 80-column terminal, in both languages
//! (`checker try`, `try <name>`, `list`, `hint`, `--help` and every subcommand's), by display
//! width (a Hangul syllable takes two cells): wrapped between words, never cut inside one, each
//! line going on under its own column; and in a pipe (no COLUMNS) one line a line, as reports.

mod common;

use unicode_width::UnicodeWidthStr;

const COLUMNS: usize = 80;

/// The checker's stdout for `args` in `lang`, with COLUMNS set to `columns` (or unset).
fn run(lang: &str, args: &[&str], columns: Option<usize>) -> String {
    let mut cmd = common::checker_command();
    cmd.args(["--lang", lang]).args(args).env_remove("COLUMNS");
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns.to_string());
    }
    let out = cmd.output().unwrap();
    // try's verdict may be 1 (a claim that does not hold here); 2 is a mistake of the run.
    assert_ne!(out.status.code(), Some(2), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The words of `text`, a number (a pid, a time) as a placeholder: two runs differ in those.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            if w.chars().any(|c| c.is_ascii_digit()) {
                "#".to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Every line of `wrapped` fits, and its words are `unwrapped`'s, in order: none lost, none
/// cut in two.
fn fits(what: &str, wrapped: &str, unwrapped: &str) {
    for line in wrapped.lines() {
        let cells = line.width();
        assert!(cells <= COLUMNS, "{what}: {cells} cells: {line}");
    }
    assert_eq!(words(wrapped), words(unwrapped), "{what}");
}

/// The lines of `wrapped` that each line of `unwrapped` became: `(first, continuations)`.
fn wrapped_lines<'a>(wrapped: &'a str, unwrapped: &'a str) -> Vec<(&'a str, Vec<&'a str>)> {
    let mut lines = wrapped.lines();
    let mut groups = Vec::new();
    for line in unwrapped.lines() {
        let want = words(line).len();
        let first = lines.next().unwrap();
        let mut got = words(first).len();
        let mut rest = Vec::new();
        while got < want {
            let next = lines.next().unwrap();
            got += words(next).len();
            rest.push(next);
        }
        groups.push((first, rest));
    }
    groups
}

/// The display column where `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    line[..line.find(needle).unwrap()].width()
}

/// Both wrapped and as one line a line, with each line's continuations under its own column:
/// never left of the line's own indent, and for a row of `list` or `try` under its last
/// column (`hang` gives that column for a row, `None` for a line that is no row).
fn check(args: &[&str], hang: impl Fn(&str) -> Option<usize>) {
    for lang in ["en", "ko"] {
        let what = format!("{lang} {args:?}");
        let wrapped = run(lang, args, Some(COLUMNS));
        let unwrapped = run(lang, args, None);
        fits(&what, &wrapped, &unwrapped);
        assert!(
            unwrapped.lines().any(|l| l.width() > COLUMNS),
            "{what}: nothing to wrap, or wrapped in a pipe"
        );
        for (first, rest) in wrapped_lines(&wrapped, &unwrapped) {
            for line in &rest {
                assert!(indent(line) >= indent(first), "{what}: {first}\n{line}");
                if let Some(column) = hang(first) {
                    assert_eq!(indent(line), column, "{what}: {first}\n{line}");
                }
            }
        }
    }
}

#[test]
fn list_fits_with_titles_under_their_column() {
    // A test's row: "  exercise/id   3 pt  title"; its title goes on under the title.
    check(&["list"], |first| {
        let marker = [" pt  ", "점  "].into_iter().find(|m| first.contains(m))?;
        Some(column_of(first, marker) + marker.width())
    });
}

#[test]
fn hint_fits_every_exercise() {
    for ex in ["day1-fileio", "day2-echo", "day3-fork"] {
        check(&["hint", ex], |_| None);
    }
}

#[test]
fn try_list_and_an_experiment_fit() {
    // The list's rows: "  name   title"; the title goes on under the titles' column.
    check(&["try"], |first| {
        let name = first.strip_prefix("  ")?.split(' ').next()?;
        let after = &first[2 + name.len()..];
        (first.starts_with("  ") && after.starts_with("  "))
            .then(|| first.len() - first[2 + name.len()..].trim_start().len())
    });
    check(&["try", "zombie"], |_| None);
}

/// `--help` (and `-h`, and `help <command>`) of the checker and of every subcommand, clap's
/// and the catalogs'.
#[test]
fn every_help_fits() {
    let top = run("en", &["--help"], None);
    let commands: Vec<String> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    assert!(commands.len() > 10, "{top}");
    for lang in ["en", "ko"] {
        let mut runs: Vec<Vec<&str>> = vec![vec!["--help"], vec!["-h"]];
        // `help` takes a command's name (`checker help list`), not a flag of its own.
        for name in commands.iter().filter(|c| *c != "help") {
            runs.push(vec![name, "--help"]);
            runs.push(vec![name, "-h"]);
            runs.push(vec!["help", name]);
        }
        for args in runs {
            let what = format!("{lang} {args:?}");
            let wrapped = run(lang, &args, Some(COLUMNS));
            fits(&what, &wrapped, &run(lang, &args, None));
        }
    }
}
