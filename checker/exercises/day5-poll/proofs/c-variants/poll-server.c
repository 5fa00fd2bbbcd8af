/* Variant of poll-server with select(2) instead of poll (the contract allows both; fds are
 * checked against FD_SETSIZE).
 * poll-server <port>: one thread serves every client with poll(2): non-blocking sockets, an
 * output buffer per client, back-pressure above 1 MiB (day5-poll, C track). */
#include "../../../../../c/solutions/common/net.h"
#include <sys/select.h>
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
        if (fd >= FD_SETSIZE) {
            fprintf(stderr, "poll-server: descriptor %d beyond FD_SETSIZE: refused\n", fd);
            close(fd);
            continue;
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
    for (;;) {
        /* the sets are rebuilt before every select: it overwrites them with its answer */
        fd_set rset, wset;
        FD_ZERO(&rset);
        FD_ZERO(&wset);
        FD_SET(lfd, &rset);
        int maxfd = lfd;
        for (size_t i = 0; i < nclients; i++) {
            struct client *c = &clients[i];
            if (!c->eof && pending(c) < LIMIT)
                FD_SET(c->fd, &rset);
            if (pending(c) > 0)
                FD_SET(c->fd, &wset);
            if (c->fd > maxfd)
                maxfd = c->fd;
        }
        if (select(maxfd + 1, &rset, &wset, NULL, NULL) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "poll-server: select: %s\n", strerror(errno));
            return 1;
        }
        for (size_t i = 0; i < nclients; i++) {
            struct client *c = &clients[i];
            int bad = 0;
            if (FD_ISSET(c->fd, &rset))
                bad = read_client(c) < 0;
            if (!bad && pending(c) > 0 && (FD_ISSET(c->fd, &wset) || FD_ISSET(c->fd, &rset)))
                bad = flush_client(c) < 0;
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
        if (FD_ISSET(lfd, &rset))
            accept_all(lfd);
    }
}
