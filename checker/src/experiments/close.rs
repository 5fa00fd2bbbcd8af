//! Closing a connection: a close with unread data answers with RST, the ACK of a FIN waits for
//! the delayed-ACK timer, and the side that closes first keeps the port in TIME_WAIT.

use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::sys::socket::{
    MsgFlags, Shutdown, SockaddrIn, bind, recv, send, setsockopt, shutdown, sockopt,
};

use super::net::{self, FIN_WAIT1, FIN_WAIT2};
use super::{Lab, Outcome, yes_no};
use crate::base::i18n::msg;

/// A connected pair on loopback: (client, the server's accepted socket).
fn pair(reuse: bool) -> Result<(OwnedFd, OwnedFd, u16)> {
    let (listener, port) = net::listener(0, 4, reuse)?;
    let client = net::connect_blocking(port)?;
    let server = net::accept(&listener, false)?.context("accept")?;
    Ok((client, server, port))
}

/// Wait until `n` bytes sent by the peer are in `fd`'s receive queue.
fn arrived(fd: &OwnedFd, n: usize) -> bool {
    net::wait_until(Duration::from_secs(2), || net::unread(fd.as_raw_fd()) >= n)
}

/// close() with data the application never read sends RST, not FIN: the peer's next read
/// fails with ECONNRESET. Read everything first, and the same close sends FIN: the peer reads 0.
pub fn rst_unread(lab: &mut Lab) -> Result<Outcome> {
    let mut results = Vec::new();
    for read_first in [false, true] {
        let (client, server, _) = pair(false)?;
        send(client.as_raw_fd(), b"hello", MsgFlags::empty())?;
        arrived(&server, 5);
        if read_first {
            let mut buf = [0u8; 5];
            recv(server.as_raw_fd(), &mut buf, MsgFlags::empty())?;
        }
        let rsts = net::counter("Tcp", "OutRsts");
        drop(server);
        let mut buf = [0u8; 16];
        let mut got = Err(Errno::EAGAIN);
        net::wait_until(Duration::from_secs(2), || {
            got = net::recv_now(&client, &mut buf);
            got != Err(Errno::EAGAIN)
        });
        let rst = net::counter("Tcp", "OutRsts") > rsts;
        let shown = net::recv_result(got);
        lab.say(if read_first {
            msg!("try-rst-read-first", read = shown.clone())
        } else {
            msg!("try-rst-unread-close", read = shown.clone())
        });
        results.push((got, rst));
    }
    let holds = results[0] == (Err(Errno::ECONNRESET), true) && results[1] == (Ok(0), false);
    lab.say(msg!("try-rst-conclusion"));
    Ok(Outcome::new(holds)
        .fact("unread_close_peer_read", net::recv_result(results[0].0))
        .fact("unread_close_sent_rst", results[0].1)
        .fact("read_first_peer_read", net::recv_result(results[1].0))
        .fact("read_first_sent_rst", results[1].1))
}

/// The client half-closes (FIN) after a request the server has read. The server's kernel does
/// not ACK the FIN at once: the client stays in FIN_WAIT1 until the delayed-ACK timer (at
/// least 40 ms on Linux) sends the ACK alone, unless the server's own data or FIN carries it
/// first.
pub fn fin_delayed_ack(lab: &mut Lab) -> Result<Outcome> {
    let (client, server, _) = pair(false)?;
    send(client.as_raw_fd(), b"request\n", MsgFlags::empty())?;
    arrived(&server, 8);
    let mut buf = [0u8; 8];
    recv(server.as_raw_fd(), &mut buf, MsgFlags::empty())?;
    lab.say(msg!("try-fin-request"));
    let started = Instant::now();
    shutdown(client.as_raw_fd(), Shutdown::Write)?;
    let right_after = net::state(&client);
    lab.say(msg!(
        "try-fin-right-after",
        state = net::state_name(right_after)
    ));
    let acked = net::wait_until(Duration::from_secs(1), || net::state(&client) == FIN_WAIT2);
    let waited = started.elapsed();
    let after_ack = net::state(&client);
    lab.say(msg!(
        "try-fin-acked",
        ms = waited.as_millis() as u64,
        state = net::state_name(after_ack)
    ));
    let client2 = half_closed_and_answered()?;
    // Every state the client's socket passes through until its side of the connection waits in
    // TIME_WAIT (the socket itself then says CLOSE: the kernel keeps a TIME_WAIT entry of its
    // own, seen in the namespace's table).
    let client_port = net::local_port(&client2)?;
    let mut seen_fin_wait2 = false;
    let in_time_wait = net::wait_until(Duration::from_millis(300), || {
        seen_fin_wait2 |= net::state(&client2) == FIN_WAIT2;
        time_wait_on(client_port)
    });
    let answered = if in_time_wait {
        "TIME_WAIT"
    } else {
        net::state_name(net::state(&client2))
    };
    lab.say(msg!(
        "try-fin-answered",
        state = answered,
        fin_wait2 = yes_no(seen_fin_wait2)
    ));
    let holds = right_after == FIN_WAIT1
        && acked
        && waited >= Duration::from_millis(20)
        && in_time_wait
        && !seen_fin_wait2;
    lab.say(msg!("try-fin-conclusion"));
    Ok(Outcome::new(holds)
        .fact("state_after_shutdown", net::state_name(right_after))
        .fact("state_after_ack", net::state_name(after_ack))
        .fact("ack_after_ms", waited.as_millis() as u64)
        .fact("answered_state", answered)
        .fact("answered_passed_fin_wait2", seen_fin_wait2))
}

