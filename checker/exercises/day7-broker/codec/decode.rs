//! `decode` called alone: a CONNECT's fields, and packets fed a byte at a time. What it answers
//! is read back as `Decoded`, which the fixed header's test uses too.

use super::bytes_shown;
use crate::base::i18n::msg;
use crate::base::verdict::TestResult;
use crate::base::workspace::Track;
use crate::context::Ctx;
use crate::exercises::kit::library::{Answers, Case, expect_all};
use crate::observe::harness::{Call, arg_bytes, unhex};
use crate::observe::wire::mqtt::packet::remaining_length as encode_length;

/// What `decode` answers: more bytes needed, a packet and the bytes it took (a CONNECT with
/// its fields, in the harness's words; another packet by its kind), a CONNECT of another
/// protocol level, or any other refusal (why is shown, not compared).
#[derive(Debug, Clone)]
pub(super) enum Decoded {
    Incomplete,
    Packet(usize, String),
    Level(u8),
    Refused(String),
}

impl PartialEq for Decoded {
    fn eq(&self, other: &Decoded) -> bool {
        match (self, other) {
            (Decoded::Incomplete, Decoded::Incomplete) => true,
            (Decoded::Packet(n, p), Decoded::Packet(m, q)) => n == m && p == q,
            (Decoded::Level(a), Decoded::Level(b)) => a == b,
            (Decoded::Refused(_), Decoded::Refused(_)) => true,
            _ => false,
        }
    }
}

pub(super) const DECODED: Answers<Decoded> = Answers {
    parse: |s| {
        let words: Vec<&str> = s.splitn(3, ' ').collect();
        match words[..] {
            ["none"] => Some(Decoded::Incomplete),
            ["packet", n, p] => Some(Decoded::Packet(n.parse().ok()?, p.to_string())),
            ["level", l] => Some(Decoded::Level(l.parse().ok()?)),
            ["err", why] => Some(Decoded::Refused(
                String::from_utf8_lossy(&unhex(why)?).into_owned(),
            )),
            _ => None,
        }
    },
    show: |d| match d {
        Decoded::Incomplete => msg!("codec-decoded-incomplete"),
        Decoded::Packet(n, p) => msg!("codec-decoded-packet", packet = shown_packet(p), bytes = *n),
        Decoded::Level(l) => msg!("codec-decoded-level", level = *l),
        Decoded::Refused(why) if why.is_empty() => msg!("codec-decoded-refused-any"),
        Decoded::Refused(why) => msg!("codec-decoded-refused", why = why.as_str()),
    },
};

/// A packet as the harness words it, as people read it: `CONNECT clean_session=1
/// keep_alive=60 client_id="dev1" will=none username=none password=none`.
fn shown_packet(p: &str) -> String {
    let words: Vec<&str> = p.split(' ').collect();
    // A long field by its start and its length: a will of 300 bytes is not read whole.
    let text = |hex: &str| {
        let b = unhex(hex).unwrap_or_default();
        match b.len() {
            0..=32 => format!("\"{}\"", crate::base::escape::bytes(&b)),
            n => format!("\"{}…\" ({n} B)", crate::base::escape::bytes(&b[..16])),
        }
    };
    let optional = |word: &str, name: &str| match word.strip_prefix(&format!("{name}:")) {
        Some(hex) => text(hex),
        None => "none".to_string(),
    };
    match words[..] {
        ["connect", clean, keep_alive, id, will, user, password] => {
            let will = match will.strip_prefix("will:") {
                Some(w) => {
                    let f: Vec<&str> = w.split(':').collect();
                    match f[..] {
                        [topic, payload, qos, retain] => format!(
                            "{{topic={} payload={} qos={qos} retain={retain}}}",
                            text(topic),
                            text(payload)
                        ),
                        _ => w.to_string(),
                    }
                }
                None => "none".to_string(),
            };
            format!(
                "CONNECT clean_session={clean} keep_alive={keep_alive} client_id={} will={will} \
                 username={} password={}",
                text(id),
                optional(user, "user"),
                optional(password, "password")
            )
        }
        _ => p.to_uppercase(),
    }
}

pub(super) fn decode_call(track: Track, b: &[u8], connect: bool) -> Call {
    let shown = match (track, connect) {
        (Track::Rust, _) => format!("decode({})", bytes_shown(track, b)),
        (Track::C, false) => format!(
            "mqtt_next_packet({}, {}, &p, &why)",
            bytes_shown(track, b),
            b.len()
        ),
        (Track::C, true) => format!(
            "mqtt_next_packet({}, {}, &p, &why); mqtt_decode_connect(&r, &k)",
            bytes_shown(track, b),
            b.len()
        ),
    };
    Call::new("decode", vec![arg_bytes(b)], shown)
}

