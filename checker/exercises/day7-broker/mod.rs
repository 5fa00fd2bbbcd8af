//! Hidden tests of day7-broker, an MQTT 3.1.1 broker for devices: the checker plays the
//! devices, speaking MQTT itself byte for byte (`observe::wire::mqtt`), so it can also send
//! what no client library would. Every test passes on Debian's mosquitto 2.0 run in the lab's
//! subset (`checker/tests/mosquitto.rs`): the tests ask for MQTT, not for the reference's ways.
//!
//! The codec comes first, graded alone through the harness before any server runs
//! (`codec.rs`): its functions are called as the broker calls them, on both tracks.
//!
//! No test names a design: a reader and a writer thread per device, one poll or epoll loop with
//! a buffer per connection, or tokio tasks all pass. Where the standard lets a broker choose
//! (a SUBACK before or after the retained messages it sends, one copy or several for
//! overlapping subscriptions), every choice passes. Silence is never judged by waiting: a
//! message that must not arrive is followed by one that must, and the first to come tells.

mod codec;
mod connect;
mod hostile;
mod load;
mod publish;
mod resume;
mod sessions;
mod shutdown;
mod topics;

use std::sync::Arc;
use std::time::Instant;

use crate::base::i18n::msg;
use crate::base::verdict::Failure;
use crate::context::Ctx;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::server;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::mqtt::{Device, Will};
use crate::observe::wire::{Server, Transcript};
use crate::table::part::Part;
use crate::table::track::CTrack;
use crate::table::track::c_shim;

const SERVER: &str = "mqtt-broker";

/// A test whose failures say how to watch the broker by hand: it on port 7000, and Debian's
/// `mosquitto_sub` printing every packet it sends and gets (the course's clients).
macro_rules! watched {
    ($test:path) => {{
        fn run(ctx: &mut Ctx) -> crate::base::verdict::TestResult {
            $test(ctx).map_err(|f| by_hand(ctx, f))
        }
        run
    }};
}

/// `f`, with the by-hand commands unless it has its own.
fn by_hand(ctx: &Ctx, f: Failure) -> Failure {
    if f.reproduce.is_some() {
        return f;
    }
    let server = format!("{} 7000", ctx.by_hand(SERVER));
    let client = "mosquitto_sub -h 127.0.0.1 -p 7000 -t '#' -v -d";
    f.reproduce(msg!("server-by-hand", server = server, client = client))
}