/// The same half-close again, but the server answers at once (it closes as its recv() returns
/// the EOF): its FIN carries the ACK. The client's socket, the server's closed.
fn half_closed_and_answered() -> Result<OwnedFd> {
    let (client, server, _) = pair(false)?;
    let (tid_tx, tid_rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let _ = tid_tx.send(nix::unistd::gettid().as_raw());
        let mut buf = [0u8; 8];
        let n = recv(server.as_raw_fd(), &mut buf, MsgFlags::empty());
        drop(server);
        n
    });
    // The server thread waits in recv() before the FIN goes.
    let tid = tid_rx.recv().context("the server thread")?;
    net::wait_until(Duration::from_secs(2), || in_recv(tid));
    shutdown(client.as_raw_fd(), Shutdown::Write)?;
    let _ = reader.join();
    Ok(client)
}

/// The server closes first: its side of the connection waits in TIME_WAIT. Binding its port
/// again fails with EADDRINUSE unless both the new socket and the old one set SO_REUSEADDR
/// (both sides of a bind conflict must agree to share): the four combinations.
pub fn time_wait_reuseaddr(lab: &mut Lab) -> Result<Outcome> {
    let mut outcome = Outcome::new(true);
    let mut all_in_time_wait = true;
    let mut only_both_bind = true;
    for (old_reuse, new_reuse) in [(false, false), (true, false), (false, true), (true, true)] {
        let (listener, port) = net::listener(0, 4, old_reuse)?;
        let client = net::connect_blocking(port)?;
        let server = net::accept(&listener, false)?.context("accept")?;
        drop(listener);
        drop(server); // the server's active close
        let mut buf = [0u8; 4];
        let _ = recv(client.as_raw_fd(), &mut buf, MsgFlags::empty());
        drop(client);
        let in_time_wait = net::wait_until(Duration::from_secs(2), || time_wait_on(port));
        let fresh = net::tcp_socket(false)?;
        if new_reuse {
            setsockopt(&fresh, sockopt::ReuseAddr, &true)?;
        }
        let bound = bind(fresh.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, port));
        let shown = match bound {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("{e:?}"),
        };
        lab.say(msg!(
            "try-tw-bind",
            port = port,
            tw = yes_no(in_time_wait),
            old = yes_no(old_reuse),
            new = yes_no(new_reuse),
            result = shown.clone()
        ));
        all_in_time_wait &= in_time_wait;
        let expected = if old_reuse && new_reuse {
            Ok(())
        } else {
            Err(Errno::EADDRINUSE)
        };
        only_both_bind &= bound == expected;
        let case = format!(
            "old_{}_new_{}",
            if old_reuse { "with" } else { "without" },
            if new_reuse { "with" } else { "without" }
        );
        outcome = outcome.fact(&case, shown);
    }
    lab.say(msg!("try-tw-conclusion"));
    outcome.holds = all_in_time_wait && only_both_bind;
    Ok(outcome.fact("in_time_wait", all_in_time_wait))
}

/// Is a socket of this namespace in TIME_WAIT on local port `port`?
fn time_wait_on(port: u16) -> bool {
    let Ok(table) = std::fs::read_to_string("/proc/thread-self/net/tcp") else {
        return false;
    };
    table.lines().skip(1).any(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let local_port = fields
            .get(1)
            .and_then(|a| a.split(':').nth(1))
            .and_then(|p| u16::from_str_radix(p, 16).ok());
        local_port == Some(port) && fields.get(3) == Some(&"06")
    })
}

/// Is thread `tid` of this process asleep in recvfrom()?
fn in_recv(tid: i32) -> bool {
    let path = format!("/proc/self/task/{tid}/syscall");
    std::fs::read_to_string(path)
        .is_ok_and(|s| s.split_whitespace().next() == Some(&libc::SYS_recvfrom.to_string()))
}
