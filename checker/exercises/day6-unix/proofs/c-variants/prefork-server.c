/* Variant of prefork-server, in the contract's literal order: the worker closes the connection,
 * THEN says it is free (a short message "free\n"), and the socketpairs are SOCK_SEQPACKET.
 *
 * prefork-server <port> <workers> <control-path>: a parent that accepts only while a worker
 * is free and passes each connection to it over a socketpair (SCM_RIGHTS); workers echo, one
 * client at a time; a control socket answers `stats`; SIGTERM/SIGINT end it cleanly
 * (day6-unix, C track). The parent blocks its signals and waits in ppoll, which unblocks them
 * only for the wait: no signal is lost between a flag test and the wait. */
#include "../../../../../c/solutions/common/net.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#define MAX_WORKERS 16

struct worker {
    pid_t pid;            /* 0: the slot waits for a replacement */
    int fd;               /* the parent's end of the socketpair; -1 if closed */
    int busy;
    unsigned long served; /* connections this worker process has finished */
};

static struct worker workers[MAX_WORKERS];
static int nworkers;
static int lfd = -1, cfd = -1; /* the TCP listener, the control listener */
static const char *control_path;

static volatile sig_atomic_t stop_flag, chld_flag;
static void on_stop(int sig) { (void)sig; stop_flag = 1; }
static void on_chld(int sig) { (void)sig; chld_flag = 1; }

static void install(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = sig == SIGCHLD ? SA_NOCLDSTOP : 0;
    if (sigaction(sig, &sa, NULL) < 0) {
        fprintf(stderr, "prefork-server: sigaction(%d): %s\n", sig, strerror(errno));
        exit(1);
    }
}

/* ---- descriptor passing ---- */

static int send_fd(int sock, int fd)
{
    char byte = 'c'; /* at least one byte of data goes with the descriptor */
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof u);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
                         .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    for (;;) {
        ssize_t n = sendmsg(sock, &msg, MSG_NOSIGNAL);
        if (n >= 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

/* Returns the descriptor received, -2 at EOF (the parent is gone), -1 on error. */
static int recv_fd(int sock)
{
    char byte;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
                         .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    ssize_t n;
    while ((n = recvmsg(sock, &msg, 0)) < 0)
        if (errno != EINTR)
            return -1;
    if (n == 0)
        return -2;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
        c->cmsg_len != CMSG_LEN(sizeof(int))) {
        errno = EPROTO;
        return -1;
    }
    int fd;
    memcpy(&fd, CMSG_DATA(c), sizeof fd);
    return fd;
}

/* ---- the worker ---- */

static int echo(int fd)
{
    static char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (send_all(fd, buf, (size_t)n) < 0)
            return -1;
    }
}

static void worker_main(int sock)
{
    /* the parent's handlers and blocked mask are inherited: back to the defaults */
    install(SIGTERM, SIG_DFL);
    install(SIGINT, SIG_DFL);
    install(SIGCHLD, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    if (sigprocmask(SIG_SETMASK, &none, NULL) < 0)
        _exit(1);
    for (;;) {
        int conn = recv_fd(sock);
        if (conn == -2)
            _exit(0); /* the parent closed its end */
        if (conn < 0) {
            fprintf(stderr, "prefork-server: worker %d: recvmsg: %s\n", (int)getpid(),
                    strerror(errno));
            _exit(1);
        }
        if (echo(conn) < 0)
            fprintf(stderr, "prefork-server: worker %d: client dropped: %s\n", (int)getpid(),
                    strerror(errno));
        if (close(conn) < 0)
            fprintf(stderr, "prefork-server: worker: close: %s\n", strerror(errno));
        /* the contract's order: close the connection, then say it is free */
        while (send(sock, "free\n", 5, MSG_NOSIGNAL) < 0)
            if (errno != EINTR)
                _exit(1);
    }
}

/* Fork the worker of slot i. Returns 0, or -1 with errno. */
static int start_worker(int i)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(sv[0]);
        close(sv[1]);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        /* keep only our own end: no listener, no control socket, no other worker's end */
        close(lfd);
        if (cfd >= 0)
            close(cfd);
        for (int j = 0; j < nworkers; j++)
            if (workers[j].fd >= 0)
                close(workers[j].fd);
        close(sv[0]);
        worker_main(sv[1]);
    }
    close(sv[1]);
    workers[i] = (struct worker){.pid = pid, .fd = sv[0]};
    return 0;
}

/* ---- the control socket ---- */

