// Day 7 — the capstone: an MQTT 3.1.1 broker. Devices publish readings to topics
// (`sensors/kitchen/temp`), others subscribe to topic filters (`sensors/#`) and get them; the
// broker in between is yours: its codec (the packets out of bytes and into them: mqtt-codec.c,
// declared in mqtt-codec.h) and the broker on it, this file.
//
// Read course.md#mqtt (한국어: course.ko.md#mqtt), course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets), course.md#mqtt-connect (한국어: course.ko.md#mqtt-connect), course.md#mqtt-publish (한국어: course.ko.md#mqtt-publish), course.md#mqtt-topics (한국어: course.ko.md#mqtt-topics),
// course.md#mqtt-retained (한국어: course.ko.md#mqtt-retained), course.md#mqtt-keep-alive (한국어: course.ko.md#mqtt-keep-alive), course.md#mqtt-will (한국어: course.ko.md#mqtt-will), course.md#mqtt-sessions (한국어: course.ko.md#mqtt-sessions), course.md#mqtt-hostile (한국어: course.ko.md#mqtt-hostile),
// course.md#mqtt-load (한국어: course.ko.md#mqtt-load) and course.md#day7-broker (한국어: course.ko.md#day7-broker) (and again course.md#poll (한국어: course.ko.md#poll), course.md#per-client-buffers (한국어: course.ko.md#per-client-buffers) and
// course.md#clean-exit (한국어: course.ko.md#clean-exit)), then replace the `TODO(...)`s: mqtt-codec.c's first, since the broker needs them.
// Grade yourself with `cargo run -p checker -- --track c day7-broker` (from the lab's root): its
// first tests call the codec's functions alone, so they pass before the broker runs. Try
// it by hand with `make && ./mqtt-broker 1883`, then (Debian's `mosquitto-clients`)
// `mosquitto_sub -h 127.0.0.1 -p 1883 -t 'sensors/#' -v` in one terminal and
// `mosquitto_pub -h 127.0.0.1 -p 1883 -t sensors/kitchen/temp -m 21.5` in another.
//
// Section numbers in the comments (`2.2.3`, `3.1.2-3`, ...) are those of the OASIS standard
// "MQTT Version 3.1.1" (29 October 2014); a number with a dash is a normative statement
// (`[MQTT-3.1.2-3]` in the standard).
//
// Contract: `mqtt-broker <port>` listens on the wildcard address (SO_REUSEADDR), prints
// `listening on 0.0.0.0:<port>` (the real port, from getsockname) and flushes stdout, then
// serves MQTT 3.1.1 clients in this subset:
// - CONNECT and CONNACK (3.1, 3.2): the first packet is a CONNECT (else: close), a second one
//   closes. Protocol level 4 only: another level gets CONNACK return code 1, then the
//   connection closes; an empty client identifier with clean session 0 gets return code 2,
//   then close (with clean session 1 the broker gives it one). A CONNECT with the identifier
//   of a connected client closes the older connection: a takeover (3.1.4-2).
// - PUBLISH at QoS 0 and 1 (3.3), a QoS 1 one answered with PUBACK (3.4); a PUBLISH at QoS 2
//   closes the connection, and a subscription asking for QoS 2 is granted 1. Each subscriber
//   gets a message at the lower of the publication's QoS and its subscription's, once however
//   many of its filters match.
// - SUBSCRIBE and SUBACK, UNSUBSCRIBE and UNSUBACK (3.8 to 3.11), filters with `+` and `#`;
//   a filter that starts with a wildcard does not match a topic that starts with `$` (4.7).
// - Retained messages (3.3.1.3): the last one of each topic goes to every new subscription
//   that matches it, RETAIN set; an empty retained message clears the topic's.
// - Keep alive (3.1.2.10): PINGREQ gets PINGRESP; a client silent for 1.5 × its keep alive
//   is closed (a keep alive of 0: no limit).
// - Wills (3.1.2.5): a connection that ends without DISCONNECT (EOF, an error, a protocol
//   violation, its keep alive, a takeover) has its will published; DISCONNECT discards it,
//   and the broker closes the connection.
// - Persistent sessions (3.1.2.4): with clean session 0 the subscriptions outlive the
//   connection, QoS 1 messages for the client are queued while it is away (up to 1,000; the
//   newest are dropped beyond), CONNACK says session present, and the next connection gets
//   them, those sent before and not acknowledged again with DUP set.
// - Hostile input (garbage, bad lengths, bad UTF-8, a packet over 256 KiB, a byte at a
//   time): it closes that connection only; the broker and the other clients go on.
// - Load: 1,000 devices connected at once; a subscriber that stops reading costs bounded
//   memory and holds up neither the publishers nor the other subscribers.
// - SIGINT or SIGTERM: every connection closed, exit 0, within 2 s. Bad usage: one line on
//   stderr, exit status 1.
// Rules (the checker's `rules` test reads the functions your compiled program imports): no
// getaddrinfo or gethostbyname (build the address yourself); no MQTT library: the codec is the
// lesson. Any design: a thread per connection (day5-threads), poll (day5-poll), epoll
// (day5-epoll).
//
// The shape below is one way, one thread for every connection: day5-poll's loop, with ppoll
// for day6-unix's signals. Each connection has a read buffer (what came and is not yet a whole
// packet) and an outbox (encoded packets not yet sent); routing a message only appends to
// outboxes, and each outbox is sent when its socket takes it (POLLOUT). With threads or epoll,
// keep the steps and change the shape. Whatever the design: never wait for one client's socket
// where the other clients wait too (course.md#mqtt-load).
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (sigaction, ppoll, accept4, ...) unless this comes
// before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../common/lab.h"
#include "mqtt-codec.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

