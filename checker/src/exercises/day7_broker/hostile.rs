//! Packets out of a byte stream (2.2), and what devices that misbehave send (4.8): each breaks
//! only its own connection, whose will goes out; the broker serves the others.

use std::time::Duration;

use super::{CLOSE_WITHIN, broker, online, soon, with_will};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::observe::wire::mqtt::packet::remaining_length;
use crate::observe::wire::mqtt::{Device, Packet};

pub fn byte_at_a_time(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut watcher = online(ctx, &t, &s, "watcher")?;
    watcher.subscribe(&[("slow/#", 0), ("fast/#", 0)], soon(ctx))?;
    // CONNECT and a QoS 1 PUBLISH, one byte a write, each write its own segment (TCP_NODELAY).
    let mut slow = Device::connect(&t, "device slow", s.port, soon(ctx))?;
    let connect = Packet::Connect {
        clean_session: true,
        keep_alive: 0,
        client_id: "slow".into(),
        will: None,
    };
    let publish = Packet::publish("slow/bytes", b"one at a time", 1, false, 5);
    for packet in [&connect, &publish] {
        for byte in packet.encode() {
            slow.send_raw(&[byte], format!("1 byte of {packet}"), soon(ctx));
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    let accepted = Packet::Connack {
        session_present: false,
        return_code: 0,
    };
    slow.expect(&accepted, msg!("mqtt-clause-in-pieces"), soon(ctx))?;
    slow.expect(&Packet::Puback { packet_id: 5 }, "2.2, 3.3.4", soon(ctx))?;
    watcher.expect_message("slow/bytes", b"one at a time", "2.2", soon(ctx))?;
    // CONNECT, SUBSCRIBE, two PUBLISHes and a PINGREQ in one write.
    let mut fast = Device::connect(&t, "device fast", s.port, soon(ctx))?;
    let together = [
        Packet::Connect {
            clean_session: true,
            keep_alive: 0,
            client_id: "fast".into(),
            will: None,
        },
        Packet::Subscribe {
            packet_id: 2,
            filters: vec![("fast/#".into(), 0)],
        },
        Packet::publish("fast/1", b"a", 1, false, 3),
        Packet::publish("fast/2", b"b", 0, false, 0),
        Packet::Pingreq,
    ];
    fast.send_together(&together, soon(ctx))?;
    fast.expect(
        &accepted,
        msg!("mqtt-clause-several-in-one-read"),
        soon(ctx),
    )?;
    let suback = Packet::Suback {
        packet_id: 2,
        return_codes: vec![0],
    };
    fast.expect(&suback, "3.9", soon(ctx))?;
    // Its own messages come back to it (it subscribed), in the order published, the PUBACK
    // and the PINGRESP anywhere among them.
    let mut due = vec![
        Packet::publish("fast/1", b"a", 0, false, 0),
        Packet::publish("fast/2", b"b", 0, false, 0),
    ];
    let mut replies = vec![Packet::Puback { packet_id: 3 }, Packet::Pingresp];
    while !due.is_empty() || !replies.is_empty() {
        let next = due
            .first()
            .or(replies.first())
            .map(|p| p.to_string())
            .unwrap_or_default();
        let got = fast.recv(&next, "2.2", soon(ctx))?;
        if due.first() == Some(&got) {
            due.remove(0);
        } else if let Some(i) = replies.iter().position(|p| *p == got) {
            replies.remove(i);
        } else {
            return Err(fast.unexpected(&got, &next, "2.2, 4.6"));
        }
    }
    watcher.expect_message("fast/1", b"a", "2.2", soon(ctx))?;
    watcher.expect_message("fast/2", b"b", "2.2", soon(ctx))?;
    Ok(())
}

/// Bytes no broker may take: what they are (a message id; its id is the will's payload too),
/// the rule they break, the bytes.
fn hostile() -> Vec<(&'static str, Text, Vec<u8>)> {
    let mut oversize = vec![0x30];
    remaining_length(300 * 1024, &mut oversize);
    oversize.extend_from_slice(&[0, 1, b't']);
    vec![
        (
            "mqtt-what-5-byte-length",
            "2.2.3".into(),
            vec![0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
        ),
        (
            "mqtt-what-oversize",
            msg!("mqtt-clause-size-limit"),
            oversize,
        ),
        (
            "mqtt-what-not-utf8",
            "1.5.3".into(),
            vec![0x30, 0x04, 0x00, 0x02, 0xc3, 0x28],
        ),
        (
            "mqtt-what-nul",
            "1.5.3-2".into(),
            vec![0x30, 0x04, 0x00, 0x02, b'a', 0x00],
        ),
        ("mqtt-what-type-15", "2.2.1".into(), vec![0xf0, 0x00]),
        ("mqtt-what-garbage", "4.8".into(), vec![0xff; 64]),
    ]
}

pub fn hostile_input(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut watcher = online(ctx, &t, &s, "watcher")?;
    watcher.subscribe(&[("wills/#", 0)], soon(ctx))?;
    for (i, (what, clause, bytes)) in hostile().into_iter().enumerate() {
        let id = format!("hostile-{i}");
        let mut d = with_will(ctx, &t, &s, &id, 0, what)?;
        d.send_raw(&bytes, Text::msg(what, Vec::new()), soon(ctx));
        d.expect_closed(Text::msg(what, Vec::new()), clause, CLOSE_WITHIN)?;
        let will = format!("wills/{id}");
        watcher.expect_message(&will, what.as_bytes(), "3.1.2-8, 4.8", soon(ctx))?;
    }
    // A packet cut short, then EOF.
    let mut d = with_will(ctx, &t, &s, "cut", 0, "cut short")?;
    d.send_raw(&[0x30, 0x10, 0x00], "PUBLISH 3/18", soon(ctx));
    d.close();
    watcher.expect_message("wills/cut", b"cut short", "3.1.2-8", soon(ctx))?;
    // The broker still serves the others.
    watcher.send(&Packet::Pingreq, soon(ctx))?;
    watcher.expect(
        &Packet::Pingresp,
        msg!("mqtt-clause-only-offender"),
        soon(ctx),
    )
}
