//! One hidden test as a table declares it (an exercise's own table, or a family's), and the
//! catalog keys that translate a table's texts.

use std::time::Duration;

/// One hidden test, as a table declares it; `Run` is the function that runs it (the lab's
/// `TestFn`, which takes the test's context: `context` ties the knot, see `table`).
#[derive(Clone, Copy)]
pub struct TestCase<Run> {
    /// Unique within its exercise; shown as `<exercise>/<id>`.
    pub id: &'static str,
    pub title: &'static str,
    pub points: u32,
    /// The whole test must finish within this; every wait inside it is bounded by it.
    pub timeout: Duration,
    /// Shown when the test fails with a wrong answer (errors such as "refused" or "timed out"
    /// get a hint chosen by their kind instead, from `hints.rs`).
    pub hint: &'static str,
    /// The hint as the C track words it, where `hint` names what only the Rust track has
    /// (`Vec<u8>`, `drop the OwnedFd`, `unwrap()`): the same advice with the C calls of the
    /// course notes. Its Korean is under the hint's key plus `-c` (`Test::c_hint_key`); a report
    /// for a C student shows it (`Test::hint_in`).
    pub hint_c: Option<&'static str>,
    /// The course.md anchor to read when this test fails.
    pub section: &'static str,
    /// The program this test runs (for program exercises): with `--program NAME=PATH`, only
    /// the tests of the programs given run.
    pub program: Option<&'static str>,
    pub run: Run,
}

/// Shorthand for test tables: `secs(5)`.
pub const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// The id of the test every exercise ends with: its rules hold.
pub const RULES_ID: &str = "rules";
/// The rules test's title on the C track, whose rules are the functions the compiled code
/// calls (`compile::c::rule_violations`); the table's title names both tracks' rules.
pub const RULES_TITLE_C: &str =
    "follows the exercise's rules: the functions its compiled code calls, as nm reads them";

/// The catalog id of a table's text in another language: `<owner>--<test>--<what>`, where the
/// owner is the exercise (`day2-echo--client-echo--title`), the family or variant that declares
/// the text (`echo-server--round-trip--hint`), or `rules` for the test every exercise shares;
/// `<exercise>--title` for the exercise itself.
pub fn catalog_key(owner: &str, test: Option<&str>, what: &str) -> String {
    match test {
        Some(id) => format!("{owner}--{id}--{what}"),
        None => format!("{owner}--{what}"),
    }
}
