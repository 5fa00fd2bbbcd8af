//! Looking at processes from outside, through `/proc`: the process tree, states,
//! environments, sockets. Supervision uses it to find every process a program left behind;
//! the hidden tests use it to count children and zombies and to find sockets.
//!
//! The few files read here are parsed by hand rather than with the procfs crate: it would
//! add about a tenth to a cold build of the lab (its budget is 30 s on two cores), and
//! these formats are fixed by the kernel's ABI (proc(5)).

/// The fields of /proc/<pid>/stat after the command name: field 3 (state) is index 0.
/// The name is skipped up to the last `)`, so one with spaces or parentheses cannot confuse
/// the split.
fn stat_fields(pid: i32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// A field of /proc/<pid>/stat by its number in proc(5) (3 = state, 5 = pgrp, 52 =
/// exit_code).
fn stat_field(pid: i32, number: usize) -> Option<String> {
    stat_fields(pid)?.into_iter().nth(number.checked_sub(3)?)
}

/// A hexadecimal mask line of /proc/<pid>/status, e.g. `SigCgt:`.
fn status_mask(pid: i32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
}

/// Direct children of `pid`, from every thread's `task/*/children` (threads count as one
/// process: a child belongs to the thread that forked it, so all of them are read).
pub fn children(pid: i32) -> Vec<i32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut kids: Vec<i32> = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|c| c.parse().ok())
                .collect::<Vec<i32>>()
        })
        .collect();
    kids.sort_unstable();
    kids.dedup();
    kids
}

/// How many processes `pid`'s tree holds (itself included), counting no further than `limit`:
/// cheap to ask of a fork bomb.
pub fn count_tree(pid: i32, limit: usize) -> usize {
    let mut count = 1;
    let mut queue = children(pid);
    while let Some(p) = queue.pop() {
        count += 1;
        if count >= limit {
            return count;
        }
        queue.extend(children(p));
    }
    count
}

/// Every process below `pid` (not `pid` itself), parents before children.
pub fn descendants(pid: i32) -> Vec<i32> {
    let mut found = Vec::new();
    let mut queue = children(pid);
    while let Some(p) = queue.pop() {
        if !found.contains(&p) {
            found.push(p);
            queue.extend(children(p));
        }
    }
    found
}

/// The one-letter state of a process (R, S, D, Z, T, t, X, ...); `None` if it is gone.
pub fn state(pid: i32) -> Option<char> {
    stat_field(pid, 3)?.chars().next()
}

/// The command name of a process (/proc/<pid>/comm), empty if it is gone.
pub fn comm(pid: i32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim_end().to_string())
        .unwrap_or_default()
}

pub fn is_zombie(pid: i32) -> bool {
    state(pid) == Some('Z')
}

/// Whether the process's environment holds `NAME=value` starting with `prefix`.
/// Environments are inherited through fork and exec, so a tag set on a program marks every
/// process that descends from it, even one that left its process group with setsid().
pub fn environ_has(pid: i32, name: &str, prefix: &str) -> bool {
    let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return false;
    };
    let wanted = format!("{name}={prefix}");
    env.split(|&b| b == 0)
        .any(|var| var.starts_with(wanted.as_bytes()))
}

/// The process group of a process (readable for a zombie too).
pub fn pgid(pid: i32) -> Option<i32> {
    stat_field(pid, 5)?.parse().ok()
}

