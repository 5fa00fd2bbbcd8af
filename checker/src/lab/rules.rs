//! An exercise's rules as a student reads them: each forbidden path of its `clippy.toml` (as
//! the lab ships it, `integrity`'s pristine copy) and the reason clippy prints beside a broken
//! one. The English reason is clippy.toml's, the one source; its Korean lives in ko.ftl under
//! a key made from the English (`reason_key`), so a reason reworded in English has no Korean
//! until it is translated again, and `checker verify` says so.

use crate::base::hash::fnv;
use crate::lab::integrity::pristine_files;

/// A forbidden path and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub path: String,
    /// As clippy prints it: `day2-echo: build the address yourself (SockaddrIn)`.
    pub reason: String,
}

/// The rules of `exercise`'s clippy.toml. The lab's clippy.toml files write one entry a line,
/// `{ path = "...", reason = "..." }` (verify's course check reads them the same way), so a
/// line is read for its two strings rather than a TOML parser added to every student's build.
pub fn of(exercise: &str) -> Vec<Rule> {
    match pristine_files(exercise).find(|(f, _)| *f == "clippy.toml") {
        Some((_, text)) => parse(text),
        None => Vec::new(),
    }
}

/// The rules of a clippy.toml's text.
pub fn parse(text: &str) -> Vec<Rule> {
    let quoted = |line: &str, key: &str| {
        let rest = line.split(&format!("{key} = \"")).nth(1)?;
        Some(rest.split('"').next()?.to_string())
    };
    text.lines()
        .filter_map(|line| {
            Some(Rule {
                path: quoted(line, "path")?,
                reason: quoted(line, "reason")?,
            })
        })
        .collect()
}

/// The reason without the exercise's name it starts with: what is translated (the same
/// reason in several exercises is translated once).
pub fn bare(reason: &str) -> &str {
    match reason.split_once(": ") {
        Some((exercise, rest)) if exercise.starts_with("day") && !exercise.contains(' ') => rest,
        _ => reason,
    }
}

/// The catalog key of a reason's words in another language: its hash (under one owner,
/// `rule-reason--`, so `checker sync` files a new one beside the others).
pub fn reason_key(reason: &str) -> String {
    format!("rule-reason--{:016x}", fnv(bare(reason).as_bytes()))
}

/// The catalog entries a clippy.toml's reasons need, each `(key, English)`: what `checker
/// sync` and `checker new` add to ko.ftl, in English until translated.
pub fn catalog_entries(clippy_toml: &str) -> Vec<(String, String)> {
    parse(clippy_toml)
        .iter()
        .map(|r| (reason_key(&r.reason), bare(&r.reason).to_string()))
        .collect()
}

/// The key of every reason of every exercise, each once: what ko.ftl must have.
pub fn reason_keys(exercises: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = exercises
        .iter()
        .flat_map(|e| of(e))
        .map(|r| reason_key(&r.reason))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_read_with_its_reason() {
        let rules = of("day2-echo");
        assert!(rules.contains(&Rule {
            path: "std::net::ToSocketAddrs::to_socket_addrs".into(),
            reason: "day2-echo: build the address yourself (SockaddrIn)".into(),
        }));
        assert_eq!(
            bare("day2-echo: build the address yourself (SockaddrIn)"),
            "build the address yourself (SockaddrIn)"
        );
        // What sync and new add to ko.ftl for a new exercise's rules: the English, without
        // the exercise's name.
        let entries = catalog_entries(
            "disallowed-methods = [\n  { path = \"u32::wrapping_mul\", reason = \"day9-x: add it\" },\n]\n",
        );
        assert_eq!(
            entries,
            vec![(reason_key("day9-x: add it"), "add it".to_string())]
        );
        assert!(entries[0].0.starts_with("rule-reason--"));
        assert_eq!(
            reason_key("day3-fork: build the address yourself (SockaddrIn)"),
            reason_key("day2-echo: build the address yourself (SockaddrIn)")
        );
    }

    /// Every rule of every exercise has its reason in both languages: English in clippy.toml,
    /// Korean in ko.ftl (under the key of the English, so a reworded reason needs Korean anew).
    #[test]
    fn every_rule_has_its_reason_in_both_languages() {
        use crate::base::i18n::{KO_FTL, catalog::Catalog};
        let ko = Catalog::parse(KO_FTL);
        let mut missing = Vec::new();
        // Every exercise whose rules the checker embeds (`integrity`).
        let mut exercises: Vec<&str> = crate::lab::integrity::PRISTINE
            .iter()
            .map(|(exercise, _, _)| *exercise)
            .collect();
        exercises.dedup();
        assert!(exercises.len() > 10, "{exercises:?}");
        for exercise in &exercises {
            let rules = of(exercise);
            assert!(!rules.is_empty(), "{exercise}: no rules read");
            for rule in rules {
                assert!(!rule.reason.is_empty(), "{exercise}: {}", rule.path);
                let key = reason_key(&rule.reason);
                if !ko.has(&key) && !missing.iter().any(|(k, _)| k == &key) {
                    missing.push((key, bare(&rule.reason).to_string()));
                }
            }
        }
        let listed: Vec<String> = missing
            .iter()
            .map(|(k, english)| format!("# {english}\n{k} = "))
            .collect();
        assert!(missing.is_empty(), "ko.ftl lacks:\n{}", listed.join("\n"));
    }
}
