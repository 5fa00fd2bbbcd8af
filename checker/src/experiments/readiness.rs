//! Edge-triggered epoll: an event says that data arrived, not that data is there. A reader
//! that reads once per event leaves the rest, and no new event comes for it until more
//! arrives; level-triggered, the same reader is told again.

use std::os::fd::{AsFd, AsRawFd};
use std::time::Duration;

use anyhow::{Context, Result};
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};
use nix::sys::socket::{MsgFlags, send};

use super::net;
use super::{Lab, Outcome};
use crate::base::i18n::msg;

/// How long "no event" is waited for. No event can come: nothing is sent meanwhile.
const QUIET: u16 = 100;

pub fn epollet_starve(lab: &mut Lab) -> Result<Outcome> {
    let mut found = Vec::new();
    for edge in [true, false] {
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
        send(client.as_raw_fd(), &[b'x'; 8192], MsgFlags::empty())?;
        net::wait_until(Duration::from_secs(2), || {
            net::unread(server.as_raw_fd()) == 8192
        });
        let mut events = [EpollEvent::empty(); 4];
        let first = epoll.wait(&mut events, EpollTimeout::from(1000u16))?;
        // One read of 1 KiB per event, as a careless reader does.
        let mut buf = [0u8; 1024];
        let _ = net::recv_now(&server, &mut buf);
        let left = net::unread(server.as_raw_fd());
        let again = epoll.wait(&mut events, EpollTimeout::from(QUIET))?;
        let mode = if edge { "EPOLLET" } else { "level" };
        lab.say(msg!(
            "try-epoll-round",
            mode = mode,
            first = first,
            left = left,
            again = again
        ));
        // More data arrives: an edge-triggered socket is told again.
        send(client.as_raw_fd(), b"y", MsgFlags::empty())?;
        let after_more = epoll.wait(&mut events, EpollTimeout::from(1000u16))?;
        if edge {
            lab.say(msg!("try-epoll-more", events = after_more));
        }
        found.push((first, left, again, after_more));
    }
    let (et, lt) = (found[0], found[1]);
    let holds = et.0 == 1 && et.1 == 7168 && et.2 == 0 && et.3 == 1 && lt.2 == 1;
    lab.say(msg!("try-epoll-conclusion"));
    Ok(Outcome::new(holds)
        .fact("et_unread_after_one_read", et.1)
        .fact("et_events_while_data_waits", et.2)
        .fact("et_events_after_more_data", et.3)
        .fact("lt_events_while_data_waits", lt.2))
}
