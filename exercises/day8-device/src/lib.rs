//! Day 8 — the device's MQTT 3.1.1 codec, given whole: day 7's reference codec (the packets,
//! `decode`, `encode`), so that the device (`src/bin/sensor-device.rs`) is the lesson. To build
//! the device on your own day-7 codec instead, put your `exercises/day7-broker/src/lib.rs` in
//! this file's place: it has the same API (course.md#day8-device).
//!
//! Section numbers in the comments (`2.2.3`, `3.1.2-3`, …) are those of the OASIS standard
//! "MQTT Version 3.1.1" (29 October 2014); a number with a dash is a normative statement
//! (`[MQTT-3.1.2-3]` in the standard).
//!
//! This file knows nothing of sockets: `decode` takes the bytes received so far and says
//! whether they begin with a whole packet, and `encode` appends a packet's bytes to a buffer.

use std::fmt;

/// The largest packet `decode` accepts, fixed header included: 256 KiB, the lab's limit since
/// day 7. A packet that announces more is refused as soon as its fixed header is in, without
/// waiting for (or buffering) the rest.
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

/// The MQTT 3.1.1 control packets of the lab's subset (2.2.1: every type but the QoS 2 ones,
/// PUBREC, PUBREL and PUBCOMP).
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

/// Why a stream of bytes is not MQTT 3.1.1 as this codec takes it. Every one of them closes
/// the connection (4.8: the receiver "MUST close the Network Connection").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// The remaining length goes on past its 4th byte (2.2.3).
    RemainingLengthTooLong,
    /// A packet, fixed header included, of more than `MAX_PACKET` bytes.
    TooLarge(usize),
    /// Packet type 0 or 15 (reserved, 2.2.1), or a QoS 2 type the subset leaves out.
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
    let mut value = 0usize;
    for i in 0..4 {
        let Some(&byte) = buf.get(i) else {
            return Ok(None); // cut inside the length: wait for more
        };
        value |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok(Some((value, i + 1)));
        }
    }
    Err(ProtocolError::RemainingLengthTooLong)
}

/// Append the encoding of a remaining length (2.2.3). Panics above `MAX_REMAINING_LENGTH`:
/// no packet this crate builds is that large.
pub fn encode_remaining_length(mut len: usize, out: &mut Vec<u8>) {
    assert!(
        len <= MAX_REMAINING_LENGTH,
        "remaining length {len} too large"
    );
    loop {
        let mut byte = (len % 128) as u8;
        len /= 128;
        if len > 0 {
            byte |= 0x80;
        }
        out.push(byte);
        if len == 0 {
            return;
        }
    }
}

/// Decode the packet at the start of `buf`, the bytes received so far.
///
/// `Ok(None)`: `buf` ends inside the packet (a read can end anywhere, even after one byte):
/// read more and call again with the bytes appended. `Ok(Some((packet, n)))`: the packet took
/// the first `n` bytes of `buf`; what follows is the start of the next one. `Err`: the peer
/// broke the protocol, and the connection must close. A packet announcing more than
/// `MAX_PACKET` bytes is refused as soon as its fixed header is in.
pub fn decode(buf: &[u8]) -> Result<Option<(Packet, usize)>, ProtocolError> {
    let Some(&first) = buf.first() else {
        return Ok(None);
    };
    let Some((remaining, len_bytes)) = decode_remaining_length(&buf[1..])? else {
        return Ok(None);
    };
    let total = 1 + len_bytes + remaining;
    if total > MAX_PACKET {
        return Err(ProtocolError::TooLarge(total));
    }
    // Type and flags are checked before the body has arrived: garbage closes at once.
    let (packet_type, flags) = (first >> 4, first & 0x0f);
    check_flags(packet_type, flags)?;
    if buf.len() < total {
        return Ok(None);
    }
    let body = &buf[1 + len_bytes..total];
    let packet = decode_body(packet_type, flags, body)?;
    Ok(Some((packet, total)))
}

