//! What a C student reads of the tables: a row's hint in C's words (`TestCase::hint_c`) where
//! its own names what only the Rust track has, on a row some C exercise grades, in both
//! languages, naming no Rust thing.

use std::collections::BTreeSet;

use super::ALL;
use crate::base::i18n::catalog::RUST_WORDS;
use crate::base::i18n::{Lang, Messages};
use crate::base::workspace::Track;
use crate::lab::test::{catalog_entries, tests_of};

/// Every C hint a table declares (a family's row, a variant's or an exercise's tweak, an
/// exercise's row), by its catalog key, with its English.
fn declared() -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = ALL
        .iter()
        .flat_map(|e| catalog_entries(e))
        .filter(|(key, _)| key.ends_with("--hint-c"))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn every_c_hint_is_on_a_test_of_a_c_track_exercise() {
    let graded: BTreeSet<String> = ALL
        .iter()
        .filter(|e| e.c.is_some())
        .flat_map(|e| tests_of(e))
        .filter(|t| t.hint_c.is_some())
        .map(|t| t.c_hint_key())
        .collect();
    let declared = declared();
    assert!(declared.len() > 40, "{declared:?}");
    for (key, _) in &declared {
        assert!(
            graded.contains(key),
            "{key}: no test of a C-track exercise has it"
        );
    }
}

#[test]
fn no_c_hint_names_rust_things_in_english_or_korean() {
    let ko = Messages::new(Lang::Ko);
    for (key, english) in declared() {
        let korean = ko.own_or(&key, "");
        assert!(!korean.is_empty(), "ko.ftl has no {key}");
        for word in RUST_WORDS {
            assert!(!english.contains(word), "{key}: `{word}` in {english:?}");
            assert!(!korean.contains(word), "{key}: `{word}` in {korean:?}");
        }
    }
}

#[test]
fn the_c_track_reads_the_c_hint_and_the_rust_track_its_own() {
    let echo = ALL.iter().find(|e| e.name == "day2-echo").unwrap();
    let tests = tests_of(echo);
    let binary = tests.iter().find(|t| t.id == "binary-64k").unwrap();
    let en = Messages::new(Lang::En);
    assert!(binary.hint_in(&en).contains("Vec<u8>"));
    assert!(binary.hint_in(&en.on(Track::C)).contains("char buf[]"));
    let ko = Messages::new(Lang::Ko).on(Track::C);
    let korean = binary.hint_in(&ko);
    assert!(
        korean.contains("char buf[]") && !korean.contains("Vec"),
        "{korean}"
    );
    // A hint the C track shares keeps its words on both.
    let round = tests.iter().find(|t| t.id == "round-trip").unwrap();
    assert_eq!(round.hint_in(&en.on(Track::C)), round.hint);
    // A one-thread server's words for the echo tests have C words of their own.
    let poll = ALL.iter().find(|e| e.name == "day5-poll").unwrap();
    let tests = tests_of(poll);
    let binary = tests.iter().find(|t| t.id == "binary-64k").unwrap();
    assert_eq!(
        binary.c_hint_key(),
        "echo-server-one-thread--binary-64k--hint-c"
    );
    assert!(binary.hint_in(&en.on(Track::C)).contains("malloc"));
}
