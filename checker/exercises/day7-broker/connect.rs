//! CONNECT and CONNACK (3.1, 3.2): the handshake, the CONNECTs a broker refuses or closes,
//! and the takeover of a client id already connected.

use super::{CLOSE_WITHIN, KEEP_ALIVE, broker, expect_will, online, soon, with_will};
use crate::base::i18n::msg;
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::observe::wire::mqtt::packet::remaining_length;
use crate::observe::wire::mqtt::{Device, Packet};

/// A CONNECT built by hand: any protocol level and connect flags (keep-alive 60).
fn raw_connect(level: u8, flags: u8, client_id: &str) -> Vec<u8> {
    let [hi, lo] = KEEP_ALIVE.to_be_bytes();
    let mut body = vec![0, 4, b'M', b'Q', b'T', b'T', level, flags, hi, lo];
    body.extend_from_slice(&(client_id.len() as u16).to_be_bytes());
    body.extend_from_slice(client_id.as_bytes());
    let mut out = vec![0x10];
    remaining_length(body.len(), &mut out);
    out.extend_from_slice(&body);
    out
}

pub fn accepted(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut a = Device::connect(&t, "device A", s.port, soon(ctx))?;
    let connect = Packet::Connect {
        clean_session: true,
        keep_alive: 60,
        client_id: "A".into(),
        will: None,
    };
    a.send(&connect, soon(ctx))?;
    let accepted = Packet::Connack {
        session_present: false,
        return_code: 0,
    };
    a.expect(&accepted, "3.2.2-1, 3.2.2.3", soon(ctx))?;
    // Twice: a reply one byte too long shows as the start of the next packet.
    for _ in 0..2 {
        a.send(&Packet::Pingreq, soon(ctx))?;
        a.expect(&Packet::Pingresp, "3.12.4-1", soon(ctx))?;
    }
    Ok(())
}

pub fn refused(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    // Level 6, which no version of MQTT has. Not 5, MQTT 5's, whose CONNECT has more fields
    // than these bytes, nor 3 under the name `MQTT`: a broker that also speaks MQTT 3.1 (whose
    // CONNECT says `MQIsdp`, level 3) may take it for 3.1 and accept it.
    let mut d = Device::connect(&t, "level 6", s.port, soon(ctx))?;
    d.send_raw(
        &raw_connect(6, 0b10, "x"),
        "CONNECT level=6 id=\"x\" clean=1",
        soon(ctx),
    );
    let unacceptable = Packet::Connack {
        session_present: false,
        return_code: 1,
    };
    d.expect(&unacceptable, "3.1.2-2", soon(ctx))?;
    d.expect_closed(
        msg!("mqtt-what-its-connack"),
        msg!("mqtt-clause-refused-then-closed"),
        CLOSE_WITHIN,
    )?;
    let mut d = Device::connect(&t, "no id, kept", s.port, soon(ctx))?;
    let keep_without_id = Packet::Connect {
        clean_session: false,
        keep_alive: KEEP_ALIVE,
        client_id: String::new(),
        will: None,
    };
    d.send(&keep_without_id, soon(ctx))?;
    let rejected = Packet::Connack {
        session_present: false,
        return_code: 2,
    };
    d.expect(&rejected, "3.1.3-8", soon(ctx))?;
    d.expect_closed(
        msg!("mqtt-what-its-connack"),
        msg!("mqtt-clause-refused-then-closed"),
        CLOSE_WITHIN,
    )?;
    let mut d = Device::connect(&t, "no id, clean", s.port, soon(ctx))?;
    d.handshake("", true, KEEP_ALIVE, None, soon(ctx))?;
    // A second one while the first is connected: each gets an identifier of its own, unique
    // among the sessions (3.1.3-6), so neither takes the other over (3.1.4-2).
    let mut e = Device::connect(&t, "no id, clean (another)", s.port, soon(ctx))?;
    e.handshake("", true, KEEP_ALIVE, None, soon(ctx))?;
    for dev in [&mut d, &mut e] {
        dev.send(&Packet::Pingreq, soon(ctx))?;
        dev.expect(&Packet::Pingresp, "3.1.3-6", soon(ctx))?;
    }
    Ok(())
}

pub fn connect_first(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut d = Device::connect(&t, "ping first", s.port, soon(ctx))?;
    d.send(&Packet::Pingreq, soon(ctx))?;
    d.expect_closed(
        msg!("mqtt-what-before-connect", packet = "PINGREQ"),
        "3.1.0-1",
        CLOSE_WITHIN,
    )?;
    let mut d = Device::connect(&t, "publish first", s.port, soon(ctx))?;
    d.send(&Packet::publish("a", b"early", 0, false, 0), soon(ctx))?;
    d.expect_closed(
        msg!("mqtt-what-before-connect", packet = "PUBLISH"),
        "3.1.0-1",
        CLOSE_WITHIN,
    )?;
    let mut d = Device::connect(&t, "reserved flag", s.port, soon(ctx))?;
    d.send_raw(
        &raw_connect(4, 0b11, "r"),
        msg!("mqtt-connect-reserved-flag"),
        soon(ctx),
    );
    d.expect_closed(msg!("mqtt-what-reserved-flag"), "3.1.2-3", CLOSE_WITHIN)?;
    // The fixed header's flags of a CONNECT are reserved too (0000, 2.2.2).
    let mut d = Device::connect(&t, "connect flags", s.port, soon(ctx))?;
    let mut bytes = raw_connect(4, 0b10, "f");
    bytes[0] |= 0b0001;
    let what = msg!("mqtt-what-reserved-bits", packet = "CONNECT", bits = "0001");
    d.send_raw(&bytes, what.clone(), soon(ctx));
    d.expect_closed(what, "2.2.2-2", CLOSE_WITHIN)?;
    let mut d = online(ctx, &t, &s, "twice")?;
    let again = Packet::Connect {
        clean_session: true,
        keep_alive: KEEP_ALIVE,
        client_id: "twice".into(),
        will: None,
    };
    d.send(&again, soon(ctx))?;
    d.expect_closed(msg!("mqtt-what-second-connect"), "3.1.0-2", CLOSE_WITHIN)?;
    // A second CONNECT of another protocol level is a second CONNECT all the same: closed, with
    // no CONNACK (return code 1 answers a first CONNECT alone, 3.1.2-2).
    let mut d = online(ctx, &t, &s, "twicelevel")?;
    d.send_raw(
        &raw_connect(6, 0b10, "twicelevel"),
        "CONNECT level=6 id=\"twicelevel\" clean=1",
        soon(ctx),
    );
    d.expect_closed(msg!("mqtt-what-second-connect"), "3.1.0-2", CLOSE_WITHIN)
}

pub fn takeover(ctx: &mut Ctx) -> TestResult {
    let (s, t) = broker(ctx)?;
    let mut watcher = online(ctx, &t, &s, "watcher")?;
    watcher.subscribe(&[("wills/sensor", 0)], soon(ctx))?;
    let mut old = with_will(ctx, &t, &s, "sensor", "taken over")?;
    let mut new = Device::connect(&t, "device sensor (again)", s.port, soon(ctx))?;
    new.handshake("sensor", true, KEEP_ALIVE, None, soon(ctx))?;
    old.expect_closed(msg!("mqtt-what-taken-over"), "3.1.4-2", CLOSE_WITHIN)?;
    expect_will(&mut watcher, "sensor", "taken over", "3.1.2-8", soon(ctx))?;
    new.send(&Packet::Pingreq, soon(ctx))?;
    new.expect(&Packet::Pingresp, "3.1.4-2", soon(ctx))
}
