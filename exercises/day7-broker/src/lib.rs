//! Day 7 — an MQTT 3.1.1 broker, its first half: the packets, their codec, and topic
//! matching. The broker itself is `src/bin/mqtt-broker.rs`, built on this file.
//!
//! Read course.md#mqtt (한국어: course.ko.md#mqtt), course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets), course.md#mqtt-connect (한국어: course.ko.md#mqtt-connect), course.md#mqtt-topics (한국어: course.ko.md#mqtt-topics), course.md#mqtt-hostile (한국어: course.ko.md#mqtt-hostile) and course.md#day7-broker (한국어: course.ko.md#day7-broker),
//! then replace the `todo!()`s below: this file first, since the broker needs it. Grade
//! yourself with `cargo run -p checker day7-broker`: its first tests call this codec alone
//! (`decode_remaining_length`, `encode_remaining_length`, `check_flags`, `decode`), so they pass
//! before any broker runs; the others grade the broker from outside, and this codec with it.
//! The tests at the end of this file run in a second, without a socket
//! (`cargo test -p day7-broker --lib`): each fails with "not yet implemented" until the
//! functions it calls are written. Add your own beside them as you go: 4.7's examples of
//! filters make good ones.
//!
//! Section numbers in the comments (`2.2.3`, `3.1.2-3`, …) are those of the OASIS standard
//! "MQTT Version 3.1.1" (29 October 2014); a number with a dash is a normative statement
//! (`[MQTT-3.1.2-3]` in the standard).
//!
//! Contract: this file knows nothing of sockets. `decode` takes the bytes received so far and
//! says whether they begin with a whole packet (and how many bytes it took), end inside one
//! (read more), or break the protocol (close the connection); `encode` appends a packet's bytes
//! to a buffer; `check_flags` judges a fixed header's type and flags; `matches` tells whether a
//! topic filter matches a topic name. The constants, the types and the `pub fn` signatures are
//! fixed: the broker and the checker use them. The data definitions are given whole, they are
//! the vocabulary; the private helpers (`Reader`, `decode_body`, `decode_connect`, `put_str`,
//! `put_bytes`) are a suggested shape, yours to change.
//! Rules: no MQTT crate (rumqttc, rumqttd, mqttbytes, paho-mqtt): the codec is the lesson (see
//! clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(
    unused_imports,
    unused_variables,
    dead_code,
    unused_mut,
    clippy::ptr_arg
)]

use std::fmt;

/// The largest packet the broker accepts or sends, fixed header included: 256 KiB. A peer that
/// announces a larger one is closed as soon as its fixed header is in, without waiting for (or
/// buffering) the rest.
pub const MAX_PACKET: usize = 262_144;

/// The largest remaining length the 4-byte encoding can carry (2.2.3): 268,435,455.
pub const MAX_REMAINING_LENGTH: usize = 268_435_455;

/// A Will Message (3.1.2.5): what the broker publishes for a client whose connection ends
/// without a DISCONNECT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Will {
    pub topic: String,
    pub payload: Vec<u8>,
    pub qos: u8,
    pub retain: bool,
}

/// The MQTT 3.1.1 control packets this broker speaks (2.2.1: every type but the QoS 2 ones,
/// PUBREC, PUBREL and PUBCOMP, which the broker's subset leaves out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packet {
    /// 3.1. `decode` only returns it for protocol name `MQTT`, level 4 (see
    /// `ProtocolError::UnsupportedLevel`).
    Connect {
        clean_session: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
        username: Option<String>,
        password: Option<Vec<u8>>,
    },
    /// 3.2. `return_code` 0 accepts; 1 unacceptable protocol level, 2 identifier rejected, …
    Connack {
        session_present: bool,
        return_code: u8,
    },
    /// 3.3. `packet_id` is `Some` exactly when `qos` > 0 (2.3.1).
    Publish {
        dup: bool,
        qos: u8,
        retain: bool,
        topic: String,
        packet_id: Option<u16>,
        payload: Vec<u8>,
    },
    /// 3.4.
    Puback { packet_id: u16 },
    /// 3.8: a list of (topic filter, requested QoS), at least one.
    Subscribe {
        packet_id: u16,
        filters: Vec<(String, u8)>,
    },
    /// 3.9: one return code per filter: the granted QoS (0, 1, 2) or 0x80 for a failure.
    Suback {
        packet_id: u16,
        return_codes: Vec<u8>,
    },
    /// 3.10: at least one topic filter.
    Unsubscribe {
        packet_id: u16,
        filters: Vec<String>,
    },
    /// 3.11.
    Unsuback { packet_id: u16 },
    /// 3.12.
    Pingreq,
    /// 3.13.
    Pingresp,
    /// 3.14.
    Disconnect,
}

