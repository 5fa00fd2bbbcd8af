//! A fleet of clients that loads one server the same way whatever its design, for `checker
//! compare`: up to thousands of connections driven from one thread of the checker with epoll
//! (a thread per client in the checker would measure the checker's scheduler, not the
//! server's), each with non-blocking I/O. `Fleet::connect` opens the connections, paced so
//! that a server that accepts as fast as it can never sees its accept queue overflow (a SYN
//! dropped then waits a second for its retry); `echo` runs round trips on them, `chat` sends
//! lines to everyone. Every outcome is counted (`Tally`), never an error of the checker's: a
//! server that refuses, resets or never answers under load is a result.
//!
//! `observe::wire::load` is its single-connection ancestor (the throughput test's yardstick).

pub mod chat;
pub mod echo;

use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddrV4, TcpStream};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use nix::errno::Errno;
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags};
use nix::sys::socket::{
    AddressFamily, SockFlag, SockType, SockaddrIn, connect, getsockopt, socket, sockopt,
};

/// Connections opened at once where the server's accept queue cannot be seen.
const BATCH: usize = 32;
/// The accept queue the fleet keeps below: far under the backlog the lab's servers ask for
/// (128). /proc shows a listening socket's queue but not its backlog (a connection beyond it
/// has its SYN dropped, retried a second later); each look at the queue reads the whole TCP
/// table, so a lower target would make a thousand connects slow. A server that asks for less
/// (the C examples' `listen(fd, 5)`) may see some of a burst not connected: that is what a
/// short backlog does.
const QUEUE_TARGET: u64 = 16;
/// How long the fleet waits for a full queue to move before it stops pacing: a server that
/// accepts no more (an iterative one, busy with its first client) is a result, not a wait.
const PACING_PATIENCE: Duration = Duration::from_millis(100);

/// How long the fleet waits for the last connections while none completes.
const STALLED: Duration = Duration::from_millis(150);

/// What happened to the fleet's clients: counts, for the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Connections established.
    pub connected: u64,
    /// connect() refused (ECONNREFUSED): nobody listened any more.
    pub refused: u64,
    /// Connections the server reset or closed while the client still expected data.
    pub reset: u64,
    /// Connections not established in time (a SYN left unanswered: a full accept queue).
    pub timed_out: u64,
    /// Replies that were not what was sent.
    pub wrong: u64,
}

impl Tally {
    #[cfg(test)]
    pub fn errors(&self) -> u64 {
        self.refused + self.reset + self.timed_out + self.wrong
    }
}

/// A microsecond histogram from 1 µs to 100 s, 3 significant digits.
pub fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 100_000_000, 3).expect("valid histogram bounds")
}

/// Record `d` in microseconds (clamped into the histogram's range).
pub fn record(histogram: &mut Histogram<u64>, d: Duration) {
    let us = (d.as_micros() as u64).clamp(1, histogram.high());
    let _ = histogram.record(us);
}

/// One client of the fleet.
pub struct Client {
    pub stream: Option<TcpStream>,
    /// Bytes received and not yet consumed (a chat client's partial line).
    pub inbox: Vec<u8>,
    /// Bytes waiting to be written (a short write).
    pub outbox: Vec<u8>,
    /// Interested in EPOLLOUT (something waits in the outbox).
    pub want_out: bool,
}

/// The clients, their epoll instance, and what happened to them.
pub struct Fleet {
    pub epoll: Epoll,
    pub clients: Vec<Client>,
    pub tally: Tally,
}

