/* An echo server that binds 127.0.0.1 (INADDR_LOOPBACK) instead of every address, on the port
 * it is given, and prints nothing: clients on this machine are served, clients from elsewhere
 * are refused. Graded with --program, the checker must read the bound address from /proc. */
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

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s <port>\n", argv[0]); exit(1); }
    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in servaddr = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                                    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
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
