//! Stubs derived from their references. A reference (`solutions/<name>/src/...`,
//! `c/solutions/<name>/...`) carries its stub as marked lines, each a `//@` comment, which the
//! reference's compiler reads as comments:
//!
//! - `//@ <line>`: a line of the stub only (a `// TODO n.` step quoting the C call and its nix
//!   equivalent, a `//>` hint, the `todo!("...")` or `TODO("...");` that stops there), placed
//!   at the marker's indentation; `//@` alone, an empty line;
//! - `//@{` … `//@}`: lines of the reference only, which the stub replaces by the `//@` lines
//!   before them;
//! - `//@ko <line>`: the Korean of the stub's comment block that ends just above (its lines as
//!   the block's, from their `//`), or, as `//@ko TODO("...")`, the Korean string of the C
//!   stub's `TODO("...")` on the stub's line just above; `//@ko-next <line>`, the Korean of the
//!   comment after code on the stub's line just below (`int fd; // its socket`: rustfmt keeps no
//!   comment of its own between a statement and the `}` after it).
//!
//! Every other line is both the reference's and the stub's. A reference with no stub line and
//! no replaced lines is a file the stub holds whole, its Korean aside (day 8's given codec):
//! once one file of an exercise's track has a mark, every file of that track is derived, its stub written by `checker sync` with the
//! Korean of its comments (`checker/exercises/<name>/korean/`, the `.ko` file
//! `export-student --lang ko` reads: a block without `//@ko` owed, in English), and `verify`
//! says when a committed stub or `.ko` file is not what its reference derives. An exercise
//! whose references have no mark keeps its stubs written by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::stub_comments::{Block, HEADER, OWED, STAMP, TODO_HEADER, blocks, ko_file, stub_hash};
use crate::base::files::{self, Found};

/// What starts every marked line.
pub const MARK: &str = "//@";
/// The start and end of the lines the stub replaces.
pub const REFERENCE_ONLY: (&str, &str) = ("//@{", "//@}");
/// What starts a line of Korean: of the comment above, or of the comment after code below.
pub const KOREAN: &str = "//@ko";
pub const KOREAN_NEXT: &str = "//@ko-next";

/// A stub derived from its reference, and the Korean of its comments (a `.ko` file's text).
#[derive(Debug, PartialEq)]
pub struct Derived {
    pub stub: String,
    pub korean: String,
}

/// One line of a reference, as the derivation reads it.
enum Line<'a> {
    Both(&'a str),
    StubOnly(String),
    /// Korean, of the comment above (false) or of the comment after code below (true).
    Korean(&'a str, bool),
    ReferenceOnly(bool),
}

fn read_line(line: &str) -> Result<Line<'_>, String> {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let Some(rest) = body.strip_prefix(MARK) else {
        return Ok(Line::Both(line));
    };
    let whole = body.trim_end();
    if whole == REFERENCE_ONLY.0 || whole == REFERENCE_ONLY.1 {
        return Ok(Line::ReferenceOnly(whole == REFERENCE_ONLY.0));
    }
    for (mark, next) in [(KOREAN_NEXT, true), (KOREAN, false)] {
        if let Some(korean) = body.strip_prefix(mark)
            && (korean.is_empty() || korean.starts_with(' '))
        {
            return Ok(Line::Korean(
                korean.strip_prefix(' ').unwrap_or(korean),
                next,
            ));
        }
    }
    match rest.strip_prefix(' ') {
        _ if rest.trim().is_empty() => Ok(Line::StubOnly(String::new())),
        Some(text) => Ok(Line::StubOnly(format!("{indent}{text}"))),
        None => Err(format!(
            "`{}`: a mark is `{MARK} <the stub's line>`, `{MARK}` (an empty one), `{}`/`{}` (the reference's lines the stub replaces), `{KOREAN} <Korean>` or `{KOREAN_NEXT} <Korean>`",
            body.trim_end(),
            REFERENCE_ONLY.0,
            REFERENCE_ONLY.1
        )),
    }
}

/// Whether a reference carries a stub: a line marked `//@`.
pub fn is_marked(reference: &str) -> bool {
    reference.lines().any(|l| l.trim_start().starts_with(MARK))
}

/// A run of `//@ko` (or `//@ko-next`) lines: where it came (the stub's line count then, the
/// reference's line), and its lines.
struct KoreanLines {
    after: usize,
    next: bool,
    line: usize,
    lines: Vec<String>,
}

