//! Watching programs from outside: the wire (`wire`: connections, transcripts, hidden servers,
//! the stalled reader, load), a fleet of clients that loads a server for `checker compare`
//! (`fleet`), the oracles that give the expected answers (`glibc`, `resolver`), the harness a
//! library exercise is called through (`harness`), and whether a program a test waits for is
//! stuck, and where (`stuck`). (`/proc` is read by `contain::procinfo`, which containment
//! needs first.)

pub mod fleet;
pub mod glibc;
pub mod harness;
pub mod resolver;
pub mod stuck;
pub mod wire;
