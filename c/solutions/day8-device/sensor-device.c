//@ // Day 8 — the device: an MQTT 3.1.1 client that a flaky broker and a flaky network cannot make
//@ // lose a reading. The broker of day 7 had the server's half of the protocol; this is the other
//@ // half, where field systems lose data: a connection that drops, a broker restarted, a PUBACK
//@ // that never comes.
//@ //
//@ // Read course.md#day8-device (한국어: course.ko.md#day8-device) (and again course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets), course.md#mqtt-keep-alive (한국어: course.ko.md#mqtt-keep-alive),
//@ // course.md#mqtt-will (한국어: course.ko.md#mqtt-will), course.md#mqtt-sessions (한국어: course.ko.md#mqtt-sessions), course.md#poll (한국어: course.ko.md#poll) and
//@ // course.md#signals-and-the-wait (한국어: course.ko.md#signals-and-the-wait)), then replace the `TODO(...)`s below. The codec, mqtt-codec.c
//@ // and mqtt-codec.h, is given whole: its encoders write the packets, its decoders read them.
//@ // Grade yourself with `cargo run -p checker -- --track c day8-device` (from the lab's root). Try
//@ // it by hand with `make`, `mosquitto -p 1883 -v` in one terminal,
//@ // `mosquitto_sub -V mqttv311 -q 1 -t 'devices/#' -v` in another, and
//@ // `./sensor-device 127.0.0.1 1883 dev1 5 100 100 5000` in a third, a reading a line; a command
//@ // with `mosquitto_pub -q 1 -t devices/dev1/cmd -m hi`.
//@ //
//@ // Section numbers in the comments (`4.4`, `3.1.2-24`, ...) are those of the OASIS standard
//@ // "MQTT Version 3.1.1"; a number with a dash is a normative statement.
//@{
// Day 8 — the device (C track, reference solution): an MQTT 3.1.1 client that a flaky broker
// and a flaky network cannot make lose a reading. Built on the given codec, mqtt-codec.c.
//@}
//
// Contract: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
//@ // <backoff-min-ms> <backoff-max-ms>`: host an IPv4 address in dotted form, port 1..65535,
//@ // client-id 1..23 bytes of [0-9a-zA-Z], keep-alive 1..65535 s, queue-bound at least 1,
//@ // 1 <= backoff-min-ms <= backoff-max-ms. Anything else: a usage line on stderr, exit status 2,
//@ // no connection attempted.
//@ // - Each connection: TCP, then CONNECT with clean session 0 and the will `offline` on
//@ //   `devices/<id>/status`, QoS 1, retained (connect flags 0x2C), the keep alive as given. The
//@ //   CONNACK must come within keep-alive seconds; a return code other than 0 is a failure. After
//@ //   CONNACK 0, in this order: every reading sent and not acknowledged, again with DUP 1 and the
//@ //   same packet id (4.4); SUBSCRIBE to `devices/<id>/cmd` at QoS 1; the birth message `online`
//@ //   on `devices/<id>/status`, QoS 1, retained; then new readings.
//@ // - Each line of stdin (without its '\n'; empty lines skipped) is a reading: a PUBLISH on
//@ //   `devices/<id>/readings`, QoS 1, in order, DUP 0 the first time. A PUBACK acknowledges the
//@ //   PUBLISH with its id, never sent again. The device holds at most <queue-bound> readings not
//@ //   acknowledged; a new one past that drops the oldest, and `dropped <n>` (the total so far)
//@ //   goes to stderr.
//@ // - A PUBLISH on `devices/<id>/cmd` is a command: `command <payload>` on stdout, flushed (and
//@ //   nothing else on stdout), a PUBACK if it came at QoS 1. One with DUP 1 whose packet id and
//@ //   payload are those of a command acted on (the last 16 at least) is a duplicate: acknowledged,
//@ //   not acted on. DUP 0 is always a new command (4.3.2-2).
//@ // - Keep alive: never keep-alive seconds without sending a packet: a PINGREQ then (3.1.2-23).
//@ //   No PINGRESP within keep-alive seconds of it: the link is dead, a failure.
//@ // - A failure (connect fails, the broker closes or resets, a CONNACK not 0 or not in time, a
//@ //   dead link): after the n-th in a row, a wait uniformly random in [d/2, d],
//@ //   d = min(backoff-max, backoff-min × 2^(n-1)) ms; a CONNACK 0 starts the count again. The
//@ //   first connection is at once; a network error never ends the program.
//@ // - SIGTERM or SIGINT: DISCONNECT if up (then the broker publishes no will), exit 0 within 1 s.
//@ //   End of stdin: every reading acknowledged, then DISCONNECT, exit 0.
//@ // Rules (the checker's `rules` test reads the functions your compiled program imports): no
//@ // getaddrinfo or gethostbyname (inet_pton makes the address). Any design passes (threads,
//@ // poll, epoll).
//@{
// <backoff-min-ms> <backoff-max-ms>` (host an IPv4 address in dotted form; anything else: a
// usage line on stderr, exit status 2). It connects with clean session 0 and a will
// (`devices/<id>/status` = `offline`, QoS 1, retained); once connected it resends what was not
// acknowledged (DUP, the same packet id), subscribes to `devices/<id>/cmd`, publishes a retained
// birth message (`online`), then each line of stdin as a reading on `devices/<id>/readings` at
// QoS 1, in order. It holds at most <queue-bound> readings not yet acknowledged, dropping the
// oldest (`dropped <n>` on stderr). Each command it is sent is written to stdout as
// `command <payload>`, once. It pings when idle, treats a missing PINGRESP as a dead link, and
// reconnects with exponential backoff and jitter. SIGTERM or SIGINT: DISCONNECT, exit 0; the
// end of stdin: every reading acknowledged, then DISCONNECT, exit 0.
//@}
//
//@ // The shape below is one way: one thread, one poll(2) over the broker's socket, stdin and a
//@ // self-pipe the signal handler writes to; every timer is a point in CLOCK_MONOTONIC
//@ // milliseconds, and poll sleeps until the nearest. Packets go into an outbox, sent when the
//@ // socket takes them.
//@ //
//@ // Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
//@ // stops the program there (exit status 101, which the checker reports as "not started"):
//@ // replace it with that step's code.
//@ko // 8일차 — 기기: 불안정한 브로커와 불안정한 네트워크도 측정값 하나 잃게 하지 못하는 MQTT 3.1.1
//@ko // 클라이언트. 7일차의 브로커는 프로토콜의 서버 쪽 절반이었다. 이것은 나머지 절반이고, 현장의
//@ko // 시스템이 데이터를 잃는 곳이 바로 여기다: 끊기는 연결, 재시작되는 브로커, 끝내 오지 않는
//@ko // PUBACK.
//@ko //
//@ko // course.ko.md#day8-device를 (그리고 course.ko.md#mqtt-packets, course.ko.md#mqtt-keep-alive,
//@ko // course.ko.md#mqtt-will, course.ko.md#mqtt-sessions, course.ko.md#poll,
//@ko // course.ko.md#signals-and-the-wait를 다시) 읽은 뒤, 아래의 `TODO(...)`를 채운다. 코덱인
//@ko // mqtt-codec.c와 mqtt-codec.h는 통째로 주어진다: 인코더가 패킷을 쓰고, 디코더가 패킷을 읽는다.
//@ko // 채점은 랩의 루트에서 `cargo run -p checker -- --track c day8-device`로 한다. 손으로 해
//@ko // 보려면 `make`를 한 뒤, 한 터미널에서 `mosquitto -p 1883 -v`를, 다른 터미널에서
//@ko // `mosquitto_sub -V mqttv311 -q 1 -t 'devices/#' -v`를, 세 번째 터미널에서
//@ko // `./sensor-device 127.0.0.1 1883 dev1 5 100 100 5000`을 실행하고 한 줄에 측정값 하나씩
//@ko // 입력한다. 명령은 `mosquitto_pub -q 1 -t devices/dev1/cmd -m hi`로 보낸다.
//@ko //
//@ko // 주석의 절 번호(`4.4`, `3.1.2-24`, ...)는 OASIS 표준 "MQTT Version 3.1.1"의 번호다. 줄표가 든
//@ko // 번호는 규범 문장이다.
//@ko //
//@ko // 계약: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
//@ko // <backoff-min-ms> <backoff-max-ms>`: host는 점으로 구분한 IPv4 주소, port는 1..65535,
//@ko // client-id는 [0-9a-zA-Z]로 된 1..23바이트, keep-alive는 1..65535초, queue-bound는 1 이상,
//@ko // 1 <= backoff-min-ms <= backoff-max-ms. 그 밖의 모든 것: 표준 오류에 사용법 한 줄, 종료 상태
//@ko // 2, 연결은 시도하지 않는다.
//@ko // - 연결마다: TCP, 그다음 clean session 0과 유언 메시지(`devices/<id>/status`에 `offline`,
//@ko //   QoS 1, 보존)를 담은 CONNECT(연결 플래그 0x2C), 킵얼라이브는 받은 그대로. CONNACK은
//@ko //   킵얼라이브 초 안에 와야 하고, 0이 아닌 반환 코드는 실패다. CONNACK 0 다음에는 이 순서로
//@ko //   보낸다: 보냈지만 확인 응답을 받지 못한 측정값 전부를 DUP 1과 같은 패킷 식별자로 다시(4.4),
//@ko //   QoS 1로 `devices/<id>/cmd`를 구독하는 SUBSCRIBE, `devices/<id>/status`에 탄생 메시지
//@ko //   `online`(QoS 1, 보존), 그다음 새 측정값.
//@ko // - 표준 입력의 한 줄('\n'을 뺀 것. 빈 줄은 건너뛴다)이 측정값 하나다: `devices/<id>/readings`에
//@ko //   QoS 1로 순서대로 발행하는 PUBLISH, 처음에는 DUP 0. PUBACK은 같은 식별자의 PUBLISH를 확인
//@ko //   응답하고, 그 PUBLISH는 다시 보내지 않는다. 기기는 확인 응답을 받지 못한 측정값을 많아야
//@ko //   <queue-bound>개 쥔다. 그보다 많아지면 가장 오래된 것을 버리고, 표준 오류에
//@ko //   `dropped <n>`(지금까지 버린 개수)을 적는다.
//@ko // - `devices/<id>/cmd`에 온 PUBLISH는 명령이다: 표준 출력에 `command <payload>`를 적고
//@ko //   flush한다(표준 출력에는 그 밖에 아무것도 적지 않는다). QoS 1로 왔으면 PUBACK을 보낸다.
//@ko //   DUP 1이고 패킷 식별자와 페이로드가 이미 실행한 명령(적어도 마지막 16개)과 같으면 중복이다:
//@ko //   확인 응답은 하되 실행하지 않는다. DUP 0이면 언제나 새 명령이다(4.3.2-2).
//@ko // - 킵얼라이브: 패킷을 보내지 않은 채 킵얼라이브 초가 지나게 두지 않는다. 그때는 PINGREQ를
//@ko //   보낸다(3.1.2-23). 그 뒤 킵얼라이브 초 안에 PINGRESP가 오지 않으면 연결은 죽은 것이고, 실패다.
//@ko // - 실패(connect 실패, 브로커가 닫거나 리셋한 연결, 0이 아니거나 제때 오지 않은 CONNACK, 죽은
//@ko //   연결)가 n번 잇따르면, [d/2, d]에서 균등하게 고른 시간만큼 기다린다.
//@ko //   d = min(backoff-max, backoff-min × 2^(n-1)) ms. CONNACK 0이 오면 횟수는 처음부터 다시 센다.
//@ko //   첫 연결은 곧바로 한다. 네트워크 오류로 프로그램이 끝나는 일은 없다.
//@ko // - SIGTERM이나 SIGINT: 연결되어 있으면 DISCONNECT(그러면 브로커는 유언 메시지를 발행하지
//@ko //   않는다), 1초 안에 종료 상태 0. 표준 입력의 끝: 모든 측정값이 확인 응답을 받으면
//@ko //   DISCONNECT, 종료 상태 0.
//@ko // 규칙(채점기의 `rules` 테스트가 컴파일된 프로그램이 가져다 쓰는 함수를 읽는다):
//@ko // getaddrinfo와 gethostbyname은 쓰지 않는다(주소는 inet_pton이 만든다). 설계는 자유다(스레드,
//@ko // poll, epoll).
//@ko //
//@ko // 아래의 모양은 한 가지 방법이다: 스레드 하나가 poll(2) 하나로 브로커의 소켓, 표준 입력, 시그널
//@ko // 핸들러가 쓰는 self-pipe를 함께 기다린다. 타이머는 모두 CLOCK_MONOTONIC 밀리초의 한 시점이고,
//@ko // poll은 가장 가까운 시점까지 잔다. 패킷은 송신함에 넣고, 소켓이 받을 수 있을 때 보낸다.
//@ko //
//@ko // `// TODO n.`마다 한 단계의 강의 노트 C 호출을 인용한다. 그 아래의 `TODO("...")`는 프로그램을
//@ko // 그 자리에서 멈춘다(종료 상태 101, 채점기는 "시작 전"으로 보고한다): 그 단계의 코드로 바꾼다.
//@{
// The shape: one thread, one poll(2) over the broker's socket, stdin and a self-pipe the
// signal handler writes to; every timer is a point in CLOCK_MONOTONIC milliseconds, and poll
// sleeps until the nearest. Packets go into an outbox, sent when the socket takes them.
//@}

