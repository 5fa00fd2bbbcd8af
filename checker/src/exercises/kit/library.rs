//! Helpers for testing library exercises through their harness: make many calls, compare each
//! answer with the expected one, and report the first wrong answer with how many others were
//! wrong, so the test code stays short and declarative.

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::base::workspace::Track;
use crate::context::Ctx;
use crate::observe::harness::{Call, Harness};

/// One call and the answer it must give.
pub struct Case<T> {
    pub call: Call,
    pub expected: T,
}

/// How to read and show a function's answers.
pub struct Answers<T> {
    /// Parse a reply value from the harness.
    pub parse: fn(&str) -> Option<T>,
    /// Show an answer to the student: `0x3412`, the bytes `12 34` in memory, `None`,
    /// `"::1"` (words, where there are any, in the reader's language).
    pub show: fn(&T) -> Text,
}

/// Make every call and compare. `note` may add an explanation for a specific wrong answer
/// (e.g. "this looks like sign extension").
pub fn expect_all<T: PartialEq>(
    ctx: &mut Ctx,
    cases: &[Case<T>],
    answers: &Answers<T>,
    note: impl Fn(&Case<T>, &T) -> Option<Text>,
) -> TestResult {
    let calls: Vec<Call> = cases.iter().map(|c| c.call.clone()).collect();
    let mut harness = ctx.harness(&library_files(ctx))?;
    let replies = match harness.run(&calls, ctx.deadline) {
        Ok(replies) => replies,
        Err(f) => return Err(crashed(ctx, &mut harness, &calls, f)),
    };
    let mut wrong = 0usize;
    let mut first: Option<(usize, T)> = None;
    for (i, (case, reply)) in cases.iter().zip(&replies).enumerate() {
        let got = (answers.parse)(reply).ok_or_else(|| {
            Failure::checker_error(msg!(
                "library-unreadable-answer",
                call = &case.call.shown,
                reply = reply
            ))
        })?;
        if i < 3 || (got != case.expected && wrong < 3) {
            let (call, value) = (&case.call.shown, (answers.show)(&got));
            ctx.log(if got == case.expected {
                msg!("library-log-ok", call = call, value = value)
            } else {
                msg!("library-log-wrong", call = call, value = value)
            });
        }
        if got != case.expected {
            wrong += 1;
            if first.is_none() {
                first = Some((i, got));
            }
        }
    }
    ctx.log(msg!(
        "library-calls-log",
        calls = cases.len().to_string(),
        wrong = wrong.to_string()
    ));
    let Some((i, got)) = first else { return Ok(()) };
    Err(wrong_answer(
        &cases[i],
        &got,
        (wrong, cases.len()),
        answers,
        note,
    ))
}

/// What a report calls the harness that runs the student's functions: the files they wrote
/// (`endian.c`, `src/lib.rs`), as on the track graded.
pub fn library_files(ctx: &Ctx) -> String {
    ctx.exercise.student_files_on(ctx.track).join(", ")
}

/// A run of calls that killed the harness (`f` its failure), told by the call that did it.
/// The harness sends its replies in batches, so the replies before a crash may never have
/// come, and the first call without one need not be the culprit: the first prefix of `calls`
/// that crashes a fresh harness is found by halving (a dozen short runs for thousands of
/// calls), and its last call is run alone, whose failure names it. On the C track a SIGILL is
/// the undefined-behaviour sanitizer's trap (the checker builds the functions with it): the
/// test's own hint says what C leaves undefined there, and a note says what stopped it.
fn crashed(ctx: &Ctx, harness: &mut Harness, calls: &[Call], f: Failure) -> Failure {
    let Some(signal) = harness.killed_by() else {
        return f;
    };
    let crashes = |calls: &[Call]| -> Option<Failure> {
        let mut fresh = ctx.harness(&library_files(ctx)).ok()?;
        let failure = fresh.run(calls, ctx.deadline).err()?;
        fresh.killed_by().map(|_| failure)
    };
    let (mut lo, mut hi, mut found) = (0, calls.len(), f);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match crashes(&calls[..mid]) {
            Some(f) => (hi, found) = (mid, f),
            None => lo = mid,
        }
    }
    let mut f = crashes(&calls[hi - 1..hi]).unwrap_or(found);
    if ctx.track == Track::C && signal == nix::sys::signal::Signal::SIGILL as i32 {
        f.kind = None;
        f = f.note(msg!("library-undefined-behaviour-c"));
    }
    f
}

