/* A correct iterative echo server that, after its first client, also holds a Unix socketpair
 * (as a logging channel might): sockets that are not TCP connections must not count as
 * connections left open (day2-echo/no-close-wait). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s <port>\n", argv[0]); return 1; }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                             .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); return 1; }
    if (listen(fd, 128) < 0) { perror("listen"); return 1; }
    struct sockaddr_in local;
    socklen_t len = sizeof local;
    getsockname(fd, (struct sockaddr *)&local, &len);
    printf("listening on 0.0.0.0:%d\n", ntohs(local.sin_port));
    fflush(stdout);
    int pair[2] = { -1, -1 };
    for (;;) {
        int c = accept(fd, NULL, NULL);
        if (c < 0) continue;
        if (pair[0] < 0 && socketpair(AF_UNIX, SOCK_STREAM, 0, pair) < 0) perror("socketpair");
        char buf[4096];
        ssize_t n;
        while ((n = read(c, buf, sizeof buf)) > 0) {
            ssize_t off = 0;
            while (off < n) {
                ssize_t w = send(c, buf + off, n - off, MSG_NOSIGNAL);
                if (w < 0) goto done;
                off += w;
            }
        }
    done:
        close(c);
    }
}
