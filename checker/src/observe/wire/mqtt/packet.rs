//! MQTT 3.1.1 packets as the checker's devices speak them: encoded by hand (a test must also
//! send what no client library would: a CONNECT of level 3, a remaining length of 5 bytes),
//! and decoded strictly, every rule of a packet a broker sends checked, so that a broker's
//! framing bug shows as such. Section numbers are the OASIS standard's (29 October 2014).

use std::fmt;

use crate::base::i18n::{Text, msg};

/// A will message (3.1.2.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Will {
    pub topic: String,
    pub payload: Vec<u8>,
    pub qos: u8,
    pub retain: bool,
}

/// The control packets of the lab's subset (no QoS 2 flow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packet {
    Connect {
        clean_session: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
    },
    Connack {
        session_present: bool,
        return_code: u8,
    },
    Publish {
        dup: bool,
        qos: u8,
        retain: bool,
        topic: String,
        packet_id: Option<u16>,
        payload: Vec<u8>,
    },
    Puback {
        packet_id: u16,
    },
    Subscribe {
        packet_id: u16,
        filters: Vec<(String, u8)>,
    },
    Suback {
        packet_id: u16,
        return_codes: Vec<u8>,
    },
    Unsubscribe {
        packet_id: u16,
        filters: Vec<String>,
    },
    Unsuback {
        packet_id: u16,
    },
    Pingreq,
    Pingresp,
    Disconnect,
}

impl Packet {
    /// A PUBLISH from a device: a packet id exactly at QoS 1 and above (2.3.1).
    pub fn publish(topic: &str, payload: &[u8], qos: u8, retain: bool, id: u16) -> Packet {
        Packet::Publish {
            dup: false,
            qos,
            retain,
            topic: topic.to_string(),
            packet_id: (qos > 0).then_some(id),
            payload: payload.to_vec(),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let body = self.body();
        let mut out = vec![self.first_byte()];
        remaining_length(body.len(), &mut out);
        out.extend_from_slice(&body);
        out
    }

    /// The fixed header's first byte: the type, and the flags 2.2.2 gives it.
    fn first_byte(&self) -> u8 {
        match self {
            Packet::Connect { .. } => 0x10,
            Packet::Connack { .. } => 0x20,
            Packet::Publish {
                dup, qos, retain, ..
            } => 0x30 | (u8::from(*dup) << 3) | (qos << 1) | u8::from(*retain),
            Packet::Puback { .. } => 0x40,
            Packet::Subscribe { .. } => 0x82,
            Packet::Suback { .. } => 0x90,
            Packet::Unsubscribe { .. } => 0xa2,
            Packet::Unsuback { .. } => 0xb0,
            Packet::Pingreq => 0xc0,
            Packet::Pingresp => 0xd0,
            Packet::Disconnect => 0xe0,
        }
    }

    /// The variable header and the payload.
    fn body(&self) -> Vec<u8> {
        let mut body = Vec::new();
        match self {
            Packet::Connect {
                clean_session,
                keep_alive,
                client_id,
                will,
            } => connect_body(
                &mut body,
                *clean_session,
                *keep_alive,
                client_id,
                will.as_ref(),
            ),
            Packet::Connack {
                session_present,
                return_code,
            } => body.extend_from_slice(&[u8::from(*session_present), *return_code]),
            Packet::Publish {
                topic,
                packet_id,
                payload,
                ..
            } => {
                string(&mut body, topic.as_bytes());
                body.extend(packet_id.iter().flat_map(|id| id.to_be_bytes()));
                body.extend_from_slice(payload);
            }
            Packet::Puback { packet_id } | Packet::Unsuback { packet_id } => {
                body.extend_from_slice(&packet_id.to_be_bytes());
            }
            Packet::Subscribe { packet_id, filters } => {
                body.extend_from_slice(&packet_id.to_be_bytes());
                for (filter, qos) in filters {
                    string(&mut body, filter.as_bytes());
                    body.push(*qos);
                }
            }
            Packet::Suback {
                packet_id,
                return_codes,
            } => {
                body.extend_from_slice(&packet_id.to_be_bytes());
                body.extend_from_slice(return_codes);
            }
            Packet::Unsubscribe { packet_id, filters } => {
                body.extend_from_slice(&packet_id.to_be_bytes());
                for filter in filters {
                    string(&mut body, filter.as_bytes());
                }
            }
            Packet::Pingreq | Packet::Pingresp | Packet::Disconnect => {}
        }
        body
    }
}

/// CONNECT's variable header and payload (3.1.2, 3.1.3): protocol name and level 4, the flags,
/// the keep-alive, the client id, and the will's topic and message.
fn connect_body(
    body: &mut Vec<u8>,
    clean_session: bool,
    keep_alive: u16,
    client_id: &str,
    will: Option<&Will>,
) {
    string(body, b"MQTT");
    body.push(4);
    let mut flags = u8::from(clean_session) << 1;
    if let Some(w) = will {
        flags |= 0b100 | (w.qos << 3) | (u8::from(w.retain) << 5);
    }
    body.push(flags);
    body.extend_from_slice(&keep_alive.to_be_bytes());
    string(body, client_id.as_bytes());
    if let Some(w) = will {
        string(body, w.topic.as_bytes());
        string(body, &w.payload);
    }
}

/// A length-prefixed string (1.5.3).
fn string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u16).to_be_bytes());
    out.extend_from_slice(s);
}

