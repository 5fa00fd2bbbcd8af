//! Waiting for a condition on something the checker can only look at (`/proc`, a capture).

use std::time::{Duration, Instant};

/// Look at `check` every 10 ms until it holds or `within` has passed; whether it held.
pub fn until(within: Duration, mut check: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + within;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