#define OUTBOX_BYTES (1024 * 1024)    // deliveries are queued while an outbox holds less
#define READ_PAUSE (2 * OUTBOX_BYTES) // a client that does not read its replies is not read
#define SESSION_QOS1 1000             // QoS 1 messages a session holds: waiting and in flight
#define CONNECT_WAIT_MS 10000         // for the CONNECT, from the accept
#define LINGER_MS 1000                // for a refusing CONNACK to leave, before the close
#define CHUNK (64 * 1024)             // one read

// ---- Given: containers (a growable buffer, shared messages, queues, tables), not the lesson ----

// A growable byte buffer: data[start..end) holds the bytes not yet consumed. A connection's
// read buffer and its outbox are each one.
struct buf {
    uint8_t *data;
    size_t start, end, cap;
};

static size_t buf_len(const struct buf *b)
{
    return b->end - b->start;
}

// Given: room for n > 0 more bytes at the end: where they go (the caller writes them there), or
// NULL if out of memory.
static uint8_t *buf_extend(struct buf *b, size_t n)
{
    if (b->start == b->end)
        b->start = b->end = 0;
    if (b->end + n > b->cap && b->start > 0) { // compact before growing
        memmove(b->data, b->data + b->start, b->end - b->start);
        b->end -= b->start;
        b->start = 0;
    }
    if (b->end + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->end + n)
            cap *= 2;
        uint8_t *p = realloc(b->data, cap);
        if (p == NULL)
            return NULL;
        b->data = p;
        b->cap = cap;
    }
    uint8_t *at = b->data + b->end;
    b->end += n;
    return at;
}

// Given: n > 0 bytes appended; 0, or -1 if out of memory.
static int buf_put(struct buf *b, const void *bytes, size_t n)
{
    uint8_t *at = buf_extend(b, n);
    if (at == NULL)
        return -1;
    memcpy(at, bytes, n);
    return 0;
}

// Given: the first n bytes are done with (decoded, or sent).
static void buf_consume(struct buf *b, size_t n)
{
    b->start += n;
    if (b->start == b->end)
        b->start = b->end = 0;
}

// Given: a larger array for items: twice *cap elements of size bytes (16 at first), *cap
// updated; NULL if out of memory (the old array is still there).
// C: `if (n == cap) { struct x *p = grown(xs, &cap, sizeof *p); if (p == NULL) ...; xs = p; }`
static void *grown(void *items, size_t *cap, size_t size)
{
    size_t n = *cap ? 2 * *cap : 16;
    void *p = realloc(items, n * size);
    if (p != NULL)
        *cap = n;
    return p;
}

// A message as routed: its topic and payload, shared by the sessions that hold it and the
// retained table (refs counts them: the last one to let go frees it).
struct msg {
    size_t refs;
    size_t topic_len, payload_len;
    uint8_t bytes[]; // the topic, then the payload
};

// Given: a message of one reference, its bytes copied; NULL if out of memory.
static struct msg *msg_new(const uint8_t *topic, size_t topic_len, const uint8_t *payload,
                           size_t payload_len)
{
    struct msg *m = malloc(sizeof *m + topic_len + payload_len);
    if (m == NULL)
        return NULL;
    m->refs = 1;
    m->topic_len = topic_len;
    m->payload_len = payload_len;
    memcpy(m->bytes, topic, topic_len);
    if (payload_len > 0)
        memcpy(m->bytes + topic_len, payload, payload_len);
    return m;
}

// Given: one more holder of m.
static struct msg *msg_ref(struct msg *m)
{
    m->refs++;
    return m;
}

// Given: one holder less (m may be NULL); the last one frees it.
static void msg_unref(struct msg *m)
{
    if (m != NULL && --m->refs == 0)
        free(m);
}

