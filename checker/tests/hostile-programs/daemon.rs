//! Listens, then leaves a daemon behind: a double fork, setsid(), and a grandchild that sleeps
//! forever outside the program's process group.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    // SAFETY: single-threaded; the children only fork, setsid and sleep.
    if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
        let _ = nix::unistd::setsid();
        if let Ok(nix::unistd::ForkResult::Child) = unsafe { nix::unistd::fork() } {
            loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
            }
        }
        std::process::exit(0);
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
