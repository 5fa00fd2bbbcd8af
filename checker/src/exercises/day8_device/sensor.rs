//! The device under test: started with the broker's port and the test's settings on its
//! command line, its stdin a pipe the test writes readings to.

use std::io::Write;
use std::process::ChildStdin;

use crate::base::i18n::{Text, msg};
use crate::base::verdict::Failure;
use crate::contain::program::Program;
use crate::contain::spawn::Input;
use crate::context::Ctx;
use crate::observe::wire::Transcript;

use super::SENSOR;

/// The device's command line beyond host, port and client id.
#[derive(Clone, Copy)]
pub struct Setup {
    pub keep_alive: u16,
    pub bound: usize,
    /// backoff-min-ms, backoff-max-ms.
    pub backoff: (u64, u64),
}

/// The device under test, its stdin a pipe the test writes readings to.
pub struct Sensor {
    pub program: Program,
    stdin: Option<ChildStdin>,
    pub id: String,
}

impl Sensor {
    /// Start the device on `port` with `setup`, watched: a wait that finds it stuck ends there.
    pub fn start(ctx: &Ctx, port: u16, id: &str, setup: Setup) -> Result<Sensor, Failure> {
        let spawn = ctx
            .program(SENSOR)?
            .args(args(port, id, setup))
            .stdin(Input::Pipe);
        let mut program = spawn.start()?;
        ctx.watch(program.pid(), SENSOR);
        let stdin = program.take_stdin();
        if let Some(pipe) = &stdin {
            // The checker never blocks on a device that stops reading its stdin.
            let fd = std::os::fd::AsRawFd::as_raw_fd(pipe);
            // SAFETY: a valid descriptor; F_SETFL takes an int of flags.
            unsafe {
                let flags = libc::fcntl(fd, libc::F_GETFL);
                libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
            }
        }
        Ok(Sensor {
            program,
            stdin,
            id: id.to_string(),
        })
    }

    /// Write `bytes` to its stdin (lines of readings, or pieces of them).
    pub fn write(&mut self, t: &Transcript, bytes: &[u8]) -> Result<(), Failure> {
        t.note(
            "stdin",
            Text::Plain(format!(
                "→ \"{}\"",
                crate::base::escape::bytes(&bytes[..bytes.len().min(60)])
            )),
        );
        let Some(pipe) = self.stdin.as_mut() else {
            return Ok(());
        };
        pipe.write_all(bytes).map_err(|e| {
            t.attach(Failure::wrong(msg!(
                "device-stdin-full",
                error = e.to_string()
            )))
        })
    }

    /// Bytes written to its stdin that it has not read yet (FIONREAD on the pipe).
    pub fn unread_input(&self) -> usize {
        let Some(pipe) = &self.stdin else {
            return 0;
        };
        let mut n: libc::c_int = 0;
        let fd = std::os::fd::AsRawFd::as_raw_fd(pipe);
        // SAFETY: a valid pipe; FIONREAD writes one int.
        if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) } != 0 {
            return 0;
        }
        usize::try_from(n).unwrap_or(0)
    }

    /// The end of its stdin.
    pub fn end_input(&mut self, t: &Transcript) {
        t.note("stdin", msg!("device-stdin-closed"));
        self.stdin = None;
    }
}

/// The command line: host, port, client id, keep alive, queue bound, backoff bounds.
pub fn args(port: u16, id: &str, s: Setup) -> Vec<String> {
    vec![
        "127.0.0.1".into(),
        port.to_string(),
        id.to_string(),
        s.keep_alive.to_string(),
        s.bound.to_string(),
        s.backoff.0.to_string(),
        s.backoff.1.to_string(),
    ]
}
