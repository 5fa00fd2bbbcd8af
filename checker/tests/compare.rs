//! `checker compare`, as a student runs it: on the reference servers, at 1 and 10 clients, two
//! runs (the project's tests keep it short; the figures' spread is the command's business, not
//! this test's, but every level must hold both runs: they are taken round after round over all
//! the servers and put together). The JSON must hold a figure for every server and level, the iterative server's
//! collapse at 10 clients must show (one client served, the others' wait in its latency), a
//! server that does not even start must be listed as not measured without stopping the others,
//! the MQTT brokers (the reference's and mosquitto) must be measured, and the chart must be
//! written, as an SVG that names every server.

mod common;

use assert_cmd::Command;
use serde_json::Value;

/// The checker, building the servers in the build directory every test's checker shares
/// (`common::checker_command`): built cold in a directory of its own, they cost this test 30 s
/// of CPU in a clean `.ci/run`.
fn checker() -> Command {
    let mut cmd = Command::cargo_bin("checker").unwrap();
    cmd.env("CARGO_BUILD_BUILD_DIR", common::shared_build());
    cmd
}

fn level<'a>(doc: &'a Value, server: &str, clients: u64) -> &'a Value {
    let s = doc["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == server)
        .unwrap_or_else(|| panic!("no {server} in {doc:#}"));
    assert_eq!(s["status"], "measured", "{s:#}");
    s["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["clients"] == clients)
        .unwrap_or_else(|| panic!("{server} has no level {clients}: {s:#}"))
}

fn median(level: &Value, figure: &str) -> f64 {
    level["figures"][figure]["median"]
        .as_f64()
        .unwrap_or_else(|| panic!("no {figure} in {level:#}"))
}

#[test]
fn the_reference_servers_side_by_side() {
    let out = checker()
        .args([
            "compare",
            "--solutions",
            "--quick",
            "--runs",
            "2",
            "--clients",
            "1,10",
            "--format",
            "json",
            "--lang",
            "en",
            "--program",
            "gone-echo=/bin/false",
        ])
        // A guard against a hang, not a budget: the day 7 brokers (mosquitto beside them) are
        // measured too, and a loaded machine takes its time.
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "compare printed no JSON ({e}):\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(out.status.success(), "{doc:#}");
    assert!(doc["machine"]["cores"].as_u64().unwrap() >= 1);
    for server in ["echo-server", "fork-server", "poll-server", "epoll-server"] {
        for clients in [1, 10] {
            let l = level(&doc, server, clients);
            assert_eq!(l["runs"], 2, "{server} × {clients}: {l:#}");
            for figure in ["p50_us", "p99_us", "per_second", "memory_bytes", "threads"] {
                assert!(
                    median(l, figure) > 0.0,
                    "{server} × {clients}: {figure} {l:#}"
                );
            }
        }
    }
    // One thread, one process, one client at a time: at 10 clients it serves one, and the
    // wait of the nine others is its latency.
    let iterative = level(&doc, "echo-server", 10);
    assert_eq!(median(iterative, "clients_served"), 1.0);
    assert!(median(iterative, "p50_us") > 10_000.0, "{iterative:#}");
    assert_eq!(
        median(level(&doc, "poll-server", 10), "clients_served"),
        10.0
    );
    assert_eq!(median(level(&doc, "fork-server", 10), "processes"), 11.0);
    let chat = level(&doc, "chat-server", 10);
    assert!(median(chat, "per_second") > 0.0, "{chat:#}");
    assert!(median(chat, "threads") >= 11.0, "{chat:#}");
    // The MQTT brokers: the reference's, and mosquitto beside it (.ci/run installs it), each
    // message delivered to all 10 subscribers.
    for broker in ["mqtt-broker", "mosquitto"] {
        let l = level(&doc, broker, 10);
        assert!(median(l, "per_second") > 0.0, "{broker}: {l:#}");
    }
    // A program that never listens is not measured, and said so.
    let gone = doc["servers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "gone-echo")
        .unwrap();
    assert_eq!(gone["status"], "skipped");
    assert!(!gone["why"].as_str().unwrap().is_empty());
    // The chart: an SVG document that names every measured server.
    let chart = std::fs::read_to_string(doc["chart"].as_str().unwrap()).unwrap();
    assert!(
        chart.trim_start().starts_with("<svg"),
        "{}",
        &chart[..200.min(chart.len())]
    );
    assert!(chart.trim_end().ends_with("</svg>"));
    assert_eq!(chart.matches("<svg").count(), 1);
    for server in [
        "echo-server",
        "fork-server",
        "poll-server",
        "epoll-server",
        "chat-server",
    ] {
        assert!(chart.contains(server), "{server} missing from the chart");
    }
}

/// The table as a student reads it, printed into a pipe (its width unknown: 80 columns), in
/// both languages: every line fits, and the one-at-a-time server's 1 of 10 clients shows.
#[test]
fn the_table_fits_80_columns_where_the_width_is_unknown() {
    for lang in ["en", "ko"] {
        let out = checker()
            .args([
                "compare",
                "--solutions",
                "--runs",
                "1",
                "--clients",
                "1,10",
                "--lang",
                lang,
                "day2-echo",
            ])
            .env_remove("COLUMNS")
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in text.lines() {
            let cells = unicode_width::UnicodeWidthStr::width(line);
            assert!(cells <= 80, "{lang}: {cells} cells:\n{line}\n\n{text}");
        }
        assert!(text.contains("1/10"), "{lang}:\n{text}");
    }
}
