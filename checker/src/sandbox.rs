//! Sandboxes for the programs of a test. Where the machine allows it (root, and util-linux's
//! `unshare`), each test of a program exercise gets a fresh network namespace (its own
//! loopback, brought up: ports never collide with anything else on the machine) and a fresh PID
//! namespace. Every program the test starts joins both before exec, so everything it forks lives
//! in the new PID namespace — a daemon that calls setsid(), a fork bomb — and dies with it when
//! the test ends: nothing escapes. The programs themselves stay in the checker's PID namespace,
//! so signals, exit statuses and /proc work exactly as in plain mode. The test's own thread
//! joins the network namespace too, so its sockets reach the program's loopback.
//!
//! Otherwise (no root, no unshare, a container that forbids namespaces) the checker runs in plain
//! mode: process groups, the subreaper and tags, as everywhere.

use std::io::{BufRead, BufReader};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::procinfo;
use crate::supervise;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Namespaces where the machine allows them, plain mode otherwise.
    Auto,
    /// A fresh network and PID namespace per test (fails if the machine does not allow it).
    Namespaces,
    /// Process groups, the subreaper and tags only.
    Plain,
}

/// The mode this run uses, and why.
static CHOSEN: OnceLock<(Mode, String)> = OnceLock::new();

/// Decide the mode once: try a sandbox if asked (or allowed) to.
pub fn choose(requested: Mode) -> Result<(Mode, String)> {
    if let Some(chosen) = CHOSEN.get() {
        return Ok(chosen.clone());
    }
    let chosen = match requested {
        Mode::Plain => (
            Mode::Plain,
            "plain mode, as asked (--sandbox plain)".to_string(),
        ),
        Mode::Namespaces | Mode::Auto => match Sandbox::create() {
            Ok(probe) => {
                drop(probe);
                (
                    Mode::Namespaces,
                    "a fresh network and PID namespace per test".to_string(),
                )
            }
            Err(e) if requested == Mode::Namespaces => {
                bail!("--sandbox namespaces: this machine does not allow it: {e:#}")
            }
            Err(e) => (
                Mode::Plain,
                format!("plain mode (namespaces unavailable: {e:#})"),
            ),
        },
    };
    Ok(CHOSEN.get_or_init(|| chosen).clone())
}

pub fn mode() -> Mode {
    CHOSEN.get().map(|c| c.0).unwrap_or(Mode::Plain)
}

/// The namespaces of one test, held open by a tiny init process (the checker itself, in its
/// `__sandbox-init` role). Dropping it kills the init, and with it every process of the PID
/// namespace.
pub struct Sandbox {
    holder: Child,
    init: i32,
    net: OwnedFd,
    pid: OwnedFd,
}

