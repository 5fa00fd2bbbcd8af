//! The comparison as a chart (SVG, drawn by plotters): for each contract a row of three
//! panels, latency, rate and memory against the number of clients, one line per server, both
//! axes logarithmic (the figures span orders of magnitude, and a curve that is flat, linear or
//! a wall reads at once). A thin vertical bar at each point spans the lowest and highest run.
//! Titles and axes are in the reader's language, so the chart reads without the table. A point
//! of a server that served fewer clients than were connected (one at a time: 1 of 10) says
//! so beside it, `1/10 served`: its line alone would read as a server that is merely slow.

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::figures::name;
use super::measure::Outcome;
use super::servers::Contract;
use super::{Comparison, Measured};
use crate::base::i18n::{Messages, Text, msg};

/// One line per server, in these colours (a server keeps its colour in every panel).
const COLOURS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(255, 127, 14),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

const WIDTH: u32 = 1500;
const ROW_HEIGHT: u32 = 430;
const TITLE_HEIGHT: u32 = 70;

/// A panel: which figure, its caption, its axis, and how its values are scaled for the axis.
struct Panel {
    figure: &'static str,
    caption: Text,
    axis: Text,
    scale: f64,
}

fn panels(contract: Contract) -> [Panel; 3] {
    let latency = match contract {
        Contract::Echo => msg!("compare-chart-echo-latency"),
        Contract::Chat => msg!("compare-chart-chat-latency"),
        Contract::Mqtt => msg!("compare-chart-mqtt-latency"),
    };
    let rate = match contract {
        Contract::Echo => msg!("compare-chart-echo-rate"),
        Contract::Chat => msg!("compare-chart-chat-rate"),
        Contract::Mqtt => msg!("compare-chart-mqtt-rate"),
    };
    [
        Panel {
            figure: name::P99,
            caption: latency,
            axis: msg!("compare-chart-axis-ms"),
            scale: 1e-3,
        },
        Panel {
            figure: name::RATE,
            caption: rate,
            axis: msg!("compare-chart-axis-per-second"),
            scale: 1.0,
        },
        Panel {
            figure: name::MEMORY,
            caption: msg!("compare-chart-memory"),
            axis: msg!("compare-chart-axis-mib"),
            scale: 1.0 / (1024.0 * 1024.0),
        },
    ]
}

/// A server's points on one panel: (clients, median, lowest run, highest run).
type Points = Vec<(f64, f64, f64, f64)>;

fn points(server: &Measured, panel: &Panel) -> Points {
    let Outcome::Measured(levels) = &server.outcome else {
        return Vec::new();
    };
    levels
        .iter()
        .filter_map(|level| {
            let s = level.stat(panel.figure)?;
            let scaled = [s.median, s.low, s.high].map(|v| v * panel.scale);
            (scaled[1] > 0.0).then_some((level.clients as f64, scaled[0], scaled[1], scaled[2]))
        })
        .collect()
}

/// Where a server served fewer clients than were connected: (clients, the panel's median
/// there, what to write beside the point).
type Short = Vec<(f64, f64, String)>;

fn served_fewer(server: &Measured, panel: &Panel, tr: &Messages) -> Short {
    let Outcome::Measured(levels) = &server.outcome else {
        return Vec::new();
    };
    levels
        .iter()
        .filter_map(|level| {
            let served = level.stat(name::SERVED)?.median.round();
            let median = level.stat(panel.figure)?.median * panel.scale;
            (served < level.sending() as f64 && median > 0.0).then(|| {
                let said = msg!(
                    "compare-chart-served",
                    served = served,
                    clients = level.sending()
                );
                (level.clients as f64, median, tr.render(&said))
            })
        })
        .collect()
}

/// Draw the chart into `path`.
pub fn draw(cmp: &Comparison, path: &Path, tr: &Messages) -> Result<()> {
    let contracts: Vec<Contract> = super::servers::CONTRACTS
        .into_iter()
        .filter(|&c| {
            cmp.servers
                .iter()
                .any(|s| s.contestant.contract == c && matches!(s.outcome, Outcome::Measured(_)))
        })
        .collect();
    let height = TITLE_HEIGHT + ROW_HEIGHT * contracts.len().max(1) as u32;
    let root = SVGBackend::new(path, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e}"))?;
    let (top, body) = root.split_vertically(TITLE_HEIGHT);
    let m = &cmp.machine;
    let title = tr.render(&msg!("compare-chart-title", cores = m.cores));
    let subtitle = tr.render(&msg!(
        "compare-chart-subtitle",
        load = format!("{:.2}", m.load_before[0]),
        runs = cmp.settings.runs,
        size = cmp.settings.size,
        kernel = m.kernel.clone()
    ));
    let font = |size: u32| TextStyle::from(("sans-serif", size).into_font()).color(&BLACK);
    top.draw_text(&title, &font(24), (20, 14))
        .map_err(|e| anyhow!("{e}"))?;
    top.draw_text(&subtitle, &font(15), (20, 46))
        .map_err(|e| anyhow!("{e}"))?;
    let rows = body.split_evenly((contracts.len().max(1), 3));
    let colour_of = |name: &str| {
        let i = cmp
            .servers
            .iter()
            .position(|s| s.contestant.name == name)
            .unwrap_or(0);
        COLOURS[i % COLOURS.len()]
    };
    for (r, &contract) in contracts.iter().enumerate() {
        let servers: Vec<&Measured> = cmp
            .servers
            .iter()
            .filter(|s| s.contestant.contract == contract)
            .collect();
        for (k, panel) in panels(contract).iter().enumerate() {
            let series: Vec<Series> = servers
                .iter()
                .map(|s| Series {
                    name: s.contestant.name.clone(),
                    colour: colour_of(&s.contestant.name),
                    points: points(s, panel),
                    short: served_fewer(s, panel, tr),
                })
                .filter(|s| !s.points.is_empty())
                .collect();
            draw_panel(&rows[r * 3 + k], panel, &series, tr).map_err(|e| anyhow!("{e}"))?;
        }
    }
    root.present().map_err(|e| anyhow!("{e}"))?;
    Ok(())
}

