//! Talking to the harness of a library exercise (its generation is compile/harness.rs): calls
//! in, replies out, each reply matched with its call.
//!
//! Protocol: the checker writes one request per line on the harness's stdin,
//! `<tag> <function> <arg> <arg>...` (each exercise's `calls` source decodes its arguments), and
//! the harness answers each on fd 3, a private pipe, so that the student's own `println!`s
//! (which go to stdout) cannot corrupt it:
//! `<tag> ok <value>` | `<tag> todo <hex message> <hex location>` | `<tag> panic <hex message>
//! <hex location>`. The student's code runs in the harness process and could write to fd 3
//! itself; the tag, a secret of the checker's that is new for every call and that only the
//! harness's own loop sees, tells a real reply from a forged one.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};
use crate::base::workspace;
use crate::contain::program::Program;
use crate::contain::spawn::{Input, Spawn};

/// One call for the harness: the request words and how to show it to a student.
#[derive(Clone, Debug)]
pub struct Call {
    pub function: &'static str,
    pub args: Vec<String>,
    /// e.g. `htonl(0x01020304)` or `inet_aton("1.2.3")`: code, with words in the reader's
    /// language where a value is described (`write_all(slow pipe, an empty buffer)`).
    pub shown: Text,
}

impl Call {
    pub fn new(function: &'static str, args: Vec<String>, shown: impl Into<Text>) -> Self {
        Call {
            function,
            args,
            shown: shown.into(),
        }
    }
}

/// Encode a string argument for the harness.
pub fn arg_str(s: &str) -> String {
    arg_bytes(s.as_bytes())
}

/// Encode a byte-array argument for the harness.
pub fn arg_bytes(b: &[u8]) -> String {
    if b.is_empty() {
        "-".to_string()
    } else {
        b.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Decode a hex value from a reply.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if text == "-" {
        return Some(Vec::new());
    }
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

/// A running harness process.
pub struct Harness {
    program: Program,
    replies: mpsc::Receiver<Vec<String>>,
    /// Replies received and not yet matched with their calls.
    pending: std::collections::VecDeque<String>,
}

impl Harness {
    pub fn start(
        binary: &Path,
        label: &str,
        scope: &crate::contain::scope::Scope,
    ) -> Result<Harness, Failure> {
        let (read_end, write_end) = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC)
            .context("creating the harness reply pipe")?;
        let program = Spawn::new(binary, label)
            .in_scope(scope)
            .stdin(Input::Pipe)
            .fd3(write_end)
            .start()?;
        let (tx, rx) = mpsc::channel::<Vec<String>>();
        std::thread::spawn(move || {
            // Hand the replies over in batches (whatever one read brought), not line by line.
            let mut reader = BufReader::with_capacity(256 * 1024, std::fs::File::from(read_end));
            let mut partial = String::new();
            loop {
                let chunk = match reader.fill_buf() {
                    Ok([]) | Err(_) => break,
                    Ok(chunk) => chunk,
                };
                partial.push_str(&String::from_utf8_lossy(chunk));
                let consumed = chunk.len();
                reader.consume(consumed);
                let Some(last_newline) = partial.rfind('\n') else {
                    continue;
                };
                let rest = partial.split_off(last_newline + 1);
                let batch: Vec<String> = partial.lines().map(str::to_string).collect();
                partial = rest;
                if tx.send(batch).is_err() {
                    break;
                }
            }
        });
        Ok(Harness {
            program,
            replies: rx,
            pending: Default::default(),
        })
    }

    /// Make every call (pipelined: all requests are written by a separate thread while the
    /// replies are read) and return the reply values in order. Stops at the first call that
    /// panics, hits a `todo!()`, hangs past `deadline` or kills the harness.
    pub fn run(&mut self, calls: &[Call], deadline: Instant) -> Result<Vec<String>, Failure> {
        // A fresh secret for this run of calls; each call's tag adds its number.
        let secret = fastrand::u64(..);
        let tag = |i: usize| format!("{secret:016x}{i:x}");
        let requests = request_lines(calls, tag);
        let mut stdin = self.program.take_stdin().context("harness stdin")?;
        std::thread::spawn(move || {
            let _ = stdin.write_all(requests.as_bytes());
            // Dropping stdin closes it: the harness exits after the last call.
        });

        let mut values = Vec::with_capacity(calls.len());
        for (i, call) in calls.iter().enumerate() {
            let reply = match self.next_reply(deadline) {
                Ok(reply) => reply,
                Err(no_reply) => return Err(self.no_reply(call, no_reply)),
            };
            let Some(reply) = reply
                .strip_prefix(&tag(i))
                .and_then(|r| r.strip_prefix(' '))
            else {
                return Err(
                    Failure::wrong(msg!("harness-private-channel", call = &call.shown)).detail(
                        msg!("harness-written"),
                        escape::quoted(reply.as_bytes(), 80),
                    ),
                );
            };
            let reply = reply.to_string();
            let (kind, rest) = reply.split_once(' ').unwrap_or((reply.as_str(), ""));
            match kind {
                "ok" => values.push(rest.to_string()),
                "todo" | "panic" => {
                    let failure = stopped_in(call, kind == "todo", rest);
                    return Err(failure.output(self.student_output()));
                }
                _ => {
                    return Err(Failure::checker_error(msg!(
                        "harness-unexpected",
                        call = &call.shown,
                        reply = escape::bytes(reply.as_bytes())
                    )));
                }
            }
        }
        Ok(values)
    }

    /// No reply to `call`: the harness hangs in it (past the deadline) or is gone.
    fn no_reply(&mut self, call: &Call, why: mpsc::RecvTimeoutError) -> Failure {
        match why {
            mpsc::RecvTimeoutError::Timeout => {
                Failure::of_kind(Kind::Timeout, msg!("harness-no-return", call = &call.shown))
                    .note(msg!("harness-endless-loop"))
                    .output(self.student_output())
            }
            mpsc::RecvTimeoutError::Disconnected => {
                let what = msg!("harness-while-running", call = &call.shown);
                self.program
                    .unexpected_exit(what)
                    .output(self.student_output())
            }
        }
    }

    /// The signal that killed the harness, once it has ended so (a crash inside the code
    /// under test: SIGSEGV, SIGILL for the undefined-behaviour sanitizer's trap, ...).
    pub fn killed_by(&mut self) -> Option<i32> {
        use std::os::unix::process::ExitStatusExt;
        self.program.try_status()?.signal()
    }

    fn next_reply(&mut self, deadline: Instant) -> Result<String, mpsc::RecvTimeoutError> {
        loop {
            if let Some(reply) = self.pending.pop_front() {
                return Ok(reply);
            }
            let batch = self
                .replies
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))?;
            self.pending.extend(batch);
        }
    }

    /// What the student's code printed while being called (stdout, then stderr), for context.
    /// (The harness replaces the panic hook, so no panic message of its own is in there.)
    fn student_output(&self) -> String {
        let mut out = self.program.stdout.bytes();
        out.extend(self.program.stderr.bytes());
        escape::excerpt(&out, 1000)
    }
}

