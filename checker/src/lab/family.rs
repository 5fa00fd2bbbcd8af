//! Families of tests that several exercises share, declared once: the echo-server contract,
//! the one-thread server's, the chat contract, the graceful exit. A family is a table of rows
//! (ids, titles, hints, points, timeouts, course sections, the functions that run them) whose
//! Korean lives once in ko.ftl, under the family's name (`echo-server--round-trip--title`). An
//! exercise takes a family with the program its tests run (`Takes::family`), and may change a
//! row for itself (`Tweak`: its points, a hint in its own words, ...), or take a family's
//! wording for a design (`Variant`: one-thread servers read the echo tests' hints so). Their
//! shape is `table::family`'s; here they are named with the lab's test functions, and an
//! exercise's rows are composed from them (`compose`).

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::context::{Ctx, TestFn};
use crate::lab::exercise::TestCase;
pub use crate::table::family::Runs;

/// A table of tests that several exercises share (`table::family::Family`), run by the lab's
/// test functions.
pub type Family = crate::table::family::Family<TestFn>;
/// A family's rows in the words of one design (`table::family::Variant`).
pub type Variant = crate::table::family::Variant<TestFn>;
/// A change to one row of a family (`table::family::Tweak`).
pub type Tweak = crate::table::family::Tweak<TestFn>;
/// An exercise takes a family (`table::family::Takes`).
pub type Takes = crate::table::family::Takes<TestFn>;

/// The `run` of a row whose family runs in each exercise (`Runs::InEachExercise`): an
/// exercise that takes the family gives its own (`Takes::mistakes` and the unit tests of
/// `exercises/` make sure of it); this one only says the checker is at fault.
pub fn given_by_the_exercise(ctx: &mut Ctx) -> TestResult {
    Err(Failure::checker_error(msg!(
        "family-run-missing",
        exercise = ctx.exercise.name
    )))
}

/// Whose catalog entries translate a text: the prefix of its key (`echo-server`, `day2-echo`).
pub type Owner = &'static str;

/// One row as an exercise grades it, and who translates its title and hint.
pub struct Composed {
    pub case: TestCase,
    /// The program's arguments after its port (`Takes::args`).
    pub args: &'static [&'static str],
    pub title_from: Owner,
    pub hint_from: Owner,
    /// The family, while the row runs as the family runs it (no exercise gives its own run):
    /// the same test in every exercise that takes it, proven and told once.
    pub shared: Option<&'static Family>,
}

/// The rows of a family as `exercise` takes them: the program bound, the variant's and then
/// the exercise's tweaks applied, skipped rows left out.
pub fn compose(takes: &Takes, exercise: &'static str) -> Vec<Composed> {
    let family = takes.family;
    let variant = takes.variant.map(|v| (v.name, v.tweaks));
    family
        .tests
        .iter()
        .filter(|row| takes.shares(row.id))
        .map(|row| {
            let mut c = Composed {
                case: TestCase {
                    program: Some(takes.program),
                    ..*row
                },
                args: takes.args,
                title_from: family.name,
                hint_from: family.name,
                shared: (family.runs == Runs::InTheFamily).then_some(family),
            };
            for (owner, tweaks) in variant.into_iter().chain([(exercise, takes.tweaks)]) {
                for t in tweaks.iter().filter(|t| t.id == row.id) {
                    c.apply(t, owner);
                }
            }
            c
        })
        .collect()
}

