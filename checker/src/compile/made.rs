//! A C exercise's targets made with make, each one again only when what it is made from changed.
//! `make -B` remakes what it is asked for whatever the file times say (a header deleted or
//! changed in a subfolder would otherwise leave an old program graded); the choice of what to
//! ask for is made here, from contents. A target's inputs are its flags, the lab's rules, the
//! list of the targets and of every C file's name, and the content of each file the compiler
//! read when it was last made (`-MMD`: its source, the headers it included however it named
//! them, the source of the archive it links): a broken version of `echo-server.c` leaves
//! `echo-client` as it was; a file added or removed anywhere makes everything again.
//!
//! A library exercise's archive is made twice, under the same name: with the programs' flags
//! for the programs to link, then with the harness's, which the rules and the harness read
//! (`c::LIBRARY_CFLAGS`). Each is kept in `.checker-targets/` once made and put back, with its
//! time, only where it is not in place already: cargo then finds the harness linked to it up to
//! date, and a build that changes nothing writes nothing. What make printed is kept beside
//! each target, so a target taken as it was still shows its warnings.

use std::hash::{Hash, Hasher};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use serde_json::{Value, json};

use super::reuse::{identity, write_whole};
use crate::base::files::c_files;
use crate::base::hash::{Fnv, fnv, this_checker};
use crate::contain::reaper;

/// The folder, beside the sources, where each target's inputs and output are kept.
pub const KEPT: &str = ".checker-targets";

/// `make` for each step (its flags, its targets: programs, or `archive`), with the build rules
/// `rules` (lab.mk), each target made only if what it is made from changed since it was last
/// made with those flags (`reuse`: the package's turn is held; else every target is made):
/// whether every target was made, and what make printed (a later step's output once only, as
/// the archive made with both flags may warn alike twice).
pub fn made(
    dir: &Path,
    steps: &[(&str, Vec<String>)],
    archive: Option<&str>,
    rules: &str,
    reuse: bool,
) -> Result<(bool, String)> {
    let kept = dir.join(KEPT);
    std::fs::create_dir_all(&kept).with_context(|| format!("creating {}", kept.display()))?;
    // The stamp of the whole build the checker kept before each target had its own.
    let _ = std::fs::remove_file(dir.join(".checker-made"));
    let mut names: Vec<String> = steps.iter().flat_map(|(_, t)| t.clone()).collect();
    names.extend(archive.map(str::to_string));
    names.push(String::new());
    names.extend(every_c_file(dir));
    let mut making = Making {
        dir,
        kept: &kept,
        rules,
        names: &names,
        // Nothing is reused where this checker's own build cannot be read (`key`).
        reuse: reuse && this_checker(&mut Fnv::new()).is_some(),
        output: String::new(),
        pending: None,
    };
    for (step, (cflags, targets)) in steps.iter().enumerate() {
        let mut said = String::new();
        // The programs link the archive made with their own flags: it comes first, put in
        // place only for a program made again.
        let linked = archive.filter(|a| !targets.iter().any(|t| t == a));
        let mut archive_key = None;
        if let Some(a) = linked {
            let (key, out) = making.archive(cflags, a, false)?;
            said.push_str(&out);
            match key {
                Some(key) => archive_key = Some(key),
                None => return Ok((false, making.shown(step, said))),
            }
        }
        for target in targets {
            let (ok, out) = if Some(target.as_str()) == archive {
                let (key, out) = making.archive(cflags, target, true)?;
                (key.is_some(), out)
            } else {
                making.program(cflags, target, linked.zip(archive_key.as_deref()))?
            };
            said.push_str(&out);
            if !ok {
                return Ok((false, making.shown(step, said)));
            }
        }
        making.output = making.shown(step, said);
    }
    Ok((true, making.output))
}

/// Every C file of the package and of the tree's `common/`, by the name the package's make
/// sees (`echo-server.c`, `../common/net.h`), sorted.
fn every_c_file(dir: &Path) -> Vec<String> {
    let common = dir.parent().map(|p| p.join("common")).unwrap_or_default();
    let mut names: Vec<String> = c_files(dir)
        .into_iter()
        .map(|f| f.rel.to_string_lossy().into_owned())
        .chain(
            c_files(&common)
                .into_iter()
                .map(|f| format!("../common/{}", f.rel.to_string_lossy())),
        )
        .collect();
    names.sort();
    names
}

