//! Topic filters (4.7): the wildcards, `$` topics, invalid filters, overlapping subscriptions,
//! and UNSUBSCRIBE (3.10, 3.11).

use super::{CLOSE_WITHIN, broker, online, soon};
use crate::base::i18n::msg;
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::observe::wire::mqtt::{Device, Packet};

/// The topic every subscriber of a test also takes: published last, it comes after whatever
/// the subscriber was due, and before anything it was not.
const END: &str = "end";

pub fn wildcards(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let cases: [(&str, &[&str], &[&str]); 4] = [
        ("plus", &["sensors/+/temp"], &["sensors/1/temp"]),
        (
            "hash",
            &["sensors/#"],
            &["sensors/1/temp", "sensors/1/hum", "sensors"],
        ),
        (
            "all",
            &["#", "+/load"],
            &["sensors/1/temp", "sensors/1/hum", "sensors"],
        ),
        ("dollar", &["$dev/#"], &["$dev/load"]),
    ];
    let mut subscribers = Vec::new();
    for (id, filters, _) in &cases {
        let mut d = online(ctx, &t, &s, id)?;
        let mut asked: Vec<(&str, u8)> = filters.iter().map(|f| (*f, 0)).collect();
        if !filters.contains(&"#") {
            asked.push((END, 0));
        }
        d.subscribe(&asked, soon(ctx))?;
        subscribers.push(d);
    }
    let mut p = online(ctx, &t, &s, "publisher")?;
    for topic in [
        "sensors/1/temp",
        "sensors/1/hum",
        "sensors",
        "$dev/load",
        END,
    ] {
        p.publish(topic, topic.as_bytes(), 0, false, soon(ctx))?;
    }
    for (d, (_, filters, due)) in subscribers.iter_mut().zip(&cases) {
        let clause = if filters.iter().any(|f| f.starts_with('$') || *f == "#") {
            "4.7.1, 4.7.2-1"
        } else {
            "4.7.1"
        };
        for topic in due.iter().chain(&[END]) {
            d.expect_message(topic, topic.as_bytes(), clause, soon(ctx))?;
        }
    }
    overlapping(ctx, &t, &s, &mut p)
}

/// Two filters of one device match a message: it comes once, at the highest QoS granted among
/// them (3.3.5-1 asks that QoS and allows more copies; the lab's contract, mosquitto 2.0 and the
/// reference send one). Each QoS has its own end marker, as a broker keeps order only among
/// messages of one QoS: a copy at QoS 1 comes before `end1`, one at QoS 0 before `end0`.
fn overlapping(
    ctx: &Ctx,
    t: &std::sync::Arc<crate::observe::wire::Transcript>,
    s: &crate::observe::wire::Server,
    p: &mut Device,
) -> TestResult {
    let mut d = online(ctx, t, s, "overlap")?;
    d.subscribe(
        &[("a/#", 0), ("a/+", 1), ("end1", 1), ("end0", 0)],
        soon(ctx),
    )?;
    p.publish("a/b", b"both", 1, false, soon(ctx))?;
    p.publish("end1", b"end", 1, false, soon(ctx))?;
    p.publish("end0", b"end", 0, false, soon(ctx))?;
    let mut copies = Vec::new();
    let mut ends = 0;
    while ends < 2 {
        match d.message(true, "3.3.5-1", soon(ctx))? {
            Packet::Publish { topic, .. } if topic.starts_with("end") => ends += 1,
            Packet::Publish {
                topic,
                payload,
                qos,
                ..
            } if topic == "a/b" && payload == b"both" => copies.push(qos),
            other => {
                return Err(d.unexpected(&other, "PUBLISH topic=a/b \"both\"", "3.3.5-1"));
            }
        }
    }
    if copies == [1] {
        return Ok(());
    }
    let got = format!("{} copies of a/b, at QoS {copies:?}", copies.len());
    Err(t.attach(crate::base::verdict::Failure::wrong(
        crate::base::i18n::msg!(
            "mqtt-expected-got",
            who = d.who(),
            expected = "one PUBLISH qos=1 topic=a/b \"both\"",
            got = got,
            clause = "3.3.5-1 and the lab's contract: one copy, at the highest QoS granted"
        ),
    )))
}

pub fn bad_filters(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    for (filter, clause) in [("a/#/b", "4.7.1-2"), ("a+", "4.7.1-3"), ("#a", "4.7.1-2")] {
        let mut d = online(ctx, &t, &s, &format!("filter {filter}"))?;
        let subscribe = Packet::Subscribe {
            packet_id: 1,
            filters: vec![(filter.to_string(), 0)],
        };
        d.send(&subscribe, soon(ctx))?;
        d.expect_closed(
            msg!("mqtt-what-filter", filter = filter),
            clause,
            CLOSE_WITHIN,
        )?;
    }
    let mut d = online(ctx, &t, &s, "wildcard topic")?;
    d.send(&Packet::publish("a/+", b"x", 0, false, 0), soon(ctx))?;
    d.expect_closed(
        msg!("mqtt-what-wildcard-topic", topic = "a/+"),
        "3.3.2-2",
        CLOSE_WITHIN,
    )
}

pub fn unsubscribe(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut d = online(ctx, &t, &s, "subscriber")?;
    d.subscribe(&[("u/#", 0), (END, 0)], soon(ctx))?;
    let mut p = online(ctx, &t, &s, "publisher")?;
    p.publish("u/1", b"before", 0, false, soon(ctx))?;
    d.expect_message("u/1", b"before", "3.3.5", soon(ctx))?;
    let unsubscribe = Packet::Unsubscribe {
        packet_id: 4,
        filters: vec!["u/#".into()],
    };
    d.send(&unsubscribe, soon(ctx))?;
    d.expect(&Packet::Unsuback { packet_id: 4 }, "3.10.4-4", soon(ctx))?;
    let never_had = Packet::Unsubscribe {
        packet_id: 5,
        filters: vec!["never/had".into()],
    };
    d.send(&never_had, soon(ctx))?;
    d.expect(&Packet::Unsuback { packet_id: 5 }, "3.10.4-5", soon(ctx))?;
    p.publish("u/1", b"after", 0, false, soon(ctx))?;
    p.publish(END, b"end", 0, false, soon(ctx))?;
    d.expect_message(END, b"end", msg!("mqtt-clause-unsubscribed"), soon(ctx))?;
    Ok(())
}
