//! day7-broker's hidden tests are proven on the production implementation of the protocol they
//! test: Debian's Eclipse Mosquitto 2.0 (`.ci/run` installs it), run in the lab's subset by
//! `solutions/day7-broker/mosquitto-as-broker.sh` (`listener <port>`, `allow_anonymous true`,
//! `max_qos 1`, `max_packet_size 262144`), and graded with `--program` like a student's broker
//! written in another language. Every test must pass on it: the tests ask for MQTT 3.1.1, not
//! for the reference's ways.
//!
//! Where mosquitto and the reference differ, the tests ask only what both do, and why is said
//! in the test: the keep-alive close may come as late as 12 s after the CONNECT of a 2 s
//! keep-alive (mosquitto looks at keep-alives only every few seconds, in whole seconds; a 1 s
//! keep-alive was seen closed from 1.5 to 6.7 s after; the standard sets no latest time), a QoS 0
//! message may pass a QoS 1 one waiting for room in flight (4.6.0-6 orders messages of the same
//! QoS), and protocol level 5 is MQTT 5's, not used to test a refused level. A will asking QoS 2
//! (mosquitto with `max_qos 1` refuses the CONNECT), and a PINGREQ or a PUBACK with flags set
//! (mosquitto 2.0.11 takes them as if their flags were 0000, against 2.2.2-2) are tested by no
//! hidden test.
//!
//! The other brokers people use (aedes, amqtt, rumqttd) are graded by `bench/brokers.py`, a
//! measurement (each is installed from its registry, which `.ci/run` does not do): its record,
//! `bench/brokers/verdicts.toml`, is kept in step with the tests here.

mod common;

use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration;

