// Day 8 — the device: an MQTT 3.1.1 client that a flaky broker and a flaky network cannot make
// lose a reading. The broker of day 7 had the server's half of the protocol; this is the other
// half, where field systems lose data: a connection that drops, a broker restarted, a PUBACK
// that never comes.
//
// Read course.md#day8-device (한국어: course.ko.md#day8-device) (and again course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets), course.md#mqtt-keep-alive (한국어: course.ko.md#mqtt-keep-alive),
// course.md#mqtt-will (한국어: course.ko.md#mqtt-will), course.md#mqtt-sessions (한국어: course.ko.md#mqtt-sessions), course.md#poll (한국어: course.ko.md#poll) and
// course.md#signals-and-the-wait (한국어: course.ko.md#signals-and-the-wait)), then replace the `TODO(...)`s below. The codec, mqtt-codec.c
// and mqtt-codec.h, is given whole: its encoders write the packets, its decoders read them.
// Grade yourself with `cargo run -p checker -- --track c day8-device` (from the lab's root). Try
// it by hand with `make`, `mosquitto -p 1883 -v` in one terminal,
// `mosquitto_sub -V mqttv311 -q 1 -t 'devices/#' -v` in another, and
// `./sensor-device 127.0.0.1 1883 dev1 5 100 100 5000` in a third, a reading a line; a command
// with `mosquitto_pub -q 1 -t devices/dev1/cmd -m hi`.
//
// Section numbers in the comments (`4.4`, `3.1.2-24`, ...) are those of the OASIS standard
// "MQTT Version 3.1.1"; a number with a dash is a normative statement.
//
// Contract: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
// <backoff-min-ms> <backoff-max-ms>`: host an IPv4 address in dotted form, port 1..65535,
// client-id 1..23 bytes of [0-9a-zA-Z], keep-alive 1..65535 s, queue-bound at least 1,
// 1 <= backoff-min-ms <= backoff-max-ms. Anything else: a usage line on stderr, exit status 2,
// no connection attempted.
// - Each connection: TCP, then CONNECT with clean session 0 and the will `offline` on
//   `devices/<id>/status`, QoS 1, retained (connect flags 0x2C), the keep alive as given. The
//   CONNACK must come within keep-alive seconds; a return code other than 0 is a failure. After
//   CONNACK 0, in this order: every reading sent and not acknowledged, again with DUP 1 and the
//   same packet id (4.4); SUBSCRIBE to `devices/<id>/cmd` at QoS 1; the birth message `online`
//   on `devices/<id>/status`, QoS 1, retained; then new readings.
// - Each line of stdin (without its '\n'; empty lines skipped) is a reading: a PUBLISH on
//   `devices/<id>/readings`, QoS 1, in order, DUP 0 the first time. A PUBACK acknowledges the
//   PUBLISH with its id, never sent again. The device holds at most <queue-bound> readings not
//   acknowledged; a new one past that drops the oldest, and `dropped <n>` (the total so far)
//   goes to stderr.
// - A PUBLISH on `devices/<id>/cmd` is a command: `command <payload>` on stdout, flushed (and
//   nothing else on stdout), a PUBACK if it came at QoS 1. One with DUP 1 whose packet id and
//   payload are those of a command acted on (the last 16 at least) is a duplicate: acknowledged,
//   not acted on. DUP 0 is always a new command (4.3.2-2).
// - Keep alive: never keep-alive seconds without sending a packet: a PINGREQ then (3.1.2-23).
//   No PINGRESP within keep-alive seconds of it: the link is dead, a failure.
// - A failure (connect fails, the broker closes or resets, a CONNACK not 0 or not in time, a
//   dead link): after the n-th in a row, a wait uniformly random in [d/2, d],
//   d = min(backoff-max, backoff-min × 2^(n-1)) ms; a CONNACK 0 starts the count again. The
//   first connection is at once; a network error never ends the program.
// - SIGTERM or SIGINT: DISCONNECT if up (then the broker publishes no will), exit 0 within 1 s.
//   End of stdin: every reading acknowledged, then DISCONNECT, exit 0.
// Rules (the checker's `rules` test reads the functions your compiled program imports): no
// getaddrinfo or gethostbyname (inet_pton makes the address). Any design passes (threads,
// poll, epoll).
//
// The shape below is one way: one thread, one poll(2) over the broker's socket, stdin and a
// self-pipe the signal handler writes to; every timer is a point in CLOCK_MONOTONIC
// milliseconds, and poll sleeps until the nearest. Packets go into an outbox, sent when the
// socket takes them.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

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

