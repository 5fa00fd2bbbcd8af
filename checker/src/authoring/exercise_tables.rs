//! The tables that name the exercises: README's (each track's, in both languages: what the
//! student writes, and in which files) and the course's day map (each track's, in both
//! languages). `checker new` writes a new exercise's row (its words a `TODO` for the instructor),
//! `checker sync` writes a row an exercise lacks, in course order; the rows there are never
//! rewritten, their words being the instructors'. `checker verify` names a table that lacks an
//! exercise of its track or names one that is not.

use std::path::Path;

use anyhow::{Context, Result};

use super::stamps::{read_pair, restamp_pair};
use crate::base::workspace::Track;

/// How a table names the exercises.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    /// A row an exercise, `| <day> | `<name>` | <words> |`, in course order.
    RowEach,
    /// A row a day (the day map): its exercises in the third cell, `` `a`, `b` ``.
    DayRow,
}

/// What a track's table holds, and how `new` writes a row (`RowEach` only).
struct Table {
    file: &'static str,
    header: &'static str,
    /// The exercises it names: the track's.
    track: Track,
    /// The region of the file that holds it (`<!-- track:rust|c|lab -->`).
    region: &'static str,
    shape: Shape,
    /// The words of a new exercise's row: `{files}` is its C sources, in backticks.
    program_row: &'static str,
    library_row: &'static str,
}

const DAY_MAP_EN: &str = "| the notes | this course | exercises | reading time |";
const DAY_MAP_KO: &str = "| 노트 | 이 교재 | 실습 | 읽는 시간 |";

const RUST_REGION: &str = "<!-- track:rust -->";
const C_REGION: &str = "<!-- track:c -->";
/// What the lab's copy shows, not a class's (README's part on the C track).
const LAB_REGION: &str = "<!-- track:lab -->";

const fn day_map(file: &'static str, header: &'static str, track: Track) -> Table {
    Table {
        file,
        header,
        track,
        region: match track {
            Track::Rust => RUST_REGION,
            Track::C => C_REGION,
        },
        shape: Shape::DayRow,
        program_row: "",
        library_row: "",
    }
}

/// A table of a row an exercise: in `file`, under `header`, in `region`, naming the exercises
/// of `track`; a new row's words for a program, and for a library.
const fn row_each(
    [file, header, region]: [&'static str; 3],
    track: Track,
    [program_row, library_row]: [&'static str; 2],
) -> Table {
    Table {
        file,
        header,
        track,
        region,
        shape: Shape::RowEach,
        program_row,
        library_row,
    }
}

/// Every table of exercises, by its header and the region (`<!-- track:... -->`) that holds it.
const TABLES: [Table; 10] = [
    row_each(
        ["README.md", "| day | exercise | you write |", RUST_REGION],
        Track::Rust,
        ["TODO: what the student writes"; 2],
    ),
    row_each(
        ["README.md", "| day | exercise | you write, in |", C_REGION],
        Track::C,
        ["TODO: what the student writes ({files})"; 2],
    ),
    row_each(
        ["README.md", "| day | exercise | you edit |", LAB_REGION],
        Track::C,
        ["{files}", "{files}: TODO: its functions (a library)"],
    ),
    row_each(
        ["README.ko.md", "| 일차 | 실습 | 작성할 것 |", RUST_REGION],
        Track::Rust,
        ["TODO: 학생이 작성할 것"; 2],
    ),
    row_each(
        [
            "README.ko.md",
            "| 일차 | 실습 | 작성할 것과 그 파일 |",
            C_REGION,
        ],
        Track::C,
        ["TODO: 학생이 작성할 것({files})"; 2],
    ),
    row_each(
        ["README.ko.md", "| 일차 | 실습 | 고칠 파일 |", LAB_REGION],
        Track::C,
        ["{files}", "{files}: TODO: 함수들(라이브러리)"],
    ),
    day_map("course.md", DAY_MAP_EN, Track::Rust),
    day_map("course.md", DAY_MAP_EN, Track::C),
    day_map("course.ko.md", DAY_MAP_KO, Track::Rust),
    day_map("course.ko.md", DAY_MAP_KO, Track::C),
];

/// The files the tables are in, each with its Korean twin (restamped after an edit).
pub const TWINS: [[&str; 2]; 2] = [["README.md", "README.ko.md"], ["course.md", "course.ko.md"]];

/// An exercise as the lists name it.
pub struct Entry<'a> {
    pub name: &'a str,
    pub day: u8,
    /// On the C track: the `.c` files its student writes, and whether it is a library.
    pub c: Option<(Vec<String>, bool)>,
}

/// The day of `dayN-...`.
pub(super) fn day_of(name: &str) -> Option<u8> {
    name.strip_prefix("day")?.split('-').next()?.parse().ok()
}

/// The lines (first and past-the-end, header included) of the table `header` in the region
/// `marker` of `text`.
fn locate(text: &str, header: &str, marker: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut region = "";
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("<!-- track:") || line.starts_with("<!-- /track") {
            region = line.trim_end();
        }
        if line.trim_end() == header && region == marker {
            let end = lines[i..]
                .iter()
                .position(|l| !l.starts_with('|'))
                .map_or(lines.len(), |n| i + n);
            return Some((i, end));
        }
    }
    None
}

