//! Starting a program: how (`Spawn`), in which scope, with which limits; the start itself
//! (fork into the test's sandbox, the pre-exec setup) is here, what follows is `Program`'s.

use std::ffi::{CString, OsString};
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};

use super::capture::Capture;
use super::limits::Limits;
use super::program::{Program, Started};
use super::reaper::{self, MAX_PROCESSES, TAG_VAR};
use super::scope::{SandboxFds, Scope};

/// Output kept per stream; the rest is read and counted, so a flood cannot block or exhaust us.
pub const DEFAULT_CAPTURE_CAP: usize = 4 << 20;
static NEXT_TAG: AtomicU64 = AtomicU64::new(1);

/// Run `spawn` with this thread's new children going into the PID namespace `pid_ns`, then
/// put the thread back. (Between the two the thread cannot start threads: the kernel refuses
/// CLONE_THREAD while a thread's children would land in another PID namespace; a fork is fine.)
fn in_pid_namespace(
    pid_ns: i32,
    spawn: impl FnOnce() -> std::io::Result<Child>,
) -> std::io::Result<Child> {
    static OWN: std::sync::OnceLock<Option<std::os::fd::OwnedFd>> = std::sync::OnceLock::new();
    let own = OWN
        .get_or_init(|| {
            std::fs::File::open("/proc/self/ns/pid")
                .ok()
                .map(Into::into)
        })
        .as_ref()
        .ok_or_else(|| std::io::Error::other("cannot open /proc/self/ns/pid"))?;
    // SAFETY: setns on namespace descriptors we hold; it changes only where this thread's
    // children are created.
    if unsafe { libc::setns(pid_ns, libc::CLONE_NEWPID) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let child = spawn();
    // SAFETY: as above; going back to the thread's own (active) namespace is always allowed.
    if unsafe { libc::setns(own.as_raw_fd(), libc::CLONE_NEWPID) } != 0 {
        // A thread that cannot start threads any more: better to stop the checker than to
        // fail later in a way nobody can explain.
        panic!(
            "could not leave a sandbox's PID namespace: {}",
            std::io::Error::last_os_error()
        );
    }
    child
}

/// What the program reads on stdin.
pub enum Input {
    Null,
    /// These bytes, then EOF.
    Bytes(Vec<u8>),
    /// A pipe the test writes to with `Program::write_stdin`.
    Pipe,
}

/// How to start a program.
pub struct Spawn {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// The name used in messages, e.g. `echo-server`.
    pub label: String,
    pub stdin: Input,
    pub env: Vec<(String, String)>,
    pub cwd: Option<PathBuf>,
    /// Becomes fd 3 in the child (the harness's private reply channel).
    pub fd3: Option<OwnedFd>,
    pub capture_cap: usize,
    /// A server: it runs until it is stopped, so any exit of its own is worth reporting.
    pub server: bool,
    /// The test it belongs to (`None`: none, as for a helper of the checker's own).
    pub scope: Option<Scope>,
    /// What it may use: its scope's limits (`Scope::limits`), else the defaults.
    pub limits: Limits,
}

impl Spawn {
    pub fn new(program: impl AsRef<Path>, label: impl Into<String>) -> Self {
        Spawn {
            program: program.as_ref().to_path_buf(),
            args: Vec::new(),
            label: label.into(),
            stdin: Input::Null,
            env: Vec::new(),
            cwd: None,
            fd3: None,
            capture_cap: DEFAULT_CAPTURE_CAP,
            server: false,
            scope: None,
            limits: Limits::default(),
        }
    }

    /// Run it as part of a test: tagged with the test's prefix, in its sandbox and directory.
    pub fn in_scope(mut self, scope: &Scope) -> Self {
        self.cwd = Some(scope.workdir.clone());
        self.limits = scope.limits;
        self.scope = Some(scope.clone());
        self
    }

    /// It is a server: it runs until it is stopped.
    pub fn server(mut self) -> Self {
        self.server = true;
        self
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn stdin(mut self, input: Input) -> Self {
        self.stdin = input;
        self
    }

    pub fn fd3(mut self, fd: OwnedFd) -> Self {
        self.fd3 = Some(fd);
        self
    }

    /// The command with its arguments, environment, pipes and process group.
    fn command(&self, tag: &str) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args)
            .env(TAG_VAR, tag)
            // Short, stable panic messages: the checker parses them.
            .env("RUST_BACKTRACE", "0")
            // A C program's undefined behaviour ends it as a crash (SIGABRT), never as the
            // status 1 of an expected error, which a test of its error path would pass.
            .env(
                "UBSAN_OPTIONS",
                "abort_on_error=1:halt_on_error=1:print_stacktrace=1",
            )
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group: signals reach everything it forks, and a Ctrl-C meant for
            // the checker does not reach it.
            .process_group(0);
        cmd.stdin(match self.stdin {
            Input::Null => Stdio::null(),
            Input::Bytes(_) | Input::Pipe => Stdio::piped(),
        });
        if let Some(dir) = &self.cwd {
            cmd.current_dir(dir);
        }
        cmd
    }

    /// The tag of the program's processes, in its scope's: the trailing dot keeps tag 1 from
    /// being a prefix of tag 10.
    fn next_tag(&self) -> String {
        let prefix = self
            .scope
            .as_ref()
            .map(|s| s.tag_prefix.clone())
            .unwrap_or_else(|| format!("lab-{}-0-", std::process::id()));
        format!("{prefix}{}.", NEXT_TAG.fetch_add(1, Ordering::Relaxed))
    }

    /// What the child sets up between fork and exec, prepared now (nothing may be allocated
    /// there).
    fn child_setup(
        &self,
        cap: Option<&super::cgroup::Cap>,
        sandbox: Option<SandboxFds>,
    ) -> ChildSetup {
        ChildSetup {
            cap_procs: cap.map(|c| c.procs.clone()),
            sandbox,
            // Joining a mount namespace resets the working directory: go back to it after.
            cwd: self
                .cwd
                .as_ref()
                .and_then(|d| CString::new(d.as_os_str().as_encoded_bytes()).ok()),
            fd3: self.fd3.as_ref().map(|fd| fd.as_raw_fd()),
            first_not_inherited: if self.fd3.is_some() { 4 } else { 3 },
            address_space: self.limits.address_space as libc::rlim_t,
            open_files_limit: nix::sys::resource::getrlimit(
                nix::sys::resource::Resource::RLIMIT_NOFILE,
            )
            .map_or(1024, |(soft, _)| soft.min(1 << 16) as libc::c_int),
        }
    }

    /// Start it.
    pub fn start(self) -> Result<Program> {
        reaper::init();
        let tag = self.next_tag();
        let mut cmd = self.command(&tag);
        let sandbox = self.scope.as_ref().and_then(|s| s.sandbox);
        // The kernel's cap on its processes, where the machine has a pids cgroup.
        let cap = super::cgroup::Cap::new(self.limits.processes);
        let pids_current = cap.as_ref().map(super::cgroup::Cap::pids_current);
        let recorder = self.scope.as_ref().map(|s| s.recorder.clone());
        let recorder = recorder.unwrap_or_default();
        reaper::watch_before_start(pids_current.as_deref(), &recorder);
        let setup = self.child_setup(cap.as_ref(), sandbox);
        // SAFETY: `in_the_child` runs between fork and exec and only makes async-signal-safe
        // system calls (prctl, setrlimit, open, write, setns, chdir, dup2, fcntl).
        unsafe {
            cmd.pre_exec(move || setup.in_the_child());
        }
        // The program itself is forked into the sandbox's PID namespace (joining it after the
        // fork would put only its children there, and would leave it unable to start threads).
        let forked = match sandbox {
            Some(fds) => in_pid_namespace(fds.pid, || reaper::spawn_tracked(&mut cmd)),
            None => reaper::spawn_tracked(&mut cmd),
        };
        let (label, program) = (&self.label, self.program.display());
        if forked.is_err() {
            reaper::not_started(pids_current.as_deref());
        }
        let mut child = forked.with_context(|| format!("could not start {label} ({program})"))?;
        drop(self.fd3); // the child has its copy; ours must close so EOF can be seen
        let pid = child.id() as i32;
        let busiest_cpu = self.scope.as_ref().map(|s| s.busiest_cpu.clone());
        let busiest_cpu = busiest_cpu.unwrap_or_default();
        // Allowed first: the watcher counts a live program against its own cap.
        if self.limits.processes != MAX_PROCESSES {
            reaper::allow_processes(pid, self.limits.processes);
        }
        reaper::register_live(pid, &tag, &recorder, pids_current);

        let stdout = Capture::start(child.stdout.take().expect("piped"), self.capture_cap);
        let stderr = Capture::start(child.stderr.take().expect("piped"), self.capture_cap);
        let stdin = fed(self.stdin, child.stdin.take());
        Ok(Program::new(
            Started {
                label: self.label,
                child,
                tag,
                stdin,
                stdout,
                stderr,
                cap,
                server: self.server,
                recorder,
                busiest_cpu,
            },
            &self.program,
            &self.args,
        ))
    }
}

