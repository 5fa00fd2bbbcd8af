//! Process supervision: the one place that starts, watches and stops other programs.
//!
//! Every program runs in its own process group, with its output captured up to a cap, and is
//! stopped with SIGTERM then SIGKILL to the whole group, after which every process that still
//! carries its tag (a variable in the environment, inherited by all its descendants, even
//! those that called setsid()) is killed too, and the program is reaped. The checker is a
//! child subreaper, so orphans come back to it; a background reaper collects the orphans that
//! nobody supervises, and never touches a pid a supervisor will wait for (that would steal its
//! exit status). SIGCHLD keeps its default disposition: children would inherit an ignored
//! SIGCHLD and reap their own zombies, faking a pass.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Once};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;

use crate::escape;
use crate::hints::Kind;
use crate::procinfo;
use crate::verdict::Failure;

/// The environment variable that tags every process a program starts.
pub const TAG_VAR: &str = "LAB_CHECKER_TAG";
/// How long a program gets between SIGTERM and SIGKILL when the checker stops it.
const TERM_GRACE: Duration = Duration::from_millis(300);
/// The address space a program may use (RLIMIT_AS): far more than any exercise needs.
const MEMORY_LIMIT: libc::rlim_t = 2 << 30;
/// Output kept per stream; the rest is read and counted, so a flood cannot block or exhaust us.
pub const DEFAULT_CAPTURE_CAP: usize = 4 << 20;

/// Direct children whose exit status a supervisor (or a cargo run) will collect itself.
static TRACKED: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());
/// Live programs (pid -> tag), for the emergency cleanup when the checker is interrupted.
static LIVE: Mutex<BTreeMap<i32, String>> = Mutex::new(BTreeMap::new());
static NEXT_TAG: AtomicU64 = AtomicU64::new(1);
static NEXT_SCOPE: AtomicU64 = AtomicU64::new(1);

/// The namespaces a program of a sandboxed test joins before exec (see sandbox.rs): descriptors
/// held open by the test's `Sandbox`, which outlives every program of the test.
#[derive(Clone, Copy, Debug)]
pub struct SandboxFds {
    pub net: std::os::fd::RawFd,
    pub pid: std::os::fd::RawFd,
    /// The mount namespace where everything but the test's directory is read-only.
    pub mnt: Option<std::os::fd::RawFd>,
}

/// Where the programs of one test run, passed explicitly to every program it starts (never
/// taken from the thread that happens to start it): the tag prefix that marks everything they
/// start, so it can all be found and stopped when the test ends; the sandbox they join; the
/// directory they run in.
#[derive(Clone, Debug)]
pub struct Scope {
    pub tag_prefix: String,
    pub sandbox: Option<SandboxFds>,
    pub workdir: PathBuf,
}

impl Scope {
    /// A new scope with a tag prefix of its own.
    pub fn new(sandbox: Option<SandboxFds>, workdir: PathBuf) -> Scope {
        Scope {
            tag_prefix: format!(
                "lab-{}-{}-",
                std::process::id(),
                NEXT_SCOPE.fetch_add(1, Ordering::Relaxed)
            ),
            sandbox,
            workdir,
        }
    }
}

/// Stop every program (and escaped descendant) whose tag starts with `prefix`.
pub fn stop_tagged(prefix: &str) {
    let leaders: Vec<i32> = lock(&LIVE)
        .iter()
        .filter(|(_, tag)| tag.starts_with(prefix))
        .map(|(&pid, _)| pid)
        .collect();
    for pid in leaders {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
    kill_tagged_orphans(prefix);
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the cleanup: take the data even if poisoned.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Make the checker a child subreaper and start the orphan reaper. Idempotent.
pub fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // Orphaned descendants of the programs we run come back to us instead of init, so
        // they can be found, killed and reaped.
        let _ = nix::sys::prctl::set_child_subreaper(true);
        std::thread::Builder::new()
            .name("process-cap".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(50));
                    enforce_process_cap();
                }
            })
            .ok();
        std::thread::Builder::new()
            .name("orphan-reaper".into())
            .spawn(|| {
                loop {
                    std::thread::sleep(Duration::from_millis(50));
                    reap_orphans();
                }
            })
            .ok();
    });
}

