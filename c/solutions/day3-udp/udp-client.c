/* udp-client <ip> <port>: each stdin line (no newline) as one datagram, 3 tries of 0.5 s. */
#include "../common/net.h"
#include <sys/time.h>

#define TRIES 3

/* Send and wait for the reply, TRIES times. Returns its length, or -1. */
static ssize_t ask(int fd, const char *msg, size_t len, char *reply, size_t cap)
{
    for (int t = 0; t < TRIES; t++) {
        /* a lost send is like a lost reply: the next try resends */
        while (send(fd, msg, len, 0) < 0 && errno == EINTR)
            ;
        for (;;) {
            ssize_t n = recv(fd, reply, cap, 0);
            if (n >= 0)
                return n;
            if (errno == EINTR)
                continue;
            break; /* EAGAIN: timeout; ECONNREFUSED: ICMP; either way this try failed */
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
    /* connected UDP: the kernel drops datagrams from any other address */
    if (connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        fprintf(stderr, "udp-client: connect: %s\n", strerror(errno));
        return 1;
    }
    struct timeval tv = {.tv_sec = 0, .tv_usec = 500000};
    if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) {
        fprintf(stderr, "udp-client: setsockopt(SO_RCVTIMEO): %s\n", strerror(errno));
        return 1;
    }
    static char reply[65536];
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        if (line[len - 1] == '\n')
            len--;
        ssize_t n = ask(fd, line, (size_t)len, reply, sizeof reply);
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
    if (ferror(stdin)) {
        fprintf(stderr, "udp-client: stdin: %s\n", strerror(errno));
        return 1;
    }
    free(line);
    return 0;
}
