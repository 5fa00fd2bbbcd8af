//! What a class receives is the product (issue 56): each export a class can ask for (Rust and
//! C, English and Korean) is made with `checker export-student`, committed, cloned (by
//! Gradescope's setup.sh, as an instructor pins it: the one clone of the export whose checker is
//! built, where a student's clone would build the same checker again), and tried in the clone
//! as its documents say:
//!
//! - every command its README and course tell a student to type (the `sh` blocks, read from the
//!   files themselves: `exports/commands.rs` says the convention) runs, and does what its line
//!   promises (its exit status, what it prints);
//! - `git status` is clean after the first grading and after building every exercise;
//! - a complete, a half-done and a buggy submission graded through Classroom 50's autograder
//!   and Gradescope's, both pinned to the export (`--locked` builds), give reports whole and with
//!   the points grading pinned to the lab gives.
//!
//! One test, the four exports one after another in one clone, the Korean C class's first: its
//! Gradescope image is set up (setup.sh clones it, builds its checker and warms the build with
//! its stubs); each next export's bundle must be the first's but for config.env's repository,
//! revision and language, and the clone is moved to that export's commit (`git checkout`
//! rewrites only the files that differ: the stubs and their comments, README and the course, the
//! workspace's manifest and lock file, Classroom 50's autograder, `checker/export.txt`, which
//! the checker reads as it runs), so cargo rebuilds what those change and no more: the checker,
//! whose sources are the same in every export, is compiled once (with a test and a clone for
//! each track, a clean-clone CI run compiled it twice, some 18 s of CPU more). setup.sh's warm-up
//! of a Rust export's stubs is left to the lab-pinned Gradescope test (`grading_a_class`). One
//! export that panics is told as its problem, and the next export sets its image up anew. A
//! block whose commands and promises the track's other export has already run is not run again
//! (the Korean and English documents give the same commands, and their own promises where the
//! checker speaks the class's language). The clone's folder is named in Korean, as a Korean
//! class's may be (cargo then writes its paths as URLs).

#[path = "exports/commands.rs"]
mod commands;
mod common;
#[path = "exports/grading.rs"]
mod grading;
#[path = "exports/links.rs"]
mod links;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Track {
    Rust,
    C,
}

#[derive(Clone, Copy, Debug)]
pub struct Kind {
    pub track: Track,
    pub lang: &'static str,
}

impl Kind {
    /// `c-ko`, `rust-en`, ...
    pub fn dir(self) -> String {
        let track = match self.track {
            Track::Rust => "rust",
            Track::C => "c",
        };
        format!("{track}-{}", self.lang)
    }

    pub fn name(self) -> String {
        let track = match self.track {
            Track::Rust => "rust",
            Track::C => "c",
        };
        format!("the {track} export in {}", self.lang)
    }
}

/// In the order they are tried: a track's two one after the other, so that the clone changes
/// track once.
const KINDS: [Kind; 4] = [
    Kind {
        track: Track::C,
        lang: "ko",
    },
    Kind {
        track: Track::C,
        lang: "en",
    },
    Kind {
        track: Track::Rust,
        lang: "en",
    },
    Kind {
        track: Track::Rust,
        lang: "ko",
    },
];

/// The documents a student reads, in the order they read them.
/// (`.github/README.md`: a Korean export's front page on GitHub, README.ko.md one folder down.)
const DOCUMENTS: [&str; 5] = [
    "README.md",
    "README.ko.md",
    "course.md",
    "course.ko.md",
    ".github/README.md",
];

/// The documents of the class's language, whose commands are run in its export: there the
/// checker speaks that language, as they say. (The other language's documents are the same
/// files in the other export of the track, where they are run.)
fn own_documents(lang: &str) -> [&'static str; 2] {
    match lang {
        "ko" => ["README.ko.md", "course.ko.md"],
        _ => ["README.md", "course.md"],
    }
}