/// Why a stream of bytes is not MQTT 3.1.1 as this broker takes it. Every one of them closes
/// the connection (4.8: "the Server MUST close the Network Connection").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// The remaining length goes on past its 4th byte (2.2.3).
    RemainingLengthTooLong,
    /// A packet, fixed header included, of more than `MAX_PACKET` bytes.
    TooLarge(usize),
    /// Packet type 0 or 15 (reserved, 2.2.1), or a QoS 2 type this broker does not speak.
    UnsupportedType(u8),
    /// The fixed header's flags are not those 2.2.2 prescribes for the type (2.2.2-2), or a
    /// PUBLISH with QoS 3 (3.3.1-4) or DUP set at QoS 0 (3.3.1-2).
    BadFlags { packet_type: u8, flags: u8 },
    /// A CONNECT whose protocol name is not `MQTT` (3.1.2-1).
    BadProtocolName,
    /// A CONNECT for protocol level other than 4: the broker answers CONNACK return code 1
    /// before closing (3.1.2-2).
    UnsupportedLevel(u8),
    /// A string that is not well-formed UTF-8, or holds U+0000 (1.5.3-1, 1.5.3-2).
    BadUtf8,
    /// A topic name that is empty or holds a wildcard (3.3.2-2, 4.7.3-1).
    BadTopic,
    /// A topic filter that is empty or misplaces a wildcard (4.7.1-1, 4.7.1-2, 4.7.1-3).
    BadFilter,
    /// Anything else that breaks the packet's layout: a field that runs past the packet's
    /// end, bytes left over, a reserved bit set, a packet identifier 0, …
    Malformed(&'static str),
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::RemainingLengthTooLong => {
                write!(f, "remaining length longer than 4 bytes (2.2.3)")
            }
            ProtocolError::TooLarge(n) => {
                write!(f, "packet of {n} bytes, over the {MAX_PACKET}-byte limit")
            }
            ProtocolError::UnsupportedType(t) => write!(f, "unsupported packet type {t}"),
            ProtocolError::BadFlags { packet_type, flags } => {
                write!(
                    f,
                    "packet type {packet_type} with flags {flags:#06b} (2.2.2)"
                )
            }
            ProtocolError::BadProtocolName => write!(f, "protocol name is not MQTT (3.1.2-1)"),
            ProtocolError::UnsupportedLevel(l) => {
                write!(f, "protocol level {l}, not 4 (3.1.2-2)")
            }
            ProtocolError::BadUtf8 => write!(f, "string not valid UTF-8 or holding U+0000"),
            ProtocolError::BadTopic => write!(f, "invalid topic name (4.7)"),
            ProtocolError::BadFilter => write!(f, "invalid topic filter (4.7.1)"),
            ProtocolError::Malformed(what) => write!(f, "malformed packet: {what}"),
        }
    }
}

impl std::error::Error for ProtocolError {}

// Packet types, the high nibble of the fixed header's first byte (2.2.1).
const CONNECT: u8 = 1;
const CONNACK: u8 = 2;
const PUBLISH: u8 = 3;
const PUBACK: u8 = 4;
const SUBSCRIBE: u8 = 8;
const SUBACK: u8 = 9;
const UNSUBSCRIBE: u8 = 10;
const UNSUBACK: u8 = 11;
const PINGREQ: u8 = 12;
const PINGRESP: u8 = 13;
const DISCONNECT: u8 = 14;

