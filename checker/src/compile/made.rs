//! A C exercise's targets made with make, each one again only when what it is made from changed.
//! `make -B` remakes what it is asked for whatever the file times say (a header deleted or
//! changed in a subfolder would otherwise leave an old program graded); the choice of what to
//! ask for is made here, from contents: a target is made again when its flags, the lab's rules,
//! its own source, any header, or the list of files changed, never for another program's source
//! (a broken version of `echo-server.c` leaves `echo-client` as it was). A file that includes
//! something other than a header (`#include "util.c"`, a macro) makes every target depend on
//! every file, as before.
//!
//! A library exercise's archive is made twice, under the same name: with the programs' flags
//! for the programs to link, then with the harness's, which the rules and the harness read
//! (`c::LIBRARY_CFLAGS`). Each is kept in `.checker-targets/` once made and put back when its
//! inputs are the same, with its time: cargo then finds the harness linked to it up to date.
//! What make printed is kept beside each target, so a target taken as it was still shows its
//! warnings.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::base::files::c_files;
use crate::base::hash::{Fnv, fnv};
use crate::contain::reaper;

/// The folder, beside the sources, where each target's inputs and output are kept.
const KEPT: &str = ".checker-targets";

/// `make` for each step (its flags, its targets: programs, or `archive`), with the build rules
/// `rules` (lab.mk), each target made only if what it is made from changed since it was last
/// made with those flags: whether every target was made, and what make printed for them (once
/// for a warning printed alike twice).
pub fn made(
    dir: &Path,
    steps: &[(&str, Vec<String>)],
    archive: Option<&str>,
    rules: &str,
) -> Result<(bool, String)> {
    let kept = dir.join(KEPT);
    std::fs::create_dir_all(&kept).with_context(|| format!("creating {}", kept.display()))?;
    // The stamp of the whole build the checker kept before each target had its own.
    let _ = std::fs::remove_file(dir.join(".checker-made"));
    let sources = Sources::read(dir, rules);
    let mut owners: Vec<String> = steps
        .iter()
        .flat_map(|(_, t)| t)
        .map(|t| own_source(t))
        .collect();
    owners.extend(archive.map(own_source));
    let mut making = Making {
        dir,
        kept: &kept,
        sources: &sources,
        owners: &owners,
        output: String::new(),
    };
    for (cflags, targets) in steps {
        // The programs link the archive made with their own flags: it comes first.
        let linked = archive.filter(|a| !targets.iter().any(|t| t == a));
        let mut first: Vec<&str> = linked.into_iter().collect();
        first.extend(targets.iter().map(String::as_str));
        for target in first {
            let old = linked.filter(|a| *a != target);
            if !making.target(cflags, target, old)? {
                return Ok((false, making.output));
            }
        }
    }
    Ok((true, making.output))
}

/// The source a target is made from: `echo-server.c` for `echo-server`, `fileio.c` for
/// `libfileio.a` (lab.mk's rules).
fn own_source(target: &str) -> String {
    match target
        .strip_prefix("lib")
        .and_then(|t| t.strip_suffix(".a"))
    {
        Some(stem) => format!("{stem}.c"),
        None => format!("{target}.c"),
    }
}

/// The C files a build reads: the package's (`echo-server.c`) and the tree's shared ones
/// (`../common/net.h`), each with its content.
struct Sources<'a> {
    rules: &'a str,
    files: Vec<(String, Vec<u8>)>,
    /// Some file includes what is not a header: each target then depends on every file.
    includes_more: bool,
}

impl Sources<'_> {
    fn read<'a>(dir: &Path, rules: &'a str) -> Sources<'a> {
        let common = dir.parent().map(|p| p.join("common")).unwrap_or_default();
        let mut files = Vec::new();
        for (prefix, folder) in [("", dir.to_path_buf()), ("../common/", common)] {
            for found in c_files(&folder) {
                let name = format!("{prefix}{}", found.rel.to_string_lossy());
                files.push((name, std::fs::read(&found.path).unwrap_or_default()));
            }
        }
        files.sort();
        let includes_more = files
            .iter()
            .any(|(_, text)| includes_more_than_headers(text));
        Sources {
            rules,
            files,
            includes_more,
        }
    }

    /// What `target`'s build reads, hashed: its flags, the rules, every file's name, and the
    /// content of every file but the other targets' own sources (`owners`); `own` are this
    /// target's (its source, and the source of the archive it links).
    fn key(&self, cflags: &str, owners: &[String], own: &[String]) -> String {
        let mut h = Fnv::new();
        (cflags, self.rules).hash(&mut h);
        for (name, text) in &self.files {
            name.hash(&mut h);
            if self.includes_more || !owners.contains(name) || own.contains(name) {
                text.hash(&mut h);
            }
        }
        format!("{:016x}", h.finish())
    }
}

