//! Building a C exercise. As for Rust, nothing the student wrote decides how their code is
//! built: the checker copies their C sources (`.c` and `.h`, and the headers of the tree's
//! `common/`) into the trusted build tree, next to the lab's own build rules (`lab.mk`, compiled
//! into the checker) and a Makefile it writes from the exercise's table, and runs make there
//! with its own flags. A student's Makefile is for their own `make`; the checker never runs it.
//!
//! The flags: C17 with every usual warning; `_FORTIFY_SOURCE`, which stops a program that
//! reads or copies past a buffer whose size the compiler knows; the stack protector; and
//! UndefinedBehaviorSanitizer, which stops one at its first undefined shift, overflow or
//! misaligned access, naming the file and line. AddressSanitizer and ThreadSanitizer are left
//! out: they reserve terabytes of address space at start, and every program runs under a
//! 2 GiB address-space limit (`contain::limits`), so each would die before `main`.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use super::cargo::Workspace;
use super::{harness, reuse, stage};
use crate::base::files::{c_files, sync_files, write_if_changed};
use crate::base::hash::Fnv;
use crate::base::i18n::{Text, msg};
use crate::base::workspace::{self, Tree};
use crate::contain::reaper;
use crate::context::built::{BuildOutcome, Built};
use crate::lab::exercise::{Exercise, ExerciseKind};
use crate::table::track::{CTrack, ImportKind, c_name};

/// How a program is compiled. `-Og`: optimized enough for `_FORTIFY_SOURCE` (it needs
/// `__OPTIMIZE__`), and about a third quicker to compile than `-O1` with the sanitizer (0.47 s
/// against 0.66 s for day7-broker's broker), which counts in every edit-to-verdict.
pub const PROGRAM_CFLAGS: &str = "-std=c17 -Wall -Wextra -g -Og -D_FORTIFY_SOURCE=2 \
    -fstack-protector-strong -fsanitize=undefined -fno-sanitize-recover=all";

/// How a library exercise's functions are compiled into the archive the harness links: without
/// optimization, so that a call to the C library's `htonl` stays a call its rules can see (glibc
/// makes it a macro when optimizing); with unwind tables, so that a `TODO` reaches the harness
/// as the panic that says "not started" (`LAB_HARNESS`, see `common/lab.h`); and with the
/// undefined-behaviour sanitizer in its trap mode, which needs no runtime (the Rust harness
/// links none): an undefined shift or overflow stops the harness with SIGILL, which the test
/// reports as the sanitizer's (`exercises::kit::library`), as the C hints promise.
pub const LIBRARY_CFLAGS: &str = "-std=c17 -Wall -Wextra -g -O0 -fexceptions -DLAB_HARNESS \
    -fsanitize=undefined -fsanitize-undefined-trap-on-error";

/// The lab's build rules, as every C exercise includes them.
pub const LAB_MK: &str = include_str!("../../c-track/lab.mk");
/// The build script of a library exercise's shim, `__LIBRARY__` its archive's stem.
const SHIM_BUILD: &str = include_str!("../../c-track/shim-build.rs");

/// `lab_todo`, which a C stub's `TODO` calls, the same in every shim (`mod lab_todo;`).
const SHIM_TODO: &str = include_str!("../../c-track/lab-todo.rs");

