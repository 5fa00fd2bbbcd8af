// Day 7 — the broker's codec (C track): MQTT 3.1.1's packets out of bytes, and the rules they
// keep. mqtt-codec.h declares these functions and says what each returns; mqtt-broker.c is built
// on them. Read course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets) and
// course.md#mqtt-connect (한국어: course.ko.md#mqtt-connect), then replace every `TODO(...)`
// below with code, before the broker's: `cargo run -p checker -- --track c day7-broker` calls
// mqtt_remaining_length, mqtt_put_remaining_length, mqtt_bad_flags, mqtt_next_packet and
// mqtt_decode_connect alone, before any broker runs (a `TODO(...)` it reaches is "not
// started"). The codec knows nothing of sockets.
//
// Each `// TODO n.` says what to do for one step; the `TODO("...")` under it stops there:
// replace it with that step's code.

#include <string.h>

#include "mqtt-codec.h"
#include "../common/lab.h"

// Keeps the compiler quiet while the stubs are unfinished (a function not called yet,
// parameters not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"

// 2.2.3: 1 to 4 bytes, 7 bits each, least significant first, the high bit saying "another
// follows". Returns how many bytes it took (*value set), 0 if buf ends inside it (read more),
// -1 if a 4th byte still says "another follows".
// C: the course's remaining_length (course.md#mqtt-packets).
int mqtt_remaining_length(const uint8_t *buf, size_t len, size_t *value)
{
    // TODO byte by byte, for i from 0 to 3:
    //      1. No byte i yet (i == len): the length is cut, return 0 (wait for more).
    //      2. Add its low 7 bits, shifted by 7 × i: v |= (size_t)(buf[i] & 0x7f) << (7 * i);
    //         the cast first: an int shifted past its 31 bits is undefined behaviour.
    //      3. Its high bit (0x80) clear: the length ends here, *value = v, return i + 1.
    //      After the 4th byte, still "another follows": -1, at once, without waiting for a
    //      5th (course.md#mqtt-hostile).
    TODO("decode a remaining length (2.2.3)");
}

// Writes len as a remaining length at out (room for 4 bytes); returns how many bytes it took.
size_t mqtt_put_remaining_length(uint8_t *out, size_t len)
{
    // TODO 2.2.3 the other way: repeat: a byte of len % 128, len /= 128, the high bit set if
    //      some of len is left; until len is 0. Zero is one byte, 0x00. Check yourself against
    //      2.2.3's table: 127 is 7f, 128 is 80 01, 16,383 is ff 7f.
    TODO("encode a remaining length (2.2.3)");
}

// 2.2.2: the flags each type must carry; PUBLISH's are DUP, QoS and RETAIN (3.3.1). NULL if
// they are right, else why not (a few words, for the broker's stderr).
const char *mqtt_bad_flags(unsigned type, unsigned flags)
{
    // TODO switch (type):
    //      PUBLISH: its QoS is (flags >> 1) & 3; QoS 3 (3.3.1-4), or DUP (8) at QoS 0
    //        (3.3.1-2): bad; else NULL.
    //      SUBSCRIBE and UNSUBSCRIBE: flags 0010 (3.8.1-1, 3.10.1-1), else bad.
    //      CONNECT, CONNACK, PUBACK, SUBACK, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT: flags 0,
    //        else bad (2.2.2-2).
    //      default: 0 and 15 are reserved, 5, 6 and 7 (PUBREC, PUBREL, PUBCOMP) are QoS 2's,
    //        which this broker does not speak: bad.
    TODO("the fixed header's flags (2.2.2)");
}

// The packet at the start of buf (len > 0 bytes received so far). Returns 1 with *p; 0 if buf
// ends inside it (read more: a read can end anywhere, even after one byte); -1 with *why if the
// bytes break the protocol, and the connection must close.
int mqtt_next_packet(const uint8_t *buf, size_t len, struct mqtt_packet *p, const char **why)
{
    // TODO 1. The remaining length after the first byte:
    //         mqtt_remaining_length(buf + 1, len - 1, &n);
    //         -1: *why, return -1; 0: return 0.
    TODO("step 1: the remaining length");
    // TODO 2. total = 1 + the length's bytes + the remaining length. Over MAX_PACKET: -1 now,
    //         before the body is in (a peer that announces 256 MB must not make the broker wait
    //         for it, nor buffer it).
    TODO("step 2: the size limit");
    // TODO 3. The type is the high nibble (buf[0] >> 4), the flags the low one
    //         (buf[0] & 0x0f): mqtt_bad_flags, also before the body: garbage closes at once.
    TODO("step 3: type and flags");
    // TODO 4. Fewer than total bytes in buf: 0. Else *p, its body at buf + 1 + the length's
    //         bytes, and 1.
    TODO("step 4: whole?");
}

// Given: 1.5.3: well-formed UTF-8 (no overlong form, no surrogate, nothing past U+10FFFF)
// without U+0000 (the C library has no such check).
static bool utf8_ok(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t more;
        uint8_t lo = 0x80, hi = 0xbf; // the range of the byte after the first
        if (c >= 0xc2 && c <= 0xdf)
            more = 1;
        else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0)
                lo = 0xa0; // overlong
            if (c == 0xed)
                hi = 0x9f; // surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0)
                lo = 0x90; // overlong
            if (c == 0xf4)
                hi = 0x8f; // past U+10FFFF
        } else
            return false;
        if (n - i <= more || s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= more; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
        i += more + 1;
    }
    return true;
}

// Given: records why (the first reason only) and returns false.
bool mqtt_fail(struct mqtt_reader *r, const char *why)
{
    if (r->why == NULL)
        r->why = why;
    return false;
}

