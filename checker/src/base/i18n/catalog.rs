//! What `checker verify` checks in the catalogs: Fluent syntax errors, the ids each catalog
//! has, the keys Korean lacks (English is then shown), the keys Korean has that English does
//! not (a typo, or a message since removed), and variables a translation uses that English
//! never passes.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::{EN_FTL, KO_FTL};

/// One catalog, parsed: its messages and the variables each uses, and its syntax errors.
pub struct Catalog {
    pub messages: BTreeMap<String, BTreeSet<String>>,
    pub errors: Vec<String>,
}

impl Catalog {
    pub fn parse(ftl: &str) -> Catalog {
        let (resource, errors) = match fluent_syntax::parser::parse(ftl) {
            Ok(r) => (r, Vec::new()),
            Err((r, errors)) => (r, errors),
        };
        let errors = errors
            .iter()
            .map(|e| {
                let line = ftl[..e.pos.start.min(ftl.len())].matches('\n').count() + 1;
                format!("line {line}: {}", e.kind)
            })
            .collect();
        let mut messages = BTreeMap::new();
        for entry in &resource.body {
            if let Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                messages.insert(m.id.name.to_string(), vars);
            }
        }
        Catalog { messages, errors }
    }

    pub fn has(&self, id: &str) -> bool {
        self.messages.contains_key(id)
    }
}

fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// Everything wrong with the two catalogs. `table_keys` are the Korean ids of the exercise
/// tables' titles and hints (English keeps those in the tables, so they are not in en.ftl);
/// `used` are the ids the checker's code uses (each must be in English).
pub fn problems(table_keys: &[String], used: &[String]) -> Vec<String> {
    problems_of(EN_FTL, KO_FTL, table_keys, used)
}

pub fn problems_of(en: &str, ko: &str, table_keys: &[String], used: &[String]) -> Vec<String> {
    let (en, ko) = (Catalog::parse(en), Catalog::parse(ko));
    let mut found = Vec::new();
    for (name, catalog) in [("en.ftl", &en), ("ko.ftl", &ko)] {
        for e in &catalog.errors {
            found.push(format!("checker/i18n/{name}: Fluent syntax error, {e}"));
        }
    }
    let missing_en: Vec<&str> = used
        .iter()
        .filter(|id| !en.has(id))
        .map(String::as_str)
        .collect();
    if !missing_en.is_empty() {
        found.push(format!(
            "en.ftl lacks {} key(s) the checker uses: {}",
            missing_en.len(),
            missing_en.join(", ")
        ));
    }
    let missing_ko: Vec<&str> = en
        .messages
        .keys()
        .map(String::as_str)
        .chain(table_keys.iter().map(String::as_str))
        .filter(|id| !ko.has(id))
        .collect();
    if !missing_ko.is_empty() {
        found.push(format!(
            "ko.ftl lacks {} key(s) (shown in English meanwhile): {}",
            missing_ko.len(),
            missing_ko.join(", ")
        ));
    }
    let extra: Vec<&str> = ko
        .messages
        .keys()
        .filter(|id| !en.has(id) && !table_keys.contains(id))
        .map(String::as_str)
        .collect();
    if !extra.is_empty() {
        found.push(format!(
            "ko.ftl has {} key(s) that English does not: {}",
            extra.len(),
            extra.join(", ")
        ));
    }
    found.extend(variables_english_never_passes(&en, &ko));
    found
}

/// A Korean message may only use the variables its English one is given.
fn variables_english_never_passes(en: &Catalog, ko: &Catalog) -> Vec<String> {
    let mut found = Vec::new();
    for (id, vars) in &ko.messages {
        let Some(english) = en.messages.get(id) else {
            continue;
        };
        let unknown: Vec<&str> = vars.difference(english).map(String::as_str).collect();
        if !unknown.is_empty() {
            found.push(format!(
                "ko.ftl: {id} uses ${} that English never passes",
                unknown.join(", $")
            ));
        }
    }
    found
}

