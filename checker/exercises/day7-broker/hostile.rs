//! Packets out of a byte stream (2.2), and what devices that misbehave send (4.8): each breaks
//! only its own connection, whose will goes out; the broker serves the others.

use std::sync::Arc;
use std::time::Duration;

use super::{CLOSE_WITHIN, KEEP_ALIVE, broker, expect_will, online, soon, with_will};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::observe::wire::mqtt::packet::remaining_length;
use crate::observe::wire::mqtt::{Device, Packet};
use crate::observe::wire::{Server, Transcript};

/// The slow device's two PUBLISHes, whose remaining lengths take 2 bytes, and the fast device's
/// big one, whose length takes 3 (2.2.3): a decoder or an encoder right only below 128 fails
/// here, its failure naming the length's bytes (a load test's would blame the outbox). The
/// second follows the first at once, so a decoder that reads the first's length too long takes
/// bytes of the second into it: a wrong message, not a silence.
const SLOW_PAYLOAD: usize = 150;
const MORE_PAYLOAD: usize = 6000;
const BIG_PAYLOAD: usize = 20_000;

pub fn byte_at_a_time(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut watcher = online(ctx, &t, &s, "watcher")?;
    // Each topic by name: a test of the codec does not lean on wildcards.
    let topics = ["slow/bytes", "slow/more", "fast/1", "fast/2", EDGE_TOPIC];
    let asked: Vec<(&str, u8)> = topics.iter().map(|t| (*t, 0)).collect();
    watcher.subscribe(&asked, soon(ctx))?;
    slow_device(ctx, (&t, &s), &mut watcher)?;
    fast_device(ctx, (&t, &s), &mut watcher)?;
    // A remaining length of 128 exactly, the first that takes 2 bytes (`80 01`): an encoder
    // whose loop tests `> 128` where it means `>= 128` writes the one byte `80`, "another
    // follows", and the PUBLISH it forwards swallows the next packet's first byte.
    let mut edge = online(ctx, &t, &s, "edge")?;
    let payload = vec![b'e'; 128 - 2 - EDGE_TOPIC.len()];
    let publish = Packet::publish(EDGE_TOPIC, &payload, 0, false, 0);
    debug_assert_eq!(publish.encode()[1..3], [0x80, 0x01]);
    edge.send(&publish, soon(ctx))?;
    edge.send(&Packet::Pingreq, soon(ctx))?;
    let long = length_clause(&publish);
    edge.expect(&Packet::Pingresp, long.clone(), soon(ctx))?;
    watcher.expect(&publish, long, soon(ctx))?;
    // A packet after it: what a wrong length took from the stream shows here.
    watcher.send(&Packet::Pingreq, soon(ctx))?;
    watcher.expect(&Packet::Pingresp, length_clause(&publish), soon(ctx))
}

/// The topic of the PUBLISH whose remaining length is 128 exactly.
const EDGE_TOPIC: &str = "edge/128";

/// `connect` a byte at a time, then `publish` a byte at a time up to its body (a read may end
/// inside its 2-byte length) and its body in one write, then `more` in one write: each piece,
/// and what the transcript says of it.
fn in_pieces(connect: &Packet, publish: &Packet, more: &Packet) -> Vec<(Vec<u8>, Text)> {
    let byte_of = |p: &Packet| msg!("mqtt-piece-byte", packet = p.to_string());
    let mut pieces: Vec<(Vec<u8>, Text)> = connect
        .encode()
        .into_iter()
        .map(|b| (vec![b], byte_of(connect)))
        .collect();
    let bytes = publish.encode();
    pieces.extend(bytes[..3].iter().map(|b| (vec![*b], byte_of(publish))));
    let rest = msg!("mqtt-piece-rest", packet = publish.to_string());
    pieces.push((bytes[3..].to_vec(), rest));
    pieces.push((more.encode(), more.to_string().into()));
    pieces
}

