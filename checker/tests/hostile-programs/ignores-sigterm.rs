//! Ignores SIGTERM, listens, and never accepts.
include!("../hostile_common.rs");

fn main() {
    // SAFETY: SIG_IGN is not a handler.
    let _ = unsafe { nix::sys::signal::signal(nix::sys::signal::Signal::SIGTERM, nix::sys::signal::SigHandler::SigIgn) };
    let _listener = listen_and_announce();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