/// While a test inspects the orphans a program left behind, they must stay as they are.
static REAPER_PAUSES: AtomicU64 = AtomicU64::new(0);

/// Pauses the reaping of orphans while it lives (a test counts a program's leftover zombies).
pub struct ReaperPause(());

impl ReaperPause {
    pub fn new() -> Self {
        REAPER_PAUSES.fetch_add(1, Ordering::SeqCst);
        ReaperPause(())
    }
}

impl Drop for ReaperPause {
    fn drop(&mut self) {
        REAPER_PAUSES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reap zombie children that no supervisor is waiting for.
fn reap_orphans() {
    if REAPER_PAUSES.load(Ordering::SeqCst) > 0 {
        return;
    }
    let me = std::process::id() as i32;
    // Holding TRACKED while deciding means a freshly spawned program is either already
    // registered or not yet forked: never reaped behind its supervisor's back.
    let tracked = lock(&TRACKED);
    for pid in procinfo::children(me) {
        if !tracked.contains(&pid) && procinfo::is_zombie(pid) {
            let _ = nix::sys::wait::waitpid(
                Pid::from_raw(pid),
                Some(nix::sys::wait::WaitPidFlag::WNOHANG),
            );
        }
    }
}

/// The most processes a program may have at once (itself included). RLIMIT_NPROC does not
/// bind root, so the checker counts the tree itself and kills a program that goes over.
pub const MAX_PROCESSES: usize = 300;

/// What the checker had to do to a program, or saw it do on its own, beyond what the test
/// asked: shown with a failed test, because a test that only saw "refused" or "timed out"
/// cannot say why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intervention {
    /// It ended before the checker stopped it: a server (which runs until it is stopped)
    /// whatever its status, any program by a crash.
    EndedOnItsOwn {
        label: String,
        /// "exited with status 1", "was killed by SIGSEGV ...".
        how: String,
        /// Its last non-empty lines on stderr, escaped.
        last_words: Vec<String>,
        /// A server: it was meant to run until stopped.
        server: bool,
    },
    /// It was stopped (SIGSTOP) when the checker came to end it.
    FoundStopped { label: String },
    /// It outlived SIGTERM's grace period and was killed with SIGKILL.
    IgnoredSigterm { label: String, grace_ms: u128 },
    /// Processes it started were still running after it ended (orphans, setsid).
    LeftRunning { label: String, count: usize },
    /// The checker killed it for running more than `MAX_PROCESSES` at once.
    KilledForkBomb,
    /// The kernel (its pids cgroup) refused some of its forks.
    RefusedForks { label: String, refused: u64 },
    /// It wrote more output than the checker keeps.
    Flooded { label: String, bytes: u64 },
    /// Processes were left in the test's sandbox after its programs were stopped.
    SandboxLeftovers { count: usize },
}

impl Intervention {
    /// One line for the report.
    pub fn describe(&self) -> String {
        match self {
            Intervention::EndedOnItsOwn {
                label,
                how,
                last_words,
                server,
            } => {
                let words = match last_words.last() {
                    Some(line) => format!(" (its last words on stderr: \"{line}\")"),
                    None => String::new(),
                };
                let why = if *server {
                    " while the test still needed it: a server runs until it is stopped"
                } else {
                    ""
                };
                format!("{label} had ended on its own: it {how}{why}{words}")
            }
            Intervention::FoundStopped { label } => {
                format!("{label} was stopped (SIGSTOP): the checker continued and ended it")
            }
            Intervention::IgnoredSigterm { label, grace_ms } => format!(
                "{label} did not end on SIGTERM within {grace_ms} ms: the checker killed it with SIGKILL"
            ),
            Intervention::LeftRunning { label, count } => format!(
                "{label} left {} running after it ended (orphans, setsid?): the checker killed them",
                escape::plural(*count, "process")
            ),
            Intervention::KilledForkBomb => format!(
                "the checker killed a program that ran more than {MAX_PROCESSES} processes at once (a fork bomb?)"
            ),
            Intervention::RefusedForks { label, refused } => format!(
                "{label} tried to run more than {MAX_PROCESSES} processes at once (a fork bomb?): the kernel refused {refused} of its forks"
            ),
            Intervention::Flooded { label, bytes } => format!(
                "{label} wrote {bytes} bytes of output (the checker keeps the first 4 MiB of each stream)"
            ),
            Intervention::SandboxLeftovers { count } => format!(
                "{} still running in the test's sandbox after its programs were stopped (daemons?): they ended with it",
                if *count == 1 {
                    "1 process was".to_string()
                } else {
                    format!("{count} processes were")
                }
            ),
        }
    }
}

/// What the checker had to do to the programs of each test, by program tag.
static INTERVENTIONS: Mutex<Vec<(String, Intervention)>> = Mutex::new(Vec::new());

fn intervene(tag: &str, what: Intervention) {
    lock(&INTERVENTIONS).push((tag.to_string(), what));
}

/// Take what was recorded for the programs whose tag starts with `prefix`.
pub fn interventions(prefix: &str) -> Vec<Intervention> {
    let mut all = lock(&INTERVENTIONS);
    let (mine, rest): (Vec<_>, Vec<_>) =
        all.drain(..).partition(|(tag, _)| tag.starts_with(prefix));
    *all = rest;
    let mut found: Vec<Intervention> = mine.into_iter().map(|(_, what)| what).collect();
    found.dedup();
    found
}

/// Programs the checker killed for going over `MAX_PROCESSES`.
static OVER_CAP: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());

