//! One thread of a program held still while the rest of it runs on, for a test that must make
//! two events coincide rather than hope they do: the thread that would read a connection is
//! kept from reading it while the program serves another. `SIGSTOP` stops every thread of a
//! process; a tracer can stop one (`PTRACE_SEIZE`, then `PTRACE_INTERRUPT`, ptrace(2)), which
//! the checker may do to its own descendants. Let go (`PTRACE_DETACH`), the thread goes on as
//! after SIGSTOP and SIGCONT: a `read` it slept in starts again, but one on a socket with a
//! receive timeout (SO_RCVTIMEO) fails with EINTR (signal(7)), which a program must retry.

use std::marker::PhantomData;
use std::time::{Duration, Instant};

use nix::errno::Errno;

use super::procinfo::{self, Direction};

/// A thread held stopped until this is dropped. Only the thread that held it may let it go
/// (ptrace answers its tracer alone), so it stays on that thread (`!Send`).
pub struct HeldThread {
    tid: i32,
    /// A signal that came as it stopped, handed back when it is let go.
    signal: i32,
    _tracer: PhantomData<*const ()>,
}

impl HeldThread {
    /// Stop thread `tid`, or say why the kernel would not (EPERM: no right to trace it, or a
    /// tracer there already; ESRCH: gone). Not for the first thread of a program the checker
    /// itself waits on (`Child::wait`): its stop would be told to that wait too.
    pub fn hold(tid: i32) -> Result<HeldThread, Errno> {
        // SAFETY: ptrace with a thread id and no addresses or data.
        Errno::result(unsafe {
            libc::ptrace(libc::PTRACE_SEIZE as libc::c_uint, tid, 0usize, 0usize)
        })?;
        let mut held = HeldThread {
            tid,
            signal: 0,
            _tracer: PhantomData,
        };
        // SAFETY: as above; the thread is ours to trace now.
        Errno::result(unsafe {
            libc::ptrace(libc::PTRACE_INTERRUPT as libc::c_uint, tid, 0usize, 0usize)
        })?;
        let status = wait_for(tid, 0)?.ok_or(Errno::ECHILD)?;
        if !libc::WIFSTOPPED(status) {
            return Err(Errno::ESRCH);
        }
        // Stopped for a signal that came first, not for the interrupt: it is delivered when
        // the thread is let go, as if nothing had come between.
        if status >> 16 != libc::PTRACE_EVENT_STOP {
            held.signal = libc::WSTOPSIG(status);
        }
        Ok(held)
    }
}

/// The thread's next change of state (`waitpid`, `__WALL` since a thread that is not its
/// process's first is a clone to wait(2)), its EINTR retried; `None` with `WNOHANG` if there is
/// none yet.
fn wait_for(tid: i32, flags: i32) -> Result<Option<i32>, Errno> {
    loop {
        let mut status = 0;
        // SAFETY: waitpid on our tracee's id, with a status to write.
        match Errno::result(unsafe { libc::waitpid(tid, &mut status, libc::__WALL | flags) }) {
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
            Ok(0) => return Ok(None),
            Ok(_) => return Ok(Some(status)),
        }
    }
}

impl Drop for HeldThread {
    fn drop(&mut self) {
        let detach = |signal: i32| {
            // SAFETY: as in `hold`; the signal to deliver is passed as the data.
            unsafe {
                libc::ptrace(
                    libc::PTRACE_DETACH as libc::c_uint,
                    self.tid,
                    0usize,
                    signal as usize,
                )
            }
        };
        if detach(self.signal) == 0 {
            return;
        }
        // The thread is not in a stop: the program was killed, or crashed, while it was held.
        // A traced thread that ends stays a zombie until its tracer waits for it, and holds back
        // its process's end with it: wait for it here (a second at most), or let go of a stop.
        let deadline = Instant::now() + Duration::from_secs(1);
        while Instant::now() < deadline {
            match wait_for(self.tid, libc::WNOHANG) {
                Ok(Some(status)) if libc::WIFSTOPPED(status) => {
                    if detach(0) == 0 {
                        return;
                    }
                }
                Ok(Some(_)) | Err(_) => return,
                Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            }
        }
    }
}

/// A thread asleep in a read of one connection: which process, which thread, which descriptor.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    pub pid: i32,
    pub tid: i32,
    pub fd: i32,
}

impl Reader {
    /// Its descriptor has a receive timeout (SO_RCVTIMEO): held, its read fails with EINTR.
    pub fn times_out(&self) -> bool {
        procinfo::socket_timeout(self.pid, self.fd, Direction::Receive)
            .is_some_and(|t| !t.is_zero())
    }
}

/// The thread of `pid`'s tree that sleeps in a read (read, readv, recvfrom, recvmsg) on its
/// end of the TCP connection whose peer is the checker's `peer_port`, looked for until `wait`
/// has passed or no thread of the tree runs (a program that serves its connections from one
/// loop never reads in that way). Never `pid`'s first thread, which the checker waits on.
pub fn reader_of(pid: i32, peer_port: u16, wait: Duration) -> Option<Reader> {
    let deadline = Instant::now() + wait;
    loop {
        let mut running = false;
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
                let fd = task
                    .call
                    .filter(|c| matches!(c.name(), Some("read" | "readv" | "recvfrom" | "recvmsg")))
                    .and_then(|c| c.fd())
                    .filter(|fd| fds.contains(fd));
                if let Some(fd) = fd
                    && task.state == 'S'
                    && task.tid != pid
                {
                    return Some(Reader {
                        pid: p,
                        tid: task.tid,
                        fd,
                    });
                }
                running |= task.state == 'R';
            }
        }
        if !running || Instant::now() >= deadline {
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
        assert_eq!(held.signal, 0, "stopped by the interrupt, no signal came");
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
