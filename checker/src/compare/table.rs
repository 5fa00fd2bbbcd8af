//! The comparison as a table for the terminal, in the reader's language, laid out in the
//! terminal's width (`layout`: columns aligned by display width, a Hangul syllable taking two
//! cells; a table too wide cut into narrower ones). A figure reads `median ±spread`: the
//! spread is how far the farthest run was from the median; where the runs disagree too much
//! for that to mean anything, the figure is the range of its runs (`with_spread`).

use super::figures::{Level, Stat, name};
use super::layout;
use super::measure::Outcome;
use super::servers::{CONTRACTS, Contract};
use super::{Comparison, Measured};
use crate::base::i18n::{Messages, Text, msg};

/// The columns that start every table (the server, its clients) when a table is cut in two.
const KEYS: usize = 2;

/// The whole report in `columns` cells a line: the machine, a table per contract, the skipped
/// servers, what went wrong.
pub fn render(cmp: &Comparison, chart: Option<&str>, tr: &Messages, columns: usize) -> String {
    let m = &cmp.machine;
    let load = |l: [f64; 3]| format!("{:.2} {:.2} {:.2}", l[0], l[1], l[2]);
    let mut out = layout::prose(
        &tr.render(&msg!(
            "compare-machine",
            cores = m.cores,
            before = load(m.load_before),
            after = load(m.load_after),
            kernel = m.kernel.clone(),
            sandbox = m.sandbox,
            runs = cmp.settings.runs,
            unstable = UNSTABLE_PERCENT
        )),
        0,
        0,
        columns,
    );
    for note in &cmp.notes {
        out.extend(layout::prose(&tr.render(note), 2, 2, columns));
    }
    for contract in CONTRACTS {
        contract_table(&mut out, cmp, contract, tr, columns);
    }
    let trouble = trouble(cmp);
    if !trouble.is_empty() {
        out.push(String::new());
        out.push(tr.render(&msg!("compare-trouble-heading")));
        for t in &trouble {
            out.extend(layout::prose(&tr.render(t), 2, 2, columns));
        }
    }
    let skipped = skipped_lines(cmp, tr, columns);
    if !skipped.is_empty() {
        out.push(String::new());
        out.push(tr.render(&msg!("compare-skipped-heading")));
        out.extend(skipped);
    }
    out.push(String::new());
    if let Some(path) = chart {
        let said = tr.render(&msg!("compare-chart", path = path));
        out.extend(layout::prose(&said, 0, 2, columns));
    }
    let took = tr.render(&msg!(
        "compare-took",
        seconds = format!("{:.0}", cmp.seconds)
    ));
    out.extend(layout::prose(&took, 0, 2, columns));
    out.extend(layout::command(&command(cmp), 2, columns));
    out.join("\n")
}

/// A contract's heading and the table of its measured servers (none: nothing at all).
fn contract_table(
    out: &mut Vec<String>,
    cmp: &Comparison,
    contract: Contract,
    tr: &Messages,
    columns: usize,
) {
    let servers: Vec<&Measured> = cmp
        .servers
        .iter()
        .filter(|s| s.contestant.contract == contract)
        .filter(|s| matches!(s.outcome, Outcome::Measured(_)))
        .collect();
    if servers.is_empty() {
        return;
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
        Contract::Mqtt => msg!("compare-mqtt-heading", size = s.size),
    };
    out.extend(layout::prose(&tr.render(&heading), 0, 0, columns));
    if let (Contract::Echo, Some(busy)) = (contract, s.busy) {
        let busy = msg!("compare-echo-busy", busy = busy);
        out.extend(layout::prose(&tr.render(&busy), 0, 0, columns));
    }
    out.extend(layout::tables(
        &rendered(&rows(contract, &servers), tr),
        KEYS,
        columns,
    ));
}

/// One line per server skipped, with the first line of why.
fn skipped_lines(cmp: &Comparison, tr: &Messages, columns: usize) -> Vec<String> {
    cmp.servers
        .iter()
        .filter_map(|s| match &s.outcome {
            Outcome::Skipped(why) => Some(format!(
                "{} ({}): {}",
                s.contestant.name,
                s.contestant.exercise.map_or("--program", |e| e.name),
                first_line(&tr.render(why))
            )),
            Outcome::Measured(_) => None,
        })
        .flat_map(|line| layout::prose(&line, 2, 2, columns))
        .collect()
}

/// The command that measures the same again (the same servers, the same way), word by word.
fn command(cmp: &Comparison) -> Vec<String> {
    let mut words: Vec<String> = "cargo run -p checker -- compare"
        .split(' ')
        .map(String::from)
        .collect();
    words.extend(cmp.settings.again.iter().map(|w| shell_word(w)));
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
            "compare-col-cpu-per-trip",
            "compare-col-memory",
            "compare-col-per-connection",
            "compare-col-threads",
            "compare-col-processes",
            "compare-col-errors",
        ],
        Contract::Chat | Contract::Mqtt => vec![
            "compare-col-server",
            "compare-col-clients",
            "compare-col-p50-everyone",
            "compare-col-p99-everyone",
            if contract == Contract::Mqtt {
                "compare-col-messages"
            } else {
                "compare-col-lines"
            },
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
            cells.push(fig(format!("{served:.0}/{}", level.sending())));
            cells.extend([stat(name::P50, micros), stat(name::P99, micros)]);
            cells.push(stat(name::RATE, count));
        }
        Contract::Chat | Contract::Mqtt => {
            cells.extend([stat(name::P50, micros), stat(name::P99, micros)]);
            cells.extend([stat(name::RATE, count), stat(name::DELIVERIES, count)]);
        }
    }
    cells.push(stat(name::CPU, |v| format!("{v:.0}%")));
    if contract == Contract::Echo {
        cells.push(stat(name::CPU_PER_TRIP, micros));
    }
    cells.extend([
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

/// The spread beyond which a figure is shown as the range of its runs, in percent of the
/// median (the machine line says so).
pub const UNSTABLE_PERCENT: f64 = 50.0;

/// `median ±spread%` (the spread left out when it rounds to nothing); beyond
/// `UNSTABLE_PERCENT`, `lowest–highest` instead. Why: a p99 whose farthest run is twenty times
/// its median read "±1955%", a precise-looking number that says nothing a reader can use (a
/// latency cannot go 1955% below anything), and its median no longer stands for the runs:
/// another comparison may land anywhere between them. The range says what the runs found, and
/// which way they went (a p99 spreads upwards: a stall in one run).
fn with_spread(s: Stat, show: fn(f64) -> String) -> String {
    let spread = s.spread_percent();
    if spread < 0.5 {
        show(s.median)
    } else if spread > UNSTABLE_PERCENT {
        format!("{}–{}", show(s.low), show(s.high))
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

/// The rows' cells in the reader's language.
fn rendered(rows: &[Vec<Cell>], tr: &Messages) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Words(t) => tr.render(t),
                    Cell::Figure(s) => s.clone(),
                })
                .collect()
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
        let wild = Stat {
            median: 1_500.0,
            low: 420.0,
            high: 30_800.0,
        };
        assert_eq!(with_spread(wild, micros), "420 µs–30.8 ms");
    }

    #[test]
    fn the_command_to_measure_again_reads_back_in_a_shell() {
        assert_eq!(shell_word("--solutions"), "--solutions");
        assert_eq!(shell_word("c=/tmp/echo server"), "'c=/tmp/echo server'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