impl Fleet {
    /// Open `n` connections to `port` on loopback, paced by `accept_queue` (how many
    /// connections wait in the server's accept queue now, if known), all done or given up by
    /// `deadline`. Returns the fleet with its established connections registered for reading.
    pub fn connect(
        port: u16,
        n: usize,
        deadline: Instant,
        mut accept_queue: impl FnMut() -> Option<u64>,
    ) -> std::io::Result<Fleet> {
        let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?;
        // Connections in progress wait in an instance of their own, so an event of an
        // established client is never taken for one of theirs.
        let connecting = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?;
        let address = SockaddrIn::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port));
        let mut pending: Vec<Option<OwnedFd>> = Vec::with_capacity(n);
        let mut fleet = Fleet {
            epoll,
            clients: Vec::with_capacity(n),
            tally: Tally::default(),
        };
        let mut pacing = true;
        let mut events = vec![EpollEvent::empty(); 256];
        while pending.len() < n && Instant::now() < deadline {
            let mut batch = BATCH;
            if pacing {
                match wait_for_room(&mut accept_queue, deadline) {
                    Some(room) => batch = room.clamp(1, BATCH),
                    None => pacing = false,
                }
            }
            for _ in 0..batch.min(n - pending.len()) {
                let index = pending.len();
                pending.push(start_connect(&address).ok());
                match &pending[index] {
                    Some(fd) => connecting.add(
                        fd.as_fd(),
                        EpollEvent::new(EpollFlags::EPOLLOUT, index as u64),
                    )?,
                    None => fleet.tally.refused += 1,
                }
            }
            fleet.settle(&connecting, &mut pending, &mut events, Duration::ZERO)?;
        }
        fleet.tally.timed_out += (n - pending.len()) as u64;
        // The last connections get what is left of the time to be established, unless none
        // completes for `STALLED`: their SYNs were dropped (a full accept queue), and the
        // retry a second later is not worth waiting for.
        let mut progress = Instant::now();
        while pending.iter().any(Option::is_some)
            && Instant::now() < deadline
            && progress.elapsed() < STALLED
        {
            let left = deadline.saturating_duration_since(Instant::now());
            let wait = left.min(Duration::from_millis(20));
            let before = fleet.tally;
            fleet.settle(&connecting, &mut pending, &mut events, wait)?;
            if fleet.tally != before {
                progress = Instant::now();
            }
        }
        fleet.tally.timed_out += pending.iter().flatten().count() as u64;
        Ok(fleet)
    }

    /// Take the connections that are done connecting (established or failed) out of
    /// `pending`, waiting at most `wait` for the first.
    fn settle(
        &mut self,
        connecting: &Epoll,
        pending: &mut [Option<OwnedFd>],
        events: &mut [EpollEvent],
        wait: Duration,
    ) -> std::io::Result<()> {
        let ms = u16::try_from(wait.as_millis()).unwrap_or(u16::MAX);
        let ready = match connecting.wait(events, ms) {
            Ok(n) => n,
            Err(Errno::EINTR) => 0,
            Err(e) => return Err(e.into()),
        };
        for event in &events[..ready] {
            let Some(fd) = pending
                .get_mut(event.data() as usize)
                .and_then(Option::take)
            else {
                continue;
            };
            connecting.delete(fd.as_fd())?;
            match getsockopt(&fd, sockopt::SocketError) {
                Ok(0) => {
                    let stream = TcpStream::from(fd);
                    let _ = stream.set_nodelay(true);
                    let index = self.clients.len() as u64;
                    self.epoll
                        .add(stream.as_fd(), EpollEvent::new(EpollFlags::EPOLLIN, index))?;
                    self.clients.push(Client {
                        stream: Some(stream),
                        inbox: Vec::new(),
                        outbox: Vec::new(),
                        want_out: false,
                    });
                    self.tally.connected += 1;
                }
                Ok(e) if e == Errno::ECONNREFUSED as i32 => self.tally.refused += 1,
                Ok(e) if e == Errno::ETIMEDOUT as i32 => self.tally.timed_out += 1,
                _ => self.tally.reset += 1,
            }
        }
        Ok(())
    }

    /// The clients still connected.
    pub fn live(&self) -> usize {
        self.clients.iter().filter(|c| c.stream.is_some()).count()
    }

    /// Drop client `i`'s connection, counted as reset by the server.
    pub fn lose(&mut self, i: usize) {
        if let Some(stream) = self.clients[i].stream.take() {
            let _ = self.epoll.delete(stream.as_fd());
            self.tally.reset += 1;
        }
    }

    /// Send `bytes` on client `i` (whatever does not fit now waits for EPOLLOUT).
    pub fn send(&mut self, i: usize, bytes: &[u8]) {
        self.clients[i].outbox.extend_from_slice(bytes);
        self.flush(i);
    }

    /// Write what client `i` has waiting; watch for EPOLLOUT while some is left.
    pub fn flush(&mut self, i: usize) {
        use std::io::Write;
        let client = &mut self.clients[i];
        let Some(stream) = client.stream.as_mut() else {
            return;
        };
        let mut lost = false;
        while !client.outbox.is_empty() {
            match stream.write(&client.outbox) {
                Ok(0) => {
                    lost = true;
                    break;
                }
                Ok(n) => {
                    client.outbox.drain(..n);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => {
                    lost = true;
                    break;
                }
            }
        }
        if lost {
            return self.lose(i);
        }
        let want_out = !client.outbox.is_empty();
        if want_out != client.want_out {
            client.want_out = want_out;
            let flags = if want_out {
                EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT
            } else {
                EpollFlags::EPOLLIN
            };
            let mut event = EpollEvent::new(flags, i as u64);
            let _ = self.epoll.modify(stream.as_fd(), &mut event);
        }
    }

    /// Read what client `i` has received into its inbox. `false` once the connection is over
    /// (EOF or an error: the client is dropped and counted as reset).
    pub fn receive(&mut self, i: usize, scratch: &mut [u8]) -> bool {
        use std::io::Read;
        let client = &mut self.clients[i];
        let Some(stream) = client.stream.as_mut() else {
            return false;
        };
        loop {
            match stream.read(scratch) {
                Ok(0) => break,
                Ok(n) => {
                    client.inbox.extend_from_slice(&scratch[..n]);
                    quick_ack(stream);
                    if n < scratch.len() {
                        return true;
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        self.lose(i);
        false
    }

    /// Wait up to `wait` for the clients' sockets: flush each writable one, read each readable
    /// one, and hand `arrived` each client that received bytes, in the order of the events.
    pub fn exchange(
        &mut self,
        events: &mut [EpollEvent],
        scratch: &mut [u8],
        wait: Duration,
        mut arrived: impl FnMut(&mut Fleet, usize),
    ) -> std::io::Result<()> {
        for (i, readable, writable) in self.poll(events, wait)? {
            if writable {
                self.flush(i);
            }
            if readable && self.receive(i, scratch) {
                arrived(self, i);
            }
        }
        Ok(())
    }

    /// Wait up to `wait` for events; the (client index, readable, writable) of each.
    fn poll(
        &mut self,
        events: &mut [EpollEvent],
        wait: Duration,
    ) -> std::io::Result<Vec<(usize, bool, bool)>> {
        let ms = u16::try_from(wait.as_millis()).unwrap_or(u16::MAX);
        let n = match self.epoll.wait(events, ms) {
            Ok(n) => n,
            Err(Errno::EINTR) => 0,
            Err(e) => return Err(e.into()),
        };
        Ok(events[..n]
            .iter()
            .map(|e| {
                let flags = e.events();
                let readable = flags
                    .intersects(EpollFlags::EPOLLIN | EpollFlags::EPOLLHUP | EpollFlags::EPOLLERR);
                (
                    e.data() as usize,
                    readable,
                    flags.contains(EpollFlags::EPOLLOUT),
                )
            })
            .collect())
    }

    /// Close every connection (the fleet is done with the server) with a reset (SO_LINGER 0):
    /// a closing client would otherwise leave its end in TIME_WAIT for a minute, and thousands
    /// of them make every read of /proc/net/tcp (the pacing of the next level's connects) slow.
    pub fn close(&mut self) {
        for client in &mut self.clients {
            if let Some(stream) = client.stream.take() {
                let _ = self.epoll.delete(stream.as_fd());
                let _ = nix::sys::socket::setsockopt(
                    &stream,
                    sockopt::Linger,
                    &libc::linger {
                        l_onoff: 1,
                        l_linger: 0,
                    },
                );
            }
        }
    }

    /// The descriptor numbers in use, for a test that checks nothing leaks.
    #[cfg(test)]
    pub fn raw_fds(&self) -> Vec<i32> {
        self.clients
            .iter()
            .filter_map(|c| c.stream.as_ref().map(|s| s.as_raw_fd()))
            .collect()
    }
}

/// Acknowledge at once what was just read (TCP_QUICKACK, which the kernel clears again): a
/// client that only receives (a chat client between its turns) would otherwise delay its ACK
/// by up to 40 ms, and a server without TCP_NODELAY holds its next small line until that ACK
/// comes (Nagle's algorithm). The fleet measures the server, not that pairing of timers.
fn quick_ack(stream: &TcpStream) {
    let on: libc::c_int = 1;
    // SAFETY: setsockopt on a descriptor we own, with a pointer to an int that outlives the call.
    unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_QUICKACK,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

/// Start a non-blocking connect; `Err` if it failed at once (refused).
fn start_connect(address: &SockaddrIn) -> nix::Result<OwnedFd> {
    let fd = socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    match connect(fd.as_raw_fd(), address) {
        Ok(()) | Err(Errno::EINPROGRESS) => Ok(fd),
        Err(e) => Err(e),
    }
}

/// Wait until the server's accept queue is below `QUEUE_TARGET`: how many connections may
/// go now, or `None` if the queue stays there without moving for `PACING_PATIENCE` (the fleet
/// stops pacing: a server that does not accept while it is busy is a result; one that accepts
/// slowly on a loaded machine is waited for).
fn wait_for_room(
    accept_queue: &mut impl FnMut() -> Option<u64>,
    deadline: Instant,
) -> Option<usize> {
    let mut moved = Instant::now();
    let mut last = None;
    loop {
        let Some(queued) = accept_queue() else {
            return Some(BATCH);
        };
        if queued < QUEUE_TARGET {
            return Some((QUEUE_TARGET - queued) as usize);
        }
        if last.is_some_and(|l| queued < l) {
            moved = Instant::now();
        }
        last = Some(queued);
        if moved.elapsed() >= PACING_PATIENCE || Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_port_is_refused_and_an_open_one_connects() {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let deadline = Instant::now() + Duration::from_secs(2);
        let fleet = Fleet::connect(port, 5, deadline, || None).unwrap();
        assert_eq!(fleet.tally.connected, 5);
        assert_eq!(fleet.raw_fds().len(), 5);
        drop(listener);
        let fleet = Fleet::connect(port, 3, deadline, || None).unwrap();
        assert_eq!((fleet.tally.connected, fleet.tally.refused), (0, 3));
    }
}
