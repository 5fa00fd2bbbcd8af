//! `checker export-student DIR`: the repository students get (a Classroom 50 template, say)
//! — the exercise stubs, the course, README, the checker to grade themselves with, and the
//! grading workflows — and nothing from which a solution can be read back: no `solutions/`,
//! none of the checker's own tests (its broken versions and alternative designs are edited
//! solutions, its golden reports quote failing code), no benchmarks. `cargo run -p checker`
//! works in it as in the lab.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::base::export::{self, Export};
use crate::base::files::{Found, c_files, files_below, rust_files};
use crate::base::i18n::Lang;
use crate::base::tracks;
use crate::base::workspace::{self, Track, in_exercise_folder, in_exercise_folder::PROOFS};
use crate::lab::integrity;

/// What grading a class needs, exported too: the students' workflow (grade.yml), the deadline
/// regrade (regrade.yml, `.ci/regrade`), the one grading procedure (`.ci/grade-submission`) and
/// Classroom 50's autograder. With them the student repository can itself be the pinned lab
/// that Classroom 50, Gradescope and the regrade clone: it holds the checker and no solution.
pub const GRADING_FILES: &[&str] = &[
    ".github/workflows/grade.yml",
    ".github/workflows/regrade.yml",
    ".ci/grade-submission",
    ".ci/regrade",
    ".ci/classroom50/autograder.py",
    ".ci/install-packages",
    ".ci/packages.txt",
];

/// Where the student README stops: what follows is for the lab's maintainers and instructors.
pub const README_END: &str = "<!-- the student README ends here -->";

/// `lang`: the language of the stubs' comments (Korean: each exercise's `korean/`, see
/// `authoring::stub_comments`). `track`: Rust's stubs, or C's (`--track c`: `c/exercises/` becomes the
/// repository's `exercises/`, which the checker then grades as C on its own).
pub fn run(dir: &Path, lang: Lang, track: Track) -> Result<ExitCode> {
    let lab = workspace::lab_root();
    let out = new_directory_outside(&lab, dir)?;
    let mut written = Vec::new();
    copy_as_the_lab_has_them(&lab, &out, &mut written)?;
    pristine_copies(&lab, &out, &mut written)?;
    write_documents(&lab, &out, track, &mut written)?;
    if lang == Lang::Ko {
        korean_front_page(&out, &mut written)?;
    }
    // The checker's manifest without its own tests (they are not exported).
    let manifest = std::fs::read_to_string(lab.join("checker/Cargo.toml"))
        .context("reading checker/Cargo.toml")?;
    write(
        &out.join("checker/Cargo.toml"),
        without_tests(&manifest).as_bytes(),
        &mut written,
    )?;
    if track == Track::C {
        c_exercises(&lab, &out, &mut written)?;
    }
    // (After every manifest is final: cargo reads the workspace.)
    trim_lock_file(&out)?;
    let export = Export { lang, track };
    write(
        &out.join(export::FILE),
        export.render().as_bytes(),
        &mut written,
    )?;
    pin_class_settings(&out, export)?;
    // (After the C stubs took the Rust stubs' place: the Korean is the track's own.)
    if lang == Lang::Ko {
        crate::authoring::stub_comments::write_korean_stubs(&lab, &out)?;
        if track == Track::C {
            let lab_h = out.join("exercises/common/lab.h");
            let english = std::fs::read_to_string(&lab_h)
                .with_context(|| format!("reading {}", lab_h.display()))?;
            std::fs::write(
                &lab_h,
                crate::authoring::stub_comments::korean_lab_h(&english),
            )
            .with_context(|| format!("writing {}", lab_h.display()))?;
        }
    }
    refuse_leaks(&lab, &out)?;
    println!(
        "Wrote a student repository to {} ({} files): exercises, course, README, the checker, the grading scripts and workflows; no solution.",
        out.display(),
        written.len()
    );
    println!(
        "Next: `cd {} && git init && git add . && git commit -m 'Socket-programming lab'`, push it, mark it a template repository (Classroom 50: the assignment's --template); the lab's docs/instructors.md, \"Grading a class\", explains Classroom 50, Gradescope and the deadline regrade.",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `dir`, made: it must be new or empty, and outside the lab. Its canonical path.
fn new_directory_outside(lab: &Path, dir: &Path) -> Result<PathBuf> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "{} exists and is not empty: export into a new directory",
            dir.display()
        );
    }
    let lab_canon = lab.canonicalize().unwrap_or(lab.to_path_buf());
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let out = dir.canonicalize()?;
    if out.starts_with(&lab_canon) {
        bail!("export outside the lab, not into {}", out.display());
    }
    Ok(out)
}

