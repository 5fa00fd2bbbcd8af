//! The course's kernel claims, checked on the machine that builds the lab: every experiment of
//! `checker try` runs, and the facts it reports (its JSON, never its wording) must show the
//! claim the course makes. A claim that is or becomes false fails here.
//!
//! An experiment that needs a network namespace of its own cannot run on a machine that makes
//! none: its test is then reported as ignored, with the reason, never as passed. One that
//! could run and did not fails.

use assert_cmd::Command;
use libtest_mimic::{Arguments, Trial};
use serde_json::Value;

/// Run one experiment and return its findings.
fn run(name: &str) -> Value {
    let out = Command::cargo_bin("checker")
        .unwrap()
        .args(["try", name, "--format", "json", "--lang", "en"])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "`checker try {name}` printed no JSON ({e}):\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let found = doc[0].clone();
    assert_eq!(found["name"], name);
    found
}

/// The experiment ran, and its claim held; its facts, for the particular checks.
fn held(name: &str) -> Value {
    let found = run(name);
    assert_eq!(found["ran"], true, "{name} did not run: {found:#}");
    assert_eq!(
        found["holds"], true,
        "{name}: the claim did not hold: {found:#}"
    );
    found["facts"].clone()
}

fn number(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or_else(|| panic!("not a number: {v}"))
}

fn backlog() {
    let f = held("backlog");
    assert_eq!(f["completed"], 6);
    assert_eq!(f["dropped"], 1);
}

fn accept_queue_full() {
    let f = held("accept-queue-full");
    assert_eq!(f["syn_dropped"], true);
    assert_eq!(f["completed"], true);
    assert!(number(&f["completed_after_ms"]) >= 900);
    assert!(number(&f["syn_retransmissions"]) >= 1);
}

fn reset_in_accept_queue() {
    let f = held("reset-in-accept-queue");
    assert_eq!(f["queued_before_reset"], 1);
    assert_eq!(f["queued_after_reset"], 1);
    assert_eq!(f["accept_returned_it"], true);
    assert_eq!(f["first_read"], "ECONNRESET");
}

fn connect_unreachable() {
    let f = held("connect-unreachable");
    assert_eq!(f["connect_error"], "EHOSTUNREACH");
    assert_eq!(f["syn_retransmissions"], 0);
    assert!(number(&f["after_ms"]) < 900);
}

fn rst_unread() {
    let f = held("rst-unread");
    assert_eq!(f["unread_close_peer_read"], "ECONNRESET");
    assert_eq!(f["unread_close_sent_rst"], true);
    assert_eq!(f["read_first_peer_read"], "0 (EOF)");
    assert_eq!(f["read_first_sent_rst"], false);
}

fn fin_delayed_ack() {
    let f = held("fin-delayed-ack");
    assert_eq!(f["state_after_shutdown"], "FIN_WAIT1");
    assert_eq!(f["state_after_ack"], "FIN_WAIT2");
    assert!(number(&f["ack_after_ms"]) >= 20);
    // The server that closes at once: its FIN carries the ACK, no ACK comes alone.
    assert_eq!(f["answered_state"], "TIME_WAIT");
    assert_eq!(f["answered_passed_fin_wait2"], false);
}

fn time_wait_reuseaddr() {
    let f = held("time-wait-reuseaddr");
    assert_eq!(f["in_time_wait"], true);
    assert_eq!(f["old_without_new_without"], "EADDRINUSE");
    assert_eq!(f["old_with_new_without"], "EADDRINUSE");
    assert_eq!(f["old_without_new_with"], "EADDRINUSE");
    assert_eq!(f["old_with_new_with"], "ok");
}

fn udp_icmp_unconnected() {
    let f = held("udp-icmp-unconnected");
    assert_eq!(f["icmp_arrived"], true);
    assert_eq!(f["unconnected"], "EAGAIN");
    assert_eq!(f["unconnected_ip_recverr"], "ECONNREFUSED");
    assert_eq!(f["connected"], "ECONNREFUSED");
}

fn zombie() {
    let f = held("zombie");
    assert_eq!(f["state_before_wait"], "Z");
    assert_eq!(f["kill_before_wait"], true);
    assert_eq!(f["exit_code"], 7);
    assert_eq!(f["kill_after_wait"], "ESRCH");
}

fn short_count_sigstop() {
    let f = held("short-count-sigstop");
    for case in ["stop-moved", "restart-moved", "no-restart-moved"] {
        let n = number(&f[case]);
        assert!(n > 0 && n < 8 << 20, "{case}: {n}");
    }
    assert_eq!(f["no-restart-nothing"], "EINTR");
    assert_eq!(f["restart-nothing"], "65536");
    assert_eq!(f["stop-nothing"], "65536");
}

fn epollet_starve() {
    let f = held("epollet-starve");
    assert_eq!(f["sent"], 8192);
    assert_eq!(f["lt_received"], 8192);
    assert_eq!(f["lt_events"], 8);
    assert_eq!(f["et_received"], 1024);
    assert_eq!(f["et_events"], 1);
    assert_eq!(f["et_unread"], 7168);
    assert_eq!(f["et_events_after_more_data"], 1);
}

