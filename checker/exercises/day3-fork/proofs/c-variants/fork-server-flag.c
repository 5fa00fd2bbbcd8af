/* fork-server <port>: echo server with a child process per client, reaped on SIGCHLD. */
#include "../../../../../c/solutions/common/net.h"
#include <sys/wait.h>

/* Variant: the handler only sets a flag; installed WITHOUT SA_RESTART, so a blocked accept()
 * fails with EINTR and the loop reaps (the contract allows "a handler that sets a flag and a
 * loop that reaps when accept fails with EINTR"). */
static volatile sig_atomic_t chld_flag;
static void on_sigchld(int sig)
{
    (void)sig;
    chld_flag = 1;
}

static int echo(int cfd)
{
    static char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(cfd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (send_all(cfd, buf, (size_t)n) < 0)
            return -1;
    }
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "fork-server: usage: fork-server <port>\n");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_NOCLDSTOP; /* no SA_RESTART: accept must return EINTR */
    if (sigaction(SIGCHLD, &sa, NULL) < 0) {
        fprintf(stderr, "fork-server: sigaction: %s\n", strerror(errno));
        return 1;
    }
    int lfd = make_server("fork-server", SOCK_STREAM, port); /* flushes stdout before any fork */
    for (;;) {
        if (chld_flag) {
            chld_flag = 0;
            while (waitpid(-1, NULL, WNOHANG) > 0) /* signals merge: reap them all */
                ;
        }
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "fork-server: accept: %s\n", strerror(errno));
            return 1;
        }
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "fork-server: fork: %s\n", strerror(errno));
            close(cfd); /* this client is refused; the server goes on */
            continue;
        }
        if (pid == 0) {
            close(lfd);
            int rc = 0;
            if (echo(cfd) < 0) {
                fprintf(stderr, "fork-server: client dropped: %s\n", strerror(errno));
                rc = 1;
            }
            close(cfd);
            _exit(rc); /* never fall back into the accept loop */
        }
        if (close(cfd) < 0) /* the parent's copy: the child's close must be the last one */
            fprintf(stderr, "fork-server: close: %s\n", strerror(errno));
    }
}
