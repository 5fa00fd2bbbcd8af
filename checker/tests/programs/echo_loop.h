/* What the test programs' echo servers share: serve each client in turn, echoing its bytes until
 * its EOF, on a socket bound to `addr`:`port` (each program's own quirk is how it gets there). */
#ifndef ECHO_LOOP_H
#define ECHO_LOOP_H
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
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

/* Bind `addr`:`port` with SO_REUSEADDR, listen with `backlog`, and serve clients for ever. */
static void serve_forever(in_addr_t addr, int port, int backlog) {
    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in servaddr = { .sin_family = AF_INET, .sin_port = htons(port),
                                    .sin_addr.s_addr = htonl(addr) };
    if (bind(listenfd, (struct sockaddr *)&servaddr, sizeof servaddr) < 0) {
        perror("bind error");
        exit(1);
    }
    if (listen(listenfd, backlog) < 0) { perror("listen error"); exit(1); }
    for (;;) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0) continue;
        str_echo(connfd);
        close(connfd);
    }
}
#endif