// A QoS 1 message a session holds for its client until the PUBACK (4.3.2).
struct held {
    struct held *next;
    struct msg *m;
    uint16_t id; // 0 until first sent; then kept: a resend uses it again (4.4)
    bool sent;   // sent once already: sent again with DUP (3.3.1-1)
    bool retain; // a retained message sent for a new subscription (3.3.1-8)
};

// A queue of held messages, oldest first.
struct queue {
    struct held *head, *tail;
};

// Given: h at the end of q.
static void queue_push(struct queue *q, struct held *h)
{
    h->next = NULL;
    if (q->tail != NULL)
        q->tail->next = h;
    else
        q->head = h;
    q->tail = h;
}

// Given: the first of q, taken off (NULL if q is empty).
static struct held *queue_pop(struct queue *q)
{
    struct held *h = q->head;
    if (h != NULL) {
        q->head = h->next;
        if (q->head == NULL)
            q->tail = NULL;
    }
    return h;
}

// Given: front's messages before q's, front left empty.
static void queue_prepend(struct queue *q, struct queue *front)
{
    if (front->head == NULL)
        return;
    front->tail->next = q->head;
    if (q->tail == NULL)
        q->tail = front->tail;
    q->head = front->head;
    *front = (struct queue){0};
}

// Given: every message of q freed.
static void queue_free(struct queue *q)
{
    struct held *h;
    while ((h = queue_pop(q)) != NULL) {
        msg_unref(h->m);
        free(h);
    }
}

// ---- The broker's state (given whole: the vocabulary of what follows) ----

// Given: whether a holds the len bytes at b.
static bool same(struct mqtt_bytes a, const uint8_t *b, size_t len)
{
    return a.len == len && memcmp(a.p, b, len) == 0;
}

// A subscription: its topic filter (a copy, len bytes) and the QoS granted.
struct sub {
    uint8_t *filter;
    size_t len;
    uint8_t qos;
};

// One client's session (3.1.2.4): a clean one lives while its client is connected; one of
// clean session 0 outlives the connection.
struct session {
    uint8_t *id; // the client identifier, id_len bytes
    size_t id_len;
    bool clean;
    struct sub *subs; // in the order subscribed
    size_t nsubs, capsubs;
    struct conn *live;      // the connection serving it now, NULL while the client is away
    struct queue waiting;   // QoS 1 messages not yet sent, oldest first
    struct queue in_flight; // QoS 1 messages sent, not yet acknowledged, in the order sent
    size_t held;            // in both together
    uint16_t last_id;       // the last packet identifier given
};

// One TCP connection.
struct conn {
    int fd;         // -1 once closed: freed at the end of the loop's turn
    struct buf in;  // the read buffer: received, not yet a whole packet
    struct buf out; // the outbox: encoded packets, oldest first
    bool blocked;   // the last send met EAGAIN: wait for POLLOUT
    bool starved;   // QoS 1 messages wait in the session for room in the outbox
    bool refused;   // a refusing CONNACK is queued: send it, then close
    struct session *session; // set by the CONNECT
    struct msg *will;        // its will (3.1.2.5), NULL if none
    uint8_t will_qos;
    bool will_retain;
    int64_t keep_alive; // 1.5 × the keep alive, in ms (3.1.2-24); 0: none
    int64_t deadline;   // when it is closed unless a packet comes (ms, monotonic); 0: never
};

// The retained message of a topic (its topic is the message's).
struct retained {
    struct msg *m;
    uint8_t qos;
};

static struct conn **conns; // every connection, CONNECT or not, in the order accepted
static size_t nconns, capconns;
static struct session **sessions;
static size_t nsessions, capsessions;
static struct retained *retained; // the last retained message of each topic (3.3.1.3)
static size_t nretained, capretained;
static unsigned long long assigned; // for the client identifiers the broker gives (3.1.3-6)

// Set by the SIGINT and SIGTERM handler: the loop ends.
static volatile sig_atomic_t stop_wanted;

static void on_stop(int sig)
{
    (void)sig;
    stop_wanted = 1;
}

// Given: now, in milliseconds of CLOCK_MONOTONIC (never set back, unlike the wall clock).
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Given: the session of this client identifier, or NULL.
static struct session *find_session(const uint8_t *id, size_t len)
{
    for (size_t i = 0; i < nsessions; i++)
        if (sessions[i]->id_len == len && memcmp(sessions[i]->id, id, len) == 0)
            return sessions[i];
    return NULL;
}