/// Count each live program's processes (stopping at the cap) and kill any program over it.
fn enforce_process_cap() {
    let live: Vec<(i32, String)> = lock(&LIVE).iter().map(|(p, t)| (*p, t.clone())).collect();
    for (pid, tag) in live {
        if procinfo::count_tree(pid, MAX_PROCESSES + 1) > MAX_PROCESSES {
            lock(&OVER_CAP).insert(pid);
            intervene(&tag, Intervention::KilledForkBomb);
            // Kill the group first (one call stops a bomb that stays in it), then the rest.
            for _ in 0..3 {
                let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
                for p in procinfo::descendants(pid) {
                    let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
                }
            }
            kill_tagged_orphans(&tag);
        }
    }
}

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

/// Spawn a command the caller will `wait()` for, registered so the orphan reaper leaves it
/// alone. Every child process of the checker goes through here.
pub fn spawn_tracked(cmd: &mut Command) -> std::io::Result<Child> {
    init();
    let mut tracked = lock(&TRACKED);
    let child = cmd.spawn()?;
    tracked.insert(child.id() as i32);
    Ok(child)
}

/// Wait for a tracked child and forget it.
pub fn wait_tracked(child: &mut Child) -> std::io::Result<ExitStatus> {
    let status = child.wait();
    lock(&TRACKED).remove(&(child.id() as i32));
    status
}