/// The exercises a row names in the cell that holds them.
fn names_in(row: &str, shape: Shape) -> Vec<String> {
    let column = match shape {
        Shape::RowEach => 1,
        Shape::DayRow => 2,
    };
    let Some(cell) = row.split('|').nth(column + 1) else {
        return Vec::new();
    };
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter(|n| day_of(n).is_some())
        .map(str::to_string)
        .collect()
}

/// The rows of a table (after its header and separator) with the exercises each names.
fn rows<'t>(
    lines: &[&'t str],
    (start, end): (usize, usize),
    shape: Shape,
) -> Vec<(usize, &'t str, Vec<String>)> {
    (start + 2..end)
        .map(|i| (i, lines[i], names_in(lines[i], shape)))
        .collect()
}

/// What adding `entry` to one table does.
#[derive(Debug, PartialEq)]
enum Added {
    Row,
    AlreadyThere,
    /// A day map with no row for its day: the day's row comes with its part of the course.
    NoRowForDay,
}

/// `text` with `entry` in `table`, in course order (`order`: the exercises in it), and what was
/// done (None: the file has no such table).
fn with_entry(
    text: &str,
    table: &Table,
    entry: &Entry,
    order: &[String],
) -> Option<(String, Added)> {
    let range = locate(text, table.header, table.region)?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let borrowed: Vec<&str> = text.lines().collect();
    let rows = rows(&borrowed, range, table.shape);
    if rows
        .iter()
        .any(|(_, _, names)| names.iter().any(|n| n == entry.name))
    {
        return Some((text.to_string(), Added::AlreadyThere));
    }
    let position = |name: &str| order.iter().position(|o| o == name);
    let comes_before = |name: &str| match (position(name), position(entry.name)) {
        (Some(it), Some(new)) => it < new,
        _ => day_of(name).is_some_and(|d| d <= entry.day),
    };
    match table.shape {
        Shape::RowEach => {
            let at = rows
                .iter()
                .filter(|(_, _, names)| names.first().is_some_and(|n| comes_before(n)))
                .map(|(i, _, _)| i + 1)
                .next_back()
                .unwrap_or(range.0 + 2);
            lines.insert(at, row_of(table, entry));
        }
        Shape::DayRow => {
            let Some((i, row, names)) = rows
                .iter()
                .find(|(_, _, names)| names.iter().any(|n| day_of(n) == Some(entry.day)))
            else {
                return Some((text.to_string(), Added::NoRowForDay));
            };
            lines[*i] = with_name(row, names, entry.name, comes_before);
        }
    }
    let ending = if text.ends_with('\n') { "\n" } else { "" };
    Some((lines.join("\n") + ending, Added::Row))
}

