//! The codec graded alone, through the harness, before any server runs: its functions are
//! called as the broker calls them (on the C track those of mqtt-codec.c, through the shim
//! that gives them the Rust API, this exercise's `c-shim/`). The remaining length
//! both ways on 2.2.3's table, its limits and seeded random lengths; the fixed header's flags
//! of every type; a CONNECT's fields; packets fed a byte at a time. The expected answers come
//! from the standard, through the checker's own encoder (`observe::wire::mqtt::packet`).

use crate::base::i18n::{Text, msg};
use crate::base::verdict::TestResult;
use crate::base::workspace::Track;
use crate::context::Ctx;
use crate::exercises::kit::library::{Answers, Case, expect_all};
use crate::observe::harness::{Call, arg_bytes, unhex};
use crate::observe::wire::mqtt::packet::remaining_length as encode_length;

mod decode;

use decode::{Connect, DECODED, Decoded, decode_call};
pub(super) use decode::{connect_fields, decode_byte_at_a_time};

/// 2.2.3's table, the edges of 1 to 4 bytes, and the course's worked example (321).
const TABLE: [usize; 9] = [
    0,
    127,
    128,
    321,
    16_383,
    16_384,
    2_097_151,
    2_097_152,
    268_435_455,
];

/// How many seeded random lengths each way, after the table.
const RANDOM: usize = 400;

fn encoded(len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    encode_length(len, &mut out);
    out
}

/// Bytes as code of the student's track: `&[0xc1, 0x02]` or `{0xc1, 0x02}`, the first 8 of a
/// longer buffer and its length.
fn bytes_shown(track: Track, b: &[u8]) -> String {
    let mut items: Vec<String> = b.iter().take(8).map(|x| format!("{x:#04x}")).collect();
    if b.len() > 8 {
        items.push("…".to_string());
    }
    let list = items.join(", ");
    let list = match track {
        Track::Rust => format!("&[{list}]"),
        Track::C => format!("{{{list}}}"),
    };
    if b.len() > 8 {
        format!("{list} ({} B)", b.len())
    } else {
        list
    }
}

// ---- the remaining length

/// What decoding a remaining length answers.
#[derive(Debug, Clone, PartialEq)]
enum Length {
    /// The length, and how many bytes it took.
    Value(usize, usize),
    /// The bytes end inside it: read more.
    Incomplete,
    /// A 4th byte still says "another follows" (any error).
    Malformed,
}

const LENGTH: Answers<Length> = Answers {
    parse: |s| match s.split(' ').collect::<Vec<_>>()[..] {
        ["none"] => Some(Length::Incomplete),
        ["length", v, n] => Some(Length::Value(v.parse().ok()?, n.parse().ok()?)),
        ["err", _] => Some(Length::Malformed),
        _ => None,
    },
    show: |l| match l {
        Length::Value(v, n) => msg!("codec-length-value", value = *v, bytes = *n),
        Length::Incomplete => msg!("codec-length-incomplete"),
        Length::Malformed => msg!("codec-length-malformed"),
    },
};

fn length_call(track: Track, b: &[u8]) -> Call {
    let shown = match track {
        Track::Rust => format!("decode_remaining_length({})", bytes_shown(track, b)),
        Track::C => format!(
            "mqtt_remaining_length({}, {}, &value)",
            bytes_shown(track, b),
            b.len()
        ),
    };
    Call::new("decode_remaining_length", vec![arg_bytes(b)], shown)
}

/// A length of 1 to 4 bytes, each size as likely.
fn random_length(ctx: &mut Ctx) -> usize {
    match ctx.rng.u8(1..=4) {
        1 => ctx.rng.usize(0..=127),
        2 => ctx.rng.usize(128..=16_383),
        3 => ctx.rng.usize(16_384..=2_097_151),
        _ => ctx.rng.usize(2_097_152..=268_435_455),
    }
}

/// The value the bytes say if each carried 8 bits instead of 7 (a classic slip).
fn with_8_bits(b: &[u8]) -> usize {
    b.iter()
        .take(4)
        .enumerate()
        .map(|(i, x)| usize::from(x & 0x7f) << (8 * i))
        .sum()
}

