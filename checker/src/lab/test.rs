//! The tests an exercise grades, composed: the rows of the families it takes (its program bound,
//! its tweaks applied), its own rows, its rules; and the catalog keys that translate them.

use std::borrow::Cow;
use std::ops::Deref;

use super::exercise::Exercise;
use super::exercise::{RULES_ID, TestCase, catalog_key};
use super::family::{self, Owner};
use crate::base::i18n::Messages;
use crate::base::workspace::Track;
use crate::context::Which;
use crate::table::case::RULES_TITLE_C;

/// A test as an exercise grades it: a row of its own table, of a family it takes (its program
/// bound, its tweaks applied), or its rules. Reads as the row (`test.id`, `test.points`).
#[derive(Clone, Copy)]
pub struct Test {
    /// The exercise it belongs to.
    pub exercise: &'static Exercise,
    case: TestCase,
    /// What it gives its program after the port: a family's tests run an exercise's program
    /// with the exercise's arguments (`Takes::args`); an exercise's own tests give their own.
    pub args: &'static [&'static str],
    /// Whose catalog entries translate its title and its hint (`catalog_key`).
    title_from: Owner,
    hint_from: Owner,
    /// The family whose test this is, run as the family runs it in every exercise that takes
    /// it (`Composed::shared`): proven by a broken version of any of them, told in the family's
    /// course section.
    pub family: Option<&'static family::Family>,
    /// The rules test earns no points of its own, voids the exercise's while it fails, and
    /// waits for work on a stub (`grade::outcome`).
    pub is_rules: bool,
}

impl Deref for Test {
    type Target = TestCase;

    fn deref(&self) -> &TestCase {
        &self.case
    }
}

/// The tests of an exercise: its families' (in the order it takes them), then its own, then
/// the families it takes `after_own`, its rules check last.
pub fn tests_of(exercise: &'static Exercise) -> Vec<Test> {
    let own = |case: &TestCase, owner: Owner| Test {
        exercise,
        case: *case,
        args: &[],
        title_from: owner,
        hint_from: owner,
        family: None,
        is_rules: false,
    };
    let families = |after_own: bool| {
        exercise
            .families
            .iter()
            .filter(move |takes| takes.after_own == after_own)
            .flat_map(|takes| family::compose(takes, exercise.name))
            .map(|c| Test {
                exercise,
                case: c.case,
                args: c.args,
                title_from: c.title_from,
                hint_from: c.hint_from,
                family: c.shared,
                is_rules: false,
            })
    };
    let mut tests: Vec<Test> = families(false).collect();
    tests.extend(exercise.tests.iter().map(|t| own(t, exercise.name)));
    tests.extend(families(true));
    tests.push(Test {
        is_rules: true,
        ..own(exercise.rules, RULES_ID)
    });
    tests
}

/// Every entry the other languages' catalogs need for an exercise's table, with its English:
/// its title, its tests' titles and hints (and their C words, `-c`, where a row has them), its
/// parts' titles, and every text of the families it takes (those an exercise tweaks away are
/// still the family's, for the next exercise that takes it).
pub fn catalog_entries(exercise: &'static Exercise) -> Vec<(String, &'static str)> {
    let mut entries = vec![(catalog_key(exercise.name, None, "title"), exercise.title)];
    let families = exercise.families.iter().flat_map(|takes| {
        let name = takes.family.name;
        takes.family.tests.iter().flat_map(move |t| {
            let c = t
                .hint_c
                .map(|c| (catalog_key(name, Some(t.id), "hint-c"), c));
            [
                Some((catalog_key(name, Some(t.id), "title"), t.title)),
                Some((catalog_key(name, Some(t.id), "hint"), t.hint)),
                c,
            ]
            .into_iter()
            .flatten()
        })
    });
    let tests = tests_of(exercise).into_iter().flat_map(|t| {
        let c = t.hint_c.map(|c| (t.c_hint_key(), c));
        [
            Some((t.title_key(), t.title)),
            Some((t.hint_key(), t.hint)),
            c,
        ]
        .into_iter()
        .flatten()
    });
    let rules_c = std::iter::once((rules_c_title_key(), RULES_TITLE_C));
    let parts = exercise
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| (exercise.part_key(i + 1), p.title));
    for (key, english) in families.chain(tests).chain(rules_c).chain(parts) {
        if !entries.iter().any(|(k, _)| *k == key) {
            entries.push((key, english));
        }
    }
    entries
}

