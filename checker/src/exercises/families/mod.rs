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

/// The folder under `exercises/` of the family whose catalog keys start with `owner--` (a
/// family's own name, or one of its variants'): its ko.ftl holds their Korean.
pub fn family_folder(owner: &str) -> Option<&'static str> {
    match owner {
        "echo-server" => Some("families/echo_server"),
        "echo-server-one-thread" | "one-thread" => Some("families/one_thread"),
        "chat" => Some("families/chat"),
        "graceful-exit" => Some("families/graceful_exit"),
        _ => None,
    }
}
