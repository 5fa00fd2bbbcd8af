/* Variant of echo-server: a detached POSIX thread per client (the contract's table lists "a
 * thread per client" among the designs that pass). SIGPIPE ignored on purpose; write(). */
#include "../../../../../c/solutions/common/net.h"
#include <pthread.h>

static void *serve(void *arg)
{
    int cfd = (int)(intptr_t)arg;
    char buf[16 * 1024];
    for (;;) {
        ssize_t n = read(cfd, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "echo-server: client dropped: %s\n", strerror(errno));
            break;
        }
        if (write_all(cfd, buf, (size_t)n) < 0) {
            fprintf(stderr, "echo-server: client dropped: %s\n", strerror(errno));
            break;
        }
    }
    if (close(cfd) < 0)
        fprintf(stderr, "echo-server: close: %s\n", strerror(errno));
    return NULL;
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "echo-server: usage: echo-server <port>\n");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGPIPE, &sa, NULL) < 0) {
        fprintf(stderr, "echo-server: sigaction: %s\n", strerror(errno));
        return 1;
    }
    int lfd = make_server("echo-server", SOCK_STREAM, port);
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0 ||
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) != 0)
        return 1;
    for (;;) {
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "echo-server: accept: %s\n", strerror(errno));
            return 1;
        }
        pthread_t t;
        int e = pthread_create(&t, &attr, serve, (void *)(intptr_t)cfd);
        if (e != 0) {
            fprintf(stderr, "echo-server: pthread_create: %s\n", strerror(e));
            close(cfd);
        }
    }
}
