//! The lab in two languages (issue 18): the message catalogs (`checker/i18n/*.ftl`) and the
//! Korean twins of the course and README.

use std::path::Path;

use anyhow::Result;

use crate::authoring::stamps::TWINS;
use crate::base::files::rust_files;
use crate::base::i18n::catalog;
use crate::base::tracks;
use crate::exercises;
use crate::lab::test::{catalog_keys, tests_of};

/// The catalogs parse; English has every id the checker's code names; Korean has every English
/// message, every exercise's and test's title and hint, every hint the C track words apart
/// (`TestCase::hint_c`, under `<owner>--<test>--hint-c`), and every rule's reason, Rust's and C's (else the report says
/// which keys are missing, and English is shown for them meanwhile); Korean has no key English
/// lacks, and passes no variable English does not.
pub fn catalogs(lab: &Path) -> Result<Vec<String>> {
    let mut table_keys: Vec<String> = exercises::ALL
        .iter()
        .flat_map(|e| catalog_keys(e))
        .collect();
    table_keys.extend(crate::cli::help_keys());
    // The rules' reasons: English in each clippy.toml, Korean in ko.ftl by the English's hash.
    let names: Vec<&str> = exercises::ALL.iter().map(|e| e.name).collect();
    table_keys.extend(crate::lab::rules::reason_keys(&names));
    // The C rules' reasons: English in each exercise's table, Korean by the same hash.
    table_keys.extend(
        crate::exercises::kit::c_imports::catalog_entries()
            .into_iter()
            .map(|(k, _)| k),
    );
    let mut used = Vec::new();
    for file in rust_files(&lab.join("checker/src")) {
        let source = std::fs::read_to_string(&file.path)?;
        used.extend(catalog::ids_in_source(&source));
    }
    used.sort();
    used.dedup();
    Ok(catalog::problems(&table_keys, &used))
}

/// course.ko.md is course.md's twin: the same `<a id>` anchors in the same order, the same test
/// ids in each exercise's section, as many fenced code blocks and mermaid diagrams; README.ko.md
/// exists, each README links to the other on its first line, and both have as many sections.
pub fn course_parity(lab: &Path) -> Result<Vec<String>> {
    let en = std::fs::read_to_string(lab.join("course.md"))?;
    let mut problems = match std::fs::read_to_string(lab.join("course.ko.md")) {
        Ok(ko) => {
            let sections: Vec<(&str, Vec<&str>)> = exercises::ALL
                .iter()
                .map(|e| {
                    let ids = tests_of(e).iter().map(|t| t.id).collect();
                    (e.section, ids)
                })
                .collect();
            parity(&en, &ko, &sections)
        }
        Err(_) => vec!["course.ko.md is missing".to_string()],
    };
    let mut headings = Vec::new();
    for (file, first, other) in [
        ("README.md", README_EN_FIRST, "README.ko.md"),
        ("README.ko.md", README_KO_FIRST, "README.md"),
    ] {
        match std::fs::read_to_string(lab.join(file)) {
            Ok(text) => {
                if text.lines().next() != Some(first) {
                    problems.push(format!(
                        "{file} does not link to {other} on its first line (it should read `{first}`)"
                    ));
                }
                headings.push(section_headings(&text).len());
            }
            Err(_) => problems.push(format!("{file} is missing")),
        }
    }
    if let [en, ko] = headings[..]
        && en != ko
    {
        problems.push(format!(
            "README.md has {en} sections (`## ` headings), README.ko.md {ko}: a section added to one is missing from the other"
        ));
    }
    problems.extend(track_regions(lab));
    Ok(problems)
}

/// Each document's track regions are well fenced, and its twin has the same regions in the
/// same order: a C form written in one language only would leave the other's C class the
/// Rust form.
fn track_regions(lab: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (en, ko) in TWINS {
        let (Ok(en_text), Ok(ko_text)) = (
            std::fs::read_to_string(lab.join(en)),
            std::fs::read_to_string(lab.join(ko)),
        ) else {
            continue;
        };
        for (file, text) in [(en, &en_text), (ko, &ko_text)] {
            for problem in tracks::problems(text) {
                problems.push(format!("{file}, {problem}"));
            }
        }
        let (en_regions, ko_regions) = (tracks::regions(&en_text), tracks::regions(&ko_text));
        if en_regions != ko_regions {
            let at = en_regions
                .iter()
                .zip(&ko_regions)
                .position(|(a, b)| a != b)
                .unwrap_or(en_regions.len().min(ko_regions.len()));
            problems.push(format!(
                "{en} has {} track regions and {ko} {}, the same up to region {}: each C or Rust form needs its twin",
                en_regions.len(),
                ko_regions.len(),
                at + 1
            ));
        }
    }
    problems
}

/// The `## ` headings of a README, outside code blocks.
fn section_headings(text: &str) -> Vec<&str> {
    let mut in_code = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            !in_code && l.starts_with("## ")
        })
        .collect()
}

pub const README_EN_FIRST: &str = "English · [한국어](README.ko.md)";
pub const README_KO_FIRST: &str = "[English](README.md) · 한국어";

