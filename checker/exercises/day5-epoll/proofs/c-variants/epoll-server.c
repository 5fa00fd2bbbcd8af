/* Variant: the listener is edge-triggered too (accept until EAGAIN), and client sockets are
 * registered EPOLLIN|EPOLLET first, EPOLLOUT added with EPOLL_CTL_MOD only while output is
 * pending (EPOLLET kept in every mask), a common C shape.
 * epoll-server <port>: one thread serves every client with epoll, client sockets registered
 * edge-triggered (EPOLLIN|EPOLLOUT|EPOLLRDHUP|EPOLLET, once for their whole life): on each
 * event the server reads until EAGAIN and writes until EAGAIN or nothing is pending
 * (day5-epoll, C track). Back-pressure: no reading while over 1 MiB is pending. */
#include "../../../../../c/solutions/common/net.h"
#include <fcntl.h>
#include <sys/epoll.h>

#define LIMIT (1024 * 1024)
#define CHUNK (64 * 1024)
#define BUDGET 64 /* reads+sends per client per turn, so a busy client can't starve others */

struct client {
    int fd;
    char *out;
    size_t start, end, cap;
    int eof;
    int can_read;  /* no EAGAIN seen since the last input edge */
    int can_write; /* no EAGAIN seen since the last output edge */
    int queued;    /* in the list of clients with work left over */
    int out_on;    /* EPOLLOUT in its registered mask */
};

static struct client **table; /* by fd */
static size_t captable;
static int *again;            /* fds with work left over after their budget */
static size_t nagain, capagain;
static char buf[CHUNK];

static size_t pending(const struct client *c) { return c->end - c->start; }

static int append(struct client *c, const char *data, size_t len)
{
    if (c->start == c->end)
        c->start = c->end = 0;
    if (c->end + len > c->cap && c->start > 0) {
        memmove(c->out, c->out + c->start, pending(c));
        c->end -= c->start;
        c->start = 0;
    }
    if (c->end + len > c->cap) {
        size_t cap = c->cap ? c->cap : CHUNK;
        while (cap < c->end + len)
            cap *= 2;
        char *p = realloc(c->out, cap);
        if (p == NULL)
            return -1;
        c->out = p;
        c->cap = cap;
    }
    memcpy(c->out + c->end, data, len);
    c->end += len;
    return 0;
}

static void drop(int epfd, struct client *c)
{
    /* delete before close: the entry belongs to the open file, not to the number */
    if (epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL) < 0)
        fprintf(stderr, "epoll-server: epoll_ctl(DEL): %s\n", strerror(errno));
    if (close(c->fd) < 0)
        fprintf(stderr, "epoll-server: close: %s\n", strerror(errno));
    table[c->fd] = NULL;
    free(c->out);
    free(c);
}

/* Work until EAGAIN on both sides (or back-pressure, or the budget). Returns -1 if the client
 * must be closed (error, or EOF with everything sent), 1 if work is left, 0 otherwise. */
static int work(struct client *c)
{
    for (int steps = 0; steps < BUDGET; steps++) {
        int progress = 0;
        if (c->can_write && pending(c) > 0) {
            ssize_t n = send(c->fd, c->out + c->start, pending(c), MSG_NOSIGNAL);
            if (n >= 0) {
                c->start += (size_t)n;
                progress = 1;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                c->can_write = 0;
            } else if (errno != EINTR) {
                return -1; /* EPIPE, ECONNRESET: this client only */
            } else {
                progress = 1;
            }
        }
        if (c->can_read && !c->eof && pending(c) < LIMIT) {
            ssize_t n = read(c->fd, buf, sizeof buf);
            if (n > 0) {
                if (append(c, buf, (size_t)n) < 0)
                    return -1;
                progress = 1;
            } else if (n == 0) {
                c->eof = 1;
                progress = 1;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                c->can_read = 0;
            } else if (errno != EINTR) {
                return -1;
            } else {
                progress = 1;
            }
        }
        if (c->eof && pending(c) == 0)
            return -1; /* everything echoed: close */
        if (!progress)
            return 0;  /* waiting for an edge (EAGAIN) or for output room (back-pressure) */
    }
    return 1;
}