/// Decode a remaining length (2.2.3) at the start of `buf`: 1 to 4 bytes, 7 bits each, least
/// significant first, the high bit saying "another byte follows". Returns the length and how
/// many bytes it took, `None` when `buf` ends before the last byte, and an error when a 4th
/// byte still says "another follows".
pub fn decode_remaining_length(buf: &[u8]) -> Result<Option<(usize, usize)>, ProtocolError> {
    // TODO 2.2.3, byte by byte, for i in 0..4:
    //      1. No byte i in `buf` yet: the length is cut, `Ok(None)` (wait for more).
    //      2. Add its low 7 bits (`byte & 0x7f`) shifted by 7 × i: the first byte is the least
    //         significant.
    //      3. Its high bit (`0x80`) clear: the length ends here, `Ok(Some((value, i + 1)))`.
    //      After the 4th byte, still "another follows": `Err(RemainingLengthTooLong)`, at
    //      once, without waiting for a 5th (course.md#mqtt-hostile).
    //> for (i, &byte) in buf.iter().take(4).enumerate() {
    //>     let digit = usize::from(byte & 0x7f) << (7 * i);
    //>     let another_follows = byte & 0x80 != 0;
    //> }
    todo!("decode a remaining length (2.2.3)")
}

/// Append the encoding of a remaining length (2.2.3). Panics above `MAX_REMAINING_LENGTH`:
/// no packet this crate builds is that large.
pub fn encode_remaining_length(mut len: usize, out: &mut Vec<u8>) {
    // TODO 2.2.3 the other way: assert! that len <= MAX_REMAINING_LENGTH; then repeat: a byte
    //      of `len % 128`, `len /= 128`, the high bit set if some of `len` is left, push it;
    //      until `len` is 0. Zero is one byte, `0x00`. Check yourself against 2.2.3's table:
    //      127 is `[0x7f]`, 128 `[0x80, 0x01]`, 16,383 `[0xff, 0x7f]`, 268,435,455
    //      `[0xff, 0xff, 0xff, 0x7f]`.
    todo!("encode a remaining length (2.2.3)")
}

/// Decode the packet at the start of `buf`, the bytes received so far.
///
/// `Ok(None)`: `buf` ends inside the packet (a read can end anywhere, even after one byte):
/// read more and call again with the bytes appended. `Ok(Some((packet, n)))`: the packet took
/// the first `n` bytes of `buf`; what follows is the start of the next one. `Err`: the peer
/// broke the protocol, and the connection must close. A packet announcing more than
/// `MAX_PACKET` bytes is refused as soon as its fixed header is in.
pub fn decode(buf: &[u8]) -> Result<Option<(Packet, usize)>, ProtocolError> {
    // TODO 1. The fixed header (2.2): the first byte, then the remaining length after it,
    //         `decode_remaining_length(&buf[1..])?`. Either one not all there: `Ok(None)`.
    //      2. total = 1 + the length's bytes + the remaining length. Over `MAX_PACKET`:
    //         `Err(TooLarge(total))` now, before the body is in (a peer that announces 256 MB
    //         must not make the broker wait for it, nor buffer it).
    //      3. The type is the high nibble (`first >> 4`), the flags the low one
    //         (`first & 0x0f`): `check_flags(type, flags)?`, also before the body: garbage
    //         closes at once.
    //      4. Fewer than `total` bytes in `buf`: `Ok(None)`.
    //      5. The body is `buf[1 + length's bytes..total]`: `decode_body`, then
    //         `Ok(Some((packet, total)))`.
    //> let Some(&first) = buf.first() else {
    //>     return Ok(None);
    //> };
    //> let (packet_type, flags) = (first >> 4, first & 0x0f);
    todo!("decode the packet at the start of buf")
}

