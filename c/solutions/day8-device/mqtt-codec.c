// Day 8 — the device's codec (C track), GIVEN whole: day 7's reference codec (MQTT 3.1.1's
// packets out of bytes, and the rules they keep), then the client's encoders and decoders.
// mqtt-codec.h says what each function does; sensor-device.c is built on them. Section numbers
// are those of the OASIS standard "MQTT Version 3.1.1".
//@ko // 8일차 — 기기의 코덱(C 트랙), 통째로 주어진다: 7일차의 참조 풀이 코덱(바이트에서 MQTT 3.1.1의
//@ko // 패킷으로, 그리고 패킷이 지키는 규칙)에 클라이언트의 인코더와 디코더를 더했다. 함수마다 하는
//@ko // 일은 mqtt-codec.h가 말하고, sensor-device.c가 그 위에 선다. 절 번호는 OASIS 표준 "MQTT
//@ko // Version 3.1.1"의 번호다.
#include <string.h>

#include "mqtt-codec.h"

// 2.2.3: 1 to 4 bytes, 7 bits each, least significant first, the high bit saying "another
// follows". Returns how many bytes it took (*value set), 0 if buf ends inside it (read more),
// -1 if a 4th byte still says "another follows".
//@ko // 2.2.3: 1~4바이트, 바이트마다 7비트, 낮은 자리부터, 최상위 비트는 "바이트가 하나 더 온다"는
//@ko // 뜻이다. 차지한 바이트 수를 돌려주고 *value를 채운다. buf가 그 중간에서 끝나면 0(더 읽는다),
//@ko // 4번째 바이트가 여전히 "하나 더 온다"고 하면 -1.
int mqtt_remaining_length(const uint8_t *buf, size_t len, size_t *value)
{
    size_t v = 0;
    for (int i = 0; i < 4; i++) {
        if ((size_t)i == len)
            return 0;
        v |= (size_t)(buf[i] & 0x7f) << (7 * i);
        if ((buf[i] & 0x80) == 0) {
            *value = v;
            return i + 1;
        }
    }
    return -1;
}

// Writes len as a remaining length at out (room for 4 bytes); returns how many it took.
//@ko // len을 남은 길이로 out(4바이트 자리)에 쓰고, 몇 바이트를 차지했는지 돌려준다.
size_t mqtt_put_remaining_length(uint8_t *out, size_t len)
{
    size_t n = 0;
    do {
        uint8_t byte = (uint8_t)(len % 128);
        len /= 128;
        if (len > 0)
            byte |= 0x80;
        out[n++] = byte;
    } while (len > 0);
    return n;
}

// 2.2.2: the flags each type must carry; PUBLISH's are DUP, QoS and RETAIN (3.3.1). NULL if
// they are right, else why not.
//@ko // 2.2.2: 타입마다 지녀야 하는 플래그. PUBLISH의 플래그는 DUP, QoS, RETAIN이다(3.3.1). 맞으면
//@ko // NULL, 아니면 그 까닭.
const char *mqtt_bad_flags(unsigned type, unsigned flags)
{
    unsigned qos = (flags >> 1) & 3;
    switch (type) {
    case PUBLISH:
        if (qos == 3)
            return "PUBLISH at QoS 3 (3.3.1-4)";
        if (qos == 0 && (flags & 8) != 0)
            return "DUP set at QoS 0 (3.3.1-2)";
        return NULL;
    case SUBSCRIBE:
    case UNSUBSCRIBE:
        return flags == 2 ? NULL : "SUBSCRIBE or UNSUBSCRIBE without flags 0010 (3.8.1-1)";
    case CONNECT:
    case CONNACK:
    case PUBACK:
    case SUBACK:
    case UNSUBACK:
    case PINGREQ:
    case PINGRESP:
    case DISCONNECT:
        return flags == 0 ? NULL : "reserved flags set (2.2.2-2)";
    //@ko-next // 0과 15는 예약되어 있다. 5, 6, 7은 QoS 2의 것으로, 이 부분집합에 없다
    default: // 0 and 15 are reserved; 5, 6, 7 are QoS 2's, not in the subset
        return "unsupported packet type (2.2.1)";
    }
}

