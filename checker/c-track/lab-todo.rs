// `lab_todo`, the same in every C library exercise's shim (the checker writes this file into
// each as `src/lab_todo.rs`, as it writes its build script): a C stub's `TODO("...")` calls it,
// and it panics as Rust's `todo!()` does, "not yet implemented: ...", which unwinds through
// the C frames (built with `-fexceptions`, declared `C-unwind` in the shim) back to the
// harness, which reports the test as not started.

use std::ffi::{CStr, c_char, c_int};

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
    // SAFETY: the caller passes NULL or NUL-terminated strings (see above).
    let (what, file) = unsafe { (text(what), text(file)) };
    panic!("not yet implemented: {what} ({file}:{line})")
}

/// A C string as text; "" for NULL.
///
/// # Safety
///
/// `p` is NULL or a NUL-terminated string.
pub(crate) unsafe fn text(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: NUL-terminated, as the caller says.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}
