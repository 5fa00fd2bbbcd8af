//! Day __DAY__ — __NAME__, C track: the public API of the Rust exercise `__NAME__`, each
//! function calling the student's C function of __STEM__.h (`lab_double` for `double`). The
//! checker's harness calls this crate as it calls the Rust exercise, so the hidden tests are
//! the same.
//!
//! A `TODO("...")` in the C code calls `lab_todo` (defined here, see below): a panic whose
//! message starts with "not yet implemented", as Rust's `todo!()` does, which unwinds through
//! the C frames (built with `-fexceptions`, declared `C-unwind` here) back to the harness,
//! which reports the test as not started.

use std::ffi::{CStr, c_char, c_int};

unsafe extern "C-unwind" {
    safe fn lab_double(x: u32) -> u32;
}

/// The C stubs' `TODO(what)` under `-DLAB_HARNESS` (c/exercises/common/lab.h): the panic of
/// Rust's `todo!()`, "not yet implemented: <what> (<file>:<line>)". It unwinds into the C
/// function that called it and on, through the C frames, to the harness's `catch_unwind`.
///
/// # Safety
///
/// `file` and `what` are NULL or NUL-terminated strings (`__FILE__` and a string literal).
#[unsafe(no_mangle)]
pub unsafe extern "C-unwind" fn lab_todo(
    file: *const c_char,
    line: c_int,
    what: *const c_char,
) -> ! {
    let text = |p: *const c_char| {
        if p.is_null() {
            String::new()
        } else {
            // SAFETY: the caller passes a NUL-terminated string (see above).
            unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
        }
    };
    panic!(
        "not yet implemented: {} ({}:{line})",
        text(what),
        text(file)
    )
}

/// Double `x`, wrapping around at 2^32. C: `uint32_t lab_double(uint32_t x);`
pub fn double(x: u32) -> u32 {
    lab_double(x)
}
