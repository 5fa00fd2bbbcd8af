//! Day 8 — the device's MQTT 3.1.1 codec, given whole: day 7's reference codec (the packets,
//! `decode`, `encode`), so that the device (`src/bin/sensor-device.rs`) is the lesson. To build
//! the device on your own day-7 codec instead, put your `exercises/day7-broker/src/lib.rs` in
//! this file's place: it has the same API (course.md#day8-device).
//!
//! Section numbers in the comments (`2.2.3`, `3.1.2-3`, …) are those of the OASIS standard
//! "MQTT Version 3.1.1" (29 October 2014); a number with a dash is a normative statement
//! (`[MQTT-3.1.2-3]` in the standard).
//!
//! This file knows nothing of sockets: `decode` takes the bytes received so far and says
//! whether they begin with a whole packet, and `encode` appends a packet's bytes to a buffer.
//@ko //! 8일차 — 기기가 쓰는 MQTT 3.1.1 코덱. 통째로 주어진다: 7일차의 참조 풀이 코덱(패킷,
//@ko //! `decode`, `encode`)이고, 그래서 학습 내용은 기기(`src/bin/sensor-device.rs`) 쪽이다. 직접
//@ko //! 쓴 7일차 코덱 위에 기기를 세우려면 `exercises/day7-broker/src/lib.rs`를 이 파일 자리에 둔다.
//@ko //! API가 같다(course.ko.md#day8-device).
//@ko //!
//@ko //! 주석의 절 번호(`2.2.3`, `3.1.2-3`, …)는 OASIS 표준 "MQTT Version 3.1.1"(2014년 10월 29일)의
//@ko //! 번호다. 줄표가 든 번호는 규범 문장이다(표준에서는 `[MQTT-3.1.2-3]`).
//@ko //!
//@ko //! 이 파일은 소켓을 전혀 모른다. `decode`는 지금까지 받은 바이트를 받아서 그 바이트가 온전한
//@ko //! 패킷 하나로 시작하는지 알려 주고, `encode`는 패킷의 바이트를 버퍼에 덧붙인다.

use std::fmt;

/// The largest packet `decode` accepts, fixed header included: 256 KiB, the lab's limit since
/// day 7. A packet that announces more is refused as soon as its fixed header is in, without
/// waiting for (or buffering) the rest.
//@ko /// `decode`가 받아들이는 가장 큰 패킷, 고정 헤더 포함: 256 KiB. 7일차부터 이 랩의 한도다.
//@ko /// 이보다 크다고 알리는 패킷은 고정 헤더가 들어오자마자 거부한다. 나머지는 기다리지도, 버퍼에
//@ko /// 담지도 않는다.
pub const MAX_PACKET: usize = 262_144;

/// The largest remaining length the 4-byte encoding can carry (2.2.3): 268,435,455.
//@ko /// 4바이트 인코딩이 담을 수 있는 가장 큰 남은 길이(2.2.3): 268,435,455.
pub const MAX_REMAINING_LENGTH: usize = 268_435_455;

/// A Will Message (3.1.2.5): what the broker publishes for a client whose connection ends
/// without a DISCONNECT.
//@ko /// 유언 메시지(Will Message, 3.1.2.5): 연결이 DISCONNECT 없이 끝난 클라이언트를 대신해 브로커가
//@ko /// 발행하는 메시지.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Will {
    pub topic: String,
    pub payload: Vec<u8>,
    pub qos: u8,
    pub retain: bool,
}

/// The MQTT 3.1.1 control packets of the lab's subset (2.2.1: every type but the QoS 2 ones,
/// PUBREC, PUBREL and PUBCOMP).
//@ko /// 이 랩이 다루는 부분집합의 MQTT 3.1.1 제어 패킷들(2.2.1: QoS 2의 타입인 PUBREC, PUBREL,
//@ko /// PUBCOMP를 뺀 모든 타입).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packet {
    /// 3.1. `decode` only returns it for protocol name `MQTT`, level 4 (see
    /// `ProtocolError::UnsupportedLevel`).
    //@ko /// 3.1. `decode`는 프로토콜 이름이 `MQTT`이고 레벨이 4일 때만 이것을 돌려준다
    //@ko /// (`ProtocolError::UnsupportedLevel` 참고).
    Connect {
        clean_session: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
        username: Option<String>,
        password: Option<Vec<u8>>,
    },
    /// 3.2. `return_code` 0 accepts; 1 unacceptable protocol level, 2 identifier rejected, …
    //@ko /// 3.2. `return_code` 0은 연결을 받아들인다. 1은 받아들일 수 없는 프로토콜 레벨, 2는 거부된
    //@ko /// 식별자, …
    Connack {
        session_present: bool,
        return_code: u8,
    },
    /// 3.3. `packet_id` is `Some` exactly when `qos` > 0 (2.3.1).
    //@ko /// 3.3. `packet_id`는 `qos` > 0일 때, 그리고 그때만 `Some`이다(2.3.1).
    Publish {
        dup: bool,
        qos: u8,
        retain: bool,
        topic: String,
        packet_id: Option<u16>,
        payload: Vec<u8>,
    },
    /// 3.4.
    //@ko /// 3.4.
    Puback { packet_id: u16 },
    /// 3.8: a list of (topic filter, requested QoS), at least one.
    //@ko /// 3.8: (토픽 필터, 요청한 QoS)의 목록, 하나 이상.
    Subscribe {
        packet_id: u16,
        filters: Vec<(String, u8)>,
    },
    /// 3.9: one return code per filter: the granted QoS (0, 1, 2) or 0x80 for a failure.
    //@ko /// 3.9: 필터마다 반환 코드 하나: 허용한 QoS(0, 1, 2), 실패면 0x80.
    Suback {
        packet_id: u16,
        return_codes: Vec<u8>,
    },
    /// 3.10: at least one topic filter.
    //@ko /// 3.10: 토픽 필터 하나 이상.
    Unsubscribe {
        packet_id: u16,
        filters: Vec<String>,
    },
    /// 3.11.
    //@ko /// 3.11.
    Unsuback { packet_id: u16 },
    /// 3.12.
    //@ko /// 3.12.
    Pingreq,
    /// 3.13.
    //@ko /// 3.13.
    Pingresp,
    /// 3.14.
    //@ko /// 3.14.
    Disconnect,
}

