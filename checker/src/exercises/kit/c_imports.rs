//! The C track's rules that several exercises share, as the functions their compiled code may
//! not import (or must): each exercise's table (`Exercise::c`) lists the ones it takes. What
//! clippy forbids a Rust exercise, the binary's imports forbid a C one (`lab::track`).

use crate::table::track::{ImportKind, ImportRule};

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
    // signal() itself is `__sysv_signal` where _GNU_SOURCE (or _DEFAULT_SOURCE) comes after
    // <signal.h>, as in strict ISO C.
    functions: &["signal", "sysv_signal", "__sysv_signal", "bsd_signal"],
    reason: "install handlers with sigaction(): what signal() does after a handler runs differs between systems",
};

/// The ko.ftl entries the C rules' reasons need, each `(key, English)`, each once. A reason is
/// keyed as a Rust rule's is (`lab::rules::reason_key`): by the hash of its English, under
/// `rule-reason--`, so a reworded reason has no Korean until it is translated again, and
/// `checker verify` says so. The report says the reason in the reader's language
/// (`compile::c::rule_violations`).
pub fn catalog_entries() -> Vec<(String, &'static str)> {
    let mut entries: Vec<(String, &'static str)> = Vec::new();
    let rules = crate::exercises::ALL
        .iter()
        .filter_map(|e| e.c)
        .flat_map(|c| c.imports);
    for rule in rules {
        let key = crate::lab::rules::reason_key(rule.reason);
        if !entries.iter().any(|(k, _)| *k == key) {
            entries.push((key, rule.reason));
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{KO_FTL, catalog::Catalog};

    /// Every C rule has its reason in both languages: English in its table, Korean in ko.ftl
    /// (under the key of the English, so a reworded reason needs Korean anew).
    #[test]
    fn every_c_rule_has_its_reason_in_both_languages() {
        let ko = Catalog::parse(KO_FTL);
        let entries = catalog_entries();
        assert!(entries.len() > 10, "{entries:?}");
        let missing: Vec<String> = entries
            .iter()
            .filter(|(key, _)| !ko.has(key))
            .map(|(key, english)| format!("# {english}\n{key} = "))
            .collect();
        assert!(missing.is_empty(), "ko.ftl lacks:\n{}", missing.join("\n"));
    }
}
