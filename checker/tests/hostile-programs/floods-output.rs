//! Writes 1 GiB to stdout and 1 GiB to stderr, and never says it listens.
use std::io::Write;

fn main() {
    let chunk = vec![b'x'; 64 * 1024];
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    for _ in 0..(1 << 30) / chunk.len() {
        if out.write_all(&chunk).is_err() || err.write_all(&chunk).is_err() {
            break;
        }
    }
}
