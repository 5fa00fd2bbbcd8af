//! The test every exercise ends with: its rules hold (checked with clippy on the trusted copy
//! of its sources, see compile/rules.rs; on the C track, read from what its compiled code
//! imports, see compile/c.rs).

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::base::workspace::Track;
use crate::compile::rules::rule_violations;
use crate::context::Ctx;
use crate::lab::exercise::{RULES_ID, TestCase, secs};
use crate::table::track::ImportKind;

/// The `rules` test of every exercise (`Exercise::rules`).
pub static RULES: TestCase = TestCase {
    id: RULES_ID,
    title: "follows the exercise's rules (Rust: clippy.toml and [lints]; C: the functions its code calls)",
    // No points of its own (a stub follows the rules), but a broken rule voids the
    // exercise's points: see ExerciseReport::points.
    points: 0,
    timeout: secs(180),
    hint: "Rewrite the flagged code without the forbidden shortcut; the message names the rule and why it exists.",
    hint_c: None,
    section: "rules",
    program: None,
    run: rules_test,
};

fn rules_test(ctx: &mut Ctx) -> TestResult {
    // The work is cargo's, as the builds are, and like them it runs outside the `-j` slots:
    // the slot goes to a test that drives programs (about a second of the suite's slot time
    // went to fifteen runs of clippy on sources already checked).
    // On the C track each broken rule is the checker's own sentence, in the reader's language
    // (`rules-c-calls`); clippy's lines are clippy's, shown as it wrote them.
    let (violations, kind): (Vec<Text>, FailureKind) = match (ctx.track, ctx.exercise.c) {
        (Track::C, Some(c)) => {
            let found = ctx.off_cpu(|| crate::compile::c::rule_violations(ctx.built, c))?;
            // Only calls missing: judged once the code gets past its TODOs (a stub makes none).
            let kind = if found.iter().all(|(k, _)| *k == ImportKind::Required) {
                FailureKind::MissingCall
            } else {
                FailureKind::Rule
            };
            (found.into_iter().map(|(_, said)| said).collect(), kind)
        }
        _ => {
            let found = ctx.off_cpu(|| rule_violations(ctx.built, false))?;
            if found.is_empty() {
                return Ok(());
            }
            let summary = msg!(
                "rules-broken",
                exercise = ctx.exercise.name,
                places = msg!("count-place", n = found.len()),
                n = found.len()
            );
            return Err(Failure::of_kind(FailureKind::Rule, summary).output(found.join("\n")));
        }
    };
    if violations.is_empty() {
        return Ok(());
    }
    // `rules-broken-c` counts the calls that break a C rule, not clippy's places.
    let summary = msg!(
        "rules-broken",
        exercise = ctx.exercise.name,
        places = msg!("count-place", n = violations.len()),
        n = violations.len()
    );
    Err(Failure::of_kind(kind, summary).detail(msg!("rules-c-found"), Text::lines(violations)))
}
