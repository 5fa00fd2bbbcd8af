//! A new exercise scaffolded (`checker new`), complete and green from the start: stub and
//! solution packages with the same manifest and rules (the checker embeds the stub's, which
//! `--ci` compares with), its folder (`checker/exercises/<name>/`) with a test module of one
//! table, its registration, its sections in course.md and course.ko.md,
//! its row of their rules tables, its Korean titles and hints in ko.ftl, and broken versions
//! that prove its tests, so that `cargo test` and `checker verify` pass at once and an
//! instructor edits working code instead of assembling it. On the C track (both by default):
//! the C solution and stub with their Makefiles, a library's shim, the C broken versions, the
//! `C_TRACK` row of its table and the C stubs' Korean, green the same way. On each track, its
//! rows in README's tables and the day map, and its programs in c/exercises/.gitignore (`lists`). The files start from
//! the templates (`templates`, checker/templates/).

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::additions::{add_course_section, add_member, add_to_module_map, register};
use super::stamps::{read_pair, restamp_pair};
use super::{catalog, derived_stubs, exercise_tables, lists, makefiles, rules_tables, templates};
use crate::base::workspace::{TrackArg, in_exercise_folder as exercise};

/// What the new exercise is: a library (tested through a harness) or a program, and on which
/// tracks.
pub struct Plan<'a> {
    pub name: &'a str,
    pub program: Option<&'a str>,
    /// The clone of the lab it goes into.
    pub lab: std::path::PathBuf,
    /// Both tracks, or one (C alone adds the C track to an exercise that has the Rust one).
    pub tracks: TrackArg,
}

/// The files of the C track the student writes, relative to its package: the program's source,
/// or the library's source and its header.
pub fn c_files(plan: &Plan) -> Vec<String> {
    let stem = c_stem(plan.name);
    match plan.program {
        Some(p) => vec![format!("{p}.c")],
        None => vec![format!("{stem}.c"), format!("{stem}.h")],
    }
}

/// A C library's source stem: the exercise's name after its day (`tally` for `day9-tally`).
fn c_stem(name: &str) -> &str {
    name.split_once('-').map_or(name, |(_, rest)| rest)
}

/// The file the student writes: the library, or the program's binary.
pub fn source_file(plan: &Plan) -> String {
    match plan.program {
        None => "src/lib.rs".to_string(),
        Some(p) => format!("src/bin/{p}.rs"),
    }
}

