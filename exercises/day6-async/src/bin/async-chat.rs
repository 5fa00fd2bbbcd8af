//! day6-async: `async-chat <port>`, the chat server of day5-threads as tasks on tokio.
//!
//! Contract (as day5-threads): `listening on 0.0.0.0:<port>`; every complete line (at most
//! 4096 bytes, its `\n` included) to every connected client, the sender included, all clients
//! in one order, each sender's lines in their order; a partial line at EOF dropped; a client
//! that ends or fails removed. And what only an async server can promise:
//! - 1,000 clients on no more threads than none, at most 64 KiB of memory each;
//! - a client that stops reading delays nobody, and once more than 1,024 lines wait inside the
//!   server for it, it is disconnected (it gets every line up to some point, whole, then EOF);
//! - on SIGINT or SIGTERM: stop accepting, deliver the lines already taken to every client that
//!   reads, close every connection (one that does not read after a grace of at most 1.5 s),
//!   print `bye`, exit 0, all within 2 s.

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
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, oneshot, watch};
use tokio::task::{AbortHandle, JoinSet};

/// A line, its `\n` included, shared by every writer that sends it.
type Line = Arc<[u8]>;

/// The longest line, its `\n` included.
const MAX_LINE: usize = 4096;
/// Lines the server keeps for a client that is behind; one more and it is disconnected.
const BEHIND: usize = 1024;
/// How long a client that does not read may hold up the shutdown (at most 1.5 s).
const GRACE: Duration = Duration::from_secs(1);

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = match (args.next().map(|a| a.parse::<u16>()), args.next()) {
        (Some(Ok(port)), None) => port,
        _ => {
            eprintln!("async-chat: usage: async-chat <port>");
            return ExitCode::FAILURE;
        }
    };
    match serve(port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("async-chat: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(port: u16) -> Result<(), String> {
    // Step 1. The signals first, so one that comes after the listening line is ours. In C,
    // sigaction() with a handler that sets a flag (day4-signals); tokio installs that handler
    // and turns each signal into a future:
    //     let mut term = signal(SignalKind::terminate()).map_err(|e| format!("SIGTERM: {e}"))?;
    //     let mut int = signal(SignalKind::interrupt()).map_err(|e| format!("SIGINT: {e}"))?;
    // TODO install both.

    // Step 2. Bind and print the listening line, as async-echo.
    // TODO bind, print `listening on <addr>`, flush.

    // Step 3. One channel that gives every line one order, and that holds at most BEHIND lines
    // for a receiver that is behind (its recv() then returns Err(Lagged)):
    //     let (lines, _) = broadcast::channel::<Line>(BEHIND);
    // (A bounded queue per client, mpsc::channel(BEHIND), filled under one lock, also works.)
    // TODO the channel, and where the clients' tasks go: JoinSet::new().

    // Step 4. The loop. In C with epoll, one epoll_wait for the listening socket and the
    // signal's self-pipe; here select! waits for whichever future is ready first:
    //     tokio::select! {
    //         accepted = listener.accept() => { /* per client: into_split(), a reader task that
    //             sends each complete line into the channel, a writer task subscribed
    //             (lines.subscribe()) before the reader runs */ }
    //         _ = term.recv() => break,
    //         _ = int.recv() => break,
    //     }
    // TODO accept clients until a signal.

    // Step 5. The shutdown: drop the listener (stop accepting), stop the readers, let every
    // writer send what is queued for it and close, and give a writer stuck on a client that
    // does not read at most GRACE:
    //     tokio::time::timeout(GRACE, async { while writers.join_next().await.is_some() {} }).await
    // then writers.shutdown().await drops the rest; println!("bye").
    // TODO shut down cleanly.
    todo!()
}

/// A client's reader: read what comes (in C, read() into a buffer), cut complete lines at each
/// `\n`, send each into the channel (`lines.send(Line::from(line))`); keep the unfinished rest
/// for the next read. Return at EOF (a read of 0), on an error, or on a line over MAX_LINE.
async fn read_lines(
    mut r: OwnedReadHalf,
    lines: broadcast::Sender<Line>,
    done: oneshot::Sender<()>,
) {
    // TODO the read loop: let n = r.read(&mut chunk).await ...
    todo!()
}

/// A client's writer: take each line from its receiver and write it whole
/// (`w.write_all(&line).await`). `Err(RecvError::Lagged(_))`: more than BEHIND lines behind,
/// disconnect (never go on with a gap). `Err(RecvError::Closed)`: every sender is gone (the
/// shutdown), everything is written: `w.shutdown().await`, then return. Also end when the
/// client's reader ends (the client left), unless the server is stopping.
async fn write_lines(
    mut w: OwnedWriteHalf,
    mut rx: broadcast::Receiver<Line>,
    mut reader_done: oneshot::Receiver<()>,
    reader: AbortHandle,
    stopping: watch::Receiver<bool>,
) {
    // TODO the write loop, a select! between rx.recv() and reader_done.
    todo!()
}
