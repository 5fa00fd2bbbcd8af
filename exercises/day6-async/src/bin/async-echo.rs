//! day6-async: `async-echo <port>`, the echo server of day2-echo as tasks on the tokio runtime.
//!
//! Contract (as day2-echo): prints `listening on 0.0.0.0:<port>` (the real port), echoes every
//! byte of every client in order, answers the client's EOF with EOF once everything is sent; an
//! error costs only its client; bad usage: one line on stderr, exit 1. And: one task per client
//! (`tokio::spawn`), so 1,000 clients run on no more threads than none.
//!
//! The runtime does day5-epoll's loop for you: each socket is registered in its epoll
//! instance (edge-triggered), and a task waiting in `.await` is woken when its socket is ready.

// Keeps the compiler quiet while the stub is unfinished.
#![allow(
    unused_imports,
    unused_variables,
    unused_mut,
    dead_code,
    unreachable_code
)]

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
    // Step 1. socket() + setsockopt(SO_REUSEADDR) + bind() + listen(), and O_NONBLOCK:
    //     int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0); ... bind(fd, &addr, len); listen(fd, 1024);
    // in tokio, one call, awaited (an address, not a name: a name would be looked up on a thread):
    //     let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))).await
    //         .map_err(|e| format!("bind to port {port}: {e}"))?;
    // TODO bind the listener.

    // Step 2. getsockname(), then the line, flushed:
    //     let local = listener.local_addr().map_err(|e| format!("getsockname: {e}"))?;
    //     println!("listening on {local}");
    //     std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))?;
    // TODO print the listening line.

    // Step 3. The accept loop. In C with epoll: epoll_wait, then accept4 until EAGAIN, and
    // epoll_ctl(ADD) for each client. Here, accept().await waits (the task sleeps, the thread
    // serves others), and each client gets a task of its own:
    //     match listener.accept().await {
    //         Ok((client, _peer)) => { tokio::spawn(async move { let _ = echo(client).await; }); }
    //         Err(e) => eprintln!("async-echo: accept: {e}"), // that client is lost; go on
    //     }
    // TODO loop for ever: accept, spawn.
    todo!()
}

/// Echo one client until its EOF; the socket closes when `client` is dropped.
async fn echo(mut client: TcpStream) -> std::io::Result<()> {
    // In C: read() until it returns 0, and send() what came until all of it is sent (a short
    // write sends the rest). With tokio, the same loop with .await:
    //     let mut buf = vec![0u8; 16 << 10];
    //     let n = client.read(&mut buf).await?;          // 0: the client's EOF, return Ok(())
    //     client.write_all(&buf[..n]).await?;            // loops over short writes for you
    // Never a blocking call here (std::thread::sleep, std::io::stdin().read_line...): it holds
    // the worker thread, and every task on it waits.
    // TODO the echo loop.
    todo!()
}
