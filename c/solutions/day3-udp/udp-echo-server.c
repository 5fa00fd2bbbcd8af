/* udp-echo-server <port>: send every datagram back to its sender, unchanged (day3-udp). */
#include "../common/net.h"

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "udp-echo-server: usage: udp-echo-server <port>\n");
        return 1;
    }
    int fd = make_server("udp-echo-server", SOCK_DGRAM, port);
    static char buf[65536]; /* the largest UDP payload fits: no truncation */
    for (;;) {
        struct sockaddr_in peer;
        socklen_t plen = sizeof peer;
        ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&peer, &plen);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            /* e.g. ECONNREFUSED from an ICMP for an earlier reply: not fatal for a UDP server */
            fprintf(stderr, "udp-echo-server: recvfrom: %s\n", strerror(errno));
            continue;
        }
        /* n == 0 is an empty datagram, not an end: echo it too */
        while (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&peer, plen) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "udp-echo-server: sendto: %s\n", strerror(errno));
            break;
        }
    }
}
