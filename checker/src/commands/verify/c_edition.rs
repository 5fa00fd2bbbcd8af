//! The C class's course (issue 65): course.md and course.ko.md as `export-student --track c`
//! renders them (with the export's own filters, `base::tracks::render` and the rules table's C
//! form) teach C. The places that are Rust by nature (the Rust-for-C chapter, day 6's part on
//! tokio) are left out, each named in one line, and nothing links into them; elsewhere no Rust
//! code block, no Rust path of an exercise, no Rust library path and no instruction only Rust has;
//! and each C exercise's section names its C files as they are in `c/exercises/`, and gives the
//! `lab_*` prototypes as its headers declare them.

use std::path::Path;

use anyhow::{Context, Result};

use crate::base::i18n::Lang;
use crate::base::tracks;
use crate::base::workspace::Track;
use crate::exercises;

/// Where the C edition may speak of Rust, each from its anchor to the next one given.
const RUST_BY_NATURE: &[(&str, &str)] = &[
    // The C track's own section: its key from the Rust words a hint may print to C's.
    ("c-track", "reading-a-failure"),
];

/// The anchors of the places only the Rust track has, which the C edition leaves out: the
/// Rust-for-C chapter (and its table of C calls against nix's), day 6's part on tokio.
const RUST_TRACK_PLACES: &[&str] = &[
    "rust-for-c",
    "rust-result",
    "c-to-nix",
    "day6",
    "futures",
    "slow-consumer",
    "day6-async",
    "day6-async-review",
];

/// What only a Rust student writes, runs or is told, each with what it is. Matched as written:
/// every one is code a C reader would type or look for.
const RUST_ONLY: &[(&str, &str)] = &[
    ("src/lib.rs", "a Rust package's library"),
    ("src/bin/", "a Rust package's programs"),
    ("--bin ", "cargo's choice of a program"),
    ("cargo run -q -p day", "a Rust exercise run by cargo"),
    ("cargo run -p day", "a Rust exercise run by cargo"),
    ("cargo test -p day", "a Rust exercise tested by cargo"),
    ("cargo build -p day", "a Rust exercise built by cargo"),
    ("clippy.toml", "the Rust track's rule file"),
    ("`[lints]`", "the Rust track's rules"),
    (".as_fd()", "a Rust borrow of a descriptor"),
    ("unwrap", "Rust's Option and Result"),
    ("Vec<u8>", "a Rust buffer"),
    ("read_until", "Rust's line reader"),
    ("unsafe` block", "Rust's unsafe code"),
    ("unsafe block", "Rust's unsafe code"),
    ("`unsafe` 블록", "Rust's unsafe code"),
    ("Rust's stdout", "Rust's standard output"),
    ("Rust의 stdout", "Rust's standard output"),
    ("Rust runtime", "Rust's runtime"),
    ("Rust's runtime", "Rust's runtime"),
    ("Rust 런타임", "Rust's runtime"),
    ("std::io::stdin", "Rust's standard input"),
    ("std::io::stdout", "Rust's standard output"),
    ("Errno::desc", "nix's errno text"),
    ("Mode::from_bits", "nix's file mode"),
    ("println!", "Rust's printing"),
    ("`?`", "Rust's error propagation"),
    ("impl AsFd", "a Rust descriptor parameter"),
    ("-> nix::Result", "a nix signature"),
    ("std::", "a path of Rust's standard library"),
    ("nix::", "a path of the nix crate"),
    ("tokio::", "a path of Rust's async runtime"),
    ("&mut ", "a Rust borrow"),
    ("epoll.modify", "nix's epoll"),
    ("Rust's", "what Rust has, told a C reader"),
    ("Rust의", "what Rust has, told a C reader"),
    ("in Rust,", "what Rust does, told a C reader"),
    ("Rust에서는", "what Rust does, told a C reader"),
    ("the Rust reference", "the Rust track's solution"),
    ("Rust 참조 풀이", "the Rust track's solution"),
    ("panic", "Rust's panic (a C program crashes)"),
    ("패닉", "Rust's panic (a C program crashes)"),
    ("no clippy", "the Rust track's linter, as what C lacks"),
    ("clippy가 없다", "the Rust track's linter, as what C lacks"),
];

