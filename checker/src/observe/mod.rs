//! Watching programs from outside: the wire (`wire`: connections, transcripts, hidden servers,
//! the stalled reader, load), a fleet of clients that loads a server for `checker compare`
//! (`fleet`), the oracles that give the expected answers (`glibc`,
//! `resolver`), and the harness a library exercise is called through (`harness`). (`/proc` is
//! read by `contain::procinfo`, which containment needs first.)

pub mod fleet;
pub mod glibc;
pub mod harness;
pub mod resolver;
pub mod wire;
