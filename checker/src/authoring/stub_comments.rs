//! The stubs in Korean: `checker export-student --lang ko` writes each stub with its comments
//! (doc comments, steps, `// TODO` lines) in Korean and its code, hint code (`//>`) included,
//! exactly as in English. The Korean of a stub lives in its exercise's folder, one file per stub
//! (`checker/exercises/<exercise>/korean/rust/<path>.ko`), as blocks each headed by the hash of the English
//! comment block it translates (`# en <hash>`), so `checker verify` can say which English
//! comment has no Korean yet and which Korean was written for an English text that has since
//! changed.
//!
//! A `.ko` file starts with `# stub <hash>`, the hash of the whole English stub its Korean was
//! last checked against: `checker stubs ko` switches a student's stub only while it is still
//! that stub, untouched (see `commands::stubs`), and verify says when a stub has changed since.
//!
//! A block headed `# owed <hash>` instead holds the English itself, a placeholder: its Korean is
//! owed. `checker new` writes the new stub's comments so; verify lists them as translations to
//! write, not as failures, as long as the English they copy is the stub's as it is now.
//!
//! The C track's stubs (`c/exercises/`, `//` comments) are translated the same way. Their
//! Korean is beside the Rust stubs', in `korean/c/` (`<file>.c.ko`). A C-only repository (`export-student
//! --track c`) has the C stubs as its `exercises/`, where `stub_files` lists them and `ko_file`
//! finds their Korean by their extension, so `checker stubs ko|en` switches them as it does the
//! Rust stubs. A comment after code on its line (a C struct's fields say what each holds so) is
//! a block too, whose Korean replaces the comment and keeps the code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::base::files::{c_files, rust_files};
use crate::base::hash::fnv;
use crate::base::workspace::{exercise_folder, in_exercise_folder};
use crate::contain::exit;

/// Where a stub's hint code starts: `//> code`.
pub const HINT_CODE: &str = "//>";
/// The header of a translated block in a `.ko` file.
pub const HEADER: &str = "# en ";
/// The header of a block whose Korean is owed: the English comment, copied as it is.
pub const OWED: &str = "# owed ";

/// The first line of a `.ko` file: the hash of the English stub it was checked against.
pub const STAMP: &str = "# stub ";
/// The header of a C stub's `TODO("...")` string in Korean: `# todo <the English string>`,
/// the Korean string on the line under it. (A string that is a function's name stays.)
pub const TODO_HEADER: &str = "# todo ";
/// Where a translated `TODO("...")` string is kept in `translations`: `todo:<English>`.
const TODO_KEY: &str = "todo:";

/// The lab's folders of stubs, one per track; verify checks the Korean of both.
pub const STUB_DIRS: [&str; 2] = ["exercises", "c/exercises"];
/// The C track's shared folder: its `lab.h` is the lab's helper, which the C references
/// include too, no stub to translate.
const C_COMMON: &str = "common";

/// The hash of a whole stub, as its `.ko` file's stamp names it.
pub fn stub_hash(source: &str) -> String {
    format!("{:016x}", fnv(source.as_bytes()))
}

/// The English stub's hash a `.ko` file was checked against (`None`: it has no stamp).
pub fn stamp(ko_text: &str) -> Option<&str> {
    ko_text.lines().next()?.strip_prefix(STAMP).map(str::trim)
}

/// A run of comment lines in a stub (hint code and blank lines end it), or a comment after code
/// (C's struct fields: `size_t len; // bytes in out`) with the comment lines under it that
/// line up with it.
#[derive(Debug, PartialEq)]
pub struct Block {
    /// The index of its first line in the file.
    pub start: usize,
    /// How many lines it has.
    pub len: usize,
    /// What its first line has before the comment: the indentation, or the code it follows.
    pub before: String,
    /// The hash of its text (each line's comment, trimmed), which names its translation.
    pub hash: String,
}

impl Block {
    /// Its comment, line by line, without what comes before it.
    pub fn comment<'a>(&self, lines: &[&'a str]) -> Vec<&'a str> {
        let first = &lines[self.start][self.before.len()..];
        std::iter::once(first)
            .chain(lines[self.start + 1..self.start + self.len].iter().copied())
            .map(str::trim_start)
            .collect()
    }

    /// What its Korean lines after the first start with: the indentation, or under a comment
    /// after code as many spaces as that code is wide.
    fn continued(&self) -> String {
        if self.before.trim().is_empty() {
            self.before.clone()
        } else {
            " ".repeat(self.before.chars().count())
        }
    }
}