// The packet at the start of buf (len > 0 bytes received so far). Returns 1 with *p; 0 if buf
// ends inside it (read more); -1 with *why if the bytes break the protocol (close). Type, flags
// and size are judged from the fixed header alone: garbage and a packet over MAX_PACKET close
// before their body is in.
//@ko // buf(지금까지 받은 len > 0바이트)의 맨 앞에 있는 패킷. *p를 채우고 1을 돌려준다. buf가 패킷
//@ko // 중간에서 끝나면 0(더 읽는다). 바이트가 프로토콜을 어기면 *why를 채우고 -1(닫는다). 타입,
//@ko // 플래그, 크기는 고정 헤더만 보고 판정한다: 쓰레기 바이트와 MAX_PACKET을 넘는 패킷은 본문이
//@ko // 들어오기 전에 닫는다.
int mqtt_next_packet(const uint8_t *buf, size_t len, struct mqtt_packet *p, const char **why)
{
    size_t remaining;
    int n = mqtt_remaining_length(buf + 1, len - 1, &remaining);
    if (n < 0) {
        *why = "remaining length longer than 4 bytes (2.2.3)";
        return -1;
    }
    if (n == 0)
        return 0;
    size_t total = 1 + (size_t)n + remaining;
    if (total > MAX_PACKET) {
        *why = "packet over the 256 KiB limit";
        return -1;
    }
    const char *bad = mqtt_bad_flags(buf[0] >> 4, buf[0] & 0x0fu);
    if (bad != NULL) {
        *why = bad;
        return -1;
    }
    if (len < total)
        return 0;
    *p = (struct mqtt_packet){.type = buf[0] >> 4u,
                              .flags = buf[0] & 0x0fu,
                              .body = buf + 1 + n,
                              .len = remaining,
                              .total = total};
    return 1;
}

// 1.5.3: well-formed UTF-8 (no overlong form, no surrogate, nothing past U+10FFFF) without
// U+0000.
//@ko // 1.5.3: 올바른 UTF-8(너무 긴 형식도, 서로게이트도, U+10FFFF를 넘는 것도 없다), U+0000 없음.
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
        //@ko-next // 첫 바이트 다음 바이트의 범위
        uint8_t lo = 0x80, hi = 0xbf; // the range of the byte after the first
        if (c >= 0xc2 && c <= 0xdf)
            more = 1;
        else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0)
                //@ko-next // 필요 이상으로 긴 인코딩
                lo = 0xa0; // overlong
            if (c == 0xed)
                //@ko-next // 서로게이트
                hi = 0x9f; // surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0)
                lo = 0x90; // overlong
            if (c == 0xf4)
                //@ko-next // U+10FFFF 너머
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

bool mqtt_fail(struct mqtt_reader *r, const char *why)
{
    if (r->why == NULL)
        r->why = why;
    return false;
}

bool mqtt_get_u8(struct mqtt_reader *r, uint8_t *v)
{
    if (r->left < 1)
        return mqtt_fail(r, "field past the packet's end");
    *v = r->p[0];
    r->p++;
    r->left--;
    return true;
}

// 1.5.2: most significant byte first.
//@ko // 1.5.2: 높은 자리 바이트가 먼저.
bool mqtt_get_u16(struct mqtt_reader *r, uint16_t *v)
{
    if (r->left < 2)
        return mqtt_fail(r, "field past the packet's end");
    *v = (uint16_t)(r->p[0] << 8 | r->p[1]);
    r->p += 2;
    r->left -= 2;
    return true;
}

bool mqtt_get_bytes(struct mqtt_reader *r, size_t n, struct mqtt_bytes *b)
{
    if (r->left < n)
        return mqtt_fail(r, "field past the packet's end");
    *b = (struct mqtt_bytes){r->p, n};
    r->p += n;
    r->left -= n;
    return true;
}

// 1.5.6: a 2-byte length, then the bytes.
//@ko // 1.5.6: 2바이트 길이, 그다음 그 바이트들.
bool mqtt_get_binary(struct mqtt_reader *r, struct mqtt_bytes *b)
{
    uint16_t n;
    return mqtt_get_u16(r, &n) && mqtt_get_bytes(r, n, b);
}

