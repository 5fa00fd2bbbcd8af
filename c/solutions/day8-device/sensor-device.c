// Day 8 — the device (C track, reference solution): an MQTT 3.1.1 client that a flaky broker
// and a flaky network cannot make lose a reading. Built on the given codec, mqtt-codec.c.
//
// Contract: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
// <backoff-min-ms> <backoff-max-ms>` (host an IPv4 address in dotted form; anything else: a
// usage line on stderr, exit status 2). It connects with clean session 0 and a will
// (`devices/<id>/status` = `offline`, QoS 1, retained); once connected it resends what was not
// acknowledged (DUP, the same packet id), subscribes to `devices/<id>/cmd`, publishes a retained
// birth message (`online`), then each line of stdin as a reading on `devices/<id>/readings` at
// QoS 1, in order. It holds at most <queue-bound> readings not yet acknowledged, dropping the
// oldest (`dropped <n>` on stderr). Each command it is sent is written to stdout as
// `command <payload>`, once. It pings when idle, treats a missing PINGRESP as a dead link, and
// reconnects with exponential backoff and jitter. SIGTERM or SIGINT: DISCONNECT, exit 0; the
// end of stdin: every reading acknowledged, then DISCONNECT, exit 0.
//
// The shape: one thread, one poll(2) over the broker's socket, stdin and a self-pipe the
// signal handler writes to; every timer is a point in CLOCK_MONOTONIC milliseconds, and poll
// sleeps until the nearest. Packets go into an outbox, sent when the socket takes them.

// -std=c17 hides the POSIX and Linux calls (sigaction, pipe2, random, ...) unless this comes
// before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "mqtt-codec.h"

#define MAX_READING 1024 // a reading's bytes at most: a longer line is cut into readings
#define WINDOW 32        // readings in flight (sent, not acknowledged) at once
#define REMEMBERED 16    // commands remembered, to know a duplicate (4.3.2-2)
#define OUTBOX_LOW 4096  // new readings go into the outbox while it holds less than this
#define TOPIC_MAX 64     // "devices/" + 23 bytes of id + "/readings", and room to spare

// What the command line says.
struct config {
    struct sockaddr_in broker;
    char id[24];
    uint16_t keep_alive; // seconds
    size_t bound;        // readings held at most
    int64_t backoff_min, backoff_max; // ms
    char status[TOPIC_MAX], readings[TOPIC_MAX], cmd[TOPIC_MAX];
};

// A reading not yet acknowledged. id 0: never sent; else the packet identifier it was first
// sent with, kept for every resend (4.4).
struct reading {
    uint8_t *bytes;
    size_t len;
    uint16_t id;
};

// The readings held, oldest first, in a ring: the first `sent` have been sent (have an id).
struct held {
    struct reading *items;
    size_t cap, head, count, sent;
    unsigned long dropped; // since the start
};

// A command acted on: its packet identifier and payload.
struct command {
    uint16_t id;
    uint8_t *payload;
    size_t len;
};

enum state { DOWN, CONNECTING, AWAITING_CONNACK, UP };

struct device {
    struct config cfg;
    enum state state;
    int fd;        // the broker's socket, -1 when DOWN
    uint8_t *out;  // the outbox: encoded packets not yet sent
    size_t out_len, out_cap;
    uint8_t in[MAX_PACKET]; // received, not yet a whole packet
    size_t in_len;
    struct held q;
    uint16_t last_id;  // the last packet identifier given
    uint16_t birth_id; // the birth message's, until its PUBACK; 0: none
    uint16_t sub_id;   // the SUBSCRIBE's, until its SUBACK; 0: none
    int64_t deadline;  // CONNECTING, AWAITING_CONNACK: the failure if nothing comes by then
    int64_t last_send; // UP: when a byte last left for the broker
    int64_t ping_sent; // UP: when the PINGREQ that waits for its PINGRESP went; 0: none
    int64_t retry_at;  // DOWN: when to connect again
    unsigned failures; // consecutive, since the last CONNACK 0
    bool stdin_open;
    uint8_t line[MAX_READING]; // the line being read
    size_t line_len;
    struct command commands[REMEMBERED];
    size_t next_command; // where the next one acted on is remembered
};