/// Build `exercise`'s C package in `tree`: its programs, or its library's archive.
pub fn build(
    tree: &Tree,
    exercise: &Exercise,
    c: &CTrack,
    needed: super::harness::Harness,
) -> Result<BuildOutcome> {
    let source = tree.package_dir(exercise.name);
    if !source.is_dir() {
        return Ok(BuildOutcome::Missing(msg!(
            "build-no-c-package",
            dir = source.display().to_string()
        )));
    }
    let turn = reuse::Turn::take(&stage::workspace(tree), exercise.name);
    let staged = stage::package_dir(tree, exercise.name);
    let programs = exercise.kind.binaries();
    let library = c.library.map(|stem| format!("lib{stem}.a"));
    stage_sources(tree, &source, &staged, programs, library.as_deref())?;
    // The programs with their flags (a library exercise's programs link its archive, made
    // with the same flags on the way), then the archive the harness links, made again with its.
    let mut steps: Vec<(&str, Vec<String>)> = Vec::new();
    if !programs.is_empty() {
        steps.push((
            PROGRAM_CFLAGS,
            programs.iter().map(|p| p.to_string()).collect(),
        ));
    }
    steps.extend(library.iter().map(|a| (LIBRARY_CFLAGS, vec![a.clone()])));
    let (success, output) =
        super::made::made(&staged, &steps, library.as_deref(), LAB_MK, turn.held())?;
    let shown = shown_dir(tree, exercise.name);
    let diagnostics = as_students(&output, &staged, &shown);
    if !success {
        return Ok(BuildOutcome::DoesNotCompile {
            summary: msg!("build-c-does-not-compile", exercise = exercise.name),
            diagnostics,
        });
    }
    if let Some(archive) = &library
        && let Some(unresolved) = links_alone(&staged, archive, turn.held())?
    {
        // Else cargo's link of the harness fails with a message that names no file of theirs.
        return Ok(BuildOutcome::DoesNotCompile {
            summary: msg!("build-c-does-not-link", exercise = exercise.name),
            diagnostics: as_students(&unresolved, &staged, &shown),
        });
    }
    let harness = match (c.library, &exercise.kind) {
        _ if needed == super::harness::Harness::NotNeeded => None,
        (
            Some(_),
            ExerciseKind::Library {
                calls,
                harness_deps,
                ..
            },
        ) => match library_harness(exercise, &staged, (calls, harness_deps))? {
            Ok(binary) => Some(binary),
            Err(outcome) => return Ok(outcome),
        },
        _ => None,
    };
    let executables: BTreeMap<String, PathBuf> = programs
        .iter()
        .map(|p| (p.to_string(), staged.join(p)))
        .collect();
    let warnings = if diagnostics.contains("warning:") {
        vec![diagnostics]
    } else {
        Vec::new()
    };
    Ok(BuildOutcome::Built(Built {
        by_hand_dir: Some(shown.clone()),
        package_dir: staged,
        executables,
        harness,
        external: Default::default(),
        lint_targets: Vec::new(),
        warnings,
        key: None,
    }))
}

/// The program a library's archive is linked alone into (`links_alone`): it gives `lab_todo`,
/// as the shim does, and calls nothing.
const LINK_PROBE: &str = "_Noreturn void lab_todo(const char *f, int l, const char *w);\n\
    _Noreturn void lab_todo(const char *f, int l, const char *w)\n\
    { (void)f; (void)l; (void)w; for (;;) {} }\n\
    int main(void) { return 0; }\n";
/// How it is linked, the archive between the first two.
const LINK_ARGS: [&str; 3] = ["-Wl,--whole-archive", "-Wl,--no-whole-archive", "-pthread"];

/// A library's code linked alone, with the C library and the harness's `lab_todo` (what the
/// shim gives it): `None` if every function it calls is found, else the linker's words. An
/// archive found to link is not linked again (`links_once`).
fn links_alone(staged: &Path, archive: &str, reuse: bool) -> Result<Option<String>> {
    let probe = format!("{LINK_PROBE}{}", LINK_ARGS.join(" "));
    links_once(staged, archive, &probe, reuse, || {
        write_if_changed(&staged.join(".link-check.c"), LINK_PROBE.as_bytes())?;
        let mut cc = Command::new("cc");
        cc.current_dir(staged)
            .args(["-o", ".link-check", ".link-check.c", LINK_ARGS[0], archive])
            .args(&LINK_ARGS[1..])
            .env("LC_ALL", "C");
        let output =
            reaper::run_to_completion(&mut cc).context("running cc to link the library")?;
        // The linker names the object (`endian.o`), and the function it could not find.
        Ok(
            (!output.status.success())
                .then(|| String::from_utf8_lossy(&output.stderr).into_owned()),
        )
    })
}

/// Whether `archive` (a file of `dir`) links alone, `link` asked only when no archive with the
/// same bytes was found to link with the same `probe` (its program and arguments): `None` (it
/// links) or the linker's words. Only a success is kept: a failure (a linker killed, a full
/// disk) is asked again.
fn links_once(
    dir: &Path,
    archive: &str,
    probe: &str,
    reuse: bool,
    link: impl FnOnce() -> Result<Option<String>>,
) -> Result<Option<String>> {
    let mut h = Fnv::new();
    (probe, std::fs::read(dir.join(archive)).ok()).hash(&mut h);
    let key = format!("{:016x}", h.finish());
    let record = dir.join(super::made::KEPT).join("links-alone");
    if reuse && std::fs::read_to_string(&record).is_ok_and(|was| was == key) {
        return Ok(None);
    }
    let _ = std::fs::remove_file(&record);
    let said = link()?;
    if reuse && said.is_none() {
        std::fs::create_dir_all(dir.join(super::made::KEPT))?;
        std::fs::write(&record, &key).with_context(|| format!("writing {}", record.display()))?;
    }
    Ok(said)
}