// -std=c17 hides the POSIX and Linux calls (sigaction, pipe2, random, ...) unless this comes
// before the first #include.
//@ko // -std=c17은 이 줄이 첫 #include보다 먼저 오지 않으면 POSIX와 리눅스 호출(sigaction, pipe2,
//@ko // random, ...)을 숨긴다.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

//@ #include "../common/lab.h"
#include "mqtt-codec.h"
//@
//@ // Keeps the compiler quiet while the stub is unfinished (a function not called yet, parameters
//@ // and variables not used yet); remove these lines when you are done.
//@ko // 스텁을 다 채우기 전까지 컴파일러 경고를 끈다(아직 부르지 않는 함수, 아직 쓰지 않는 인자와
//@ko // 변수). 다 채우면 이 줄들을 지운다.
//@ #pragma GCC diagnostic ignored "-Wunused-function"
//@ #pragma GCC diagnostic ignored "-Wunused-parameter"
//@ #pragma GCC diagnostic ignored "-Wunused-variable"

//@ko-next // 측정값 하나의 최대 바이트 수: 더 긴 줄은 여러 측정값으로 자른다
#define MAX_READING 1024 // a reading's bytes at most: a longer line is cut into readings
//@ko-next // 한꺼번에 전송 중일(보냈지만 확인 응답을 받지 못한) 수 있는 측정값 수
#define WINDOW 32        // readings in flight (sent, not acknowledged) at once
//@ko-next // 중복을 알아보려고 기억해 두는 명령 수(4.3.2-2)
#define REMEMBERED 16    // commands remembered, to know a duplicate (4.3.2-2)
//@ko-next // 송신함이 이보다 적게 담고 있는 동안 새 측정값을 넣는다
#define OUTBOX_LOW 4096  // new readings go into the outbox while it holds less than this
//@ko-next // "devices/" + 식별자 23바이트 + "/readings", 그리고 넉넉한 여유
#define TOPIC_MAX 64     // "devices/" + 23 bytes of id + "/readings", and room to spare

// What the command line says.
//@ko // 명령줄이 말하는 것.
struct config {
    struct sockaddr_in broker;
    char id[24];
    //@ko-next // 초
    uint16_t keep_alive; // seconds
    //@ko-next // 쥘 수 있는 측정값의 최대 개수
    size_t bound;        // readings held at most
    //@ko-next // 밀리초
    int64_t backoff_min, backoff_max; // ms
    char status[TOPIC_MAX], readings[TOPIC_MAX], cmd[TOPIC_MAX];
};

// A reading not yet acknowledged. id 0: never sent; else the packet identifier it was first
// sent with, kept for every resend (4.4).
//@ko // 아직 확인 응답을 받지 못한 측정값. id가 0이면 한 번도 보내지 않은 것이고, 아니면 처음 보낼 때
//@ko // 받은 패킷 식별자다. 다시 보낼 때마다 이 식별자를 그대로 쓴다(4.4).
struct reading {
    uint8_t *bytes;
    size_t len;
    uint16_t id;
};

// The readings held, oldest first, in a ring: the first `sent` have been sent (have an id).
//@ko // 쥐고 있는 측정값들, 오래된 것부터, 링 버퍼에: 앞의 `sent`개는 보낸 것이다(id가 있다).
struct held {
    struct reading *items;
    size_t cap, head, count, sent;
    //@ko-next // 시작한 뒤로
    unsigned long dropped; // since the start
};

// A command acted on: its packet identifier and payload.
//@ko // 실행한 명령: 그 패킷 식별자와 페이로드.
struct command {
    uint16_t id;
    uint8_t *payload;
    size_t len;
};

enum state { DOWN, CONNECTING, AWAITING_CONNACK, UP };

struct device {
    struct config cfg;
    enum state state;
    //@ko-next // 브로커와 연결된 소켓, DOWN이면 -1
    int fd;        // the broker's socket, -1 when DOWN
    //@ko-next // 송신함: 인코딩했지만 아직 보내지 않은 패킷들
    uint8_t *out;  // the outbox: encoded packets not yet sent
    size_t out_len, out_cap;
    //@ko-next // 받았지만 아직 온전한 패킷이 아닌 것
    uint8_t in[MAX_PACKET]; // received, not yet a whole packet
    size_t in_len;
    struct held q;
    //@ko-next // 마지막으로 준 패킷 식별자
    uint16_t last_id;  // the last packet identifier given
    //@ko-next // 탄생 메시지의 식별자, 그 PUBACK이 올 때까지. 0이면 없다
    uint16_t birth_id; // the birth message's, until its PUBACK; 0: none
    //@ko-next // SUBSCRIBE의 식별자, 그 SUBACK이 올 때까지. 0이면 없다
    uint16_t sub_id;   // the SUBSCRIBE's, until its SUBACK; 0: none
    //@ko-next // CONNECTING, AWAITING_CONNACK: 그때까지 아무것도 오지 않으면 실패인 마감 시각
    int64_t deadline;  // CONNECTING, AWAITING_CONNACK: the failure if nothing comes by then
    //@ko-next // UP: 브로커로 마지막 바이트가 나간 시각
    int64_t last_send; // UP: when a byte last left for the broker
    //@ko-next // UP: PINGRESP를 기다리는 PINGREQ가 나간 시각. 0이면 없다
    int64_t ping_sent; // UP: when the PINGREQ that waits for its PINGRESP went; 0: none
    //@ko-next // DOWN: 다시 연결할 시각
    int64_t retry_at;  // DOWN: when to connect again
    //@ko-next // 마지막 CONNACK 0 뒤로 잇따른 실패 횟수
    unsigned failures; // consecutive, since the last CONNACK 0
    bool stdin_open;
    //@ko-next // 읽고 있는 줄
    uint8_t line[MAX_READING]; // the line being read
    size_t line_len;
    struct command commands[REMEMBERED];
    //@ko-next // 다음에 실행할 명령을 기억해 둘 자리
    size_t next_command; // where the next one acted on is remembered
};

//@ko-next // self-pipe: 핸들러가 쓰고, poll이 읽는다
//@ static int wake_pipe[2] = {-1, -1}; // the self-pipe: the handler writes, poll reads
//@{
static int wake_pipe[2] = { -1, -1 }; // the self-pipe: the handler writes, poll reads
//@}

// ---- the clock, the signals, the command line ----
//@ko // ---- 시계, 시그널, 명령줄 ----

//@ // Given: now, in milliseconds of CLOCK_MONOTONIC (never set back, unlike the wall clock).
//@ko // 주어진 코드: 지금, CLOCK_MONOTONIC의 밀리초로(벽시계와 달리 절대 뒤로 가지 않는다).
//@{
// Now, in milliseconds of CLOCK_MONOTONIC (never set back, unlike the wall clock).
//@}
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

//@ // Given: SIGTERM and SIGINT: a byte into the self-pipe (write is async-signal-safe; errno is the
//@{
// SIGTERM and SIGINT: a byte into the self-pipe (write is async-signal-safe; errno is the
//@}
// interrupted code's).
//@ko // 주어진 코드: SIGTERM과 SIGINT: self-pipe에 바이트 하나를 쓴다(write는 비동기 시그널
//@ko // 안전(async-signal-safe)하다. errno는 중단된 코드의 것을 되돌려 둔다).
static void on_stop(int sig)
{
    int saved = errno;
    uint8_t b = (uint8_t)sig;
    if (write(wake_pipe[1], &b, 1) < 0) {
        // the pipe is full: a byte is there already, poll will see it
        //@ko // 파이프가 가득 찼다: 바이트가 이미 있으니 poll이 알아챈다
    }
    errno = saved;
}

