//! What building an exercise produces.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::base::i18n::Text;
pub use crate::observe::wire::Origin;

/// A graded package, built.
#[derive(Clone, Debug)]
pub struct Built {
    pub package_dir: PathBuf,
    /// Binary name -> path, for program exercises.
    pub executables: BTreeMap<String, PathBuf>,
    /// The harness binary, for library exercises.
    pub harness: Option<PathBuf>,
    /// Programs given with `--program NAME=PATH` instead of being built.
    pub external: BTreeSet<String>,
    /// The cargo targets its rules are checked on (`--lib`, `--bins`).
    pub lint_targets: Vec<&'static str>,
    /// The compiler's warnings the report shows (an unused `Result`), as it printed them;
    /// they fail nothing.
    pub warnings: Vec<String>,
    /// Where a student's C package is, as they name it (`c/exercises/day2-echo/`): its programs
    /// are run by hand from there. `None` for Rust's, run with cargo.
    pub by_hand_dir: Option<String>,
    /// The hash of what it was built from (`compile::reuse`); `None` for programs given with
    /// `--program`, or where it could not be taken.
    pub key: Option<String>,
}

impl Built {
    /// Where program `name` comes from.
    pub fn origin(&self, name: &str) -> Origin {
        if self.external.contains(name) {
            Origin::Given
        } else {
            Origin::Built
        }
    }
}

pub enum BuildOutcome {
    Built(Built),
    /// No package at the expected place.
    Missing(Text),
    DoesNotCompile {
        summary: Text,
        /// The compiler's (or cargo's) own diagnostics.
        diagnostics: String,
    },
}