// Given: a new empty session in the table; NULL if out of memory.
static struct session *new_session(const uint8_t *id, size_t len)
{
    if (nsessions == capsessions) {
        struct session **p = grown(sessions, &capsessions, sizeof *p);
        if (p == NULL)
            return NULL;
        sessions = p;
    }
    struct session *s = calloc(1, sizeof *s);
    if (s == NULL || (s->id = malloc(len + 1)) == NULL) {
        free(s);
        return NULL;
    }
    memcpy(s->id, id, len);
    s->id_len = len;
    sessions[nsessions++] = s;
    return s;
}

// Given: s out of the table, and freed with all it holds.
static void free_session(struct session *s)
{
    for (size_t i = 0; i < nsessions; i++)
        if (sessions[i] == s) {
            sessions[i] = sessions[--nsessions];
            break;
        }
    for (size_t i = 0; i < s->nsubs; i++)
        free(s->subs[i].filter);
    free(s->subs);
    queue_free(&s->waiting);
    queue_free(&s->in_flight);
    free(s->id);
    free(s);
}

static long parse_number(const char *s, long max);
static int serve(int port);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr, "mqtt-broker: usage: mqtt-broker <port>   (0 lets the kernel choose)\n");
        return 1;
    }
    // An expected error (the port is taken, ...): serve printed its one line; status 1.
    return serve((int)port) == 0 ? 0 : 1;
}

// Given: a decimal number from 0 to max, digits only; -1 if it is not one.
static long parse_number(const char *s, long max)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return -1;
    return v;
}

// Queue a PUBLISH of m on c at qos, with dup and retain, and the packet identifier id at QoS 1
// (3.3). -1 if out of memory.
static int queue_publish(struct conn *c, const struct msg *m, unsigned qos, bool dup, bool retain,
                         uint16_t id)
{
    // TODO 1. The remaining length: 2 + the topic + 2 for the identifier at QoS 1 + the
    //         payload. The first byte: PUBLISH << 4 | dup << 3 | qos << 1 | retain; then
    //         mqtt_put_remaining_length, into a small uint8_t head[5].
    TODO("step 1: the fixed header");
    // TODO 2. uint8_t *p = buf_extend(&c->out, header + remaining length) (NULL: -1), then
    //         write there: the header, the topic's length (two bytes, big-endian) and bytes,
    //         the identifier at QoS 1, the payload.
    TODO("step 2: the packet into the outbox");
}

// ---- Sessions and routing ----

// Given: whether a message of q has this packet identifier.
static bool id_in_use(const struct queue *q, uint16_t id)
{
    for (const struct held *h = q->head; h != NULL; h = h->next)
        if (h->id == id)
            return true;
    return false;
}

// A packet identifier no message of the session uses, never 0 (2.3.1-1, 2.3.1-4).
static uint16_t new_packet_id(struct session *s)
{
    // TODO s->last_id + 1 until it is neither 0 nor in use (in_flight, waiting); the uint16_t
    //      wraps from 65535 to 0 by itself.
    TODO("a free packet identifier");
}

// Waiting QoS 1 messages into the live connection's outbox while it has room, in order, each
// with its packet identifier (a new one the first time) and DUP if sent before; they are then
// in flight until their PUBACK.
static void send_waiting(struct session *s)
{
    // TODO no live connection: nothing. Else while a message waits: the outbox at
    //      OUTBOX_BYTES or more (or queue_publish out of memory): c->starved = true, return
    //      (drain asks again once it has room). Else queue_publish(c, h->m, 1, h->sent,
    //      h->retain, id), h->id = id, h->sent = true, and from waiting to in_flight:
    //      queue_push(&s->in_flight, queue_pop(&s->waiting)).
    TODO("send the waiting messages");
}

// Deliver m at qos, already the lower of the publication's and the subscription's (3.8.4).
static void deliver(struct session *s, struct msg *m, unsigned qos, bool retain)
{
    // TODO QoS 0: queue_publish to the live connection's outbox, or nowhere: not while the
    //      client is away, not when its outbox holds OUTBOX_BYTES or more, and not past QoS 1
    //      messages still waiting (they are older).
    //      QoS 1: the session full (s->held == SESSION_QOS1): dropped. Else a new struct held
    //      (calloc) with msg_ref(m) and retain at the end of waiting, s->held + 1, then
    //      send_waiting(s).
    TODO("deliver a message to this session");
}

// 3.3.1.3: a retained message replaces its topic's (3.3.1-5); an empty one clears it and is not
// kept itself (3.3.1-10, 3.3.1-11).
static void keep_retained(struct msg *m, unsigned qos)
{
    // TODO find the topic's entry in retained[] (the same topic bytes); there: msg_unref its
    //      message, and take it out (the last entry in its place). Then, unless the payload
    //      is empty: a new entry {msg_ref(m), qos} (grown when full).
    TODO("keep or clear the topic's retained message");
}