/// Every pid on the machine (in our PID namespace).
pub fn all_pids() -> Vec<i32> {
    let Ok(all) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    all.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// The process and every process below it.
pub fn tree(pid: i32) -> Vec<i32> {
    let mut all = vec![pid];
    all.extend(descendants(pid));
    all
}

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

/// A TCP socket as /proc/<pid>/net/tcp shows it (the table of the process's network
/// namespace, so it is right even when the program runs in a namespace of its own).
#[derive(Debug, Clone)]
pub struct TcpSocket {
    pub local_ip: std::net::IpAddr,
    pub local_port: u16,
    pub remote_port: u16,
    pub state: String,
    pub inode: u64,
}

pub fn tcp_sockets(pid: i32) -> Vec<TcpSocket> {
    socket_table(pid, &["tcp", "tcp6"])
}

/// The UDP sockets of the process's network namespace (same line format; `state` is CLOSE for
/// an unconnected socket, ESTABLISHED for a connected one).
pub fn udp_sockets(pid: i32) -> Vec<TcpSocket> {
    socket_table(pid, &["udp", "udp6"])
}

fn socket_table(pid: i32, tables: &[&str]) -> Vec<TcpSocket> {
    tables
        .iter()
        .filter_map(|table| std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).ok())
        .flat_map(|text| {
            text.lines()
                .skip(1)
                .filter_map(tcp_line)
                .collect::<Vec<_>>()
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

/// A port a program listens on: a TCP socket in LISTEN, or a bound UDP socket.
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
        for sock in udp_sockets(p) {
            if sock.local_port != 0 && held.contains(&sock.inode) {
                found.push(Listening::Udp(sock.local_port));
            }
        }
    }
    found.sort_by_key(|l| (matches!(l, Listening::Udp(_)), l.port()));
    found.dedup();
    found
}

/// One line of /proc/net/tcp or tcp6:
/// `sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode`.
fn tcp_line(line: &str) -> Option<TcpSocket> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let (local_ip, local_port) = tcp_address(fields.get(1)?)?;
    let (_, remote_port) = tcp_address(fields.get(2)?)?;
    let state = tcp_state_name(u8::from_str_radix(fields.get(3)?, 16).ok()?);

    Some(TcpSocket {
        local_ip,
        local_port,
        remote_port,
        state: state.to_string(),
        inode: fields.get(9)?.parse().ok()?,
    })
}

/// `0100007F:1F90` (IPv4) or 32 hex digits and a port (IPv6): the address is printed as
/// 32-bit words in the host's byte order, the port as a plain number.
fn tcp_address(text: &str) -> Option<(std::net::IpAddr, u16)> {
    let (addr, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let mut bytes = Vec::with_capacity(16);
    for word in 0..addr.len() / 8 {
        let word = u32::from_str_radix(addr.get(word * 8..word * 8 + 8)?, 16).ok()?;
        bytes.extend_from_slice(&word.to_ne_bytes());
    }
    let ip = match bytes.len() {
        4 => std::net::IpAddr::from(<[u8; 4]>::try_from(bytes).ok()?),
        16 => std::net::IpAddr::from(<[u8; 16]>::try_from(bytes).ok()?),
        _ => return None,
    };
    Some((ip, port))
}

/// The kernel's TCP states (include/net/tcp_states.h).
fn tcp_state_name(state: u8) -> &'static str {
    match state {
        0x01 => "ESTABLISHED",
        0x02 => "SYN_SENT",
        0x03 | 0x0c => "SYN_RECV",
        0x04 => "FIN_WAIT1",
        0x05 => "FIN_WAIT2",
        0x06 => "TIME_WAIT",
        0x07 => "CLOSE",
        0x08 => "CLOSE_WAIT",
        0x09 => "LAST_ACK",
        0x0a => "LISTEN",
        0x0b => "CLOSING",
        _ => "UNKNOWN",
    }
}

/// Is some thread of `pid` inside a call that writes (write, writev, send, sendto, sendmsg)?
pub fn in_write_call(pid: i32) -> bool {
    let writes = [
        libc::SYS_write,
        libc::SYS_writev,
        libc::SYS_sendto,
        libc::SYS_sendmsg,
        libc::SYS_sendmmsg,
    ];
    blocked_calls(pid).iter().any(|n| writes.contains(n))
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

/// The number of the system call each thread of `pid` is blocked in (from task/*/syscall).
fn blocked_calls(pid: i32) -> Vec<i64> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| {
            std::fs::read_to_string(task.path().join("syscall"))
                .ok()
                .and_then(|s| {
                    s.split_whitespace()
                        .next()
                        .and_then(|n| n.parse::<i64>().ok())
                })
        })
        .collect()
}

/// The one-letter state of each thread of `pid` (from task/*/stat); empty if it is gone.
pub fn thread_states(pid: i32) -> Vec<char> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| {
            let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
            stat[stat.rfind(')')? + 1..]
                .split_whitespace()
                .next()?
                .chars()
                .next()
        })
        .collect()
}