/// The message ids a source file names: every `msg!("id"` in its code (not in comments, not
/// in its unit tests), rustfmt's `msg!(` with the id on the next line included.
pub fn ids_in_source(source: &str) -> Vec<String> {
    let code = source.split("\n#[cfg(test)]").next().unwrap_or_default();
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    code.match_indices("msg!(")
        .filter_map(|(at, m)| {
            let rest = code[at + m.len()..].trim_start().strip_prefix('"')?;
            let id = &rest[..rest.find('"')?];
            let is_id = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            is_id.then(|| id.to_string())
        })
        .collect()
}

/// What a C student never sees: Rust's types, nix's names, Rust's macros and calls
/// (`sockopt::`, not `sockopt`: C's setsockopt is the call).
#[cfg(test)]
pub(crate) const RUST_WORDS: &[&str] = &[
    "nix",
    "Vec",
    "String",
    "unwrap",
    "OwnedFd",
    "drop",
    "todo!",
    "panic",
    "std::",
    "sockopt::",
    "TimeVal",
    "MsgFlags",
    "SockaddrIn",
    "from_utf8",
    "read_until",
    "BufReader",
    "Arc",
    "Mutex",
    "println!",
    "EpollFlags",
    "to_ne_bytes",
    "from_ne_bytes",
    "u16::",
    "u32::",
    "as u32",
    "[u8]",
    "..=",
    "thread::spawn",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogs_parse() {
        for ftl in [EN_FTL, KO_FTL] {
            let errors = Catalog::parse(ftl).errors;
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }

    #[test]
    fn problems_name_every_kind_of_mistake() {
        let en = "a = A { $n }\nb = B\n";
        let ko = "a = ㄱ { $m }\nc = ㄷ\nbroken = {\n";
        let found = problems_of(en, ko, &["t--title".into()], &["a".into(), "z".into()]);
        let all = found.join("\n");
        assert!(all.contains("ko.ftl: Fluent syntax error, line "), "{all}");
        assert!(
            all.contains("en.ftl lacks 1 key(s) the checker uses: z"),
            "{all}"
        );
        assert!(
            all.contains("ko.ftl lacks 2 key(s) (shown in English meanwhile): b, t--title"),
            "{all}"
        );
        assert!(
            all.contains("ko.ftl has 1 key(s) that English does not: c"),
            "{all}"
        );
        assert!(all.contains("a uses $m that English never passes"), "{all}");
    }

    #[test]
    fn ids_are_found_in_source() {
        let src = r#"let a = msg!("one", n = 1); msg!("two") + tr.render(&msg!("three", x = y))"#;
        assert_eq!(ids_in_source(src), ["one", "two", "three"]);
        let wrapped =
            "f(msg!(\n    \"four\",\n    n = 1\n));\nmacro_rules! msg { ($id:literal) => {} }";
        assert_eq!(ids_in_source(wrapped), ["four"]);
    }

    /// Each `<key>-c` message of a catalog (the C form of a note or of a kind's hint), with
    /// its text, continuation lines included.
    fn c_messages(ftl: &str) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = Vec::new();
        let mut open = false;
        for line in ftl.lines() {
            match line.split_once(" = ") {
                Some((key, text)) if !key.contains(' ') && !key.starts_with('#') => {
                    open = key.ends_with("-c");
                    if open {
                        found.push((key.to_string(), text.to_string()));
                    }
                }
                _ if open && !line.trim().is_empty() && !line.starts_with('#') => {
                    found.last_mut().unwrap().1.push_str(line);
                }
                _ => open = false,
            }
        }
        found
    }

    #[test]
    fn no_c_form_names_rust_things_in_english_or_korean() {
        let (en, ko) = (c_messages(EN_FTL), c_messages(KO_FTL));
        assert!(en.len() > 25, "{en:?}");
        for (key, _) in &en {
            assert!(ko.iter().any(|(k, _)| k == key), "ko.ftl has no {key}");
        }
        for (key, text) in en.iter().chain(&ko) {
            for word in RUST_WORDS
                .iter()
                .chain(&["Err(", "Ok(", "as_fd", "Errno", "&buf"])
            {
                assert!(!text.contains(word), "{key}: `{word}` in {text:?}");
            }
        }
    }
}