/// 2.2.2: the flags each type must carry, judged from the fixed header's first byte alone:
/// `Ok(())` if `flags` (its low nibble) are allowed on `packet_type` (its high nibble), else the
/// error that closes the connection. PUBLISH's flags are DUP, QoS and RETAIN (3.3.1).
pub fn check_flags(packet_type: u8, flags: u8) -> Result<(), ProtocolError> {
    // TODO match packet_type:
    //      PUBLISH: its QoS is `(flags >> 1) & 0b11`; QoS 3 (3.3.1-4), or DUP (`0b1000`) at
    //        QoS 0 (3.3.1-2): `Err(BadFlags { packet_type, flags })`; else `Ok(())`.
    //      SUBSCRIBE and UNSUBSCRIBE: flags `0b0010` (3.8.1-1, 3.10.1-1), else BadFlags.
    //      CONNECT, CONNACK, PUBACK, SUBACK, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT: flags 0,
    //        else BadFlags.
    //      Any other type: 0 and 15 are reserved, 5, 6 and 7 (PUBREC, PUBREL, PUBCOMP) are
    //        QoS 2's, which this broker does not speak: `Err(UnsupportedType(packet_type))`.
    todo!("the fixed header's flags (2.2.2)")
}

/// A cursor over a packet's body: every read checks that the bytes are there, so a length
/// that lies ends in an error, never in a panic or a read past the packet
/// (course.md#mqtt-hostile).
struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    /// One byte.
    fn u8(&mut self) -> Result<u8, ProtocolError> {
        // TODO `self.buf.split_first()`: none left, `Err(Malformed("field past the packet's
        //      end"))`; else keep the rest in `self.buf` and return the byte.
        todo!("one byte")
    }

    /// A two-byte integer, most significant byte first (1.5.2).
    fn u16(&mut self) -> Result<u16, ProtocolError> {
        // TODO two `self.u8()?`, then `u16::from_be_bytes` (day1-endian wrote it by hand).
        todo!("two bytes, big-endian")
    }

    /// The next `n` bytes.
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ProtocolError> {
        // TODO fewer than `n` left: Malformed; else `split_at(n)`, keep the rest.
        todo!("n bytes")
    }

    /// Binary data (1.5.6): a 2-byte length, then the bytes.
    fn binary(&mut self) -> Result<Vec<u8>, ProtocolError> {
        // TODO `self.u16()?` as the length, then `self.bytes(n)?`, copied.
        todo!("length-prefixed bytes")
    }

    /// A UTF-8 encoded string (1.5.3): a 2-byte length, then well-formed UTF-8 without
    /// U+0000 (1.5.3-1, 1.5.3-2).
    fn string(&mut self) -> Result<String, ProtocolError> {
        // TODO the length, the bytes, `std::str::from_utf8` (an error: `BadUtf8`; Rust's `str`
        //      already refuses surrogates and overlong forms); one holding `'\0'`: `BadUtf8` too.
        todo!("a length-prefixed UTF-8 string")
    }

    /// A packet identifier: non-zero (2.3.1-1).
    fn packet_id(&mut self) -> Result<u16, ProtocolError> {
        // TODO `self.u16()?`; 0 is `Malformed("packet identifier 0")`.
        todo!("a packet identifier")
    }

    /// Everything left: a PUBLISH's payload (3.3.3), a SUBACK's return codes.
    fn rest(&mut self) -> &'a [u8] {
        // TODO `std::mem::take(&mut self.buf)`: all of it, and nothing left behind.
        todo!("the rest of the body")
    }

    /// Every byte the remaining length announced must have been used.
    fn end(&self) -> Result<(), ProtocolError> {
        // TODO bytes left: `Malformed("bytes left over at the packet's end")`.
        todo!("nothing left over")
    }
}

/// One packet's variable header and payload (3.1 to 3.14), from its body: exactly the bytes
/// its remaining length announced.
fn decode_body(packet_type: u8, flags: u8, body: &[u8]) -> Result<Packet, ProtocolError> {
    // TODO match packet_type, reading with a `Reader`:
    //      CONNECT: `decode_connect(&mut r)?`.
    //      CONNACK (3.2): the acknowledge flags (bit 0, session present; any other bit set:
    //        Malformed, 3.2.2.1), then the return code.
    //      PUBLISH (3.3): the topic name, `valid_topic_name` or `Err(BadTopic)` (3.3.2-2); a
    //        packet identifier at QoS 1 and 2 only (3.3.2.2); the payload is the rest, maybe
    //        empty (3.3.3). DUP, QoS and RETAIN come from `flags`.
    //      PUBACK, UNSUBACK (3.4, 3.11): a packet identifier.
    //      SUBSCRIBE (3.8): a packet identifier, then until the body ends: a filter
    //        (`valid_topic_filter` or `Err(BadFilter)`) and its QoS byte (above 2: Malformed,
    //        3.8.3-4); no filter at all: Malformed (3.8.3-3).
    //      SUBACK (3.9): a packet identifier, then return codes, each 0, 1, 2 or 0x80.
    //      UNSUBSCRIBE (3.10): a packet identifier, then filters until the body ends, at
    //        least one (3.10.3-2).
    //      PINGREQ, PINGRESP, DISCONNECT (3.12 to 3.14): nothing.
    //      Then `r.end()?`: bytes left over break the packet's layout.
    //> let mut r = Reader { buf: body };
    todo!("decode each type's body")
}