/// A CONNECT as the checker builds it (3.1), and the words the harness answers for it.
#[derive(Clone)]
pub(super) struct Connect {
    name: &'static [u8],
    level: u8,
    /// Set on top of the flags the fields make: a reserved bit, a will QoS without a will.
    extra_flags: u8,
    clean: bool,
    keep_alive: u16,
    id: Vec<u8>,
    /// Topic, payload, QoS, retain.
    will: Option<(Vec<u8>, Vec<u8>, u8, bool)>,
    user: Option<Vec<u8>>,
    password: Option<Vec<u8>>,
    /// Bytes after the fields, inside the packet.
    trailing: Vec<u8>,
}

fn string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u16).to_be_bytes());
    out.extend_from_slice(s);
}

impl Connect {
    /// The course's example: client id `dev1`, clean session, a keep alive of 60 s.
    pub(super) fn course_example() -> Connect {
        Connect {
            name: b"MQTT",
            level: 4,
            extra_flags: 0,
            clean: true,
            keep_alive: 60,
            id: b"dev1".to_vec(),
            will: None,
            user: None,
            password: None,
            trailing: Vec::new(),
        }
    }

    pub(super) fn bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        string(&mut body, self.name);
        body.push(self.level);
        let mut flags = (u8::from(self.clean) << 1) | self.extra_flags;
        if let Some((_, _, qos, retain)) = &self.will {
            flags |= 0b100 | (qos << 3) | (u8::from(*retain) << 5);
        }
        flags |= (u8::from(self.password.is_some()) << 6) | (u8::from(self.user.is_some()) << 7);
        body.push(flags);
        body.extend_from_slice(&self.keep_alive.to_be_bytes());
        string(&mut body, &self.id);
        if let Some((topic, payload, _, _)) = &self.will {
            string(&mut body, topic);
            string(&mut body, payload);
        }
        for field in [&self.user, &self.password].into_iter().flatten() {
            string(&mut body, field);
        }
        body.extend_from_slice(&self.trailing);
        let mut out = vec![0x10];
        encode_length(body.len(), &mut out);
        out.extend_from_slice(&body);
        out
    }

    /// What `decode` must answer for the whole packet, as the harness words it.
    fn decoded(&self) -> Decoded {
        let hex = |b: &[u8]| arg_bytes(b);
        let will = match &self.will {
            Some((t, p, qos, retain)) => {
                format!("will:{}:{}:{qos}:{}", hex(t), hex(p), u8::from(*retain))
            }
            None => "nowill".to_string(),
        };
        let optional = |name: &str, b: &Option<Vec<u8>>| match b {
            Some(b) => format!("{name}:{}", hex(b)),
            None => format!("no{name}"),
        };
        let words = format!(
            "connect {} {} {} {will} {} {}",
            u8::from(self.clean),
            self.keep_alive,
            hex(&self.id),
            optional("user", &self.user),
            optional("password", &self.password)
        );
        Decoded::Packet(self.bytes().len(), words)
    }
}

/// Good CONNECTs, each with what it must decode to, then the ones that break 3.1.
fn connects() -> Vec<(Connect, Decoded)> {
    let example = Connect::course_example();
    let payload: Vec<u8> = (0..200u8).map(|i| i.wrapping_mul(37)).collect();
    let everything = Connect {
        clean: false,
        keep_alive: 0x1234,
        id: "sensor-7/ä".as_bytes().to_vec(),
        will: Some((b"wills/sensor-7".to_vec(), payload, 1, true)),
        user: Some(b"user".to_vec()),
        password: Some(vec![0x00, 0xff, 0x10]),
        ..example.clone()
    };
    let user_only = Connect {
        will: Some((b"w".to_vec(), Vec::new(), 0, false)),
        user: Some("사용자".as_bytes().to_vec()),
        ..example.clone()
    };
    let empty_id = Connect {
        id: Vec::new(),
        keep_alive: 65_535,
        will: Some((b"a/b".to_vec(), b"bye".to_vec(), 2, false)),
        ..example.clone()
    };
    let mut found: Vec<(Connect, Decoded)> = [example.clone(), everything, user_only, empty_id]
        .into_iter()
        .map(|c| {
            let d = c.decoded();
            (c, d)
        })
        .collect();
    let refused = Decoded::Refused(String::new());
    for level in [3, 5] {
        found.push((
            Connect {
                level,
                ..example.clone()
            },
            Decoded::Level(level),
        ));
    }
    let wrong = [
        Connect {
            name: b"MQTX",
            ..example.clone()
        },
        Connect {
            extra_flags: 0b0000_0001, // reserved (3.1.2-3)
            ..example.clone()
        },
        Connect {
            will: Some((b"w".to_vec(), b"x".to_vec(), 3, false)), // will QoS 3 (3.1.2-14)
            ..example.clone()
        },
        Connect {
            extra_flags: 0b0000_1000, // will QoS without a will (3.1.2-13)
            ..example.clone()
        },
        Connect {
            extra_flags: 0b0010_0000, // will retain without a will (3.1.2-15)
            ..example.clone()
        },
        Connect {
            password: Some(b"secret".to_vec()), // without a user name (3.1.2-22)
            ..example.clone()
        },
        Connect {
            trailing: vec![0x00], // a byte left over
            ..example.clone()
        },
        Connect {
            will: Some((b"wills/#".to_vec(), b"x".to_vec(), 0, false)), // 3.3.2-2
            ..example.clone()
        },
        Connect {
            id: vec![b'd', 0xff, b'v'], // not UTF-8 (1.5.3-1)
            ..example.clone()
        },
        Connect {
            id: vec![b'd', 0x00, b'v'], // U+0000 (1.5.3-2)
            ..example.clone()
        },
    ];
    found.extend(wrong.into_iter().map(|c| (c, refused.clone())));
    found
}

