//! Hidden servers: the other side, played by the checker, for client tests.

use std::io::{ErrorKind, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::conn::Conn;
use super::server::loopback_listener;
use super::stamp;
use super::transcript::Transcript;
use crate::base::i18n::msg;
use crate::base::verdict::Failure;

/// How a hidden server treats each connection.
#[derive(Clone, Copy, Debug)]
pub enum Behaviour {
    /// Echo everything back, until EOF.
    Echo,
    /// Echo, one byte per write with a pause before each.
    EchoInPieces(Duration),
    /// Read the first piece, echo half of it, then close.
    CloseEarly,
    /// Accept and read, but never answer.
    NeverAnswer,
}

/// A server run by the checker on a free loopback port.
pub struct HiddenServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    /// Connections accepted and still being served.
    serving: Arc<AtomicUsize>,
    /// Every byte received, over all connections: what the client really sent.
    received: Arc<Mutex<Vec<u8>>>,
    /// When the first of them came (the kernel's stamp of the first read's last segment): a
    /// client's own timeout counts from there, whatever its process start cost and whenever this
    /// server's thread got a CPU to read them.
    first_at: Arc<Mutex<Option<Instant>>>,
    /// A write of its answer failed (the client had closed): it read nothing more after it.
    write_failed: Arc<AtomicBool>,
}

impl HiddenServer {
    pub fn start(t: &Arc<Transcript>, behaviour: Behaviour) -> Result<HiddenServer, Failure> {
        let listener = loopback_listener()?;
        listener.set_nonblocking(true)?;
        // On the listener: its connections are stamped from their first bytes (`first_at`).
        stamp::enable(&listener)?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let serving = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let first_at = Arc::new(Mutex::new(None));
        let write_failed = Arc::new(AtomicBool::new(false));
        let failed2 = Arc::clone(&write_failed);
        let (t, stop2, serving2, received2, first2) = (
            Arc::clone(t),
            Arc::clone(&stop),
            Arc::clone(&serving),
            Arc::clone(&received),
            Arc::clone(&first_at),
        );
        std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        serving2.fetch_add(1, Ordering::SeqCst);
                        t.note("hidden server", msg!("hidden-accepted"));
                        let (t, stop, serving, received, first, failed) = (
                            Arc::clone(&t),
                            Arc::clone(&stop2),
                            Arc::clone(&serving2),
                            Arc::clone(&received2),
                            Arc::clone(&first2),
                            Arc::clone(&failed2),
                        );
                        std::thread::spawn(move || {
                            let kept = (&*received, &*first, &*failed);
                            serve_hidden(stream, behaviour, &t, &stop, kept);
                            serving.fetch_sub(1, Ordering::SeqCst);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Ok(HiddenServer {
            port,
            stop,
            serving,
            received,
            first_at,
            write_failed,
        })
    }

    /// Whether a write of its answer failed: the client had closed before taking it, and what
    /// it sent after that was never read.
    pub fn write_failed(&self) -> bool {
        self.write_failed.load(Ordering::SeqCst)
    }

    /// When the first byte came, if any did.
    pub fn first_byte_at(&self) -> Option<Instant> {
        *self.first_at.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every byte the hidden server received so far, over all its connections.
    pub fn received(&self) -> Vec<u8> {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Once the client under test has exited, wait (at most `limit`) until every connection
    /// has seen its EOF, so a failure's transcript is complete and the same on every run.
    pub fn settle(&self, limit: Duration) {
        let until = Instant::now() + limit;
        while self.serving.load(Ordering::SeqCst) > 0 && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for HiddenServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve_hidden(
    mut stream: TcpStream,
    behaviour: Behaviour,
    t: &Transcript,
    stop: &AtomicBool,
    (received, first_at, write_failed): (&Mutex<Vec<u8>>, &Mutex<Option<Instant>>, &AtomicBool),
) {
    let who = "hidden server";
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let mut buf = vec![0u8; 256 * 1024];
    let mut first = true;
    while !stop.load(Ordering::Relaxed) {
        let (n, arrived) = match stamp::recv::<()>(&stream, &mut buf) {
            Ok((0, _, _)) => {
                t.note(who, msg!("hidden-eof"));
                return;
            }
            Ok((n, _, arrived)) => (n, arrived),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) =>
            {
                continue;
            }
            Err(e) => {
                t.note(who, msg!("wire-read-failed", error = e.to_string()));
                return;
            }
        };
        t.received(who, &buf[..n]);
        first_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_or_insert(arrived);
        received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(&buf[..n]);
        if !answer(&mut stream, behaviour, first, t, &buf[..n]) {
            write_failed.store(answered_in_vain(behaviour, first), Ordering::SeqCst);
            return;
        }
        first = false;
    }
}

/// Whether an answer that ended the serving was a failed write (not a close on purpose).
fn answered_in_vain(behaviour: Behaviour, first: bool) -> bool {
    !matches!(behaviour, Behaviour::CloseEarly if first)
}

/// Answer what one read brought as `behaviour` says, in the transcript too: whether to go on
/// serving (not once it closed early or a write failed).
fn answer(
    stream: &mut TcpStream,
    behaviour: Behaviour,
    first: bool,
    t: &Transcript,
    data: &[u8],
) -> bool {
    let who = "hidden server";
    let ok = match behaviour {
        Behaviour::Echo => stream.write_all(data).is_ok(),
        Behaviour::EchoInPieces(pause) => data.iter().all(|b| {
            std::thread::sleep(pause);
            stream.write_all(&[*b]).is_ok()
        }),
        Behaviour::CloseEarly if first => {
            let half = &data[..data.len() / 2];
            let _ = stream.write_all(half);
            t.sent(who, half);
            t.note(who, msg!("hidden-closed-early"));
            return false;
        }
        Behaviour::CloseEarly => true,
        Behaviour::NeverAnswer => true,
    };
    if !matches!(behaviour, Behaviour::NeverAnswer | Behaviour::CloseEarly) {
        t.sent(who, data);
    }
    if !ok {
        t.note(who, msg!("hidden-write-failed"));
        return false;
    }
    true
}

/// Accept one connection on a free loopback port and hand it to `handler` on a thread of its
/// own; the handler's result comes back through the returned receiver. For client tests whose
/// hidden server follows a script.
pub fn serve_once<T: Send + 'static>(
    t: &Arc<Transcript>,
    deadline: Instant,
    handler: impl FnOnce(Conn) -> T + Send + 'static,
) -> Result<(u16, std::sync::mpsc::Receiver<T>), Failure> {
    let listener = loopback_listener()?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let (tx, rx) = std::sync::mpsc::channel();
    let t = Arc::clone(t);
    std::thread::spawn(move || {
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    t.note("hidden server", msg!("hidden-accepted"));
                    let _ = tx.send(handler(Conn::accepted(&t, "hidden server", stream)));
                    return;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    });
    Ok((port, rx))
}