/// 3.1.2 and 3.1.3: the variable header, then the payload whose fields the flags announce.
fn decode_connect(r: &mut Reader<'_>) -> Result<Packet, ProtocolError> {
    // TODO 1. The protocol name: `MQTT`, or `Err(BadProtocolName)` (3.1.2-1).
    //      2. The level: 4, or `Err(UnsupportedLevel(level))` at once, before the rest: another
    //         level's layout may differ, and the broker answers it CONNACK return code 1
    //         (3.1.2-2).
    //      3. The connect flags (3.1.2.3), bit by bit: 0 reserved (set: Malformed, 3.1.2-3),
    //         1 clean session, 2 will flag, 3 and 4 will QoS, 5 will retain, 6 password flag,
    //         7 user name flag. Malformed too: will QoS 3 (3.1.2-14); will QoS or will retain
    //         without the will flag (3.1.2-13, 3.1.2-15); a password without a user name
    //         (3.1.2-22).
    //      4. The keep alive, two bytes (3.1.2.10).
    //      5. The payload, in this order (3.1.3-1): the client identifier; with the will flag,
    //         the will topic (`valid_topic_name` or BadTopic) and the will message (binary);
    //         with their flags, the user name (a string) and the password (binary).
    //> let flags = r.u8()?;
    //> let clean_session = flags & 0b0000_0010 != 0;
    todo!("decode a CONNECT")
}

/// Append `packet`'s bytes to `out`: the fixed header (type, flags, remaining length), then
/// the variable header and the payload.
pub fn encode(packet: &Packet, out: &mut Vec<u8>) {
    // TODO 1. Write the variable header and the payload into a `body` of their own first: the
    //         remaining length, which comes before them, is the body's length.
    //      2. For each packet, the layout `decode_body` reads, written the other way, and its
    //         first byte, `type << 4 | flags`: PUBLISH's DUP (`<< 3`), QoS (`<< 1`) and RETAIN
    //         (bit 0); SUBSCRIBE's and UNSUBSCRIBE's `0b0010`; 0 for the others. A CONNECT is
    //         the name `MQTT`, level 4, its flags, the keep alive, the client identifier, then
    //         the will topic and message, user name and password when present.
    //      3. `out.push(first)`, `encode_remaining_length(body.len(), out)`, then the body.
    //> let mut body: Vec<u8> = Vec::new();
    //> let first = match packet {
    //>     Packet::Pingreq => PINGREQ << 4,
    //>     _ => 0, // and so on for each type
    //> };
    todo!("encode a packet")
}

/// 1.5.3: a 2-byte big-endian length, then the UTF-8 bytes (at most 65,535).
fn put_str(out: &mut Vec<u8>, s: &str) {
    // TODO `put_bytes` of `s.as_bytes()`.
    todo!("a length-prefixed string")
}

/// 1.5.6: binary data, laid out as a string is: a 2-byte length, then the bytes.
fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    // TODO `u16::try_from(b.len())` (longer is the caller's bug: `expect` says so), its two
    //      bytes big-endian, then the bytes.
    todo!("length-prefixed bytes")
}

/// A topic name, as a PUBLISH (or a will) carries it: at least one character (4.7.3-1) and
/// no wildcard (3.3.2-2, 4.7.1-1). Validity as UTF-8 without U+0000 is the decoder's.
pub fn valid_topic_name(topic: &str) -> bool {
    // TODO not empty, and neither `+` nor `#` anywhere.
    todo!("a valid topic name")
}

