//! A reference echo server and a load generator, to measure a server's throughput against the
//! checker's own, in the same run on the same machine.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddrV4, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::errors::{io_failure, remaining};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind as Kind};
use crate::observe::stuck::Stuck;

/// The checker's own echo server (std::net, a thread per connection): the yardstick for a
/// student's server, measured in the same run on the same machine. Its buffer is the 1 KiB of
/// the course's C examples, so the bar ("a quarter of it") stops pathological designs (a
/// system call per byte is ~100 times slower) without failing any sensible buffer size.
const REFERENCE_BUFFER: usize = 1024;

pub struct ReferenceEcho {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl ReferenceEcho {
    pub fn start() -> Result<ReferenceEcho, Failure> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = Arc::clone(&stop);
        std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        std::thread::spawn(move || {
                            let mut buf = vec![0u8; REFERENCE_BUFFER];
                            while let Ok(n) = stream.read(&mut buf) {
                                if n == 0 || stream.write_all(&buf[..n]).is_err() {
                                    break;
                                }
                            }
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Ok(ReferenceEcho { port, stop })
    }
}

impl Drop for ReferenceEcho {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// How an echo stream stopped short.
enum Ended {
    /// The server ended the connection: a read returned 0 (FIN) or failed with ECONNRESET
    /// (RST). One case, not two: when a server closes with bytes unread its kernel sends RST,
    /// and whether our reader sees ECONNRESET or, after the writer thread has taken that error,
    /// a plain 0, is a race between our two threads. The verdict must not depend on it.
    Closed,
    /// A read failed otherwise.
    Error(String),
}

/// Push `bytes` through an echo server at `port` (writer and reader on two threads) and return
/// the rate in MB/s, or a failure if it does not come back whole before `deadline`, or once
/// `stuck` finds the server stuck (then with where it sleeps).
pub fn echo_throughput(
    port: u16,
    bytes: usize,
    (deadline, slow_at): (Instant, Option<Instant>),
    stuck: impl Fn() -> Option<Stuck>,
) -> Result<f64, Failure> {
    let stream = TcpStream::connect_timeout(
        &SocketAddrV4::new(Ipv4Addr::LOCALHOST, port).into(),
        Duration::from_secs(2),
    )
    .map_err(|e| io_failure("load generator", "connect", &e))?;
    let writer = stream.try_clone()?;
    let mut reader = stream;
    let start = Instant::now();
    let sender = send_in_chunks(writer, bytes, deadline);
    let (got, stuck_at, ended) = read_back(&mut reader, bytes, (deadline, slow_at), start, stuck);
    let elapsed = start.elapsed().as_secs_f64();
    let _ = reader.shutdown(Shutdown::Both);
    let _ = sender.join();
    if let Some(stuck) = stuck_at {
        return Err(super::conn::stuck_failure("load generator", stuck));
    }
    if got < bytes {
        return Err(came_back_short(got, bytes, ended));
    }
    Ok(bytes as f64 / elapsed / 1e6)
}

/// The writer's thread: `bytes` in 64 KiB chunks, then our FIN. It gives up at the first
/// failed write (the reader says why the stream stopped).
fn send_in_chunks(
    mut writer: TcpStream,
    bytes: usize,
    deadline: Instant,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let chunk = vec![0x5au8; 64 * 1024];
        let mut left = bytes;
        while left > 0 {
            let n = left.min(chunk.len());
            if let Some(t) = remaining(deadline) {
                let _ = writer.set_write_timeout(Some(t));
            }
            if writer.write_all(&chunk[..n]).is_err() {
                return;
            }
            left -= n;
        }
        let _ = writer.shutdown(Shutdown::Write);
    })
}

/// Read the echo back until all `bytes` came, or it is too late or too slow, or the server is
/// found stuck, or the stream ended: how many came, where it is stuck, how the stream ended.
fn read_back(
    reader: &mut TcpStream,
    bytes: usize,
    (deadline, slow_at): (Instant, Option<Instant>),
    start: Instant,
    stuck: impl Fn() -> Option<Stuck>,
) -> (usize, Option<Stuck>, Option<Ended>) {
    let mut buf = vec![0u8; 256 * 1024];
    let mut got = 0usize;
    let mut stuck_at = None;
    // How the stream ended before everything came back: the server's FIN, its RST, or our
    // deadline. Each is a different bug, and the report must say which.
    let mut ended = None;
    while got < bytes {
        let Some(left) = remaining(deadline) else {
            break;
        };
        // Past `slow_at` with the echo moving: too slow, whatever comes next. One that echoed
        // nothing yet is left to the stuck watch (a server that never reads is told so).
        if got > 0 && slow_at.is_some_and(|at| Instant::now() >= at) {
            break;
        }
        let _ = reader.set_read_timeout(Some(left.min(Duration::from_millis(50))));
        match reader.read(&mut buf) {
            Ok(0) => {
                ended = Some(Ended::Closed);
                break;
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                if start.elapsed() >= Duration::from_millis(100) {
                    stuck_at = stuck();
                    if stuck_at.is_some() {
                        break;
                    }
                }
            }
            Err(e) => {
                ended = Some(match e.kind() {
                    ErrorKind::ConnectionReset => Ended::Closed,
                    // By its errno name, the same in every language.
                    _ => Ended::Error(e.raw_os_error().map_or_else(
                        || e.to_string(),
                        |n| format!("{:?}", nix::errno::Errno::from_raw(n)),
                    )),
                });
                break;
            }
        }
    }
    (got, stuck_at, ended)
}

/// The failure of an echo that came back short, by how its stream ended: none means our
/// deadline came first.
fn came_back_short(got: usize, bytes: usize, ended: Option<Ended>) -> Failure {
    match ended {
        Some(Ended::Closed) => Failure::of_kind(
            Kind::EarlyEof,
            msg!("load-closed-early", got = got, bytes = bytes),
        ),
        Some(Ended::Error(error)) => Failure::of_kind(
            Kind::Reset,
            msg!("load-reset-early", got = got, bytes = bytes, error = error),
        ),
        None => Failure::of_kind(
            Kind::Timeout,
            msg!("load-too-slow", got = got, bytes = bytes),
        ),
    }
}
