//! The likeliest first bugs of each network exercise, as a student writes them on day one of
//! the lesson: their reports are golden in both languages, so that each keeps naming the real
//! cause (issue 24). The broken versions are those of the exercises' `proofs/`.

use super::{golden_varying, tree};

/// Grades `test` of `exercise` on the broken version `version` and compares the report with
/// `checker/tests/golden/<golden>.txt` (and `.ko.txt`), `varying` masked.
fn golden_first_bug(
    exercise: &str,
    version: &str,
    test: &str,
    golden: &str,
    varying: &[(&str, &str)],
) {
    let edits: Vec<_> = crate::common::broken_version_edits(exercise, version)
        .into_iter()
        .map(|e| (exercise, e))
        .collect();
    let dir = tree(&format!("golden-{golden}"), &[exercise], &edits).unwrap();
    golden_varying(
        golden,
        &[
            "--root",
            &dir.to_string_lossy(),
            &format!("{exercise}/{test}"),
            "--seed",
            "7",
        ],
        Some(&dir),
        varying,
    );
}

/// What varies in a stalled reader's report: how much the kernel's buffers took before the
/// server was stopped, so where the bytes went missing and how many stops it took.
const STALLED_READER_VARIES: &[(&str, &str)] = &[
    (r"\d+ bytes had arrived", "N bytes had arrived"),
    (r"\d+바이트가 도착", "N바이트가 도착"),
    (
        r"(offset|오프셋) \d+: (expected|기대) 0x[0-9a-f]+, (got|실제) 0x[0-9a-f]+",
        "$1 N: $2 0xXX, $3 0xXX",
    ),
    (r"(?m)^( +(expected|got|기대|실제): ).*\n", "$1…\n"),
    (r"received \d+ bytes", "received N bytes"),
    (r"\d+바이트 받음", "N바이트 받음"),
    // How long the transcript is varies with that (below): whether its first lines are cut
    // too. Neither they nor the mark of the cut are kept.
    (r"(?m)^ +… \((?:\d+ earlier lines|앞선 \d+줄 생략)\)\n", ""),
    (
        r"(?m)^ +\d+\.\d{3}s client +(?:connected to|127\.0\.0\.1:\d+에 연결함|sent 33554432|33554432바이트 보냄)[^\n]*\n",
        "",
    ),
    // One stop and continue, or several: the kernel decides how far each send goes, and a send
    // it restarts (it had taken nothing) has the checker read a little and stop the server
    // again: stops, restarts and what was read meanwhile, from the first stop to the last read,
    // and what the client read just before the first stop (on a busy machine, some bytes).
    (
        r"(?m)^( +)(?:\d+\.\d{3}s client +(?:received|N바이트 받음)[^\n]*\n +)*\d+\.\d{3}s checker[^\n]*SIG(?:STOP|CONT)\)[^\n]*\n(?:[ ]+\d+\.\d{3}s (?:checker[^\n]*SIG(?:STOP|CONT)\)|checker +(?:its send had taken|그 send는)|client +(?:received|N바이트 받음))[^\n]*\n)*",
        "${1}(the server stopped and continued, as often as its send blocked)\n",
    ),
];

/// What varies in the output of a Rust program that aborted: its backtrace, and where in the
/// toolchain's std the panic is.
const PANIC_VARIES: &[(&str, &str)] = &[
    // However much of the backtrace was read before the process was gone.
    (
        r"(?m)(\| stack backtrace:)[^\n]*\n(?: +\|[^\n]*\n)*",
        "$1 …\n",
    ),
    (r"/rustc/[0-9a-f]{40}/library/[^\s:]+:\d+:\d+", "<std>"),
    // The thread's id, which a sandbox without a PID namespace does not fix.
    (r"thread '([^']*)' \(\d+\)", "thread '$1' (TID)"),
];

/// Send once: a short write loses the rest. How much the kernel's buffers took varies.
#[test]
fn golden_first_bug_send_once() {
    golden_first_bug(
        "day2-echo",
        "ignores-send-count",
        "stalled-reader",
        "day2-echo-send-once",
        STALLED_READER_VARIES,
    );
}

/// No loop over accept: the server serves its first client and exits.
#[test]
fn golden_first_bug_no_accept_loop() {
    golden_first_bug(
        "day2-echo",
        "serves-one-client",
        "sequential-clients",
        "day2-echo-no-accept-loop",
        &[],
    );
}

/// No SO_REUSEADDR: a restart fails while the old connections are in TIME_WAIT.
#[test]
fn golden_first_bug_no_reuseaddr() {
    golden_first_bug(
        "day2-echo",
        "no-reuseaddr",
        "restart-same-port",
        "day2-echo-no-reuseaddr",
        &[],
    );
}

/// A client that never closes: recv() returning 0 taken for "no data yet", so the client
/// spins on a connection the server has closed, and never ends.
#[test]
fn golden_first_bug_client_never_closes() {
    golden_first_bug(
        "day2-echo",
        "client-loops-on-eof",
        "client-early-close",
        "day2-echo-client-never-closes",
        &[],
    );
}