/// A topic filter, as a SUBSCRIBE or UNSUBSCRIBE carries it: at least one character
/// (4.7.3-1); `#` alone in its level and in the last one (4.7.1-2); `+` alone in its level
/// (4.7.1-3). So `a/#/b`, `a#`, `#a`, `a+` and `+a` are invalid; `+`, `#`, `a/+/b`, `/+`,
/// `+/#` are valid.
pub fn valid_topic_filter(filter: &str) -> bool {
    // TODO not empty; then level by level (`split('/')`): `#` only as the last level, `+`
    //      anywhere, any other level holds neither `+` nor `#`.
    //> let levels: Vec<&str> = filter.split('/').collect();
    todo!("a valid topic filter")
}

/// Does the (valid) topic filter `filter` match the (valid) topic name `topic`? (4.7)
///
/// Levels are the parts between `/` (an empty level counts: `a//b` has three). `+` matches
/// exactly one level, whatever it holds, even empty (4.7.1.3); `#` matches the rest, zero
/// levels included, so `sport/#` matches `sport` too (4.7.1.2). A topic starting with `$`
/// (`$SYS/…`) is not matched by a filter starting with a wildcard (4.7.2-1): `#` and `+/x`
/// do not see it, `$SYS/#` does.
pub fn matches(filter: &str, topic: &str) -> bool {
    // TODO 1. The `$` rule (4.7.2-1) first.
    //      2. Walk both, level by level, side by side: the filter's `#`, true (the rest
    //         matches, even nothing); its `+` and any topic level, go on; two equal levels, go
    //         on; both ended together, true; anything else (a level differs, one is longer),
    //         false.
    //> let (mut f, mut t) = (filter.split('/'), topic.split('/'));
    //> let pair = (f.next(), t.next()); // (Some("#"), _), (Some("+"), Some(_)), (None, None), …
    todo!("does the filter match the topic")
}