/// 2.2.2: the flags each type must carry, judged from the fixed header's first byte alone:
/// `Ok(())` if `flags` (its low nibble) are allowed on `packet_type` (its high nibble), else the
/// error that closes the connection. PUBLISH's flags are DUP, QoS and RETAIN (3.3.1).
pub fn check_flags(packet_type: u8, flags: u8) -> Result<(), ProtocolError> {
    let bad = ProtocolError::BadFlags { packet_type, flags };
    match packet_type {
        PUBLISH => {
            let qos = (flags >> 1) & 0b11;
            if qos == 3 {
                return Err(bad); // 3.3.1-4
            }
            if qos == 0 && flags & 0b1000 != 0 {
                return Err(bad); // 3.3.1-2: DUP must be 0 at QoS 0
            }
            Ok(())
        }
        // 3.8.1-1, 3.10.1-1: SUBSCRIBE and UNSUBSCRIBE carry 0b0010.
        SUBSCRIBE | UNSUBSCRIBE if flags == 0b0010 => Ok(()),
        SUBSCRIBE | UNSUBSCRIBE => Err(bad),
        CONNECT | CONNACK | PUBACK | SUBACK | UNSUBACK | PINGREQ | PINGRESP | DISCONNECT
            if flags == 0 =>
        {
            Ok(())
        }
        CONNECT | CONNACK | PUBACK | SUBACK | UNSUBACK | PINGREQ | PINGRESP | DISCONNECT => {
            Err(bad)
        }
        // 0 and 15 are reserved; 5, 6 and 7 (PUBREC, PUBREL, PUBCOMP) are QoS 2's.
        other => Err(ProtocolError::UnsupportedType(other)),
    }
}

/// A cursor over a packet's body: every read checks that the bytes are there.
struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8, ProtocolError> {
        let (&b, rest) = self
            .buf
            .split_first()
            .ok_or(ProtocolError::Malformed("field past the packet's end"))?;
        self.buf = rest;
        Ok(b)
    }

    fn u16(&mut self) -> Result<u16, ProtocolError> {
        Ok(u16::from_be_bytes([self.u8()?, self.u8()?]))
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ProtocolError> {
        if self.buf.len() < n {
            return Err(ProtocolError::Malformed("field past the packet's end"));
        }
        let (taken, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(taken)
    }

    /// Binary data (1.5.6): a 2-byte length, then the bytes.
    fn binary(&mut self) -> Result<Vec<u8>, ProtocolError> {
        let n = usize::from(self.u16()?);
        Ok(self.bytes(n)?.to_vec())
    }

    /// A UTF-8 encoded string (1.5.3): a 2-byte length, then well-formed UTF-8 without
    /// U+0000 (1.5.3-1, 1.5.3-2). Rust's `str` already refuses surrogates and overlongs.
    fn string(&mut self) -> Result<String, ProtocolError> {
        let n = usize::from(self.u16()?);
        let s = std::str::from_utf8(self.bytes(n)?).map_err(|_| ProtocolError::BadUtf8)?;
        if s.contains('\0') {
            return Err(ProtocolError::BadUtf8);
        }
        Ok(s.to_owned())
    }

    /// A packet identifier: non-zero (2.3.1-1).
    fn packet_id(&mut self) -> Result<u16, ProtocolError> {
        match self.u16()? {
            0 => Err(ProtocolError::Malformed("packet identifier 0")),
            id => Ok(id),
        }
    }

    fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.buf)
    }

    /// Every byte the remaining length announced must have been used.
    fn end(&self) -> Result<(), ProtocolError> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(ProtocolError::Malformed(
                "bytes left over at the packet's end",
            ))
        }
    }
}

fn decode_body(packet_type: u8, flags: u8, body: &[u8]) -> Result<Packet, ProtocolError> {
    let mut r = Reader { buf: body };
    let packet = match packet_type {
        CONNECT => decode_connect(&mut r)?,
        CONNACK => {
            let ack_flags = r.u8()?;
            if ack_flags & 0xfe != 0 {
                return Err(ProtocolError::Malformed("CONNACK reserved bits set")); // 3.2.2.1
            }
            Packet::Connack {
                session_present: ack_flags & 1 == 1,
                return_code: r.u8()?,
            }
        }
        PUBLISH => {
            let qos = (flags >> 1) & 0b11;
            let topic = r.string()?;
            if !valid_topic_name(&topic) {
                return Err(ProtocolError::BadTopic); // 3.3.2-2
            }
            // 3.3.2.2: the packet identifier is there only at QoS 1 and 2.
            let packet_id = if qos > 0 { Some(r.packet_id()?) } else { None };
            Packet::Publish {
                dup: flags & 0b1000 != 0,
                qos,
                retain: flags & 0b0001 != 0,
                topic,
                packet_id,
                payload: r.rest().to_vec(), // 3.3.3: the rest, possibly empty
            }
        }
        PUBACK => Packet::Puback {
            packet_id: r.packet_id()?,
        },
        SUBSCRIBE => {
            let packet_id = r.packet_id()?;
            let mut filters = Vec::new();
            while !r.buf.is_empty() {
                let filter = r.string()?;
                if !valid_topic_filter(&filter) {
                    return Err(ProtocolError::BadFilter); // 4.7.1
                }
                let qos = r.u8()?;
                if qos > 2 {
                    // 3.8.3-4: the upper 6 bits are reserved, and QoS 3 does not exist.
                    return Err(ProtocolError::Malformed("SUBSCRIBE requested QoS byte"));
                }
                filters.push((filter, qos));
            }
            if filters.is_empty() {
                return Err(ProtocolError::Malformed("SUBSCRIBE without a filter")); // 3.8.3-3
            }
            Packet::Subscribe { packet_id, filters }
        }
        SUBACK => {
            let packet_id = r.packet_id()?;
            let return_codes = r.rest().to_vec();
            if return_codes.iter().any(|&c| c > 2 && c != 0x80) {
                return Err(ProtocolError::Malformed("SUBACK return code")); // 3.9.3
            }
            Packet::Suback {
                packet_id,
                return_codes,
            }
        }
        UNSUBSCRIBE => {
            let packet_id = r.packet_id()?;
            let mut filters = Vec::new();
            while !r.buf.is_empty() {
                let filter = r.string()?;
                if !valid_topic_filter(&filter) {
                    return Err(ProtocolError::BadFilter);
                }
                filters.push(filter);
            }
            if filters.is_empty() {
                return Err(ProtocolError::Malformed("UNSUBSCRIBE without a filter")); // 3.10.3-2
            }
            Packet::Unsubscribe { packet_id, filters }
        }
        UNSUBACK => Packet::Unsuback {
            packet_id: r.packet_id()?,
        },
        PINGREQ => Packet::Pingreq,
        PINGRESP => Packet::Pingresp,
        DISCONNECT => Packet::Disconnect,
        other => return Err(ProtocolError::UnsupportedType(other)),
    };
    r.end()?;
    Ok(packet)
}

