/* echo-client <ip> <port>: send each stdin line, read it back whole, print it (day2-echo). */
#include "../common/net.h"
#include <sys/time.h>

static void fail(const char *fmt, const char *detail)
{
    fprintf(stderr, "echo-client: ");
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "echo-client: usage: echo-client <ip> <port>\n");
        return 1;
    }
    struct sockaddr_in server;
    parse_addr("echo-client", argv[1], argv[2], &server);

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        fail("socket: %s", strerror(errno));
    /* No handler is installed, so connect cannot fail with EINTR here (and retrying an
     * interrupted connect would be wrong: the connection goes on in the background). */
    if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0)
        fail("cannot connect: %s", strerror(errno));
    struct timeval tv = {.tv_sec = 2, .tv_usec = 0};
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0)
        fail("setsockopt(SO_RCVTIMEO): %s", strerror(errno));

    char *line = NULL, *echoed = NULL;
    size_t cap = 0, ecap = 0;
    ssize_t len;
    /* getline keeps every byte, NUL included, and the newline; len is the true length. */
    while ((len = getline(&line, &cap, stdin)) > 0) {
        if (send_all(fd, line, (size_t)len) < 0) {
            if (errno == EPIPE || errno == ECONNRESET)
                fail("%s", "the server closed the connection");
            fail("send: %s", strerror(errno));
        }
        if ((size_t)len > ecap) {
            char *p = realloc(echoed, (size_t)len);
            if (p == NULL)
                fail("%s", "out of memory");
            echoed = p;
            ecap = (size_t)len;
        }
        size_t got = 0;
        while (got < (size_t)len) {
            ssize_t n = recv(fd, echoed + got, (size_t)len - got, 0);
            if (n == 0)
                fail("%s", "the server closed the connection before echoing the whole line");
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    fail("%s", "no reply from the server within 2 s");
                if (errno == ECONNRESET)
                    fail("%s", "the server reset the connection");
                fail("recv: %s", strerror(errno));
            }
            got += (size_t)n;
        }
        if (fwrite(echoed, 1, got, stdout) != got || fflush(stdout) == EOF)
            fail("stdout: %s", strerror(errno));
    }
    if (ferror(stdin))
        fail("stdin: %s", strerror(errno));
    free(line);
    free(echoed);
    if (close(fd) < 0)
        fail("close: %s", strerror(errno));
    return 0;
}