// Publish m, a client's PUBLISH or a will: keep or clear the topic's retained message, then one
// copy to each session with a matching subscription, at the highest QoS granted among them
// (3.3.5-1) and never above qos, RETAIN 0 (an established subscription, 3.3.1-9).
static void route(struct msg *m, unsigned qos, bool retain)
{
    // TODO 1. retain: keep_retained.
    TODO("step 1: retained");
    // TODO 2. Each session: the highest granted QoS among its subscriptions that match
    //         (mqtt_matches), if any: deliver(s, m, the lower of that and qos, false).
    TODO("step 2: one delivery to each matching session");
}

// Connection c ends: if it still serves its session, it leaves it (messages in flight wait
// again, to go with DUP on the next connection, 4.4), a clean session ends (3.1.2-6), and its
// will, if publish_will (no DISCONNECT came), goes out at its QoS (2 taken as 1) and RETAIN
// (3.1.2-8). The socket is closed now; the struct is freed at the end of the loop's turn.
// `why`, if not NULL, says why on stderr (`mqtt-broker: closing <id>: <why>`).
static void end_conn(struct conn *c, const char *why, bool publish_will)
{
    // TODO 1. Closed already (fd -1): nothing. Else, with a why and a session, its line on
    //         stderr (`%.*s` prints the id's id_len bytes: it is no C string).
    TODO("step 1: closed already?");
    // TODO 2. Its session, if s->live == c (a connection taken over is no longer live):
    //         queue_prepend(&s->waiting, &s->in_flight); s->live = NULL; a clean one:
    //         free_session. Then c->session = NULL.
    TODO("step 2: leave the session");
    // TODO 3. close(c->fd); c->fd = -1.
    TODO("step 3: close");
    // TODO 4. The will: c->will = NULL first (it is published once at most), then, if
    //         publish_will, route it; msg_unref it either way.
    TODO("step 4: the will");
}

// ---- Acting on packets ----

// What a packet leaves its connection to.
enum after {
    GO_ON,
    CLOSE,        // a protocol violation (4.8): the will goes out
    DISCONNECTED, // DISCONNECT (3.14): the will is discarded
    REFUSED,      // a refusing CONNACK is queued: send it, then close
};

// Given: queue a reply to the client's own packet (CONNACK, PUBACK, UNSUBACK, PINGRESP), past
// the outbox's bound: a reply is never dropped.
static enum after reply(struct conn *c, const uint8_t *bytes, size_t n, const char **why)
{
    if (buf_put(&c->out, bytes, n) < 0) {
        *why = "out of memory";
        return CLOSE;
    }
    return GO_ON;
}

// The CONNECT (3.1.4, course.md#mqtt-connect, course.md#mqtt-sessions).
static enum after on_connect(struct conn *c, struct mqtt_reader *r, const char **why)
{
    // TODO 1. mqtt_decode_connect: -1 is CLOSE. 1 (another level): CONNACK return code 1,
    //         {CONNACK << 4, 2, 0, 1}, and REFUSED (3.1.2-2). An empty client identifier with
    //         clean session 0: return code 2, REFUSED (3.1.3-8). Empty with clean session 1:
    //         give it one, unique among the sessions (3.1.3-6):
    //         snprintf(given, sizeof given, "auto-%llu", ++assigned) until find_session finds
    //         none.
    TODO("step 1: decode, refuse, or give an identifier");
    // TODO 2. A session of that identifier served by a connection (s->live): a takeover
    //         (3.1.4-2): end_conn(s->live, "taken over", true) (its will goes out), then
    //         find_session again (a clean one ended with it).
    TODO("step 2: the takeover");
    // TODO 3. Clean session 1 discards any previous session (3.1.2-6); session present says
    //         whether one is left (3.2.2-2, 3.2.2-3). No session: new_session. It takes
    //         s->clean, s->live = c, c->session = s.
    TODO("step 3: start or resume the session");
    // TODO 4. CONNACK, {CONNACK << 4, 2, session present, 0}: the first packet this
    //         connection sends (3.2.0-1), before any message of the session.
    TODO("step 4: CONNACK");
    // TODO 5. The will, if any: msg_new(topic, payload), with its QoS and retain flag; the
    //         keep alive: c->keep_alive = 1,500 ms × its seconds (3.1.2-24).
    TODO("step 5: the will and the keep alive");
    // TODO 6. A resumed session: its waiting messages go out, those sent before with DUP
    //         (send_waiting). GO_ON.
    TODO("step 6: the session's waiting messages");
}

