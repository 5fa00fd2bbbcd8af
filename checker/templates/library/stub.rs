//! Day __DAY__ — __NAME__.
//!
//! TODO: what the student builds, and the course.md section to read.
//! Grade yourself with `cargo run -p checker __NAME__`.

// Keeps the compiler quiet while the stubs are unfinished.
#![allow(unused_variables)]

/// Double `x`, wrapping around at 2^32 (an example: replace it with the exercise).
///
/// C: `uint32_t twice = x * 2;` — TODO quote the C call this function mirrors and name its nix
/// equivalent.
pub fn double(x: u32) -> u32 {
    // TODO
    todo!()
}
