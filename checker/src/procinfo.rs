//! Looking at processes from outside, through `/proc` (with the procfs crate): the process
//! tree, states, environments. Supervision uses it to find every process a program left
//! behind; the hidden tests of the process exercises use it to count children and zombies.

use procfs::process::Process;

/// Direct children of `pid`, from every thread's `task/*/children` (threads count as one
/// process: a child belongs to the thread that forked it, so all of them are read).
pub fn children(pid: i32) -> Vec<i32> {
    let Ok(process) = Process::new(pid) else {
        return Vec::new();
    };
    let Ok(tasks) = process.tasks() else {
        return Vec::new();
    };
    let mut kids: Vec<i32> = tasks
        .flatten()
        .filter_map(|task| task.children().ok())
        .flatten()
        .map(|c| c as i32)
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
/// procfs takes the state after the last `)` of `stat`, so a command name with spaces or
/// parentheses cannot confuse it.
pub fn state(pid: i32) -> Option<char> {
    Process::new(pid)
        .and_then(|p| p.stat())
        .ok()
        .map(|s| s.state)
}

pub fn is_zombie(pid: i32) -> bool {
    state(pid) == Some('Z')
}

/// Whether the process's environment holds `NAME=value` starting with `prefix`.
/// Environments are inherited through fork and exec, so a tag set on a program marks every
/// process that descends from it, even one that left its process group with setsid().
pub fn environ_has(pid: i32, name: &str, prefix: &str) -> bool {
    let Ok(env) = Process::new(pid).and_then(|p| p.environ()) else {
        return false;
    };
    env.get(std::ffi::OsStr::new(name))
        .and_then(|v| v.to_str())
        .is_some_and(|v| v.starts_with(prefix))
}

/// The process group of a process (readable for a zombie too).
pub fn pgid(pid: i32) -> Option<i32> {
    Process::new(pid)
        .and_then(|p| p.stat())
        .ok()
        .map(|s| s.pgrp)
}

/// Every pid on the machine (in our PID namespace).
pub fn all_pids() -> Vec<i32> {
    let Ok(all) = procfs::process::all_processes() else {
        return Vec::new();
    };
    all.flatten().map(|p| p.pid()).collect()
}

/// The process and every process below it.
pub fn tree(pid: i32) -> Vec<i32> {
    let mut all = vec![pid];
    all.extend(descendants(pid));
    all
}

/// The inodes of the sockets a process holds open (from the links in /proc/<pid>/fd).
pub fn socket_inodes(pid: i32) -> Vec<u64> {
    let Ok(fds) = Process::new(pid).and_then(|p| p.fd()) else {
        return Vec::new();
    };
    fds.flatten()
        .filter_map(|fd| match fd.target {
            procfs::process::FDTarget::Socket(inode) => Some(inode),
            _ => None,
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
    let Ok(p) = Process::new(pid) else {
        return Vec::new();
    };
    let mut entries = p.tcp().unwrap_or_default();
    entries.extend(p.tcp6().unwrap_or_default());
    entries
        .into_iter()
        .map(|e| TcpSocket {
            local_ip: e.local_address.ip(),
            local_port: e.local_address.port(),
            remote_port: e.remote_address.port(),
            state: tcp_state_name(&e.state).to_string(),
            inode: e.inode,
        })
        .collect()
}

fn tcp_state_name(state: &procfs::net::TcpState) -> &'static str {
    use procfs::net::TcpState::*;
    match state {
        Established => "ESTABLISHED",
        SynSent => "SYN_SENT",
        SynRecv | NewSynRecv => "SYN_RECV",
        FinWait1 => "FIN_WAIT1",
        FinWait2 => "FIN_WAIT2",
        TimeWait => "TIME_WAIT",
        Close => "CLOSE",
        CloseWait => "CLOSE_WAIT",
        LastAck => "LAST_ACK",
        Listen => "LISTEN",
        Closing => "CLOSING",
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

/// Is some thread of `pid` blocked in accept()?
pub fn in_accept_call(pid: i32) -> bool {
    blocked_calls(pid)
        .iter()
        .any(|n| *n == libc::SYS_accept || *n == libc::SYS_accept4)
}

/// The signals a process catches (SigCgt in /proc/<pid>/status), as a bit mask: bit n-1 is
/// signal n.
pub fn caught_signals(pid: i32) -> u64 {
    Process::new(pid)
        .and_then(|p| p.status())
        .map(|s| s.sigcgt)
        .unwrap_or(0)
}

/// The signals a process ignores (SigIgn).
pub fn ignored_signals(pid: i32) -> u64 {
    Process::new(pid)
        .and_then(|p| p.status())
        .map(|s| s.sigign)
        .unwrap_or(0)
}

/// For a zombie, its wait status (what its parent's waitpid would return), from the
/// `exit_code` field of /proc/<pid>/stat.
pub fn zombie_wait_status(pid: i32) -> Option<i32> {
    Process::new(pid)
        .and_then(|p| p.stat())
        .ok()
        .filter(|s| s.state == 'Z')
        .and_then(|s| s.exit_code)
}

/// The inodes of the sockets listening on `port` that `pid`'s tree can see.
pub fn listening_inodes(pid: i32, port: u16) -> Vec<u64> {
    tcp_sockets(pid)
        .into_iter()
        .filter(|s| s.state == "LISTEN" && s.local_port == port)
        .map(|s| s.inode)
        .collect()
}
