/* An echo server that, before it listens, holds a connected UDP socket for half a second, as
 * glibc's getaddrinfo does for a moment to sort the addresses it returns (mosquitto's
 * `listener <port>` calls it before it listens): the kernel gives that socket an ephemeral
 * port. It prints nothing, so the checker judges it ready from /proc: a connected UDP socket
 * must not be taken for the server's port (a busy machine once caught mosquitto in that moment,
 * and its first connection went to a port nothing listened on). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void str_echo(int sockfd) {
    char buf[4096];
    ssize_t n;
    while ((n = read(sockfd, buf, sizeof buf)) > 0) {
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = send(sockfd, buf + off, n - off, MSG_NOSIGNAL);
            if (w < 0) return;
            off += w;
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s <port>\n", argv[0]); exit(1); }
    int probe = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(9),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (connect(probe, (struct sockaddr *)&any, sizeof any) < 0) { perror("connect"); exit(1); }
    struct timespec half = { .tv_sec = 0, .tv_nsec = 500000000 };
    nanosleep(&half, NULL);
    close(probe);
    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in servaddr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                                    .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(listenfd, (struct sockaddr *)&servaddr, sizeof servaddr) < 0) {
        perror("bind error");
        exit(1);
    }
    if (listen(listenfd, 128) < 0) { perror("listen error"); exit(1); }
    for (;;) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0) continue;
        str_echo(connfd);
        close(connfd);
    }
}
