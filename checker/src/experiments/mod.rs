//! Experiments a student runs (`checker try <name>`): each makes the kernel show one claim of
//! the course on this machine, on loopback, and says what it did, what the kernel answered and
//! what that shows. Each returns its findings as data (`Outcome`: whether the claim held, and
//! the facts it rests on), so the project's tests check the claim itself, never the wording.
//!
//! Where the machine allows it (the checker's sandbox: root, or root of a user namespace), an
//! experiment runs in a fresh network namespace of its own: its counters start at zero, it
//! may use raw sockets, and nothing else on the machine disturbs it. Otherwise it runs on the
//! machine's loopback, and the experiments that need a namespace say they cannot run.

mod close;
mod connection;
mod device;
mod icmp;
mod mqtt;
mod net;
mod passing;
mod processes;
mod queue;
mod readiness;
mod signals;

use anyhow::Result;
use serde_json::{Map, Value};

use crate::base::i18n::{Messages, Text, msg};
use crate::contain::reaper::ReaperPause;
use crate::contain::sandbox::{self, Sandbox};

/// One experiment: its name (what `checker try` takes), the course section that makes the
/// claim, and the function that shows it.
pub struct Experiment {
    pub name: &'static str,
    pub section: &'static str,
    /// Needs a network namespace of its own (raw sockets, a quiet set of counters).
    pub needs_namespace: bool,
    /// The catalog id of its one-line summary.
    pub title_id: &'static str,
    pub run: fn(&mut Lab) -> Result<Outcome>,
}

impl Experiment {
    /// Its one-line summary in the reader's language.
    pub fn title(&self) -> Text {
        Text::msg(self.title_id, Vec::new())
    }
}

/// Every experiment, in the order of the course.
pub static ALL: &[Experiment] = &[
    Experiment {
        name: "backlog",
        section: "backlog",
        needs_namespace: false,
        title_id: "try-backlog--title",
        run: queue::backlog,
    },
    Experiment {
        name: "accept-queue-full",
        section: "backlog",
        needs_namespace: false,
        title_id: "try-accept-queue-full--title",
        run: queue::accept_queue_full,
    },
    Experiment {
        name: "reset-in-accept-queue",
        section: "backlog",
        needs_namespace: false,
        title_id: "try-reset-in-accept-queue--title",
        run: queue::reset_in_accept_queue,
    },
    Experiment {
        name: "connect-unreachable",
        section: "connect-errors",
        needs_namespace: true,
        title_id: "try-connect-unreachable--title",
        run: icmp::connect_unreachable,
    },
    Experiment {
        name: "rst-unread",
        section: "close-vs-shutdown",
        needs_namespace: false,
        title_id: "try-rst-unread--title",
        run: close::rst_unread,
    },
    Experiment {
        name: "fin-delayed-ack",
        section: "close-vs-shutdown",
        needs_namespace: false,
        title_id: "try-fin-delayed-ack--title",
        run: close::fin_delayed_ack,
    },
    Experiment {
        name: "shut-rd",
        section: "shutdown",
        needs_namespace: false,
        title_id: "try-shut-rd--title",
        run: connection::shut_rd,
    },
    Experiment {
        name: "time-wait-reuseaddr",
        section: "time-wait",
        needs_namespace: false,
        title_id: "try-time-wait-reuseaddr--title",
        run: close::time_wait_reuseaddr,
    },
    Experiment {
        name: "write-to-closed",
        section: "sigpipe",
        needs_namespace: false,
        title_id: "try-write-to-closed--title",
        run: connection::write_to_closed,
    },
    Experiment {
        name: "udp-icmp-unconnected",
        section: "connected-udp",
        needs_namespace: false,
        title_id: "try-udp-icmp-unconnected--title",
        run: icmp::udp_icmp_unconnected,
    },
    Experiment {
        name: "zombie",
        section: "zombies",
        needs_namespace: false,
        title_id: "try-zombie--title",
        run: processes::zombie,
    },
    Experiment {
        name: "sigchld-merge",
        section: "sigchld",
        needs_namespace: false,
        title_id: "try-sigchld-merge--title",
        run: signals::sigchld_merge,
    },
    Experiment {
        name: "short-count-sigstop",
        section: "short-writes",
        needs_namespace: false,
        title_id: "try-short-count-sigstop--title",
        run: processes::short_count_sigstop,
    },
    Experiment {
        name: "accept-nonblock",
        section: "non-blocking",
        needs_namespace: false,
        title_id: "try-accept-nonblock--title",
        run: connection::accept_nonblock,
    },
    Experiment {
        name: "connect-refused",
        section: "so-error",
        needs_namespace: false,
        title_id: "try-connect-refused--title",
        run: connection::connect_refused,
    },
    Experiment {
        name: "select-timeout",
        section: "select",
        needs_namespace: false,
        title_id: "try-select-timeout--title",
        run: readiness::select_timeout,
    },
    Experiment {
        name: "epoll-close-dup",
        section: "epoll",
        needs_namespace: false,
        title_id: "try-epoll-close-dup--title",
        run: readiness::epoll_close_dup,
    },
    Experiment {
        name: "epollet-starve",
        section: "edge-level",
        needs_namespace: false,
        title_id: "try-epollet-starve--title",
        run: readiness::epollet_starve,
    },
    Experiment {
        name: "pipe-buf-atomic",
        section: "pipe-buf",
        needs_namespace: false,
        title_id: "try-pipe-buf-atomic--title",
        run: processes::pipe_buf_atomic,
    },
    Experiment {
        name: "scm-rights",
        section: "fd-passing",
        needs_namespace: false,
        title_id: "try-scm-rights--title",
        run: passing::scm_rights,
    },
    Experiment {
        name: "length-byte-at-a-time",
        section: "mqtt-packets",
        needs_namespace: false,
        title_id: "try-length-byte-at-a-time--title",
        run: mqtt::length_byte_at_a_time,
    },
    Experiment {
        name: "send-buffer-full",
        section: "mqtt-load",
        needs_namespace: false,
        title_id: "try-send-buffer-full--title",
        run: mqtt::send_buffer_full,
    },
    Experiment {
        name: "half-open",
        section: "device-dead-link",
        needs_namespace: false,
        title_id: "try-half-open--title",
        run: device::half_open,
    },
    Experiment {
        name: "thundering-herd",
        section: "device-backoff",
        needs_namespace: false,
        title_id: "try-thundering-herd--title",
        run: device::thundering_herd,
    },
];

