// Day 8 — day8-device (C track, reference solution; an example: replace it with the exercise).
//
// Contract: `sensor-device <port>` prints `listening on <ip>:<port>`, then sends `hello\n` to
// each client and closes.

// -std=c17 hides the POSIX and Linux calls unless this comes before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/lab.h"

static int serve(int port);

int main(int argc, char **argv)
{
    char *end = NULL;
    long port = argc == 2 ? strtol(argv[1], &end, 10) : -1;
    if (port < 0 || port > 65535 || end == argv[1] || *end != '\0') {
        fprintf(stderr, "sensor-device: usage: sensor-device <port>\n");
        return 1;
    }
    return serve((int)port) == 0 ? 0 : 1;
}

static int serve(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        fprintf(stderr, "sensor-device: socket: %s\n", strerror(errno));
        return -1;
    }
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        fprintf(stderr, "sensor-device: setsockopt: %s\n", strerror(errno));
        return -1;
    }
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        fprintf(stderr, "sensor-device: bind to port %d: %s\n", port, strerror(errno));
        return -1;
    }
    if (listen(fd, 128) < 0) {
        fprintf(stderr, "sensor-device: listen: %s\n", strerror(errno));
        return -1;
    }
    struct sockaddr_in local;
    socklen_t len = sizeof local;
    if (getsockname(fd, (struct sockaddr *)&local, &len) < 0) {
        fprintf(stderr, "sensor-device: getsockname: %s\n", strerror(errno));
        return -1;
    }
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &local.sin_addr, ip, sizeof ip);
    printf("listening on %s:%d\n", ip, ntohs(local.sin_port));
    fflush(stdout);
    for (;;) {
        int client = accept(fd, NULL, NULL);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "sensor-device: accept: %s\n", strerror(errno));
            return -1;
        }
        const char *greeting = "hello\n";
        size_t left = strlen(greeting);
        while (left > 0) {
            ssize_t n = send(client, greeting, left, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                break;
            greeting += n;
            left -= (size_t)n;
        }
        close(client);
    }
}
