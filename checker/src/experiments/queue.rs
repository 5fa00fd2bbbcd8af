//! The listen backlog: what waits for accept(), what a full queue does to the next SYN, and
//! what becomes of a connection reset while it waits.

use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use nix::sys::socket::{setsockopt, sockopt};

use super::net::{self, ESTABLISHED, SYN_SENT};
use super::{Lab, Outcome};
use crate::base::i18n::msg;

/// The longest a handshake on loopback may take before the experiment calls it dropped; a
/// dropped SYN is told by the kernel's counter, never by this wait running out.
const HANDSHAKE: Duration = Duration::from_secs(2);

/// Connect one client, and tell whether its handshake completed (it waits in the accept queue)
/// or its SYN was dropped (the listener's overflow counter went up, the client stays in
/// SYN_SENT).
fn connect_one(listener: &OwnedFd, port: u16) -> Result<(OwnedFd, bool)> {
    let queued = net::accept_queue(listener);
    let overflows = net::counter("TcpExt", "ListenOverflows");
    let client = net::connect_nonblocking(port)?;
    let mut completed = false;
    net::wait_until(HANDSHAKE, || {
        completed = net::state(&client) == ESTABLISHED && net::accept_queue(listener) > queued;
        completed || net::counter("TcpExt", "ListenOverflows") > overflows
    });
    Ok((client, completed))
}

/// The notes' experiment: listen(fd, 5), never accept, clients A to G connect one after the
/// other. On Linux the queue holds backlog + 1 completed connections.
pub fn backlog(lab: &mut Lab) -> Result<Outcome> {
    const BACKLOG: i32 = 5;
    let (listener, port) = net::listener(0, BACKLOG, false)?;
    lab.say(msg!("try-backlog-listen", backlog = BACKLOG, port = port));
    let mut clients = Vec::new();
    let mut completed = 0u32;
    let mut dropped = Vec::new();
    for name in ["A", "B", "C", "D", "E", "F", "G"] {
        let (client, done) = connect_one(&listener, port)?;
        if done {
            completed += 1;
            lab.say(msg!(
                "try-backlog-queued",
                client = name,
                queued = net::accept_queue(&listener)
            ));
        } else {
            let state = net::state(&client);
            lab.say(msg!(
                "try-backlog-dropped",
                client = name,
                state = net::state_name(state)
            ));
            dropped.push((name, state));
        }
        clients.push(client);
    }
    let holds = completed == BACKLOG as u32 + 1
        && dropped.len() == 1
        && dropped.iter().all(|&(_, s)| s == SYN_SENT);
    lab.say(msg!(
        "try-backlog-conclusion",
        backlog = BACKLOG,
        completed = completed
    ));
    Ok(Outcome::new(holds)
        .fact("backlog", BACKLOG)
        .fact("completed", completed)
        .fact("dropped", dropped.len()))
}

/// A full accept queue drops the next SYN; the client's kernel sends it again after its first
/// retransmission timeout (1 s), and the connection completes once accept() made room.
pub fn accept_queue_full(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 1, false)?;
    lab.say(msg!("try-full-listen", port = port));
    let mut first = Vec::new();
    for _ in 0..2 {
        let (client, done) = connect_one(&listener, port)?;
        if !done {
            bail!("a connection did not complete while the queue had room");
        }
        first.push(client);
    }
    lab.say(msg!("try-full-two-queued"));
    let overflows = net::counter("TcpExt", "ListenOverflows");
    let started = Instant::now();
    let late = net::connect_nonblocking(port)?;
    net::wait_until(HANDSHAKE, || {
        net::counter("TcpExt", "ListenOverflows") > overflows
    });
    let dropped = net::counter("TcpExt", "ListenOverflows") > overflows;
    lab.say(msg!(
        "try-full-dropped",
        state = net::state_name(net::state(&late))
    ));
    // Make room: the server takes one connection.
    let taken = net::accept(&listener, false)?;
    lab.say(msg!("try-full-accepted"));
    let completed = net::wait_until(Duration::from_secs(4), || net::state(&late) == ESTABLISHED);
    let after = started.elapsed();
    let retransmitted = net::tcp_info(late.as_raw_fd()).tcpi_total_retrans;
    lab.say(msg!(
        "try-full-completed",
        ms = after.as_millis() as u64,
        retrans = retransmitted
    ));
    let holds = dropped && completed && retransmitted >= 1 && after >= Duration::from_millis(900);
    lab.say(msg!("try-full-conclusion"));
    drop(taken);
    Ok(Outcome::new(holds)
        .fact("syn_dropped", dropped)
        .fact("completed", completed)
        .fact("completed_after_ms", after.as_millis() as u64)
        .fact("syn_retransmissions", retransmitted))
}

/// A client connects, is queued, and resets (SO_LINGER 0, then close) before the server
/// accepts. Does the connection stay in the queue, and what does the server's first read say?
pub fn reset_in_accept_queue(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 5, false)?;
    listener_nonblocking(&listener)?;
    lab.say(msg!("try-reset-queue-listen", port = port));
    let (client, done) = connect_one(&listener, port)?;
    if !done {
        bail!("the connection did not complete");
    }
    let before = net::accept_queue(&listener);
    lab.say(msg!("try-reset-queue-queued", queued = before));
    let resets = net::counter("Tcp", "EstabResets");
    setsockopt(
        &client,
        sockopt::Linger,
        &libc::linger {
            l_onoff: 1,
            l_linger: 0,
        },
    )?;
    drop(client);
    // The server's side of the connection has taken the RST once the counter moved.
    let reset_seen = net::wait_until(HANDSHAKE, || net::counter("Tcp", "EstabResets") > resets);
    let after = net::accept_queue(&listener);
    lab.say(msg!("try-reset-queue-reset", queued = after));
    let accepted = net::accept(&listener, true)?;
    let (accepted_it, first_read) = match &accepted {
        Some(conn) => {
            let mut buf = [0u8; 16];
            let first = net::recv_result(net::recv_now(conn, &mut buf));
            lab.say(msg!(
                "try-reset-queue-accepted",
                state = net::state_name(net::state(conn)),
                read = first.clone()
            ));
            (true, first)
        }
        None => {
            lab.say(msg!("try-reset-queue-gone"));
            (false, String::new())
        }
    };
    let holds = reset_seen && accepted_it && first_read == "ECONNRESET";
    lab.say(if holds {
        msg!("try-reset-queue-conclusion")
    } else {
        msg!("try-reset-queue-other")
    });
    Ok(Outcome::new(holds)
        .fact("queued_before_reset", before)
        .fact("queued_after_reset", after)
        .fact("accept_returned_it", accepted_it)
        .fact("first_read", first_read))
}

fn listener_nonblocking(fd: &OwnedFd) -> Result<()> {
    use nix::fcntl::{FcntlArg, OFlag, fcntl};
    let flags = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL)?);
    fcntl(fd, FcntlArg::F_SETFL(flags | OFlag::O_NONBLOCK))?;
    Ok(())
}