/// CONNECT and a QoS 1 PUBLISH, one byte a write, each write its own segment (TCP_NODELAY);
/// the PUBLISH's body, then a second PUBLISH, in a write each: both acknowledged and delivered.
fn slow_device(
    ctx: &mut Ctx,
    (t, s): (&Arc<Transcript>, &Server),
    watcher: &mut Device,
) -> TestResult {
    let mut slow = Device::connect(t, "device slow", s.port, soon(ctx))?;
    let connect = Packet::Connect {
        clean_session: true,
        keep_alive: KEEP_ALIVE,
        client_id: "slow".into(),
        will: None,
    };
    let slow_payload = vec![b's'; SLOW_PAYLOAD];
    let publish = Packet::publish("slow/bytes", &slow_payload, 1, false, 5);
    let more_payload = vec![b'm'; MORE_PAYLOAD];
    let more = Packet::publish("slow/more", &more_payload, 1, false, 6);
    for (piece, what) in in_pieces(&connect, &publish, &more) {
        slow.send_raw(&piece, what, soon(ctx));
        std::thread::sleep(Duration::from_millis(2));
    }
    let accepted = Packet::Connack {
        session_present: false,
        return_code: 0,
    };
    slow.expect(&accepted, msg!("mqtt-clause-in-pieces"), soon(ctx))?;
    for (packet, id, payload) in [(&publish, 5, &slow_payload), (&more, 6, &more_payload)] {
        let long = length_clause(packet);
        slow.expect(&Packet::Puback { packet_id: id }, long.clone(), soon(ctx))?;
        let Packet::Publish { topic, .. } = packet else {
            unreachable!("a PUBLISH");
        };
        // Byte for byte (QoS 0, the watcher's grant): a payload that took another's bytes shows.
        let delivered = Packet::publish(topic, payload, 0, false, 0);
        watcher.expect(&delivered, long, soon(ctx))?;
    }
    Ok(())
}

/// CONNECT, SUBSCRIBE, two PUBLISHes and a PINGREQ in one write: every answer, once.
fn fast_device(
    ctx: &mut Ctx,
    (t, s): (&Arc<Transcript>, &Server),
    watcher: &mut Device,
) -> TestResult {
    let mut fast = Device::connect(t, "device fast", s.port, soon(ctx))?;
    let big = vec![b'b'; BIG_PAYLOAD];
    let together = [
        Packet::Connect {
            clean_session: true,
            keep_alive: KEEP_ALIVE,
            client_id: "fast".into(),
            will: None,
        },
        Packet::Subscribe {
            packet_id: 2,
            filters: vec![("fast/1".into(), 0), ("fast/2".into(), 0)],
        },
        Packet::publish("fast/1", b"a", 1, false, 3),
        Packet::publish("fast/2", &big, 0, false, 0),
        Packet::Pingreq,
    ];
    fast.send_together(&together, soon(ctx))?;
    // The CONNACK first (3.2.0-1); then the answers to the other four packets, and its own two
    // messages (it subscribed), in any order: a server's replies to different packets are not
    // ordered, a matching PUBLISH may come before the SUBACK (3.8.4), and the two messages were
    // published at different QoS (4.6.0-6 orders one topic at one QoS).
    let accepted = Packet::Connack {
        session_present: false,
        return_code: 0,
    };
    fast.expect(
        &accepted,
        msg!("mqtt-clause-several-in-one-read"),
        soon(ctx),
    )?;
    let several = msg!("mqtt-clause-several-in-one-read")
        .then("; ")
        .then(length_clause(&together[3]));
    let due = vec![
        Packet::Suback {
            packet_id: 2,
            return_codes: vec![0, 0],
        },
        Packet::Puback { packet_id: 3 },
        Packet::Pingresp,
        Packet::publish("fast/1", b"a", 0, false, 0),
        Packet::publish("fast/2", &big, 0, false, 0),
    ];
    in_any_order(&mut fast, due, several.clone(), ctx)?;
    let due = vec![
        Packet::publish("fast/1", b"a", 0, false, 0),
        Packet::publish("fast/2", &big, 0, false, 0),
    ];
    in_any_order(watcher, due, several, ctx)
}

