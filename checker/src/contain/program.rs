//! A program under supervision: watched while it runs, stopped with SIGTERM then SIGKILL to
//! its whole group, after which every process that still carries its tag (a variable in the
//! environment, inherited by all its descendants, even those that called setsid()) is killed
//! too, and reaped. What the checker had to do is recorded in the test's scope.

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdin, ExitStatus};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;

use super::capture::Capture;
use super::exit::{describe_exit, is_crash, is_sanitizer_report, parse_panic, reached_todo};
use super::intervention::{Intervention, Recorder};
use super::reaper::{self, MAX_PROCESSES, TAG_VAR};
use super::scope::BusiestCpu;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind};
use crate::contain::procinfo;

/// How long a program gets between SIGTERM and SIGKILL when the checker stops it.
const TERM_GRACE: Duration = Duration::from_millis(300);

/// How much longer, at most, a program still waiting for a CPU since the SIGTERM (a starved
/// machine's) is waited for before SIGKILL: it has not ignored the signal, it has not yet run
/// to see it.
const STARVED_GRACE: Duration = Duration::from_secs(3);

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
    cap: Option<super::cgroup::Cap>,
    /// A server, meant to run until it is stopped.
    server: bool,
    /// The checker has stopped it already (a second `stop`, from `Drop`, does nothing).
    stopped: bool,
    /// The test asked it to end (SIGTERM, SIGINT, SIGKILL): its exit is the test's business.
    ending_asked: bool,
    /// Where what the checker had to do to it is written down (its test's).
    recorder: Recorder,
    /// Where its busiest thread's CPU time is kept when the checker stops it (its test's).
    busiest_cpu: BusiestCpu,
    /// The call it slept in when the checker last stopped it (`freeze`).
    frozen_in: Option<String>,
}

/// How a program came out of a wait for its turn on a CPU (`Program::wait_for_its_turn`).
enum Turned {
    Ended(ExitStatus),
    /// Still running, having had its turn (or asleep, stopped, in the kernel: not waiting for
    /// a CPU).
    Running,
    /// Still running, waiting for a CPU all along (a starved machine's): not judged.
    NeverRan,
}

/// What a program is started with (see spawn.rs).
pub(super) struct Started {
    pub label: String,
    pub child: Child,
    pub tag: String,
    pub stdin: Option<ChildStdin>,
    pub stdout: Arc<Capture>,
    pub stderr: Arc<Capture>,
    pub cap: Option<super::cgroup::Cap>,
    pub server: bool,
    pub recorder: Recorder,
    pub busiest_cpu: BusiestCpu,
}

