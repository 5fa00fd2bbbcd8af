//! What a run looks like to its readers: the human report (`human`, with the explanations in
//! `hints`, the Korean beside rustc's and clippy's English in `explain`, and every byte a
//! program printed escaped by `base::escape`), the machine reports (`json`, `junit`, `classroom50`, `gradescope`, each recording the run's `provenance`),
//! GitHub's annotations and summary (`github`), the progress bar, and a whole class read back
//! from its reports (`class`: the gradebook's CSV and the class page).

pub mod class;
pub mod classroom50;
pub mod explain;
pub mod github;
pub mod gradescope;
pub mod hints;
pub mod human;
pub mod json;
pub mod junit;
pub mod lines;
pub mod progress;
pub mod provenance;
