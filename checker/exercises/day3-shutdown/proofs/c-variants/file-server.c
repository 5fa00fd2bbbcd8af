/* Variant of file-server: the file goes out with sendfile(2) in a loop (short counts and EINTR
 * retried), and each client is served by a child process (the contract allows "a process or
 * a thread per client"), reaped by a SIGCHLD handler with SA_RESTART.
 * file-server <port> <file>: for each client in turn, send the file, shutdown(SHUT_WR), read
 * the client's message until EOF and print `client says: <message>` (day3-shutdown, C track). */
#include "../../../../../c/solutions/common/net.h"
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>

/* Send the whole file with sendfile(2). -1 with errno on error. */
static int send_file(int cfd, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0)
        goto fail;
    off_t off = 0;
    while (off < st.st_size) {
        ssize_t n = sendfile(cfd, fd, &off, (size_t)(st.st_size - off));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        if (n == 0)
            break; /* the file shrank */
    }
    return close(fd);
fail:;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

static void on_chld(int sig)
{
    (void)sig;
    int saved = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    errno = saved;
}

static int serve(int cfd, const char *path)
{
    if (send_file(cfd, path) < 0)
        return -1;
    /* the half-close: the client's read returns 0, and we can still read its message */
    if (shutdown(cfd, SHUT_WR) < 0)
        return -1;
    char *msg = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t c = cap ? 2 * cap : 1024;
            char *p = realloc(msg, c);
            if (p == NULL) {
                free(msg);
                errno = ENOMEM;
                return -1;
            }
            msg = p;
            cap = c;
        }
        ssize_t n = read(cfd, msg + len, cap - len);
        if (n == 0)
            break; /* the client's EOF: its message is complete */
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(msg);
            errno = saved;
            return -1;
        }
        len += (size_t)n;
    }
    if (len > 0 && msg[len - 1] == '\n')
        len--; /* one trailing newline is not part of the message */
    fputs("client says: ", stdout);
    fwrite(msg, 1, len, stdout);
    putchar('\n');
    free(msg);
    if (fflush(stdout) == EOF)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    int port = argc == 3 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "file-server: usage: file-server <port> <file>\n");
        return 1;
    }
    if (access(argv[2], R_OK) < 0) {
        fprintf(stderr, "file-server: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN; /* sendfile has no MSG_NOSIGNAL: ignore SIGPIPE on purpose */
    sigemptyset(&ign.sa_mask);
    if (sigaction(SIGCHLD, &sa, NULL) < 0 || sigaction(SIGPIPE, &ign, NULL) < 0) {
        fprintf(stderr, "file-server: sigaction: %s\n", strerror(errno));
        return 1;
    }
    int lfd = make_server("file-server", SOCK_STREAM, port);
    for (;;) {
        int cfd = accept(lfd, NULL, NULL);
        if (cfd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            fprintf(stderr, "file-server: accept: %s\n", strerror(errno));
            return 1;
        }
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "file-server: fork: %s\n", strerror(errno));
            close(cfd);
            continue;
        }
        if (pid == 0) {
            close(lfd);
            int rc = 0;
            if (serve(cfd, argv[2]) < 0) {
                fprintf(stderr, "file-server: client dropped: %s\n", strerror(errno));
                rc = 1;
            }
            close(cfd);
            _exit(rc); /* stdout was flushed in serve(): nothing is written twice */
        }
        if (close(cfd) < 0)
            fprintf(stderr, "file-server: close: %s\n", strerror(errno));
    }
}