static int wake_pipe[2] = { -1, -1 }; // the self-pipe: the handler writes, poll reads

// ---- the clock, the signals, the command line ----

// Now, in milliseconds of CLOCK_MONOTONIC (never set back, unlike the wall clock).
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// SIGTERM and SIGINT: a byte into the self-pipe (write is async-signal-safe; errno is the
// interrupted code's).
static void on_stop(int sig)
{
    int saved = errno;
    uint8_t b = (uint8_t)sig;
    if (write(wake_pipe[1], &b, 1) < 0) {
        // the pipe is full: a byte is there already, poll will see it
    }
    errno = saved;
}

static int setup_signals(void)
{
    if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    struct sigaction sa = {.sa_handler = on_stop};
    sigemptyset(&sa.sa_mask);
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    sigemptyset(&ignore.sa_mask);
    // SIGPIPE ignored: a write to a closed socket or stdout is an EPIPE, not a death.
    if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGPIPE, &ignore, NULL) < 0)
        return -1;
    return 0;
}

// A whole decimal number in [lo, hi] into *v; false if s is anything else.
static bool number(const char *s, long long lo, long long hi, long long *v)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9') // strtoll would take a sign or spaces
        return false;
    long long n = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || n < lo || n > hi)
        return false;
    *v = n;
    return true;
}

// 3.1.3-5: 1 to 23 bytes of 0-9a-zA-Z, the identifiers every broker must accept.
static bool valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n < 1 || n > 23)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'z') ||
              (id[i] >= 'A' && id[i] <= 'Z')))
            return false;
    return true;
}

// The command line into *c; false if it is not the contract's.
static bool parse_args(int argc, char **argv, struct config *c)
{
    long long port, keep_alive, bound, lo, hi;
    if (argc != 8)
        return false;
    *c = (struct config){.broker.sin_family = AF_INET};
    if (inet_pton(AF_INET, argv[1], &c->broker.sin_addr) != 1 ||
        !number(argv[2], 1, 65535, &port) || !valid_id(argv[3]) ||
        !number(argv[4], 1, 65535, &keep_alive) || !number(argv[5], 1, 1000000000, &bound) ||
        !number(argv[6], 1, 86400000, &lo) || !number(argv[7], lo, 86400000, &hi))
        return false;
    c->broker.sin_port = htons((uint16_t)port);
    strcpy(c->id, argv[3]);
    c->keep_alive = (uint16_t)keep_alive;
    c->bound = (size_t)bound;
    c->backoff_min = lo;
    c->backoff_max = hi;
    snprintf(c->status, sizeof c->status, "devices/%s/status", c->id);
    snprintf(c->readings, sizeof c->readings, "devices/%s/readings", c->id);
    snprintf(c->cmd, sizeof c->cmd, "devices/%s/cmd", c->id);
    return true;
}

// ---- the readings held ----

// The i-th reading held, 0 the oldest.
static struct reading *nth(struct held *q, size_t i)
{
    return &q->items[(q->head + i) % q->cap];
}

// Removes the i-th reading (i < sent: acknowledged, or the oldest, dropped): the older ones
// move up one place, so the order stays.
static void remove_nth(struct held *q, size_t i)
{
    free(nth(q, i)->bytes);
    for (size_t j = i; j > 0; j--)
        *nth(q, j) = *nth(q, j - 1);
    q->head = (q->head + 1) % q->cap;
    q->count--;
    if (i < q->sent)
        q->sent--;
}

// A new reading, at the end; the oldest dropped first if the device holds `bound` already.
// -1 if out of memory.
static int add_reading(struct device *d, const uint8_t *bytes, size_t len)
{
    struct held *q = &d->q;
    if (q->count == d->cfg.bound) {
        remove_nth(q, 0); // never sent again, even if in flight: its PUBACK is ignored
        q->dropped++;
        fprintf(stderr, "dropped %lu\n", q->dropped);
    }
    if (q->count == q->cap) { // grow the ring, oldest first at 0
        size_t cap = q->cap == 0 ? 16 : q->cap * 2;
        struct reading *items = malloc(cap * sizeof *items);
        if (items == NULL)
            return -1;
        for (size_t i = 0; i < q->count; i++)
            items[i] = *nth(q, i);
        free(q->items);
        *q = (struct held){items, cap, 0, q->count, q->sent, q->dropped};
    }
    uint8_t *copy = malloc(len);
    if (copy == NULL)
        return -1;
    memcpy(copy, bytes, len);
    *nth(q, q->count++) = (struct reading){copy, len, 0};
    return 0;
}

