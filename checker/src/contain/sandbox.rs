//! Sandboxes for the programs of a test. Where the machine allows it (root, and util-linux's
//! `unshare`), each test of a program exercise gets a fresh network namespace (its own
//! loopback, brought up: ports never collide with anything else on the machine), a fresh PID
//! namespace and a mount namespace. Every program the test starts joins them before exec, so
//! everything it forks lives in the new PID namespace — a daemon that calls setsid(), a fork
//! bomb — and dies with it when the test ends: nothing escapes. The program itself is forked
//! into that PID namespace from the checker's side, so signals, exit statuses and /proc work
//! exactly as in plain mode, while it cannot see (or signal) the checker. In the mount
//! namespace every mount is read-only except the test's own directory: a program cannot touch
//! the checker, its build, its report or the student's files. The test's own thread joins the
//! network namespace too, so its sockets reach the program's loopback.
//!
//! Otherwise (no root, no unshare, a container that forbids namespaces) the checker runs in plain
//! mode: process groups, the subreaper and tags, as everywhere.

use std::io::{BufRead, BufReader};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::reaper;
use super::scope::SandboxFds;
use crate::base::i18n::{Text, msg};
use crate::contain::procinfo;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Namespaces where the machine allows them, plain mode otherwise.
    Auto,
    /// A fresh network, PID and mount namespace per test (fails if the machine does not allow
    /// it).
    Namespaces,
    /// Process groups, the subreaper and tags only.
    Plain,
}

/// Decide the mode of a run: try a sandbox if asked (or allowed) to. The mode, and why; the
/// caller passes it on (`grade::runner::Options::sandbox`).
pub fn choose(requested: Mode) -> Result<(Mode, Text)> {
    let chosen = match requested {
        Mode::Plain => (Mode::Plain, msg!("sandbox-plain-asked")),
        Mode::Namespaces | Mode::Auto => match Sandbox::create(None) {
            Ok(probe) => {
                drop(probe);
                let how = if in_own_user_namespace() {
                    msg!("sandbox-namespaces-user")
                } else {
                    msg!("sandbox-namespaces")
                };
                (Mode::Namespaces, how)
            }
            Err(e) if requested == Mode::Namespaces => {
                bail!("--sandbox namespaces: this machine does not allow it: {e:#}")
            }
            Err(e) => (
                Mode::Plain,
                msg!("sandbox-plain-unavailable", error = format!("{e:#}")),
            ),
        },
    };
    Ok(chosen)
}

/// How a run in `mode` (as `choose` decided it) was contained, for the machine-readable
/// reports: the mode's name, and whether a student's program was kept away from the checker (in
/// plain mode it runs as the same user, beside the checker: it could signal it, or write its
/// files).
pub fn containment(mode: Mode) -> (&'static str, bool) {
    match mode {
        Mode::Namespaces if in_own_user_namespace() => ("user-namespaces", true),
        Mode::Namespaces => ("namespaces", true),
        _ => ("plain", false),
    }
}

/// Set in the environment of a checker that re-executed itself in a user namespace.
const USER_NAMESPACE_VAR: &str = "LAB_CHECKER_USER_NAMESPACE";

fn in_own_user_namespace() -> bool {
    std::env::var_os(USER_NAMESPACE_VAR).is_some()
}

/// Not root, but the kernel lets anyone make a user namespace (as on many CI runners)? Then
/// become root of one, by executing the checker again inside it (through `unshare --user
/// --map-root-user`, with a PID namespace and a /proc of its own): there each test gets its
/// network, PID and mount namespaces as under root. Returns only if that is not possible or not
/// wanted.
pub fn become_root_of_a_user_namespace(requested: Mode) {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    if requested == Mode::Plain || root || in_own_user_namespace() {
        return;
    }
    let usable = Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--net",
            "--pid",
            "--mount",
            "--fork",
            "true",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    if usable {
        // A PID namespace of its own too (with its own /proc), so that the checker may go
        // back to its PID namespace after forking a program into a test's. Returns only if
        // the exec failed: grade without it.
        let _ = Command::new("unshare")
            .args([
                "--user",
                "--map-root-user",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount",
                "--mount-proc",
                "--",
            ])
            .arg(me)
            .args(std::env::args_os().skip(1))
            .env(USER_NAMESPACE_VAR, "1")
            .exec();
    }
}

/// The namespaces of one test, held open by a tiny init process (the checker itself, in its
/// `__sandbox-init` role). Dropping it kills the init, and with it every process of the PID
/// namespace.
pub struct Sandbox {
    holder: Child,
    init: i32,
    net: OwnedFd,
    pid: OwnedFd,
    mnt: OwnedFd,
}