/// CPU seconds the test's children have used so far (they are all waited for), to say where an
/// export's time goes.
fn children_cpu() -> f64 {
    // SAFETY: getrusage writes the struct it is given, nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Print what a phase of an export took, in CPU and on the clock.
fn phase(name: &str, what: &str, since: &mut (Instant, f64)) {
    let cpu = children_cpu();
    eprintln!(
        "{name}: {what}: {:.0} s, {:.0} s of CPU",
        since.0.elapsed().as_secs_f64(),
        cpu - since.1
    );
    *since = (Instant::now(), cpu);
}

pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let text = run(Command::new("git")
        .args([
            "-c",
            "user.name=Student",
            "-c",
            "user.email=student@example.edu",
        ])
        .args(["-c", "advice.detachedHead=false"])
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", "2026-10-30T10:00:00+09:00")
        .env("GIT_COMMITTER_DATE", "2026-10-30T10:00:00+09:00"));
    text.trim().to_string()
}

/// What `git status` shows in `dir`, empty when the work tree is clean.
fn status(dir: &Path) -> String {
    git(dir, &["status", "--porcelain"])
}

/// The environment of every command a student types here: the shared target directory, no
/// colour, no locale (an export speaks its own language whatever the machine's), offline.
fn environment(target: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("CARGO_TARGET_DIR", target.to_path_buf()),
        ("CARGO_NET_OFFLINE", "true".into()),
        ("NO_COLOR", "1".into()),
        ("LANG", "C.UTF-8".into()),
    ]
}