/// Why a stream of bytes is not MQTT 3.1.1 as this codec takes it. Every one of them closes
/// the connection (4.8: the receiver "MUST close the Network Connection").
//@ko /// 바이트 흐름이 이 코덱이 받아들이는 MQTT 3.1.1이 아닌 이유. 어느 것이든 연결을 닫는다
//@ko /// (4.8: 받는 쪽은 "MUST close the Network Connection").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolError {
    /// The remaining length goes on past its 4th byte (2.2.3).
    //@ko /// 남은 길이가 4번째 바이트를 넘어서도 이어진다(2.2.3).
    RemainingLengthTooLong,
    /// A packet, fixed header included, of more than `MAX_PACKET` bytes.
    //@ko /// 고정 헤더를 포함해 `MAX_PACKET`바이트보다 큰 패킷.
    TooLarge(usize),
    /// Packet type 0 or 15 (reserved, 2.2.1), or a QoS 2 type the subset leaves out.
    //@ko /// 패킷 타입 0이나 15(예약됨, 2.2.1), 또는 부분집합이 빼 둔 QoS 2의 타입.
    UnsupportedType(u8),
    /// The fixed header's flags are not those 2.2.2 prescribes for the type (2.2.2-2), or a
    /// PUBLISH with QoS 3 (3.3.1-4) or DUP set at QoS 0 (3.3.1-2).
    //@ko /// 고정 헤더의 플래그가 2.2.2가 그 타입에 정한 값이 아니다(2.2.2-2). 또는 QoS 3인 PUBLISH
    //@ko /// (3.3.1-4)나 QoS 0에 DUP이 켜진 PUBLISH(3.3.1-2).
    BadFlags { packet_type: u8, flags: u8 },
    /// A CONNECT whose protocol name is not `MQTT` (3.1.2-1).
    //@ko /// 프로토콜 이름이 `MQTT`가 아닌 CONNECT(3.1.2-1).
    BadProtocolName,
    /// A CONNECT for protocol level other than 4: the broker answers CONNACK return code 1
    /// before closing (3.1.2-2).
    //@ko /// 프로토콜 레벨이 4가 아닌 CONNECT: 브로커는 닫기 전에 CONNACK 반환 코드 1로 답한다
    //@ko /// (3.1.2-2).
    UnsupportedLevel(u8),
    /// A string that is not well-formed UTF-8, or holds U+0000 (1.5.3-1, 1.5.3-2).
    //@ko /// 올바른 UTF-8이 아니거나 U+0000을 담은 문자열(1.5.3-1, 1.5.3-2).
    BadUtf8,
    /// A topic name that is empty or holds a wildcard (3.3.2-2, 4.7.3-1).
    //@ko /// 비어 있거나 와일드카드를 담은 토픽 이름(3.3.2-2, 4.7.3-1).
    BadTopic,
    /// A topic filter that is empty or misplaces a wildcard (4.7.1-1, 4.7.1-2, 4.7.1-3).
    //@ko /// 비어 있거나 와일드카드를 엉뚱한 자리에 둔 토픽 필터(4.7.1-1, 4.7.1-2, 4.7.1-3).
    BadFilter,
    /// Anything else that breaks the packet's layout: a field that runs past the packet's
    /// end, bytes left over, a reserved bit set, a packet identifier 0, …
    //@ko /// 그 밖에 패킷의 배치를 깨는 모든 것: 패킷 끝을 넘어가는 필드, 남는 바이트, 켜진 예약 비트,
    //@ko /// 패킷 식별자 0, …
    Malformed(&'static str),
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtocolError::RemainingLengthTooLong => {
                write!(f, "remaining length longer than 4 bytes (2.2.3)")
            }
            ProtocolError::TooLarge(n) => {
                write!(f, "packet of {n} bytes, over the {MAX_PACKET}-byte limit")
            }
            ProtocolError::UnsupportedType(t) => write!(f, "unsupported packet type {t}"),
            ProtocolError::BadFlags { packet_type, flags } => {
                write!(
                    f,
                    "packet type {packet_type} with flags {flags:#06b} (2.2.2)"
                )
            }
            ProtocolError::BadProtocolName => write!(f, "protocol name is not MQTT (3.1.2-1)"),
            ProtocolError::UnsupportedLevel(l) => {
                write!(f, "protocol level {l}, not 4 (3.1.2-2)")
            }
            ProtocolError::BadUtf8 => write!(f, "string not valid UTF-8 or holding U+0000"),
            ProtocolError::BadTopic => write!(f, "invalid topic name (4.7)"),
            ProtocolError::BadFilter => write!(f, "invalid topic filter (4.7.1)"),
            ProtocolError::Malformed(what) => write!(f, "malformed packet: {what}"),
        }
    }
}

