//! What a run looks like to its readers: the human report (`human`, with the explanations in
//! `hints` and every byte a program printed escaped by `base::escape`), the machine reports
//! (`json`, `junit`, `classroom`), GitHub's annotations and summary (`github`), and the
//! progress bar.

pub mod classroom;
pub mod github;
pub mod hints;
pub mod human;
pub mod json;
pub mod junit;
pub mod progress;