//@ // Given: the self-pipe (course.md#signals-and-the-wait, as in day 6): SIGTERM and SIGINT write a
//@ // byte into it, which poll sees with the socket and stdin. SIGPIPE ignored: a write to a
//@ // closed socket or stdout is an EPIPE, not a death.
//@ko // 주어진 코드: self-pipe(course.ko.md#signals-and-the-wait, 6일차에서처럼): SIGTERM과 SIGINT가
//@ko // 여기에 바이트를 쓰고, poll이 소켓, 표준 입력과 함께 그것을 본다. SIGPIPE는 무시한다: 닫힌
//@ko // 소켓이나 표준 출력에 쓰면 프로세스가 죽지 않고 EPIPE를 받는다.
static int setup_signals(void)
{
    if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
        return -1;
    struct sigaction sa = {.sa_handler = on_stop};
    sigemptyset(&sa.sa_mask);
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    sigemptyset(&ignore.sa_mask);
    //@{
    // SIGPIPE ignored: a write to a closed socket or stdout is an EPIPE, not a death.
    //@}
    if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGPIPE, &ignore, NULL) < 0)
        return -1;
    return 0;
}

//@ // Given: a whole decimal number in [lo, hi] into *v; false if s is anything else.
//@ko // 주어진 코드: [lo, hi] 안의 십진수 하나를 *v에 넣는다. s가 그 밖의 것이면 false.
//@{
// A whole decimal number in [lo, hi] into *v; false if s is anything else.
//@}
static bool number(const char *s, long long lo, long long hi, long long *v)
{
    char *end;
    errno = 0;
    //@ko-next // strtoll은 부호나 공백도 받아들인다
    if (*s < '0' || *s > '9') // strtoll would take a sign or spaces
        return false;
    long long n = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || n < lo || n > hi)
        return false;
    *v = n;
    return true;
}

//@ // Given: 3.1.3-5: 1 to 23 bytes of 0-9a-zA-Z, the identifiers every broker must accept.
//@ko // 주어진 코드: 3.1.3-5: [0-9a-zA-Z]로 된 1~23바이트, 모든 브로커가 받아들여야 하는 식별자.
//@{
// 3.1.3-5: 1 to 23 bytes of 0-9a-zA-Z, the identifiers every broker must accept.
//@}
static bool valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n < 1 || n > 23)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'z') ||
              (id[i] >= 'A' && id[i] <= 'Z')))
            return false;
    return true;
}

// The command line into *c; false if it is not the contract's.
//@ko // 명령줄을 *c에 넣는다. 계약대로가 아니면 false.
static bool parse_args(int argc, char **argv, struct config *c)
{
    //@ // TODO 1. Seven arguments (argc 8), each as the contract says: the host with
    //@ //         inet_pton(AF_INET, argv[1], &c->broker.sin_addr) == 1 (no resolver: an address
    //@ //         in dotted form only); the numbers with number() and their ranges (backoff-max
    //@ //         from backoff-min up); the client id with valid_id(). Anything wrong: false.
    //@ //         *c = (struct config){.broker.sin_family = AF_INET} first; the port in network
    //@ //         byte order: htons((uint16_t)port).
    //@ko // TODO 1. 인자 일곱 개(argc 8), 저마다 계약대로: host는
    //@ko //         inet_pton(AF_INET, argv[1], &c->broker.sin_addr) == 1(리졸버는 쓰지 않는다: 점으로
    //@ko //         구분한 주소만 받는다). 수는 number()와 그 범위로(backoff-max는 backoff-min부터).
    //@ko //         클라이언트 식별자는 valid_id()로. 무엇이든 틀리면 false.
    //@ko //         먼저 *c = (struct config){.broker.sin_family = AF_INET}. 포트는 네트워크 바이트
    //@ko //         순서로: htons((uint16_t)port).
    //@ TODO("step 1: the arguments");
    //@ko TODO("1단계: 인자");
    //@ // TODO 2. The three topics, each once for all:
    //@ //         snprintf(c->status, sizeof c->status, "devices/%s/status", c->id); the same for
    //@ //         readings and cmd. true.
    //@ko // TODO 2. 토픽 세 개를 한 번에 만들어 둔다:
    //@ko //         snprintf(c->status, sizeof c->status, "devices/%s/status", c->id); readings와
    //@ko //         cmd도 같은 식으로. true.
    //@ TODO("step 2: the topics");
    //@ko TODO("2단계: 토픽");
    //@{
    long long port, keep_alive, bound, lo, hi;
    if (argc != 8)
        return false;
    *c = (struct config){.broker.sin_family = AF_INET};
    if (inet_pton(AF_INET, argv[1], &c->broker.sin_addr) != 1 ||
        !number(argv[2], 1, 65535, &port) || !valid_id(argv[3]) ||
        !number(argv[4], 1, 65535, &keep_alive) || !number(argv[5], 1, 1000000000, &bound) ||
        !number(argv[6], 1, 86400000, &lo) || !number(argv[7], lo, 86400000, &hi))
        return false;
    c->broker.sin_port = htons((uint16_t)port);
    strcpy(c->id, argv[3]);
    c->keep_alive = (uint16_t)keep_alive;
    c->bound = (size_t)bound;
    c->backoff_min = lo;
    c->backoff_max = hi;
    snprintf(c->status, sizeof c->status, "devices/%s/status", c->id);
    snprintf(c->readings, sizeof c->readings, "devices/%s/readings", c->id);
    snprintf(c->cmd, sizeof c->cmd, "devices/%s/cmd", c->id);
    return true;
    //@}
}

// ---- the readings held ----
//@ko // ---- 쥐고 있는 측정값 ----

//@ // Given: the i-th reading held, 0 the oldest.
//@ko // 주어진 코드: 쥐고 있는 측정값 가운데 i번째, 0이 가장 오래된 것.
//@{
// The i-th reading held, 0 the oldest.
//@}
static struct reading *nth(struct held *q, size_t i)
{
    return &q->items[(q->head + i) % q->cap];
}

//@ // Given: removes the i-th reading (i < sent: acknowledged, or the oldest, dropped): the older ones
//@{
// Removes the i-th reading (i < sent: acknowledged, or the oldest, dropped): the older ones
//@}
// move up one place, so the order stays.
//@ko // 주어진 코드: i번째 측정값을 뺀다(i < sent: 확인 응답을 받았거나, 가장 오래되어 버리는 것).
//@ko // 그보다 오래된 것들이 한 칸씩 당겨지므로 순서는 그대로다.
static void remove_nth(struct held *q, size_t i)
{
    free(nth(q, i)->bytes);
    for (size_t j = i; j > 0; j--)
        *nth(q, j) = *nth(q, j - 1);
    q->head = (q->head + 1) % q->cap;
    q->count--;
    if (i < q->sent)
        q->sent--;
}

// A new reading, at the end; the oldest dropped first if the device holds `bound` already.
// -1 if out of memory.
//@ko // 새 측정값을 맨 뒤에 넣는다. 기기가 이미 `bound`개를 쥐고 있으면 가장 오래된 것을 먼저 버린다.
//@ko // 메모리가 모자라면 -1.
static int add_reading(struct device *d, const uint8_t *bytes, size_t len)
{
    struct held *q = &d->q;
    //@ // TODO 1. Already `bound` readings held: the oldest goes, sent or not, never to be sent
    //@ //         again: remove_nth(q, 0), q->dropped + 1, and the line on stderr:
    //@ //         fprintf(stderr, "dropped %lu\n", q->dropped);
    //@ko // TODO 1. 이미 `bound`개를 쥐고 있으면 가장 오래된 것을, 보냈든 안 보냈든 버리고 다시는
    //@ko //         보내지 않는다: remove_nth(q, 0), q->dropped + 1, 그리고 표준 오류에 그 줄을 적는다:
    //@ko //         fprintf(stderr, "dropped %lu\n", q->dropped);
    //@ TODO("step 1: the bound");
    //@ko TODO("1단계: 한도");
    //@ko-next // 주어진 코드: 링 버퍼를 늘린다. 가장 오래된 것이 0에 온다
    //@ if (q->count == q->cap) { // given: grow the ring, oldest first at 0
    //@{
    if (q->count == d->cfg.bound) {
        remove_nth(q, 0); // never sent again, even if in flight: its PUBACK is ignored
        q->dropped++;
        fprintf(stderr, "dropped %lu\n", q->dropped);
    }
    if (q->count == q->cap) { // grow the ring, oldest first at 0
    //@}
        size_t cap = q->cap == 0 ? 16 : q->cap * 2;
        struct reading *items = malloc(cap * sizeof *items);
        if (items == NULL)
            return -1;
        for (size_t i = 0; i < q->count; i++)
            items[i] = *nth(q, i);
        free(q->items);
        *q = (struct held){items, cap, 0, q->count, q->sent, q->dropped};
    }
    //@ // TODO 2. A copy of the bytes (malloc, memcpy: the line buffer is reused), at the end,
    //@ //         never sent yet: *nth(q, q->count++) = (struct reading){copy, len, 0}; 0.
    //@ko // TODO 2. 바이트의 사본(malloc, memcpy: 줄 버퍼는 다시 쓰인다)을 맨 뒤에, 아직 보내지 않은
    //@ko //         것으로 넣는다: *nth(q, q->count++) = (struct reading){copy, len, 0}; 0을 돌려준다.
    //@ TODO("step 2: the reading at the end");
    //@ko TODO("2단계: 측정값을 맨 뒤에");
    //@{
    uint8_t *copy = malloc(len);
    if (copy == NULL)
        return -1;
    memcpy(copy, bytes, len);
    *nth(q, q->count++) = (struct reading){copy, len, 0};
    return 0;
    //@}
}

