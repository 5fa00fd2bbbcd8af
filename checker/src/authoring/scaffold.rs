//! A new exercise scaffolded (`checker new`), complete and green from the start: stub and
//! solution packages with the same manifest and rules, the pristine copies `--ci` compares with,
//! a test module with one table, its registration, its sections in course.md and course.ko.md,
//! its row of their rules tables, its Korean titles and hints in ko.ftl, and broken versions
//! that prove its tests, so that `cargo test` and `checker verify` pass at once and an
//! instructor edits working code instead of assembling it. The files start from the templates
//! (checker/templates/).

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{catalog, rules_tables, stamps, stub_comments};

/// What the new exercise is: a library (tested through a harness) or a program.
pub struct Plan<'a> {
    pub name: &'a str,
    pub program: Option<&'a str>,
    /// The clone of the lab it goes into.
    pub lab: std::path::PathBuf,
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

pub fn scaffold(plan: &Plan) -> Result<Vec<String>> {
    let lab = plan.lab.clone();
    let name = plan.name;
    let day = day_of(name)?;
    check_free_and_well_named(plan)?;
    let module = name.replace('-', "_");
    let fill = |template: &str| {
        template
            .replace("__NAME__", name)
            .replace("__MODULE__", &module)
            .replace("__DAY__", &day.to_string())
            .replace("__PROGRAM__", plan.program.unwrap_or_default())
    };
    let kind = match plan.program {
        None => &templates::LIBRARY,
        Some(_) => &templates::PROGRAM,
    };
    let source = source_file(plan);
    let mut made = write_files(&lab, exercise_files(plan, kind, &source, &fill))?;
    made.extend(rules_tables::copy_rules(&lab, name)?);

    let courses_before = read_courses(&lab)?;
    let maps_before = read_pair(&lab, MODULE_MAP)?;
    register(&lab, &module, day)?;
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
    for file in rules_tables::write_rules_tables(&lab, &in_course_order)? {
        made.push(format!("{file} (its row of the rules table)"));
    }
    restamp_korean(&lab, &courses_before)?;
    made.push("course.ko.md (the English hash of its new and regenerated sections)".into());
    append(&lab, "checker/i18n/ko.ftl", &fill(kind.korean))?;
    made.push("checker/i18n/ko.ftl (its titles and hints)".into());
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
    // After rustfmt: the Korean is keyed by the hash of the stub's comments as they stay.
    made.push(write_owed_korean(&lab, &Path::new(name).join(&source))?);
    Ok(made)
}

/// A program name the templates can hold, and an exercise none of the three trees has yet.
fn check_free_and_well_named(plan: &Plan) -> Result<()> {
    let name = plan.name;
    if let Some(p) = plan.program
        && !p
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!("`{p}`: a program name is lowercase letters, digits and dashes");
    }
    for dir in ["exercises", "solutions", "checker/pristine"] {
        if plan.lab.join(dir).join(name).exists() {
            bail!("{dir}/{name} already exists");
        }
    }
    Ok(())
}

/// The new exercise's files from the templates, filled in: path under the lab, content.
fn exercise_files(
    plan: &Plan,
    kind: &templates::Kind,
    source: &str,
    fill: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let (name, module) = (plan.name, plan.name.replace('-', "_"));
    let dependencies = if plan.program.is_some() {
        "\n[dependencies]\nnix.workspace = true\n"
    } else {
        ""
    };
    let manifest = fill(templates::MANIFEST).replace("__DEPENDENCIES__", dependencies);
    // The rules are written in the solution; the stub and checker/pristine/ get copies.
    let mut files = vec![
        (format!("solutions/{name}/Cargo.toml"), manifest),
        (format!("solutions/{name}/clippy.toml"), fill(kind.rules)),
        (format!("solutions/{name}/{source}"), fill(kind.solution)),
        (format!("exercises/{name}/{source}"), fill(kind.stub)),
        (
            format!("checker/src/exercises/{module}.rs"),
            fill(kind.tests),
        ),
        (
            format!("checker/tests/broken-versions/{name}.toml"),
            fill(kind.broken),
        ),
    ];
    if let Some(calls) = kind.calls {
        files.push((format!("checker/harness/calls/{module}.rs"), fill(calls)));
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

/// The Korean file of the stub `stub` (under exercises/), every comment owing its Korean.
fn write_owed_korean(lab: &Path, stub: &Path) -> Result<String> {
    let ko = stub_comments::ko_file(lab, stub);
    let english = std::fs::read_to_string(lab.join("exercises").join(stub))
        .with_context(|| format!("reading exercises/{}", stub.display()))?;
    std::fs::create_dir_all(ko.parent().unwrap_or(lab))
        .with_context(|| format!("creating {}", ko.display()))?;
    std::fs::write(&ko, stub_comments::owed_file(&english))
        .with_context(|| format!("writing {}", ko.display()))?;
    Ok(format!(
        "{} (its comments, their Korean owed)",
        ko.strip_prefix(lab).unwrap_or(&ko).display()
    ))
}

/// The course and its Korean twin.
const COURSE: [&str; 2] = ["course.md", "course.ko.md"];
/// The maintainers' document and its twin, which hold the module map.
const MODULE_MAP: [&str; 2] = ["docs/maintainers.md", "docs/maintainers.ko.md"];

/// A file and its Korean twin as they are.
fn read_pair(lab: &Path, pair: [&str; 2]) -> Result<[String; 2]> {
    let read = |file: &str| {
        std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))
    };
    Ok([read(pair[0])?, read(pair[1])?])
}

