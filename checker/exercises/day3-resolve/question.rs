//! One question to resolve: run it, ask the oracle (this machine's resolver), compare.

use super::RESOLVE;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Failure, Status, TestResult};
use crate::contain::program::Program;
use crate::context::Ctx;
use crate::exercises::kit::{errors, run};
use crate::lab::exercise::secs;
use crate::observe::resolver::{self};
use std::process::ExitStatus;

/// What the program must do: print these lines and exit 0, or print this error and exit 1.
#[derive(Clone, PartialEq, Debug)]
pub(super) enum Expected {
    Lines(Vec<String>),
    /// The gai_strerror text (the line is `resolve: <name>: <text>`).
    Error(String),
}

/// A run of `resolve <args>`, with what the oracle says of the same question.
pub(super) struct Question {
    pub(super) args: Vec<String>,
    /// The host or address the question is about (what an error line names).
    pub(super) name: String,
}

impl Question {
    pub(super) fn forward(host: &str, service: Option<&str>) -> Question {
        let mut args = vec![host.to_string()];
        args.extend(service.map(str::to_string));
        Question {
            args,
            name: host.to_string(),
        }
    }

    pub(super) fn reverse(ip: &str) -> Question {
        Question {
            args: vec!["-r".into(), ip.into()],
            name: ip.into(),
        }
    }

    pub(super) fn shown(&self) -> String {
        let words: Vec<String> = self.args.iter().map(|a| escape::shell_word(a)).collect();
        format!("resolve {}", words.join(" "))
    }

    /// The oracle's answer: this machine's getaddrinfo/getnameinfo, as the contract uses them.
    pub(super) fn oracle(&self) -> Expected {
        let answer = match self.args.as_slice() {
            [flag, ip] if flag == "-r" => resolver::reverse(ip).map(|name| vec![name]),
            [host] => resolver::forward(host, None),
            [host, service] => resolver::forward(host, Some(service)),
            _ => unreachable!("the tests ask only these three shapes"),
        };
        match answer {
            Ok(lines) => Expected::Lines(lines),
            Err(text) => Expected::Error(text),
        }
    }
}

/// A finished run.
pub(super) struct Run {
    pub(super) status: ExitStatus,
    pub(super) stdout: String,
    pub(super) stderr: String,
    pub(super) program: Program,
}

pub(super) fn run_question(
    ctx: &Ctx,
    q: &Question,
    env: &[(String, String)],
) -> Result<Run, Failure> {
    let mut spawn = ctx.program(RESOLVE)?.args(&q.args);
    spawn.env.extend(env.iter().cloned());
    // A lookup that goes to a DNS server the machine cannot reach may take a while.
    let finished = run::to_exit(ctx, spawn, secs(15))?;
    let Some(status) = finished.status else {
        return Err(Failure::of_kind(
            FailureKind::Timeout,
            msg!("resolve-did-not-exit", command = q.shown()),
        ));
    };
    Ok(Run {
        status,
        stdout: String::from_utf8_lossy(&finished.stdout).into_owned(),
        stderr: finished.stderr,
        program: finished.program,
    })
}

/// Run the question and compare with the oracle, asked before and after.
pub(super) fn ask(ctx: &Ctx, q: &Question) -> TestResult {
    ask_with(ctx, q, q.oracle(), &[], |_| Ok(q.oracle()))
}

/// Run `q` (with `env`) and compare with `expected`; `again` asks the oracle once more after the
/// run, so that a resolver that changed its mind meanwhile is the machine's problem, not the
/// student's.
pub(super) fn ask_with(
    ctx: &Ctx,
    q: &Question,
    expected: Expected,
    env: &[(String, String)],
    again: impl Fn(&Ctx) -> Result<Expected, Failure>,
) -> TestResult {
    let mut r = run_question(ctx, q, env)?;
    let after = again(ctx)?;
    if after != expected {
        return Err(Failure::checker_error(msg!(
            "resolve-oracle-changed",
            command = q.shown(),
            first = format!("{expected:?}"),
            then = format!("{after:?}")
        )));
    }
    ctx.log(format!("{} -> {expected:?}", q.shown()));
    match expected {
        Expected::Lines(lines) => expect_lines(q, &mut r, &lines),
        Expected::Error(text) => expect_error(q, &mut r, &text),
    }
}