pub static EXERCISE: Exercise = Exercise {
    name: "day7-broker",
    day: 7,
    title: "an MQTT 3.1.1 broker for devices",
    section: "day7-broker",
    kind: ExerciseKind::Library {
        calls: CALLS,
        harness_deps: "",
        binaries: &[SERVER],
    },
    student_files: &["src/lib.rs", "src/bin/mqtt-broker.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "remaining-length-decode",
            title: "the codec alone: a remaining length decoded on 2.2.3's table, cut anywhere, followed by more bytes, and a 4th byte that says \"more\" refused",
            points: 2,
            timeout: secs(20),
            hint: "Byte i adds (byte & 0x7f) << (7 × i), least significant first; a byte whose top bit is clear ends the length. The bytes end before that: Ok(None), read more. A 4th byte with its top bit set: Err, at once (2.2.3).",
            hint_c: Some(
                "Byte i adds (buf[i] & 0x7f) << (7 * i) to a size_t, least significant first; a byte whose top bit is clear ends the length: set *value, return i + 1. The len bytes end before that: return 0, read more. A 4th byte with its top bit set: return -1 at once (2.2.3).",
            ),
            section: "mqtt-packets",
            program: None,
            run: codec::remaining_length_decode,
        },
        TestCase {
            id: "remaining-length-encode",
            title: "the codec alone: a remaining length encoded on 2.2.3's table and random lengths, appended to the buffer; on the Rust track, PUBLISHes encoded whole, their topic's length big-endian",
            points: 1,
            timeout: secs(20),
            hint: "Repeat: a byte of len % 128, len /= 128, its top bit set if some of len is left; push it; until len is 0. Zero is one byte, 0x00; 127 is [0x7f], 128 [0x80, 0x01].",
            hint_c: Some(
                "Repeat (do … while, so that 0 writes one byte): a byte of len % 128, len /= 128, its top bit set if some of len is left, written at out[n++]; return n. 127 is {0x7f}, 128 {0x80, 0x01}.",
            ),
            section: "mqtt-packets",
            program: None,
            run: codec::remaining_length_encode,
        },
        TestCase {
            id: "fixed-header",
            title: "the codec alone: the flags of every packet type, accepted or refused as 2.2.2 says, and decode refusing a packet with the wrong ones",
            points: 1,
            timeout: secs(20),
            hint: "Flags 0000 for every type but PUBLISH, SUBSCRIBE and UNSUBSCRIBE (2.2.2-2); 0010 for SUBSCRIBE and UNSUBSCRIBE; PUBLISH's are DUP, QoS, RETAIN, with QoS 3 and DUP at QoS 0 refused (3.3.1-4, 3.3.1-2); types 0, 15 and QoS 2's 5 to 7 refused. decode calls check_flags on every packet.",
            hint_c: Some(
                "mqtt_bad_flags returns NULL for flags 0000 on every type but PUBLISH, SUBSCRIBE and UNSUBSCRIBE, 0010 on those two, PUBLISH's DUP, QoS and RETAIN but QoS 3 and DUP at QoS 0; a reason for anything else, types 0, 15 and 5 to 7 included. mqtt_next_packet calls it on every packet's first byte.",
            ),
            section: "mqtt-packets",
            program: None,
            run: codec::fixed_header,
        },
        TestCase {
            id: "connect-fields",
            title: "the codec alone: a CONNECT's fields decoded (flags, keep alive, client id, will, user name, password), another level told apart, every malformed one refused",
            points: 2,
            timeout: secs(20),
            hint: "The name MQTT, the level (another: UnsupportedLevel, at once), the connect flags bit by bit, the keep alive big-endian, then the client id, the will topic and message, the user name and the password in that order, each only if its flag says so (3.1.2, 3.1.3); then nothing left over.",
            hint_c: Some(
                "mqtt_decode_connect reads the name MQTT, the level (another: set k->level, return 1 at once), the connect flags bit by bit, the keep alive big-endian, then the client id, the will topic and message, the user name and the password in that order, each only if its flag says so; -1 for anything malformed, bytes left over included.",
            ),
            section: "mqtt-connect",
            program: None,
            run: codec::connect_fields,
        },
        TestCase {
            id: "decode-byte-at-a-time",
            title: "the codec alone: packets fed a byte at a time are not yet packets until their last byte, and a packet followed by others takes only its own bytes; on the Rust track, a PUBLISH with an empty payload decoded",
            points: 2,
            timeout: secs(20),
            hint: "decode answers Ok(None) for a buffer that ends anywhere inside a packet, its remaining length included, and Ok(Some((packet, n))) once it is whole, n its own bytes only: what follows is the next packet's.",
            hint_c: Some(
                "mqtt_next_packet returns 0 for a buffer that ends anywhere inside a packet, its remaining length included, and 1 once it is whole, p->total its own bytes only: what follows is the next packet's.",
            ),
            section: "mqtt-packets",
            program: None,
            run: codec::decode_byte_at_a_time,
        },
        TestCase {
            id: "connect",
            title: "CONNECT gets CONNACK `20 02 00 00`, PINGREQ gets PINGRESP `d0 00`",
            points: 2,
            timeout: secs(10),
            hint: "Read into a buffer until a whole packet is there: the first byte is the type, then 1 to 4 bytes of remaining length (2.2.3). Answer CONNECT with CONNACK: session present 0 for a clean session, return code 0.",
            hint_c: None,
            section: "mqtt-connect",
            program: Some(SERVER),
            run: watched!(connect::accepted),
        },
        TestCase {
            id: "connect-refused",
            title: "another protocol level gets return code 1, an empty client id without a clean session code 2, each then closed; an empty id with a clean session is accepted",
            points: 2,
            timeout: secs(10),
            hint: "Check the protocol level (4) before anything else: CONNACK with return code 1, then close (3.1.2-2). An empty client id needs clean session 1 (3.1.3-8): otherwise return code 2, then close.",
            hint_c: None,
            section: "mqtt-connect",
            program: Some(SERVER),
            run: watched!(connect::refused),
        },
        TestCase {
            id: "connect-first",
            title: "a packet before CONNECT, a second CONNECT, a reserved bit of CONNECT set: each closes the connection, no CONNACK",
            points: 2,
            timeout: secs(10),
            hint: "A connection's first packet must be CONNECT and it comes once (3.1.0-1, 3.1.0-2); bit 0 of the connect flags is reserved, 0 (3.1.2-3), and so are the fixed header's four flag bits (2.2.2-2). Any of these: close without a word.",
            hint_c: None,
            section: "mqtt-connect",
            program: Some(SERVER),
            run: watched!(connect::connect_first),
        },
        TestCase {
            id: "takeover",
            title: "a second CONNECT with the same client id closes the first connection and publishes its will",
            points: 2,
            timeout: secs(10),
            hint: "Keep a table of client ids connected now: a new CONNECT with an id in it closes the older connection (3.1.4-2), which did not send DISCONNECT, so its will goes out.",
            hint_c: None,
            // Part 3's test: the will section, which takes the takeover up again and links back
            // to CONNECT's rule (3.1.4-2), not part 1's section.
            section: "mqtt-will",
            program: Some(SERVER),
            run: watched!(connect::takeover),
        },
        TestCase {
            id: "publish",
            title: "a QoS 0 PUBLISH reaches the subscriber of its topic byte for byte, and no one else",
            points: 2,
            timeout: secs(10),
            hint: "Deliver to every subscription whose filter matches the topic: the same topic, the same payload, QoS the lower of the two, retain 0. Not to the publisher unless it subscribed.",
            hint_c: None,
            section: "mqtt-publish",
            program: Some(SERVER),
            run: watched!(publish::qos0),
        },
        TestCase {
            id: "qos1",
            title: "QoS 1: PUBACK with the publisher's packet id, each delivery at the lower QoS, 100 messages in the order sent",
            points: 3,
            timeout: secs(10),
            hint: "Answer a QoS 1 PUBLISH with PUBACK for its packet id (3.3.4), in the order received; deliver at min(published, granted) QoS, with a packet id of your own at QoS 1; keep the publisher's order (4.6).",
            hint_c: None,
            section: "mqtt-publish",
            program: Some(SERVER),
            run: watched!(publish::qos1),
        },
        TestCase {
            id: "qos2",
            title: "SUBSCRIBE asking QoS 2 is granted 1; a PUBLISH at QoS 2 closes the connection",
            points: 1,
            timeout: secs(10),
            hint: "The lab's broker has no QoS 2 flow: grant at most 1 in SUBACK (3.9.3 allows a lower grant), and close a connection that publishes at QoS 2.",
            hint_c: None,
            section: "mqtt-publish",
            program: Some(SERVER),
            run: watched!(publish::qos2),
        },
        TestCase {
            id: "wildcards",
            title: "`+` matches one level (an empty one too), `#` the rest and its parent, first, in the middle or last, down to the ninth level, `/+` and `/#` included; `$` topics escape filters that start with a wildcard; overlapping subscriptions deliver at the highest QoS",
            points: 2,
            timeout: secs(10),
            hint: "Split filter and topic on `/` and walk both: `+` takes one level, `#` (last) takes the rest, and `sensors/#` matches `sensors` too (4.7.1-2). A topic starting with `$` never matches a filter starting with `+` or `#` (4.7.2-1).",
            hint_c: None,
            section: "mqtt-topics",
            program: Some(SERVER),
            run: watched!(topics::wildcards),
        },
        TestCase {
            id: "bad-filters",
            title: "`a/#/b`, `a+` or `#a` in a SUBSCRIBE, a wildcard in a PUBLISH topic: the connection is closed",
            points: 1,
            timeout: secs(10),
            hint: "`#` only last and alone in its level, `+` alone in its level (4.7.1-2, 4.7.1-3); a topic name never holds either (3.3.2-2). A protocol violation closes the connection (4.8).",
            hint_c: None,
            section: "mqtt-topics",
            program: Some(SERVER),
            run: watched!(topics::bad_filters),
        },
        TestCase {
            id: "unsubscribe",
            title: "UNSUBSCRIBE gets UNSUBACK with its packet id, and the messages stop",
            points: 1,
            timeout: secs(10),
            hint: "Remove the filter from the client's subscriptions and answer UNSUBACK with the same packet id, even for a filter it never had (3.10.4).",
            hint_c: None,
            section: "mqtt-topics",
            program: Some(SERVER),
            run: watched!(topics::unsubscribe),
        },
        TestCase {
            id: "retained",
            title: "the retained message goes to a new subscriber with the retain flag, live deliveries without; an empty one clears it",
            points: 2,
            timeout: secs(10),
            hint: "Keep the last retained message of each topic; on SUBSCRIBE send the matching ones with retain 1 (3.3.1-6); deliveries to existing subscriptions have retain 0 (3.3.1-9); a retained PUBLISH with an empty payload removes it (3.3.1-10, 3.3.1-11).",
            hint_c: None,
            section: "mqtt-retained",
            program: Some(SERVER),
            run: watched!(sessions::retained),
        },
        TestCase {
            id: "keep-alive",
            title: "a PINGREQ 2.5 s after the CONNECT keeps a 2 s keep-alive open, and the broker does not spin while it waits; a device silent with a 1 s keep-alive is closed after 1.5 s, not before 1 s, and its will goes out; two devices with a keep-alive of 0, one connected before the silent device and one after it, are never closed",
            points: 2,
            timeout: secs(20),
            hint: "Note when each connection last sent a packet; close one that sent none for one and a half times its keep-alive (3.1.2-24), as a network failure: its will goes out. Not at the keep-alive itself: a device may ping just after it. And on a timer of the broker's own (a poll loop waits no longer than the nearest deadline, and no shorter: a timeout of 0 spins): a silent device sends nothing that would wake the broker. A keep-alive of 0 turns it off (3.1.2.10): no deadline at all, and none in the choice of the loop's timeout either (the nearest deadline of the connections that have one: a 0 taken for a deadline leaves the loop without its timer).",
            hint_c: None,
            section: "mqtt-keep-alive",
            program: Some(SERVER),
            run: watched!(sessions::keep_alive),
        },
        TestCase {
            id: "will",
            title: "the will goes out when a device resets or closes without DISCONNECT, never after DISCONNECT, even when the device connects again at once with the same client id; at its QoS and retained if it says so",
            points: 2,
            timeout: secs(10),
            hint: "Keep the will from CONNECT, its QoS and retain flag too; when the connection ends, publish it unless DISCONNECT came first (3.1.2-8, 3.1.2-10), exactly as if the device had published it: at the will's QoS, and retained if its retain flag is set (3.1.2-17). A read of 0 or an error is not a DISCONNECT. A takeover publishes the older connection's will only if that connection sent no DISCONNECT before the newer CONNECT: a thread per connection must read what the older one's socket holds before it decides (3.14.4-3).",
            hint_c: None,
            section: "mqtt-will",
            program: Some(SERVER),
            run: watched!(sessions::will),
        },
        TestCase {
            id: "sessions",
            title: "clean session 0: the subscription survives, QoS 1 messages sent meanwhile come on reconnect (session present 1), every unacknowledged one again with DUP; clean session 1 discards it",
            points: 3,
            timeout: secs(10),
            hint: "A session outlives its connection when clean session is 0 (3.1.2.4): keep its subscriptions, queue its QoS 1 messages while it is away, keep every message it has not acknowledged and send them all again first, in order, with DUP and their packet ids (4.4).",
            hint_c: None,
            section: "mqtt-sessions",
            program: Some(SERVER),
            run: watched!(sessions::persistent),
        },
        TestCase {
            id: "byte-at-a-time",
            title: "packets that arrive a byte at a time, and several in one segment, are read as packets, remaining lengths of 2 and 3 bytes included; a PUBLISH whose remaining length is exactly 128 is forwarded intact",
            points: 2,
            timeout: secs(10),
            hint: "TCP is a byte stream: keep what you read in a buffer, decode a packet only once it is whole, and keep the bytes after it for the next one. One read can hold a piece of a packet, or three packets. The remaining length takes 1 to 4 bytes, 7 bits each, the lowest first (2.2.3): 150 is `96 01`.",
            hint_c: None,
            section: "mqtt-packets",
            program: Some(SERVER),
            run: watched!(hostile::byte_at_a_time),
        },
        TestCase {
            id: "hostile-input",
            title: "a 5-byte remaining length, a packet over 256 KiB, a bad topic, a reserved type, reserved flag bits, garbage, a packet cut short, one cut one byte short then EOF: each closes only that connection, its will goes out, the others are served",
            points: 3,
            timeout: secs(10),
            hint: "Every decoding error is that connection's: close it, publish its will, and go on with the others (4.8). Refuse a packet over 256 KiB from its fixed header, before buffering it. Check every type's flag bits against 2.2.2's table (SUBSCRIBE and UNSUBSCRIBE 0010, PUBLISH QoS 0 to 2, the others 0000) and the reserved bits of SUBSCRIBE's QoS bytes (3.8.3-4).",
            hint_c: None,
            section: "mqtt-hostile",
            program: Some(SERVER),
            run: watched!(hostile::hostile_input),
        },
        TestCase {
            id: "thousand-devices",
            title: "1,000 devices connected and subscribed at once: one PUBLISH reaches them all",
            points: 2,
            timeout: secs(20),
            hint: "A thousand connections at once: with a thread or two per device, give them small stacks (std::thread::Builder::stack_size); a poll or epoll loop holds them all in one thread. Raise the soft RLIMIT_NOFILE at start, and listen with a backlog that takes a burst.",
            hint_c: Some(
                "A thousand connections at once: a poll or epoll loop holds them all in one thread (no fixed array of connections or pollfds: grow them with realloc); with a thread or two per device, give them small stacks (pthread_attr_setstacksize). Raise the soft RLIMIT_NOFILE to the hard one at start (getrlimit, setrlimit), and listen with a backlog that takes a burst (listen(fd, 1024)).",
            ),
            section: "mqtt-thousand",
            program: Some(SERVER),
            run: watched!(load::thousand_devices),
        },
        TestCase {
            id: "stalled-subscriber",
            title: "three subscribers stop reading: a fourth gets every message at once, the broker's memory stays bounded, a client that never reads its replies too; when they read again, the ones at QoS 0 get whole packets in order, the one at QoS 1 all 410 messages of its share, and QoS 1 messages kept while an outbox was full, none lost",
            points: 3,
            timeout: secs(20),
            hint: "Never write to one device in the code that serves another: give each connection a bounded outbox (drop QoS 0 when it is full, keep QoS 1 in the session up to its bound), drained by that connection's own writer: its thread, its POLLOUT, its task.",
            hint_c: None,
            section: "mqtt-load",
            program: Some(SERVER),
            run: watched!(load::stalled_subscriber),
        },
        TestCase {
            id: "sigterm-exit",
            title: "SIGTERM: every connection closed, nothing accepted, exit 0 within 2 s",
            points: 1,
            timeout: secs(10),
            hint: "Catch SIGTERM and SIGINT so that the loop wakes (a self-pipe, ppoll, or sigwait in a thread of its own: a flag alone is seen only at the next event); then close every connection and the listening socket, and return 0 from main.",
            hint_c: None,
            section: "mqtt-thousand",
            program: Some(SERVER),
            run: watched!(shutdown::sigterm),
        },
        TestCase {
            id: "sigint-exit",
            title: "SIGINT (Ctrl-C): the same clean exit",
            points: 1,
            timeout: secs(10),
            hint: "Install the same handler for SIGINT as for SIGTERM.",
            hint_c: None,
            section: "mqtt-thousand",
            program: Some(SERVER),
            run: watched!(shutdown::sigint),
        },
    ],
    parts: PARTS,
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// Day 7 in three sittings, in build order, each with the tests it unlocks: the packets (the
/// codec, graded alone before any server runs, then CONNECT and hostile input), routing, and
/// the state that outlives a packet and the load.
const PARTS: &[Part] = &[
    Part {
        title: "packets, CONNECT and hostile input",
        section: "mqtt",
        tests: &[
            "remaining-length-decode",
            "remaining-length-encode",
            "fixed-header",
            "connect-fields",
            "decode-byte-at-a-time",
            "connect",
            "connect-refused",
            "connect-first",
            "byte-at-a-time",
            "hostile-input",
        ],
    },
    Part {
        title: "routing: PUBLISH, QoS 1, topics, retained messages",
        section: "mqtt-routing",
        tests: &[
            "publish",
            "qos1",
            "qos2",
            "wildcards",
            "bad-filters",
            "unsubscribe",
            "retained",
        ],
    },
    Part {
        title: "state and load: keep alive, wills, sessions, 1,000 devices",
        section: "mqtt-state",
        tests: &[
            "keep-alive",
            "will",
            "takeover",
            "sessions",
            "thousand-devices",
            "stalled-subscriber",
            "sigterm-exit",
            "sigint-exit",
        ],
    },
];

