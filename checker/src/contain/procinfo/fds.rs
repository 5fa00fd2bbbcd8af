//! Descriptors from outside: which are sockets, their open flags (O_NONBLOCK), what an epoll
//! instance watches and how (EPOLLET), what a signalfd takes (`/proc/<pid>/fd`, `fdinfo`).

/// The socket descriptors of `pid`: each one's number and its socket's inode.
pub fn socket_fds(pid: i32) -> Vec<(i32, u64)> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.flatten()
        .filter_map(|entry| {
            let fd = entry.file_name().to_str()?.parse().ok()?;
            let target = std::fs::read_link(entry.path()).ok()?;
            let inode = target
                .to_str()?
                .strip_prefix("socket:[")?
                .strip_suffix(']')?
                .parse()
                .ok()?;
            Some((fd, inode))
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
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    fds.flatten()
        .filter(|fd| {
            std::fs::read_link(fd.path())
                .is_ok_and(|t| t.to_string_lossy() == "anon_inode:[eventpoll]")
        })
        .filter_map(|fd| {
            std::fs::read_to_string(format!(
                "/proc/{pid}/fdinfo/{}",
                fd.file_name().to_string_lossy()
            ))
            .ok()
        })
        .flat_map(|info| {
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
                .collect::<Vec<_>>()
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
