/* resolve <host> [<service>] | resolve -r <ip>: name resolution with getaddrinfo and
 * getnameinfo (day3-resolve). Forward: every result of getaddrinfo(AF_UNSPEC, SOCK_STREAM), in
 * the order returned, as `ipv4 <ip> <port>` / `ipv6 <ip> <port>`. Reverse: the name getnameinfo
 * finds for a numeric address. A failure: `resolve: <host>: <gai_strerror text>`, status 1. */
#include "../common/net.h"
#include <netdb.h>

/* getaddrinfo and getnameinfo return an EAI_* code, not -1 with errno: its text is
 * gai_strerror's. (EAI_SYSTEM's text is only "System error", its cause in errno; the contract
 * keeps to gai_strerror's text, and the lab's tests never produce it.) */
static int gai_fail(const char *name, int code)
{
    fprintf(stderr, "resolve: %s: %s\n", name, gai_strerror(code));
    return 1;
}

/* The list getaddrinfo gives for node and service (either may be NULL) with these flags, or
 * NULL after the error line (a failed call returns no list: there is nothing to free). */
static struct addrinfo *lookup(const char *node, const char *service, int flags)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints); /* every field not set below: 0 or NULL */
    hints.ai_family = AF_UNSPEC;     /* IPv4 and IPv6 */
    hints.ai_socktype = SOCK_STREAM; /* else each address comes once per socket type */
    hints.ai_flags = flags;
    struct addrinfo *list = NULL;
    int rc = getaddrinfo(node, service, &hints, &list);
    if (rc != 0) {
        gai_fail(node, rc);
        return NULL;
    }
    return list;
}

static int forward(const char *host, const char *service)
{
    struct addrinfo *list = lookup(host, service, 0);
    if (list == NULL)
        return 1;
    int status = 0;
    /* The results are a linked list: from its head along ai_next to NULL, in its order. */
    for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
        const char *family;
        if (ai->ai_family == AF_INET)
            family = "ipv4";
        else if (ai->ai_family == AF_INET6)
            family = "ipv6";
        else
            continue;
        /* NI_MAXHOST holds any address text, IPv6 included (INET_ADDRSTRLEN, 16, does not). */
        char ip[NI_MAXHOST], port[NI_MAXSERV];
        /* The node's own ai_addrlen: a sockaddr_in6 is longer than a sockaddr_in. NI_NUMERICHOST
         * formats the address, never looks a name up; NI_NUMERICSERV writes the port in
         * decimal, in host order. */
        int rc = getnameinfo(ai->ai_addr, ai->ai_addrlen, ip, sizeof ip, port, sizeof port,
                             NI_NUMERICHOST | NI_NUMERICSERV);
        if (rc != 0) {
            status = gai_fail(host, rc);
            break; /* and still free the list, below */
        }
        if (printf("%s %s %s\n", family, ip, port) < 0) {
            fprintf(stderr, "resolve: stdout: %s\n", strerror(errno));
            status = 1;
            break;
        }
    }
    freeaddrinfo(list); /* once, through the head, after the last use: it frees every node */
    return status;
}

static int reverse(const char *ip)
{
    /* AI_NUMERICHOST: only read the text as an address of its family, never look it up (so
     * anything but a numeric address is EAI_NONAME). */
    struct addrinfo *list = lookup(ip, NULL, AI_NUMERICHOST);
    if (list == NULL)
        return 1;
    char name[NI_MAXHOST];
    /* Flags 0: look the name up; the address itself, as text, when there is none. */
    int rc = getnameinfo(list->ai_addr, list->ai_addrlen, name, sizeof name, NULL, 0, 0);
    int status = 0;
    if (rc != 0) {
        status = gai_fail(ip, rc);
    } else if (printf("%s\n", name) < 0) {
        fprintf(stderr, "resolve: stdout: %s\n", strerror(errno));
        status = 1;
    }
    freeaddrinfo(list);
    return status;
}

int main(int argc, char **argv)
{
    int status;
    if (argc == 3 && strcmp(argv[1], "-r") == 0)
        status = reverse(argv[2]);
    else if (argc == 2 || argc == 3)
        status = forward(argv[1], argc == 3 ? argv[2] : NULL);
    else {
        fprintf(stderr, "resolve: usage: resolve <host> [<service>] | resolve -r <ip>\n");
        return 1;
    }
    /* stdout is a pipe under the checker, fully buffered: a write error shows only here. */
    if (fflush(stdout) == EOF) {
        fprintf(stderr, "resolve: stdout: %s\n", strerror(errno));
        return 1;
    }
    return status;
}