// A packet identifier no unacknowledged PUBLISH of this device holds (2.3.1-2): the next after
// the last one given, 1 to 65535, skipping those in use.
static uint16_t new_packet_id(struct device *d)
{
    for (;;) {
        d->last_id = d->last_id == 65535 ? 1 : d->last_id + 1;
        bool used = d->last_id == d->birth_id || d->last_id == d->sub_id;
        for (size_t i = 0; i < d->q.sent && !used; i++)
            used = nth(&d->q, i)->id == d->last_id;
        if (!used)
            return d->last_id;
    }
}

// ---- the outbox ----

// Room for n more bytes at the outbox's end: where they go; NULL if out of memory.
static uint8_t *out_room(struct device *d, size_t n)
{
    if (d->out_cap - d->out_len < n) {
        size_t cap = d->out_cap == 0 ? 8192 : d->out_cap;
        while (cap - d->out_len < n)
            cap *= 2;
        uint8_t *p = realloc(d->out, cap);
        if (p == NULL)
            return NULL;
        d->out = p;
        d->out_cap = cap;
    }
    return d->out + d->out_len;
}

// A PUBLISH into the outbox.
static void queue_publish(struct device *d, const char *topic, const uint8_t *payload,
                          size_t len, bool dup, bool retain, uint16_t id)
{
    struct mqtt_publish m = {.dup = dup,
                             .qos = 1,
                             .retain = retain,
                             .topic = {(const uint8_t *)topic, strlen(topic)},
                             .packet_id = id,
                             .payload = {payload, len}};
    size_t room = 5 + 2 + TOPIC_MAX + 2 + len;
    uint8_t *p = out_room(d, room);
    if (p != NULL)
        d->out_len += mqtt_encode_publish(p, room, &m);
}

// A packet of at most 4 bytes (PUBACK, PINGREQ, DISCONNECT) into the outbox.
static void queue_small(struct device *d, const uint8_t *packet, size_t n)
{
    uint8_t *p = out_room(d, n);
    if (p != NULL) {
        memcpy(p, packet, n);
        d->out_len += n;
    }
}

// Sends what the socket takes now (non-blocking): 0, or -1 if the connection is broken.
static int flush_outbox(struct device *d)
{
    size_t done = 0;
    while (done < d->out_len) {
        ssize_t n = send(d->fd, d->out + done, d->out_len - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0)
            return -1;
        done += (size_t)n;
        d->last_send = now_ms(); // 3.1.2-23: any packet resets the keep alive
    }
    memmove(d->out, d->out + done, d->out_len - done);
    d->out_len -= done;
    return 0;
}

// New readings into the outbox, in order, each with a new packet identifier, DUP 0: as many as
// the window and the outbox take.
static void send_new_readings(struct device *d)
{
    while (d->state == UP && d->q.sent < d->q.count && d->q.sent < WINDOW &&
           d->out_len < OUTBOX_LOW) {
        struct reading *r = nth(&d->q, d->q.sent);
        r->id = new_packet_id(d);
        queue_publish(d, d->cfg.readings, r->bytes, r->len, false, false, r->id);
        d->q.sent++;
    }
}

// ---- connecting, and failing ----

// d_n = min(max, min * 2^(n-1)) for the n-th consecutive failure; the wait is uniformly random
// in [d_n/2, d_n] ("equal jitter": never below half, never above backoff-max; two devices that
// failed together do not come back together).
static int64_t backoff(const struct config *c, unsigned n)
{
    int64_t d = c->backoff_max;
    if (n - 1 < 36 && (c->backoff_min << (n - 1)) < c->backoff_max) // 2^27 << 35: no overflow
        d = c->backoff_min << (n - 1);
    int64_t lo = (d + 1) / 2; // d/2 rounded up: never below half
    return lo + random() % (d - lo + 1);
}

