//! Binds and listens, says so, and never calls accept: connections wait in the backlog.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
