//! Listens, then allocates memory without end.
include!("../hostile_common.rs");

fn main() {
    let _listener = listen_and_announce();
    let mut hoard: Vec<Vec<u8>> = Vec::new();
    loop {
        hoard.push(vec![0u8; 16 << 20]);
    }
}