fn expect_lines(q: &Question, r: &mut Run, lines: &[String]) -> TestResult {
    let shown = q.shown();
    if !r.status.success() {
        let mut f = r
            .program
            .unexpected_exit(msg!("resolve-on-command", command = &shown));
        if f.status != Status::NotStarted {
            f = f.detail(msg!("label-expected"), lines_shown(lines));
        }
        if r.status.code() == Some(1) {
            f = f.note(msg!("resolve-failed-where-checker-succeeds"));
        }
        return Err(f);
    }
    let got: Vec<&str> = r.stdout.lines().collect();
    if got == lines {
        return Ok(());
    }
    let mut f = Failure::of_kind(
        FailureKind::BadOutput,
        msg!("resolve-other-lines", command = &shown),
    )
    .detail(msg!("label-expected"), lines_shown(lines))
    .detail(
        msg!("label-got"),
        escape::excerpt(r.stdout.as_bytes(), 600)
            .lines()
            .collect::<Vec<_>>()
            .join(" | "),
    );
    let note = if q.args[0] == "-r" {
        (got == [q.name.as_str()]).then(|| msg!("resolve-address-itself"))
    } else {
        diagnose(lines, &got)
    };
    if let Some(note) = note {
        f = f.note(note);
    }
    Err(f)
}

fn lines_shown(lines: &[String]) -> Text {
    if lines.is_empty() {
        msg!("resolve-no-line")
    } else {
        lines.join(" | ").into()
    }
}

/// What the shape of a wrong answer suggests.
fn diagnose(expected: &[String], got: &[&str]) -> Option<Text> {
    let fields = |line: &str| -> Vec<String> { line.split(' ').map(str::to_string).collect() };
    let exp: Vec<Vec<String>> = expected.iter().map(|l| fields(l)).collect();
    let gotf: Vec<Vec<String>> = got.iter().map(|l| fields(l)).collect();
    if got.len() == expected.len() * 3 && !expected.is_empty() {
        return Some(msg!("resolve-three-times"));
    }
    if got.len() < expected.len() && expected.iter().zip(got).all(|(e, g)| e == g) {
        return Some(msg!(
            "resolve-results-missing",
            missing = (expected.len() - got.len()).to_string(),
            total = expected.len().to_string()
        ));
    }
    if got.len() != expected.len() {
        return None;
    }
    for (e, g) in exp.iter().zip(&gotf) {
        if e.len() != 3 || g.len() != 3 {
            return Some(msg!("resolve-three-words"));
        }
        if e[0] != g[0] {
            return Some(msg!("resolve-family-word"));
        }
        if e[1] != g[1] {
            return Some(if g[1].parse::<std::net::IpAddr>().is_err() {
                msg!("resolve-name-not-address")
            } else {
                msg!("resolve-wrong-address")
            });
        }
        if e[2] != g[2] {
            if let (Ok(port), Ok(got_port)) = (e[2].parse::<u16>(), g[2].parse::<u16>())
                && port.swap_bytes() == got_port
            {
                return Some(msg!(
                    "resolve-port-swapped",
                    got = got_port.to_string(),
                    port = port.to_string()
                ));
            }
            return Some(msg!("resolve-wrong-port"));
        }
    }
    None
}

fn expect_error(q: &Question, r: &mut Run, text: &str) -> TestResult {
    let shown = q.shown();
    let line = format!("resolve: {}: {text}", q.name);
    match r.status.code() {
        Some(1) => {}
        Some(0) => {
            return Err(Failure::of_kind(
                FailureKind::BadExit,
                msg!("resolve-exited-0", command = &shown, text = text),
            )
            .detail(
                msg!("label-expected"),
                msg!("resolve-expected-error-line", line = &line),
            )
            .output(escape::excerpt(r.stdout.as_bytes(), 600))
            .note(msg!("resolve-check-return-code")));
        }
        _ => {
            let mut f = r
                .program
                .unexpected_exit(msg!("resolve-on-command", command = &shown));
            if f.status != Status::NotStarted {
                f = f.detail(
                    msg!("label-expected"),
                    msg!("resolve-expected-error-line", line = &line),
                );
            }
            return Err(f);
        }
    }
    let Some(mut f) = errors::not_the_error_line(&shown, &line, &r.stderr) else {
        return Ok(());
    };
    let got: Vec<&str> = r.stderr.lines().collect();
    let first = got.first().copied().unwrap_or_default();
    if got.len() == 1 && !first.ends_with(text) {
        let reason = first.rsplit(": ").next().unwrap_or_default();
        f = f.note(if is_gai_text(reason) {
            msg!("resolve-other-eai-code", reason = reason, text = text)
        } else {
            msg!("resolve-gai-strerror", text = text)
        });
    } else if got.len() == 1 && !first.contains(&q.name) {
        f = f.note(msg!("resolve-name-what-was-asked", name = &q.name));
    }
    Err(f)
}

/// Is this one of gai_strerror's texts (glibc's EAI_ codes run from -1 to -11 and -100 to -105)?
fn is_gai_text(reason: &str) -> bool {
    (-11..=-1)
        .chain(-105..=-100)
        .any(|code| resolver::gai_strerror(code) == reason)
}