/// Run a short-lived helper command (cargo, rustfmt) to completion, capturing its output.
/// It runs in a process group of its own, killed once it has exited: nothing a build started
/// (a compiler server, anything a dependency's build script left running) outlives it.
pub fn run_to_completion(cmd: &mut Command) -> std::io::Result<std::process::Output> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = spawn_tracked(cmd)?;
    lock(&LIVE).insert(
        child.id() as i32,
        format!("lab-{}-0-helper.", std::process::id()),
    );
    let stdout = child.stdout.take().map(|s| Capture::start(s, usize::MAX));
    let stderr = child.stderr.take().map(|s| Capture::start(s, usize::MAX));
    let status = wait_tracked(&mut child);
    let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
    lock(&LIVE).remove(&(child.id() as i32));
    let status = status?;
    let take = |c: Option<Arc<Capture>>| {
        c.map(|c| {
            c.wait_closed(Instant::now() + Duration::from_secs(5));
            c.bytes()
        })
        .unwrap_or_default()
    };
    Ok(std::process::Output {
        status,
        stdout: take(stdout),
        stderr: take(stderr),
    })
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
        }
    }

    /// Run it as part of a test: tagged with the test's prefix, in its sandbox and directory.
    pub fn in_scope(mut self, scope: &Scope) -> Self {
        self.cwd = Some(scope.workdir.clone());
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

    /// Start it.
    pub fn start(self) -> Result<Program> {
        init();
        // The trailing dot keeps tag 1 from being a prefix of tag 10.
        let prefix = self
            .scope
            .as_ref()
            .map(|s| s.tag_prefix.clone())
            .unwrap_or_else(|| format!("lab-{}-0-", std::process::id()));
        let tag = format!("{prefix}{}.", NEXT_TAG.fetch_add(1, Ordering::Relaxed));
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args)
            .env(TAG_VAR, &tag)
            // Short, stable panic messages: the checker parses them.
            .env("RUST_BACKTRACE", "0")
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
        // Joining a mount namespace resets the working directory: go back to it after.
        let cwd = self
            .cwd
            .as_ref()
            .and_then(|d| std::ffi::CString::new(d.as_os_str().as_encoded_bytes()).ok());
        let fd3 = self.fd3.as_ref().map(|fd| fd.as_raw_fd());
        let sandbox = self.scope.as_ref().and_then(|s| s.sandbox);
        // The kernel's cap on its processes, where the machine has a pids cgroup.
        let cap = crate::cgroup::Cap::new(MAX_PROCESSES);
        let cap_procs = cap.as_ref().map(|c| c.procs.clone());
        // SAFETY: the closure runs between fork and exec and only makes async-signal-safe
        // system calls (prctl, setrlimit, open, write, setns, chdir, dup2, fcntl).
        unsafe {
            cmd.pre_exec(move || {
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
                if let Some(procs) = &cap_procs {
                    // "0" moves the writer itself into the cgroup: before exec, before any fork.
                    let fd = libc::open(procs.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
                    if fd >= 0 {
                        libc::write(fd, b"0".as_ptr().cast(), 1);
                        libc::close(fd);
                    }
                }
                // A program that allocates without end fails its allocation instead of
                // taking the machine's memory.
                let memory = libc::rlimit {
                    rlim_cur: MEMORY_LIMIT,
                    rlim_max: MEMORY_LIMIT,
                };
                libc::setrlimit(libc::RLIMIT_AS, &memory);
                if let Some(fds) = sandbox {
                    if libc::setns(fds.net, libc::CLONE_NEWNET) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    // Last, once the cgroup is joined: from here on the file system is
                    // read-only but for the test's directory.
                    if let Some(mnt) = fds.mnt {
                        if libc::setns(mnt, libc::CLONE_NEWNS) != 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                        if let Some(dir) = &cwd
                            && libc::chdir(dir.as_ptr()) != 0
                        {
                            return Err(std::io::Error::last_os_error());
                        }
                    }
                }
                if let Some(fd) = fd3 {
                    if fd == 3 {
                        libc::fcntl(3, libc::F_SETFD, 0);
                    } else if libc::dup2(fd, 3) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
                Ok(())
            });
        }
        // The program itself is forked into the sandbox's PID namespace (joining it after the
        // fork would put only its children there, and would leave it unable to start threads).
        let forked = match sandbox {
            Some(fds) => in_pid_namespace(fds.pid, || spawn_tracked(&mut cmd)),
            None => spawn_tracked(&mut cmd),
        };
        let mut child = forked.with_context(|| {
            format!(
                "could not start {} ({})",
                self.label,
                self.program.display()
            )
        })?;
        drop(self.fd3); // the child has its copy; ours must close so EOF can be seen
        let pid = child.id() as i32;
        lock(&LIVE).insert(pid, tag.clone());

        let stdout = Capture::start(child.stdout.take().expect("piped"), self.capture_cap);
        let stderr = Capture::start(child.stderr.take().expect("piped"), self.capture_cap);
        let mut stdin = child.stdin.take();
        if let Input::Bytes(bytes) = self.stdin
            && let Some(mut pipe) = stdin.take()
        {
            // A separate writer, so a program that does not read cannot block the checker.
            std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            });
        }
        Ok(Program {
            label: self.label,
            command: String::new(),
            child,
            pid,
            tag,
            stdin,
            stdout,
            stderr,
            status: None,
            cap,
            server: self.server,
            stopped: false,
            ending_asked: false,
        }
        .with_command(&self.program, &self.args))
    }
}