impl std::error::Error for ProtocolError {}

// Packet types, the high nibble of the fixed header's first byte (2.2.1).
//@ko // 패킷 타입: 고정 헤더 첫 바이트의 높은 니블(2.2.1).
const CONNECT: u8 = 1;
const CONNACK: u8 = 2;
const PUBLISH: u8 = 3;
const PUBACK: u8 = 4;
const SUBSCRIBE: u8 = 8;
const SUBACK: u8 = 9;
const UNSUBSCRIBE: u8 = 10;
const UNSUBACK: u8 = 11;
const PINGREQ: u8 = 12;
const PINGRESP: u8 = 13;
const DISCONNECT: u8 = 14;

/// Decode a remaining length (2.2.3) at the start of `buf`: 1 to 4 bytes, 7 bits each, least
/// significant first, the high bit saying "another byte follows". Returns the length and how
/// many bytes it took, `None` when `buf` ends before the last byte, and an error when a 4th
/// byte still says "another follows".
//@ko /// `buf`의 맨 앞에서 남은 길이(2.2.3)를 디코드한다: 1~4바이트, 바이트마다 7비트, 낮은
//@ko /// 자리부터, 최상위 비트는 "바이트가 하나 더 온다"는 뜻이다. 길이와 그 길이가 차지한 바이트 수를
//@ko /// 돌려준다. `buf`가 마지막 바이트 전에 끝나면 `None`, 4번째 바이트가 여전히 "하나 더 온다"고
//@ko /// 하면 오류다.
pub fn decode_remaining_length(buf: &[u8]) -> Result<Option<(usize, usize)>, ProtocolError> {
    let mut value = 0usize;
    for i in 0..4 {
        let Some(&byte) = buf.get(i) else {
            //@ko-next // 길이 중간에서 끊겼다: 더 기다린다
            return Ok(None); // cut inside the length: wait for more
        };
        value |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok(Some((value, i + 1)));
        }
    }
    Err(ProtocolError::RemainingLengthTooLong)
}

/// Append the encoding of a remaining length (2.2.3). Panics above `MAX_REMAINING_LENGTH`:
/// no packet this crate builds is that large.
//@ko /// 남은 길이(2.2.3)의 인코딩을 덧붙인다. `MAX_REMAINING_LENGTH`를 넘으면 panic한다:
//@ko /// 이 크레이트가 만드는 패킷 가운데 그렇게 큰 것은 없다.
pub fn encode_remaining_length(mut len: usize, out: &mut Vec<u8>) {
    assert!(
        len <= MAX_REMAINING_LENGTH,
        "remaining length {len} too large"
    );
    loop {
        let mut byte = (len % 128) as u8;
        len /= 128;
        if len > 0 {
            byte |= 0x80;
        }
        out.push(byte);
        if len == 0 {
            return;
        }
    }
}

