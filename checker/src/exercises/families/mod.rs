//! Families of tests that several exercises share, each declared once (its rows, titles, hints,
//! points; its Korean in ko.ftl under the family's name): an exercise names those it takes in
//! its `families` (`lab::family::Takes`). The tests themselves run from `echo_server`,
//! `multiplexing`, `day5_threads` and each exercise's own scenario; each starts the program the
//! exercise names (`Ctx::program`).
//!
//! - `echo_server::ECHO_SERVER`: the echo-server contract (day2-echo, day5-poll, day5-epoll).
//! - `one_thread::ONE_THREAD`: a server that serves every client from one thread (day5-poll,
//!   day5-epoll), and `one_thread::ECHO_ONE_THREAD`, the echo tests in its words.
//! - `chat::CHAT`: the chat contract (day5-threads).
//! - `graceful_exit::GRACEFUL_EXIT`: SIGTERM and SIGINT end the server cleanly (day4-signals,
//!   day5-pipe), each exercise with its own scenario.

pub mod chat;
pub mod echo_server;
pub mod graceful_exit;
pub mod one_thread;