pub(super) fn remaining_length_decode(ctx: &mut Ctx) -> TestResult {
    let track = ctx.track;
    let mut cases = Vec::new();
    let mut lengths: Vec<usize> = TABLE.to_vec();
    lengths.extend((0..RANDOM).map(|_| random_length(ctx)));
    for (i, &len) in lengths.iter().enumerate() {
        let b = encoded(len);
        cases.push(Case {
            call: length_call(track, &b),
            expected: Length::Value(len, b.len()),
        });
        if i < TABLE.len() {
            // What follows the length is not the length's: a packet's body comes next.
            let mut followed = b.clone();
            followed.extend_from_slice(&[0x00, 0x04, b'M']);
            cases.push(Case {
                call: length_call(track, &followed),
                expected: Length::Value(len, b.len()),
            });
            // Cut anywhere inside (no byte at all included): not yet a length, no error.
            for cut in 0..b.len() {
                cases.push(Case {
                    call: length_call(track, &b[..cut]),
                    expected: Length::Incomplete,
                });
            }
        }
    }
    // A 4th byte that says "another follows" is malformed at once, whether a 5th came or not.
    for b in [
        &[0x80, 0x80, 0x80, 0x80][..],
        &[0xff, 0xff, 0xff, 0xff],
        &[0xff, 0xff, 0xff, 0xff, 0x7f],
        &[0x80, 0x80, 0x80, 0x80, 0x01],
        &[0xc1, 0x82, 0x83, 0x84, 0x05, 0x00],
    ] {
        cases.push(Case {
            call: length_call(track, b),
            expected: Length::Malformed,
        });
    }
    expect_all(ctx, &cases, &LENGTH, |case, got| {
        let b = unhex(&case.call.args[0]).unwrap_or_default();
        match (&case.expected, got) {
            (Length::Value(..), Length::Value(v, _)) if *v == with_8_bits(&b) => {
                Some(msg!("codec-length-8-bits"))
            }
            (Length::Malformed, Length::Value(..) | Length::Incomplete) => {
                Some(msg!("codec-length-fifth"))
            }
            (Length::Incomplete, _) => Some(msg!("codec-length-cut")),
            _ => None,
        }
    })
}

/// What encoding answers: the bytes appended after the one already in the buffer, or the
/// buffer without that byte (overwritten, not appended to).
#[derive(Debug, Clone, PartialEq)]
enum Encoded {
    Appended(Vec<u8>),
    Replaced(Vec<u8>),
}

/// The byte the harness puts in the buffer before the length: a PUBLISH's first byte.
const BEFORE: u8 = 0x30;

const ENCODED: Answers<Encoded> = Answers {
    parse: |s| {
        let b = unhex(s)?;
        Some(match b.split_first() {
            Some((&BEFORE, rest)) => Encoded::Appended(rest.to_vec()),
            _ => Encoded::Replaced(b),
        })
    },
    show: |e| match e {
        Encoded::Appended(b) => format!("[{}]", crate::base::escape::hex(b)).into(),
        Encoded::Replaced(b) => msg!("codec-encode-replaced", bytes = crate::base::escape::hex(b)),
    },
};

pub(super) fn remaining_length_encode(ctx: &mut Ctx) -> TestResult {
    let track = ctx.track;
    let mut lengths: Vec<usize> = TABLE.to_vec();
    lengths.extend((0..RANDOM).map(|_| random_length(ctx)));
    let cases: Vec<Case<Encoded>> = lengths
        .iter()
        .map(|&len| {
            let shown = match track {
                Track::Rust => format!("encode_remaining_length({len}, &mut out)"),
                Track::C => format!("mqtt_put_remaining_length(out, {len})"),
            };
            Case {
                call: Call::new("encode_remaining_length", vec![len.to_string()], shown),
                expected: Encoded::Appended(encoded(len)),
            }
        })
        .collect();
    expect_all(ctx, &cases, &ENCODED, |case, got| {
        match (&case.expected, got) {
            (_, Encoded::Appended(b)) if b.is_empty() => Some(msg!("codec-encode-zero")),
            (_, Encoded::Appended(b)) if b.last().is_some_and(|x| x & 0x80 != 0) => {
                Some(msg!("codec-encode-last-byte"))
            }
            _ => None,
        }
    })?;
    if track == Track::Rust {
        encode_publishes(ctx)?;
    }
    Ok(())
}

/// Bytes an encoder wrote, compared whole.
const BYTES: Answers<Vec<u8>> = Answers {
    parse: unhex,
    show: |b| format!("[{}]", crate::base::escape::hex(b)).into(),
};

/// The Rust codec's `encode`, on PUBLISHes (the C codec encodes none: mqtt-broker.c writes its
/// packets, and the broker's tests read them): the topic's length big-endian (1.5.2, 1.5.3), a
/// packet id at QoS 1, lengths of 1 and 2 bytes, an empty payload.
fn encode_publishes(ctx: &mut Ctx) -> TestResult {
    use crate::observe::wire::mqtt::packet::Packet;
    let long_topic = "t/".repeat(150);
    let publishes: [(&str, &[u8], u8, u16); 4] = [
        ("sensors/1/temp", b"21.5", 0, 0),
        ("cmd/lamp", b"on", 1, 0x1234),
        (long_topic.as_str(), b"x", 1, 7),
        ("r/door", b"", 0, 0),
    ];
    let cases: Vec<Case<Vec<u8>>> = publishes
        .iter()
        .map(|&(topic, payload, qos, id)| {
            let shown = format!(
                "encode(&Packet::Publish {{ qos: {qos}, topic: {:?}, payload: {} bytes, .. }}, &mut out)",
                if topic.len() > 20 { format!("{}… ({} bytes)", &topic[..8], topic.len()) } else { topic.to_string() },
                payload.len()
            );
            let args = vec![arg_bytes(topic.as_bytes()), arg_bytes(payload), qos.to_string(), id.to_string()];
            Case {
                call: Call::new("encode_publish", args, shown),
                expected: Packet::publish(topic, payload, qos, false, id).encode(),
            }
        })
        .collect();
    expect_all(ctx, &cases, &BYTES, |case, got| {
        // The topic's length, after the fixed header, with its bytes swapped.
        let want = &case.expected;
        let at = 1 + want[1..].iter().take_while(|b| *b & 0x80 != 0).count() + 1;
        let mut swapped = want.clone();
        swapped.swap(at, at + 1);
        (*got == swapped && swapped != *want).then(|| msg!("codec-encode-string-le"))
    })
}

