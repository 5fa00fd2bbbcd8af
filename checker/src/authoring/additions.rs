//! Where a new exercise joins the lab's shared files, each edited in place: its registration
//! in `checker/src/exercises/mod.rs` (in course order), its member of the solutions'
//! workspace, its module in the maintainers' module map, its sections in the two courses, its
//! entries at the end of a catalog.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::base::workspace::in_exercise_folder;

/// The new module in the `exercises/` row of the maintainers' module map (bench/modules.py checks that
/// the map names every module of the tree): after the exercises, before the families.
pub fn add_to_module_map(lab: &Path, file: &str, module: &str) -> Result<()> {
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

/// `mod <module>;` from its folder (`#[path = "../../exercises/<name>/mod.rs"]`) and the `ALL`
/// entry, in course order (after the last exercise of its day).
pub fn register(lab: &Path, name: &str, day: u8) -> Result<()> {
    let module = name.replace('-', "_");
    let path = lab.join("checker/src/exercises/mod.rs");
    let text = std::fs::read_to_string(&path).context("reading checker/src/exercises/mod.rs")?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // After the last exercise module (`mod day5_pipe;`), not a `mod tests {` block.
    let last_mod = lines
        .iter()
        .rposition(|l| l.starts_with("mod day") && l.ends_with(';'))
        .context("no `mod day...;` line in exercises/mod.rs")?;
    lines.insert(last_mod + 1, format!("mod {module};"));
    lines.insert(
        last_mod + 1,
        format!(
            "#[path = \"../../exercises/{name}/{}\"]",
            in_exercise_folder::TESTS
        ),
    );
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

pub fn add_member(lab: &Path, name: &str) -> Result<()> {
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
pub fn add_course_section(lab: &Path, file: &str, section: &str, day: u8) -> Result<()> {
    let path = lab.join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {file}"))?;
    std::fs::write(&path, with_section(&text, section, day))
        .with_context(|| format!("writing {file}"))
}

pub fn with_section(text: &str, section: &str, day: u8) -> String {
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
