//! FNV-1a, the checker's one hash: stable across builds, runs and Rust versions (unlike the
//! standard library's hasher), so what it names — a trusted build directory, a cached verdict,
//! a test's seed, a built shim — stays the same from one run to the next.

use std::hash::Hasher;

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// A streaming FNV-1a hasher (also a `Hasher`, for values that implement `Hash`).
pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(OFFSET_BASIS)
    }

    /// A hash whose start is mixed with `seed`: the same bytes give another hash per seed.
    pub fn seeded(seed: u64) -> Fnv {
        Fnv(OFFSET_BASIS ^ seed)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
}

/// The FNV-1a hash of `bytes`.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h = Fnv::new();
    h.write(bytes);
    h.finish()
}

/// This checker's own build (its executable's size and time), into `h`: what a new checker
/// builds or decides may differ. `None` if it cannot be read (a rebuilt executable under a
/// running checker reads as deleted).
pub fn this_checker(h: &mut Fnv) -> Option<()> {
    use std::hash::Hash;
    let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    meta.len().hash(h);
    format!("{:?}", meta.modified().ok()?).hash(h);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // From the FNV reference test vectors (64-bit FNV-1a).
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
