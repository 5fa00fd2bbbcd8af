//! The course notes as a reader finds a section in them: the heading under each anchor (a
//! terminal cannot follow `course.ko.md#byte-order`; the student searches the file for the
//! heading), and the file itself for a terminal that opens links.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::base::i18n::Lang;
use crate::base::workspace::lab_root;

/// The course notes in `lang`: the lab's `course.md` or `course.ko.md`.
pub fn path(lang: Lang) -> PathBuf {
    lab_root().join(lang.course())
}

/// The heading of the section `anchor` in the course in `lang` (`### 바이트 순서` gives
/// `바이트 순서`); `None` where the course has no such anchor or cannot be read.
pub fn heading(lang: Lang, anchor: &str) -> Option<&'static str> {
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    static KO: OnceLock<HashMap<String, String>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    };
    cell.get_or_init(|| headings(&std::fs::read_to_string(path(lang)).unwrap_or_default()))
        .get(anchor)
        .map(String::as_str)
}

/// Every `<a id="anchor"></a>` of a course with the heading right under it.
fn headings(course: &str) -> HashMap<String, String> {
    let mut found = HashMap::new();
    let mut lines = course.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(anchor) = line
            .trim()
            .strip_prefix("<a id=\"")
            .and_then(|rest| rest.strip_suffix("\"></a>"))
        else {
            continue;
        };
        while lines.peek().is_some_and(|l| l.trim().is_empty()) {
            lines.next();
        }
        if let Some(heading) = lines.peek().and_then(|l| l.trim().strip_prefix('#')) {
            let text = heading.trim_start_matches('#').trim();
            found.insert(anchor.to_string(), text.to_string());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_names_the_heading_under_it() {
        let course = "<a id=\"byte-order\"></a>\n### 바이트 순서\n<!-- en: 1 -->\n\n<a id=\"x\"></a>\n\ntext, no heading\n";
        let found = headings(course);
        assert_eq!(
            found.get("byte-order").map(String::as_str),
            Some("바이트 순서")
        );
        assert_eq!(found.get("x"), None);
    }
}
