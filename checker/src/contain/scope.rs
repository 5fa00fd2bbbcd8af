//! Where the programs of one test run.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::intervention::Recorder;

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
    /// What the checker had to do to the test's programs.
    pub recorder: Recorder,
    /// What each of its programs may use (the defaults but for `checker compare`, whose
    /// servers may run a process or a thread per client).
    pub limits: super::limits::Limits,
    /// The CPU time of the busiest thread of the programs the checker stopped.
    pub busiest_cpu: BusiestCpu,
}

/// The most CPU time one thread of a test's programs used, kept as the checker stops each
/// program: a stopped program's /proc entry goes with it, and whether a program that did not
/// answer had the CPU (it spun) is asked once the test is over.
#[derive(Clone, Debug, Default)]
pub struct BusiestCpu(Arc<AtomicU64>);

impl BusiestCpu {
    pub fn saw(&self, cpu: Duration) {
        let nanos = u64::try_from(cpu.as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_max(nanos, Ordering::Relaxed);
    }

    pub fn most(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
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
            recorder: Recorder::default(),
            limits: super::limits::Limits::default(),
            busiest_cpu: BusiestCpu::default(),
        }
    }
}