/// A day map's `row` with `name` in its cell of exercises (`names`), after the last of them that
/// comes before it, else first.
fn with_name(
    row: &str,
    names: &[String],
    name: &str,
    comes_before: impl Fn(&str) -> bool,
) -> String {
    let cell = row.match_indices('|').nth(2).map_or(0, |(at, _)| at);
    let at = |n: &str| {
        cell + row[cell..]
            .find(&format!("`{n}`"))
            .expect("the cell holds it")
    };
    match names.iter().rfind(|n| comes_before(n)) {
        Some(previous) => {
            let after = at(previous) + previous.len() + 2;
            format!("{}, `{name}`{}", &row[..after], &row[after..])
        }
        None => {
            let first = at(&names[0]);
            format!("{}`{name}`, {}", &row[..first], &row[first..])
        }
    }
}

/// A new exercise's row of a `RowEach` table.
fn row_of(table: &Table, entry: &Entry) -> String {
    let (files, library) = match &entry.c {
        Some((files, library)) => (files.as_slice(), *library),
        None => (&[][..], false),
    };
    let files = files
        .iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let words = if library {
        table.library_row
    } else {
        table.program_row
    };
    format!(
        "| {} | `{}` | {} |",
        entry.day,
        entry.name,
        words.replace("{files}", &files)
    )
}

/// Write `entry` into every table of its tracks (`c` set: the C track's too), in course order
/// (`order`, the registered exercises): what was added to each file, and the day maps that have no row for its day. Idempotent. The Korean twins
/// restamped (`TWINS`).
pub fn add_to_tables(
    lab: &Path,
    entry: &Entry,
    rust: bool,
    order: &[String],
) -> Result<(Vec<String>, Vec<String>)> {
    let before = TWINS
        .iter()
        .map(|pair| read_pair(lab, *pair))
        .collect::<Result<Vec<_>>>()?;
    let mut made = Vec::new();
    let mut no_row = Vec::new();
    for table in &TABLES {
        let on_track = match table.track {
            Track::Rust => rust,
            Track::C => entry.c.is_some(),
        };
        if !on_track {
            continue;
        }
        let path = lab.join(table.file);
        let text =
            std::fs::read_to_string(&path).with_context(|| format!("reading {}", table.file))?;
        let what = format!("{:?} track's table `{}`", table.track, table.header);
        match with_entry(&text, table, entry, order) {
            None => anyhow::bail!("{}: no {what} to add {} to", table.file, entry.name),
            Some((_, Added::AlreadyThere)) => {}
            Some((_, Added::NoRowForDay)) => no_row.push(format!(
                "{}: the {what} has no row for day {}, where {} belongs: write it with the day's part",
                table.file, entry.day, entry.name
            )),
            Some((updated, Added::Row)) => {
                std::fs::write(&path, updated).with_context(|| format!("writing {}", table.file))?;
                made.push(format!("{} ({}'s row in the {what})", table.file, entry.name));
            }
        }
    }
    for (pair, before) in TWINS.iter().zip(&before) {
        restamp_pair(lab, *pair, before)?;
    }
    Ok((made, no_row))
}

/// The lists' problems in the lab (`problems`), and the rows owed (a day map with no row for a
/// new day: written with the day's part, failing nothing). `rust`, `c`: the exercises of each
/// track.
pub fn check_tables(lab: &Path, rust: &[&str], c: &[&str]) -> Result<(Vec<String>, Vec<String>)> {
    let mut problems = Vec::new();
    let mut owed = Vec::new();
    for table in &TABLES {
        let text = std::fs::read_to_string(lab.join(table.file))
            .with_context(|| format!("reading {}", table.file))?;
        let expected = match table.track {
            Track::Rust => rust,
            Track::C => c,
        };
        let (p, o) = table_problems(&text, table, expected);
        problems.extend(p);
        owed.extend(o);
    }
    Ok((problems, owed))
}

