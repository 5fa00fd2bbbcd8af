use crate::exercises::kit::c_imports;
use crate::table::track::CTrack;

/// The exercise on the C track: its files, and its rules as what the compiled program may
/// import. TODO the calls it may not make, or must (`c_imports` has the shared ones).
static C_TRACK: CTrack = CTrack {
    student_files: &["__PROGRAM__.c"],
    library: None,
    shim: &[],
    imports: &[c_imports::NO_RESOLVER],
};
