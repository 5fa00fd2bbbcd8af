//! The limits every program runs under.

/// The most processes a program may have at once (itself included): a pids cgroup enforces it
/// where the machine has one; elsewhere the reaper counts the tree and kills a program that
/// goes over (RLIMIT_NPROC does not bind root).
pub const MAX_PROCESSES: usize = 300;

/// The address space a program may use (RLIMIT_AS): far more than any exercise needs.
pub const MEMORY_LIMIT: u64 = 2 << 30;

/// The limits of the programs of one scope: the defaults above for a test; `checker compare`
/// raises them for servers that run a process or a thread per client, for up to thousands of
/// clients (a thread reserves its stack, 2 MiB for Rust's, in address space).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Processes (threads too, where a pids cgroup counts them) at once.
    pub processes: usize,
    /// Bytes of address space per process.
    pub address_space: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            processes: MAX_PROCESSES,
            address_space: MEMORY_LIMIT,
        }
    }
}