// A packet identifier no unacknowledged PUBLISH of this device holds (2.3.1-2): the next after
// the last one given, 1 to 65535, skipping those in use.
//@ko // 이 기기의 확인 응답을 받지 못한 PUBLISH 가운데 어느 것도 쓰지 않는 패킷 식별자(2.3.1-2):
//@ko // 마지막으로 준 것의 다음 수, 1~65535, 쓰고 있는 것은 건너뛴다.
static uint16_t new_packet_id(struct device *d)
{
    //@ // TODO d->last_id + 1, from 65535 back to 1 (never 0, 2.3.1-1), until it is neither
    //@ //      d->birth_id, nor d->sub_id, nor the id of one of the first d->q.sent readings.
    //@ko // TODO d->last_id + 1, 65535 다음은 1(0은 절대 아니다, 2.3.1-1). d->birth_id도, d->sub_id도,
    //@ko //      앞의 d->q.sent개 측정값의 id도 아닐 때까지 되풀이한다.
    //@ TODO("a free packet identifier");
    //@ko TODO("비어 있는 패킷 식별자");
    //@{
    for (;;) {
        d->last_id = d->last_id == 65535 ? 1 : d->last_id + 1;
        bool used = d->last_id == d->birth_id || d->last_id == d->sub_id;
        for (size_t i = 0; i < d->q.sent && !used; i++)
            used = nth(&d->q, i)->id == d->last_id;
        if (!used)
            return d->last_id;
    }
    //@}
}

// ---- the outbox ----
//@ko // ---- 송신함 ----

//@ // Given: room for n more bytes at the outbox's end: where they go; NULL if out of memory.
//@ko // 주어진 코드: 송신함 끝에 n바이트를 더 둘 자리: 그 바이트가 갈 곳, 메모리가 모자라면 NULL.
//@{
// Room for n more bytes at the outbox's end: where they go; NULL if out of memory.
//@}
static uint8_t *out_room(struct device *d, size_t n)
{
    if (d->out_cap - d->out_len < n) {
        size_t cap = d->out_cap == 0 ? 8192 : d->out_cap;
        while (cap - d->out_len < n)
            cap *= 2;
        uint8_t *p = realloc(d->out, cap);
        if (p == NULL)
            return NULL;
        d->out = p;
        d->out_cap = cap;
    }
    return d->out + d->out_len;
}

// A PUBLISH into the outbox.
//@ko // PUBLISH 하나를 송신함에 넣는다.
static void queue_publish(struct device *d, const char *topic, const uint8_t *payload,
                          size_t len, bool dup, bool retain, uint16_t id)
{
    //@ // TODO A struct mqtt_publish (qos 1, dup, retain, the topic's bytes, id, the payload), then
    //@ //      room for it, at most 5 + 2 + TOPIC_MAX + 2 + len bytes: uint8_t *p = out_room(d, room);
    //@ //      (NULL: nothing), and d->out_len += mqtt_encode_publish(p, room, &m);
    //@ko // TODO struct mqtt_publish(qos 1, dup, retain, 토픽의 바이트, id, 페이로드)를 채우고, 그
    //@ko //      패킷이 들어갈 자리, 많아야 5 + 2 + TOPIC_MAX + 2 + len바이트를 얻는다:
    //@ko //      uint8_t *p = out_room(d, room); (NULL이면 아무것도 하지 않는다), 그리고
    //@ko //      d->out_len += mqtt_encode_publish(p, room, &m);
    //@ TODO("a PUBLISH into the outbox");
    //@ko TODO("PUBLISH를 송신함에 넣는다");
    //@{
    struct mqtt_publish m = {.dup = dup,
                             .qos = 1,
                             .retain = retain,
                             .topic = {(const uint8_t *)topic, strlen(topic)},
                             .packet_id = id,
                             .payload = {payload, len}};
    size_t room = 5 + 2 + TOPIC_MAX + 2 + len;
    uint8_t *p = out_room(d, room);
    if (p != NULL)
        d->out_len += mqtt_encode_publish(p, room, &m);
    //@}
}

//@ // Given: a packet of at most 4 bytes (PUBACK, PINGREQ, DISCONNECT) into the outbox.
//@ko // 주어진 코드: 많아야 4바이트인 패킷(PUBACK, PINGREQ, DISCONNECT)을 송신함에 넣는다.
//@{
// A packet of at most 4 bytes (PUBACK, PINGREQ, DISCONNECT) into the outbox.
//@}
static void queue_small(struct device *d, const uint8_t *packet, size_t n)
{
    uint8_t *p = out_room(d, n);
    if (p != NULL) {
        memcpy(p, packet, n);
        d->out_len += n;
    }
}

// Sends what the socket takes now (non-blocking): 0, or -1 if the connection is broken.
//@ko // 소켓이 지금 받는 만큼 보낸다(논블로킹). 0, 연결이 깨졌으면 -1.
static int flush_outbox(struct device *d)
{
    //@ // TODO While bytes are left:
    //@ //      n = send(d->fd, d->out + done, d->out_len - done, MSG_NOSIGNAL);
    //@ //      EINTR: again; EAGAIN: stop here (poll says POLLOUT when there is room); another
    //@ //      error: -1. n bytes went: done + n, and d->last_send = now_ms() (3.1.2-23: the keep
    //@ //      alive counts from the last packet sent). Then what is left to the front (memmove),
    //@ //      d->out_len - done; 0.
    //@ko // TODO 바이트가 남아 있는 동안:
    //@ko //      n = send(d->fd, d->out + done, d->out_len - done, MSG_NOSIGNAL);
    //@ko //      EINTR이면 다시, EAGAIN이면 여기서 멈춘다(자리가 나면 poll이 POLLOUT으로 알려 준다).
    //@ko //      다른 오류는 -1. n바이트가 나갔으면 done + n, 그리고 d->last_send = now_ms()
    //@ko //      (3.1.2-23: 킵얼라이브는 마지막으로 보낸 패킷부터 센다). 그다음 남은 것을 앞으로
    //@ko //      당기고(memmove), d->out_len - done; 0을 돌려준다.
    //@ TODO("send what the socket takes");
    //@ko TODO("소켓이 받는 만큼 보낸다");
    //@{
    size_t done = 0;
    while (done < d->out_len) {
        ssize_t n = send(d->fd, d->out + done, d->out_len - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n < 0)
            return -1;
        done += (size_t)n;
        d->last_send = now_ms(); // 3.1.2-23: any packet resets the keep alive
    }
    memmove(d->out, d->out + done, d->out_len - done);
    d->out_len -= done;
    return 0;
    //@}
}

// New readings into the outbox, in order, each with a new packet identifier, DUP 0: as many as
// the window and the outbox take.
//@ko // 새 측정값들을 순서대로 송신함에 넣는다. 저마다 새 패킷 식별자, DUP 0으로, 윈도와 송신함이
//@ko // 받는 만큼.
static void send_new_readings(struct device *d)
{
    //@ // TODO While up, a reading held and not sent (d->q.sent < d->q.count), fewer than WINDOW in
    //@ //      flight and the outbox under OUTBOX_LOW: the reading nth(&d->q, d->q.sent) gets
    //@ //      new_packet_id, goes out on d->cfg.readings (DUP 0, RETAIN 0), and d->q.sent + 1.
    //@ko // TODO 연결되어 있고, 쥐고 있지만 보내지 않은 측정값이 있고(d->q.sent < d->q.count), 전송 중인
    //@ko //      것이 WINDOW개보다 적고, 송신함이 OUTBOX_LOW보다 적게 담고 있는 동안:
    //@ko //      측정값 nth(&d->q, d->q.sent)가 new_packet_id를 받고, d->cfg.readings로 나가고(DUP 0,
    //@ko //      RETAIN 0), d->q.sent + 1.
    //@ TODO("new readings into the outbox");
    //@ko TODO("새 측정값을 송신함에 넣는다");
    //@{
    while (d->state == UP && d->q.sent < d->q.count && d->q.sent < WINDOW &&
           d->out_len < OUTBOX_LOW) {
        struct reading *r = nth(&d->q, d->q.sent);
        r->id = new_packet_id(d);
        queue_publish(d, d->cfg.readings, r->bytes, r->len, false, false, r->id);
        d->q.sent++;
    }
    //@}
}

// ---- connecting, and failing ----
//@ko // ---- 연결하기, 그리고 실패하기 ----

// d_n = min(max, min * 2^(n-1)) for the n-th consecutive failure; the wait is uniformly random
// in [d_n/2, d_n] ("equal jitter": never below half, never above backoff-max; two devices that
// failed together do not come back together).
//@ko // n번 잇따른 실패 뒤의 d_n = min(max, min * 2^(n-1)). 기다리는 시간은 [d_n/2, d_n]에서 균등하게
//@ko // 고른다("equal jitter": 절반보다 짧지 않고, backoff-max보다 길지 않다. 함께 실패한 두 기기가
//@ko // 함께 돌아오지 않는다).
static int64_t backoff(const struct config *c, unsigned n)
{
    //@ // TODO 1. d = backoff_min << (n - 1), or backoff_max if that is more (or if n - 1 is 36 or
    //@ //         more: past that the shift overflows).
    //@ko // TODO 1. d = backoff_min << (n - 1), 그것이 더 크면 backoff_max(n - 1이 36 이상이어도
    //@ko //         backoff_max: 그 너머에서는 시프트가 넘친다).
    //@ TODO("step 1: doubling, up to backoff-max");
    //@ko TODO("1단계: 두 배씩, backoff-max까지");
    //@ // TODO 2. lo = (d + 1) / 2 (half, rounded up); return lo + random() % (d - lo + 1);
    //@ko // TODO 2. lo = (d + 1) / 2(절반, 올림); return lo + random() % (d - lo + 1);
    //@ TODO("step 2: the jitter");
    //@ko TODO("2단계: 지터");
    //@{
    int64_t d = c->backoff_max;
    if (n - 1 < 36 && (c->backoff_min << (n - 1)) < c->backoff_max) // 2^27 << 35: no overflow
        d = c->backoff_min << (n - 1);
    int64_t lo = (d + 1) / 2; // d/2 rounded up: never below half
    return lo + random() % (d - lo + 1);
    //@}
}