// A PUBLISH (3.3, course.md#mqtt-publish); QoS 1 is answered with PUBACK, once routed (3.3.4).
static enum after on_publish(struct conn *c, unsigned flags, struct mqtt_reader *r,
                             const char **why)
{
    // TODO 1. QoS (flags >> 1) & 3, RETAIN flags & 1; the topic name, a string:
    //         mqtt_valid_topic_name, or CLOSE (3.3.2-2); a packet identifier at QoS 1 and 2 only
    //         (3.3.2.2); QoS 2: CLOSE (not in the subset). The payload is the rest: r->p,
    //         r->left bytes, maybe none (3.3.3).
    TODO("step 1: decode");
    // TODO 2. msg_new(topic, payload), route it, msg_unref it.
    TODO("step 2: route");
    // TODO 3. QoS 1: reply PUBACK, {PUBACK << 4, 2, id >> 8, id & 0xff}.
    TODO("step 3: PUBACK");
}

// A PUBACK: the message in flight with that identifier is done (4.3.2); the next waiting one
// may go.
static enum after on_puback(struct conn *c, struct mqtt_reader *r)
{
    // TODO mqtt_get_packet_id, mqtt_at_end; take the message with that id out of s->in_flight
    //      (a list: keep the one before it; the tail may change), msg_unref and free it,
    //      s->held - 1; send_waiting. An unknown identifier changes nothing.
    TODO("acknowledged");
}

// Given: the subscription of s to this filter (the same bytes), or NULL.
static struct sub *find_sub(struct session *s, struct mqtt_bytes filter)
{
    for (size_t i = 0; i < s->nsubs; i++)
        if (same(filter, s->subs[i].filter, s->subs[i].len))
            return &s->subs[i];
    return NULL;
}

// A subscription of s to filter at qos: a filter already subscribed is replaced (3.8.4-3).
// -1 if out of memory.
static int subscribe(struct session *s, struct mqtt_bytes filter, uint8_t qos)
{
    // TODO find_sub: there, its new QoS. Else a copy of the filter's bytes (malloc, memcpy:
    //      they are no C string) at the end of s->subs (grown when full).
    TODO("subscribe, or change the granted QoS");
}

// The next filter of a SUBSCRIBE (with its requested QoS) or an UNSUBSCRIBE (qos NULL): valid
// (4.7.1), its QoS 0, 1 or 2 (3.8.3-4: the upper 6 bits are reserved, and QoS 3 does not
// exist). false with r->why if not.
static bool next_filter(struct mqtt_reader *r, struct mqtt_bytes *f, uint8_t *qos)
{
    // TODO mqtt_get_string; with qos, mqtt_get_u8; then mqtt_valid_filter, and the QoS.
    TODO("the next filter");
}

// The filters after a SUBSCRIBE's or UNSUBSCRIBE's packet identifier, each good (next_filter),
// at least one (3.8.3-3, 3.10.3-2): how many, or 0 with r->why.
static size_t count_filters(struct mqtt_reader *r, bool with_qos)
{
    // TODO next_filter until r->left is 0.
    TODO("check and count the filters");
}

// A SUBSCRIBE (3.8, course.md#mqtt-topics, course.md#mqtt-retained).
static enum after on_subscribe(struct conn *c, struct mqtt_reader *r, const char **why)
{
    // TODO 1. mqtt_get_packet_id; keep a copy of the reader (the filters are read twice: first
    //         checked, all of them, then acted on), then count_filters (0: CLOSE).
    TODO("step 1: the whole packet checked");
    // TODO 2. The SUBACK (3.9): first byte SUBACK << 4, remaining length 2 + n, the packet
    //         identifier, then one return code per filter, in their order: each filter
    //         subscribe()d at the lower of its request and 1, and that QoS its code (0x80 if
    //         subscribe failed). Write it with buf_extend into the outbox.
    TODO("step 2: subscribe, SUBACK");
    // TODO 3. Then, with the copy of the reader again, for each filter: the retained messages
    //         it matches, delivered with RETAIN set (3.3.1-6) at the lower of their QoS and the
    //         granted one (find_sub). After the SUBACK: no pointer into the outbox from step 2
    //         may be used any more (a delivery may move it, realloc).
    TODO("step 3: the retained messages");
}

// An UNSUBSCRIBE (3.10): the filters equal to those given, character by character (3.10.4-1),
// are removed; UNSUBACK even if none was there (3.10.4-5).
static enum after on_unsubscribe(struct conn *c, struct mqtt_reader *r, const char **why)
{
    // TODO mqtt_get_packet_id; check every filter (count_filters, with a copy of the reader kept);
    //      then for each: find_sub, free its filter, and the subscriptions after it moved
    //      down one (memmove); then reply UNSUBACK, {UNSUBACK << 4, 2, id >> 8, id & 0xff}.
    TODO("unsubscribe, UNSUBACK");
}

