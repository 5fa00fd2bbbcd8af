/* Variant of signal-server: the parent blocks SIGCHLD, SIGUSR1, SIGTERM and SIGINT and reads
 * them from a signalfd, waiting in poll on the listener and the signalfd (the contract allows
 * "a signalfd"). The child restores the mask and gives itself its own dispositions. */
#include "../../../../../c/solutions/common/net.h"
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

static volatile sig_atomic_t alarm_flag;
static int stop_flag, stats_flag, chld_flag;
static sigset_t old_mask;

static void on_alarm(int sig) { (void)sig; alarm_flag = 1; }

static void install(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    if (sigaction(sig, &sa, NULL) < 0) {
        fprintf(stderr, "signal-server: sigaction(%d): %s\n", sig, strerror(errno));
        exit(1);
    }
}

/* Output after the handlers exist goes through write(2) with EINTR retried: a stdio fflush
 * interrupted by a signal reports an error and may drop the buffered line. */
static void say(const char *text)
{
    if (write_all(STDOUT_FILENO, text, strlen(text)) < 0)
        fprintf(stderr, "signal-server: stdout: %s\n", strerror(errno));
}

/* ---- the child ---- */

static int serve_client(int cfd, unsigned idle)
{
    install(SIGTERM, SIG_DFL, 0);
    install(SIGINT, SIG_DFL, 0);
    install(SIGCHLD, SIG_DFL, 0);
    install(SIGUSR1, SIG_IGN, 0); /* before the unblock: a pending SIGUSR1 is discarded */
    install(SIGALRM, on_alarm, 0);
    if (sigprocmask(SIG_SETMASK, &old_mask, NULL) < 0)
        return 1; /* no SA_RESTART: the alarm must break a waiting read */
    static char buf[64 * 1024];
    alarm(idle);
    for (;;) {
        ssize_t n = read(cfd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno != EINTR)
                return 1;
            if (alarm_flag) {
                send_all(cfd, "timeout\n", 8);
                return 0;
            }
            continue;
        }
        alarm(0); /* busy, not idle: no timeout while sending */
        if (send_all(cfd, buf, (size_t)n) < 0)
            return 1; /* EPIPE/ECONNRESET: MSG_NOSIGNAL kept us alive */
        alarm_flag = 0;
        alarm(idle); /* the client is alive: restart the idle clock */
    }
}

/* ---- the parent ---- */

static pid_t *children;
static size_t nchildren, capchildren;

static void reap(void)
{
    pid_t pid;
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0) {
        for (size_t i = 0; i < nchildren; i++)
            if (children[i] == pid) {
                children[i] = children[--nchildren];
                break;
            }
    }
}

int main(int argc, char **argv)
{
    int port = -1;
    long idle = 5;
    if (argc == 2 || argc == 3)
        port = parse_port(argv[1]);
    if (argc == 3) {
        char *end;
        errno = 0;
        idle = strtol(argv[2], &end, 10);
        if (errno != 0 || end == argv[2] || *end != '\0' || idle < 0 || idle > 100000)
            port = -1;
    }
    if (port < 0) {
        fprintf(stderr, "signal-server: usage: signal-server <port> [<idle-seconds>]\n");
        return 1;
    }
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    if (sigprocmask(SIG_BLOCK, &mask, &old_mask) < 0) {
        fprintf(stderr, "signal-server: sigprocmask: %s\n", strerror(errno));
        return 1;
    }
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
    if (sfd < 0) {
        fprintf(stderr, "signal-server: signalfd: %s\n", strerror(errno));
        return 1;
    }
    /* SIGPIPE keeps its default: every send says MSG_NOSIGNAL. */
    int lfd = make_server("signal-server", SOCK_STREAM, port);

    unsigned long served = 0;
    while (!stop_flag) {
        if (chld_flag) {
            chld_flag = 0;
            reap();
        }
        if (stats_flag) {
            stats_flag = 0;
            char line[64];
            snprintf(line, sizeof line, "served %lu clients\n", served);
            say(line);
        }
        struct pollfd p[2] = {{.fd = lfd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "signal-server: poll: %s\n", strerror(errno));
            return 1;
        }
        if (p[1].revents & POLLIN) {
            struct signalfd_siginfo si;
            ssize_t n;
            while ((n = read(sfd, &si, sizeof si)) < 0 && errno == EINTR)
                ;
            if (n == (ssize_t)sizeof si) {
                if (si.ssi_signo == SIGCHLD)
                    chld_flag = 1;
                else if (si.ssi_signo == SIGUSR1)
                    stats_flag = 1;
                else
                    stop_flag = 1;
            }
            continue; /* back to the flags */
        }
        if (!(p[0].revents & POLLIN))
            continue;
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "signal-server: accept: %s\n", strerror(errno));
            return 1;
        }
        served++;
        if (nchildren == capchildren) {
            size_t cap = capchildren ? 2 * capchildren : 64;
            pid_t *p = realloc(children, cap * sizeof *p);
            if (p == NULL) {
                fprintf(stderr, "signal-server: out of memory\n");
                close(cfd);
                continue;
            }
            children = p;
            capchildren = cap;
        }
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "signal-server: fork: %s\n", strerror(errno));
            close(cfd);
            continue;
        }
        if (pid == 0) {
            close(lfd);
            close(sfd);
            int rc = serve_client(cfd, (unsigned)idle);
            close(cfd);
            _exit(rc);
        }
        children[nchildren++] = pid;
        close(cfd);
    }

    /* The clean exit: free the port, end the children, reap every one, then bye. */
    close(lfd);
    /* Only reaping in this loop (never in a handler) means every pid in the list is an
     * unreaped child of ours: no pid reuse can make this kill a stranger. */
    for (size_t i = 0; i < nchildren; i++)
        if (kill(children[i], SIGTERM) < 0)
            fprintf(stderr, "signal-server: kill %d: %s\n", (int)children[i], strerror(errno));
    for (;;) {
        pid_t pid = waitpid(-1, NULL, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ECHILD)
                break;
            fprintf(stderr, "signal-server: waitpid: %s\n", strerror(errno));
            return 1;
        }
    }
    say("bye\n");
    free(children);
    return 0;
}
