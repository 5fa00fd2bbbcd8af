/*
 * day8-device's contract (checker/../day8_device, course.md "day8-device") on Eclipse Paho's C
 * client, the MQTTClient API (libpaho-mqtt3c, Debian's libpaho-mqtt-dev 1.3.12): a device written
 * on a library people use, graded by checker/tests/day8_paho.rs to show that the hidden tests ask
 * no more than MQTT 3.1.1 and the contract.
 *
 * Paho does the protocol: CONNECT with clean session 0 and the will, PUBACKs of commands,
 * PINGREQs and the dead link (MQTTProtocol_keepalive), and the 4.4 resend of an unacknowledged
 * PUBLISH with DUP and its packet id inside MQTTClient_connect (MQTTClient.c, CONNACK 0:
 * MQTTProtocol_retry(zero, 1, 1); MQTTProtocolClient.c, MQTTProtocol_retries sends
 * MQTTPacket_send_publish(&publish, 1, ...), dup 1, msgid m->msgid). The wrapper does what the
 * contract asks beyond the library: the bounded queue, the birth, the duplicate-command rule,
 * the backoff with equal jitter (Paho's own reconnect has none), the signals, the end of stdin.
 *
 * Threads: main owns every reading and decides everything; Paho's receive thread calls back,
 * and a callback only writes an event to a pipe (deliveryComplete is called with Paho's mutex
 * held, so it must not wait for main, which calls Paho); commands are acted on in the callback
 * (their own state, no one else's). SIGTERM and SIGINT are taken by a thread of their own with
 * sigwait, so that they are answered within 1 s even while main waits in MQTTClient_connect.
 *
 * Paho is handed one QoS 1 PUBLISH at a time (the contract allows 1 in flight), so what Paho
 * holds is known: when that is a reading the queue has dropped ("never sent again"), the client
 * is destroyed and created afresh before the next CONNECT, since Paho has no call to forget one
 * message and would send it again on reconnecting. A birth not yet acknowledged is left to Paho,
 * which sends it again with DUP as 4.4 asks of every PUBLISH; a new birth follows it.
 */
#define _GNU_SOURCE
#include <MQTTClient.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 1024
#define REMEMBERED_COMMANDS 16

struct config {
    const char *host;
    int port;
    const char *id;
    int keep_alive;
    long bound;
    long backoff_min, backoff_max;
};

struct reading {
    struct reading *next;
    size_t len;
    char payload[];
};

/* What the main thread hears from Paho's threads, through a pipe. */
enum event_kind { EVENT_ACK, EVENT_LOST };
struct event {
    int kind;
    int token;
};

/* What Paho holds: at most one QoS 1 PUBLISH not yet acknowledged. */
enum held { HOLDS_NOTHING, HOLDS_HEAD, HOLDS_BIRTH, HOLDS_DROPPED };

static struct config cfg;
static char topic_readings[64], topic_status[64], topic_cmd[64];
static int events[2];

/* The client: replaced by main (under handle_lock) when what Paho holds must be forgotten. */
static MQTTClient client;
static pthread_mutex_t handle_lock = PTHREAD_MUTEX_INITIALIZER;

/* The readings held, oldest first; the head is the one Paho holds when `held` is HOLDS_HEAD. */
static struct reading *head, *tail;
static long count, dropped;
static enum held held = HOLDS_NOTHING;
static int held_token;
static int up, birth_sent, failures, stdin_open = 1;
static struct timespec next_attempt;

/* Commands acted on, for the duplicate rule (3.3.1.1, 4.3.2-2): Paho's receive thread only. */
static struct {
    int msgid;
    int len;
    char *payload;
} acted[REMEMBERED_COMMANDS];
static int acted_count, acted_next;

static void usage(void) {
    fprintf(stderr, "usage: sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound> "
                    "<backoff-min-ms> <backoff-max-ms>\n");
    exit(2);
}

/* A decimal number in [lo, hi], digits only, or -1. */
static long number(const char *s, long lo, long hi) {
    if (*s == '\0' || strlen(s) > 18)
        return -1;
    long n = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n < lo || n > hi ? -1 : n;
}