/// The files a target was made from, as the compiler listed them in `<dir>/<stem>.d` (`-MMD`):
/// every C file of the package if it wrote none.
fn read_by_compiler(dir: &Path, stem: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join(format!("{stem}.d"))) else {
        return every_c_file(dir);
    };
    let Some((_, list)) = text.split_once(": ") else {
        return every_c_file(dir);
    };
    // make's syntax: names apart by blanks, a blank in a name escaped, lines continued by `\`.
    let mut files = Vec::new();
    let mut name = String::new();
    let mut chars = list.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| *n == ' ') => name.push(chars.next().unwrap()),
            '\\' if chars.peek().is_some_and(|n| *n == '\n') => {}
            c if c.is_whitespace() => files.push(std::mem::take(&mut name)),
            c => name.push(c),
        }
    }
    files.push(name);
    files.retain(|f| !f.is_empty());
    files
}

/// One build's targets, made or taken as they were.
struct Making<'a> {
    dir: &'a Path,
    kept: &'a Path,
    rules: &'a str,
    /// The targets and every C file's name: a change among them makes everything again.
    names: &'a [String],
    reuse: bool,
    output: String,
    /// The archive made with the programs' flags, taken as it was: its copy and its place, where
    /// it goes before a program is made again.
    pending: Option<(PathBuf, PathBuf)>,
}

/// What `kept` holds for one target (a JSON document, as `reuse` keeps a cargo build): its
/// inputs' key, the files it was made from, what make printed, and (a program) the file make
/// left.
struct Record {
    key: String,
    made: String,
    said: String,
}

impl Making<'_> {
    /// The output so far with `said`, what a step printed: a later step's only if it is new.
    fn shown(&self, step: usize, said: String) -> String {
        if step > 0 && self.output.contains(&said) {
            return self.output.clone();
        }
        self.output.clone() + &said
    }

    /// The key of `files`' contents, with this checker's build (as `reuse::build_key`: what a
    /// new checker makes may differ), the flags, the rules, the names, and the key of the
    /// archive the target links.
    fn key(&self, cflags: &str, files: &[String], linked: Option<&str>) -> String {
        let mut h = Fnv::new();
        let _ = this_checker(&mut h);
        (cflags, self.rules, self.names, linked).hash(&mut h);
        for file in files {
            file.hash(&mut h);
            std::fs::read(self.dir.join(file)).ok().hash(&mut h);
        }
        format!("{:016x}", h.finish())
    }

    fn record_path(&self, cflags: &str, target: &str) -> PathBuf {
        self.kept.join(format!(
            "{:08x}-{target}.json",
            fnv(cflags.as_bytes()) as u32
        ))
    }

    /// The record of `target` made with `cflags`, if its inputs are still those it was made
    /// from.
    fn still(&self, cflags: &str, target: &str, linked: Option<&str>) -> Option<Record> {
        if !self.reuse {
            return None;
        }
        let text = std::fs::read_to_string(self.record_path(cflags, target)).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        let text = |field: &str| v[field].as_str().map(str::to_string);
        let files: Vec<String> = v["files"]
            .as_array()?
            .iter()
            .map(|f| f.as_str().map(str::to_string))
            .collect::<Option<_>>()?;
        let record = Record {
            key: text("key")?,
            made: text("made")?,
            said: text("said")?,
        };
        (self.key(cflags, &files, linked) == record.key).then_some(record)
    }

    /// Make `target` (with `old`, an archive in place, not made again), and keep its record:
    /// its key (`None` if make failed) and what make printed.
    fn make(
        &self,
        cflags: &str,
        target: &str,
        old: Option<&str>,
        linked: Option<&str>,
    ) -> Result<(Option<String>, String)> {
        let record = self.record_path(cflags, target);
        // Forgotten first: a make that fails may leave the target half made.
        let _ = std::fs::remove_file(&record);
        let (ok, said) = make(self.dir, cflags, target, old)?;
        if !ok {
            return Ok((None, said));
        }
        let stem = match target
            .strip_prefix("lib")
            .and_then(|t| t.strip_suffix(".a"))
        {
            Some(stem) => stem,
            None => target,
        };
        let files = read_by_compiler(self.dir, stem);
        let key = self.key(cflags, &files, linked);
        if self.reuse {
            let made = identity(&self.dir.join(target)).unwrap_or_default();
            let doc = json!({"key": key, "made": made, "files": files, "said": said});
            write_whole(&record, &doc);
        }
        Ok((Some(key), said))
    }

    /// The archive `target` with `cflags`, made, or taken as it was and put in place if `place`
    /// (else it is put in place when a program needs it, `program`): its key (`None` if make
    /// failed) and what make printed.
    fn archive(
        &mut self,
        cflags: &str,
        target: &str,
        place: bool,
    ) -> Result<(Option<String>, String)> {
        let copy = self.record_path(cflags, target).with_extension("copy");
        let placed = self.dir.join(target);
        if let Some(record) = self.still(cflags, target, None)
            && copy.is_file()
            && (!place || same_file(&copy, &placed) || copy_with_time(&copy, &placed).is_ok())
        {
            self.pending = (!place).then_some((copy, placed));
            return Ok((Some(record.key), record.said));
        }
        self.pending = None;
        let made = self.make(cflags, target, None, None)?;
        if made.0.is_some() {
            copy_with_time(&placed, &copy)?;
        }
        Ok(made)
    }

    /// The program `target`, linking `linked` (the archive, and its key) if any: made, or taken
    /// as it was if it is still the file make left; whether it is there, and what make printed.
    fn program(
        &mut self,
        cflags: &str,
        target: &str,
        linked: Option<(&str, &str)>,
    ) -> Result<(bool, String)> {
        let archive_key = linked.map(|(_, key)| key);
        if let Some(record) = self.still(cflags, target, archive_key)
            && identity(&self.dir.join(target)).is_some_and(|made| made == record.made)
        {
            return Ok((true, record.said));
        }
        if let Some((copy, placed)) = self.pending.take()
            && !same_file(&copy, &placed)
        {
            copy_with_time(&copy, &placed)?;
        }
        let old = linked.map(|(archive, _)| archive);
        let (key, said) = self.make(cflags, target, old, archive_key)?;
        Ok((key.is_some(), said))
    }
}

