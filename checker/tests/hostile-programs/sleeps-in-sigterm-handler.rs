//! Its SIGTERM handler sleeps for an hour.
include!("../hostile_common.rs");

extern "C" fn on_term(_: nix::libc::c_int) {
    std::thread::sleep(std::time::Duration::from_secs(3600));
}

fn main() {
    let action = nix::sys::signal::SigAction::new(
        nix::sys::signal::SigHandler::Handler(on_term),
        nix::sys::signal::SaFlags::empty(),
        nix::sys::signal::SigSet::empty(),
    );
    // SAFETY: a hostile handler, on purpose.
    let _ = unsafe { nix::sys::signal::sigaction(nix::sys::signal::Signal::SIGTERM, &action) };
    let _listener = listen_and_announce();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