fn pipe_buf_atomic() {
    let f = held("pipe-buf-atomic");
    assert_eq!(f["small_records_mixed"], 0);
    assert_eq!(f["large_write_returned"], 160 << 10);
    assert_eq!(f["small_write_returned"], 100);
    assert_eq!(f["small_write_at"], 128 << 10);
}

fn accept_nonblock() {
    let f = held("accept-nonblock");
    assert_eq!(f["listener_nonblocking"], true);
    assert_eq!(f["accepted_nonblocking"], false);
    assert_eq!(f["accept4_nonblocking"], true);
}

fn shut_rd() {
    let f = held("shut-rd");
    assert_eq!(f["read_after_shut_rd"], "0 (EOF)");
    assert_eq!(f["peer_send"], "5");
    assert_eq!(f["read_after_data"], "5");
    assert_eq!(f["peer_reset"], false);
}

fn write_to_closed() {
    let f = held("write-to-closed");
    assert_eq!(f["first_write"], "5");
    assert_eq!(f["reset_arrived"], true);
    assert_eq!(f["second_write"], "EPIPE");
    assert_eq!(f["child_killed_by"], "SIGPIPE");
}

fn connect_refused() {
    let f = held("connect-refused");
    assert_eq!(f["connect"], "EINPROGRESS");
    assert_eq!(f["pollout"], true);
    assert_eq!(f["pollerr"], true);
    assert_eq!(f["revents"], "PollFlags(POLLOUT | POLLERR | POLLHUP)");
    assert_eq!(f["so_error"], "ECONNREFUSED");
    assert_eq!(f["so_error_again"], "0");
}

fn select_timeout() {
    let f = held("select-timeout");
    assert_eq!(f["timeout_before_us"], 1_000_000);
    assert_eq!(f["ready"], 1);
    assert_eq!(f["expired_ready"], 0);
    let left = number(&f["timeout_left_us"]);
    assert!(left > 0 && left < 1_000_000, "{left}");
    assert_eq!(f["expired_left_us"], 0);
}

fn epoll_close_dup() {
    let f = held("epoll-close-dup");
    assert_eq!(f["events_after_close"], 1);
    assert_eq!(f["event_names_closed_fd"], true);
    assert_eq!(f["delete_closed_fd"], "EBADF");
    assert_eq!(f["entries_while_duplicate_lives"], 1);
    assert_eq!(f["entries_after_last_close"], 0);
}

fn sigchld_merge() {
    let f = held("sigchld-merge");
    assert_eq!(f["children"], 5);
    assert_eq!(f["children_ended"], true);
    assert_eq!(f["pending_while_blocked"], true);
    assert_eq!(f["handler_runs"], 1);
    assert_eq!(f["reaped"], 5);
}

fn scm_rights() {
    let f = held("scm-rights");
    assert_eq!(f["empty_send_returned"], 0);
    assert_eq!(f["empty_receiver_got"], "EAGAIN");
    assert_eq!(f["empty_fds_received"], 0);
    assert_eq!(f["sent_fds"], 4);
    assert_eq!(f["room"], 2);
    assert_eq!(f["ctrunc"], true);
    assert_eq!(f["received_fds"], 2);
    assert_eq!(f["surplus_closed"], 2);
    assert_eq!(f["kept_open"], 2);
}

fn length_byte_at_a_time() {
    let f = held("length-byte-at-a-time");
    assert_eq!(f["reads"], serde_json::json!([1, 1, 1, 200, 6]));
    assert_eq!(f["value_after_first_length_byte"], 72);
    assert_eq!(f["remaining_length"], 200);
    assert_eq!(f["length_bytes"], 2);
    assert_eq!(f["body_whole"], true);
    assert_eq!(f["packets_in_one_read"], 3);
}

fn send_buffer_full() {
    let f = held("send-buffer-full");
    assert_eq!(f["eagain"], true);
    let sent = number(&f["sent_bytes"]);
    // More than one send's 64 KiB, and bounded: the buffers' size, a few MiB at most.
    assert!(sent > 64 << 10 && sent < 64 << 20, "{sent}");
    assert_eq!(
        number(&f["in_reader_bytes"]) + number(&f["in_writer_bytes"]),
        sent
    );
    assert_eq!(f["pollout_while_full"], false);
    assert_eq!(number(&f["read_back"]), sent);
    assert_eq!(f["pollout_after_read"], true);
}

