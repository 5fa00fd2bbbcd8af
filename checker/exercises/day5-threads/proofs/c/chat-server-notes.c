/* The notes' chat server (day5-threads, C track): an array of client sockets behind one mutex,
 * a thread per client, whole lines, one lock across each broadcast. Not a version by itself:
 * each broken version of ../proofs.toml ([[c.broken]]) that names it (`source`) puts in one of the notes' bugs with
 * an edit. */
#include "../common/net.h"
#include <pthread.h>
#include <stdint.h>

#define MAX_LINE 4096
#define MAX_CLNT 256

static pthread_mutex_t mutx = PTHREAD_MUTEX_INITIALIZER;
static int clnt_socks[MAX_CLNT]; /* protected by mutx */
static int clnt_cnt;

static void send_msg(const char *msg, size_t len)
{
    pthread_mutex_lock(&mutx);
    for (int i = 0; i < clnt_cnt; i++)
        send(clnt_socks[i], msg, len, MSG_NOSIGNAL);
    pthread_mutex_unlock(&mutx);
}

static void *handle_clnt(void *arg)
{
    int clnt_sock = (int)(intptr_t)arg;
    char pending[MAX_LINE + 1 + 16 * 1024];
    size_t have = 0;
    for (;;) {
        ssize_t n = read(clnt_sock, pending + have, sizeof pending - have);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        have += (size_t)n;
        char *start = pending, *nl;
        while ((nl = memchr(start, '\n', have - (size_t)(start - pending))) != NULL) {
            send_msg(start, (size_t)(nl - start) + 1);
            start = nl + 1;
        }
        have -= (size_t)(start - pending);
        memmove(pending, start, have);
        if (have > MAX_LINE)
            break;
    }
    pthread_mutex_lock(&mutx);
    for (int i = 0; i < clnt_cnt; i++) { /* remove disconnected client */
        if (clnt_sock == clnt_socks[i]) {
            for (; i < clnt_cnt - 1; i++)
                clnt_socks[i] = clnt_socks[i + 1];
            break;
        }
    }
    clnt_cnt--;
    pthread_mutex_unlock(&mutx);
    close(clnt_sock);
    return NULL;
}

int main(int argc, char **argv)
{
    int port = argc == 2 ? parse_port(argv[1]) : -1;
    if (port < 0) {
        fprintf(stderr, "chat-server: usage: chat-server <port>\n");
        return 1;
    }
    int serv_sock = make_server("chat-server", SOCK_STREAM, port);
    for (;;) {
        int clnt_sock = accept(serv_sock, NULL, NULL);
        if (clnt_sock < 0)
            continue;
        pthread_mutex_lock(&mutx);
        clnt_socks[clnt_cnt++] = clnt_sock;
        pthread_mutex_unlock(&mutx);
        pthread_t t_id;
        pthread_create(&t_id, NULL, handle_clnt, (void *)(intptr_t)clnt_sock);
        pthread_detach(t_id);
    }
}
