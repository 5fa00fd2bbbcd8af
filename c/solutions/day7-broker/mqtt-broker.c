/* mqtt-broker <port>: an MQTT 3.1.1 broker for devices, in the lab's subset: CONNECT, PUBLISH at
 * QoS 0 and 1, SUBSCRIBE and UNSUBSCRIBE with wildcards, retained messages, keep alive, wills,
 * and persistent sessions kept in memory (day7-broker, C track), on the codec of mqtt-codec.c
 * (mqtt-codec.h). Section numbers are those of the OASIS standard "MQTT Version 3.1.1"; one with
 * a dash is a normative statement ([MQTT-3.1.2-3] in the standard).
 *
 * One thread serves every connection with ppoll(2), every socket non-blocking. Each connection
 * has a read buffer (the bytes received and not yet a whole packet: a packet is decoded once it
 * is all there, and what follows it waits for the next read) and an outbox (the encoded packets
 * not yet sent). Routing a message only appends to outboxes; the sends come at the end of the
 * loop's turn, each until EAGAIN, then POLLOUT says when to go on. An outbox takes deliveries
 * while it holds less than OUTBOX_BYTES: past that, QoS 0 messages for its client are dropped
 * and QoS 1 ones wait in its session (at most SESSION_QOS1), moved to the outbox as it drains.
 * So a subscriber that stops reading costs bounded memory and delays nobody.
 *
 * Every connection has a deadline (its CONNECT, its keep alive, the last second of a refused
 * one), and ppoll's timeout is the nearest. SIGINT and SIGTERM are blocked but inside ppoll,
 * which unblocks them for the wait alone: a signal ends the wait (EINTR), never slips in before
 * it. */
#define BACKLOG 1024 /* make_server's listen: 1,000 devices may connect at once */
#include "../common/net.h"
#include "mqtt-codec.h"
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <time.h>

#define OUTBOX_BYTES (1024 * 1024)    /* deliveries are queued while an outbox holds less */
#define READ_PAUSE (2 * OUTBOX_BYTES) /* a client that does not read its replies is not read */
#define SESSION_QOS1 1000             /* QoS 1 messages a session holds: waiting and in flight */
#define CONNECT_WAIT_MS 10000         /* for the CONNECT, from the accept */
#define LINGER_MS 1000                /* for a refusing CONNACK to leave, before the close */
#define CHUNK (64 * 1024)             /* one read */

/* ---- containers ---- */

/* A growable byte buffer: data[start..end) holds the bytes not yet consumed. */
struct buf {
    uint8_t *data;
    size_t start, end, cap;
};

static size_t buf_len(const struct buf *b) { return b->end - b->start; }

/* Room for n > 0 more bytes at the end: where they go (the caller writes them), or NULL if out
 * of memory. */