// The connection failed (refused, closed, reset, a CONNACK not 0 or not in time, a dead link):
// it is closed and forgotten, and the next attempt waits its backoff.
static void fail(struct device *d, const char *why)
{
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    d->state = DOWN;
    d->out_len = 0; // what was not sent is sent again from the readings held
    d->in_len = 0;
    d->birth_id = 0; // a new birth message and SUBSCRIBE go on the next connection
    d->sub_id = 0;
    d->ping_sent = 0;
    d->failures++;
    int64_t wait = backoff(&d->cfg, d->failures);
    d->retry_at = now_ms() + wait;
    fprintf(stderr, "sensor-device: %s; connecting again in %lld ms\n", why, (long long)wait);
}

// 3.1: CONNECT, clean session 0, the will `offline` on devices/<id>/status, QoS 1, retained
// (connect flags 0x2C); then the CONNACK has keep-alive seconds to come.
static void send_connect(struct device *d)
{
    static const uint8_t offline[] = {'o', 'f', 'f', 'l', 'i', 'n', 'e'};
    struct mqtt_connect k = {.clean = false,
                             .keep_alive = d->cfg.keep_alive,
                             .id = {(const uint8_t *)d->cfg.id, strlen(d->cfg.id)},
                             .will = true,
                             .will_topic = {(const uint8_t *)d->cfg.status, strlen(d->cfg.status)},
                             .will_payload = {offline, sizeof offline},
                             .will_qos = 1,
                             .will_retain = true};
    uint8_t *p = out_room(d, 128);
    if (p != NULL)
        d->out_len += mqtt_encode_connect(p, 128, &k);
    d->state = AWAITING_CONNACK;
    d->deadline = now_ms() + 1000 * (int64_t)d->cfg.keep_alive;
}

// A new TCP connection, non-blocking: poll says when connect(2) is done (POLLOUT). It has
// keep-alive seconds, as the CONNACK has.
static void start_connect(struct device *d)
{
    d->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (d->fd < 0) {
        fail(d, "socket failed");
        return;
    }
    d->state = CONNECTING;
    d->deadline = now_ms() + 1000 * (int64_t)d->cfg.keep_alive;
    if (connect(d->fd, (struct sockaddr *)&d->cfg.broker, sizeof d->cfg.broker) == 0)
        send_connect(d);
    else if (errno != EINPROGRESS)
        fail(d, strerror(errno));
}

// POLLOUT on a connecting socket: connect(2) is done; SO_ERROR says how.
static void on_connected(struct device *d)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(d->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        err = errno;
    if (err != 0)
        fail(d, strerror(err));
    else
        send_connect(d);
}

// CONNACK 0: the connection is up. In this order (4.4, 3.3.1.1): every reading sent before
// and not acknowledged, again with DUP 1 and its packet identifier, before any new one; the
// SUBSCRIBE to the commands (on every connection: the broker may have lost the session); the
// retained birth message, which replaces the will `offline` if it was published; then the new
// readings.
static void go_up(struct device *d, bool session_present)
{
    static const uint8_t online[] = {'o', 'n', 'l', 'i', 'n', 'e'};
    (void)session_present; // unacknowledged readings go again either way
    d->state = UP;
    d->failures = 0;
    d->last_send = now_ms();
    for (size_t i = 0; i < d->q.sent; i++) {
        struct reading *r = nth(&d->q, i);
        queue_publish(d, d->cfg.readings, r->bytes, r->len, true, false, r->id);
    }
    uint8_t sub[128];
    struct mqtt_bytes filter = {(const uint8_t *)d->cfg.cmd, strlen(d->cfg.cmd)};
    d->sub_id = new_packet_id(d);
    size_t n = mqtt_encode_subscribe(sub, sizeof sub, d->sub_id, filter, 1);
    uint8_t *p = out_room(d, n);
    if (p != NULL) {
        memcpy(p, sub, n);
        d->out_len += n;
    }
    d->birth_id = new_packet_id(d);
    queue_publish(d, d->cfg.status, online, sizeof online, false, true, d->birth_id);
    send_new_readings(d);
}

