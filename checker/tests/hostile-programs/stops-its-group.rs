//! Listens, then stops its own process group with SIGSTOP.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    let _ = nix::sys::signal::killpg(nix::unistd::getpgrp(), nix::sys::signal::Signal::SIGSTOP);
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
