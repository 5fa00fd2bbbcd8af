//! The stubs in Korean: `checker export-student --lang ko` writes each stub with its comments
//! (doc comments, steps, `// TODO` lines) in Korean and its code, hint code (`//>`) included,
//! exactly as in English. The Korean of a stub lives beside the catalogs, one file per stub
//! (`checker/i18n/stubs/<exercise>/<path>.ko`), as blocks each headed by the hash of the English
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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::base::files::rust_files;
use crate::base::hash::fnv;

/// Where a stub's hint code starts: `//> code`.
const HINT_CODE: &str = "//>";
/// The header of a translated block in a `.ko` file.
const HEADER: &str = "# en ";
/// The header of a block whose Korean is owed: the English comment, copied as it is.
const OWED: &str = "# owed ";

/// The first line of a `.ko` file: the hash of the English stub it was checked against.
const STAMP: &str = "# stub ";

/// The hash of a whole stub, as its `.ko` file's stamp names it.
pub fn stub_hash(source: &str) -> String {
    format!("{:016x}", fnv(source.as_bytes()))
}

/// The English stub's hash a `.ko` file was checked against (`None`: it has no stamp).
pub fn stamp(ko_text: &str) -> Option<&str> {
    ko_text.lines().next()?.strip_prefix(STAMP).map(str::trim)
}

/// A run of comment lines in a stub (hint code and blank lines end it).
#[derive(Debug, PartialEq)]
pub struct Block {
    /// The index of its first line in the file.
    pub start: usize,
    /// How many lines it has.
    pub len: usize,
    /// The indentation of its first line.
    pub indent: String,
    /// The hash of its text (each line trimmed), which names its translation.
    pub hash: String,
}

fn is_comment(line: &str) -> bool {
    let body = line.trim_start();
    body.starts_with("//") && !body.starts_with(HINT_CODE)
}

/// The comment blocks of a stub's source.
pub fn blocks(source: &str) -> Vec<Block> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_comment(lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && is_comment(lines[i]) {
            i += 1;
        }
        let text: Vec<&str> = lines[start..i].iter().map(|l| l.trim()).collect();
        let first = lines[start];
        found.push(Block {
            start,
            len: i - start,
            indent: first[..first.len() - first.trim_start().len()].to_string(),
            hash: format!("{:016x}", fnv(text.join("\n").as_bytes())),
        });
    }
    found
}

/// The Korean blocks of a `.ko` file (owed ones too: their English stands in), by the hash of
/// the English they translate.
pub fn translations(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        if let Some(hash) = line.strip_prefix(HEADER).or(line.strip_prefix(OWED)) {
            if let Some((h, lines)) = current.take() {
                found.insert(h, trimmed(lines));
            }
            current = Some((hash.trim().to_string(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line.to_string());
        }
    }
    if let Some((h, lines)) = current {
        found.insert(h, trimmed(lines));
    }
    found
}

/// The hashes of the blocks of a `.ko` file whose Korean is owed.
fn owed(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix(OWED))
        .map(|h| h.trim().to_string())
        .collect()
}

/// The `.ko` file of a stub whose every comment still owes its Korean: each block headed
/// `# owed <hash>` and copied in English, unindented (what `checker new` writes).
pub fn owed_file(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let said: Vec<String> = blocks(source)
        .iter()
        .map(|block| {
            let english: Vec<&str> = lines[block.start..block.start + block.len]
                .iter()
                .map(|l| l.trim_start())
                .collect();
            format!("{OWED}{}\n{}\n", block.hash, english.join("\n"))
        })
        .collect();
    format!("{STAMP}{}\n\n{}", stub_hash(source), said.join("\n"))
}

fn trimmed(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// `source` with each comment block that has a translation replaced by its Korean (at the
/// block's indentation); blocks without one stay English.
pub fn korean(source: &str, ko: &BTreeMap<String, Vec<String>>) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut next = 0;
    for block in blocks(source) {
        out.extend(lines[next..block.start].iter().map(|l| l.to_string()));
        match ko.get(&block.hash) {
            Some(korean) => out.extend(korean.iter().map(|l| format!("{}{l}", block.indent))),
            None => out.extend(
                lines[block.start..block.start + block.len]
                    .iter()
                    .map(|l| l.to_string()),
            ),
        }
        next = block.start + block.len;
    }
    out.extend(lines[next..].iter().map(|l| l.to_string()));
    out.join("\n") + if source.ends_with('\n') { "\n" } else { "" }
}