// ---- what the broker sends ----

// Whether (id, payload) is a command acted on already.
static bool acted_on(const struct device *d, uint16_t id, struct mqtt_bytes payload)
{
    for (size_t i = 0; i < REMEMBERED; i++) {
        const struct command *c = &d->commands[i];
        if (c->payload != NULL && c->id == id && c->len == payload.len &&
            memcmp(c->payload, payload.p, payload.len) == 0)
            return true;
    }
    return false;
}

// Remembers a command acted on, in place of the oldest of the REMEMBERED.
static void remember(struct device *d, uint16_t id, struct mqtt_bytes payload)
{
    struct command *c = &d->commands[d->next_command];
    uint8_t *copy = malloc(payload.len + 1); // + 1: an empty payload is remembered too
    if (copy == NULL)
        return;
    memcpy(copy, payload.p, payload.len);
    free(c->payload);
    *c = (struct command){id, copy, payload.len};
    d->next_command = (d->next_command + 1) % REMEMBERED;
}

// A command: acted on (`command <payload>` on stdout, flushed) unless it is a duplicate, a
// DUP 1 PUBLISH whose packet identifier and payload are one acted on already; a DUP 0 one is
// always new, even with a known identifier (4.3.2-2). QoS 1: a PUBACK either way (4.3.2).
static int on_publish(struct device *d, const struct mqtt_packet *p, struct mqtt_reader *r,
                      const char **why)
{
    struct mqtt_publish m;
    if (!mqtt_decode_publish(r, p->flags, &m)) {
        *why = r->why;
        return -1;
    }
    if (m.qos == 2) {
        *why = "a PUBLISH at QoS 2, which the SUBSCRIBE never asked for (3.8.4)";
        return -1;
    }
    bool ours =
        m.topic.len == strlen(d->cfg.cmd) && memcmp(m.topic.p, d->cfg.cmd, m.topic.len) == 0;
    if (ours && !(m.qos == 1 && m.dup && acted_on(d, m.packet_id, m.payload))) {
        printf("command ");
        fwrite(m.payload.p, 1, m.payload.len, stdout);
        printf("\n");
        fflush(stdout);
        if (m.qos == 1)
            remember(d, m.packet_id, m.payload);
    }
    if (m.qos == 1) {
        uint8_t ack[4];
        queue_small(d, ack, mqtt_encode_puback(ack, sizeof ack, m.packet_id));
    }
    return 0;
}

// A PUBACK acknowledges the PUBLISH with its packet identifier (4.3.2), whatever its place: a
// reading, never sent again; or the birth message. One for nothing held (a duplicate, a dropped
// reading's) changes nothing.
static void on_puback(struct device *d, uint16_t id)
{
    if (id == d->birth_id) {
        d->birth_id = 0;
        return;
    }
    for (size_t i = 0; i < d->q.sent; i++)
        if (nth(&d->q, i)->id == id) {
            remove_nth(&d->q, i);
            send_new_readings(d);
            return;
        }
}

// The CONNACK (3.2): 0, the connection is up; a return code other than 0, a failure.
static int on_connack(struct device *d, struct mqtt_reader *r, const char **why)
{
    bool session_present;
    uint8_t code;
    if (d->state == UP) {
        *why = "a second CONNACK (3.2)";
        return -1;
    }
    if (!mqtt_decode_connack(r, &session_present, &code)) {
        *why = r->why;
        return -1;
    }
    if (code != 0) {
        *why = "the CONNACK refused the connection (3.2.2.3)";
        return -1;
    }
    go_up(d, session_present);
    return 0;
}

// The SUBACK (3.9): a refusal (0x80) is said on stderr; the device goes on without commands.
static int on_suback(struct device *d, struct mqtt_reader *r, const char **why)
{
    uint16_t id;
    struct mqtt_bytes codes;
    if (!mqtt_decode_suback(r, &id, &codes)) {
        *why = r->why;
        return -1;
    }
    if (id == d->sub_id)
        d->sub_id = 0;
    if (codes.p[0] == 0x80)
        fprintf(stderr, "sensor-device: the broker refused the subscription to %s\n", d->cfg.cmd);
    return 0;
}

