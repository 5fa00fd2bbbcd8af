//! The day map's reading times (course.md#day-map, and its Korean twin) are counted, not guessed:
//! every whitespace-separated word of a part (a `## Day N` heading up to the next `## `), code
//! included, in each track's edition (`base::tracks::render`: its own language's code only), at
//! 200 words a minute, the longer of the two editions, rounded to the nearest minute. A section
//! whose first line says *Going further* counts apart, up to the next heading, and so does a part
//! made only of such sections. Each edition's day map counts the parts that edition has (the C
//! edition leaves out the Rust track's chapter and day 6's part on tokio), and only the Rust
//! edition's gives the Rust-for-C chapter's minutes.

use std::path::Path;

use anyhow::{Context, Result};

use crate::base::tracks;
use crate::base::workspace::Track;

const WORDS_A_MINUTE: usize = 200;

/// Where the day map's table starts, and the paragraph under it that gives the Rust chapter's
/// minutes.
const DAY_MAP: &str = "<a id=\"day-map\"></a>";
const RUST_CHAPTER_LINK: &str = "](#rust-for-c)";
const RUST_CHAPTER_HEADING: &str = "## Rust for C programmers";

/// The words of one `## ` part of an edition: those read on the day's path, and those of its
/// going-further sections.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Words {
    path: usize,
    further: usize,
}

/// Each `## ` part of one edition, by its heading, with its words.
fn parts(edition: &str) -> Vec<(String, Words)> {
    let mut parts: Vec<(String, Words)> = Vec::new();
    let mut in_code = false;
    let mut further = false;
    for line in edition.lines() {
        let bare = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        if bare.starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with("## ") {
            parts.push((line.to_string(), Words::default()));
            further = false;
            continue;
        }
        if !in_code && line.starts_with("### ") {
            further = false;
        }
        if !in_code && line.starts_with("*Going further") {
            further = true;
        }
        if let Some((_, words)) = parts.last_mut() {
            let n = line.split_whitespace().count();
            if further {
                words.further += n;
            } else {
                words.path += n;
            }
        }
    }
    parts
}

fn minutes(words: usize) -> usize {
    (words + WORDS_A_MINUTE / 2) / WORDS_A_MINUTE
}

/// What each day's cell of `track`'s day map must say, in the order its numbers come: the day's
/// minutes, each part's when it has several, and the going-further minutes when there are any;
/// and the Rust chapter's minutes (none in an edition without it).
fn expected(course: &str, track: Track) -> (Vec<Vec<usize>>, Option<usize>) {
    let [rust_parts, c_parts] = [Track::Rust, Track::C].map(|t| parts(&tracks::render(course, t)));
    let (own, other) = match track {
        Track::Rust => (&rust_parts, &c_parts),
        Track::C => (&c_parts, &rust_parts),
    };
    let mut days: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    let mut rust_chapter = None;
    for (heading, rust) in own {
        // The same part in the other edition, found by its heading: an edition may lack a part.
        let c = other
            .iter()
            .find(|(h, _)| h == heading)
            .map(|(_, w)| *w)
            .unwrap_or_default();
        if heading.starts_with(RUST_CHAPTER_HEADING) {
            rust_chapter = Some(minutes(rust.path.max(c.path)));
        }
        let Some(day) = heading
            .strip_prefix("## Day ")
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        if days.last().is_none_or(|(d, _, _)| *d != day) {
            days.push((day, Vec::new(), 0));
        }
        let (_, path, further) = days.last_mut().expect("pushed above");
        if rust.path.max(c.path) > 0 {
            path.push(minutes(rust.path.max(c.path)));
        }
        *further += rust.further.max(c.further);
    }
    let cells = days
        .into_iter()
        .map(|(_, path, further)| {
            let mut numbers = vec![path.iter().sum()];
            if path.len() > 1 {
                numbers.extend(&path);
            }
            if minutes(further) > 0 {
                numbers.push(minutes(further));
            }
            numbers
        })
        .collect();
    (cells, rust_chapter)
}

fn numbers(text: &str) -> Vec<usize> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The reading-time cells of the day map's table in `doc` (one edition: its last column, a row a
/// day), and the minutes the paragraph under it gives the Rust chapter, if it names the chapter.
fn stated(doc: &str) -> Option<(Vec<Vec<usize>>, Option<usize>)> {
    let map = &doc[doc.find(DAY_MAP)?..];
    let rows: Vec<Vec<usize>> = map
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|row| row.trim_end_matches('|').rsplit('|').next().map(numbers))
        .collect();
    let rust_chapter = map.find(RUST_CHAPTER_LINK).and_then(|at| {
        let after_link = &map[at + RUST_CHAPTER_LINK.len()..];
        numbers(after_link.lines().take(2).collect::<String>().as_str())
            .first()
            .copied()
    });
    Some((rows, rust_chapter))
}

