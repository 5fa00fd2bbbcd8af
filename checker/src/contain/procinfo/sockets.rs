//! Sockets from outside: the inodes a process holds, what it listens on and which connections
//! it holds (from its descriptors and its namespace's tables, `tables`), its Unix-domain
//! sockets.

use super::tables::{TcpSocket, socket_table, tcp_sockets, udp_sockets};
use super::tree;

/// The inodes of the sockets a process holds open (from the links in /proc/<pid>/fd).
pub fn socket_inodes(pid: i32) -> Vec<u64> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|target| {
            target
                .to_str()?
                .strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse()
                .ok()
        })
        .collect()
}

/// The inodes of every socket of the process's network namespace that is not TCP: Unix
/// domain, UDP, raw, netlink, packet. A descriptor whose inode is none of these and not in the
/// TCP tables either is a TCP socket whose connection is over (it left the tables) but which
/// is still open.
pub fn non_tcp_socket_inodes(pid: i32) -> std::collections::BTreeSet<u64> {
    let mut inodes: std::collections::BTreeSet<u64> =
        socket_table(pid, &["udp", "udp6", "raw", "raw6"])
            .into_iter()
            .map(|s| s.inode)
            .collect();
    // unix: `Num RefCount Protocol Flags Type St Inode Path`; netlink: inode is column 10;
    // packet: inode is column 9 (0-based 8).
    for (table, column) in [("unix", 6), ("netlink", 9), ("packet", 8)] {
        if let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) {
            inodes.extend(
                text.lines()
                    .skip(1)
                    .filter_map(|l| l.split_whitespace().nth(column)?.parse::<u64>().ok()),
            );
        }
    }
    inodes
}

/// A port a program listens on: a TCP socket in LISTEN, or a bound UDP socket that is not
/// connected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listening {
    Tcp(u16),
    Udp(u16),
}

impl Listening {
    pub fn port(self) -> u16 {
        match self {
            Listening::Tcp(p) | Listening::Udp(p) => p,
        }
    }
}

/// The ports the process tree of `pid` listens on (its own descriptors, in its own network
/// namespace): what a server really does, whatever it printed or was told.
pub fn listening(pid: i32) -> Vec<Listening> {
    let mut found = Vec::new();
    for p in tree(pid) {
        let held = socket_inodes(p);
        if held.is_empty() {
            continue;
        }
        for sock in tcp_sockets(p) {
            if sock.state == "LISTEN" && held.contains(&sock.inode) {
                found.push(Listening::Tcp(sock.local_port));
            }
        }
        // A connected UDP socket is a client's, with an ephemeral port: glibc's getaddrinfo
        // connects one for a moment to sort the addresses it returns (mosquitto's
        // `listener <port>` does, before it listens), and taken for the server's port it made
        // a busy machine's checker connect to a port nothing listens on.
        for sock in udp_sockets(p) {
            if sock.local_port != 0 && sock.remote_port == 0 && held.contains(&sock.inode) {
                found.push(Listening::Udp(sock.local_port));
            }
        }
    }
    found.sort_by_key(|l| (matches!(l, Listening::Udp(_)), l.port()));
    found.dedup();
    found
}

/// Does some process of `pid`'s tree still hold (as an open descriptor) its end of the TCP
/// connection whose other end is our local port `peer_port`?
pub fn holds_connection(pid: i32, peer_port: u16) -> bool {
    tree(pid).iter().any(|&p| {
        let fds = socket_inodes(p);
        tcp_sockets(p)
            .iter()
            .any(|s| s.remote_port == peer_port && fds.contains(&s.inode))
    })
}

/// The TCP socket `pid` holds open whose peer is our local port `peer_port`, if any.
pub fn connection_to(pid: i32, peer_port: u16) -> Option<TcpSocket> {
    let fds = socket_inodes(pid);
    tcp_sockets(pid)
        .into_iter()
        .find(|s| s.remote_port == peer_port && fds.contains(&s.inode))
}

/// How many connections wait to be accepted on the socket listening on `port` that `pid` can
/// see (/proc/net/tcp shows a LISTEN socket's accept queue as its receive queue; the backlog
/// `listen` was given is not there).
pub fn listen_queue(pid: i32, port: u16) -> Option<u64> {
    tcp_sockets(pid)
        .into_iter()
        .find(|s| s.state == "LISTEN" && s.local_port == port)
        .map(|s| s.rx_queue)
}

