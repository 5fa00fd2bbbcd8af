//! One source, a document for each track. README and the course are written once, for both
//! tracks; what differs between them sits in regions fenced by HTML comments, each on a line of
//! its own (after a blockquote's `>` where it is inside one):
//!
//! ```text
//! <!-- track:rust -->
//! ... the Rust form ...
//! <!-- /track -->
//! <!-- track:c -->
//! ... the C form ...
//! <!-- /track -->
//! <!-- track:lab -->
//! ... what only the instructor's lab has (both tracks side by side, `--track c`) ...
//! <!-- /track -->
//! ```
//!
//! GitHub shows the lab with every form (the comments are invisible); `checker export-student`
//! renders each document for the class's track: the other track's regions, the lab's, and every
//! fence line go. Regions do not nest.

use super::workspace::Track;

const OPEN_RUST: &str = "<!-- track:rust -->";
const OPEN_C: &str = "<!-- track:c -->";
const OPEN_LAB: &str = "<!-- track:lab -->";
const CLOSE: &str = "<!-- /track -->";

/// Whose a region is: a track's class, or the instructor's lab alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Track(Track),
    Lab,
}

/// What a line is to the renderer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Open(Region),
    Close,
    Text,
}

/// A line with any blockquote prefix (`>`, `> >`) and indentation left off.
fn bare(line: &str) -> &str {
    line.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
        .trim_end()
}

fn kind(line: &str) -> Line {
    match bare(line) {
        OPEN_RUST => Line::Open(Region::Track(Track::Rust)),
        OPEN_C => Line::Open(Region::Track(Track::C)),
        OPEN_LAB => Line::Open(Region::Lab),
        CLOSE => Line::Close,
        _ => Line::Text,
    }
}

/// A line with nothing to read: empty, or a blockquote's `>` alone.
fn is_blank(line: &str) -> bool {
    bare(line).is_empty()
}

/// `text` as the class of `track` reads it: the regions of the other track left out, and every
/// fence line; where a region left out stood between two blank lines, one of them goes too.
pub fn render(text: &str, track: Track) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut region: Option<Region> = None;
    let mut dropped = false;
    for line in text.lines() {
        match kind(line) {
            Line::Open(t) => {
                region = Some(t);
                dropped = true;
            }
            Line::Close => {
                region = None;
                dropped = true;
            }
            Line::Text if region.is_some_and(|r| r != Region::Track(track)) => dropped = true,
            Line::Text => {
                // One blank line where a fence or another track's region stood between two.
                if dropped && is_blank(line) && out.last().is_some_and(|l| is_blank(l)) {
                    continue;
                }
                dropped = false;
                out.push(line);
            }
        }
    }
    let mut rendered = out.join("\n");
    if text.ends_with('\n') {
        rendered.push('\n');
    }
    rendered
}

/// The fences' problems: a region opened inside another, a close with no region open, a region
/// never closed, a fence inside a code block (the block would be cut in two). Each names its
/// line (from 1).
pub fn problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut open: Option<usize> = None;
    let mut in_code = false;
    for (i, line) in text.lines().enumerate() {
        if bare(line).starts_with("```") {
            in_code = !in_code;
        }
        if in_code && kind(line) != Line::Text {
            problems.push(format!(
                "line {}: a track fence inside a code block (the block must be whole in its region)",
                i + 1
            ));
        }
        match (kind(line), open) {
            (Line::Open(_), Some(at)) => problems.push(format!(
                "line {}: a track region opens inside the one of line {at}",
                i + 1
            )),
            (Line::Open(_), None) => open = Some(i + 1),
            (Line::Close, None) => {
                problems.push(format!("line {}: {CLOSE} with no region open", i + 1))
            }
            (Line::Close, Some(_)) => open = None,
            (Line::Text, _) => {}
        }
    }
    if let Some(at) = open {
        problems.push(format!("line {at}: a track region never closed ({CLOSE})"));
    }
    problems
}

/// Whose each region is, in order: a document and its twin have the same.
pub fn regions(text: &str) -> Vec<Region> {
    text.lines()
        .filter_map(|l| match kind(l) {
            Line::Open(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Intro.\n\n<!-- track:rust -->\nIn `src/lib.rs`.\n<!-- /track -->\n<!-- track:c -->\nIn `endian.c`.\n<!-- /track -->\n\n> box\n>\n> <!-- track:rust -->\n> ```sh\n> cargo run -p x\n> ```\n> <!-- /track -->\n> <!-- track:c -->\n> ```sh\n> make -C exercises/x\n> ```\n> <!-- /track -->\n>\n> end\n";

    #[test]
    fn each_track_keeps_its_own_regions_and_no_fence() {
        assert_eq!(
            render(TEXT, Track::Rust),
            "Intro.\n\nIn `src/lib.rs`.\n\n> box\n>\n> ```sh\n> cargo run -p x\n> ```\n>\n> end\n"
        );
        assert_eq!(
            render(TEXT, Track::C),
            "Intro.\n\nIn `endian.c`.\n\n> box\n>\n> ```sh\n> make -C exercises/x\n> ```\n>\n> end\n"
        );
        let (rust, c) = (Region::Track(Track::Rust), Region::Track(Track::C));
        assert_eq!(regions(TEXT), [rust, c, rust, c]);
        assert!(problems(TEXT).is_empty());
    }

    #[test]
    fn a_region_between_blank_lines_leaves_one() {
        let text = "A\n\n<!-- track:c -->\nC only.\n<!-- /track -->\n\nB\n";
        assert_eq!(render(text, Track::Rust), "A\n\nB\n");
        assert_eq!(render(text, Track::C), "A\n\nC only.\n\nB\n");
    }

    #[test]
    fn the_lab_s_own_regions_reach_no_export() {
        let text = "A\n<!-- track:lab -->\nIn the lab: `--track c`.\n<!-- /track -->\nB\n";
        for track in [Track::Rust, Track::C] {
            assert_eq!(render(text, track), "A\nB\n");
        }
    }

    #[test]
    fn fences_out_of_place_are_named() {
        let nested = "<!-- track:c -->\n<!-- track:rust -->\n<!-- /track -->\n";
        assert_eq!(problems(nested).len(), 1, "{:?}", problems(nested));
        assert_eq!(problems("<!-- /track -->\n").len(), 1);
        assert_eq!(problems("<!-- track:rust -->\nx\n").len(), 1);
        let cut = "<!-- track:rust -->\n```rust\nfn f() {\n<!-- /track -->\n}\n```\n";
        assert!(
            problems(cut)
                .iter()
                .any(|p| p.contains("inside a code block"))
        );
    }
}
