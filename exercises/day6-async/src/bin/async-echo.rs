//! Day 6 — the fourth way: `async-echo <port>`, day2-echo's echo server as tasks on tokio.
//!
//! Read course.md#futures (한국어: course.ko.md#futures), course.md#tasks-vs-threads (한국어:
//! course.ko.md#tasks-vs-threads), course.md#reactor (한국어: course.ko.md#reactor),
//! course.md#blocking-in-async (한국어: course.ko.md#blocking-in-async) and course.md#day6-async
//! (한국어: course.ko.md#day6-async), then replace the `todo!()`s below. Grade yourself with
//! `cargo run -p checker day6-async`; try it by hand with
//! `cargo run -p day6-async --bin async-echo -- 7000` and `nc 127.0.0.1 7000`.
//!
//! Contract (as day2-echo): prints `listening on 0.0.0.0:<port>` (the real port) and flushes,
//! echoes every byte of every client in order, answers the client's EOF with EOF once
//! everything is sent; an error costs only its client; bad usage: one line on stderr, exit 1.
//! And: one task per client (`tokio::spawn`), so 1,000 clients run on no more threads than none.
//! Rules: no std::thread, no std::net sockets, no spawn_blocking (see clippy.toml).
//!
//! The runtime does day5-epoll's loop for you: each socket is registered in its epoll instance
//! (edge-triggered), and a task waiting in `.await` is woken when its socket is ready.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// `#[tokio::main]` builds the runtime (its worker threads and its epoll instance) and runs
/// this future on it: `Runtime::new()?.block_on(async { ... })`.
#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = match (args.next().map(|a| a.parse::<u16>()), args.next()) {
        (Some(Ok(port)), None) => port,
        _ => {
            eprintln!("async-echo: usage: async-echo <port>");
            return ExitCode::FAILURE;
        }
    };
    match serve(port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("async-echo: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Bind, print the listening line, then accept for ever, a task per client.
async fn serve(port: u16) -> Result<(), String> {
    // 1. C: socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), setsockopt(SO_REUSEADDR), bind(),
    //    listen(fd, 1024). tokio does all of it in one call, awaited (give it an address, not a
    //    name: a name would be looked up on a thread of its own).
    //> let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
    //>     .await
    //>     .map_err(|e| format!("bind to port {port}: {e}"))?;
    // 2. getsockname(), then the listening line, flushed.
    //> let local = listener.local_addr().map_err(|e| format!("getsockname: {e}"))?;
    //> println!("listening on {local}");
    //> std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))?;
    // 3. The accept loop. In C with epoll: epoll_wait, accept4 until EAGAIN, epoll_ctl(ADD) for
    //    each client. Here accept().await waits (the task sleeps, its thread serves others), and
    //    each client gets a task of its own; a failed accept costs only that client.
    //> match listener.accept().await {
    //>     Ok((client, _peer)) => {
    //>         tokio::spawn(async move {
    //>             let _ = echo(client).await;
    //>         });
    //>     }
    //>     // EMFILE leaves the connection queued: the next accept fails at once. Wait a moment
    //>     // instead of spinning (the day-2 pitfall).
    //>     Err(e) => {
    //>         eprintln!("async-echo: accept: {e}");
    //>         tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    //>     }
    //> }
    // TODO bind, print the listening line, then accept and spawn in a loop, for ever.
    todo!()
}

/// Echo one client until its EOF; the socket closes when `client` is dropped.
async fn echo(mut client: TcpStream) -> std::io::Result<()> {
    // C: read() until it returns 0, and send() what came until all of it is sent (a short write
    // sends the rest). With tokio, the same loop with .await; write_all loops over short writes.
    // Never a blocking call here (std::thread::sleep, a std::io read): it holds the worker
    // thread, and every task on it waits.
    //> let mut buf = vec![0u8; 16 << 10];
    //> let n = client.read(&mut buf).await?; // 0: the client's EOF
    //> client.write_all(&buf[..n]).await?;
    // TODO the echo loop: return Ok(()) at EOF.
    todo!()
}