/// Decode the packet at the start of `buf`, the bytes received so far.
///
/// `Ok(None)`: `buf` ends inside the packet (a read can end anywhere, even after one byte):
/// read more and call again with the bytes appended. `Ok(Some((packet, n)))`: the packet took
/// the first `n` bytes of `buf`; what follows is the start of the next one. `Err`: the peer
/// broke the protocol, and the connection must close. A packet announcing more than
/// `MAX_PACKET` bytes is refused as soon as its fixed header is in.
//@ko /// 지금까지 받은 바이트 `buf`의 맨 앞에 있는 패킷을 디코드한다.
//@ko ///
//@ko /// `Ok(None)`: `buf`가 패킷 중간에서 끝난다(read는 어디서든, 한 바이트 뒤에서도 끝날 수 있다):
//@ko /// 더 읽고, 바이트를 덧붙여서 다시 부른다. `Ok(Some((packet, n)))`: 패킷이 `buf`의 처음
//@ko /// `n`바이트를 차지했다. 그 뒤는 다음 패킷의 시작이다. `Err`: 상대가 프로토콜을 어겼으니 연결을
//@ko /// 닫아야 한다. `MAX_PACKET`바이트보다 크다고 알리는 패킷은 고정 헤더가 들어오자마자 거부된다.
pub fn decode(buf: &[u8]) -> Result<Option<(Packet, usize)>, ProtocolError> {
    let Some(&first) = buf.first() else {
        return Ok(None);
    };
    let Some((remaining, len_bytes)) = decode_remaining_length(&buf[1..])? else {
        return Ok(None);
    };
    let total = 1 + len_bytes + remaining;
    if total > MAX_PACKET {
        return Err(ProtocolError::TooLarge(total));
    }
    // Type and flags are checked before the body has arrived: garbage closes at once.
    //@ko // 타입과 플래그는 본문이 오기 전에 검사한다: 쓰레기가 오면 곧바로 닫는다.
    let (packet_type, flags) = (first >> 4, first & 0x0f);
    check_flags(packet_type, flags)?;
    if buf.len() < total {
        return Ok(None);
    }
    let body = &buf[1 + len_bytes..total];
    let packet = decode_body(packet_type, flags, body)?;
    Ok(Some((packet, total)))
}

/// 2.2.2: the flags each type must carry, judged from the fixed header's first byte alone:
/// `Ok(())` if `flags` (its low nibble) are allowed on `packet_type` (its high nibble), else the
/// error that closes the connection. PUBLISH's flags are DUP, QoS and RETAIN (3.3.1).
//@ko /// 2.2.2: 타입마다 지녀야 하는 플래그를 고정 헤더의 첫 바이트만 보고 판정한다. `flags`(낮은
//@ko /// 니블)가 `packet_type`(높은 니블)에 허용되면 `Ok(())`, 아니면 연결을 닫게 하는 오류다.
//@ko /// PUBLISH의 플래그는 DUP, QoS, RETAIN이다(3.3.1).
pub fn check_flags(packet_type: u8, flags: u8) -> Result<(), ProtocolError> {
    let bad = ProtocolError::BadFlags { packet_type, flags };
    match packet_type {
        PUBLISH => {
            let qos = (flags >> 1) & 0b11;
            if qos == 3 {
                //@ko-next // 3.3.1-4
                return Err(bad); // 3.3.1-4
            }
            if qos == 0 && flags & 0b1000 != 0 {
                //@ko-next // 3.3.1-2: QoS 0에서 DUP은 0이어야 한다
                return Err(bad); // 3.3.1-2: DUP must be 0 at QoS 0
            }
            Ok(())
        }
        // 3.8.1-1, 3.10.1-1: SUBSCRIBE and UNSUBSCRIBE carry 0b0010.
        //@ko // 3.8.1-1, 3.10.1-1: SUBSCRIBE와 UNSUBSCRIBE는 0b0010을 싣는다.
        SUBSCRIBE | UNSUBSCRIBE if flags == 0b0010 => Ok(()),
        SUBSCRIBE | UNSUBSCRIBE => Err(bad),
        CONNECT | CONNACK | PUBACK | SUBACK | UNSUBACK | PINGREQ | PINGRESP | DISCONNECT
            if flags == 0 =>
        {
            Ok(())
        }
        CONNECT | CONNACK | PUBACK | SUBACK | UNSUBACK | PINGREQ | PINGRESP | DISCONNECT => {
            Err(bad)
        }
        // 0 and 15 are reserved; 5, 6 and 7 (PUBREC, PUBREL, PUBCOMP) are QoS 2's.
        //@ko // 0과 15는 예약되어 있다. 5, 6, 7(PUBREC, PUBREL, PUBCOMP)은 QoS 2의 것이다.
        other => Err(ProtocolError::UnsupportedType(other)),
    }
}

