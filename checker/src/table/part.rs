//! The parts of an exercise too big for one sitting (day7-broker): each part is one sitting of
//! the course, in build order, and its milestone is the tests it unlocks. The overview and
//! `checker list` show such an exercise part by part; an exercise without parts is one block.
//! A part names its tests by id (every test of the exercise but its rules is in exactly one
//! part: `test::part_mistakes` says where not), so the table of tests stays the one place a
//! test is declared. What an exercise says of its parts is in `exercise.rs`
//! (`Exercise::part_of`).

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