/// 3.1.2 and 3.1.3: the variable header, then the payload whose fields the flags announce.
fn decode_connect(r: &mut Reader<'_>) -> Result<Packet, ProtocolError> {
    // 3.1.2.1: the protocol name is checked first, then 3.1.2.2: the level. A level other than
    // 4 stops the decoding there, since another level's layout may differ (5 adds
    // properties): the broker answers return code 1 with what it has.
    if r.string()? != "MQTT" {
        return Err(ProtocolError::BadProtocolName);
    }
    let level = r.u8()?;
    if level != 4 {
        return Err(ProtocolError::UnsupportedLevel(level));
    }
    let flags = r.u8()?;
    if flags & 0b0000_0001 != 0 {
        return Err(ProtocolError::Malformed("CONNECT reserved flag set")); // 3.1.2-3
    }
    let clean_session = flags & 0b0000_0010 != 0;
    let will_flag = flags & 0b0000_0100 != 0;
    let will_qos = (flags >> 3) & 0b11;
    let will_retain = flags & 0b0010_0000 != 0;
    let password_flag = flags & 0b0100_0000 != 0;
    let username_flag = flags & 0b1000_0000 != 0;
    if will_qos == 3 {
        return Err(ProtocolError::Malformed("CONNECT will QoS 3")); // 3.1.2-14
    }
    if !will_flag && (will_qos != 0 || will_retain) {
        return Err(ProtocolError::Malformed(
            "CONNECT will QoS or retain without a will",
        )); // 3.1.2-13, 3.1.2-15
    }
    if password_flag && !username_flag {
        return Err(ProtocolError::Malformed(
            "CONNECT password without a user name",
        )); // 3.1.2-22
    }
    let keep_alive = r.u16()?;
    // 3.1.3-1: client id, will topic, will message, user name, password, in that order.
    let client_id = r.string()?;
    let will = if will_flag {
        let topic = r.string()?;
        if !valid_topic_name(&topic) {
            return Err(ProtocolError::BadTopic);
        }
        Some(Will {
            topic,
            payload: r.binary()?,
            qos: will_qos,
            retain: will_retain,
        })
    } else {
        None
    };
    let username = if username_flag {
        Some(r.string()?)
    } else {
        None
    };
    let password = if password_flag {
        Some(r.binary()?)
    } else {
        None
    };
    Ok(Packet::Connect {
        clean_session,
        keep_alive,
        client_id,
        will,
        username,
        password,
    })
}