/// A server's listening socket, looked at through a duplicate of its descriptor (pidfd_getfd,
/// which the checker may do to its own descendants): TCP_INFO of a LISTEN socket gives the
/// connections waiting to be accepted and the backlog `listen` was given, for one getsockopt
/// (where /proc/net/tcp costs the whole table, and has no backlog). Dropping it closes the
/// duplicate: keep it no longer than needed, since it keeps the socket listening.
pub struct ListenQueue {
    fd: std::os::fd::OwnedFd,
}

impl ListenQueue {
    /// The socket `pid` listens on `port` with; `None` where the kernel does not allow it.
    pub fn of(pid: i32, port: u16) -> Option<ListenQueue> {
        use std::os::fd::{FromRawFd, OwnedFd};
        let inodes = listening_inodes(pid, port);
        let (fd, _) = super::socket_fds(pid)
            .into_iter()
            .find(|(_, inode)| inodes.contains(inode))?;
        // SAFETY: pidfd_open takes a pid and flags, and returns a new descriptor or -1.
        let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        let pidfd = i32::try_from(pidfd).ok().filter(|&d| d >= 0)?;
        // SAFETY: the descriptor was just returned to us, and nothing else owns it.
        let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd) };
        // SAFETY: pidfd_getfd takes a pidfd, the target's descriptor number and flags, and
        // returns a new descriptor of ours or -1.
        let dup = unsafe {
            libc::syscall(
                libc::SYS_pidfd_getfd,
                std::os::fd::AsRawFd::as_raw_fd(&pidfd),
                fd,
                0,
            )
        };
        let dup = i32::try_from(dup).ok().filter(|&d| d >= 0)?;
        // SAFETY: as above.
        Some(ListenQueue {
            fd: unsafe { OwnedFd::from_raw_fd(dup) },
        })
    }

    /// How many connections wait to be accepted, and the backlog; `None` if it no longer
    /// listens.
    pub fn now(&self) -> Option<(u32, u32)> {
        const TCP_LISTEN: u8 = 10;
        let info = tcp_info(&self.fd)?;
        (info.tcpi_state == TCP_LISTEN).then_some((info.tcpi_unacked, info.tcpi_sacked))
    }
}

/// The kernel's view of a TCP socket (`TCP_INFO`), or `None` if it cannot say (not a TCP
/// socket). The one reader of it: a listener's queue, a connection's state, the experiments.
pub fn tcp_info(fd: impl std::os::fd::AsFd) -> Option<libc::tcp_info> {
    use std::os::fd::AsRawFd;
    // SAFETY: tcp_info is plain data, valid when zeroed.
    let mut info: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    // SAFETY: a valid socket, and a buffer of the size passed.
    let r = unsafe {
        libc::getsockopt(
            fd.as_fd().as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&raw mut info).cast(),
            &mut len,
        )
    };
    (r == 0).then_some(info)
}

/// The inodes of the sockets listening on `port` that `pid`'s tree can see.
pub fn listening_inodes(pid: i32, port: u16) -> Vec<u64> {
    tcp_sockets(pid)
        .into_iter()
        .filter(|s| s.state == "LISTEN" && s.local_port == port)
        .map(|s| s.inode)
        .collect()
}

/// Whether `pid` holds one of `sockets` (their inodes) open: a child that kept the socket
/// its parent listens on holds it, and the kernel goes on handing it connections.
pub fn holds_any(pid: i32, sockets: &[u64]) -> bool {
    socket_inodes(pid).iter().any(|i| sockets.contains(i))
}

/// How many established connections on `port` (the server's side of each) `pid`'s tree holds
/// open: the clients it has accepted and not closed.
pub fn connections_held(pid: i32, port: u16) -> usize {
    let established: std::collections::BTreeSet<u64> = tcp_sockets(pid)
        .into_iter()
        .filter(|s| s.local_port == port && s.state == "ESTABLISHED")
        .map(|s| s.inode)
        .collect();
    let mut held = std::collections::BTreeSet::new();
    for p in tree(pid) {
        held.extend(
            socket_inodes(p)
                .into_iter()
                .filter(|i| established.contains(i)),
        );
    }
    held.len()
}