/// What is off in one table of `text` that should name the exercises `expected`: problems, and
/// rows owed.
fn table_problems(text: &str, table: &Table, expected: &[&str]) -> (Vec<String>, Vec<String>) {
    let (mut problems, mut owed) = (Vec::new(), Vec::new());
    let file = table.file;
    let what = format!("the {:?} track's table `{}`", table.track, table.header);
    let Some(range) = locate(text, table.header, table.region) else {
        problems.push(format!(
            "{file}: {what} is missing (in its `{}` region)",
            table.region
        ));
        return (problems, owed);
    };
    let lines: Vec<&str> = text.lines().collect();
    let rows = rows(&lines, range, table.shape);
    let named: Vec<&String> = rows.iter().flat_map(|(_, _, names)| names).collect();
    for name in named.iter().filter(|n| !expected.contains(&n.as_str())) {
        problems.push(format!(
            "{file}: {what} names {name}, which is no exercise of the {:?} track: remove it",
            table.track
        ));
    }
    // A row `checker new` wrote keeps its words to fill in until someone does: owed, as a new
    // exercise's translations are, and the lab itself owes nothing (a class's README would show
    // them: day 8's rows did, for a session).
    for (_, row, names) in &rows {
        let placeholder = [table.program_row, table.library_row]
            .iter()
            .filter_map(|words| words.split("{files}").find(|part| part.contains("TODO")))
            .find(|part| row.contains(part.trim()));
        if let (Some(words), Some(name)) = (placeholder, names.first()) {
            owed.push(format!(
                "{file}: {what}'s row for {name} still has the words `checker new` left to fill in (`{}`): say what the student writes",
                words.trim()
            ));
        }
    }
    for name in expected.iter().filter(|n| !named.iter().any(|m| m == *n)) {
        let day = day_of(name).unwrap_or_default();
        let has_day = rows
            .iter()
            .any(|(_, _, names)| names.iter().any(|n| day_of(n) == Some(day)));
        match table.shape {
            Shape::DayRow if !has_day => owed.push(format!(
                "{file}: {what} has no row for day {day}, where {name} belongs: write it with the day's part of the course"
            )),
            Shape::DayRow => problems.push(format!(
                "{file}: {what} does not name {name}: add `{name}` to day {day}'s row (`checker sync` does)"
            )),
            Shape::RowEach => problems.push(format!(
                "{file}: {what} has no row for {name}: add `{}` among day {day}'s rows (`checker sync` writes it, its words to fill in)",
                row_of(table, &Entry { name, day, c: None })
            )),
        }
    }
    (problems, owed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const README: &str = "intro\n<!-- track:rust -->\n| day | exercise | you write |\n| --- | --- | --- |\n| 1 | `day1-a` | words |\n| 3 | `day3-b` | more |\n<!-- /track -->\n<!-- track:lab -->\n| day | exercise | you edit |\n| --- | --- | --- |\n| 1 | `day1-a` | `a.c` |\n<!-- /track -->\n";
    const MAP: &str = "<!-- track:rust -->\n| the notes | this course | exercises | reading time |\n| --- | --- | --- | --- |\n| day 1 | [Day 1](#day1) | `day1-a` | 3 min |\n| day 3 | [Day 3](#day3) | `day3-b`, `day3-c` | 5 min: 2, 3 |\n<!-- /track -->\n";

    fn entry(name: &str, c: bool) -> Entry<'_> {
        Entry {
            name,
            day: day_of(name).unwrap(),
            c: c.then(|| (vec!["x.c".to_string()], false)),
        }
    }

    #[test]
    fn a_row_left_with_the_scaffold_s_words_is_owed() {
        let left = README.replace(
            "| 3 | `day3-b` | more |",
            "| 3 | `day3-b` | TODO: what the student writes |",
        );
        let (problems, owed) = table_problems(&left, &TABLES[0], &["day1-a", "day3-b"]);
        assert_eq!(
            (problems.len(), owed.len()),
            (0, 1),
            "{problems:?} {owed:?}"
        );
        assert!(
            owed[0].contains("row for day3-b still has the words"),
            "{owed:?}"
        );
        let (problems, owed) = table_problems(README, &TABLES[0], &["day1-a", "day3-b"]);
        assert_eq!(
            (problems, owed),
            (Vec::<String>::new(), Vec::<String>::new())
        );
    }

    #[test]
    fn a_row_goes_after_its_day_in_its_track_s_table_only() {
        let (got, added) = with_entry(README, &TABLES[0], &entry("day2-x", true), &[]).unwrap();
        assert_eq!(added, Added::Row);
        assert_eq!(
            got,
            README.replace(
                "| 3 | `day3-b`",
                "| 2 | `day2-x` | TODO: what the student writes |\n| 3 | `day3-b`"
            )
        );
        let (got, _) = with_entry(README, &TABLES[2], &entry("day9-x", true), &[]).unwrap();
        assert!(
            got.contains("| 1 | `day1-a` | `a.c` |\n| 9 | `day9-x` | `x.c` |\n<!-- /track -->"),
            "{got}"
        );
        // In course order when it is known: day1-z registered before day1-a.
        let order = ["day1-z", "day1-a"].map(String::from);
        let (got_first, _) =
            with_entry(README, &TABLES[2], &entry("day1-z", true), &order).unwrap();
        assert!(
            got_first.contains(
                "| --- | --- | --- |\n| 1 | `day1-z` | `x.c` |\n| 1 | `day1-a` | `a.c` |"
            ),
            "{got_first}"
        );
        let (again, added) = with_entry(&got, &TABLES[2], &entry("day9-x", true), &[]).unwrap();
        assert_eq!((again, added), (got, Added::AlreadyThere));
    }

    #[test]
    fn the_day_map_names_it_in_its_day_s_row_or_owes_the_row() {
        let (got, added) = with_entry(MAP, &TABLES[6], &entry("day3-z", false), &[]).unwrap();
        assert_eq!(added, Added::Row);
        assert_eq!(got, MAP.replace("`day3-c` |", "`day3-c`, `day3-z` |"));
        // In course order: a name lost from the middle or the start of its row comes back there.
        let order = ["day3-b", "day3-z", "day3-c"].map(String::from);
        let (got, _) = with_entry(MAP, &TABLES[6], &entry("day3-z", false), &order).unwrap();
        assert_eq!(
            got,
            MAP.replace("`day3-b`, `day3-c`", "`day3-b`, `day3-z`, `day3-c`")
        );
        let order = ["day3-z", "day3-b", "day3-c"].map(String::from);
        let (got, _) = with_entry(MAP, &TABLES[6], &entry("day3-z", false), &order).unwrap();
        assert_eq!(
            got,
            MAP.replace("`day3-b`, `day3-c`", "`day3-z`, `day3-b`, `day3-c`")
        );
        let (got, added) = with_entry(MAP, &TABLES[6], &entry("day4-z", false), &[]).unwrap();
        assert_eq!((got.as_str(), added), (MAP, Added::NoRowForDay));
        // The C track's map is another table, which this text lacks.
        assert!(with_entry(MAP, &TABLES[7], &entry("day3-z", true), &[]).is_none());
    }

    #[test]
    fn a_list_that_is_off_is_named_with_its_fix() {
        let (problems, owed) = table_problems(README, &TABLES[0], &["day1-a", "day2-x"]);
        assert_eq!(
            problems,
            [
                "README.md: the Rust track's table `| day | exercise | you write |` names day3-b, which is no exercise of the Rust track: remove it",
                "README.md: the Rust track's table `| day | exercise | you write |` has no row for day2-x: add `| 2 | `day2-x` | TODO: what the student writes |` among day 2's rows (`checker sync` writes it, its words to fill in)",
            ]
        );
        assert!(owed.is_empty());
        let (problems, owed) = table_problems(
            MAP,
            &TABLES[6],
            &["day1-a", "day3-b", "day3-c", "day3-d", "day9-e"],
        );
        assert_eq!(
            problems,
            [
                "course.md: the Rust track's table `| the notes | this course | exercises | reading time |` does not name day3-d: add `day3-d` to day 3's row (`checker sync` does)"
            ]
        );
        assert_eq!(
            owed,
            [
                "course.md: the Rust track's table `| the notes | this course | exercises | reading time |` has no row for day 9, where day9-e belongs: write it with the day's part of the course"
            ]
        );
        let (problems, _) = table_problems(MAP, &TABLES[7], &[]);
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
