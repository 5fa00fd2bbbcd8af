//! Families of tests that several exercises share, declared once: the echo-server contract,
//! the one-thread server's, the chat contract, the graceful exit. A family is a table of rows
//! (ids, titles, hints, points, timeouts, course sections, the functions that run them) whose
//! Korean lives once in ko.ftl, under the family's name (`echo-server--round-trip--title`). An
//! exercise takes a family with the program its tests run (`Takes::family`), and may change a
//! row for itself (`Tweak`: its points, a hint in its own words, ...), or take a family's
//! wording for a design (`Variant`: one-thread servers read the echo tests' hints so).

use std::time::Duration;

use super::case::{TestCase, TestFn};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;

/// A table of tests that several exercises share. Its rows name no program (`program: None`):
/// each exercise that takes the family gives its own, and the tests start it by that name
/// (`Ctx::program`).
pub struct Family {
    /// Names the family's catalog entries: `<name>--<test>--title`, `--hint`.
    pub name: &'static str,
    /// The course section (an exercise's anchor in course.md) that tells the family's tests, the
    /// first exercise's that takes it: a test the family runs itself is told there once, and the
    /// other exercises' sections may name it or not (`verify`).
    pub course: &'static str,
    pub tests: &'static [TestCase],
    /// Who runs its tests: the family, the same in every exercise, or each exercise its own way.
    pub runs: Runs,
}

/// Who runs a family's tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runs {
    /// The family's own functions run each test, the same in every exercise that takes it: one
    /// test, proven by a broken version of any of them and told once in the family's section.
    InTheFamily,
    /// The family gives each test's id, texts, points, timeout and section, and each exercise
    /// gives how it runs (`Tweak::run`): the scenario is the exercise's own (who is connected,
    /// what must be left behind), the steps are shared (`exercises/kit/`).
    InEachExercise,
}

/// The `run` of a row whose family runs in each exercise (`Runs::InEachExercise`): an
/// exercise that takes the family gives its own (`Takes::mistakes` and the unit tests of
/// `exercises/` make sure of it); this one only says the checker is at fault.
pub fn given_by_the_exercise(ctx: &mut Ctx) -> TestResult {
    Err(Failure::checker_error(msg!(
        "family-run-missing",
        exercise = ctx.exercise
    )))
}

/// A family's rows in the words of one design, shared by the exercises of that design (the
/// echo tests' hints for a one-thread server, in poll's and epoll's tables alike): translated
/// once, under the variant's name.
pub struct Variant {
    /// Names its catalog entries: `<name>--<test>--hint`.
    pub name: &'static str,
    pub tweaks: &'static [Tweak],
}

/// A change to one row of a family, for one exercise or one variant. Unset fields keep the
/// family's.
#[derive(Clone, Copy)]
pub struct Tweak {
    pub id: &'static str,
    pub title: Option<&'static str>,
    pub hint: Option<&'static str>,
    /// The C track's words for `hint`, where they differ (`TestCase::hint_c`).
    pub hint_c: Option<&'static str>,
    pub section: Option<&'static str>,
    pub points: Option<u32>,
    pub timeout: Option<Duration>,
    pub run: Option<TestFn>,
}

impl Tweak {
    /// A change to the row `id`: `Tweak::of("round-trip").points(2).hint("...")`.
    pub const fn of(id: &'static str) -> Tweak {
        Tweak {
            id,
            title: None,
            hint: None,
            hint_c: None,
            section: None,
            points: None,
            timeout: None,
            run: None,
        }
    }

    pub const fn title(mut self, title: &'static str) -> Tweak {
        self.title = Some(title);
        self
    }

    pub const fn hint(mut self, hint: &'static str) -> Tweak {
        self.hint = Some(hint);
        self
    }

    /// The C track's words for the tweak's hint, where they differ.
    pub const fn hint_c(mut self, hint: &'static str) -> Tweak {
        self.hint_c = Some(hint);
        self
    }

    pub const fn section(mut self, section: &'static str) -> Tweak {
        self.section = Some(section);
        self
    }