// The connection failed (refused, closed, reset, a CONNACK not 0 or not in time, a dead link):
// it is closed and forgotten, and the next attempt waits its backoff.
//@ko // 연결이 실패했다(거절, 닫힘, 리셋, 0이 아니거나 제때 오지 않은 CONNACK, 죽은 연결): 연결을 닫고
//@ko // 잊는다. 다음 시도는 백오프만큼 기다린다.
static void fail(struct device *d, const char *why)
{
    //@ // TODO 1. close(d->fd) if it is open (>= 0), d->fd = -1, d->state = DOWN; the outbox and
    //@ //         the read buffer emptied (out_len, in_len 0: the readings held are sent again
    //@ //         from the queue); birth_id, sub_id and ping_sent 0.
    //@ko // TODO 1. 열려 있으면(>= 0) close(d->fd), d->fd = -1, d->state = DOWN. 송신함과 읽기 버퍼를
    //@ko //         비운다(out_len, in_len을 0으로: 쥐고 있는 측정값은 큐에서 다시 보낸다). birth_id,
    //@ko //         sub_id, ping_sent는 0.
    //@ TODO("step 1: forget the connection");
    //@ko TODO("1단계: 연결을 잊는다");
    //@ // TODO 2. d->failures + 1; wait = backoff(&d->cfg, d->failures);
    //@ //         d->retry_at = now_ms() + wait; and why on stderr:
    //@ //         fprintf(stderr, "sensor-device: %s; connecting again in %lld ms\n", why, ...);
    //@ko // TODO 2. d->failures + 1; wait = backoff(&d->cfg, d->failures);
    //@ko //         d->retry_at = now_ms() + wait; 그리고 표준 오류에 까닭을 적는다:
    //@ko //         fprintf(stderr, "sensor-device: %s; connecting again in %lld ms\n", why, ...);
    //@ TODO("step 2: the backoff");
    //@ko TODO("2단계: 백오프");
    //@{
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
    d->state = DOWN;
    d->out_len = 0; // what was not sent is sent again from the readings held
    d->in_len = 0;
    d->birth_id = 0; // a new birth message and SUBSCRIBE go on the next connection
    d->sub_id = 0;
    d->ping_sent = 0;
    d->failures++;
    int64_t wait = backoff(&d->cfg, d->failures);
    d->retry_at = now_ms() + wait;
    fprintf(stderr, "sensor-device: %s; connecting again in %lld ms\n", why, (long long)wait);
    //@}
}

// 3.1: CONNECT, clean session 0, the will `offline` on devices/<id>/status, QoS 1, retained
// (connect flags 0x2C); then the CONNACK has keep-alive seconds to come.
//@ko // 3.1: CONNECT, clean session 0, devices/<id>/status에 유언 메시지 `offline`, QoS 1, 보존(연결
//@ko // 플래그 0x2C). 그 뒤 CONNACK에 킵얼라이브 초가 주어진다.
static void send_connect(struct device *d)
{
    static const uint8_t offline[] = {'o', 'f', 'f', 'l', 'i', 'n', 'e'};
    //@ // TODO 1. struct mqtt_connect k: clean false, the keep alive, the client id, will true, the
    //@ //         will topic d->cfg.status and message `offline`, will_qos 1, will_retain true
    //@ //         (each string a struct mqtt_bytes: {(const uint8_t *)s, strlen(s)}).
    //@ko // TODO 1. struct mqtt_connect k: clean false, 킵얼라이브, 클라이언트 식별자, will true, 유언
    //@ko //         메시지의 토픽 d->cfg.status와 메시지 `offline`, will_qos 1, will_retain true
    //@ko //         (문자열은 저마다 struct mqtt_bytes: {(const uint8_t *)s, strlen(s)}).
    //@ TODO("step 1: the CONNECT's fields");
    //@ko TODO("1단계: CONNECT의 필드");
    //@ // TODO 2. uint8_t *p = out_room(d, 128); d->out_len += mqtt_encode_connect(p, 128, &k);
    //@ //         then d->state = AWAITING_CONNACK, d->deadline = now + keep-alive seconds (ms).
    //@ko // TODO 2. uint8_t *p = out_room(d, 128); d->out_len += mqtt_encode_connect(p, 128, &k);
    //@ko //         그다음 d->state = AWAITING_CONNACK, d->deadline = 지금 + 킵얼라이브 초(밀리초로).
    //@ TODO("step 2: CONNECT, and the CONNACK's deadline");
    //@ko TODO("2단계: CONNECT, 그리고 CONNACK의 마감 시각");
    //@{
    struct mqtt_connect k = {.clean = false,
                             .keep_alive = d->cfg.keep_alive,
                             .id = {(const uint8_t *)d->cfg.id, strlen(d->cfg.id)},
                             .will = true,
                             .will_topic = {(const uint8_t *)d->cfg.status, strlen(d->cfg.status)},
                             .will_payload = {offline, sizeof offline},
                             .will_qos = 1,
                             .will_retain = true};
    uint8_t *p = out_room(d, 128);
    if (p != NULL)
        d->out_len += mqtt_encode_connect(p, 128, &k);
    d->state = AWAITING_CONNACK;
    d->deadline = now_ms() + 1000 * (int64_t)d->cfg.keep_alive;
    //@}
}

// A new TCP connection, non-blocking: poll says when connect(2) is done (POLLOUT). It has
// keep-alive seconds, as the CONNACK has.
//@ko // 논블로킹으로 여는 새 TCP 연결: connect(2)가 끝나면 poll이 알려 준다(POLLOUT). CONNACK처럼
//@ko // 킵얼라이브 초가 주어진다.
static void start_connect(struct device *d)
{
    //@ // TODO 1. d->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    //@ //         -1: fail(d, "socket failed"). Else d->state = CONNECTING, d->deadline = now +
    //@ //         keep-alive seconds.
    //@ko // TODO 1. d->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    //@ko //         -1이면 fail(d, "socket failed"). 아니면 d->state = CONNECTING, d->deadline = 지금 +
    //@ko //         킵얼라이브 초.
    //@ TODO("step 1: a non-blocking socket");
    //@ko TODO("1단계: 논블로킹 소켓");
    //@ // TODO 2. connect(d->fd, (struct sockaddr *)&d->cfg.broker, sizeof d->cfg.broker);
    //@ //         0 (done at once): send_connect; -1 with EINPROGRESS: poll says when (POLLOUT);
    //@ //         another errno: fail(d, strerror(errno)).
    //@ko // TODO 2. connect(d->fd, (struct sockaddr *)&d->cfg.broker, sizeof d->cfg.broker);
    //@ko //         0(곧바로 끝났다)이면 send_connect. -1에 EINPROGRESS면 poll이 알려 준다(POLLOUT).
    //@ko //         다른 errno면 fail(d, strerror(errno)).
    //@ TODO("step 2: connect");
    //@ko TODO("2단계: connect");
    //@{
    d->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (d->fd < 0) {
        fail(d, "socket failed");
        return;
    }
    d->state = CONNECTING;
    d->deadline = now_ms() + 1000 * (int64_t)d->cfg.keep_alive;
    if (connect(d->fd, (struct sockaddr *)&d->cfg.broker, sizeof d->cfg.broker) == 0)
        send_connect(d);
    else if (errno != EINPROGRESS)
        fail(d, strerror(errno));
    //@}
}

// POLLOUT on a connecting socket: connect(2) is done; SO_ERROR says how.
//@ko // 연결 중인 소켓에 POLLOUT: connect(2)가 끝났다. 어떻게 끝났는지는 SO_ERROR가 말한다.
static void on_connected(struct device *d)
{
    //@ // TODO int err = 0; socklen_t len = sizeof err;
    //@ //      getsockopt(d->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    //@ //      err not 0 (refused, unreachable): fail(d, strerror(err)); else send_connect.
    //@ko // TODO int err = 0; socklen_t len = sizeof err;
    //@ko //      getsockopt(d->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    //@ko //      err가 0이 아니면(거절, 도달 불가) fail(d, strerror(err)), 아니면 send_connect.
    //@ TODO("how connect ended");
    //@ko TODO("connect가 어떻게 끝났나");
    //@{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(d->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
        err = errno;
    if (err != 0)
        fail(d, strerror(err));
    else
        send_connect(d);
    //@}
}

// CONNACK 0: the connection is up. In this order (4.4, 3.3.1.1): every reading sent before
// and not acknowledged, again with DUP 1 and its packet identifier, before any new one; the
// SUBSCRIBE to the commands (on every connection: the broker may have lost the session); the
// retained birth message, which replaces the will `offline` if it was published; then the new
// readings.
//@ko // CONNACK 0: 연결되었다. 이 순서로 보낸다(4.4, 3.3.1.1): 전에 보냈지만 확인 응답을 받지 못한
//@ko // 측정값 전부를 DUP 1과 그 패킷 식별자로 다시, 새 것보다 먼저. 명령을 구독하는 SUBSCRIBE(연결할
//@ko // 때마다: 브로커가 세션을 잃었을 수 있다). 보존되는 탄생 메시지, 유언 메시지 `offline`이
//@ko // 발행되었다면 이것이 그 자리를 차지한다. 그다음 새 측정값.
static void go_up(struct device *d, bool session_present)
{
    static const uint8_t online[] = {'o', 'n', 'l', 'i', 'n', 'e'};
    //@ // TODO 1. d->state = UP, d->failures = 0 (the backoff starts again), d->last_send = now.
    //@ko // TODO 1. d->state = UP, d->failures = 0(백오프를 처음부터 다시 센다), d->last_send = 지금.
    //@ TODO("step 1: up");
    //@ko TODO("1단계: 연결됨");
    //@ // TODO 2. Each of the first d->q.sent readings, in order: queue_publish with DUP 1 and its
    //@ //         own r->id (4.4, 3.3.1.1), whether the session is present or not.
    //@ko // TODO 2. 앞의 d->q.sent개 측정값을 순서대로: DUP 1과 저마다 제 r->id로 queue_publish
    //@ko //         (4.4, 3.3.1.1), 세션이 남아 있든 없든.
    //@ TODO("step 2: the resends, first");
    //@ko TODO("2단계: 다시 보내기가 먼저");
    //@ // TODO 3. SUBSCRIBE to d->cfg.cmd at QoS 1: d->sub_id = new_packet_id(d);
    //@ //         mqtt_encode_subscribe(buf, sizeof buf, d->sub_id, filter, 1), into the outbox.
    //@ko // TODO 3. QoS 1로 d->cfg.cmd를 구독하는 SUBSCRIBE: d->sub_id = new_packet_id(d);
    //@ko //         mqtt_encode_subscribe(buf, sizeof buf, d->sub_id, filter, 1), 송신함에.
    //@ TODO("step 3: SUBSCRIBE");
    //@ko TODO("3단계: SUBSCRIBE");
    //@ // TODO 4. The birth: d->birth_id = new_packet_id(d); queue_publish on d->cfg.status,
    //@ //         `online`, DUP 0, RETAIN 1. Then send_new_readings(d).
    //@ko // TODO 4. 탄생 메시지: d->birth_id = new_packet_id(d); d->cfg.status에 `online`을
    //@ko //         queue_publish, DUP 0, RETAIN 1. 그다음 send_new_readings(d).
    //@ TODO("step 4: the birth message, then new readings");
    //@ko TODO("4단계: 탄생 메시지, 그다음 새 측정값");
    //@{
    (void)session_present; // unacknowledged readings go again either way
    d->state = UP;
    d->failures = 0;
    d->last_send = now_ms();
    for (size_t i = 0; i < d->q.sent; i++) {
        struct reading *r = nth(&d->q, i);
        queue_publish(d, d->cfg.readings, r->bytes, r->len, true, false, r->id);
    }
    uint8_t sub[128];
    struct mqtt_bytes filter = {(const uint8_t *)d->cfg.cmd, strlen(d->cfg.cmd)};
    d->sub_id = new_packet_id(d);
    size_t n = mqtt_encode_subscribe(sub, sizeof sub, d->sub_id, filter, 1);
    uint8_t *p = out_room(d, n);
    if (p != NULL) {
        memcpy(p, sub, n);
        d->out_len += n;
    }
    d->birth_id = new_packet_id(d);
    queue_publish(d, d->cfg.status, online, sizeof online, false, true, d->birth_id);
    send_new_readings(d);
    //@}
}

