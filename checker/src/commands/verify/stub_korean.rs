//! The check of `checker verify` that every comment of every stub, both tracks', has its Korean
//! (`authoring::stub_comments`), written for the English as it is now: its stamp, a Korean block for each
//! comment (or one owed), no Korean block left over, and Korean that keeps the stub (its
//! `TODO` markers, comments only).

use std::path::Path;

use anyhow::{Context, Result};

use crate::authoring::stub_comments::{
    HEADER, HINT_CODE, OWED, STAMP, STUB_DIRS, TODO_HEADER, blocks, is_todo_key, ko_file,
    lab_h_untranslated, owed, stamp, stub_hash, stubs_below, todo_strings, translations,
};

/// What `checker verify` finds in the stubs' Korean.
#[derive(Debug, Default)]
pub struct Findings {
    /// English comment blocks with no Korean, Korean blocks whose English has changed (or
    /// gone), Korean that would break the stub (a lost `TODO`).
    pub problems: Vec<String>,
    /// Comment blocks whose Korean is owed (`# owed`): translations to write, not failures.
    pub owed: Vec<String>,
}

/// What `checker verify` reports of the stubs' Korean, both tracks'.
pub fn check(lab: &Path) -> Result<Findings> {
    let mut findings = Findings::default();
    for dir in STUB_DIRS.map(Path::new) {
        for rel in stubs_below(&lab.join(dir)) {
            check_stub(lab, &dir.join(&rel), &rel, &mut findings)?;
        }
    }
    // The C track's shared header, whose Korean export derives its Korean from lab.h.ko.
    let lab_h = lab.join("c/exercises/common/lab.h");
    if let Ok(english) = std::fs::read_to_string(&lab_h) {
        for (line, first) in lab_h_untranslated(&english) {
            findings.problems.push(format!(
                "c/exercises/common/lab.h:{line}: the comment `{first}` has no Korean in checker/c-track/lab.h.ko (write it under `{HEADER}<its hash>`, as a stub's .ko file does)"
            ));
        }
    }
    Ok(findings)
}

/// One stub's Korean (`shown`: the stub, relative to the lab; `rel`: relative to its track's
/// `exercises/`): its stamp, a Korean block for each comment (or one owed), and no Korean block
/// left over.
fn check_stub(lab: &Path, shown: &Path, rel: &Path, findings: &mut Findings) -> Result<()> {
    let Findings {
        problems,
        owed: owed_blocks,
    } = findings;
    let path = lab.join(shown);
    let source =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let ko_path = ko_file(lab, rel);
    let ko_text = std::fs::read_to_string(&ko_path).unwrap_or_default();
    let ko = translations(&ko_text);
    let owed = owed(&ko_text);
    let shown = shown.display().to_string();
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
        let english = block.comment(&lines);
        let first = english[0].trim();
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
                korean_keeps_the_stub(&shown, (block.start + 1, first), &english, korean, problems);
                used.push(block.hash.clone());
            }
        }
    }
    let ko_shown = ko_path.strip_prefix(lab).unwrap_or(&ko_path).display();
    check_todos(&source, &ko, (&shown, &ko_shown.to_string()), problems);
    let left_over = ko.keys().filter(|h| !used.contains(h) && !is_todo_key(h));
    problems.extend(left_over.map(|hash| format!(
        "{ko_shown}: the Korean block `{HEADER}{hash}` translates an English comment that has changed or gone: translate the new text and remove it"
    )));
    Ok(())
}

