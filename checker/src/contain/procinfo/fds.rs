//! Descriptors from outside: which are sockets, which are pipe ends, their open flags
//! (O_NONBLOCK), what an epoll instance watches and how (EPOLLET), what a signalfd takes
//! (`/proc/<pid>/fd`, `fdinfo`).

/// The socket descriptors of `pid`: each one's number and its socket's inode.
pub fn socket_fds(pid: i32) -> Vec<(i32, u64)> {
    linked(pid, "socket:[")
}

/// The descriptors of `pid` that link to `kind[inode]` (`socket:[`, `pipe:[`): each one's
/// number and the inode.
fn linked(pid: i32, kind: &str) -> Vec<(i32, u64)> {
    descriptors(pid)
        .into_iter()
        .filter_map(|(fd, target)| {
            let inode = target.strip_prefix(kind)?.strip_suffix(']')?.parse().ok()?;
            Some((fd, inode))
        })
        .collect()
}

/// Every descriptor of `pid`: its number and what it links to (`socket:[4711]`, `pipe:[..]`, a
/// path), in the order of the numbers.
pub fn descriptors(pid: i32) -> Vec<(i32, String)> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    let mut found: Vec<(i32, String)> = fds
        .flatten()
        .filter_map(|entry| {
            let fd = entry.file_name().to_str()?.parse().ok()?;
            let target = std::fs::read_link(entry.path()).ok()?;
            Some((fd, target.to_string_lossy().into_owned()))
        })
        .collect();
    found.sort();
    found
}

/// One end of a pipe that a process holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipeEnd {
    pub fd: i32,
    /// The pipe's inode: both ends of one pipe, in any process, link to `pipe:[inode]`.
    pub inode: u64,
    /// The write end (opened O_WRONLY); otherwise the read end.
    pub writes: bool,
}

/// The pipe ends `pid` holds: the `pipe:[inode]` links of /proc/<pid>/fd, each end told by the
/// access mode in its fdinfo `flags:` (O_RDONLY for the read end, O_WRONLY for the write end).
pub fn pipe_ends(pid: i32) -> Vec<PipeEnd> {
    linked(pid, "pipe:[")
        .into_iter()
        .filter_map(|(fd, inode)| {
            let mode = fd_flags(pid, fd)? & libc::O_ACCMODE as u32;
            Some(PipeEnd {
                fd,
                inode,
                writes: mode == libc::O_WRONLY as u32,
            })
        })
        .collect()
}

/// The open(2) flags of descriptor `fd` of `pid` (the octal `flags:` of its fdinfo), e.g.
/// O_NONBLOCK (0o4000) for a non-blocking socket.
pub fn fd_flags(pid: i32, fd: i32) -> Option<u32> {
    let info = std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}")).ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
}

/// A descriptor an epoll instance of the process watches, and the events it asked for.
#[derive(Debug, Clone, Copy)]
pub struct EpollTarget {
    pub fd: i32,
    /// The `events` of its `epoll_event`, EPOLLET (bit 31) included.
    pub events: u32,
}

/// Everything the epoll instances of `pid` watch: the `tfd:` lines of each eventpoll
/// descriptor's fdinfo (`tfd: %8d events: %8x data: ...`).
pub fn epoll_targets(pid: i32) -> Vec<EpollTarget> {
    descriptors(pid)
        .into_iter()
        .filter(|(_, target)| target == "anon_inode:[eventpoll]")
        .flat_map(|(fd, _)| epoll_targets_of(pid, fd))
        .collect()
}

/// What the epoll instance that is descriptor `epfd` of `pid` watches.
pub fn epoll_targets_of(pid: i32, epfd: i32) -> Vec<EpollTarget> {
    let Ok(info) = std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{epfd}")) else {
        return Vec::new();
    };
    info.lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["tfd:", fd, "events:", events, ..] => Some(EpollTarget {
                    fd: fd.parse().ok()?,
                    events: u32::from_str_radix(events, 16).ok()?,
                }),
                _ => None,
            }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    #[test]
    fn tells_the_two_ends_of_a_pipe() {
        let (read, write) = nix::unistd::pipe().unwrap();
        let me = std::process::id() as i32;
        let ends = pipe_ends(me);
        let read_end = ends.iter().find(|e| e.fd == read.as_raw_fd()).unwrap();
        let write_end = ends.iter().find(|e| e.fd == write.as_raw_fd()).unwrap();
        assert_eq!(read_end.inode, write_end.inode);
        assert!(!read_end.writes && write_end.writes);
    }
}