// Act on one whole packet of c (course.md#mqtt-connect, course.md#mqtt-publish). CLOSE with
// *why, unless the reader's why says it.
static enum after handle(struct conn *c, const struct mqtt_packet *p, const char **why)
{
    // TODO struct mqtt_reader r = {.p = p->body, .left = p->len};
    //      1. No CONNECT yet (c->session NULL): a CONNECT goes to on_connect; any other packet
    //         closes (3.1.0-1).
    //      2. switch (p->type): CONNECT again: close (3.1.0-2). PUBLISH, PUBACK, SUBSCRIBE,
    //         UNSUBSCRIBE: their on_ function. PINGREQ (mqtt_at_end): reply PINGRESP, d0 00
    //         (3.12.4-1). DISCONNECT (mqtt_at_end): DISCONNECTED, the will discarded (3.14.4-3).
    //         CONNACK, SUBACK, UNSUBACK, PINGRESP: a server's packet from a client: close.
    //      3. CLOSE and no *why yet: *why = r.why.
    TODO("act on one packet");
}

// ---- The loop ----

// c is readable (or has an error or EOF to tell): one read, then every whole packet in its read
// buffer, the rest kept for the next read (course.md#mqtt-packets).
static void on_readable(struct conn *c)
{
    // TODO 1. One read into a scratch buffer: static uint8_t chunk[CHUNK];
    //         n = read(c->fd, chunk, sizeof chunk);   0: EOF, end_conn with the will; EAGAIN,
    //         EINTR: nothing after all; another error: end_conn with the will (strerror).
    TODO("step 1: one read");
    // TODO 2. A refused connection: the bytes are forgotten (read all the same: a close with
    //         unread data is a reset, which may destroy the CONNACK before the client reads
    //         it). Else appended to the read buffer (buf_put).
    TODO("step 2: into the read buffer");
    // TODO 3. While the buffer holds bytes: mqtt_next_packet(c->in.data + c->in.start,
    //         buf_len(&c->in), &p, &why): 0, return (a packet is cut: a later read brings the
    //         rest); -1, end_conn with the will. 1: handle it:
    //         GO_ON: buf_consume(&c->in, p.total), and the keep alive starts again (3.1.2-24:
    //         any whole packet counts): c->deadline = now + c->keep_alive, or 0 if it is 0.
    //         CLOSE: end_conn(c, why, true). DISCONNECTED: end_conn(c, NULL, false).
    //         REFUSED: c->refused = true, c->deadline = now + LINGER_MS, the buffer emptied.
    TODO("step 3: every whole packet");
}

// Send what c's outbox holds until EAGAIN (then POLLOUT says when to go on); once it has room
// again, a starved outbox takes the session's waiting messages (course.md#mqtt-load).
// C: `n = send(c->fd, c->out.data + c->out.start, buf_len(&c->out), MSG_NOSIGNAL);`
static void drain(struct conn *c)
{
    // TODO for (;;) {
    //   1. While not blocked and the outbox holds bytes: send (MSG_NOSIGNAL: a client gone is
    //      an EPIPE for it, not a SIGPIPE for the broker). n bytes went: buf_consume(n), they
    //      may be fewer than asked; EAGAIN: c->blocked = true; EINTR: again; another error:
    //      end_conn with the will, return.
    TODO("step 1: send until EAGAIN");
    //   2. Not starved, no session, or the outbox still at OUTBOX_BYTES or more: return.
    //      Else c->starved = false, send_waiting(c->session); nothing new queued, or blocked:
    //      return; else go round again. }
    TODO("step 2: refill a starved outbox");
}

// Accepts every connection waiting, until EAGAIN; each socket non-blocking, its deadline its
// CONNECT's (now + CONNECT_WAIT_MS), at the end of conns[] (grown when full).
// C: `int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);`
static void accept_all(int lfd, int64_t *accept_after)
{
    // TODO loop until EAGAIN. EINTR, ECONNABORTED: try again. EMFILE and the like: one line on
    //      stderr, *accept_after = now_ms() + 50 (the loop does not watch the listener until
    //      then: a full descriptor table must not spin it), return. Each new socket:
    //      TCP_NODELAY (small packets, each a whole message: no Nagle delay):
    //      `int one = 1; setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);`
    //      then a struct conn (calloc) at the end of conns[].
    TODO("accept until EAGAIN");
}

// 1,000 devices need over 1,000 descriptors, and the soft limit is often 1,024: raise it to the
// hard one.
// C: `struct rlimit r; getrlimit(RLIMIT_NOFILE, &r); r.rlim_cur = r.rlim_max;
//     setrlimit(RLIMIT_NOFILE, &r);`
static void raise_fd_limit(void)
{
    // TODO getrlimit; the soft limit lower than the hard one: setrlimit (a failure: one line on
    //      stderr, and go on).
    TODO("raise RLIMIT_NOFILE");
}