/// The exercise on the C track: its two files, `mqtt-codec.c` built into the archive its
/// harness links through a shim with the Rust codec's API (its folder's c-shim/), and linked
/// into the broker with `mqtt-broker.c`; and its rules as what they may import. Any design is
/// allowed, as in Rust (threads, poll, epoll). Rust's rules ban std's sockets, which C has no
/// counterpart of (its sockets are the kernel's calls already), and std's resolver: here
/// getaddrinfo and gethostbyname. (No MQTT library can be linked: lab.mk links none.)
static C_TRACK: CTrack = CTrack {
    student_files: &["mqtt-codec.c", "mqtt-broker.c"],
    library: Some("mqtt-codec"),
    shim: c_shim!("day7-broker"),
    imports: &[c_imports::NO_RESOLVER],
};

/// The exercise's half of the harness (see compile/harness.rs): the codec's functions, called
/// alone (codec.rs).
const CALLS: &str = include_str!("harness-calls.rs");

/// The broker, started on a port of the kernel's choosing, and the transcript of the test.
fn broker(ctx: &Ctx) -> Result<(Server, Arc<Transcript>), Failure> {
    let t = ctx.transcript();
    let s = server::start(ctx, SERVER, 0, &[])?;
    Ok((s, t))
}

/// How long a broker may take to close a connection it must close at once (a protocol violation,
/// a refused CONNECT, a DISCONNECT): on loopback it is at once; the rest is room for a busy
/// machine, where a failure is judged again.
const CLOSE_WITHIN: std::time::Duration = secs(2);

