//! Starting, confining and stopping programs — the one place that does. A test's programs run
//! in its `scope` (a tag, a sandbox, a directory); `spawn` starts one, `program` watches and
//! stops it, `capture` keeps its output; `reaper` knows every child of the checker and collects
//! what nobody waits for; `sandbox` and `cgroup` confine; `procinfo` reads `/proc` (the process
//! tree, states, sockets); `schedule` sets where a program's threads run, and `hold` stops one
//! of them, for a test that makes a race happen; `intervention` records what the checker had to do; `workdirs` holds the directories tests run in, removed if the checker is stopped; `exit` puts how a program
//! ended into words.

pub mod capture;
pub mod cgroup;
pub mod exit;
pub mod git;
pub mod hold;
pub mod intervention;
pub mod limits;
pub mod pressure;
pub mod procinfo;
pub mod program;
pub mod reaper;
pub mod sandbox;
pub mod schedule;
pub mod scope;
pub mod spawn;
pub mod workdirs;
