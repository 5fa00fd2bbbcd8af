use crate::table::track::{CTrack, c_shim};

/// The exercise on the C track: its file, built into the archive its harness links through a
/// shim with this exercise's Rust API (its folder's c-shim/), and its rules as what it may
/// import. TODO the calls it may not make, or must (`exercises::kit::c_imports` has shared ones).
static C_TRACK: CTrack = CTrack {
    student_files: &["__STEM__.c"],
    library: Some("__STEM__"),
    shim: c_shim!("__NAME__"),
    imports: &[],
};
