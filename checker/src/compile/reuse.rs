//! What the last build of a package gave, kept beside its trusted copy: while the copy, the
//! trusted workspace's manifest and lock file, the build's environment and this checker are
//! the same, and every program it built is still the file it wrote, the programs are the same
//! and cargo need not be asked. Each cargo run costs about a tenth of a second of CPU even when
//! nothing is to be done (twice for a library, once more for its rules), and the whole suite
//! asks it some fifty times.
//!
//! What the key leaves out: the toolchain (a new one rebuilds the checker under `cargo run`,
//! and a new checker is a new key; a checker binary run by hand after `rustup update` reuses
//! what the old toolchain built), and files outside the package that a source includes (none
//! of the lab's do). In plain mode a program can write here as it can write its trusted copy.
//!
//! Two checkers building one package at once take turns (`Turn`), in one tree or in two trees
//! sharing a build directory (whose programs land at the same paths): what one stages, builds
//! and stamps, or lints and stamps, is never another's half.

use std::collections::BTreeMap;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::base::files::package_files;
use crate::base::hash::{Fnv, this_checker};
use crate::context::built::Built;
use crate::lab::exercise::{Exercise, ExerciseKind};

/// The settings of the environment that change what cargo or clippy does.
const BUILD_ENVIRONMENT: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "RUSTUP_TOOLCHAIN",
    "RUSTC",
    "RUSTC_WRAPPER",
    "CARGO_HOME",
    "CLIPPY_CONF_DIR",
];

/// The trusted workspace a trusted copy sits in (`<workspace>/<folder>/<package>`, stage.rs).
pub fn workspace_of(package_dir: &Path) -> Option<&Path> {
    package_dir.parent()?.parent()
}

/// A checker's turn at one package of a trusted workspace: an exclusive `flock` on a file of
/// its own, released when dropped. `None` where the file cannot be made (nothing is reused
/// then, see `Turn::held`).
pub struct Turn(Option<File>);

impl Turn {
    /// Wait for the turn at `package` of the trusted workspace `workspace`: one turn for every
    /// workspace that builds into the same directory.
    pub fn take(workspace: &Path, package: &str) -> Turn {
        let build_dir = ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR"]
            .iter()
            .find_map(std::env::var_os)
            .map_or_else(|| workspace.join("target"), |d| workspace.join(d));
        let dir = build_dir.join("checker-turns");
        let _ = std::fs::create_dir_all(&dir);
        let file = File::create(dir.join(format!("{package}.lock"))).ok();
        let locked = file.filter(|f| {
            // SAFETY: flock takes a descriptor we own, open for the whole call.
            unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) == 0 }
        });
        Turn(locked)
    }

    /// The turn at the package whose trusted copy is `package_dir`.
    pub fn at(package_dir: &Path) -> Turn {
        match (workspace_of(package_dir), package_dir.file_name()) {
            (Some(ws), Some(name)) => Turn::take(ws, &name.to_string_lossy()),
            _ => Turn(None),
        }
    }

    pub fn held(&self) -> bool {
        self.0.is_some()
    }
}

/// The inputs of a build of `exercise` from its trusted copy `package_dir`, hashed: `None`
/// where one cannot be read (then nothing is reused). Taken during the checker's turn, after
/// staging, so it hashes what cargo reads.
pub fn build_key(package_dir: &Path, exercise: &Exercise, color: bool) -> Option<String> {
    let workspace = workspace_of(package_dir)?;
    let mut h = Fnv::new();
    this_checker(&mut h)?;
    exercise.name.hash(&mut h);
    // Every field named: a field added to the kind does not compile until it is hashed.
    match &exercise.kind {
        ExerciseKind::Programs { binaries } => binaries.hash(&mut h),
        ExerciseKind::Library {
            calls,
            harness_deps,
            binaries,
        } => (calls, harness_deps, binaries).hash(&mut h),
    }
    color.hash(&mut h);
    for name in BUILD_ENVIRONMENT {
        std::env::var_os(name).hash(&mut h);
    }
    for name in ["Cargo.toml", "Cargo.lock"] {
        std::fs::read(workspace.join(name)).ok()?.hash(&mut h);
    }
    package_files(package_dir, &mut h);
    Some(format!("{:016x}", h.finish()))
}

/// Where the trusted copy `package_dir` keeps `what` (its build, its rules' verdict).
fn stamp(package_dir: &Path, what: &str) -> Option<PathBuf> {
    let package = package_dir.file_name()?.to_string_lossy();
    Some(
        workspace_of(package_dir)?
            .join("target/checker-stamps")
            .join(format!("{package}.{what}.json")),
    )
}