/// The program's stdin: given bytes are written by a thread of their own, so a program that
/// does not read cannot block the checker (the pipe is then the writer's); otherwise the pipe,
/// if any, for the test to write.
fn fed(input: Input, stdin: Option<std::process::ChildStdin>) -> Option<std::process::ChildStdin> {
    let mut stdin = stdin;
    if let Input::Bytes(bytes) = input
        && let Some(mut pipe) = stdin.take()
    {
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    stdin
}

/// What a program's process sets up between fork and exec, prepared before the fork.
struct ChildSetup {
    /// The pids cgroup's `cgroup.procs`, to join.
    cap_procs: Option<CString>,
    sandbox: Option<SandboxFds>,
    cwd: Option<CString>,
    /// The descriptor to pass as fd 3.
    fd3: Option<RawFd>,
    /// RLIMIT_AS.
    address_space: libc::rlim_t,
    /// The first descriptor the program does not inherit: 3, or 4 after the fd 3 it is given.
    first_not_inherited: libc::c_int,
    /// RLIMIT_NOFILE's soft limit, where descriptors end (for kernels without close_range's
    /// CLOEXEC).
    open_files_limit: libc::c_int,
}

impl ChildSetup {
    /// Runs in the forked child: async-signal-safe system calls only.
    fn in_the_child(&self) -> std::io::Result<()> {
        // SAFETY: plain system calls on values prepared before the fork.
        unsafe {
            // If the checker dies (even by SIGKILL), its programs die with it.
            libc::prctl(
                libc::PR_SET_PDEATHSIG,
                libc::SIGKILL as libc::c_ulong,
                0,
                0,
                0,
            );
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            if let Some(procs) = &self.cap_procs {
                // "0" moves the writer itself into the cgroup: before exec, before any fork.
                let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
                if fd >= 0 {
                    libc::write(fd, b"0".as_ptr().cast(), 1);
                    libc::close(fd);
                }
            }
            // A program that allocates without end fails its allocation instead of taking the
            // machine's memory.
            let memory = libc::rlimit {
                rlim_cur: self.address_space,
                rlim_max: self.address_space,
            };
            libc::setrlimit(libc::RLIMIT_AS, &memory);
            if let Some(fds) = self.sandbox {
                if libc::setns(fds.net, libc::CLONE_NEWNET) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Last, once the cgroup is joined: from here on the file system is read-only
                // but for the test's directory.
                if let Some(mnt) = fds.mnt {
                    if libc::setns(mnt, libc::CLONE_NEWNS) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    if let Some(dir) = &self.cwd
                        && libc::chdir(dir.as_ptr()) != 0
                    {
                        return Err(std::io::Error::last_os_error());
                    }
                }
            }
            if let Some(fd) = self.fd3 {
                if fd == 3 {
                    libc::fcntl(3, libc::F_SETFD, 0);
                } else if libc::dup2(fd, 3) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            inherit_no_other_descriptor(self.first_not_inherited, self.open_files_limit);
        }
        Ok(())
    }
}

/// The program starts with stdin, stdout, stderr (and the fd 3 a test gives) only: a
/// descriptor the checker inherited without close-on-exec (from a CI runner, a make jobserver, a
/// profiler) would shift every number the program's sockets get and could hold a pipe open.
/// Marked close-on-exec rather than closed, so that std's own pipe still reports a failed exec.
/// Runs between fork and exec: system calls only.
fn inherit_no_other_descriptor(first: libc::c_int, open_files_limit: libc::c_int) {
    // SAFETY: close_range and fcntl on descriptor numbers; no memory is touched.
    unsafe {
        let flag = libc::CLOSE_RANGE_CLOEXEC as libc::c_int;
        if libc::syscall(libc::SYS_close_range, first, libc::c_uint::MAX, flag) != 0 {
            // Before Linux 5.11: each descriptor up to the limit, one call each.
            for fd in first..open_files_limit {
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::Spawn;
    use crate::contain::procinfo;
    use crate::contain::scope::Scope;

    /// A program the checker stops leaves its busiest thread's CPU time with its test (the
    /// rejudging asks it afterwards: a program that spun had the CPU): the /proc entry it is
    /// read from goes with the program.
    #[test]
    fn a_stopped_program_s_cpu_time_stays_with_its_test() {
        let dir = tempfile::tempdir().unwrap();
        let scope = Scope::new(None, dir.path().to_path_buf());
        let mut spinner = Spawn::new("sh", "spinner")
            .args(["-c", "while :; do :; done"])
            .in_scope(&scope)
            .start()
            .unwrap();
        let until = std::time::Instant::now() + Duration::from_secs(10);
        while procinfo::busiest_thread_cpu(spinner.pid()) < Duration::from_millis(200)
            && std::time::Instant::now() < until
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        spinner.stop();
        assert!(
            scope.busiest_cpu.most() >= Duration::from_millis(200),
            "{:?}",
            scope.busiest_cpu.most()
        );
    }
}
