/* An echo server in the style of UNIX Network Programming's tcpserv01: it listens on a fixed
 * port (SERV_PORT, 9877) whatever it is given, prints nothing, and serves clients one after
 * another. Graded with --program, the checker must find the port it really listens on. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define SERV_PORT 9877
#define LISTENQ 1024

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

int main(void) {
    int listenfd = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in servaddr = { .sin_family = AF_INET, .sin_port = htons(SERV_PORT),
                                    .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(listenfd, (struct sockaddr *)&servaddr, sizeof servaddr) < 0) {
        perror("bind error");
        exit(1);
    }
    if (listen(listenfd, LISTENQ) < 0) { perror("listen error"); exit(1); }
    for (;;) {
        int connfd = accept(listenfd, NULL, NULL);
        if (connfd < 0) continue;
        str_echo(connfd);
        close(connfd);
    }
}
