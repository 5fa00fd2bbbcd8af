//! Topic filters (4.7): the wildcards, `$` topics, invalid filters, overlapping subscriptions,
//! and UNSUBSCRIBE (3.10, 3.11).

use super::{CLOSE_WITHIN, broker, online, soon};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::context::Ctx;
use crate::observe::wire::mqtt::{Device, Heard, Packet};

/// The topic every subscriber of a test also takes: published last, it comes after whatever
/// the subscriber was due, and before anything it was not.
const END: &str = "end";

/// What the publisher sends, in this order, then [`END`]: topics from one level to nine, one
/// with an empty level last, one with an empty level first.
const TOPICS: [&str; 11] = [
    "sensors/1/temp",
    "sensors/1/hum",
    "sensors",
    "sensors/",
    "home/kitchen/sensors",
    "home/kitchen/sensors/t/1",
    "home/kitchen/lights/1",
    "f/1/l/2/m/3/n/4/temp",
    "f/1/l/2/m/3/n/4",
    "a/b/c",
    "/lead",
];

/// Each subscriber: its client id, its filters, and the topics of [`TOPICS`] they match, in the
/// order published. `+` and `#` first, in the middle and last, alone and several in one
/// filter, down to the ninth level: a matcher right only at the depths of one example fails.
const SUBSCRIBERS: [(&str, &[&str], &[&str]); 10] = [
    ("plus", &["sensors/+/temp"], &["sensors/1/temp"]),
    (
        "plusends",
        &["+/1/+", "+/kitchen/+/+/+"],
        &[
            "sensors/1/temp",
            "sensors/1/hum",
            "home/kitchen/sensors/t/1",
        ],
    ),
    // 4.7.1.3: `sport/+` matches `sport/` (an empty level), not `sport`.
    ("plusempty", &["sensors/+"], &["sensors/"]),
    (
        "plusdeep",
        &["f/+/l/+/m/+/n/+/temp"],
        &["f/1/l/2/m/3/n/4/temp"],
    ),
    ("eight", &["+/+/+/+/+/+/+/+"], &["f/1/l/2/m/3/n/4"]),
    (
        "hash",
        &["sensors/#"],
        &["sensors/1/temp", "sensors/1/hum", "sensors", "sensors/"],
    ),
    // `#` after a `+`, and at the ninth level: its parent (4.7.1-2) and its children.
    (
        "hashdeep",
        &["home/+/sensors/#", "f/1/l/2/m/3/n/4/#"],
        &[
            "home/kitchen/sensors",
            "home/kitchen/sensors/t/1",
            "f/1/l/2/m/3/n/4/temp",
            "f/1/l/2/m/3/n/4",
        ],
    ),
    // A filter whose first level is empty: `/+` and `/#` are valid (4.7.1), and match `/lead`.
    ("slashplus", &["/+"], &["/lead"]),
    ("slashhash", &["/#"], &["/lead"]),
    ("all", &["#", "+/load"], &TOPICS),
];

pub fn wildcards(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut subscribers = Vec::new();
    for (id, filters, _) in &SUBSCRIBERS {
        let mut d = online(ctx, &t, &s, id)?;
        let mut asked: Vec<(&str, u8)> = filters.iter().map(|f| (*f, 0)).collect();
        if !filters.contains(&"#") {
            asked.push((END, 0));
        }
        d.subscribe(&asked, soon(ctx))?;
        subscribers.push(d);
    }
    // A `$` topic first (4.7.2-1: no filter that starts with a wildcard matches it). A broker
    // may refuse `$` topics from clients (4.7.2 says it should keep clients from using them):
    // it may drop the message or close the connection, so the PINGREQ behind it gets its
    // PINGRESP or the close; what the test asks is that `#` and `+/load` never see it.
    let mut dollar = online(ctx, &t, &s, "dollar")?;
    dollar.send(
        &Packet::publish("$dev/load", b"$dev/load", 0, false, 0),
        soon(ctx),
    )?;
    dollar.send(&Packet::Pingreq, soon(ctx))?;
    match dollar.listen(soon(ctx).saturating_duration_since(std::time::Instant::now()))? {
        Heard::Packet(Packet::Pingresp) | Heard::Closed => {}
        Heard::Packet(other) => return Err(dollar.unexpected(&other, "PINGRESP", "3.12.4-1")),
        Heard::Silent => {
            let f = Failure::of_kind(
                FailureKind::Timeout,
                msg!(
                    "mqtt-nothing-came",
                    who = dollar.who(),
                    expected = msg!("mqtt-what-pingresp-or-close"),
                    clause = "3.12.4-1"
                ),
            );
            return Err(t.attach(f));
        }
    }
    let mut p = online(ctx, &t, &s, "publisher")?;
    for topic in TOPICS.iter().chain(&[END]) {
        p.publish(topic, topic.as_bytes(), 0, false, soon(ctx))?;
    }
    for (d, (_, filters, due)) in subscribers.iter_mut().zip(&SUBSCRIBERS) {
        let clause = if filters.iter().any(|f| f.starts_with(['+', '#'])) {
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
    let cases = [("a/#/b", "4.7.1-2"), ("a+", "4.7.1-3"), ("#a", "4.7.1-2")];
    for (i, (filter, clause)) in cases.into_iter().enumerate() {
        let mut d = online(ctx, &t, &s, &format!("filter{i}"))?;
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
    let mut d = online(ctx, &t, &s, "wildcardtopic")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// 4.7, written the plainest way: the data the test grades by must agree with it.
    fn matches(filter: &str, topic: &str) -> bool {
        if topic.starts_with('$') && filter.starts_with(['+', '#']) {
            return false;
        }
        let (f, t): (Vec<&str>, Vec<&str>) =
            (filter.split('/').collect(), topic.split('/').collect());
        for (i, level) in f.iter().enumerate() {
            match *level {
                "#" => return true,
                "+" if i < t.len() => {}
                l if t.get(i) == Some(&l) => {}
                _ => return false,
            }
        }
        f.len() == t.len()
    }

    #[test]
    fn each_subscriber_is_due_what_its_filters_match_in_the_order_published() {
        for (id, filters, due) in SUBSCRIBERS {
            let matched: Vec<&str> = TOPICS
                .iter()
                .copied()
                .filter(|t| filters.iter().any(|f| matches(f, t)))
                .collect();
            assert_eq!(matched, due, "{id}");
        }
    }

    #[test]
    fn the_plain_matcher_reads_the_standard_s_examples() {
        assert!(matches("sport/#", "sport"));
        assert!(matches("sport/+", "sport/"));
        assert!(!matches("sport/+", "sport"));
        assert!(matches("+/+", "/finance"));
        assert!(!matches("#", "$SYS/x"));
        assert!(matches("$SYS/#", "$SYS/x"));
    }
}
