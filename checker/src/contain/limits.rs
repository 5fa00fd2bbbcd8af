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

/// Address space a thread may reserve: Rust's 2 MiB stack, with room for a C program's 8 MiB.
const STACK_ROOM: u64 = 10 << 20;

impl Limits {
    /// The larger of each limit: a test's own room never lowers its scope's (`checker compare`
    /// raises the scope's for a thousand clients).
    pub fn at_least(self, other: Limits) -> Limits {
        Limits {
            processes: self.processes.max(other.processes),
            address_space: self.address_space.max(other.address_space),
        }
    }

    /// Room for a server that runs up to `threads` threads or processes at once (one or two per
    /// client, for a thousand clients): the defaults raised, never lowered.
    pub fn for_threads(threads: usize) -> Limits {
        Limits {
            processes: MAX_PROCESSES.max(threads + 64),
            address_space: MEMORY_LIMIT.max((threads as u64 + 64) * STACK_ROOM),
        }
    }
}
