//! day6-async: `async-chat <port>`, written another way (a correct alternative, the design of a
//! tokio chat server written elsewhere that a busy machine once failed: issue 66).
//!
//! One `broadcast` channel gives the one order. A task per client reads its lines with
//! `read_until` (at most 4096 bytes each) and sends each into the channel; it spawns the
//! client's writer task, which writes each line as it comes (no batching). The client tasks are
//! kept in a `JoinSet`, their stop in a `watch`. A writer more than 1,024 lines behind gets
//! `Lagged` and its client is disconnected. SIGINT or SIGTERM: stop accepting, stop the
//! readers, drop every sender so each writer gets `Closed` once it has written what was taken,
//! close, `bye`.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;
use tokio::task::JoinSet;

/// The longest line, its `\n` included.
const MAX_LINE: u64 = 4096;
/// Lines the channel keeps for a writer that is behind.
const BEHIND: usize = 1024;
/// How long a client that does not read may hold up its task's end.
const GRACE: Duration = Duration::from_secs(1);

/// Why a writer ended.
enum Ended {
    /// More than `BEHIND` lines behind: its client is disconnected.
    Lagged,
    /// Its client is gone (a write failed).
    Failed,
    /// Everything written, then FIN.
    Done,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let port = match args.as_slice() {
        [_, port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("async-chat: usage: async-chat <port>");
        return ExitCode::FAILURE;
    };
    if let Err(message) = serve(port).await {
        eprintln!("async-chat: {message}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

async fn serve(port: u16) -> Result<(), String> {
    let mut term = signal(SignalKind::terminate()).map_err(|e| format!("SIGTERM: {e}"))?;
    let mut int = signal(SignalKind::interrupt()).map_err(|e| format!("SIGINT: {e}"))?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
        .await
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on {local}");
    std::io::stdout().flush().map_err(|e| e.to_string())?;

    let (tx, _) = broadcast::channel::<Vec<u8>>(BEHIND);
    let (stop, stopped) = watch::channel(false);
    let mut clients = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    clients.spawn(client(stream, tx.clone(), tx.subscribe(), stopped.clone()));
                }
                Err(e) => {
                    eprintln!("async-chat: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            },
            _ = term.recv() => break,
            _ = int.recv() => break,
            Some(_) = clients.join_next() => {}
        }
    }
    drop(listener);
    let _ = stop.send(true);
    drop(tx);
    let every_client = async { while clients.join_next().await.is_some() {} };
    if tokio::time::timeout(GRACE + Duration::from_millis(300), every_client)
        .await
        .is_err()
    {
        clients.shutdown().await;
    }
    println!("bye");
    Ok(())
}

/// One client: its lines read and sent to everybody, its writer spawned beside. Ends at its EOF,
/// on an error, on a line too long, when its writer is too far behind, or at the stop; then
/// lets its writer finish (a grace at most).
async fn client(
    stream: TcpStream,
    tx: broadcast::Sender<Vec<u8>>,
    rx: broadcast::Receiver<Vec<u8>>,
    mut stop: watch::Receiver<bool>,
) {
    let (r, w) = stream.into_split();
    let (reader_gone, gone) = watch::channel(false);
    let mut writer = tokio::spawn(write_lines(w, rx, gone, stop.clone()));
    let mut writer_ended = false;
    let mut r = BufReader::new(r);
    let mut line = Vec::new();
    loop {
        line.clear();
        let mut limited = (&mut r).take(MAX_LINE);
        tokio::select! {
            read = limited.read_until(b'\n', &mut line) => {
                // EOF (a partial line dropped), an error, or 4096 bytes with no end of line.
                if !matches!(read, Ok(n) if n > 0) || !line.ends_with(b"\n") {
                    break;
                }
                let _ = tx.send(line.clone());
                // Let the writers have a turn before this reader takes the next line.
                tokio::task::yield_now().await;
            }
            ended = &mut writer, if !writer_ended => {
                writer_ended = true;
                if matches!(ended, Ok(Ended::Lagged)) {
                    break;
                }
                // A failed write: the lines the client sent before it went are still read.
            }
            _ = stop.changed() => break,
        }
    }
    drop(tx);
    let _ = reader_gone.send(true);
    if !writer_ended && tokio::time::timeout(GRACE, &mut writer).await.is_err() {
        writer.abort();
    }
}

/// Every line of the channel to the client, in the channel's order. After its reader is gone,
/// what is already queued still goes out, then FIN; in a shutdown, until `Closed`.
async fn write_lines(
    mut w: OwnedWriteHalf,
    mut rx: broadcast::Receiver<Vec<u8>>,
    mut gone: watch::Receiver<bool>,
    stop: watch::Receiver<bool>,
) -> Ended {
    loop {
        tokio::select! {
            got = rx.recv() => match got {
                Ok(line) => {
                    if w.write_all(&line).await.is_err() {
                        return Ended::Failed;
                    }
                }
                Err(RecvError::Lagged(_)) => return Ended::Lagged,
                Err(RecvError::Closed) => break,
            },
            _ = gone.changed(), if !*stop.borrow() => {
                while let Ok(line) = rx.try_recv() {
                    if w.write_all(&line).await.is_err() {
                        return Ended::Failed;
                    }
                }
                break;
            }
        }
    }
    let _ = w.shutdown().await;
    Ended::Done
}