/// Every problem of the C edition of the course, in both languages.
pub fn check(lab: &Path) -> Result<Vec<String>> {
    let c_exercises = lab.join("c/exercises");
    let mut problems = Vec::new();
    for lang in [Lang::En, Lang::Ko] {
        let file = lang.course();
        let text =
            std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))?;
        problems.extend(problems_in(file, &c_edition_of(&text), &c_exercises));
    }
    Ok(problems)
}

/// A course as the C export writes it: the C track's regions, and the rules table's C column.
fn c_edition_of(course: &str) -> String {
    crate::authoring::rules_tables::for_the_c_track(&tracks::render(course, Track::C))
}

/// The problems of one C edition (`c_edition`, rendered from `file`), against the C stubs in
/// `c_exercises`.
fn problems_in(file: &str, c_edition: &str, c_exercises: &Path) -> Vec<String> {
    let mut problems = rust_places_left_out(file, c_edition);
    problems.extend(rust_outside_its_places(file, c_edition));
    problems.extend(c_exercise_sections(file, c_edition, c_exercises));
    problems
}

/// The Rust track's places are not in the C edition (no anchor of theirs), and no link of the C
/// edition points at an anchor it lacks (into a place left out, say).
fn rust_places_left_out(file: &str, c_edition: &str) -> Vec<String> {
    let anchors = anchors(c_edition);
    let mut problems: Vec<String> = RUST_TRACK_PLACES
        .iter()
        .filter(|place| anchors.iter().any(|a| a == *place))
        .map(|place| format!("{file} (C edition) has #{place}, a place only the Rust track has"))
        .collect();
    for (n, line) in c_edition.lines().enumerate() {
        for target in line
            .split("](#")
            .skip(1)
            .filter_map(|r| r.split(')').next())
        {
            if !anchors.iter().any(|a| a == target) {
                problems.push(format!(
                    "{file} (C edition), line {}: a link to #{target}, which the C edition does not have",
                    n + 1
                ));
            }
        }
    }
    problems
}

/// The anchors of a Markdown text: each `<a id="...">`, and each heading's as GitHub makes it
/// (lower case, punctuation left out, blanks as hyphens).
fn anchors(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start_matches(['>', ' ']).starts_with("```") {
            in_code = !in_code;
        }
        found.extend(anchor_of(line).map(str::to_string));
        let level = line.chars().take_while(|&c| c == '#').count();
        if !in_code && (1..=6).contains(&level) && line[level..].starts_with(' ') {
            let slug = line[level..]
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || "-_ ".contains(*c))
                .map(|c| if c == ' ' { '-' } else { c })
                .collect();
            found.push(slug);
        }
    }
    found
}

/// A line of the edition that opens a place where Rust is in its nature, or one that ends it.
fn anchor_of(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("<a id=\"")
        .and_then(|rest| rest.split('"').next())
}

