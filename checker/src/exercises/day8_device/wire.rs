//! The broker's side of one connection from the device: every byte in the transcript, packets
//! read whole and decoded strictly as a client sends them (the codec of `observe::wire::mqtt`
//! decodes what a broker sends), each also noted decoded (`connection 2 ← PUBLISH qos=1 id=3
//! dup topic=… "r1"`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};
use crate::observe::wire::conn::{gave_up, stuck_failure, where_it_waits};
use crate::observe::wire::mqtt::packet::type_name;
use crate::observe::wire::mqtt::{Packet, Will};
use crate::observe::wire::{Conn, Transcript};

/// What a wait on the device found.
#[derive(Debug)]
pub enum Heard {
    Packet(Packet),
    /// EOF or a reset: the device closed the connection.
    Closed,
    /// Nothing within the wait.
    Silent,
}

/// One connection of the device, accepted by the checker's broker.
pub struct Link {
    conn: Conn,
    unread: Vec<u8>,
    /// The connection's number in the test, from 1.
    pub n: usize,
    t: Arc<Transcript>,
    /// When the broker last sent something on it (a refusal, a close): the device's wait
    /// before its next attempt starts no earlier.
    pub last_sent: Instant,
}

impl Link {
    pub fn new(conn: Conn, n: usize, t: &Arc<Transcript>) -> Link {
        conn.set_nodelay();
        Link {
            conn,
            unread: Vec::new(),
            n,
            t: Arc::clone(t),
            last_sent: Instant::now(),
        }
    }

    pub fn who(&self) -> &str {
        &self.conn.who
    }

    /// Send a packet, noted decoded.
    pub fn send(&mut self, p: &Packet, deadline: Instant) -> Result<(), Failure> {
        self.t.note(&self.conn.who, Text::Plain(format!("→ {p}")));
        self.last_sent = Instant::now();
        // A device that has already closed may make the send fail: what counts is what the
        // next read finds.
        match self.conn.send(&p.encode(), deadline) {
            Err(f) if f.kind == Some(Kind::Timeout) => Err(f),
            _ => Ok(()),
        }
    }