static int bind_control(const char *path)
{
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, "prefork-server: control path too long: %s\n", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fprintf(stderr, "prefork-server: socket(AF_UNIX): %s\n", strerror(errno));
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        if (errno != EADDRINUSE) {
            fprintf(stderr, "prefork-server: bind %s: %s\n", path, strerror(errno));
            close(fd);
            return -1;
        }
        /* something is there: a stale socket file, or a live server's */
        struct stat st;
        if (lstat(path, &st) < 0 || !S_ISSOCK(st.st_mode)) {
            fprintf(stderr, "prefork-server: %s exists and is not a socket\n", path);
            close(fd);
            return -1;
        }
        int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe < 0) {
            fprintf(stderr, "prefork-server: socket(AF_UNIX): %s\n", strerror(errno));
            close(fd);
            return -1;
        }
        int r = connect(probe, (struct sockaddr *)&addr, sizeof addr);
        int err = errno;
        close(probe);
        if (r == 0) {
            fprintf(stderr, "prefork-server: another server owns %s\n", path);
            close(fd);
            return -1;
        }
        if (err != ECONNREFUSED) {
            fprintf(stderr, "prefork-server: connect %s: %s\n", path, strerror(err));
            close(fd);
            return -1;
        }
        if (unlink(path) < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
            fprintf(stderr, "prefork-server: rebinding stale %s: %s\n", path, strerror(errno));
            close(fd);
            return -1;
        }
    }
    if (listen(fd, 16) < 0) {
        fprintf(stderr, "prefork-server: listen %s: %s\n", path, strerror(errno));
        close(fd);
        unlink(path);
        return -1;
    }
    return fd;
}

/* Read what free-bytes the workers have sent (non-blocking): each is one finished client. */
static void collect_free(int i)
{
    struct worker *w = &workers[i];
    if (w->fd < 0)
        return;
    char bytes[64];
    for (;;) {
        ssize_t n = recv(w->fd, bytes, sizeof bytes, MSG_DONTWAIT);
        if (n > 0) { /* SOCK_SEQPACKET: one message per finished connection */
            w->served += 1;
            w->busy = 0;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            /* the worker is gone: SIGCHLD will reap and replace it */
            close(w->fd);
            w->fd = -1;
            w->busy = 1;
        }
        return;
    }
}

static void answer_control(void)
{
    int c = accept4(cfd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0)
        return; /* EAGAIN, ECONNABORTED, EINTR: nothing to do */
    /* the control listener is non-blocking; the connection is not: wait at most 1 s */
    struct timeval tv = {.tv_sec = 1, .tv_usec = 0};
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char req[64];
    size_t have = 0;
    while (have < sizeof req) {
        ssize_t n = read(c, req + have, sizeof req - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        have += (size_t)n;
        if (memchr(req, '\n', have) != NULL)
            break;
    }
    if (have >= 5 && memcmp(req, "stats", 5) == 0) {
        for (int i = 0; i < nworkers; i++)
            collect_free(i);
        char out[MAX_WORKERS * 64];
        size_t len = 0;
        for (int i = 0; i < nworkers; i++)
            if (workers[i].pid > 0)
                len += (size_t)snprintf(out + len, sizeof out - len, "worker %d served %lu\n",
                                        (int)workers[i].pid, workers[i].served);
        if (send_all(c, out, len) < 0)
            fprintf(stderr, "prefork-server: control: send: %s\n", strerror(errno));
    }
    close(c); /* then EOF */
}

/* ---- the parent ---- */

static void reap_and_replace(void)
{
    pid_t pid;
    int status;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (int i = 0; i < nworkers; i++)
            if (workers[i].pid == pid) {
                if (workers[i].fd >= 0)
                    close(workers[i].fd);
                workers[i] = (struct worker){.pid = 0, .fd = -1};
            }
    }
    if (stop_flag)
        return;
    for (int i = 0; i < nworkers; i++)
        if (workers[i].pid == 0 && start_worker(i) < 0)
            fprintf(stderr, "prefork-server: replacing a worker: %s\n", strerror(errno));
}

