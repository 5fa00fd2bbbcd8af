/* file-client <ip> <port> <out-file>: receive until EOF into out-file, then send
 * `received <N> bytes`, then close (day3-shutdown, C track). */
#include "../common/net.h"
#include <fcntl.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "file-client: usage: file-client <ip> <port> <out-file>\n");
        return 1;
    }
    struct sockaddr_in server;
    parse_addr("file-client", argv[1], argv[2], &server);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        fprintf(stderr, "file-client: socket: %s\n", strerror(errno));
        return 1;
    }
    if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        fprintf(stderr, "file-client: cannot connect to %s:%s: %s\n", argv[1], argv[2],
                strerror(errno));
        return 1;
    }
    int out = open(argv[3], O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        fprintf(stderr, "file-client: open %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    static char buf[64 * 1024];
    unsigned long long total = 0;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n == 0)
            break; /* the server's shutdown(SHUT_WR): the file is complete */
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "file-client: recv: %s\n", strerror(errno));
            return 1;
        }
        if (write_all(out, buf, (size_t)n) < 0) {
            fprintf(stderr, "file-client: write %s: %s\n", argv[3], strerror(errno));
            return 1;
        }
        total += (unsigned long long)n;
    }
    if (close(out) < 0) {
        fprintf(stderr, "file-client: close %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    char receipt[64];
    int len = snprintf(receipt, sizeof receipt, "received %llu bytes", total);
    if (send_all(fd, receipt, (size_t)len) < 0) {
        fprintf(stderr, "file-client: send: %s\n", strerror(errno));
        return 1;
    }
    if (close(fd) < 0) {
        fprintf(stderr, "file-client: close: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