pub fn find(name: &str) -> Option<&'static Experiment> {
    ALL.iter().find(|e| e.name == name)
}

/// What an experiment found: whether the course's claim held on this machine, and the facts
/// it rests on (for the JSON output and the project's tests).
pub struct Outcome {
    pub holds: bool,
    pub facts: Map<String, Value>,
}

impl Outcome {
    pub fn new(holds: bool) -> Outcome {
        Outcome {
            holds,
            facts: Map::new(),
        }
    }

    pub fn fact(mut self, name: &str, value: impl Into<Value>) -> Outcome {
        self.facts.insert(name.to_string(), value.into());
        self
    }
}

/// Where an experiment says what it does, step by step, as it goes (to the thread that shows
/// it, in the reader's language).
pub struct Lab {
    steps: std::sync::mpsc::Sender<Text>,
}

impl Lab {
    /// One step of the experiment.
    pub fn say(&mut self, text: Text) {
        let _ = self.steps.send(text);
    }
}

/// `yes` or `no` in the reader's language.
pub fn yes_no(b: bool) -> Text {
    if b { msg!("try-yes") } else { msg!("try-no") }
}

/// How a run ended: the outcome, or why the experiment could not run here.
pub enum Ran {
    Done(Outcome),
    Unavailable(Text),
}

/// Run one experiment, in a network namespace of its own where the machine allows it; each
/// step is printed as it comes when `live`, and returned rendered.
pub fn run(
    experiment: &Experiment,
    mode: sandbox::Mode,
    tr: &Messages,
    live: bool,
) -> (Ran, Vec<String>) {
    // The experiments fork children of their own and wait for them: the orphan reaper must
    // leave them alone.
    let _pause = ReaperPause::new();
    let namespace = if mode == sandbox::Mode::Namespaces {
        Sandbox::create(None).ok()
    } else {
        None
    };
    if namespace.is_none() && experiment.needs_namespace {
        return (Ran::Unavailable(msg!("try-needs-namespace")), Vec::new());
    }
    let (steps, said) = std::sync::mpsc::channel();
    let mut lines = Vec::new();
    // The namespace is joined by a thread of its own, which runs the experiment and leaves.
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| -> Result<Outcome> {
            let mut lab = Lab { steps };
            let _inside = match &namespace {
                Some(ns) => Some(ns.enter()?),
                None => None,
            };
            (experiment.run)(&mut lab)
        });
        // Each step on its own line, wrapped as reports are; its continuation lines further in.
        let columns = crate::report::lines::terminal_columns();
        for step in said {
            let line = tr.render(&step);
            if live {
                let mut out = anstream::stdout();
                let _ = crate::report::lines::Lines {
                    out: &mut out,
                    columns,
                }
                .indented(2, &line, 2);
            }
            lines.push(line);
        }
        worker.join()
    });
    let ran = match result {
        Ok(Ok(outcome)) => Ran::Done(outcome),
        Ok(Err(e)) => Ran::Unavailable(msg!("try-failed", error = format!("{e:#}"))),
        Err(_) => Ran::Unavailable(msg!("try-failed", error = "panicked")),
    };
    (ran, lines)
}