/// Whether a C file has an `#include` of anything but a header named in quotes or brackets.
fn includes_more_than_headers(text: &[u8]) -> bool {
    String::from_utf8_lossy(text).lines().any(|line| {
        let Some(directive) = line.trim_start().strip_prefix('#') else {
            return false;
        };
        let Some(rest) = directive.trim_start().strip_prefix("include") else {
            return false;
        };
        let rest = rest.trim();
        let name = rest
            .strip_prefix('"')
            .and_then(|r| r.split('"').next())
            .or_else(|| rest.strip_prefix('<').and_then(|r| r.split('>').next()));
        !name.is_some_and(|n| n.ends_with(".h"))
    })
}

/// One build's targets, made or taken as they were.
struct Making<'a> {
    dir: &'a Path,
    kept: &'a Path,
    sources: &'a Sources<'a>,
    owners: &'a [String],
    output: String,
}

impl Making<'_> {
    /// `target` made with `cflags` (linking `old`, the archive already in place, if given), or
    /// taken as it was: whether it is there.
    fn target(&mut self, cflags: &str, target: &str, old: Option<&str>) -> Result<bool> {
        let mut own = vec![own_source(target)];
        own.extend(old.map(own_source));
        let key = self.sources.key(cflags, self.owners, &own);
        let record = self
            .kept
            .join(format!("{:08x}-{target}", fnv(cflags.as_bytes()) as u32));
        let copy = record.with_extension("copy");
        let is_archive = target.ends_with(".a");
        if let Some(said) = self.taken(&record, &key, target, is_archive.then_some(&copy))? {
            self.shown(&said);
            return Ok(true);
        }
        // Forgotten first: a make that fails may leave the target half made.
        let _ = std::fs::remove_file(&record);
        let (ok, said) = make(self.dir, cflags, target, old)?;
        self.shown(&said);
        if !ok {
            return Ok(false);
        }
        if is_archive {
            copy_with_time(&self.dir.join(target), &copy)?;
        }
        let made_now = as_made(&self.dir.join(target));
        std::fs::write(&record, format!("{key} {made_now}\n{said}"))
            .with_context(|| format!("writing {}", record.display()))?;
        Ok(true)
    }

    /// What make printed for `target` when it was made from the same inputs, if it is there as
    /// made then (an archive: put back from its `copy`, the other flags' may be in its place).
    fn taken(
        &self,
        record: &Path,
        key: &str,
        target: &str,
        copy: Option<&PathBuf>,
    ) -> Result<Option<String>> {
        let Ok(text) = std::fs::read_to_string(record) else {
            return Ok(None);
        };
        let Some((was, said)) = text.split_once('\n') else {
            return Ok(None);
        };
        let Some((was, made_then)) = was.split_once(' ') else {
            return Ok(None);
        };
        if was != key {
            return Ok(None);
        }
        match copy {
            Some(copy) if copy.is_file() => copy_with_time(copy, &self.dir.join(target))?,
            Some(_) => return Ok(None),
            // The program must be the file this make left, not one another build (an older
            // checker's, a hand's) put there since.
            None if as_made(&self.dir.join(target)) != made_then => return Ok(None),
            None => {}
        }
        Ok(Some(said.to_string()))
    }

    /// A warning that two makes printed alike (the archive's, with each flags) is shown once.
    fn shown(&mut self, said: &str) {
        if !self.output.contains(said) {
            self.output.push_str(said);
        }
    }
}

/// `answer` for `input` (a file of `dir`, an archive), asked again only when the file changed
/// since it was last asked: `None` (nothing to say) or what it said, kept in `dir`'s
/// `.checker-targets/<name>`.
pub fn asked_of(
    dir: &Path,
    input: &str,
    name: &str,
    answer: impl FnOnce() -> Result<Option<String>>,
) -> Result<Option<String>> {
    let key = format!(
        "{:016x}",
        fnv(&std::fs::read(dir.join(input)).unwrap_or_default())
    );
    let record = dir.join(KEPT).join(name);
    if let Ok(text) = std::fs::read_to_string(&record)
        && let Some((was, said)) = text.split_once('\n')
        && was == key
    {
        return Ok((!said.is_empty()).then(|| said.to_string()));
    }
    let said = answer()?;
    std::fs::create_dir_all(dir.join(KEPT))?;
    std::fs::write(
        &record,
        format!("{key}\n{}", said.as_deref().unwrap_or_default()),
    )
    .with_context(|| format!("writing {}", record.display()))?;
    Ok(said)
}

