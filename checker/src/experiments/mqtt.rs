//! What day 7's broker rests on: a subscriber that stops reading fills its socket's buffers
//! until a send gets EAGAIN (why each connection needs an outbox of its own), and TCP hands over
//! a packet's bytes as they come, a remaining length included, one byte at a time if so.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{MsgFlags, getsockopt, send, setsockopt, sockopt};

use super::net;
use super::{Lab, Outcome, yes_no};
use crate::base::i18n::msg;

/// Each send of the fill: what a broker writes to a subscriber at once.
const CHUNK: usize = 64 << 10;
/// Past this the claim fails: a send buffer that never fills.
const NEVER_FULL: usize = 256 << 20;

/// Bytes a socket has sent that its peer has not acknowledged, and bytes not sent yet
/// (SIOCOUTQ, which is TIOCOUTQ).
fn unsent(fd: &OwnedFd) -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: TIOCOUTQ writes one int.
    unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCOUTQ, &mut n) };
    n.max(0) as usize
}

/// Send `CHUNK`s without waiting until the kernel takes no more; the bytes it took.
fn fill(fd: &OwnedFd) -> Result<usize> {
    let chunk = vec![b'm'; CHUNK];
    let mut sent = 0;
    loop {
        let flags = MsgFlags::MSG_DONTWAIT | MsgFlags::MSG_NOSIGNAL;
        match send(fd.as_raw_fd(), &chunk, flags) {
            Ok(n) => sent += n,
            Err(Errno::EAGAIN) => return Ok(sent),
            Err(Errno::EINTR) => {}
            Err(e) => bail!("send: {e}"),
        }
        if sent > NEVER_FULL {
            return Ok(sent);
        }
    }
}

/// Whether `fd` is writable now (poll for POLLOUT, `ms` milliseconds at most).
fn writable(fd: &OwnedFd, ms: u16) -> Result<bool> {
    let mut pfd = [PollFd::new(fd.as_fd(), PollFlags::POLLOUT)];
    poll(&mut pfd, PollTimeout::from(ms))?;
    Ok(pfd[0]
        .revents()
        .is_some_and(|r| r.contains(PollFlags::POLLOUT)))
}

/// A connection whose reader never reads: the writer's non-blocking sends fill the two
/// buffers between them, then get EAGAIN, and poll says the socket is not writable, until the
/// reader reads. The fill is done again each time the kernel has moved on what it took (every
/// byte acknowledged, so no acknowledgement can free room later): the figure is the buffers'
/// whole, not a moment's.
pub fn send_buffer_full(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 4, false)?;
    let reader = net::connect_blocking(port)?;
    let writer = net::accept(&listener, false)?.context("accept")?;
    lab.say(msg!("try-sendbuf-setup"));
    let (sent, rounds, full) = fill_until_settled(&reader, &writer)?;
    let (in_reader, in_writer) = (net::unread(reader.as_raw_fd()), unsent(&writer));
    let kib = |n: usize| n >> 10;
    let rcvbuf: usize = getsockopt(&reader, sockopt::RcvBuf)?;
    let sndbuf: usize = getsockopt(&writer, sockopt::SndBuf)?;
    lab.say(msg!(
        "try-sendbuf-full",
        kib = kib(sent),
        bytes = sent,
        rounds = rounds,
        peer = kib(in_reader),
        own = kib(in_writer),
        rcvbuf = kib(rcvbuf),
        sndbuf = kib(sndbuf)
    ));
    let pollout_full = writable(&writer, 0)?;
    // The reader reads it all: the writer's socket is writable again.
    let read = read_all(&reader, sent);
    let pollout_after = writable(&writer, 2000)?;
    lab.say(msg!(
        "try-sendbuf-pollout",
        writable = yes_no(pollout_full),
        read = read,
        again = yes_no(pollout_after)
    ));
    lab.say(msg!("try-sendbuf-conclusion"));
    let holds =
        full && in_reader + in_writer == sent && !pollout_full && read == sent && pollout_after;
    Ok(Outcome::new(holds)
        .fact("eagain", full)
        .fact("sent_bytes", sent)
        .fact("sent_kib", kib(sent))
        .fact("rounds", rounds)
        .fact("in_reader_bytes", in_reader)
        .fact("in_writer_bytes", in_writer)
        .fact("so_rcvbuf", rcvbuf)
        .fact("so_sndbuf", sndbuf)
        .fact("pollout_while_full", pollout_full)
        .fact("read_back", read)
        .fact("pollout_after_read", pollout_after))
}

/// Send until a send takes nothing and every byte sent is acknowledged, and is in the reader's
/// buffer or still in the writer's: the bytes sent, in how many rounds, and whether the buffers
/// filled that way.
fn fill_until_settled(reader: &OwnedFd, writer: &OwnedFd) -> Result<(usize, u32, bool)> {
    let (mut sent, mut rounds) = (0usize, 0u32);
    let mut settled = false;
    while rounds < 100 && sent <= NEVER_FULL {
        let took = fill(writer)?;
        rounds += 1;
        sent += took;
        settled = net::wait_until(Duration::from_secs(5), || {
            net::tcp_info(writer.as_raw_fd()).tcpi_unacked == 0
                && net::unread(reader.as_raw_fd()) + unsent(writer) == sent
        });
        if took == 0 && settled {
            break;
        }
    }
    Ok((sent, rounds, settled && sent > 0 && sent <= NEVER_FULL))
}

/// Read what came until `sent` bytes are read (10 s at most): how many were.
fn read_all(reader: &OwnedFd, sent: usize) -> usize {
    let mut read = 0;
    let mut buf = vec![0u8; CHUNK];
    net::wait_until(Duration::from_secs(10), || {
        while let Ok(n @ 1..) = net::recv_now(reader, &mut buf) {
            read += n;
        }
        read >= sent
    });
    read
}