/// Each packet of `due` must come once, in any order, and nothing else.
fn in_any_order(d: &mut Device, mut due: Vec<Packet>, clause: Text, ctx: &Ctx) -> TestResult {
    while !due.is_empty() {
        let waited: Vec<String> = due.iter().map(ToString::to_string).collect();
        let waited = waited.join(", ");
        let got = d.recv(waited.as_str(), clause.clone(), soon(ctx))?;
        match due.iter().position(|p| *p == got) {
            Some(i) => {
                due.remove(i);
            }
            None => return Err(d.unexpected(&got, waited.as_str(), clause)),
        }
    }
    Ok(())
}

/// Where 2.2.3 says how `packet`'s remaining length is written, with its bytes.
fn length_clause(packet: &Packet) -> Text {
    let bytes = packet.encode();
    let count = bytes[1..].iter().take_while(|b| *b & 0x80 != 0).count() + 1;
    let hex: Vec<String> = bytes[1..=count]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    msg!(
        "mqtt-clause-long-length",
        len = bytes.len() - 1 - count,
        count = count,
        hex = hex.join(" ")
    )
}

/// A hostile case: its name (the will's payload too), what it is, the rule it breaks, the bytes.
struct Hostile {
    name: &'static str,
    what: Text,
    clause: Text,
    bytes: Vec<u8>,
}

fn hostile(name: &'static str, what: Text, clause: impl Into<Text>, bytes: Vec<u8>) -> Hostile {
    Hostile {
        name,
        what,
        clause: clause.into(),
        bytes,
    }
}

/// A packet of `kind` whose fixed header's flags (the low 4 bits of its first byte) are not
/// 2.2.2's (2.2.2-2).
fn flags(name: &'static str, kind: &str, clause: &str, bytes: Vec<u8>) -> Hostile {
    let what = msg!(
        "mqtt-what-reserved-bits",
        packet = kind.to_string(),
        bits = format!("{:04b}", bytes[0] & 0x0f)
    );
    hostile(name, what, clause, bytes)
}

/// Bytes no broker may take, each after the device's CONNECT.
fn hostile_cases() -> Vec<Hostile> {
    let mut cases = framing_cases();
    cases.extend(reserved_bits_cases());
    cases.extend(ill_formed_utf8_cases());
    // A topic name is at least one character long (4.7.3-1).
    cases.push(hostile(
        "empty topic",
        Text::msg("mqtt-what-empty-topic", Vec::new()),
        "4.7.3-1",
        vec![0x30, 0x02, 0x00, 0x00],
    ));
    // A PUBACK names the message it acknowledges, and no message has the identifier 0.
    cases.push(hostile(
        "puback id 0",
        Text::msg("mqtt-what-puback-id-0", Vec::new()),
        "2.3.1-1",
        vec![0x40, 0x02, 0x00, 0x00],
    ));
    cases
}

/// Topics whose bytes follow UTF-8's bit patterns but encode no character (1.5.3: well-formed
/// UTF-8, RFC 3629): a UTF-16 surrogate and code points past U+10FFFF. A check that looks only
/// at the lead byte, or compares the wrong byte with its bound, lets them through.
fn ill_formed_utf8_cases() -> Vec<Hostile> {
    let topic = |bytes: &[u8]| {
        let mut packet = vec![0x30, (2 + bytes.len()) as u8, 0x00, bytes.len() as u8];
        packet.extend_from_slice(bytes);
        packet
    };
    let hex = |bytes: &[u8]| {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        hex.join(" ")
    };
    let surrogate = [0xed, 0xa0, 0x80]; // U+D800
    let past = [0xf4, 0x90, 0x80, 0x80]; // U+110000
    let lead = [0xf5, 0x80, 0x80, 0x80]; // U+140000: f5 leads no UTF-8 sequence
    vec![
        hostile(
            "surrogate",
            msg!("mqtt-what-surrogate", bytes = hex(&surrogate)),
            "1.5.3-1",
            topic(&surrogate),
        ),
        hostile(
            "past U+10FFFF",
            msg!("mqtt-what-past-max", bytes = hex(&past)),
            "1.5.3-1",
            topic(&past),
        ),
        hostile(
            "lead byte f5",
            msg!("mqtt-what-past-max", bytes = hex(&lead)),
            "1.5.3-1",
            topic(&lead),
        ),
        hostile(
            "stray 80",
            msg!("mqtt-what-stray-continuation", bytes = "61 80 62"),
            "1.5.3-1",
            topic(b"a\x80b"),
        ),
        hostile(
            "bad last byte",
            msg!("mqtt-what-bad-continuation", bytes = "e2 82 28"),
            "1.5.3-1",
            topic(&[0xe2, 0x82, 0x28]),
        ),
        // The topic ends one byte into a 3-byte sequence whose last byte is the payload's
        // first: a check that looks past the string's end takes it for whole.
        hostile(
            "cut sequence",
            msg!("mqtt-what-cut-sequence", bytes = "61 e2 82"),
            "1.5.3-1",
            vec![0x30, 0x06, 0x00, 0x03, b'a', 0xe2, 0x82, 0xac],
        ),
    ]
}