// 1.5.3: a 2-byte length, then UTF-8 without U+0000 (1.5.3-1, 1.5.3-2).
//@ko // 1.5.3: 2바이트 길이, 그다음 U+0000이 없는 UTF-8(1.5.3-1, 1.5.3-2).
bool mqtt_get_string(struct mqtt_reader *r, struct mqtt_bytes *b)
{
    if (!mqtt_get_binary(r, b))
        return false;
    return utf8_ok(b->p, b->len) || mqtt_fail(r, "string not UTF-8, or holding U+0000 (1.5.3)");
}

// 2.3.1-1: never 0.
//@ko // 2.3.1-1: 0은 절대 아니다.
bool mqtt_get_packet_id(struct mqtt_reader *r, uint16_t *id)
{
    if (!mqtt_get_u16(r, id))
        return false;
    return *id != 0 || mqtt_fail(r, "packet identifier 0 (2.3.1-1)");
}

// Every byte the remaining length announced must have been used.
//@ko // 남은 길이가 알린 바이트는 모두 쓰였어야 한다.
bool mqtt_at_end(struct mqtt_reader *r)
{
    return r->left == 0 || mqtt_fail(r, "bytes left over at the packet's end");
}

// A topic name: at least one character (4.7.3-1), no wildcard (3.3.2-2).
//@ko // 토픽 이름: 한 글자 이상(4.7.3-1), 와일드카드 없음(3.3.2-2).
bool mqtt_valid_topic_name(struct mqtt_bytes t)
{
    return t.len > 0 && memchr(t.p, '+', t.len) == NULL && memchr(t.p, '#', t.len) == NULL;
}

// A topic filter: at least one character (4.7.3-1); `#` alone in the last level (4.7.1-2); `+`
// alone in its level (4.7.1-3).
//@ko // 토픽 필터: 적어도 한 글자(4.7.3-1). `#`은 마지막 레벨에 혼자(4.7.1-2), `+`는 제 레벨에
//@ko // 혼자(4.7.1-3).
bool mqtt_valid_filter(struct mqtt_bytes f)
{
    if (f.len == 0)
        return false;
    size_t start = 0;
    for (size_t i = 0; i <= f.len; i++) {
        if (i < f.len && f.p[i] != '/')
            continue;
        const uint8_t *level = f.p + start;
        size_t len = i - start;
        if (memchr(level, '#', len) != NULL && (len != 1 || i != f.len))
            return false;
        if (memchr(level, '+', len) != NULL && len != 1)
            return false;
        start = i + 1;
    }
    return true;
}

// Does the valid filter f match the valid topic name t? (4.7) Level against level: `+` takes one
// (even empty), `#` the rest (none included: `a/#` matches `a`); a topic starting with `$` is
// not matched by a filter starting with a wildcard (4.7.2-1).
//@ko // 올바른 필터 f가 올바른 토픽 이름 t에 맞는가? (4.7) 레벨 대 레벨로 본다: `+`는 레벨 하나(빈
//@ko // 레벨도)를, `#`은 나머지 전부(하나도 없는 것도: `a/#`은 `a`에 맞는다)를 받는다. `$`로 시작하는
//@ko // 토픽은 와일드카드로 시작하는 필터에 맞지 않는다(4.7.2-1).
bool mqtt_matches(struct mqtt_bytes f, struct mqtt_bytes t)
{
    if (t.p[0] == '$' && (f.p[0] == '+' || f.p[0] == '#'))
        return false;
    //@ko-next // 지금 보는 레벨들이 시작하는 자리
    size_t i = 0, j = 0; // where the current levels start
    for (;;) {
        //@ko-next // 레벨들이 끝나는 자리
        size_t fe = i, te = j; // where they end
        while (fe < f.len && f.p[fe] != '/')
            fe++;
        while (te < t.len && t.p[te] != '/')
            te++;
        if (fe - i == 1 && f.p[i] == '#')
            return true;
        bool plus = fe - i == 1 && f.p[i] == '+';
        if (!plus && (fe - i != te - j || memcmp(f.p + i, t.p + j, fe - i) != 0))
            return false;
        //@ko-next // 한쪽이 끝났다: 둘 다 끝났거나, 필터의 나머지가 `/#`이어야 한다
        if (fe == f.len || te == t.len) // one ended: both, or the filter's rest is `/#`
            return (fe == f.len && te == t.len) ||
                   (te == t.len && f.len - fe == 2 && f.p[fe + 1] == '#');
        i = fe + 1;
        j = te + 1;
    }
}

