/* Variant of fork-server: SIGCHLD blocked and read from a signalfd; the parent waits in poll
 * on the listener and the signalfd, and reaps with waitpid(WNOHANG) in a loop on each read.
 * (The contract allows "a signalfd".) */
#include "../../../../../c/solutions/common/net.h"
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

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
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    if (sigprocmask(SIG_BLOCK, &chld, &old) < 0) {
        fprintf(stderr, "fork-server: sigprocmask: %s\n", strerror(errno));
        return 1;
    }
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC);
    if (sfd < 0) {
        fprintf(stderr, "fork-server: signalfd: %s\n", strerror(errno));
        return 1;
    }
    int lfd = make_server("fork-server", SOCK_STREAM, port);
    for (;;) {
        struct pollfd p[2] = {{.fd = lfd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "fork-server: poll: %s\n", strerror(errno));
            return 1;
        }
        if (p[1].revents & POLLIN) {
            struct signalfd_siginfo si;
            if (read(sfd, &si, sizeof si) < 0 && errno != EINTR && errno != EAGAIN)
                fprintf(stderr, "fork-server: read(signalfd): %s\n", strerror(errno));
            while (waitpid(-1, NULL, WNOHANG) > 0) /* signals merge: reap them all */
                ;
        }
        if (!(p[0].revents & POLLIN))
            continue;
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
            close(cfd);
            continue;
        }
        if (pid == 0) {
            close(lfd);
            close(sfd);
            sigprocmask(SIG_SETMASK, &old, NULL);
            int rc = echo(cfd) < 0;
            close(cfd);
            _exit(rc);
        }
        close(cfd);
    }
}
