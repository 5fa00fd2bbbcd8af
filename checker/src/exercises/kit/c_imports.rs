//! The C track's rules that several exercises share, as the functions their compiled code may
//! not import (or must): each exercise's table (`Exercise::c`) lists the ones it takes. What
//! clippy forbids a Rust exercise, the binary's imports forbid a C one (`lab::track`).

use crate::lab::track::{ImportKind, ImportRule};

/// The address is built by hand: `sockaddr_in`, `htons`, `inet_pton`.
pub const NO_RESOLVER: ImportRule = ImportRule {
    kind: ImportKind::Forbidden,
    functions: &[
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname2",
        "gethostbyname_r",
    ],
    reason: "build the sockaddr_in yourself (memset, htons, inet_pton): name resolution is day 3's",
};

/// A process per client, made by fork.
pub const NO_THREADS: ImportRule = ImportRule {
    kind: ImportKind::Forbidden,
    functions: &["pthread_create", "thrd_create"],
    reason: "serve each client in a child process made by fork(), not a thread",
};

/// Each client's child is made by fork.
pub const FORKS: ImportRule = ImportRule {
    kind: ImportKind::Required,
    functions: &["fork"],
    reason: "serve each client in a child process made by fork()",
};

/// One process and one thread serve every client.
pub const ONE_THREAD: ImportRule = ImportRule {
    kind: ImportKind::Forbidden,
    functions: &["fork", "vfork", "pthread_create", "thrd_create"],
    reason: "one thread of one process serves every client: no fork, no threads",
};

/// Handlers are installed with sigaction, whose meaning is the same everywhere.
pub const NO_SIGNAL: ImportRule = ImportRule {
    kind: ImportKind::Forbidden,
    functions: &["signal", "sysv_signal", "bsd_signal"],
    reason: "install handlers with sigaction(): what signal() does after a handler runs differs between systems",
};
