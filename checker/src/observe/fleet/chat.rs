//! Lines to everyone on a chat server: the clients take turns to send a numbered line, and a
//! line counts as delivered once every connected client has received it; then the next one
//! goes (one line in flight, so what is measured is how fast the server fans a line out, not
//! how deep its queues are). A line not delivered to everyone within `LINE_PATIENCE` is given
//! up (counted) and the next one goes.
//!
//! An MQTT broker is measured the same way (`Framing::Mqtt`): every client has subscribed to
//! one topic (`join_topic`), and each line goes out as a QoS 0 PUBLISH to it, which the broker
//! delivers to every subscriber, its sender included.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use nix::sys::epoll::EpollEvent;

use super::echo::Window;
use super::{Fleet, new_histogram, record};
use crate::observe::wire::mqtt::Packet;

/// How long a line may take to reach everyone before the fleet sends the next one.
const LINE_PATIENCE: Duration = Duration::from_millis(500);

/// How a line travels: as it is (a chat server), or as the payload of an MQTT PUBLISH.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    Lines,
    Mqtt,
}

/// The one topic every client of an MQTT fleet subscribes to and publishes on.
const TOPIC: &str = "all";

/// Make every client of the fleet an MQTT client subscribed to `TOPIC`: a CONNECT and a
/// SUBSCRIBE each, then their CONNACK and SUBACK (9 bytes) awaited from all, by `deadline`. A
/// client the broker does not answer is lost (counted among the errors).
pub fn join_topic(fleet: &mut Fleet, deadline: Instant) -> std::io::Result<()> {
    for i in 0..fleet.clients.len() {
        let hello = [
            Packet::Connect {
                clean_session: true,
                keep_alive: 0,
                client_id: format!("compare-{i}"),
                will: None,
            },
            Packet::Subscribe {
                packet_id: 1,
                filters: vec![(TOPIC.to_string(), 0)],
            },
        ];
        let bytes: Vec<u8> = hello.iter().flat_map(Packet::encode).collect();
        fleet.send(i, &bytes);
    }
    let mut events = vec![EpollEvent::empty(); 1024];
    let mut scratch = vec![0u8; 64 * 1024];
    let answered = |fleet: &Fleet| {
        fleet
            .clients
            .iter()
            .all(|c| c.stream.is_none() || c.inbox.len() >= 9)
    };
    while !answered(fleet) && Instant::now() < deadline {
        fleet.exchange(
            &mut events,
            &mut scratch,
            Duration::from_millis(10),
            |_, _| {},
        )?;
    }
    for i in 0..fleet.clients.len() {
        if fleet.clients[i].inbox.len() < 9 {
            fleet.lose(i);
        } else {
            fleet.clients[i].inbox.clear();
        }
    }
    Ok(())
}

/// What the lines of one window gave.
pub struct ChatRun {
    /// From a line's send to its arrival at the last client, in microseconds (a line given up
    /// counts as the wait it was given).
    pub latency: Histogram<u64>,
    /// Lines delivered to every client in the window.
    pub delivered: u64,
    /// Lines that did not reach everyone within `LINE_PATIENCE`.
    pub given_up: u64,
    /// The window's real length.
    pub elapsed: Duration,
}

/// Send lines of `size` bytes (newline included) for `window`, calling `at_start` when the
/// measured window begins.
pub fn lines_to_everyone(
    fleet: &mut Fleet,
    size: usize,
    framing: Framing,
    window: Window,
    mut at_start: impl FnMut(),
) -> std::io::Result<ChatRun> {
    let mut latency = new_histogram();
    let (mut delivered, mut given_up) = (0, 0);
    // Line number -> clients that have it; the line in flight and when it was sent.
    let mut arrivals: HashMap<u64, usize> = HashMap::new();
    let mut in_flight: Option<(u64, Instant)> = None;
    let mut next_line = 0u64;
    let mut events = vec![EpollEvent::empty(); 1024];
    let mut scratch = vec![0u8; 64 * 1024];
    let mut clock = window.begin();
    loop {
        let now = clock.tick(&mut at_start);
        if now >= clock.end || fleet.live() == 0 {
            break;
        }
        if let Some((_, at)) = in_flight.filter(|&(_, at)| now - at > LINE_PATIENCE) {
            if clock.started {
                given_up += 1;
                record(&mut latency, now - at);
            }
            in_flight = None;
        }
        if in_flight.is_none() {
            in_flight = Some(send_next_line(
                fleet,
                &mut next_line,
                size,
                framing,
                &mut arrivals,
            ));
        }
        let wait = clock
            .end
            .saturating_duration_since(now)
            .min(Duration::from_millis(10));
        fleet.exchange(&mut events, &mut scratch, wait, |fleet, i| {
            for number in complete_lines(&mut fleet.clients[i].inbox, framing) {
                *arrivals.entry(number).or_default() += 1;
            }
        })?;
        let live = fleet.live();
        if let Some((number, at)) = in_flight
            && arrivals.get(&number).is_some_and(|&got| got >= live)
        {
            if clock.started {
                record(&mut latency, at.elapsed());
                delivered += 1;
            }
            in_flight = None;
        }
    }
    Ok(ChatRun {
        latency,
        delivered,
        given_up,
        elapsed: clock.start.elapsed(),
    })
}

