/* A classic first exercise: serve one client, then exit. The port is the only argument and it
 * prints nothing. Graded with --program, its report must say that it exited after its first
 * client (checker/tests/programs.rs). */
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
    if (listen(fd, 5) < 0) { perror("listen"); return 1; }
    int c = accept(fd, NULL, NULL);
    if (c < 0) { perror("accept"); return 1; }
    char buf[1024];
    ssize_t n;
    while ((n = read(c, buf, sizeof buf)) > 0) {
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = send(c, buf + off, n - off, MSG_NOSIGNAL);
            if (w < 0) { perror("send"); return 1; }
            off += w;
        }
    }
    close(c);
    close(fd);
    return 0;
}