impl Sandbox {
    /// A sandbox whose only writable place is `writable` (everything is writable without it).
    pub fn create(writable: Option<&std::path::Path>) -> Result<Sandbox> {
        let mut cmd = unshare_command(writable)?;
        let mut holder = reaper::spawn_tracked(&mut cmd).context("running unshare")?;
        wait_ready(&mut holder)?;
        let init = init_of(&holder)?;
        let open = |kind: &str| -> Result<OwnedFd> {
            let path = format!("/proc/{init}/ns/{kind}");
            Ok(std::fs::File::open(&path)
                .with_context(|| format!("opening {path}"))?
                .into())
        };
        Ok(Sandbox {
            net: open("net")?,
            pid: open("pid")?,
            mnt: open("mnt")?,
            init,
            holder,
        })
    }

    /// The namespace descriptors a program joins before exec.
    pub fn fds(&self) -> SandboxFds {
        SandboxFds {
            net: self.net.as_raw_fd(),
            pid: self.pid.as_raw_fd(),
            mnt: Some(self.mnt.as_raw_fd()),
        }
    }

    /// Processes still alive in the sandbox (below its init): what the programs left behind
    /// after they were stopped. One the checker has killed but a starved machine has not yet
    /// run to its end is not one of them.
    pub fn leftovers(&self) -> usize {
        procinfo::descendants(self.init)
            .into_iter()
            .filter(|&p| !procinfo::is_zombie(p) && !procinfo::dying(p))
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
        let _ = reaper::wait_tracked(&mut self.holder);
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

/// Tells a sandbox's init the SYN backlog and TIME_WAIT cap to set (`Parent`).
const LIMITS_VAR: &str = "LAB_SANDBOX_TCP_LIMITS";

/// The network namespace every sandbox's is made from: one whose children get a TCP
/// connection table of their own, of 1,024 buckets (`net.ipv4.tcp_child_ehash_entries`),
/// instead of sharing the machine's (262,144 buckets here). Reading a namespace's
/// /proc/<pid>/net/tcp walks every bucket of its table, a few milliseconds each time with the
/// machine's, and the tests read it often (who holds which connection, what waits unread): a
/// tenth of the suite's CPU went there. The two limits the kernel derives from the table's
/// size, the SYN backlog and the TIME_WAIT cap, are set in each sandbox to what a namespace made
/// from the machine's gets, so programs meet the same kernel as before.
struct Parent {
    net: OwnedFd,
    syn_backlog: u32,
    tw_buckets: u32,
}

impl Parent {
    /// Made once, on a thread of its own (unshare changes only the calling thread's
    /// namespace). `None` where the machine does not allow it (an older kernel, a sysctl that
    /// cannot be written): sandboxes then share the machine's table, as before.
    fn get() -> Option<&'static Parent> {
        static PARENT: std::sync::OnceLock<Option<Parent>> = std::sync::OnceLock::new();
        PARENT
            .get_or_init(|| std::thread::spawn(Parent::make).join().ok().flatten())
            .as_ref()
    }

    /// The parent's descriptor for `cmd` to join before it unshares (none where there is no
    /// parent), and the limits its sandbox's init is to set, in its environment.
    fn made_from(cmd: &mut Command) -> Option<RawFd> {
        let parent = Parent::get()?;
        cmd.env(
            LIMITS_VAR,
            format!("{} {}", parent.syn_backlog, parent.tw_buckets),
        );
        Some(parent.net.as_raw_fd())
    }

    fn make() -> Option<Parent> {
        // SAFETY: unshare affects only this thread, which ends right after.
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
            return None;
        }
        let sysctl = |name: &str| format!("/proc/sys/net/ipv4/{name}");
        let read = |name: &str| -> Option<u32> {
            std::fs::read_to_string(sysctl(name))
                .ok()?
                .trim()
                .parse()
                .ok()
        };
        // A fresh namespace made from the machine's: the limits its sandboxes had.
        let syn_backlog = read("tcp_max_syn_backlog")?;
        let tw_buckets = read("tcp_max_tw_buckets")?;
        std::fs::write(sysctl("tcp_child_ehash_entries"), "1024").ok()?;
        let net = std::fs::File::open("/proc/thread-self/ns/net").ok()?.into();
        Some(Parent {
            net,
            syn_backlog,
            tw_buckets,
        })
    }
}

/// In a sandbox's init: the limits `Parent` passed on.
fn set_tcp_limits() -> Result<()> {
    let Some(limits) = std::env::var_os(LIMITS_VAR) else {
        return Ok(());
    };
    let limits = limits.to_string_lossy().into_owned();
    let mut values = limits.split_whitespace();
    for name in ["tcp_max_syn_backlog", "tcp_max_tw_buckets"] {
        let value = values
            .next()
            .context("LAB_SANDBOX_TCP_LIMITS: a value is missing")?;
        std::fs::write(format!("/proc/sys/net/ipv4/{name}"), value)
            .with_context(|| format!("setting net.ipv4.{name}"))?;
    }
    Ok(())
}