/// Append `packet`'s bytes to `out`: the fixed header (type, flags, remaining length), then
/// the variable header and the payload.
pub fn encode(packet: &Packet, out: &mut Vec<u8>) {
    let mut body = Vec::new();
    let first = match packet {
        Packet::Connect {
            clean_session,
            keep_alive,
            client_id,
            will,
            username,
            password,
        } => {
            put_str(&mut body, "MQTT");
            body.push(4);
            let mut flags = 0u8;
            if *clean_session {
                flags |= 0b10;
            }
            if let Some(w) = will {
                flags |= 0b100 | (w.qos << 3);
                if w.retain {
                    flags |= 0b10_0000;
                }
            }
            if password.is_some() {
                flags |= 0b100_0000;
            }
            if username.is_some() {
                flags |= 0b1000_0000;
            }
            body.push(flags);
            body.extend_from_slice(&keep_alive.to_be_bytes());
            put_str(&mut body, client_id);
            if let Some(w) = will {
                put_str(&mut body, &w.topic);
                put_bytes(&mut body, &w.payload);
            }
            if let Some(u) = username {
                put_str(&mut body, u);
            }
            if let Some(p) = password {
                put_bytes(&mut body, p);
            }
            CONNECT << 4
        }
        Packet::Connack {
            session_present,
            return_code,
        } => {
            body.push(u8::from(*session_present));
            body.push(*return_code);
            CONNACK << 4
        }
        Packet::Publish {
            dup,
            qos,
            retain,
            topic,
            packet_id,
            payload,
        } => {
            put_str(&mut body, topic);
            if let Some(id) = packet_id {
                body.extend_from_slice(&id.to_be_bytes());
            }
            body.extend_from_slice(payload);
            (PUBLISH << 4) | (u8::from(*dup) << 3) | (qos << 1) | u8::from(*retain)
        }
        Packet::Puback { packet_id } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            PUBACK << 4
        }
        Packet::Subscribe { packet_id, filters } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            for (filter, qos) in filters {
                put_str(&mut body, filter);
                body.push(*qos);
            }
            (SUBSCRIBE << 4) | 0b0010
        }
        Packet::Suback {
            packet_id,
            return_codes,
        } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            body.extend_from_slice(return_codes);
            SUBACK << 4
        }
        Packet::Unsubscribe { packet_id, filters } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            for filter in filters {
                put_str(&mut body, filter);
            }
            (UNSUBSCRIBE << 4) | 0b0010
        }
        Packet::Unsuback { packet_id } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            UNSUBACK << 4
        }
        Packet::Pingreq => PINGREQ << 4,
        Packet::Pingresp => PINGRESP << 4,
        Packet::Disconnect => DISCONNECT << 4,
    };
    out.push(first);
    encode_remaining_length(body.len(), out);
    out.extend_from_slice(&body);
}

/// 1.5.3: a 2-byte big-endian length, then the UTF-8 bytes (at most 65,535).
fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    let len = u16::try_from(b.len()).expect("MQTT strings hold at most 65,535 bytes");
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b);
}

/// A topic name, as a PUBLISH (or a will) carries it: at least one character (4.7.3-1) and
/// no wildcard (3.3.2-2, 4.7.1-1). Validity as UTF-8 without U+0000 is the decoder's.
pub fn valid_topic_name(topic: &str) -> bool {
    !topic.is_empty() && !topic.contains(['+', '#'])
}

/// A topic filter, as a SUBSCRIBE or UNSUBSCRIBE carries it: at least one character
/// (4.7.3-1); `#` alone in its level and in the last one (4.7.1-2); `+` alone in its level
/// (4.7.1-3). So `a/#/b`, `a#`, `#a`, `a+` and `+a` are invalid; `+`, `#`, `a/+/b`, `/+`,
/// `+/#` are valid.
pub fn valid_topic_filter(filter: &str) -> bool {
    if filter.is_empty() {
        return false;
    }
    let levels: Vec<&str> = filter.split('/').collect();
    let last = levels.len() - 1;
    levels.iter().enumerate().all(|(i, level)| match *level {
        "#" => i == last,
        "+" => true,
        other => !other.contains(['+', '#']),
    })
}

/// The codec's tests: `cargo test -p day8-device --lib`.
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
    fn round_trip() {
        for p in samples() {
            let bytes = encoded(&p);
            assert_eq!(decode(&bytes), Ok(Some((p.clone(), bytes.len()))), "{p:?}");
        }
    }

    #[test]
    fn empty_packets_have_remaining_length_zero() {
        assert_eq!(encoded(&Packet::Pingreq), [0xc0, 0x00]);
        assert_eq!(encoded(&Packet::Pingresp), [0xd0, 0x00]);
        assert_eq!(encoded(&Packet::Disconnect), [0xe0, 0x00]);
    }

    #[test]
    fn the_device_connect_byte_for_byte() {
        // Clean session 0, a will `offline` on `devices/d1/status` at QoS 1, retained: flags 0x2c.
        let connect = Packet::Connect {
            clean_session: false,
            keep_alive: 30,
            client_id: "d1".into(),
            will: Some(Will {
                topic: "devices/d1/status".into(),
                payload: b"offline".to_vec(),
                qos: 1,
                retain: true,
            }),
            username: None,
            password: None,
        };
        let mut expected = vec![0x10, 42, 0, 4, b'M', b'Q', b'T', b'T', 4, 0x2c, 0, 30, 0, 2];
        expected.extend_from_slice(b"d1\0\x11devices/d1/status\0\x07offline");
        assert_eq!(encoded(&connect), expected);
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
}