// The name, the level, the connect flags bit by bit, the keep alive, then the payload's fields
// in the order 3.1.3-1 gives, each only if its flag says so.
//@ko // 이름, 레벨, 연결 플래그를 비트 하나씩, 킵얼라이브, 그다음 3.1.3-1이 정한 순서로 페이로드의
//@ko // 필드들을 읽는다. 필드는 저마다 그 플래그가 켜져 있을 때만 있다.
int mqtt_decode_connect(struct mqtt_reader *r, struct mqtt_connect *k)
{
    struct mqtt_bytes name;
    uint8_t level, flags;
    *k = (struct mqtt_connect){0};
    if (!mqtt_get_string(r, &name) || !mqtt_get_u8(r, &level))
        return -1;
    if (name.len != 4 || memcmp(name.p, "MQTT", 4) != 0) {
        mqtt_fail(r, "protocol name not MQTT (3.1.2-1)");
        return -1;
    }
    k->level = level;
    if (level != 4)
        return 1;
    if (!mqtt_get_u8(r, &flags))
        return -1;
    k->clean = flags & 0x02;
    k->will = flags & 0x04;
    k->will_qos = (flags >> 3) & 3;
    k->will_retain = flags & 0x20;
    k->password = flags & 0x40;
    k->user = flags & 0x80;
    const char *bad = NULL;
    if (flags & 0x01)
        bad = "reserved connect flag set (3.1.2-3)";
    else if (k->will_qos == 3)
        bad = "will QoS 3 (3.1.2-14)";
    else if (!k->will && (k->will_qos != 0 || k->will_retain))
        bad = "will QoS or will retain without a will (3.1.2-13, 3.1.2-15)";
    else if (k->password && !k->user)
        bad = "a password without a user name (3.1.2-22)";
    if (bad != NULL) {
        mqtt_fail(r, bad);
        return -1;
    }
    if (!mqtt_get_u16(r, &k->keep_alive) || !mqtt_get_string(r, &k->id))
        return -1;
    if (k->will && (!mqtt_get_string(r, &k->will_topic) || !mqtt_get_binary(r, &k->will_payload)))
        return -1;
    if (k->will && !mqtt_valid_topic_name(k->will_topic)) {
        mqtt_fail(r, "will topic empty or holding a wildcard (3.3.2-2)");
        return -1;
    }
    if ((k->user && !mqtt_get_string(r, &k->user_name)) ||
        (k->password && !mqtt_get_binary(r, &k->password_bytes)))
        return -1;
    return mqtt_at_end(r) ? 0 : -1;
}

// ---- The client's side (day 8) ----
//@ko // ---- 클라이언트 쪽(8일차) ----

// A packet being written into out (room for cap bytes): a write past cap is not made, and
// `full` remembers it, so that an encoder checks the room once, at its end.
//@ko // out(cap바이트 자리)에 쓰고 있는 패킷: cap을 넘는 쓰기는 하지 않고 `full`이 그것을 기억한다.
//@ko // 그래서 인코더는 자리를 끝에서 한 번만 확인한다.
struct writer {
    uint8_t *p;
    size_t left;
    bool full;
};

static void put_u8(struct writer *w, uint8_t v)
{
    if (w->left < 1) {
        w->full = true;
        return;
    }
    *w->p++ = v;
    w->left--;
}

// 1.5.2: most significant byte first.
static void put_u16(struct writer *w, uint16_t v)
{
    put_u8(w, (uint8_t)(v >> 8));
    put_u8(w, (uint8_t)v);
}

static void put_bytes(struct writer *w, const uint8_t *p, size_t n)
{
    if (w->left < n) {
        w->full = true;
        return;
    }
    if (n > 0)
        memcpy(w->p, p, n);
    w->p += n;
    w->left -= n;
}

