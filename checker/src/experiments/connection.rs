//! A connection's two ends, one call at a time: what accept() gives, what SHUT_RD stops (and
//! does not), what writing to a peer that closed brings, and how a non-blocking connect to a
//! closed port ends.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::Duration;

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{MsgFlags, Shutdown, getsockopt, send, shutdown, sockopt};
use nix::sys::wait::{WaitStatus, waitpid};

use super::net::{self, CLOSE, CLOSE_WAIT};
use super::processes::spawn;
use super::{Lab, Outcome, yes_no};
use crate::base::i18n::msg;

fn nonblocking(fd: &OwnedFd) -> Result<bool> {
    let flags = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL)?);
    Ok(flags.contains(OFlag::O_NONBLOCK))
}

/// A listening socket made non-blocking with fcntl, as the course's servers do: the socket
/// accept() returns is blocking all the same (on Linux O_NONBLOCK is not inherited), unless
/// accept4 asks for it.
pub fn accept_nonblock(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 4, false)?;
    let flags = OFlag::from_bits_truncate(fcntl(&listener, FcntlArg::F_GETFL)?);
    fcntl(&listener, FcntlArg::F_SETFL(flags | OFlag::O_NONBLOCK))?;
    let listener_nb = nonblocking(&listener)?;
    let _a = net::connect_blocking(port)?;
    let _b = net::connect_blocking(port)?;
    net::wait_until(Duration::from_secs(2), || net::accept_queue(&listener) == 2);
    // accept() itself: accept4 with no flags is the same call.
    let plain = net::accept(&listener, false)?.context("accept")?;
    let plain_nb = nonblocking(&plain)?;
    let asked = net::accept(&listener, true)?.context("accept4")?;
    let asked_nb = nonblocking(&asked)?;
    lab.say(msg!(
        "try-accept-nb",
        listener = yes_no(listener_nb),
        accepted = yes_no(plain_nb),
        accept4 = yes_no(asked_nb)
    ));
    lab.say(msg!("try-accept-nb-conclusion"));
    Ok(Outcome::new(listener_nb && !plain_nb && asked_nb)
        .fact("listener_nonblocking", listener_nb)
        .fact("accepted_nonblocking", plain_nb)
        .fact("accept4_nonblocking", asked_nb))
}

/// shutdown(SHUT_RD) on Linux: a read that finds nothing returns 0 at once, the peer is not
/// told, and data it sends afterwards is still accepted and read.
pub fn shut_rd(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 4, false)?;
    let client = net::connect_blocking(port)?;
    let server = net::accept(&listener, false)?.context("accept")?;
    shutdown(server.as_raw_fd(), Shutdown::Read)?;
    let mut buf = [0u8; 16];
    let empty = net::recv_result(net::recv_now(&server, &mut buf));
    lab.say(msg!("try-shutrd-empty", read = empty.clone()));
    let resets = net::counter("Tcp", "OutRsts");
    let sent = net::recv_result(send(client.as_raw_fd(), b"hello", MsgFlags::empty()));
    let arrived = net::wait_until(Duration::from_secs(2), || {
        net::unread(server.as_raw_fd()) == 5
    });
    let read = net::recv_result(net::recv_now(&server, &mut buf));
    let reset = net::counter("Tcp", "OutRsts") > resets || net::state(&client) == CLOSE;
    lab.say(msg!(
        "try-shutrd-data",
        sent = sent.clone(),
        read = read.clone(),
        reset = yes_no(reset)
    ));
    lab.say(msg!("try-shutrd-conclusion"));
    let holds = empty == "0 (EOF)" && sent == "5" && arrived && read == "5" && !reset;
    Ok(Outcome::new(holds)
        .fact("read_after_shut_rd", empty)
        .fact("peer_send", sent)
        .fact("read_after_data", read)
        .fact("peer_reset", reset))
}

