//! The parts of an exercise too big for one sitting (day7-broker): each part is one sitting of
//! the course, in build order, and its milestone is the tests it unlocks. The overview and
//! `checker list` show such an exercise part by part; an exercise without parts is one block.
//! A part names its tests by id (every test of the exercise but its rules is in exactly one
//! part: `mistakes` says where not), so the table of tests stays the one place a test is
//! declared.

use std::borrow::Cow;

use super::case::catalog_key;
use super::exercise::Exercise;
use super::test::tests_of;
use crate::base::i18n::Messages;

/// One sitting of an exercise.
#[derive(Debug)]
pub struct Part {
    /// What the part builds, one line (`<exercise>--part-<n>--title` in the other languages).
    pub title: &'static str,
    /// The course section it starts at.
    pub section: &'static str,
    /// The tests it unlocks, by id, in the order the overview and `list` show them.
    pub tests: &'static [&'static str],
}

impl Exercise {
    /// The catalog key of the title of its part `n` (1-based, as the reports number them).
    pub fn part_key(&self, n: usize) -> String {
        catalog_key(self.name, Some(&format!("part-{n}")), "title")
    }

    /// The title of its part `n` (1-based) in the reader's language.
    pub fn part_title_in<'a>(&'a self, n: usize, tr: &'a Messages) -> Cow<'a, str> {
        let part = &self.parts[n - 1];
        tr.own_or(&self.part_key(n), part.title)
    }

    /// The number (1-based) of the part test `id` belongs to; `None` for the rules, or an
    /// exercise without parts.
    pub fn part_of(&self, id: &str) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| p.tests.contains(&id))
            .map(|i| i + 1)
    }
}

/// What is wrong with `exercise`'s parts: a test in no part or in two, or a part naming a test
/// the exercise does not have. (A part lists its tests in build order, which need not be the
/// table's.)
pub fn mistakes(exercise: &'static Exercise) -> Vec<String> {
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
    use crate::lab::fixtures;

    #[test]
    fn a_test_is_in_exactly_one_part() {
        assert_eq!(mistakes(&fixtures::PARTED), Vec::<String>::new());
        assert_eq!(fixtures::PARTED.part_of("add"), Some(1));
        assert_eq!(fixtures::PARTED.part_of("sub"), Some(2));
        assert_eq!(fixtures::PARTED.part_of("rules"), None);
        assert_eq!(fixtures::PARTED.part_key(2), "day1-parted--part-2--title");
        let wrong = mistakes(&fixtures::PARTED_WRONG);
        assert_eq!(wrong.len(), 3, "{wrong:?}");
        assert!(wrong[0].contains("add is in 0 parts"), "{wrong:?}");
        assert!(wrong[1].contains("sub is in 2 parts"), "{wrong:?}");
        assert!(wrong[2].contains("ghost"), "{wrong:?}");
    }
}