// 1.5.3 and 1.5.6: a 2-byte length, then the bytes.
//@ko // 1.5.3과 1.5.6: 2바이트 길이, 그다음 그 바이트들.
static void put_string(struct writer *w, struct mqtt_bytes s)
{
    put_u16(w, (uint16_t)s.len);
    put_bytes(w, s.p, s.len);
}

// The fixed header (2.2): the first byte, then remaining as a remaining length (2.2.3).
//@ko // 고정 헤더(2.2): 첫 바이트, 그다음 남은 길이로 쓴 remaining(2.2.3).
static void put_header(struct writer *w, uint8_t first, size_t remaining)
{
    uint8_t len[4];
    put_u8(w, first);
    put_bytes(w, len, mqtt_put_remaining_length(len, remaining));
}

// The packet's length, or 0 if it did not fit.
//@ko // 패킷의 길이. 들어가지 않았으면 0.
static size_t written(const struct writer *w, const uint8_t *out)
{
    return w->full ? 0 : (size_t)(w->p - out);
}

// 3.1.2 then 3.1.3: the variable header (name, level, flags, keep alive), then the payload.
//@ko // 3.1.2 다음 3.1.3: 가변 헤더(이름, 레벨, 플래그, 킵얼라이브), 그다음 페이로드.
size_t mqtt_encode_connect(uint8_t *out, size_t cap, const struct mqtt_connect *k)
{
    static const uint8_t name[] = {'M', 'Q', 'T', 'T'};
    size_t remaining = 2 + 4 + 1 + 1 + 2 + 2 + k->id.len;
    if (k->will)
        remaining += 2 + k->will_topic.len + 2 + k->will_payload.len;
    if (k->user)
        remaining += 2 + k->user_name.len;
    if (k->password)
        remaining += 2 + k->password_bytes.len;
    uint8_t flags = (uint8_t)((unsigned)k->user << 7 | (unsigned)k->password << 6 |
                              (unsigned)k->will_retain << 5 | (unsigned)(k->will_qos & 3) << 3 |
                              (unsigned)k->will << 2 | (unsigned)k->clean << 1);
    struct writer w = {out, cap, false};
    put_header(&w, CONNECT << 4, remaining);
    put_string(&w, (struct mqtt_bytes){name, sizeof name});
    //@ko-next // 3.1.1의 프로토콜 레벨(3.1.2.2)
    put_u8(&w, 4); // the protocol level of 3.1.1 (3.1.2.2)
    put_u8(&w, flags);
    put_u16(&w, k->keep_alive);
    put_string(&w, k->id);
    if (k->will) {
        put_string(&w, k->will_topic);
        put_string(&w, k->will_payload);
    }
    if (k->user)
        put_string(&w, k->user_name);
    if (k->password)
        put_string(&w, k->password_bytes);
    return written(&w, out);
}

// 3.3.1: DUP, QoS and RETAIN in the first byte; 3.3.2: the topic, then the packet identifier
// at QoS 1 and 2 only; 3.3.3: the payload, as many bytes as are left (no length of its own).
//@ko // 3.3.1: 첫 바이트에 DUP, QoS, RETAIN. 3.3.2: 토픽, 그다음 QoS 1과 2에서만 패킷 식별자.
//@ko // 3.3.3: 페이로드, 남은 바이트 전부(페이로드에는 따로 길이가 없다).
size_t mqtt_encode_publish(uint8_t *out, size_t cap, const struct mqtt_publish *m)
{
    unsigned qos = m->qos & 3;
    //@ko-next // 3.3.1-2: QoS 0이면 DUP은 0이다
    bool dup = m->dup && qos > 0; // 3.3.1-2: DUP is 0 at QoS 0
    size_t remaining = 2 + m->topic.len + (qos > 0 ? 2 : 0) + m->payload.len;
    struct writer w = {out, cap, false};
    put_header(&w, (uint8_t)(PUBLISH << 4 | (unsigned)dup << 3 | qos << 1 | (unsigned)m->retain),
               remaining);
    put_string(&w, m->topic);
    if (qos > 0)
        put_u16(&w, m->packet_id);
    put_bytes(&w, m->payload.p, m->payload.len);
    return written(&w, out);
}

