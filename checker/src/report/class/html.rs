//! The class page's HTML: every string from a report escaped (by html-escape: names, notes and
//! program output are the students'), and the two pictures the page repeats, drawn as inline
//! SVG: a bar of parts and a histogram.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::figures::{BINS, Histogram};

/// `s` as the text of an element.
pub fn text(s: &str) -> Cow<'_, str> {
    html_escape::encode_text(s)
}

/// `s` as the value of an attribute in double quotes.
pub fn attr(s: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(s)
}

/// A horizontal bar `width` pixels wide, split in `parts` (a count and its CSS class) by their
/// share of the sum; its title says each count.
pub fn bar(parts: &[(u64, &str)], width: u32, title: &str) -> String {
    let total: u64 = parts.iter().map(|p| p.0).sum();
    let mut out = format!(
        "<svg class=\"bar\" width=\"{width}\" height=\"12\" role=\"img\"><title>{}</title>",
        text(title)
    );
    let mut x = 0.0;
    for (n, class) in parts {
        if *n == 0 || total == 0 {
            continue;
        }
        let w = *n as f64 * f64::from(width) / total as f64;
        let _ = write!(
            out,
            "<rect class=\"{class}\" x=\"{x:.1}\" width=\"{w:.1}\" height=\"12\"></rect>"
        );
        x += w;
    }
    out.push_str("</svg>");
    out
}

/// The words under a histogram's bars.
pub struct Labels<'a> {
    pub not_started: &'a str,
    pub no_grade: &'a str,
    pub axis: &'a str,
}

/// A histogram as SVG, `scale` pixels a bar: the students who had not started (and those with
/// no grade, where there are any) at the left, apart, then the score's tenths. Each bar carries
/// its count (`data-n`) and shows it above; a small one names only its ends.
pub fn histogram(h: &Histogram, labels: &Labels, scale: u32, id: &str) -> String {
    let bar_w = scale;
    let gap = scale / 4;
    let height = scale * 4;
    let mut bars: Vec<(String, u64, &str)> = Vec::new();
    if h.no_grade > 0 {
        bars.push((labels.no_grade.to_string(), h.no_grade, "nograde"));
    }
    bars.push((labels.not_started.to_string(), h.not_started, "notstarted"));
    let apart = bars.len();
    for (bin, n) in h.bins.iter().enumerate() {
        bars.push((
            Histogram::label(bin),
            *n,
            if bin == BINS - 1 { "full" } else { "score" },
        ));
    }
    let tallest = h.tallest().max(1);
    let label_h = 26;
    // A bar apart is as wide as its label where labels are shown (a Hangul syllable is wide).
    let widths: Vec<u32> = bars
        .iter()
        .enumerate()
        .map(|(i, (label, ..))| {
            let cells = crate::base::i18n::width(label) as u32;
            if i < apart && scale >= 24 {
                bar_w.max(cells * 6)
            } else {
                bar_w
            }
        })
        .collect();
    let width = widths.iter().map(|w| w + gap).sum::<u32>() + 2 * gap + bar_w / 2;
    let mut out = format!(
        "<svg class=\"hist\" id=\"{}\" width=\"{width}\" height=\"{}\" role=\"img\" aria-label=\"{}\">",
        attr(id),
        height + label_h + 14,
        attr(labels.axis)
    );
    let mut x = gap;
    for (i, (label, n, class)) in bars.iter().enumerate() {
        let bar_w = widths[i];
        if i == apart {
            x += bar_w / 2; // the gap between who did not start and the scores
        }
        // A small histogram names only its ends (the legend names the bars apart).
        let shown = if scale >= 24 || (i >= apart && (label == "0" || label == "100")) {
            text(label)
        } else {
            Cow::Borrowed("")
        };
        let h_px = (*n as f64 * f64::from(height) / tallest as f64).round();
        let y = 12.0 + f64::from(height) - h_px;
        let _ = write!(
            out,
            "<g class=\"b\" data-label=\"{}\" data-n=\"{n}\"><rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{bar_w}\" height=\"{h_px}\"></rect>\
             <text class=\"n\" x=\"{}\" y=\"{}\">{n}</text><text class=\"l\" x=\"{}\" y=\"{}\">{}</text></g>",
            attr(label),
            x + bar_w / 2,
            y - 2.0,
            x + bar_w / 2,
            height + 24,
            shown
        );
        x += bar_w + gap;
    }
    let _ = write!(
        out,
        "<text class=\"axis\" x=\"{}\" y=\"{}\">{}</text></svg>",
        width - gap,
        height + label_h + 12,
        text(labels.axis)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_string_stays_text() {
        assert_eq!(
            text("<script>x</script> & \"q\""),
            "&lt;script&gt;x&lt;/script&gt; &amp; \"q\""
        );
        assert_eq!(
            attr("\"><img onerror=x>"),
            "&quot;&gt;&lt;img onerror=x&gt;"
        );
    }

    #[test]
    fn a_histogram_has_a_bar_per_tenth_and_the_unstarted_apart() {
        let mut h = Histogram {
            not_started: 2,
            ..Histogram::default()
        };
        h.bins[0] = 1;
        h.bins[BINS - 1] = 3;
        let labels = Labels {
            not_started: "not started",
            no_grade: "no grade",
            axis: "% <of> max",
        };
        let svg = histogram(&h, &labels, 20, "x");
        assert_eq!(svg.matches("<g class=\"b\"").count(), BINS + 1, "{svg}");
        assert!(
            svg.contains("data-label=\"not started\" data-n=\"2\""),
            "{svg}"
        );
        assert!(svg.contains("data-label=\"100\" data-n=\"3\""), "{svg}");
        assert!(
            !svg.contains("no grade"),
            "no bar for no grade when there is none"
        );
        assert!(svg.contains("% &lt;of&gt; max"));
    }
}
