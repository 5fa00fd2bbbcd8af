//! day6-async: `async-chat <port>` (reference solution).
//!
//! The chat contract of day5-threads, served by tasks: per client a reader task that cuts lines
//! and sends each into one `broadcast` channel (its order is the one order every client sees),
//! and a writer task that takes the lines from its own receiver and writes them to its client.
//! The channel holds the last 1,024 lines: a writer more than that behind gets `Lagged` and its
//! client is disconnected, so a client that stops reading costs bounded memory and delays no one.
//! SIGINT or SIGTERM: stop accepting, stop reading, deliver what was taken, close, `bye`.

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
/// How long a client that does not read may hold up the shutdown.
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
    // The handlers first: a signal that comes once the line is out is already ours.
    let mut term = signal(SignalKind::terminate()).map_err(|e| format!("SIGTERM: {e}"))?;
    let mut int = signal(SignalKind::interrupt()).map_err(|e| format!("SIGINT: {e}"))?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
        .await
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {local}");
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    let (lines, _) = broadcast::channel::<Line>(BEHIND);
    let (stop, stopping) = watch::channel(false);
    let (mut readers, mut writers) = (JoinSet::new(), JoinSet::new());
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((client, _)) => {
                    let (r, w) = client.into_split();
                    let (done, reader_done) = oneshot::channel();
                    // Subscribed before its reader runs: the sender gets its own lines too.
                    let rx = lines.subscribe();
                    let reader = readers.spawn(read_lines(r, lines.clone(), done));
                    writers.spawn(write_lines(w, rx, reader_done, reader, stopping.clone()));
                }
                // As in async-echo: out of descriptors (EMFILE), wait a moment, never spin.
                Err(e) => {
                    eprintln!("async-chat: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
            _ = term.recv() => break,
            _ = int.recv() => break,
            // Forget the tasks of clients that have gone.
            Some(_) = readers.join_next() => {}
            Some(_) = writers.join_next() => {}
        }
    }

    // Stop accepting and reading: every line taken is in the channel once the readers are gone.
    drop(listener);
    let _ = stop.send(true);
    readers.shutdown().await;
    // The last sender: now each receiver gets what is left, then `Closed`.
    drop(lines);
    let grace = tokio::time::sleep(GRACE);
    tokio::pin!(grace);
    loop {
        tokio::select! {
            next = writers.join_next() => if next.is_none() { break },
            // Whoever is still writing to a client that does not read is closed now.
            _ = &mut grace => { writers.shutdown().await; break }
        }
    }
    println!("bye");
    Ok(())
}

/// Read a client's bytes, cut them into lines and send each complete one to everybody. Returns
/// at EOF, on an error, or on a line longer than the contract allows; `done` then tells its
/// writer.
async fn read_lines(
    mut r: OwnedReadHalf,
    lines: broadcast::Sender<Line>,
    done: oneshot::Sender<()>,
) {
    let mut pending = Vec::new();
    let mut chunk = vec![0u8; 4096];
    loop {
        let n = match r.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&chunk[..n]);
        let mut start = 0;
        while let Some(at) = pending[start..].iter().position(|&b| b == b'\n') {
            // Err only when nobody listens; nothing to do then.
            let _ = lines.send(Line::from(&pending[start..start + at + 1]));
            start += at + 1;
        }
        pending.drain(..start);
        if pending.len() >= MAX_LINE {
            break;
        }
        // A burst of lines from many senders must not outrun the writers before they had a
        // turn: let them run before this reader takes more.
        tokio::task::yield_now().await;
    }
    drop(done);
}

/// Write every line of the channel to the client, in the channel's order. Ends when its reader
/// ends (the client is removed), when the client is too far behind (`Lagged`) or fails, and, in
/// a shutdown, once every line taken has been written (`Closed`).
async fn write_lines(
    mut w: OwnedWriteHalf,
    mut rx: broadcast::Receiver<Line>,
    mut reader_done: oneshot::Receiver<()>,
    reader: AbortHandle,
    stopping: watch::Receiver<bool>,
) {
    let mut draining = false;
    loop {
        tokio::select! {
            got = rx.recv() => match got {
                Ok(line) => {
                    // Whatever else is already queued goes out in the same write.
                    let mut out = line.to_vec();
                    while out.len() < 64 << 10 {
                        match rx.try_recv() {
                            Ok(more) => out.extend_from_slice(&more),
                            Err(broadcast::error::TryRecvError::Lagged(_)) => return reader.abort(),
                            Err(_) => break,
                        }
                    }
                    if w.write_all(&out).await.is_err() {
                        // The client is gone, but lines it sent before it went may still wait
                        // in its socket: its reader takes them (everybody else gets them), then
                        // meets the end.
                        if !draining {
                            let _ = (&mut reader_done).await;
                        }
                        break;
                    }
                }
                // The server is stopping and everything taken is written: FIN, then close.
                Err(RecvError::Closed) => {
                    let _ = w.shutdown().await;
                    break;
                }
                // More than BEHIND lines behind: disconnect this client, nobody waits for it.
                Err(RecvError::Lagged(_)) => break,
            },
            _ = &mut reader_done, if !draining => {
                if *stopping.borrow() {
                    draining = true;
                } else {
                    // The client left: what the channel already holds for it (its own last
                    // line among them) still goes out, for a grace at most, then EOF.
                    let rest = async {
                        while let Ok(line) = rx.try_recv() {
                            w.write_all(&line).await?;
                        }
                        w.shutdown().await
                    };
                    let _ = tokio::time::timeout(GRACE, rest).await;
                    break;
                }
            }
        }
    }
    // Both halves dropped: the socket is closed.
    reader.abort();
}