/// course.md and course.ko.md as they are.
fn read_courses(lab: &Path) -> Result<[String; 2]> {
    read_pair(lab, COURSE)
}

/// Stamp the Korean sections `new` wrote (its section, the regenerated rules table) with the
/// hash of their English twins, so `verify` finds them in step; a section stale before stays so.
fn restamp_korean(lab: &Path, before: &[String; 2]) -> Result<()> {
    restamp_pair(lab, COURSE, before)
}

/// The same for any file and its Korean twin (`before`: both as they were).
fn restamp_pair(lab: &Path, pair: [&str; 2], [en_before, ko_before]: &[String; 2]) -> Result<()> {
    let [en_after, ko_after] = read_pair(lab, pair)?;
    let restamped = stamps::restamp(en_before, ko_before, &en_after, &ko_after);
    std::fs::write(lab.join(pair[1]), restamped).with_context(|| format!("writing {}", pair[1]))
}

/// The new module in the `exercises/` row of the maintainers' module map (bench/modules.py checks that
/// the map names every module of the tree): after the exercises, before the families.
fn add_to_module_map(lab: &Path, file: &str, module: &str) -> Result<()> {
    let path = lab.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {file}"))?;
    let mut done = false;
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|line| match line.find(';') {
            Some(at) if !done && line.starts_with("| `exercises/` |") => {
                done = true;
                format!("{}, `{module}`{}", &line[..at], &line[at..])
            }
            _ => line.to_string(),
        })
        .collect();
    if !done {
        bail!("{file}: no `exercises/` row with a `;` in its module map");
    }
    std::fs::write(&path, lines.concat()).with_context(|| format!("writing {file}"))
}

/// The files a new exercise starts from (checker/templates/): real files, with placeholders
/// (`__NAME__`, `__MODULE__`, `__DAY__`, `__PROGRAM__`) filled in.
mod templates {
    pub const MANIFEST: &str = include_str!("../../templates/manifest.toml");

    pub struct Kind {
        pub rules: &'static str,
        pub solution: &'static str,
        pub stub: &'static str,
        pub tests: &'static str,
        pub calls: Option<&'static str>,
        pub broken: &'static str,
        /// Its sections in course.md and course.ko.md, and its entries in ko.ftl.
        pub course: &'static str,
        pub course_ko: &'static str,
        pub korean: &'static str,
    }

    pub const LIBRARY: Kind = Kind {
        rules: include_str!("../../templates/library/rules.toml"),
        solution: include_str!("../../templates/library/solution.rs"),
        stub: include_str!("../../templates/library/stub.rs"),
        tests: include_str!("../../templates/library/tests.rs"),
        calls: Some(include_str!("../../templates/library/calls.rs")),
        broken: include_str!("../../templates/library/broken.toml"),
        course: include_str!("../../templates/library/course.md"),
        course_ko: include_str!("../../templates/library/course.ko.md"),
        korean: include_str!("../../templates/library/ko.ftl"),
    };

    pub const PROGRAM: Kind = Kind {
        rules: include_str!("../../templates/program/rules.toml"),
        solution: include_str!("../../templates/program/solution.rs"),
        stub: include_str!("../../templates/program/stub.rs"),
        tests: include_str!("../../templates/program/tests.rs"),
        calls: None,
        broken: include_str!("../../templates/program/broken.toml"),
        course: include_str!("../../templates/program/course.md"),
        course_ko: include_str!("../../templates/program/course.ko.md"),
        korean: include_str!("../../templates/program/ko.ftl"),
    };
}

