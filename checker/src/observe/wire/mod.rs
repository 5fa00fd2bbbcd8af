//! Wire-level testing: instrumented connections that record every byte into a transcript, so
//! test code stays short and a failure can show what was sent and what came back
//! (`transcript`, `conn`); starting a server under test and waiting for it to be ready
//! (`server`); hidden servers that play the other side for client tests (`hidden`, `udp`),
//! which judge a client's timers on the kernel's stamps of arrival (`stamp`); stalling a reader
//! to force short writes (`stall`); and a reference echo server with a load generator, to
//! measure a server's throughput against it in the same run (`load`).
//!
//! Every connect, read and write has a deadline. The checker's own client writes from one
//! thread while it reads on another whenever it sends more than a socket buffer holds, so it
//! never deadlocks a correct server.

pub mod conn;
pub mod errors;
pub mod hidden;
pub mod load;
pub mod mqtt;
pub mod server;
pub mod stall;
pub mod stamp;
pub mod transcript;
pub mod udp;

pub use conn::Conn;
pub use errors::differ;
pub use hidden::{Behaviour, HiddenServer, serve_once};
pub use load::{ReferenceEcho, echo_throughput};
pub use server::{Origin, Server, free_port, parse_listening};
pub use transcript::Transcript;
