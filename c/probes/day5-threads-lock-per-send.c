/* PROBE, wrong on purpose (see broadcast): many-senders must fail it every run, loaded or not.
 * chat-server <port>: a thread per client; the list of clients behind one mutex; every
 * complete line goes to every client, the sender included, in one order (day5-threads). */
#include "../solutions/common/net.h"
#include <pthread.h>

#define MAX_LINE 4096

struct client {
    int fd;
    int dead; /* a send to it failed: shut down, its own thread removes it */
    struct client *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct client *clients; /* protected by lock */

static void lock_or_die(void)
{
    int e = pthread_mutex_lock(&lock);
    if (e != 0) {
        fprintf(stderr, "chat-server: pthread_mutex_lock: %s\n", strerror(e));
        abort();
    }
}

static void unlock_or_die(void)
{
    int e = pthread_mutex_unlock(&lock);
    if (e != 0) {
        fprintf(stderr, "chat-server: pthread_mutex_unlock: %s\n", strerror(e));
        abort();
    }
}

/* WRONG on purpose: the lock is taken around each client's send, not across the broadcast.
 * Another thread's line can come between two sends, so clients may get lines in different
 * orders; whether it does is the scheduler's choice, which many-senders makes for it. */
static void broadcast(const char *line, size_t len)
{
    lock_or_die();
    struct client *c = clients;
    unlock_or_die();
    while (c != NULL) {
        lock_or_die();
        if (!c->dead && send_all(c->fd, line, len) < 0) {
            c->dead = 1;
            shutdown(c->fd, SHUT_RDWR);
        }
        struct client *next = c->next;
        unlock_or_die();
        c = next;
    }
}

static void remove_client(struct client *me)
{
    lock_or_die();
    for (struct client **p = &clients; *p != NULL; p = &(*p)->next)
        if (*p == me) {
            *p = me->next;
            break;
        }
    unlock_or_die();
    /* out of the list: no broadcast can use the fd any more, so closing it is safe */
    if (close(me->fd) < 0)
        fprintf(stderr, "chat-server: close: %s\n", strerror(errno));
    free(me);
}

static void *client_thread(void *arg)
{
    struct client *me = arg;
    char pending[MAX_LINE + 1 + 16 * 1024];
    size_t have = 0;
    for (;;) {
        ssize_t n = read(me->fd, pending + have, sizeof pending - have);
        if (n == 0)
            break; /* EOF: a partial line is dropped */
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        have += (size_t)n;
        char *start = pending, *nl;
        while ((nl = memchr(start, '\n', have - (size_t)(start - pending))) != NULL) {
            broadcast(start, (size_t)(nl - start) + 1);
            start = nl + 1;
        }
        have -= (size_t)(start - pending);
        memmove(pending, start, have);
        if (have > MAX_LINE)
            break; /* a line longer than the contract allows: this client leaves */
    }
    remove_client(me);
    return NULL;
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "chat-server: usage: chat-server <port>\n");
        return 1;
    }
    int lfd = make_server("chat-server", SOCK_STREAM, port);
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0 ||
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) != 0) {
        fprintf(stderr, "chat-server: pthread_attr\n");
        return 1;
    }
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "chat-server: accept: %s\n", strerror(errno));
            return 1;
        }
        struct client *c = calloc(1, sizeof *c);
        if (c == NULL) {
            close(fd);
            continue;
        }
        c->fd = fd;
        /* in the list before its thread reads: its first line reaches itself too */
        lock_or_die();
        c->next = clients;
        clients = c;
        unlock_or_die();
        pthread_t t;
        int e = pthread_create(&t, &attr, client_thread, c);
        if (e != 0) {
            fprintf(stderr, "chat-server: pthread_create: %s\n", strerror(e));
            remove_client(c);
        }
    }
}
