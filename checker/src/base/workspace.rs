//! Where things are: the lab's own root, the tree of exercise packages being graded, and what
//! cargo says about the workspace that holds a package.

use std::path::{Path, PathBuf};

/// The lab's root: the directory with `checker/`, `exercises/`, `solutions/` and `course.md`.
/// It is the clone the checker was built from — never a directory it merely runs in, which may
/// be a student's tree: the lab's manifests, lock file and build area must be the trusted
/// ones. If that clone has moved away, the current directory and its parents are searched.
pub fn lab_root() -> PathBuf {
    let is_lab =
        |dir: &Path| dir.join("checker/Cargo.toml").is_file() && dir.join("exercises").is_dir();
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).parent();
    if let Some(dir) = built_from.filter(|d| is_lab(d)) {
        return dir.to_path_buf();
    }
    if let Ok(cwd) = std::env::current_dir()
        && let Some(found) = cwd.ancestors().find(|d| is_lab(d))
    {
        return found.to_path_buf();
    }
    built_from.map(Path::to_path_buf).unwrap_or_default()
}

/// The folder of `exercise` (`day1-endian`), `checker/exercises/day1-endian/`, which holds all
/// an instructor writes for it but its stubs and solutions: its test table (`mod.rs`, compiled
/// into the checker from `exercises/mod.rs`), its proofs, the Korean of its stubs, and for a
/// library its C shim and harness bridge, each under its name in `in_exercise_folder`.
pub fn exercise_folder(lab: &Path, exercise: &str) -> PathBuf {
    lab.join(in_exercise_folder::file(exercise, ""))
}

/// What an exercise's folder holds beside its test module: one name each, every exercise alike.
pub mod in_exercise_folder {
    /// Its test table and the module of its tests.
    pub const TESTS: &str = "mod.rs";
    /// Its broken versions and correct alternatives (`proofs.toml`, `rust-designs.toml`,
    /// and the whole files they name in `rust/` and `c/`, named relative to this folder; the C
    /// track's other designs, whole programs with their Makefile, in `c-variants/`: `make` builds
    /// them, `c/Makefile` every one, `checker <exercise> --program NAME=PATH` grades one). The
    /// checker never reads them and no export or grader's checkout holds them: they are answers.
    pub const PROOFS: &str = "proofs";
    /// Its broken versions and alternatives, both tracks' in one table: `[[rust.broken]]`,
    /// `[[c.broken]]`, `[[rust.alternative]]`, `[[c.alternative]]` (each test's proofs side by
    /// side; another table of `proofs/`, as `rust-designs.toml`, holds more the same way).
    pub const PROOFS_TABLE: &str = "proofs/proofs.toml";
    /// The Korean of its stubs' comments (`korean/`): `rust/<path>.ko` for
    /// `exercises/<exercise>/<path>`, `c/<file>.ko` for `c/exercises/<exercise>/<file>`.
    pub const RUST_KOREAN: &str = "korean/rust";
    pub const C_KOREAN: &str = "korean/c";
    /// A library's C shim: the crate that gives its C functions the Rust exercise's API.
    pub const C_SHIM: &str = "c-shim";
    /// A library's bridge to the harness: the calls the harness answers.
    pub const HARNESS_CALLS: &str = "harness-calls.rs";
    /// Its catalog entries: the messages only its tests say (`en.ftl`, and their Korean in
    /// `ko.ftl`) and the Korean of its tests' titles and hints (`ko.ftl`; their English is in
    /// its table). The build joins them to the checker's own (`checker/i18n/`).
    pub const ENGLISH_CATALOG: &str = "en.ftl";
    pub const KOREAN_CATALOG: &str = "ko.ftl";

    /// Where the exercises' folders are, relative to the lab.
    pub const ROOT: &str = "checker/exercises";

    /// `rel` in the folder of `exercise`, relative to the lab
    /// (`checker/exercises/day1-endian/proofs/proofs.toml`).
    pub fn file(exercise: &str, rel: &str) -> String {
        let folder = format!("{ROOT}/{exercise}");
        if rel.is_empty() {
            folder
        } else {
            format!("{folder}/{rel}")
        }
    }
}