/// A C library exercise's harness: the Rust exercise's own (the same hidden tests), its path
/// dependency pointed at the exercise's shim, which calls the student's functions in the
/// archive beside it. Its name carries the shim's path (`harness::generate`), so the Rust
/// track's harness of the same exercise is never mistaken for it.
fn library_harness(
    exercise: &Exercise,
    staged: &Path,
    (calls, harness_deps): (&str, &str),
) -> Result<std::result::Result<PathBuf, BuildOutcome>> {
    let files = exercise.c.map_or(&[][..], |c| c.shim);
    if files.is_empty() {
        anyhow::bail!("the checker has no C shim for {}", exercise.name);
    }
    let shim = staged.join("rust-shim");
    for (file, content) in files {
        write_if_changed(&shim.join(file), content.as_bytes())?;
    }
    // Every shim's build script is the same but for the archive it links.
    let stem = exercise.c.and_then(|c| c.library).unwrap_or_default();
    let build = SHIM_BUILD.replace("__LIBRARY__", stem);
    write_if_changed(&shim.join("build.rs"), build.as_bytes())?;
    write_if_changed(&shim.join("src/lab_todo.rs"), SHIM_TODO.as_bytes())?;
    let workspace = Workspace {
        root: workspace::lab_root(),
    };
    let source = harness::generate(&workspace, exercise.name, &shim, calls, harness_deps)?;
    Ok(harness::build(exercise, &shim, &source, false)?.map(|(binary, _)| binary))
}

/// Each rule of `c` that the built code breaks, with its kind, as the report shows it: the
/// program (or the library) and the functions at fault, then why. Read from what the compiled
/// code calls from the C library, with binutils' `nm` (installed with the compiler).
pub fn rule_violations(built: &Built, c: &CTrack) -> Result<Vec<(ImportKind, Text)>> {
    let mut artifacts: Vec<(String, PathBuf, bool)> = built
        .executables
        .iter()
        .map(|(name, path)| (name.clone(), path.clone(), true))
        .collect();
    if let Some(stem) = c.library {
        let archive = format!("lib{stem}.a");
        artifacts.push((format!("{stem}.c"), built.package_dir.join(archive), false));
    }
    let mut imported = Vec::new();
    let mut by_artifact = Vec::new();
    for (name, path, dynamic) in &artifacts {
        let names = called_functions(path, *dynamic)?;
        imported.extend(names.iter().cloned());
        by_artifact.push((name.clone(), names));
    }
    Ok(crate::table::track::broken(c.imports, &imported)
        .into_iter()
        .map(|(rule, functions)| {
            let callers: Vec<&str> = by_artifact
                .iter()
                .filter(|(_, names)| functions.iter().any(|f| names.contains(f)))
                .map(|(name, _)| name.as_str())
                .collect();
            let list = Text::listed(functions.iter().map(|f| as_written(f)));
            // The reason is the exercise's table's; its translation is keyed by its English.
            let reason = Text::Own {
                key: crate::lab::rules::reason_key(rule.reason),
                english: rule.reason,
            };
            let said = match rule.kind {
                ImportKind::Forbidden => msg!(
                    "rules-c-calls",
                    callers = callers.join(", "),
                    list = list,
                    reason = reason
                ),
                ImportKind::Required => msg!("rules-c-calls-nothing", list = list, reason = reason),
            };
            (rule.kind, said)
        })
        .collect())
}

/// A function as the student wrote it: the byte swaps glibc's headers define inline, `__bswap_16`,
/// are named with the helpers that expand to them.
fn as_written(function: &str) -> Text {
    match function.strip_prefix("__bswap_") {
        Some(bits) => msg!("rules-c-bswap", function = function, bits = bits),
        None => function.into(),
    }
}

/// The C names of the functions `path` calls from elsewhere: a program's dynamic imports, or
/// what an archive (an object not linked yet) leaves undefined or took inline from a header.
fn called_functions(path: &Path, dynamic: bool) -> Result<Vec<String>> {
    let mut nm = Command::new("nm");
    if dynamic {
        nm.args(["-D", "--undefined-only"]);
    }
    nm.arg(path);
    let output = reaper::run_to_completion(&mut nm)
        .context("running nm, to read what the program calls (it comes with binutils, beside the C compiler)")?;
    if !output.status.success() {
        anyhow::bail!(
            "nm could not read {}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    // `                 U accept@GLIBC_2.2.5`: the name is the last word of a `U` line. In an
    // archive (built without optimization), a header's inline function the code used is a
    // local one, `t __bswap_16`: what `bswap_16` and `htobe16` become, read as called too.
    let kinds: &[&str] = if dynamic { &["U"] } else { &["U", "t"] };
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace().rev();
            let name = words.next()?;
            kinds
                .contains(&words.next()?)
                .then(|| c_name(name).to_string())
        })
        .collect())
}