static uint8_t *buf_extend(struct buf *b, size_t n)
{
    if (b->start == b->end)
        b->start = b->end = 0;
    if (b->end + n > b->cap && b->start > 0) { /* compact before growing */
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

static int buf_put(struct buf *b, const void *bytes, size_t n)
{
    uint8_t *at = buf_extend(b, n);
    if (at == NULL)
        return -1;
    memcpy(at, bytes, n);
    return 0;
}

static void buf_consume(struct buf *b, size_t n)
{
    b->start += n;
    if (b->start == b->end)
        b->start = b->end = 0;
}

/* A larger array for *items: twice *cap elements of size bytes (16 at first), *cap updated; NULL
 * if out of memory (the old array is still there). */
static void *grown(void *items, size_t *cap, size_t size)
{
    size_t n = *cap ? 2 * *cap : 16;
    void *p = realloc(items, n * size);
    if (p != NULL)
        *cap = n;
    return p;
}

/* A message as routed: its topic and payload, shared by the sessions that hold it and the
 * retained table (refs counts them). */
struct msg {
    size_t refs;
    size_t topic_len, payload_len;
    uint8_t bytes[]; /* the topic, then the payload */
};

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

static struct msg *msg_ref(struct msg *m)
{
    m->refs++;
    return m;
}

static void msg_unref(struct msg *m)
{
    if (m != NULL && --m->refs == 0)
        free(m);
}

/* A QoS 1 message a session holds for its client until the PUBACK (4.3.2). */
struct held {
    struct held *next;
    struct msg *m;
    uint16_t id; /* 0 until first sent; then kept: a resend uses it again (4.4) */
    bool sent;   /* sent once already: sent again with DUP (3.3.1-1) */
    bool retain; /* a retained message sent for a new subscription (3.3.1-8) */
};

struct queue {
    struct held *head, *tail;
};

static void queue_push(struct queue *q, struct held *h)
{
    h->next = NULL;
    if (q->tail != NULL)
        q->tail->next = h;
    else
        q->head = h;
    q->tail = h;
}

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

/* front's messages before q's, front left empty. */
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

static void queue_free(struct queue *q)
{
    struct held *h;
    while ((h = queue_pop(q)) != NULL) {
        msg_unref(h->m);
        free(h);
    }
}

/* ---- the broker's state ---- */

/* a holds exactly the len bytes at b. */
static bool same(struct mqtt_bytes a, const uint8_t *b, size_t len)
{
    return a.len == len && memcmp(a.p, b, len) == 0;
}

struct sub {
    uint8_t *filter;
    size_t len;
    uint8_t qos; /* granted */
};

/* One client's session (3.1.2.4): a clean one lives while its client is connected; one of
 * clean session 0 outlives the connection. */
struct session {
    uint8_t *id;
    size_t id_len;
    bool clean;
    struct sub *subs; /* in the order subscribed */
    size_t nsubs, capsubs;
    struct conn *live;      /* the connection serving it now, NULL while the client is away */
    struct queue waiting;   /* QoS 1 messages not yet sent, oldest first */
    struct queue in_flight; /* QoS 1 messages sent, not yet acknowledged, in the order sent */
    size_t held;            /* in both together */
    uint16_t last_id;
};

struct conn {
    int fd;         /* -1 once closed: freed at the end of the loop's turn */
    struct buf in;  /* received, not yet a whole packet */
    struct buf out; /* the outbox: encoded packets, oldest first */
    bool blocked;   /* the last send met EAGAIN: wait for POLLOUT */
    bool starved;   /* QoS 1 messages wait in the session for room in the outbox */
    bool refused;   /* a refusing CONNACK is queued: send it, then close */
    struct session *session; /* set by the CONNECT */
    struct msg *will;        /* its will (3.1.2.5), NULL if none */
    uint8_t will_qos;
    bool will_retain;
    int64_t keep_alive; /* 1.5 x the keep alive, in ms (3.1.2-24); 0: none */
    int64_t deadline;   /* when it is closed unless a packet comes (ms, monotonic); 0: never */
};

struct retained {
    struct msg *m;
    uint8_t qos;
};

static struct conn **conns;
static size_t nconns, capconns;
static struct session **sessions;
static size_t nsessions, capsessions;
static struct retained *retained; /* the last retained message of each topic (3.3.1.3) */
static size_t nretained, capretained;
static unsigned long long assigned; /* for the client identifiers the broker gives (3.1.3-6) */

static volatile sig_atomic_t stop_wanted;
static void on_stop(int sig)
{
    (void)sig;
    stop_wanted = 1;
}

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static struct session *find_session(const uint8_t *id, size_t len)
{
    for (size_t i = 0; i < nsessions; i++)
        if (sessions[i]->id_len == len && memcmp(sessions[i]->id, id, len) == 0)
            return sessions[i];
    return NULL;
}

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

/* Queue a PUBLISH of m on c at qos (with the packet identifier id at QoS 1). -1 if out of
 * memory. */
static int queue_publish(struct conn *c, const struct msg *m, unsigned qos, bool dup, bool retain,
                         uint16_t id)
{
    size_t rem = 2 + m->topic_len + (qos > 0 ? 2 : 0) + m->payload_len;
    uint8_t head[5];
    head[0] = (uint8_t)(PUBLISH << 4 | (unsigned)dup << 3 | qos << 1 | (unsigned)retain);
    size_t h = 1 + mqtt_put_remaining_length(head + 1, rem);
    uint8_t *p = buf_extend(&c->out, h + rem);
    if (p == NULL)
        return -1;
    memcpy(p, head, h);
    p += h;
    *p++ = (uint8_t)(m->topic_len >> 8);
    *p++ = (uint8_t)m->topic_len;
    memcpy(p, m->bytes, m->topic_len);
    p += m->topic_len;
    if (qos > 0) {
        *p++ = (uint8_t)(id >> 8);
        *p++ = (uint8_t)id;
    }
    if (m->payload_len > 0)
        memcpy(p, m->bytes + m->topic_len, m->payload_len);
    return 0;
}

/* ---- sessions and routing ---- */

static bool id_in_use(const struct queue *q, uint16_t id)
{
    for (const struct held *h = q->head; h != NULL; h = h->next)
        if (h->id == id)
            return true;
    return false;
}

/* A packet identifier no message of the session uses, never 0 (2.3.1-1, 2.3.1-4). */
static uint16_t new_packet_id(struct session *s)
{
    do
        s->last_id++;
    while (s->last_id == 0 || id_in_use(&s->in_flight, s->last_id) ||
           id_in_use(&s->waiting, s->last_id));
    return s->last_id;
}

/* Waiting QoS 1 messages into the live connection's outbox while it has room, in order, each
 * with its packet identifier (a new one the first time) and DUP if sent before; they are then in
 * flight until their PUBACK. The outbox full: it is starved, and asks again once it drains. */
static void send_waiting(struct session *s)
{
    struct conn *c = s->live;
    if (c == NULL)
        return;
    while (s->waiting.head != NULL) {
        struct held *h = s->waiting.head;
        if (buf_len(&c->out) >= OUTBOX_BYTES) {
            c->starved = true;
            return;
        }
        uint16_t id = h->id != 0 ? h->id : new_packet_id(s);
        if (queue_publish(c, h->m, 1, h->sent, h->retain, id) < 0) {
            c->starved = true; /* out of memory: tried again as the outbox drains */
            return;
        }
        h->id = id;
        h->sent = true;
        queue_push(&s->in_flight, queue_pop(&s->waiting));
    }
}

/* Deliver m at qos, already the lower of the publication's and the subscription's (3.8.4). QoS 0
 * goes straight to the outbox or nowhere: not while the client is away, not when its outbox is
 * full, and not past QoS 1 messages still waiting (they are older). QoS 1 waits in the session,
 * up to SESSION_QOS1 (the newest, this one, dropped beyond). */
static void deliver(struct session *s, struct msg *m, unsigned qos, bool retain)
{
    if (qos == 0) {
        if (s->live != NULL && s->waiting.head == NULL && buf_len(&s->live->out) < OUTBOX_BYTES)
            (void)queue_publish(s->live, m, 0, false, retain, 0); /* out of memory: dropped */
        return;
    }
    if (s->held >= SESSION_QOS1)
        return;
    struct held *h = calloc(1, sizeof *h);
    if (h == NULL)
        return;
    h->m = msg_ref(m);
    h->retain = retain;
    queue_push(&s->waiting, h);
    s->held++;
    send_waiting(s);
}

/* 3.3.1.3: a retained message replaces its topic's (3.3.1-5); an empty one clears it and is not
 * kept itself (3.3.1-10, 3.3.1-11). */
static void keep_retained(struct msg *m, unsigned qos)
{
    size_t i = 0;
    while (i < nretained && !(retained[i].m->topic_len == m->topic_len &&
                              memcmp(retained[i].m->bytes, m->bytes, m->topic_len) == 0))
        i++;
    if (i < nretained) {
        msg_unref(retained[i].m);
        retained[i] = retained[--nretained];
    }
    if (m->payload_len == 0)
        return;
    if (nretained == capretained) {
        struct retained *p = grown(retained, &capretained, sizeof *p);
        if (p == NULL)
            return; /* out of memory: not kept */
        retained = p;
    }
    retained[nretained++] = (struct retained){msg_ref(m), (uint8_t)qos};
}

/* Publish m, a client's PUBLISH or a will: keep or clear the topic's retained message, then one
 * copy to each session with a matching subscription, at the highest QoS granted among them
 * (3.3.5-1) and never above qos, RETAIN 0 (an established subscription, 3.3.1-9). */
static void route(struct msg *m, unsigned qos, bool retain)
{
    if (retain)
        keep_retained(m, qos);
    struct mqtt_bytes topic = {m->bytes, m->topic_len};
    for (size_t i = 0; i < nsessions; i++) {
        struct session *s = sessions[i];
        int granted = -1;
        for (size_t j = 0; j < s->nsubs; j++) {
            struct mqtt_bytes filter = {s->subs[j].filter, s->subs[j].len};
            if (s->subs[j].qos > granted && mqtt_matches(filter, topic))
                granted = s->subs[j].qos;
        }
        if (granted >= 0)
            deliver(s, m, qos < (unsigned)granted ? qos : (unsigned)granted, false);
    }
}

/* Connection c ends: if it still serves its session, it leaves it (messages in flight wait
 * again, to go with DUP on the next connection, 4.4), a clean session ends (3.1.2-6), and its
 * will, if publish_will (no DISCONNECT came), goes out at its QoS (2 taken as 1) and RETAIN
 * (3.1.2-8). The socket is closed now; the struct is freed at the end of the loop's turn. */
static void end_conn(struct conn *c, const char *why, bool publish_will)
{
    if (c->fd < 0)
        return;
    struct session *s = c->session;
    if (s != NULL && why != NULL)
        fprintf(stderr, "mqtt-broker: closing %.*s: %s\n", (int)s->id_len, (const char *)s->id,
                why);
    if (s != NULL && s->live == c) {
        queue_prepend(&s->waiting, &s->in_flight);
        s->live = NULL;
        if (s->clean)
            free_session(s);
    }
    c->session = NULL;
    if (close(c->fd) < 0)
        fprintf(stderr, "mqtt-broker: close: %s\n", strerror(errno));
    c->fd = -1;
    struct msg *will = c->will;
    c->will = NULL;
    if (will != NULL && publish_will)
        route(will, c->will_qos > 1 ? 1 : c->will_qos, c->will_retain);
    msg_unref(will);
}

/* ---- acting on packets ---- */

/* What a packet leaves its connection to. */
enum after {
    GO_ON,
    CLOSE,        /* a protocol violation (4.8): the will goes out */
    DISCONNECTED, /* DISCONNECT (3.14): the will is discarded */
    REFUSED,      /* a refusing CONNACK is queued: send it, then close */
};

static enum after reply(struct conn *c, const uint8_t *bytes, size_t n, const char **why)
{
    if (buf_put(&c->out, bytes, n) < 0) {
        *why = "out of memory";
        return CLOSE;
    }
    return GO_ON;
}

/* 3.1.4: the CONNECT. */
static enum after on_connect(struct conn *c, struct mqtt_reader *r, const char **why)
{
    struct mqtt_connect k;
    int decoded = mqtt_decode_connect(r, &k);
    if (decoded < 0)
        return CLOSE;
    uint8_t connack[4] = {CONNACK << 4, 2, 0, 0};
    if (decoded > 0 || (k.id.len == 0 && !k.clean)) {
        /* 3.1.2-2: return code 1; 3.1.3-8: no identifier and a session to keep, return code 2 */
        connack[3] = decoded > 0 ? 1 : 2;
        *why = decoded > 0 ? "protocol level not 4 (3.1.2-2)"
                           : "empty client identifier with clean session 0 (3.1.3-8)";
        return reply(c, connack, sizeof connack, why) == GO_ON ? REFUSED : CLOSE;
    }
    char given[32];
    if (k.id.len == 0) { /* 3.1.3-6: an identifier of the broker's, unique among the sessions */
        int n;
        do
            n = snprintf(given, sizeof given, "auto-%llu", ++assigned);
        while (find_session((const uint8_t *)given, (size_t)n) != NULL);
        k.id = (struct mqtt_bytes){(const uint8_t *)given, (size_t)n};
    }
    /* 3.1.4-2: a connection serving this identifier already is closed, and its will published
     * (it sent no DISCONNECT); its session ends with it if it was a clean one. */
    struct session *s = find_session(k.id.p, k.id.len);
    if (s != NULL && s->live != NULL) {
        end_conn(s->live, "taken over by a newer connection (3.1.4-2)", true);
        s = find_session(k.id.p, k.id.len);
    }
    /* 3.1.2-6: clean session 1 discards any previous session; 3.2.2-2, 3.2.2-3: session present
     * says whether one is resumed. */
    if (s != NULL && k.clean) {
        free_session(s);
        s = NULL;
    }
    connack[2] = s != NULL;
    if (s == NULL && (s = new_session(k.id.p, k.id.len)) == NULL) {
        *why = "out of memory";
        return CLOSE;
    }
    s->clean = k.clean;
    s->live = c;
    c->session = s;
    /* The CONNACK first (3.2.0-1), then a resumed session's messages: those left unacknowledged
     * (DUP set), then those that came while the client was away. */
    if (reply(c, connack, sizeof connack, why) != GO_ON)
        return CLOSE;
    if (k.will) {
        c->will = msg_new(k.will_topic.p, k.will_topic.len, k.will_payload.p, k.will_payload.len);
        if (c->will == NULL) {
            *why = "out of memory";
            return CLOSE;
        }
        c->will_qos = k.will_qos;
        c->will_retain = k.will_retain;
    }
    c->keep_alive = (int64_t)k.keep_alive * 1500;
    send_waiting(s);
    return GO_ON;
}

/* 3.3: a PUBLISH, at QoS 0 or 1 (2 closes: the subset's deviation); 3.3.4: QoS 1 is answered
 * with PUBACK, once routed. */
static enum after on_publish(struct conn *c, unsigned flags, struct mqtt_reader *r,
                             const char **why)
{
    unsigned qos = (flags >> 1) & 3;
    bool retain = flags & 1;
    struct mqtt_bytes topic;
    uint16_t id = 0;
    if (!mqtt_get_string(r, &topic))
        return CLOSE;
    if (!mqtt_valid_topic_name(topic)) {
        *why = "topic name empty or holding a wildcard (3.3.2-2)";
        return CLOSE;
    }
    if (qos > 0 && !mqtt_get_packet_id(r, &id))
        return CLOSE;
    if (qos == 2) {
        *why = "PUBLISH at QoS 2, not in the subset";
        return CLOSE;
    }
    struct msg *m = msg_new(topic.p, topic.len, r->p, r->left); /* the payload: the rest (3.3.3) */
    if (m == NULL) {
        *why = "out of memory";
        return CLOSE;
    }
    route(m, qos, retain);
    msg_unref(m);
    if (qos == 0)
        return GO_ON;
    uint8_t puback[4] = {PUBACK << 4, 2, (uint8_t)(id >> 8), (uint8_t)id};
    return reply(c, puback, sizeof puback, why);
}

/* 4.3.2: acknowledged; the next waiting message may go. */
static enum after on_puback(struct conn *c, struct mqtt_reader *r)
{
    uint16_t id;
    if (!mqtt_get_packet_id(r, &id) || !mqtt_at_end(r))
        return CLOSE;
    struct session *s = c->session;
    struct held *prev = NULL;
    for (struct held *h = s->in_flight.head; h != NULL; prev = h, h = h->next) {
        if (h->id != id)
            continue;
        if (prev != NULL)
            prev->next = h->next;
        else
            s->in_flight.head = h->next;
        if (s->in_flight.tail == h)
            s->in_flight.tail = prev;
        msg_unref(h->m);
        free(h);
        s->held--;
        break;
    }
    send_waiting(s);
    return GO_ON;
}

static struct sub *find_sub(struct session *s, struct mqtt_bytes filter)
{
    for (size_t i = 0; i < s->nsubs; i++)
        if (same(filter, s->subs[i].filter, s->subs[i].len))
            return &s->subs[i];
    return NULL;
}

/* A filter already subscribed is replaced (3.8.4-3). -1 if out of memory. */
static int subscribe(struct session *s, struct mqtt_bytes filter, uint8_t qos)
{
    struct sub *found = find_sub(s, filter);
    if (found != NULL) {
        found->qos = qos;
        return 0;
    }
    if (s->nsubs == s->capsubs) {
        struct sub *p = grown(s->subs, &s->capsubs, sizeof *p);
        if (p == NULL)
            return -1;
        s->subs = p;
    }
    uint8_t *copy = malloc(filter.len);
    if (copy == NULL)
        return -1;
    memcpy(copy, filter.p, filter.len);
    s->subs[s->nsubs++] = (struct sub){copy, filter.len, qos};
    return 0;
}

/* The next filter of a SUBSCRIBE (with its requested QoS) or an UNSUBSCRIBE (qos NULL):
 * valid (4.7.1), its QoS 0, 1 or 2 (3.8.3-4: the upper 6 bits are reserved, and QoS 3 does not
 * exist). false with r->why if not. */
static bool next_filter(struct mqtt_reader *r, struct mqtt_bytes *f, uint8_t *qos)
{
    if (!mqtt_get_string(r, f) || (qos != NULL && !mqtt_get_u8(r, qos)))
        return false;
    if (!mqtt_valid_filter(*f))
        return mqtt_fail(r, "invalid topic filter (4.7.1)");
    if (qos != NULL && *qos > 2)
        return mqtt_fail(r, "requested QoS above 2 (3.8.3-4)");
    return true;
}

/* The filters after a SUBSCRIBE's or UNSUBSCRIBE's packet identifier, each good, at least one
 * (3.8.3-3, 3.10.3-2): how many, or 0 with r->why. */
static size_t count_filters(struct mqtt_reader *r, bool with_qos)
{
    size_t n = 0;
    struct mqtt_bytes f;
    uint8_t qos;
    while (r->left > 0) {
        if (!next_filter(r, &f, with_qos ? &qos : NULL))
            return 0;
        n++;
    }
    if (n == 0)
        mqtt_fail(r, "no topic filter (3.8.3-3, 3.10.3-2)");
    return n;
}

/* 3.8: each filter granted the lower of its request and 1 (the subset's highest); SUBACK with
 * the granted QoS in the filters' order (3.9.3), then the retained messages each matches, RETAIN
 * set (3.3.1-6, 3.3.1-8). */
static enum after on_subscribe(struct conn *c, struct mqtt_reader *r, const char **why)
{
    uint16_t id;
    if (!mqtt_get_packet_id(r, &id))
        return CLOSE;
    const struct mqtt_reader filters = *r; /* read again once the whole packet is known good */
    size_t n = count_filters(r, true);
    if (n == 0)
        return CLOSE;
    uint8_t head[5] = {SUBACK << 4};
    size_t h = 1 + mqtt_put_remaining_length(head + 1, 2 + n);
    uint8_t *suback = buf_extend(&c->out, h + 2 + n);
    if (suback == NULL) {
        *why = "out of memory";
        return CLOSE;
    }
    memcpy(suback, head, h);
    suback[h] = (uint8_t)(id >> 8);
    suback[h + 1] = (uint8_t)id;
    struct session *s = c->session;
    struct mqtt_reader again = filters;
    for (size_t i = 0; i < n; i++) {
        struct mqtt_bytes f;
        uint8_t qos = 0;
        (void)next_filter(&again, &f, &qos); /* known good */
        uint8_t granted = qos > 1 ? 1 : qos;
        suback[h + 2 + i] = subscribe(s, f, granted) == 0 ? granted : 0x80;
    }
    /* (suback is not used past here: a delivery below may move the outbox) */
    again = filters;
    for (size_t i = 0; i < n; i++) {
        struct mqtt_bytes f;
        uint8_t qos;
        (void)next_filter(&again, &f, &qos);
        const struct sub *sub = find_sub(s, f);
        for (size_t j = 0; sub != NULL && j < nretained; j++) {
            struct msg *m = retained[j].m;
            if (mqtt_matches(f, (struct mqtt_bytes){m->bytes, m->topic_len}))
                deliver(s, m, retained[j].qos < sub->qos ? retained[j].qos : sub->qos, true);
        }
    }
    return GO_ON;
}

/* 3.10: the filters equal to those given, character by character (3.10.4-1), are removed;
 * UNSUBACK even if none was there (3.10.4-5). */
static enum after on_unsubscribe(struct conn *c, struct mqtt_reader *r, const char **why)
{
    uint16_t id;
    if (!mqtt_get_packet_id(r, &id))
        return CLOSE;
    struct mqtt_reader again = *r;
    size_t n = count_filters(r, false);
    if (n == 0)
        return CLOSE;
    struct session *s = c->session;
    for (size_t i = 0; i < n; i++) {
        struct mqtt_bytes f;
        (void)next_filter(&again, &f, NULL);
        struct sub *sub = find_sub(s, f);
        if (sub != NULL) {
            free(sub->filter);
            memmove(sub, sub + 1, (size_t)(s->subs + s->nsubs - (sub + 1)) * sizeof *sub);
            s->nsubs--;
        }
    }
    uint8_t unsuback[4] = {UNSUBACK << 4, 2, (uint8_t)(id >> 8), (uint8_t)id};
    return reply(c, unsuback, sizeof unsuback, why);
}

/* Act on one whole packet of c. */
static enum after handle(struct conn *c, const struct mqtt_packet *p, const char **why)
{
    struct mqtt_reader r = {.p = p->body, .left = p->len};
    enum after next = CLOSE;
    if (c->session == NULL) { /* 3.1.0-1: the first packet is a CONNECT */
        if (p->type == CONNECT)
            next = on_connect(c, &r, why);
        else
            *why = "first packet not CONNECT (3.1.0-1)";
    } else {
        static const uint8_t pingresp[2] = {PINGRESP << 4, 0};
        switch (p->type) {
        case CONNECT:
            *why = "second CONNECT (3.1.0-2)";
            break;
        case PUBLISH:
            next = on_publish(c, p->flags, &r, why);
            break;
        case PUBACK:
            next = on_puback(c, &r);
            break;
        case SUBSCRIBE:
            next = on_subscribe(c, &r, why);
            break;
        case UNSUBSCRIBE:
            next = on_unsubscribe(c, &r, why);
            break;
        case PINGREQ: /* 3.12.4-1 */
            if (mqtt_at_end(&r))
                next = reply(c, pingresp, sizeof pingresp, why);
            break;
        case DISCONNECT: /* 3.14.4-3: the will is discarded */
            if (mqtt_at_end(&r))
                next = DISCONNECTED;
            break;
        default: /* CONNACK, SUBACK, UNSUBACK, PINGRESP */
            *why = "a server's packet from a client";
        }
    }
    if (next == CLOSE && *why == NULL)
        *why = r.why != NULL ? r.why : "malformed packet";
    return next;
}

/* ---- the loop ---- */

/* c is readable (or has an error or EOF to report): one read, then every whole packet in its
 * read buffer, the rest kept for the next read. */
static void on_readable(struct conn *c)
{
    static uint8_t chunk[CHUNK];
    ssize_t n = read(c->fd, chunk, sizeof chunk);
    if (n == 0) {
        end_conn(c, "connection closed by the client", true);
        return;
    }
    if (n < 0) {
        if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
            end_conn(c, strerror(errno), true);
        return;
    }
    if (c->refused)
        return; /* read, and forgotten: unread data would make the close a reset, which may
                 * destroy the CONNACK before the client reads it */
    if (buf_put(&c->in, chunk, (size_t)n) < 0) {
        end_conn(c, "out of memory", true);
        return;
    }
    int64_t now = now_ms();
    while (buf_len(&c->in) > 0) {
        struct mqtt_packet p;
        const char *why = NULL;
        int found = mqtt_next_packet(c->in.data + c->in.start, buf_len(&c->in), &p, &why);
        if (found == 0)
            return; /* cut: the rest comes with a later read */
        switch (found < 0 ? CLOSE : handle(c, &p, &why)) {
        case GO_ON:
            buf_consume(&c->in, p.total);
            /* 3.1.2-24: any whole packet restarts the keep alive */
            c->deadline = c->keep_alive != 0 ? now + c->keep_alive : 0;
            break;
        case CLOSE:
            end_conn(c, why, true);
            return;
        case DISCONNECTED:
            end_conn(c, NULL, false);
            return;
        case REFUSED:
            fprintf(stderr, "mqtt-broker: refusing a connection: %s\n", why);
            c->refused = true;
            c->deadline = now + LINGER_MS;
            buf_consume(&c->in, buf_len(&c->in));
            return;
        }
    }
}

/* Send what c's outbox holds until EAGAIN (then POLLOUT says when to go on); once it has room
 * again, a starved outbox takes the session's waiting messages. */
static void drain(struct conn *c)
{
    for (;;) {
        while (!c->blocked && buf_len(&c->out) > 0) {
            /* MSG_NOSIGNAL: a client gone is an EPIPE for it, not a SIGPIPE for the broker */
            ssize_t n = send(c->fd, c->out.data + c->out.start, buf_len(&c->out), MSG_NOSIGNAL);
            if (n >= 0)
                buf_consume(&c->out, (size_t)n);
            else if (errno == EAGAIN || errno == EWOULDBLOCK)
                c->blocked = true;
            else if (errno != EINTR) {
                end_conn(c, strerror(errno), true);
                return;
            }
        }
        if (!c->starved || c->session == NULL || buf_len(&c->out) >= OUTBOX_BYTES)
            return;
        c->starved = false;
        size_t before = buf_len(&c->out);
        send_waiting(c->session);
        if (c->blocked || buf_len(&c->out) == before)
            return;
    }
}

static void accept_all(int lfd, int64_t *pause_until)
{
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                /* EMFILE and the like: this client is lost, not the broker; a pause, so that
                 * a full descriptor table does not spin the loop */
                fprintf(stderr, "mqtt-broker: accept: %s\n", strerror(errno));
                *pause_until = now_ms() + 50;
            }
            return;
        }
        /* small packets, each a whole message: no Nagle delay (a failure costs only that) */
        int one = 1;
        (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = calloc(1, sizeof *c);
        if (c != NULL && nconns == capconns) {
            struct conn **p = grown(conns, &capconns, sizeof *p);
            if (p == NULL) {
                free(c);
                c = NULL;
            } else
                conns = p;
        }
        if (c == NULL) {
            fprintf(stderr, "mqtt-broker: out of memory\n");
            close(fd);
            continue;
        }
        c->fd = fd;
        c->deadline = now_ms() + CONNECT_WAIT_MS;
        conns[nconns++] = c;
    }
}

