//! Day __DAY__ — __NAME__, C track: the public API of the Rust exercise `__NAME__`, each
//! function calling the student's C function of __STEM__.h (`lab_double` for `double`). The
//! checker's harness calls this crate as it calls the Rust exercise, so the hidden tests are
//! the same.
//!
//! A `TODO("...")` in the C code calls `lab_todo` (`lab_todo.rs`, the same in every shim, which
//! the checker writes beside this file): a panic whose
//! message starts with "not yet implemented", as Rust's `todo!()` does, which unwinds through
//! the C frames (built with `-fexceptions`, declared `C-unwind` here) back to the harness,
//! which reports the test as not started.

mod lab_todo;


unsafe extern "C-unwind" {
    safe fn lab_double(x: u32) -> u32;
}

/// Double `x`, wrapping around at 2^32. C: `uint32_t lab_double(uint32_t x);`
pub fn double(x: u32) -> u32 {
    lab_double(x)
}