// One byte.
bool mqtt_get_u8(struct mqtt_reader *r, uint8_t *v)
{
    // TODO none left: mqtt_fail(r, "field past the packet's end"); else *v, then p + 1,
    //      left - 1.
    TODO("one byte");
}

// A two-byte integer, most significant byte first (1.5.2).
bool mqtt_get_u16(struct mqtt_reader *r, uint16_t *v)
{
    // TODO fewer than 2 left: fail; else *v = (uint16_t)(r->p[0] << 8 | r->p[1]); (day1-endian's
    //      lab_from_wire_u16), then p + 2, left - 2.
    TODO("two bytes, big-endian");
}

// The next n bytes, where they are.
bool mqtt_get_bytes(struct mqtt_reader *r, size_t n, struct mqtt_bytes *b)
{
    // TODO fewer than n left: fail; else *b = (struct mqtt_bytes){r->p, n}, and past them.
    TODO("n bytes");
}

// Binary data (1.5.6): a 2-byte length, then the bytes.
bool mqtt_get_binary(struct mqtt_reader *r, struct mqtt_bytes *b)
{
    // TODO mqtt_get_u16 for the length, then mqtt_get_bytes.
    TODO("length-prefixed bytes");
}

// A UTF-8 encoded string (1.5.3): a 2-byte length, then well-formed UTF-8 without U+0000
// (1.5.3-1, 1.5.3-2).
bool mqtt_get_string(struct mqtt_reader *r, struct mqtt_bytes *b)
{
    // TODO mqtt_get_binary, then utf8_ok, or
    //      mqtt_fail(r, "string not UTF-8, or holding U+0000").
    TODO("a length-prefixed UTF-8 string");
}

// A packet identifier: never 0 (2.3.1-1).
bool mqtt_get_packet_id(struct mqtt_reader *r, uint16_t *id)
{
    // TODO mqtt_get_u16; 0 is a fail.
    TODO("a packet identifier");
}

// Every byte the remaining length announced must have been used.
bool mqtt_at_end(struct mqtt_reader *r)
{
    // TODO bytes left: mqtt_fail(r, "bytes left over at the packet's end").
    TODO("nothing left over");
}

// A topic name, as a PUBLISH (or a will) carries it: at least one character (4.7.3-1) and no
// wildcard (3.3.2-2).
bool mqtt_valid_topic_name(struct mqtt_bytes t)
{
    // TODO not empty, and neither '+' nor '#' anywhere (memchr).
    TODO("a valid topic name");
}

// A topic filter, as a SUBSCRIBE or UNSUBSCRIBE carries it: at least one character (4.7.3-1);
// `#` alone in its level and in the last one (4.7.1-2); `+` alone in its level (4.7.1-3). So
// `a/#/b`, `a#`, `#a`, `a+` and `+a` are invalid; `+`, `#`, `a/+/b`, `/+`, `+/#` are valid.
bool mqtt_valid_filter(struct mqtt_bytes f)
{
    // TODO not empty; then level by level, between the '/' (a level may be empty): one that
    //      holds '#' is "#" and the last; one that holds '+' is "+".
    TODO("a valid topic filter");
}

// Does the (valid) filter f match the (valid) topic name t? (4.7) Levels are the parts between
// `/` (`a//b` has three). `+` matches exactly one level, even empty (4.7.1.3); `#` matches the
// rest, zero levels included, so `sport/#` matches `sport` too (4.7.1.2). A topic starting with
// `$` is not matched by a filter starting with a wildcard (4.7.2-1): `#` and `+/x` do not see
// `$SYS/x`, `$SYS/#` does.
bool mqtt_matches(struct mqtt_bytes f, struct mqtt_bytes t)
{
    // TODO 1. The `$` rule first.
    TODO("step 1: the $ rule");
    // TODO 2. Walk both, level by level, side by side (an index into each, each level up to
    //         the next '/' or the end): the filter's "#", true; its "+" and any topic level, go
    //         on; two equal levels (the same length, memcmp), go on; else false. When one
    //         ends: both together, true; the topic first, true only if what is left of the
    //         filter is "/#"; the filter first, false.
    TODO("step 2: level by level");
}

// Returns 0 with *k; 1 for a protocol level other than 4, k->level set (the rest is not read:
// another level may lay it out otherwise); -1 with r->why if the packet is malformed.
int mqtt_decode_connect(struct mqtt_reader *r, struct mqtt_connect *k)
{
    // TODO 1. *k = (struct mqtt_connect){0}; then the protocol name, a string: "MQTT" (4 bytes,
    //         memcmp), or -1 (3.1.2-1).
    TODO("step 1: the protocol name");
    // TODO 2. The level, a byte, into k->level: 4, or return 1 at once (3.1.2-2).
    TODO("step 2: the protocol level");
    // TODO 3. The connect flags (3.1.2.3), bit by bit: 0 reserved (set: -1, 3.1.2-3),
    //         1 clean session, 2 will flag, 3 and 4 will QoS ((flags >> 3) & 3), 5 will
    //         retain, 6 password flag, 7 user name flag (k->password, k->user). Malformed too:
    //         will QoS 3 (3.1.2-14); will QoS or will retain without the will flag (3.1.2-13,
    //         3.1.2-15); a password without a user name (3.1.2-22).
    TODO("step 3: the connect flags");
    // TODO 4. The keep alive, two bytes (3.1.2.10).
    TODO("step 4: the keep alive");
    // TODO 5. The payload, in this order (3.1.3-1): the client identifier (a string); with
    //         the will flag, the will topic (a string, mqtt_valid_topic_name) and the will
    //         message (binary); with their flags, the user name (a string, k->user_name) and the
    //         password (binary, k->password_bytes). Then mqtt_at_end.
    TODO("step 5: the payload");
}