/// A Unix-domain socket as /proc/<pid>/net/unix shows it (the table of the process's network
/// namespace): `Num RefCount Protocol Flags Type St Inode Path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnixSocket {
    pub inode: u64,
    /// SOCK_STREAM (1), SOCK_DGRAM (2), SOCK_SEQPACKET (5).
    pub socket_type: u16,
    /// St 03, SS_CONNECTED: both ends of a socketpair, an accepted or a connected socket.
    pub connected: bool,
    /// Flags has __SO_ACCEPTCON (0x10000): a socket in listen().
    pub listening: bool,
    /// The path it is bound to (`@name` for the abstract namespace); `None` for an unnamed one,
    /// such as either end of a socketpair.
    pub path: Option<String>,
}

/// The Unix-domain sockets of `pid`'s network namespace.
pub fn unix_sockets(pid: i32) -> Vec<UnixSocket> {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/unix")) else {
        return Vec::new();
    };
    text.lines().skip(1).filter_map(unix_line).collect()
}

fn unix_line(line: &str) -> Option<UnixSocket> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let flags = u32::from_str_radix(fields.get(3)?, 16).ok()?;
    Some(UnixSocket {
        inode: fields.get(6)?.parse().ok()?,
        socket_type: u16::from_str_radix(fields.get(4)?, 16).ok()?,
        connected: *fields.get(5)? == "03",
        listening: flags & 0x1_0000 != 0,
        path: fields.get(7).map(|p| p.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server's UDP socket listens; a connected one (a client's, or getaddrinfo's sorting
    /// the addresses it returns) does not, though the kernel gave it a port.
    #[test]
    fn a_connected_udp_socket_is_not_listening() {
        let server = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let client = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        client.connect(server.local_addr().unwrap()).unwrap();
        let listens = listening(std::process::id() as i32);
        let (server_port, client_port) = (
            server.local_addr().unwrap().port(),
            client.local_addr().unwrap().port(),
        );
        assert!(
            listens.contains(&Listening::Udp(server_port)),
            "{listens:?}"
        );
        assert!(
            !listens.contains(&Listening::Udp(client_port)),
            "{listens:?}"
        );
    }

    #[test]
    fn finds_a_listening_socket_and_its_inode() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let me = std::process::id() as i32;
        // The namespace is the host's: another program may listen on the same port at another
        // address (a [::] socket beside this 127.0.0.1 one), so only the ones held here count.
        let held = socket_inodes(me);
        let inodes: Vec<u64> = listening_inodes(me, port)
            .into_iter()
            .filter(|i| held.contains(i))
            .collect();
        assert_eq!(inodes.len(), 1, "{:?}", tcp_sockets(me));
        let sock = tcp_sockets(me)
            .into_iter()
            .find(|s| s.inode == inodes[0])
            .unwrap();
        assert_eq!(sock.local_ip, std::net::IpAddr::from([127, 0, 0, 1]));
    }

    #[test]
    fn finds_both_ends_of_a_socketpair() {
        let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
        let me = std::process::id() as i32;
        let held = socket_inodes(me);
        let ends: Vec<UnixSocket> = unix_sockets(me)
            .into_iter()
            .filter(|u| held.contains(&u.inode) && u.path.is_none() && u.connected)
            .collect();
        assert!(ends.len() >= 2, "{ends:?}");
        assert!(ends.iter().all(|u| u.socket_type == 1 && !u.listening));
        drop((a, b));
        let line = "0000000000000000: 00000002 00000000 00010000 0001 01 4711 ctl.sock";
        let sock = unix_line(line).unwrap();
        assert!(sock.listening && !sock.connected);
        assert_eq!((sock.inode, sock.path.as_deref()), (4711, Some("ctl.sock")));
    }

    #[test]
    fn reads_a_listen_queue_and_its_backlog() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let me = std::process::id() as i32;
        let Some(queue) = ListenQueue::of(me, port) else {
            eprintln!("pidfd_getfd is not allowed here");
            return;
        };
        let (waiting, backlog) = queue.now().unwrap();
        assert_eq!(waiting, 0);
        assert!(backlog >= 1, "{backlog}");
        let _c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        let until = std::time::Instant::now() + std::time::Duration::from_secs(2);
        while queue.now().map(|q| q.0) != Some(1) && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(queue.now().map(|q| q.0), Some(1));
    }
}