/// The sandbox's init (PID 1 of its namespaces): bring loopback up, make every mount
/// read-only but the test's directory (its argument, if any), say `ready`, then reap whatever
/// ends up as its child, until it is killed.
pub fn init_main() -> ! {
    if let Err(e) = loopback_up().and_then(|()| set_tcp_limits()) {
        eprintln!("sandbox init: {e:#}");
        std::process::exit(1);
    }
    if let Some(writable) = std::env::args_os().nth(2)
        && let Err(e) = read_only_except(std::path::Path::new(&writable))
    {
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

/// `unshare` starting the checker as the sandbox's init, in new network, PID and mount
/// namespaces; `writable` is the one place the init leaves writable.
fn unshare_command(writable: Option<&std::path::Path>) -> Result<Command> {
    let me = std::env::current_exe().context("locating the checker's own binary")?;
    let mut cmd = Command::new("unshare");
    cmd.args([
        "--net",
        "--pid",
        "--mount",
        "--propagation",
        "private",
        "--fork",
        "--kill-child",
        "--",
    ])
    .arg(me)
    .arg(INIT_ARG);
    if let Some(dir) = writable {
        cmd.arg(dir);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // If the checker dies (SIGTERM from a CI timeout, even SIGKILL), unshare dies with it,
    // and `--kill-child` takes the init, and so the whole namespace, along. The sandbox is
    // made and dropped on the same thread, so the thread-scoped signal fires only then.
    let checker = std::process::id() as libc::pid_t;
    let parent_fd = Parent::made_from(&mut cmd);
    // SAFETY: prctl, getppid and setns are async-signal-safe; nothing else runs between
    // fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(fd) = parent_fd
                && libc::setns(fd, libc::CLONE_NEWNET) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
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
    Ok(cmd)
}

/// The init says `ready` once loopback is up; without it within 5 s, the sandbox is not made,
/// and unshare's error says why.
fn wait_ready(holder: &mut Child) -> Result<()> {
    let stdout = holder.stdout.take().context("unshare's stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
    if line.trim() != "ready" {
        let _ = holder.kill();
        let status = reaper::wait_tracked(holder).ok();
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
    Ok(())
}

/// The sandbox's init: unshare's child, once it appears (within 2 s).
fn init_of(holder: &Child) -> Result<i32> {
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
    Ok(init)
}

/// In this (private) mount namespace, remount every mount read-only, then bind `writable`
/// onto itself read-write: the one place the test's programs may write.
fn read_only_except(writable: &std::path::Path) -> Result<()> {
    use std::ffi::CString;
    let table = std::fs::read_to_string("/proc/self/mountinfo").context("reading mountinfo")?;
    for line in table.lines() {
        // `id parent major:minor root mount-point options ... - type source super-options`
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(point), Some(options)) = (fields.get(4), fields.get(5)) else {
            continue;
        };
        let flags = libc::MS_REMOUNT | libc::MS_BIND | libc::MS_RDONLY | locked_flags(options);
        let Ok(point) = CString::new(unescape_mount_point(point)) else {
            continue;
        };
        // SAFETY: valid C strings; remounting changes only this private namespace. A mount
        // that refuses (it is already read-only, or gone) is left as it is.
        unsafe {
            libc::mount(
                std::ptr::null(),
                point.as_ptr(),
                std::ptr::null(),
                flags,
                std::ptr::null(),
            );
        }
    }
    bind_read_write(writable)
}

/// The flags a remount of a mount with these `options` must keep (inside a user namespace
/// they are locked).
fn locked_flags(options: &str) -> libc::c_ulong {
    let mut flags = 0;
    for option in options.split(',') {
        flags |= match option {
            "nosuid" => libc::MS_NOSUID,
            "nodev" => libc::MS_NODEV,
            "noexec" => libc::MS_NOEXEC,
            "noatime" => libc::MS_NOATIME,
            "nodiratime" => libc::MS_NODIRATIME,
            "relatime" => libc::MS_RELATIME,
            _ => 0,
        };
    }
    flags
}

/// Bind `writable` onto itself, then remount that bind read-write.
fn bind_read_write(writable: &std::path::Path) -> Result<()> {
    use std::ffi::CString;
    let dir = CString::new(writable.as_os_str().as_encoded_bytes())
        .context("the test's directory has a NUL in its name")?;
    // SAFETY: valid C strings; the mounts change only this private namespace.
    unsafe {
        if libc::mount(
            dir.as_ptr(),
            dir.as_ptr(),
            std::ptr::null(),
            libc::MS_BIND,
            std::ptr::null(),
        ) != 0
        {
            bail!(
                "bind {}: {}",
                writable.display(),
                std::io::Error::last_os_error()
            );
        }
        if libc::mount(
            std::ptr::null(),
            dir.as_ptr(),
            std::ptr::null(),
            libc::MS_REMOUNT | libc::MS_BIND,
            std::ptr::null(),
        ) != 0
        {
            bail!(
                "remount {} read-write: {}",
                writable.display(),
                std::io::Error::last_os_error()
            );
        }
    }
    Ok(())
}

/// Mount points in mountinfo escape space, tab, newline and backslash as `\ooo`.
fn unescape_mount_point(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && let Some(octal) = text.get(i + 1..i + 4)
            && let Ok(value) = u8::from_str_radix(octal, 8)
        {
            out.push(value);
            i += 4;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
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