// The listening socket on the wildcard address, non-blocking, and its line on stdout (as in
// day2-echo). Returns it, or -1 after one line on stderr.
// C: `int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);`
static int listen_on(int port)
{
    // TODO socket (non-blocking), SO_REUSEADDR, bind to INADDR_ANY and the port, listen with a
    //      long backlog (1,000 devices may connect at once: listen(s, 1024)), getsockname, then
    //      `listening on <ip>:<port>` and fflush; each error: one line on stderr, -1.
    TODO("socket, SO_REUSEADDR, bind, listen, print the listening line");
}

// At the end of a turn, every connection: past its deadline, closed (a silent client's will
// goes out, 3.1.2-24); else its outbox sent (deliveries came from other connections too); a
// refused one closed once its CONNACK is out.
static void tend(int64_t now)
{
    // TODO for each connection still open (fd >= 0), in this order: c->deadline not 0 and
    //      passed: end_conn (refused: quietly, no will; else "keep alive expired", the will);
    //      still open: drain(c); still open, refused and the outbox empty: end_conn, no will.
    TODO("deadlines and outboxes");
}

// The connections closed during the turn freed (their buffers too), the others kept in their
// order.
static void sweep(void)
{
    // TODO one pass with a second index, as in day5-poll: kept ones copied to conns[kept++].
    TODO("sweep the closed connections away");
}

// One turn of the loop: ppoll on the listener and every connection until something is ready, a
// deadline comes or a signal; then each ready connection served, every connection tended, the
// closed ones swept away, the new ones accepted. -1 after one line on stderr if the loop cannot
// go on.
// C: `ppoll(fds, n + 1, &timeout, &wait_mask);`   (NULL for no timeout)
static int wait_and_serve(int lfd, const sigset_t *wait_mask)
{
    static struct pollfd *fds; // fds[0] is the listener, fds[i + 1] is conns[i]
    static size_t capfds;
    static int64_t accept_after; // no accepting before (a full descriptor table)
    // TODO 1. fds for 1 + nconns entries (realloc); n = nconns, kept for this turn (accept_all
    //         adds connections).
    TODO("step 1: room for the pollfds");
    // TODO 2. fds[0]: the listener, POLLIN, or fd -1 (ignored) until accept_after. Each
    //         connection: POLLIN unless its outbox holds READ_PAUSE or more and it is not
    //         refused (back-pressure on a client that does not read its replies); POLLOUT
    //         while its outbox holds bytes (never otherwise: poll would return at once, for
    //         ever). The nearest deadline (and accept_after) is the timeout:
    //         struct timespec t = { .tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000 };
    TODO("step 2: the pollfds and the timeout");
    // TODO 3. ppoll; EINTR: return 0 (a signal: the loop looks at stop_wanted).
    TODO("step 3: ppoll");
    // TODO 4. Each connection i < n still open, by fds[i + 1].revents: POLLOUT, POLLERR or
    //         POLLHUP: c->blocked = false (an error shows in the next send); POLLIN, POLLERR or
    //         POLLHUP: on_readable(c).
    TODO("step 4: serve what is ready");
    // TODO 5. tend(now_ms()); sweep(); POLLIN on fds[0]: accept_all(lfd, &accept_after).
    //         Return 0.
    TODO("step 5: tend, sweep, accept");
}

// The broker's life: the signals, the listener, the loop until SIGINT or SIGTERM, the clean
// exit (course.md#clean-exit). Returns 0, or -1 after one line on stderr.
static int serve(int port)
{
    // TODO 1. SIGINT and SIGTERM: a handler that only sets the flag (on_stop), and both
    //         blocked, but inside ppoll, which unblocks them for the wait alone: a signal
    //         ends the wait (EINTR), never slips in between the loop's test and the wait
    //         (course.md#preforking, as in day6-unix).
    //         C: `struct sigaction sa = { .sa_handler = on_stop }; sigaction(SIGINT, &sa, NULL);
    //             sigset_t s, wait_mask; sigemptyset(&s); sigaddset(&s, SIGINT); ...
    //             sigprocmask(SIG_BLOCK, &s, &wait_mask);`
    //         (wait_mask, the mask before, is ppoll's: without SIGINT and SIGTERM, sigdelset.)
    TODO("step 1: the signals");
    // TODO 2. raise_fd_limit(); int lfd = listen_on(port) (-1: return -1).
    TODO("step 2: the descriptors, the listener");
    // TODO 3. while (!stop_wanted) wait_and_serve(lfd, &wait_mask) (-1: stop, return -1 in
    //         the end).
    TODO("step 3: the loop");
    // TODO 4. close() every connection still open (each client sees its FIN now), then the
    //         listener; return 0. (The sessions and retained messages, kept in memory, go with
    //         the process.)
    TODO("step 4: close everything");
}
