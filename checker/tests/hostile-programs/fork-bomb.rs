//! Listens, raises its priority (nice -10, the priority a test judged again gives its programs;
//! a program running as root may set it itself), then forks without end: every child forks
//! again.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    // SAFETY: setpriority only changes this process's nice value (refused unless root).
    unsafe { nix::libc::setpriority(nix::libc::PRIO_PROCESS, 0, -10) };
    loop {
        // SAFETY: the children only fork again.
        let _ = unsafe { nix::unistd::fork() };
    }
}
