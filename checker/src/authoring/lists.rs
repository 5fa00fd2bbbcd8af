//! The lists that name the exercises outside their own folders: README's tables of exercises
//! (each track's, in both languages), the course's day map (each track's, in both languages),
//! `c/exercises/.gitignore` (the programs the student's `make` builds) and the solutions'
//! workspace members. `checker new` writes a new exercise into each (a table's row with a `TODO`
//! where it needs words) and `checker sync` adds what an exercise lacks and rewrites the two
//! derived ones (the gitignore from the C Makefiles, the members from the registered
//! exercises); `checker verify` names a list that is off, with the fix. The rows of the
//! existing exercises are never rewritten: their words are the instructors'.

use std::path::Path;

use anyhow::{Context, Result};

use super::catalog;
use crate::base::files;
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

const fn region_of(track: Track) -> &'static str {
    match track {
        Track::Rust => RUST_REGION,
        Track::C => C_REGION,
    }
}

const fn day_map(file: &'static str, header: &'static str, track: Track) -> Table {
    Table {
        file,
        header,
        track,
        region: region_of(track),
        shape: Shape::DayRow,
        program_row: "",
        library_row: "",
    }
}

/// Every table of exercises, by its header and the track whose region (`<!-- track:... -->`)
/// holds it.
const TABLES: [Table; 10] = [
    Table {
        file: "README.md",
        header: "| day | exercise | you write |",
        track: Track::Rust,
        region: RUST_REGION,
        shape: Shape::RowEach,
        program_row: "TODO: what the student writes",
        library_row: "TODO: what the student writes",
    },
    Table {
        file: "README.md",
        header: "| day | exercise | you write, in |",
        track: Track::C,
        region: C_REGION,
        shape: Shape::RowEach,
        program_row: "TODO: what the student writes ({files})",
        library_row: "TODO: what the student writes ({files})",
    },
    Table {
        file: "README.md",
        header: "| day | exercise | you edit |",
        track: Track::C,
        region: LAB_REGION,
        shape: Shape::RowEach,
        program_row: "{files}",
        library_row: "{files}: TODO: its functions (a library)",
    },
    Table {
        file: "README.ko.md",
        header: "| 일차 | 실습 | 작성할 것 |",
        track: Track::Rust,
        region: RUST_REGION,
        shape: Shape::RowEach,
        program_row: "TODO: 학생이 작성할 것",
        library_row: "TODO: 학생이 작성할 것",
    },
    Table {
        file: "README.ko.md",
        header: "| 일차 | 실습 | 작성할 것과 그 파일 |",
        track: Track::C,
        region: C_REGION,
        shape: Shape::RowEach,
        program_row: "TODO: 학생이 작성할 것({files})",
        library_row: "TODO: 학생이 작성할 것({files})",
    },
    Table {
        file: "README.ko.md",
        header: "| 일차 | 실습 | 고칠 파일 |",
        track: Track::C,
        region: LAB_REGION,
        shape: Shape::RowEach,
        program_row: "{files}",
        library_row: "{files}: TODO: 함수들(라이브러리)",
    },
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

fn track_name(track: Track) -> &'static str {
    match track {
        Track::Rust => "Rust",
        Track::C => "C",
    }
}

/// The day of `dayN-...`.
fn day_of(name: &str) -> Option<u8> {
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
            let cell_start = row.match_indices('|').nth(2).map_or(0, |(at, _)| at);
            lines[*i] = match names.iter().rfind(|n| comes_before(n)) {
                Some(previous) => {
                    let previous = format!("`{previous}`");
                    let after = cell_start
                        + row[cell_start..]
                            .find(&previous)
                            .expect("the cell holds it")
                        + previous.len();
                    format!("{}, `{}`{}", &row[..after], entry.name, &row[after..])
                }
                None => {
                    let first = format!("`{}`", names[0]);
                    let at =
                        cell_start + row[cell_start..].find(&first).expect("the cell holds it");
                    format!("{}`{}`, {}", &row[..at], entry.name, &row[at..])
                }
            };
        }
    }
    let ending = if text.ends_with('\n') { "\n" } else { "" };
    Some((lines.join("\n") + ending, Added::Row))
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
/// are restamped by the caller (`TWINS`).
pub fn add_to_tables(
    lab: &Path,
    entry: &Entry,
    rust: bool,
    order: &[String],
) -> Result<(Vec<String>, Vec<String>)> {
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
        let what = format!(
            "{} track's table `{}`",
            track_name(table.track),
            table.header
        );
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
    Ok((made, no_row))
}

/// Each file of `TWINS` as it is.
pub fn read_twins(lab: &Path) -> Result<Vec<[String; 2]>> {
    TWINS
        .iter()
        .map(|pair| super::scaffold::read_pair(lab, *pair))
        .collect()
}

/// Restamp the Korean twins of `TWINS` the lists' edits changed (`before`: `read_twins`).
pub fn restamp_twins(lab: &Path, before: &[[String; 2]]) -> Result<()> {
    for (pair, before) in TWINS.iter().zip(before) {
        super::scaffold::restamp_pair(lab, *pair, before)?;
    }
    Ok(())
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
    let what = format!(
        "the {} track's table `{}`",
        track_name(table.track),
        table.header
    );
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
            "{file}: {what} names {name}, which is no exercise of the {} track: remove it",
            track_name(table.track)
        ));
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

