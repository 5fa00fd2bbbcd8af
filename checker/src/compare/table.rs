//! The comparison as a table for the terminal, in the reader's language, its columns aligned
//! by display width (a Hangul syllable takes two cells). A figure reads `median ±spread`:
//! the spread is how far the farthest run was from the median.

use super::figures::{Level, Stat, name};
use super::measure::Outcome;
use super::servers::Contract;
use super::{Comparison, Measured};
use crate::base::i18n::{Messages, Text, msg, pad, width};

/// The whole report: the machine, a table per contract, the skipped servers, what went wrong.
pub fn render(cmp: &Comparison, chart: Option<&str>, tr: &Messages) -> String {
    let m = &cmp.machine;
    let load = |l: [f64; 3]| format!("{:.2} {:.2} {:.2}", l[0], l[1], l[2]);
    let mut out = vec![tr.render(&msg!(
        "compare-machine",
        cores = m.cores,
        before = load(m.load_before),
        after = load(m.load_after),
        kernel = m.kernel.clone(),
        sandbox = m.sandbox,
        runs = cmp.settings.runs
    ))];
    for note in &cmp.notes {
        out.push(format!("  {}", tr.render(note)));
    }
    for contract in [Contract::Echo, Contract::Chat] {
        let servers: Vec<&Measured> = cmp
            .servers
            .iter()
            .filter(|s| s.contestant.contract == contract)
            .filter(|s| matches!(s.outcome, Outcome::Measured(_)))
            .collect();
        if servers.is_empty() {
            continue;
        }
        out.push(String::new());
        let s = &cmp.settings;
        let heading = match contract {
            Contract::Echo => msg!(
                "compare-echo-heading",
                size = s.size,
                seconds = format!("{:.2}", s.window.measure.as_secs_f64()),
                warm = format!("{:.2}", s.window.warm_up.as_secs_f64())
            ),
            Contract::Chat => msg!("compare-chat-heading", size = s.size),
        };
        out.push(tr.render(&heading));
        out.extend(grid(&rows(contract, &servers), tr));
    }
    let trouble = trouble(cmp);
    if !trouble.is_empty() {
        out.push(String::new());
        out.push(tr.render(&msg!("compare-trouble-heading")));
        out.extend(trouble.iter().map(|t| format!("  {}", tr.render(t))));
    }
    let skipped: Vec<String> = cmp
        .servers
        .iter()
        .filter_map(|s| match &s.outcome {
            Outcome::Skipped(why) => Some(format!(
                "  {} ({}): {}",
                s.contestant.name,
                s.contestant.exercise.map_or("--program", |e| e.name),
                first_line(&tr.render(why))
            )),
            Outcome::Measured(_) => None,
        })
        .collect();
    if !skipped.is_empty() {
        out.push(String::new());
        out.push(tr.render(&msg!("compare-skipped-heading")));
        out.extend(skipped);
    }
    out.push(String::new());
    if let Some(path) = chart {
        out.push(tr.render(&msg!("compare-chart", path = path)));
    }
    out.push(tr.render(&msg!(
        "compare-took",
        seconds = format!("{:.0}", cmp.seconds),
        command = command(cmp)
    )));
    out.join("\n")
}

/// The command that measures the same again: the same servers, the same way.
fn command(cmp: &Comparison) -> String {
    let mut words = String::from("cargo run -p checker -- compare");
    for word in &cmp.settings.again {
        words.push(' ');
        words.push_str(&shell_word(word));
    }
    words
}

/// `word` as a shell reads it back: as it is when it holds nothing special, else in single
/// quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=,:@%+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

/// Every level where a server ended or did not start, said once per server and event.
fn trouble(cmp: &Comparison) -> Vec<Text> {
    let mut found = Vec::new();
    for s in &cmp.servers {
        let Outcome::Measured(levels) = &s.outcome else {
            continue;
        };
        for level in levels {
            for t in &level.trouble {
                found.push(msg!(
                    "compare-trouble",
                    server = s.contestant.name.clone(),
                    clients = level.clients,
                    what = t.clone()
                ));
            }
        }
    }
    found
}

