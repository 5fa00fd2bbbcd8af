/* Variant of signal-server: SIGCHLD, SIGUSR1, SIGTERM and SIGINT are blocked except inside
 * pselect(2), which unblocks them for the wait only (the contract lists "ppoll or pselect with
 * the signals blocked outside it"): no signal is lost between testing a flag and waiting. */
#include "../../../../../c/solutions/common/net.h"
#include <sys/select.h>
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

static sigset_t old_mask;

static int serve_client(int cfd, unsigned idle)
{
    install(SIGTERM, SIG_DFL, 0);
    install(SIGINT, SIG_DFL, 0);
    install(SIGCHLD, SIG_DFL, 0);
    install(SIGUSR1, SIG_IGN, 0);
    install(SIGALRM, on_alarm, 0); /* no SA_RESTART: the alarm must break a waiting read */
    if (sigprocmask(SIG_SETMASK, &old_mask, NULL) < 0) /* the parent's block is inherited */
        return 1;
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
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    if (sigprocmask(SIG_BLOCK, &block, &old_mask) < 0) {
        fprintf(stderr, "signal-server: sigprocmask: %s\n", strerror(errno));
        return 1;
    }
    install(SIGCHLD, on_chld, SA_NOCLDSTOP);
    install(SIGUSR1, on_usr1, 0);
    install(SIGTERM, on_stop, 0);
    install(SIGINT, on_stop, 0);
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
        fd_set rset;
        FD_ZERO(&rset);
        FD_SET(lfd, &rset);
#ifdef TICK_MS /* built as signal-server-pselect-tick: it also wakes every TICK_MS ms to look
                * at the flags, the common C habit; the checker's "asleep" test copes */
        struct timespec tick = {.tv_sec = 0, .tv_nsec = TICK_MS * 1000000L};
        int ready = pselect(lfd + 1, &rset, NULL, NULL, &tick, &old_mask);
        if (ready == 0)
            continue; /* the tick: back to the flags */
        if (ready < 0) {
#else
        if (pselect(lfd + 1, &rset, NULL, NULL, NULL, &old_mask) < 0) {
#endif
            if (errno == EINTR)
                continue; /* a handler ran: back to the flags */
            fprintf(stderr, "signal-server: pselect: %s\n", strerror(errno));
            return 1;
        }
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