/// The day of an exercise named `day<N>-<name>`, lowercase, or why the name is not one.
fn day_of(name: &str) -> Result<u8> {
    name.strip_prefix("day")
        .and_then(|rest| rest.split_once('-'))
        .filter(|(_, rest)| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .and_then(|(d, _)| d.parse().ok())
        .with_context(|| {
            format!("`{name}`: an exercise is named day<N>-<name>, lowercase, e.g. day5-epoll")
        })
}

/// Scaffold the exercise on the tracks of `plan`: the files written, and the files edited with
/// what was added to each.
pub fn scaffold(plan: &Plan) -> Result<Vec<String>> {
    let day = day_of(plan.name)?;
    check_program_name(plan)?;
    let module = plan.name.replace('-', "_");
    let stem = c_stem(plan.name);
    let fill = |template: &str| {
        template
            .replace("__NAME__", plan.name)
            .replace("__MODULE__", &module)
            .replace("__DAY__", &day.to_string())
            .replace("__PROGRAM__", plan.program.unwrap_or_default())
            .replace("__STEM__", stem)
            .replace("__UPPER__", &stem.to_uppercase().replace('-', "_"))
    };
    let mut made = Vec::new();
    if plan.tracks.has_rust() {
        check_free(plan, &["exercises", "solutions", exercise::ROOT])?;
        made.extend(scaffold_rust(plan, day, &fill)?);
    } else if !catalog::registered(&plan.lab)?
        .iter()
        .any(|n| n == plan.name)
    {
        bail!(
            "{}: no such exercise to add the C track to (`checker new {} --track both` scaffolds both)",
            plan.name,
            plan.name
        );
    }
    if plan.tracks.has_c() {
        check_free(plan, &["c/exercises", "c/solutions"])?;
        made.extend(scaffold_c(plan, &fill)?);
    }
    made.extend(add_to_lists(plan, day)?);
    Ok(made)
}

/// Its rows in README's tables and the day maps of the tracks scaffolded (their Korean twins
/// restamped), and its entries in the derived lists (its programs in c/exercises/.gitignore).
fn add_to_lists(plan: &Plan, day: u8) -> Result<Vec<String>> {
    let lab = &plan.lab;
    let c_sources = c_files(plan)
        .into_iter()
        .filter(|f| f.ends_with(".c"))
        .collect();
    let entry = exercise_tables::Entry {
        name: plan.name,
        day,
        c: plan
            .tracks
            .has_c()
            .then(|| (c_sources, plan.program.is_none())),
    };
    let (mut made, no_row) = exercise_tables::add_to_tables(
        lab,
        &entry,
        plan.tracks.has_rust(),
        &catalog::registered(lab)?,
    )?;
    made.extend(no_row);
    made.extend(lists::write_derived(lab)?);
    Ok(made)
}

/// The Rust track: the exercise's packages, its test module and registration, its course
/// sections, rules tables and catalog entries.
fn scaffold_rust(plan: &Plan, day: u8, fill: &dyn Fn(&str) -> String) -> Result<Vec<String>> {
    let lab = plan.lab.clone();
    let (name, module) = (plan.name, plan.name.replace('-', "_"));
    let kind = match plan.program {
        None => &templates::LIBRARY,
        Some(_) => &templates::PROGRAM,
    };
    let source = source_file(plan);
    let mut made = write_files(&lab, exercise_files(plan, kind, &source, fill))?;
    made.extend(rules_tables::copy_rules(&lab, name)?);

    let courses_before = read_courses(&lab)?;
    let maps_before = read_pair(&lab, MODULE_MAP)?;
    register(&lab, name, day)?;
    made.push("checker/src/exercises/mod.rs (registered)".into());
    for file in MODULE_MAP {
        add_to_module_map(&lab, file, &module)?;
        made.push(format!("{file} (its module in the module map)"));
    }
    restamp_pair(&lab, MODULE_MAP, &maps_before)?;
    add_member(&lab, name)?;
    made.push("solutions/Cargo.toml (member added)".into());
    for (file, template) in [("course.md", kind.course), ("course.ko.md", kind.course_ko)] {
        add_course_section(&lab, file, &fill(template), day)?;
        made.push(format!("{file} (section #{name} added)"));
    }
    let in_course_order = catalog::registered(&lab)?;
    let in_course_order: Vec<&str> = in_course_order.iter().map(String::as_str).collect();
    for file in rules_tables::write_rules_tables(&lab, &in_course_order, scaffolded_c(plan))? {
        made.push(format!("{file} (its row of the rules table)"));
    }
    restamp_korean(&lab, &courses_before)?;
    made.push("course.ko.md (the English hash of its new and regenerated sections)".into());
    let korean = exercise::file(name, exercise::KOREAN_CATALOG);
    std::fs::write(lab.join(&korean), fill(kind.korean))
        .with_context(|| format!("writing {korean}"))?;
    made.push(format!("{korean} (its titles and hints)"));
    let reasons = catalog::add_catalog_entries(&lab, &rules_tables::rule_entries(&lab, name)?)?;
    if !reasons.is_empty() {
        made.push(format!(
            "checker/i18n/ko.ftl ({} reasons of its rules, in English until translated)",
            reasons.len()
        ));
    }
    // The lab's own style for the generated code (and the registration lines).
    for dir in [lab.clone(), lab.join("solutions")] {
        let mut fmt = crate::compile::cargo::cargo_command();
        fmt.args(["fmt", "--all"]).current_dir(&dir);
        let _ = crate::contain::reaper::run_to_completion(&mut fmt);
    }
    // After rustfmt, from the reference as it stays: the stub, and its comments' Korean owed.
    made.extend(derived_stubs::write_derived(&lab, name)?);
    Ok(made)
}

/// A program name the templates can hold.
fn check_program_name(plan: &Plan) -> Result<()> {
    if let Some(p) = plan.program
        && !p
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!("`{p}`: a program name is lowercase letters, digits and dashes");
    }
    Ok(())
}