/// Framing and encoding no packet may have: the length, the strings, the type.
fn framing_cases() -> Vec<Hostile> {
    let mut oversize = vec![0x30];
    remaining_length(300 * 1024, &mut oversize);
    oversize.extend_from_slice(&[0, 1, b't']);
    let plain = |id: &'static str| Text::msg(id, Vec::new());
    vec![
        // With its 5th byte: 2.2.3 says four bytes at most, not when a broker must find a
        // longer length out, and mosquitto reads a 5th byte before it refuses; so a broker that
        // waits for it is not judged here (the codec's `remaining-length-decode` holds the
        // lab's to refusing at the 4th).
        hostile(
            "5-byte length",
            plain("mqtt-what-5-byte-length"),
            "2.2.3",
            vec![0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
        ),
        hostile(
            "oversize",
            plain("mqtt-what-oversize"),
            msg!("mqtt-clause-size-limit"),
            oversize,
        ),
        hostile(
            "not utf-8",
            plain("mqtt-what-not-utf8"),
            "1.5.3",
            vec![0x30, 0x04, 0x00, 0x02, 0xc3, 0x28],
        ),
        hostile(
            "nul",
            plain("mqtt-what-nul"),
            "1.5.3-2",
            vec![0x30, 0x04, 0x00, 0x02, b'a', 0x00],
        ),
        hostile(
            "type 15",
            plain("mqtt-what-type-15"),
            "2.2.1",
            vec![0xf0, 0x00],
        ),
        hostile("garbage", plain("mqtt-what-garbage"), "4.8", vec![0xff; 64]),
    ]
}

/// The reserved bits of the packet types a client sends, each a different bit: a broker that
/// looks at some types' flags, or some bits, is caught. (Not PUBACK's nor PINGREQ's: mosquitto
/// answers those as if their flags were 0000, against 2.2.2-2.)
fn reserved_bits_cases() -> Vec<Hostile> {
    vec![
        hostile(
            "qos 3",
            Text::msg("mqtt-what-qos3", Vec::new()),
            "3.3.1-4",
            vec![0x36, 0x05, 0x00, 0x01, b't', 0x00, 0x01],
        ),
        flags(
            "subscribe flags",
            "SUBSCRIBE",
            "3.8.1-1",
            vec![0x80, 0x06, 0x00, 0x01, 0x00, 0x01, b'x', 0x00],
        ),
        flags(
            "unsubscribe flags",
            "UNSUBSCRIBE",
            "3.10.1-1",
            vec![0xa3, 0x05, 0x00, 0x01, 0x00, 0x01, b'x'],
        ),
        flags(
            "disconnect flags",
            "DISCONNECT",
            "2.2.2-2",
            vec![0xe8, 0x00],
        ),
        hostile(
            "qos byte",
            msg!("mqtt-what-qos-byte", byte = "0x04"),
            "3.8.3-4",
            vec![0x82, 0x06, 0x00, 0x01, 0x00, 0x01, b'x', 0x04],
        ),
    ]
}

/// The topic of the PUBLISH sent one byte short, which the watcher takes too: a broker that
/// takes the packet for whole delivers it.
const SHORT_TOPIC: &str = "cut/short";

/// A PUBLISH whose last byte never comes, then EOF: the broker waits for that byte (a decoder
/// that takes the packet for whole one byte early reads past what it has), then, at the EOF,
/// closes and publishes the will. Not closed is a reader that died on the way (a panic in a
/// thread, the connection left open).
fn one_byte_short(
    ctx: &Ctx,
    (t, s): (&Arc<Transcript>, &Server),
    watcher: &mut Device,
) -> TestResult {
    let mut d = with_will(ctx, t, s, "short", "one byte short")?;
    let publish = Packet::publish(SHORT_TOPIC, b"never whole", 0, false, 0);
    let bytes = publish.encode();
    let what = msg!("mqtt-what-cut-one-short");
    d.send_raw(
        &bytes[..bytes.len() - 1],
        msg!("mqtt-piece-all-but-last", packet = publish.to_string()),
        soon(ctx),
    );
    d.half_close();
    d.expect_closed(what, msg!("mqtt-clause-cut-then-eof"), CLOSE_WITHIN)?;
    // A broker that took the packet for whole has delivered it: it comes in the will's place.
    expect_will(
        watcher,
        "short",
        "one byte short",
        "3.1.2-8, 4.8",
        soon(ctx),
    )?;
    Ok(())
}

/// The lab's limit: a packet of 256 KiB, fixed header included, is taken; one byte more is not.
const LARGEST: usize = 256 * 1024;
const LARGEST_TOPIC: &str = "largest";

pub fn hostile_input(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut watcher = online(ctx, &t, &s, "watcher")?;
    // Each will's topic by name: a test of hostile input does not lean on wildcards.
    let cases = hostile_cases();
    let wills: Vec<String> = (0..cases.len())
        .map(|i| format!("wills/hostile{i}"))
        .chain(["wills/cut", "wills/short", SHORT_TOPIC, LARGEST_TOPIC].map(String::from))
        .collect();
    let asked: Vec<(&str, u8)> = wills.iter().map(|w| (w.as_str(), 0)).collect();
    watcher.subscribe(&asked, soon(ctx))?;
    for (i, case) in cases.into_iter().enumerate() {
        let id = format!("hostile{i}");
        let mut d = with_will(ctx, &t, &s, &id, case.name)?;
        d.send_raw(&case.bytes, case.what.clone(), soon(ctx));
        d.expect_closed(case.what, case.clause, CLOSE_WITHIN)?;
        expect_will(&mut watcher, &id, case.name, "3.1.2-8, 4.8", soon(ctx))?;
    }
    // A packet cut short, then EOF.
    let mut d = with_will(ctx, &t, &s, "cut", "cut short")?;
    d.send_raw(&[0x30, 0x10, 0x00], "PUBLISH 3/18", soon(ctx));
    d.close();
    expect_will(&mut watcher, "cut", "cut short", "3.1.2-8", soon(ctx))?;
    one_byte_short(ctx, (&t, &s), &mut watcher)?;
    // The largest packet taken: a PUBLISH of 256 KiB exactly, fixed header included, is no
    // violation; it is routed like any other.
    let mut big = online(ctx, &t, &s, "largest")?;
    // 1 byte of type, 3 of remaining length, 2 + the topic's, then the payload.
    let payload = vec![b'x'; LARGEST - 1 - 3 - 2 - LARGEST_TOPIC.len()];
    let largest = Packet::publish(LARGEST_TOPIC, &payload, 0, false, 0);
    debug_assert_eq!(largest.encode().len(), LARGEST);
    // A broker that refuses it closes at its fixed header, and the sending fails: what counts is
    // what the device reads next. Its PINGRESP says the broker took the PUBLISH before it.
    let what = format!("{largest}, {LARGEST} bytes");
    big.send_raw(&largest.encode(), what, soon(ctx));
    let _ = big.send(&Packet::Pingreq, soon(ctx));
    big.expect(
        &Packet::Pingresp,
        msg!("mqtt-clause-largest-packet"),
        soon(ctx),
    )?;
    watcher.expect_message(
        LARGEST_TOPIC,
        &payload,
        msg!("mqtt-clause-largest-packet"),
        soon(ctx),
    )?;
    // The broker still serves the others.
    watcher.send(&Packet::Pingreq, soon(ctx))?;
    watcher.expect(
        &Packet::Pingresp,
        msg!("mqtt-clause-only-offender"),
        soon(ctx),
    )
}