/// A cursor over a packet's body: every read checks that the bytes are there.
//@ko /// 패킷 본문 위의 커서: 읽을 때마다 바이트가 있는지 확인한다.
struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8, ProtocolError> {
        let (&b, rest) = self
            .buf
            .split_first()
            .ok_or(ProtocolError::Malformed("field past the packet's end"))?;
        self.buf = rest;
        Ok(b)
    }

    fn u16(&mut self) -> Result<u16, ProtocolError> {
        Ok(u16::from_be_bytes([self.u8()?, self.u8()?]))
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ProtocolError> {
        if self.buf.len() < n {
            return Err(ProtocolError::Malformed("field past the packet's end"));
        }
        let (taken, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(taken)
    }

    /// Binary data (1.5.6): a 2-byte length, then the bytes.
    //@ko /// 바이너리 데이터(1.5.6): 2바이트 길이, 그다음 그 바이트들.
    fn binary(&mut self) -> Result<Vec<u8>, ProtocolError> {
        let n = usize::from(self.u16()?);
        Ok(self.bytes(n)?.to_vec())
    }

    /// A UTF-8 encoded string (1.5.3): a 2-byte length, then well-formed UTF-8 without
    /// U+0000 (1.5.3-1, 1.5.3-2). Rust's `str` already refuses surrogates and overlongs.
    //@ko /// UTF-8로 인코딩한 문자열(1.5.3): 2바이트 길이, 그다음 U+0000이 없는 올바른 UTF-8
    //@ko /// (1.5.3-1, 1.5.3-2). 서로게이트와 과잉 인코딩은 Rust의 `str`이 이미 거부한다.
    fn string(&mut self) -> Result<String, ProtocolError> {
        let n = usize::from(self.u16()?);
        let s = std::str::from_utf8(self.bytes(n)?).map_err(|_| ProtocolError::BadUtf8)?;
        if s.contains('\0') {
            return Err(ProtocolError::BadUtf8);
        }
        Ok(s.to_owned())
    }

    /// A packet identifier: non-zero (2.3.1-1).
    //@ko /// 패킷 식별자: 0이 아니다(2.3.1-1).
    fn packet_id(&mut self) -> Result<u16, ProtocolError> {
        match self.u16()? {
            0 => Err(ProtocolError::Malformed("packet identifier 0")),
            id => Ok(id),
        }
    }

    fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.buf)
    }

    /// Every byte the remaining length announced must have been used.
    //@ko /// 남은 길이가 알린 바이트는 모두 쓰였어야 한다.
    fn end(&self) -> Result<(), ProtocolError> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(ProtocolError::Malformed(
                "bytes left over at the packet's end",
            ))
        }
    }
}

fn decode_body(packet_type: u8, flags: u8, body: &[u8]) -> Result<Packet, ProtocolError> {
    let mut r = Reader { buf: body };
    let packet = match packet_type {
        CONNECT => decode_connect(&mut r)?,
        CONNACK => {
            let ack_flags = r.u8()?;
            if ack_flags & 0xfe != 0 {
                //@ko-next // 3.2.2.1
                return Err(ProtocolError::Malformed("CONNACK reserved bits set")); // 3.2.2.1
            }
            Packet::Connack {
                session_present: ack_flags & 1 == 1,
                return_code: r.u8()?,
            }
        }
        PUBLISH => {
            let qos = (flags >> 1) & 0b11;
            let topic = r.string()?;
            if !valid_topic_name(&topic) {
                //@ko-next // 3.3.2-2
                return Err(ProtocolError::BadTopic); // 3.3.2-2
            }
            // 3.3.2.2: the packet identifier is there only at QoS 1 and 2.
            //@ko // 3.3.2.2: 패킷 식별자는 QoS 1과 2에서만 있다.
            let packet_id = if qos > 0 { Some(r.packet_id()?) } else { None };
            Packet::Publish {
                dup: flags & 0b1000 != 0,
                qos,
                retain: flags & 0b0001 != 0,
                topic,
                packet_id,
                //@ko-next // 3.3.3: 나머지 전부. 비어 있을 수도 있다
                payload: r.rest().to_vec(), // 3.3.3: the rest, possibly empty
            }
        }
        PUBACK => Packet::Puback {
            packet_id: r.packet_id()?,
        },
        SUBSCRIBE => {
            let packet_id = r.packet_id()?;
            let mut filters = Vec::new();
            while !r.buf.is_empty() {
                let filter = r.string()?;
                if !valid_topic_filter(&filter) {
                    //@ko-next // 4.7.1
                    return Err(ProtocolError::BadFilter); // 4.7.1
                }
                let qos = r.u8()?;
                if qos > 2 {
                    // 3.8.3-4: the upper 6 bits are reserved, and QoS 3 does not exist.
                    //@ko // 3.8.3-4: 위쪽 6비트는 예약되어 있고, QoS 3은 없다.
                    return Err(ProtocolError::Malformed("SUBSCRIBE requested QoS byte"));
                }
                filters.push((filter, qos));
            }
            if filters.is_empty() {
                //@ko-next // 3.8.3-3
                return Err(ProtocolError::Malformed("SUBSCRIBE without a filter")); // 3.8.3-3
            }
            Packet::Subscribe { packet_id, filters }
        }
        SUBACK => {
            let packet_id = r.packet_id()?;
            let return_codes = r.rest().to_vec();
            if return_codes.iter().any(|&c| c > 2 && c != 0x80) {
                //@ko-next // 3.9.3
                return Err(ProtocolError::Malformed("SUBACK return code")); // 3.9.3
            }
            Packet::Suback {
                packet_id,
                return_codes,
            }
        }
        UNSUBSCRIBE => {
            let packet_id = r.packet_id()?;
            let mut filters = Vec::new();
            while !r.buf.is_empty() {
                let filter = r.string()?;
                if !valid_topic_filter(&filter) {
                    return Err(ProtocolError::BadFilter);
                }
                filters.push(filter);
            }
            if filters.is_empty() {
                //@ko-next // 3.10.3-2
                return Err(ProtocolError::Malformed("UNSUBSCRIBE without a filter")); // 3.10.3-2
            }
            Packet::Unsubscribe { packet_id, filters }
        }
        UNSUBACK => Packet::Unsuback {
            packet_id: r.packet_id()?,
        },
        PINGREQ => Packet::Pingreq,
        PINGRESP => Packet::Pingresp,
        DISCONNECT => Packet::Disconnect,
        other => return Err(ProtocolError::UnsupportedType(other)),
    };
    r.end()?;
    Ok(packet)
}