/// An exercise none of the trees `dirs` has yet.
fn check_free(plan: &Plan, dirs: &[&str]) -> Result<()> {
    for dir in dirs {
        if plan.lab.join(dir).join(plan.name).exists() {
            bail!("{dir}/{} already exists", plan.name);
        }
    }
    Ok(())
}

/// The C track: its packages in c/solutions/ and c/exercises/ (a library's shim beside the
/// checker's), its broken versions, its `C_TRACK` in the test module, its stubs' Korean owed.
fn scaffold_c(plan: &Plan, fill: &dyn Fn(&str) -> String) -> Result<Vec<String>> {
    let lab = &plan.lab;
    let name = plan.name;
    let kind = c_kind(plan);
    let mut files = Vec::new();
    let student = c_files(plan);
    let sources: Vec<&str> = student.iter().map(String::as_str).collect();
    let library = plan.program.is_none().then(|| c_stem(name));
    let makefile = makefiles::makefile(&sources, library);
    for tree in ["c/solutions", "c/exercises"] {
        files.push((format!("{tree}/{name}/Makefile"), makefile.clone()));
    }
    // The references; the stubs are derived from them (below).
    let tree = "c/solutions";
    files.push((format!("{tree}/{name}/{}", student[0]), fill(kind.solution)));
    if let (Some(header), Some(file)) = (kind.header, student.get(1)) {
        files.push((format!("{tree}/{name}/{file}"), fill(header)));
    }
    for (file, template) in kind.shim {
        files.push((
            exercise::file(name, &format!("{}/{file}", exercise::C_SHIM)),
            fill(template),
        ));
    }
    let mut made = write_files(lab, files)?;
    made.push(add_c_proofs(lab, name, &fill(kind.broken))?);
    made.push(add_c_track(lab, name, &fill(kind.track))?);
    if !plan.tracks.has_rust() {
        // The Rust track's scaffold wrote the tables with this row when there was one.
        let names = catalog::registered(lab)?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for file in rules_tables::write_rules_tables(lab, &names, scaffolded_c(plan))? {
            made.push(format!("{file} (its C rules in the rules table)"));
        }
    }
    // The C stubs, and their comments' Korean owed (the Rust ones stay as they are).
    made.extend(derived_stubs::write_derived(lab, name)?);
    Ok(made)
}

/// The C templates of the exercise's kind.
fn c_kind(plan: &Plan) -> &'static templates::CKind {
    match plan.program {
        None => &templates::C_LIBRARY,
        Some(_) => &templates::C_PROGRAM,
    }
}

/// The C rules the scaffold gives the exercise, if it scaffolds its C track: the rules tables
/// show them before a checker is built with its `C_TRACK`.
fn scaffolded_c<'a>(plan: &Plan<'a>) -> rules_tables::ScaffoldedC<'a> {
    plan.tracks
        .has_c()
        .then(|| (plan.name, c_kind(plan).imports))
}