/* 1,000 devices need over 1,000 descriptors, and the soft limit is often 1,024. */
static void raise_fd_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &r) < 0)
            fprintf(stderr, "mqtt-broker: setrlimit(RLIMIT_NOFILE): %s\n", strerror(errno));
    }
}

/* The listening socket, non-blocking, and its line on stdout; -1 after one line on stderr. */
static int listen_on(int port)
{
    int lfd = make_server("mqtt-broker", SOCK_STREAM, port); /* exits 1 on an error */
    int fl = fcntl(lfd, F_GETFL);
    if (fl < 0 || fcntl(lfd, F_SETFL, fl | O_NONBLOCK) < 0) {
        fprintf(stderr, "mqtt-broker: fcntl(O_NONBLOCK): %s\n", strerror(errno));
        close(lfd);
        return -1;
    }
    return lfd;
}

/* At the end of a turn, every connection: past its deadline, closed (a silent client's will
 * goes out, 3.1.2-24); else its outbox sent (deliveries came from other connections too); a
 * refused one closed once its CONNACK is out. */
static void tend(int64_t now)
{
    for (size_t i = 0; i < nconns; i++) {
        struct conn *c = conns[i];
        if (c->fd >= 0 && c->deadline != 0 && now >= c->deadline)
            end_conn(c, c->refused ? NULL : "keep alive expired (3.1.2-24)", !c->refused);
        if (c->fd >= 0)
            drain(c);
        if (c->fd >= 0 && c->refused && buf_len(&c->out) == 0)
            end_conn(c, NULL, false);
    }
}