/// 3.1.2 and 3.1.3: the variable header, then the payload whose fields the flags announce.
//@ko /// 3.1.2와 3.1.3: 가변 헤더, 그다음 플래그가 알리는 필드들로 된 페이로드.
fn decode_connect(r: &mut Reader<'_>) -> Result<Packet, ProtocolError> {
    // 3.1.2.1: the protocol name is checked first, then 3.1.2.2: the level. A level other than
    // 4 stops the decoding there, since another level's layout may differ (5 adds
    // properties): the broker answers return code 1 with what it has.
    //@ko // 3.1.2.1: 프로토콜 이름을 먼저 검사하고, 그다음 3.1.2.2: 레벨을 검사한다. 레벨이 4가
    //@ko // 아니면 디코딩은 거기서 멈춘다. 다른 레벨은 배치가 다를 수 있기 때문이다(5는 속성을
    //@ko // 더한다). 브로커는 가진 것만으로 반환 코드 1을 답한다.
    if r.string()? != "MQTT" {
        return Err(ProtocolError::BadProtocolName);
    }
    let level = r.u8()?;
    if level != 4 {
        return Err(ProtocolError::UnsupportedLevel(level));
    }
    let flags = r.u8()?;
    if flags & 0b0000_0001 != 0 {
        //@ko-next // 3.1.2-3
        return Err(ProtocolError::Malformed("CONNECT reserved flag set")); // 3.1.2-3
    }
    let clean_session = flags & 0b0000_0010 != 0;
    let will_flag = flags & 0b0000_0100 != 0;
    let will_qos = (flags >> 3) & 0b11;
    let will_retain = flags & 0b0010_0000 != 0;
    let password_flag = flags & 0b0100_0000 != 0;
    let username_flag = flags & 0b1000_0000 != 0;
    if will_qos == 3 {
        //@ko-next // 3.1.2-14
        return Err(ProtocolError::Malformed("CONNECT will QoS 3")); // 3.1.2-14
    }
    if !will_flag && (will_qos != 0 || will_retain) {
        return Err(ProtocolError::Malformed(
            "CONNECT will QoS or retain without a will",
            //@ko-next // 3.1.2-13, 3.1.2-15
        )); // 3.1.2-13, 3.1.2-15
    }
    if password_flag && !username_flag {
        return Err(ProtocolError::Malformed(
            "CONNECT password without a user name",
            //@ko-next // 3.1.2-22
        )); // 3.1.2-22
    }
    let keep_alive = r.u16()?;
    // 3.1.3-1: client id, will topic, will message, user name, password, in that order.
    //@ko // 3.1.3-1: 클라이언트 식별자, 유언 토픽, 유언 메시지, 사용자 이름, 비밀번호의 순서다.
    let client_id = r.string()?;
    let will = if will_flag {
        let topic = r.string()?;
        if !valid_topic_name(&topic) {
            return Err(ProtocolError::BadTopic);
        }
        Some(Will {
            topic,
            payload: r.binary()?,
            qos: will_qos,
            retain: will_retain,
        })
    } else {
        None
    };
    let username = if username_flag {
        Some(r.string()?)
    } else {
        None
    };
    let password = if password_flag {
        Some(r.binary()?)
    } else {
        None
    };
    Ok(Packet::Connect {
        clean_session,
        keep_alive,
        client_id,
        will,
        username,
        password,
    })
}

