//! A comparison made up for the tests of how it is shown: the widest figures a real one gives
//! (a thousand clients, errors of every kind, a p99 whose runs disagree twentyfold, a server
//! that served one client of ten), without measuring anything.

use std::path::PathBuf;

use super::figures::{Figures, Level, name};
use super::measure::Outcome;
use super::servers::{Contestant, Contract};
use super::{Comparison, Machine, Measured, Settings, chart, table};
use crate::base::i18n::{Lang, Messages, Text, width};
use crate::contain::sandbox::Mode;

fn run(clients: usize, served: f64, p99: f64, errors: f64) -> Figures {
    let mut f = Figures::default();
    for (n, v) in [
        (name::SERVED, served),
        (name::P50, p99 / 3.0),
        (name::P99, p99),
        (name::RATE, 28_100.0 * clients as f64),
        (name::DELIVERIES, 281_000.0),
        (name::CPU, 97.0),
        (name::MEMORY, 1.5 * 1024.0 * 1024.0 * clients as f64),
        (name::PER_CONNECTION, 340.0 * 1024.0),
        (name::THREADS, clients as f64 + 1.0),
        (name::PROCESSES, clients as f64 + 1.0),
        (name::REFUSED, errors),
        (name::RESET, errors * 30.0),
        (name::TIMED_OUT, errors * 4.0),
        (name::WRONG, errors),
    ] {
        f.set(n, v);
    }
    f
}

fn server(name: &str, contract: Contract, levels: Vec<Level>) -> Measured {
    Measured {
        contestant: Contestant {
            name: name.to_string(),
            exercise: None,
            contract,
            outside: Some(PathBuf::from("/tmp/x")),
            args: &[],
        },
        outcome: Outcome::Measured(levels),
    }
}

fn level(clients: usize, served: f64, p99s: &[f64], errors: f64) -> Level {
    Level {
        clients,
        runs: p99s
            .iter()
            .map(|&p| run(clients, served, p, errors))
            .collect(),
        trouble: Vec::new(),
    }
}

pub fn comparison() -> Comparison {
    let again: Vec<String> = ["--solutions", "--runs", "5", "--clients", "1,10,100,1000"]
        .into_iter()
        .chain([
            "--program",
            "my-echo-server=/home/student/prog/a.out",
            "echo",
        ])
        .map(String::from)
        .collect();
    let settings = Settings::new(vec![1, 10, 100, 1000], 5, false, Mode::Plain, again);
    let steady = [1_000.0, 1_050.0, 980.0, 1_020.0, 1_100.0];
    let wild = [1_500.0, 420.0, 30_800.0, 1_400.0, 1_600.0];
    let levels = |served_all: bool| {
        [1, 10, 100, 1000]
            .map(|n| {
                let served = if served_all { n as f64 } else { 1.0 };
                level(n, served, if n == 100 { &wild } else { &steady }, 12.0)
            })
            .to_vec()
    };
    let mut crashed = levels(true);
    crashed[3].trouble.push(crate::base::i18n::msg!(
        "compare-under-load",
        clients = 1000
    ));
    let mut skipped = server("prefork-server-from-elsewhere", Contract::Echo, Vec::new());
    skipped.outcome = Outcome::Skipped(Text::Plain("it does not compile".into()));
    Comparison {
        machine: Machine {
            cores: 2,
            load_before: [1.25, 1.5, 1.75],
            load_after: [2.25, 2.5, 2.75],
            kernel: "6.8.0-45-generic".into(),
            sandbox: "namespaces",
            open_files: 1_280,
        },
        settings,
        servers: vec![
            server("echo-server", Contract::Echo, levels(false)),
            server("prefork-server", Contract::Echo, crashed),
            server("chat-server", Contract::Chat, levels(true)),
            skipped,
        ],
        notes: vec![crate::base::i18n::msg!(
            "compare-lowered-clients",
            from = 1000,
            to = 768,
            limit = 1024
        )],
        seconds: 123.0,
    }
}

/// Every line of the table fits 80 columns, in both languages, and holds what it must.
#[test]
fn every_line_fits_80_columns_in_both_languages() {
    let cmp = comparison();
    for lang in [Lang::En, Lang::Ko] {
        let tr = Messages::new(lang);
        let text = table::render(&cmp, Some("/work/lab/target/compare/compare.svg"), &tr, 80);
        for line in text.lines() {
            assert!(
                width(line) <= 80,
                "{lang:?}, {} cells:\n{line}\n\n{text}",
                width(line)
            );
        }
        // The one-at-a-time server's 1 of 10, the unstable p99 as a range, errors of each kind.
        assert!(text.contains("1/10"), "{text}");
        assert!(text.contains("–"), "{text}");
        assert!(!text.contains("±1"), "{text}");
        assert!(text.contains("360"), "{text}");
        assert!(text.contains("768"), "{text}");
        // The command to measure again reads back as one command.
        let tail: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.contains("cargo run"))
            .collect();
        assert!(
            tail[..tail.len() - 1].iter().all(|l| l.ends_with(" \\")),
            "{text}"
        );
    }
}

/// The chart says, beside a point, that a server served fewer clients than were connected.
#[test]
fn the_chart_says_a_server_served_one_client_of_ten() {
    let cmp = comparison();
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::En, Lang::Ko] {
        let tr = Messages::new(lang);
        let path = dir.path().join("compare.svg");
        chart::draw(&cmp, &path, &tr).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        let said = tr.render(&crate::base::i18n::msg!(
            "compare-chart-served",
            served = 1,
            clients = 10
        ));
        assert!(svg.contains(&said), "{lang:?}: no {said} in the chart");
        // The servers that served every client are not flagged.
        let all = tr.render(&crate::base::i18n::msg!(
            "compare-chart-served",
            served = 10,
            clients = 10
        ));
        assert!(!svg.contains(&all));
    }
}