/// The first wrong answer, how many of the `total` were wrong, and `note`'s explanation of it.
fn wrong_answer<T>(
    case: &Case<T>,
    got: &T,
    (wrong, total): (usize, usize),
    answers: &Answers<T>,
    note: impl Fn(&Case<T>, &T) -> Option<Text>,
) -> Failure {
    let mut failure = Failure::wrong(msg!(
        "library-wrong-answer",
        call = &case.call.shown,
        expected = (answers.show)(&case.expected),
        got = (answers.show)(got)
    ));
    if total > 1 {
        failure = failure.detail(
            msg!("library-wrong-answers"),
            msg!(
                "library-wrong-of",
                wrong = wrong.to_string(),
                total = total.to_string()
            ),
        );
    }
    if let Some(text) = note(case, got) {
        failure = failure.note(text);
    }
    failure
}

/// Common answer shapes.
pub mod shapes {
    use super::Answers;
    use crate::base::escape;
    use crate::base::i18n::{Text, msg};
    use crate::observe::harness::unhex;

    pub const U16_HEX: Answers<u16> = Answers {
        parse: |s| s.parse().ok(),
        show: |v| format!("{v:#06x}").into(),
    };
    pub const U32_HEX: Answers<u32> = Answers {
        parse: |s| s.parse().ok(),
        show: |v| format!("{v:#010x}").into(),
    };
    pub const BOOL: Answers<bool> = Answers {
        parse: |s| s.parse().ok(),
        show: |v| v.to_string().into(),
    };

    /// A number shown by its bytes in memory: what htons/htonl are about.
    pub const U16_MEMORY: Answers<u16> = Answers {
        parse: |s| s.parse().ok(),
        show: |v| msg!("library-in-memory", bytes = escape::hex(&v.to_ne_bytes())),
    };
    pub const U32_MEMORY: Answers<u32> = Answers {
        parse: |s| s.parse().ok(),
        show: |v| msg!("library-in-memory", bytes = escape::hex(&v.to_ne_bytes())),
    };

    pub const BYTES: Answers<Vec<u8>> = Answers {
        parse: unhex,
        show: |v| bytes(v),
    };

    /// Bytes as the track writes an array of them: `[01 02]`, or C's `{0x01, 0x02}`.
    pub fn bytes(v: &[u8]) -> Text {
        Text::as_written(format!("[{}]", escape::hex(v)), c_array(v))
    }

    /// Bytes as C initializes an array with them: `{0x7f, 0x00, 0x00, 0x01}`.
    pub fn c_array(v: &[u8]) -> String {
        let each: Vec<String> = v.iter().map(|b| format!("{b:#04x}")).collect();
        format!("{{{}}}", each.join(", "))
    }

    /// `Option<[u8; N]>` as the harness sends it: `none` or `some:<hex>`.
    pub fn parse_opt_bytes(s: &str) -> Option<Option<Vec<u8>>> {
        if s == "none" {
            return Some(None);
        }
        s.strip_prefix("some:").and_then(unhex).map(Some)
    }

    /// A string as the harness sends it (hex of its UTF-8 bytes).
    pub fn parse_string(s: &str) -> Option<String> {
        unhex(s).map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    pub const STRING: Answers<String> = Answers {
        parse: parse_string,
        show: |v| format!("\"{}\"", escape::bytes(v.as_bytes())).into(),
    };
}
