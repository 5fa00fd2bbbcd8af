/* poll-server <port>: one thread serves every client with poll(2): non-blocking sockets, an
 * output buffer per client, back-pressure above 1 MiB (day5-poll, C track). */
#include "../common/net.h"
#include <fcntl.h>
#include <poll.h>

#define LIMIT (1024 * 1024) /* stop reading a client whose pending output is above this */
#define CHUNK (64 * 1024)

struct client {
    int fd;
    char *out;           /* pending output: out[start..end) */
    size_t start, end, cap;
    int eof;             /* the client half-closed: send the rest, then close */
};

static struct client *clients;
static size_t nclients, capclients;
static char buf[CHUNK];

static size_t pending(const struct client *c) { return c->end - c->start; }

static int add_client(int fd)
{
    if (nclients == capclients) {
        size_t cap = capclients ? 2 * capclients : 64;
        struct client *p = realloc(clients, cap * sizeof *p);
        if (p == NULL)
            return -1;
        clients = p;
        capclients = cap;
    }
    clients[nclients++] = (struct client){.fd = fd};
    return 0;
}

/* Append to the client's buffer; returns -1 if out of memory. */
static int append(struct client *c, const char *data, size_t len)
{
    if (c->start > 0 && c->start == c->end)
        c->start = c->end = 0;
    if (c->end + len > c->cap && c->start > 0) { /* compact before growing */
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

/* Send what is pending until EAGAIN. Returns -1 on an error (the client is to be closed). */
static int flush_client(struct client *c)
{
    while (pending(c) > 0) {
        ssize_t n = send(c->fd, c->out + c->start, pending(c), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            return -1;
        }
        c->start += (size_t)n;
    }
    return 0;
}

/* One read (level-triggered: poll tells us again if more is there). -1: close the client. */
static int read_client(struct client *c)
{
    for (;;) {
        ssize_t n = read(c->fd, buf, sizeof buf);
        if (n > 0)
            return append(c, buf, (size_t)n) < 0 ? -1 : 0;
        if (n == 0) {
            c->eof = 1;
            return 0;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        return -1;
    }
}

static void accept_all(int lfd)
{
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                fprintf(stderr, "poll-server: accept: %s\n", strerror(errno));
            return; /* EAGAIN: no more waiting; EMFILE etc.: try again on the next poll */
        }
        if (add_client(fd) < 0) {
            fprintf(stderr, "poll-server: out of memory\n");
            close(fd);
        }
    }
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "poll-server: usage: poll-server <port>\n");
        return 1;
    }
    int lfd = make_server("poll-server", SOCK_STREAM, port);
    int fl = fcntl(lfd, F_GETFL);
    if (fl < 0 || fcntl(lfd, F_SETFL, fl | O_NONBLOCK) < 0) {
        fprintf(stderr, "poll-server: fcntl(O_NONBLOCK): %s\n", strerror(errno));
        return 1;
    }
    struct pollfd *fds = NULL;
    size_t capfds = 0;
    for (;;) {
        /* Rebuild the set each time: index 0 is the listener, i+1 is clients[i]. */
        if (capfds < nclients + 1) {
            size_t cap = 2 * (nclients + 1);
            struct pollfd *p = realloc(fds, cap * sizeof *p);
            if (p == NULL) {
                fprintf(stderr, "poll-server: out of memory\n");
                return 1;
            }
            fds = p;
            capfds = cap;
        }
        fds[0] = (struct pollfd){.fd = lfd, .events = POLLIN};
        for (size_t i = 0; i < nclients; i++) {
            struct client *c = &clients[i];
            short ev = 0;
            if (!c->eof && pending(c) < LIMIT)
                ev |= POLLIN;
            if (pending(c) > 0)
                ev |= POLLOUT; /* only when there is something to send: else 100 % CPU */
            fds[i + 1] = (struct pollfd){.fd = c->fd, .events = ev};
        }
        size_t nfds = nclients + 1;
        if (poll(fds, nfds, -1) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "poll-server: poll: %s\n", strerror(errno));
            return 1;
        }
        /* Clients first (their indexes match fds), the new ones after. */
        for (size_t i = 0; i + 1 < nfds; i++) {
            struct client *c = &clients[i];
            short re = fds[i + 1].revents;
            int bad = 0;
            if (re & (POLLIN | POLLHUP | POLLERR)) {
                if (!c->eof && pending(c) < LIMIT)
                    bad = read_client(c) < 0;
                else if (re & (POLLHUP | POLLERR))
                    bad = 1; /* gone while we were not reading: a reset */
            }
            if (!bad && pending(c) > 0)
                bad = flush_client(c) < 0; /* try at once: most sends succeed */
            if (bad || (c->eof && pending(c) == 0)) {
                if (close(c->fd) < 0)
                    fprintf(stderr, "poll-server: close: %s\n", strerror(errno));
                free(c->out);
                c->fd = -1;
            }
        }
        /* Compact the list without disturbing the walk above. */
        size_t j = 0;
        for (size_t i = 0; i < nclients; i++)
            if (clients[i].fd >= 0)
                clients[j++] = clients[i];
        nclients = j;
        if (fds[0].revents & POLLIN)
            accept_all(lfd);
    }
}