/// Append `packet`'s bytes to `out`: the fixed header (type, flags, remaining length), then
/// the variable header and the payload.
//@ko /// `packet`의 바이트를 `out`에 덧붙인다: 고정 헤더(타입, 플래그, 남은 길이), 그다음
//@ko /// 가변 헤더와 페이로드.
pub fn encode(packet: &Packet, out: &mut Vec<u8>) {
    let mut body = Vec::new();
    let first = match packet {
        Packet::Connect {
            clean_session,
            keep_alive,
            client_id,
            will,
            username,
            password,
        } => {
            put_str(&mut body, "MQTT");
            body.push(4);
            let mut flags = 0u8;
            if *clean_session {
                flags |= 0b10;
            }
            if let Some(w) = will {
                flags |= 0b100 | (w.qos << 3);
                if w.retain {
                    flags |= 0b10_0000;
                }
            }
            if password.is_some() {
                flags |= 0b100_0000;
            }
            if username.is_some() {
                flags |= 0b1000_0000;
            }
            body.push(flags);
            body.extend_from_slice(&keep_alive.to_be_bytes());
            put_str(&mut body, client_id);
            if let Some(w) = will {
                put_str(&mut body, &w.topic);
                put_bytes(&mut body, &w.payload);
            }
            if let Some(u) = username {
                put_str(&mut body, u);
            }
            if let Some(p) = password {
                put_bytes(&mut body, p);
            }
            CONNECT << 4
        }
        Packet::Connack {
            session_present,
            return_code,
        } => {
            body.push(u8::from(*session_present));
            body.push(*return_code);
            CONNACK << 4
        }
        Packet::Publish {
            dup,
            qos,
            retain,
            topic,
            packet_id,
            payload,
        } => {
            put_str(&mut body, topic);
            if let Some(id) = packet_id {
                body.extend_from_slice(&id.to_be_bytes());
            }
            body.extend_from_slice(payload);
            (PUBLISH << 4) | (u8::from(*dup) << 3) | (qos << 1) | u8::from(*retain)
        }
        Packet::Puback { packet_id } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            PUBACK << 4
        }
        Packet::Subscribe { packet_id, filters } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            for (filter, qos) in filters {
                put_str(&mut body, filter);
                body.push(*qos);
            }
            (SUBSCRIBE << 4) | 0b0010
        }
        Packet::Suback {
            packet_id,
            return_codes,
        } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            body.extend_from_slice(return_codes);
            SUBACK << 4
        }
        Packet::Unsubscribe { packet_id, filters } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            for filter in filters {
                put_str(&mut body, filter);
            }
            (UNSUBSCRIBE << 4) | 0b0010
        }
        Packet::Unsuback { packet_id } => {
            body.extend_from_slice(&packet_id.to_be_bytes());
            UNSUBACK << 4
        }
        Packet::Pingreq => PINGREQ << 4,
        Packet::Pingresp => PINGRESP << 4,
        Packet::Disconnect => DISCONNECT << 4,
    };
    out.push(first);
    encode_remaining_length(body.len(), out);
    out.extend_from_slice(&body);
}

/// 1.5.3: a 2-byte big-endian length, then the UTF-8 bytes (at most 65,535).
//@ko /// 1.5.3: 2바이트 빅 엔디안 길이, 그다음 UTF-8 바이트들(최대 65,535).
fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    let len = u16::try_from(b.len()).expect("MQTT strings hold at most 65,535 bytes");
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(b);
}

/// A topic name, as a PUBLISH (or a will) carries it: at least one character (4.7.3-1) and
/// no wildcard (3.3.2-2, 4.7.1-1). Validity as UTF-8 without U+0000 is the decoder's.
//@ko /// PUBLISH(또는 유언 메시지)가 담고 오는 토픽 이름: 한 글자 이상(4.7.3-1), 와일드카드 없음
//@ko /// (3.3.2-2, 4.7.1-1). U+0000이 없는 UTF-8인지는 디코더가 본다.
pub fn valid_topic_name(topic: &str) -> bool {
    !topic.is_empty() && !topic.contains(['+', '#'])
}

/// A topic filter, as a SUBSCRIBE or UNSUBSCRIBE carries it: at least one character
/// (4.7.3-1); `#` alone in its level and in the last one (4.7.1-2); `+` alone in its level
/// (4.7.1-3). So `a/#/b`, `a#`, `#a`, `a+` and `+a` are invalid; `+`, `#`, `a/+/b`, `/+`,
/// `+/#` are valid.
//@ko /// SUBSCRIBE나 UNSUBSCRIBE가 담고 오는 토픽 필터: 한 글자 이상(4.7.3-1). `#`은 자기 레벨에
//@ko /// 혼자, 그리고 마지막 레벨에만(4.7.1-2). `+`는 자기 레벨에 혼자(4.7.1-3). 그래서 `a/#/b`,
//@ko /// `a#`, `#a`, `a+`, `+a`는 올바르지 않고, `+`, `#`, `a/+/b`, `/+`, `+/#`는 올바르다.
pub fn valid_topic_filter(filter: &str) -> bool {
    if filter.is_empty() {
        return false;
    }
    let levels: Vec<&str> = filter.split('/').collect();
    let last = levels.len() - 1;
    levels.iter().enumerate().all(|(i, level)| match *level {
        "#" => i == last,
        "+" => true,
        other => !other.contains(['+', '#']),
    })
}