static void parse(int argc, char **argv) {
    if (argc != 8)
        usage();
    struct in_addr addr;
    if (inet_pton(AF_INET, argv[1], &addr) != 1)
        usage();
    cfg.host = argv[1];
    size_t idlen = strlen(argv[3]);
    if (idlen < 1 || idlen > 23 || strspn(argv[3], "0123456789abcdefghijklmnopqrstuvwxyz"
                                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != idlen)
        usage();
    cfg.id = argv[3];
    long port = number(argv[2], 1, 65535), keep = number(argv[4], 1, 65535);
    long bound = number(argv[5], 1, 1000000000000L);
    long lo = number(argv[6], 1, 1000000000000L), hi = number(argv[7], 1, 1000000000000L);
    if (port < 0 || keep < 0 || bound < 0 || lo < 0 || hi < 0 || lo > hi)
        usage();
    cfg.port = (int)port;
    cfg.keep_alive = (int)keep;
    cfg.bound = bound;
    cfg.backoff_min = lo;
    cfg.backoff_max = hi;
}

static void post(int kind, int token) {
    struct event e = {kind, token};
    /* A pipe write of a few bytes is atomic; main reads whole events. */
    ssize_t n = write(events[1], &e, sizeof e);
    (void)n;
}

static void lost(void *context, char *cause) {
    (void)context;
    (void)cause;
    post(EVENT_LOST, 0);
}

static void delivered(void *context, MQTTClient_deliveryToken token) {
    (void)context;
    post(EVENT_ACK, token);
}

/* A command: acted on (`command <payload>` on stdout) unless it is a DUP of one acted on. Paho
 * has already sent the PUBACK of a QoS 1 one (MQTTProtocol_handlePublishes). */
static int arrived(void *context, char *topic, int topic_len, MQTTClient_message *m) {
    (void)context;
    (void)topic_len;
    int len = m->payloadlen, duplicate = 0;
    if (strcmp(topic, topic_cmd) == 0 && m->dup) {
        for (int i = 0; i < acted_count; i++)
            if (acted[i].msgid == m->msgid && acted[i].len == len &&
                memcmp(acted[i].payload, m->payload, (size_t)len) == 0)
                duplicate = 1;
    }
    if (strcmp(topic, topic_cmd) == 0 && !duplicate) {
        printf("command %.*s\n", len, (const char *)m->payload);
        fflush(stdout);
        char *copy = malloc((size_t)len + 1);
        if (m->qos > 0 && copy) {
            memcpy(copy, m->payload, (size_t)len);
            free(acted[acted_next].payload);
            acted[acted_next].msgid = m->msgid;
            acted[acted_next].len = len;
            acted[acted_next].payload = copy;
            acted_next = (acted_next + 1) % REMEMBERED_COMMANDS;
            if (acted_count < REMEMBERED_COMMANDS)
                acted_count++;
        } else {
            free(copy);
        }
    }
    MQTTClient_freeMessage(&m);
    MQTTClient_free(topic);
    return 1;
}

static void create_client(void) {
    char uri[64];
    snprintf(uri, sizeof uri, "tcp://%s:%d", cfg.host, cfg.port);
    if (MQTTClient_create(&client, uri, cfg.id, MQTTCLIENT_PERSISTENCE_NONE, NULL) !=
            MQTTCLIENT_SUCCESS ||
        MQTTClient_setCallbacks(client, NULL, lost, arrived, delivered) != MQTTCLIENT_SUCCESS) {
        fprintf(stderr, "sensor-device: MQTTClient_create failed\n");
        exit(1);
    }
}

/* Forget what Paho holds (a dropped reading): a new client holds nothing. */
static void forget_what_paho_holds(void) {
    pthread_mutex_lock(&handle_lock);
    MQTTClient_destroy(&client);
    create_client();
    pthread_mutex_unlock(&handle_lock);
    held = HOLDS_NOTHING;
}

static void *signals(void *arg) {
    sigset_t *set = arg;
    int sig;
    sigwait(set, &sig);
    pthread_mutex_lock(&handle_lock);
    if (MQTTClient_isConnected(client))
        MQTTClient_disconnect(client, 0); /* e0 00: the broker drops the will */
    fflush(stdout);
    _exit(0);
}

static long ms_until(struct timespec t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (t.tv_sec - now.tv_sec) * 1000 + (t.tv_nsec - now.tv_nsec) / 1000000;
    return ms < 0 ? 0 : ms;
}

/* The n-th consecutive failure: wait uniformly in [d/2, d], d = min(max, min * 2^(n-1)). */
static void failed(void) {
    failures++;
    long d = cfg.backoff_min;
    for (int i = 1; i < failures && d < cfg.backoff_max; i++)
        d *= 2;
    if (d > cfg.backoff_max)
        d = cfg.backoff_max;
    uint64_t r = 0;
    if (getrandom(&r, sizeof r, 0) != sizeof r)
        r = (uint64_t)rand();
    long wait = d / 2 + (long)(r % (uint64_t)(d - d / 2 + 1));
    clock_gettime(CLOCK_MONOTONIC, &next_attempt);
    next_attempt.tv_sec += wait / 1000;
    next_attempt.tv_nsec += (wait % 1000) * 1000000;
    if (next_attempt.tv_nsec >= 1000000000) {
        next_attempt.tv_sec++;
        next_attempt.tv_nsec -= 1000000000;
    }
}

static void went_down(void) {
    if (!up)
        return;
    up = 0;
    failed();
}

static void connect_once(void) {
    if (held == HOLDS_DROPPED)
        forget_what_paho_holds();
    MQTTClient_connectOptions o = MQTTClient_connectOptions_initializer;
    MQTTClient_willOptions will = MQTTClient_willOptions_initializer;
    will.topicName = topic_status;
    will.message = "offline";
    will.retained = 1;
    will.qos = 1;
    o.will = &will;
    o.cleansession = 0;
    o.keepAliveInterval = cfg.keep_alive;
    o.connectTimeout = cfg.keep_alive; /* the CONNACK within keep-alive seconds */
    /* Paho's default tries 3.1.1, then at once 3.1 ("MQIsdp") after any failure, a refused
     * CONNACK included (MQTTClient.c, MQTTClient_connectURI): a second attempt without backoff. */
    o.MQTTVersion = MQTTVERSION_3_1_1;
    o.retryInterval = 0; /* resend only on reconnecting (4.4), never while connected */
    int rc = MQTTClient_connect(client, &o); /* resends what Paho holds, DUP 1, same id */
    if (rc != MQTTCLIENT_SUCCESS) {
        failed();
        return;
    }
    failures = 0;
    up = 1;
    birth_sent = 0;
    if (!o.returned.sessionPresent &&
        MQTTClient_subscribe(client, topic_cmd, 1) != MQTTCLIENT_SUCCESS) {
        if (MQTTClient_isConnected(client))
            MQTTClient_disconnect(client, 0);
        went_down();
    }
}

static int publish(const char *topic, const char *payload, size_t len, int retained) {
    MQTTClient_deliveryToken token = 0;
    int rc = MQTTClient_publish(client, topic, (int)len, payload, 1, retained, &token);
    if (rc != MQTTCLIENT_SUCCESS) {
        went_down();
        return -1;
    }
    held_token = token;
    return 0;
}

/* Up and Paho holding nothing: the birth once a connection, then the oldest reading. */
static void send_next(void) {
    if (!up || held != HOLDS_NOTHING)
        return;
    if (!birth_sent) {
        if (publish(topic_status, "online", 6, 1) == 0) {
            birth_sent = 1;
            held = HOLDS_BIRTH;
        }
    } else if (head && publish(topic_readings, head->payload, head->len, 0) == 0) {
        held = HOLDS_HEAD;
    }
}

static void take_reading(const char *line, size_t len) {
    if (len == 0)
        return;
    if (count >= cfg.bound) {
        struct reading *old = head;
        head = old->next;
        if (!head)
            tail = NULL;
        free(old);
        count--;
        if (held == HOLDS_HEAD)
            held = HOLDS_DROPPED; /* never to be sent again: forgotten before the next CONNECT */
        fprintf(stderr, "dropped %ld\n", ++dropped);
    }
    struct reading *r = malloc(sizeof *r + len);
    if (!r)
        exit(1);
    r->next = NULL;
    r->len = len;
    memcpy(r->payload, line, len);
    if (tail)
        tail->next = r;
    else
        head = r;
    tail = r;
    count++;
}

static void read_stdin(void) {
    static char buf[LINE_MAX_BYTES + 1];
    static size_t have;
    ssize_t n = read(0, buf + have, sizeof buf - have);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0) {
        take_reading(buf, have); /* a last line without '\n' is a reading too */
        have = 0;
        stdin_open = 0;
        return;
    }
    have += (size_t)n;
    size_t start = 0;
    for (size_t i = 0; i < have; i++)
        if (buf[i] == '\n') {
            take_reading(buf + start, i - start);
            start = i + 1;
        }
    if (start == 0 && have == sizeof buf) { /* longer than the contract's lines: cut */
        take_reading(buf, LINE_MAX_BYTES);
        start = LINE_MAX_BYTES;
    }
    memmove(buf, buf + start, have - start);
    have -= start;
}

