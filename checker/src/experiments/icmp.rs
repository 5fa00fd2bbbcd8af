//! ICMP errors: a "host unreachable" answering a SYN ends connect() at once on Linux (it is a
//! hard error while the connection is being made), and a "port unreachable" answering a UDP
//! datagram reaches only a connected socket (or one that asked with IP_RECVERR).

use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use nix::errno::Errno;
use nix::sys::socket::{
    AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn, bind, connect, getsockopt, recv, send,
    sendto, setsockopt, socket, sockopt,
};

use super::net;
use super::{Lab, Outcome};
use crate::base::i18n::msg;

fn raw_socket(protocol: libc::c_int) -> Result<OwnedFd> {
    // SAFETY: socket() returns a new descriptor or -1.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_RAW, protocol) };
    if fd < 0 {
        bail!("raw socket: {}", std::io::Error::last_os_error());
    }
    // SAFETY: fd is a new descriptor nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Wait for the SYN that `from_port` sends to `to_port`, seen by a raw TCP socket: the
/// packet's IP header and first 8 bytes of TCP header, as an ICMP error quotes them.
fn capture_syn(raw: &OwnedFd, from_port: u16, to_port: u16) -> Option<Vec<u8>> {
    let until = Instant::now() + Duration::from_secs(2);
    let mut buf = [0u8; 2048];
    while Instant::now() < until {
        let Ok(n) = net::recv_now(raw, &mut buf) else {
            std::thread::sleep(Duration::from_millis(1));
            continue;
        };
        let packet = &buf[..n];
        let ihl = usize::from(packet.first()? & 0x0f) * 4;
        let tcp = packet.get(ihl..ihl + 20)?;
        let (src, dst) = (
            u16::from_be_bytes([tcp[0], tcp[1]]),
            u16::from_be_bytes([tcp[2], tcp[3]]),
        );
        if src == from_port && dst == to_port && tcp[13] & 0x02 != 0 {
            return Some(packet[..ihl + 8].to_vec());
        }
    }
    None
}

/// The Internet checksum (RFC 1071).
fn checksum(data: &[u8]) -> u16 {
    let mut sum: u32 = data
        .chunks(2)
        .map(|c| u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])))
        .sum();
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// A client's SYN goes unanswered (the listener's queue is full, so it is dropped); the
/// experiment answers it with ICMP "host unreachable", as a router would. connect() fails at
/// once with EHOSTUNREACH: no SYN is sent again.
pub fn connect_unreachable(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 0, false)?;
    let _first = net::connect_blocking(port)?;
    net::wait_until(Duration::from_secs(2), || net::accept_queue(&listener) == 1);
    let raw = raw_socket(libc::IPPROTO_TCP)?;
    let client = net::connect_nonblocking(port)?;
    let from = net::local_port(&client)?;
    let started = Instant::now();
    let Some(quoted) = capture_syn(&raw, from, port) else {
        bail!("the client's SYN was not seen");
    };
    lab.say(msg!("try-unreach-syn", port = port));
    let mut icmp = vec![3u8, 1, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&quoted);
    let sum = checksum(&icmp);
    icmp[2..4].copy_from_slice(&sum.to_be_bytes());
    let sender = raw_socket(libc::IPPROTO_ICMP)?;
    sendto(
        sender.as_raw_fd(),
        &icmp,
        &SockaddrIn::new(127, 0, 0, 1, 0),
        MsgFlags::empty(),
    )?;
    lab.say(msg!("try-unreach-sent"));
    let mut pfd = [nix::poll::PollFd::new(
        client.as_fd(),
        nix::poll::PollFlags::POLLOUT,
    )];
    let ready = nix::poll::poll(&mut pfd, nix::poll::PollTimeout::from(2000u16))? > 0;
    let took = started.elapsed();
    let error = getsockopt(&client, sockopt::SocketError)?;
    let error = Errno::from_raw(error);
    let retransmitted = net::tcp_info(client.as_raw_fd()).tcpi_total_retrans;
    lab.say(msg!(
        "try-unreach-result",
        error = format!("{error:?}"),
        ms = took.as_millis() as u64,
        retrans = retransmitted
    ));
    let holds = ready
        && error == Errno::EHOSTUNREACH
        && retransmitted == 0
        && took < Duration::from_millis(900);
    lab.say(msg!("try-unreach-conclusion"));
    Ok(Outcome::new(holds)
        .fact("connect_error", format!("{error:?}"))
        .fact("after_ms", took.as_millis() as u64)
        .fact("syn_retransmissions", retransmitted))
}

fn udp_socket() -> Result<OwnedFd> {
    Ok(socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::empty(),
        None,
    )?)
}

/// A UDP port nothing listens on: bound once to learn a free one, then closed.
fn closed_port() -> Result<u16> {
    let probe = udp_socket()?;
    bind(probe.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, 0))?;
    net::local_port(&probe)
}

/// Send one datagram to a closed port and say what the socket is told of the ICMP "port
/// unreachable" that answers it (which the experiment sees arrive in the namespace's counters).
fn told(socket: &OwnedFd, to: &SockaddrIn, connected: bool) -> Result<(bool, String)> {
    let before = net::counter("Icmp", "InDestUnreachs");
    if connected {
        send(socket.as_raw_fd(), b"ping", MsgFlags::empty())?;
    } else {
        sendto(socket.as_raw_fd(), b"ping", to, MsgFlags::empty())?;
    }
    let arrived = net::wait_until(Duration::from_secs(2), || {
        net::counter("Icmp", "InDestUnreachs") > before
    });
    let mut buf = [0u8; 16];
    let got = match recv(socket.as_raw_fd(), &mut buf, MsgFlags::MSG_DONTWAIT) {
        Ok(n) => n.to_string(),
        Err(e) => format!("{e:?}"),
    };
    Ok((arrived, got))
}

pub fn udp_icmp_unconnected(lab: &mut Lab) -> Result<Outcome> {
    let port = closed_port()?;
    let to = SockaddrIn::new(127, 0, 0, 1, port);
    let unconnected = udp_socket()?;
    let (a1, plain) = told(&unconnected, &to, false)?;
    lab.say(msg!(
        "try-udp-unconnected",
        port = port,
        result = plain.clone()
    ));
    let recverr = udp_socket()?;
    setsockopt(&recverr, sockopt::Ipv4RecvErr, &true)?;
    let (a2, with_recverr) = told(&recverr, &to, false)?;
    lab.say(msg!("try-udp-recverr", result = with_recverr.clone()));
    let connected = udp_socket()?;
    connect(connected.as_raw_fd(), &to)?;
    let (a3, conn) = told(&connected, &to, true)?;
    lab.say(msg!("try-udp-connected", result = conn.clone()));
    let holds = a1
        && a2
        && a3
        && plain == "EAGAIN"
        && with_recverr == "ECONNREFUSED"
        && conn == "ECONNREFUSED";
    lab.say(msg!("try-udp-conclusion"));
    Ok(Outcome::new(holds)
        .fact("icmp_arrived", a1 && a2 && a3)
        .fact("unconnected", plain)
        .fact("unconnected_ip_recverr", with_recverr)
        .fact("connected", conn))
}