// ---- the fixed header

/// The fixed header's first byte judged: its type and flags allowed, or refused.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Judged {
    Accepted,
    Refused,
}

const JUDGED: Answers<Judged> = Answers {
    parse: |s| match s.split(' ').next() {
        Some("ok") => Some(Judged::Accepted),
        Some("err") => Some(Judged::Refused),
        _ => None,
    },
    show: |j| match j {
        Judged::Accepted => msg!("codec-flags-accepted"),
        Judged::Refused => msg!("codec-flags-refused"),
    },
};

/// What 2.2.2 and 3.3.1 say of `flags` on packet type `kind`, and whether the lab's broker
/// takes it (no QoS 2 flow: PUBREC, PUBREL and PUBCOMP are refused).
fn rule(kind: u8, flags: u8) -> (Judged, Text) {
    let qos = (flags >> 1) & 0b11;
    let (ok, why) = match kind {
        0 | 15 => (false, msg!("codec-flags-rule-reserved")),
        5..=7 => (false, msg!("codec-flags-rule-qos2")),
        3 if qos == 3 => (false, msg!("codec-flags-rule-qos3")),
        3 if qos == 0 && flags & 0b1000 != 0 => (false, msg!("codec-flags-rule-dup")),
        3 => (true, msg!("codec-flags-rule-publish")),
        8 | 10 => (flags == 0b0010, msg!("codec-flags-rule-0010")),
        _ => (flags == 0, msg!("codec-flags-rule-zero")),
    };
    let judged = if ok {
        Judged::Accepted
    } else {
        Judged::Refused
    };
    (judged, why)
}

pub(super) fn fixed_header(ctx: &mut Ctx) -> TestResult {
    let track = ctx.track;
    let mut cases = Vec::new();
    for kind in 0..16u8 {
        for flags in 0..16u8 {
            let shown = match track {
                Track::Rust => format!("check_flags({kind}, {flags:#06b})"),
                Track::C => format!("mqtt_bad_flags({kind}, {flags:#x})"),
            };
            cases.push(Case {
                call: Call::new(
                    "check_flags",
                    vec![kind.to_string(), flags.to_string()],
                    shown,
                ),
                expected: rule(kind, flags).0,
            });
        }
    }
    expect_all(ctx, &cases, &JUDGED, |case, _| {
        let kind = case.call.args[0].parse().unwrap_or(0);
        let flags = case.call.args[1].parse().unwrap_or(0);
        Some(msg!(
            "codec-flags-why",
            kind = kind,
            flags = format!("{flags:04b}"),
            rule = rule(kind, flags).1
        ))
    })?;
    // And `decode` judges by them: whole packets a client sends, right but for their first byte.
    let mut cases = Vec::new();
    for (first, ok) in [
        (0xc0, Some("pingreq")),
        (0xe0, Some("disconnect")),
        (0xc1, None),
        (0xc8, None),
        (0xd2, None),
        (0xe2, None),
        (0xef, None),
        (0x00, None),
        (0xf0, None),
    ] {
        cases.push(Case {
            call: decode_call(track, &[first, 0x00], false),
            expected: match ok {
                Some(kind) => Decoded::Packet(2, kind.to_string()),
                None => Decoded::Refused(String::new()),
            },
        });
    }
    let mut connect = Connect::course_example().bytes();
    connect[0] = 0x12;
    cases.push(Case {
        call: decode_call(track, &connect, true),
        expected: Decoded::Refused(String::new()),
    });
    expect_all(ctx, &cases, &DECODED, |case, got| {
        let first = unhex(&case.call.args[0])?.first().copied()?;
        let (kind, flags) = (first >> 4, first & 0x0f);
        // Refusing a packet the flags allow is another test's failure (its body's).
        if case.expected != Decoded::Refused(String::new()) || got == &case.expected {
            return None;
        }
        let unchecked = msg!("codec-decode-no-flags");
        let why = msg!(
            "codec-flags-why",
            kind = kind,
            flags = format!("{flags:04b}"),
            rule = rule(kind, flags).1
        );
        Some(unchecked.then(" ").then(why))
    })
}
