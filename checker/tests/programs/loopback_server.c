/* An echo server that binds 127.0.0.1 (INADDR_LOOPBACK) instead of every address, on the port
 * it is given, and prints nothing: clients on this machine are served, clients from elsewhere
 * are refused. Graded with --program, the checker must read the bound address from /proc. */
#include "echo_loop.h"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s <port>\n", argv[0]); exit(1); }
    serve_forever(INADDR_LOOPBACK, atoi(argv[1]), 128);
}