// ---- what the broker sends ----
//@ko // ---- 브로커가 보내는 것 ----

//@ // Given: whether (id, payload) is a command acted on already.
//@ko // 주어진 코드: (id, payload)가 이미 실행한 명령인가.
//@{
// Whether (id, payload) is a command acted on already.
//@}
static bool acted_on(const struct device *d, uint16_t id, struct mqtt_bytes payload)
{
    for (size_t i = 0; i < REMEMBERED; i++) {
        const struct command *c = &d->commands[i];
        if (c->payload != NULL && c->id == id && c->len == payload.len &&
            memcmp(c->payload, payload.p, payload.len) == 0)
            return true;
    }
    return false;
}

//@ // Given: remembers a command acted on, in place of the oldest of the REMEMBERED.
//@ko // 주어진 코드: 실행한 명령을 기억해 둔다. REMEMBERED개 가운데 가장 오래된 것의 자리에.
//@{
// Remembers a command acted on, in place of the oldest of the REMEMBERED.
//@}
static void remember(struct device *d, uint16_t id, struct mqtt_bytes payload)
{
    struct command *c = &d->commands[d->next_command];
    //@ko-next // + 1: 빈 페이로드도 기억한다
    uint8_t *copy = malloc(payload.len + 1); // + 1: an empty payload is remembered too
    if (copy == NULL)
        return;
    memcpy(copy, payload.p, payload.len);
    free(c->payload);
    *c = (struct command){id, copy, payload.len};
    d->next_command = (d->next_command + 1) % REMEMBERED;
}

// A command: acted on (`command <payload>` on stdout, flushed) unless it is a duplicate, a
// DUP 1 PUBLISH whose packet identifier and payload are one acted on already; a DUP 0 one is
// always new, even with a known identifier (4.3.2-2). QoS 1: a PUBACK either way (4.3.2).
//@ko // 명령: 중복이 아니면 실행한다(표준 출력에 `command <payload>`, 그리고 flush). 중복이란 패킷
//@ko // 식별자와 페이로드가 이미 실행한 명령과 같은 DUP 1 PUBLISH다. DUP 0이면 아는 식별자여도 언제나
//@ko // 새 명령이다(4.3.2-2). QoS 1이면 어느 쪽이든 PUBACK을 보낸다(4.3.2).
static int on_publish(struct device *d, const struct mqtt_packet *p, struct mqtt_reader *r,
                      const char **why)
{
    //@ // TODO 1. struct mqtt_publish m; mqtt_decode_publish(r, p->flags, &m): false, *why = r->why
    //@ //         and -1. QoS 2: -1 too (the SUBSCRIBE asked for 1).
    //@ko // TODO 1. struct mqtt_publish m; mqtt_decode_publish(r, p->flags, &m)가 false면
    //@ko //         *why = r->why, 그리고 -1. QoS 2도 -1(SUBSCRIBE는 1을 요청했다).
    //@ TODO("step 1: decode");
    //@ko TODO("1단계: 디코드");
    //@ // TODO 2. On d->cfg.cmd (the same length, memcmp), and not a duplicate (QoS 1, DUP 1 and
    //@ //         acted_on(d, m.packet_id, m.payload)): act. printf("command "); the payload with
    //@ //         fwrite(m.payload.p, 1, m.payload.len, stdout) (bytes, not a C string);
    //@ //         printf("\n"); fflush(stdout); then, at QoS 1, remember(d, m.packet_id, m.payload).
    //@ko // TODO 2. d->cfg.cmd에 왔고(같은 길이, memcmp) 중복이 아니면(QoS 1, DUP 1,
    //@ko //         acted_on(d, m.packet_id, m.payload)가 아니면) 실행한다. printf("command ");
    //@ko //         페이로드는 fwrite(m.payload.p, 1, m.payload.len, stdout)로(C 문자열이 아니라
    //@ko //         바이트다); printf("\n"); fflush(stdout); 그다음 QoS 1이면
    //@ko //         remember(d, m.packet_id, m.payload).
    //@ TODO("step 2: act, once");
    //@ko TODO("2단계: 한 번만 실행한다");
    //@ // TODO 3. QoS 1: a PUBACK, duplicate or not:
    //@ //         uint8_t ack[4]; queue_small(d, ack, mqtt_encode_puback(ack, sizeof ack, id)); 0.
    //@ko // TODO 3. QoS 1이면 중복이든 아니든 PUBACK:
    //@ko //         uint8_t ack[4]; queue_small(d, ack, mqtt_encode_puback(ack, sizeof ack, id)); 0.
    //@ TODO("step 3: PUBACK");
    //@ko TODO("3단계: PUBACK");
    //@{
    struct mqtt_publish m;
    if (!mqtt_decode_publish(r, p->flags, &m)) {
        *why = r->why;
        return -1;
    }
    if (m.qos == 2) {
        *why = "a PUBLISH at QoS 2, which the SUBSCRIBE never asked for (3.8.4)";
        return -1;
    }
    bool ours =
        m.topic.len == strlen(d->cfg.cmd) && memcmp(m.topic.p, d->cfg.cmd, m.topic.len) == 0;
    if (ours && !(m.qos == 1 && m.dup && acted_on(d, m.packet_id, m.payload))) {
        printf("command ");
        fwrite(m.payload.p, 1, m.payload.len, stdout);
        printf("\n");
        fflush(stdout);
        if (m.qos == 1)
            remember(d, m.packet_id, m.payload);
    }
    if (m.qos == 1) {
        uint8_t ack[4];
        queue_small(d, ack, mqtt_encode_puback(ack, sizeof ack, m.packet_id));
    }
    return 0;
    //@}
}

// A PUBACK acknowledges the PUBLISH with its packet identifier (4.3.2), whatever its place: a
// reading, never sent again; or the birth message. One for nothing held (a duplicate, a dropped
// reading's) changes nothing.
//@ko // PUBACK은 자리가 어디든 같은 패킷 식별자의 PUBLISH를 확인 응답한다(4.3.2): 측정값이면 다시는
//@ko // 보내지 않고, 탄생 메시지일 수도 있다. 쥐고 있지 않은 것의 PUBACK(중복, 버린 측정값의 것)은
//@ko // 아무것도 바꾸지 않는다.
static void on_puback(struct device *d, uint16_t id)
{
    //@ // TODO id == d->birth_id: birth_id = 0, done. Else the one of the first d->q.sent readings
    //@ //      with that id: remove_nth, then send_new_readings (there is room in the window).
    //@ //      An id of nothing held: nothing.
    //@ko // TODO id == d->birth_id면 birth_id = 0, 끝. 아니면 앞의 d->q.sent개 측정값 가운데 그 id인
    //@ko //      것을 remove_nth하고 send_new_readings(윈도에 자리가 났다). 쥐고 있지 않은 id면
    //@ko //      아무것도 하지 않는다.
    //@ TODO("acknowledged");
    //@{
    if (id == d->birth_id) {
        d->birth_id = 0;
        return;
    }
    for (size_t i = 0; i < d->q.sent; i++)
        if (nth(&d->q, i)->id == id) {
            remove_nth(&d->q, i);
            send_new_readings(d);
            return;
        }
    //@}
}

// The CONNACK (3.2): 0, the connection is up; a return code other than 0, a failure.
//@ko // CONNACK(3.2): 0이면 연결되었다. 0이 아닌 반환 코드는 실패다.
static int on_connack(struct device *d, struct mqtt_reader *r, const char **why)
{
    bool session_present;
    uint8_t code;
    //@ // TODO Up already: *why = "a second CONNACK (3.2)", -1. mqtt_decode_connack(r,
    //@ //      &session_present, &code) false: *why = r->why, -1. code not 0: *why = "the CONNACK
    //@ //      refused the connection (3.2.2.3)", -1. Else go_up(d, session_present); 0.
    //@ko // TODO 이미 연결되어 있으면 *why = "a second CONNACK (3.2)", -1. mqtt_decode_connack(r,
    //@ko //      &session_present, &code)가 false면 *why = r->why, -1. code가 0이 아니면 *why = "the
    //@ko //      CONNACK refused the connection (3.2.2.3)", -1. 아니면 go_up(d, session_present); 0.
    //@ TODO("the CONNACK");
    //@ko TODO("CONNACK");
    //@{
    if (d->state == UP) {
        *why = "a second CONNACK (3.2)";
        return -1;
    }
    if (!mqtt_decode_connack(r, &session_present, &code)) {
        *why = r->why;
        return -1;
    }
    if (code != 0) {
        *why = "the CONNACK refused the connection (3.2.2.3)";
        return -1;
    }
    go_up(d, session_present);
    return 0;
    //@}
}