static void shut_down_workers(void)
{
    for (int i = 0; i < nworkers; i++)
        if (workers[i].pid > 0)
            kill(workers[i].pid, SIGTERM); /* unreaped: the pid is still our child's */
    for (;;) {
        pid_t pid = waitpid(-1, NULL, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break; /* ECHILD: none left */
        }
    }
    for (int i = 0; i < nworkers; i++)
        if (workers[i].fd >= 0)
            close(workers[i].fd);
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    long port, n;
    if (argc != 4 || parse_int(argv[1], 0, 65535, &port) < 0 ||
        parse_int(argv[2], 1, MAX_WORKERS, &n) < 0) {
        fprintf(stderr,
                "prefork-server: usage: prefork-server <port> <workers 1..16> <control-path>\n");
        return 1;
    }
    nworkers = (int)n;
    control_path = argv[3];
    for (int i = 0; i < nworkers; i++)
        workers[i] = (struct worker){.pid = 0, .fd = -1};

    /* Signals blocked except inside ppoll; the handlers only set flags. */
    sigset_t block, during_wait;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    if (sigprocmask(SIG_BLOCK, &block, &during_wait) < 0) {
        fprintf(stderr, "prefork-server: sigprocmask: %s\n", strerror(errno));
        return 1;
    }
    install(SIGCHLD, on_chld);
    install(SIGTERM, on_stop);
    install(SIGINT, on_stop);

    /* The TCP listener, without printing yet (make_server's line comes at the end). */
    lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((uint16_t)port);
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 128) < 0) {
        fprintf(stderr, "prefork-server: listening on port %ld: %s\n", port, strerror(errno));
        return 1;
    }
    /* The control socket before any worker exists: an owned or unusable path leaves nobody
     * behind. */
    cfd = bind_control(control_path);
    if (cfd < 0)
        return 1;
    int fl = fcntl(cfd, F_GETFL);
    if (fl < 0 || fcntl(cfd, F_SETFL, fl | O_NONBLOCK) < 0) {
        fprintf(stderr, "prefork-server: fcntl: %s\n", strerror(errno));
        unlink(control_path);
        return 1;
    }
    for (int i = 0; i < nworkers; i++)
        if (start_worker(i) < 0) {
            fprintf(stderr, "prefork-server: starting a worker: %s\n", strerror(errno));
            shut_down_workers();
            unlink(control_path);
            return 1;
        }

    struct sockaddr_in local;
    socklen_t llen = sizeof local;
    if (getsockname(lfd, (struct sockaddr *)&local, &llen) < 0) {
        fprintf(stderr, "prefork-server: getsockname: %s\n", strerror(errno));
        shut_down_workers();
        unlink(control_path);
        return 1;
    }
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &local.sin_addr, ip, sizeof ip);
    char line[64];
    int len = snprintf(line, sizeof line, "listening on %s:%u\n", ip,
                       (unsigned)ntohs(local.sin_port));
    if (write_all(STDOUT_FILENO, line, (size_t)len) < 0) {
        shut_down_workers();
        unlink(control_path);
        return 1;
    }

    while (!stop_flag) {
        if (chld_flag) {
            chld_flag = 0;
            reap_and_replace();
        }
        struct pollfd fds[2 + MAX_WORKERS];
        int slot[2 + MAX_WORKERS];
        nfds_t nf = 0;
        int any_free = 0;
        for (int i = 0; i < nworkers; i++) {
            if (workers[i].fd < 0)
                continue;
            if (!workers[i].busy)
                any_free = 1;
            fds[nf] = (struct pollfd){.fd = workers[i].fd, .events = POLLIN};
            slot[nf++] = i;
        }
        fds[nf] = (struct pollfd){.fd = cfd, .events = POLLIN};
        slot[nf++] = -1;
        if (any_free) { /* otherwise the connections wait in the backlog */
            fds[nf] = (struct pollfd){.fd = lfd, .events = POLLIN};
            slot[nf++] = -2;
        }
        if (ppoll(fds, nf, NULL, &during_wait) < 0) {
            if (errno == EINTR)
                continue; /* a signal: the flags are looked at above */
            fprintf(stderr, "prefork-server: ppoll: %s\n", strerror(errno));
            break;
        }
        /* the workers first: a free byte may make the new connection's worker */
        for (nfds_t k = 0; k < nf; k++)
            if (slot[k] >= 0 && fds[k].revents)
                collect_free(slot[k]);
        for (nfds_t k = 0; k < nf; k++) {
            if (!fds[k].revents)
                continue;
            if (slot[k] == -1)
                answer_control();
            else if (slot[k] == -2) {
                for (int i = 0; i < nworkers; i++) {
                    struct worker *w = &workers[i];
                    if (w->fd < 0 || w->busy)
                        continue;
                    int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC); /* blocking socket */
                    if (conn < 0)
                        break; /* EAGAIN: nobody waiting; ECONNABORTED, EINTR: next round */
                    if (send_fd(w->fd, conn) < 0)
                        fprintf(stderr, "prefork-server: passing a connection: %s\n",
                                strerror(errno));
                    else
                        w->busy = 1;
                    close(conn); /* the worker has its own copy now */
                }
            }
        }
    }

    /* The clean exit. */
    close(lfd);
    close(cfd);
    shut_down_workers();
    if (unlink(control_path) < 0)
        fprintf(stderr, "prefork-server: unlink %s: %s\n", control_path, strerror(errno));
    const char bye[] = "bye\n";
    if (write_all(STDOUT_FILENO, bye, sizeof bye - 1) < 0)
        return 1;
    return 0;
}