/// The Korean file of the stub `rel` (relative to `exercises/`).
pub fn ko_file(lab: &Path, rel: &Path) -> PathBuf {
    let mut name = rel.as_os_str().to_owned();
    name.push(".ko");
    lab.join("checker/i18n/stubs").join(name)
}

/// Every stub source below `exercises/`, relative to it.
pub fn stub_files(lab: &Path) -> Vec<PathBuf> {
    rust_files(&lab.join("exercises"))
        .into_iter()
        .filter(|f| {
            !f.rel.starts_with("target") && !f.rel.components().any(|c| c.as_os_str() == "target")
        })
        .map(|f| f.rel)
        .collect()
}

/// Rewrite the stubs of an export (`out/exercises/`) with their comments in Korean.
pub fn write_korean_stubs(lab: &Path, out: &Path) -> Result<()> {
    for rel in stub_files(lab) {
        let path = out.join("exercises").join(&rel);
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let ko = translations(&std::fs::read_to_string(ko_file(lab, &rel)).unwrap_or_default());
        std::fs::write(&path, korean(&source, &ko))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// What `checker verify` finds in the stubs' Korean.
#[derive(Debug, Default)]
pub struct Findings {
    /// English comment blocks with no Korean, Korean blocks whose English has changed (or
    /// gone), Korean that would break the stub (a lost `TODO`).
    pub problems: Vec<String>,
    /// Comment blocks whose Korean is owed (`# owed`): translations to write, not failures.
    pub owed: Vec<String>,
}

/// What `checker verify` reports of the stubs' Korean.
pub fn check(lab: &Path) -> Result<Findings> {
    let mut findings = Findings::default();
    for rel in stub_files(lab) {
        check_stub(lab, &rel, &mut findings)?;
    }
    Ok(findings)
}

/// One stub's Korean: its stamp, a Korean block for each comment (or one owed), and no Korean
/// block left over.
fn check_stub(lab: &Path, rel: &Path, findings: &mut Findings) -> Result<()> {
    let Findings {
        problems,
        owed: owed_blocks,
    } = findings;
    let path = lab.join("exercises").join(rel);
    let source =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let ko_path = ko_file(lab, rel);
    let ko_text = std::fs::read_to_string(&ko_path).unwrap_or_default();
    let ko = translations(&ko_text);
    let owed = owed(&ko_text);
    let shown = format!("exercises/{}", rel.display());
    let hash = stub_hash(&source);
    if !ko_text.is_empty() && stamp(&ko_text) != Some(hash.as_str()) {
        problems.push(format!(
            "{}: its stamp is not the stub's as it is (`checker stubs ko` would take the stub for one a student edited): once its Korean is right, make its first line `{STAMP}{hash}`",
            ko_path.strip_prefix(lab).unwrap_or(&ko_path).display()
        ));
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut used = Vec::new();
    for block in blocks(&source) {
        let first = lines[block.start].trim();
        if owed.contains(&block.hash) {
            owed_blocks.push(format!(
                "{shown}:{}: the comment `{first}` owes its Korean ({}: `{OWED}{}` holds the English until translated; write the Korean under `{HEADER}{}`)",
                block.start + 1,
                ko_path.strip_prefix(lab).unwrap_or(&ko_path).display(),
                block.hash,
                block.hash
            ));
            used.push(block.hash.clone());
            continue;
        }
        match ko.get(&block.hash) {
            None => problems.push(format!(
                "{shown}:{}: no Korean for the comment `{}` (add `{HEADER}{}` and its Korean to {})",
                block.start + 1,
                first,
                block.hash,
                ko_path.strip_prefix(lab).unwrap_or(&ko_path).display()
            )),
            Some(korean) => {
                let english = &lines[block.start..block.start + block.len];
                korean_keeps_the_stub(&shown, (block.start + 1, first), english, korean, problems);
                used.push(block.hash.clone());
            }
        }
    }
    for hash in ko.keys().filter(|h| !used.contains(h)) {
        problems.push(format!(
            "{}: the Korean block `{HEADER}{hash}` translates an English comment that has changed or gone: translate the new text and remove it",
            ko_path.strip_prefix(lab).unwrap_or(&ko_path).display()
        ));
    }
    Ok(())
}

/// The Korean of the comment at `line` (`first`: its first line) keeps the English's `TODO`
/// markers, and is comments only.
fn korean_keeps_the_stub(
    shown: &str,
    (line, first): (usize, &str),
    english: &[&str],
    korean: &[String],
    problems: &mut Vec<String>,
) {
    let todos = |ls: &mut dyn Iterator<Item = &str>| ls.filter(|l| l.contains("TODO")).count();
    let english = english.iter().copied();
    if todos(&mut english.into_iter()) != todos(&mut korean.iter().map(|s| s.as_str())) {
        problems.push(format!(
            "{shown}:{}: the Korean of `{first}` does not keep its `TODO` markers",
            line
        ));
    }
    if korean
        .iter()
        .any(|l| !l.trim_start().starts_with("//") || l.trim_start().starts_with(HINT_CODE))
    {
        problems.push(format!(
            "{shown}:{}: the Korean of `{first}` has a line that is not a comment",
            line
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{blocks, korean, translations};

    const STUB: &str = "//! Day 2.\n//! Read it.\n\nfn f() {\n    // TODO 1. C: socket()\n    //> let x = 1;\n    // TODO 2. bind\n    todo!()\n}\n";

    #[test]
    fn comment_blocks_end_at_hint_code_and_blank_lines() {
        let b = blocks(STUB);
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].start, b[0].len), (0, 2));
        assert_eq!((b[1].start, b[1].indent.as_str()), (4, "    "));
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

    #[test]
    fn verify_names_a_missing_and_a_stale_translation() {
        let lab = tempfile::tempdir().unwrap();
        let stub = lab.path().join("exercises/day9-x/src/lib.rs");
        std::fs::create_dir_all(stub.parent().unwrap()).unwrap();
        std::fs::write(&stub, STUB).unwrap();
        let b = blocks(STUB);
        let ko = super::ko_file(lab.path(), std::path::Path::new("day9-x/src/lib.rs"));
        std::fs::create_dir_all(ko.parent().unwrap()).unwrap();
        let mut text = format!("# stub {}\n\n", super::stub_hash(STUB));
        for (block, korean) in b
            .iter()
            .zip(["//! 2일차.", "// TODO 1. 소켓", "// TODO 2. bind"])
        {
            text.push_str(&format!("# en {}\n{korean}\n\n", block.hash));
        }
        std::fs::write(&ko, &text).unwrap();
        assert!(super::check(lab.path()).unwrap().problems.is_empty());
        std::fs::write(&stub, STUB.replace("Read it.", "Read it first.")).unwrap();
        // The English changes: its Korean is stale, the new text has none, and the stamp
        // names the stub as it was.
        let problems = super::check(lab.path()).unwrap().problems;
        assert_eq!(problems.len(), 3, "{problems:?}");
        let changed = super::stub_hash(&STUB.replace("Read it.", "Read it first."));
        assert!(
            problems[0].contains(&format!("# stub {changed}")),
            "{problems:?}"
        );
        assert!(problems[1].contains("no Korean") && problems[1].contains("lib.rs:1"));
        assert!(problems[2].contains("changed or gone"));
        // A Korean block that loses its TODO is caught too.
        std::fs::write(&stub, STUB).unwrap();
        std::fs::write(&ko, text.replace("// TODO 1. 소켓", "// 소켓")).unwrap();
        let problems = super::check(lab.path()).unwrap().problems;
        assert!(problems.iter().any(|p| p.contains("TODO")), "{problems:?}");
    }

    #[test]
    fn a_changed_english_comment_changes_its_hash() {
        let changed = STUB.replace("Read it.", "Read it first.");
        assert_ne!(blocks(STUB)[0].hash, blocks(&changed)[0].hash);
        assert_eq!(blocks(STUB)[1].hash, blocks(&changed)[1].hash);
    }
}
