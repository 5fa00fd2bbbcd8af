//! What the checker had to do to a program, or saw it do on its own, beyond what the test
//! asked. Each test has a `Recorder` in its scope, shared by every program it starts (and by
//! the process-cap watcher, which knows the program by its registration): a typed list the
//! report renders, never free text filtered by prefix.

use std::sync::{Arc, Mutex};

use super::exit::is_sanitizer_report;
use super::limits::MAX_PROCESSES;
use crate::base::i18n::{Text, msg};

/// What the checker had to do to a program, or saw it do on its own, beyond what the test
/// asked: shown with a failed test, because a test that only saw "refused" or "timed out"
/// cannot say why.
#[derive(Clone, Debug, PartialEq)]
pub enum Intervention {
    /// It ended before the checker stopped it: a server (which runs until it is stopped)
    /// whatever its status, any program by a crash.
    EndedOnItsOwn {
        label: String,
        /// "exited with status 1", "was killed by SIGSEGV ...".
        how: Text,
        /// Its last non-empty lines on stderr, escaped.
        last_words: Vec<String>,
        /// A server: it was meant to run until stopped.
        server: bool,
        /// Where it reached a `todo!()`, if that is how it ended: the test then was not started.
        todo_at: Option<String>,
        /// The call it slept in when the checker stopped and continued it (SIGSTOP, SIGCONT),
        /// if it then ended on an EINTR (its last words say so): `epoll_wait` fails so after a
        /// stop, as after Ctrl-Z and fg, even with no handler (signal(7)).
        eintr_after_stop: Option<String>,
    },
    /// It was stopped (SIGSTOP) when the checker came to end it.
    FoundStopped { label: String },
    /// It outlived SIGTERM's grace period and was killed with SIGKILL.
    IgnoredSigterm { label: String, grace_ms: u128 },
    /// Processes it started were still running after it ended (orphans, setsid).
    LeftRunning { label: String, count: usize },
    /// The checker killed it for running more than `MAX_PROCESSES` at once.
    KilledForkBomb,
    /// The kernel (its pids cgroup) refused some of its forks.
    RefusedForks { label: String, refused: u64 },
    /// It wrote more output than the checker keeps.
    Flooded { label: String, bytes: u64 },
    /// Processes were left in the test's sandbox after its programs were stopped.
    SandboxLeftovers { count: usize },
}

impl Intervention {
    /// One line for the report.
    pub fn describe(&self) -> Text {
        match self {
            Intervention::EndedOnItsOwn {
                label,
                how,
                last_words,
                server,
                ..
            } => {
                let ended = if *server {
                    msg!("intervention-server-ended", label = label, how = how)
                } else {
                    msg!("intervention-ended", label = label, how = how)
                };
                // A sanitizer's report is what the program said last that matters.
                let telling = last_words.iter().find(|l| is_sanitizer_report(l));
                match telling.or(last_words.last()) {
                    Some(line) => ended.then(msg!("intervention-last-words", line = line)),
                    None => ended,
                }
            }
            Intervention::FoundStopped { label } => {
                msg!("intervention-found-stopped", label = label)
            }
            Intervention::IgnoredSigterm { label, grace_ms } => msg!(
                "intervention-ignored-sigterm",
                label = label,
                ms = grace_ms.to_string()
            ),
            Intervention::LeftRunning { label, count } => msg!(
                "intervention-left-running",
                label = label,
                count = msg!("count-process", n = *count)
            ),
            Intervention::KilledForkBomb => {
                msg!("intervention-fork-bomb", max = MAX_PROCESSES)
            }
            Intervention::RefusedForks { label, refused } => msg!(
                "intervention-refused-forks",
                label = label,
                max = MAX_PROCESSES,
                refused = refused.to_string()
            ),
            Intervention::Flooded { label, bytes } => {
                msg!(
                    "intervention-flooded",
                    label = label,
                    bytes = bytes.to_string()
                )
            }
            Intervention::SandboxLeftovers { count } => {
                msg!("intervention-sandbox-leftovers", n = *count)
            }
        }
    }
}

/// Where a test's interventions are written down: one per scope, shared by its programs.
#[derive(Clone, Debug, Default)]
pub struct Recorder(Arc<Mutex<Vec<Intervention>>>);

impl Recorder {
    /// Write down what happened.
    pub fn record(&self, what: Intervention) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(what);
    }

    /// Take everything written down so far, each distinct thing once.
    pub fn take(&self) -> Vec<Intervention> {
        let mut found = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        found.dedup();
        found
    }
}
