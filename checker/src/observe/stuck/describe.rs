//! Saying where a stuck program waits: the line of each sleeping thread (the call, on which
//! descriptor, what that descriptor is) and what waits in the program's sockets.

use std::collections::HashMap;

use crate::base::i18n::{Text, msg};
use crate::contain::procinfo::{self, TcpSocket};

/// One thread's line: the call it sleeps in, on what.
pub(super) fn sleeps(
    pid: i32,
    who: &Text,
    call: &procinfo::Call,
    wchan: &str,
    table: &Sockets,
) -> Text {
    let name = call.name().unwrap_or("?");
    let wchan = if wchan.is_empty() {
        Text::Plain(String::new())
    } else {
        msg!("stuck-wchan", wchan = wchan)
    };
    if let Some((total, fds)) = procinfo::polled_fds(pid, call) {
        let shown = polled(pid, &fds, table);
        return msg!(
            "stuck-sleeps-poll",
            who = who.clone(),
            call = name,
            n = total,
            fds = Text::listed(shown),
            wchan = wchan
        );
    }
    if let Some(fd) = call.fd() {
        return msg!(
            "stuck-sleeps-on",
            who = who.clone(),
            call = name,
            fd = fd.to_string(),
            what = table.describe(pid, fd),
            wchan = wchan
        );
    }
    let what = match name {
        "wait4" | "waitid" => msg!("stuck-waits-child"),
        "pause" | "sigsuspend" | "sigtimedwait" => msg!("stuck-waits-signal"),
        "futex" => msg!("stuck-waits-lock"),
        "nanosleep" | "clock_nanosleep" => msg!("stuck-waits-sleep"),
        _ => msg!("stuck-waits-fds"),
    };
    msg!(
        "stuck-sleeps",
        who = who.clone(),
        call = name,
        what = what,
        wchan = wchan
    )
}

/// The first four descriptors a poll waits on (`fds`: each with the events asked for), each
/// with what it is.
fn polled(pid: i32, fds: &[(i32, i16)], table: &Sockets) -> Vec<Text> {
    fds.iter()
        .filter(|(fd, _)| *fd >= 0)
        .take(4)
        .map(|&(fd, events)| {
            let what = table.describe(pid, fd);
            // Polled for nothing: a descriptor left in the array but not watched (the
            // listening socket of a server whose table of clients is full, say).
            let what = if events == 0 {
                msg!("stuck-fd-no-events", what = what)
            } else {
                what
            };
            msg!("stuck-fd", fd = fd.to_string(), what = what)
        })
        .collect()
}

/// Where process `pid` sleeps, called `who`: its first sleeping thread's line (the call, on
/// which descriptor, what that is), for a note about a process that is not stuck as a whole.
pub fn where_it_sleeps(pid: i32, who: &Text) -> Option<Text> {
    let names = HashMap::new();
    let table = Sockets::of(pid, &names);
    procinfo::tasks(pid)
        .into_iter()
        .find_map(|task| match (task.call, task.state) {
            (Some(call), 'S' | 'D') => Some(sleeps(pid, who, &call, "", &table)),
            _ => None,
        })
}

/// The sockets of the program's network namespace, and whose each one is.
pub(super) struct Sockets<'a> {
    tcp: Vec<TcpSocket>,
    udp: Vec<TcpSocket>,
    names: &'a HashMap<u16, String>,
}

