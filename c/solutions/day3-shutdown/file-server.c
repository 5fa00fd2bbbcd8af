/* file-server <port> <file>: for each client in turn, send the file, shutdown(SHUT_WR), read
 * the client's message until EOF and print `client says: <message>` (day3-shutdown, C track). */
#include "../common/net.h"
#include <fcntl.h>

/* Send the whole file. -1 with errno on error. */
static int send_file(int cfd, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    static char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        if (send_all(cfd, buf, (size_t)n) < 0) /* short sends retried */
            goto fail;
    }
    return close(fd);
fail:;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

static int serve(int cfd, const char *path)
{
    if (send_file(cfd, path) < 0)
        return -1;
    /* the half-close: the client's read returns 0, and we can still read its message */
    if (shutdown(cfd, SHUT_WR) < 0)
        return -1;
    char *msg = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t c = cap ? 2 * cap : 1024;
            char *p = realloc(msg, c);
            if (p == NULL) {
                free(msg);
                errno = ENOMEM;
                return -1;
            }
            msg = p;
            cap = c;
        }
        ssize_t n = read(cfd, msg + len, cap - len);
        if (n == 0)
            break; /* the client's EOF: its message is complete */
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(msg);
            errno = saved;
            return -1;
        }
        len += (size_t)n;
    }
    if (len > 0 && msg[len - 1] == '\n')
        len--; /* one trailing newline is not part of the message */
    fputs("client says: ", stdout);
    fwrite(msg, 1, len, stdout);
    putchar('\n');
    free(msg);
    if (fflush(stdout) == EOF)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    int port = argc == 3 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "file-server: usage: file-server <port> <file>\n");
        return 1;
    }
    if (access(argv[2], R_OK) < 0) {
        fprintf(stderr, "file-server: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    int lfd = make_server("file-server", SOCK_STREAM, port);
    for (;;) {
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "file-server: accept: %s\n", strerror(errno));
            return 1;
        }
        if (serve(cfd, argv[2]) < 0)
            fprintf(stderr, "file-server: client dropped: %s\n", strerror(errno));
        if (close(cfd) < 0)
            fprintf(stderr, "file-server: close: %s\n", strerror(errno));
    }
}
