/* A broken version of chat-server (day5-threads, C track), kept by the project's tests: the
 * notes' chat server reads into a 100-byte buffer (BUF_SIZE 100) and broadcasts each read as it
 * comes, with the lock held across the broadcast: a line longer than the buffer, or one that
 * arrives in pieces, goes out in pieces, and another client's piece can come between two of
 * them. The lock is not the fault: a read is not a line. Otherwise correct: each client removed
 * as it leaves. */
#include "../common/net.h"
#include <pthread.h>
#include <stdint.h>

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
    char msg[100];
    ssize_t str_len;
    while ((str_len = read(clnt_sock, msg, sizeof msg)) > 0)
        send_msg(msg, (size_t)str_len);
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
