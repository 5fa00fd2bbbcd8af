//! A program's output, captured by a thread of its own.

use std::io::Read;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long the output of a program that has exited may take to reach its reader.
pub const AFTER_EXIT: Duration = Duration::from_secs(2);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere must not lose the output: take the data even if poisoned.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A program's output stream, read by a thread of its own into memory (up to a cap; beyond
/// it the bytes are read and counted, so a program that floods cannot block or exhaust us).
pub struct Capture {
    state: Mutex<CaptureState>,
    changed: Condvar,
}

struct CaptureState {
    data: Vec<u8>,
    total: u64,
    closed: bool,
    /// The test asked the reader to stop reading (so the program's writes can block).
    paused: bool,
    /// The reader is stopped, waiting to be resumed (it reads nothing meanwhile).
    parked: bool,
}

impl Capture {
    pub fn start(mut source: impl Read + Send + 'static, cap: usize) -> Arc<Capture> {
        let capture = Arc::new(Capture {
            state: Mutex::new(CaptureState {
                data: Vec::new(),
                total: 0,
                closed: false,
                paused: false,
                parked: false,
            }),
            changed: Condvar::new(),
        });
        let writer = Arc::clone(&capture);
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                {
                    let mut state = lock(&writer.state);
                    while state.paused {
                        state.parked = true;
                        writer.changed.notify_all();
                        state = writer
                            .changed
                            .wait(state)
                            .unwrap_or_else(|e| e.into_inner());
                    }
                    state.parked = false;
                }
                let n = match source.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let mut state = lock(&writer.state);
                let room = cap.saturating_sub(state.data.len());
                state.data.extend_from_slice(&buf[..n.min(room)]);
                state.total += n as u64;
                drop(state);
                // Beyond the cap the kept bytes do not change: nobody needs waking up (a flood
                // of output must not make waiters rescan the buffer for every chunk).
                if room > 0 {
                    writer.changed.notify_all();
                }
            }
            lock(&writer.state).closed = true;
            writer.changed.notify_all();
        });
        capture
    }

    /// Stop reading before the next read (a read already waiting still completes once): the
    /// program's writes then fill the pipe and block. See `wait_parked` and `resume`.
    pub fn pause(&self) {
        lock(&self.state).paused = true;
    }

    /// Wait until the reader has stopped (it may first finish a read that was under way).
    pub fn wait_parked(&self, deadline: Instant) -> bool {
        let mut state = lock(&self.state);
        loop {
            let now = Instant::now();
            if state.parked || state.closed || now >= deadline {
                return state.parked;
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Read again.
    pub fn resume(&self) {
        lock(&self.state).paused = false;
        self.changed.notify_all();
    }

    /// How many bytes the program wrote in all, kept or not.
    pub fn total(&self) -> u64 {
        lock(&self.state).total
    }

    /// What was captured so far (up to the cap).
    pub fn bytes(&self) -> Vec<u8> {
        lock(&self.state).data.clone()
    }

    pub fn is_closed(&self) -> bool {
        lock(&self.state).closed
    }

    /// Wait until `check` finds what it looks for in the captured bytes (it is called again
    /// after every new piece of output), the stream closes, or the deadline passes.
    pub fn wait_for<T>(
        &self,
        deadline: Instant,
        mut check: impl FnMut(&[u8]) -> Option<T>,
    ) -> Option<T> {
        let mut state = lock(&self.state);
        loop {
            if let Some(found) = check(&state.data) {
                return Some(found);
            }
            let now = Instant::now();
            if state.closed || now >= deadline {
                return None;
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Wait for a complete line (after the first `skip` complete lines) that satisfies `pred`.
    /// Returns the line (without its newline) and its index.
    pub fn wait_line(
        &self,
        deadline: Instant,
        skip: usize,
        mut pred: impl FnMut(&str) -> bool,
    ) -> Option<(usize, String)> {
        self.wait_for(deadline, |data| {
            complete_lines(data)
                .enumerate()
                .skip(skip)
                .find(|(_, line)| pred(line))
                .map(|(i, line)| (i, line.to_string()))
        })
    }

    /// Wait until the stream is closed (the program exited or closed it).
    /// Once its program has exited: wait until the reader has taken everything (EOF), at most
    /// `AFTER_EXIT`. At once as a rule; only a loaded machine (the reader thread waiting for a
    /// CPU) or a descendant still holding the pipe makes it wait. A shorter grace (half a
    /// second) once lost a client's only stderr line at a load average of 50.
    pub fn wait_drained(&self) -> bool {
        self.wait_closed(Instant::now() + AFTER_EXIT)
    }

    pub fn wait_closed(&self, deadline: Instant) -> bool {
        let mut state = lock(&self.state);
        loop {
            let now = Instant::now();
            if state.closed || now >= deadline {
                return state.closed;
            }
            state = self
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

/// The complete (newline-terminated) lines of `data`, without their newlines.
pub fn complete_lines(data: &[u8]) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    let end = data.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    data[..end]
        .split(|&b| b == b'\n')
        .take(data[..end].iter().filter(|&&b| b == b'\n').count())
        .map(|l| String::from_utf8_lossy(l.strip_suffix(b"\r").unwrap_or(l)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_lines_ignore_a_partial_last_line() {
        let lines: Vec<_> = complete_lines(b"a\r\nb\npartial").collect();
        assert_eq!(lines, ["a", "b"]);
    }
}
