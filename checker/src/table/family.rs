//! Families of tests that several exercises share, as a table declares them: the family (its
//! rows, and who runs them), a design's wording of it (`Variant`), an exercise's change to one
//! of its rows (`Tweak`) and how an exercise takes it (`Takes`). How the rows are composed into
//! an exercise's tests is the lab's (`lab::family`). `Run` is the function that runs a test
//! (the lab's `TestFn`, see `table`).

use std::time::Duration;

use super::case::TestCase;

/// A table of tests that several exercises share. Its rows name no program (`program: None`):
/// each exercise that takes the family gives its own, and the tests start it by that name
/// (`Ctx::program`).
pub struct Family<Run: 'static> {
    /// Names the family's catalog entries: `<name>--<test>--title`, `--hint`.
    pub name: &'static str,
    /// The course section (an exercise's anchor in course.md) that tells the family's tests, the
    /// first exercise's that takes it: a test the family runs itself is told there once, and the
    /// other exercises' sections may name it or not (`verify`).
    pub course: &'static str,
    pub tests: &'static [TestCase<Run>],
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

/// A family's rows in the words of one design, shared by the exercises of that design (the
/// echo tests' hints for a one-thread server, in poll's and epoll's tables alike): translated
/// once, under the variant's name.
pub struct Variant<Run: 'static> {
    /// Names its catalog entries: `<name>--<test>--hint`.
    pub name: &'static str,
    pub tweaks: &'static [Tweak<Run>],
}

/// A change to one row of a family, for one exercise or one variant. Unset fields keep the
/// family's.
#[derive(Clone, Copy)]
pub struct Tweak<Run> {
    pub id: &'static str,
    pub title: Option<&'static str>,
    pub hint: Option<&'static str>,
    /// The C track's words for `hint`, where they differ (`TestCase::hint_c`).
    pub hint_c: Option<&'static str>,
    pub section: Option<&'static str>,
    pub points: Option<u32>,
    pub timeout: Option<Duration>,
    pub run: Option<Run>,
}

impl<Run: Copy> Tweak<Run> {
    /// A change to the row `id`: `Tweak::of("round-trip").points(2).hint("...")`.
    pub const fn of(id: &'static str) -> Tweak<Run> {
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

    pub const fn title(mut self, title: &'static str) -> Tweak<Run> {
        self.title = Some(title);
        self
    }

    pub const fn hint(mut self, hint: &'static str) -> Tweak<Run> {
        self.hint = Some(hint);
        self
    }

    /// The C track's words for the tweak's hint, where they differ.
    pub const fn hint_c(mut self, hint: &'static str) -> Tweak<Run> {
        self.hint_c = Some(hint);
        self
    }

    pub const fn section(mut self, section: &'static str) -> Tweak<Run> {
        self.section = Some(section);
        self
    }

    pub const fn points(mut self, points: u32) -> Tweak<Run> {
        self.points = Some(points);
        self
    }

    #[allow(
        dead_code,
        reason = "the family API: no exercise changes a timeout yet"
    )]
    pub const fn timeout(mut self, timeout: Duration) -> Tweak<Run> {
        self.timeout = Some(timeout);
        self
    }

    pub const fn run(mut self, run: Run) -> Tweak<Run> {
        self.run = Some(run);
        self
    }
}

/// An exercise takes a family: its tests, run on `program`, with the exercise's changes.
#[derive(Clone, Copy)]
pub struct Takes<Run: 'static> {
    pub family: &'static Family<Run>,
    /// The binary the family's tests run.
    pub program: &'static str,
    /// A family's wording for the exercise's design, applied before the exercise's own tweaks.
    pub variant: Option<&'static Variant<Run>>,
    /// The exercise's own changes (translated under the exercise's name).
    pub tweaks: &'static [Tweak<Run>],
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

impl<Run: Copy> Takes<Run> {
    /// `Takes::family(&ECHO_SERVER, "poll-server")`: every row of the family, run on that program.
    pub const fn family(family: &'static Family<Run>, program: &'static str) -> Takes<Run> {
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

    pub const fn variant(mut self, variant: &'static Variant<Run>) -> Takes<Run> {
        self.variant = Some(variant);
        self
    }

    pub const fn tweaks(mut self, tweaks: &'static [Tweak<Run>]) -> Takes<Run> {
        self.tweaks = tweaks;
        self
    }

    pub const fn skip(mut self, ids: &'static [&'static str]) -> Takes<Run> {
        self.skip = ids;
        self
    }

    pub const fn only(mut self, ids: &'static [&'static str]) -> Takes<Run> {
        self.only = ids;
        self
    }

    pub const fn after_own(mut self) -> Takes<Run> {
        self.after_own = true;
        self
    }

    /// The arguments the family's tests give the program after its port.
    pub const fn args(mut self, args: &'static [&'static str]) -> Takes<Run> {
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