/// Send `bytes` and wait until all of them are in `reader`'s buffer: one read then gets them
/// all, and no more.
fn deliver(writer: &OwnedFd, reader: &OwnedFd, bytes: &[u8]) -> Result<()> {
    let before = net::unread(reader.as_raw_fd());
    let n = send(writer.as_raw_fd(), bytes, MsgFlags::MSG_NOSIGNAL)?;
    if n != bytes.len() {
        bail!("send took {n} of {} bytes", bytes.len());
    }
    let all = before + bytes.len();
    if !net::wait_until(Duration::from_secs(5), || {
        net::unread(reader.as_raw_fd()) == all
    }) {
        bail!("the bytes did not arrive in 5 s");
    }
    Ok(())
}

/// One read of what is there.
fn read_once(reader: &OwnedFd) -> Result<Vec<u8>> {
    let mut buf = [0u8; 4096];
    let n = net::recv_now(reader, &mut buf).context("recv")?;
    Ok(buf[..n].to_vec())
}

/// A PUBLISH whose remaining length takes two bytes (200: `c8 01`), sent a byte at a time, its
/// body at once, then three PINGREQs before the broker reads: each read returns what came since
/// the last one, and the length is known only once its last byte is in; the three packets come
/// in one read.
pub fn length_byte_at_a_time(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 4, false)?;
    let device = net::connect_blocking(port)?;
    setsockopt(&device, sockopt::TcpNoDelay, &true)?;
    let broker = net::accept(&listener, false)?.context("accept")?;
    let topic = b"sensors/1/temp";
    let payload = vec![b'7'; 200 - 2 - topic.len()];
    let mut body = (topic.len() as u16).to_be_bytes().to_vec();
    body.extend_from_slice(topic);
    body.extend_from_slice(&payload);
    lab.say(msg!("try-length-setup", length = body.len()));

    let mut reads = Vec::new();
    let length = header_a_byte_a_read(lab, (&device, &broker), &mut reads)?;
    deliver(&device, &broker, &body)?;
    let got = read_once(&broker)?;
    reads.push(got.len());
    let whole = got == body;
    lab.say(msg!(
        "try-length-body",
        n = 4,
        bytes = got.len(),
        topic = String::from_utf8_lossy(topic).as_ref(),
        payload = payload.len()
    ));
    let pingreqs = three_pingreqs_in_one_read(lab, (&device, &broker), &mut reads)?;
    lab.say(msg!("try-length-conclusion"));
    let holds = reads == [1, 1, 1, 200, 6]
        && length.after_first_byte == Some(72)
        && length.complete
        && length.value == 200
        && length.used == 2
        && whole
        && pingreqs == 3;
    Ok(Outcome::new(holds)
        .fact("reads", reads)
        .fact("value_after_first_length_byte", length.after_first_byte)
        .fact("remaining_length", length.value)
        .fact("length_bytes", length.used)
        .fact("body_whole", whole)
        .fact("packets_in_one_read", pingreqs))
}

/// The remaining length as a decoder fed a byte at a time sees it.
#[derive(Default)]
struct LengthSoFar {
    value: usize,
    used: usize,
    complete: bool,
    after_first_byte: Option<usize>,
}

/// A PUBLISH's fixed header (0x30, then 200 as 0xc8 0x01), a byte a read: the decoder's state
/// after each, told; each read's size goes to `reads`.
fn header_a_byte_a_read(
    lab: &mut Lab,
    (device, broker): (&OwnedFd, &OwnedFd),
    reads: &mut Vec<usize>,
) -> Result<LengthSoFar> {
    let mut length = LengthSoFar::default();
    let LengthSoFar {
        value,
        used,
        complete,
        after_first_byte,
    } = &mut length;
    for (i, &byte) in [0x30u8, 0xc8, 0x01].iter().enumerate() {
        deliver(device, broker, &[byte])?;
        let got = read_once(broker)?;
        reads.push(got.len());
        let shown = crate::base::escape::hex(&got);
        if i == 0 {
            lab.say(msg!(
                "try-length-first",
                n = 1,
                bytes = shown,
                kind = got.first().map_or(0, |b| b >> 4)
            ));
            continue;
        }
        let b = got.first().copied().unwrap_or(0);
        let at = i - 1;
        let digit = usize::from(b & 0x7f);
        *value += digit << (7 * at);
        *used += 1;
        if b & 0x80 != 0 {
            *after_first_byte = Some(*value);
            lab.say(msg!(
                "try-length-more",
                n = i + 1,
                bytes = shown,
                digit = digit,
                shift = 7 * at,
                value = *value
            ));
        } else {
            *complete = true;
            lab.say(msg!(
                "try-length-done",
                n = i + 1,
                bytes = shown,
                digit = digit,
                shift = 7 * at,
                value = *value,
                used = *used,
                total = 1 + *used + *value
            ));
        }
    }
    Ok(length)
}

/// Three PINGREQs sent before the broker reads: how many one read returns.
fn three_pingreqs_in_one_read(
    lab: &mut Lab,
    (device, broker): (&OwnedFd, &OwnedFd),
    reads: &mut Vec<usize>,
) -> Result<usize> {
    for _ in 0..3 {
        deliver(device, broker, &[0xc0, 0x00])?;
    }
    let together = read_once(broker)?;
    reads.push(together.len());
    let pingreqs = together.chunks(2).filter(|p| *p == [0xc0, 0x00]).count();
    lab.say(msg!(
        "try-length-together",
        n = 5,
        bytes = together.len(),
        packets = pingreqs
    ));
    Ok(pingreqs)
}