static void on_event(struct event e) {
    if (e.kind == EVENT_LOST) {
        if (!MQTTClient_isConnected(client)) /* not a late word of an older connection */
            went_down();
    } else if (held != HOLDS_NOTHING && e.token == held_token) {
        if (held == HOLDS_HEAD) {
            struct reading *r = head;
            head = r->next;
            if (!head)
                tail = NULL;
            free(r);
            count--;
        }
        held = HOLDS_NOTHING;
    }
}

static void run(void) {
    for (;;) {
        if (!stdin_open && count == 0 && held != HOLDS_HEAD) {
            if (up)
                MQTTClient_disconnect(client, 0);
            fflush(stdout);
            _exit(0);
        }
        if (!up && ms_until(next_attempt) == 0)
            connect_once();
        send_next();
        struct pollfd fds[2] = {{events[0], POLLIN, 0}, {stdin_open ? 0 : -1, POLLIN, 0}};
        int n = poll(fds, 2, up ? -1 : (int)ms_until(next_attempt));
        if (n < 0 && errno != EINTR)
            exit(1);
        if (fds[0].revents & POLLIN) {
            struct event e;
            if (read(events[0], &e, sizeof e) == sizeof e)
                on_event(e);
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR))
            read_stdin();
    }
}

int main(int argc, char **argv) {
    parse(argc, argv);
    snprintf(topic_readings, sizeof topic_readings, "devices/%s/readings", cfg.id);
    snprintf(topic_status, sizeof topic_status, "devices/%s/status", cfg.id);
    snprintf(topic_cmd, sizeof topic_cmd, "devices/%s/cmd", cfg.id);

    /* Blocked here, before any thread: every thread Paho starts inherits the mask. */
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (pipe(events) != 0)
        return 1;
    fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
    create_client();
    pthread_t t;
    pthread_create(&t, NULL, signals, &set);
    clock_gettime(CLOCK_MONOTONIC, &next_attempt); /* the first connection at once */
    run();
}