/// Five seconds from now: room for any step on a loaded machine.
fn soon(ctx: &Ctx) -> Instant {
    ctx.within(secs(5))
}

/// The keep-alive a device connects with, as devices do (mosquitto_sub's default): longer than
/// any test, so never reached. Not 0, which turns the keep-alive off: a broker may refuse a
/// CONNECT it will not serve (3.1.4), and some refuse that one (rumqttd does). Only the
/// `keep-alive` test sets another, its subject.
const KEEP_ALIVE: u16 = 60;

/// A client id every broker must accept (3.1.3-5): 1 to 23 bytes of `0-9a-zA-Z`. A broker may
/// refuse others (return code 2), so the tests use no others; the empty id of
/// `connect-refused` is its own subject.
fn acceptable_client_id(id: &str) -> bool {
    (1..=23).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A device connected with its CONNECT accepted (clean session, the keep-alive of devices).
fn online(ctx: &Ctx, t: &Arc<Transcript>, s: &Server, id: &str) -> Result<Device, Failure> {
    debug_assert!(acceptable_client_id(id), "client id {id:?} (3.1.3-5)");
    let mut d = Device::connect(t, &format!("device {id}"), s.port, soon(ctx))?;
    d.handshake(id, true, KEEP_ALIVE, None, soon(ctx))?;
    Ok(d)
}

/// A device connected with a will on `wills/<id>` whose payload says `why`.
fn with_will(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    s: &Server,
    id: &str,
    why: &str,
) -> Result<Device, Failure> {
    debug_assert!(acceptable_client_id(id), "client id {id:?} (3.1.3-5)");
    let mut d = Device::connect(t, &format!("device {id}"), s.port, soon(ctx))?;
    d.handshake(id, true, KEEP_ALIVE, Some(will_of(id, why)), soon(ctx))?;
    Ok(d)
}

fn will_of(id: &str, why: &str) -> Will {
    Will {
        topic: format!("wills/{id}"),
        payload: why.as_bytes().to_vec(),
        qos: 0,
        retain: false,
    }
}

/// The next PUBLISH `watcher` gets must be the will of device `id`, with `why` its payload
/// (acknowledged if it comes at QoS 1): the packet, for its QoS and retain flag. A wait that
/// times out names the will, not a bare PUBLISH; another will in its place names whose it is.
fn expect_will(
    watcher: &mut Device,
    id: &str,
    why: &str,
    clause: impl Into<crate::base::i18n::Text>,
    deadline: Instant,
) -> Result<crate::observe::wire::mqtt::Packet, Failure> {
    use crate::observe::wire::mqtt::Packet;
    let clause = clause.into();
    let topic = format!("wills/{id}");
    let awaited = msg!(
        "mqtt-awaiting-will",
        device = id,
        topic = topic.as_str(),
        payload = why
    );
    let got = watcher.recv(awaited.clone(), clause.clone(), deadline)?;
    let Packet::Publish {
        topic: came,
        payload,
        packet_id,
        ..
    } = &got
    else {
        return Err(watcher.unexpected(&got, awaited, clause));
    };
    if let Some(packet_id) = packet_id {
        let ack = Packet::Puback {
            packet_id: *packet_id,
        };
        watcher.send(&ack, deadline)?;
    }
    if *came == topic && payload == why.as_bytes() {
        return Ok(got);
    }
    let expected = match came.strip_prefix("wills/") {
        Some(other) if other != id => msg!("mqtt-another-will", awaited = awaited, other = other),
        _ => awaited,
    };
    Err(watcher.unexpected(&got, expected, clause))
}