    pub const fn points(mut self, points: u32) -> Tweak {
        self.points = Some(points);
        self
    }

    #[allow(
        dead_code,
        reason = "the family API: no exercise changes a timeout yet"
    )]
    pub const fn timeout(mut self, timeout: Duration) -> Tweak {
        self.timeout = Some(timeout);
        self
    }

    pub const fn run(mut self, run: TestFn) -> Tweak {
        self.run = Some(run);
        self
    }
}

/// An exercise takes a family: its tests, run on `program`, with the exercise's changes.
#[derive(Clone, Copy)]
pub struct Takes {
    pub family: &'static Family,
    /// The binary the family's tests run.
    pub program: &'static str,
    /// A family's wording for the exercise's design, applied before the exercise's own tweaks.
    pub variant: Option<&'static Variant>,
    /// The exercise's own changes (translated under the exercise's name).
    pub tweaks: &'static [Tweak],
    /// Rows the exercise's contract does not share.
    pub skip: &'static [&'static str],
    /// The only rows it shares, if not empty (one row of a large family).
    pub only: &'static [&'static str],
    /// Graded after the exercise's own tests rather than before (an exit comes last).
    pub after_own: bool,
    /// What the family's tests give the program after its port, where the exercise's contract
    /// wants more than `<program> <port>` (prefork-server's `<workers> <control-path>`).
    pub args: &'static [&'static str],
}

impl Takes {
    /// `Takes::family(&ECHO_SERVER, "poll-server")`: every row of the family, run on that program.
    pub const fn family(family: &'static Family, program: &'static str) -> Takes {
        Takes {
            family,
            program,
            variant: None,
            tweaks: &[],
            skip: &[],
            only: &[],
            after_own: false,
            args: &[],
        }
    }

    pub const fn variant(mut self, variant: &'static Variant) -> Takes {
        self.variant = Some(variant);
        self
    }

    pub const fn tweaks(mut self, tweaks: &'static [Tweak]) -> Takes {
        self.tweaks = tweaks;
        self
    }

    pub const fn skip(mut self, ids: &'static [&'static str]) -> Takes {
        self.skip = ids;
        self
    }

    pub const fn only(mut self, ids: &'static [&'static str]) -> Takes {
        self.only = ids;
        self
    }

    pub const fn after_own(mut self) -> Takes {
        self.after_own = true;
        self
    }

    /// The arguments the family's tests give the program after its port.
    pub const fn args(mut self, args: &'static [&'static str]) -> Takes {
        self.args = args;
        self
    }

    /// Whether the exercise takes the family's row `id`.
    pub fn shares(&self, id: &str) -> bool {
        !self.skip.contains(&id) && (self.only.is_empty() || self.only.contains(&id))
    }

    /// What is wrong with how the family is taken: a tweak or skip naming no row of the family
    /// (a typo would silently change nothing), a row that needs the exercise's run and has none.
    pub fn mistakes(&self) -> Vec<String> {
        let family = self.family;
        let has = |id: &str| family.tests.iter().any(|t| t.id == id);
        let mut found = Vec::new();
        let variant = self.variant.map(|v| (v.name, v.tweaks));
        for (owner, tweaks) in variant.into_iter().chain([("the exercise", self.tweaks)]) {
            for t in tweaks.iter().filter(|t| !has(t.id)) {
                found.push(format!(
                    "{owner} changes `{}`, which is no test of the family {}",
                    t.id, family.name
                ));
            }
        }
        for id in self.skip.iter().chain(self.only).filter(|id| !has(id)) {
            found.push(format!(
                "skips or keeps `{id}`, which is no test of the family {}",
                family.name
            ));
        }
        if family.runs == Runs::InEachExercise {
            for row in family.tests.iter().filter(|t| self.shares(t.id)) {
                if !self
                    .tweaks
                    .iter()
                    .any(|t| t.id == row.id && t.run.is_some())
                {
                    found.push(format!(
                        "takes {} but gives no run for `{}` (Tweak::of(\"{}\").run(...))",
                        family.name, row.id, row.id
                    ));
                }
            }
        }
        found
    }
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
    use crate::lab::case::secs;

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