/// A file as a build left it. Cargo puts each new program in place as a new file, so its inode
/// changes even where timestamps are too coarse to tell two builds of one second apart.
pub fn identity(path: &Path) -> Option<String> {
    let m = std::fs::metadata(path).ok()?;
    Some(format!(
        "{} {} {} {}.{} {}.{}",
        m.dev(),
        m.ino(),
        m.len(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec()
    ))
}

/// The build stored under `key`, if its programs are still the files it wrote.
pub fn load_build(
    turn: &Turn,
    package_dir: &Path,
    exercise: &Exercise,
    key: &str,
) -> Option<Built> {
    if !turn.held() {
        return None;
    }
    let text = std::fs::read_to_string(stamp(package_dir, "build")?).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    if v["key"].as_str()? != key {
        return None;
    }
    let unchanged = |entry: &Value| -> Option<PathBuf> {
        let path = PathBuf::from(entry["path"].as_str()?);
        (identity(&path)? == entry["identity"].as_str()?).then_some(path)
    };
    let mut executables = BTreeMap::new();
    for (name, entry) in v["executables"].as_object()? {
        executables.insert(name.clone(), unchanged(entry)?);
    }
    let harness = match &v["harness"] {
        Value::Null => None,
        entry => Some(unchanged(entry)?),
    };
    Some(Built {
        by_hand_dir: None,
        package_dir: package_dir.to_path_buf(),
        executables,
        harness,
        external: Default::default(),
        lint_targets: super::cargo::lint_targets(&exercise.kind),
        warnings: strings(&v["warnings"])?,
        key: Some(key.to_string()),
    })
}

/// Keep what a successful build gave, in the same turn.
pub fn store_build(turn: &Turn, built: &Built) {
    let (Some(key), Some(file)) = (&built.key, stamp(&built.package_dir, "build")) else {
        return;
    };
    if !turn.held() {
        return;
    }
    let entry = |path: &Path| json!({"path": path.to_string_lossy(), "identity": identity(path)});
    let executables: serde_json::Map<String, Value> = built
        .executables
        .iter()
        .map(|(name, path)| (name.clone(), entry(path)))
        .collect();
    let doc = json!({
        "key": key,
        "executables": executables,
        "harness": built.harness.as_deref().map(entry),
        "warnings": built.warnings,
    });
    write_whole(&file, &doc);
}

/// What clippy's verdict on `built` depends on, hashed during the turn it runs in: the build,
/// what it lints, and the trusted copy as it is now (another checker may have staged another
/// version since `built` was made).
pub fn rules_key(built: &Built, color: bool) -> Option<String> {
    let mut h = Fnv::new();
    built.key.as_deref()?.hash(&mut h);
    built.lint_targets.hash(&mut h);
    color.hash(&mut h);
    package_files(&built.package_dir, &mut h);
    Some(format!("{:016x}", h.finish()))
}

/// The rules' verdict (each broken rule as clippy explained it) stored under `key`.
pub fn load_rules(turn: &Turn, built: &Built, key: &str) -> Option<Vec<String>> {
    if !turn.held() {
        return None;
    }
    let file = stamp(&built.package_dir, "rules")?;
    let v: Value = serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
    if v["key"].as_str()? != key {
        return None;
    }
    strings(&v["violations"])
}

/// Keep the rules' verdict, in the turn clippy gave it.
pub fn store_rules(turn: &Turn, built: &Built, key: &str, violations: &[String]) {
    if let (true, Some(file)) = (turn.held(), stamp(&built.package_dir, "rules")) {
        write_whole(&file, &json!({"key": key, "violations": violations}));
    }
}

fn strings(v: &Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|s| s.as_str().map(String::from))
        .collect()
}

/// Written whole and then renamed: a checker stopped halfway leaves no half a stamp.
pub fn write_whole(file: &Path, doc: &Value) {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let partial = file.with_extension("partial");
    if std::fs::write(&partial, doc.to_string()).is_ok() {
        let _ = std::fs::rename(&partial, file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::fixtures::SERVER;

    /// A trusted workspace with one package and one built program.
    fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        let package = ws.join("exercises/day9-server");
        std::fs::create_dir_all(package.join("src")).unwrap();
        std::fs::write(ws.join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::write(ws.join("Cargo.lock"), "# lock\n").unwrap();
        std::fs::write(package.join("src/main.rs"), "fn main() {}\n").unwrap();
        let program = ws.join("target/debug/server");
        std::fs::create_dir_all(program.parent().unwrap()).unwrap();
        std::fs::write(&program, b"a program").unwrap();
        (dir, package, program)
    }

    fn built(package: &Path, program: &Path, key: &str) -> Built {
        Built {
            by_hand_dir: None,
            package_dir: package.to_path_buf(),
            executables: [("server".to_string(), program.to_path_buf())].into(),
            harness: None,
            external: Default::default(),
            lint_targets: vec!["--bins"],
            warnings: vec!["a warning".to_string()],
            key: Some(key.to_string()),
        }
    }

    #[test]
    fn a_build_is_reused_only_while_its_inputs_and_programs_are_the_same() {
        let (_dir, package, program) = workspace();
        let turn = Turn::at(&package);
        let key = build_key(&package, &SERVER, false).unwrap();
        assert!(
            load_build(&turn, &package, &SERVER, &key).is_none(),
            "nothing stored yet"
        );
        store_build(&turn, &built(&package, &program, &key));
        let again = load_build(&turn, &package, &SERVER, &key).expect("reused");
        assert_eq!(again.executables["server"], program);
        assert_eq!(again.warnings, ["a warning"]);
        // Another build put another file in its place, the same bytes and length.
        let other = program.with_extension("new");
        std::fs::write(&other, b"a program").unwrap();
        std::fs::rename(&other, &program).unwrap();
        assert!(
            load_build(&turn, &package, &SERVER, &key).is_none(),
            "rebuilt since"
        );
        // An edit of the package is another key.
        std::fs::write(package.join("src/main.rs"), "fn main() { }\n").unwrap();
        assert_ne!(build_key(&package, &SERVER, false).unwrap(), key);
        assert_ne!(
            build_key(&package, &SERVER, true),
            build_key(&package, &SERVER, false)
        );
    }

    #[test]
    fn the_rules_verdict_is_kept_for_the_copy_it_was_given_on() {
        let (_dir, package, program) = workspace();
        let turn = Turn::at(&package);
        let built = built(&package, &program, "k");
        let key = rules_key(&built, false).unwrap();
        store_rules(&turn, &built, &key, &["a broken rule".to_string()]);
        assert_eq!(load_rules(&turn, &built, &key).unwrap(), ["a broken rule"]);
        // Another checker staged another version since the build: another key.
        std::fs::write(package.join("src/main.rs"), "fn main() { }\n").unwrap();
        assert_ne!(rules_key(&built, false).unwrap(), key);
    }
}
