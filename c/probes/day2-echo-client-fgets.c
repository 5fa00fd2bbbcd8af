/* PROBE, wrong on purpose: the common C student's fgets()+strlen() loop, which drops every
 * byte after a NUL in a line (and cuts long lines into 8 KiB pieces). client-echo now sends a
 * line with a NUL in it: the probe fails it, told that strlen() cut the line (see FINDINGS.md).
 * echo-client <ip> <port>: send each stdin line, read it back whole, print it (day2-echo). */
#include "../solutions/common/net.h"
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
    while (connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        if (errno == EINTR)
            continue; /* simplification: a real EINTR on connect needs poll; no handlers here */
        fail("cannot connect: %s", strerror(errno));
    }
    struct timeval tv = {.tv_sec = 2, .tv_usec = 0};
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0)
        fail("setsockopt(SO_RCVTIMEO): %s", strerror(errno));

    static char line[8192], echoed[8192];
    while (fgets(line, sizeof line, stdin) != NULL) {
        size_t len = strlen(line); /* stops at the first NUL: the bug */
        if (send_all(fd, line, len) < 0)
            fail("send: %s", strerror(errno));
        size_t got = 0;
        while (got < len) {
            ssize_t n = recv(fd, echoed + got, len - got, 0);
            if (n == 0)
                fail("%s", "the server closed the connection before echoing the whole line");
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    fail("%s", "no reply from the server within 2 s");
                fail("recv: %s", strerror(errno));
            }
            got += (size_t)n;
        }
        if (fwrite(echoed, 1, got, stdout) != got || fflush(stdout) == EOF)
            fail("stdout: %s", strerror(errno));
    }
    if (ferror(stdin))
        fail("stdin: %s", strerror(errno));
    if (close(fd) < 0)
        fail("close: %s", strerror(errno));
    return 0;
}