//@ // Given: the SUBACK (3.9): a refusal (0x80) is said on stderr; the device goes on without commands.
//@ko // 주어진 코드: SUBACK(3.9): 거절(0x80)은 표준 오류에 적는다. 기기는 명령 없이 계속 간다.
//@{
// The SUBACK (3.9): a refusal (0x80) is said on stderr; the device goes on without commands.
//@}
static int on_suback(struct device *d, struct mqtt_reader *r, const char **why)
{
    uint16_t id;
    struct mqtt_bytes codes;
    if (!mqtt_decode_suback(r, &id, &codes)) {
        *why = r->why;
        return -1;
    }
    if (id == d->sub_id)
        d->sub_id = 0;
    if (codes.p[0] == 0x80)
        fprintf(stderr, "sensor-device: the broker refused the subscription to %s\n", d->cfg.cmd);
    return 0;
}

//@ // Given: one packet from the broker: 0, or -1 with *why if the connection must end.
//@ko // 주어진 코드: 브로커가 보낸 패킷 하나. 0, 연결을 끝내야 하면 *why와 함께 -1.
//@{
// One packet from the broker: 0, or -1 with *why if the connection must end.
//@}
static int handle(struct device *d, const struct mqtt_packet *p, const char **why)
{
    struct mqtt_reader r = {p->body, p->len, NULL};
    uint16_t id;
    if (d->state == AWAITING_CONNACK && p->type != CONNACK) {
        *why = "a packet before the CONNACK (3.2)";
        return -1;
    }
    switch (p->type) {
    case CONNACK:
        return on_connack(d, &r, why);
    case PUBLISH:
        return on_publish(d, p, &r, why);
    case PUBACK:
        if (!mqtt_decode_puback(&r, &id)) {
            *why = r.why;
            return -1;
        }
        on_puback(d, id);
        return 0;
    case SUBACK:
        return on_suback(d, &r, why);
    case PINGRESP:
        //@ko-next // 연결이 살아 있다
        d->ping_sent = 0; // the link is alive
        *why = "a PINGRESP with a body (3.13)";
        return mqtt_at_end(&r) ? 0 : -1;
    default:
        *why = "a packet a broker never sends a client";
        return -1;
    }
}

// The socket is readable: what came, packet by packet. The end of the stream, an error or a
// packet that breaks the protocol: a failure.
//@ko // 소켓을 읽을 수 있다: 온 것을 패킷 하나씩. 스트림의 끝, 오류, 프로토콜을 어기는 패킷은 실패다.
static void read_socket(struct device *d)
{
    //@ // TODO 1. ssize_t n = recv(d->fd, d->in + d->in_len, sizeof d->in - d->in_len, 0);
    //@ //         EINTR, EAGAIN: nothing. 0 (the broker closed) or an error: fail, return.
    //@ko // TODO 1. ssize_t n = recv(d->fd, d->in + d->in_len, sizeof d->in - d->in_len, 0);
    //@ko //         EINTR, EAGAIN이면 아무것도 하지 않는다. 0(브로커가 닫았다)이나 오류면 fail, return.
    //@ TODO("step 1: recv");
    //@ko TODO("1단계: recv");
    //@ // TODO 2. d->in_len + n; then while bytes are left: mqtt_next_packet(d->in + used,
    //@ //         d->in_len - used, &p, &why): 0, stop (the rest comes with a later recv); -1, or
    //@ //         handle() -1: fail(d, why), return; else used + p.total.
    //@ko // TODO 2. d->in_len + n; 그다음 바이트가 남아 있는 동안: mqtt_next_packet(d->in + used,
    //@ko //         d->in_len - used, &p, &why)가 0이면 멈춘다(나머지는 다음 recv가 가져온다). -1이거나
    //@ko //         handle()이 -1이면 fail(d, why), return. 아니면 used + p.total.
    //@ TODO("step 2: every whole packet");
    //@ko TODO("2단계: 온전한 패킷 전부");
    //@ // TODO 3. What is left of a packet to the front: memmove; d->in_len - used.
    //@ko // TODO 3. 남은 패킷 조각을 앞으로: memmove; d->in_len - used.
    //@ TODO("step 3: keep the rest");
    //@ko TODO("3단계: 나머지는 둔다");
    //@{
    ssize_t n = recv(d->fd, d->in + d->in_len, sizeof d->in - d->in_len, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
        return;
    if (n <= 0) {
        fail(d, n == 0 ? "the broker closed the connection" : strerror(errno));
        return;
    }
    d->in_len += (size_t)n;
    size_t used = 0;
    while (used < d->in_len) {
        struct mqtt_packet p;
        const char *why = NULL;
        int got = mqtt_next_packet(d->in + used, d->in_len - used, &p, &why);
        if (got == 0)
            break;
        if (got < 0 || handle(d, &p, &why) < 0) {
            fail(d, why != NULL ? why : "a malformed packet");
            return;
        }
        used += p.total;
    }
    memmove(d->in, d->in + used, d->in_len - used);
    d->in_len -= used;
    //@}
}

// ---- stdin, the timers, the end ----
//@ko // ---- 표준 입력, 타이머, 끝 ----

// stdin is readable: each whole line is a reading (without its '\n'; empty lines skipped; a
// line longer than MAX_READING is cut into readings of that size). End of input: stdin_open
// false (a last line without '\n' is a reading too).
//@ko // 표준 입력을 읽을 수 있다: 온전한 줄 하나가 측정값 하나다('\n'은 뺀다. 빈 줄은 건너뛴다.
//@ko // MAX_READING보다 긴 줄은 그 크기의 측정값들로 자른다). 입력의 끝: stdin_open이 false가
//@ko // 된다('\n' 없이 끝난 마지막 줄도 측정값이다).
static void read_stdin(struct device *d)
{
    uint8_t buf[4096];
    //@ // TODO 1. ssize_t n = read(STDIN_FILENO, buf, sizeof buf); EINTR, EAGAIN: nothing. 0 or an
    //@ //         error: the end: a last line without '\n' is a reading too (add_reading), and
    //@ //         d->stdin_open = false.
    //@ko // TODO 1. ssize_t n = read(STDIN_FILENO, buf, sizeof buf); EINTR, EAGAIN이면 아무것도 하지
    //@ko //         않는다. 0이나 오류면 끝이다: '\n' 없이 끝난 마지막 줄도 측정값이고(add_reading),
    //@ko //         d->stdin_open = false.
    //@ TODO("step 1: read");
    //@ko TODO("1단계: read");
    //@ // TODO 2. Byte by byte into d->line: a '\n' ends a line, which is a reading unless it is
    //@ //         empty; d->line_len at MAX_READING ends one too. Then send_new_readings(d).
    //@ko // TODO 2. 바이트 하나씩 d->line에: '\n'이 줄을 끝내고, 빈 줄이 아니면 그 줄이 측정값이다.
    //@ko //         d->line_len이 MAX_READING에 이르러도 줄이 끝난다. 그다음 send_new_readings(d).
    //@ TODO("step 2: lines into readings");
    //@ko TODO("2단계: 줄을 측정값으로");
    //@{
    ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        if (d->line_len > 0)
            add_reading(d, d->line, d->line_len);
        d->line_len = 0;
        d->stdin_open = false;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] != '\n')
            d->line[d->line_len++] = buf[i];
        if ((buf[i] == '\n' && d->line_len > 0) || d->line_len == MAX_READING) {
            add_reading(d, d->line, d->line_len);
            d->line_len = 0;
        }
    }
    send_new_readings(d);
    //@}
}

// Whatever time says: a connection not made or not accepted in time; while up, a PINGREQ
// after keep-alive seconds without sending (3.1.2-23; the broker closes a client silent for one
// and a half, 3.1.2-24), and a link dead when its PINGRESP has not come keep-alive seconds
// after it (TCP alone may not notice for many minutes, or ever); when down, the next attempt.
//@ko // 시간이 말하는 것: 제때 맺지 못했거나 수락되지 못한 연결. 연결되어 있으면, 보내지 않은 채
//@ko // 킵얼라이브 초가 지났을 때의 PINGREQ(3.1.2-23. 브로커는 그 1.5배 동안 말이 없는 클라이언트를
//@ko // 닫는다, 3.1.2-24)와, PINGREQ 뒤 킵얼라이브 초가 지나도 PINGRESP가 오지 않은 죽은 연결
//@ko // (TCP만으로는 몇십 분 동안, 어쩌면 끝내 알아채지 못한다). 끊겨 있으면 다음 시도.
static void tend(struct device *d, int64_t now)
{
    int64_t ka = 1000 * (int64_t)d->cfg.keep_alive;
    //@ // TODO 1. CONNECTING or AWAITING_CONNACK past d->deadline: fail ("connect timed out", "no
    //@ //         CONNACK in time").
    //@ko // TODO 1. CONNECTING이나 AWAITING_CONNACK인데 d->deadline이 지났다: fail("connect timed
    //@ko //         out", "no CONNACK in time").
    //@ TODO("step 1: the connection's deadline");
    //@ko TODO("1단계: 연결의 마감 시각");
    //@ // TODO 2. Up, a PINGREQ out (ping_sent not 0) for ka or more: fail, the link is dead. Up,
    //@ //         none out, nothing sent for ka or more (now - last_send): a PINGREQ,
    //@ //         uint8_t ping[2]; queue_small(d, ping, mqtt_encode_pingreq(ping, sizeof ping));
    //@ //         d->ping_sent = now (3.1.2-23).
    //@ko // TODO 2. 연결되어 있고, PINGREQ가 나간 지(ping_sent가 0이 아니다) ka 이상 지났다: fail, 죽은
    //@ko //         연결이다. 연결되어 있고, 나간 PINGREQ가 없고, ka 이상 아무것도 보내지 않았다
    //@ko //         (now - last_send): PINGREQ,
    //@ko //         uint8_t ping[2]; queue_small(d, ping, mqtt_encode_pingreq(ping, sizeof ping));
    //@ko //         d->ping_sent = now(3.1.2-23).
    //@ TODO("step 2: keep alive, dead link");
    //@ko TODO("2단계: 킵얼라이브, 죽은 연결");
    //@ // TODO 3. DOWN and now past d->retry_at: start_connect(d).
    //@ko // TODO 3. DOWN이고 지금이 d->retry_at을 지났다: start_connect(d).
    //@ TODO("step 3: the next attempt");
    //@ko TODO("3단계: 다음 시도");
    //@{
    if ((d->state == CONNECTING || d->state == AWAITING_CONNACK) && now >= d->deadline)
        fail(d, d->state == CONNECTING ? "connect timed out" : "no CONNACK in time");
    else if (d->state == UP && d->ping_sent != 0 && now - d->ping_sent >= ka)
        fail(d, "no PINGRESP within the keep alive: the link is dead");
    else if (d->state == UP && d->ping_sent == 0 && now - d->last_send >= ka) {
        uint8_t ping[2];
        queue_small(d, ping, mqtt_encode_pingreq(ping, sizeof ping));
        d->ping_sent = now;
    } else if (d->state == DOWN && now >= d->retry_at)
        start_connect(d);
    //@}
}

