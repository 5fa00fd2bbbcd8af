// Day 8 — the device's codec (C track), GIVEN whole: MQTT 3.1.1's packets out of bytes and
// into them. It is day 7's reference codec with what a client needs besides: encoders for the
// packets a device sends (CONNECT with its will, PUBLISH, SUBSCRIBE, PUBACK, PINGREQ,
// DISCONNECT) and decoders for those a broker sends it (CONNACK, PUBLISH, PUBACK, SUBACK;
// PINGRESP has no body). sensor-device.c, your file, is built on it; you need not change a line
// here. Read course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets) for the packets, and
// course.md#day8-device (한국어: course.ko.md#day8-device) for how to use your own day-7 codec
// instead.
//
// The codec knows nothing of sockets: it reads the bytes a connection received so far, and
// writes a packet into memory you give it. Section numbers are those of the OASIS standard
// "MQTT Version 3.1.1"; one with a dash is a normative statement ([MQTT-3.1.2-3] in the
// standard).
#ifndef MQTT_CODEC_H
#define MQTT_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_PACKET 262144 // the largest packet taken, fixed header included: 256 KiB

// Packet types, the high nibble of the fixed header's first byte (2.2.1).
enum {
    CONNECT = 1,
    CONNACK = 2,
    PUBLISH = 3,
    PUBACK = 4,
    SUBSCRIBE = 8,
    SUBACK = 9,
    UNSUBSCRIBE = 10,
    UNSUBACK = 11,
    PINGREQ = 12,
    PINGRESP = 13,
    DISCONNECT = 14,
};

// Bytes of a packet (a string, a topic, a payload), where they are: not NUL-terminated.
struct mqtt_bytes {
    const uint8_t *p;
    size_t len;
};

// 2.2.3: the remaining length at buf (len bytes received): 1 to 4 bytes, 7 bits each, least
// significant first, the top bit saying "another follows". Returns how many bytes it took, with
// *value set; 0 if buf ends inside it (read more); -1 if a 4th byte still says "another
// follows" (malformed: never wait for a 5th).
int mqtt_remaining_length(const uint8_t *buf, size_t len, size_t *value);

// Writes len (at most 268,435,455) as a remaining length at out, which has room for 4 bytes;
// returns how many bytes it took (0 takes one, 0x00).
size_t mqtt_put_remaining_length(uint8_t *out, size_t len);

// 2.2.2: NULL if flags (the first byte's low nibble) are right for packet type type (its high
// nibble), else why not, for the broker's log. PUBLISH's flags are DUP, QoS and RETAIN (3.3.1).
const char *mqtt_bad_flags(unsigned type, unsigned flags);

// A whole packet at the start of a read buffer.
struct mqtt_packet {
    unsigned type, flags;
    const uint8_t *body; // the variable header and the payload: len bytes
    size_t len;
    size_t total; // the packet's bytes, fixed header included
};

// The packet at the start of buf (len > 0 bytes received so far). Returns 1 with *p; 0 if buf
// ends inside it (read more); -1 with *why if the bytes break the protocol (close). Type,
// flags and size are judged from the fixed header alone: garbage and a packet over MAX_PACKET
// close before their body is in.
int mqtt_next_packet(const uint8_t *buf, size_t len, struct mqtt_packet *p, const char **why);

// A cursor over a packet's body: every read checks that the bytes are there, so a length that
// lies ends in an error, never in a read past the packet.
struct mqtt_reader {
    const uint8_t *p;
    size_t left;
    const char *why; // what the first read that failed found
};

// Notes why the packet is malformed (the first reason stays); returns false.
bool mqtt_fail(struct mqtt_reader *r, const char *why);
// Each takes its field off the front of the body; false (and r->why) if it is not all there.
bool mqtt_get_u8(struct mqtt_reader *r, uint8_t *v);
bool mqtt_get_u16(struct mqtt_reader *r, uint16_t *v); // big-endian (1.5.2)
bool mqtt_get_bytes(struct mqtt_reader *r, size_t n, struct mqtt_bytes *b);
bool mqtt_get_binary(struct mqtt_reader *r, struct mqtt_bytes *b); // 1.5.6
bool mqtt_get_string(struct mqtt_reader *r, struct mqtt_bytes *b); // 1.5.3: UTF-8, no U+0000
bool mqtt_get_packet_id(struct mqtt_reader *r, uint16_t *id); // never 0 (2.3.1-1)
// Every byte the remaining length announced was used: true; else false and r->why.
bool mqtt_at_end(struct mqtt_reader *r);

// A topic name: at least one character (4.7.3-1), no wildcard (3.3.2-2).
bool mqtt_valid_topic_name(struct mqtt_bytes t);
// A topic filter: at least one character; `#` alone in the last level (4.7.1-2); `+` alone in its
// level (4.7.1-3).
bool mqtt_valid_filter(struct mqtt_bytes f);
// Does the valid filter f match the valid topic name t? (4.7)
bool mqtt_matches(struct mqtt_bytes f, struct mqtt_bytes t);

