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
//@ko // 8일차 — 기기의 코덱(C 트랙), 통째로 주어진다: 바이트에서 MQTT 3.1.1의 패킷으로, 패킷에서
//@ko // 바이트로. 7일차의 참조 풀이 코덱에, 클라이언트에게 더 필요한 것을 보탰다: 기기가 보내는
//@ko // 패킷(유언 메시지가 든 CONNECT, PUBLISH, SUBSCRIBE, PUBACK, PINGREQ, DISCONNECT)의 인코더와,
//@ko // 브로커가 기기에 보내는 패킷(CONNACK, PUBLISH, PUBACK, SUBACK. PINGRESP에는 본문이 없다)의
//@ko // 디코더다. 여러분의 파일인 sensor-device.c가 그 위에 선다. 여기서는 한 줄도 고치지 않아도
//@ko // 된다. 패킷은 course.ko.md#mqtt-packets에서, 자기가 짠 7일차 코덱으로 바꿔 쓰는 법은
//@ko // course.ko.md#day8-device에서 읽는다.
//@ko //
//@ko // 코덱은 소켓을 전혀 모른다. 연결이 지금까지 받은 바이트를 읽고, 호출한 쪽이 준 메모리에
//@ko // 패킷을 쓸 뿐이다. 절 번호는 OASIS 표준 "MQTT Version 3.1.1"의 번호다. 줄표가 든 번호는
//@ko // 규범 문장이다(표준에서는 [MQTT-3.1.2-3]).
#ifndef MQTT_CODEC_H
#define MQTT_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

//@ko-next // 받아들이는 가장 큰 패킷, 고정 헤더 포함: 256 KiB
#define MAX_PACKET 262144 // the largest packet taken, fixed header included: 256 KiB

// Packet types, the high nibble of the fixed header's first byte (2.2.1).
//@ko // 패킷 타입: 고정 헤더 첫 바이트의 높은 니블(2.2.1).
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
//@ko // 패킷의 바이트(문자열, 토픽, 페이로드), 제자리에 있는 그대로: NUL로 끝나지 않는다.
struct mqtt_bytes {
    const uint8_t *p;
    size_t len;
};

// 2.2.3: the remaining length at buf (len bytes received): 1 to 4 bytes, 7 bits each, least
// significant first, the top bit saying "another follows". Returns how many bytes it took, with
// *value set; 0 if buf ends inside it (read more); -1 if a 4th byte still says "another
// follows" (malformed: never wait for a 5th).
//@ko // 2.2.3: buf(받은 len바이트)의 남은 길이: 1~4바이트, 바이트마다 7비트, 낮은 자리부터,
//@ko // 최상위 비트는 "바이트가 하나 더 온다"는 뜻이다. 길이가 차지한 바이트 수를 돌려주고 *value를
//@ko // 채운다. buf가 그 중간에서 끝나면 0(더 읽는다), 4번째 바이트가 여전히 "하나 더 온다"고 하면
//@ko // -1(잘못된 길이다: 5번째를 절대 기다리지 않는다).
int mqtt_remaining_length(const uint8_t *buf, size_t len, size_t *value);

// Writes len (at most 268,435,455) as a remaining length at out, which has room for 4 bytes;
// returns how many bytes it took (0 takes one, 0x00).
//@ko // len(많아야 268,435,455)을 남은 길이로 out에 쓴다. out에는 4바이트 자리가 있다. 몇 바이트를
//@ko // 차지했는지 돌려준다(0은 한 바이트 0x00을 차지한다).
size_t mqtt_put_remaining_length(uint8_t *out, size_t len);

// 2.2.2: NULL if flags (the first byte's low nibble) are right for packet type type (its high
// nibble), else why not, for the broker's log. PUBLISH's flags are DUP, QoS and RETAIN (3.3.1).
//@ko // 2.2.2: flags(첫 바이트의 낮은 니블)가 패킷 타입 type(높은 니블)에 맞으면 NULL, 아니면 브로커의
//@ko // 로그에 적을 그 까닭. PUBLISH의 플래그는 DUP, QoS, RETAIN이다(3.3.1).
const char *mqtt_bad_flags(unsigned type, unsigned flags);

// A whole packet at the start of a read buffer.
//@ko // 읽기 버퍼의 맨 앞에 있는 온전한 패킷.
struct mqtt_packet {
    unsigned type, flags;
    //@ko-next // 가변 헤더와 페이로드: len바이트
    const uint8_t *body; // the variable header and the payload: len bytes
    size_t len;
    //@ko-next // 패킷의 바이트 수, 고정 헤더 포함
    size_t total; // the packet's bytes, fixed header included
};