//@ // Given: how long poll may sleep: until the nearest timer (a minute at most).
//@ko // 주어진 코드: poll이 잠들어도 되는 시간: 가장 가까운 타이머까지(길어야 1분).
//@{
// How long poll may sleep: until the nearest timer (a minute at most).
//@}
static int timeout_ms(const struct device *d, int64_t now)
{
    int64_t at;
    int64_t ka = 1000 * (int64_t)d->cfg.keep_alive;
    if (d->state == DOWN)
        at = d->retry_at;
    else if (d->state != UP)
        at = d->deadline;
    else
        at = d->ping_sent != 0 ? d->ping_sent + ka : d->last_send + ka;
    return at <= now ? 0 : (int)(at - now > 60000 ? 60000 : at - now);
}

// The clean end (3.14): what is queued, then DISCONNECT, so that the broker discards the will
//@ // (3.1.2-10); a socket that takes nothing for `ms` is left as it is. Then exit 0.
//@ko // 깔끔한 끝(3.14): 큐에 든 것, 그다음 DISCONNECT. 그래서 브로커는 유언 메시지를 버린다
//@ko // (3.1.2-10). `ms` 동안 아무것도 받지 않는 소켓은 그대로 둔다. 그다음 종료 상태 0.
//@{
// (3.1.2-10); then shutdown(SHUT_WR) and read until the broker closes, so that close(2) finds
// nothing unread and sends no reset that could overtake the DISCONNECT (as the Rust reference
// does). All within `ms`: a socket that takes nothing, or a broker that never closes, is left
// as it is. Then exit 0.
//@}
static _Noreturn void disconnect_and_exit(struct device *d, int ms)
{
    //@ // TODO 1. Up: a DISCONNECT, e0 00, after what the outbox holds:
    //@ //         uint8_t bye[2]; queue_small(d, bye, mqtt_encode_disconnect(bye, sizeof bye));
    //@ //         then flush_outbox until it is empty, an error, or `ms` have passed, waiting
    //@ //         between tries with poll(&(struct pollfd){.fd = d->fd, .events = POLLOUT}, 1, left).
    //@ko // TODO 1. 연결되어 있으면 송신함에 든 것 뒤에 DISCONNECT, e0 00:
    //@ko //         uint8_t bye[2]; queue_small(d, bye, mqtt_encode_disconnect(bye, sizeof bye));
    //@ko //         그다음 송신함이 빌 때까지, 오류가 날 때까지, 또는 `ms`가 지날 때까지 flush_outbox.
    //@ko //         시도 사이에는 poll(&(struct pollfd){.fd = d->fd, .events = POLLOUT}, 1, left)로
    //@ko //         기다린다.
    //@ TODO("step 1: DISCONNECT");
    //@ko TODO("1단계: DISCONNECT");
    //@ // TODO 2. close(d->fd) if open; exit(0).
    //@ko // TODO 2. 열려 있으면 close(d->fd); exit(0).
    //@ TODO("step 2: exit 0");
    //@ko TODO("2단계: 종료 상태 0");
    //@{
    if (d->state == UP) {
        uint8_t bye[2];
        queue_small(d, bye, mqtt_encode_disconnect(bye, sizeof bye));
        int64_t until = now_ms() + ms;
        while (d->out_len > 0 && flush_outbox(d) == 0 && d->out_len > 0 && now_ms() < until) {
            struct pollfd p = {.fd = d->fd, .events = POLLOUT};
            poll(&p, 1, (int)(until - now_ms()));
        }
        shutdown(d->fd, SHUT_WR);
        char unread[4096];
        for (int64_t left; (left = until - now_ms()) > 0;) {
            struct pollfd p = {.fd = d->fd, .events = POLLIN};
            int ready = poll(&p, 1, (int)left);
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready <= 0)
                break;
            ssize_t n = recv(d->fd, unread, sizeof unread, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
                break;
        }
    }
    if (d->fd >= 0)
        close(d->fd);
    exit(0);
    //@}
}

// One turn of the loop: poll over the self-pipe, stdin and the socket, then each that is
// ready, then the timers.
//@ko // 루프 한 바퀴: self-pipe, 표준 입력, 소켓을 poll로 기다리고, 준비된 것을 저마다 처리하고, 그다음
//@ko // 타이머.
static void turn(struct device *d)
{
    //@ // TODO 1. struct pollfd fds[3]: wake_pipe[0] POLLIN; STDIN_FILENO POLLIN while stdin is
    //@ //         open (else fd -1, which poll skips); d->fd: POLLOUT while CONNECTING, POLLIN (and
    //@ //         POLLOUT while the outbox holds bytes) when AWAITING_CONNACK or UP, nothing when
    //@ //         DOWN. poll(fds, 3, timeout_ms(d, now_ms())); -1: EINTR is nothing, return.
    //@ko // TODO 1. struct pollfd fds[3]: wake_pipe[0]에 POLLIN. 표준 입력이 열려 있는 동안
    //@ko //         STDIN_FILENO에 POLLIN(아니면 fd -1, poll은 건너뛴다). d->fd: CONNECTING이면
    //@ko //         POLLOUT, AWAITING_CONNACK이나 UP이면 POLLIN(송신함에 바이트가 있으면 POLLOUT도),
    //@ko //         DOWN이면 아무것도. poll(fds, 3, timeout_ms(d, now_ms())); -1이면: EINTR은 아무것도
    //@ko //         아니다, return.
    //@ TODO("step 1: poll");
    //@ko TODO("1단계: poll");
    //@ // TODO 2. The self-pipe ready (a signal): disconnect_and_exit(d, 500), within the 1 s the
    //@ //         contract gives. stdin ready: read_stdin.
    //@ko // TODO 2. self-pipe가 준비되었다(시그널): disconnect_and_exit(d, 500), 계약이 주는 1초
    //@ko //         안에. 표준 입력이 준비되었다: read_stdin.
    //@ TODO("step 2: a signal, stdin");
    //@ko TODO("2단계: 시그널, 표준 입력");
    //@ // TODO 3. The socket ready: CONNECTING, on_connected; AWAITING_CONNACK or UP with POLLIN,
    //@ //         POLLHUP or POLLERR, read_socket. Then, still AWAITING_CONNACK or UP with bytes in
    //@ //         the outbox: flush_outbox (-1: fail(d, strerror(errno))).
    //@ko // TODO 3. 소켓이 준비되었다: CONNECTING이면 on_connected. AWAITING_CONNACK이나 UP에 POLLIN,
    //@ko //         POLLHUP, POLLERR이면 read_socket. 그다음, 여전히 AWAITING_CONNACK이나 UP이고
    //@ko //         송신함에 바이트가 있으면 flush_outbox(-1이면 fail(d, strerror(errno))).
    //@ TODO("step 3: the socket");
    //@ko TODO("3단계: 소켓");
    //@ // TODO 4. tend(d, now_ms()).
    //@ko // TODO 4. tend(d, now_ms()).
    //@ TODO("step 4: the timers");
    //@ko TODO("4단계: 타이머");
    //@{
    struct pollfd fds[3] = {{.fd = wake_pipe[0], .events = POLLIN},
                            {.fd = d->stdin_open ? STDIN_FILENO : -1, .events = POLLIN},
                            {.fd = d->fd, .events = 0}};
    if (d->state == CONNECTING)
        fds[2].events = POLLOUT;
    else if (d->state != DOWN)
        fds[2].events = (short)(POLLIN | (d->out_len > 0 ? POLLOUT : 0));
    if (poll(fds, 3, timeout_ms(d, now_ms())) < 0) {
        if (errno != EINTR)
            perror("sensor-device: poll");
        return;
    }
    if (fds[0].revents != 0)
        disconnect_and_exit(d, 500); // SIGTERM or SIGINT: exit 0 within 1 s
    if (fds[1].revents != 0)
        read_stdin(d);
    if (d->state == CONNECTING && fds[2].revents != 0)
        on_connected(d);
    else if (d->state != DOWN && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
        read_socket(d);
    if (d->state != DOWN && d->state != CONNECTING && d->out_len > 0 && flush_outbox(d) < 0)
        fail(d, strerror(errno));
    tend(d, now_ms());
    //@}
}

int main(int argc, char **argv)
{
    //@ko-next // static: 읽기 버퍼가 MAX_PACKET바이트다
    static struct device d; // static: its read buffer is MAX_PACKET bytes
    if (!parse_args(argc, argv, &d.cfg)) {
        fprintf(stderr, "usage: sensor-device <host> <port> <client-id> <keep-alive-s> "
                        "<queue-bound> <backoff-min-ms> <backoff-max-ms>\n");
        return 2;
    }
    if (setup_signals() < 0) {
        perror("sensor-device: signals");
        return 1;
    }
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    //@ko-next // 어느 두 기기도 같지 않게
    srandom((unsigned)(t.tv_nsec ^ t.tv_sec ^ getpid() << 16)); // no two devices alike
    d.fd = -1;
    d.stdin_open = true;
    d.state = DOWN;
    //@ko-next // 첫 연결은 곧바로
    d.retry_at = now_ms(); // the first connection at once
    for (;;) {
        // The end of stdin, every reading acknowledged: DISCONNECT, once up (a device that
        // holds nothing still connects first, to end with DISCONNECT, not a will).
        //@ko // 표준 입력이 끝났고 모든 측정값이 확인 응답을 받았다: 연결되는 대로 DISCONNECT(쥔 것이
        //@ko // 없는 기기도 먼저 연결한다. 유언 메시지가 아니라 DISCONNECT로 끝내기 위해서다).
        if (!d.stdin_open && d.q.count == 0 && d.state == UP)
            disconnect_and_exit(&d, 1000);
        turn(&d);
    }
}