#include "../common/lab.h"
#include "mqtt-codec.h"

// Keeps the compiler quiet while the stub is unfinished (a function not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

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

static int wake_pipe[2] = {-1, -1}; // the self-pipe: the handler writes, poll reads

// ---- the clock, the signals, the command line ----

// Given: now, in milliseconds of CLOCK_MONOTONIC (never set back, unlike the wall clock).
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Given: SIGTERM and SIGINT: a byte into the self-pipe (write is async-signal-safe; errno is the
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

// Given: the self-pipe (course.md#signals-and-the-wait, as in day 6): SIGTERM and SIGINT write a
// byte into it, which poll sees with the socket and stdin. SIGPIPE ignored: a write to a
// closed socket or stdout is an EPIPE, not a death.
static int setup_signals(void)
{
    if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    struct sigaction sa = {.sa_handler = on_stop};
    sigemptyset(&sa.sa_mask);
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGPIPE, &ignore, NULL) < 0)
        return -1;
    return 0;
}

// Given: a whole decimal number in [lo, hi] into *v; false if s is anything else.
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

// Given: 3.1.3-5: 1 to 23 bytes of 0-9a-zA-Z, the identifiers every broker must accept.
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
    // TODO 1. Seven arguments (argc 8), each as the contract says: the host with
    //         inet_pton(AF_INET, argv[1], &c->broker.sin_addr) == 1 (no resolver: an address
    //         in dotted form only); the numbers with number() and their ranges (backoff-max
    //         from backoff-min up); the client id with valid_id(). Anything wrong: false.
    //         *c = (struct config){.broker.sin_family = AF_INET} first; the port in network
    //         byte order: htons((uint16_t)port).
    TODO("step 1: the arguments");
    // TODO 2. The three topics, each once for all:
    //         snprintf(c->status, sizeof c->status, "devices/%s/status", c->id); the same for
    //         readings and cmd. true.
    TODO("step 2: the topics");
}

// ---- the readings held ----

// Given: the i-th reading held, 0 the oldest.
static struct reading *nth(struct held *q, size_t i)
{
    return &q->items[(q->head + i) % q->cap];
}

// Given: removes the i-th reading (i < sent: acknowledged, or the oldest, dropped): the older ones
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
    // TODO 1. Already `bound` readings held: the oldest goes, sent or not, never to be sent
    //         again: remove_nth(q, 0), q->dropped + 1, and the line on stderr:
    //         fprintf(stderr, "dropped %lu\n", q->dropped);
    TODO("step 1: the bound");
    if (q->count == q->cap) { // given: grow the ring, oldest first at 0
        size_t cap = q->cap == 0 ? 16 : q->cap * 2;
        struct reading *items = malloc(cap * sizeof *items);
        if (items == NULL)
            return -1;
        for (size_t i = 0; i < q->count; i++)
            items[i] = *nth(q, i);
        free(q->items);
        *q = (struct held){items, cap, 0, q->count, q->sent, q->dropped};
    }
    // TODO 2. A copy of the bytes (malloc, memcpy: the line buffer is reused), at the end,
    //         never sent yet: *nth(q, q->count++) = (struct reading){copy, len, 0}; 0.
    TODO("step 2: the reading at the end");
}

// A packet identifier no unacknowledged PUBLISH of this device holds (2.3.1-2): the next after
// the last one given, 1 to 65535, skipping those in use.
static uint16_t new_packet_id(struct device *d)
{
    // TODO d->last_id + 1, from 65535 back to 1 (never 0, 2.3.1-1), until it is neither
    //      d->birth_id, nor d->sub_id, nor the id of one of the first d->q.sent readings.
    TODO("a free packet identifier");
}

// ---- the outbox ----

// Given: room for n more bytes at the outbox's end: where they go; NULL if out of memory.
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
    // TODO A struct mqtt_publish (qos 1, dup, retain, the topic's bytes, id, the payload), then
    //      room for it, at most 5 + 2 + TOPIC_MAX + 2 + len bytes: uint8_t *p = out_room(d, room);
    //      (NULL: nothing), and d->out_len += mqtt_encode_publish(p, room, &m);
    TODO("a PUBLISH into the outbox");
}