/// The exercise's test module says it is on the C track: `c: Some(&C_TRACK)` in its table,
/// and the `C_TRACK` row after it, formatted as the lab's code is.
fn add_c_track(lab: &Path, name: &str, track: &str) -> Result<String> {
    let rel = exercise::file(name, exercise::TESTS);
    let path = lab.join(&rel);
    if !path.is_file() {
        bail!("{name} has no test module, {rel}");
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {rel}"))?;
    if text.matches("    c: None,\n").count() != 1 {
        bail!("{rel}: its table has no single `c: None,` to make `c: Some(&C_TRACK),`");
    }
    let text = text.replace("    c: None,\n", "    c: Some(&C_TRACK),\n");
    std::fs::write(&path, format!("{}\n\n{track}", text.trim_end()))
        .with_context(|| format!("writing {rel}"))?;
    let mut fmt = std::process::Command::new("rustfmt");
    fmt.args(["--edition", "2024"]).arg(&path);
    let _ = crate::contain::reaper::run_to_completion(&mut fmt);
    Ok(format!(
        "{rel} (its C_TRACK: the files and rules of its C version)"
    ))
}

/// The C track's broken versions join the exercise's one table of proofs, after the Rust
/// track's where it has them (the table's `exercise` line is the Rust template's then).
fn add_c_proofs(lab: &Path, name: &str, c_table: &str) -> Result<String> {
    let rel = exercise::file(name, exercise::PROOFS_TABLE);
    let path = lab.join(&rel);
    let text = match std::fs::read_to_string(&path) {
        Ok(table) => {
            let c: Vec<&str> = c_table
                .lines()
                .filter(|line| !line.starts_with("exercise = "))
                .collect();
            format!("{}\n\n{}\n", table.trim_end(), c.join("\n").trim_end())
        }
        Err(_) => c_table.to_string(),
    };
    std::fs::create_dir_all(path.parent().unwrap_or(lab))
        .with_context(|| format!("creating the folder of {rel}"))?;
    std::fs::write(&path, text).with_context(|| format!("writing {rel}"))?;
    Ok(format!(
        "{rel} (the C track's broken versions, [[c.broken]])"
    ))
}

/// The new exercise's files from the templates, filled in: path under the lab, content.
fn exercise_files(
    plan: &Plan,
    kind: &templates::Kind,
    source: &str,
    fill: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let name = plan.name;
    let dependencies = if plan.program.is_some() {
        "\n[dependencies]\nnix.workspace = true\n"
    } else {
        ""
    };
    let manifest = fill(templates::MANIFEST).replace("__DEPENDENCIES__", dependencies);
    // The rules are written in the solution; the stub gets a copy (which the checker embeds),
    // and its sources are derived from the solution's (`derived_stubs`).
    let mut files = vec![
        (format!("solutions/{name}/Cargo.toml"), manifest),
        (format!("solutions/{name}/clippy.toml"), fill(kind.rules)),
        (format!("solutions/{name}/{source}"), fill(kind.solution)),
        (exercise::file(name, exercise::TESTS), fill(kind.tests)),
        (
            exercise::file(name, exercise::PROOFS_TABLE),
            fill(kind.broken),
        ),
    ];
    if let Some(calls) = kind.calls {
        files.push((exercise::file(name, exercise::HARNESS_CALLS), fill(calls)));
    }
    files
}

/// Write each file under the lab, its directories made: the paths written, in order.
fn write_files(lab: &Path, files: Vec<(String, String)>) -> Result<Vec<String>> {
    let mut made = Vec::new();
    for (rel, content) in files {
        let path = lab.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap_or(lab))
            .with_context(|| format!("creating {}", rel))?;
        std::fs::write(&path, content).with_context(|| format!("writing {rel}"))?;
        made.push(rel);
    }
    Ok(made)
}

/// The course and its Korean twin.
const COURSE: [&str; 2] = ["course.md", "course.ko.md"];
/// The maintainers' document and its twin, which hold the module map.
const MODULE_MAP: [&str; 2] = ["docs/maintainers.md", "docs/maintainers.ko.md"];

/// course.md and course.ko.md as they are.
fn read_courses(lab: &Path) -> Result<[String; 2]> {
    read_pair(lab, COURSE)
}

/// Stamp the Korean sections `new` wrote (its section, the regenerated rules table) with the
/// hash of their English twins, so `verify` finds them in step; a section stale before stays so.
fn restamp_korean(lab: &Path, before: &[String; 2]) -> Result<()> {
    restamp_pair(lab, COURSE, before)
}
