//! Edge-triggered epoll: an event says that data arrived, not that data is there. A reader
//! that reads once per event leaves the rest, and no new event comes for it until more
//! arrives; level-triggered, the same reader is told again.

use std::os::fd::{AsFd, AsRawFd};

use nix::errno::Errno;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};
use nix::sys::socket::{MsgFlags, send};

use super::net;
use super::{Lab, Outcome};
use crate::base::i18n::msg;

/// How long "no event" is waited for. No event can come: nothing is sent meanwhile.
const QUIET: u16 = 50;
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

/// `select` rewrites its timeout on Linux: to the time that was left when it returned, and to 0
/// when it ran out. A loop that sets the timeout once, before the loop, waits less each round.
pub fn select_timeout(lab: &mut Lab) -> Result<Outcome> {
    const TIMEOUT_US: i64 = 1_000_000;
    let (r, w) = nix::unistd::pipe()?;
    // Something becomes readable while select waits: a thread writes after 50 ms.
    let writer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        let _ = nix::unistd::write(&w, b"x");
        w
    });
    let mut timeout = libc::timeval {
        tv_sec: TIMEOUT_US / 1_000_000,
        tv_usec: 0,
    };
    let ready = select_one(r.as_raw_fd(), &mut timeout);
    let _w = writer.join();
    let left = timeout.tv_sec * 1_000_000 + timeout.tv_usec;
    lab.say(msg!(
        "try-select-ready",
        before = TIMEOUT_US / 1000,
        ready = ready,
        left = left / 1000
    ));
    // Nothing becomes readable: the timeout runs out.
    let (quiet, _keep) = nix::unistd::pipe()?;
    let mut short = libc::timeval {
        tv_sec: 0,
        tv_usec: 50_000,
    };
    let none = select_one(quiet.as_raw_fd(), &mut short);
    let expired = short.tv_sec * 1_000_000 + short.tv_usec;
    lab.say(msg!("try-select-expired", ready = none, left = expired));
    lab.say(msg!("try-select-conclusion"));
    let holds = ready == 1 && left > 0 && left < TIMEOUT_US && none == 0 && expired == 0;
    Ok(Outcome::new(holds)
        .fact("timeout_before_us", TIMEOUT_US)
        .fact("ready", ready)
        .fact("expired_ready", none)
        .fact("timeout_left_us", left)
        .fact("expired_left_us", expired))
}

/// select() on one descriptor for reading; what it returned.
fn select_one(fd: i32, timeout: &mut libc::timeval) -> i32 {
    // SAFETY: an fd_set on the stack, zeroed then set with FD_SET for an fd below FD_SETSIZE
    // (a new pipe's); select writes into the set and the timeout, both ours.
    unsafe {
        let mut set: libc::fd_set = std::mem::zeroed();
        libc::FD_ZERO(&mut set);
        libc::FD_SET(fd, &mut set);
        libc::select(
            fd + 1,
            &mut set,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            timeout,
        )
    }
}

/// An epoll entry belongs to the open socket, not to the descriptor number: closed while a
/// duplicate (dup, or a child's copy) still refers to the socket, it stays, and keeps reporting
/// under the closed number; epoll_ctl(DEL) on that number fails (EBADF). Only when the last
/// descriptor is closed does the entry go.
pub fn epoll_close_dup(lab: &mut Lab) -> Result<Outcome> {
    use nix::sys::socket::{AddressFamily, SockFlag, SockType, socketpair};
    let (mine, peer) = socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_NONBLOCK,
    )?;
    let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?;
    let number = mine.as_raw_fd();
    epoll.add(
        mine.as_fd(),
        EpollEvent::new(EpollFlags::EPOLLIN, number as u64),
    )?;
    let duplicate = nix::unistd::dup(&mine)?;
    drop(mine);
    send(peer.as_raw_fd(), b"after close", MsgFlags::empty())?;
    let mut events = [EpollEvent::empty(); 4];
    let after_close = epoll.wait(&mut events, EpollTimeout::from(1000u16))?;
    let names_closed = after_close == 1 && events[0].data() == number as u64;
    // SAFETY: epoll_ctl on a number that is closed: the kernel answers EBADF; nothing is freed.
    let deleted = unsafe {
        libc::epoll_ctl(
            epoll.0.as_raw_fd(),
            libc::EPOLL_CTL_DEL,
            number,
            std::ptr::null_mut(),
        )
    };
    let delete = if deleted == 0 {
        "0".to_string()
    } else {
        format!("{:?}", Errno::last())
    };
    lab.say(msg!(
        "try-epoll-dup-closed",
        fd = number,
        events = after_close,
        delete = delete.clone()
    ));
    // The epoll instance's entries, as /proc lists them: one while the duplicate lives.
    let entries = || epoll_entries(epoll.0.as_raw_fd());
    let before_last = entries();
    drop(duplicate);
    let after_last = entries();
    lab.say(msg!(
        "try-epoll-dup-last",
        before = before_last,
        after = after_last
    ));
    lab.say(msg!("try-epoll-dup-conclusion"));
    let holds = names_closed && delete == "EBADF" && before_last == 1 && after_last == 0;
    Ok(Outcome::new(holds)
        .fact("events_after_close", after_close)
        .fact("event_names_closed_fd", names_closed)
        .fact("delete_closed_fd", delete)
        .fact("entries_while_duplicate_lives", before_last)
        .fact("entries_after_last_close", after_last))
}

/// How many entries an epoll instance holds: the `tfd:` lines of its /proc fdinfo.
fn epoll_entries(epfd: i32) -> usize {
    std::fs::read_to_string(format!("/proc/self/fdinfo/{epfd}"))
        .map(|info| info.lines().filter(|l| l.starts_with("tfd:")).count())
        .unwrap_or(usize::MAX)
}
