/* An echo server in the style of UNIX Network Programming's tcpserv01: it listens on a fixed
 * port (SERV_PORT, 9877) whatever it is given, prints nothing, and serves clients one after
 * another. Graded with --program, the checker must find the port it really listens on. */
#include "echo_loop.h"

#define SERV_PORT 9877
#define LISTENQ 1024

int main(void) {
    serve_forever(INADDR_ANY, SERV_PORT, LISTENQ);
}