/// Whether two files are one made file and its copy (`copy_with_time`): the same size and time.
fn same_file(a: &Path, b: &Path) -> bool {
    let seen = |p: &Path| {
        std::fs::metadata(p)
            .ok()
            .map(|m| (m.len(), m.mtime(), m.mtime_nsec()))
    };
    seen(a).is_some_and(|m| Some(m) == seen(b))
}

/// `from` copied to `to` with its modification time.
fn copy_with_time(from: &Path, to: &Path) -> Result<()> {
    let modified = std::fs::metadata(from)
        .and_then(|m| m.modified())
        .with_context(|| format!("reading {}", from.display()))?;
    // A new file, never the old one rewritten: a harness or a test may have it open.
    let partial = to.with_extension("part");
    std::fs::copy(from, &partial).with_context(|| format!("copying {}", from.display()))?;
    std::fs::File::options()
        .write(true)
        .open(&partial)
        .and_then(|f| f.set_modified(modified))
        .with_context(|| format!("dating {}", partial.display()))?;
    std::fs::rename(&partial, to).with_context(|| format!("placing {}", to.display()))
}

/// Run make on `target` in `dir` with `cflags` (and `-MMD`: the compiler lists what it read),
/// `old` (an archive in place) not made again: whether it succeeded, and what it printed (the
/// compiler's lines, stderr after stdout).
fn make(dir: &Path, cflags: &str, target: &str, old: Option<&str>) -> Result<(bool, String)> {
    let mut command = Command::new("make");
    command
        .arg("-C")
        .arg(dir)
        .args(["--no-print-directory", "-s", "-r", "-B"])
        .arg(format!("CFLAGS={cflags} -MMD"));
    if let Some(old) = old {
        command.arg("-o").arg(old);
    }
    command
        .arg(target)
        .env_remove("MAKEFLAGS")
        .env_remove("MFLAGS")
        .env("LC_ALL", "C");
    let output = reaper::run_to_completion(&mut command).context(
        "running make: the C track needs make and a C compiler \
         (on Ubuntu: sudo apt install build-essential)",
    )?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok((output.status.success(), text))
}

#[cfg(test)]
mod making {
    use super::*;
    use std::time::SystemTime;

    const RULES: &str = include_str!("../../c-track/lab.mk");
    const PROGRAM: &str = "#include \"x.h\"\nint main(void) { int unused; return x(); }\n";
    const STEPS: [(&str, &[&str]); 2] = [("-Wall", &["one", "two"]), ("-Wall -O0", &["libx.a"])];

    /// A package of two programs linking a library's archive, in a tree with its `common/`.
    struct Package {
        tree: tempfile::TempDir,
        dir: PathBuf,
    }

    impl Package {
        fn new() -> Package {
            let tree = tempfile::tempdir().unwrap();
            let dir = tree.path().join("ex");
            let package = Package { tree, dir };
            package.write("../common/lab.mk", RULES);
            package.write(
                "Makefile",
                "PROGRAMS = one two\nLIBRARY = libx.a\ninclude ../common/lab.mk\n",
            );
            package.write("x.h", "int x(void);\n");
            package.write("x.c", "#include \"x.h\"\nint x(void) { return 0; }\n");
            package.write("one.c", PROGRAM);
            package.write("two.c", PROGRAM);
            package
        }