fn is_comment(line: &str) -> bool {
    let body = line.trim_start();
    body.starts_with("//") && !body.starts_with(HINT_CODE)
}

/// Where a comment after code starts on `line` (the byte offset of its `//`, outside string and
/// character literals); `None` on a line with no code before a comment.
fn comment_after_code(line: &str) -> Option<usize> {
    if line.trim_start().starts_with("//") {
        return None;
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            // A character literal, 'x' or '\x' (a Rust lifetime, 'a, has no closing quote).
            b'\'' => match (bytes.get(i + 1), bytes.get(i + 2), bytes.get(i + 3)) {
                (Some(b'\\'), Some(_), Some(b'\'')) => i += 3,
                (Some(_), Some(b'\''), _) => i += 2,
                _ => {}
            },
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                return (!line[i..].starts_with(HINT_CODE)).then_some(i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The comment blocks of a stub's source.
pub fn blocks(source: &str) -> Vec<Block> {
    let lines: Vec<&str> = source.lines().collect();
    let indentation = |line: &str| line.len() - line.trim_start().len();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let column = if is_comment(lines[i]) {
            while i < lines.len() && is_comment(lines[i]) {
                i += 1;
            }
            indentation(lines[start])
        } else if let Some(column) = comment_after_code(lines[i]) {
            i += 1;
            let width = lines[start][..column].chars().count();
            while i < lines.len() && is_comment(lines[i]) && indentation(lines[i]) == width {
                i += 1;
            }
            column
        } else {
            i += 1;
            continue;
        };
        let mut block = Block {
            start,
            len: i - start,
            before: lines[start][..column].to_string(),
            hash: String::new(),
        };
        let text: Vec<&str> = block.comment(&lines).iter().map(|l| l.trim()).collect();
        block.hash = format!("{:016x}", fnv(text.join("\n").as_bytes()));
        found.push(block);
    }
    found
}

/// The Korean blocks of a `.ko` file (owed ones too: their English stands in), by the hash of
/// the English they translate.
pub fn translations(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        let todo = line
            .strip_prefix(TODO_HEADER)
            .map(|s| format!("{TODO_KEY}{s}"));
        if let Some(key) = line
            .strip_prefix(HEADER)
            .or(line.strip_prefix(OWED))
            .map(|h| h.trim().to_string())
            .or(todo)
        {
            if let Some((h, lines)) = current.take() {
                found.insert(h, trimmed(lines));
            }
            current = Some((key, Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line.to_string());
        }
    }
    if let Some((h, lines)) = current {
        found.insert(h, trimmed(lines));
    }
    found
}

/// Whether a key of `translations` is a `TODO("...")` string's, not a comment block's.
pub fn is_todo_key(key: &str) -> bool {
    key.starts_with(TODO_KEY)
}

/// The strings of a C stub's `TODO("...")` calls that need Korean, in order, once each: all
/// but those that only name a function (`TODO("lab_htons")`).
pub fn todo_strings(source: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (_, said) in todo_calls(line) {
            let a_name = said.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !a_name && !found.iter().any(|f| f == said) {
                found.push(said.to_string());
            }
        }
    }
    found
}

/// The `TODO("...")` calls of a line's code (not of a comment after it): where each string
/// starts, and the string.
fn todo_calls(line: &str) -> Vec<(usize, &str)> {
    let line = &line[..comment_after_code(line).unwrap_or(line.len())];
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find("TODO(\"") {
        let start = from + at + "TODO(\"".len();
        let Some(len) = line[start..].find("\")") else {
            break;
        };
        calls.push((start, &line[start..start + len]));
        from = start + len;
    }
    calls
}

/// `line` with each `TODO("...")` string that has a Korean one in `ko` replaced by it.
fn todos_in_korean(line: &str, ko: &BTreeMap<String, Vec<String>>) -> String {
    let mut out = String::new();
    let mut next = 0;
    for (start, said) in todo_calls(line) {
        let korean = ko.get(&format!("{TODO_KEY}{said}")).and_then(|k| k.first());
        if let Some(korean) = korean {
            out.push_str(&line[next..start]);
            out.push_str(korean.trim());
            next = start + said.len();
        }
    }
    out.push_str(&line[next..]);
    out
}

/// The hashes of the blocks of a `.ko` file whose Korean is owed.
pub fn owed(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix(OWED))
        .map(|h| h.trim().to_string())
        .collect()
}