// Given: a packet of at most 4 bytes (PUBACK, PINGREQ, DISCONNECT) into the outbox.
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
    // TODO While bytes are left:
    //      n = send(d->fd, d->out + done, d->out_len - done, MSG_NOSIGNAL);
    //      EINTR: again; EAGAIN: stop here (poll says POLLOUT when there is room); another
    //      error: -1. n bytes went: done + n, and d->last_send = now_ms() (3.1.2-23: the keep
    //      alive counts from the last packet sent). Then what is left to the front (memmove),
    //      d->out_len - done; 0.
    TODO("send what the socket takes");
}

// New readings into the outbox, in order, each with a new packet identifier, DUP 0: as many as
// the window and the outbox take.
static void send_new_readings(struct device *d)
{
    // TODO While up, a reading held and not sent (d->q.sent < d->q.count), fewer than WINDOW in
    //      flight and the outbox under OUTBOX_LOW: the reading nth(&d->q, d->q.sent) gets
    //      new_packet_id, goes out on d->cfg.readings (DUP 0, RETAIN 0), and d->q.sent + 1.
    TODO("new readings into the outbox");
}

// ---- connecting, and failing ----

// d_n = min(max, min * 2^(n-1)) for the n-th consecutive failure; the wait is uniformly random
// in [d_n/2, d_n] ("equal jitter": never below half, never above backoff-max; two devices that
// failed together do not come back together).
static int64_t backoff(const struct config *c, unsigned n)
{
    // TODO 1. d = backoff_min << (n - 1), or backoff_max if that is more (or if n - 1 is 36 or
    //         more: past that the shift overflows).
    TODO("step 1: doubling, up to backoff-max");
    // TODO 2. lo = (d + 1) / 2 (half, rounded up); return lo + random() % (d - lo + 1);
    TODO("step 2: the jitter");
}

// The connection failed (refused, closed, reset, a CONNACK not 0 or not in time, a dead link):
// it is closed and forgotten, and the next attempt waits its backoff.
static void fail(struct device *d, const char *why)
{
    // TODO 1. close(d->fd) if it is open (>= 0), d->fd = -1, d->state = DOWN; the outbox and
    //         the read buffer emptied (out_len, in_len 0: the readings held are sent again
    //         from the queue); birth_id, sub_id and ping_sent 0.
    TODO("step 1: forget the connection");
    // TODO 2. d->failures + 1; wait = backoff(&d->cfg, d->failures);
    //         d->retry_at = now_ms() + wait; and why on stderr:
    //         fprintf(stderr, "sensor-device: %s; connecting again in %lld ms\n", why, ...);
    TODO("step 2: the backoff");
}

// 3.1: CONNECT, clean session 0, the will `offline` on devices/<id>/status, QoS 1, retained
// (connect flags 0x2C); then the CONNACK has keep-alive seconds to come.
static void send_connect(struct device *d)
{
    static const uint8_t offline[] = {'o', 'f', 'f', 'l', 'i', 'n', 'e'};
    // TODO 1. struct mqtt_connect k: clean false, the keep alive, the client id, will true, the
    //         will topic d->cfg.status and message `offline`, will_qos 1, will_retain true
    //         (each string a struct mqtt_bytes: {(const uint8_t *)s, strlen(s)}).
    TODO("step 1: the CONNECT's fields");
    // TODO 2. uint8_t *p = out_room(d, 128); d->out_len += mqtt_encode_connect(p, 128, &k);
    //         then d->state = AWAITING_CONNACK, d->deadline = now + keep-alive seconds (ms).
    TODO("step 2: CONNECT, and the CONNACK's deadline");
}

// A new TCP connection, non-blocking: poll says when connect(2) is done (POLLOUT). It has
// keep-alive seconds, as the CONNACK has.
static void start_connect(struct device *d)
{
    // TODO 1. d->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    //         -1: fail(d, "socket failed"). Else d->state = CONNECTING, d->deadline = now +
    //         keep-alive seconds.
    TODO("step 1: a non-blocking socket");
    // TODO 2. connect(d->fd, (struct sockaddr *)&d->cfg.broker, sizeof d->cfg.broker);
    //         0 (done at once): send_connect; -1 with EINPROGRESS: poll says when (POLLOUT);
    //         another errno: fail(d, strerror(errno)).
    TODO("step 2: connect");
}

