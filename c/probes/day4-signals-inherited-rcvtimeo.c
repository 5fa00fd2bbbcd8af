/* PROBE, wrong on purpose: SO_RCVTIMEO on the listener is inherited by accepted sockets, and
 * this version does not clear it in the child (the fixed one is in checker/exercises/day4-signals/proofs/c-variants). FINDINGS.md. */
/* Variant of signal-server: every parent handler is installed WITH SA_RESTART, and the
 * listening socket has a 100 ms receive timeout (SO_RCVTIMEO), so accept() wakes at least ten
 * times a second and the loop looks at the flags (the contract lists "SA_RESTART with a
 * receive timeout on the listening socket"). SIGPIPE is ignored on purpose here, and the
 * children use write(), not send(MSG_NOSIGNAL). */
#include "../solutions/common/net.h"
#include <sys/time.h>
#include <sys/wait.h>

static volatile sig_atomic_t stop_flag, stats_flag, chld_flag, alarm_flag;

static void on_stop(int sig) { (void)sig; stop_flag = 1; }
static void on_usr1(int sig) { (void)sig; stats_flag = 1; }
static void on_chld(int sig) { (void)sig; chld_flag = 1; }
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
    install(SIGUSR1, SIG_IGN, 0);
    install(SIGALRM, on_alarm, 0); /* no SA_RESTART: the alarm must break a waiting read */
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
        if (write_all(cfd, buf, (size_t)n) < 0)
            return 1; /* EPIPE: SIGPIPE is ignored (inherited) */
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
    install(SIGCHLD, on_chld, SA_NOCLDSTOP | SA_RESTART);
    install(SIGUSR1, on_usr1, SA_RESTART);
    install(SIGTERM, on_stop, SA_RESTART);
    install(SIGINT, on_stop, SA_RESTART);
    install(SIGPIPE, SIG_IGN, 0); /* a deliberate ignore: a reset client gives EPIPE */
    int lfd = make_server("signal-server", SOCK_STREAM, port);
    struct timeval tv = {.tv_sec = 0, .tv_usec = 100000};
    if (setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) {
        fprintf(stderr, "signal-server: setsockopt(SO_RCVTIMEO): %s\n", strerror(errno));
        return 1;
    }

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
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN ||
                errno == EWOULDBLOCK)
                continue; /* the timeout or a signal: back to the flags */
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