impl<'a> Sockets<'a> {
    pub(super) fn of(pid: i32, names: &'a HashMap<u16, String>) -> Sockets<'a> {
        Sockets {
            tcp: procinfo::tcp_sockets(pid),
            udp: procinfo::udp_sockets(pid),
            names,
        }
    }

    /// The client whose port is `port`: "client 1", or "the client on port 40000".
    fn client(&self, port: u16) -> Text {
        match self.names.get(&port) {
            Some(who) => Text::Plain(who.clone()),
            None => msg!("stuck-client-on-port", port = port.to_string()),
        }
    }

    /// `s` is a connection to a port that listens in the program's network namespace.
    fn connects_to_a_server(&self, s: &TcpSocket) -> bool {
        s.state != "LISTEN"
            && self
                .tcp
                .iter()
                .any(|l| l.state == "LISTEN" && l.local_port == s.remote_port)
    }

    /// What descriptor `fd` of `pid` is, in a few words.
    fn describe(&self, pid: i32, fd: i32) -> Text {
        let Some(target) = procinfo::fd_target(pid, fd) else {
            return msg!("stuck-fd-closed");
        };
        if let Some(inode) = inode_of(&target, "socket:[") {
            if let Some(s) = self.tcp.iter().find(|s| s.inode == inode) {
                return self.tcp_socket(s);
            }
            if let Some(s) = self.udp.iter().find(|s| s.inode == inode) {
                return if s.rx_queue > 0 {
                    msg!("stuck-udp-unread", n = s.rx_queue)
                } else {
                    msg!("stuck-udp")
                };
            }
            return msg!("stuck-socket");
        }
        if inode_of(&target, "pipe:[").is_some() {
            let writes = procinfo::fd_flags(pid, fd)
                .is_some_and(|f| f & libc::O_ACCMODE as u32 == libc::O_WRONLY as u32);
            return if writes {
                msg!("stuck-pipe-write")
            } else {
                msg!("stuck-pipe-read")
            };
        }
        match target.as_str() {
            "anon_inode:[eventpoll]" => {
                let watched: Vec<Text> = procinfo::epoll_targets_of(pid, fd)
                    .into_iter()
                    .take(4)
                    .map(|t| {
                        let fd = t.fd;
                        msg!(
                            "stuck-fd",
                            fd = fd.to_string(),
                            what = self.describe(pid, fd)
                        )
                    })
                    .collect();
                msg!(
                    "stuck-epoll",
                    n = procinfo::epoll_targets_of(pid, fd).len(),
                    fds = Text::listed(watched)
                )
            }
            "anon_inode:[signalfd]" => msg!("stuck-signalfd"),
            other => Text::Plain(other.to_string()),
        }
    }

    fn tcp_socket(&self, s: &TcpSocket) -> Text {
        if s.state == "LISTEN" {
            return if s.rx_queue > 0 {
                msg!("stuck-listening-waiting", n = s.rx_queue)
            } else {
                msg!("stuck-listening")
            };
        }
        // The program is the client here: the checker's hidden server listens at the other end.
        if self.connects_to_a_server(s) {
            let port = s.remote_port.to_string();
            // /proc/net/tcp counts the FIN that came in its receive queue.
            let unread = s.rx_queue - u64::from(s.state == "CLOSE_WAIT" && s.rx_queue > 0);
            return if unread > 0 {
                msg!("stuck-server-unread", port = port, n = unread)
            } else if s.state == "CLOSE_WAIT" {
                msg!("stuck-server-eof", port = port)
            } else {
                msg!("stuck-server-nothing", port = port)
            };
        }
        let client = self.client(s.remote_port);
        if s.rx_queue > 0 {
            msg!("stuck-client-unread", client = client, n = s.rx_queue)
        } else if s.state == "CLOSE_WAIT" {
            msg!("stuck-client-eof", client = client)
        } else {
            msg!("stuck-client-nothing", client = client)
        }
    }

    /// What waits in the sockets the program's processes hold: unread bytes, connections not
    /// accepted, output its clients have not taken.
    pub(super) fn waiting(&self, pids: &[i32]) -> Vec<Text> {
        let mut lines = Vec::new();
        for &p in pids {
            for (fd, inode) in procinfo::socket_fds(p) {
                // A client's connection to the checker's server: its line says it all.
                let Some(s) = self
                    .tcp
                    .iter()
                    .find(|s| s.inode == inode && !self.connects_to_a_server(s))
                else {
                    continue;
                };
                let holder = if p == pids[0] {
                    Text::Plain(String::new())
                } else {
                    msg!("stuck-in-child", pid = p.to_string())
                };
                if s.state == "LISTEN" && s.rx_queue > 0 {
                    lines.push(msg!(
                        "stuck-unaccepted",
                        n = s.rx_queue,
                        fd = fd.to_string(),
                        holder = holder
                    ));
                } else if s.state != "LISTEN" && s.rx_queue > 0 {
                    lines.push(msg!(
                        "stuck-unread",
                        client = self.client(s.remote_port),
                        size = msg!("count-byte", n = s.rx_queue),
                        fd = fd.to_string(),
                        holder = holder
                    ));
                } else if s.state != "LISTEN" && s.tx_queue > 0 {
                    lines.push(msg!(
                        "stuck-unsent",
                        client = self.client(s.remote_port),
                        size = msg!("count-byte", n = s.tx_queue),
                        fd = fd.to_string(),
                        holder = holder
                    ));
                } else if s.state == "CLOSE_WAIT" {
                    lines.push(msg!(
                        "stuck-still-open",
                        client = self.client(s.remote_port),
                        fd = fd.to_string(),
                        holder = holder
                    ));
                }
            }
        }
        lines.dedup();
        lines
    }
}

/// The inode of a `socket:[123]` or `pipe:[123]` link target.
fn inode_of(target: &str, prefix: &str) -> Option<u64> {
    target.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok()
}
