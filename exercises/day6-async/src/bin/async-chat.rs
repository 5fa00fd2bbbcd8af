//! Day 6 — the fourth way: `async-chat <port>`, day5-threads' chat server as tasks on tokio.
//!
//! Read course.md#slow-consumer (한국어: course.ko.md#slow-consumer), course.md#async-shutdown
//! (한국어: course.ko.md#async-shutdown) and course.md#day6-async (한국어:
//! course.ko.md#day6-async), then replace the `todo!()`s below. Grade yourself with
//! `cargo run -p checker day6-async`; try it by hand with
//! `cargo run -p day6-async --bin async-chat -- 7000` and `nc 127.0.0.1 7000` in two or three
//! terminals: what one types, all of them see.
//!
//! Contract (as day5-threads): `listening on 0.0.0.0:<port>`; every complete line (at most
//! 4096 bytes, its `\n` included) to every connected client, the sender included, all clients
//! in one order, each sender's lines in their order; a partial line at EOF dropped; a client
//! that ends or fails removed. And what only an async server can promise:
//! - 1,000 clients on no more threads than none, at most 64 KiB of memory each;
//! - a client that stops reading delays nobody, and once more than 1,024 lines wait inside the
//!   server for it, it is disconnected (it gets every line up to some point, whole, then EOF);
//!   a client that reads steadily is never disconnected;
//! - on SIGINT or SIGTERM: stop accepting, deliver the lines already taken to every client that
//!   reads, close every connection (one that does not read after a grace of at most 1.5 s),
//!   print `bye`, exit 0, all within 2 s.
//!
//! Rules: no std::thread, no std::net sockets, no spawn_blocking (see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

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
    // 1. The signals first, so that one sent once the listening line is out is ours. C:
    //    sigaction() with a handler that sets a flag (day4-signals); tokio installs that handler
    //    and turns each signal into a stream of events.
    //> let mut term = signal(SignalKind::terminate()).map_err(|e| format!("SIGTERM: {e}"))?;
    //> let mut int = signal(SignalKind::interrupt()).map_err(|e| format!("SIGINT: {e}"))?;
    // 2. Bind and print the listening line, as async-echo.
    //> let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
    //>     .await
    //>     .map_err(|e| format!("bind to port {port}: {e}"))?;
    // 3. One channel that gives every line one order and holds at most BEHIND lines for a
    //    receiver that is behind (its recv() then returns Err(Lagged)); a watch that says the
    //    server is stopping; sets for the clients' tasks. (A bounded queue per client,
    //    mpsc::channel(BEHIND), filled under one lock, works too.)
    //> let (lines, _) = broadcast::channel::<Line>(BEHIND);
    //> let (stop, stopping) = watch::channel(false);
    //> let (mut readers, mut writers) = (JoinSet::new(), JoinSet::new());
    // 4. The loop. C with epoll: one epoll_wait for the listening socket and the signals' self
    //    pipe; here select! waits for whichever future is ready first. Per client, a writer
    //    subscribed before its reader runs (the sender gets its own lines too).
    //> tokio::select! {
    //>     accepted = listener.accept() => if let Ok((client, _)) = accepted {
    //>         let (r, w) = client.into_split();
    //>         let rx = lines.subscribe();
    //>         let (done, reader_done) = oneshot::channel();
    //>         let reader = readers.spawn(read_lines(r, lines.clone(), done));
    //>         writers.spawn(write_lines(w, rx, reader_done, reader, stopping.clone()));
    //>     },
    //>     _ = term.recv() => {}
    //>     _ = int.recv() => {}
    //> }
    // 5. The shutdown: stop accepting (drop the listener), say the server stops, stop the
    //    readers, drop the last sender (each writer then gets what is left, then Closed), give
    //    the writers GRACE to finish, drop the rest, print bye.
    //> drop(listener);
    //> let _ = stop.send(true);
    //> readers.shutdown().await;
    //> drop(lines);
    //> let all_written = async { while writers.join_next().await.is_some() {} };
    //> let _ = tokio::time::timeout(GRACE, all_written).await;
    //> writers.shutdown().await;
    // TODO the signals, the listening line, the channel, the loop (accept until a signal), the
    // shutdown, then bye.
    todo!()
}

/// A client's reader: read what comes (in C, read() into a buffer), cut complete lines at each
/// `\n`, send each into the channel; keep the unfinished rest for the next read. Return at EOF
/// (a read of 0), on an error, or on a line over MAX_LINE; dropping `done` tells the writer.
async fn read_lines(
    mut r: OwnedReadHalf,
    lines: broadcast::Sender<Line>,
    done: oneshot::Sender<()>,
) {
    //> let mut pending: Vec<u8> = Vec::new();
    //> let mut chunk = vec![0u8; 4096];
    //> let n = r.read(&mut chunk).await.unwrap_or(0);
    //> pending.extend_from_slice(&chunk[..n]);
    //> if let Some(at) = pending.iter().position(|&b| b == b'\n') {
    //>     let _ = lines.send(Line::from(&pending[..=at])); // Err only when nobody listens
    //> }
    //> tokio::task::yield_now().await; // let the writers have a turn before reading more
    // TODO the read loop.
    todo!()
}

/// A client's writer: take each line from its receiver and write it whole. `Err(Lagged)`:
/// more than BEHIND lines behind, disconnect (never go on with a gap). `Err(Closed)`: the
/// shutdown, everything is written: FIN, then return. When the client's reader ends (the client
/// left), write what the channel already holds for it (`rx.try_recv()`: its own last line may be
/// there), then FIN and return, unless the server is stopping. When a write fails, wait for the
/// reader to end first: it still takes the lines the client sent before it went.
async fn write_lines(
    mut w: OwnedWriteHalf,
    mut rx: broadcast::Receiver<Line>,
    mut reader_done: oneshot::Receiver<()>,
    reader: AbortHandle,
    stopping: watch::Receiver<bool>,
) {
    //> tokio::select! {
    //>     got = rx.recv() => match got {
    //>         Ok(line) => {
    //>             let _ = w.write_all(&line).await;
    //>         }
    //>         Err(RecvError::Lagged(_)) => {}
    //>         Err(RecvError::Closed) => {
    //>             let _ = w.shutdown().await;
    //>         }
    //>     },
    //>     _ = &mut reader_done => {
    //>         let server_stops = *stopping.borrow();
    //>     }
    //> }
    //> reader.abort(); // both halves dropped: the socket is closed
    // TODO the write loop.
    todo!()
}