impl Program {
    pub(super) fn new(started: Started, program: &Path, args: &[OsString]) -> Program {
        let pid = started.child.id() as i32;
        Program {
            label: started.label,
            command: String::new(),
            child: started.child,
            pid,
            tag: started.tag,
            stdin: started.stdin,
            stdout: started.stdout,
            stderr: started.stderr,
            status: None,
            cap: started.cap,
            server: started.server,
            stopped: false,
            ending_asked: false,
            recorder: started.recorder,
            busiest_cpu: started.busiest_cpu,
            frozen_in: None,
        }
        .with_command(program, args)
    }

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
        match kill(Pid::from_raw(self.pid), signal) {
            // Ended and reaped between the check above and now: as `signal_group` says.
            Err(nix::errno::Errno::ESRCH) => Ok(()),
            other => other.with_context(|| format!("kill({}, {signal})", self.pid)),
        }
    }

    /// Stop the program (SIGSTOP to it alone), as Ctrl-Z does, so that what the test does next
    /// arrives all at once when it is continued (`thaw`): first wait (at most 1 s) until it
    /// sleeps in whatever call it waits in, so that the stop always finds it waiting, never
    /// half-way through a turn of its loop; then until it is stopped. The call it slept in is
    /// remembered: a program that ends on the EINTR the stop causes is told so.
    pub fn freeze(&mut self) -> Result<()> {
        self.sigstop(false)
    }

    /// `freeze`, for the program's whole process group (it and the children it forked, which
    /// may be the ones serving the clients), as a terminal's Ctrl-Z does; `thaw_group` continues
    /// them.
    pub fn freeze_group(&mut self) -> Result<()> {
        self.sigstop(true)
    }

    fn sigstop(&mut self, group: bool) -> Result<()> {
        // With the group, every process of it: a worker that is not stopped goes on reading
        // what the test sends "while the program is stopped".
        let members = |pid: i32| -> Vec<i32> {
            if group {
                procinfo::tree(pid)
                    .into_iter()
                    .filter(|&p| procinfo::pgid(p) == Some(pid))
                    .collect()
            } else {
                vec![pid]
            }
        };
        // A program that never sleeps (a busy loop) is stopped once it has had its turn.
        let turn = procinfo::Turn::new(self.pid);
        let until = Instant::now() + Duration::from_secs(1);
        while !members(self.pid)
            .into_iter()
            .all(|p| procinfo::is_waiting(p) || procinfo::state(p) == Some('Z'))
            && !turn.ran()
            && Instant::now() < until
        {
            if self.try_status().is_some() {
                // Already over: the test's next step finds out.
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let call = procinfo::tasks(self.pid)
            .first()
            .and_then(|t| t.call)
            .and_then(|c| c.name())
            .map(str::to_string);
        if call.is_some() {
            self.frozen_in = call;
        }
        if group {
            self.signal_group(Signal::SIGSTOP)?;
        } else {
            self.signal(Signal::SIGSTOP)?;
        }
        let until = Instant::now() + Duration::from_secs(1);
        while !members(self.pid)
            .into_iter()
            .all(|p| matches!(procinfo::state(p), Some('T') | None))
            && Instant::now() < until
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        Ok(())
    }

    /// Continue a program `freeze` stopped (SIGCONT), as fg does.
    pub fn thaw(&mut self) -> Result<()> {
        self.signal(Signal::SIGCONT)
    }

    /// Continue a process group `freeze_group` stopped (SIGCONT), as fg does.
    pub fn thaw_group(&mut self) -> Result<()> {
        self.signal_group(Signal::SIGCONT)
    }

    /// Send a signal to the program's whole process group (it and the children it forked), as
    /// a terminal's Ctrl-C does with SIGINT.
    pub fn signal_group(&mut self, signal: Signal) -> Result<()> {
        if matches!(signal, Signal::SIGTERM | Signal::SIGINT | Signal::SIGKILL) {
            self.ending_asked = true;
        }
        match killpg(Pid::from_raw(self.pid), signal) {
            // The whole group has ended and been reaped: nothing is left to signal, and the
            // test's next step finds the program over (its own failure, not the checker's).
            Err(nix::errno::Errno::ESRCH) => Ok(()),
            other => other.with_context(|| format!("killpg({}, {signal})", self.pid)),
        }
    }

    /// Processes other than the program itself that carry its tag, with their states: what it
    /// left behind once it has exited. Every process is looked at: in plain mode its orphans
    /// come back to the checker (a subreaper), but in a sandbox they go to the sandbox's init
    /// (a subreaper is heir only within its own PID namespace), out of the checker's sight.
    /// Hold a `ReaperPause` to see the zombies among them.
    pub fn leftovers(&self) -> Vec<(i32, char)> {
        let mut found = procinfo::all_pids();
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

    /// Processes other than the program itself that carry its tag and are still running,
    /// wherever they are: in a sandbox the program's orphans go to the sandbox's init, not to
    /// the checker, so `leftovers` cannot see them.
    pub fn running_tagged(&self) -> Vec<i32> {
        procinfo::all_pids()
            .into_iter()
            .filter(|&p| {
                p != self.pid
                    && procinfo::environ_has(p, TAG_VAR, &self.tag)
                    && procinfo::state(p).is_some_and(|s| s != 'Z')
            })
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
        reaper::untrack(self.pid);
    }

    /// Its last non-empty lines on stderr (at most `n`), escaped; where a sanitizer reported,
    /// its report's first line and the frames under it instead: the last lines are then only
    /// the bottom of the stack (`__libc_start_main`, `_start`).
    pub fn last_words(&self, n: usize) -> Vec<String> {
        self.stderr.wait_drained();
        let text = self.stderr_text();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let words: Vec<String> = match lines.iter().position(|l| is_sanitizer_report(l)) {
            Some(report) => lines[report..]
                .iter()
                .take(n)
                .map(|l| short_paths(l))
                .collect(),
            None => lines[lines.len().saturating_sub(n)..]
                .iter()
                .map(|l| l.to_string())
                .collect(),
        };
        words
            .iter()
            .map(|l| escape::bytes(&l.as_bytes()[..l.len().min(160)]))
            .collect()
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
        // (last_words first: it waits for the last bytes of stderr.)
        let last_words = self.last_words(3);
        let stderr = self.stderr_text().to_lowercase();
        let on_eintr = stderr.contains("interrupted system call") || stderr.contains("eintr");
        self.recorder.record(Intervention::EndedOnItsOwn {
            eintr_after_stop: self.frozen_in.clone().filter(|_| on_eintr),
            label: self.label.clone(),
            how: describe_exit(status),
            last_words,
            server: self.server,
            todo_at: parse_panic(&self.stderr_text())
                .filter(|p| p.message.starts_with("not yet implemented"))
                .map(|p| p.location),
        });
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
        // The processes of its group it left running after it ended (on its own, or on the
        // checker's SIGTERM, which they ignored).
        let left_in_group = match self.status {
            // It ended on its own, before the test was over: say how.
            Some(status) => {
                self.report_own_end(status);
                if self.ending_asked {
                    // The test signalled it: its group may be on its way out too.
                    self.wait_for_the_group()
                } else {
                    self.group().len()
                }
            }
            None => {
                // What it used goes with it: kept now, for whether it had the CPU.
                self.busiest_cpu.saw(procinfo::busiest_thread_cpu(self.pid));
                self.terminate(group, &label)
            }
        };
        // The leader may be gone while its group lives on.
        let _ = killpg(group, Signal::SIGKILL);
        self.record_what_was_left(label, left_in_group);
        let status = self.wait_until(Instant::now() + Duration::from_secs(5));
        if status.is_some() {
            reaper::forget_live(self.pid);
        }
        // Else unkillable (stuck in the kernel): it stays tracked so nobody else reaps it.
        status
    }

    /// The checker ends a program still running: SIGTERM to its group, SIGKILL after a grace
    /// period, then the processes below it that left the group but carry its tag. Returns how
    /// many of its group outlived the leader's end on the SIGTERM (`wait_for_the_group`).
    fn terminate(&mut self, group: Pid, label: &str) -> usize {
        if procinfo::state(self.pid) == Some('T') {
            self.recorder.record(Intervention::FoundStopped {
                label: label.to_string(),
            });
        }
        // Processes that left the group (setsid) but still hang below the program.
        let tree = procinfo::descendants(self.pid);
        // Its own choice, read before the signal: with SIGTERM's default action (not caught,
        // ignored or blocked) the kernel ends it for certain, however late a busy machine runs
        // it (or lets its exit out of the kernel): it never ignores the signal.
        let fatal = procinfo::keeps_default_action(self.pid, libc::SIGTERM);
        let _ = killpg(group, Signal::SIGTERM);
        let _ = killpg(group, Signal::SIGCONT); // a stopped process only dies once continued
        // A program the signal kills only dies once it runs: on a starved machine that may be
        // after the grace, and it has not ignored the signal.
        let left_in_group = match self.wait_for_its_turn(TERM_GRACE, fatal) {
            // A crash already under way (its sockets closed, its status not yet
            // reported when the test failed) ends with its own signal, not SIGTERM.
            Turned::Ended(status)
                if is_crash(status)
                    && !matches!(status.signal(), Some(libc::SIGTERM | libc::SIGKILL)) =>
            {
                self.report_own_end(status);
                self.wait_for_the_group()
            }
            Turned::Ended(_) => self.wait_for_the_group(),
            // Its group is killed with it: the leader's SIGTERM is what is said.
            Turned::Running => {
                let _ = killpg(group, Signal::SIGKILL);
                self.recorder.record(Intervention::IgnoredSigterm {
                    label: label.to_string(),
                    grace_ms: TERM_GRACE.as_millis(),
                });
                0
            }
            // Waiting for a CPU all along: nothing to say of it but that it was killed.
            Turned::NeverRan => {
                let _ = killpg(group, Signal::SIGKILL);
                0
            }
        };
        for pid in tree {
            if procinfo::environ_has(pid, TAG_VAR, &self.tag) {
                let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
            }
        }
        left_in_group
    }

    /// Waits `at_least` on the clock for the program to end, then on while it waits for a CPU
    /// (`procinfo::Signalled`: runnable without having had its turn since this was called), or
    /// while a signal that is `fatal` to it has yet to end it, `STARVED_GRACE` at most: a
    /// starved machine's program that has not yet run has not shown what it does. (The rest of
    /// its group is waited for once it has ended.)
    fn wait_for_its_turn(&mut self, at_least: Duration, fatal: bool) -> Turned {
        let signalled = procinfo::Signalled::new([self.pid]);
        if let Some(status) = self.wait_until(Instant::now() + at_least) {
            return Turned::Ended(status);
        }
        let until = Instant::now() + STARVED_GRACE;
        loop {
            if !fatal && !signalled.starved() {
                return Turned::Running;
            }
            let next = (Instant::now() + Duration::from_millis(10)).min(until);
            if let Some(status) = self.wait_until(next) {
                return Turned::Ended(status);
            }
            if Instant::now() >= until {
                return Turned::NeverRan;
            }
        }
    }

    /// The processes of its group still running once the leader has ended (on its own, or on
    /// the group's SIGTERM, which they got too), wherever they are (an orphan in a sandbox goes
    /// to its init): each one waiting for a CPU is waited for (`STARVED_GRACE` at most), so that
    /// one a starved machine has not yet run to its end is not taken for one left running.
    /// Returns how many run on having had their turn: left running.
    fn wait_for_the_group(&self) -> usize {
        let members = self.group();
        if members.is_empty() {
            return 0;
        }
        let signalled = procinfo::Signalled::new(members);
        let until = Instant::now() + STARVED_GRACE;
        while signalled.starved() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(2));
        }
        // (A pid ended and given to another process meanwhile is in no group of the program's.)
        self.group()
            .into_iter()
            .filter(|&p| !signalled.waits(p))
            .count()
    }

    /// The live processes of its group but the leader, wherever they are (an orphan in a
    /// sandbox goes to its init), by its tag too: a group number is given again once the group
    /// is empty.
    fn group(&self) -> Vec<i32> {
        // Nearly always nobody is left: asked of the kernel (a signal to no one), without
        // reading every process.
        if killpg(Pid::from_raw(self.pid), None) == Err(nix::errno::Errno::ESRCH) {
            return Vec::new();
        }
        procinfo::all_pids()
            .into_iter()
            .filter(|&p| {
                p != self.pid
                    && procinfo::pgid(p) == Some(self.pid)
                    && !procinfo::thread_states(p)
                        .iter()
                        .all(|s| matches!(s, 'Z' | 'X'))
                    && procinfo::environ_has(p, TAG_VAR, &self.tag)
            })
            .collect()
    }

    /// What the program left for the checker to do or see: escaped processes killed, forks
    /// refused, a flood of output.
    fn record_what_was_left(&mut self, label: String, left_in_group: usize) {
        let escaped = reaper::kill_tagged_orphans(&self.tag, Some(self.pid)) + left_in_group;
        if escaped > 0 {
            self.recorder.record(Intervention::LeftRunning {
                label: label.clone(),
                count: escaped,
            });
        }
        if let Some(refused) = self
            .cap
            .as_ref()
            .map(|c| c.refused_forks())
            .filter(|&n| n > 0)
        {
            self.recorder.record(Intervention::RefusedForks {
                label: label.clone(),
                refused,
            });
        }
        let flood = self.stdout.total() + self.stderr.total();
        if flood > 16 << 20 {
            self.recorder.record(Intervention::Flooded {
                label,
                bytes: flood,
            });
        }
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
        reaper::went_over_cap(self.pid) || self.cap.as_ref().is_some_and(|c| c.refused_forks() > 0)
    }

    /// Explain an exit that the test did not expect, as a failure: a `todo!()` becomes
    /// "not started", a panic shows its message and line, a signal is named.
    pub fn unexpected_exit(&mut self, while_doing: impl Into<Text>) -> Failure {
        let while_doing: Text = while_doing.into();
        if self.went_over_process_cap() {
            let _ = self.wait_until(Instant::now() + Duration::from_millis(500));
            return Failure::of_kind(
                FailureKind::Crash,
                msg!(
                    "program-killed-fork-bomb",
                    label = &self.label,
                    situation = while_doing,
                    max = MAX_PROCESSES
                ),
            )
            .note(msg!("program-fork-bomb-note"));
        }
        let Some(status) = self.wait_until(Instant::now() + Duration::from_millis(500)) else {
            return Failure::checker_error(msg!("program-still-running", label = &self.label));
        };
        // Let the output readers catch up with the last bytes before reading them.
        self.stderr.wait_drained();
        let stderr = self.stderr_text();
        if let Some(panic) = parse_panic(&stderr) {
            if panic.message.starts_with("not yet implemented") {
                return Failure::not_started(reached_todo(&self.label, &panic.location));
            }
            return Failure::of_kind(
                FailureKind::Panic,
                msg!(
                    "program-panicked",
                    label = &self.label,
                    situation = while_doing,
                    message = panic.message,
                    at = panic.location
                ),
            )
            .output(escape::excerpt(stderr.as_bytes(), 2000));
        }
        let kind = if status.signal().is_some() {
            FailureKind::Crash
        } else {
            FailureKind::BadExit
        };
        Failure::of_kind(
            kind,
            msg!(
                "program-ended",
                label = &self.label,
                how = describe_exit(status),
                situation = while_doing
            ),
        )
        .output(escape::excerpt(stderr.as_bytes(), 2000))
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `line` with each absolute path to a C source cut to the file's name: a sanitizer's frames
/// name the checker's copy (`/…/target/checker-build/…/day7-broker/mqtt-broker.c:334`), its
/// report line the file as compiled (`mqtt-broker.c:334:30`).
fn short_paths(line: &str) -> String {
    let short = |word: &str| -> String {
        let source = word.starts_with('/') && (word.contains(".c:") || word.contains(".h:"));
        match word.rsplit_once('/') {
            Some((_, name)) if source => name.to_string(),
            _ => word.to_string(),
        }
    };
    let indent = &line[..line.len() - line.trim_start().len()];
    let words: Vec<String> = line.split_whitespace().map(short).collect();
    format!("{indent}{}", words.join(" "))
}

#[cfg(test)]
mod tests {
    use std::os::fd::{AsRawFd, OwnedFd};
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;
    use std::time::{Duration, Instant};

    use super::short_paths;
    use crate::contain::exit::is_sanitizer_report;
    use crate::contain::intervention::Intervention;
    use crate::contain::procinfo;
    use crate::contain::scope::Scope;
    use crate::contain::spawn::Spawn;

    #[test]
    fn a_sanitizer_frame_names_the_file_as_compiled() {
        let frame = "    #0 0x55b8e7d9009a in remaining_length /w/target/checker-build/7b/t/day7-broker/mqtt-broker.c:334";
        assert_eq!(
            short_paths(frame),
            "    #0 0x55b8e7d9009a in remaining_length mqtt-broker.c:334"
        );
        assert!(is_sanitizer_report(
            "mqtt-broker.c:334:30: runtime error: left shift of 127 by 28 places"
        ));
        assert!(!is_sanitizer_report(
            "echo-server: bind: Address already in use"
        ));
    }

    /// A process kept off every CPU, as a starved machine keeps one: stopped by a tracer of its
    /// own (a ptrace stop, which SIGCONT does not end and a pending SIGTERM waits behind) until
    /// `let_go`. `None` where the checker may not trace it.
    struct Held {
        tracer: i32,
        go: OwnedFd,
    }

    impl Held {
        fn new(pid: i32) -> Option<Held> {
            use nix::fcntl::OFlag;
            let (ready_r, ready_w) = nix::unistd::pipe2(OFlag::O_CLOEXEC).unwrap();
            let (go_r, go) = nix::unistd::pipe2(OFlag::O_CLOEXEC).unwrap();
            assert!(ready_w.as_raw_fd() < 1000 && go_r.as_raw_fd() < 1000);
            // SAFETY: the child makes system calls only (dup2, close_range, ptrace, waitpid,
            // read, write, _exit): nothing that allocates or locks, after a fork of a threaded
            // process.
            let tracer = unsafe { libc::fork() };
            assert!(tracer >= 0, "fork failed");
            if tracer == 0 {
                unsafe {
                    // Only its two ends kept, at known numbers: no other test's descriptor is
                    // held open by it.
                    libc::dup2(ready_w.as_raw_fd(), 1000);
                    libc::dup2(go_r.as_raw_fd(), 1001);
                    libc::syscall(libc::SYS_close_range, 3, 999, 0);
                    libc::syscall(libc::SYS_close_range, 1002, u32::MAX, 0);
                    let null = std::ptr::null_mut::<libc::c_void>();
                    let errno = if libc::ptrace(libc::PTRACE_SEIZE, pid, null, null) == 0
                        && libc::ptrace(libc::PTRACE_INTERRUPT, pid, null, null) == 0
                        && libc::waitpid(pid, std::ptr::null_mut(), libc::__WALL) == pid
                    {
                        0
                    } else {
                        *libc::__errno_location()
                    };
                    libc::write(1000, (&errno as *const i32).cast(), 4);
                    if errno == 0 {
                        let mut go = 0u8;
                        libc::read(1001, (&mut go as *mut u8).cast(), 1);
                        libc::ptrace(libc::PTRACE_DETACH, pid, null, null);
                    }
                    libc::_exit(0);
                }
            }
            drop((ready_w, go_r));
            let mut errno = [0u8; 4];
            assert_eq!(
                nix::unistd::read(&ready_r, &mut errno),
                Ok(4),
                "the tracer said nothing"
            );
            match i32::from_ne_bytes(errno) {
                0 => Some(Held { tracer, go }),
                errno => {
                    unsafe { libc::waitpid(tracer, std::ptr::null_mut(), 0) };
                    // Yama's ptrace_scope, or root without CAP_SYS_PTRACE (a container).
                    assert_eq!(errno, libc::EPERM, "the tracer could not stop {pid}");
                    None
                }
            }
        }

        fn let_go(self) {
            nix::unistd::write(&self.go, &[1]).unwrap();
            unsafe { libc::waitpid(self.tracer, std::ptr::null_mut(), 0) };
        }
    }

    /// Stops `program` (a shell command) while it, or with `child` its first child, is held off
    /// the CPU for a second: how it ended, what the checker recorded, and how long the stop
    /// took. `None` where it cannot be held (said so).
    fn stop_starved(
        command: &str,
        child: bool,
    ) -> Option<(Option<ExitStatus>, Vec<Intervention>, Duration)> {
        // Asleep first (the child begun), so that the hold finds it settled.
        let (_dir, scope, mut program) = asleep(command, 1 + usize::from(child));
        let Some(held) = Held::new(procinfo::tree(program.pid())[usize::from(child)]) else {
            eprintln!("this user may not trace its programs here: the starved stop is untested");
            return None;
        };
        let began = Instant::now();
        let letting_go = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            held.let_go();
        });
        let status = program.stop();
        let took = began.elapsed();
        letting_go.join().unwrap();
        Some((status, scope.recorder.take(), took))
    }

    /// A program that SIGTERM kills, kept off the CPU past the grace, is waited for and dies of
    /// the SIGTERM, never said to ignore it (the stop outlasts the hold: what the test makes
    /// happened); one asleep that ignores SIGTERM is said to.
    #[test]
    fn a_starved_program_is_not_said_to_ignore_sigterm() {
        if let Some((status, recorded, took)) = stop_starved("exec sleep 60", false) {
            assert!(took >= Duration::from_secs(1), "{took:?}");
            assert_eq!(
                status.and_then(|s| s.signal()),
                Some(libc::SIGTERM),
                "{recorded:?}"
            );
            assert!(!says(&recorded, is_ignored), "{recorded:?}");
        }
        let recorded = stop_now("trap '' TERM; while :; do sleep 1; done");
        assert!(says(&recorded, is_ignored), "{recorded:?}");
    }

    /// A child in the program's group that SIGTERM kills, kept off the CPU while its parent
    /// ends, is waited for and never reported left running; one asleep that ignores SIGTERM
    /// is, every time.
    #[test]
    fn a_starved_child_is_not_said_to_be_left_running() {
        if let Some((status, recorded, took)) = stop_starved("sleep 60 & wait", true) {
            assert!(took >= Duration::from_secs(1), "{took:?}");
            assert_eq!(
                status.and_then(|s| s.signal()),
                Some(libc::SIGTERM),
                "{recorded:?}"
            );
            assert!(!says(&recorded, is_left), "{recorded:?}");
        }
        for _ in 0..3 {
            let recorded = stop_now("(trap '' TERM; sleep 60) & wait");
            assert!(says(&recorded, is_left), "{recorded:?}");
        }
    }

    /// Stops `command` (a shell command) once every process of it is asleep: what the checker
    /// recorded.
    fn stop_now(command: &str) -> Vec<Intervention> {
        let (_dir, scope, mut program) = asleep(command, 2);
        program.stop();
        scope.recorder.take()
    }

    /// `command` (a shell command) started in a scope of its own, once it runs `processes`
    /// processes, all asleep (10 s at most); its directory goes when the first is dropped.
    fn asleep(command: &str, processes: usize) -> (tempfile::TempDir, Scope, super::Program) {
        let dir = tempfile::tempdir().unwrap();
        let scope = Scope::new(None, dir.path().to_path_buf());
        let program = Spawn::new("sh", "held")
            .args(["-c", command])
            .in_scope(&scope)
            .start()
            .unwrap();
        let settled = Instant::now() + Duration::from_secs(10);
        let tree = || procinfo::tree(program.pid());
        while !(tree().len() >= processes && tree().into_iter().all(procinfo::is_waiting))
            && Instant::now() < settled
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        (dir, scope, program)
    }

    fn says(recorded: &[Intervention], what: fn(&Intervention) -> bool) -> bool {
        recorded.iter().any(what)
    }

    fn is_ignored(i: &Intervention) -> bool {
        matches!(i, Intervention::IgnoredSigterm { .. })
    }

    fn is_left(i: &Intervention) -> bool {
        matches!(i, Intervention::LeftRunning { .. })
    }
}
