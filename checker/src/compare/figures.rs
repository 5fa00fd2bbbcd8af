//! The figures of one server at one number of clients: each run's (`Figures`), and over the
//! runs their median and spread (`Stat`), the one place that decides what a figure is; the
//! table, the chart and the JSON only show them.

use std::collections::BTreeMap;

use crate::base::i18n::Text;

/// The names of the figures, as the JSON calls them and the table and chart pick them.
pub mod name {
    /// Median round trip (echo) or delivery to everyone (chat), in microseconds.
    pub const P50: &str = "p50_us";
    /// 99th percentile of the same.
    pub const P99: &str = "p99_us";
    /// Round trips per second (echo), lines delivered to everyone per second (chat).
    pub const RATE: &str = "per_second";
    /// Lines received per second, all clients together (chat: `per_second` × clients).
    pub const DELIVERIES: &str = "deliveries_per_second";
    /// The server's CPU time over the window, in percent of one core.
    pub const CPU: &str = "cpu_percent";
    /// Peak memory of the server's process tree (PSS summed), in bytes.
    pub const MEMORY: &str = "memory_bytes";
    /// Memory of the tree with every client connected and idle, less the memory with none,
    /// divided by the connections it held.
    pub const PER_CONNECTION: &str = "bytes_per_connection";
    pub const THREADS: &str = "threads";
    pub const PROCESSES: &str = "processes";
    /// Connections the server held (accepted, open) with every client connected.
    pub const HELD: &str = "connections_held";
    /// Clients that got at least one reply in the window (echo).
    pub const SERVED: &str = "clients_served";
    /// Clients that sent (echo): every client, or `--busy`'s number of them.
    pub const SENDING: &str = "clients_sending";
    /// The server's CPU time per round trip, in microseconds (echo): what one costs, whatever
    /// the rate (a server that makes more round trips uses more CPU for them).
    pub const CPU_PER_TRIP: &str = "cpu_us_per_round_trip";
    pub const REFUSED: &str = "refused";
    pub const RESET: &str = "reset";
    pub const TIMED_OUT: &str = "timed_out";
    /// Replies that were not what was sent, lines that never reached everyone.
    pub const WRONG: &str = "wrong";
}

/// One run's figures, by name (`name::*`); a figure that could not be had is left out (no
/// reply at all has no percentile).
#[derive(Clone, Debug, Default)]
pub struct Figures(pub BTreeMap<&'static str, f64>);

impl Figures {
    pub fn set(&mut self, name: &'static str, value: f64) {
        self.0.insert(name, value);
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.get(name).copied()
    }
}

/// A figure over several runs: the median and the lowest and highest run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stat {
    pub median: f64,
    pub low: f64,
    pub high: f64,
}

impl Stat {
    /// Of these values (`None` if there are none).
    pub fn of(values: &[f64]) -> Option<Stat> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Some(Stat {
            median,
            low: sorted[0],
            high: sorted[n - 1],
        })
    }

    /// The spread in percent of the median: the farther of the lowest and highest run.
    pub fn spread_percent(&self) -> f64 {
        if self.median == 0.0 {
            return if self.high == self.low { 0.0 } else { 100.0 };
        }
        (self.high - self.median)
            .max(self.median - self.low)
            .abs()
            .max(0.0)
            / self.median.abs()
            * 100.0
    }
}

/// One server at one number of clients, over every run.
#[derive(Clone, Debug)]
pub struct Level {
    pub clients: usize,
    pub runs: Vec<Figures>,
    /// Runs in which the server ended (crashed, exited) under load or could not start: what
    /// happened, once per distinct event.
    pub trouble: Vec<Text>,
}

impl Level {
    /// `other`'s runs (of the same number of clients) added to these, and what went wrong in
    /// them if it is new.
    pub fn add(&mut self, other: Level) {
        self.runs.extend(other.runs);
        for t in other.trouble {
            if !self.trouble.contains(&t) {
                self.trouble.push(t);
            }
        }
    }

    /// How many of its clients sent (echo's `--busy`): every client unless the runs say fewer.
    pub fn sending(&self) -> usize {
        self.stat(name::SENDING)
            .map_or(self.clients, |s| s.median.round() as usize)
    }

    /// The figure `name` over the runs that have it.
    pub fn stat(&self, name: &str) -> Option<Stat> {
        let values: Vec<f64> = self.runs.iter().filter_map(|f| f.get(name)).collect();
        Stat::of(&values)
    }

    /// Every figure that some run has, over the runs.
    pub fn stats(&self) -> BTreeMap<&'static str, Stat> {
        let mut names: Vec<&'static str> =
            self.runs.iter().flat_map(|f| f.0.keys()).copied().collect();
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .filter_map(|n| Some((n, self.stat(n)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stat_is_the_median_and_the_extremes() {
        let s = Stat::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((s.median, s.low, s.high), (2.0, 1.0, 3.0));
        assert_eq!(s.spread_percent(), 50.0);
        let s = Stat::of(&[10.0, 12.0]).unwrap();
        assert_eq!(s.median, 11.0);
        assert!((s.spread_percent() - 100.0 / 11.0).abs() < 1e-9);
        assert_eq!(Stat::of(&[]), None);
        assert_eq!(Stat::of(&[0.0, 0.0]).unwrap().spread_percent(), 0.0);
    }

    #[test]
    fn levels_put_together_keep_every_run_and_each_trouble_once() {
        let one = |p50: f64, trouble: &str| Level {
            clients: 10,
            runs: vec![{
                let mut f = Figures::default();
                f.set(name::P50, p50);
                f
            }],
            trouble: vec![Text::Plain(trouble.into())],
        };
        let mut level = one(10.0, "crashed");
        level.add(one(30.0, "crashed"));
        level.add(one(20.0, "refused"));
        assert_eq!(level.runs.len(), 3);
        assert_eq!(level.trouble.len(), 2);
        let s = level.stat(name::P50).unwrap();
        assert_eq!((s.median, s.low, s.high), (20.0, 10.0, 30.0));
    }

    #[test]
    fn a_level_takes_each_figure_over_the_runs_that_have_it() {
        let run = |p50: Option<f64>, reset: f64| {
            let mut f = Figures::default();
            if let Some(p) = p50 {
                f.set(name::P50, p);
            }
            f.set(name::RESET, reset);
            f
        };
        let level = Level {
            clients: 10,
            runs: vec![run(Some(40.0), 0.0), run(None, 2.0), run(Some(60.0), 0.0)],
            trouble: Vec::new(),
        };
        assert_eq!(level.stat(name::P50).unwrap().median, 50.0);
        assert_eq!(level.stats().len(), 2);
    }
}
