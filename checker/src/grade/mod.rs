//! Grading a selection: how it is run (`runner`: plan, build, schedule, work, collect), what
//! it produces and every report renders (`outcome`), the verdicts the overview remembers
//! (`cache`), and how long each test took last time (`durations`, for the order tests start in).

pub mod cache;
pub mod durations;
pub mod outcome;
pub mod runner;
