//! One cause, told once (issue 57): a C echo server whose listening line is never flushed fails
//! every server test for that one reason. Its report at 80 columns, in both languages, is the
//! golden `checker/tests/golden/one-cause-told-once(.ko).txt` (`UPDATE_GOLDEN=1` rewrites it):
//! the cause is said once, under the first test it fails, with the other tests listed under it,
//! the whole report fits one screen, and the command to re-run is one line whatever its length.
//! (Here, not in `report::human`, because it reads the lab's own day2-echo, which the report
//! layer does not know: the grading command gives it its exercises.)

use std::time::Duration;

use crate::base::i18n::{Lang, Messages, msg};
use crate::base::verdict::{Failure, FailureKind};
use crate::base::workspace::Track;
use crate::grade::outcome::ExerciseReport;
use crate::report::human;

/// Rows one screen has: a terminal of 80 columns, as tall as a laptop's shows it.
const SCREEN_ROWS: usize = 40;

/// day2-echo on the C track with the listening line left in stdout's buffer: every test of
/// the server that waits for the line fails as the checker reports it (server-errors, which
/// starts it wrong, waits for none), every test of the client passes.
fn unflushed_listening_line() -> ExerciseReport {
    let echo = crate::exercises::ALL
        .iter()
        .find(|e| e.name == "day2-echo")
        .expect("day2-echo is an exercise");
    ExerciseReport::made_up(echo, Duration::ZERO, |t| {
        (t.program == Some("echo-server") && !t.is_rules && t.id != "server-errors").then(|| {
            Failure::of_kind(
                FailureKind::NoListeningLine,
                msg!("server-no-line-in-5s", label = "echo-server"),
            )
            .detail(msg!("server-it-listens-on"), "port 40000")
            .note(msg!("server-flushed"))
        })
    })
}

fn render(report: &ExerciseReport, lang: Lang) -> String {
    let rerun = human::Rerun {
        tree_flag: Some("--track c --root /home/student/lab".into()),
        seed: 123456789,
        programs: Vec::new(),
        track: Track::C,
        tree_dir: "c/exercises/".into(),
    };
    let tr = Messages::new(lang);
    let reports = std::slice::from_ref(report);
    let mut out = Vec::new();
    human::exercise(&mut out, report, &rerun, false, Some(80), &tr).unwrap();
    human::scores(&mut out, reports, &tr).unwrap();
    human::failing(&mut out, reports, Some(80), &tr).unwrap();
    human::totals(&mut out, reports, &tr).unwrap();
    strip_styles(&String::from_utf8(out).unwrap())
}

/// Text without its ANSI styles (ESC [ ... m).
fn strip_styles(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn one_cause_is_told_once_and_the_report_fits_one_screen() {
    let report = unflushed_listening_line();
    let failing: Vec<&str> = report
        .tests
        .iter()
        .filter(|t| t.failure.is_some())
        .map(|t| t.test.id)
        .collect();
    assert!(failing.len() > 8, "{failing:?}");
    for lang in [Lang::En, Lang::Ko] {
        let tr = Messages::new(lang);
        let text = render(&report, lang);
        // The note's first words, which no wrapping separates.
        let note = tr.render(&msg!("server-flushed"));
        let start: String = note
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            text.matches(start.as_str()).count(),
            1,
            "{lang:?}: {start}\n{text}"
        );
        // Every other failing test is named under the one that tells the cause.
        let (first, rest) = failing.split_first().unwrap();
        let rerun = format!("cargo run -p checker -- day2-echo/{first} --track c");
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|l| l.contains(&rerun)).unwrap();
        let listed: String = lines[at + 1..].join(" ");
        for test in rest {
            assert!(
                listed.contains(&format!(" {test}")),
                "{lang:?}: {test}\n{text}"
            );
        }
        // The command is whole on its line; every other line fits the terminal.
        assert!(lines[at].trim_end().ends_with("--seed 123456789"), "{text}");
        let mut rows = 0;
        for line in &lines {
            let cells = crate::base::i18n::width(line);
            if !line.contains("cargo run -p checker") {
                assert!(cells <= 80, "{lang:?}: {cells} cells: {line}\n{text}");
            }
            rows += cells.div_ceil(80).max(1);
        }
        assert!(rows <= SCREEN_ROWS, "{lang:?}: {rows} rows:\n{text}");
        golden(lang, &text);
    }
}

/// The report as `checker/tests/golden/one-cause-told-once(.ko).txt` has it.
fn golden(lang: Lang, text: &str) {
    let name = match lang {
        Lang::En => "one-cause-told-once.txt",
        Lang::Ko => "one-cause-told-once.ko.txt",
    };
    let path = crate::base::workspace::lab_root()
        .join("checker/tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{}: run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(
        expected,
        text,
        "{} (UPDATE_GOLDEN=1 rewrites it)",
        path.display()
    );
}