// POLLOUT on a connecting socket: connect(2) is done; SO_ERROR says how.
static void on_connected(struct device *d)
{
    // TODO int err = 0; socklen_t len = sizeof err;
    //      getsockopt(d->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    //      err not 0 (refused, unreachable): fail(d, strerror(err)); else send_connect.
    TODO("how connect ended");
}

// CONNACK 0: the connection is up. In this order (4.4, 3.3.1.1): every reading sent before
// and not acknowledged, again with DUP 1 and its packet identifier, before any new one; the
// SUBSCRIBE to the commands (on every connection: the broker may have lost the session); the
// retained birth message, which replaces the will `offline` if it was published; then the new
// readings.
static void go_up(struct device *d, bool session_present)
{
    static const uint8_t online[] = {'o', 'n', 'l', 'i', 'n', 'e'};
    // TODO 1. d->state = UP, d->failures = 0 (the backoff starts again), d->last_send = now.
    TODO("step 1: up");
    // TODO 2. Each of the first d->q.sent readings, in order: queue_publish with DUP 1 and its
    //         own r->id (4.4, 3.3.1.1), whether the session is present or not.
    TODO("step 2: the resends, first");
    // TODO 3. SUBSCRIBE to d->cfg.cmd at QoS 1: d->sub_id = new_packet_id(d);
    //         mqtt_encode_subscribe(buf, sizeof buf, d->sub_id, filter, 1), into the outbox.
    TODO("step 3: SUBSCRIBE");
    // TODO 4. The birth: d->birth_id = new_packet_id(d); queue_publish on d->cfg.status,
    //         `online`, DUP 0, RETAIN 1. Then send_new_readings(d).
    TODO("step 4: the birth message, then new readings");
}

// ---- what the broker sends ----

// Given: whether (id, payload) is a command acted on already.
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

// Given: remembers a command acted on, in place of the oldest of the REMEMBERED.
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
    // TODO 1. struct mqtt_publish m; mqtt_decode_publish(r, p->flags, &m): false, *why = r->why
    //         and -1. QoS 2: -1 too (the SUBSCRIBE asked for 1).
    TODO("step 1: decode");
    // TODO 2. On d->cfg.cmd (the same length, memcmp), and not a duplicate (QoS 1, DUP 1 and
    //         acted_on(d, m.packet_id, m.payload)): act. printf("command "); the payload with
    //         fwrite(m.payload.p, 1, m.payload.len, stdout) (bytes, not a C string);
    //         printf("\n"); fflush(stdout); then, at QoS 1, remember(d, m.packet_id, m.payload).
    TODO("step 2: act, once");
    // TODO 3. QoS 1: a PUBACK, duplicate or not:
    //         uint8_t ack[4]; queue_small(d, ack, mqtt_encode_puback(ack, sizeof ack, id)); 0.
    TODO("step 3: PUBACK");
}

// A PUBACK acknowledges the PUBLISH with its packet identifier (4.3.2), whatever its place: a
// reading, never sent again; or the birth message. One for nothing held (a duplicate, a dropped
// reading's) changes nothing.
static void on_puback(struct device *d, uint16_t id)
{
    // TODO id == d->birth_id: birth_id = 0, done. Else the one of the first d->q.sent readings
    //      with that id: remove_nth, then send_new_readings (there is room in the window).
    //      An id of nothing held: nothing.
    TODO("acknowledged");
}

// The CONNACK (3.2): 0, the connection is up; a return code other than 0, a failure.
static int on_connack(struct device *d, struct mqtt_reader *r, const char **why)
{
    bool session_present;
    uint8_t code;
    // TODO Up already: *why = "a second CONNACK (3.2)", -1. mqtt_decode_connack(r,
    //      &session_present, &code) false: *why = r->why, -1. code not 0: *why = "the CONNACK
    //      refused the connection (3.2.2.3)", -1. Else go_up(d, session_present); 0.
    TODO("the CONNACK");
}

// Given: the SUBACK (3.9): a refusal (0x80) is said on stderr; the device goes on without commands.
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

// Given: one packet from the broker: 0, or -1 with *why if the connection must end.
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
    // TODO 1. ssize_t n = recv(d->fd, d->in + d->in_len, sizeof d->in - d->in_len, 0);
    //         EINTR, EAGAIN: nothing. 0 (the broker closed) or an error: fail, return.
    TODO("step 1: recv");
    // TODO 2. d->in_len + n; then while bytes are left: mqtt_next_packet(d->in + used,
    //         d->in_len - used, &p, &why): 0, stop (the rest comes with a later recv); -1, or
    //         handle() -1: fail(d, why), return; else used + p.total.
    TODO("step 2: every whole packet");
    // TODO 3. What is left of a packet to the front: memmove; d->in_len - used.
    TODO("step 3: keep the rest");
}