/// The four exports one after another (beside the other tests): they share a clone and a target
/// directory (a checker built there is the clone's, so two exports must not build in it at
/// once), the blocks run and the lab's points.
#[test]
fn the_exports_work_as_their_documents_say() {
    let started = Instant::now();
    // Exports are written outside the lab, as export-student requires; the target directory
    // is kept between runs.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let target = common::scratch().join("exports-target");
    common::seed_target(&target);
    let mut proven = BTreeSet::new();
    let mut lab_points = grading::LabPoints::new();
    // The Gradescope image (its root) whose setup.sh ran, once one has.
    let mut image = None;
    let mut problems = Vec::new();
    // LAB_EXPORTS=c-ko,rust-en tries only those (while working on one).
    let only = std::env::var("LAB_EXPORTS").ok();
    let mut tried = 0;
    for kind in KINDS {
        if only
            .as_ref()
            .is_some_and(|o| !o.split(',').any(|k| k == kind.dir()))
        {
            continue;
        }
        let took = Instant::now();
        tried += 1;
        // One export's panic (a command `run` or `git` found failing) is its problem: the others
        // are still tried, as when each track was a test of its own. Its image, taken, is set up
        // anew by the next.
        let tried_one = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            try_export(
                kind,
                &dir,
                &target,
                &mut image,
                &mut proven,
                &mut lab_points,
            )
        }));
        match tried_one {
            Ok(found) => problems.extend(found),
            Err(panic) => {
                let said = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic");
                problems.push(format!("{}: {said}", kind.name()));
            }
        }
        eprintln!("{}: {:.0} s", kind.name(), took.elapsed().as_secs_f64());
    }
    assert!(
        tried > 0,
        "LAB_EXPORTS={} names no export (c-ko, c-en, rust-en, rust-ko)",
        only.unwrap_or_default()
    );
    eprintln!("the exports: {:.0} s", started.elapsed().as_secs_f64());
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// `kind`'s export, made, cloned (or the clone moved to it: `image`) and tried; what
/// went wrong.
fn try_export(
    kind: Kind,
    dir: &Path,
    target: &Path,
    image: &mut Option<PathBuf>,
    proven: &mut BTreeSet<(Track, Vec<String>, Vec<commands::Command>)>,
    lab_points: &mut grading::LabPoints,
) -> Vec<String> {
    let name = kind.name();
    let mut since = (Instant::now(), children_cpu());
    // A Korean class's folders may be named in Korean: cargo then writes their paths as URLs.
    let class = dir.join("수업");
    // The export's repository and its students' submissions, beside the clone.
    let dir = class.join(kind.dir());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let origin = dir.join("origin");
    let mut export = common::checker_command();
    export
        .args(["--lang", kind.lang, "export-student"])
        .arg(&origin);
    if kind.track == Track::C {
        export.args(["--track", "c"]);
    }
    run(&mut export);
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-q", "-m", "Socket-programming lab"]);
    let revision = git(&origin, &["rev-parse", "HEAD"]);
    let env = environment(target);
    // The student's clone is Gradescope's: its setup.sh clones the export at its commit and
    // builds the checker there (`--locked`); the student's commands then run in that clone,
    // which Classroom 50's autograder and Gradescope's grade with afterwards. One checker build:
    // each next export's image is the first's, moved to its commit.
    let made = match image.take() {
        Some(root) => grading::gradescope_image_moved(kind, (&origin, &revision), &dir, &root)
            .map(|()| (root, "exported, committed, the clone moved to it")),
        None => grading::gradescope_image(kind, (&origin, &revision), &class, &env)
            .map(|root| (root, "exported, committed, cloned by Gradescope's setup.sh")),
    };
    let root = match made {
        Ok((root, what)) => {
            phase(&name, what, &mut since);
            root
        }
        Err(problem) => return vec![problem],
    };
    let clone = root.join("lab");
    if !status(&clone).is_empty() {
        return vec![format!(
            "{name}: the clone at the export's commit is not clean:\n{}",
            status(&clone)
        )];
    }
    *image = Some(root.clone());
    common::seed_harnesses(&clone);

    let mut problems = Vec::new();
    for doc in DOCUMENTS {
        problems.extend(
            links::broken(&clone, doc)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    // GitHub opens a Korean class's repository on `.github/README.md`, before README.md.
    let front_page = std::fs::read_to_string(clone.join(".github/README.md")).ok();
    let korean_first = front_page
        .as_deref()
        .is_some_and(|page| page.contains("# 소켓 프로그래밍 랩"));
    if korean_first != (kind.lang == "ko") {
        problems.push(format!(
            "{name}: .github/README.md, the front page GitHub shows first, is {}",
            match front_page {
                Some(_) if kind.lang == "ko" => "not the Korean README",
                Some(_) => "there in an English export",
                None => "missing from a Korean export",
            }
        ));
    }
    problems.extend(
        links::stub_citations(&clone)
            .into_iter()
            .map(|p| format!("{name}: {p}")),
    );
    let mut graded = false;
    for doc in own_documents(kind.lang) {
        let text = std::fs::read_to_string(clone.join(doc)).unwrap();
        let (blocks, wrong) = commands::blocks(doc, &text);
        problems.extend(wrong.into_iter().map(|p| format!("{name}: {p}")));
        for block in blocks.iter().filter(|b| b.not_run.is_none()) {
            graded |= block.commands.iter().any(|c| c.text.contains("-p checker"));
            // The section's exercise, where the class has it (day6-async is Rust's).
            let exercises: Vec<String> = block
                .exercises()
                .into_iter()
                .filter(|e| clone.join("exercises").join(e).is_dir())
                .collect();
            let key = (kind.track, exercises.clone(), block.commands.clone());
            if !proven.insert(key) {
                continue;
            }
            for exercise in &exercises {
                grading::solve(&clone, kind.track, exercise, &[]);
            }
            let out = dir.join(format!("block-{}-{}", doc, block.line));
            std::fs::create_dir_all(&out).unwrap();
            let mut took = (Instant::now(), children_cpu());
            commands::run_script(&commands::script(block, &clone, &out), &out, &env);
            phase(&name, &block.place(), &mut took);
            problems.extend(
                commands::outcome(block, &out)
                    .into_iter()
                    .map(|p| format!("{name}: {p}")),
            );
            git(&clone, &["checkout", "-q", "--", "exercises"]);
            let left = status(&clone);
            if !left.is_empty() {
                problems.push(format!(
                    "{name}: {}: the commands left the repository changed:\n{left}",
                    block.place()
                ));
                git(&clone, &["clean", "-fdq"]);
                git(&clone, &["checkout", "-q", "--", "."]);
            }
        }
    }
    phase(&name, "its documents' commands", &mut since);
    if !graded {
        problems.push(format!(
            "{name}: no block of its documents grades (`cargo run -p checker ...`)"
        ));
    }
    problems.extend(what_the_checker_says_there(kind, &clone, target));
    problems.extend(build_every_exercise(kind, &clone, &env));
    phase(
        &name,
        "what the checker says there, every exercise built",
        &mut since,
    );
    problems.extend(grading::grade(
        kind,
        (&origin, &revision),
        (&dir, &root),
        &env,
        lab_points,
    ));
    phase(&name, "three submissions graded", &mut since);
    problems
}

/// Build every exercise as a student does (Rust: `cargo build`, the workspace; C: `make` in
/// each exercise's folder): the stubs build, and the repository stays clean.
fn build_every_exercise(kind: Kind, clone: &Path, env: &[(&str, PathBuf)]) -> Vec<String> {
    let mut builds: Vec<Command> = Vec::new();
    match kind.track {
        Track::Rust => {
            let mut cargo = Command::new("cargo");
            cargo.args(["build", "-q", "--workspace"]);
            builds.push(cargo);
        }
        Track::C => {
            for entry in std::fs::read_dir(clone.join("exercises"))
                .unwrap()
                .flatten()
            {
                if entry.path().join("Makefile").is_file() {
                    let mut make = Command::new("make");
                    make.arg("-s").arg("-C").arg(entry.path());
                    builds.push(make);
                }
            }
        }
    }
    let mut problems = Vec::new();
    for mut build in builds {
        for (k, v) in env {
            build.env(k, v);
        }
        let out = build.current_dir(clone).output().unwrap();
        if !out.status.success() {
            problems.push(format!(
                "{}: {build:?} failed:\n{}",
                kind.name(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    let left = status(clone);
    if !left.is_empty() {
        problems.push(format!(
            "{}: building every exercise left the repository changed:\n{left}",
            kind.name()
        ));
    }
    problems
}

/// The checker a student built in the clone (the last one built in the shared target directory):
/// it speaks the class's language whatever the locale, its `--help` lists no instructor's
/// command, and what needs the instructor's lab, or the other track, says so in one line and
/// exits 2.
fn what_the_checker_says_there(kind: Kind, clone: &Path, target: &Path) -> Vec<String> {
    let name = kind.name();
    // The clone's own checker (fresh if its README's first command ran).
    run(Command::new("cargo")
        .args(["build", "-q", "-p", "checker"])
        .current_dir(clone)
        .env("CARGO_TARGET_DIR", target));
    let checker = target.join("debug/checker");
    let run = |args: &[&str], locale: &str| {
        let out = Command::new(&checker)
            .args(args)
            .current_dir(clone)
            .env("LANG", locale)
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), text)
    };
    let mut problems = Vec::new();
    // The other language's locale: the class's language still.
    let (other_locale, hangul) = match kind.lang {
        "ko" => ("en_US.UTF-8", true),
        _ => ("ko_KR.UTF-8", false),
    };
    let (_, listed) = run(&["list"], other_locale);
    let korean = listed
        .chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    if korean != hangul {
        problems.push(format!(
            "{name}: `checker list` under LANG={other_locale} is not in {}:\n{listed}",
            kind.lang
        ));
    }
    let (_, help) = run(&["--help"], other_locale);
    for instructors in [
        "verify",
        "new",
        "sync",
        "gradebook",
        "export-student",
        "export-gradescope",
    ] {
        if help
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{instructors} ")))
        {
            problems.push(format!(
                "{name}: a student's --help lists `{instructors}`:\n{help}"
            ));
        }
    }
    let other_track = match kind.track {
        Track::Rust => "c",
        Track::C => "rust",
    };
    let mut refused: Vec<Vec<&str>> = vec![
        vec!["--solutions", "day1"],
        vec!["compare", "--solutions"],
        vec!["verify"],
        vec!["new", "day9-extra"],
        vec!["sync"],
        vec!["--track", other_track, "day1"],
    ];
    if kind.lang == "ko" {
        refused.push(vec!["stubs", "en"]);
    }
    for args in refused {
        let (code, said) = run(&args, other_locale);
        if code != Some(2) || said.trim().lines().count() != 1 {
            problems.push(format!(
                "{name}: `checker {}` should say in one line that it does not apply here, and exit 2; it exited {code:?}:\n{said}",
                args.join(" ")
            ));
        }
    }
    problems
}
