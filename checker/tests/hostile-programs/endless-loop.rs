//! Listens, then spins forever without accepting anybody.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    loop {
        std::hint::spin_loop();
    }
}
