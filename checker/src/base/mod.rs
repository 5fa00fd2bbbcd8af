//! The bottom layer, the vocabulary every other one shares: a test's verdict and the failure
//! that explains it (`verdict`, its kinds in `failure_kind`), how bytes are shown in a failure or a report (`escape`), where
//! the lab and the graded packages are (`workspace`) and whether the lab is a class's export
//! (`export`: its language and track), how a document written for both tracks is rendered for
//! one (`tracks`), the stable hash that names things
//! (`hash`), instants as reports write them (`date`); and the words a reader reads in their
//! language (`i18n`: `Text`, `Messages`). It uses nothing of the checker's.

pub mod date;
pub mod escape;
pub mod export;
pub mod failure_kind;
pub mod files;
pub mod hash;
pub mod i18n;
pub mod tracks;
pub mod verdict;
pub mod workspace;
