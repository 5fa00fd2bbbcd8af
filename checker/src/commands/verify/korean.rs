//! Korean as one teacher writes it (issue 30): course.ko.md and README.ko.md keep one register,
//! the plain 한다체 of a textbook, and one rendering per term, the one course.ko.md's glossary
//! (용어집) gives. The checks read prose only: fenced code blocks, inline code, HTML comments
//! and link targets are what programs print or take, not what the book says.

use std::path::Path;

use anyhow::{Context, Result};

/// The comments around the glossary table in course.ko.md.
pub const GLOSSARY_START: &str = "<!-- glossary: checker verify flags the renderings of the last column in course.ko.md and README.ko.md -->";
pub const GLOSSARY_END: &str = "<!-- end of the glossary -->";

/// The Korean files whose prose is checked.
const KOREAN_FILES: [&str; 4] = [
    "course.ko.md",
    "README.ko.md",
    "docs/instructors.ko.md",
    "docs/maintainers.ko.md",
];

/// A glossary row: the English term, the one Korean rendering, and renderings not to use.
#[derive(Debug, PartialEq)]
pub struct Term {
    pub english: String,
    pub korean: String,
    pub rejected: Vec<String>,
}

/// The lines of a Markdown text that are prose, numbered from 1, with inline code and link
/// targets blanked out. Fenced blocks (also inside block quotes and lists) and HTML comments
/// are skipped whole.
pub fn prose_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    let mut in_comment = false;
    for (n, line) in text.lines().enumerate() {
        let bare = line.trim_start().trim_start_matches('>').trim_start();
        if bare.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = line;
        let mut kept = String::new();
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        kept.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        lines.push((n + 1, without_code_and_targets(&kept)));
    }
    lines
}

