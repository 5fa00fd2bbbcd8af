//! What is graded, as data: a table's row (`case`), the exercises (`exercise`) and the families
//! of tests they share (`family`), the parts of an exercise too big for one sitting (`part`), an
//! exercise's tests composed (`test`), how targets select them (`selection`), and the files
//! students must not edit (`integrity`).

pub mod case;
pub mod course;
pub mod exercise;
pub mod family;
#[cfg(test)]
pub mod fixtures;
pub mod integrity;
pub mod part;
pub mod rules;
pub mod selection;
pub mod test;
pub mod track;
