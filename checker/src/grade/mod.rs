//! Grading a selection: how it is run (`runner`: plan, build, schedule, work, collect), what
//! it produces and every report renders (`outcome`), and the verdicts the overview remembers
//! (`cache`).

pub mod cache;
pub mod outcome;
pub mod runner;