/// The stub a reference derives, and the Korean of its comments; or what is wrong with its
/// marks, by line.
pub fn derive(reference: &str) -> Result<Derived, String> {
    let mut stub: Vec<String> = Vec::new();
    let mut korean: Vec<KoreanLines> = Vec::new();
    let mut replaced_from: Option<usize> = None;
    for (n, line) in reference.lines().enumerate() {
        let at = |why: String| format!("line {}: {why}", n + 1);
        let read = read_line(line).map_err(at)?;
        if let Some(from) = replaced_from {
            match read {
                Line::ReferenceOnly(false) => replaced_from = None,
                Line::ReferenceOnly(true) => {
                    return Err(at(format!(
                        "`{}` inside the lines opened at line {from}",
                        REFERENCE_ONLY.0
                    )));
                }
                _ => {}
            }
            continue;
        }
        match read {
            Line::Both(text) => stub.push(text.to_string()),
            Line::StubOnly(text) => stub.push(text),
            Line::ReferenceOnly(true) => replaced_from = Some(n + 1),
            Line::ReferenceOnly(false) => {
                return Err(at(format!("`{}` with none open", REFERENCE_ONLY.1)));
            }
            Line::Korean(text, next) => match korean.last_mut() {
                Some(run)
                    if run.after == stub.len()
                        && run.next == next
                        && run.line + run.lines.len() == n + 1 =>
                {
                    run.lines.push(text.to_string())
                }
                _ => korean.push(KoreanLines {
                    after: stub.len(),
                    next,
                    line: n + 1,
                    lines: vec![text.to_string()],
                }),
            },
        }
    }
    if let Some(from) = replaced_from {
        return Err(format!(
            "line {from}: `{}` never closed by `{}`",
            REFERENCE_ONLY.0, REFERENCE_ONLY.1
        ));
    }
    let stub = stub.join("\n") + if reference.ends_with('\n') { "\n" } else { "" };
    let korean = korean_file(&stub, &korean)?;
    Ok(Derived { stub, korean })
}

/// The stub's `.ko` file: each comment block's Korean (`# en`), or its English owed (`# owed`),
/// then each `TODO("...")` string's Korean (or its English).
fn korean_file(stub: &str, runs: &[KoreanLines]) -> Result<String, String> {
    let lines: Vec<&str> = stub.lines().collect();
    let found = blocks(stub);
    let mut of_blocks: BTreeMap<&str, &[String]> = BTreeMap::new();
    let mut of_todos: BTreeMap<String, String> = BTreeMap::new();
    for run in runs {
        match translated(run, &lines, &found)? {
            Translated::Block(hash) => {
                of_blocks.insert(hash, &run.lines);
            }
            Translated::Todo(english, korean) => {
                of_todos.insert(english.to_string(), korean.to_string());
            }
        }
    }
    let mut said: Vec<String> = Vec::new();
    let mut done: Vec<&str> = Vec::new();
    for block in &found {
        if done.contains(&block.hash.as_str()) {
            continue;
        }
        done.push(&block.hash);
        said.push(match of_blocks.get(block.hash.as_str()) {
            Some(korean) => format!("{HEADER}{}\n{}\n", block.hash, korean.join("\n")),
            None => format!(
                "{OWED}{}\n{}\n",
                block.hash,
                block.comment(&lines).join("\n")
            ),
        });
    }
    for english in super::stub_comments::todo_strings(stub) {
        let korean = of_todos.get(&english).unwrap_or(&english);
        said.push(format!("{TODO_HEADER}{english}\n{korean}\n"));
    }
    Ok(format!("{STAMP}{}\n\n{}", stub_hash(stub), said.join("\n")))
}

/// What a run of Korean translates: a comment block of the stub (its hash), or a `TODO("...")`
/// string (the English, the Korean).
enum Translated<'a> {
    Block(&'a str),
    Todo(&'a str, &'a str),
}

/// What `run` translates in the stub (`lines`, its comment blocks `found`), or why it fits
/// nothing.
fn translated<'a>(
    run: &'a KoreanLines,
    lines: &[&'a str],
    found: &'a [Block],
) -> Result<Translated<'a>, String> {
    let at = |why: &str| format!("line {}: {why}", run.line);
    if run.next {
        return found
            .iter()
            .find(|b| b.start == run.after && !b.before.trim().is_empty())
            .map(|b| Translated::Block(&b.hash))
            .ok_or_else(|| {
                at("Korean with no comment after code on the stub's line just below it")
            });
    }
    if run.lines[0].trim_start().starts_with("TODO(\"") {
        let above = run
            .after
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .copied()
            .unwrap_or_default();
        return match (todo_string(above), todo_string(&run.lines[0])) {
            (Some(e), Some(k)) if run.lines.len() == 1 => Ok(Translated::Todo(e, k)),
            _ => Err(at(
                "a Korean `TODO(\"...\")` is one line, under a stub line with one `TODO(\"...\")`",
            )),
        };
    }
    found
        .iter()
        .find(|b| b.start + b.len == run.after)
        .map(|b| Translated::Block(&b.hash))
        .ok_or_else(|| {
            at("Korean with no comment of the stub just above it (a `//@ko` line follows the comment block it translates)")
        })
}

