/* A broken version of poll-server (day5-poll, C track), kept by the project's tests: the notes'
 * select server (echo_selectserv.c). One thread, blocking client sockets, a read set only; each
 * read is echoed with one write() whose count is ignored. A write cut short (interrupted after
 * part of it was sent, or by a signal) loses the rest; and while a client does not read, that
 * write blocks the whole server. */
#include "../common/net.h"
#include <sys/select.h>

#define BUF_SIZE 1024

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "poll-server: usage: poll-server <port>\n");
        return 1;
    }
    int serv_sock = make_server("poll-server", SOCK_STREAM, port);
    fd_set reads;
    FD_ZERO(&reads);
    FD_SET(serv_sock, &reads);
    int fd_max = serv_sock;
    char buf[BUF_SIZE];
    for (;;) {
        fd_set cpy_reads = reads;
        if (select(fd_max + 1, &cpy_reads, NULL, NULL, NULL) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i <= fd_max; i++) {
            if (!FD_ISSET(i, &cpy_reads))
                continue;
            if (i == serv_sock) {
                int clnt_sock = accept(serv_sock, NULL, NULL);
                if (clnt_sock < 0 || clnt_sock >= FD_SETSIZE) {
                    if (clnt_sock >= 0)
                        close(clnt_sock);
                    continue;
                }
                FD_SET(clnt_sock, &reads);
                if (fd_max < clnt_sock)
                    fd_max = clnt_sock;
            } else {
                ssize_t str_len = read(i, buf, BUF_SIZE);
                if (str_len <= 0) { /* close request */
                    FD_CLR(i, &reads);
                    close(i);
                } else {
                    write(i, buf, (size_t)str_len); /* echo! */
                }
            }
        }
    }
    return 0;
}