/// A running (or finished) program under supervision. Dropping it stops it.
pub struct Program {
    pub label: String,
    command: String,
    child: Child,
    pid: i32,
    tag: String,
    stdin: Option<ChildStdin>,
    pub stdout: Arc<Capture>,
    pub stderr: Arc<Capture>,
    status: Option<ExitStatus>,
    /// Its pids cgroup (dropped after the program: the directory goes once it is empty).
    cap: Option<crate::cgroup::Cap>,
    /// A server, meant to run until it is stopped.
    server: bool,
    /// The checker has stopped it already (a second `stop`, from `Drop`, does nothing).
    stopped: bool,
    /// The test asked it to end (SIGTERM, SIGINT, SIGKILL): its exit is the test's business.
    ending_asked: bool,
}

impl Program {
    fn with_command(mut self, program: &Path, args: &[OsString]) -> Self {
        let name = program
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut words = vec![name];
        words.extend(
            args.iter()
                .map(|a| escape::shell_word(&a.to_string_lossy())),
        );
        self.command = words.join(" ");
        self
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Send a signal to the program itself (not to its children).
    pub fn signal(&mut self, signal: Signal) -> Result<()> {
        if self.status.is_some() {
            anyhow::bail!("{} has already exited", self.label);
        }
        if matches!(signal, Signal::SIGTERM | Signal::SIGINT | Signal::SIGKILL) {
            self.ending_asked = true;
        }
        kill(Pid::from_raw(self.pid), signal)
            .with_context(|| format!("kill({}, {signal})", self.pid))
    }

    /// Send a signal to the program's whole process group (it and the children it forked).
    pub fn signal_group(&self, signal: Signal) -> Result<()> {
        killpg(Pid::from_raw(self.pid), signal)
            .with_context(|| format!("killpg({}, {signal})", self.pid))
    }

    /// Processes other than the program itself that carry its tag, with their states: what it
    /// left behind once it has exited (its orphans come back to the checker, a subreaper).
    /// Hold a `ReaperPause` to see the zombies among them.
    pub fn leftovers(&self) -> Vec<(i32, char)> {
        let me = std::process::id() as i32;
        let orphans: Vec<i32> = {
            let tracked = lock(&TRACKED);
            procinfo::children(me)
                .into_iter()
                .filter(|p| !tracked.contains(p))
                .collect()
        };
        let mut found = Vec::new();
        for orphan in orphans {
            found.push(orphan);
            found.extend(procinfo::descendants(orphan));
        }
        // A zombie's environment is gone, but its process group stays readable.
        found.retain(|&p| {
            p != self.pid
                && (procinfo::environ_has(p, TAG_VAR, &self.tag)
                    || procinfo::pgid(p) == Some(self.pid))
        });
        found
            .into_iter()
            .filter_map(|p| procinfo::state(p).map(|s| (p, s)))
            .collect()
    }

    /// Take the stdin pipe, to write it from another thread.
    pub fn take_stdin(&mut self) -> Option<ChildStdin> {
        self.stdin.take()
    }

    /// Has it exited? Reaps it if so.
    pub fn try_status(&mut self) -> Option<ExitStatus> {
        if self.status.is_none()
            && let Ok(Some(status)) = self.child.try_wait()
        {
            self.finish(status);
        }
        self.status
    }

    /// Wait until it exits, at most until `deadline`.
    pub fn wait_until(&mut self, deadline: Instant) -> Option<ExitStatus> {
        let mut pause = Duration::from_micros(200);
        loop {
            if let Some(status) = self.try_status() {
                return Some(status);
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            std::thread::sleep(pause.min(deadline - now));
            pause = (pause * 2).min(Duration::from_millis(10));
        }
    }

    fn finish(&mut self, status: ExitStatus) {
        self.status = Some(status);
        lock(&TRACKED).remove(&self.pid);
    }

    /// Its last non-empty lines on stderr (at most `n`), escaped.
    pub fn last_words(&self, n: usize) -> Vec<String> {
        self.stderr
            .wait_closed(Instant::now() + Duration::from_millis(200));
        let text = self.stderr_text();
        let mut lines: Vec<String> = text
            .lines()
            .rev()
            .filter(|l| !l.trim().is_empty())
            .take(n)
            .map(|l| escape::bytes(&l.as_bytes()[..l.len().min(160)]))
            .collect();
        lines.reverse();
        lines
    }

    /// Record that it ended before the checker stopped it, if that is news: a server's exit
    /// always is (unless the test asked for it), any program's crash is.
    fn report_own_end(&self, status: ExitStatus) {
        let asked = self.ending_asked
            && (status.code().is_some()
                || matches!(
                    status.signal(),
                    Some(libc::SIGTERM | libc::SIGINT | libc::SIGKILL)
                ));
        if asked || !(self.server || is_crash(status)) {
            return;
        }
        intervene(
            &self.tag,
            Intervention::EndedOnItsOwn {
                label: self.label.clone(),
                how: describe_exit(status),
                last_words: self.last_words(3),
                server: self.server,
            },
        );
    }

    /// Stop it and everything it started: SIGTERM to the group, SIGKILL after a grace
    /// period, then every process that escaped the group but carries its tag; reap it.
    /// Returns how it ended (`None` if it could not be reaped). Stopping it again does nothing.
    pub fn stop(&mut self) -> Option<ExitStatus> {
        if self.stopped {
            return self.status;
        }
        self.stopped = true;
        let group = Pid::from_raw(self.pid);
        let label = self.label.clone();
        // Did it end on its own since anyone last looked? A program that is not asleep may
        // be on its way out (a server that exits on a client's error closes its sockets
        // first, so the test can fail before the exit completes): give it a moment, so that
        // its own end is not taken for the checker's SIGTERM.
        if self.try_status().is_none()
            && !matches!(procinfo::state(self.pid), Some('S' | 'T' | 't'))
        {
            let _ = self.wait_until(Instant::now() + Duration::from_millis(50));
        }
        match self.status {
            // It ended on its own, before the test was over: say how.
            Some(status) => self.report_own_end(status),
            None => {
                if procinfo::state(self.pid) == Some('T') {
                    intervene(
                        &self.tag,
                        Intervention::FoundStopped {
                            label: label.clone(),
                        },
                    );
                }
                // Processes that left the group (setsid) but still hang below the program.
                let tree = procinfo::descendants(self.pid);
                let _ = killpg(group, Signal::SIGTERM);
                let _ = killpg(group, Signal::SIGCONT); // a stopped process only dies once continued
                match self.wait_until(Instant::now() + TERM_GRACE) {
                    // A crash already under way (its sockets closed, its status not yet
                    // reported when the test failed) ends with its own signal, not SIGTERM.
                    Some(status)
                        if is_crash(status)
                            && !matches!(status.signal(), Some(libc::SIGTERM | libc::SIGKILL)) =>
                    {
                        self.report_own_end(status)
                    }
                    Some(_) => {}
                    None => {
                        let _ = killpg(group, Signal::SIGKILL);
                        intervene(
                            &self.tag,
                            Intervention::IgnoredSigterm {
                                label: label.clone(),
                                grace_ms: TERM_GRACE.as_millis(),
                            },
                        );
                    }
                }
                for pid in tree {
                    if procinfo::environ_has(pid, TAG_VAR, &self.tag) {
                        let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
                    }
                }
            }
        }
        // The leader may be gone while its group lives on.
        let _ = killpg(group, Signal::SIGKILL);
        let escaped = kill_tagged_orphans(&self.tag);
        if escaped > 0 {
            intervene(
                &self.tag,
                Intervention::LeftRunning {
                    label: label.clone(),
                    count: escaped,
                },
            );
        }
        if let Some(refused) = self
            .cap
            .as_ref()
            .map(|c| c.refused_forks())
            .filter(|&n| n > 0)
        {
            intervene(
                &self.tag,
                Intervention::RefusedForks {
                    label: label.clone(),
                    refused,
                },
            );
        }
        let flood = self.stdout.total() + self.stderr.total();
        if flood > 16 << 20 {
            intervene(
                &self.tag,
                Intervention::Flooded {
                    label,
                    bytes: flood,
                },
            );
        }
        let status = self.wait_until(Instant::now() + Duration::from_secs(5));
        if status.is_some() {
            lock(&LIVE).remove(&self.pid);
        }
        // Else unkillable (stuck in the kernel): it stays tracked so nobody else reaps it.
        status
    }

    /// Make the program's next write to stdout block: stop reading its stdout pipe and fill
    /// the pipe to the brim, through a second, non-blocking opening of the pipe (the program's
    /// own descriptor stays blocking). Filler lines are whole lines (each write is at most
    /// PIPE_BUF bytes, so it lands whole or not at all). `resume` the capture to drain it.
    /// Returns the bytes of filler written.
    pub fn fill_stdout(&self) -> Result<usize> {
        use std::os::unix::fs::OpenOptionsExt;
        self.stdout.pause();
        let path = format!("/proc/{}/fd/1", self.pid);
        let mut pipe = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&path)
            .with_context(|| format!("opening {path} to fill {}'s stdout", self.label))?;
        // A read already waiting takes this line; then the reader parks.
        pipe.write_all(b"\n")
            .context("writing to the stdout pipe")?;
        if !self
            .stdout
            .wait_parked(Instant::now() + Duration::from_secs(1))
        {
            anyhow::bail!(
                "the checker's reader of {}'s stdout did not stop",
                self.label
            );
        }
        let mut written = 0;
        for size in [4096usize, 512, 64, 8, 1] {
            let mut line = vec![b'.'; size];
            line[size - 1] = b'\n';
            loop {
                match pipe.write(&line) {
                    Ok(n) => written += n,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e).context("filling the stdout pipe"),
                }
            }
        }
        Ok(written)
    }