/// What differs between the course and its Korean twin. `sections` are each exercise's
/// anchor and test ids.
fn parity(en: &str, ko: &str, sections: &[(&str, Vec<&str>)]) -> Vec<String> {
    let mut problems = Vec::new();
    let (en_anchors, ko_anchors) = (anchors(en), anchors(ko));
    if en_anchors != ko_anchors {
        let at = en_anchors
            .iter()
            .zip(&ko_anchors)
            .position(|(a, b)| a != b)
            .unwrap_or(en_anchors.len().min(ko_anchors.len()));
        problems.push(format!(
            "the anchors differ from the {}th on: course.md has {}, course.ko.md has {} ({} and {} anchors in all)",
            at + 1,
            en_anchors.get(at).map_or("nothing", |s| s.as_str()),
            ko_anchors.get(at).map_or("nothing", |s| s.as_str()),
            en_anchors.len(),
            ko_anchors.len()
        ));
    }
    for (section, ids) in sections {
        let (in_en, in_ko) = (section_of(en, section), section_of(ko, section));
        for id in ids {
            let quoted = format!("`{id}`");
            if in_en.contains(&quoted) && !in_ko.contains(&quoted) {
                problems.push(format!(
                    "course.ko.md#{section} does not mention the test `{id}` (course.md does)"
                ));
            }
        }
    }
    let fences = |text: &str, lang: &str| {
        let opening = format!("```{lang}");
        text.lines()
            .filter(|l| l.trim_start().starts_with(&opening))
            .count()
    };
    for (what, lang) in [("fenced code blocks", ""), ("mermaid diagrams", "mermaid")] {
        let (e, k) = (fences(en, lang), fences(ko, lang));
        if e != k {
            problems.push(format!(
                "course.md has {e} {what} (fence lines, for code blocks), course.ko.md {k}"
            ));
        }
    }
    problems
}

fn anchors(text: &str) -> Vec<String> {
    text.split("<a id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// An exercise's section: from its anchor to the next exercise's (`<a id="day...`).
fn section_of<'a>(text: &'a str, section: &str) -> &'a str {
    let Some(start) = text.find(&format!("<a id=\"{section}\"")) else {
        return "";
    };
    let rest = &text[start + 1..];
    let end = rest.find("\n<a id=\"day").unwrap_or(rest.len());
    &rest[..end]
}

#[cfg(test)]
mod tests {
    use super::parity;

    const EN: &str = "# Course\n<a id=\"intro\"></a>\n## Intro\n```sh\nls\n```\n<a id=\"day1-x\"></a>\n## Exercise\n- `alpha`\n- `beta`\n```mermaid\nA->>B: hi\n```\n";

    #[test]
    fn twins_agree() {
        let ko = EN
            .replace("## Intro", "## 소개")
            .replace("Exercise", "실습");
        assert!(parity(EN, &ko, &[("day1-x", vec!["alpha", "beta"])]).is_empty());
    }

    #[test]
    fn parity_names_what_differs() {
        let ko = EN
            .replace("<a id=\"intro\"></a>", "<a id=\"intro-ko\"></a>")
            .replace("- `beta`\n", "")
            .replace("```mermaid\nA->>B: hi\n```\n", "");
        let found = parity(EN, &ko, &[("day1-x", vec!["alpha", "beta"])]).join("\n");
        assert!(
            found.contains("course.md has intro, course.ko.md has intro-ko"),
            "{found}"
        );
        assert!(
            found.contains("course.ko.md#day1-x does not mention the test `beta`"),
            "{found}"
        );
        assert!(
            found.contains(
                "course.md has 4 fenced code blocks (fence lines, for code blocks), course.ko.md 2"
            ),
            "{found}"
        );
        assert!(
            found.contains("course.md has 1 mermaid diagrams"),
            "{found}"
        );
    }

    #[test]
    fn a_missing_twin_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("course.md"), EN).unwrap();
        let found = super::course_parity(dir.path()).unwrap();
        assert!(
            found.contains(&"course.ko.md is missing".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"README.ko.md is missing".to_string()),
            "{found:?}"
        );
    }

    /// The lab's documents keep their track regions well fenced and twinned.
    #[test]
    fn the_lab_s_track_regions_are_well_fenced_and_twinned() {
        let problems = super::track_regions(&crate::base::workspace::lab_root());
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn korean_has_every_message_and_every_title_and_hint_of_this_tree() {
        let problems = super::catalogs(&crate::base::workspace::lab_root()).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// The READMEs open with what a student does (issue 24): until the instructors' part, no
    /// sandbox jargon, every command typed as it runs (`cargo run -p checker -- list`, never a
    /// bare `checker list`), and the first run's minute said.
    #[test]
    fn each_readme_starts_with_the_student_part() {
        let lab = crate::base::workspace::lab_root();
        for (file, instructors, minute) in [
            ("README.md", "## For instructors", "about a minute"),
            ("README.ko.md", "## 강사와 관리자를 위해", "1분쯤"),
        ] {
            let text = std::fs::read_to_string(lab.join(file)).unwrap();
            let student = &text[..text.find(instructors).expect(instructors)];
            assert!(student.contains(minute), "{file}: the first build's minute");
            for jargon in ["namespace", "subreaper", "cgroup", "RLIMIT", "seccomp"] {
                assert!(
                    !student.contains(jargon),
                    "{file}: {jargon} in the student part"
                );
            }
            for line in student.lines().filter(|l| !l.starts_with('#')) {
                assert!(
                    !line.contains("`checker "),
                    "{file}: a bare command in {line}"
                );
            }
        }
    }
}
