/* Variant of udp-client: an UNCONNECTED socket, sendto/recvfrom, poll(2) with a deadline of
 * 0.5 s per try; datagrams from any other address are ignored without restarting the clock.
 * (The contract allows "connected or unconnected socket; SO_RCVTIMEO or poll with a timeout".) */
#include "../../../../../c/solutions/common/net.h"
#include <poll.h>
#include <time.h>

#define TRIES 3

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static ssize_t ask(int fd, const struct sockaddr_in *server, const char *msg, size_t len,
                   char *reply, size_t cap)
{
    for (int t = 0; t < TRIES; t++) {
        while (sendto(fd, msg, len, 0, (const struct sockaddr *)server, sizeof *server) < 0 &&
               errno == EINTR)
            ;
        long long deadline = now_ms() + 500;
        for (;;) {
            long long left = deadline - now_ms();
            if (left <= 0)
                break;
            struct pollfd p = {.fd = fd, .events = POLLIN};
            int r = poll(&p, 1, (int)left);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            struct sockaddr_in from;
            socklen_t flen = sizeof from;
            ssize_t n = recvfrom(fd, reply, cap, 0, (struct sockaddr *)&from, &flen);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            if (from.sin_addr.s_addr == server->sin_addr.s_addr &&
                from.sin_port == server->sin_port)
                return n;
            /* a stranger: ignored, and the same deadline goes on */
        }
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "udp-client: usage: udp-client <ip> <port>\n");
        return 1;
    }
    struct sockaddr_in server;
    parse_addr("udp-client", argv[1], argv[2], &server);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        fprintf(stderr, "udp-client: socket: %s\n", strerror(errno));
        return 1;
    }
    static char reply[65536];
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        if (line[len - 1] == '\n')
            len--;
        ssize_t n = ask(fd, &server, line, (size_t)len, reply, sizeof reply);
        if (n < 0) {
            fprintf(stderr, "udp-client: no reply from %s:%s after %d tries\n", argv[1], argv[2],
                    TRIES);
            return 1;
        }
        if (fwrite(reply, 1, (size_t)n, stdout) != (size_t)n || putchar('\n') == EOF ||
            fflush(stdout) == EOF) {
            fprintf(stderr, "udp-client: stdout: %s\n", strerror(errno));
            return 1;
        }
    }
    free(line);
    return 0;
}
