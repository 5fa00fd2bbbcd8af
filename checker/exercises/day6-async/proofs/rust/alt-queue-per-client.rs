//! day6-async: `async-chat <port>`, another correct design: a bounded queue per client.
//!
//! Every client has an mpsc queue of 1024 lines and a writer task that empties it. A reader
//! cuts lines and, under one std::sync::Mutex (never held across an .await), puts each line in
//! every client's queue with try_send: one order for everybody. A full queue means its client is
//! more than 1024 lines behind: its sender is dropped, its writer sends what is queued, then
//! closes. SIGINT/SIGTERM: readers stopped, every sender dropped, writers drain with a grace.

use std::collections::HashMap;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinSet};

type Line = Arc<[u8]>;
type Clients = Arc<Mutex<HashMap<u64, mpsc::Sender<Line>>>>;

const MAX_LINE: usize = 4096;
const BEHIND: usize = 1024;
const GRACE: Duration = Duration::from_millis(1200);

#[tokio::main]
async fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) if std::env::args().count() == 2 => port,
        _ => {
            eprintln!("async-chat: usage: async-chat <port>");
            return ExitCode::FAILURE;
        }
    };
    match serve(port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("async-chat: {e}");
            ExitCode::FAILURE
        }
    }
}

fn lock(clients: &Clients) -> std::sync::MutexGuard<'_, HashMap<u64, mpsc::Sender<Line>>> {
    clients.lock().unwrap_or_else(|e| e.into_inner())
}

async fn serve(port: u16) -> std::io::Result<()> {
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))).await?;
    println!("listening on {}", listener.local_addr()?);
    std::io::stdout().flush()?;
    let clients: Clients = Arc::default();
    let (mut readers, mut writers) = (JoinSet::new(), JoinSet::new());
    let mut next_id = 0u64;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((client, _)) = accepted else { continue };
                let (r, w) = client.into_split();
                let (tx, rx) = mpsc::channel(BEHIND);
                next_id += 1;
                lock(&clients).insert(next_id, tx);
                let reader = readers.spawn(read_lines(r, next_id, Arc::clone(&clients)));
                writers.spawn(write_lines(w, rx, reader));
            }
            _ = term.recv() => break,
            _ = int.recv() => break,
            Some(_) = readers.join_next() => {}
            Some(_) = writers.join_next() => {}
        }
    }
    drop(listener);
    readers.shutdown().await;
    // Every queue's sender gone: each writer sends what is queued, then sees the end.
    lock(&clients).clear();
    let drained = tokio::time::timeout(GRACE, async {
        while writers.join_next().await.is_some() {}
    });
    if drained.await.is_err() {
        writers.shutdown().await;
    }
    println!("bye");
    Ok(())
}

async fn read_lines(mut r: OwnedReadHalf, id: u64, clients: Clients) {
    let mut pending = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n @ 1..) = r.read(&mut chunk).await {
        pending.extend_from_slice(&chunk[..n]);
        let mut start = 0;
        while let Some(at) = pending[start..].iter().position(|&b| b == b'\n') {
            let line = Line::from(&pending[start..start + at + 1]);
            // One lock across the whole distribution: every queue gets the lines in one order.
            lock(&clients).retain(|_, queue| queue.try_send(Arc::clone(&line)).is_ok());
            start += at + 1;
        }
        pending.drain(..start);
        if pending.len() >= MAX_LINE {
            break;
        }
        tokio::task::yield_now().await;
    }
    lock(&clients).remove(&id);
}

async fn write_lines(mut w: OwnedWriteHalf, mut rx: mpsc::Receiver<Line>, reader: AbortHandle) {
    while let Some(line) = rx.recv().await {
        if w.write_all(&line).await.is_err() {
            // The client is gone; its reader still takes the lines it sent before it went,
            // then meets the end of the connection.
            return;
        }
    }
    let _ = w.shutdown().await;
    reader.abort();
}