/// The string of the one `TODO("...")` call of a line.
fn todo_string(line: &str) -> Option<&str> {
    let start = line.find("TODO(\"")? + "TODO(\"".len();
    let len = line[start..].find("\")")?;
    let rest = &line[start + len..];
    (!rest[1..].contains("TODO(\"")).then_some(&line[start..start + len])
}

/// A stub file derived from its reference: the stub and its `.ko` file, relative to the lab,
/// and what they hold.
pub struct DerivedFile {
    pub reference: PathBuf,
    pub stub: PathBuf,
    pub ko: PathBuf,
    pub derived: Derived,
}

/// The files of a tree a track's stubs are: `files::rust_files`, `files::c_files`.
type Sources = fn(&Path) -> Vec<Found>;

/// The tracks' trees: (references, stubs, the files they hold).
const TREES: [(&str, &str, Sources); 2] = [
    ("solutions", "exercises", files::rust_files),
    ("c/solutions", "c/exercises", files::c_files),
];

/// The stubs of exercise `name` its references derive, on each track where one of them has a
/// mark (every file of that track then: a file without one is given whole).
pub fn derived_files(lab: &Path, name: &str) -> Result<Vec<DerivedFile>> {
    let mut all = Vec::new();
    for (references, stubs, pick) in TREES {
        let package = lab.join(references).join(name);
        let found = pick(&package);
        let mut track = Vec::new();
        for file in &found {
            let text = std::fs::read_to_string(&file.path)
                .with_context(|| format!("reading {}", file.path.display()))?;
            track.push((file, text));
        }
        if !track.iter().any(|(_, text)| is_marked(text)) {
            continue;
        }
        for (file, text) in track {
            let reference = Path::new(references).join(name).join(&file.rel);
            let derived = match derive(&text) {
                Ok(d) => d,
                Err(why) => bail!("{}: {why}", reference.display()),
            };
            all.push(DerivedFile {
                stub: Path::new(stubs).join(name).join(&file.rel),
                ko: ko_file(lab, &Path::new(name).join(&file.rel))
                    .strip_prefix(lab)
                    .map(Path::to_path_buf)
                    .unwrap_or_default(),
                reference,
                derived,
            });
        }
    }
    Ok(all)
}

/// Write the stubs (and their Korean) exercise `name`'s references derive: the files written.
pub fn write_derived(lab: &Path, name: &str) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for file in derived_files(lab, name)? {
        for (path, text) in [
            (&file.stub, &file.derived.stub),
            (&file.ko, &file.derived.korean),
        ] {
            if files::write_if_changed(&lab.join(path), text.as_bytes())? {
                written.push(format!(
                    "{} (derived from {})",
                    path.display(),
                    file.reference.display()
                ));
            }
        }
    }
    Ok(written)
}

