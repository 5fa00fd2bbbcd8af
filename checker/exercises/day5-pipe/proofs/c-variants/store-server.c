/* Variant of store-server: the logger BLOCKS SIGINT and SIGTERM (instead of ignoring them) and
 * writes through stdio (fdopen + fwrite, flushed by fclose at EOF: the contract lets a logger
 * keep lines in a buffer until EOF).
 * store-server <port> <file>: the fork server, whose client children send every complete line
 * through a pipe, one write per line, to a logger child that appends them to <file>
 * (day5-pipe, C track). Handlers only set flags; the main loop reaps and stops. */
#include "../../../../../c/solutions/common/net.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static volatile sig_atomic_t stop_flag, chld_flag;
static void on_stop(int sig) { (void)sig; stop_flag = 1; }
static void on_chld(int sig) { (void)sig; chld_flag = 1; }

static void install(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    if (sigaction(sig, &sa, NULL) < 0) {
        fprintf(stderr, "store-server: sigaction(%d): %s\n", sig, strerror(errno));
        exit(1);
    }
}

/* The logger: pipe -> file until EOF (every write end closed). SIGINT and SIGTERM blocked. */
static int logger(int rfd, int file)
{
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &stop, NULL) < 0)
        return 1;
    FILE *out = fdopen(file, "a");
    if (out == NULL) {
        fprintf(stderr, "store-server: logger: fdopen: %s\n", strerror(errno));
        return 1;
    }
    static char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(rfd, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "store-server: logger: read: %s\n", strerror(errno));
            return 1;
        }
        if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
            fprintf(stderr, "store-server: logger: fwrite: %s\n", strerror(errno));
            return 1;
        }
    }
    if (fclose(out) == EOF) {
        fprintf(stderr, "store-server: logger: fclose: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}

/* A client child: log each complete line (one write each: atomic up to PIPE_BUF), echo. */
static int serve_client(int cfd, int wfd)
{
    install(SIGTERM, SIG_DFL, 0);
    install(SIGINT, SIG_DFL, 0);
    install(SIGCHLD, SIG_DFL, 0);
    static char buf[16 * 1024];
    char *line = NULL;
    size_t have = 0, cap = 0;
    for (;;) {
        ssize_t n = read(cfd, buf, sizeof buf);
        if (n == 0)
            return 0; /* a partial line at EOF is not logged */
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return 1;
        }
        if (have + (size_t)n > cap) {
            size_t c = cap ? cap : 4096;
            while (c < have + (size_t)n)
                c *= 2;
            char *p = realloc(line, c);
            if (p == NULL)
                return 1;
            line = p;
            cap = c;
        }
        memcpy(line + have, buf, (size_t)n);
        have += (size_t)n;
        size_t start = 0;
        char *nl;
        while ((nl = memchr(line + start, '\n', have - start)) != NULL) {
            size_t len = (size_t)(nl - (line + start)) + 1;
            if (write_all(wfd, line + start, len) < 0)
                return 1;
            start += len;
        }
        have -= start;
        memmove(line, line + start, have);
        /* logged before echoed: a client that has its echo knows its lines are in the pipe */
        if (send_all(cfd, buf, (size_t)n) < 0)
            return 1;
    }
}

static pid_t *children;
static size_t nchildren, capchildren;
static pid_t logger_pid;
static int logger_done;

static void forget(pid_t pid)
{
    if (pid == logger_pid) {
        logger_done = 1;
        return;
    }
    for (size_t i = 0; i < nchildren; i++)
        if (children[i] == pid) {
            children[i] = children[--nchildren];
            return;
        }
}

int main(int argc, char **argv)
{
    int port = argc == 3 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "store-server: usage: store-server <port> <file>\n");
        return 1;
    }
    /* opened here, so that a file that cannot be opened is our error; never O_TRUNC */
    int file = open(argv[2], O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0644);
    if (file < 0) {
        fprintf(stderr, "store-server: open %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    int fds[2];
    if (pipe(fds) < 0) {
        fprintf(stderr, "store-server: pipe: %s\n", strerror(errno));
        return 1;
    }
    logger_pid = fork();
    if (logger_pid < 0) {
        fprintf(stderr, "store-server: fork: %s\n", strerror(errno));
        return 1;
    }
    if (logger_pid == 0) {
        close(fds[1]); /* else its read never returns 0 */
        _exit(logger(fds[0], file));
    }
    close(fds[0]);
    close(file);
    int wfd = fds[1];

    install(SIGCHLD, on_chld, SA_NOCLDSTOP);
    install(SIGTERM, on_stop, 0);
    install(SIGINT, on_stop, 0);
    int lfd = make_server("store-server", SOCK_STREAM, port);

    while (!stop_flag) {
        if (chld_flag) {
            chld_flag = 0;
            pid_t pid;
            while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
                forget(pid);
        }
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "store-server: accept: %s\n", strerror(errno));
            break;
        }
        if (nchildren == capchildren) {
            size_t cap = capchildren ? 2 * capchildren : 64;
            pid_t *p = realloc(children, cap * sizeof *p);
            if (p == NULL) {
                close(cfd);
                continue;
            }
            children = p;
            capchildren = cap;
        }
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "store-server: fork: %s\n", strerror(errno));
            close(cfd);
            continue;
        }
        if (pid == 0) {
            close(lfd);
            int rc = serve_client(cfd, wfd);
            close(cfd);
            _exit(rc);
        }
        children[nchildren++] = pid;
        close(cfd);
    }

    /* The clean exit: stop accepting, end the client children and wait for them, then close
     * the write end so that the logger sees EOF, wait for it, and say bye. */
    close(lfd);
    for (size_t i = 0; i < nchildren; i++)
        kill(children[i], SIGTERM); /* unreaped children only: no stranger can get it */
    while (nchildren > 0) {
        pid_t pid = waitpid(-1, NULL, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break; /* ECHILD */
        }
        forget(pid);
    }
    close(wfd);
    while (!logger_done) {
        pid_t pid = waitpid(logger_pid, NULL, 0);
        if (pid < 0 && errno == EINTR)
            continue;
        logger_done = 1;
    }
    const char bye[] = "bye\n";
    if (write_all(STDOUT_FILENO, bye, sizeof bye - 1) < 0) {
        fprintf(stderr, "store-server: stdout: %s\n", strerror(errno));
        return 1;
    }
    free(children);
    return 0;
}
