//! What day7-broker's Rust reference promises beyond its hidden tests (issue 67): it answers
//! every packet sent before a half-close, as the course's `| nc -q 1` commands show and as the C
//! reference and mosquitto do (the standard does not oblige a broker to, so no hidden test asks
//! it of students); and it publishes no will after a DISCONNECT followed at once by a new
//! connection with the same client id, many rounds in a row (the `will` test's 150 rounds, more
//! here, since a thread per connection made it a race).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The reference broker, killed when dropped.
struct Broker(Child, u16);

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start() -> Broker {
    let mut child = Command::new(common::reference_binaries("day7-broker").join("mqtt-broker"))
        .arg("0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line.trim().rsplit(':').next().unwrap().parse().unwrap();
    Broker(child, port)
}

fn dial(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_nodelay(true).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

/// A CONNECT, clean session, keep alive 60, with a will on `wills/<id>` if asked.
fn connect(id: &str, will: bool) -> Vec<u8> {
    let string = |s: &[u8], out: &mut Vec<u8>| {
        out.extend_from_slice(&(s.len() as u16).to_be_bytes());
        out.extend_from_slice(s);
    };
    let mut body = Vec::new();
    string(b"MQTT", &mut body);
    body.extend_from_slice(&[4, if will { 0b110 } else { 0b10 }, 0, 60]);
    string(id.as_bytes(), &mut body);
    if will {
        string(format!("wills/{id}").as_bytes(), &mut body);
        string(b"gone", &mut body);
    }
    assert!(body.len() < 128);
    let mut packet = vec![0x10, body.len() as u8];
    packet.extend_from_slice(&body);
    packet
}

/// One packet, read whole (every packet here is shorter than 128 bytes).
fn packet(s: &mut TcpStream) -> Vec<u8> {
    let mut head = [0u8; 2];
    s.read_exact(&mut head).unwrap();
    let mut body = vec![0u8; usize::from(head[1])];
    s.read_exact(&mut body).unwrap();
    [&head[..], &body].concat()
}

const CONNACK: [u8; 4] = [0x20, 0x02, 0x00, 0x00];

#[test]
fn the_reference_broker_answers_every_packet_before_a_half_close() {
    let broker = start();
    for round in 0..200 {
        let mut s = dial(broker.1);
        s.write_all(&[connect(&format!("half{round}"), false), vec![0xc0, 0x00]].concat())
            .unwrap();
        s.shutdown(Shutdown::Write).unwrap();
        let mut got = Vec::new();
        s.read_to_end(&mut got).unwrap();
        assert_eq!(
            got,
            [0x20, 0x02, 0x00, 0x00, 0xd0, 0x00],
            "round {round}: CONNECT, PINGREQ, then shutdown(SHUT_WR)"
        );
    }
}

#[test]
fn the_reference_broker_publishes_no_will_after_disconnect_and_reconnect() {
    let broker = start();
    let mut watcher = dial(broker.1);
    watcher.write_all(&connect("watcher", false)).unwrap();
    assert_eq!(packet(&mut watcher), CONNACK);
    // SUBSCRIBE wills/again and end at QoS 0, packet id 1.
    let mut subscribe = vec![0x82, 0, 0, 1];
    for filter in [&b"wills/again"[..], b"end"] {
        subscribe.extend_from_slice(&(filter.len() as u16).to_be_bytes());
        subscribe.extend_from_slice(filter);
        subscribe.push(0);
    }
    subscribe[1] = (subscribe.len() - 2) as u8;
    watcher.write_all(&subscribe).unwrap();
    assert_eq!(packet(&mut watcher), [0x90, 0x04, 0x00, 0x01, 0x00, 0x00]);
    let mut last = None;
    for _ in 0..500 {
        let mut old = dial(broker.1);
        old.write_all(&connect("again", true)).unwrap();
        assert_eq!(packet(&mut old), CONNACK);
        old.write_all(&[0xe0, 0x00]).unwrap();
        let mut new = dial(broker.1);
        new.write_all(&connect("again", false)).unwrap();
        assert_eq!(packet(&mut new), CONNACK);
        last = Some((old, new));
    }
    // A message that must come, after any will that must not.
    let (_old, mut new) = last.unwrap();
    new.write_all(&[0x30, 0x08, 0x00, 0x03, b'e', b'n', b'd', b'e', b'n', b'd'])
        .unwrap();
    let got = packet(&mut watcher);
    assert_eq!(
        got,
        [0x30, 0x08, 0x00, 0x03, b'e', b'n', b'd', b'e', b'n', b'd'],
        "a will came after its device's DISCONNECT (3.14.4-3)"
    );
}