/// One request line per call: its tag, its function and its arguments, space-separated.
fn request_lines(calls: &[Call], tag: impl Fn(usize) -> String) -> String {
    let mut requests = String::with_capacity(calls.len() * 40);
    for (i, call) in calls.iter().enumerate() {
        requests.push_str(&tag(i));
        requests.push(' ');
        requests.push_str(call.function);
        for arg in &call.args {
            requests.push(' ');
            requests.push_str(arg);
        }
        requests.push('\n');
    }
    requests
}

/// Where a C library's `TODO` stands, as its panic says it (the shim in its exercise's `c-shim/`):
/// `not yet implemented: lab_htons (endian.c:28)` is at `endian.c:28`.
fn c_todo_place(message: &str) -> Option<&str> {
    let place = message.strip_suffix(')')?.rsplit_once(" (")?.1;
    (place.contains(".c:") || place.contains(".h:")).then_some(place)
}

/// The call reached a `todo!()` (not started) or panicked: `rest` holds the message and the
/// location, hex-encoded, so that neither can break the reply's line.
fn stopped_in(call: &Call, todo: bool, rest: &str) -> Failure {
    let mut words = rest.split(' ');
    let text = |w: Option<&str>| {
        w.and_then(unhex)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    };
    let message = text(words.next());
    let location = match c_todo_place(&message) {
        Some(place) => place.to_string(),
        None => workspace::display_path(&text(words.next())),
    };
    if todo {
        Failure::not_started(crate::contain::exit::reached_todo(&call.shown, &location))
    } else {
        Failure::of_kind(
            Kind::Panic,
            msg!(
                "harness-panicked",
                call = &call.shown,
                message = &message,
                at = &location
            ),
        )
        .detail(msg!("harness-given"), call.shown.clone())
    }
}