/// Whole files and folders, as the lab has them.
fn copy_as_the_lab_has_them(lab: &Path, out: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    for rel in [
        "Cargo.toml",
        "Cargo.lock",
        ".gitignore",
        // The dev container: a student on macOS or Windows opens the class's repository in it.
        ".devcontainer",
        "exercises",
        "checker/build.rs",
        "checker/build",
        "checker/src",
        // The exercises' folders: their tests, catalogs and Korean stubs (`copy_tree` leaves
        // their proofs out).
        in_exercise_folder::ROOT,
        "checker/harness",
        "checker/shims",
        // The C track's build rules and library shims, which the checker embeds.
        "checker/c-track",
        "checker/templates",
        "checker/i18n",
    ]
    .iter()
    .chain(GRADING_FILES)
    {
        let from = lab.join(rel);
        if from.exists() {
            copy_tree(&from, &out.join(rel), written)?;
        }
    }
    Ok(())
}

/// The files a student must not edit, as the lab's stubs have them, in `checker/pristine/`:
/// the exported checker embeds this copy (`checker/build.rs`), not the `exercises/` the
/// students edit (nor, in a C-only repository, the C stubs there).
fn pristine_copies(lab: &Path, out: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let folders = std::fs::read_dir(lab.join(in_exercise_folder::ROOT))
        .with_context(|| format!("reading {}", in_exercise_folder::ROOT))?;
    for folder in folders.flatten().filter(|e| e.path().is_dir()) {
        let exercise = folder.file_name();
        for file in integrity::FILES {
            let from = lab.join("exercises").join(&exercise).join(file);
            if from.is_file() {
                copy_file(
                    &from,
                    &out.join(integrity::EXPORTED).join(&exercise).join(file),
                    written,
                )?;
            }
        }
    }
    Ok(())
}

/// A C-only repository: the C stubs as its `exercises/`, and a workspace of the checker alone
/// (no Rust exercise is there to be a member), its lock file trimmed to match by cargo itself.
fn c_exercises(lab: &Path, out: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let rust_stubs = out.join("exercises");
    written.retain(|f| !f.starts_with(&rust_stubs));
    std::fs::remove_dir_all(&rust_stubs)
        .with_context(|| format!("removing {}", rust_stubs.display()))?;
    // The stubs as the lab tracks them: not what `make` left in an instructor's folders.
    let c_stubs = lab.join("c/exercises");
    for file in files_below(&c_stubs)
        .into_iter()
        .filter(|f| !is_c_build_output(&f.rel))
    {
        copy_file(&file.path, &rust_stubs.join(&file.rel), written)?;
    }
    let manifest = std::fs::read_to_string(lab.join("Cargo.toml")).context("reading Cargo.toml")?;
    // The lab's manifest writes `members` and `exclude` on a line each (as stage.rs reads it).
    let manifest: Vec<&str> = manifest
        .lines()
        .filter(|l| !l.trim_start().starts_with("exclude"))
        .map(|l| {
            if l.trim_start().starts_with("members") {
                "members = [\"checker\"]"
            } else {
                l
            }
        })
        .collect();
    write(
        &out.join("Cargo.toml"),
        (manifest.join("\n") + "\n").as_bytes(),
        written,
    )?;
    Ok(())
}

/// What `make` writes in a C exercise's folder (`c/.gitignore`): objects, archives, and
/// programs, which have no extension (a Makefile is the one source without one).
fn is_c_build_output(rel: &Path) -> bool {
    match rel.extension().and_then(|e| e.to_str()) {
        Some(ext) => ext == "o" || ext == "a",
        // (`.gitignore` has no extension to Rust either.)
        None => rel
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n != "Makefile" && !n.starts_with('.')),
    }
}