/// The stubs and `.ko` files of exercise `name` that are not what its references derive (or
/// the references whose marks are wrong).
pub fn differing(lab: &Path, name: &str) -> Vec<String> {
    let files = match derived_files(lab, name) {
        Ok(files) => files,
        Err(e) => return vec![format!("{e:#}")],
    };
    let mut problems = Vec::new();
    // A stub source of a derived track that no reference derives (its reference gone or
    // renamed) would reach the students unchecked.
    for (references, stubs, pick) in TREES {
        let package = Path::new(stubs).join(name);
        if !files.iter().any(|f| f.stub.starts_with(&package)) {
            continue;
        }
        for found in pick(&lab.join(&package)) {
            let stub = package.join(&found.rel);
            if !files.iter().any(|f| f.stub == stub) {
                problems.push(format!(
                    "{} is derived from no reference (the stubs of its track are derived from {references}/{name}/): remove it, or give it its reference",
                    stub.display()
                ));
            }
        }
    }
    for file in files {
        for (path, text, what) in [
            (&file.stub, &file.derived.stub, "its stub"),
            (&file.ko, &file.derived.korean, "its stub's Korean"),
        ] {
            if std::fs::read_to_string(lab.join(path)).ok().as_ref() != Some(text) {
                problems.push(format!(
                    "{} is not {what} as {} derives it (edit the reference's `//@` lines, then `checker sync`)",
                    path.display(),
                    file.reference.display()
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::{derive, differing, is_marked, write_derived};
    use crate::authoring::stub_comments::{blocks, translations};

    const REFERENCE: &str = "\
//! Day 9 (reference).
//@ko //! 9일차.

/// Adds one.
//@ko /// 하나를 더한다.
pub fn add_one(x: u32) -> u32 {
    //@ko-next // 하나 더
    let one = 1; // one more
    //@ // TODO 1. C: `x + 1`; nix: none.
    //@ko // TODO 1. C: `x + 1`; nix: 없음.
    //@ //> let y = x;
    //@ todo!(\"add one\")
    //@{
    // The sum, never past u32::MAX.
    x.saturating_add(1)
    //@}
}
";

    #[test]
    fn a_reference_derives_its_stub_and_the_korean_of_its_comments() {
        let derived = derive(REFERENCE).unwrap();
        assert_eq!(
            derived.stub,
            "//! Day 9 (reference).\n\n/// Adds one.\npub fn add_one(x: u32) -> u32 {\n    let one = 1; // one more\n    // TODO 1. C: `x + 1`; nix: none.\n    //> let y = x;\n    todo!(\"add one\")\n}\n"
        );
        let ko = translations(&derived.korean);
        let b = blocks(&derived.stub);
        assert_eq!(b.len(), 4);
        assert_eq!(ko[&b[0].hash], ["//! 9일차."]);
        assert_eq!(ko[&b[1].hash], ["/// 하나를 더한다."]);
        assert_eq!(ko[&b[2].hash], ["// 하나 더"]);
        assert_eq!(ko[&b[3].hash], ["// TODO 1. C: `x + 1`; nix: 없음."]);
        assert!(derived.korean.starts_with("# stub "));
        assert!(is_marked(REFERENCE) && !is_marked(&derived.stub));
    }

    /// A comment with no Korean is owed (in English, as `checker new` writes it); a C
    /// `TODO("...")` string has its Korean from the line under it.
    #[test]
    fn an_untranslated_comment_is_owed_and_a_todo_string_has_its_korean() {
        let reference = "int f(void)\n{\n    //@ // TODO 1. socket()\n    //@ TODO(\"step 1: socket\");\n    //@ko TODO(\"1단계: socket\");\n    //@{\n    return socket(AF_INET, SOCK_STREAM, 0);\n    //@}\n}\n";
        let derived = derive(reference).unwrap();
        assert_eq!(
            derived.stub,
            "int f(void)\n{\n    // TODO 1. socket()\n    TODO(\"step 1: socket\");\n}\n"
        );
        let b = blocks(&derived.stub);
        assert!(
            derived
                .korean
                .contains(&format!("# owed {}\n// TODO 1. socket()\n", b[0].hash))
        );
        assert!(
            derived
                .korean
                .ends_with("# todo step 1: socket\n1단계: socket\n")
        );
    }

    /// Sync writes the stubs of a track once one of its references has a mark (a file without
    /// one given whole); verify names a stub or a `.ko` file that is not what they derive, and a
    /// track without a mark keeps its stubs written by hand.
    #[test]
    fn sync_writes_the_derived_stubs_and_verify_names_one_edited_by_hand() {
        let lab = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = lab.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("solutions/day9-x/src/lib.rs", REFERENCE);
        write(
            "solutions/day9-x/src/given.rs",
            "/// Given.\npub fn given() {}\n",
        );
        write("c/solutions/day9-x/x.c", "int x(void) { return 1; }\n");
        write("c/exercises/day9-x/x.c", "int x(void) { TODO(\"x\"); }\n");
        assert_eq!(differing(lab.path(), "day9-x").len(), 4);
        let written = write_derived(lab.path(), "day9-x").unwrap();
        assert_eq!(written.len(), 4, "{written:?}");
        assert!(differing(lab.path(), "day9-x").is_empty());
        let read = |rel: &str| std::fs::read_to_string(lab.path().join(rel)).unwrap();
        assert_eq!(
            read("exercises/day9-x/src/given.rs"),
            "/// Given.\npub fn given() {}\n"
        );
        assert!(read("checker/exercises/day9-x/korean/rust/src/given.rs.ko").contains("# owed "));
        // The C track has no mark: its stub is the one written by hand.
        assert_eq!(
            read("c/exercises/day9-x/x.c"),
            "int x(void) { TODO(\"x\"); }\n"
        );
        write("exercises/day9-x/src/lib.rs", "// edited\n");
        write("exercises/day9-x/src/gone.rs", "// its reference removed\n");
        let said = differing(lab.path(), "day9-x");
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("exercises/day9-x/src/gone.rs is derived from no reference"),
            "{said:?}"
        );
        let said = &said[1..];
        assert!(
            said[0].starts_with("exercises/day9-x/src/lib.rs is not its stub as solutions/day9-x/src/lib.rs derives it"),
            "{said:?}"
        );
    }

    #[test]
    fn a_wrong_mark_is_named_by_its_line() {
        for (reference, said) in [
            ("//@{\nx\n", "line 1: `//@{` never closed"),
            ("x\n//@}\n", "line 2: `//@}` with none open"),
            ("//@x\n", "line 1: `//@x`"),
            ("x\n//@ko // 한국어\n", "line 2: Korean with no comment"),
        ] {
            let why = derive(reference).unwrap_err();
            assert!(why.starts_with(said), "{why}");
        }
    }
}