/// The codec's tests: `cargo test -p day8-device --lib`.
//@ko /// 코덱의 테스트: `cargo test -p day8-device --lib`.
#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(p: &Packet) -> Vec<u8> {
        let mut out = Vec::new();
        encode(p, &mut out);
        out
    }

    fn samples() -> Vec<Packet> {
        vec![
            Packet::Connect {
                clean_session: true,
                keep_alive: 60,
                client_id: "dev-1".into(),
                will: Some(Will {
                    topic: "dev/1/status".into(),
                    payload: b"gone".to_vec(),
                    qos: 1,
                    retain: true,
                }),
                username: Some("user".into()),
                password: Some(b"secret".to_vec()),
            },
            Packet::Connect {
                clean_session: false,
                keep_alive: 0,
                client_id: String::new(),
                will: None,
                username: None,
                password: None,
            },
            Packet::Connack {
                session_present: true,
                return_code: 0,
            },
            Packet::Publish {
                dup: false,
                qos: 0,
                retain: true,
                topic: "a/b".into(),
                packet_id: None,
                payload: b"hello".to_vec(),
            },
            Packet::Publish {
                dup: true,
                qos: 1,
                retain: false,
                topic: "sensors/kitchen/temp".into(),
                packet_id: Some(7),
                payload: Vec::new(),
            },
            Packet::Puback { packet_id: 7 },
            Packet::Subscribe {
                packet_id: 1,
                filters: vec![("a/+/c".into(), 1), ("#".into(), 0)],
            },
            Packet::Suback {
                packet_id: 1,
                return_codes: vec![1, 0, 0x80],
            },
            Packet::Unsubscribe {
                packet_id: 2,
                filters: vec!["a/+/c".into()],
            },
            Packet::Unsuback { packet_id: 2 },
            Packet::Pingreq,
            Packet::Pingresp,
            Packet::Disconnect,
        ]
    }

    #[test]
    fn remaining_length_boundaries() {
        // 2.2.3's table: the edges of 1, 2, 3 and 4 bytes.
        //@ko // 2.2.3의 표: 1, 2, 3, 4바이트의 경계.
        for (len, bytes) in [
            (0usize, vec![0x00u8]),
            (127, vec![0x7f]),
            (128, vec![0x80, 0x01]),
            (16_383, vec![0xff, 0x7f]),
            (16_384, vec![0x80, 0x80, 0x01]),
            (2_097_151, vec![0xff, 0xff, 0x7f]),
            (2_097_152, vec![0x80, 0x80, 0x80, 0x01]),
            (268_435_455, vec![0xff, 0xff, 0xff, 0x7f]),
        ] {
            let mut out = Vec::new();
            encode_remaining_length(len, &mut out);
            assert_eq!(out, bytes, "encoding {len}");
            assert_eq!(
                decode_remaining_length(&bytes),
                Ok(Some((len, bytes.len()))),
                "decoding {len}"
            );
            // Cut anywhere inside: more bytes needed, not an error.
            //@ko // 중간 어디서 잘려도: 바이트가 더 필요할 뿐, 오류가 아니다.
            for cut in 0..bytes.len() {
                assert_eq!(decode_remaining_length(&bytes[..cut]), Ok(None));
            }
        }
    }

    #[test]
    fn round_trip() {
        for p in samples() {
            let bytes = encoded(&p);
            assert_eq!(decode(&bytes), Ok(Some((p.clone(), bytes.len()))), "{p:?}");
        }
    }

    #[test]
    fn empty_packets_have_remaining_length_zero() {
        assert_eq!(encoded(&Packet::Pingreq), [0xc0, 0x00]);
        assert_eq!(encoded(&Packet::Pingresp), [0xd0, 0x00]);
        assert_eq!(encoded(&Packet::Disconnect), [0xe0, 0x00]);
    }

    #[test]
    fn the_device_connect_byte_for_byte() {
        // Clean session 0, a will `offline` on `devices/d1/status` at QoS 1, retained: flags 0x2c.
        //@ko // clean session 0, `devices/d1/status`로 가는 유언 메시지 `offline`, QoS 1, 보존: 플래그 0x2c.
        let connect = Packet::Connect {
            clean_session: false,
            keep_alive: 30,
            client_id: "d1".into(),
            will: Some(Will {
                topic: "devices/d1/status".into(),
                payload: b"offline".to_vec(),
                qos: 1,
                retain: true,
            }),
            username: None,
            password: None,
        };
        let mut expected = vec![0x10, 42, 0, 4, b'M', b'Q', b'T', b'T', 4, 0x2c, 0, 30, 0, 2];
        expected.extend_from_slice(b"d1\0\x11devices/d1/status\0\x07offline");
        assert_eq!(encoded(&connect), expected);
    }

    #[test]
    fn cut_anywhere_then_whole() {
        // Every packet, and the stream of all of them, cut at every byte: `None` before the
        // end, the packet at it; what follows a packet is left for the next call.
        //@ko // 모든 패킷을, 그리고 그것들을 모두 이은 스트림을 바이트마다 잘라 본다: 끝 전에는 `None`, 끝에서
        //@ko // 그 패킷. 패킷 뒤에 오는 것은 다음 호출을 위해 남는다.
        let mut stream = Vec::new();
        for p in samples() {
            let bytes = encoded(&p);
            for cut in 0..bytes.len() {
                assert_eq!(decode(&bytes[..cut]), Ok(None), "{p:?} cut at {cut}");
            }
            stream.extend_from_slice(&bytes);
        }
        // Fed a byte at a time, as a slow network would.
        //@ko // 느린 네트워크처럼 한 바이트씩 먹인다.
        let mut received = Vec::new();
        let mut got = Vec::new();
        for &b in &stream {
            received.push(b);
            while let Some((p, n)) = decode(&received).unwrap() {
                got.push(p);
                received.drain(..n);
            }
        }
        assert!(received.is_empty());
        assert_eq!(got, samples());
    }
}
