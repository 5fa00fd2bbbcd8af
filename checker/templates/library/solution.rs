//@ //! Day __DAY__ — __NAME__.
//@{
//! Day __DAY__ — __NAME__ (reference solution).
//@}
//!
//! TODO: what the student builds, and the course.md section to read.
//! Grade yourself with `cargo run -p checker __NAME__`.
//@{
// The stub is derived from this file (`checker sync` writes it): a `//@ ` line is the stub's
// only, the lines between `//@{` and `//@}` are the reference's only (the stub has the `//@`
// lines before them instead), and a `//@ko ` line is the Korean of the stub's comment just
// above it (docs/instructors.md, "Adding an exercise").
//@}
//@
//@ // Keeps the compiler quiet while the stubs are unfinished.
//@ #![allow(unused_variables)]

/// Double `x`, wrapping around at 2^32 (an example: replace it with the exercise).
///
/// C: `uint32_t twice = x * 2;` — TODO quote the C call this function mirrors and name its nix
/// equivalent.
pub fn double(x: u32) -> u32 {
    //@ // TODO
    //@ todo!()
    //@{
    // An addition that wraps around, like the C `uint32_t` arithmetic it mirrors.
    x.wrapping_add(x)
    //@}
}
