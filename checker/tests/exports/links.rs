//! What a class's documents point at is in its repository: every relative link of README and the
//! course (a file, and an anchor in it), and every `course.md#anchor` a stub cites. A region
//! rendered away for the class's track must take every link to it along.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The anchors of a Markdown text: `<a id="...">`, and each heading's as GitHub makes it
/// (lower case, punctuation left out, blanks as hyphens; Hangul kept).
pub fn anchors(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start_matches(['>', ' ']).starts_with("```") {
            in_code = !in_code;
        }
        if let Some(rest) = line.trim_start().strip_prefix("<a id=\"") {
            found.extend(rest.split('"').next().map(str::to_string));
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        if !in_code && (1..=6).contains(&level) && line[level..].starts_with(' ') {
            found.push(slug(&line[level..]));
        }
    }
    found
}

fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Each broken link of `doc` (a file of `root`), as `doc: target`.
pub fn broken(root: &Path, doc: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(doc)).unwrap_or_default();
    let mut problems = Vec::new();
    // Each file's anchors once: the course links into itself hundreds of times, and finding
    // them again for each link was most of this test process's CPU.
    let mut anchors_of: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    for target in text
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
    {
        if target.contains("://") || target.starts_with("mailto:") || target.contains(' ') {
            continue;
        }
        let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
        let path = if file.is_empty() {
            root.join(doc)
        } else {
            root.join(doc).parent().unwrap().join(file)
        };
        if !path.exists() {
            problems.push(format!("{doc}: ({target}): no {file} in the repository"));
            continue;
        }
        if !anchor.is_empty() && path.is_file() {
            let there = anchors_of.entry(path.clone()).or_insert_with(|| {
                anchors(&std::fs::read_to_string(&path).unwrap_or_default())
                    .into_iter()
                    .collect()
            });
            if !there.contains(anchor) {
                problems.push(format!("{doc}: ({target}): no anchor #{anchor} there"));
            }
        }
    }
    problems
}

/// Each `course.md#anchor` (or `course.ko.md#anchor`) a stub below `exercises` cites that the
/// repository's course lacks.
pub fn stub_citations(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let courses: Vec<(&str, Vec<String>)> = ["course.md", "course.ko.md"]
        .into_iter()
        .map(|c| {
            let text = std::fs::read_to_string(root.join(c)).unwrap_or_default();
            (c, anchors(&text))
        })
        .collect();
    let mut queue = vec![root.join("exercises")];
    while let Some(dir) = queue.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                queue.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for (course, anchors) in &courses {
                let cite = format!("{course}#");
                for rest in text.split(cite.as_str()).skip(1) {
                    // The course's anchors are ASCII (a Korean particle may follow one).
                    let anchor: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if !anchors.contains(&anchor) {
                        problems.push(format!(
                            "{}: cites {course}#{anchor}, which its course lacks",
                            path.strip_prefix(root).unwrap_or(&path).display()
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    #[test]
    fn headings_anchor_as_github_makes_them() {
        let text = "## On macOS or Windows\n## macOS나 윈도우에서\n## See the kernel do it: `checker try`\n<a id=\"c-files\"></a>\n";
        let found = super::anchors(text);
        for a in [
            "on-macos-or-windows",
            "macos나-윈도우에서",
            "see-the-kernel-do-it-checker-try",
            "c-files",
        ] {
            assert!(found.iter().any(|f| f == a), "{a}: {found:?}");
        }
    }

    #[test]
    fn each_link_is_checked_against_its_file_s_anchors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), "# Here\n").unwrap();
        let doc = "[a](b.md#here) [b](b.md#gone) [c](#self) [d](b.md#here)\n<a id=\"self\"></a>\n";
        std::fs::write(dir.path().join("a.md"), doc).unwrap();
        assert_eq!(
            super::broken(dir.path(), "a.md"),
            ["a.md: (b.md#gone): no anchor #gone there"]
        );
    }
}
