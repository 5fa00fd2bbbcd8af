//! day8-device's hidden tests proven on a device written on a client library people use: Eclipse
//! Paho's C client (its synchronous MQTTClient API, Debian's libpaho-mqtt-dev 1.3.12, which
//! `.ci/packages.txt` lists), in a wrapper that fits the contract's command line
//! (`checker/exercises/day8-device/proofs/paho/paho-device.c`, which says what Paho does and
//! what the wrapper adds), graded with `--program` like a student's device written elsewhere.
//! Every test that runs the device passes, but those Paho's own behaviour does not allow, each
//! named in `PAHO_CANNOT` with the reason and where Paho's source (tag v1.3.12) decides it: the
//! tests ask no more than MQTT 3.1.1 and the contract.
//!
//! Without the library the test is skipped on a developer's machine, saying so on stderr (which
//! `.config/nextest.toml` shows even on a pass: a skip is never silent); in CI (`CI` or
//! `GITHUB_ACTIONS` set), where `.ci/run` installs it, a missing library is a failure.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Paho's header, the file `.ci/packages.txt` checks for libpaho-mqtt-dev.
const PAHO_HEADER: &str = "/usr/include/MQTTClient.h";

/// The tests Paho's own behaviour fails, each with why (Paho 1.3.12's source, `src/`).
/// None since day 8's dead link allows one and a half keep alives (3.1.2-24's margin), which is
/// when Paho closes one: MQTTProtocolClient.c, MQTTProtocol_keepalive, `now - lastPing >=
/// keepAliveInterval * 1500` ms, looked at every keep-alive/10.
const PAHO_CANNOT: &[(&str, &str)] = &[];

#[test]
fn day8_tests_pass_on_a_device_written_on_paho() {
    let Some(device) = paho_device() else {
        return;
    };
    let program = format!("sensor-device={}", device.display());
    let grade = common::grading_with(&["--program", &program], Duration::from_secs(300));
    let run = grade(&["day8-device"]);
    let mut verdicts: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    take(&mut verdicts, &run);
    let ran: BTreeSet<String> = verdicts.keys().cloned().collect();
    assert_eq!(ran, day8_tests(), "{}", run.explain());
    for (id, _) in PAHO_CANNOT {
        assert!(
            ran.contains(*id),
            "PAHO_CANNOT names {id}, no test of day 8"
        );
    }
    // A test the machine kept from being judged (`"judged": false`) is no verdict either way:
    // graded again alone once the machine is quieter, up to three times, as broken.rs does.
    let mut last = run;
    for _ in 0..3 {
        let unjudged: Vec<String> = (verdicts.iter())
            .filter(|(_, t)| t["judged"] == false)
            .map(|(id, _)| format!("day8-device/{id}"))
            .collect();
        if unjudged.is_empty() {
            break;
        }
        common::await_a_quieter_machine(Duration::from_secs(20));
        last = grade(&unjudged.iter().map(String::as_str).collect::<Vec<_>>());
        take(&mut verdicts, &last);
    }
    for (id, t) in &verdicts {
        assert_ne!(
            t["judged"],
            false,
            "{id}: the machine kept it from being judged four times (too busy), so this run \
             says nothing of Paho: {t}\n{}",
            last.explain()
        );
        match PAHO_CANNOT.iter().find(|(cannot, _)| cannot == id) {
            // Still Paho's way: a test that passes now has its exception out of date.
            Some((_, why)) => assert_eq!(
                t["status"],
                "fail",
                "{id} was listed as beyond Paho ({why}) but did not fail: {t}\n{}",
                last.explain()
            ),
            None => assert_eq!(t["status"], "pass", "{t}\n{}", last.explain()),
        }
    }
}

/// The verdicts of `run`, by test id, over those of earlier runs.
fn take(verdicts: &mut BTreeMap<String, serde_json::Value>, run: &common::Run) {
    for t in run.tests() {
        if let Some(id) = t["name"]
            .as_str()
            .and_then(|n| n.strip_prefix("day8-device/"))
        {
            verdicts.insert(id.to_string(), t);
        }
    }
}

/// The Paho-based device, built into the tests' scratch space; `None` (skipped, said on stderr)
/// where the library is missing outside CI.
fn paho_device() -> Option<PathBuf> {
    if !Path::new(PAHO_HEADER).exists() {
        let in_ci =
            std::env::var_os("CI").is_some() || std::env::var_os("GITHUB_ACTIONS").is_some();
        assert!(
            !in_ci,
            "Eclipse Paho's C client is missing ({PAHO_HEADER}): .ci/run installs it \
             (libpaho-mqtt-dev in .ci/packages.txt, `bash .ci/install-packages`)"
        );
        eprintln!(
            "SKIPPED day8_tests_pass_on_a_device_written_on_paho: Eclipse Paho's C client is \
             missing ({PAHO_HEADER}); install it with `bash .ci/install-packages` \
             (libpaho-mqtt-dev) to prove day 8's tests on it"
        );
        return None;
    }
    let source = common::proofs_dir("day8-device").join("paho");
    let out = common::scratch().join("paho-device");
    std::fs::create_dir_all(&out).unwrap();
    let built = Command::new("make")
        .arg("-s")
        .arg("-C")
        .arg(&source)
        .arg(format!("OUT={}", out.display()))
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "the Paho-based device does not build:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    Some(out.join("paho-device"))
}

/// The ids of day8-device's tests that run the device, as `checker list` gives them (not
/// `rules`, which reads the sources of a track).
fn day8_tests() -> BTreeSet<String> {
    let out = common::checker_command()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day8 = listed
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["name"] == "day8-device")
        .expect("day8-device in `checker list`");
    day8["tests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["program"].is_string())
        .filter_map(|t| t["id"].as_str())
        .map(String::from)
        .collect()
}