/// The day map of course.md and course.ko.md, in each track's edition, against the count.
pub fn check(lab: &Path) -> Result<Vec<String>> {
    let course = std::fs::read_to_string(lab.join("course.md")).context("reading course.md")?;
    let mut problems = Vec::new();
    for doc in ["course.md", "course.ko.md"] {
        let text =
            std::fs::read_to_string(lab.join(doc)).with_context(|| format!("reading {doc}"))?;
        for track in [Track::Rust, Track::C] {
            let edition = format!("{doc} ({:?} edition)", track);
            problems.extend(edition_problems(
                &edition,
                &tracks::render(&text, track),
                expected(&course, track),
            ));
        }
    }
    Ok(problems)
}

/// The day map of one edition (`doc`, as `edition` names it) against `expected`'s count.
fn edition_problems(
    edition: &str,
    doc: &str,
    (days, rust_chapter): (Vec<Vec<usize>>, Option<usize>),
) -> Vec<String> {
    let mut problems = Vec::new();
    let Some((rows, stated_rust)) = stated(doc) else {
        return vec![format!(
            "{edition}: no day map (#day-map) with a reading-time column"
        )];
    };
    if rows.len() != days.len() {
        problems.push(format!(
            "{edition}: the day map has {} rows, the course {} days",
            rows.len(),
            days.len()
        ));
    }
    for (i, (row, want)) in rows.iter().zip(&days).enumerate() {
        if row != want {
            problems.push(format!(
                "{edition}: day {}'s reading time says {row:?} (total, parts, going further), the count gives {want:?} (words of the longer edition, code included, 200 a minute)",
                i + 1
            ));
        }
    }
    if stated_rust != rust_chapter {
        problems.push(format!(
            "{edition}: the Rust chapter takes {stated_rust:?} minutes by the day map, {rust_chapter:?} by the count (none: the edition has no such chapter)"
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn going_further_counts_apart_and_code_counts_in_its_own_track_only() {
        let text = "## Day 1 · Part 1\n\none two three\n\n<!-- track:rust -->\n```rust\nlet x = 1;\n```\n<!-- /track -->\n\n### More\n\n*Going further: later.*\n\nfour five\n\n### Back\n\nsix\n";
        let rust = parts(&tracks::render(text, Track::Rust));
        let c = parts(&tracks::render(text, Track::C));
        assert_eq!(
            rust[0].1,
            Words {
                path: 14,
                further: 5
            }
        );
        assert_eq!(
            c[0].1,
            Words {
                path: 8,
                further: 5
            }
        );
    }

    #[test]
    fn the_table_is_read_back_and_compared_with_the_count() {
        let words = |n: usize| vec!["word"; n].join(" ");
        let course = format!(
            "<a id=\"day-map\"></a>\n\n| the notes | this course | reading time |\n| --- | --- | --- |\n| day 1 | [Day 1](#day1) | 3 min: 1, 2 |\n\nBefore day 1, [Rust for C programmers](#rust-for-c) takes about 1 minute.\n\n## Rust for C programmers\n\n{}\n\n## Day 1 · Part 1\n\n{}\n\n## Day 1 · Part 2\n\n{}\n",
            words(250),
            words(299),
            words(301)
        );
        assert_eq!(
            expected(&course, Track::Rust),
            (vec![vec![3, 1, 2]], Some(1))
        );
        assert_eq!(stated(&course), Some((vec![vec![3, 1, 2]], Some(1))));
        let wrong = course.replace("3 min: 1, 2", "2 min: 1, 1");
        assert_eq!(stated(&wrong), Some((vec![vec![2, 1, 1]], Some(1))));
    }

    /// A part only the Rust track has (its chapter, day 6's part on tokio) is in the Rust
    /// edition's day map, not in the C edition's.
    #[test]
    fn each_edition_counts_the_parts_it_has() {
        let words = |n: usize| vec!["word"; n].join(" ");
        let course = format!(
            "<!-- track:rust -->\n## Rust for C programmers\n\n{}\n<!-- /track -->\n\n## Day 1 · Part 1\n\n{}\n\n<!-- track:rust -->\n## Day 2 · Part 1: tasks\n\n{}\n<!-- /track -->\n\n## Day 2 · Part 2\n\n{}\n",
            words(400),
            words(600),
            words(800),
            words(1000)
        );
        assert_eq!(
            expected(&course, Track::Rust),
            (vec![vec![3], vec![9, 4, 5]], Some(2))
        );
        assert_eq!(expected(&course, Track::C), (vec![vec![3], vec![5]], None));
    }

    #[test]
    fn a_cell_gives_its_numbers_in_order() {
        assert_eq!(numbers("61 min: 15, 28, 18 (+ 1 min)"), [61, 15, 28, 18, 1]);
        assert_eq!(
            numbers("61분. 부마다 15, 28, 18분(+ 1분)"),
            [61, 15, 28, 18, 1]
        );
        assert_eq!(minutes(299), 1);
        assert_eq!(minutes(300), 2);
    }
}
