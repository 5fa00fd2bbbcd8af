//! Hidden tests of day8-device, an MQTT 3.1.1 device that loses no reading: the checker is
//! the broker the device connects to (a listener of the test's own, its port on the device's
//! command line), speaking MQTT byte for byte, and misbehaves on purpose, the same way on
//! every run: it refuses CONNECTs, drops the connection right after a PUBLISH and before its
//! PUBACK, delays PUBACKs, goes down and comes back with or without the session, stops
//! answering PINGREQ on an open connection, and sends commands with and without DUP. Each
//! misbehaviour is data in the test (`broker::Manner`, a script of refusals); what the device
//! publishes is judged as it comes (`ledger`), each failure naming the packet expected, the
//! packet that came and the rule.
//!
//! No test names a design: one PUBLISH in flight at a time or many; threads, poll, epoll or
//! tokio; subscribing on every connection or only on session present 0 all pass. Silence is
//! judged by what must come after it (a reading after the SUBSCRIBE, a marker command after a
//! duplicate), and times by bounds the contract makes certain: a reconnection earlier than
//! d_n/2 is proven; one later than d_n (plus room) is judged again on a starved machine.

mod broker;
mod commands;
pub(crate) mod decode;
mod fates;
mod jitter;
mod ledger;
mod port;
mod publishing;
mod resending;
mod scene;
mod sensor;
mod timers;
mod wire;

use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::table::part::Part;
use crate::table::track::CTrack;

const SENSOR: &str = "sensor-device";

/// A test row: every test of the exercise is about the one program; `$section` is the course
/// section that teaches what it judges.
macro_rules! test {
    ($id:literal, $section:literal, $title:literal, $points:literal, $secs:literal, $hint:literal, $run:path) => {
        TestCase {
            id: $id,
            title: $title,
            points: $points,
            timeout: secs($secs),
            hint: $hint,
            hint_c: None,
            section: $section,
            program: Some(SENSOR),
            run: $run,
        }
    };
}

