//! Passing descriptors over a Unix stream socket (SCM_RIGHTS): the descriptors ride on data,
//! so a message of 0 bytes passes nothing; a receiver with room for fewer descriptors than
//! were sent gets MSG_CTRUNC, and the kernel closes the rest.

use std::io::IoSlice;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

use anyhow::Result;
use nix::errno::Errno;
use nix::sys::socket::{
    AddressFamily, ControlMessage, MsgFlags, SockFlag, SockType, sendmsg, socketpair,
};
use nix::unistd::pipe;

use super::{Lab, Outcome, net};
use crate::base::i18n::msg;

fn stream_pair() -> Result<(OwnedFd, OwnedFd)> {
    Ok(socketpair(
        AddressFamily::Unix,
        SockType::Stream,
        None,
        SockFlag::SOCK_NONBLOCK,
    )?)
}

/// Receive once, with room for `room` descriptors (a control buffer of CMSG_SPACE(room ints),
/// as the course sizes it): the bytes (or the error), the descriptors, and whether the control
/// data was cut (MSG_CTRUNC). libc's calls, not nix's: nix will not read the control messages
/// of a cut message, and the descriptors that did arrive must be taken all the same.
fn receive(fd: &OwnedFd, room: u32) -> (std::result::Result<usize, Errno>, Vec<OwnedFd>, bool) {
    let mut byte = [0u8; 16];
    // u64s: a control buffer aligned for cmsghdr.
    let mut control = [0u64; 16];
    // SAFETY: the msghdr points at our own buffers, of the lengths given; CMSG_* walk only the
    // control bytes the kernel reported (msg_controllen), and each ScmRights descriptor is new
    // to this process and owned by nothing else.
    unsafe {
        let mut iov = libc::iovec {
            iov_base: byte.as_mut_ptr().cast(),
            iov_len: byte.len(),
        };
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = libc::CMSG_SPACE(room * 4) as usize;
        let n = libc::recvmsg(fd.as_raw_fd(), &mut msg, libc::MSG_CMSG_CLOEXEC);
        if n < 0 {
            return (Err(Errno::last()), Vec::new(), false);
        }
        let mut fds = Vec::new();
        let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                let count = ((*cmsg).cmsg_len as usize - libc::CMSG_LEN(0) as usize) / 4;
                let data = libc::CMSG_DATA(cmsg).cast::<RawFd>();
                for i in 0..count {
                    fds.push(OwnedFd::from_raw_fd(data.add(i).read_unaligned()));
                }
            }
            cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
        }
        (Ok(n as usize), fds, msg.msg_flags & libc::MSG_CTRUNC != 0)
    }
}

/// The receiver's room, in descriptors, when four are sent.
const ROOM: u32 = 2;

/// sendmsg of `data` with the descriptors `fds` (SCM_RIGHTS).
fn send_with_fds(socket: &OwnedFd, data: &[IoSlice], fds: &[RawFd]) -> nix::Result<usize> {
    sendmsg::<()>(
        socket.as_raw_fd(),
        data,
        &[ControlMessage::ScmRights(fds)],
        MsgFlags::empty(),
        None,
    )
}

/// Whether a pipe's read end is at EOF (POLLHUP, now): no write end of it is left.
fn at_eof(r: &OwnedFd) -> bool {
    let mut pfd = [nix::poll::PollFd::new(
        std::os::fd::AsFd::as_fd(r),
        nix::poll::PollFlags::POLLIN,
    )];
    nix::poll::poll(&mut pfd, nix::poll::PollTimeout::ZERO).unwrap_or(0) == 1
        && pfd[0]
            .revents()
            .is_some_and(|e| e.contains(nix::poll::PollFlags::POLLHUP))
}

pub fn scm_rights(lab: &mut Lab) -> Result<Outcome> {
    // 0 bytes of data with a descriptor: sendmsg returns 0, and nothing is there to receive.
    let (a, b) = stream_pair()?;
    let (_keep_r, keep_w) = pipe()?;
    let one = [keep_w.as_raw_fd()];
    let empty = send_with_fds(&a, &[], &one);
    let (got, fds, _) = receive(&b, 1);
    let empty_sent = match empty {
        Ok(n) => n.to_string(),
        Err(e) => format!("{e:?}"),
    };
    let empty_got = net::recv_result(got);
    lab.say(msg!(
        "try-scm-empty",
        sent = empty_sent.clone(),
        got = empty_got.clone(),
        fds = fds.len()
    ));
    // One byte with the write ends of four pipes; the receiver has room for two descriptors.
    let (a, b) = stream_pair()?;
    let pipes = (0..4).map(|_| pipe()).collect::<nix::Result<Vec<_>>>()?;
    let ends: Vec<RawFd> = pipes.iter().map(|(_, w)| w.as_raw_fd()).collect();
    send_with_fds(&a, &[IoSlice::new(b"x")], &ends)?;
    // The sender closes its copies: a pipe's read end sees EOF once no write end is left.
    let readers: Vec<OwnedFd> = pipes.into_iter().map(|(r, _)| r).collect();
    let (_, received, cut) = receive(&b, ROOM);
    let closed = readers.iter().filter(|r| at_eof(r)).count();
    let open = readers.len() - closed;
    lab.say(msg!(
        "try-scm-ctrunc",
        sent = ends.len(),
        room = ROOM,
        got = received.len(),
        cut = super::yes_no(cut),
        closed = closed,
        open = open
    ));
    lab.say(msg!("try-scm-conclusion"));
    let holds = empty == Ok(0)
        && empty_got == "EAGAIN"
        && fds.is_empty()
        && cut
        && received.len() == ROOM as usize
        && closed == 2
        && open == 2;
    Ok(Outcome::new(holds)
        .fact("empty_send_returned", empty.unwrap_or(usize::MAX))
        .fact("empty_receiver_got", empty_got)
        .fact("empty_fds_received", fds.len())
        .fact("sent_fds", ends.len())
        .fact("room", ROOM)
        .fact("ctrunc", cut)
        .fact("received_fds", received.len())
        .fact("surplus_closed", closed)
        .fact("kept_open", open))
}
