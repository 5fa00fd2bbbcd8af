//! What is graded, as data: a table's row (`case`), the exercises (`exercise`) and the families
//! of tests they share (`family`), an exercise's tests composed (`test`), how targets select
//! them (`selection`), and the files students must not edit (`integrity`).

pub mod case;
pub mod course;
pub mod exercise;
pub mod family;
#[cfg(test)]
pub mod fixtures;
pub mod integrity;
pub mod rules;
pub mod selection;
pub mod test;
pub mod track;