        fn write(&self, file: &str, text: &str) {
            let path = if let Some(shared) = file.strip_prefix("../") {
                self.tree.path().join(shared)
            } else {
                self.dir.join(file)
            };
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        fn make(&self) -> (bool, String) {
            let steps: Vec<(&str, Vec<String>)> = STEPS
                .iter()
                .map(|(flags, targets)| (*flags, targets.iter().map(|t| t.to_string()).collect()))
                .collect();
            made(&self.dir, &steps, Some("libx.a"), RULES, true).unwrap()
        }

        /// Made, each target's time, and what make printed.
        fn build(&self) -> ([SystemTime; 3], String) {
            let (ok, said) = self.make();
            assert!(ok, "{said}");
            let when = |t: &str| {
                std::fs::metadata(self.dir.join(t))
                    .unwrap()
                    .modified()
                    .unwrap()
            };
            (["one", "two", "libx.a"].map(when), said)
        }
    }

    /// A program's own source changed makes that program again, the library's source or a
    /// header every target; a target taken as it was still shows its warnings; a program
    /// another build put in its place (an older checker's) is made again.
    #[test]
    fn only_what_a_change_reaches_is_made_again() {
        let package = Package::new();
        let (first, said) = package.build();
        assert!(said.contains("unused"), "{said}");
        let (again, said) = package.build();
        assert_eq!(again, first, "nothing changed, nothing made");
        assert!(
            said.contains("unused"),
            "the warnings of what was taken: {said}"
        );
        package.write("one.c", &PROGRAM.replace("int unused; ", ""));
        let (edited, said) = package.build();
        assert!(edited[0] != first[0] && edited[1] == first[1] && edited[2] == first[2]);
        assert!(said.contains("unused"), "two's warning still: {said}");
        package.write("x.c", "#include \"x.h\"\nint x(void) { return 1; }\n");
        let (library, _) = package.build();
        assert!(library.iter().zip(&edited).all(|(now, was)| now != was));
        package.write("x.h", "int x(void);\n#define Y 1\n");
        let (header, _) = package.build();
        assert!(header.iter().zip(&library).all(|(now, was)| now != was));
        std::fs::write(package.dir.join("two"), "not this make's").unwrap();
        let (replaced, _) = package.build();
        assert_ne!(
            std::fs::read(package.dir.join("two")).unwrap(),
            b"not this make's"
        );
        assert_eq!(replaced[0], header[0]);
    }

    /// What the compiler read counts however it was named (a digraph, a shared header of the
    /// tree's, a source included); after a make that fails and its fix, the archive in place is
    /// the harness's.
    #[test]
    fn what_the_compiler_read_counts_and_a_failure_leaves_nothing_taken() {
        let package = Package::new();
        package.write("../common/lab.h", "#define LAB 1\n");
        package.write(
            "one.c",
            "%:include \"../common/lab.h\"\n%:include \"shared.c\"\nint x(void);\nint main(void) { return x() + LAB + S; }\n",
        );
        package.write("shared.c", "enum { S = 0 };\n");
        let (included, _) = package.build();
        package.write("../common/lab.h", "#define LAB 0\n");
        let (common, _) = package.build();
        assert!(common[0] != included[0] && common[1] == included[1]);
        package.write("shared.c", "enum { S = 1 };\n");
        let (shared, _) = package.build();
        assert!(shared[0] != common[0] && shared[1] == common[1]);
        package.write("two.c", "int main(void) { return nope; }\n");
        let (ok, said) = package.make();
        assert!(!ok && said.contains("nope"), "{said}");
        package.write("two.c", PROGRAM);
        let (fixed, _) = package.build();
        assert!(fixed[0] == shared[0] && fixed[1] != shared[1]);
        let kept = format!("{:08x}-libx.a.copy", fnv(b"-Wall -O0") as u32);
        let harness = package.dir.join(KEPT).join(kept);
        assert!(same_file(&harness, &package.dir.join("libx.a")));
    }

    /// make's list of what a target was made from, its escaped blanks and continued lines read.
    #[test]
    fn the_compilers_list_is_read_as_make_writes_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("one.d"),
            "one: one.c x.h \\\n ../common/net.h my\\ file.h\n",
        )
        .unwrap();
        assert_eq!(
            read_by_compiler(dir.path(), "one"),
            ["one.c", "x.h", "../common/net.h", "my file.h"]
        );
    }
}