/// Rust code blocks, Rust paths and Rust-only instructions outside `RUST_BY_NATURE`.
fn rust_outside_its_places(file: &str, c_edition: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rust_place_ends: Option<&str> = None;
    for (n, line) in c_edition.lines().enumerate() {
        if let Some(anchor) = anchor_of(line) {
            if rust_place_ends == Some(anchor) {
                rust_place_ends = None;
            }
            if let Some((_, end)) = RUST_BY_NATURE.iter().find(|(start, _)| *start == anchor) {
                rust_place_ends = Some(end);
            }
        }
        // (An HTML comment is for the lab's maintainers: a reader never sees it.)
        if rust_place_ends.is_some()
            || line.trim().starts_with("<!--") && line.trim().ends_with("-->")
        {
            continue;
        }
        let bare = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        if bare.starts_with("```rust") {
            problems.push(format!(
                "{file} (C edition), line {}: a Rust code block",
                n + 1
            ));
        }
        for (marker, what) in RUST_ONLY {
            if line.contains(marker) {
                problems.push(format!(
                    "{file} (C edition), line {}: `{marker}`, {what}: {}",
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    problems
}

/// An exercise's section: from its anchor to the next exercise-level anchor (`<a id="day...`).
fn section<'a>(text: &'a str, anchor: &str) -> Option<&'a str> {
    let start = text.find(&format!("<a id=\"{anchor}\"></a>"))?;
    let rest = &text[start + 1..];
    Some(&rest[..rest.find("\n<a id=\"day").unwrap_or(rest.len())])
}

/// A C line with its comments and runs of blanks gone: a prototype as a header and the course
/// may each lay it out.
fn normalized(line: &str) -> String {
    let code = line.split("/*").next().unwrap_or(line);
    let code = code.split("//").next().unwrap_or(code);
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `lab_*` prototypes of the C blocks of `text`, normalized.
fn lab_prototypes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_c = false;
    for line in text.lines() {
        let bare = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
        if bare.starts_with("```") {
            in_c = !in_c && bare.starts_with("```c");
            continue;
        }
        let code = normalized(bare);
        if in_c && code.contains(" lab_") && code.ends_with(");") && !code.contains('=') {
            found.push(code);
        }
    }
    found
}

/// The file names a section gives in backticks or in a path: `fileio.c`,
/// `exercises/day1-fileio/copy.c`, `endian.h`.
fn named_sources(section: &str) -> Vec<&str> {
    section
        .split(|c: char| c == '`' || c.is_whitespace() || "(),;:".contains(c))
        .filter(|word| word.ends_with(".c") || word.ends_with(".h"))
        .collect()
}

/// Each C exercise's section names the C files its student writes, names only sources that
/// are there, and gives the `lab_*` prototypes word for word as its headers declare them.
fn c_exercise_sections(file: &str, c_edition: &str, c_exercises: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for ex in exercises::ALL {
        let Some(c) = ex.c else { continue };
        let Some(text) = section(c_edition, ex.section) else {
            problems.push(format!("{file} (C edition) has no section #{}", ex.section));
            continue;
        };
        let folder = c_exercises.join(ex.name);
        for student_file in c.student_files {
            if !text.contains(&format!("`{student_file}`"))
                && !text.contains(&format!("/{student_file}`"))
            {
                problems.push(format!(
                    "{file} (C edition), #{}: does not name `{student_file}`, the file a C student writes",
                    ex.section
                ));
            }
        }
        for name in named_sources(text) {
            let path = name.strip_prefix(&format!("exercises/{}/", ex.name));
            let there = match path {
                Some(rel) => folder.join(rel).is_file(),
                // A bare name: the exercise's own, or the shared one (`lab.h`); another
                // exercise's path is that exercise's to check.
                None if name.contains('/') => true,
                None => {
                    folder.join(name).is_file() || c_exercises.join("common").join(name).is_file()
                }
            };
            if !there {
                problems.push(format!(
                    "{file} (C edition), #{}: names `{name}`, which c/exercises/{}/ does not have",
                    ex.section, ex.name
                ));
            }
        }
        let headers: Vec<String> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "h"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .flat_map(|h| h.lines().map(normalized).collect::<Vec<_>>())
            .collect();
        for prototype in lab_prototypes(text) {
            if !headers.contains(&prototype) {
                problems.push(format!(
                    "{file} (C edition), #{}: `{prototype}` is not as c/exercises/{}/'s headers declare it",
                    ex.section, ex.name
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::workspace::lab_root;

    /// The C edition of the lab's course, in `lang`.
    fn c_edition(lang: Lang) -> String {
        let text = std::fs::read_to_string(lab_root().join(lang.course())).unwrap();
        c_edition_of(&text)
    }

    /// Issue 65: the C class reads a C course, in both languages.
    #[test]
    fn the_lab_s_c_course_is_c_in_both_languages() {
        let problems = check(&lab_root()).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// Each kind of problem, planted in the real C edition, is found (and named by its line).
    #[test]
    fn a_rust_block_path_or_instruction_in_the_c_edition_is_found() {
        let c_exercises = lab_root().join("c/exercises");
        let edition = c_edition(Lang::En);
        let found = |planted: &str| problems_in("course.md", planted, &c_exercises);
        let day2 = "<a id=\"day2\"></a>";
        let plant = |what: &str| edition.replacen(day2, &format!("{what}\n\n{day2}"), 1);
        assert!(found(&edition).is_empty(), "{:#?}", found(&edition));
        for (planted, expected) in [
            ("```rust\nlet x = 1;\n```", "a Rust code block"),
            ("Write it in `src/lib.rs`.", "`src/lib.rs`"),
            ("Keep the bytes in a `Vec<u8>`.", "`Vec<u8>`"),
            ("Pass `std::io::stdin().as_fd()`.", "`.as_fd()`"),
            ("Threads (`pthread`, `std::thread`).", "`std::`"),
            ("Feed it through a channel (`std::sync::mpsc`).", "`std::`"),
            ("On the C track there is no clippy.", "`no clippy`"),
            ("Its stack: 2 MiB for Rust's.", "`Rust's`"),
            (
                "A thread (the Rust reference: two).",
                "`the Rust reference`",
            ),
            ("Never a panic.", "`panic`"),
            (
                "Re-arm it (`epoll.modify(&fd, &mut event)`).",
                "`epoll.modify`",
            ),
            (
                "Read [the slow consumer](#slow-consumer).",
                "#slow-consumer",
            ),
            (
                "<a id=\"rust-for-c\"></a>\n## Rust for C programmers",
                "#rust-for-c",
            ),
        ] {
            let problems = found(&plant(planted));
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{planted}: {problems:#?}"
            );
        }
        // In the C track's own section, the key from Rust's words to C's, the same is no problem;
        // nor is the one line that names a Rust place left out.
        let in_c_track = edition.replacen(
            "<a id=\"reading-a-failure\"></a>",
            "A hint may say `Vec<u8>` or `std::io::stdin`: read a C array, `stdin`.\n\n<a id=\"reading-a-failure\"></a>",
            1,
        );
        assert!(found(&in_c_track).is_empty(), "{:#?}", found(&in_c_track));
        assert!(edition.contains("The Rust track has a chapter here"));
    }

    /// A C file that is not there, a student's file left unnamed, a prototype not the header's.
    #[test]
    fn a_wrong_file_or_prototype_in_the_c_edition_is_found() {
        let c_exercises = lab_root().join("c/exercises");
        let edition = c_edition(Lang::En);
        let found = |planted: &str| problems_in("course.md", planted, &c_exercises);
        let wrong_file = edition.replacen(
            "`exercises/day1-endian/endian.c`",
            "`exercises/day1-endian/endians.c`",
            1,
        );
        assert!(found(&wrong_file).iter().any(|p| p.contains("endians.c")));
        let unnamed = edition
            .replace("`copy.c`", "the program")
            .replace("/copy.c`", "/copy`");
        assert!(
            found(&unnamed).iter().any(|p| p.contains("`copy.c`")),
            "{:#?}",
            found(&unnamed)
        );
        let wrong_prototype = edition.replacen(
            "uint16_t lab_swap16(uint16_t x);",
            "uint16_t lab_swap16(uint32_t x);",
            1,
        );
        assert!(
            found(&wrong_prototype)
                .iter()
                .any(|p| p.contains("lab_swap16"))
        );
    }
}
