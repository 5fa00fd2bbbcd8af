/* An echo server whose bind() is unchecked, as a quick C program has it: no SO_REUSEADDR, and
 * when bind() fails (EADDRINUSE while an old connection waits in TIME_WAIT) listen() binds a
 * port of its own. It prints nothing. Graded with --program, restart-same-port must fail it: the
 * port it was given is the one that counts, not the one it ends up on. */
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 7000;
    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port),
                                .sin_addr.s_addr = htonl(INADDR_ANY) };
    bind(listenfd, (struct sockaddr *)&addr, sizeof addr); /* unchecked */
    listen(listenfd, 5);
    for (;;) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0) continue;
        char buf[1024];
        ssize_t n;
        while ((n = read(connfd, buf, sizeof buf)) > 0) {
            ssize_t off = 0;
            while (off < n) {
                ssize_t w = send(connfd, buf + off, n - off, MSG_NOSIGNAL);
                if (w < 0) break;
                off += w;
            }
            if (off < n) break;
        }
        close(connfd);
    }
}