impl Sandbox {
    pub fn create() -> Result<Sandbox> {
        let me = std::env::current_exe().context("locating the checker's own binary")?;
        let mut cmd = Command::new("unshare");
        cmd.args(["--net", "--pid", "--fork", "--kill-child", "--"])
            .arg(me)
            .arg(INIT_ARG)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // If the checker dies (SIGTERM from a CI timeout, even SIGKILL), unshare dies with it,
        // and `--kill-child` takes the init, and so the whole namespace, along. The sandbox is
        // made and dropped on the same thread, so the thread-scoped signal fires only then.
        let checker = std::process::id() as libc::pid_t;
        // SAFETY: prctl and getppid are async-signal-safe; nothing else runs between fork
        // and exec.
        unsafe {
            cmd.pre_exec(move || {
                libc::prctl(
                    libc::PR_SET_PDEATHSIG,
                    libc::SIGKILL as libc::c_ulong,
                    0,
                    0,
                    0,
                );
                if libc::getppid() != checker {
                    libc::_exit(1); // the checker died before the prctl
                }
                Ok(())
            });
        }
        let mut holder = supervise::spawn_tracked(&mut cmd).context("running unshare")?;
        let stdout = holder.stdout.take().context("unshare's stdout")?;
        // The init says `ready` once loopback is up.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
        if line.trim() != "ready" {
            let _ = holder.kill();
            let status = supervise::wait_tracked(&mut holder).ok();
            let mut err = String::new();
            if let Some(mut e) = holder.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            bail!(
                "unshare did not start a sandbox ({:?}): {}",
                status,
                err.trim()
            );
        }
        let until = Instant::now() + Duration::from_secs(2);
        let init = loop {
            if let Some(&init) = procinfo::children(holder.id() as i32).first() {
                break init;
            }
            if Instant::now() > until {
                bail!("the sandbox's init process did not appear");
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        let open = |kind: &str| -> Result<OwnedFd> {
            let path = format!("/proc/{init}/ns/{kind}");
            Ok(std::fs::File::open(&path)
                .with_context(|| format!("opening {path}"))?
                .into())
        };
        Ok(Sandbox {
            net: open("net")?,
            pid: open("pid")?,
            init,
            holder,
        })
    }

    /// The namespace descriptors a program joins before exec (network, PID).
    pub fn fds(&self) -> (RawFd, RawFd) {
        (self.net.as_raw_fd(), self.pid.as_raw_fd())
    }

    /// Processes still alive in the sandbox (below its init): what the programs left behind
    /// after they were stopped.
    pub fn leftovers(&self) -> usize {
        procinfo::descendants(self.init)
            .into_iter()
            .filter(|&p| !procinfo::is_zombie(p))
            .count()
    }

    /// Move the calling thread into the sandbox's network namespace until the guard drops.
    pub fn enter(&self) -> Result<NetGuard> {
        let previous: OwnedFd = std::fs::File::open("/proc/thread-self/ns/net")
            .context("opening this thread's network namespace")?
            .into();
        join_net(self.net.as_raw_fd())?;
        Ok(NetGuard { previous })
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // The init's death ends the PID namespace: the kernel kills every process in it.
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(self.init),
            nix::sys::signal::Signal::SIGKILL,
        );
        let _ = self.holder.kill();
        let _ = supervise::wait_tracked(&mut self.holder);
    }
}

/// Puts the thread back into its network namespace.
pub struct NetGuard {
    previous: OwnedFd,
}

impl Drop for NetGuard {
    fn drop(&mut self) {
        let _ = join_net(self.previous.as_raw_fd());
    }
}

fn join_net(fd: RawFd) -> Result<()> {
    // SAFETY: setns on a namespace descriptor we hold; it only affects the calling thread.
    if unsafe { libc::setns(fd, libc::CLONE_NEWNET) } != 0 {
        bail!("setns(network): {}", std::io::Error::last_os_error());
    }
    Ok(())
}

/// The argument that makes the checker act as a sandbox's init.
pub const INIT_ARG: &str = "__sandbox-init";

/// The sandbox's init (PID 1 of its namespaces): bring loopback up, say `ready`, then reap
/// whatever ends up as its child, until it is killed.
pub fn init_main() -> ! {
    if let Err(e) = loopback_up() {
        eprintln!("sandbox init: {e:#}");
        std::process::exit(1);
    }
    println!("ready");
    let _ = std::io::Write::flush(&mut std::io::stdout());
    loop {
        match nix::sys::wait::wait() {
            Ok(_) => {}
            Err(_) => nix::unistd::pause(),
        }
    }
}

/// `ip link set lo up`, with the ioctls ip would use.
fn loopback_up() -> Result<()> {
    #[repr(C)]
    struct IfReq {
        name: [u8; 16],
        flags: libc::c_short,
        _rest: [u8; 22],
    }
    let sock = nix::sys::socket::socket(
        nix::sys::socket::AddressFamily::Inet,
        nix::sys::socket::SockType::Datagram,
        nix::sys::socket::SockFlag::empty(),
        None,
    )
    .context("socket for the loopback ioctls")?;
    let mut req = IfReq {
        name: [0; 16],
        flags: 0,
        _rest: [0; 22],
    };
    req.name[..2].copy_from_slice(b"lo");
    // SAFETY: a valid socket and an ifreq-sized, correctly laid out buffer.
    unsafe {
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) != 0 {
            bail!("SIOCGIFFLAGS(lo): {}", std::io::Error::last_os_error());
        }
        req.flags |= (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        if libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) != 0 {
            bail!("SIOCSIFFLAGS(lo): {}", std::io::Error::last_os_error());
        }
    }
    Ok(())
}