// One packet from the broker: 0, or -1 with *why if the connection must end.
static int handle(struct device *d, const struct mqtt_packet *p, const char **why)
{
    struct mqtt_reader r = {p->body, p->len, NULL};
    uint16_t id;
    if (d->state == AWAITING_CONNACK && p->type != CONNACK) {
        *why = "a packet before the CONNACK (3.2)";
        return -1;
    }
    switch (p->type) {
    case CONNACK:
        return on_connack(d, &r, why);
    case PUBLISH:
        return on_publish(d, p, &r, why);
    case PUBACK:
        if (!mqtt_decode_puback(&r, &id)) {
            *why = r.why;
            return -1;
        }
        on_puback(d, id);
        return 0;
    case SUBACK:
        return on_suback(d, &r, why);
    case PINGRESP:
        d->ping_sent = 0; // the link is alive
        *why = "a PINGRESP with a body (3.13)";
        return mqtt_at_end(&r) ? 0 : -1;
    default:
        *why = "a packet a broker never sends a client";
        return -1;
    }
}

// The socket is readable: what came, packet by packet. The end of the stream, an error or a
// packet that breaks the protocol: a failure.
static void read_socket(struct device *d)
{
    ssize_t n = recv(d->fd, d->in + d->in_len, sizeof d->in - d->in_len, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n <= 0) {
        fail(d, n == 0 ? "the broker closed the connection" : strerror(errno));
        return;
    }
    d->in_len += (size_t)n;
    size_t used = 0;
    while (used < d->in_len) {
        struct mqtt_packet p;
        const char *why = NULL;
        int got = mqtt_next_packet(d->in + used, d->in_len - used, &p, &why);
        if (got == 0)
            break;
        if (got < 0 || handle(d, &p, &why) < 0) {
            fail(d, why != NULL ? why : "a malformed packet");
            return;
        }
        used += p.total;
    }
    memmove(d->in, d->in + used, d->in_len - used);
    d->in_len -= used;
}

// ---- stdin, the timers, the end ----

// stdin is readable: each whole line is a reading (without its '\n'; empty lines skipped; a
// line longer than MAX_READING is cut into readings of that size). End of input: stdin_open
// false (a last line without '\n' is a reading too).
static void read_stdin(struct device *d)
{
    uint8_t buf[4096];
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        if (d->line_len > 0)
            add_reading(d, d->line, d->line_len);
        d->line_len = 0;
        d->stdin_open = false;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] != '\n')
            d->line[d->line_len++] = buf[i];
        if ((buf[i] == '\n' && d->line_len > 0) || d->line_len == MAX_READING) {
            add_reading(d, d->line, d->line_len);
            d->line_len = 0;
        }
    }
    send_new_readings(d);
}

// Whatever time says: a connection not made or not accepted in time; while up, a PINGREQ
// after keep-alive seconds without sending (3.1.2-23; the broker closes a client silent for one
// and a half, 3.1.2-24), and a link dead when its PINGRESP has not come keep-alive seconds
// after it (TCP alone may not notice for many minutes, or ever); when down, the next attempt.
static void tend(struct device *d, int64_t now)
{
    int64_t ka = 1000 * (int64_t)d->cfg.keep_alive;
    if ((d->state == CONNECTING || d->state == AWAITING_CONNACK) && now >= d->deadline)
        fail(d, d->state == CONNECTING ? "connect timed out" : "no CONNACK in time");
    else if (d->state == UP && d->ping_sent != 0 && now - d->ping_sent >= ka)
        fail(d, "no PINGRESP within the keep alive: the link is dead");
    else if (d->state == UP && d->ping_sent == 0 && now - d->last_send >= ka) {
        uint8_t ping[2];
        queue_small(d, ping, mqtt_encode_pingreq(ping, sizeof ping));
        d->ping_sent = now;
    } else if (d->state == DOWN && now >= d->retry_at)
        start_connect(d);
}

