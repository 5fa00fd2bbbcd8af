//! Round trips on an echo server: every client of the fleet sends a message of a fixed size,
//! waits for all of it to come back, and sends the next (a closed loop: one message in flight
//! per client, so a slow server slows its clients down instead of drowning in a queue).

use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use nix::sys::epoll::EpollEvent;

use super::{Fleet, new_histogram, record};

/// How long the load runs: a warm-up (not recorded), then the measured window.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub warm_up: Duration,
    pub measure: Duration,
}

impl Window {
    /// The window's clock, its warm-up starting now.
    pub fn begin(self) -> Clock {
        let start = Instant::now() + self.warm_up;
        Clock {
            start,
            end: start + self.measure,
            started: false,
        }
    }
}

/// A window as it runs: when what is recorded starts and ends, and whether it has started.
pub struct Clock {
    pub start: Instant,
    pub end: Instant,
    pub started: bool,
}

impl Clock {
    /// Now, and at the first look past the warm-up `at_start` is called (the caller's own
    /// measures start with the window's).
    pub fn tick(&mut self, at_start: &mut impl FnMut()) -> Instant {
        let now = Instant::now();
        if !self.started && now >= self.start {
            self.started = true;
            at_start();
        }
        now
    }

    /// How long a wait for replies may last from `now`: to the next edge of the window (its
    /// start during the warm-up, its end after), 10 ms at most.
    fn wait_from(&self, now: Instant) -> Duration {
        let next = if self.started { self.end } else { self.start };
        next.saturating_duration_since(now)
            .min(Duration::from_millis(10))
    }
}

/// What the round trips of one window gave.
pub struct EchoRun {
    /// Round-trip times in microseconds: every reply of the window, and every message still
    /// unanswered at its end at the age it had then (a client the server never serves shows
    /// as the long wait it is, not as nothing), corrected for coordinated omission (see
    /// `corrected`).
    pub latency: Histogram<u64>,
    /// Round trips completed in the window.
    pub completed: u64,
    /// Clients that got at least one reply in the window.
    pub served: u64,
    /// Clients that sent: the first `busy` of the fleet.
    pub sending: u64,
    /// The window's real length.
    pub elapsed: Duration,
}

/// Run round trips of `size` bytes on the first `busy` clients for `window` (the others stay
/// connected and silent), calling `at_start` when the measured window begins (to read the
/// server's CPU time then).
pub fn round_trips(
    fleet: &mut Fleet,
    size: usize,
    window: Window,
    busy: usize,
    mut at_start: impl FnMut(),
) -> std::io::Result<EchoRun> {
    let n = fleet.clients.len();
    let sending = busy.min(n);
    let message = |i: usize| -> Vec<u8> { (0..size).map(|k| (i + k) as u8 | 1).collect() };
    let mut sent_at: Vec<Option<Instant>> = vec![None; n];
    let mut served = vec![false; n];
    for (i, sent) in sent_at.iter_mut().enumerate().take(sending) {
        *sent = Some(Instant::now());
        fleet.send(i, &message(i));
    }
    let mut waits: Vec<Duration> = Vec::new();
    let mut completed = 0;
    let mut events = vec![EpollEvent::empty(); 1024];
    let mut scratch = vec![0u8; 64 * 1024];
    let mut clock = window.begin();
    loop {
        let now = clock.tick(&mut at_start);
        if now >= clock.end {
            break;
        }
        let wait = clock.wait_from(now);
        fleet.exchange(&mut events, &mut scratch, wait, |fleet, i| {
            let Some(expected) = whole_reply(fleet, i, size, message) else {
                return;
            };
            let now = Instant::now();
            if let Some(at) = sent_at[i].take()
                && clock.started
            {
                waits.push(now - at);
                completed += 1;
                served[i] = true;
            }
            sent_at[i] = Some(now);
            fleet.send(i, &expected);
        })?;
    }
    let elapsed = clock.start.elapsed();
    let now = Instant::now();
    let unanswered = sent_at
        .iter()
        .enumerate()
        .filter(|&(i, _)| fleet.clients[i].stream.is_some())
        .filter_map(|(_, at)| Some(now - (*at)?));
    let corrected = corrected(&waits, unanswered);
    Ok(EchoRun {
        latency: corrected,
        completed,
        served: served.iter().filter(|&&s| s).count() as u64,
        sending: sending as u64,
        elapsed,
    })
}

/// Client `i`'s whole reply of `size` bytes, taken from its inbox: its message, to send again.
/// One that differs or runs on is counted wrong, and the client is let go.
fn whole_reply(
    fleet: &mut Fleet,
    i: usize,
    size: usize,
    message: impl Fn(usize) -> Vec<u8>,
) -> Option<Vec<u8>> {
    let client = &mut fleet.clients[i];
    if client.inbox.len() < size {
        return None;
    }
    let expected = message(i);
    if client.inbox[..size] != expected[..] || client.inbox.len() > size {
        fleet.tally.wrong += 1;
        fleet.lose(i);
        return None;
    }
    client.inbox.clear();
    Some(expected)
}