fn half_open() {
    let f = held("half-open");
    assert_eq!(f["pingresp_before_stop"], true);
    assert_eq!(f["broker_stopped"], true);
    assert_eq!(f["pingresp_after_stop"], false);
    assert_eq!(f["pingreq_acked_by_kernel"], true);
    let dead = number(&f["dead_after_ms"]);
    // Found by the keep alive (1 s), not before; late only on a starved machine.
    assert!((1000..5000).contains(&dead), "{dead}");
    assert!(number(&f["keepalive_probes_sent"]) >= 1);
    assert_eq!(f["keepalive_probes_unanswered"], 0);
    assert_eq!(f["state_after_keepalive"], "ESTABLISHED");
    assert_eq!(f["so_error"], 0);
    assert!(number(&f["default_dead_after_s"]) > number(&f["tcp_keepalive_time_s"]));
}

fn thundering_herd() {
    let f = held("thundering-herd");
    let devices = number(&f["devices"]);
    assert_eq!(f["without_jitter_all_connected"], true);
    assert_eq!(f["with_jitter_all_connected"], true);
    // Without jitter the fleet retries in step: the comeback's slot takes (nearly) all of it.
    assert!(number(&f["without_jitter_busiest_slot"]) * 4 >= devices * 3);
    assert!(number(&f["with_jitter_busiest_slot"]) * 2 <= devices);
    assert!(number(&f["with_jitter_slots"]) > number(&f["without_jitter_slots"]));
}

fn unknown_experiment() {
    let out = Command::cargo_bin("checker")
        .unwrap()
        .args(["try", "no-such", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("backlog") && err.contains("zombie"), "{err}");
}

/// The experiments `checker try` lists.
fn listed() -> Vec<String> {
    let out = Command::cargo_bin("checker")
        .unwrap()
        .args(["try", "--lang", "en"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect()
}

/// Every experiment has its test here, and is cited in the course, in both languages, with the
/// command that runs it.
fn every_experiment_tested_and_cited() {
    let listed = listed();
    assert!(listed.len() >= 20, "{listed:?}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let course = std::fs::read_to_string(root.join("course.md")).unwrap();
    let korean = std::fs::read_to_string(root.join("course.ko.md")).unwrap();
    for name in &listed {
        assert!(
            TESTS.iter().any(|(tested, _, _)| tested == name),
            "{name} has no test in tests/experiments.rs"
        );
        let command = format!("cargo run -p checker -- try {name}`");
        assert!(course.contains(&command), "course.md does not cite {name}");
        assert!(
            korean.contains(&command),
            "course.ko.md does not cite {name}"
        );
    }
    for (tested, _, _) in TESTS {
        assert!(listed.iter().any(|n| n == tested), "{tested} is not listed");
    }
}

/// Can this machine make namespaces? Asked the way the checker asks it (root and unshare).
fn namespaces_available() -> bool {
    std::process::Command::new("unshare")
        .args(["--net", "--pid", "--fork", "--kill-child", "true"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Every experiment's test: its name, whether it needs a network namespace, and its checks.
const TESTS: &[(&str, bool, fn())] = &[
    ("backlog", false, backlog),
    ("accept-queue-full", false, accept_queue_full),
    ("reset-in-accept-queue", false, reset_in_accept_queue),
    ("connect-unreachable", true, connect_unreachable),
    ("rst-unread", false, rst_unread),
    ("fin-delayed-ack", false, fin_delayed_ack),
    ("time-wait-reuseaddr", false, time_wait_reuseaddr),
    ("udp-icmp-unconnected", false, udp_icmp_unconnected),
    ("zombie", false, zombie),
    ("short-count-sigstop", false, short_count_sigstop),
    ("epollet-starve", false, epollet_starve),
    ("pipe-buf-atomic", false, pipe_buf_atomic),
    ("accept-nonblock", false, accept_nonblock),
    ("shut-rd", false, shut_rd),
    ("write-to-closed", false, write_to_closed),
    ("connect-refused", false, connect_refused),
    ("select-timeout", false, select_timeout),
    ("epoll-close-dup", false, epoll_close_dup),
    ("sigchld-merge", false, sigchld_merge),
    ("scm-rights", false, scm_rights),
    ("length-byte-at-a-time", false, length_byte_at_a_time),
    ("send-buffer-full", false, send_buffer_full),
    ("half-open", false, half_open),
    ("thundering-herd", false, thundering_herd),
];

fn main() {
    let args = Arguments::from_args();
    let namespaces = namespaces_available();
    let mut trials = vec![
        Trial::test("unknown-experiment-lists-them", || {
            unknown_experiment();
            Ok(())
        }),
        Trial::test("every-experiment-tested-and-cited", || {
            every_experiment_tested_and_cited();
            Ok(())
        }),
    ];
    for &(name, needs_namespace, check) in TESTS {
        let skipped = needs_namespace && !namespaces;
        if skipped {
            eprintln!(
                "experiments: {name} SKIPPED: it needs a network namespace of its own, and this \
                 machine makes none (run as root, or allow unprivileged user namespaces)"
            );
        }
        let trial = Trial::test(name, move || {
            check();
            Ok(())
        });
        trials.push(if skipped {
            trial
                .with_kind("skipped: needs a network namespace")
                .with_ignored_flag(true)
        } else {
            trial
        });
    }
    libtest_mimic::run(&args, trials).exit();
}