    /// The bytes of the next whole packet, undecoded (CONNECT, compared byte for byte).
    pub fn raw(
        &mut self,
        expecting: impl Into<Text>,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Vec<u8>, Failure> {
        let (expecting, clause) = (expecting.into(), clause.into());
        loop {
            if let Some(len) = frame_len(&self.unread).map_err(|e| self.malformed(e))? {
                let bytes: Vec<u8> = self.unread.drain(..len).collect();
                return Ok(bytes);
            }
            match self.read(&expecting, &clause, deadline)? {
                true => {}
                false => return Err(self.closed_instead(expecting, clause)),
            }
        }
    }

    /// The next packet, which must come before `deadline` (`expecting` names it for the
    /// report, `clause` the rule that makes it due).
    pub fn next(
        &mut self,
        expecting: impl Into<Text>,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Packet, Failure> {
        let (expecting, clause) = (expecting.into(), clause.into());
        match self.hear(&expecting, &clause, deadline)? {
            Heard::Packet(p) => Ok(p),
            Heard::Closed => Err(self.closed_instead(expecting, clause)),
            Heard::Silent => Err(self.nothing_came(expecting, clause, None)),
        }
    }

    /// The next packet, the device's close, or silence until `deadline`; a device found stuck
    /// ends the wait with where it sleeps.
    pub fn hear(
        &mut self,
        expecting: &Text,
        clause: &Text,
        deadline: Instant,
    ) -> Result<Heard, Failure> {
        loop {
            if let Some(p) = self.decoded()? {
                return Ok(Heard::Packet(p));
            }
            if Instant::now() >= deadline {
                return Ok(Heard::Silent);
            }
            match self.read(expecting, clause, deadline) {
                Ok(true) => {}
                Ok(false) => return Ok(Heard::Closed),
                Err(f) if f.kind == Some(Kind::Timeout) && !f.is_stuck() => {
                    return Ok(Heard::Silent);
                }
                Err(f) => return Err(f),
            }
        }
    }

    /// Wait at most `wait` for a packet or the close, without asking whether the device is
    /// stuck: a window in which something must not come.
    pub fn listen(&mut self, wait: Duration) -> Result<Heard, Failure> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(p) = self.decoded()? {
                return Ok(Heard::Packet(p));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if !self.conn.readable_within(left) {
                return Ok(Heard::Silent);
            }
            match self
                .conn
                .recv_some(65536, Instant::now() + Duration::from_millis(100))
            {
                Ok(bytes) if bytes.is_empty() => return Ok(Heard::Closed),
                Ok(bytes) => self.unread.extend_from_slice(&bytes),
                Err(f) if f.kind == Some(Kind::Reset) => return Ok(Heard::Closed),
                Err(f) if f.kind == Some(Kind::Timeout) => {}
                Err(f) => return Err(f),
            }
        }
    }

    /// Read what comes: true for bytes, false for the device's close (EOF or reset).
    fn read(
        &mut self,
        expecting: &Text,
        clause: &Text,
        deadline: Instant,
    ) -> Result<bool, Failure> {
        match self.conn.recv_some(65536, deadline) {
            Ok(bytes) if bytes.is_empty() => Ok(false),
            Ok(bytes) => {
                self.unread.extend_from_slice(&bytes);
                Ok(true)
            }
            Err(f) if f.kind == Some(Kind::Reset) => Ok(false),
            Err(f) if f.kind == Some(Kind::Timeout) && f.is_stuck() => {
                Err(self.nothing_came(expecting.clone(), clause.clone(), Some(&f)))
            }
            Err(f) => Err(f),
        }
    }

    /// The failure of a wait for `expecting` that ran out, or found the device stuck (`from`
    /// says where it sleeps).
    pub fn nothing_came(&self, expecting: Text, clause: Text, from: Option<&Failure>) -> Failure {
        let waited = Failure::of_kind(
            Kind::Timeout,
            msg!(
                "device-nothing-came",
                who = self.who(),
                expected = expecting,
                clause = clause
            ),
        );
        let waited = match from {
            Some(f) => where_it_waits(f, waited),
            None => match self.t.stuck() {
                Some(stuck) => {
                    self.t.note(self.who(), gave_up(&stuck));
                    where_it_waits(&stuck_failure(self.who(), stuck), waited)
                }
                None => match self.t.program_now() {
                    Some(now) => {
                        waited.whereabouts(crate::base::verdict::Whereabouts::WhenTimeRanOut, now)
                    }
                    None => waited,
                },
            },
        };
        self.t.attach(waited)
    }

    /// The device closed the connection where `expected` was due.
    pub fn closed_instead(&self, expected: Text, clause: Text) -> Failure {
        self.t.attach(Failure::wrong(msg!(
            "device-closed-instead",
            who = self.who(),
            expected = expected,
            clause = clause
        )))
    }

    /// A packet that is not the one due: what the device did wrong on the wire, proven by
    /// the packet itself whatever the timing.
    pub fn unexpected(
        &self,
        got: &Packet,
        expected: impl Into<Text>,
        clause: impl Into<Text>,
    ) -> Failure {
        self.t
            .attach(Failure::wrong(msg!(
                "device-expected-got",
                who = self.who(),
                expected = expected.into(),
                got = got.to_string(),
                clause = clause.into()
            )))
            .proven()
    }

    /// `expected` and `got` as bytes too: where a flag or a length differs, the diff shows it.
    pub fn mismatch(&self, summary: Text, expected: &[u8], got: &[u8]) -> Failure {
        self.conn.mismatch(summary, expected, got).proven()
    }

    /// Send a FIN, and go on reading what the device still sends.
    pub fn shut_down(&mut self) {
        self.conn.shutdown_write();
    }

    /// Close with a RST.
    pub fn reset(self) {
        self.conn.reset();
    }

    pub fn note(&self, text: impl Into<Text>) {
        self.t.note(&self.conn.who, text);
    }

    /// The next whole packet among the bytes read, noted; a malformed one fails.
    fn decoded(&mut self) -> Result<Option<Packet>, Failure> {
        match decode(&self.unread) {
            Ok(Some((p, n))) => {
                self.unread.drain(..n);
                self.t.note(&self.conn.who, Text::Plain(format!("← {p}")));
                Ok(Some(p))
            }
            Ok(None) => Ok(None),
            Err(error) => Err(self.malformed(error)),
        }
    }

    fn malformed(&self, error: Text) -> Failure {
        self.t
            .attach(Failure::wrong(msg!(
                "device-malformed",
                who = self.who(),
                error = error
            )))
            .proven()
    }
}

/// The length of the whole packet at the start of `buf`, once it has all come.
fn frame_len(buf: &[u8]) -> Result<Option<usize>, Text> {
    let mut len = 0usize;
    let mut at = 1;
    loop {
        let Some(&b) = buf.get(at) else {
            return Ok(None);
        };
        len += usize::from(b & 0x7f) << (7 * (at - 1));
        at += 1;
        if b & 0x80 == 0 {
            break;
        }
        if at == 5 {
            return Err(msg!("mqtt-length-too-long"));
        }
    }
    Ok((buf.len() >= at + len).then_some(at + len))
}

/// Decode the packet a device sent at the start of `buf`: `Ok(None)` if it is not whole yet,
/// `Ok(Some((packet, its length)))`, or which rule of 3.1.1 the bytes break (a packet a
/// client never sends, or one outside the lab's subset, is one).
pub fn decode(buf: &[u8]) -> Result<Option<(Packet, usize)>, Text> {
    let Some(total) = frame_len(buf)? else {
        return Ok(None);
    };
    let (first, mut at) = (buf[0], 2);
    while buf[at - 1] & 0x80 != 0 {
        at += 1;
    }
    let body = &buf[at..total];
    let (kind, flags) = (first >> 4, first & 0x0f);
    let fixed = |name: &str, want_len: usize| {
        if flags != 0 {
            return Err(msg!(
                "mqtt-bad-flags",
                packet = name,
                flags = format!("{flags:04b}"),
                want = "0000"
            ));
        }
        if body.len() != want_len {
            return Err(msg!(
                "mqtt-bad-length",
                packet = name,
                len = body.len().to_string(),
                want = want_len.to_string()
            ));
        }
        Ok(())
    };
    let id = |b: &[u8]| u16::from_be_bytes([b[0], b[1]]);
    let packet = match kind {
        1 => connect(flags, body)?,
        3 => publish(flags, body)?,
        4 => {
            fixed("PUBACK", 2)?;
            Packet::Puback {
                packet_id: id(body),
            }
        }
        8 => subscribe(flags, body)?,
        12 => {
            fixed("PINGREQ", 0)?;
            Packet::Pingreq
        }
        14 => {
            fixed("DISCONNECT", 0)?;
            Packet::Disconnect
        }
        other => {
            return Err(msg!(
                "device-not-from-a-device",
                kind = other.to_string(),
                name = type_name(other)
            ));
        }
    };
    Ok(Some((packet, total)))
}

/// A length-prefixed string at `at` (1.5.3), and where the next field starts.
fn string(body: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len = usize::from(u16::from_be_bytes([*body.get(at)?, *body.get(at + 1)?]));
    Some((body.get(at + 2..at + 2 + len)?, at + 2 + len))
}

/// CONNECT in the lab's subset (no user name, no password), as `Packet::Connect`.
fn connect(flags: u8, body: &[u8]) -> Result<Packet, Text> {
    let bad = || msg!("device-bad-connect");
    if flags != 0 {
        return Err(bad());
    }
    let (name, at) = string(body, 0).ok_or_else(bad)?;
    let (level, connect_flags) = (
        *body.get(at).ok_or_else(bad)?,
        *body.get(at + 1).ok_or_else(bad)?,
    );
    if name != b"MQTT" || level != 4 || connect_flags & 0b1100_0001 != 0 {
        return Err(bad());
    }
    let keep_alive = u16::from_be_bytes([
        *body.get(at + 2).ok_or_else(bad)?,
        *body.get(at + 3).ok_or_else(bad)?,
    ]);
    let (client_id, mut at) = string(body, at + 4).ok_or_else(bad)?;
    let client_id = String::from_utf8_lossy(client_id).into_owned();
    let will = if connect_flags & 0b100 != 0 {
        let (topic, next) = string(body, at).ok_or_else(bad)?;
        let (payload, next) = string(body, next).ok_or_else(bad)?;
        at = next;
        Some(Will {
            topic: String::from_utf8_lossy(topic).into_owned(),
            payload: payload.to_vec(),
            qos: (connect_flags >> 3) & 0b11,
            retain: connect_flags & 0b10_0000 != 0,
        })
    } else {
        None
    };
    if at != body.len() {
        return Err(bad());
    }
    Ok(Packet::Connect {
        clean_session: connect_flags & 0b10 != 0,
        keep_alive,
        client_id,
        will,
    })
}

fn publish(flags: u8, body: &[u8]) -> Result<Packet, Text> {
    let (dup, qos, retain) = (flags & 0b1000 != 0, (flags >> 1) & 0b11, flags & 1 != 0);
    if qos == 3 {
        return Err(msg!("mqtt-publish-qos3"));
    }
    if dup && qos == 0 {
        return Err(msg!("mqtt-publish-dup-qos0"));
    }
    let short = || msg!("mqtt-publish-cut", bytes = body.len().to_string());
    let (topic, mut at) = string(body, 0).ok_or_else(short)?;
    let topic = std::str::from_utf8(topic).map_err(|_| msg!("mqtt-publish-not-utf8"))?;
    if topic.is_empty() {
        return Err(msg!("mqtt-publish-empty-topic"));
    }
    if topic.contains(['+', '#']) {
        return Err(msg!("mqtt-publish-wildcard", topic = format!("{topic:?}")));
    }
    let packet_id = if qos > 0 {
        let b = body.get(at..at + 2).ok_or_else(short)?;
        at += 2;
        let id = u16::from_be_bytes([b[0], b[1]]);
        if id == 0 {
            return Err(msg!("mqtt-publish-id-0"));
        }
        Some(id)
    } else {
        None
    };
    Ok(Packet::Publish {
        dup,
        qos,
        retain,
        topic: topic.to_string(),
        packet_id,
        payload: body[at..].to_vec(),
    })
}

/// SUBSCRIBE: flags 0010 (3.8.1-1), a packet id, then filters each with a QoS byte (3.8.3).
fn subscribe(flags: u8, body: &[u8]) -> Result<Packet, Text> {
    let bad = || msg!("device-bad-subscribe", flags = format!("{flags:04b}"));
    if flags != 0b0010 || body.len() < 5 {
        return Err(bad());
    }
    let packet_id = u16::from_be_bytes([body[0], body[1]]);
    let mut filters = Vec::new();
    let mut at = 2;
    while at < body.len() {
        let (filter, next) = string(body, at).ok_or_else(bad)?;
        let qos = *body.get(next).ok_or_else(bad)?;
        filters.push((String::from_utf8_lossy(filter).into_owned(), qos));
        at = next + 1;
    }
    if packet_id == 0 {
        return Err(msg!("device-subscribe-id-0"));
    }
    Ok(Packet::Subscribe { packet_id, filters })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_device_sends_decodes_and_is_cut_anywhere() {
        let packets = [
            Packet::Connect {
                clean_session: false,
                keep_alive: 300,
                client_id: "d1".into(),
                will: Some(Will {
                    topic: "devices/d1/status".into(),
                    payload: b"offline".to_vec(),
                    qos: 1,
                    retain: true,
                }),
            },
            Packet::Publish {
                dup: true,
                qos: 1,
                retain: false,
                topic: "devices/d1/readings".into(),
                packet_id: Some(7),
                payload: vec![b'x'; 300],
            },
            Packet::Puback { packet_id: 9 },
            Packet::Subscribe {
                packet_id: 1,
                filters: vec![("devices/d1/cmd".into(), 1)],
            },
            Packet::Pingreq,
            Packet::Disconnect,
        ];
        for p in packets {
            let bytes = p.encode();
            assert_eq!(decode(&bytes), Ok(Some((p.clone(), bytes.len()))), "{p}");
            for cut in 0..bytes.len() {
                assert_eq!(decode(&bytes[..cut]), Ok(None), "{p} cut at {cut}");
            }
        }
        assert_eq!(
            Packet::Connect {
                clean_session: false,
                keep_alive: 1,
                client_id: "a".into(),
                will: Some(Will {
                    topic: "t".into(),
                    payload: vec![],
                    qos: 1,
                    retain: true
                })
            }
            .encode()[9],
            0x2c
        );
    }

    #[test]
    fn what_a_device_never_sends_is_named() {
        for bad in [
            &[0x20u8, 0x02, 0, 0][..],
            &[0x80, 0x05, 0, 1, 0, 0, 1],
            &[0xc1, 0],
        ] {
            assert!(decode(bad).is_err(), "{bad:02x?}");
        }
    }
}
