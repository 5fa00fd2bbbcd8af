//! The packets a device sends, decoded strictly (the codec of `observe::wire::mqtt` decodes
//! what a broker sends): CONNECT in the lab's subset, PUBLISH, PUBACK, SUBSCRIBE, PINGREQ and
//! DISCONNECT, each rule of 3.1.1 a device can break named.

use crate::base::i18n::{Text, msg};
use crate::observe::wire::mqtt::packet::type_name;
use crate::observe::wire::mqtt::{Packet, Will};

/// The length of the whole packet at the start of `buf`, once it has all come.
pub fn frame_len(buf: &[u8]) -> Result<Option<usize>, Text> {
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