/// An accept loop that never calls echo(&client): every connection is dropped unread (the
/// stub's hints, uncommented, did this before issue 44). The report names that cause, proven by
/// a probe whose bytes wait in the server's socket before it accepts (always a reset), not a
/// short write or an early close. The idle client's first bytes come a second after the server
/// has closed: its own transcript is the same on every run too.
#[test]
fn golden_first_bug_never_reads() {
    golden_first_bug(
        "day2-echo",
        "accepts-never-reads",
        "idle-connection",
        "day2-echo-never-reads",
        &[],
    );
}

/// A fork child that returns into the accept loop, listener and all.
#[test]
fn golden_first_bug_child_falls_through() {
    golden_first_bug(
        "day3-fork",
        "child-falls-through",
        "back-to-one-process",
        "day3-fork-child-falls-through",
        &[(r"(child|자식) \d+", "$1 PID")],
    );
}

/// A signal handler that prints (println! in the SIGUSR1 handler).
#[test]
fn golden_first_bug_handler_prints() {
    golden_first_bug(
        "day4-signals",
        "usr1-prints-in-handler",
        "usr1-while-printing",
        "day4-signals-handler-prints",
        PANIC_VARIES,
    );
}

/// A broken rule voids the exercise's points: the report says so under the exercise's header,
/// where the score is read (with what the passing tests would earn), in both languages, and the
/// JSON says it with `rules_void_points` (issue 24, point 4).
#[test]
fn golden_a_broken_rule_voids_the_points_and_says_so() {
    let edits: Vec<_> = crate::common::broken_version_edits("day1-endian", "uses-to-be")
        .into_iter()
        .map(|e| ("day1-endian", e))
        .collect();
    let dir = tree("golden-rules-void", &["day1-endian"], &edits).unwrap();
    let root = dir.to_string_lossy().to_string();
    golden_varying(
        "day1-endian-rules-void",
        &["--root", &root, "day1-endian", "--seed", "7"],
        Some(&dir),
        &[(r"rust-clippy/rust-[0-9.]+/", "rust-clippy/<VERSION>/")],
    );
    // The machine report of the same run (run_checker asks for it with --format json).
    let run = super::run_checker(
        &["--root", &root, "day1-endian", "--seed", "7"],
        super::MINUTES,
    );
    let doc = run.json.clone().expect("a JSON report");
    let exercise = doc["exercises"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["name"] == "day1-endian"))
        .unwrap_or_else(|| panic!("no day1-endian in {doc:#}"));
    assert_eq!(exercise["rules_void_points"], true, "{exercise:#}");
    assert_eq!(exercise["points"], 0, "{exercise:#}");
    let message = exercise["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("voids this exercise's points"),
        "{exercise:#}"
    );
}

/// The echo-server stub with every hint uncommented as it stands (`//> ` removed): a first step
/// that works (the listening line, one round trip) and names the next `todo!()` to write, never
/// a server that accepts and drops what it never read (issue 44).
#[test]
fn golden_stub_hints_uncommented() {
    let lab = crate::common::lab_root();
    let stub =
        std::fs::read_to_string(lab.join("exercises/day2-echo/src/bin/echo-server.rs")).unwrap();
    let hints = regex::Regex::new(r"(?m)^(\s*)//> ?").unwrap();
    let uncommented = hints.replace_all(&stub, "$1").into_owned();
    let dir = tree("golden-stub-hints", &["day2-echo"], &[]).unwrap();
    let file = dir.join("day2-echo/src/bin/echo-server.rs");
    if std::fs::read_to_string(&file).ok().as_deref() != Some(uncommented.as_str()) {
        std::fs::write(&file, &uncommented).unwrap();
    }
    let root = dir.to_string_lossy();
    golden_varying(
        "day2-echo-stub-hints-uncommented",
        &[
            "--root",
            &root,
            "day2-echo/listening-line",
            "day2-echo/round-trip",
            "day2-echo/binary-64k",
            "--seed",
            "7",
        ],
        Some(&dir),
        &[],
    );
}

/// The parent keeps its copy of the connected socket: where it waits shows the leak, and says
/// nothing is missing from a server asleep in accept() (it waits for its next client there).
#[test]
fn golden_first_bug_parent_keeps_connfd() {
    golden_first_bug(
        "day3-fork",
        "parent-keeps-connfd",
        "eof-after-half-close",
        "day3-fork-parent-keeps-connfd",
        &[],
    );
}

/// A SIGCHLD handler that never calls waitpid: told so, not told that one waitpid per signal
/// is too few (which is another bug).
#[test]
fn golden_first_bug_handler_reaps_nothing() {
    golden_first_bug(
        "day3-fork",
        "handler-reaps-nothing",
        "no-zombie-sequential",
        "day3-fork-handler-reaps-nothing",
        &[],
    );
}

/// bind's result thrown away, no SO_REUSEADDR: a restart binds a port of its own and says so
/// truly; told that the bind failed unchecked, not to print getsockname's port.
#[test]
fn golden_first_bug_bind_unchecked() {
    golden_first_bug(
        "day2-echo",
        "bind-unchecked-no-reuseaddr",
        "restart-same-port",
        "day2-echo-bind-unchecked",
        &[],
    );
}

/// A UDP client that sends once and gives up as the contract says a client gives up: told that
/// it did not send again, not given the hint about exit statuses.
#[test]
fn golden_first_bug_udp_one_try() {
    golden_first_bug(
        "day3-udp",
        "client-one-try",
        "client-retransmits",
        "day3-udp-client-one-try",
        &[],
    );
}