/// One cell of the table: words to translate, or a figure as it is.
enum Cell {
    Words(Text),
    Figure(String),
}

/// The header and one row per server and level.
fn rows(contract: Contract, servers: &[&Measured]) -> Vec<Vec<Cell>> {
    let header: Vec<&'static str> = match contract {
        Contract::Echo => vec![
            "compare-col-server",
            "compare-col-clients",
            "compare-col-served",
            "compare-col-p50",
            "compare-col-p99",
            "compare-col-round-trips",
            "compare-col-cpu",
            "compare-col-memory",
            "compare-col-per-connection",
            "compare-col-threads",
            "compare-col-processes",
            "compare-col-errors",
        ],
        Contract::Chat => vec![
            "compare-col-server",
            "compare-col-clients",
            "compare-col-p50-everyone",
            "compare-col-p99-everyone",
            "compare-col-lines",
            "compare-col-deliveries",
            "compare-col-cpu",
            "compare-col-memory",
            "compare-col-per-connection",
            "compare-col-threads",
            "compare-col-processes",
            "compare-col-errors",
        ],
    };
    let mut rows = vec![
        header
            .into_iter()
            .map(|id| Cell::Words(Text::msg(id, Vec::new())))
            .collect(),
    ];
    for s in servers {
        let Outcome::Measured(levels) = &s.outcome else {
            continue;
        };
        for (i, level) in levels.iter().enumerate() {
            let server = if i == 0 {
                s.contestant.name.clone()
            } else {
                String::new()
            };
            rows.push(row(contract, server, level));
        }
    }
    rows
}

fn row(contract: Contract, server: String, level: &Level) -> Vec<Cell> {
    let fig = |s: String| Cell::Figure(s);
    let stat = |n: &str, show: fn(f64) -> String| match level.stat(n) {
        Some(s) => fig(with_spread(s, show)),
        None => fig("—".into()),
    };
    let plain = |n: &str, show: fn(f64) -> String| {
        fig(level.stat(n).map_or("—".into(), |s| show(s.median)))
    };
    let mut cells = vec![fig(server), fig(level.clients.to_string())];
    match contract {
        Contract::Echo => {
            let served = level.stat(name::SERVED).map_or(0.0, |s| s.median);
            cells.push(fig(format!("{served:.0}/{}", level.clients)));
            cells.extend([stat(name::P50, micros), stat(name::P99, micros)]);
            cells.push(stat(name::RATE, count));
        }
        Contract::Chat => {
            cells.extend([stat(name::P50, micros), stat(name::P99, micros)]);
            cells.extend([stat(name::RATE, count), stat(name::DELIVERIES, count)]);
        }
    }
    cells.extend([
        stat(name::CPU, |v| format!("{v:.0}%")),
        stat(name::MEMORY, bytes),
        plain(name::PER_CONNECTION, bytes),
        plain(name::THREADS, |v| format!("{v:.0}")),
        plain(name::PROCESSES, |v| format!("{v:.0}")),
    ]);
    cells.push(errors(level));
    cells
}

/// The errors of a level, each kind that happened named (medians over the runs).
fn errors(level: &Level) -> Cell {
    let kinds = [
        (name::REFUSED, "compare-error-refused"),
        (name::RESET, "compare-error-reset"),
        (name::TIMED_OUT, "compare-error-timed-out"),
        (name::WRONG, "compare-error-wrong"),
    ];
    let said: Vec<Text> = kinds
        .iter()
        .filter_map(|&(n, id)| {
            let median = level.stat(n)?.median;
            (median > 0.0).then(|| {
                Text::msg(
                    id,
                    vec![("count", crate::base::i18n::Arg::Num(median.round()))],
                )
            })
        })
        .collect();
    if said.is_empty() {
        return Cell::Figure("0".into());
    }
    let mut joined = Vec::new();
    for (i, t) in said.into_iter().enumerate() {
        if i > 0 {
            joined.push(Text::Plain(", ".into()));
        }
        joined.push(t);
    }
    Cell::Words(Text::Join(joined))
}