/// The keys of `catalog_entries`.
pub fn catalog_keys(exercise: &'static Exercise) -> Vec<String> {
    catalog_entries(exercise)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// The key of the rules test's title on the C track: `rules--rules--title-c`.
fn rules_c_title_key() -> String {
    catalog_key(RULES_ID, Some(RULES_ID), "title-c")
}

impl Test {
    pub fn title_key(&self) -> String {
        catalog_key(self.title_from, Some(self.id), "title")
    }

    pub fn hint_key(&self) -> String {
        catalog_key(self.hint_from, Some(self.id), "hint")
    }

    /// The key of the hint as the C track words it, where it words it apart (`hint_c`):
    /// `day3-fork--serves-concurrently--hint-c`.
    pub fn c_hint_key(&self) -> String {
        catalog_key(self.hint_from, Some(self.id), "hint-c")
    }

    /// The test's title in the reader's language (the table's English if not translated); the
    /// rules test's names the rules of the track graded.
    pub fn title_in<'a>(&'a self, tr: &'a Messages) -> Cow<'a, str> {
        match (tr.track(), self.is_rules) {
            (Track::C, true) => tr.own_or(&rules_c_title_key(), RULES_TITLE_C),
            _ => tr.own_or(&self.title_key(), self.title),
        }
    }

    /// The test's hint in the reader's language and for the renderer's track: on the C track,
    /// the row's C words where it has them (their Korean from ko.ftl, else their English).
    pub fn hint_in<'a>(&'a self, tr: &'a Messages) -> Cow<'a, str> {
        match (tr.track(), self.hint_c) {
            (Track::C, Some(hint)) => tr.own_or(&self.c_hint_key(), hint),
            _ => tr.own_or(&self.hint_key(), self.hint),
        }
    }

    /// What a running test gets to know of itself: its exercise, its id, its timeout and its
    /// program.
    pub fn which(&self) -> Which {
        Which {
            exercise: self.exercise,
            test: self.id,
            timeout: self.timeout,
            program: self.program,
            args: self.args,
        }
    }

    /// `day2-echo/round-trip`: what a student types to run it alone.
    pub fn name(&self) -> String {
        format!("{}/{}", self.exercise.name, self.id)
    }
}

/// What is wrong with `exercise`'s parts (`part.rs`): a test in no part or in two, or a part naming a test
/// the exercise does not have. (A part lists its tests in build order, which need not be the
/// table's.)
pub fn part_mistakes(exercise: &'static Exercise) -> Vec<String> {
    if exercise.parts.is_empty() {
        return Vec::new();
    }
    let tests = tests_of(exercise);
    let mut found = Vec::new();
    for t in tests.iter().filter(|t| !t.is_rules) {
        let parts = exercise
            .parts
            .iter()
            .filter(|p| p.tests.contains(&t.id))
            .count();
        if parts != 1 {
            found.push(format!("{}: {} is in {parts} parts", exercise.name, t.id));
        }
    }
    let named: Vec<&str> = exercise
        .parts
        .iter()
        .flat_map(|p| p.tests)
        .copied()
        .collect();
    for id in &named {
        if !tests.iter().any(|t| !t.is_rules && t.id == *id) {
            found.push(format!(
                "{}: a part names {id}, not a test of it",
                exercise.name
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::fixtures::{LIB, SERVER};

    #[test]
    fn families_first_then_its_own_then_after_own_then_the_rules() {
        let ids: Vec<&str> = tests_of(&SERVER).iter().map(|t| t.id).collect();
        assert_eq!(ids, ["echo", "flood", "client-talks", "exit", "rules"]);
        let tests = tests_of(&SERVER);
        assert!(tests.iter().all(|t| t.exercise.name == "day2-server"));
        assert_eq!(
            tests[0].program,
            Some("server"),
            "the family's rows run its program"
        );
        assert_eq!(
            tests[2].program,
            Some("client"),
            "its own row keeps its program"
        );
        assert_eq!(tests[1].points, 5, "its tweak");
        assert!(tests[4].is_rules && !tests[0].is_rules);
        assert_eq!(tests[2].name(), "day2-server/client-talks");
    }

    #[test]
    fn each_text_is_translated_where_it_is_declared() {
        let tests = tests_of(&SERVER);
        assert_eq!(tests[0].title_key(), "shared--echo--title");
        assert_eq!(tests[0].hint_key(), "shared-design--echo--hint");
        assert_eq!(tests[1].hint_key(), "shared--flood--hint");
        assert_eq!(tests[1].c_hint_key(), "shared--flood--hint-c");
        assert_eq!(tests[2].title_key(), "day2-server--client-talks--title");
        assert_eq!(tests[4].title_key(), "rules--rules--title");
        let keys = catalog_keys(&SERVER);
        assert_eq!(keys[0], "day2-server--title");
        // The family's own texts are needed even where a variant says them otherwise.
        assert!(keys.contains(&"shared--echo--hint".to_string()));
        assert_eq!(
            keys.len(),
            keys.iter().collect::<std::collections::BTreeSet<_>>().len(),
            "no key twice"
        );
        let entries = catalog_entries(&LIB);
        assert!(entries.contains(&("day1-lib--add--hint".to_string(), "a hint")));
        // A row's C words are translated beside its hint.
        let c = (
            "day2-server--client-talks--hint-c".to_string(),
            "the hint in C's words",
        );
        assert!(catalog_entries(&SERVER).contains(&c));
    }

    #[test]
    fn a_c_report_reads_a_row_s_c_words_where_it_has_them() {
        use crate::base::i18n::Lang;
        let tests = tests_of(&SERVER);
        let en = Messages::new(Lang::En);
        let (echo, client) = (&tests[0], &tests[2]);
        assert_eq!(client.hint_in(&en), "a hint");
        assert_eq!(client.hint_in(&en.on(Track::C)), "the hint in C's words");
        assert_eq!(echo.hint_in(&en.on(Track::C)), "in the design's words");
    }

    #[test]
    fn a_test_is_in_exactly_one_part() {
        use crate::lab::fixtures::{PARTED, PARTED_WRONG};
        assert_eq!(part_mistakes(&PARTED), Vec::<String>::new());
        assert_eq!(PARTED.part_of("add"), Some(1));
        assert_eq!(PARTED.part_of("sub"), Some(2));
        assert_eq!(PARTED.part_of("rules"), None);
        assert_eq!(PARTED.part_key(2), "day1-parted--part-2--title");
        let wrong = part_mistakes(&PARTED_WRONG);
        assert_eq!(wrong.len(), 3, "{wrong:?}");
        assert!(wrong[0].contains("add is in 0 parts"), "{wrong:?}");
        assert!(wrong[1].contains("sub is in 2 parts"), "{wrong:?}");
        assert!(wrong[2].contains("ghost"), "{wrong:?}");
    }
}