pub(in crate::exercises::day7_broker) fn connect_fields(ctx: &mut Ctx) -> TestResult {
    let track = ctx.track;
    let mut cases: Vec<Case<Decoded>> = connects()
        .into_iter()
        .map(|(c, expected)| Case {
            call: decode_call(track, &c.bytes(), true),
            expected,
        })
        .collect();
    // A client identifier whose length runs past the packet's end.
    let mut past = Connect::course_example().bytes();
    past[13] = 10;
    cases.push(Case {
        call: decode_call(track, &past, true),
        expected: Decoded::Refused(String::new()),
    });
    expect_all(ctx, &cases, &DECODED, |case, got| {
        match (&case.expected, got) {
            (Decoded::Level(_), _) => Some(msg!("codec-connect-level")),
            (Decoded::Packet(_, want), Decoded::Packet(_, have)) => {
                let swapped = |p: &str| {
                    let w: Vec<&str> = p.split(' ').collect();
                    w.get(2)
                        .and_then(|k| k.parse::<u16>().ok())
                        .map(u16::swap_bytes)
                };
                let keep_alive = have.split(' ').nth(2).and_then(|k| k.parse::<u16>().ok());
                (keep_alive.is_some() && keep_alive == swapped(want))
                    .then(|| msg!("codec-connect-big-endian"))
            }
            _ => None,
        }
    })
}

/// The packets fed a byte at a time: a CONNECT whose remaining length takes 2 bytes (a will
/// of 300), a PINGREQ, the course's CONNECT, a DISCONNECT.
fn stream() -> Vec<(Vec<u8>, Decoded)> {
    let long = Connect {
        id: b"slow-device".to_vec(),
        will: Some((b"wills/slow-device".to_vec(), vec![b'z'; 300], 1, false)),
        ..Connect::course_example()
    };
    let example = Connect::course_example();
    vec![
        (long.bytes(), long.decoded()),
        (vec![0xc0, 0x00], Decoded::Packet(2, "pingreq".into())),
        (example.bytes(), example.decoded()),
        (vec![0xe0, 0x00], Decoded::Packet(2, "disconnect".into())),
    ]
}

pub(in crate::exercises::day7_broker) fn decode_byte_at_a_time(ctx: &mut Ctx) -> TestResult {
    let track = ctx.track;
    let packets = stream();
    let mut cases = vec![Case {
        call: decode_call(track, &[], false),
        expected: Decoded::Incomplete,
    }];
    for (i, (bytes, whole)) in packets.iter().enumerate() {
        for cut in 1..bytes.len() {
            cases.push(Case {
                call: decode_call(track, &bytes[..cut], false),
                expected: Decoded::Incomplete,
            });
        }
        cases.push(Case {
            call: decode_call(track, bytes, false),
            expected: whole.clone(),
        });
        // With the packets after it in the buffer too: they are the next call's.
        let rest: Vec<u8> = packets[i..].iter().flat_map(|(b, _)| b.clone()).collect();
        if rest.len() > bytes.len() {
            cases.push(Case {
                call: decode_call(track, &rest, false),
                expected: whole.clone(),
            });
        }
    }
    // A PUBLISH whose payload is empty, at QoS 0 and 1: valid (3.3.3), an empty retained
    // message is how a topic's is cleared (3.3.1-10). (The C codec frames a PUBLISH, and
    // mqtt-broker.c reads its body: the broker's tests send these.)
    if track == Track::Rust {
        for bytes in [
            &[0x31, 0x03, 0x00, 0x01, b't'][..],
            &[0x32, 0x05, 0x00, 0x01, b't', 0x00, 0x07],
        ] {
            cases.push(Case {
                call: decode_call(track, bytes, false),
                expected: Decoded::Packet(bytes.len(), "publish".into()),
            });
        }
    }
    expect_all(ctx, &cases, &DECODED, |case, got| {
        let publish =
            unhex(&case.call.args[0]).is_some_and(|b| b.first().is_some_and(|f| f >> 4 == 3));
        match (&case.expected, got) {
            (Decoded::Packet(..), Decoded::Refused(_)) if publish => {
                Some(msg!("codec-decode-empty-payload"))
            }
            (Decoded::Incomplete, _) => Some(msg!("codec-decode-cut")),
            (Decoded::Packet(n, _), Decoded::Packet(m, _)) if n != m => {
                Some(msg!("codec-decode-took"))
            }
            (Decoded::Packet(n, _), Decoded::Incomplete) => {
                Some(msg!("codec-decode-whole", bytes = *n))
            }
            _ => None,
        }
    })
}
