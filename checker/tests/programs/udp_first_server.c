/* An echo server that, before it listens, holds a connected UDP socket for half a second, as
 * glibc's getaddrinfo does for a moment to sort the addresses it returns (mosquitto's
 * `listener <port>` calls it before it listens): the kernel gives that socket an ephemeral
 * port. It prints nothing, so the checker judges it ready from /proc: a connected UDP socket
 * must not be taken for the server's port (a busy machine once caught mosquitto in that moment,
 * and its first connection went to a port nothing listened on). */
#include <time.h>

#include "echo_loop.h"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s <port>\n", argv[0]); exit(1); }
    int probe = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(9),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (connect(probe, (struct sockaddr *)&any, sizeof any) < 0) { perror("connect"); exit(1); }
    struct timespec half = { .tv_sec = 0, .tv_nsec = 500000000 };
    nanosleep(&half, NULL);
    close(probe);
    serve_forever(INADDR_ANY, atoi(argv[1]), 128);
}