// 3.1.2 and 3.1.3: what a CONNECT says, its strings pointing into the packet.
struct mqtt_connect {
    uint8_t level; // the protocol level, 4 for 3.1.1
    bool clean;
    uint16_t keep_alive;
    struct mqtt_bytes id;
    bool will;
    struct mqtt_bytes will_topic, will_payload;
    uint8_t will_qos;
    bool will_retain;
    bool user, password; // whether each is there
    struct mqtt_bytes user_name, password_bytes;
};

// Reads a CONNECT's body (r over it, from its start). Returns 0 with *k; 1 for a protocol
// level other than 4, k->level set (the rest is not read: another level may lay it out
// otherwise, and the broker answers CONNACK return code 1); -1 with r->why if the packet is
// malformed, bytes left over included.
int mqtt_decode_connect(struct mqtt_reader *r, struct mqtt_connect *k);


// ---- The client's side (day 8): the packets a device sends, and those it is sent ----

// Each encoder writes one whole packet, fixed header included, at out (room for cap bytes)
// and returns its length, or 0 if it does not fit in cap (then out holds nothing useful).
// Strings are taken as they are: the caller gives valid ones (a topic name without wildcards,
// 1.5.3's UTF-8), each at most 65,535 bytes.

// 3.1: a CONNECT at protocol level 4 from what k says (k->level is not read): the flags from
// k->clean, k->will (with k->will_qos and k->will_retain), k->user and k->password; then the
// keep alive; then the payload in 3.1.3-1's order: the client identifier, the will topic and
// message if k->will, the user name and password if their flags say so.
size_t mqtt_encode_connect(uint8_t *out, size_t cap, const struct mqtt_connect *k);

// 3.3: what a PUBLISH says, out or in. The flags are the fixed header's (3.3.1).
struct mqtt_publish {
    bool dup;           // 3.3.1.1: this may be a copy of one sent before (QoS 1 and 2 only)
    uint8_t qos;        // 0, 1 or 2 (3.3.1.2)
    bool retain;        // 3.3.1.3
    struct mqtt_bytes topic;
    uint16_t packet_id; // at QoS 1 and 2 (never 0, 2.3.1-1); not in the packet at QoS 0
    struct mqtt_bytes payload; // the rest of the packet: 0 bytes or more
};

// 3.3: a PUBLISH of m (at QoS 0, m->dup and m->packet_id are not written).
size_t mqtt_encode_publish(uint8_t *out, size_t cap, const struct mqtt_publish *m);
// 3.8: a SUBSCRIBE of one filter at the requested QoS, with packet identifier id (flags 0010,
// 3.8.1-1).
size_t mqtt_encode_subscribe(uint8_t *out, size_t cap, uint16_t id, struct mqtt_bytes filter,
                             uint8_t qos);
// 3.4: the PUBACK of the QoS 1 PUBLISH whose packet identifier is id: 40 02 id.
size_t mqtt_encode_puback(uint8_t *out, size_t cap, uint16_t id);
// 3.12: a PINGREQ, c0 00.
size_t mqtt_encode_pingreq(uint8_t *out, size_t cap);
// 3.14: a DISCONNECT, e0 00: the clean end, after which the broker discards the will (3.1.2-10).
size_t mqtt_encode_disconnect(uint8_t *out, size_t cap);

// Each decoder reads the body of one packet (r over it, from its start, as mqtt_next_packet
// gave it) of the type its name says: true with what it says; false with r->why if the packet
// is malformed, bytes left over included. A PINGRESP has no body: mqtt_at_end checks it (3.13).

// 3.2: a CONNACK: session present (3.2.2.2) and the return code (3.2.2.3: 0 accepted, 1 to 5
// refused). Malformed: reserved acknowledge flags (3.2.2.1), a code over 5, session present
// with a code other than 0 (3.2.2-4).
bool mqtt_decode_connack(struct mqtt_reader *r, bool *session_present, uint8_t *code);
// 3.3: a PUBLISH, flags the fixed header's low nibble (mqtt_packet.flags, which
// mqtt_next_packet has checked): *m, its topic and payload pointing into the packet. Malformed:
// a topic name empty or with a wildcard (3.3.2-2), packet identifier 0 (2.3.1-1).
bool mqtt_decode_publish(struct mqtt_reader *r, unsigned flags, struct mqtt_publish *m);
// 3.4: a PUBACK: the packet identifier it acknowledges.
bool mqtt_decode_puback(struct mqtt_reader *r, uint16_t *id);
// 3.9: a SUBACK: its packet identifier and its return codes, one per filter of the SUBSCRIBE
// in order (3.9.3-1): 0, 1 or 2, the QoS granted, or 0x80, failure. Malformed: no code, or
// another value (3.9.3-2).
bool mqtt_decode_suback(struct mqtt_reader *r, uint16_t *id, struct mqtt_bytes *codes);

#endif
