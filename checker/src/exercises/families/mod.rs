//! The families of hidden tests that several exercises share, each one folder, declared once:
//! its table (`family.rs`, or the module itself) and its tests beside it. Each family says who
//! runs its tests (`lab::family::Runs`): the family itself, the same in every exercise that
//! takes it (the echo-server contract, `echo_server`; the one-thread server's, `one_thread`; the
//! chat contract, `chat`), or each exercise with a scenario of its own (the graceful exit,
//! `graceful_exit`: its steps). An exercise names those it takes in its `families`.

pub mod chat;
pub mod echo_server;
pub mod graceful_exit;
pub mod one_thread;