    /// Everything it wrote to stderr so far, as text.
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr.bytes()).into_owned()
    }

    /// Did the checker kill it for starting more than `MAX_PROCESSES` processes?
    pub fn went_over_process_cap(&self) -> bool {
        lock(&OVER_CAP).contains(&self.pid)
            || self.cap.as_ref().is_some_and(|c| c.refused_forks() > 0)
    }

    /// Explain an exit that the test did not expect, as a failure: a `todo!()` becomes
    /// "not started", a panic shows its message and line, a signal is named.
    pub fn unexpected_exit(&mut self, while_doing: &str) -> Failure {
        if self.went_over_process_cap() {
            let _ = self.wait_until(Instant::now() + Duration::from_millis(500));
            return Failure::of_kind(
                Kind::Crash,
                format!(
                    "{} was killed by the checker {while_doing}: it ran more than {MAX_PROCESSES} processes at once (a fork bomb?)",
                    self.label
                ),
            )
            .note("every fork() must be matched by an exit() in the child; a child that loops back and forks again multiplies");
        }
        let Some(status) = self.wait_until(Instant::now() + Duration::from_millis(500)) else {
            return Failure::checker_error(format!("{} is still running", self.label));
        };
        // Let the output readers catch up with the last bytes before reading them.
        self.stderr
            .wait_closed(Instant::now() + Duration::from_millis(500));
        let stderr = self.stderr_text();
        if let Some(panic) = parse_panic(&stderr) {
            if panic.message.starts_with("not yet implemented") {
                return Failure::not_started(format!(
                    "not started: {} reached a todo!() at {}",
                    self.label, panic.location
                ));
            }
            return Failure::of_kind(
                Kind::Panic,
                format!(
                    "{} panicked {while_doing}: '{}' at {}",
                    self.label, panic.message, panic.location
                ),
            )
            .output(escape::excerpt(stderr.as_bytes(), 2000));
        }
        let kind = if status.signal().is_some() {
            Kind::Crash
        } else {
            Kind::BadExit
        };
        Failure::of_kind(
            kind,
            format!("{} {} {while_doing}", self.label, describe_exit(status)),
        )
        .output(escape::excerpt(stderr.as_bytes(), 2000))
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Kill the orphans (and their descendants) that carry `tag_prefix`. An orphan comes back to
/// the checker, a subreaper, as soon as its parent dies, so looking below the checker's
/// unsupervised children finds every process that escaped its program's group.
fn kill_tagged_orphans(tag_prefix: &str) -> usize {
    let me = std::process::id() as i32;
    let mut quiet_rounds = 0;
    let mut killed = std::collections::BTreeSet::new();
    for _round in 0..100 {
        let orphans: Vec<i32> = {
            let tracked = lock(&TRACKED);
            procinfo::children(me)
                .into_iter()
                .filter(|p| !tracked.contains(p))
                .collect()
        };
        let mut found: Vec<i32> = Vec::new();
        for orphan in orphans {
            found.push(orphan);
            found.extend(procinfo::descendants(orphan));
        }
        found.retain(|&p| !procinfo::is_zombie(p) && procinfo::environ_has(p, TAG_VAR, tag_prefix));
        if found.is_empty() {
            // Processes killed a moment ago may still be orphaning their children: look twice.
            quiet_rounds += 1;
            if quiet_rounds >= 2 {
                return killed.len();
            }
        } else {
            quiet_rounds = 0;
        }
        for p in found {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
            killed.insert(p);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    killed.len()
}

/// Kill every process on the machine that carries a tag starting with `tag_prefix`.
fn sweep_tag(tag_prefix: &str) {
    let me = std::process::id() as i32;
    for _round in 0..50 {
        let found: Vec<i32> = procinfo::all_pids()
            .into_iter()
            .filter(|&p| p != me && !procinfo::is_zombie(p))
            .filter(|&p| procinfo::environ_has(p, TAG_VAR, tag_prefix))
            .collect();
        if found.is_empty() {
            return;
        }
        for p in found {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Stop everything this checker started (on Ctrl-C, or before exiting).
pub fn stop_everything() {
    let live: Vec<i32> = lock(&LIVE).keys().copied().collect();
    for pid in live {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
    sweep_tag(&format!("lab-{}-", std::process::id()));
    reap_orphans();
    crate::cgroup::clean_up();
}

/// Killed by a signal or a panic (status 101).
fn is_crash(status: ExitStatus) -> bool {
    status.signal().is_some() || status.code() == Some(101)
}

/// "exited with status 1", "was killed by SIGSEGV (segmentation fault)".
pub fn describe_exit(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return match code {
            101 => "exited with status 101 (a panic)".to_string(),
            _ => format!("exited with status {code}"),
        };
    }
    match status.signal().and_then(|s| Signal::try_from(s).ok()) {
        Some(signal) => {
            let why = match signal {
                Signal::SIGSEGV => " (segmentation fault: a stack overflow?)",
                Signal::SIGABRT => " (abort)",
                Signal::SIGPIPE => " (it wrote to a socket or pipe whose reader had gone)",
                Signal::SIGKILL => " (killed, perhaps for using too much memory or time)",
                _ => "",
            };
            format!("was killed by {}{why}", signal.as_str())
        }
        None => format!("ended with {status}"),
    }
}

/// A Rust panic as printed on stderr.
pub struct Panic {
    pub message: String,
    pub location: String,
}

/// Find `thread '…' panicked at src/x.rs:1:2:\nmessage` in a program's stderr.
pub fn parse_panic(stderr: &str) -> Option<Panic> {
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        if let Some(pos) = line.find(" panicked at ") {
            let location = line[pos + " panicked at ".len()..]
                .trim_end_matches(':')
                .to_string();
            let message = lines
                .by_ref()
                .take_while(|l| !l.starts_with("note: "))
                .collect::<Vec<_>>()
                .join("\n");
            return Some(Panic { message, location });
        }
    }
    None
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
    fn parses_a_rust_panic() {
        let stderr = "\nthread 'main' (4242) panicked at src/bin/echo-server.rs:12:5:\nnot yet implemented\nnote: run with `RUST_BACKTRACE=1`\n";
        let panic = parse_panic(stderr).expect("a panic");
        assert_eq!(panic.location, "src/bin/echo-server.rs:12:5");
        assert_eq!(panic.message, "not yet implemented");
    }

    #[test]
    fn complete_lines_ignore_a_partial_last_line() {
        let lines: Vec<_> = complete_lines(b"a\r\nb\npartial").collect();
        assert_eq!(lines, ["a", "b"]);
    }
}