/// One server's line on a panel.
struct Series {
    name: String,
    colour: RGBColor,
    points: Points,
    short: Short,
}

fn draw_panel(
    area: &DrawingArea<SVGBackend, Shift>,
    panel: &Panel,
    series: &[Series],
    tr: &Messages,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let (x0, x1, y0, y1) = bounds(series);
    let mut chart = ChartBuilder::on(area)
        .caption(tr.render(&panel.caption), ("sans-serif", 19))
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(
            (x0 / 1.4..x1 * 1.4).log_scale(),
            (y0 / 1.6..y1 * 1.6)
                .log_scale()
                .with_key_points(ticks(y0 / 1.6, y1 * 1.6)),
        )?;
    chart
        .configure_mesh()
        .x_desc(tr.render(&msg!("compare-chart-axis-clients")))
        .y_desc(tr.render(&panel.axis))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| short(*v))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for s in series {
        draw_series(&mut chart, s)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .label_font(("sans-serif", 14))
        .draw()?;
    Ok(())
}

/// The panel's ranges, every run's low and high included: clients from `x0` to `x1`, the
/// figure from `y0` to `y1`. An empty panel gets ranges of its own.
fn bounds(series: &[Series]) -> (f64, f64, f64, f64) {
    let (mut x0, mut x1) = (f64::MAX, f64::MIN);
    let (mut y0, mut y1) = (f64::MAX, f64::MIN);
    for &(x, _, low, high) in series.iter().flat_map(|s| s.points.iter()) {
        (x0, x1) = (x0.min(x), x1.max(x));
        (y0, y1) = (y0.min(low), y1.max(high));
    }
    if series.is_empty() {
        (x0, x1, y0, y1) = (1.0, 1000.0, 1.0, 10.0);
    }
    (x0, x1, y0, y1)
}

/// The axes of a panel: clients and the figure, both logarithmic, the figure's labelled.
type PanelCoord =
    Cartesian2d<LogCoord<f64>, plotters::coord::combinators::WithKeyPoints<LogCoord<f64>>>;

/// One server's line: its short labels, each level's range of runs, and the line of medians
/// with its entry in the legend.
fn draw_series(
    chart: &mut ChartContext<'_, SVGBackend<'_>, PanelCoord>,
    series: &Series,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let Series {
        name: server,
        colour,
        points,
        short,
    } = series;
    let colour = *colour;
    for (x, y, said) in short {
        let style = TextStyle::from(("sans-serif", 14).into_font()).color(&colour);
        let label = plotters::element::Text::new(said.clone(), (*x, *y), style);
        chart.draw_series(std::iter::once(label))?;
    }
    for &(x, _, low, high) in points {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, low), (x, high)],
            colour.mix(0.6).stroke_width(2),
        )))?;
    }
    chart
        .draw_series(
            LineSeries::new(
                points.iter().map(|&(x, y, _, _)| (x, y)),
                colour.stroke_width(3),
            )
            .point_size(4),
        )?
        .label(server.clone())
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], colour.stroke_width(3)));
    Ok(())
}

/// Where a logarithmic axis from `low` to `high` is labelled: 1, 2 and 5 times each power of
/// ten within it; the powers of ten alone where those would be too many, finer steps where
/// they would be fewer than two. (Plotters labels the
/// powers of ten only, so a range within one decade, a throughput between 40k and 48k say,
/// would have no number on its axis at all.)
fn ticks(low: f64, high: f64) -> Vec<f64> {
    if !(low > 0.0 && high > low) {
        return Vec::new();
    }
    let decades = low.log10().floor() as i32..=high.log10().ceil() as i32;
    let within = |steps: &[f64]| -> Vec<f64> {
        decades
            .clone()
            .flat_map(|d| steps.iter().map(move |s| s * 10f64.powi(d)))
            .filter(|v| (low..=high).contains(v))
            .collect()
    };
    match within(&[1.0, 2.0, 5.0]) {
        few if few.len() < 2 => within(&[1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0]),
        many if many.len() > 7 => within(&[1.0]),
        fine => fine,
    }
}

/// An axis label: 0.05, 3, 250, 12k, 1.5M.
fn short(v: f64) -> String {
    let trimmed = |s: String| s.trim_end_matches('0').trim_end_matches('.').to_string();
    if v >= 1e6 {
        format!("{}M", trimmed(format!("{:.3}", v / 1e6)))
    } else if v >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if v >= 10.0 {
        format!("{v:.0}")
    } else {
        trimmed(format!("{v:.3}"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn axis_labels_are_short() {
        use super::short;
        assert_eq!(short(0.05), "0.05");
        assert_eq!(short(3.0), "3");
        assert_eq!(short(250.0), "250");
        assert_eq!(short(12_000.0), "12k");
        assert_eq!(short(1_500_000.0), "1.5M");
    }

    #[test]
    fn a_range_within_one_decade_still_has_labels() {
        use super::ticks;
        let fine = vec![30_000.0, 40_000.0, 50_000.0, 60_000.0, 80_000.0];
        assert_eq!(ticks(30_000.0, 80_000.0), fine);
        assert_eq!(ticks(0.8, 30.0), vec![1.0, 2.0, 5.0, 10.0, 20.0]);
        assert_eq!(ticks(0.5, 5_000.0), vec![1.0, 10.0, 100.0, 1_000.0]);
        assert!(ticks(0.0, 1.0).is_empty());
    }
}
