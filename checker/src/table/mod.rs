//! The lab's tables as data, below the test's context: an exercise (`exercise`), the rows of
//! its table (`case`), the families of rows it takes (`family`), its parts (`part`) and what it
//! is on the C track (`track`).
//!
//! A row holds the function that runs its test, and that function takes the test's context
//! (`context::Ctx`), which carries the exercise itself: so the types here that hold rows are
//! generic over that function (`Run`), and `context` ties the knot (`context::TestFn`,
//! `context::Exercise`). The lab's tables name them with it filled in (`lab::exercise`,
//! `lab::family`), so a table reads `Exercise`, `TestCase`, `Takes`.

pub mod case;
pub mod exercise;
pub mod family;
pub mod part;
pub mod track;