/// The server closes; the client, which does not know yet, writes: the first write succeeds
/// (the peer's kernel answers it with RST), a later one fails with EPIPE, and raises SIGPIPE,
/// which kills a process that left it at its default.
pub fn write_to_closed(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 4, false)?;
    let client = net::connect_blocking(port)?;
    let server = net::accept(&listener, false)?.context("accept")?;
    drop(server);
    // The server's FIN has come: the client's read would say EOF.
    net::wait_until(Duration::from_secs(2), || net::state(&client) == CLOSE_WAIT);
    let first = net::recv_result(send(client.as_raw_fd(), b"hello", MsgFlags::MSG_NOSIGNAL));
    lab.say(msg!("try-epipe-first", result = first.clone()));
    let reset = net::wait_until(Duration::from_secs(2), || net::state(&client) == CLOSE);
    lab.say(msg!("try-epipe-reset", reset = yes_no(reset)));
    // A child with SIGPIPE at its default writes again.
    let fd = client.as_raw_fd();
    let child = spawn(|| {
        // SAFETY: signal and send are async-signal-safe.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::send(fd, b"again".as_ptr().cast(), 5, 0);
        }
        0
    })?;
    let killed_by = match waitpid(child, None)? {
        WaitStatus::Signaled(_, signal, _) => format!("{signal:?}"),
        WaitStatus::Exited(_, code) => format!("exit {code}"),
        other => format!("{other:?}"),
    };
    lab.say(msg!("try-epipe-child", status = killed_by.clone()));
    let second = net::recv_result(send(client.as_raw_fd(), b"again", MsgFlags::MSG_NOSIGNAL));
    lab.say(msg!("try-epipe-second", result = second.clone()));
    lab.say(msg!("try-epipe-conclusion"));
    let holds = first == "5" && reset && second == "EPIPE" && killed_by == "SIGPIPE";
    Ok(Outcome::new(holds)
        .fact("first_write", first)
        .fact("reset_arrived", reset)
        .fact("second_write", second)
        .fact("child_killed_by", killed_by))
}

/// A non-blocking connect to a port nothing listens on: EINPROGRESS; the RST makes the socket
/// writable, with POLLERR; SO_ERROR says ECONNREFUSED, once (reading it clears it).
pub fn connect_refused(lab: &mut Lab) -> Result<Outcome> {
    let port = {
        let (probe, port) = net::listener(0, 1, false)?;
        drop(probe);
        port
    };
    let fd = net::tcp_socket(true)?;
    let started = nix::sys::socket::connect(
        fd.as_raw_fd(),
        &nix::sys::socket::SockaddrIn::new(127, 0, 0, 1, port),
    );
    let connect = match started {
        Ok(()) => "0".to_string(),
        Err(e) => format!("{e:?}"),
    };
    let mut pfd = [PollFd::new(fd.as_fd(), PollFlags::POLLOUT)];
    poll(&mut pfd, PollTimeout::from(2000u16))?;
    let revents = pfd[0].revents().unwrap_or(PollFlags::empty());
    let (pollout, pollerr) = (
        revents.contains(PollFlags::POLLOUT),
        revents.contains(PollFlags::POLLERR),
    );
    let error = |fd: &OwnedFd| -> Result<String> {
        Ok(match getsockopt(fd, sockopt::SocketError)? {
            0 => "0".to_string(),
            e => format!("{:?}", Errno::from_raw(e)),
        })
    };
    let (so_error, again) = (error(&fd)?, error(&fd)?);
    lab.say(msg!(
        "try-refused",
        port = port,
        connect = connect.clone(),
        revents = format!("{revents:?}"),
        error = so_error.clone(),
        again = again.clone()
    ));
    lab.say(msg!("try-refused-conclusion"));
    let holds = connect == "EINPROGRESS"
        && pollout
        && pollerr
        && so_error == "ECONNREFUSED"
        && again == "0";
    Ok(Outcome::new(holds)
        .fact("connect", connect)
        .fact("pollout", pollout)
        .fact("pollerr", pollerr)
        .fact("revents", format!("{revents:?}"))
        .fact("so_error", so_error)
        .fact("so_error_again", again))
}
