//! day6-async: `async-echo <port>` (reference solution).
//!
//! The echo-server contract of day2-echo, served by tasks on the tokio runtime: one task per
//! client, every read and write an `.await`. The runtime's I/O driver is day5-epoll's loop,
//! written once: it registers each socket in an epoll instance (edge-triggered) and wakes the
//! task whose socket became ready. The server's threads are the runtime's workers, however many
//! clients are connected.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

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

async fn serve(port: u16) -> Result<(), String> {
    // socket + setsockopt(SO_REUSEADDR) + bind + listen, in one call: tokio sets SO_REUSEADDR
    // on Unix and makes the socket non-blocking. An address, not a host name: a name would be
    // resolved on the blocking pool, in a thread.
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
    loop {
        match listener.accept().await {
            Ok((client, _)) => {
                // One task per client: a few hundred bytes of state, no thread of its own.
                tokio::spawn(async move {
                    if let Err(e) = echo(client).await {
                        eprintln!("async-echo: client: {e}");
                    }
                });
            }
            // ECONNABORTED: that connection is lost, the server goes on. EMFILE, ENFILE: the
            // connection stays in the queue and the next accept fails at once; a moment's wait
            // lets a descriptor be freed instead of spinning.
            Err(e) => {
                eprintln!("async-echo: accept: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        }
    }
}

/// Send back every byte until the client's EOF, then close (the socket is dropped).
async fn echo(mut client: TcpStream) -> std::io::Result<()> {
    let mut buf = vec![0u8; 16 << 10];
    loop {
        let n = client.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        // write_all loops over short writes, waiting (not blocking) while the socket is full.
        client.write_all(&buf[..n]).await?;
    }
}