/// `c/exercises/.gitignore`: its head (comments and patterns), then each program `make` builds,
/// as `/<exercise>/<program>`, the exercises by name, each's programs as its Makefile lists them.
pub const GITIGNORE: &str = "c/exercises/.gitignore";

/// The programs of a C Makefile's `PROGRAMS = ...` line.
fn programs(makefile: &str) -> Vec<String> {
    makefile
        .lines()
        .filter_map(|l| l.strip_prefix("PROGRAMS = "))
        .flat_map(|l| l.split_whitespace().map(str::to_string))
        .collect()
}

/// The gitignore the C exercises' Makefiles derive, from the one there is (its head kept).
fn derived_gitignore(lab: &Path, current: &str) -> Result<String> {
    let mut exercises: Vec<String> = std::fs::read_dir(lab.join("c/exercises"))
        .context("reading c/exercises")?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| day_of(n).is_some())
        .collect();
    exercises.sort();
    let mut text: String = current
        .split_inclusive('\n')
        .take_while(|l| !l.starts_with("/day"))
        .collect();
    for name in exercises {
        let makefile =
            std::fs::read_to_string(lab.join("c/exercises").join(&name).join("Makefile"))
                .unwrap_or_default();
        for program in programs(&makefile) {
            text.push_str(&format!("/{name}/{program}\n"));
        }
    }
    Ok(text)
}

/// The solutions' workspace manifest, whose `members` are every registered exercise that has a
/// solution package, in course order.
pub const MEMBERS: &str = "solutions/Cargo.toml";

fn derived_members(lab: &Path, current: &str) -> Result<String> {
    let members: Vec<String> = catalog::registered(lab)?
        .into_iter()
        .filter(|n| lab.join("solutions").join(n).join("Cargo.toml").is_file())
        .map(|n| format!("\"{n}\""))
        .collect();
    let line = format!("members = [{}]", members.join(", "));
    Ok(current
        .split_inclusive('\n')
        .map(|l| {
            if l.starts_with("members = [") {
                let end = if l.ends_with('\n') { "\n" } else { "" };
                format!("{line}{end}")
            } else {
                l.to_string()
            }
        })
        .collect())
}

/// The derived lists, each with its file: (relative path, as it is, as derived).
fn derived_lists(lab: &Path) -> Result<Vec<(&'static str, String, String)>> {
    let mut lists = Vec::new();
    for (rel, derive) in [
        (
            GITIGNORE,
            derived_gitignore as fn(&Path, &str) -> Result<String>,
        ),
        (MEMBERS, derived_members),
    ] {
        let current =
            std::fs::read_to_string(lab.join(rel)).with_context(|| format!("reading {rel}"))?;
        let derived = derive(lab, &current)?;
        lists.push((rel, current, derived));
    }
    Ok(lists)
}

/// Write the derived lists that are not as derived: the files written.
pub fn write_derived(lab: &Path) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for (rel, _, derived) in derived_lists(lab)? {
        if files::write_if_changed(&lab.join(rel), derived.as_bytes())? {
            written.push(format!("{rel} (the exercises' entries, derived)"));
        }
    }
    Ok(written)
}

/// The derived lists that are off, each with the lines it lacks or has too many.
pub fn check_derived(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (rel, current, derived) in derived_lists(lab)? {
        if current == derived {
            continue;
        }
        let lacks: Vec<&str> = derived
            .lines()
            .filter(|l| !current.lines().any(|c| c == *l))
            .collect();
        let extra: Vec<&str> = current
            .lines()
            .filter(|l| !derived.lines().any(|d| d == *l))
            .collect();
        problems.push(format!(
            "{rel} is not the list the exercises derive (lacks {lacks:?}, has {extra:?} too many, or its order differs): `cargo run -p checker -- sync` writes it"
        ));
    }
    Ok(problems)
}

/// The entry of an exercise in the lab as its files have it (for `sync`): its C sources those
/// of its C stub's folder, a library when its Makefile builds one.
pub fn entry_in_lab<'a>(lab: &Path, name: &'a str) -> Option<Entry<'a>> {
    let day = day_of(name)?;
    let folder = lab.join("c/exercises").join(name);
    let c = folder.join("Makefile").is_file().then(|| {
        let makefile = std::fs::read_to_string(folder.join("Makefile")).unwrap_or_default();
        let library = makefile.lines().any(|l| l.starts_with("LIBRARY = "));
        let mut sources: Vec<String> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".c"))
            .collect();
        sources.sort();
        (sources, library)
    });
    Some(Entry { name, day, c })
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

    /// The lab's lists are as `sync` keeps them and `verify` wants them: no churn.
    #[test]
    fn the_lab_s_lists_are_kept() {
        let lab = crate::base::workspace::lab_root();
        assert_eq!(check_derived(&lab).unwrap(), Vec::<String>::new());
        let rust: Vec<&str> = crate::exercises::ALL.iter().map(|e| e.name).collect();
        let c: Vec<&str> = crate::exercises::ALL
            .iter()
            .filter(|e| e.c.is_some())
            .map(|e| e.name)
            .collect();
        let (problems, owed) = check_tables(&lab, &rust, &c).unwrap();
        assert_eq!(
            (problems, owed),
            (Vec::<String>::new(), Vec::<String>::new())
        );
    }
}