// The packet at the start of buf (len > 0 bytes received so far). Returns 1 with *p; 0 if buf
// ends inside it (read more); -1 with *why if the bytes break the protocol (close). Type,
// flags and size are judged from the fixed header alone: garbage and a packet over MAX_PACKET
// close before their body is in.
//@ko // buf(지금까지 받은 len > 0바이트)의 맨 앞에 있는 패킷. *p를 채우고 1을 돌려준다. buf가 패킷
//@ko // 중간에서 끝나면 0(더 읽는다). 바이트가 프로토콜을 어기면 *why를 채우고 -1(닫는다). 타입,
//@ko // 플래그, 크기는 고정 헤더만 보고 판정한다: 쓰레기 바이트와 MAX_PACKET을 넘는 패킷은 본문이
//@ko // 들어오기 전에 닫는다.
int mqtt_next_packet(const uint8_t *buf, size_t len, struct mqtt_packet *p, const char **why);

// A cursor over a packet's body: every read checks that the bytes are there, so a length that
// lies ends in an error, never in a read past the packet.
//@ko // 패킷 본문 위의 커서: 읽을 때마다 바이트가 거기 있는지 확인한다. 그래서 거짓말하는 길이는
//@ko // 패킷 밖을 읽는 일로 끝나지 않고, 오류로 끝난다.
struct mqtt_reader {
    const uint8_t *p;
    size_t left;
    //@ko-next // 처음으로 실패한 읽기가 찾은 것
    const char *why; // what the first read that failed found
};

// Notes why the packet is malformed (the first reason stays); returns false.
//@ko // 패킷이 잘못된 까닭을 적고(처음 까닭만 남는다) false를 돌려준다.
bool mqtt_fail(struct mqtt_reader *r, const char *why);
// Each takes its field off the front of the body; false (and r->why) if it is not all there.
//@ko // 저마다 본문의 맨 앞에서 제 필드를 떼어 낸다. 다 있지 않으면 false(그리고 r->why).
bool mqtt_get_u8(struct mqtt_reader *r, uint8_t *v);
//@ko-next // 빅 엔디안(1.5.2)
bool mqtt_get_u16(struct mqtt_reader *r, uint16_t *v); // big-endian (1.5.2)
bool mqtt_get_bytes(struct mqtt_reader *r, size_t n, struct mqtt_bytes *b);
//@ko-next // 1.5.6
bool mqtt_get_binary(struct mqtt_reader *r, struct mqtt_bytes *b); // 1.5.6
//@ko-next // 1.5.3: UTF-8, U+0000 없음
bool mqtt_get_string(struct mqtt_reader *r, struct mqtt_bytes *b); // 1.5.3: UTF-8, no U+0000
//@ko-next // 0은 절대 아니다(2.3.1-1)
bool mqtt_get_packet_id(struct mqtt_reader *r, uint16_t *id); // never 0 (2.3.1-1)
// Every byte the remaining length announced was used: true; else false and r->why.
//@ko // 남은 길이가 알린 바이트를 모두 썼으면 true, 아니면 false와 r->why.
bool mqtt_at_end(struct mqtt_reader *r);

// A topic name: at least one character (4.7.3-1), no wildcard (3.3.2-2).
//@ko // 토픽 이름: 한 글자 이상(4.7.3-1), 와일드카드 없음(3.3.2-2).
bool mqtt_valid_topic_name(struct mqtt_bytes t);
// A topic filter: at least one character; `#` alone in the last level (4.7.1-2); `+` alone in its
// level (4.7.1-3).
//@ko // 토픽 필터: 한 글자 이상. `#`은 마지막 레벨에 혼자(4.7.1-2). `+`는 자기 레벨에 혼자
//@ko // (4.7.1-3).
bool mqtt_valid_filter(struct mqtt_bytes f);
// Does the valid filter f match the valid topic name t? (4.7)
//@ko // 올바른 필터 f가 올바른 토픽 이름 t에 맞는가? (4.7)
bool mqtt_matches(struct mqtt_bytes f, struct mqtt_bytes t);

// 3.1.2 and 3.1.3: what a CONNECT says, its strings pointing into the packet.
//@ko // 3.1.2와 3.1.3: CONNECT가 말하는 것, 그 문자열들은 패킷 안을 가리킨다.
struct mqtt_connect {
    //@ko-next // 프로토콜 레벨, 3.1.1이면 4
    uint8_t level; // the protocol level, 4 for 3.1.1
    bool clean;
    uint16_t keep_alive;
    struct mqtt_bytes id;
    bool will;
    struct mqtt_bytes will_topic, will_payload;
    uint8_t will_qos;
    bool will_retain;
    //@ko-next // 저마다 있는지
    bool user, password; // whether each is there
    struct mqtt_bytes user_name, password_bytes;
};