// How long poll may sleep: until the nearest timer (a minute at most).
static int timeout_ms(const struct device *d, int64_t now)
{
    int64_t at;
    int64_t ka = 1000 * (int64_t)d->cfg.keep_alive;
    if (d->state == DOWN)
        at = d->retry_at;
    else if (d->state != UP)
        at = d->deadline;
    else
        at = d->ping_sent != 0 ? d->ping_sent + ka : d->last_send + ka;
    return at <= now ? 0 : (int)(at - now > 60000 ? 60000 : at - now);
}

// The clean end (3.14): what is queued, then DISCONNECT, so that the broker discards the will
// (3.1.2-10); then shutdown(SHUT_WR) and read until the broker closes, so that close(2) finds
// nothing unread and sends no reset that could overtake the DISCONNECT (as the Rust reference
// does). All within `ms`: a socket that takes nothing, or a broker that never closes, is left
// as it is. Then exit 0.
static _Noreturn void disconnect_and_exit(struct device *d, int ms)
{
    if (d->state == UP) {
        uint8_t bye[2];
        queue_small(d, bye, mqtt_encode_disconnect(bye, sizeof bye));
        int64_t until = now_ms() + ms;
        while (d->out_len > 0 && flush_outbox(d) == 0 && d->out_len > 0 && now_ms() < until) {
            struct pollfd p = {.fd = d->fd, .events = POLLOUT};
            poll(&p, 1, (int)(until - now_ms()));
        }
        shutdown(d->fd, SHUT_WR);
        char unread[4096];
        for (int64_t left; (left = until - now_ms()) > 0;) {
            struct pollfd p = {.fd = d->fd, .events = POLLIN};
            int ready = poll(&p, 1, (int)left);
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready <= 0)
                break;
            ssize_t n = recv(d->fd, unread, sizeof unread, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                break;
        }
    }
    if (d->fd >= 0)
        close(d->fd);
    exit(0);
}

// One turn of the loop: poll over the self-pipe, stdin and the socket, then each that is
// ready, then the timers.
static void turn(struct device *d)
{
    struct pollfd fds[3] = {{.fd = wake_pipe[0], .events = POLLIN},
                            {.fd = d->stdin_open ? STDIN_FILENO : -1, .events = POLLIN},
                            {.fd = d->fd, .events = 0}};
    if (d->state == CONNECTING)
        fds[2].events = POLLOUT;
    else if (d->state != DOWN)
        fds[2].events = (short)(POLLIN | (d->out_len > 0 ? POLLOUT : 0));
    if (poll(fds, 3, timeout_ms(d, now_ms())) < 0) {
        if (errno != EINTR)
            perror("sensor-device: poll");
        return;
    }
    if (fds[0].revents != 0)
        disconnect_and_exit(d, 500); // SIGTERM or SIGINT: exit 0 within 1 s
    if (fds[1].revents != 0)
        read_stdin(d);
    if (d->state == CONNECTING && fds[2].revents != 0)
        on_connected(d);
    else if (d->state != DOWN && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
        read_socket(d);
    if (d->state != DOWN && d->state != CONNECTING && d->out_len > 0 && flush_outbox(d) < 0)
        fail(d, strerror(errno));
    tend(d, now_ms());
}

int main(int argc, char **argv)
{
    static struct device d; // static: its read buffer is MAX_PACKET bytes
    if (!parse_args(argc, argv, &d.cfg)) {
        fprintf(stderr, "usage: sensor-device <host> <port> <client-id> <keep-alive-s> "
                        "<queue-bound> <backoff-min-ms> <backoff-max-ms>\n");
        return 2;
    }
    if (setup_signals() < 0) {
        perror("sensor-device: signals");
        return 1;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    srandom((unsigned)(t.tv_nsec ^ t.tv_sec ^ getpid() << 16)); // no two devices alike
    d.fd = -1;
    d.stdin_open = true;
    d.state = DOWN;
    d.retry_at = now_ms(); // the first connection at once
    for (;;) {
        // The end of stdin, every reading acknowledged: DISCONNECT, once up (a device that
        // holds nothing still connects first, to end with DISCONNECT, not a will).
        if (!d.stdin_open && d.q.count == 0 && d.state == UP)
            disconnect_and_exit(&d, 1000);
        turn(&d);
    }
}
