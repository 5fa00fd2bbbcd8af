//! What there is to grade, in the words the exercise tables use: an exercise and its hidden
//! tests, as data (their shape is `table`'s; here each row's function is the lab's `TestFn`).
//!
//! A test case is data: an id, a title, points, a timeout, a hint and the course.md section
//! to read, plus the function that runs it. Each exercise module holds one table of them, and
//! names the shared families of tests it takes (`family.rs`), so changing points, timeouts or
//! hints means editing one obvious table.

pub use crate::context::{Exercise, TestFn};
pub use crate::table::case::{RULES_ID, catalog_key, secs};
pub use crate::table::exercise::ExerciseKind;

/// One hidden test, as a table declares it (`table::case::TestCase`), run by a `TestFn`.
pub type TestCase = crate::table::case::TestCase<TestFn>;