/// The lab's lock file, trimmed to the export's workspace: without the checker's test-only
/// crates (and, in a C export, the Rust exercises' packages), so that `cargo build --locked`
/// works there (the graders pinned to the export build so) and a student's first `cargo run`
/// leaves the lock file as it was committed. Updating the workspace's own entries rewrites it
/// without the packages no member needs and keeps every other version: no dependency is added,
/// so nothing is fetched. (`cargo metadata` would rewrite it too, but reads every package of
/// every platform, and a cache filled by builds on Linux lacks the Windows-only ones.)
fn trim_lock_file(out: &Path) -> Result<()> {
    let mut update = crate::compile::cargo::cargo_command();
    update
        .args(["update", "--workspace", "--offline", "--manifest-path"])
        .arg(out.join("Cargo.toml"));
    let run = crate::contain::reaper::run_to_completion(&mut update)
        .context("running cargo update on the export")?;
    if !run.status.success() {
        bail!(
            "cargo could not update the exported workspace's lock file: {}",
            String::from_utf8_lossy(&run.stderr).trim()
        );
    }
    Ok(())
}

/// README and the course in both languages, rendered for the class's track (`base::tracks`);
/// README up to where the maintainers' part begins.
fn write_documents(lab: &Path, out: &Path, track: Track, written: &mut Vec<PathBuf>) -> Result<()> {
    for file in ["README.md", "README.ko.md", "course.md", "course.ko.md"] {
        let Ok(text) = std::fs::read_to_string(lab.join(file)) else {
            continue;
        };
        let text = match text.split_once(README_END) {
            Some((student, _)) => format!("{}\n", student.trim_end()),
            None => text,
        };
        let mut text = tracks::render(&text, track);
        if track == Track::C && file.starts_with("course") {
            text = crate::authoring::rules_tables::for_the_c_track(&text);
        }
        write(&out.join(file), text.as_bytes(), written)?;
    }
    Ok(())
}

/// GitHub shows `.github/README.md` before the root's README.md: a Korean class's repository
/// opens on its Korean README, not on the English one beside it.
fn korean_front_page(out: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let korean = std::fs::read_to_string(out.join("README.ko.md"))
        .context("reading the export's README.ko.md")?;
    write(
        &out.join(".github/README.md"),
        front_page(&korean).as_bytes(),
        written,
    )
}