#[test]
fn every_day7_test_passes_on_mosquitto() {
    let found = Command::new("sh")
        .args(["-c", "command -v mosquitto || test -x /usr/sbin/mosquitto"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "mosquitto is missing: install Debian's mosquitto (.ci/run does)"
    );
    let wrapper = common::lab_root().join("solutions/day7-broker/mosquitto-as-broker.sh");
    let program = format!("mqtt-broker={}", wrapper.display());
    let grade = common::grading_with(&["--program", &program], Duration::from_secs(300));
    let run = grade(&["day7-broker"]);
    let tests = run.tests();
    // Every test that runs the broker (not `rules`, which reads Rust sources, nor the codec's,
    // which call a library mosquitto has not), each passed.
    let ran: BTreeSet<String> = tests
        .iter()
        .filter_map(|t| t["name"].as_str()?.strip_prefix("day7-broker/"))
        .map(String::from)
        .collect();
    assert_eq!(ran, day7_tests(), "{}", run.explain());
    // Every test passes; one the machine kept from being judged is graded again alone.
    common::every_test_passes(&run, "day7-broker on mosquitto", &[], grade);
}

/// The ids of day7-broker's tests that run the broker, as `checker list` gives them: not `rules`
/// (Rust sources only) nor the codec's tests, which call the student's library, not a broker.
fn day7_tests() -> BTreeSet<String> {
    let out = common::checker_command()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day7 = listed
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["name"] == "day7-broker")
        .expect("day7-broker in `checker list`");
    day7["tests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["program"].is_string())
        .filter_map(|t| t["id"].as_str())
        .map(String::from)
        .collect()
}

/// The record of the brokers people use (`bench/brokers.py --write`) says what each got on the
/// tests as they are: a verdict for every test of day 7 and none for a test that is gone, every
/// failure with the section of MQTT 3.1.1 (or the rule of the lab's subset) it breaches, and
/// mosquitto, which `.ci/run` grades above, passing them all. A test added or renamed, or any
/// change to the test code the verdicts depend on (`test_code_fingerprint`), without measuring
/// the brokers again fails here: a row measured on older test code must say why it was not
/// measured again (`stale`), and mosquitto, aedes and amqtt, which install from their registries
/// in minutes, never may.
#[test]
fn the_brokers_record_is_in_step_with_the_tests() {
    let path = common::lab_root().join("bench/brokers/verdicts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let record: toml::Value = toml::from_str(&text).unwrap();
    let tests = day7_tests();
    let brokers = record["broker"].as_array().expect("[[broker]] tables");
    let names: Vec<&str> = brokers.iter().filter_map(|b| b["name"].as_str()).collect();
    for name in ["mosquitto", "aedes", "amqtt"] {
        assert!(names.contains(&name), "{name} is not in {}", path.display());
    }
    let now = test_code_fingerprint();
    for broker in brokers {
        let name = broker["name"].as_str().unwrap_or("?");
        let measured_on = broker.get("fingerprint").and_then(|f| f.as_str());
        if measured_on != Some(now.as_str()) {
            let why = broker.get("stale").and_then(|s| s.as_str()).unwrap_or("");
            assert!(
                !why.is_empty() && !["mosquitto", "aedes", "amqtt"].contains(&name),
                "{name}: measured on other test code ({measured_on:?}, now {now:?}): a test it \
                 covers changed since; run python3 bench/brokers.py --write"
            );
        }
        let verdicts = broker["verdicts"].as_table().expect("[broker.verdicts]");
        let recorded: BTreeSet<String> = verdicts.keys().cloned().collect();
        assert_eq!(
            recorded, tests,
            "{name}: the record's tests are not day7-broker's (run bench/brokers.py --write)"
        );
        for (test, verdict) in verdicts {
            if verdict.as_str() == Some("pass") {
                continue;
            }
            assert_ne!(name, "mosquitto", "mosquitto fails {test} in the record");
            let breaches = verdict["breaches"].as_str().unwrap_or("");
            assert!(
                names_a_section(breaches),
                "{name}/{test}: the failure names no section of MQTT 3.1.1 nor a rule of the subset: {verdict}"
            );
        }
    }
}

/// Whether `s` names a section of the standard (`3.1.4-2`, `2.2.3`) or a rule of the lab's.
fn names_a_section(s: &str) -> bool {
    s.contains("the lab's")
        || s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .any(|w| w.split('.').count() >= 2 && w.split('.').all(|p| !p.is_empty()))
}

/// The fingerprint of the test code the record's verdicts depend on, as `bench/brokers.py
/// --fingerprint` computes it: FNV-1a (64 bits) over every Rust file of day 7's broker tests
/// (not its codec's, proofs, Korean stubs or C shim), the MQTT client they speak through and the
/// shutdown steps, in the order of their paths from the lab's root: each path, a NUL, its text,
/// a NUL.
fn test_code_fingerprint() -> String {
    const TEST_CODE: [&str; 3] = [
        "checker/exercises/day7-broker",
        "checker/src/observe/wire/mqtt",
        "checker/src/exercises/families/graceful_exit",
    ];
    const NOT_TEST_CODE: [&str; 5] = ["proofs", "korean", "c-shim", "codec", "harness-calls.rs"];
    fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if NOT_TEST_CODE.contains(&name.as_str()) {
                continue;
            }
            if path.is_dir() {
                walk(&path, found);
            } else if name.ends_with(".rs") {
                found.push(path);
            }
        }
    }
    let root = common::lab_root();
    let mut files = Vec::new();
    for top in TEST_CODE {
        walk(&root.join(top), &mut files);
    }
    let mut files: Vec<(String, std::path::PathBuf)> = files
        .into_iter()
        .map(|f| {
            (
                f.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                f,
            )
        })
        .collect();
    files.sort();
    let mut hash: u64 = 0xcbf29ce484222325;
    for (name, path) in files {
        let text = std::fs::read(path).unwrap();
        for &b in name.as_bytes().iter().chain(&[0]).chain(&text).chain(&[0]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
    }
    format!("{hash:016x}")
}
