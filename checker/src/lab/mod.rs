//! What is graded, as data: the exercises and their tests (`exercise`), how targets select them
//! (`selection`), and the files students must not edit (`integrity`).

pub mod case;
pub mod exercise;
pub mod family;
pub mod integrity;
pub mod selection;
pub mod test;