/// `readme` (a document of the repository's root) as `.github/README.md`: its relative links
/// one folder up, since GitHub resolves a link from the folder of the file that holds it.
fn front_page(readme: &str) -> String {
    let mut out = String::with_capacity(readme.len() + 64);
    let mut rest = readme;
    while let Some(at) = rest.find("](") {
        let (before, after) = rest.split_at(at + 2);
        out.push_str(before);
        let target = after.split(')').next().unwrap_or("");
        let elsewhere = target.contains("://")
            || target.starts_with('#')
            || target.starts_with('/')
            || target.starts_with("mailto:");
        if !target.is_empty() && !elsewhere {
            out.push_str("../");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A file's setting lines as the lab has them, each with the line an export of `Export` writes.
type ClassSettings = fn(Export) -> [(String, String); 2];

/// Each grading file's settings of a class's track and feedback language, as the lab has them
/// (the lab's own track, English) and as the export writes them: wherever the export is
/// pinned, or a copy of these files is pinned to the whole lab, its class is graded on its track.
const CLASS_SETTINGS: &[(&str, ClassSettings)] = &[
    (".ci/classroom50/autograder.py", |e| {
        [
            (
                "TRACK = \"\"".into(),
                format!("TRACK = \"{}\"", e.track.flag()),
            ),
            (
                "REPORT_LANG = \"en\"".into(),
                format!("REPORT_LANG = \"{}\"", e.lang.tag()),
            ),
        ]
    }),
    (".github/workflows/grade.yml", |e| {
        [
            (
                "  TRACK: \"\"".into(),
                format!("  TRACK: {}", e.track.flag()),
            ),
            (
                "  REPORT_LANG: en".into(),
                format!("  REPORT_LANG: {}", e.lang.tag()),
            ),
        ]
    }),
    (".github/workflows/regrade.yml", |e| {
        [
            (
                "  TRACK: \"\"".into(),
                format!("  TRACK: {}", e.track.flag()),
            ),
            (
                "        default: ko".into(),
                format!("        default: {}", e.lang.tag()),
            ),
        ]
    }),
];

/// `text` with each setting's line (the whole line, once) made the export's: `None` when a line
/// is missing (the file changed, and the export would grade its class on the lab's track).
fn with_class_settings(text: &str, settings: &[(String, String)]) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (lab, class) in settings {
        let line = lines.iter_mut().find(|l| *l == lab)?;
        line.clone_from(class);
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Some(out)
}

/// Write the class's track and language into the exported grading files' settings.
fn pin_class_settings(out: &Path, export: Export) -> Result<()> {
    for (file, settings) in CLASS_SETTINGS {
        let path = out.join(file);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let Some(pinned) = with_class_settings(&text, &settings(export)) else {
            bail!(
                "{file} has lost a setting of the class's track or language: the export would grade its class as the lab"
            );
        };
        std::fs::write(&path, pinned).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// The checker's manifest minus the `[dev-dependencies]` and `[[test]]` sections.
pub fn without_tests(manifest: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            skipping = trimmed == "[dev-dependencies]" || trimmed == "[[test]]";
        }
        if !skipping {
            out.push(line);
        }
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n") + "\n"
}

/// Refuse an export that holds solution code: remove what was written to `out` (it was new or
/// empty), and say which files leaked.
fn refuse_leaks(lab: &Path, out: &Path) -> Result<()> {
    let leaks = solution_leaks(lab, out);
    if leaks.is_empty() {
        return Ok(());
    }
    for entry in std::fs::read_dir(out).into_iter().flatten().flatten() {
        let path = entry.path();
        let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
    bail!(
        "the export holds solution code, which must never reach students: {} (nothing was left in {})",
        leaks.join(", "),
        out.display()
    )
}

/// Files of the export whose content is that of a solution source file (Rust's, or a C
/// reference's `.c`: the headers the C stubs share with them are the lab's, not answers), and
/// any exercise's proofs. A solution file its stub holds as it is (day8-device's codec, given
/// whole) is the exercise's given part, not an answer.
pub fn solution_leaks(lab: &Path, export: &Path) -> Vec<String> {
    let answers = |stubs: &str, files: Vec<Found>| -> Vec<Vec<u8>> {
        files
            .into_iter()
            .filter(|f| !f.rel.starts_with("target"))
            .filter_map(|f| std::fs::read(&f.path).ok().map(|content| (f, content)))
            .filter(|(f, content)| {
                std::fs::read(lab.join(stubs).join(&f.rel)).ok().as_ref() != Some(content)
            })
            .map(|(_, content)| content)
            .collect()
    };
    let c_references: Vec<Found> = c_files(&lab.join("c/solutions"))
        .into_iter()
        .filter(|f| f.rel.extension().is_some_and(|e| e == "c"))
        .collect();
    let mut solutions = answers("exercises", rust_files(&lab.join("solutions")));
    solutions.extend(answers("c/exercises", c_references));
    let mut leaks = Vec::new();
    if export.join("solutions").exists() {
        leaks.push("solutions/".to_string());
    }
    let exercises = export.join(in_exercise_folder::ROOT);
    for folder in std::fs::read_dir(&exercises)
        .into_iter()
        .flatten()
        .flatten()
    {
        if folder.path().join(PROOFS).exists() {
            let name = folder.file_name();
            leaks.push(format!(
                "{}/{}/{PROOFS}/",
                in_exercise_folder::ROOT,
                name.display()
            ));
        }
    }
    for file in rust_files(export).into_iter().chain(c_files(export)) {
        if let Ok(content) = std::fs::read(&file.path)
            && solutions.contains(&content)
        {
            leaks.push(file.rel.display().to_string());
        }
    }
    leaks
}

/// Copy the files below `from` (or the file `from`) to `to`, build output (`target/`) and the
/// exercises' proofs (their broken versions and alternatives: answers) left out.
fn copy_tree(from: &Path, to: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    if !from.is_dir() {
        return copy_file(from, to, written);
    }
    for file in files_below(from)
        .into_iter()
        .filter(|f| !f.is_under("target") && !f.is_under(PROOFS))
    {
        copy_file(&file.path, &to.join(&file.rel), written)?;
    }
    Ok(())
}

/// Copy one file, its permissions with it: the scripts stay executable.
fn copy_file(from: &Path, to: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let content = std::fs::read(from).with_context(|| format!("reading {}", from.display()))?;
    write(to, &content, written)?;
    let mode = std::fs::metadata(from)?.permissions();
    std::fs::set_permissions(to, mode).with_context(|| format!("writing {}", to.display()))
}

fn write(to: &Path, content: &[u8], written: &mut Vec<PathBuf>) -> Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(to, content).with_context(|| format!("writing {}", to.display()))?;
    written.push(to.to_path_buf());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_page_links_one_folder_up_but_anchors_and_addresses() {
        let readme = "[English](README.md) · 한국어\n[표](course.ko.md#day-map), [위](#c-files), [rustup](https://rustup.rs)\n";
        assert_eq!(
            front_page(readme),
            "[English](../README.md) · 한국어\n[표](../course.ko.md#day-map), [위](#c-files), [rustup](https://rustup.rs)\n"
        );
    }

    /// Every grading file the export writes carries the class's track and language, on the
    /// lines the lab has (a line renamed in the lab is caught here, not in a class).
    #[test]
    fn the_grading_files_carry_the_class_s_track_and_language() {
        let lab = workspace::lab_root();
        let class = Export {
            lang: Lang::Ko,
            track: Track::C,
        };
        for (file, settings) in CLASS_SETTINGS {
            let text = std::fs::read_to_string(lab.join(file)).unwrap();
            let pinned = with_class_settings(&text, &settings(class))
                .unwrap_or_else(|| panic!("{file}: a setting's line is missing"));
            for (_, line) in settings(class) {
                assert!(pinned.lines().any(|l| l == line), "{file}: {line}");
            }
            assert_eq!(pinned.lines().count(), text.lines().count(), "{file}");
        }
        assert_eq!(
            with_class_settings("TRACK = \"c\"\n", &settings_of(0)),
            None
        );
    }

    fn settings_of(i: usize) -> Vec<(String, String)> {
        CLASS_SETTINGS[i].1(Export {
            lang: Lang::En,
            track: Track::Rust,
        })
        .to_vec()
    }

    /// README: "It refuses to write if any file of it has the content of a solution file."
    #[test]
    fn an_export_holding_a_solution_s_content_is_refused_and_removed() {
        let lab = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let write = |path: std::path::PathBuf, text: &str| {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let solution = "pub fn answer() -> u32 {\n    42\n}\n";
        write(lab.path().join("solutions/day9-x/src/lib.rs"), solution);
        write(out.path().join("exercises/day9-x/src/lib.rs"), "todo!()\n");
        assert!(super::refuse_leaks(lab.path(), out.path()).is_ok());
        // A stub that is the solution, under any name, is refused.
        write(
            out.path().join("exercises/day9-x/src/bin/other.rs"),
            solution,
        );
        let refused = super::refuse_leaks(lab.path(), out.path()).unwrap_err();
        assert!(
            format!("{refused:#}").contains("exercises/day9-x/src/bin/other.rs"),
            "{refused:#}"
        );
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    }

    #[test]
    fn what_make_builds_is_not_exported() {
        use std::path::Path;
        for built in [
            "day2-echo/echo-server",
            "day1-endian/libendian.a",
            "day1-endian/endian.o",
        ] {
            assert!(super::is_c_build_output(Path::new(built)), "{built}");
        }
        for source in [
            "day2-echo/echo-server.c",
            "day2-echo/Makefile",
            ".gitignore",
            "common/lab.mk",
        ] {
            assert!(!super::is_c_build_output(Path::new(source)), "{source}");
        }
    }

    #[test]
    fn the_exported_checker_manifest_has_no_tests() {
        let manifest = "[package]\nname = \"checker\"\n\n[dependencies]\nanyhow = \"1\"\n\n[dev-dependencies]\nregex = \"1\"\n\n[[test]]\nname = \"broken\"\nharness = false\n";
        let out = super::without_tests(manifest);
        assert!(out.contains("anyhow"));
        assert!(!out.contains("regex") && !out.contains("[[test]]"));
    }
}
