//! The limits every program runs under.

/// The most processes a program may have at once (itself included): a pids cgroup enforces it
/// where the machine has one; elsewhere the reaper counts the tree and kills a program that
/// goes over (RLIMIT_NPROC does not bind root).
pub const MAX_PROCESSES: usize = 300;