// Reads a CONNECT's body (r over it, from its start). Returns 0 with *k; 1 for a protocol
// level other than 4, k->level set (the rest is not read: another level may lay it out
// otherwise, and the broker answers CONNACK return code 1); -1 with r->why if the packet is
// malformed, bytes left over included.
//@ko // CONNECT의 본문을 읽는다(r은 그 본문 위, 맨 앞부터). *k를 채우고 0을 돌려준다. 프로토콜 레벨이
//@ko // 4가 아니면 k->level을 채우고 1(나머지는 읽지 않는다: 다른 레벨은 배치가 다를 수 있고, 브로커는
//@ko // CONNACK 반환 코드 1로 답한다). 패킷이 잘못됐으면, 남는 바이트도 포함해 r->why를 채우고 -1.
int mqtt_decode_connect(struct mqtt_reader *r, struct mqtt_connect *k);


// ---- The client's side (day 8): the packets a device sends, and those it is sent ----
//@ko // ---- 클라이언트 쪽(8일차): 기기가 보내는 패킷과 기기가 받는 패킷 ----

// Each encoder writes one whole packet, fixed header included, at out (room for cap bytes)
// and returns its length, or 0 if it does not fit in cap (then out holds nothing useful).
// Strings are taken as they are: the caller gives valid ones (a topic name without wildcards,
// 1.5.3's UTF-8), each at most 65,535 bytes.
//@ko // 인코더는 저마다 고정 헤더까지 온전한 패킷 하나를 out(cap바이트 자리)에 쓰고 그 길이를
//@ko // 돌려준다. cap에 들어가지 않으면 0을 돌려준다(그때 out에 쓸모 있는 것은 없다). 문자열은 받은
//@ko // 그대로 쓴다: 올바른 문자열(와일드카드가 없는 토픽 이름, 1.5.3의 UTF-8)을, 저마다 65,535바이트
//@ko // 이하로 주는 것은 호출한 쪽의 몫이다.

// 3.1: a CONNECT at protocol level 4 from what k says (k->level is not read): the flags from
// k->clean, k->will (with k->will_qos and k->will_retain), k->user and k->password; then the
// keep alive; then the payload in 3.1.3-1's order: the client identifier, the will topic and
// message if k->will, the user name and password if their flags say so.
//@ko // 3.1: k가 말하는 대로 만든 프로토콜 레벨 4의 CONNECT(k->level은 읽지 않는다): 플래그는
//@ko // k->clean, k->will(과 k->will_qos, k->will_retain), k->user, k->password에서 온다. 그다음
//@ko // 킵얼라이브, 그다음 3.1.3-1의 순서로 페이로드: 클라이언트 식별자, k->will이면 유언 메시지의
//@ko // 토픽과 메시지, 플래그가 켜져 있으면 사용자 이름과 비밀번호.
size_t mqtt_encode_connect(uint8_t *out, size_t cap, const struct mqtt_connect *k);

// 3.3: what a PUBLISH says, out or in. The flags are the fixed header's (3.3.1).
//@ko // 3.3: 나가든 들어오든 PUBLISH가 담은 내용. 플래그는 고정 헤더의 것이다(3.3.1).
struct mqtt_publish {
    //@ko-next // 3.3.1.1: 전에 보낸 것의 사본일 수 있다(QoS 1과 2에서만)
    bool dup;           // 3.3.1.1: this may be a copy of one sent before (QoS 1 and 2 only)
    //@ko-next // 0, 1, 2 가운데 하나(3.3.1.2)
    uint8_t qos;        // 0, 1 or 2 (3.3.1.2)
    //@ko-next // 3.3.1.3
    bool retain;        // 3.3.1.3
    struct mqtt_bytes topic;
    //@ko-next // QoS 1과 2에서(0은 절대 아니다, 2.3.1-1). QoS 0이면 패킷에 없다
    uint16_t packet_id; // at QoS 1 and 2 (never 0, 2.3.1-1); not in the packet at QoS 0
    //@ko-next // 패킷의 나머지 전부: 0바이트 이상
    struct mqtt_bytes payload; // the rest of the packet: 0 bytes or more
};

// 3.3: a PUBLISH of m (at QoS 0, m->dup and m->packet_id are not written).
//@ko // 3.3: m의 PUBLISH(QoS 0이면 m->dup과 m->packet_id는 쓰지 않는다).
size_t mqtt_encode_publish(uint8_t *out, size_t cap, const struct mqtt_publish *m);
// 3.8: a SUBSCRIBE of one filter at the requested QoS, with packet identifier id (flags 0010,
// 3.8.1-1).
//@ko // 3.8: 필터 하나를 요청한 QoS로 구독하는 SUBSCRIBE, 패킷 식별자는 id(플래그 0010,
//@ko // 3.8.1-1).
size_t mqtt_encode_subscribe(uint8_t *out, size_t cap, uint16_t id, struct mqtt_bytes filter,
                             uint8_t qos);
