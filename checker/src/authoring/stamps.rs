//! Translations that fell behind (issue 30), the way comprehensive-rust's translations track
//! their source: under each heading of a Korean twin, a comment records a hash of the English
//! section it was translated from (`<!-- en: 0123456789abcdef -->`). When the English section
//! changes, its hash no longer matches, and verify names the Korean section to bring up to date.
//!
//! Sections are paired by position: the twins have the same headings, in the same order, at the
//! same levels (a section added to one is reported too). A section is its heading and the
//! text up to the next heading, whatever its level; anchors (`<a id>`) are left out, since the
//! parity check compares them already.

use std::path::Path;

use anyhow::{Context, Result};

/// The documents written for both tracks (`base::tracks`), each beside its Korean twin.
pub const TWINS: [(&str, &str); 4] = [
    ("course.md", "course.ko.md"),
    ("README.md", "README.ko.md"),
    ("docs/instructors.md", "docs/instructors.ko.md"),
    ("docs/maintainers.md", "docs/maintainers.ko.md"),
];

/// One section of a Markdown text: its heading's line (from 1), level and title, and its text.
#[derive(Debug)]
pub struct Section {
    pub line: usize,
    pub level: usize,
    pub title: String,
    pub text: String,
    /// The hash the section records on the line after its heading, if any.
    pub recorded: Option<String>,
}