fn trimmed(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// `source` with each comment block that has a translation replaced by its Korean (after what
/// the block's first line has before its comment), and each `TODO("...")` string that has one
/// by its Korean string; the others stay English.
pub fn korean(source: &str, ko: &BTreeMap<String, Vec<String>>) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut next = 0;
    let code =
        |lines: &[&str]| -> Vec<String> { lines.iter().map(|l| todos_in_korean(l, ko)).collect() };
    for block in blocks(source) {
        out.extend(code(&lines[next..block.start]));
        match ko.get(&block.hash) {
            Some(korean) => out.extend(korean.iter().enumerate().map(|(n, l)| {
                let before = if n == 0 {
                    todos_in_korean(&block.before, ko)
                } else {
                    block.continued()
                };
                format!("{before}{l}")
            })),
            None => out.extend(code(&lines[block.start..block.start + block.len])),
        }
        next = block.start + block.len;
    }
    out.extend(code(&lines[next..]));
    out.join("\n") + if source.ends_with('\n') { "\n" } else { "" }
}

/// The Korean of `common/lab.h`'s comments, in a stub's `.ko` form.
const LAB_H_KO: &str = include_str!("../../c-track/lab.h.ko");

/// `common/lab.h` as a Korean C class reads it (`export-student --lang ko`): its comments in
/// Korean, and what a `TODO` prints in Korean (which `contain::exit` reads in both languages);
/// its code the English one's.
pub fn korean_lab_h(english: &str) -> String {
    korean(english, &translations(LAB_H_KO)).replace(exit::C_TODO, exit::C_TODO_KO)
}

/// The comments of `common/lab.h` (`english`) that checker/c-track/lab.h.ko has no Korean for:
/// each one's line and first words.
pub fn lab_h_untranslated(english: &str) -> Vec<(usize, String)> {
    let ko = translations(LAB_H_KO);
    let lines: Vec<&str> = english.lines().collect();
    blocks(english)
        .into_iter()
        .filter(|b| !ko.contains_key(&b.hash))
        .map(|b| (b.start + 1, b.comment(&lines)[0].trim().to_string()))
        .collect()
}

/// The Korean file of the stub `rel` (relative to its track's `exercises/`, its exercise's
/// folder first): in that exercise's folder, below `korean/rust/`, or a C stub's (`.c`, `.h`)
/// below `korean/c/`.
pub fn ko_file(lab: &Path, rel: &Path) -> PathBuf {
    let mut parts = rel.components();
    let exercise = parts
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let mut name = parts.as_path().as_os_str().to_owned();
    name.push(".ko");
    let track = if is_c(rel) {
        in_exercise_folder::C_KOREAN
    } else {
        in_exercise_folder::RUST_KOREAN
    };
    exercise_folder(lab, &exercise.unwrap_or_default())
        .join(track)
        .join(name)
}

fn is_c(rel: &Path) -> bool {
    rel.extension().is_some_and(|e| e == "c" || e == "h")
}

/// Every stub source below `exercises/`, relative to it: the Rust stubs, or in a C-only
/// repository the C stubs.
pub fn stub_files(lab: &Path) -> Vec<PathBuf> {
    stubs_below(&lab.join("exercises"))
}

/// The stub sources below `dir` (Rust's and C's), relative to it, sorted; build output and the
/// C track's `common/` left out.
pub fn stubs_below(dir: &Path) -> Vec<PathBuf> {
    let shared = |rel: &Path| is_c(rel) && rel.starts_with(C_COMMON);
    let mut stubs: Vec<PathBuf> = rust_files(dir)
        .into_iter()
        .chain(c_files(dir))
        .filter(|f| !f.is_under("target") && !shared(&f.rel))
        .map(|f| f.rel)
        .collect();
    stubs.sort();
    stubs
}

