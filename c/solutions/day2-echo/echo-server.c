/* echo-server <port>: iterative TCP echo server (day2-echo, C track). */
#include "../common/net.h"

static void usage(void)
{
    fprintf(stderr, "echo-server: usage: echo-server <port>   (0 lets the kernel choose)\n");
    exit(1);
}

/* Echo until EOF. Returns 0 at EOF, -1 with errno on error. */
static int echo(int cfd)
{
    static char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(cfd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (send_all(cfd, buf, (size_t)n) < 0)
            return -1;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2)
        usage();
    int port = parse_port(argv[1]);
    if (port < 0)
        usage();
    int lfd = make_server("echo-server", SOCK_STREAM, port);
    for (;;) {
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "echo-server: accept: %s\n", strerror(errno));
            return 1;
        }
        if (echo(cfd) < 0)
            fprintf(stderr, "echo-server: client dropped: %s\n", strerror(errno));
        if (close(cfd) < 0)
            fprintf(stderr, "echo-server: close: %s\n", strerror(errno));
    }
}
