//! What is graded, in the lab's words: the exercises as their tables declare them (`exercise`,
//! with `table`'s shape and the lab's test functions) and the families of tests they share
//! (`family`), an exercise's tests composed (`test`), how targets select them (`selection`), the
//! course notes a test points at (`course`), an exercise's rules as a student reads them
//! (`rules`), and the files students must not edit (`integrity`).

pub mod course;
pub mod exercise;
pub mod family;
#[cfg(test)]
pub mod fixtures;
pub mod integrity;
pub mod rules;
pub mod selection;
pub mod test;