/// The sections of a Markdown text, headings inside fenced blocks excepted. What comes before
/// the first heading belongs to no section.
pub fn sections(text: &str) -> Vec<Section> {
    let lines: Vec<&str> = text.lines().collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut in_fence = false;
    for (n, line) in lines.iter().enumerate() {
        if line
            .trim_start()
            .trim_start_matches('>')
            .trim_start()
            .starts_with("```")
        {
            in_fence = !in_fence;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        let heading = !in_fence && (1..=6).contains(&level) && line[level..].starts_with(' ');
        if heading {
            let recorded = lines
                .get(n + 1)
                .and_then(|next| next.trim().strip_prefix("<!-- en: "))
                .and_then(|rest| rest.strip_suffix(" -->"))
                .map(str::to_string);
            sections.push(Section {
                line: n + 1,
                level,
                title: line[level..].trim().to_string(),
                text: String::new(),
                recorded,
            });
        }
        if let Some(current) = sections.last_mut()
            && !line.trim_start().starts_with("<a id=\"")
        {
            current.text.push_str(line.trim_end());
            current.text.push('\n');
        }
    }
    sections
}

/// The hash of a section's text: FNV-1a, 64 bits, in hex. Stable across Rust versions and
/// machines (unlike `DefaultHasher`), which a hash written into a file must be.
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.trim().bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What differs between an English text and its Korean twin's record of it.
pub fn stale(en_name: &str, en: &str, ko_name: &str, ko: &str) -> Vec<String> {
    let (en_sections, ko_sections) = (sections(en), sections(ko));
    let mut problems = Vec::new();
    for (e, k) in en_sections.iter().zip(&ko_sections) {
        if e.level != k.level {
            problems.push(format!(
                "{ko_name}:{} \"{}\" is a level-{} heading where {en_name}:{} \"{}\" is level {}: the twins' sections no longer pair up from here",
                k.line, k.title, k.level, e.line, e.title, e.level
            ));
            return problems;
        }
        let now = hash(&e.text);
        match &k.recorded {
            Some(recorded) if *recorded == now => {}
            Some(_) => problems.push(format!(
                "{ko_name}:{} \"{}\" is stale: {en_name}:{} \"{}\" changed since it was translated; bring the Korean up to date, then write `<!-- en: {now} -->` under its heading",
                k.line, k.title, e.line, e.title
            )),
            None => problems.push(format!(
                "{ko_name}:{} \"{}\" records no English hash: once it is the translation of {en_name}:{} \"{}\", write `<!-- en: {now} -->` under its heading",
                k.line, k.title, e.line, e.title
            )),
        }
    }
    if en_sections.len() != ko_sections.len() {
        let (longer, name) = if en_sections.len() > ko_sections.len() {
            (&en_sections, en_name)
        } else {
            (&ko_sections, ko_name)
        };
        let extra = &longer[en_sections.len().min(ko_sections.len())];
        problems.push(format!(
            "{en_name} has {} sections and {ko_name} {}: {name}:{} \"{}\" has no twin",
            en_sections.len(),
            ko_sections.len(),
            extra.line,
            extra.title
        ));
    }
    problems
}

/// Which Korean sections of a pair of twins are in step with their English one, by their
/// heading (level, title, and how many same headings came before: titles repeat).
fn in_step(en: &str, ko: &str) -> std::collections::BTreeMap<(usize, String, usize), bool> {
    let mut seen = std::collections::BTreeMap::new();
    let mut found = std::collections::BTreeMap::new();
    for (e, k) in sections(en).iter().zip(sections(ko)) {
        if e.level != k.level {
            break;
        }
        let nth = seen.entry((k.level, k.title.clone())).or_insert(0);
        *nth += 1;
        let key = (k.level, k.title.clone(), *nth);
        found.insert(key, k.recorded.as_deref() == Some(hash(&e.text).as_str()));
    }
    found
}

/// The Korean twin `ko_after`, restamped after a tool (`checker new`) edited both twins
/// (`en_before`, `ko_before` before): a section the tool added, or one in step before and
/// changed in both by the tool (a generated table), records its English hash as it is now.
/// A section that was stale before stays stale, for a person to bring up to date.
pub fn restamp(en_before: &str, ko_before: &str, en_after: &str, ko_after: &str) -> String {
    let before = in_step(en_before, ko_before);
    let mut lines: Vec<String> = ko_after.lines().map(str::to_string).collect();
    let mut seen = std::collections::BTreeMap::new();
    let mut edits = Vec::new();
    for (e, k) in sections(en_after).iter().zip(sections(ko_after)) {
        if e.level != k.level {
            break;
        }
        let nth = seen.entry((k.level, k.title.clone())).or_insert(0);
        *nth += 1;
        let now = hash(&e.text);
        let was_in_step = before.get(&(k.level, k.title.clone(), *nth));
        if k.recorded.as_deref() != Some(now.as_str()) && was_in_step != Some(&false) {
            edits.push((k.line, k.recorded.is_some(), format!("<!-- en: {now} -->")));
        }
    }
    // From the end, so that an inserted line moves none of the lines still to edit.
    for (heading, has_stamp, stamp) in edits.into_iter().rev() {
        if has_stamp {
            lines[heading] = stamp;
        } else {
            lines.insert(heading, stamp);
        }
    }
    lines.join("\n") + if ko_after.ends_with('\n') { "\n" } else { "" }
}

/// A file and its Korean twin as they are.
pub fn read_pair(lab: &Path, pair: [&str; 2]) -> Result<[String; 2]> {
    let read = |file: &str| {
        std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))
    };
    Ok([read(pair[0])?, read(pair[1])?])
}

/// Restamp the Korean twin of a file a tool edited (`restamp`; `before`: both as they were).
pub fn restamp_pair(
    lab: &Path,
    pair: [&str; 2],
    [en_before, ko_before]: &[String; 2],
) -> Result<()> {
    let [en_after, ko_after] = read_pair(lab, pair)?;
    let restamped = restamp(en_before, ko_before, &en_after, &ko_after);
    std::fs::write(lab.join(pair[1]), restamped).with_context(|| format!("writing {}", pair[1]))
}