/// Is every thread of `pid` asleep in the kernel, waiting for something to happen? That is
/// what a server does between clients, whatever it waits in: accept, poll, ppoll, select,
/// epoll_wait, sigsuspend, a read on a self-pipe or a signalfd. (A test that needs a signal
/// to find the program waiting must not insist on one particular call: every design waits.)
pub fn is_waiting(pid: i32) -> bool {
    let states = thread_states(pid);
    !states.is_empty() && states.iter().all(|&s| s == 'S')
}

/// The signals a process catches (SigCgt in /proc/<pid>/status), as a bit mask: bit n-1 is
/// signal n.
pub fn caught_signals(pid: i32) -> u64 {
    status_mask(pid, "SigCgt:").unwrap_or(0)
}

/// The signals a process blocks (SigBlk of its main thread).
pub fn blocked_signals(pid: i32) -> u64 {
    status_mask(pid, "SigBlk:").unwrap_or(0)
}

/// The signal masks of the signalfds a process holds (the `sigmask:` of their fdinfo): a
/// program may take a signal by reading it from a signalfd instead of with a handler.
pub fn signalfd_masks(pid: i32) -> Vec<u64> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.flatten()
        .filter(|fd| {
            std::fs::read_link(fd.path())
                .is_ok_and(|t| t.to_string_lossy() == "anon_inode:[signalfd]")
        })
        .filter_map(|fd| {
            let info = std::fs::read_to_string(format!(
                "/proc/{pid}/fdinfo/{}",
                fd.file_name().to_string_lossy()
            ))
            .ok()?;
            info.lines()
                .find_map(|l| l.strip_prefix("sigmask:"))
                .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        })
        .collect()
}

/// The signals a process ignores (SigIgn).
pub fn ignored_signals(pid: i32) -> u64 {
    status_mask(pid, "SigIgn:").unwrap_or(0)
}

/// For a zombie, its wait status (what its parent's waitpid would return), from the
/// `exit_code` field of /proc/<pid>/stat.
pub fn zombie_wait_status(pid: i32) -> Option<i32> {
    let fields = stat_fields(pid)?;
    if fields.first().map(String::as_str) != Some("Z") {
        return None;
    }
    fields.get(52 - 3)?.parse().ok()
}

/// The inodes of the sockets listening on `port` that `pid`'s tree can see.
pub fn listening_inodes(pid: i32, port: u16) -> Vec<u64> {
    tcp_sockets(pid)
        .into_iter()
        .filter(|s| s.state == "LISTEN" && s.local_port == port)
        .map(|s| s.inode)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        let me = std::process::id() as i32;
        // The main thread (whose state /proc/<pid>/stat shows) waits for the test threads.
        assert!(matches!(state(me), Some('R' | 'S')), "{:?}", state(me));
        assert!(!is_zombie(me));
        assert_eq!(pgid(me), Some(nix::unistd::getpgrp().as_raw()));
        assert!(all_pids().contains(&me));
        // SIGCHLD is never ignored by the checker (see supervise.rs), and nothing here
        // catches SIGUSR2.
        assert_eq!(ignored_signals(me) & (1 << (libc::SIGCHLD - 1)), 0);
        assert_eq!(caught_signals(me) & (1 << (libc::SIGUSR2 - 1)), 0);
    }

    #[test]
    fn finds_a_listening_socket_and_its_inode() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let me = std::process::id() as i32;
        let inodes = listening_inodes(me, port);
        assert_eq!(inodes.len(), 1, "{:?}", tcp_sockets(me));
        assert!(socket_inodes(me).contains(&inodes[0]));
        let sock = tcp_sockets(me)
            .into_iter()
            .find(|s| s.local_port == port)
            .unwrap();
        assert_eq!(sock.local_ip, std::net::IpAddr::from([127, 0, 0, 1]));
    }

    #[test]
    fn parses_ipv6_lines() {
        let line = "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0";
        let sock = tcp_line(line).unwrap();
        assert_eq!(sock.local_ip, "::1".parse::<std::net::IpAddr>().unwrap());
        assert_eq!(
            (sock.local_port, sock.state.as_str(), sock.inode),
            (8080, "LISTEN", 4242)
        );
    }

    #[test]
    fn a_zombie_shows_its_wait_status() {
        let mut child = std::process::Command::new("sh")
            .args(["-c", "exit 3"])
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !is_zombie(pid) && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(zombie_wait_status(pid), Some(3 << 8));
        assert!(child.wait().unwrap().code() == Some(3));
    }
}