/// The remaining length, 7 bits a byte, low first (2.2.3).
pub fn remaining_length(mut len: usize, out: &mut Vec<u8>) {
    loop {
        let byte = (len % 128) as u8;
        len /= 128;
        if len == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Decode the packet a broker sent at the start of `buf`: `Ok(None)` if it is not whole yet,
/// `Ok(Some((packet, its length)))`, or which rule of 3.1.1 the bytes break (a packet type a
/// broker never sends is one).
pub fn decode(buf: &[u8]) -> Result<Option<(Packet, usize)>, Text> {
    let Some(&first) = buf.first() else {
        return Ok(None);
    };
    let Some((len, at)) = remaining_length_in(buf)? else {
        return Ok(None);
    };
    let Some(body) = buf.get(at..at + len) else {
        return Ok(None);
    };
    let (kind, flags) = (first >> 4, first & 0x0f);
    let fixed = |name: &str, want_flags: u8, want_len: usize| {
        fixed_size(name, (flags, want_flags), (len, want_len))
    };
    let id = |b: &[u8]| u16::from_be_bytes([b[0], b[1]]);
    let packet = match kind {
        2 => {
            fixed("CONNACK", 0, 2)?;
            connack(body)?
        }
        3 => publish(flags, body)?,
        4 => {
            fixed("PUBACK", 0, 2)?;
            Packet::Puback {
                packet_id: id(body),
            }
        }
        9 => suback(flags, body)?,
        11 => {
            fixed("UNSUBACK", 0, 2)?;
            Packet::Unsuback {
                packet_id: id(body),
            }
        }
        13 => {
            fixed("PINGRESP", 0, 0)?;
            Packet::Pingresp
        }
        other => {
            return Err(msg!(
                "mqtt-not-from-a-broker",
                kind = other.to_string(),
                name = type_name(other)
            ));
        }
    };
    Ok(Some((packet, at + len)))
}

/// A packet of fixed flags and length (PUBACK, UNSUBACK, PINGRESP) with its `(flags, wanted)`
/// and `(length, wanted)`.
fn fixed_size(name: &str, flags: (u8, u8), len: (usize, usize)) -> Result<(), Text> {
    if flags.0 != flags.1 {
        return Err(msg!(
            "mqtt-bad-flags",
            packet = name,
            flags = format!("{:04b}", flags.0),
            want = format!("{:04b}", flags.1)
        ));
    }
    if len.0 != len.1 {
        return Err(msg!(
            "mqtt-bad-length",
            packet = name,
            len = len.0.to_string(),
            want = len.1.to_string()
        ));
    }
    Ok(())
}

/// The remaining length after the first byte (2.2.3), and where the variable header starts:
/// `Ok(None)` while its last byte has not come.
fn remaining_length_in(buf: &[u8]) -> Result<Option<(usize, usize)>, Text> {
    let mut len = 0usize;
    let mut at = 1;
    loop {
        let Some(&b) = buf.get(at) else {
            return Ok(None);
        };
        len += usize::from(b & 0x7f) << (7 * (at - 1));
        at += 1;
        if b & 0x80 == 0 {
            return Ok(Some((len, at)));
        }
        if at == 5 {
            return Err(msg!("mqtt-length-too-long"));
        }
    }
}

/// CONNACK's two bytes, its length checked (3.2.2).
fn connack(body: &[u8]) -> Result<Packet, Text> {
    if body[0] > 1 {
        return Err(msg!(
            "mqtt-connack-flags",
            flags = format!("{:08b}", body[0])
        ));
    }
    if body[1] > 5 {
        return Err(msg!("mqtt-connack-code", code = body[1].to_string()));
    }
    if body[0] == 1 && body[1] != 0 {
        return Err(msg!("mqtt-connack-refused-present"));
    }
    Ok(Packet::Connack {
        session_present: body[0] == 1,
        return_code: body[1],
    })
}

/// SUBACK: a packet id and a return code per filter (3.9).
fn suback(flags: u8, body: &[u8]) -> Result<Packet, Text> {
    let len = body.len();
    if flags != 0 || len < 3 {
        return Err(msg!(
            "mqtt-suback-shape",
            flags = format!("{flags:04b}"),
            len = len.to_string()
        ));
    }
    let codes = body[2..].to_vec();
    if let Some(c) = codes.iter().find(|&&c| !matches!(c, 0 | 1 | 2 | 0x80)) {
        return Err(msg!("mqtt-suback-code", code = format!("{c:#04x}")));
    }
    Ok(Packet::Suback {
        packet_id: u16::from_be_bytes([body[0], body[1]]),
        return_codes: codes,
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
    let topic_len = usize::from(u16::from_be_bytes([
        *body.first().ok_or_else(short)?,
        *body.get(1).ok_or_else(short)?,
    ]));
    let topic = body.get(2..2 + topic_len).ok_or_else(short)?;
    let topic = std::str::from_utf8(topic).map_err(|_| msg!("mqtt-publish-not-utf8"))?;
    if topic.is_empty() {
        return Err(msg!("mqtt-publish-empty-topic"));
    }
    if topic.contains(['+', '#']) {
        return Err(msg!("mqtt-publish-wildcard", topic = format!("{topic:?}")));
    }
    if topic.contains('\0') {
        return Err(msg!("mqtt-publish-nul"));
    }
    let mut at = 2 + topic_len;
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

pub fn type_name(kind: u8) -> &'static str {
    [
        "reserved",
        "CONNECT",
        "CONNACK",
        "PUBLISH",
        "PUBACK",
        "PUBREC",
        "PUBREL",
        "PUBCOMP",
        "SUBSCRIBE",
        "SUBACK",
        "UNSUBSCRIBE",
        "UNSUBACK",
        "PINGREQ",
        "PINGRESP",
        "DISCONNECT",
        "reserved",
    ][usize::from(kind & 0x0f)]
}

/// A payload as the transcript shows it: text in quotes, with escapes, cut after 40 bytes.
fn shown(payload: &[u8]) -> String {
    let cut = &payload[..payload.len().min(40)];
    let more = if payload.len() > cut.len() { "…" } else { "" };
    format!("\"{}\"{more}", crate::base::escape::bytes(cut))
}

/// A will as CONNECT's line shows it: `topic:"payload" qos=1`.
impl fmt::Display for Will {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}:{} qos={}",
            self.topic,
            shown(&self.payload),
            self.qos
        )
    }
}

/// As a transcript line reads: `PUBLISH qos=1 id=7 topic=sensors/3/temp "21.5"`.
impl fmt::Display for Packet {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Packet::Connect {
                clean_session,
                keep_alive,
                client_id,
                will,
            } => {
                write!(
                    f,
                    "CONNECT id={client_id:?} clean={} keep-alive={keep_alive}",
                    u8::from(*clean_session)
                )?;
                will.iter().try_for_each(|w| write!(f, " will={w}"))
            }
            Packet::Connack {
                session_present,
                return_code,
            } => write!(
                f,
                "CONNACK session-present={} rc={return_code}",
                u8::from(*session_present)
            ),
            Packet::Publish {
                dup,
                qos,
                retain,
                topic,
                packet_id,
                payload,
            } => {
                let id = packet_id.map(|id| format!(" id={id}")).unwrap_or_default();
                let dup = if *dup { " dup" } else { "" };
                let retain = if *retain { " retain" } else { "" };
                let payload = shown(payload);
                write!(
                    f,
                    "PUBLISH qos={qos}{id}{dup}{retain} topic={topic} {payload}"
                )
            }
            Packet::Puback { packet_id } | Packet::Unsuback { packet_id } => {
                write!(f, "{} id={packet_id}", type_name(self.first_byte() >> 4))
            }
            Packet::Subscribe { packet_id, filters } => {
                let filters: String = filters
                    .iter()
                    .map(|(t, q)| format!(" {t}:qos={q}"))
                    .collect();
                write!(f, "SUBSCRIBE id={packet_id}{filters}")
            }
            Packet::Suback {
                packet_id,
                return_codes,
            } => write!(f, "SUBACK id={packet_id} granted={return_codes:?}"),
            Packet::Unsubscribe { packet_id, filters } => {
                write!(f, "UNSUBSCRIBE id={packet_id} {}", filters.join(" "))
            }
            Packet::Pingreq | Packet::Pingresp | Packet::Disconnect => {
                f.write_str(type_name(self.first_byte() >> 4))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_lengths_at_every_edge() {
        for (len, bytes) in [
            (0, vec![0x00]),
            (127, vec![0x7f]),
            (128, vec![0x80, 0x01]),
            (321, vec![0xc1, 0x02]),
            (16_383, vec![0xff, 0x7f]),
            (16_384, vec![0x80, 0x80, 0x01]),
            (268_435_455, vec![0xff, 0xff, 0xff, 0x7f]),
        ] {
            let mut out = Vec::new();
            remaining_length(len, &mut out);
            assert_eq!(out, bytes, "{len}");
        }
    }

    #[test]
    fn what_a_broker_sends_decodes_and_is_cut_anywhere() {
        let packets = [
            Packet::Connack {
                session_present: true,
                return_code: 0,
            },
            Packet::Publish {
                dup: true,
                qos: 1,
                retain: false,
                topic: "a/b".into(),
                packet_id: Some(7),
                payload: vec![b'x'; 300],
            },
            Packet::publish("t", b"", 0, true, 0),
            Packet::Puback { packet_id: 9 },
            Packet::Suback {
                packet_id: 1,
                return_codes: vec![1, 0, 0x80],
            },
            Packet::Unsuback { packet_id: 4 },
            Packet::Pingresp,
        ];
        for p in packets {
            let bytes = p.encode();
            assert_eq!(decode(&bytes), Ok(Some((p.clone(), bytes.len()))), "{p}");
            for cut in 0..bytes.len() {
                assert_eq!(decode(&bytes[..cut]), Ok(None), "{p} cut at {cut}");
            }
        }
    }

    #[test]
    fn a_broker_s_framing_bugs_are_named() {
        let bad: [&[u8]; 6] = [
            &[0x20, 0x02, 0x02, 0x00],
            &[0x21, 0x02, 0x00, 0x00],
            &[0x36, 0x03, 0x00, 0x01, b'a'],
            &[0x38, 0x03, 0x00, 0x01, b'a'],
            &[0x10, 0x00],
            &[0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
        ];
        for b in bad {
            assert!(decode(b).is_err(), "{b:02x?}");
        }
    }

    #[test]
    fn a_publish_reads_as_the_transcript_shows_it() {
        let p = Packet::publish("sensors/3/temp", b"21.5", 1, false, 7);
        assert_eq!(
            p.to_string(),
            "PUBLISH qos=1 id=7 topic=sensors/3/temp \"21.5\""
        );
    }
}