// 3.8: the packet identifier, then each filter with its requested QoS (here one).
//@ko // 3.8: 패킷 식별자, 그다음 필터마다 그 필터와 요청한 QoS(여기서는 하나).
size_t mqtt_encode_subscribe(uint8_t *out, size_t cap, uint16_t id, struct mqtt_bytes filter,
                             uint8_t qos)
{
    struct writer w = {out, cap, false};
    put_header(&w, SUBSCRIBE << 4 | 2, 2 + 2 + filter.len + 1);
    put_u16(&w, id);
    put_string(&w, filter);
    put_u8(&w, qos & 3);
    return written(&w, out);
}

size_t mqtt_encode_puback(uint8_t *out, size_t cap, uint16_t id)
{
    struct writer w = {out, cap, false};
    put_header(&w, PUBACK << 4, 2);
    put_u16(&w, id);
    return written(&w, out);
}

size_t mqtt_encode_pingreq(uint8_t *out, size_t cap)
{
    struct writer w = {out, cap, false};
    put_header(&w, PINGREQ << 4, 0);
    return written(&w, out);
}

size_t mqtt_encode_disconnect(uint8_t *out, size_t cap)
{
    struct writer w = {out, cap, false};
    put_header(&w, DISCONNECT << 4, 0);
    return written(&w, out);
}

// 3.2.2: the acknowledge flags (bit 0 session present, the others reserved), the return code.
//@ko // 3.2.2: 확인 플래그(비트 0이 session present, 나머지는 예약), 반환 코드.
bool mqtt_decode_connack(struct mqtt_reader *r, bool *session_present, uint8_t *code)
{
    uint8_t flags;
    if (!mqtt_get_u8(r, &flags) || !mqtt_get_u8(r, code))
        return false;
    if ((flags & 0xfe) != 0)
        return mqtt_fail(r, "reserved acknowledge flags set (3.2.2.1)");
    if (*code > 5)
        return mqtt_fail(r, "CONNACK return code over 5 (3.2.2.3)");
    *session_present = flags & 1;
    if (*session_present && *code != 0)
        return mqtt_fail(r, "session present with a refusing return code (3.2.2-4)");
    return mqtt_at_end(r);
}

// 3.3.2: the topic name, the packet identifier at QoS 1 and 2; 3.3.3: the rest is the payload.
//@ko // 3.3.2: 토픽 이름, QoS 1과 2이면 패킷 식별자. 3.3.3: 나머지는 페이로드다.
bool mqtt_decode_publish(struct mqtt_reader *r, unsigned flags, struct mqtt_publish *m)
{
    *m = (struct mqtt_publish){.dup = flags & 8, .qos = (flags >> 1) & 3, .retain = flags & 1};
    if (!mqtt_get_string(r, &m->topic))
        return false;
    if (!mqtt_valid_topic_name(m->topic))
        return mqtt_fail(r, "topic name empty or holding a wildcard (3.3.2-2)");
    if (m->qos > 0 && !mqtt_get_packet_id(r, &m->packet_id))
        return false;
    return mqtt_get_bytes(r, r->left, &m->payload);
}

// 3.4.2: the packet identifier, and nothing else.
//@ko // 3.4.2: 패킷 식별자, 그뿐이다.
bool mqtt_decode_puback(struct mqtt_reader *r, uint16_t *id)
{
    return mqtt_get_packet_id(r, id) && mqtt_at_end(r);
}

// 3.9.2 and 3.9.3: the packet identifier, then one return code per filter.
//@ko // 3.9.2와 3.9.3: 패킷 식별자, 그다음 필터마다 반환 코드 하나.
bool mqtt_decode_suback(struct mqtt_reader *r, uint16_t *id, struct mqtt_bytes *codes)
{
    if (!mqtt_get_packet_id(r, id))
        return false;
    if (r->left == 0)
        return mqtt_fail(r, "SUBACK without a return code (3.9.3-1)");
    for (size_t i = 0; i < r->left; i++)
        if (r->p[i] > 2 && r->p[i] != 0x80)
            return mqtt_fail(r, "SUBACK return code not 0, 1, 2 or 0x80 (3.9.3-2)");
    return mqtt_get_bytes(r, r->left, codes);
}
