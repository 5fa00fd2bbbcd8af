//! `checker new <dayN>-<name>`: scaffold a new exercise, complete and green from the start —
//! stub and solution packages with the same manifest and rules, the pristine copies `--ci`
//! compares with, a test module with one table, its registration, a course.md section, and
//! broken versions that prove its tests — so that an instructor edits working code instead of
//! assembling it. README's instructor guide walks through the rest.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::base::workspace;

/// What the new exercise is: a library (tested through a harness) or a program.
pub struct Plan<'a> {
    pub name: &'a str,
    pub program: Option<&'a str>,
}

/// `checker new <name> [--binary NAME]`: scaffold, then say what was made and what comes next.
pub fn run(name: &str, binary: Option<&str>) -> Result<std::process::ExitCode> {
    let made = scaffold(&Plan {
        name,
        program: binary,
    })?;
    println!("Scaffolded {name}:");
    for file in made {
        println!("  {file}");
    }
    println!(
        "\nNext: `cargo run -p checker {name}` (the stub says not started), \
         `cargo run -p checker -- --solutions {name}` (the reference passes), then replace \
         every TODO; README's instructor guide walks through it."
    );
    Ok(std::process::ExitCode::SUCCESS)
}

pub fn scaffold(plan: &Plan) -> Result<Vec<String>> {
    let lab = workspace::lab_root();
    let name = plan.name;
    let day: u8 = name
        .strip_prefix("day")
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
        })?;
    if let Some(p) = plan.program
        && !p
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!("`{p}`: a program name is lowercase letters, digits and dashes");
    }
    let module = name.replace('-', "_");
    for dir in ["exercises", "solutions", "checker/pristine"] {
        if lab.join(dir).join(name).exists() {
            bail!("{dir}/{name} already exists");
        }
    }
    let mut made = Vec::new();
    let mut write = |rel: String, content: String| -> Result<()> {
        let path = lab.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap_or(&lab))
            .with_context(|| format!("creating {}", rel))?;
        std::fs::write(&path, content).with_context(|| format!("writing {rel}"))?;
        made.push(rel);
        Ok(())
    };

    let fill = |template: &str| {
        template
            .replace("__NAME__", name)
            .replace("__MODULE__", &module)
            .replace("__DAY__", &day.to_string())
            .replace("__PROGRAM__", plan.program.unwrap_or_default())
    };
    let dependencies = if plan.program.is_some() {
        "\n[dependencies]\nnix.workspace = true\n"
    } else {
        ""
    };
    let manifest = fill(templates::MANIFEST).replace("__DEPENDENCIES__", dependencies);
    let kind = match plan.program {
        None => &templates::LIBRARY,
        Some(_) => &templates::PROGRAM,
    };
    for tree in ["exercises", "solutions", "checker/pristine"] {
        write(format!("{tree}/{name}/Cargo.toml"), manifest.clone())?;
        write(format!("{tree}/{name}/clippy.toml"), fill(kind.rules))?;
    }
    let source = match plan.program {
        None => "src/lib.rs".to_string(),
        Some(p) => format!("src/bin/{p}.rs"),
    };
    write(format!("solutions/{name}/{source}"), fill(kind.solution))?;
    write(format!("exercises/{name}/{source}"), fill(kind.stub))?;
    write(
        format!("checker/src/exercises/{module}.rs"),
        fill(kind.tests),
    )?;
    if let Some(calls) = kind.calls {
        write(format!("checker/harness/calls/{module}.rs"), fill(calls))?;
    }
    write(
        format!("checker/tests/broken-versions/{name}.toml"),
        fill(kind.broken),
    )?;

    register(&lab, name, &module, day)?;
    made.push("checker/src/exercises/mod.rs (registered)".into());
    add_member(&lab, name)?;
    made.push("solutions/Cargo.toml (member added)".into());
    add_course_section(&lab, name, day, plan.program)?;
    made.push("course.md (section added)".into());
    // The lab's own style for the generated code (and the registration lines).
    for dir in [lab.clone(), lab.join("solutions")] {
        let mut fmt = crate::build::cargo::cargo_command();
        fmt.args(["fmt", "--all"]).current_dir(&dir);
        let _ = crate::contain::reaper::run_to_completion(&mut fmt);
    }
    Ok(made)
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
    }

    pub const LIBRARY: Kind = Kind {
        rules: include_str!("../../templates/library/rules.toml"),
        solution: include_str!("../../templates/library/solution.rs"),
        stub: include_str!("../../templates/library/stub.rs"),
        tests: include_str!("../../templates/library/tests.rs"),
        calls: Some(include_str!("../../templates/library/calls.rs")),
        broken: include_str!("../../templates/library/broken.toml"),
    };

    pub const PROGRAM: Kind = Kind {
        rules: include_str!("../../templates/program/rules.toml"),
        solution: include_str!("../../templates/program/solution.rs"),
        stub: include_str!("../../templates/program/stub.rs"),
        tests: include_str!("../../templates/program/tests.rs"),
        calls: None,
        broken: include_str!("../../templates/program/broken.toml"),
    };
}

/// `mod <module>;` and the `ALL` entry, in course order (after the last exercise of its day).
fn register(lab: &Path, name: &str, module: &str, day: u8) -> Result<()> {
    let path = lab.join("checker/src/exercises/mod.rs");
    let text = std::fs::read_to_string(&path).context("reading checker/src/exercises/mod.rs")?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let last_mod = lines
        .iter()
        .rposition(|l| l.starts_with("mod "))
        .context("no `mod` line in exercises/mod.rs")?;
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
    let _ = name;
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

/// The exercise's section, at the end of its day (before the next day's anchor).
fn add_course_section(lab: &Path, name: &str, day: u8, program: Option<&str>) -> Result<()> {
    let path = lab.join("course.md");
    let text = std::fs::read_to_string(&path).context("reading course.md")?;
    let test = if program.is_some() {
        "greets"
    } else {
        "double"
    };
    let section = format!(
        "<a id=\"{name}\"></a>\n### Exercise {name}\n\nTODO: what to write (the exact contract), the rules, and the C calls beside their nix\nequivalents. Grade it with `cargo run -p checker {name}`.\n\n**What the checker tests.**\n\n- `{test}` — TODO one line per test.\n\nAnd `rules`.\n\n"
    );
    let next_day = format!("<a id=\"day{}\"></a>", day + 1);
    let updated = match text.find(&next_day) {
        Some(at) => format!("{}{section}{}", &text[..at], &text[at..]),
        None => format!("{}\n{section}", text.trim_end()),
    };
    std::fs::write(&path, updated).context("writing course.md")
}