/// The codec's first tests: `cargo test -p day7-broker --lib` runs them in a second, without a
/// socket. Each one fails with "not yet implemented" until the functions it calls are written
/// (`decode_remaining_length` and `encode_remaining_length` first, then `encode` and `decode`,
/// then `matches`); add your own beside them as you go.
#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(p: &Packet) -> Vec<u8> {
        let mut out = Vec::new();
        encode(p, &mut out);
        out
    }

    fn samples() -> Vec<Packet> {
        vec![
            Packet::Connect {
                clean_session: true,
                keep_alive: 60,
                client_id: "dev-1".into(),
                will: Some(Will {
                    topic: "dev/1/status".into(),
                    payload: b"gone".to_vec(),
                    qos: 1,
                    retain: true,
                }),
                username: Some("user".into()),
                password: Some(b"secret".to_vec()),
            },
            Packet::Connect {
                clean_session: false,
                keep_alive: 0,
                client_id: String::new(),
                will: None,
                username: None,
                password: None,
            },
            Packet::Connack {
                session_present: true,
                return_code: 0,
            },
            Packet::Publish {
                dup: false,
                qos: 0,
                retain: true,
                topic: "a/b".into(),
                packet_id: None,
                payload: b"hello".to_vec(),
            },
            Packet::Publish {
                dup: true,
                qos: 1,
                retain: false,
                topic: "sensors/kitchen/temp".into(),
                packet_id: Some(7),
                payload: Vec::new(),
            },
            Packet::Puback { packet_id: 7 },
            Packet::Subscribe {
                packet_id: 1,
                filters: vec![("a/+/c".into(), 1), ("#".into(), 0)],
            },
            Packet::Suback {
                packet_id: 1,
                return_codes: vec![1, 0, 0x80],
            },
            Packet::Unsubscribe {
                packet_id: 2,
                filters: vec!["a/+/c".into()],
            },
            Packet::Unsuback { packet_id: 2 },
            Packet::Pingreq,
            Packet::Pingresp,
            Packet::Disconnect,
        ]
    }

    #[test]
    fn remaining_length_boundaries() {
        // 2.2.3's table: the edges of 1, 2, 3 and 4 bytes.
        for (len, bytes) in [
            (0usize, vec![0x00u8]),
            (127, vec![0x7f]),
            (128, vec![0x80, 0x01]),
            (16_383, vec![0xff, 0x7f]),
            (16_384, vec![0x80, 0x80, 0x01]),
            (2_097_151, vec![0xff, 0xff, 0x7f]),
            (2_097_152, vec![0x80, 0x80, 0x80, 0x01]),
            (268_435_455, vec![0xff, 0xff, 0xff, 0x7f]),
        ] {
            let mut out = Vec::new();
            encode_remaining_length(len, &mut out);
            assert_eq!(out, bytes, "encoding {len}");
            assert_eq!(
                decode_remaining_length(&bytes),
                Ok(Some((len, bytes.len()))),
                "decoding {len}"
            );
            // Cut anywhere inside: more bytes needed, not an error.
            for cut in 0..bytes.len() {
                assert_eq!(decode_remaining_length(&bytes[..cut]), Ok(None));
            }
        }
    }

    #[test]
    fn five_byte_remaining_length_is_refused() {
        let five = [0xff, 0xff, 0xff, 0xff, 0x7f];
        assert_eq!(
            decode_remaining_length(&five),
            Err(ProtocolError::RemainingLengthTooLong)
        );
        // Refused as soon as the 4th byte says "more", before a 5th arrives.
        assert_eq!(
            decode(&[0x30, 0x80, 0x80, 0x80, 0x80]),
            Err(ProtocolError::RemainingLengthTooLong)
        );
    }

    #[test]
    fn empty_packets_have_remaining_length_zero() {
        assert_eq!(encoded(&Packet::Pingreq), [0xc0, 0x00]);
        assert_eq!(encoded(&Packet::Pingresp), [0xd0, 0x00]);
        assert_eq!(encoded(&Packet::Disconnect), [0xe0, 0x00]);
    }

    #[test]
    fn cut_anywhere_then_whole() {
        // Every packet, and the stream of all of them, cut at every byte: `None` before the
        // end, the packet at it; what follows a packet is left for the next call.
        let mut stream = Vec::new();
        for p in samples() {
            let bytes = encoded(&p);
            for cut in 0..bytes.len() {
                assert_eq!(decode(&bytes[..cut]), Ok(None), "{p:?} cut at {cut}");
            }
            stream.extend_from_slice(&bytes);
        }
        // Fed a byte at a time, as a slow network would.
        let mut received = Vec::new();
        let mut got = Vec::new();
        for &b in &stream {
            received.push(b);
            while let Some((p, n)) = decode(&received).unwrap() {
                got.push(p);
                received.drain(..n);
            }
        }
        assert!(received.is_empty());
        assert_eq!(got, samples());
    }

    #[test]
    fn wildcards() {
        let yes = [
            ("sport/#", "sport"),
            ("sport/#", "sport/tennis"),
            ("sport/#", "sport/tennis/player1"),
            ("sport/tennis/#", "sport/tennis"),
            ("#", "anything/at/all"),
            ("sport/+", "sport/"),
            ("sport/+/player1", "sport/tennis/player1"),
            ("+/+", "/finance"),
            ("/+", "/finance"),
            ("+", "sport"),
            ("a/b", "a/b"),
            ("$SYS/#", "$SYS/broker/load"),
            ("$SYS/+/load", "$SYS/broker/load"),
        ];
        for (filter, topic) in yes {
            assert!(matches(filter, topic), "{filter} should match {topic}");
        }
        let no = [
            ("sport/+", "sport"),                // + is one level, not zero
            ("sport/+", "sport/tennis/player1"), // + does not cross levels
            ("+", "/finance"),
            ("sport/tennis", "sport/tennis/x"),
            ("sport/tennis/x", "sport/tennis"),
            ("a/b", "A/b"),
            ("#", "$SYS/broker"), // 4.7.2-1
            ("+/broker", "$SYS/broker"),
            ("+", "$SYS"),
        ];
        for (filter, topic) in no {
            assert!(!matches(filter, topic), "{filter} should not match {topic}");
        }
    }
}