/// Line `next_line`, from the client whose turn it is: its number and when it went. What
/// arrived of lines long past is forgotten.
fn send_next_line(
    fleet: &mut Fleet,
    next_line: &mut u64,
    size: usize,
    framing: Framing,
    arrivals: &mut HashMap<u64, usize>,
) -> (u64, Instant) {
    let sender = next_sender(fleet, *next_line);
    let line = line(*next_line, size);
    match framing {
        Framing::Lines => fleet.send(sender, &line),
        Framing::Mqtt => fleet.send(sender, &Packet::publish(TOPIC, &line, 0, false, 0).encode()),
    }
    let sent = (*next_line, Instant::now());
    arrivals.retain(|&n, _| n + 16 > *next_line);
    *next_line += 1;
    sent
}

/// The client whose turn it is to speak: the next live one from `number`'s turn.
fn next_sender(fleet: &Fleet, number: u64) -> usize {
    let n = fleet.clients.len();
    (0..n)
        .map(|k| (number as usize + k) % n)
        .find(|&i| fleet.clients[i].stream.is_some())
        .unwrap_or(0)
}

/// Line `number`: `L<number> ` padded with dots to `size` bytes, `\n` included.
fn line(number: u64, size: usize) -> Vec<u8> {
    let mut text = format!("L{number} ").into_bytes();
    text.resize(size.max(text.len() + 1) - 1, b'.');
    text.push(b'\n');
    text
}

/// Take the complete lines out of `inbox`: the number of each (lines not of the fleet's own
/// format are skipped). Over MQTT a line ends its PUBLISH, whose header and topic come before
/// it: the line starts after the topic.
fn complete_lines(inbox: &mut Vec<u8>, framing: Framing) -> Vec<u64> {
    let Some(last) = inbox.iter().rposition(|&b| b == b'\n') else {
        return Vec::new();
    };
    let numbers = inbox[..last]
        .split(|&b| b == b'\n')
        .filter_map(|l| {
            let l = match framing {
                Framing::Lines => l,
                Framing::Mqtt => {
                    let at = l.windows(TOPIC.len() + 1).position(|w| w == b"allL")?;
                    &l[at + TOPIC.len()..]
                }
            };
            let text = std::str::from_utf8(l.strip_prefix(b"L")?).ok()?;
            text.split(' ').next()?.parse().ok()
        })
        .collect();
    inbox.drain(..=last);
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_sized_and_read_back_whole_only() {
        let one = line(7, 64);
        assert_eq!(one.len(), 64);
        assert!(one.starts_with(b"L7 ..") && one.ends_with(b".\n"));
        let mut inbox = [line(1, 64), line(2, 10)].concat();
        inbox.extend_from_slice(b"L3 part");
        assert_eq!(complete_lines(&mut inbox, Framing::Lines), [1, 2]);
        assert_eq!(inbox, b"L3 part");
        assert!(complete_lines(&mut inbox, Framing::Lines).is_empty());
    }

    #[test]
    fn over_mqtt_a_line_is_read_out_of_its_publish() {
        let publish = |n| Packet::publish(TOPIC, &line(n, 64), 0, false, 0).encode();
        let mut inbox = [publish(4), publish(5)].concat();
        inbox.extend_from_slice(&publish(6)[..20]);
        assert_eq!(complete_lines(&mut inbox, Framing::Mqtt), [4, 5]);
        assert_eq!(inbox.len(), 20);
    }
}