static void accept_all(int lfd, int epfd)
{
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                fprintf(stderr, "epoll-server: accept: %s\n", strerror(errno));
            return;
        }
        if ((size_t)fd >= captable) {
            size_t cap = captable ? captable : 64;
            while (cap <= (size_t)fd)
                cap *= 2;
            struct client **t = realloc(table, cap * sizeof *t);
            if (t == NULL) {
                close(fd);
                continue;
            }
            memset(t + captable, 0, (cap - captable) * sizeof *t);
            table = t;
            captable = cap;
        }
        struct client *c = calloc(1, sizeof *c);
        if (c == NULL) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->can_read = c->can_write = 1;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET,
                                 .data.fd = fd};
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
            fprintf(stderr, "epoll-server: epoll_ctl(ADD): %s\n", strerror(errno));
            close(fd);
            free(c);
            continue;
        }
        table[fd] = c;
    }
}

static void queue_again(struct client *c)
{
    if (c->queued)
        return;
    if (nagain == capagain) {
        size_t cap = capagain ? 2 * capagain : 64;
        int *p = realloc(again, cap * sizeof *p);
        if (p == NULL)
            return; /* the client waits for its next edge; it only loses fairness */
        again = p;
        capagain = cap;
    }
    again[nagain++] = c->fd;
    c->queued = 1;
}

/* EPOLLOUT only while something waits to be sent and the socket said EAGAIN. Adding it with
 * EPOLL_CTL_MOD re-arms the edge: if there is room already, an event comes at once. */
static int want_out(int epfd, struct client *c)
{
    int on = pending(c) > 0 && !c->can_write;
    if (on == c->out_on)
        return 0;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET | (on ? EPOLLOUT : 0),
                             .data.fd = c->fd};
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0)
        return -1;
    c->out_on = on;
    return 0;
}

static void serve(int epfd, struct client *c)
{
    int r = work(c);
    if (r < 0 || want_out(epfd, c) < 0)
        drop(epfd, c);
    else if (r > 0)
        queue_again(c);
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "epoll-server: usage: epoll-server <port>\n");
        return 1;
    }
    int lfd = make_server("epoll-server", SOCK_STREAM, port);
    int fl = fcntl(lfd, F_GETFL);
    if (fl < 0 || fcntl(lfd, F_SETFL, fl | O_NONBLOCK) < 0) {
        fprintf(stderr, "epoll-server: fcntl(O_NONBLOCK): %s\n", strerror(errno));
        return 1;
    }
    int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) {
        fprintf(stderr, "epoll-server: epoll_create1: %s\n", strerror(errno));
        return 1;
    }
    /* the listener level-triggered: an accept loop until EAGAIN all the same */
    struct epoll_event lev = {.events = EPOLLIN | EPOLLET, .data.fd = lfd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &lev) < 0) {
        fprintf(stderr, "epoll-server: epoll_ctl(ADD listener): %s\n", strerror(errno));
        return 1;
    }
    struct epoll_event events[256];
    for (;;) {
        int n = epoll_wait(epfd, events, 256, nagain > 0 ? 0 : -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "epoll-server: epoll_wait: %s\n", strerror(errno));
            return 1;
        }
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == lfd) {
                accept_all(lfd, epfd);
                continue;
            }
            struct client *c = (size_t)fd < captable ? table[fd] : NULL;
            if (c == NULL)
                continue; /* closed earlier in this batch */
            uint32_t e = events[i].events;
            if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
                c->can_read = 1;
            if (e & (EPOLLOUT | EPOLLHUP | EPOLLERR))
                c->can_write = 1; /* an error shows up in the next send */
            if (!c->queued)
                serve(epfd, c);
        }
        /* the clients left with work after their budget get another turn */
        size_t m = nagain;
        for (size_t i = 0; i < m; i++) {
            int fd = again[i];
            struct client *c = table[fd];
            again[i] = -1;
            if (c == NULL)
                continue;
            c->queued = 0;
            serve(epfd, c);
        }
        /* keep the ones queued during this pass (appended after m) */
        memmove(again, again + m, (nagain - m) * sizeof *again);
        nagain -= m;
    }
}