/// Rewrite the stubs of an export (`out/exercises/`, the Rust stubs or the C stubs) with their
/// comments in Korean.
pub fn write_korean_stubs(lab: &Path, out: &Path) -> Result<()> {
    for rel in stub_files(out) {
        let path = out.join("exercises").join(&rel);
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let ko = translations(&std::fs::read_to_string(ko_file(lab, &rel)).unwrap_or_default());
        std::fs::write(&path, korean(&source, &ko))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{blocks, korean, korean_lab_h, translations};

    /// The Korean lab.h, derived: every comment of the English one has its Korean, the code is
    /// the same, and what a `TODO` prints is Korean.
    #[test]
    fn the_korean_lab_h_is_the_english_one_in_korean() {
        let english = std::fs::read_to_string(
            crate::base::workspace::lab_root().join("c/exercises/common/lab.h"),
        )
        .unwrap();
        assert_eq!(super::lab_h_untranslated(&english), Vec::new());
        let korean = korean_lab_h(&english);
        let code = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .map(|l| l.replace("not yet implemented", "아직 작성하지 않았다"))
                .collect()
        };
        assert_eq!(code(&english), code(&korean));
        assert!(
            !korean.contains("Rust") && !korean.contains("not yet"),
            "{korean}"
        );
    }

    const STUB: &str = "//! Day 2.\n//! Read it.\n\nfn f() {\n    // TODO 1. C: socket()\n    //> let x = 1;\n    // TODO 2. bind\n    todo!()\n}\n";

    #[test]
    fn comment_blocks_end_at_hint_code_and_blank_lines() {
        let b = blocks(STUB);
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].start, b[0].len), (0, 2));
        assert_eq!((b[1].start, b[1].before.as_str()), (4, "    "));
        assert_eq!(b[2].start, 6);
    }

    #[test]
    fn a_translation_replaces_its_block_and_keeps_the_code() {
        let b = blocks(STUB);
        let ko = translations(&format!(
            "# en {}\n//! 2일차.\n//! 읽어라.\n\n# en {}\n// TODO 1. C: socket()을 부른다\n",
            b[0].hash, b[1].hash
        ));
        let out = korean(STUB, &ko);
        assert!(out.starts_with("//! 2일차.\n//! 읽어라.\n\nfn f() {\n    // TODO 1. C: socket()을 부른다\n    //> let x = 1;\n    // TODO 2. bind\n"));
        assert!(out.ends_with("    todo!()\n}\n"));
    }

    const C_STUB: &str = "// Day 9.\nstruct c {\n    int fd;   // its socket: \"//\" is no comment\n    char *out; // bytes to send,\n               // in order\n    char sep;  // '/'\n};\n";

    #[test]
    fn a_comment_after_code_is_a_block_and_its_korean_keeps_the_code() {
        let b = blocks(C_STUB);
        let starts: Vec<(usize, usize)> = b.iter().map(|b| (b.start, b.len)).collect();
        assert_eq!(starts, [(0, 1), (2, 1), (3, 2), (5, 1)]);
        assert_eq!(b[1].before, "    int fd;   ");
        let lines: Vec<&str> = C_STUB.lines().collect();
        assert_eq!(b[2].comment(&lines), ["// bytes to send,", "// in order"]);
        let ko = translations(&format!(
            "# en {}\n// 보낼 바이트,\n// 순서대로\n",
            b[2].hash
        ));
        let out = korean(C_STUB, &ko);
        assert!(
            out.contains(
                "    char *out; // 보낼 바이트,\n               // 순서대로\n    char sep;"
            )
        );
    }

    /// A C stub's `TODO("...")` strings are said in Korean too, a function's name kept.
    #[test]
    fn a_todo_string_has_its_korean_and_a_name_stays() {
        let stub = "int main(void)\n{\n    TODO(\"step 1: socket\"); // TODO(\"x y\")\n    TODO(\"lab_htons\");\n}\n";
        assert_eq!(super::todo_strings(stub), ["step 1: socket"]);
        let ko = translations("# stub 0\n\n# todo step 1: socket\n1단계: socket\n");
        let out = korean(stub, &ko);
        assert!(
            out.contains("    TODO(\"1단계: socket\"); // TODO(\"x y\")\n"),
            "{out}"
        );
        assert!(out.contains("TODO(\"lab_htons\")"), "{out}");
    }

    #[test]
    fn a_changed_english_comment_changes_its_hash() {
        let changed = STUB.replace("Read it.", "Read it first.");
        assert_ne!(blocks(STUB)[0].hash, blocks(&changed)[0].hash);
        assert_eq!(blocks(STUB)[1].hash, blocks(&changed)[1].hash);
    }
}