// ---- stdin, the timers, the end ----

// stdin is readable: each whole line is a reading (without its '\n'; empty lines skipped; a
// line longer than MAX_READING is cut into readings of that size). End of input: stdin_open
// false (a last line without '\n' is a reading too).
static void read_stdin(struct device *d)
{
    uint8_t buf[4096];
    // TODO 1. ssize_t n = read(STDIN_FILENO, buf, sizeof buf); EINTR, EAGAIN: nothing. 0 or an
    //         error: the end: a last line without '\n' is a reading too (add_reading), and
    //         d->stdin_open = false.
    TODO("step 1: read");
    // TODO 2. Byte by byte into d->line: a '\n' ends a line, which is a reading unless it is
    //         empty; d->line_len at MAX_READING ends one too. Then send_new_readings(d).
    TODO("step 2: lines into readings");
}

// Whatever time says: a connection not made or not accepted in time; while up, a PINGREQ
// after keep-alive seconds without sending (3.1.2-23; the broker closes a client silent for one
// and a half, 3.1.2-24), and a link dead when its PINGRESP has not come keep-alive seconds
// after it (TCP alone may not notice for many minutes, or ever); when down, the next attempt.
static void tend(struct device *d, int64_t now)
{
    int64_t ka = 1000 * (int64_t)d->cfg.keep_alive;
    // TODO 1. CONNECTING or AWAITING_CONNACK past d->deadline: fail ("connect timed out", "no
    //         CONNACK in time").
    TODO("step 1: the connection's deadline");
    // TODO 2. Up, a PINGREQ out (ping_sent not 0) for ka or more: fail, the link is dead. Up,
    //         none out, nothing sent for ka or more (now - last_send): a PINGREQ,
    //         uint8_t ping[2]; queue_small(d, ping, mqtt_encode_pingreq(ping, sizeof ping));
    //         d->ping_sent = now (3.1.2-23).
    TODO("step 2: keep alive, dead link");
    // TODO 3. DOWN and now past d->retry_at: start_connect(d).
    TODO("step 3: the next attempt");
}

// Given: how long poll may sleep: until the nearest timer (a minute at most).
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
// (3.1.2-10); a socket that takes nothing for `ms` is left as it is. Then exit 0.
static _Noreturn void disconnect_and_exit(struct device *d, int ms)
{
    // TODO 1. Up: a DISCONNECT, e0 00, after what the outbox holds:
    //         uint8_t bye[2]; queue_small(d, bye, mqtt_encode_disconnect(bye, sizeof bye));
    //         then flush_outbox until it is empty, an error, or `ms` have passed, waiting
    //         between tries with poll(&(struct pollfd){.fd = d->fd, .events = POLLOUT}, 1, left).
    TODO("step 1: DISCONNECT");
    // TODO 2. close(d->fd) if open; exit(0).
    TODO("step 2: exit 0");
}

// One turn of the loop: poll over the self-pipe, stdin and the socket, then each that is
// ready, then the timers.
static void turn(struct device *d)
{
    // TODO 1. struct pollfd fds[3]: wake_pipe[0] POLLIN; STDIN_FILENO POLLIN while stdin is
    //         open (else fd -1, which poll skips); d->fd: POLLOUT while CONNECTING, POLLIN (and
    //         POLLOUT while the outbox holds bytes) when AWAITING_CONNACK or UP, nothing when
    //         DOWN. poll(fds, 3, timeout_ms(d, now_ms())); -1: EINTR is nothing, return.
    TODO("step 1: poll");
    // TODO 2. The self-pipe ready (a signal): disconnect_and_exit(d, 500), within the 1 s the
    //         contract gives. stdin ready: read_stdin.
    TODO("step 2: a signal, stdin");
    // TODO 3. The socket ready: CONNECTING, on_connected; AWAITING_CONNACK or UP with POLLIN,
    //         POLLHUP or POLLERR, read_socket. Then, still AWAITING_CONNACK or UP with bytes in
    //         the outbox: flush_outbox (-1: fail(d, strerror(errno))).
    TODO("step 3: the socket");
    // TODO 4. tend(d, now_ms()).
    TODO("step 4: the timers");
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
