//! Building what is graded, always with cargo as a subprocess, from a trusted copy of the
//! student's sources: the copy (`stage`), cargo and its diagnostics (`cargo`), an exercise's
//! programs and harness (`package`, `harness`), and an exercise's rules checked with clippy
//! (`rules`); a C exercise built with make (`c`). What a build produces, `context::built::Built`, sits below, in what a test gets.

pub mod c;
pub mod cargo;
pub mod harness;
pub mod made;
pub mod package;
pub mod reuse;
pub mod rules;
pub mod stage;