/// A line with its `inline code` and `](link targets)` replaced by spaces.
fn without_code_and_targets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut in_target = false;
    let mut previous = ' ';
    for c in line.chars() {
        if in_target {
            if c == ')' {
                in_target = false;
            }
            out.push(' ');
        } else if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if in_code {
            out.push(' ');
        } else if c == '(' && previous == ']' {
            in_target = true;
            out.push(' ');
        } else {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// The glossary of course.ko.md: the rows of the table between its two comments. A row is
/// `| English | 한국어 | 쓰지 않는 말 |`, the last cell a list separated by commas (or `—`).
pub fn glossary(text: &str) -> std::result::Result<Vec<Term>, String> {
    let start = text.find(GLOSSARY_START).ok_or_else(|| {
        format!("course.ko.md has no glossary (a table after `{GLOSSARY_START}`)")
    })?;
    let table = &text[start + GLOSSARY_START.len()..];
    let end = table
        .find(GLOSSARY_END)
        .ok_or_else(|| format!("course.ko.md's glossary does not end with `{GLOSSARY_END}`"))?;
    let mut terms = Vec::new();
    for line in table[..end].lines().map(str::trim) {
        if !line.starts_with('|') || line.starts_with("| ---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [english, korean, rejected, ..] = cells[..] else {
            return Err(format!(
                "a row of course.ko.md's glossary has fewer than three cells: {line}"
            ));
        };
        terms.push(Term {
            english: english.to_string(),
            korean: korean.to_string(),
            rejected: rejected
                .split(',')
                .map(|r| r.trim().trim_matches('`').to_string())
                .filter(|r| !r.is_empty() && r != "—")
                .collect(),
        });
    }
    // The header row names the columns; it is no term.
    if !terms.is_empty() {
        terms.remove(0);
    }
    if terms.is_empty() {
        return Err("course.ko.md's glossary has no terms".to_string());
    }
    Ok(terms)
}

/// Every use in prose of a rendering the glossary rejects, outside the glossary itself. A
/// rendering of two words is found also where a paragraph's line breaks between them.
pub fn glossary_problems(file: &str, text: &str, terms: &[Term]) -> Vec<String> {
    let skip = glossary_lines(text);
    let prose: Vec<_> = prose_lines(text)
        .into_iter()
        .filter(|(n, _)| !skip.contains(n))
        .collect();
    let mut problems = Vec::new();
    for (at, (n, line)) in prose.iter().enumerate() {
        // The next line of the same paragraph, so that "락을\n쥔" is read as "락을 쥔".
        let next = prose
            .get(at + 1)
            .filter(|(next_n, next)| *next_n == n + 1 && !next.trim().is_empty())
            .map_or("", |(_, next)| next.trim_start());
        problems.extend(rejected_in(file, *n, line.trim_end(), next, terms));
    }
    problems
}

/// Every rejected rendering in the given numbered lines, each read alone (a catalog's values).
fn glossary_problems_in(file: &str, lines: &[(usize, String)], terms: &[Term]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|(n, line)| rejected_in(file, *n, line, "", terms))
        .collect()
}

/// The rejected renderings that start in `line` (read on into `next`, the paragraph's next
/// line). A rendering that begins with a Hangul syllable is found only where a word begins:
/// 기한 (a deadline) is not the 기한 of 포기한다, nor 처리기 (a handler) the one of 전처리기.
fn rejected_in(file: &str, n: usize, line: &str, next: &str, terms: &[Term]) -> Vec<String> {
    let joined = if next.is_empty() {
        line.to_string()
    } else {
        format!("{line} {next}")
    };
    let mut problems = Vec::new();
    for term in terms {
        for rejected in &term.rejected {
            let starts_word = rejected.chars().next().is_some_and(is_hangul);
            let found = joined.match_indices(rejected.as_str()).any(|(at, _)| {
                at < line.len()
                    && !(starts_word && joined[..at].chars().next_back().is_some_and(is_hangul))
            });
            if found {
                problems.push(format!(
                    "{file}:{n}: \"{rejected}\" for {}: the glossary says \"{}\"",
                    term.english, term.korean
                ));
            }
        }
    }
    problems
}

/// The line numbers of the glossary table (its comments included), where every rejected
/// rendering is named on purpose; none without a glossary.
fn glossary_lines(text: &str) -> std::ops::Range<usize> {
    let line_of = |at: usize| text[..at].lines().count() + 1;
    match (text.find(GLOSSARY_START), text.find(GLOSSARY_END)) {
        (Some(start), Some(end)) if start < end => line_of(start)..line_of(end) + 1,
        _ => 0..0,
    }
}

/// The polite endings a textbook in 한다체 never uses, with what to write instead.
const POLITE: [(&str, &str); 4] = [
    (
        "세요",
        "an imperative in 한다체: \"-한다\", \"-하자\" or \"-해야 한다\"",
    ),
    (
        "십시오",
        "an imperative in 한다체: \"-한다\", \"-하자\" or \"-해야 한다\"",
    ),
    ("니다", "the 한다체 ending: \"-다\", \"-한다\""),
    ("니까", "a question in 한다체: \"-는가?\", \"-을까?\""),
];

/// Every polite ending (-세요, -십시오, -습니다/-ㅂ니다, -습니까/-ㅂ니까) in prose.
pub fn register_problems(file: &str, text: &str) -> Vec<String> {
    register_problems_in(file, &prose_lines(text))
}

/// Every polite ending in the given numbered lines.
fn register_problems_in(file: &str, lines: &[(usize, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (n, line) in lines {
        let chars: Vec<char> = line.chars().collect();
        for (ending, instead) in POLITE {
            let ending: Vec<char> = ending.chars().collect();
            for at in 0..chars.len().saturating_sub(ending.len() - 1) {
                if chars[at..at + ending.len()] != ending[..] {
                    continue;
                }
                // A word that goes on after it (세요일, 니다음) is not this ending.
                if chars.get(at + ending.len()).copied().is_some_and(is_hangul) {
                    continue;
                }
                // -니다 and -니까 are formal only after a syllable ending in ㅂ (합니다, 있습니다).
                let formal = ending[0] != '니'
                    || at
                        .checked_sub(1)
                        .is_some_and(|before| final_consonant_is_bieup(chars[before]));
                if formal {
                    let word: String = chars[word_start(&chars, at)..at + ending.len()]
                        .iter()
                        .collect();
                    problems.push(format!(
                        "{file}:{n}: \"{word}\" is not 한다체; write {instead}"
                    ));
                }
            }
        }
    }
    problems
}

/// The text of a Fluent catalog's messages, numbered from 1: each message line's value (after
/// `id =`) and its continuation lines; comments, blank lines and the ids themselves left out.
pub fn catalog_values(text: &str) -> Vec<(usize, String)> {
    let mut values = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let value = if line.starts_with(char::is_whitespace) {
            line
        } else {
            line.split_once('=').map_or("", |(_, value)| value)
        };
        values.push((n + 1, value.to_string()));
    }
    values
}

/// The particles whose form depends on the word before them (이/가, 을/를, 은/는, 과/와, (으)로).
const PARTICLES: [&str; 10] = ["으로", "이", "가", "을", "를", "은", "는", "과", "와", "로"];

/// Every particle written right after a value (`{ $port }가`): the value decides the form, so
/// one written form is wrong for half the values (포트 38607가). JOSA chooses it:
/// `{ $port }{ JOSA($port, "이", "가") }`.
pub fn particle_problems(file: &str, values: &[(usize, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (n, line) in values {
        let mut rest = line.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let inside = rest[open + 1..close].trim();
            let after = &rest[close + 1..];
            rest = after;
            let Some(variable) = inside.strip_prefix('$') else {
                continue;
            };
            let Some(particle) = PARTICLES.iter().find(|p| after.starts_with(**p)) else {
                continue;
            };
            // A word that goes on (이다, 가장, 로그) is no particle.
            if after[particle.len()..]
                .chars()
                .next()
                .is_some_and(is_hangul)
            {
                continue;
            }
            problems.push(format!(
                "{file}:{n}: \"{{ ${variable} }}{particle}\": the particle depends on the value; write {{ JOSA(${variable}, ...) }}"
            ));
        }
    }
    problems
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether a Hangul syllable ends in ㅂ (its final consonant, jongseong, is the 17th).
fn final_consonant_is_bieup(c: char) -> bool {
    is_hangul(c) && (u32::from(c) - 0xAC00) % 28 == 17
}

/// Where the word that holds `chars[at]` starts.
fn word_start(chars: &[char], at: usize) -> usize {
    let mut start = at;
    while start > 0 && is_hangul(chars[start - 1]) {
        start -= 1;
    }
    start
}

/// The glossary parses, and course.ko.md and README.ko.md keep to it and to 한다체.
pub fn check(lab: &Path) -> Result<Vec<String>> {
    let course =
        std::fs::read_to_string(lab.join("course.ko.md")).context("reading course.ko.md")?;
    let terms = match glossary(&course) {
        Ok(terms) => terms,
        Err(problem) => return Ok(vec![problem]),
    };
    let mut problems = Vec::new();
    for file in KOREAN_FILES {
        let text =
            std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))?;
        problems.extend(glossary_problems(file, &text, &terms));
        problems.extend(register_problems(file, &text));
    }
    // The checker's own Korean (every report a Korean student reads) keeps them too, and
    // chooses each particle after a value by the value (JOSA), not by one guess.
    for catalog in crate::authoring::catalog::catalog_files(lab, "ko") {
        let text = std::fs::read_to_string(lab.join(&catalog))
            .with_context(|| format!("reading {catalog}"))?;
        let values = catalog_values(&text);
        problems.extend(glossary_problems_in(&catalog, &values, &terms));
        problems.extend(register_problems_in(&catalog, &values));
        problems.extend(particle_problems(&catalog, &values));
    }
    // The stubs' Korean comments (export-student --lang ko) keep them too, C's as Rust's.
    let c_stubs = crate::authoring::stub_comments::stub_files(&lab.join("c"));
    for rel in crate::authoring::stub_comments::stub_files(lab)
        .into_iter()
        .chain(c_stubs)
    {
        let path = crate::authoring::stub_comments::ko_file(lab, &rel);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file = path
            .strip_prefix(lab)
            .unwrap_or(&path)
            .display()
            .to_string();
        problems.extend(glossary_problems(&file, &text, &terms));
        problems.extend(register_problems(&file, &text));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLOSSARY: &str = "<!-- glossary: checker verify flags the renderings of the last column in course.ko.md and README.ko.md -->\n| English | 이 교재 | 쓰지 않는 말 |\n| --- | --- | --- |\n| reap | 회수 | 수거 |\n| lock | 락 | 잠금, 록 |\n| stub | 스텁 | — |\n<!-- end of the glossary -->\n";

    #[test]
    fn the_glossary_is_read_from_its_table() {
        let terms = glossary(GLOSSARY).unwrap();
        assert_eq!(terms.len(), 3);
        assert_eq!(
            terms[1],
            Term {
                english: "lock".into(),
                korean: "락".into(),
                rejected: vec!["잠금".into(), "록".into()],
            }
        );
        assert!(terms[2].rejected.is_empty());
        assert!(
            glossary("no table here")
                .unwrap_err()
                .contains("no glossary")
        );
    }

    #[test]
    fn a_rejected_rendering_in_prose_is_named_with_the_glossary_s_own() {
        let text = format!(
            "{GLOSSARY}\n부모는 자식을 수거한다.\n`수거`는 코드 안이라 괜찮다.\n```text\n잠금\n```\n<!-- 잠금 -->\n[잠금](#lock)이 아니라 락.\n"
        );
        let terms = glossary(&text).unwrap();
        let found = glossary_problems("course.ko.md", &text, &terms);
        assert_eq!(
            found,
            vec![
                "course.ko.md:9: \"수거\" for reap: the glossary says \"회수\"".to_string(),
                "course.ko.md:15: \"잠금\" for lock: the glossary says \"락\"".to_string(),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn a_rejected_rendering_is_found_across_a_line_break_and_only_where_a_word_begins() {
        let table = GLOSSARY.replace(
            "| stub | 스텁 | — |",
            "| lock | 락을 잡는다 | 락을 쥐 |\n| deadline | 마감 시각 | 기한 |",
        );
        let text = format!(
            "{table}\n스레드가 락을\n쥐고 있다.\n다시 해 보기를 포기한다.\n가장 가까운 기한이다.\n\n락을\n\n쥐고\n"
        );
        let terms = glossary(&text).unwrap();
        let found = glossary_problems("course.ko.md", &text, &terms);
        assert_eq!(
            found,
            vec![
                "course.ko.md:10: \"락을 쥐\" for lock: the glossary says \"락을 잡는다\""
                    .to_string(),
                "course.ko.md:13: \"기한\" for deadline: the glossary says \"마감 시각\""
                    .to_string(),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn polite_endings_are_flagged_and_plain_ones_are_not() {
        let text = "다시 실행하세요.\n그것은 오류입니다. 다시 호출합니까?\n확인하십시오\n이 함수는 오류를 반환한다. 함께 살펴보자.\n`cargo run`을 실행하세요 (code: `하세요`)\n```sh\necho 하세요\n```\n그 다음 값이다. 어머니다운 것.\n";
        let found = register_problems("README.ko.md", text);
        assert_eq!(
            found,
            vec![
                "README.ko.md:1: \"실행하세요\" is not 한다체; write an imperative in 한다체: \"-한다\", \"-하자\" or \"-해야 한다\"".to_string(),
                "README.ko.md:2: \"오류입니다\" is not 한다체; write the 한다체 ending: \"-다\", \"-한다\"".to_string(),
                "README.ko.md:2: \"호출합니까\" is not 한다체; write a question in 한다체: \"-는가?\", \"-을까?\"".to_string(),
                "README.ko.md:3: \"확인하십시오\" is not 한다체; write an imperative in 한다체: \"-한다\", \"-하자\" or \"-해야 한다\"".to_string(),
                "README.ko.md:5: \"실행하세요\" is not 한다체; write an imperative in 한다체: \"-한다\", \"-하자\" or \"-해야 한다\"".to_string(),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn comments_spanning_lines_and_quoted_code_in_lists_are_not_prose() {
        let text = "앞 <!-- 여러 줄\n하세요\n--> 뒤\n> ```sh\n> 하세요\n> ```\n";
        let prose: Vec<_> = prose_lines(text)
            .into_iter()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        assert_eq!(prose.len(), 2, "{prose:?}");
        assert_eq!(prose[0].1.trim(), "앞");
        assert_eq!(prose[1].1.trim(), "뒤");
    }

    #[test]
    fn a_catalog_s_values_are_checked_and_its_ids_and_comments_are_not() {
        let ftl = "# 시간 초과 in a comment\nwire-timed-out = 시간 초과\nport-taken = 포트 { $port }가 쓰이고 있다\n    포트 { $port }{ JOSA($port, \"이\", \"가\") } 괜찮다; { $n }이다; { $n }개\n";
        let values = catalog_values(ftl);
        assert_eq!(values.len(), 3);
        assert_eq!(values[0], (2, " 시간 초과".to_string()));
        assert_eq!(
            particle_problems("ko.ftl", &values),
            vec!["ko.ftl:3: \"{ $port }가\": the particle depends on the value; write { JOSA($port, ...) }".to_string()]
        );
    }

    #[test]
    fn the_lab_s_korean_keeps_its_glossary_and_register() {
        let problems = check(&crate::base::workspace::lab_root()).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
