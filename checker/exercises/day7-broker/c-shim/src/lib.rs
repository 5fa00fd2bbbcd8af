//! Day 7 — the broker's codec, C track: the part of the Rust exercise `day7-broker`'s public API
//! that the checker's harness calls (`decode_remaining_length`, `encode_remaining_length`,
//! `check_flags`, `decode`, and the types they answer with), each over the student's C
//! functions of mqtt-codec.h: `mqtt_remaining_length`, `mqtt_put_remaining_length`,
//! `mqtt_bad_flags`, `mqtt_next_packet` then `mqtt_decode_connect`. The harness calls this
//! crate as it calls the Rust exercise, so the hidden tests are the same.
//!
//! The structs of mqtt-codec.h are mirrored here (`#[repr(C)]`, a C `bool` read as a byte): the
//! header is the codec's contract, as the Rust exercise's types are. C's answers become the
//! Rust API's: 1, 0 or -1 are `Ok(Some(..))`, `Ok(None)` or `Err(..)`, the reason C gives kept in
//! the error. The C codec frames every packet, but decodes only a CONNECT's body (the broker reads
//! the others', in mqtt-broker.c): the harness asks `decode` for CONNECTs and the packets without
//! a body, and any other packet the C code takes is a panic that says which.
//!
//! A `TODO("...")` in the C code calls `lab_todo` (`lab_todo.rs`, the same in every shim, which
//! the checker writes beside this file): a panic whose
//! message starts with "not yet implemented", as Rust's `todo!()` does, which unwinds through
//! the C frames (built with `-fexceptions`, declared `C-unwind` here) back to the harness,
//! which reports the test as not started.

// The checker writes lab_todo.rs beside this file (checker/c-track/lab-todo.rs), the same in
// every shim; included rather than a `mod` file, so this file is formatted and linted alone.
mod lab_todo {
    include!("lab_todo.rs");
}

use lab_todo::text;
use std::ffi::{c_char, c_int, c_uint};

/// The largest packet the broker accepts, fixed header included (mqtt-codec.h's MAX_PACKET).
pub const MAX_PACKET: usize = 262_144;

/// The largest remaining length the 4-byte encoding can carry (2.2.3).
pub const MAX_REMAINING_LENGTH: usize = 268_435_455;

/// A Will Message (3.1.2.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Will {
    pub topic: String,
    pub payload: Vec<u8>,
    pub qos: u8,
    pub retain: bool,
}

/// The control packets, as the Rust exercise has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packet {
    Connect {
        clean_session: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
        username: Option<String>,
        password: Option<Vec<u8>>,
    },
    Connack {
        session_present: bool,
        return_code: u8,
    },
    Publish {
        dup: bool,
        qos: u8,
        retain: bool,
        topic: String,
        packet_id: Option<u16>,
        payload: Vec<u8>,
    },
    Puback {
        packet_id: u16,
    },
    Subscribe {
        packet_id: u16,
        filters: Vec<(String, u8)>,
    },
    Suback {
        packet_id: u16,
        return_codes: Vec<u8>,
    },
    Unsubscribe {
        packet_id: u16,
        filters: Vec<String>,
    },
    Unsuback {
        packet_id: u16,
    },
    Pingreq,
    Pingresp,
    Disconnect,
}

/// Why the bytes are not MQTT 3.1.1, as the Rust exercise has it; C's reasons are its words, in
/// `Malformed`, which the report shows as the C function said it (`Debug`, below).
#[derive(Clone, PartialEq, Eq)]
pub enum ProtocolError {
    RemainingLengthTooLong,
    TooLarge(usize),
    UnsupportedType(u8),
    BadFlags { packet_type: u8, flags: u8 },
    BadProtocolName,
    UnsupportedLevel(u8),
    BadUtf8,
    BadTopic,
    BadFilter,
    Malformed(&'static str),
}

/// What the harness reports of an error (`{e:?}`): the C function's own answer, `-1` and the
/// reason it set (`-1, why = "..."`), never the Rust enum the shim carries it in.
impl std::fmt::Debug for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProtocolError::Malformed("") => f.write_str("-1, why = NULL"),
            ProtocolError::Malformed(why) => write!(f, "-1, why = {why:?}"),
            _ => f.write_str("-1"),
        }
    }
}

/// mqtt-codec.h's `struct mqtt_bytes`.
#[repr(C)]
#[derive(Clone, Copy)]
struct Bytes {
    p: *const u8,
    len: usize,
}