/// What tells a made file from another put in its place: its time, to the nanosecond, its size
/// and its inode ("" where it is missing).
fn as_made(path: &Path) -> String {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).map_or_else(
        |_| String::new(),
        |m| {
            format!(
                "{}.{:09}-{}-{}",
                m.mtime(),
                m.mtime_nsec(),
                m.len(),
                m.ino()
            )
        },
    )
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

/// Run make on `target` in `dir` with `cflags`, `old` (an archive in place) not made again:
/// whether it succeeded, and what it printed (the compiler's lines, stderr after stdout).
fn make(dir: &Path, cflags: &str, target: &str, old: Option<&str>) -> Result<(bool, String)> {
    let mut command = Command::new("make");
    command
        .arg("-C")
        .arg(dir)
        .args(["--no-print-directory", "-s", "-r", "-B"])
        .arg(format!("CFLAGS={cflags}"));
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
mod tests {
    use super::*;

    #[test]
    fn a_target_is_made_from_its_own_source_and_every_header() {
        assert_eq!(own_source("echo-server"), "echo-server.c");
        assert_eq!(own_source("libfileio.a"), "fileio.c");
        assert!(!includes_more_than_headers(
            b"#include <stdio.h>\n#  include \"../common/net.h\"\n int x; // #include \"a.c\"\n"
        ));
        assert!(includes_more_than_headers(b"#include \"util.c\"\n"));
        assert!(includes_more_than_headers(b"# include HEADER\n"));
    }
}

#[cfg(test)]
mod making {
    use super::*;
    use std::time::SystemTime;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn when(path: &Path) -> SystemTime {
        std::fs::metadata(path).unwrap().modified().unwrap()
    }

    /// Two programs linking a library's archive: a program's own source changed makes that
    /// program again, the library's source or a header every target, and a target taken as it
    /// was still shows its warnings.
    #[test]
    fn only_what_a_change_reaches_is_made_again() {
        let tree = tempfile::tempdir().unwrap();
        let dir = tree.path().join("ex");
        let rules = include_str!("../../c-track/lab.mk");
        write(&tree.path().join("common/lab.mk"), rules);
        write(
            &dir.join("Makefile"),
            "PROGRAMS = one two\nLIBRARY = libx.a\ninclude ../common/lab.mk\n",
        );
        write(&dir.join("x.h"), "int x(void);\n");
        write(
            &dir.join("x.c"),
            "#include \"x.h\"\nint x(void) { return 0; }\n",
        );
        let program = "#include \"x.h\"\nint main(void) { int unused; return x(); }\n";
        write(&dir.join("one.c"), program);
        write(&dir.join("two.c"), program);
        let steps = [
            ("-Wall", vec!["one".to_string(), "two".to_string()]),
            ("-Wall -O0", vec!["libx.a".to_string()]),
        ];
        let build = || {
            let (ok, said) = made(&dir, &steps, Some("libx.a"), rules).unwrap();
            assert!(ok, "{said}");
            let times = ["one", "two", "libx.a"].map(|t| when(&dir.join(t)));
            (times, said)
        };
        let (first, said) = build();
        assert!(said.contains("unused"), "{said}");
        let (again, said) = build();
        assert_eq!(again, first, "nothing changed, nothing made");
        assert!(
            said.contains("unused"),
            "the warnings of what was taken: {said}"
        );
        write(&dir.join("one.c"), &program.replace("int unused; ", ""));
        let (edited, said) = build();
        assert!(edited[0] != first[0] && edited[1] == first[1] && edited[2] == first[2]);
        assert!(said.contains("unused"), "two's warning still: {said}");
        write(
            &dir.join("x.c"),
            "#include \"x.h\"\nint x(void) { return 1; }\n",
        );
        let (library, _) = build();
        assert!(library.iter().zip(&edited).all(|(now, was)| now != was));
        write(&dir.join("x.h"), "int x(void);\n#define Y 1\n");
        let (header, _) = build();
        assert!(header.iter().zip(&library).all(|(now, was)| now != was));
        // A program another build put in its place (an older checker's) is made again.
        std::fs::write(dir.join("two"), "not this make's").unwrap();
        build();
        assert_ne!(std::fs::read(dir.join("two")).unwrap(), b"not this make's");
    }
}
