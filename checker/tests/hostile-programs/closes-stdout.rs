//! Closes its stdout at once, then listens (so it can never print its line) and waits.
include!("../hostile_common.rs");

fn main() {
    // SAFETY: fd 1 is ours to close; nothing uses stdout afterwards but the hostile line.
    unsafe { nix::libc::close(1) };
    let _listener = listen_and_announce_quietly();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

fn listen_and_announce_quietly() -> Option<OwnedFd> {
    std::panic::catch_unwind(listen_and_announce).ok()
}