pub static EXERCISE: Exercise = Exercise {
    name: "day8-device",
    day: 8,
    title: "an MQTT device that a flaky broker and a flaky network cannot make lose a reading",
    section: "day8-device",
    kind: ExerciseKind::Programs {
        binaries: &[SENSOR],
    },
    student_files: &["src/bin/sensor-device.rs"],
    families: &[],
    tests: &[
        test!(
            "connect-packet",
            "device-connect",
            "CONNECT byte for byte: level 4, flags 0x2C (clean session 0, will `offline` retained at QoS 1), the keep alive big-endian, the client id, the will topic",
            2,
            10,
            "Build CONNECT as 3.1.2 lays it out: 0x10, the remaining length, \"MQTT\" with its 2-byte length, level 4, connect flags 0x2C (will flag 0x04, will QoS 1 is 0x08, will retain 0x20, clean session 0), the keep alive big-endian, then the client id, `devices/<id>/status` and `offline`, each with its 2-byte length (3.1.3).",
            publishing::connect_packet
        ),
        test!(
            "birth",
            "device-connect",
            "after every CONNACK 0, the birth: PUBLISH `online` on `devices/<id>/status`, QoS 1, RETAIN 1, a new packet id; on the second connection too",
            2,
            10,
            "The will `offline` may have been published since the last connection: after each CONNACK 0 publish `online` on the status topic, QoS 1 and retained (3.3.1.3), with a packet id no unacknowledged PUBLISH holds.",
            publishing::birth
        ),
        test!(
            "subscribes",
            "device-commands",
            "SUBSCRIBE to `devices/<id>/cmd` at QoS 1 before any new reading, whenever the CONNACK says session present 0",
            1,
            10,
            "A broker that says session present 0 has no subscription of yours: SUBSCRIBE (flags 0x82, a packet id, the cmd topic, QoS 1) after that CONNACK, before the first new reading. On session present 1 it is still there (you may subscribe again).",
            publishing::subscribes
        ),
        test!(
            "readings-in-order",
            "device-loop",
            "40 readings fed in pieces, a 1024-byte one and an empty line among them: each a PUBLISH QoS 1, DUP 0, on `devices/<id>/readings`, in order, with a free packet id; the empty line skipped",
            2,
            10,
            "Read stdin into a buffer and cut it at each '\\n' (a read may end inside a line); skip empty lines. Publish each reading at QoS 1 in the order read, DUP 0, with a packet id no unacknowledged PUBLISH holds (2.3.1-2).",
            publishing::readings_in_order
        ),
        test!(
            "commands",
            "device-commands",
            "commands at QoS 1 and QoS 0 are printed `command <payload>` at once, each QoS 1 one acknowledged with its own packet id, also while a reading with the same id waits for its PUBACK",
            2,
            10,
            "A PUBLISH on the cmd topic is a command: write `command <payload>` on stdout and flush it at once; at QoS 1 answer PUBACK with its packet id (3.3.4). The broker's packet ids are its own: one equal to a reading's in flight is no PUBACK of it.",
            commands::commands
        ),
        test!(
            "duplicate-command",
            "device-duplicates",
            "a command sent again with DUP 1 (its id and payload), also after a reconnection and among the last 16, is acknowledged but not acted on; DUP 0 with a known id, or DUP 1 with another payload, is a new command",
            2,
            10,
            "Keep the packet id and payload of the last 16 commands acted on, across connections. DUP 1 with an id and payload among them: PUBACK, do nothing more. DUP 0 is always a new command (4.3.2-2), whatever its id.",
            commands::duplicate_command
        ),
        test!(
            "eof-waits-for-acks",
            "device-exit",
            "at the end of stdin, the device waits for the PUBACK of every reading (late ones), then sends DISCONNECT and exits 0",
            2,
            10,
            "EOF on stdin ends the input, not the work: go on until every reading held is acknowledged, then send DISCONNECT (e0 00), close and exit 0. Leaving earlier loses what is in flight; closing without DISCONNECT publishes the will.",
            publishing::eof_waits_for_acks
        ),
        test!(
            "usage",
            "device-connect",
            "a wrong argument count, a host that is no IPv4 address, a port, client id, keep alive, queue bound or backoff out of range: exit status 2, a usage line, no connection",
            1,
            20,
            "Check all seven arguments before connecting: inet_pton for the host (no resolver), 1..65535 for the port and keep alive, 1 to 23 letters and digits for the client id, a bound of 1 or more, 1 <= min <= max. Anything else: a usage line on stderr and exit(2).",
            publishing::usage
        ),
        test!(
            "resend-after-drop",
            "device-resend",
            "the broker closes the connection after a PUBLISH and before its PUBACK: on the next connection that reading comes again with DUP 1 and the same packet id, and every reading arrives",
            3,
            10,
            "A reading stays yours until its PUBACK: keep it with its packet id. On the next connection send it again with DUP set and the same packet id (4.4, 3.3.1-1), the way a broker tells it from a new message.",
            resending::resend_after_drop
        ),
        test!(
            "resend-before-new",
            "device-resend",
            "after a reset, the readings not acknowledged come again before the birth and before any new reading",
            2,
            10,
            "On reconnection, before any PUBLISH with a new packet id (the birth, new readings), resend every unacknowledged reading in the order first sent (4.4).",
            resending::resend_before_new
        ),
        test!(
            "acked-not-resent",
            "device-resend",
            "a reading whose PUBACK came, even in the same segment as the broker's FIN, is never sent again",
            2,
            10,
            "Process every packet read before handling EOF: a PUBACK that came with the close still acknowledges its reading. Forget a reading on its PUBACK (4.3.2-1); resend only the others.",
            resending::acked_not_resent
        ),
        test!(
            "offline-queue",
            "device-queue",
            "readings fed while the broker is down wait in the queue and are published in order, each once, when it is back",
            2,
            10,
            "Read stdin whether connected or not: a reading that comes while offline goes to the queue, and the queue is sent in order once the connection is up.",
            resending::offline_queue
        ),
        test!(
            "queue-bound",
            "device-queue",
            "8 readings fed offline with a queue bound of 3: the 5 oldest dropped, `dropped 1` to `dropped 5` on stderr, the 3 newest published",
            2,
            10,
            "Hold at most <queue-bound> readings not yet acknowledged. A new one into a full queue drops the oldest (never sent again) and writes `dropped <n>` on stderr, n counting every drop since start.",
            resending::queue_bound
        ),
        test!(
            "session-lost",
            "device-session-lost",
            "the broker comes back with session present 0: the device subscribes again and still delivers the reading it had in flight, before the new ones",
            2,
            10,
            "Session present 0 means the broker lost your subscription, not that your readings are delivered: subscribe again, and send every unacknowledged reading again before new ones.",
            resending::session_lost
        ),
        test!(
            "pings-when-idle",
            "device-keep-alive",
            "idle with a keep alive of 1 s, the device sends PINGREQ: never 1.5 s without a packet",
            2,
            10,
            "Note when you last sent anything; when keep-alive seconds pass without a packet, send PINGREQ (3.1.2-23). Wait with a timeout: poll's or epoll_wait's, or a timer, never a read without one.",
            timers::pings_when_idle
        ),
        test!(
            "dead-link",
            "device-dead-link",
            "the broker keeps the TCP connection open but stops answering PINGREQ (a half-open link): the device closes it within one and a half keep alives of its PINGREQ and connects again",
            2,
            10,
            "TCP alone does not notice a silent peer for minutes. After a PINGREQ, give the PINGRESP keep-alive seconds; if it does not come, close the connection as failed and reconnect with backoff.",
            timers::dead_link
        ),
        test!(
            "connack-refused",
            "device-backoff",
            "CONNACK return codes 1 to 5 refuse five connections and a sixth CONNECT is never answered: nothing is published on them, the device connects again each time (the sixth after its keep alive), and the seventh is served",
            2,
            10,
            "Read the CONNACK's return code (3.2.2.3): anything but 0 is a failure like a refused connect; so is a CONNACK that has not come keep-alive seconds after the CONNECT. Close, wait the backoff, and try again. Never publish on a refused connection, never exit.",
            timers::connack_refused
        ),
        test!(
            "backoff",
            "device-backoff",
            "between refused attempts the device waits d/2 to d, d doubling from backoff-min up to backoff-max, and starts from backoff-min again after a CONNACK 0",
            2,
            10,
            "After the n-th failure in a row wait uniformly in [d/2, d], d = min(max, min × 2^(n-1)) ms; a CONNACK 0 sets n back to 0. Measure the wait from the failure.",
            timers::backoff
        ),
        test!(
            "jitter",
            "device-backoff",
            "two devices refused the same way never wait the same times: their waits differ, and each one's waits vary",
            1,
            10,
            "Draw each wait afresh, uniformly in [d/2, d], from a generator seeded differently in each process (the clock's nanoseconds and the pid, or getrandom): devices that wait alike reconnect together, a herd.",
            jitter::jitter
        ),
        test!(
            "broker-down-then-up",
            "device-backoff",
            "the broker is down (connect refused) while readings come: the device keeps trying without spinning, reconnects within backoff-max once it is back, and delivers them",
            2,
            10,
            "A refused connect() is a failure like any other: wait the backoff and try again, never exit and never retry at once in a loop. The readings meanwhile go to the queue.",
            resending::broker_down_then_up
        ),
        test!(
            "sigterm",
            "device-exit",
            "SIGTERM while connected: DISCONNECT, close, exit 0 within 1 s; SIGTERM while the broker refuses: exit 0 within 1 s",
            1,
            10,
            "Catch SIGTERM so that the loop wakes at once (a self-pipe, signalfd, or a flag with a poll that wakes): if connected send DISCONNECT (e0 00) so that no will goes out, close, exit 0.",
            timers::sigterm
        ),
        test!(
            "sigint",
            "device-exit",
            "SIGINT (Ctrl-C): the same clean exit",
            1,
            10,
            "Handle SIGINT as SIGTERM.",
            timers::sigint
        ),
    ],
    parts: PARTS,
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// Day 8 in three sittings, each a milestone of the course.
const PARTS: &[Part] = &[
    Part {
        title: "connected and publishing",
        section: "day8",
        tests: &[
            "connect-packet",
            "birth",
            "subscribes",
            "readings-in-order",
            "commands",
            "duplicate-command",
            "eof-waits-for-acks",
            "usage",
        ],
    },
    Part {
        title: "surviving a drop without losing or doubling a reading",
        section: "day8-drop",
        tests: &[
            "resend-after-drop",
            "resend-before-new",
            "acked-not-resent",
            "offline-queue",
            "queue-bound",
            "session-lost",
        ],
    },
    Part {
        title: "keep alive, dead links, backoff with jitter, the signals",
        section: "day8-alive",
        tests: &[
            "pings-when-idle",
            "dead-link",
            "connack-refused",
            "backoff",
            "jitter",
            "broker-down-then-up",
            "sigterm",
            "sigint",
        ],
    },
];

/// The exercise on the C track: the device, linked with the given codec; and its rules as
/// what it may import: no resolver (the host is an address, read with inet_pton).
static C_TRACK: CTrack = CTrack {
    student_files: &["sensor-device.c"],
    // The given codec, mqtt-codec.c, built into libmqtt-codec.a and linked into the device, as
    // day 7's broker links it (no harness calls it: the exercise is a program).
    library: Some("mqtt-codec"),
    shim: &[],
    imports: &[c_imports::NO_RESOLVER],
};
