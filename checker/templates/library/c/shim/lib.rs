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

// The checker writes lab_todo.rs beside this file (checker/c-track/lab-todo.rs), the same in
// every shim; included rather than a `mod` file, so this file is formatted and linted alone.
mod lab_todo {
    include!("lab_todo.rs");
}

unsafe extern "C-unwind" {
    safe fn lab_double(x: u32) -> u32;
}

/// Double `x`, wrapping around at 2^32. C: `uint32_t lab_double(uint32_t x);`
pub fn double(x: u32) -> u32 {
    lab_double(x)
}
