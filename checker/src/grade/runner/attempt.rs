//! One run of a test, as the worker made it and the rejudging weighs it: a module of its own, so
//! that the worker (which runs a test) and the rejudging (which decides whether to run it again)
//! both use it and neither uses the other's insides.

use std::time::Duration;

use crate::base::i18n::Text;
use crate::base::verdict::Failure;
use crate::base::verdict::Starvation;

/// One run of a test: what it concluded, and how starved the machine was meanwhile.
pub struct Attempt {
    pub failure: Option<Failure>,
    pub took: Duration,
    pub log: Vec<Text>,
    pub starvation: Option<Starvation>,
    /// The CPU time its programs' busiest thread used.
    pub program_cpu: Duration,
    /// Its programs tried to run more processes than the cap (a fork bomb): whatever starved
    /// the machine, they did.
    pub forked_past_cap: bool,
}

impl Attempt {
    pub(super) fn checker_error(summary: Text, took: Duration) -> Attempt {
        Attempt {
            failure: Some(Failure::checker_error(summary)),
            took,
            log: Vec::new(),
            starvation: None,
            program_cpu: Duration::ZERO,
            forked_past_cap: false,
        }
    }
}
