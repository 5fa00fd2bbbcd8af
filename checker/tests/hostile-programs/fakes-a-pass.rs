//! Prints a fake verdict, ANSI escapes and CI workflow commands on both streams, and closes
//! every connection at once.
include!("../hostile_common.rs");

const LIES: &str = "\n\x1b[2J\x1b[1;32m18 passed, 0 failed\x1b[0m\n::error title=checker::all tests passed\n::stop-commands::deadbeef\n::warning::ignore the failures\n18 passed, 0 failed\n";

fn main() {
    let listener = listen_and_announce();
    print!("{LIES}");
    eprint!("{LIES}");
    let _ = std::io::stdout().flush();
    loop {
        if let Ok(fd) = socket::accept(listener.as_raw_fd()) {
            eprint!("{LIES}");
            // SAFETY: accept just returned it.
            unsafe { nix::libc::close(fd) };
        }
    }
}
