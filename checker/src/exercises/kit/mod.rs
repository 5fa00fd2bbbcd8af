//! The reusable steps the exercises' tests are built from, so each exercise module holds only
//! its table and its own logic: running a program to its end (`run`) and checking the
//! contract's error exit (`errors`), lines a program printed (`lines`), waiting on what `/proc`
//! shows (`wait`), starting the server under test (`server`), many clients at once
//! (`clients`), the sockets a server still holds for clients that left (`sockets`), talking to
//! an echo server (`echo`), the stalled reader that forces short writes (`stalled`), the
//! condition a test creates before its pass means anything (`premise`), calling a
//! library through its harness (`library`), and the rules test every exercise ends with
//! (`rules`), and the C track's shared rules (`c_imports`). Byte-precise differences are
//! `observe::wire::differ`.

pub mod c_imports;
pub mod clients;
pub mod echo;
pub mod errors;
pub mod fork;
pub mod library;
pub mod lines;
pub mod premise;
pub mod rules;
pub mod run;
pub mod server;
pub mod sockets;
pub mod stalled;
pub mod wait;
