//! Listens, then forks without end: every child forks again.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    loop {
        // SAFETY: the children only fork again.
        let _ = unsafe { nix::unistd::fork() };
    }
}
