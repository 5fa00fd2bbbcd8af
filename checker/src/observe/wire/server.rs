//! A server under test once it is ready (`Server`: its program, the port it really listens
//! on), and what finds a port and reads a `listening on` line. Starting one is a test step,
//! `exercises::kit::server`.

use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::conn::Conn;
use super::transcript::Transcript;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};
use crate::contain::procinfo;
use crate::contain::program::Program;

/// Where a program under test comes from, decided once when the build is planned: it decides
/// how the checker waits for it to be ready and what it holds it to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built by the checker from the student's package: it prints the lab's `listening on` line
    /// for the port it is given, and keeps the lab's usage errors.
    Built,
    /// Given with `--program NAME=PATH` (a program written elsewhere, a broker people use): it
    /// may print no line, listen on a port of its own, and take no arguments; it is ready once
    /// /proc shows it listening.
    Given,
}

/// A server program, started and ready.
pub struct Server {
    pub program: Program,
    pub port: u16,
    /// The `listening on` line as printed (empty if the program printed none).
    pub line: String,
    /// How a student starts it by hand, on port 7000.
    pub by_hand_command: String,
    /// Built by the checker, or given with `--program`.
    pub origin: Origin,
}

/// A free TCP port on loopback, for a program that needs one given (race-free enough: the
/// kernel does not hand the same ephemeral port out again at once), whose two bytes differ
/// and whose swap is not a privileged port (`loopback`).
pub fn free_port() -> Result<u16, Failure> {
    let l = loopback_listener()?;
    Ok(l.local_addr()?.port())
}

/// A socket bound by `bind` to a port of the kernel's choosing whose two bytes differ, so that
/// a program that uses it in the wrong byte order (a missing `htons`) always reaches another
/// port and the mistake always shows: one port in 256 (0x8080, 0xc1c1) reads the same both
/// ways, and hid the mistake by luck. Nor is the port swapped one below 1024 (a low byte of 0
/// to 3, 4 in 256): a program without CAP_NET_BIND_SERVICE, as in the plain sandbox, would be
/// refused it (EACCES), and the mistake would show as that, not as the byte order it is. A port
/// refused stays bound until one is chosen, so the kernel offers another.
pub fn loopback<S>(
    bind: impl Fn() -> std::io::Result<S>,
    address: impl Fn(&S) -> std::io::Result<std::net::SocketAddr>,
) -> std::io::Result<S> {
    let mut refused = Vec::new();
    loop {
        let socket = bind()?;
        let port = address(&socket)?.port();
        if port.swap_bytes() != port && port.swap_bytes() >= 1024 {
            return Ok(socket);
        }
        refused.push(socket);
    }
}

/// A TCP listener on loopback, on a port of the kernel's choosing that shows a missing htons()
/// (`loopback`).
pub fn loopback_listener() -> std::io::Result<TcpListener> {
    loopback(
        || TcpListener::bind((Ipv4Addr::LOCALHOST, 0)),
        |l| l.local_addr(),
    )
}

/// A UDP socket on loopback, on a port of the kernel's choosing that shows a missing htons()
/// (`loopback`).
pub fn loopback_udp() -> std::io::Result<std::net::UdpSocket> {
    loopback(
        || std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)),
        |s| s.local_addr(),
    )
}

/// Parse `listening on <ip>:<port>`.
pub fn parse_listening(line: &str) -> Option<(Ipv4Addr, u16)> {
    let rest = line.strip_prefix("listening on ")?;
    let (ip, port) = rest.rsplit_once(':')?;
    Some((ip.parse().ok()?, port.parse().ok()?))
}

impl Server {
    /// Connect to the server; if that fails because the server is gone, say that (its exit
    /// status and stderr explain more than "connection refused").
    pub fn connect(
        &mut self,
        t: &Arc<Transcript>,
        who: &str,
        deadline: Instant,
    ) -> Result<Conn, Failure> {
        Conn::connect(t, who, self.port, deadline).map_err(|f| {
            match self
                .program
                .wait_until(Instant::now() + Duration::from_millis(200))
            {
                Some(_) => t.attach(
                    self.program
                        .unexpected_exit(msg!("server-before-connected", who = who)),
                ),
                None => self.explain_refusal(f),
            }
        })
    }

    /// A refused connect to a live server: does it listen somewhere else (a `bind` that failed
    /// unchecked, after which `listen` picks a port of its own), or nowhere at all?
    pub fn explain_refusal(&self, f: Failure) -> Failure {
        if f.kind != Some(Kind::Refused) {
            return f;
        }
        let ports = procinfo::listening(self.program.pid());
        if ports.iter().any(|l| l.port() == self.port) {
            return f;
        }
        let label = &self.program.label;
        match ports.first() {
            Some(other) => f.note(msg!(
                "server-listens-elsewhere",
                label = label,
                actual = other.port().to_string(),
                port = self.port.to_string()
            )),
            None => f.note(msg!("server-listens-nowhere", label = label)),
        }
    }

    /// Fail if the server has exited; explain how.
    pub fn check_alive(&mut self, while_doing: impl Into<Text>) -> Result<(), Failure> {
        if self.program.try_status().is_some() {
            return Err(self.program.unexpected_exit(while_doing));
        }
        Ok(())
    }

    /// "try it by hand" for a failure message: the server on port 7000, then `client`.
    pub fn by_hand(&self, client: &str) -> Text {
        msg!(
            "server-by-hand",
            server = &self.by_hand_command,
            client = client
        )
    }
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, SocketAddr};

    use super::loopback;

    /// A port that reads the same in either byte order is refused, and so is one whose swap is
    /// below 1024 (a privileged port), each held while the next is taken; the kernel's own
    /// choices all have two different bytes and a swap of 1024 or more.
    #[test]
    fn a_port_hides_no_missing_htons() {
        let offered = std::cell::RefCell::new(vec![0x1234u16, 0x8004, 0x8003, 0xc1c1, 0x8080]);
        let bind = || Ok(offered.borrow_mut().pop().unwrap());
        let address = |p: &u16| Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, *p)));
        assert_eq!(loopback(bind, address).unwrap(), 0x8004);
        assert_eq!(*offered.borrow(), [0x1234]);
        for _ in 0..300 {
            let bound = super::loopback_listener().unwrap();
            let port = bound.local_addr().unwrap().port();
            assert_ne!(port.swap_bytes(), port);
            assert!(port.swap_bytes() >= 1024, "{port:#06x}");
        }
    }
}