/// `mod <module>;` and the `ALL` entry, in course order (after the last exercise of its day).
fn register(lab: &Path, module: &str, day: u8) -> Result<()> {
    let path = lab.join("checker/src/exercises/mod.rs");
    let text = std::fs::read_to_string(&path).context("reading checker/src/exercises/mod.rs")?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // After the last exercise module (`mod day5_pipe;`), not a `mod tests {` block.
    let last_mod = lines
        .iter()
        .rposition(|l| l.starts_with("mod day") && l.ends_with(';'))
        .context("no `mod day...;` line in exercises/mod.rs")?;
    lines.insert(last_mod + 1, format!("mod {module};"));
    let day_of = |l: &str| -> Option<u8> {
        l.trim()
            .strip_prefix("&day")
            .and_then(|r| r.split('_').next())
            .and_then(|d| d.parse().ok())
    };
    let after = lines
        .iter()
        .rposition(|l| day_of(l).is_some_and(|d| d <= day));
    let at = match after {
        Some(i) => i + 1,
        None => {
            lines
                .iter()
                .position(|l| l.contains("pub static ALL"))
                .context("no ALL in exercises/mod.rs")?
                + 1
        }
    };
    lines.insert(at, format!("    &{module}::EXERCISE,"));
    std::fs::write(&path, lines.join("\n") + "\n")
        .context("writing checker/src/exercises/mod.rs")?;
    Ok(())
}

fn add_member(lab: &Path, name: &str) -> Result<()> {
    let path = lab.join("solutions/Cargo.toml");
    let text = std::fs::read_to_string(&path).context("reading solutions/Cargo.toml")?;
    let updated: Vec<String> = text
        .lines()
        .map(|l| {
            match l
                .strip_prefix("members = [")
                .and_then(|r| r.strip_suffix(']'))
            {
                Some(list) => format!("members = [{list}, \"{name}\"]"),
                None => l.to_string(),
            }
        })
        .collect();
    std::fs::write(&path, updated.join("\n") + "\n").context("writing solutions/Cargo.toml")
}

/// The exercise's section in `file` (course.md or course.ko.md, which keep the same anchors in
/// the same order), at the end of its day: before the next day's anchor, else before the part
/// that follows the last day (the appendices), else at the end.
fn add_course_section(lab: &Path, file: &str, section: &str, day: u8) -> Result<()> {
    let path = lab.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {file}"))?;
    std::fs::write(&path, with_section(&text, section, day))
        .with_context(|| format!("writing {file}"))
}

fn with_section(text: &str, section: &str, day: u8) -> String {
    let next_day = format!("<a id=\"day{}\"></a>", day + 1);
    let after_last_day = || {
        let last_day = text.rfind("<a id=\"day")?;
        let mut at = last_day + 1;
        while let Some(found) = text[at..].find("<a id=\"") {
            let anchor = at + found;
            let line_end = text[anchor..]
                .find('\n')
                .map_or(text.len(), |e| anchor + e + 1);
            if text[line_end..].starts_with("## ") {
                return Some(anchor);
            }
            at = anchor + 1;
        }
        None
    };
    match text.find(&next_day).or_else(after_last_day) {
        Some(at) => format!("{}{section}{}", &text[..at], &text[at..]),
        None => format!("{}\n\n{}", text.trim_end(), section.trim_end()) + "\n",
    }
}

/// `text` at the end of the lab's file `rel`.
fn append(lab: &Path, rel: &str, text: &str) -> Result<()> {
    let path = lab.join(rel);
    let current = std::fs::read_to_string(&path).with_context(|| format!("reading {rel}"))?;
    let updated = format!("{}\n{}", current.trim_end(), text.trim_end()) + "\n";
    std::fs::write(&path, updated).with_context(|| format!("writing {rel}"))
}

#[cfg(test)]
mod tests {
    use super::with_section;

    const COURSE: &str = "<a id=\"day5\"></a>\n## Day 5\n<a id=\"day5-poll\"></a>\n### Ex\n<a id=\"day5-review\"></a>\n### Review\n<a id=\"sockets-api\"></a>\n## Appendix A\n<a id=\"socket\"></a>\n### socket\n";

    #[test]
    fn a_section_ends_its_day_before_the_appendices() {
        let got = with_section(COURSE, "<a id=\"day6-x\"></a>\nNEW\n", 6);
        assert!(
            got.contains("### Review\n<a id=\"day6-x\"></a>\nNEW\n<a id=\"sockets-api\"></a>"),
            "{got}"
        );
        let got = with_section(COURSE, "<a id=\"day4-x\"></a>\nNEW\n", 4);
        assert!(
            got.starts_with("<a id=\"day4-x\"></a>\nNEW\n<a id=\"day5\"></a>"),
            "{got}"
        );
        let got = with_section("# Course\n", "NEW\n", 1);
        assert_eq!(got, "# Course\n\nNEW\n");
    }
}