/// A path as a student should read it: relative to the lab's root when it lies inside it, and
/// a file of the trusted build copy (target/checker-build/<id>/exercises/...) as the student's
/// own file (exercises/...).
pub fn display_path(path: &str) -> String {
    let root = lab_root();
    let root = root.to_string_lossy();
    let inside = path.strip_prefix(&format!("{root}/")).unwrap_or(path);
    match inside
        .strip_prefix("target/checker-build/")
        .and_then(|rest| rest.split_once('/'))
    {
        Some((_id, student)) => student.to_string(),
        None => inside.to_string(),
    }
}

/// A tree's directory relative to the repository (the lab's root), with a trailing slash, for
/// paths a CI system shows on the repository's files; empty if it lies elsewhere.
pub fn repo_relative(dir: &Path) -> String {
    let root = lab_root();
    match dir.strip_prefix(&root) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!("{}/", rel.display()),
        Err(_) => String::new(),
    }
}

/// A tree's folder as the student names it, with a trailing slash: relative to the repository
/// (`c/exercises/`), or its whole path where it lies elsewhere.
pub fn shown_dir(dir: &Path) -> String {
    match repo_relative(dir) {
        rel if rel.is_empty() => format!("{}/", dir.display()),
        rel => rel,
    }
}

/// A directory of exercise packages (`exercises/`, `solutions/`, `c/exercises/`, or any
/// `--root DIR`): the package of exercise `name` is `<dir>/<name>`.
#[derive(Clone, Debug)]
pub struct Tree {
    pub dir: PathBuf,
    /// How to name this tree in a command line the student can paste (`--solutions`, ...).
    pub flag: Option<String>,
    /// The language its packages are written in.
    pub track: Track,
}

impl Tree {
    /// The tree in `dir`, on the track its files say (`Track::of_tree`).
    pub fn at(dir: PathBuf, flag: Option<String>) -> Tree {
        let track = Track::of_tree(&dir);
        Tree { dir, flag, track }
    }

    pub fn package_dir(&self, exercise: &str) -> PathBuf {
        self.dir.join(exercise)
    }
}

/// The two ways through the lab: Rust through nix (the design), and C, the notes' own language
/// (`lab::track` has what each exercise is on the C track).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Track {
    /// Rust, with the socket calls through nix.
    #[default]
    Rust,
    /// C, the notes' own language, built with make and cc.
    C,
}

/// `--track` as a command line gives it: one track, or both, which only `checker new` takes (it
/// scaffolds an exercise on both; grading takes one track at a time, and refuses it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TrackArg {
    /// Rust, with the socket calls through nix.
    Rust,
    /// C, the notes' own language, built with make and cc.
    C,
    #[default]
    #[value(hide = true)]
    Both,
}

impl TrackArg {
    /// The one track it names; `None` for both.
    pub fn one(self) -> Option<Track> {
        match self {
            TrackArg::Rust => Some(Track::Rust),
            TrackArg::C => Some(Track::C),
            TrackArg::Both => None,
        }
    }

    pub fn has_rust(self) -> bool {
        self != TrackArg::C
    }

    pub fn has_c(self) -> bool {
        self != TrackArg::Rust
    }
}

/// The build rules every C exercise includes, relative to a C tree: what marks a tree (the
/// lab's `c/exercises/`, `c/solutions/`, a C-only repository's `exercises/`) as C.
pub const C_RULES_FILE: &str = "common/lab.mk";

impl Track {
    /// The word a command line uses (`--track c`).
    pub fn flag(self) -> &'static str {
        match self {
            Track::Rust => "rust",
            Track::C => "c",
        }
    }

    /// The track of the tree of packages in `dir`: C when it holds the C track's build rules.
    pub fn of_tree(dir: &Path) -> Track {
        if dir.join(C_RULES_FILE).is_file() {
            Track::C
        } else {
            Track::Rust
        }
    }
}
