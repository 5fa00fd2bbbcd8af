//! One thread of a program held still while the rest of it runs on, for a test that must make
//! two events coincide rather than hope they do: the thread that would read a connection is
//! kept from reading it while the program serves another. `SIGSTOP` stops every thread of a
//! process; a tracer can stop one (`PTRACE_SEIZE`, then `PTRACE_INTERRUPT`, ptrace(2)), which
//! the checker may do to its own descendants. Let go (`PTRACE_DETACH`), the thread goes on:
//! a `read` it slept in starts again, as after any stop, and finds what came meanwhile.

use std::time::{Duration, Instant};

use super::procinfo;

/// A thread held stopped until this is dropped.
pub struct HeldThread {
    tid: i32,
}

impl HeldThread {
    /// Stop thread `tid`; `None` if the kernel refuses (no right to trace it, a tracer there
    /// already) or the thread is gone. Never the thread a `Child::wait` of the checker waits
    /// on (a process's first thread, `pid`): its stop would be told to that wait too.
    pub fn hold(tid: i32) -> Option<HeldThread> {
        let seize = libc::PTRACE_SEIZE as libc::c_uint;
        let interrupt = libc::PTRACE_INTERRUPT as libc::c_uint;
        // SAFETY: ptrace with a thread id and no addresses or data.
        if unsafe { libc::ptrace(seize, tid, 0usize, 0usize) } != 0 {
            return None;
        }
        let held = HeldThread { tid };
        // SAFETY: as above; the thread is ours to trace now.
        if unsafe { libc::ptrace(interrupt, tid, 0usize, 0usize) } != 0 {
            return None;
        }
        let mut status = 0;
        // SAFETY: waitpid on our tracee's id, with a status to write; __WALL since a thread
        // that is not its process's first is a clone to wait(2).
        let r = unsafe { libc::waitpid(tid, &mut status, libc::__WALL) };
        (r == tid && libc::WIFSTOPPED(status)).then_some(held)
    }
}

impl Drop for HeldThread {
    fn drop(&mut self) {
        let detach = libc::PTRACE_DETACH as libc::c_uint;
        // SAFETY: as in `hold`; detaching a thread that has gone fails harmlessly.
        unsafe { libc::ptrace(detach, self.tid, 0usize, 0usize) };
    }
}

/// The thread of `pid`'s tree that sleeps in a read (read, readv, recvfrom, recvmsg) on its
/// end of the TCP connection whose peer is the checker's `peer_port`, looked for until `wait`
/// has passed or every thread of the tree sleeps elsewhere (a program that serves its
/// connections from one loop never reads in that way). Never `pid`'s first thread.
pub fn reader_of(pid: i32, peer_port: u16, wait: Duration) -> Option<i32> {
    let deadline = Instant::now() + wait;
    loop {
        let mut all_asleep = true;
        for p in procinfo::tree(pid) {
            let inodes: Vec<u64> = procinfo::tcp_sockets(p)
                .into_iter()
                .filter(|s| s.remote_port == peer_port)
                .map(|s| s.inode)
                .collect();
            let fds: Vec<i32> = procinfo::socket_fds(p)
                .into_iter()
                .filter(|(_, inode)| inodes.contains(inode))
                .map(|(fd, _)| fd)
                .collect();
            for task in procinfo::tasks(p) {
                let reading = task.call.filter(|c| {
                    matches!(c.name(), Some("read" | "readv" | "recvfrom" | "recvmsg"))
                        && c.fd().is_some_and(|fd| fds.contains(&fd))
                });
                if reading.is_some() && task.state == 'S' && task.tid != pid {
                    return Some(task.tid);
                }
                all_asleep &= task.state == 'S';
            }
        }
        if all_asleep || Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};

    /// A held `cat` stays stopped ('t') with a line waiting in its pipe, and once let go its
    /// `read` starts again and the line comes back.
    #[test]
    fn a_held_thread_reads_nothing_until_let_go() {
        let mut cat = Command::new("cat")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start cat");
        let pid = cat.id() as i32;
        let asleep_in_read = || {
            procinfo::tasks(pid)
                .iter()
                .any(|t| t.call.and_then(|c| c.name()) == Some("read"))
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while !asleep_in_read() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        let held = HeldThread::hold(pid).expect("the checker may trace its own child");
        assert_eq!(procinfo::state(pid), Some('t'));
        let mut stdin = cat.stdin.take().expect("cat's stdin");
        stdin.write_all(b"waiting\n").expect("write to cat");
        assert_eq!(
            procinfo::state(pid),
            Some('t'),
            "still held with a line to read"
        );
        drop(held);
        let mut line = String::new();
        BufReader::new(cat.stdout.take().expect("cat's stdout"))
            .read_line(&mut line)
            .expect("read cat's line");
        assert_eq!(line, "waiting\n");
        drop(stdin);
        let _ = cat.wait();
    }
}