/// `median ±spread%` (the spread left out when it rounds to nothing).
fn with_spread(s: Stat, show: fn(f64) -> String) -> String {
    let spread = s.spread_percent();
    if spread < 0.5 {
        show(s.median)
    } else {
        format!("{} ±{spread:.0}%", show(s.median))
    }
}

/// Microseconds, in the unit that reads best.
pub fn micros(us: f64) -> String {
    if us < 1_000.0 {
        format!("{us:.0} µs")
    } else if us < 1_000_000.0 {
        format!("{:.1} ms", us / 1_000.0)
    } else {
        format!("{:.2} s", us / 1_000_000.0)
    }
}

/// A count per second, with k or M.
pub fn count(v: f64) -> String {
    if v < 10_000.0 {
        format!("{v:.0}")
    } else if v < 10_000_000.0 {
        format!("{:.1}k", v / 1_000.0)
    } else {
        format!("{:.1}M", v / 1_000_000.0)
    }
}

/// Bytes in KiB, MiB or GiB.
pub fn bytes(v: f64) -> String {
    let kib = v / 1024.0;
    if kib < 10.0 {
        format!("{kib:.1} KiB")
    } else if kib < 1024.0 {
        format!("{kib:.0} KiB")
    } else if kib < 1024.0 * 1024.0 {
        format!("{:.1} MiB", kib / 1024.0)
    } else {
        format!("{:.2} GiB", kib / 1024.0 / 1024.0)
    }
}

/// The rows as lines, each column as wide as its widest cell; numbers aligned right.
fn grid(rows: &[Vec<Cell>], tr: &Messages) -> Vec<String> {
    let words: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Words(t) => tr.render(t),
                    Cell::Figure(s) => s.clone(),
                })
                .collect()
        })
        .collect();
    let columns = words.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            words
                .iter()
                .filter_map(|r| r.get(i))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    words
        .iter()
        .map(|r| {
            let cells: Vec<String> = r
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let last = i + 1 == r.len();
                    if i == 0 || last {
                        if last { s.clone() } else { pad(s, widths[i]) }
                    } else {
                        format!("{}{s}", " ".repeat(widths[i].saturating_sub(width(s))))
                    }
                })
                .collect();
            format!("  {}", cells.join("  ")).trim_end().to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_in_the_unit_that_suits_them() {
        assert_eq!(micros(35.2), "35 µs");
        assert_eq!(micros(1_500.0), "1.5 ms");
        assert_eq!(micros(2_340_000.0), "2.34 s");
        assert_eq!(count(950.0), "950");
        assert_eq!(count(28_100.0), "28.1k");
        assert_eq!(bytes(340.0 * 1024.0), "340 KiB");
        assert_eq!(bytes(1.5 * 1024.0 * 1024.0), "1.5 MiB");
        let s = Stat {
            median: 100.0,
            low: 96.0,
            high: 110.0,
        };
        assert_eq!(with_spread(s, micros), "100 µs ±10%");
    }

    #[test]
    fn columns_line_up_by_display_width() {
        let tr = Messages::new(crate::base::i18n::Lang::Ko);
        let rows = vec![
            vec![
                Cell::Figure("서버".into()),
                Cell::Figure("1".into()),
                Cell::Figure("x".into()),
            ],
            vec![
                Cell::Figure("a".into()),
                Cell::Figure("1000".into()),
                Cell::Figure("y".into()),
            ],
        ];
        let lines = grid(&rows, &tr);
        assert_eq!(lines[0], "  서버     1  x");
        assert_eq!(lines[1], "  a     1000  y");
    }

    #[test]
    fn the_command_to_measure_again_reads_back_in_a_shell() {
        assert_eq!(shell_word("--solutions"), "--solutions");
        assert_eq!(shell_word("c=/tmp/echo server"), "'c=/tmp/echo server'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