impl Composed {
    fn apply(&mut self, t: &Tweak, owner: Owner) {
        if let Some(title) = t.title {
            self.case.title = title;
            self.title_from = owner;
        }
        // A hint in other words has its own C words, or none: the family's were for its own.
        if let Some(hint) = t.hint {
            self.case.hint = hint;
            self.case.hint_c = t.hint_c;
            self.hint_from = owner;
        }
        self.case.section = t.section.unwrap_or(self.case.section);
        self.case.points = t.points.unwrap_or(self.case.points);
        self.case.timeout = t.timeout.unwrap_or(self.case.timeout);
        if let Some(run) = t.run {
            self.case.run = run;
            self.shared = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::exercise::secs;

    fn passes(_: &mut Ctx) -> TestResult {
        Ok(())
    }

    fn scenario(_: &mut Ctx) -> TestResult {
        Err(Failure::wrong("the exercise's own"))
    }

    const fn row(id: &'static str) -> TestCase {
        TestCase {
            id,
            title: "family title",
            points: 1,
            timeout: secs(10),
            hint: "family hint",
            hint_c: None,
            section: "family-section",
            program: None,
            run: passes,
        }
    }

    static FAMILY: Family = Family {
        name: "fam",
        course: "family-section",
        tests: &[row("a"), row("b"), row("c")],
        runs: Runs::InTheFamily,
    };

    static VARIANT: Variant = Variant {
        name: "fam-design",
        tweaks: &[
            Tweak::of("a").hint("design hint"),
            Tweak::of("b").hint("design b"),
        ],
    };

    #[test]
    fn rows_keep_the_family_texts_and_get_the_program() {
        let takes = Takes::family(&FAMILY, "server");
        let rows = compose(&takes, "day9-x");
        assert_eq!(rows.len(), 3);
        for r in &rows {
            assert_eq!(r.case.program, Some("server"));
            assert_eq!((r.title_from, r.hint_from), ("fam", "fam"));
            assert_eq!(r.case.hint, "family hint");
            assert!(
                r.args.is_empty(),
                "no arguments after the port unless given"
            );
        }
        assert!(takes.mistakes().is_empty());
        const WITH_ARGS: Takes = Takes::family(&FAMILY, "server").args(&["2", "ctl.sock"]);
        let with_args = WITH_ARGS;
        for r in compose(&with_args, "day9-x") {
            assert_eq!(r.args, ["2", "ctl.sock"]);
        }
    }

    #[test]
    fn the_exercise_wins_over_the_variant_which_wins_over_the_family() {
        const TAKES: Takes = Takes::family(&FAMILY, "server")
            .variant(&VARIANT)
            .tweaks(&[Tweak::of("b").hint("mine").points(3).section("mine")])
            .skip(&["c"]);
        let takes = TAKES;
        let rows = compose(&takes, "day9-x");
        let ids: Vec<&str> = rows.iter().map(|r| r.case.id).collect();
        assert_eq!(ids, ["a", "b"]);
        const ONE: Takes = Takes::family(&FAMILY, "server").only(&["b"]);
        let one = ONE;
        let ids: Vec<&str> = compose(&one, "x").iter().map(|r| r.case.id).collect();
        assert_eq!(ids, ["b"]);
        let (a, b) = (&rows[0], &rows[1]);
        assert_eq!((a.case.hint, a.hint_from), ("design hint", "fam-design"));
        assert_eq!((a.case.title, a.title_from), ("family title", "fam"));
        assert_eq!((b.case.hint, b.hint_from), ("mine", "day9-x"));
        assert_eq!((b.case.points, b.case.section), (3, "mine"));
        assert_eq!(a.case.points, 1);
    }

    #[test]
    fn a_tweak_of_no_row_is_a_mistake() {
        const TAKES: Takes = Takes::family(&FAMILY, "server")
            .tweaks(&[Tweak::of("round-trip").points(2)])
            .skip(&["zz"]);
        let found = TAKES.mistakes().join("\n");
        assert!(found.contains("changes `round-trip`"), "{found}");
        assert!(found.contains("skips or keeps `zz`"), "{found}");
    }

    static BY_EXERCISE: Family = Family {
        name: "exit",
        course: "family-section",
        tests: &[row("sigterm-exit"), row("sigint-exit")],
        runs: Runs::InEachExercise,
    };

    #[test]
    fn a_family_run_by_the_exercise_needs_every_run() {
        const HALF: Takes = Takes::family(&BY_EXERCISE, "server")
            .tweaks(&[Tweak::of("sigterm-exit").run(scenario)]);
        let half = HALF;
        let found = half.mistakes().join("\n");
        assert!(found.contains("no run for `sigint-exit`"), "{found}");
        assert!(!found.contains("sigterm-exit"), "{found}");
        let skipped = half.skip(&["sigint-exit"]);
        assert!(skipped.mistakes().is_empty());
    }

    #[test]
    fn a_row_is_shared_while_the_family_runs_it() {
        const TAKES: Takes = Takes::family(&FAMILY, "server")
            .tweaks(&[Tweak::of("a").hint("mine"), Tweak::of("b").run(scenario)]);
        let takes = TAKES;
        let shared: Vec<bool> = compose(&takes, "x")
            .iter()
            .map(|r| r.shared.is_some_and(|f| f.name == "fam"))
            .collect();
        assert_eq!(
            shared,
            [true, false, true],
            "a hint keeps it shared, a run does not"
        );
        const BY: Takes = Takes::family(&BY_EXERCISE, "server")
            .tweaks(&[Tweak::of("sigterm-exit").run(scenario)])
            .skip(&["sigint-exit"]);
        let by = BY;
        assert!(compose(&by, "x").iter().all(|r| r.shared.is_none()));
    }
}