/// A C stub's `TODO("...")` strings: each has its Korean in the stub's `.ko` file (`ko`), and
/// no Korean is left over (`shown`: the stub and its `.ko` file, as the lab names them).
fn check_todos(
    source: &str,
    ko: &std::collections::BTreeMap<String, Vec<String>>,
    (shown, ko_shown): (&str, &str),
    problems: &mut Vec<String>,
) {
    let todos = todo_strings(source);
    for said in &todos {
        if !ko.contains_key(&format!("todo:{said}")) {
            problems.push(format!(
                "{shown}: no Korean for `TODO(\"{said}\")` (add `{TODO_HEADER}{said}` and the Korean string under it to {ko_shown})"
            ));
        }
    }
    for key in ko.keys().filter(|k| is_todo_key(k)) {
        if !todos.iter().any(|t| format!("todo:{t}") == **key) {
            problems.push(format!(
                "{ko_shown}: `{TODO_HEADER}{}` translates a TODO string the stub no longer has: remove it",
                &key["todo:".len()..]
            ));
        }
    }
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
    use super::*;
    use crate::authoring::stub_comments::write_korean_stubs;

    const STUB: &str = "//! Day 2.\n//! Read it.\n\nfn f() {\n    // TODO 1. C: socket()\n    //> let x = 1;\n    // TODO 2. bind\n    todo!()\n}\n";
    const C_STUB: &str = "// Day 9.\nstruct c {\n    int fd;   // its socket: \"//\" is no comment\n    char *out; // bytes to send,\n               // in order\n    char sep;  // '/'\n};\n";

    #[test]
    fn verify_names_a_missing_and_a_stale_translation() {
        let lab = tempfile::tempdir().unwrap();
        let stub = lab.path().join("exercises/day9-x/src/lib.rs");
        std::fs::create_dir_all(stub.parent().unwrap()).unwrap();
        std::fs::write(&stub, STUB).unwrap();
        let b = blocks(STUB);
        let ko = ko_file(lab.path(), std::path::Path::new("day9-x/src/lib.rs"));
        std::fs::create_dir_all(ko.parent().unwrap()).unwrap();
        let mut text = format!("# stub {}\n\n", stub_hash(STUB));
        for (block, korean) in b
            .iter()
            .zip(["//! 2일차.", "// TODO 1. 소켓", "// TODO 2. bind"])
        {
            text.push_str(&format!("# en {}\n{korean}\n\n", block.hash));
        }
        std::fs::write(&ko, &text).unwrap();
        assert!(check(lab.path()).unwrap().problems.is_empty());
        std::fs::write(&stub, STUB.replace("Read it.", "Read it first.")).unwrap();
        // The English changes: its Korean is stale, the new text has none, and the stamp
        // names the stub as it was.
        let problems = check(lab.path()).unwrap().problems;
        assert_eq!(problems.len(), 3, "{problems:?}");
        let changed = stub_hash(&STUB.replace("Read it.", "Read it first."));
        assert!(
            problems[0].contains(&format!("# stub {changed}")),
            "{problems:?}"
        );
        assert!(problems[1].contains("no Korean") && problems[1].contains("lib.rs:1"));
        assert!(problems[2].contains("changed or gone"));
        // A Korean block that loses its TODO is caught too.
        std::fs::write(&stub, STUB).unwrap();
        std::fs::write(&ko, text.replace("// TODO 1. 소켓", "// 소켓")).unwrap();
        let problems = check(lab.path()).unwrap().problems;
        assert!(problems.iter().any(|p| p.contains("TODO")), "{problems:?}");
    }

    /// The C stubs: their Korean in their exercise's `korean/c/`, checked from the lab's
    /// `c/exercises/` (its `common/` no stub), and written into a C export's `exercises/`.
    #[test]
    fn the_c_stubs_korean_is_checked_and_exported() {
        let lab = tempfile::tempdir().unwrap();
        let write = |path: std::path::PathBuf, text: &str| {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(lab.path().join("c/exercises/day9-x/x.c"), C_STUB);
        // The lab's own header, whose Korean is the checker's (lab.h.ko).
        let lab_h = "c/exercises/common/lab.h";
        write(
            lab.path().join(lab_h),
            &std::fs::read_to_string(crate::base::workspace::lab_root().join(lab_h)).unwrap(),
        );
        let rel = std::path::Path::new("day9-x/x.c");
        let ko = ko_file(lab.path(), rel);
        assert!(
            ko.ends_with("checker/exercises/day9-x/korean/c/x.c.ko"),
            "{ko:?}"
        );
        let problems = check(lab.path()).unwrap().problems;
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("c/exercises/day9-x/x.c:1: no Korean"));
        let mut text = format!("# stub {}\n\n", stub_hash(C_STUB));
        for block in blocks(C_STUB) {
            text.push_str(&format!("# en {}\n// 한국어\n\n", block.hash));
        }
        write(ko, &text);
        assert!(check(lab.path()).unwrap().problems.is_empty());
        let out = tempfile::tempdir().unwrap();
        write(out.path().join("exercises/day9-x/x.c"), C_STUB);
        write_korean_stubs(lab.path(), out.path()).unwrap();
        let korean = std::fs::read_to_string(out.path().join("exercises/day9-x/x.c")).unwrap();
        assert!(korean.starts_with("// 한국어\nstruct c {\n    int fd;   // 한국어\n"));
    }
}
