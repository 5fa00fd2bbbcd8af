//! Looking at processes from outside, through `/proc` (with the procfs crate): the process
//! tree, states, environments. Supervision uses it to find every process a program left
//! behind; the hidden tests of the process exercises use it to count children and zombies.

use procfs::process::Process;

/// Direct children of `pid`, from every thread's `task/*/children` (threads count as one
/// process: a child belongs to the thread that forked it, so all of them are read).
pub fn children(pid: i32) -> Vec<i32> {
    let Ok(process) = Process::new(pid) else {
        return Vec::new();
    };
    let Ok(tasks) = process.tasks() else {
        return Vec::new();
    };
    let mut kids: Vec<i32> = tasks
        .flatten()
        .filter_map(|task| task.children().ok())
        .flatten()
        .map(|c| c as i32)
        .collect();
    kids.sort_unstable();
    kids.dedup();
    kids
}

/// Every process below `pid` (not `pid` itself), parents before children.
pub fn descendants(pid: i32) -> Vec<i32> {
    let mut found = Vec::new();
    let mut queue = children(pid);
    while let Some(p) = queue.pop() {
        if !found.contains(&p) {
            found.push(p);
            queue.extend(children(p));
        }
    }
    found
}

/// The one-letter state of a process (R, S, D, Z, T, t, X, ...); `None` if it is gone.
/// procfs takes the state after the last `)` of `stat`, so a command name with spaces or
/// parentheses cannot confuse it.
pub fn state(pid: i32) -> Option<char> {
    Process::new(pid)
        .and_then(|p| p.stat())
        .ok()
        .map(|s| s.state)
}

pub fn is_zombie(pid: i32) -> bool {
    state(pid) == Some('Z')
}

/// Whether the process's environment holds `NAME=value` starting with `prefix`.
/// Environments are inherited through fork and exec, so a tag set on a program marks every
/// process that descends from it, even one that left its process group with setsid().
pub fn environ_has(pid: i32, name: &str, prefix: &str) -> bool {
    let Ok(env) = Process::new(pid).and_then(|p| p.environ()) else {
        return false;
    };
    env.get(std::ffi::OsStr::new(name))
        .and_then(|v| v.to_str())
        .is_some_and(|v| v.starts_with(prefix))
}

/// Every pid on the machine (in our PID namespace).
pub fn all_pids() -> Vec<i32> {
    let Ok(all) = procfs::process::all_processes() else {
        return Vec::new();
    };
    all.flatten().map(|p| p.pid()).collect()
}

/// The process group of a process.
pub fn pgid(pid: i32) -> Option<i32> {
    Process::new(pid)
        .and_then(|p| p.stat())
        .ok()
        .map(|s| s.pgrp)
}
