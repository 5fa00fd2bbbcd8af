//! PUBLISH and PUBACK (3.3, 3.4): delivery to the matching subscriptions, QoS downgraded to
//! the grant, the publisher's order kept, and the subset's QoS 2 (granted 1, published: closed).

use super::{CLOSE_WITHIN, broker, online, soon};
use crate::base::i18n::msg;
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::observe::wire::mqtt::{Device, Packet};

pub fn qos0(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut one = online(ctx, &t, &s, "one")?;
    one.subscribe(&[("sensors/1/temp", 0)], soon(ctx))?;
    let mut two = online(ctx, &t, &s, "two")?;
    two.subscribe(&[("sensors/2/temp", 0)], soon(ctx))?;
    let mut p = online(ctx, &t, &s, "publisher")?;
    p.publish("sensors/1/temp", b"21.5", 0, false, soon(ctx))?;
    p.publish("sensors/2/temp", b"19.0", 0, false, soon(ctx))?;
    // Byte for byte: topic, payload, QoS 0 (no packet id), no DUP, no retain.
    let due = Packet::publish("sensors/1/temp", b"21.5", 0, false, 0);
    one.expect(&due, "3.3.5", soon(ctx))?;
    // Device two's first message tells whether device one's reached it too.
    let due = Packet::publish("sensors/2/temp", b"19.0", 0, false, 0);
    two.expect(&due, msg!("mqtt-clause-only-matching"), soon(ctx))?;
    // A topic is UTF-8 (1.5.3), not ASCII: characters of 2, 3 and 4 bytes, each lead byte's
    // range from its first and last ends (U+0800, U+D7FF, U+E000, U+10000, U+10FFFD), are a
    // topic's as letters are. A check that refuses one closes a device that said °C or 온도.
    let wide = "sensors/°C/\u{7ff}/\u{800}/온도/\u{d7ff}/\u{e000}/\u{fffd}/\u{10000}/😀/\u{10fffd}";
    one.subscribe(&[(wide, 0)], soon(ctx))?;
    p.publish(wide, b"21.5", 0, false, soon(ctx))?;
    let due = Packet::publish(wide, b"21.5", 0, false, 0);
    one.expect(&due, "1.5.3, 3.3.5", soon(ctx))?;
    // The publisher subscribed to nothing: its PINGREQ's answer comes first.
    p.send(&Packet::Pingreq, soon(ctx))?;
    p.expect(
        &Packet::Pingresp,
        msg!("mqtt-clause-own-messages"),
        soon(ctx),
    )
}

pub fn qos1(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut sub = online(ctx, &t, &s, "subscriber")?;
    let granted = sub.subscribe(&[("q/one", 1), ("q/zero", 0)], soon(ctx))?;
    if granted != [1, 0] {
        let suback = Packet::Suback {
            packet_id: 1,
            return_codes: granted,
        };
        return Err(sub.unexpected(&suback, "SUBACK id=1 granted=[1, 0]", "3.9.3"));
    }
    let mut p = online(ctx, &t, &s, "publisher")?;
    // Each delivery at the lower of the published and the granted QoS (3.8.4).
    for (topic, qos, want) in [("q/one", 1, 1), ("q/zero", 1, 0), ("q/one", 0, 0)] {
        p.publish(topic, b"x", qos, false, soon(ctx))?;
        match sub.message(true, "3.3.5, 3.8.4", soon(ctx))? {
            Packet::Publish {
                topic: got_topic,
                qos: got_qos,
                retain: false,
                dup: false,
                ..
            } if got_topic == topic && got_qos == want => {}
            other => {
                let wanted = format!("PUBLISH qos={want} topic={topic} \"x\"");
                return Err(sub.unexpected(&other, &wanted, "3.3.5, 3.8.4"));
            }
        }
    }
    in_order_by_qos(ctx, &mut p, &mut sub)
}

/// 100 messages of alternating QoS sent at once: PUBACKs in the order received (4.6.0-2), the
/// messages of each QoS delivered in the order sent (4.6.0-6: a QoS 0 message may pass a QoS 1
/// one that waits, as in mosquitto, for room among the messages in flight).
fn in_order_by_qos(ctx: &Ctx, p: &mut Device, sub: &mut Device) -> TestResult {
    let burst: Vec<Packet> = (0..100u16)
        .map(|i| {
            Packet::publish(
                "q/one",
                i.to_string().as_bytes(),
                (i % 2) as u8,
                false,
                i + 1,
            )
        })
        .collect();
    p.send_together(&burst, soon(ctx))?;
    for i in (0..100u16).filter(|i| i % 2 == 1) {
        p.expect(
            &Packet::Puback { packet_id: i + 1 },
            "3.3.4, 4.6.0-2",
            soon(ctx),
        )?;
    }
    let mut next = [0u16, 1];
    while next[0] < 100 || next[1] < 100 {
        let got = sub.message(true, "4.6.0-6", soon(ctx))?;
        let in_order = match &got {
            Packet::Publish {
                topic,
                qos,
                payload,
                ..
            } if topic == "q/one" && *qos <= 1 => {
                let due = &mut next[usize::from(*qos)];
                let ok = *due < 100 && *payload == due.to_string().into_bytes();
                *due += 2;
                ok
            }
            _ => false,
        };
        if !in_order {
            let due: Vec<String> = next
                .iter()
                .zip(0..)
                .filter(|(n, _)| **n < 100)
                .map(|(n, qos)| format!("PUBLISH qos={qos} topic=q/one \"{n}\""))
                .collect();
            return Err(sub.unexpected(&got, due.join(" or "), "4.6.0-6"));
        }
    }
    Ok(())
}

pub fn qos2(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut sub = online(ctx, &t, &s, "subscriber")?;
    let granted = sub.subscribe(&[("q/two", 2)], soon(ctx))?;
    if granted != [1] {
        let suback = Packet::Suback {
            packet_id: 1,
            return_codes: granted,
        };
        return Err(sub.unexpected(
            &suback,
            "SUBACK id=1 granted=[1]",
            msg!("mqtt-clause-grant-at-most-1"),
        ));
    }
    let mut p = online(ctx, &t, &s, "publisher")?;
    p.send(&Packet::publish("q/two", b"x", 2, false, 3), soon(ctx))?;
    p.expect_closed(
        msg!("mqtt-what-qos2"),
        msg!("mqtt-clause-no-qos2"),
        CLOSE_WITHIN,
    )
}
