//! What happened to each reading fed to the device, and the packet ids its PUBLISHes hold:
//! the ledger the broker keeps across connections (`ledger` judges each PUBLISH against it).

use std::collections::{HashMap, HashSet};

/// What happened to each reading fed to the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fate {
    Unsent,
    Sent {
        id: u16,
        link: usize,
    },
    Acked,
    /// Passed over: dropped by a full queue (only where the test allows it).
    Dropped,
}

/// The readings fed and their fates; the packet ids in use.
#[derive(Default)]
pub struct Ledger {
    pub(super) readings: Vec<Vec<u8>>,
    pub(super) fates: Vec<Fate>,
    pub(super) by_payload: HashMap<Vec<u8>, usize>,
    /// Unacknowledged PUBLISHes of the device by packet id: a reading, or a birth (`None`).
    pub(super) in_flight: HashMap<u16, Option<usize>>,
    /// Births of earlier connections never acknowledged: the device may send them again.
    pub(super) old_births: HashSet<u16>,
    /// The next reading never sent.
    pub(super) next: usize,
    /// Readings may be passed over (a full queue drops the oldest).
    pub drops_allowed: bool,
}

impl Ledger {
    pub fn all_acked(&self) -> bool {
        self.fates
            .iter()
            .all(|f| matches!(f, Fate::Acked | Fate::Dropped))
    }

    pub fn acked(&self) -> usize {
        self.fates.iter().filter(|f| **f == Fate::Acked).count()
    }

    /// The `n` oldest readings were dropped by a full queue: none of them may come.
    pub fn drop_oldest(&mut self, n: usize) {
        for fate in &mut self.fates[..n] {
            *fate = Fate::Dropped;
        }
        self.next = self.next.max(n);
    }
}
