//! Edge-triggered epoll: an event says that data arrived, not that data is there. A reader
//! that reads once per event leaves the rest, and no new event comes for it until more
//! arrives; level-triggered, the same reader is told again.

use std::os::fd::{AsFd, AsRawFd};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};
use nix::sys::socket::{MsgFlags, send};

use super::net;
use super::{Lab, Outcome};
use crate::base::i18n::msg;

/// How long "no event" is waited for. No event can come: nothing is sent meanwhile.
const QUIET: u16 = 100;
/// What the client sends at once: all of it is in the server's receive queue before the server
/// first waits, so nothing arrives while it reads (more arrivals would make more edges).
const SENT: usize = 8 << 10;
/// What the server reads per event.
const READ: usize = 1 << 10;

/// What one server made of the client's bytes: events, bytes read, bytes left unread, and the
/// events once one more byte arrives.
struct Served {
    events: usize,
    received: usize,
    unread: usize,
    after_more: usize,
}

/// A server that waits on epoll and reads 1 KiB per event, until epoll stays quiet.
fn serve(edge: bool) -> Result<Served> {
    let (listener, port) = net::listener(0, 4, false)?;
    let client = net::connect_blocking(port)?;
    let server = net::accept(&listener, true)?.context("accept")?;
    let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?;
    let flags = if edge {
        EpollFlags::EPOLLIN | EpollFlags::EPOLLET
    } else {
        EpollFlags::EPOLLIN
    };
    epoll.add(server.as_fd(), EpollEvent::new(flags, 1))?;
    send(client.as_raw_fd(), &[b'x'; SENT], MsgFlags::empty())?;
    if !net::wait_until(Duration::from_secs(2), || {
        net::unread(server.as_raw_fd()) == SENT
    }) {
        bail!("the client's {SENT} bytes did not all reach the server's receive queue");
    }
    let mut events = [EpollEvent::empty(); 4];
    let (mut count, mut received) = (0, 0);
    while epoll.wait(&mut events, EpollTimeout::from(QUIET))? > 0 {
        count += 1;
        let mut buf = [0u8; READ];
        received += net::recv_now(&server, &mut buf).unwrap_or(0);
    }
    let unread = net::unread(server.as_raw_fd());
    // More data arrives: a new edge.
    send(client.as_raw_fd(), b"y", MsgFlags::empty())?;
    let after_more = epoll.wait(&mut events, EpollTimeout::from(1000u16))?;
    Ok(Served {
        events: count,
        received,
        unread,
        after_more,
    })
}

/// A client sends 8 KiB at once to two servers that read 1 KiB per event, one level- and one
/// edge-triggered: the first reads everything, the second stops after its first read.
pub fn epollet_starve(lab: &mut Lab) -> Result<Outcome> {
    let lt = serve(false)?;
    let et = serve(true)?;
    for (mode, s) in [("level", &lt), ("EPOLLET", &et)] {
        lab.say(msg!(
            "try-epoll-round",
            mode = mode,
            sent = SENT,
            read = READ,
            events = s.events,
            received = s.received,
            left = s.unread
        ));
    }
    lab.say(msg!("try-epoll-more", events = et.after_more));
    let holds = lt.received == SENT
        && lt.events == SENT / READ
        && et.events == 1
        && et.received == READ
        && et.unread == SENT - READ
        && et.after_more == 1;
    lab.say(msg!("try-epoll-conclusion"));
    Ok(Outcome::new(holds)
        .fact("sent", SENT)
        .fact("lt_events", lt.events)
        .fact("lt_received", lt.received)
        .fact("et_events", et.events)
        .fact("et_received", et.received)
        .fact("et_unread", et.unread)
        .fact("et_events_after_more_data", et.after_more))
}
