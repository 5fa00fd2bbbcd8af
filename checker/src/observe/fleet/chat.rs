//! Lines to everyone on a chat server: the clients take turns to send a numbered line, and a
//! line counts as delivered once every connected client has received it; then the next one
//! goes (one line in flight, so what is measured is how fast the server fans a line out, not
//! how deep its queues are). A line not delivered to everyone within `LINE_PATIENCE` is given
//! up (counted) and the next one goes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use nix::sys::epoll::EpollEvent;

use super::echo::Window;
use super::{Fleet, new_histogram, record};

/// How long a line may take to reach everyone before the fleet sends the next one.
const LINE_PATIENCE: Duration = Duration::from_millis(500);

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
            in_flight = Some(send_next_line(fleet, &mut next_line, size, &mut arrivals));
        }
        let wait = clock
            .end
            .saturating_duration_since(now)
            .min(Duration::from_millis(10));
        fleet.exchange(&mut events, &mut scratch, wait, |fleet, i| {
            for number in complete_lines(&mut fleet.clients[i].inbox) {
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
    arrivals: &mut HashMap<u64, usize>,
) -> (u64, Instant) {
    let sender = next_sender(fleet, *next_line);
    fleet.send(sender, &line(*next_line, size));
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
/// format are skipped).
fn complete_lines(inbox: &mut Vec<u8>) -> Vec<u64> {
    let Some(last) = inbox.iter().rposition(|&b| b == b'\n') else {
        return Vec::new();
    };
    let numbers = inbox[..last]
        .split(|&b| b == b'\n')
        .filter_map(|l| {
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
        assert_eq!(complete_lines(&mut inbox), [1, 2]);
        assert_eq!(inbox, b"L3 part");
        assert!(complete_lines(&mut inbox).is_empty());
    }
}
