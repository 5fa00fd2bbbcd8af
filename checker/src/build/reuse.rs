//! What the last build of a package gave, kept beside its trusted copy: while the copy, the
//! trusted workspace's manifest and lock file, and this checker are the same, and every program
//! it built is still the file it wrote, the programs are the same and cargo need not be asked.
//! Each cargo run costs about a tenth of a second of CPU even when nothing is to be done (twice
//! for a library, once more for its rules), and the whole suite asks it some fifty times.
//! Only what cargo itself would call fresh is reused: a changed byte of any input, or a program
//! rebuilt or removed since (another version graded in the same tree), and cargo runs. (A new
//! toolchain is not an input here: the programs it would build do the same.)

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::base::files::files_below;
use crate::base::hash::Fnv;
use crate::context::built::Built;
use crate::lab::exercise::{Exercise, ExerciseKind};

/// The inputs of a build of `exercise` from its trusted copy `package_dir` (inside the trusted
/// workspace, `<workspace>/<folder>/<package>`), hashed.
pub fn key(package_dir: &Path, exercise: &Exercise, color: bool) -> Option<String> {
    let workspace = package_dir.parent()?.parent()?;
    let mut h = Fnv::new();
    this_checker(&mut h);
    exercise.name.hash(&mut h);
    match &exercise.kind {
        ExerciseKind::Programs { binaries } => binaries.hash(&mut h),
        ExerciseKind::Library {
            calls,
            harness_deps,
            binaries,
        } => (calls, harness_deps, binaries).hash(&mut h),
    }
    color.hash(&mut h);
    for name in ["Cargo.toml", "Cargo.lock"] {
        std::fs::read(workspace.join(name)).ok()?.hash(&mut h);
    }
    package_files(package_dir, &mut h);
    Some(format!("{:016x}", h.finish()))
}

/// This checker's own build: a new checker may build otherwise (another harness, other flags).
pub fn this_checker(h: &mut Fnv) {
    if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
        meta.len().hash(h);
        if let Ok(modified) = meta.modified() {
            format!("{modified:?}").hash(h);
        }
    }
}

/// Every file of a package (build output left out), by name and content.
pub fn package_files(dir: &Path, h: &mut Fnv) {
    for file in files_below(dir)
        .into_iter()
        .filter(|f| !f.is_under("target"))
    {
        file.rel.to_string_lossy().hash(h);
        if let Ok(content) = std::fs::read(&file.path) {
            content.hash(h);
        }
    }
}

/// Where the trusted copy `package_dir` keeps `what` (its build, its rules' verdict).
fn stamp(package_dir: &Path, what: &str) -> Option<PathBuf> {
    let workspace = package_dir.parent()?.parent()?;
    let package = package_dir.file_name()?.to_string_lossy();
    Some(
        workspace
            .join("target/checker-stamps")
            .join(format!("{package}.{what}.json")),
    )
}

/// A file as the build left it: its length and when it was written.
fn identity(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    Some(format!("{} {:?}", meta.len(), meta.modified().ok()?))
}

/// The build stored under `key`, if its programs are still the files it wrote.
pub fn load(package_dir: &Path, exercise: &Exercise, key: &str) -> Option<Built> {
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
    let warnings = v["warnings"]
        .as_array()?
        .iter()
        .map(|w| w.as_str().map(String::from))
        .collect::<Option<Vec<String>>>()?;
    Some(Built {
        package_dir: package_dir.to_path_buf(),
        executables,
        harness,
        external: Default::default(),
        lint_targets: super::package::lint_targets(&exercise.kind),
        warnings,
        key: Some(key.to_string()),
    })
}

/// Keep what a successful build gave, for the next run.
pub fn store(built: &Built) {
    let (Some(key), Some(file)) = (&built.key, stamp(&built.package_dir, "build")) else {
        return;
    };
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
    write(&file, &doc);
}

/// The rules' verdict (each broken rule as clippy explained it, in color or not) stored for
/// the build `built`.
pub fn load_rules(built: &Built, color: bool) -> Option<Vec<String>> {
    let key = built.key.as_deref()?;
    let file = stamp(&built.package_dir, "rules")?;
    let v: Value = serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
    if v["key"].as_str()? != key || v["color"].as_bool()? != color {
        return None;
    }
    v["violations"]
        .as_array()?
        .iter()
        .map(|w| w.as_str().map(String::from))
        .collect()
}

/// Keep the rules' verdict of the build `built`.
pub fn store_rules(built: &Built, color: bool, violations: &[String]) {
    let (Some(key), Some(file)) = (&built.key, stamp(&built.package_dir, "rules")) else {
        return;
    };
    write(
        &file,
        &json!({"key": key, "color": color, "violations": violations}),
    );
}

fn write(file: &Path, doc: &Value) {
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Written whole and then renamed: a run that stops halfway leaves no half a stamp, and two
    // runs at once each rename their own.
    let partial = file.with_extension(format!("partial-{}", std::process::id()));
    if std::fs::write(&partial, doc.to_string()).is_ok() {
        let _ = std::fs::rename(&partial, file);
    }
}