/* The connections closed during the turn freed, the others kept in their order. */
static void sweep(void)
{
    size_t kept = 0;
    for (size_t i = 0; i < nconns; i++) {
        struct conn *c = conns[i];
        if (c->fd >= 0) {
            conns[kept++] = c;
            continue;
        }
        free(c->in.data);
        free(c->out.data);
        free(c);
    }
    nconns = kept;
}

/* One turn of the loop: ppoll on the listener and every connection until something is ready,
 * a deadline comes or a signal; then each ready connection served, every connection tended, the
 * closed ones swept away, the new ones accepted. -1 if the loop cannot go on. */
static int wait_and_serve(int lfd, const sigset_t *wait_mask)
{
    static struct pollfd *fds; /* fds[0] is the listener, fds[i + 1] is conns[i] */
    static size_t capfds;
    static int64_t accept_after; /* no accepting before (a full descriptor table) */
    size_t n = nconns;
    if (capfds < n + 1) {
        struct pollfd *p = realloc(fds, 2 * (n + 1) * sizeof *p);
        if (p == NULL) {
            fprintf(stderr, "mqtt-broker: out of memory\n");
            return -1;
        }
        fds = p;
        capfds = 2 * (n + 1);
    }
    int64_t now = now_ms();
    int64_t wake = now < accept_after ? accept_after : 0; /* the nearest deadline; 0: none */
    fds[0] = (struct pollfd){.fd = now < accept_after ? -1 : lfd, .events = POLLIN};
    for (size_t i = 0; i < n; i++) {
        struct conn *c = conns[i];
        short events = 0;
        if (c->refused || buf_len(&c->out) < READ_PAUSE)
            events |= POLLIN;
        if (buf_len(&c->out) > 0)
            events |= POLLOUT; /* only with something to send: else it says so at once, always */
        fds[i + 1] = (struct pollfd){.fd = c->fd, .events = events};
        if (c->deadline != 0 && (wake == 0 || c->deadline < wake))
            wake = c->deadline;
    }
    struct timespec timeout;
    if (wake != 0) {
        int64_t ms = wake > now ? wake - now : 0;
        timeout = (struct timespec){.tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000};
    }
    if (ppoll(fds, n + 1, wake != 0 ? &timeout : NULL, wait_mask) < 0) {
        if (errno == EINTR)
            return 0; /* a signal: the loop's test sees it */
        fprintf(stderr, "mqtt-broker: ppoll: %s\n", strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        struct conn *c = conns[i];
        short ready = fds[i + 1].revents;
        if (c->fd < 0)
            continue; /* closed earlier in this turn (a takeover) */
        if (ready & (POLLOUT | POLLERR | POLLHUP))
            c->blocked = false; /* an error shows in the next send */
        if (ready & (POLLIN | POLLERR | POLLHUP))
            on_readable(c);
    }
    tend(now_ms());
    sweep();
    if (fds[0].revents & POLLIN)
        accept_all(lfd, &accept_after);
    return 0;
}

/* The broker's life: SIGINT and SIGTERM blocked but for ppoll's wait (the handler only sets the
 * flag), the listener, the loop; then every connection closed (each client sees its FIN now)
 * and the listener too. The sessions and retained messages, kept in memory, go with the
 * process. 0, or -1 after one line on stderr. */
static int serve(int port)
{
    sigset_t stop, wait_mask;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    struct sigaction sa = {.sa_handler = on_stop};
    sigemptyset(&sa.sa_mask);
    if (sigprocmask(SIG_BLOCK, &stop, &wait_mask) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGTERM, &sa, NULL) < 0) {
        fprintf(stderr, "mqtt-broker: signals: %s\n", strerror(errno));
        return -1;
    }
    sigdelset(&wait_mask, SIGINT);
    sigdelset(&wait_mask, SIGTERM);
    raise_fd_limit();
    int lfd = listen_on(port);
    if (lfd < 0)
        return -1;
    int status = 0;
    while (!stop_wanted && status == 0)
        status = wait_and_serve(lfd, &wait_mask);
    for (size_t i = 0; i < nconns; i++)
        if (conns[i]->fd >= 0)
            close(conns[i]->fd);
    close(lfd);
    return status;
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "mqtt-broker: usage: mqtt-broker <port>   (0 lets the kernel choose)\n");
        return 1;
    }
    return serve(port) == 0 ? 0 : 1;
}