/// Every Korean section of the course, README and the docs records the hash of its English twin.
pub fn check(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (en_name, ko_name) in TWINS {
        let read = |name: &str| {
            std::fs::read_to_string(lab.join(name)).with_context(|| format!("reading {name}"))
        };
        problems.extend(stale(en_name, &read(en_name)?, ko_name, &read(ko_name)?));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "# Course\n\nIntro.\n\n<a id=\"one\"></a>\n## One\n\nFirst text.\n\n```sh\n# not a heading\n```\n\n<a id=\"two\"></a>\n### Two\n\nSecond text.\n";

    /// The Korean twin of `en`, each heading stamped with its English section's hash.
    fn translated(en: &str) -> String {
        let headings = ["# 교재", "## 하나", "### 둘"];
        headings
            .iter()
            .zip(sections(en))
            .map(|(heading, section)| {
                format!(
                    "{heading}\n<!-- en: {} -->\n\n본문.\n\n",
                    hash(&section.text)
                )
            })
            .collect()
    }

    #[test]
    fn sections_end_at_the_next_heading_and_skip_code_and_anchors() {
        let found = sections(EN);
        let titles: Vec<&str> = found.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Course", "One", "Two"]);
        assert_eq!(found[1].line, 6);
        assert!(found[1].text.contains("# not a heading"));
        assert!(!found[0].text.contains("<a id"));
    }

    #[test]
    fn an_up_to_date_translation_passes() {
        assert!(stale("course.md", EN, "course.ko.md", &translated(EN)).is_empty());
    }

    #[test]
    fn changing_an_english_section_names_its_korean_twin() {
        let ko = translated(EN);
        let en = EN.replace("Second text.", "Second text, corrected.");
        let found = stale("course.md", &en, "course.ko.md", &ko);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].starts_with("course.ko.md:11 \"둘\" is stale: course.md:15 \"Two\" changed"),
            "{found:#?}"
        );
        assert!(
            found[0].contains(&format!("<!-- en: {} -->", hash(&sections(&en)[2].text))),
            "{found:#?}"
        );
        // Only the changed section: moving an anchor, or trailing spaces, changes nothing.
        let en = EN
            .replace("<a id=\"two\">", "<a id=\"second\">")
            .replace("Intro.", "Intro.  ");
        assert!(stale("course.md", &en, "course.ko.md", &ko).is_empty());
    }

    #[test]
    fn missing_hashes_and_missing_sections_are_named() {
        let ko = translated(EN).replace("<!-- en: ", "<!-- was: ");
        let found = stale("course.md", EN, "course.ko.md", &ko);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].contains("records no English hash"), "{found:#?}");
        let en = format!("{EN}\n## Three\n\nMore.\n");
        let found = stale("course.md", &en, "course.ko.md", &translated(EN));
        assert_eq!(
            found,
            vec!["course.md has 4 sections and course.ko.md 3: course.md:19 \"Three\" has no twin"]
        );
    }

    #[test]
    fn restamping_marks_what_the_tool_wrote_and_keeps_what_was_stale() {
        // One in-step section, one stale one (its English changed without it).
        let ko_before = translated(EN);
        let en_before = EN.replace("First text.", "First text, changed.");
        // The tool edits the two in-step sections and adds one in both languages.
        let en_after = en_before.replace("Second text.", "Second text, generated.")
            + "\n<a id=\"three\"></a>\n### Three\n\nNew.\n";
        let ko_after = ko_before.clone() + "<a id=\"three\"></a>\n### 셋\n\n새 절.\n";
        let got = restamp(&en_before, &ko_before, &en_after, &ko_after);
        let found = stale("course.md", &en_after, "course.ko.md", &got);
        assert_eq!(found.len(), 1, "{found:#?}\n{got}");
        assert!(found[0].contains("\"하나\" is stale"), "{found:#?}");
        assert!(got.contains("### 셋\n<!-- en: "), "{got}");
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        assert_eq!(hash(""), "cbf29ce484222325");
        assert_eq!(hash("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn the_lab_s_korean_is_in_step_with_its_english() {
        let problems = check(&crate::base::workspace::lab_root()).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