/// Copy the student's C sources to `staged`, with the lab's build rules and a Makefile naming
/// what is built (`made` decides what make makes again).
fn stage_sources(
    tree: &Tree,
    source: &Path,
    staged: &Path,
    programs: &[&str],
    library: Option<&str>,
) -> Result<()> {
    sync_files(source, staged, c_files)?;
    let common = staged
        .parent()
        .map(|p| p.join("common"))
        .unwrap_or_default();
    sync_files(&tree.dir.join("common"), &common, c_files)?;
    write_if_changed(&common.join("lab.mk"), LAB_MK.as_bytes())?;
    let mut makefile = format!("PROGRAMS = {}\n", programs.join(" "));
    if let Some(archive) = library {
        makefile.push_str(&format!("LIBRARY = {archive}\n"));
    }
    makefile.push_str("include ../common/lab.mk\n");
    write_if_changed(&staged.join("Makefile"), makefile.as_bytes())?;
    Ok(())
}

/// The package's folder as the student names it: `c/exercises/day2-echo/` in the lab, the
/// tree's own path elsewhere.
fn shown_dir(tree: &Tree, name: &str) -> String {
    format!("{}{name}/", workspace::shown_dir(&tree.dir))
}

/// The compiler's output with the copy's file names made the student's
/// (`echo-server.c:12:5:` → `c/exercises/day2-echo/echo-server.c:12:5:`), and make's own
/// summary lines left out (the compiler's lines say it all).
fn as_students(output: &str, staged: &Path, shown: &str) -> String {
    let names: Vec<String> = c_files(staged)
        .iter()
        .map(|f| f.rel.to_string_lossy().into_owned())
        .collect();
    let common = shown
        .trim_end_matches('/')
        .rsplit_once('/')
        .map(|(tree, _)| format!("{tree}/common/"))
        .unwrap_or_else(|| "common/".to_string());
    let name_file = |rest: &str| -> Option<String> {
        if let Some(after) = rest.strip_prefix("../common/") {
            return Some(format!("{common}{after}"));
        }
        names
            .iter()
            .find(|n| {
                rest.strip_prefix(n.as_str())
                    .is_some_and(|r| r.starts_with(':'))
            })
            .map(|_| format!("{shown}{rest}"))
    };
    // The linker names a file by its path in the copy.
    let output = output.replace(&format!("{}/", staged.display()), shown);
    output
        .lines()
        .filter(|l| !l.starts_with("make: ***") && !l.starts_with("make[1]"))
        .map(|line| {
            for lead in ["In file included from ", "                 from ", ""] {
                if let Some(rest) = line.strip_prefix(lead)
                    && let Some(named) = name_file(rest)
                {
                    return format!("{lead}{named}");
                }
            }
            line.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a student's `make` and the checker build with are the same rules and the same
    /// TODO: the trees' copies of lab.mk are the checker's, and their lab.h files agree.
    #[test]
    fn the_trees_build_with_the_checkers_rules() {
        let lab = workspace::lab_root();
        for tree in ["c/exercises", "c/solutions"] {
            let copy = std::fs::read_to_string(lab.join(tree).join("common/lab.mk")).unwrap();
            assert_eq!(
                copy, LAB_MK,
                "{tree}/common/lab.mk differs from checker/c-track/lab.mk"
            );
        }
        // The same code; the comments may differ (the solutions' lab.h keeps the form the
        // mutation record was measured with: bench/mutation.py fingerprints common/).
        let code = |tree: &str| -> Vec<String> {
            let text = std::fs::read_to_string(lab.join(tree).join("common/lab.h")).unwrap();
            let mut in_comment = false;
            text.lines()
                .filter(|l| {
                    let t = l.trim_start();
                    let comment = in_comment || t.starts_with("//") || t.starts_with("/*");
                    if t.starts_with("/*") || in_comment {
                        in_comment = !l.contains("*/");
                    }
                    !comment
                })
                .map(str::to_string)
                .collect()
        };
        assert_eq!(code("c/exercises"), code("c/solutions"));
    }

    #[test]
    fn the_compilers_lines_name_the_students_files() {
        let staged = tempfile::tempdir().unwrap();
        std::fs::write(staged.path().join("echo-server.c"), "").unwrap();
        let output = "In file included from echo-server.c:2:\n../common/lab.h:3:1: error: x\n\
                      echo-server.c: In function 'main':\n\
                      echo-server.c:12:5: warning: unused variable 'fd'\n\
                      make: *** [../common/lab.mk:12: echo-server] Error 1";
        let shown = as_students(output, staged.path(), "c/exercises/day2-echo/");
        assert_eq!(
            shown,
            "In file included from c/exercises/day2-echo/echo-server.c:2:\n\
             c/exercises/common/lab.h:3:1: error: x\n\
             c/exercises/day2-echo/echo-server.c: In function 'main':\n\
             c/exercises/day2-echo/echo-server.c:12:5: warning: unused variable 'fd'"
        );
    }
}