/// The histogram of `waits` and `unanswered`, corrected for coordinated omission: a client
/// of a closed loop that waits 300 ms for one reply would, had its server kept up, have made
/// a round trip every median interval meanwhile, and each of those would have waited too. So
/// every wait longer than the median also stands for the round trips it held back (waits of
/// `w - m`, `w - 2m`, ... down to `m`), as HdrHistogram's `record_correct` adds them, here in
/// at most `SLICES` batches so that a thousand clients starved for a second stay cheap. A
/// server that serves one client while the others wait then shows as the wait it is, not as
/// the speed of the one it serves.
fn corrected(waits: &[Duration], unanswered: impl Iterator<Item = Duration>) -> Histogram<u64> {
    const SLICES: u64 = 64;
    let micros = |d: &Duration| (d.as_micros() as u64).max(1);
    let mut sorted: Vec<u64> = waits.iter().map(micros).collect();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied();
    let mut histogram = new_histogram();
    for wait in waits.iter().copied().chain(unanswered) {
        record(&mut histogram, wait);
        let (Some(m), w) = (median, micros(&wait)) else {
            continue;
        };
        // The held-back round trips: `(w - m) / m` of them, spread evenly below `w`.
        let missing = (w - m.min(w)) / m;
        let slices = missing.min(SLICES);
        for k in 0..slices {
            let count = missing / slices + u64::from(k < missing % slices);
            let at = w - m * (1 + k * missing / slices + count / 2);
            let _ = histogram.record_n(at.clamp(1, histogram.high()), count);
        }
    }
    histogram
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, TcpListener};

    #[test]
    fn round_trips_on_an_echo_server_are_counted_and_timed() {
        let reference = crate::observe::wire::ReferenceEcho::start().unwrap();
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut fleet = Fleet::connect(reference.port, 4, deadline, || None).unwrap();
        let window = Window {
            warm_up: Duration::from_millis(20),
            measure: Duration::from_millis(100),
        };
        let mut called = 0;
        let run = round_trips(&mut fleet, 64, window, usize::MAX, || called += 1).unwrap();
        assert_eq!(called, 1);
        assert_eq!(run.served, 4);
        assert!(run.completed > 20, "{}", run.completed);
        assert!(run.latency.value_at_quantile(0.5) < 50_000);
        assert_eq!(fleet.tally.errors(), 0);
    }

    /// `--busy`: of the fleet's clients only the first `busy` send; the others stay connected,
    /// silent, and count neither as served nor as waiting.
    #[test]
    fn only_the_busy_clients_send() {
        let reference = crate::observe::wire::ReferenceEcho::start().unwrap();
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut fleet = Fleet::connect(reference.port, 5, deadline, || None).unwrap();
        let window = Window {
            warm_up: Duration::from_millis(20),
            measure: Duration::from_millis(100),
        };
        let run = round_trips(&mut fleet, 64, window, 2, || {}).unwrap();
        assert_eq!((run.sending, run.served), (2, 2));
        assert!(run.completed > 10, "{}", run.completed);
        assert_eq!(fleet.live(), 5, "the silent ones are still connected");
    }

    #[test]
    fn a_server_that_never_answers_shows_as_long_waits_not_as_nothing() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let deadline = Instant::now() + Duration::from_secs(2);
        let mut fleet = Fleet::connect(port, 3, deadline, || None).unwrap();
        let window = Window {
            warm_up: Duration::from_millis(10),
            measure: Duration::from_millis(60),
        };
        let run = round_trips(&mut fleet, 64, window, usize::MAX, || {}).unwrap();
        assert_eq!((run.completed, run.served), (0, 0));
        // No reply at all: no interval to correct with, the three waits as they are.
        assert_eq!(run.latency.len(), 3);
        assert!(run.latency.value_at_quantile(0.5) >= 60_000);
    }
}

#[cfg(test)]
mod correction {
    use super::*;

    #[test]
    fn a_starved_client_weighs_as_the_round_trips_it_could_not_make() {
        let ms = Duration::from_millis;
        // One client served every millisecond a hundred times, one starved for 100 ms.
        let waits = vec![ms(1); 100];
        let h = corrected(&waits, [ms(100)].into_iter());
        assert_eq!(h.len(), 100 + 1 + 99);
        // Half the samples are now the starved client's: 100 ms, and the 99 round trips it
        // held back, spread from 99 ms down to 1 ms.
        let at = |q| h.value_at_quantile(q);
        assert!(at(0.75) > 40_000, "{}", at(0.75));
        assert!(at(0.4) < 2_000, "{}", at(0.4));
        assert!(h.max() >= 99_000);
        // Waits at the median add nothing.
        let h = corrected(&waits, std::iter::empty());
        assert_eq!(h.len(), 100);
    }
}