/// mqtt-codec.h's `struct mqtt_packet`.
#[repr(C)]
struct RawPacket {
    kind: c_uint,
    flags: c_uint,
    body: *const u8,
    len: usize,
    total: usize,
}

/// mqtt-codec.h's `struct mqtt_reader`.
#[repr(C)]
struct Reader {
    p: *const u8,
    left: usize,
    why: *const c_char,
}

/// mqtt-codec.h's `struct mqtt_connect` (each `bool` a byte).
#[repr(C)]
struct RawConnect {
    level: u8,
    clean: u8,
    keep_alive: u16,
    id: Bytes,
    will: u8,
    will_topic: Bytes,
    will_payload: Bytes,
    will_qos: u8,
    will_retain: u8,
    user: u8,
    password: u8,
    user_name: Bytes,
    password_bytes: Bytes,
}

const NO_BYTES: Bytes = Bytes {
    p: std::ptr::null(),
    len: 0,
};

unsafe extern "C-unwind" {
    fn mqtt_remaining_length(buf: *const u8, len: usize, value: *mut usize) -> c_int;
    fn mqtt_put_remaining_length(out: *mut u8, len: usize) -> usize;
    fn mqtt_bad_flags(kind: c_uint, flags: c_uint) -> *const c_char;
    fn mqtt_next_packet(
        buf: *const u8,
        len: usize,
        p: *mut RawPacket,
        why: *mut *const c_char,
    ) -> c_int;
    fn mqtt_decode_connect(r: *mut Reader, k: *mut RawConnect) -> c_int;
}

/// C's reason as the error's text (the harness lives for one test: leaking it is fine).
///
/// # Safety
///
/// `why` is NULL or a NUL-terminated string.
unsafe fn reason(why: *const c_char, otherwise: &str) -> &'static str {
    // SAFETY: as the caller says.
    let said = unsafe { text(why) };
    let said = if said.is_empty() {
        otherwise.to_string()
    } else {
        said
    };
    Box::leak(said.into_boxed_str())
}

/// Decode a remaining length. C: `int mqtt_remaining_length(const uint8_t *buf, size_t len,
/// size_t *value);`
pub fn decode_remaining_length(buf: &[u8]) -> Result<Option<(usize, usize)>, ProtocolError> {
    let mut value = 0usize;
    // SAFETY: `buf` is `buf.len()` readable bytes; `value` a writable size_t.
    let rc = unsafe { mqtt_remaining_length(buf.as_ptr(), buf.len(), &mut value) };
    match rc {
        0 => Ok(None),
        -1 => Err(ProtocolError::RemainingLengthTooLong),
        n if n > 0 => Ok(Some((value, n as usize))),
        n => panic!("mqtt_remaining_length returned {n}: it returns the bytes it took, 0 or -1"),
    }
}

/// Append a remaining length. C: `size_t mqtt_put_remaining_length(uint8_t *out, size_t len);`
pub fn encode_remaining_length(len: usize, out: &mut Vec<u8>) {
    // Room for 4 bytes is what the contract gives; more, so that a loop that runs on is seen.
    let mut room = [0u8; 64];
    // SAFETY: `room` is 64 writable bytes; the contract writes at most 4.
    let n = unsafe { mqtt_put_remaining_length(room.as_mut_ptr(), len) };
    assert!(
        n <= room.len(),
        "mqtt_put_remaining_length returned {n}: out has room for 4 bytes"
    );
    out.extend_from_slice(&room[..n]);
}

/// Judge a fixed header's type and flags. C: `const char *mqtt_bad_flags(unsigned type,
/// unsigned flags);`, NULL if they are right.
pub fn check_flags(packet_type: u8, flags: u8) -> Result<(), ProtocolError> {
    // SAFETY: two numbers in, a string literal or NULL out.
    let why = unsafe { mqtt_bad_flags(c_uint::from(packet_type), c_uint::from(flags)) };
    if why.is_null() {
        Ok(())
    } else {
        Err(ProtocolError::BadFlags { packet_type, flags })
    }
}

/// `b`'s bytes, which must lie inside `within` (what the C code was given): else a panic that
/// says which field points elsewhere.
fn inside<'a>(within: &'a [u8], b: Bytes, what: &str) -> &'a [u8] {
    if b.len == 0 {
        return &[];
    }
    let start = (b.p as usize).wrapping_sub(within.as_ptr() as usize);
    assert!(
        start <= within.len() && b.len <= within.len() - start,
        "{what} points outside the packet it was read from"
    );
    &within[start..start + b.len]
}