// 3.4: the PUBACK of the QoS 1 PUBLISH whose packet identifier is id: 40 02 id.
//@ko // 3.4: 패킷 식별자가 id인 QoS 1 PUBLISH의 PUBACK: 40 02 id.
size_t mqtt_encode_puback(uint8_t *out, size_t cap, uint16_t id);
// 3.12: a PINGREQ, c0 00.
//@ko // 3.12: PINGREQ, c0 00.
size_t mqtt_encode_pingreq(uint8_t *out, size_t cap);
// 3.14: a DISCONNECT, e0 00: the clean end, after which the broker discards the will (3.1.2-10).
//@ko // 3.14: DISCONNECT, e0 00: 깔끔한 끝. 이것을 받은 브로커는 유언 메시지를 버린다(3.1.2-10).
size_t mqtt_encode_disconnect(uint8_t *out, size_t cap);

// Each decoder reads the body of one packet (r over it, from its start, as mqtt_next_packet
// gave it) of the type its name says: true with what it says; false with r->why if the packet
// is malformed, bytes left over included. A PINGRESP has no body: mqtt_at_end checks it (3.13).
//@ko // 디코더는 저마다 이름이 말하는 타입의 패킷 하나의 본문을 읽는다(r은 mqtt_next_packet이 준
//@ko // 본문을 처음부터 가리킨다). 읽은 내용과 함께 true를, 패킷이 잘못되었으면(남는 바이트도
//@ko // 포함해서) r->why와 함께 false를 돌려준다. PINGRESP에는 본문이 없다: mqtt_at_end가 그것을
//@ko // 확인한다(3.13).

// 3.2: a CONNACK: session present (3.2.2.2) and the return code (3.2.2.3: 0 accepted, 1 to 5
// refused). Malformed: reserved acknowledge flags (3.2.2.1), a code over 5, session present
// with a code other than 0 (3.2.2-4).
//@ko // 3.2: CONNACK: session present(3.2.2.2)와 반환 코드(3.2.2.3: 0은 수락, 1~5는 거절). 잘못된
//@ko // 패킷: 예약된 확인 플래그가 켜져 있다(3.2.2.1), 코드가 5를 넘는다, 코드가 0이 아닌데 session
//@ko // present가 켜져 있다(3.2.2-4).
bool mqtt_decode_connack(struct mqtt_reader *r, bool *session_present, uint8_t *code);
// 3.3: a PUBLISH, flags the fixed header's low nibble (mqtt_packet.flags, which
// mqtt_next_packet has checked): *m, its topic and payload pointing into the packet. Malformed:
// a topic name empty or with a wildcard (3.3.2-2), packet identifier 0 (2.3.1-1).
//@ko // 3.3: PUBLISH. flags는 고정 헤더의 낮은 니블이다(mqtt_next_packet이 이미 확인한
//@ko // mqtt_packet.flags). *m을 채우고, 그 토픽과 페이로드는 패킷 안을 가리킨다. 잘못된 패킷: 토픽
//@ko // 이름이 비었거나 와일드카드가 들었다(3.3.2-2), 패킷 식별자가 0이다(2.3.1-1).
bool mqtt_decode_publish(struct mqtt_reader *r, unsigned flags, struct mqtt_publish *m);
// 3.4: a PUBACK: the packet identifier it acknowledges.
//@ko // 3.4: PUBACK: 이 패킷이 확인 응답하는 패킷 식별자.
bool mqtt_decode_puback(struct mqtt_reader *r, uint16_t *id);
// 3.9: a SUBACK: its packet identifier and its return codes, one per filter of the SUBSCRIBE
// in order (3.9.3-1): 0, 1 or 2, the QoS granted, or 0x80, failure. Malformed: no code, or
// another value (3.9.3-2).
//@ko // 3.9: SUBACK: 패킷 식별자와 반환 코드들. 반환 코드는 SUBSCRIBE의 필터마다 하나씩 순서대로
//@ko // 온다(3.9.3-1): 허용한 QoS인 0, 1, 2, 또는 실패인 0x80. 잘못된 패킷: 코드가 하나도 없거나,
//@ko // 다른 값이 있다(3.9.3-2).
bool mqtt_decode_suback(struct mqtt_reader *r, uint16_t *id, struct mqtt_bytes *codes);

#endif
