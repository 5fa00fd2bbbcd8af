//! Day __DAY__ — __NAME__ (reference solution).
//!
//! TODO: what the student builds, and the course.md section to read.
//! Grade yourself with `cargo run -p checker __NAME__`.

/// Double `x`, wrapping around at 2^32 (an example: replace it with the exercise).
///
/// C: `uint32_t twice = x * 2;` — TODO quote the C call this function mirrors and name its nix
/// equivalent.
pub fn double(x: u32) -> u32 {
    // An addition that wraps around, like the C `uint32_t` arithmetic it mirrors.
    x.wrapping_add(x)
}