fn string(within: &[u8], b: Bytes, what: &str) -> String {
    String::from_utf8_lossy(inside(within, b, what)).into_owned()
}

/// The Rust codec's `encode`, which the C codec has no counterpart of (mqtt-broker.c writes its
/// packets): the harness never calls it on the C track.
pub fn encode(_packet: &Packet, _out: &mut Vec<u8>) {
    unreachable!("the C codec encodes no packet: mqtt-broker.c writes them")
}

/// Decode the packet at the start of `buf`. C: `mqtt_next_packet` frames it; a CONNECT's body is
/// then read by `mqtt_decode_connect`.
pub fn decode(buf: &[u8]) -> Result<Option<(Packet, usize)>, ProtocolError> {
    // mqtt_next_packet is called with at least one byte, as the broker calls it.
    if buf.is_empty() {
        return Ok(None);
    }
    let mut p = RawPacket {
        kind: 0,
        flags: 0,
        body: std::ptr::null(),
        len: 0,
        total: 0,
    };
    let mut why: *const c_char = std::ptr::null();
    // SAFETY: `buf` is `buf.len()` readable bytes; `p` and `why` are writable.
    let rc = unsafe { mqtt_next_packet(buf.as_ptr(), buf.len(), &mut p, &mut why) };
    match rc {
        0 => return Ok(None),
        // SAFETY: C sets why to a string literal (or leaves it NULL).
        -1 => return Err(ProtocolError::Malformed(unsafe { reason(why, "") })),
        1 => {}
        n => panic!("mqtt_next_packet: {n} (1, 0, -1)"),
    }
    assert!(
        p.total <= buf.len(),
        "mqtt_next_packet: p->total = {} > len = {}",
        p.total,
        buf.len()
    );
    let body = Bytes {
        p: p.body,
        len: p.len,
    };
    let body = inside(buf, body, "mqtt_next_packet's p->body");
    let packet = match p.kind {
        1 => return connect(body).map(|c| Some((c, p.total))),
        12 => Packet::Pingreq,
        13 => Packet::Pingresp,
        14 => Packet::Disconnect,
        other => panic!(
            "mqtt_next_packet took a packet of type {other} ({} bytes): the checker gives it only CONNECTs and packets without a body",
            p.total
        ),
    };
    Ok(Some((packet, p.total)))
}

/// A CONNECT's body read by `mqtt_decode_connect`.
fn connect(body: &[u8]) -> Result<Packet, ProtocolError> {
    let mut r = Reader {
        p: body.as_ptr(),
        left: body.len(),
        why: std::ptr::null(),
    };
    let mut k = RawConnect {
        level: 0,
        clean: 0,
        keep_alive: 0,
        id: NO_BYTES,
        will: 0,
        will_topic: NO_BYTES,
        will_payload: NO_BYTES,
        will_qos: 0,
        will_retain: 0,
        user: 0,
        password: 0,
        user_name: NO_BYTES,
        password_bytes: NO_BYTES,
    };
    // SAFETY: `r` reads `body`, which lives through the call; `k` is writable.
    let rc = unsafe { mqtt_decode_connect(&mut r, &mut k) };
    match rc {
        0 => {}
        1 => return Err(ProtocolError::UnsupportedLevel(k.level)),
        // SAFETY: C sets why to a string literal (or leaves it NULL).
        -1 => return Err(ProtocolError::Malformed(unsafe { reason(r.why, "") })),
        n => panic!("mqtt_decode_connect returned {n}: it returns 0, 1 or -1"),
    }
    let will = (k.will != 0).then(|| Will {
        topic: string(body, k.will_topic, "k->will_topic"),
        payload: inside(body, k.will_payload, "k->will_payload").to_vec(),
        qos: k.will_qos,
        retain: k.will_retain != 0,
    });
    Ok(Packet::Connect {
        clean_session: k.clean != 0,
        keep_alive: k.keep_alive,
        client_id: string(body, k.id, "k->id"),
        will,
        username: (k.user != 0).then(|| string(body, k.user_name, "k->user_name")),
        password: (k.password != 0)
            .then(|| inside(body, k.password_bytes, "k->password_bytes").to_vec()),
    })
}
