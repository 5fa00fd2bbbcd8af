//! Day 8 — the device: an MQTT 3.1.1 client that a flaky broker and a flaky network cannot make
//@ //! lose a reading. The codec is given, whole, in `src/lib.rs` (day 7's reference; your own
//@ //! day-7 codec can take its place: course.md#device-codec); this file is yours.
//@{
//! lose a reading (reference solution).
//@}
//!
//@ //! Read course.md#day8-device (한국어: course.ko.md#day8-device), course.md#device-connect (한국어: course.ko.md#device-connect), course.md#device-loop (한국어: course.ko.md#device-loop), course.md#device-commands (한국어: course.ko.md#device-commands),
//@ //! course.md#device-resend (한국어: course.ko.md#device-resend), course.md#device-queue (한국어: course.ko.md#device-queue), course.md#device-keep-alive (한국어: course.ko.md#device-keep-alive), course.md#device-dead-link (한국어: course.ko.md#device-dead-link),
//@ //! course.md#device-backoff (한국어: course.ko.md#device-backoff) and course.md#device-exit (한국어: course.ko.md#device-exit), then replace the `todo!()`s below. Grade
//@ //! yourself with `cargo run -p checker day8-device`; try it by hand with `mosquitto -p 1884 -v`,
//@ //! `mosquitto_sub -h 127.0.0.1 -p 1884 -t 'devices/#' -v -q 1` in a second terminal and
//@ //! `cargo run -p day8-device --bin sensor-device -- 127.0.0.1 1884 dev1 5 100 200 5000` in a
//@ //! third (type readings; stop mosquitto, type more, start it again).
//@{
//! `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound> <backoff-min-ms>
//! <backoff-max-ms>` publishes each line of stdin as a reading, QoS 1, on
//! `devices/<id>/readings`, and prints `command <payload>` for each PUBLISH on
//! `devices/<id>/cmd`. The contract is course.md#day8-device; this program is one way to keep
//! it, with one thread and poll(2) on three descriptors:
//! - the socket to the broker (non-blocking, so that connect, send and recv never wait);
//! - stdin, one reading per line;
//! - a signalfd(2) for SIGINT and SIGTERM, blocked everywhere else: a signal is one more thing
//!   poll reports, handled at one place of the loop.
//@}
//!
//@ //! Contract: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
//@ //! <backoff-min-ms> <backoff-max-ms>` (anything else: a usage line, exit status 2)
//@ //! - connects to host:port (dotted IPv4), sends CONNECT with clean session 0 and the will
//@ //!   `offline` on `devices/<id>/status` (QoS 1, retained); a CONNACK must come within
//@ //!   keep-alive seconds, with return code 0;
//@ //! - once up: every reading not yet acknowledged again, DUP set, same packet id (4.4); the
//@ //!   SUBSCRIBE to `devices/<id>/cmd` at QoS 1 (at least when the session is not present); the
//@ //!   birth `online` on `devices/<id>/status` (QoS 1, retained); then new readings;
//@ //! - each line of stdin is a reading, a PUBLISH at QoS 1 on `devices/<id>/readings`, in order;
//@ //!   at most queue-bound held unacknowledged: beyond, the oldest is dropped and `dropped <n>`
//@ //!   written to stderr;
//@ //! - each PUBLISH on `devices/<id>/cmd` is acknowledged (QoS 1) and acted on, `command
//@ //!   <payload>` on stdout, unless it is a DUP of a command already acted on;
//@ //! - a PINGREQ after keep-alive seconds without sending; no PINGRESP within keep-alive seconds:
//@ //!   the link is dead;
//@ //! - after the n-th failure in a row, wait a random time in [d/2, d] ms, d = min(max, min ×
//@ //!   2^(n-1)), then connect again;
//@ //! - SIGTERM or SIGINT: DISCONNECT if up, exit 0 within 1 s; end of stdin: wait for every
//@ //!   acknowledgement, DISCONNECT, exit 0.
//@ //!
//@ //! Rules: no std socket types (see clippy.toml): nix's socket calls; no MQTT crate. Any design:
//@ //! poll (day5-poll), epoll (day5-epoll), threads (day5-threads). The shape below is one way:
//@ //! one thread, poll(2) on the socket, stdin and a signalfd(2), and every timer an instant whose
//@ //! nearest is poll's timeout (course.md#device-loop).
//@ //!
//@ //! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//@ //! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.
//@ko //! 8일차 — 기기: 말썽 부리는 브로커와 불안정한 네트워크도 측정값을 잃게 만들 수 없는 MQTT
//@ko //! 3.1.1 클라이언트. 코덱은 `src/lib.rs`에 통째로 주어진다(7일차의 참조 풀이. 직접 쓴 7일차
//@ko //! 코덱을 대신 넣어도 된다: course.ko.md#device-codec). 이 파일이 여러분의 몫이다.
//@ko //!
//@ko //! course.ko.md#day8-device, course.ko.md#device-connect, course.ko.md#device-loop,
//@ko //! course.ko.md#device-commands, course.ko.md#device-resend, course.ko.md#device-queue,
//@ko //! course.ko.md#device-keep-alive, course.ko.md#device-dead-link, course.ko.md#device-backoff,
//@ko //! course.ko.md#device-exit를 읽은 뒤 아래의 `todo!()`를 채운다. 채점은
//@ko //! `cargo run -p checker day8-device`로 한다. 손으로 해 보려면 `mosquitto -p 1884 -v`를
//@ko //! 실행하고, 두 번째 터미널에서 `mosquitto_sub -h 127.0.0.1 -p 1884 -t 'devices/#' -v -q 1`을,
//@ko //! 세 번째 터미널에서 `cargo run -p day8-device --bin sensor-device -- 127.0.0.1 1884 dev1 5 100 200 5000`을
//@ko //! 실행한다(측정값을 입력하고, mosquitto를 멈추고, 더 입력하고, 다시 띄운다).
//@ko //!
//@ko //! 계약: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
//@ko //! <backoff-min-ms> <backoff-max-ms>`(그 밖의 명령줄: 사용법 한 줄, 종료 상태 2)
//@ko //! - host:port(점으로 적은 IPv4)에 연결하고, clean session 0과 유언 메시지(`devices/<id>/status`로
//@ko //!   `offline`, QoS 1, 보존)를 담은 CONNECT를 보낸다. CONNACK은 킵얼라이브 초 안에, 반환 코드
//@ko //!   0으로 와야 한다.
//@ko //! - 연결되면: 아직 확인 응답을 받지 못한 측정값을 DUP을 켜고 같은 패킷 식별자로 다시 보내고
//@ko //!   (4.4), `devices/<id>/cmd`를 QoS 1로 구독하고(적어도 세션이 없을 때), 탄생 메시지
//@ko //!   `online`을 `devices/<id>/status`로 보내고(QoS 1, 보존), 그다음 새 측정값을 보낸다.
//@ko //! - stdin의 한 줄이 측정값 하나다. `devices/<id>/readings`로 QoS 1 PUBLISH를 순서대로 보낸다.
//@ko //!   확인 응답을 받지 못한 측정값은 queue-bound개까지만 쥔다. 넘으면 가장 오래된 것을 버리고
//@ko //!   표준 오류에 `dropped <n>`을 쓴다.
//@ko //! - `devices/<id>/cmd`로 온 PUBLISH는 저마다 확인 응답하고(QoS 1) 실행한다: 표준 출력에
//@ko //!   `command <payload>`. 이미 실행한 명령의 DUP이면 실행하지 않는다.
//@ko //! - 킵얼라이브 초 동안 아무것도 보내지 않았으면 PINGREQ를 보낸다. 킵얼라이브 초 안에
//@ko //!   PINGRESP가 오지 않으면 그 연결은 죽었다.
//@ko //! - 잇따른 n번째 실패 뒤에는 [d/2, d] ms에서 무작위로 고른 시간만큼 기다렸다가(d = min(max,
//@ko //!   min × 2^(n-1))) 다시 연결한다.
//@ko //! - SIGTERM이나 SIGINT: 연결되어 있으면 DISCONNECT를 보내고, 1초 안에 0으로 끝난다. stdin의
//@ko //!   끝: 모든 확인 응답을 기다리고, DISCONNECT를 보내고, 0으로 끝난다.
//@ko //!
//@ko //! 규칙: std의 소켓 타입은 쓸 수 없다(clippy.toml 참고). nix의 소켓 호출을 쓴다. MQTT 크레이트도
//@ko //! 쓸 수 없다. 설계는 자유다: poll(day5-poll), epoll(day5-epoll), 스레드(day5-threads).
//@ko //! 아래의 모양은 한 가지 방법이다: 스레드 하나가 소켓, stdin, signalfd(2)를 poll(2)하고, 타이머는
//@ko //! 모두 시각 하나씩이며, 그 가운데 가장 가까운 것이 poll의 타임아웃이다
//@ko //! (course.ko.md#device-loop).
//@ko //!
//@ko //! `//>`로 시작하는 줄은 힌트 코드다. `//>`를 지우면 그 자리에서 그대로 컴파일된다(`checker
//@ko //! verify`가 그렇게 빌드해 본다). 답이 아니라 호출하는 법을 보여 준다.
//@
//@ // Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
//@ko // 스텁을 다 채우기 전까지 컴파일러 경고를 끈다. 다 채우면 지운다.
//@ #![allow(unused_imports, unused_variables, dead_code, unused_mut)]
//@{
//! Every reading not yet acknowledged stays in `held`, oldest first, with its packet id once it
//! has been sent: a drop loses nothing, and the next connection sends those with an id again,
//! DUP set, before anything new (4.4). Every timer (the retry, the CONNACK, the next PINGREQ,
//! the PINGRESP) is an instant, and poll's timeout is the nearest one.
//@}

use std::collections::VecDeque;
use std::io::Write;
use std::net::Ipv4Addr;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use day8_device::{Packet, Will, decode, encode};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{
    self, AddressFamily, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// At most this many readings in flight (sent, not yet acknowledged) at once; the others wait
/// their turn in `held`. Any number from 1 keeps the contract.
//@ko /// 한꺼번에 전송 중일 수 있는(보냈고 아직 확인 응답을 받지 못한) 측정값의 최대 개수. 나머지는
//@ko /// `held`에서 차례를 기다린다. 1 이상이면 어느 수든 계약을 지킨다.
const WINDOW: usize = 32;
/// Commands remembered (packet id and payload) to tell a resent one from a new one; the
/// contract asks for at least 16.
//@ko /// 다시 온 명령과 새 명령을 가리려고 기억해 두는 명령(패킷 식별자와 페이로드)의 수. 계약은
//@ko /// 적어도 16개를 요구한다.
const REMEMBERED: usize = 64;
/// The longest reading: a longer line is skipped, and said so on stderr.
//@ko /// 가장 긴 측정값. 이보다 긴 줄은 건너뛰고, 표준 오류에 그렇게 알린다.
const MAX_LINE: usize = 1024;
/// At SIGTERM or the end, how long the DISCONNECT may take to go, and then the broker to close:
/// the whole exit stays within the contract's 1 s.
//@ko /// SIGTERM이나 끝에서, DISCONNECT가 나가는 데 쓸 수 있는 시간과, 그다음 브로커가 닫기를
//@ko /// 기다리는 시간: 종료 전체가 계약의 1초 안에 든다.
const GOODBYE: Duration = Duration::from_millis(400);

/// The command line, checked.
//@ko /// 검사를 마친 명령줄.
struct Config {
    broker: SockaddrIn,
    client_id: String,
    keep_alive: u16,
    queue_bound: usize,
    backoff_min_ms: u64,
    backoff_max_ms: u64,
}

/// A reading not yet acknowledged: its packet id once sent (kept for every resend, 4.4).
//@ko /// 아직 확인 응답을 받지 못한 측정값: 한 번 보낸 뒤에는 그 패킷 식별자도 함께 둔다(다시 보낼
//@ko /// 때마다 쓴다, 4.4).
struct Reading {
    payload: Vec<u8>,
    packet_id: Option<u16>,
}

/// Where a connection is.
//@ko /// 연결이 어디까지 왔는지.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// connect(2) in progress (EINPROGRESS): POLLOUT will say how it ended.
    //@ko /// connect(2)가 진행 중이다(EINPROGRESS): 어떻게 끝났는지는 POLLOUT이 알려 준다.
    Connecting,
    /// CONNECT sent, waiting for the CONNACK.
    //@ko /// CONNECT를 보냈고, CONNACK을 기다린다.
    Connected,
    /// CONNACK 0 came.
    //@ko /// CONNACK 0이 왔다.
    Up,
}

/// One TCP connection to the broker.
//@ko /// 브로커로 가는 TCP 연결 하나.
struct Conn {
    fd: OwnedFd,
    phase: Phase,
    /// Encoded packets not yet taken by send(2).
    //@ko /// 인코딩했지만 send(2)가 아직 가져가지 않은 패킷들.
    out: Vec<u8>,
    /// Bytes received, not yet a whole packet.
    //@ko /// 받았지만 아직 온전한 패킷이 되지 않은 바이트.
    input: Vec<u8>,
    /// Until Up: the connect and the CONNACK must be done by then.
    //@ko /// Up이 되기 전까지: 연결과 CONNACK이 이 시각까지 끝나야 한다.
    deadline: Instant,
    /// When a byte last went out: the keep alive counts from it (3.1.2-23).
    //@ko /// 마지막으로 바이트가 나간 시각: 킵얼라이브는 여기서부터 센다(3.1.2-23).
    last_sent: Instant,
    /// When the PINGREQ still unanswered went out.
    //@ko /// 아직 답을 받지 못한 PINGREQ가 나간 시각.
    ping_sent: Option<Instant>,
}

/// Everything the device knows.
//@ko /// 기기가 아는 모든 것.
struct Device {
    cfg: Config,
    /// Readings not yet acknowledged, oldest first: the sent ones, then the waiting ones.
    //@ko /// 아직 확인 응답을 받지 못한 측정값, 오래된 것부터: 보낸 것들, 그다음 기다리는 것들.
    held: VecDeque<Reading>,
    dropped: u64,
    conn: Option<Conn>,
    /// With no connection: when to try again.
    //@ko /// 연결이 없을 때: 다시 시도할 시각.
    retry_at: Instant,
    /// Failures since the last CONNACK 0: the backoff's n.
    //@ko /// 마지막 CONNACK 0 이후의 실패 횟수: 백오프의 n.
    failures: u32,
    /// The last packet id given; the birth's and the SUBSCRIBE's while unacknowledged.
    //@ko /// 마지막으로 준 패킷 식별자. 탄생 메시지와 SUBSCRIBE의 식별자는 확인 응답이 올 때까지 둔다.
    last_id: u16,
    birth_id: Option<u16>,
    subscribe_id: Option<u16>,
    /// A SUBACK granted the subscription to the commands, in the broker's session.
    //@ko /// 브로커의 세션에서 SUBACK이 명령 구독을 허용했다.
    subscribed: bool,
    /// Commands acted on, newest last: (packet id, payload).
    //@ko /// 실행한 명령, 가장 새것이 끝에: (패킷 식별자, 페이로드).
    acted: VecDeque<(u16, Vec<u8>)>,
    /// stdin: still open, and the line being read.
    //@ko /// stdin: 아직 열려 있는지, 그리고 읽고 있는 줄.
    stdin_open: bool,
    line: Vec<u8>,
    line_too_long: bool,
    rng: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cfg) = parse_args(&args) else {
        eprintln!(
            "sensor-device: usage: sensor-device <host> <port> <client-id> <keep-alive-s> \
             <queue-bound> <backoff-min-ms> <backoff-max-ms>"
        );
        return ExitCode::from(2);
    };
    match run(cfg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sensor-device: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The contract's command line, or `None` for anything else.
//@ /// C: `inet_pton(AF_INET, host, &a.sin_addr) == 1`, then each number with `strtoul` and its
//@ /// bounds. Rust: `host.parse::<Ipv4Addr>()` takes exactly inet_pton's dotted form.
//@ko /// 계약의 명령줄. 그 밖의 것이면 `None`.
//@ko /// C: `inet_pton(AF_INET, host, &a.sin_addr) == 1`, 그다음 숫자마다 `strtoul`과 그 범위 검사.
//@ko /// Rust: `host.parse::<Ipv4Addr>()`는 inet_pton이 읽는 점 표기만 정확히 받아들인다.
fn parse_args(args: &[String]) -> Option<Config> {
    //@ // TODO seven arguments; each checked against its bounds (port 1..65535, client id 1 to 23
    //@ //      letters and digits, keep alive 1..65535, queue bound >= 1, 1 <= min <= max); the
    //@ //      address as a SockaddrIn.
    //@ko // TODO 인자 일곱 개. 저마다 범위를 검사한다(포트 1..65535, 클라이언트 식별자는 영문자와
    //@ko //      숫자 1~23자, 킵얼라이브 1..65535, 큐 한도 >= 1, 1 <= min <= max). 주소는
    //@ko //      SockaddrIn으로 만든다.
    //@ //> let [host, port, id, keep_alive, bound, min, max] = args else { return None; };
    //@ //> let ip: Ipv4Addr = host.parse().ok()?;
    //@ //> let [a, b, c, d] = ip.octets();
    //@ todo!("check the command line")
    //@{
    let [host, port, id, keep_alive, bound, min, max] = args else {
        return None;
    };
    // Rust's parser takes exactly inet_pton's dotted form: four decimal numbers.
    let ip: Ipv4Addr = host.parse().ok()?;
    let port = u16::try_from(number(port)?).ok().filter(|&p| p > 0)?;
    let id_ok = (1..=23).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    let keep_alive = u16::try_from(number(keep_alive)?).ok().filter(|&k| k > 0)?;
    let queue_bound = usize::try_from(number(bound)?).ok().filter(|&b| b > 0)?;
    let (min, max) = (number(min)?, number(max)?);
    if !id_ok || min == 0 || min > max {
        return None;
    }
    let [a, b, c, d] = ip.octets();
    Some(Config {
        broker: SockaddrIn::new(a, b, c, d, port),
        client_id: id.clone(),
        keep_alive,
        queue_bound,
        backoff_min_ms: min,
        backoff_max_ms: max,
    })
    //@}
}

/// A decimal number, digits only (no sign, no space).
//@ko /// 십진수, 숫자로만 된 것(부호도 공백도 없다).
fn number(s: &str) -> Option<u64> {
    //@ // TODO empty, or a byte that is not a digit: None; else parse.
    //@ko // TODO 비었거나 숫자가 아닌 바이트가 있으면 None. 아니면 parse한다.
    //@ todo!("a number of digits only")
    //@{
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
    //@}
}

/// The device's life: poll, act on what is ready, act on the timers; until a signal, or the end
/// of stdin with every reading acknowledged.
//@ko /// 기기의 일생: poll하고, 준비된 것을 처리하고, 타이머를 처리한다. 시그널이 오거나, stdin이
//@ko /// 끝나고 모든 측정값이 확인 응답을 받을 때까지.
fn run(cfg: Config) -> Result<(), String> {
    //@ // TODO block_signals; a Device; a buffer (64 KiB); then loop {
    //@ //   1. done(): goodbye, return.
    //@ //   2. No connection and retry_at passed: connect.
    //@ //   3. wait; a signal: goodbye, return. stdin ready: read_stdin; the socket: on_socket.
    //@ //   4. on_timers(now), then flush.
    //@ // }
    //@ko // TODO block_signals. Device 하나. 버퍼 하나(64 KiB). 그다음 loop {
    //@ko //   1. done()이면: goodbye, return.
    //@ko //   2. 연결이 없고 retry_at이 지났으면: connect.
    //@ko //   3. wait. 시그널이면: goodbye, return. stdin이 준비되면: read_stdin. 소켓이면: on_socket.
    //@ko //   4. on_timers(now), 그다음 flush.
    //@ko // }
    //@ todo!("the loop")
    //@{
    let signals = block_signals()?;
    let mut device = Device::new(cfg);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if device.done() {
            device.goodbye();
            return Ok(());
        }
        if device.conn.is_none() && Instant::now() >= device.retry_at {
            device.connect();
        }
        let ready = device.wait(&signals)?;
        if ready.signal {
            device.goodbye();
            return Ok(());
        }
        if ready.stdin {
            device.read_stdin(&mut buf);
        }
        if !ready.socket.is_empty() {
            device.on_socket(ready.socket, &mut buf);
        }
        device.on_timers(Instant::now());
        device.flush();
    }
    //@}
}

/// SIGINT and SIGTERM blocked (so they never interrupt a call nor kill the device), and a
/// descriptor that poll reports readable when one is pending.
/// C: `sigemptyset(&s); sigaddset(&s, SIGINT); sigaddset(&s, SIGTERM);
///     sigprocmask(SIG_BLOCK, &s, NULL); fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);`
//@ /// nix: `SigSet::thread_block`, `SignalFd::with_flags`.
//@ko /// SIGINT와 SIGTERM을 블록해 두고(그래서 호출을 중단시키지도, 기기를 죽이지도 않는다), 그
//@ko /// 시그널이 하나라도 대기 중이면 poll이 읽을 수 있다고 알리는 디스크립터를 만든다.
//@ko /// C: `sigemptyset(&s); sigaddset(&s, SIGINT); sigaddset(&s, SIGTERM);
//@ko ///     sigprocmask(SIG_BLOCK, &s, NULL); fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);`
//@ko /// nix: `SigSet::thread_block`, `SignalFd::with_flags`.
fn block_signals() -> Result<SignalFd, String> {
    //@ // TODO the set, blocked, then its signalfd; each error with .map_err(...)?.
    //@ko // TODO 집합을 만들어 블록하고, 그다음 그 signalfd. 오류는 저마다 .map_err(...)?로.
    //@ //> let mut stop = SigSet::empty();
    //@ //> stop.add(Signal::SIGINT);
    //@ todo!("block SIGINT and SIGTERM, and a signalfd for them")
    //@{
    let mut stop = SigSet::empty();
    stop.add(Signal::SIGINT);
    stop.add(Signal::SIGTERM);
    stop.thread_block()
        .map_err(|e| format!("sigprocmask: {e}"))?;
    SignalFd::with_flags(&stop, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .map_err(|e| format!("signalfd: {e}"))
    //@}
}

/// What poll found ready.
//@ko /// poll이 준비됐다고 알린 것.
struct Ready {
    signal: bool,
    stdin: bool,
    socket: PollFlags,
}

impl Device {
    fn new(cfg: Config) -> Device {
        //@ // TODO every field empty or zero; retry_at now (the first connection is made at once);
        //@ //      stdin open; rng from seed().
        //@ko // TODO 필드는 모두 비우거나 0으로. retry_at은 지금(첫 연결은 곧바로 한다). stdin은 열림.
        //@ko //      rng는 seed()로.
        //@ todo!("a new device")
        //@{
        let now = Instant::now();
        Device {
            cfg,
            held: VecDeque::new(),
            dropped: 0,
            conn: None,
            retry_at: now, // the first connection is made at once
            failures: 0,
            last_id: 0,
            birth_id: None,
            subscribe_id: None,
            subscribed: false,
            acted: VecDeque::new(),
            stdin_open: true,
            line: Vec::new(),
            line_too_long: false,
            rng: seed(),
        }
        //@}
    }

    fn topic(&self, leaf: &str) -> String {
        //@ // TODO `devices/<id>/<leaf>`.
        //@ko // TODO `devices/<id>/<leaf>`.
        //@ todo!("a topic of this device")
        //@{
        format!("devices/{}/{leaf}", self.cfg.client_id)
        //@}
    }

    /// stdin is at its end and every reading is acknowledged: time to go, once a connection in
    /// progress has come up (so that it ends with a DISCONNECT, not a will) or failed.
    //@ko /// stdin이 끝났고 모든 측정값이 확인 응답을 받았다: 끝낼 때다. 단, 진행 중인 연결이 있으면
    //@ko /// 그 연결이 올라오거나(그래야 유언 메시지가 아니라 DISCONNECT로 끝난다) 실패한 뒤에.
    fn done(&self) -> bool {
        //@ // TODO stdin closed, `held` empty, and no connection or one that is up.
        //@ko // TODO stdin이 닫혔고, `held`가 비었고, 연결이 없거나 올라와 있다.
        //@ todo!("time to go?")
        //@{
        !self.stdin_open
            && self.held.is_empty()
            && self.conn.as_ref().is_none_or(|c| c.phase == Phase::Up)
        //@}
    }

    /// One poll(2) on the signals, stdin (while open) and the socket (if any), until the nearest
    /// timer.
    /// C: `struct pollfd fds[3] = {{sfd, POLLIN}, {0, POLLIN}, {sock, POLLIN | POLLOUT}};
    ///     poll(fds, n, timeout_ms);`
    //@ /// nix: `poll(&mut [PollFd::new(fd.as_fd(), PollFlags::POLLIN), ...], timeout)`.
    //@ko /// 시그널, stdin(열려 있는 동안), 소켓(있으면)을 가장 가까운 타이머까지 한 번 poll(2)한다.
    //@ko /// C: `struct pollfd fds[3] = {{sfd, POLLIN}, {0, POLLIN}, {sock, POLLIN | POLLOUT}};
    //@ko ///     poll(fds, n, timeout_ms);`
    //@ko /// nix: `poll(&mut [PollFd::new(fd.as_fd(), PollFlags::POLLIN), ...], timeout)`.
    fn wait(&self, signals: &SignalFd) -> Result<Ready, String> {
        //@ // TODO the signalfd always; stdin while open; the socket if any, POLLIN, and POLLOUT
        //@ //      while connecting or while `out` holds bytes. The timeout: next_timer, in ms
        //@ //      rounded up (never 0 by rounding down: that would spin); none: PollTimeout::NONE.
        //@ //      EINTR is no error. Then each entry's revents.
        //@ko // TODO signalfd는 언제나. stdin은 열려 있는 동안. 소켓은 있으면 POLLIN, 그리고 연결 중이거나
        //@ko //      `out`에 바이트가 있는 동안 POLLOUT. 타임아웃: next_timer를 ms로, 올림해서(내림해서
        //@ko //      0이 되면 안 된다: 바쁜 루프가 된다). 타이머가 없으면 PollTimeout::NONE. EINTR은 오류가
        //@ko //      아니다. 그다음 항목마다 revents.
        //@ //> let stdin = std::io::stdin();
        //@ //> let mut fds = vec![PollFd::new(signals.as_fd(), PollFlags::POLLIN)];
        //@ //> fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        //@ todo!("poll until something is ready or a timer fires")
        //@{
        let stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(signals.as_fd(), PollFlags::POLLIN)];
        if self.stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        if let Some(conn) = &self.conn {
            let mut events = PollFlags::POLLIN;
            if conn.phase == Phase::Connecting || !conn.out.is_empty() {
                events |= PollFlags::POLLOUT;
            }
            fds.push(PollFd::new(conn.fd.as_fd(), events));
        }
        let timeout = self.next_timer().map(|at| {
            let ms = at.saturating_duration_since(Instant::now()).as_millis() + 1;
            PollTimeout::try_from(ms.min(i32::MAX as u128)).unwrap_or(PollTimeout::MAX)
        });
        match poll(&mut fds, timeout.unwrap_or(PollTimeout::NONE)) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(format!("poll: {e}")),
        }
        let got = |i: usize| {
            fds.get(i)
                .and_then(PollFd::revents)
                .unwrap_or(PollFlags::empty())
        };
        let socket_at = if self.stdin_open { 2 } else { 1 };
        Ok(Ready {
            signal: !got(0).is_empty(),
            stdin: self.stdin_open && !got(1).is_empty(),
            socket: if self.conn.is_some() {
                got(socket_at)
            } else {
                PollFlags::empty()
            },
        })
        //@}
    }

    /// The nearest instant at which a timer fires.
    //@ko /// 타이머가 울리는 가장 가까운 시각.
    fn next_timer(&self) -> Option<Instant> {
        //@ // TODO no connection: retry_at. Not up: its deadline. Up: the PINGRESP's deadline if a
        //@ //      PINGREQ is out, else the next PINGREQ's (last_sent + keep alive).
        //@ko // TODO 연결이 없으면: retry_at. 올라오기 전이면: 그 마감 시각. 올라와 있으면: PINGREQ가
        //@ko //      나가 있으면 PINGRESP의 마감 시각, 아니면 다음 PINGREQ의 시각(last_sent + 킵얼라이브).
        //@ todo!("the nearest timer")
        //@{
        let keep_alive = Duration::from_secs(self.cfg.keep_alive.into());
        match &self.conn {
            None => Some(self.retry_at),
            Some(c) if c.phase != Phase::Up => Some(c.deadline),
            Some(c) => Some(match c.ping_sent {
                Some(sent) => sent + keep_alive,
                None => c.last_sent + keep_alive,
            }),
        }
        //@}
    }

    /// The timers: a connection not up by its deadline, a PINGRESP that did not come, a PINGREQ
    /// due.
    //@ko /// 타이머들: 마감 시각까지 올라오지 못한 연결, 오지 않은 PINGRESP, 보낼 때가 된 PINGREQ.
    fn on_timers(&mut self, now: Instant) {
        //@ // TODO not up and past its deadline: fail. Up: a PINGREQ out for keep-alive seconds: fail
        //@ //      (the link is dead); none out and nothing sent for keep-alive seconds: send a
        //@ //      PINGREQ and note when.
        //@ko // TODO 올라오기 전이고 마감 시각이 지났으면: fail. 올라와 있으면: PINGREQ가 킵얼라이브 초
        //@ko //      동안 답이 없으면 fail(연결이 죽었다). 나간 PINGREQ가 없고 킵얼라이브 초 동안 아무것도
        //@ko //      보내지 않았으면 PINGREQ를 보내고 그 시각을 적어 둔다.
        //@ todo!("act on the timers")
        //@{
        let keep_alive = Duration::from_secs(self.cfg.keep_alive.into());
        let Some(conn) = &mut self.conn else {
            return;
        };
        if conn.phase != Phase::Up {
            if now >= conn.deadline {
                self.fail(&format!("not connected within {}s", self.cfg.keep_alive));
            }
            return;
        }
        match conn.ping_sent {
            Some(sent) if now >= sent + keep_alive => {
                self.fail("no PINGRESP within the keep alive: the link is dead");
            }
            None if now >= conn.last_sent + keep_alive => {
                conn.ping_sent = Some(now);
                self.send(&Packet::Pingreq);
            }
            _ => {}
        }
        //@}
    }

    /// Start a connection: a non-blocking socket, connect(2), then CONNECT once it is made.
    /// C: `fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ///     connect(fd, (struct sockaddr *)&a, sizeof a);` (-1 with EINPROGRESS: under way)
    //@ /// nix: `socket::socket(..., SockFlag::SOCK_NONBLOCK, None)`, `socket::connect`.
    //@ko /// 연결을 시작한다: 논블로킹 소켓, connect(2), 연결이 되면 CONNECT.
    //@ko /// C: `fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    //@ko ///     connect(fd, (struct sockaddr *)&a, sizeof a);`(-1과 EINPROGRESS: 진행 중)
    //@ko /// nix: `socket::socket(..., SockFlag::SOCK_NONBLOCK, None)`, `socket::connect`.
    fn connect(&mut self) {
        //@ // TODO socket (an error: fail_at_start); connect: Ok, connected at once (send_connect);
        //@ //      EINPROGRESS, under way (Phase::Connecting); another error: fail_at_start. The
        //@ //      Conn's deadline: now + keep alive.
        //@ko // TODO socket(오류면 fail_at_start). connect: Ok면 곧바로 연결된 것(send_connect).
        //@ko //      EINPROGRESS면 진행 중(Phase::Connecting). 다른 오류면 fail_at_start. Conn의 마감
        //@ko //      시각: 지금 + 킵얼라이브.
        //@ //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC, None);
        //@ todo!("start a connection")
        //@{
        let now = Instant::now();
        let fd = match socket::socket(
            AddressFamily::Inet,
            SockType::Stream,
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
            None,
        ) {
            Ok(fd) => fd,
            Err(e) => return self.fail_at_start(&format!("socket: {e}")),
        };
        let phase = match socket::connect(fd.as_raw_fd(), &self.cfg.broker) {
            Ok(()) => Phase::Connected,
            Err(Errno::EINPROGRESS | Errno::EINTR) => Phase::Connecting,
            Err(e) => return self.fail_at_start(&format!("connect: {e}")),
        };
        self.conn = Some(Conn {
            fd,
            phase,
            out: Vec::new(),
            input: Vec::new(),
            deadline: now + Duration::from_secs(self.cfg.keep_alive.into()),
            last_sent: now,
            ping_sent: None,
        });
        if phase == Phase::Connected {
            self.send_connect();
        }
        //@}
    }

    /// The CONNECT of the contract: clean session 0, the will `offline`, retained, QoS 1.
    //@ko /// 계약의 CONNECT: clean session 0, 유언 메시지 `offline`, 보존, QoS 1.
    fn send_connect(&mut self) {
        //@ // TODO Phase::Connected, the deadline now + keep alive (the CONNACK counts from the
        //@ //      CONNECT), then send the Packet::Connect.
        //@ko // TODO Phase::Connected, 마감 시각은 지금 + 킵얼라이브(CONNACK은 CONNECT부터 센다). 그다음
        //@ko //      Packet::Connect를 보낸다.
        //@ //> let will = Will { topic: self.topic("status"), payload: b"offline".to_vec(), qos: 1, retain: true };
        //@ todo!("send CONNECT")
        //@{
        let will = Will {
            topic: self.topic("status"),
            payload: b"offline".to_vec(),
            qos: 1,
            retain: true,
        };
        let connect = Packet::Connect {
            clean_session: false,
            keep_alive: self.cfg.keep_alive,
            client_id: self.cfg.client_id.clone(),
            will: Some(will),
            username: None,
            password: None,
        };
        if let Some(conn) = &mut self.conn {
            conn.phase = Phase::Connected;
            // The CONNACK's time counts from the CONNECT.
            conn.deadline = Instant::now() + Duration::from_secs(self.cfg.keep_alive.into());
        }
        self.send(&connect);
        //@}
    }

    /// Encode a packet into the connection's output; `flush` sends it.
    //@ko /// 패킷을 연결의 출력에 인코딩해 둔다. 보내는 것은 `flush`다.
    fn send(&mut self, packet: &Packet) {
        //@ // TODO encode onto `out`, if there is a connection.
        //@ko // TODO 연결이 있으면 `out`에 인코딩한다.
        //@ todo!("queue a packet")
        //@{
        if let Some(conn) = &mut self.conn {
            encode(packet, &mut conn.out);
        }
        //@}
    }

    /// Send what the connection's output holds, as much as the socket takes now.
    /// C: `n = send(fd, out, len, MSG_NOSIGNAL);` (-1 with EAGAIN: the socket is full, poll for
    /// POLLOUT)
    //@ /// nix: `socket::send(fd.as_raw_fd(), &out, MsgFlags::MSG_NOSIGNAL)`.
    //@ko /// 연결의 출력에 든 것을, 소켓이 지금 받아 주는 만큼 보낸다.
    //@ko /// C: `n = send(fd, out, len, MSG_NOSIGNAL);`(-1과 EAGAIN: 소켓이 가득 찼다. POLLOUT을
    //@ko /// 기다린다)
    //@ko /// nix: `socket::send(fd.as_raw_fd(), &out, MsgFlags::MSG_NOSIGNAL)`.
    fn flush(&mut self) {
        //@ // TODO while connected (not Connecting) and `out` holds bytes: send; drain what was
        //@ //      taken and note last_sent; EAGAIN: stop; EINTR: again; an error: fail.
        //@ko // TODO 연결되어 있고(Connecting이 아니고) `out`에 바이트가 있는 동안: send. 가져간 만큼
        //@ko //      덜어 내고 last_sent를 적는다. EAGAIN이면 멈춘다. EINTR이면 다시. 오류면 fail.
        //@ todo!("send what is queued")
        //@{
        let Some(conn) = &mut self.conn else {
            return;
        };
        while !conn.out.is_empty() && conn.phase != Phase::Connecting {
            match socket::send(conn.fd.as_raw_fd(), &conn.out, MsgFlags::MSG_NOSIGNAL) {
                Ok(n) => {
                    conn.out.drain(..n);
                    conn.last_sent = Instant::now();
                }
                Err(Errno::EINTR) => {}
                Err(Errno::EAGAIN) => return,
                Err(e) => return self.fail(&format!("send: {e}")),
            }
        }
        //@}
    }

    /// What poll said of the socket.
    //@ /// C: `getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);` once a non-blocking connect
    //@ /// is writable. nix: `socket::getsockopt(&fd, sockopt::SocketError)`.
    //@ko /// poll이 소켓에 대해 알린 것.
    //@ko /// C: 논블로킹 connect의 소켓이 쓸 수 있게 되면 `getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
    //@ko /// &len);`. nix: `socket::getsockopt(&fd, sockopt::SocketError)`.
    fn on_socket(&mut self, ready: PollFlags, buf: &mut [u8]) {
        //@ // TODO Connecting: SO_ERROR 0, send_connect; else fail. Otherwise POLLIN, POLLHUP or
        //@ //      POLLERR: receive.
        //@ko // TODO Connecting이면: SO_ERROR가 0이면 send_connect, 아니면 fail. 그 밖에는 POLLIN, POLLHUP,
        //@ko //      POLLERR이면 receive.
        //@ todo!("the socket is ready")
        //@{
        let Some(conn) = &self.conn else {
            return;
        };
        if conn.phase == Phase::Connecting {
            // connect(2) has ended: SO_ERROR says how.
            // C: `getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);`
            match socket::getsockopt(&conn.fd, sockopt::SocketError) {
                Ok(0) => self.send_connect(),
                Ok(err) => self.fail(&format!("connect: {}", Errno::from_raw(err))),
                Err(e) => self.fail(&format!("getsockopt: {e}")),
            }
            return;
        }
        if ready.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR) {
            self.receive(buf);
        }
        //@}
    }

    /// One recv(2), then every whole packet it completes.
    /// C: `n = recv(fd, buf, sizeof buf, 0);` (0: the broker closed)
    //@ /// nix: `socket::recv(fd.as_raw_fd(), buf, MsgFlags::empty())`.
    //@ko /// recv(2) 한 번, 그다음 그것으로 온전해진 패킷 모두.
    //@ko /// C: `n = recv(fd, buf, sizeof buf, 0);`(0: 브로커가 닫았다)
    //@ko /// nix: `socket::recv(fd.as_raw_fd(), buf, MsgFlags::empty())`.
    fn receive(&mut self, buf: &mut [u8]) {
        //@ // TODO recv: 0 or an error, fail; EAGAIN, EINTR: nothing. Append to `input`; then
        //@ //      decode packet after packet (Ok(None): wait for more; Err: fail), each to
        //@ //      on_packet: a packet may end the connection, so look again each time.
        //@ko // TODO recv: 0이나 오류면 fail. EAGAIN, EINTR이면 아무것도 하지 않는다. `input`에 덧붙이고,
        //@ko //      패킷을 하나씩 디코딩해서(Ok(None): 더 기다린다. Err: fail) 저마다 on_packet에 넘긴다.
        //@ko //      패킷 하나가 연결을 끝낼 수 있으니 매번 연결을 다시 확인한다.
        //@ todo!("receive and decode")
        //@{
        let Some(conn) = &mut self.conn else {
            return;
        };
        match socket::recv(conn.fd.as_raw_fd(), buf, MsgFlags::empty()) {
            Ok(0) => return self.fail("the broker closed the connection"),
            Ok(n) => conn.input.extend_from_slice(&buf[..n]),
            Err(Errno::EAGAIN | Errno::EINTR) => return,
            Err(e) => return self.fail(&format!("recv: {e}")),
        }
        loop {
            let Some(conn) = &mut self.conn else {
                return; // a packet ended the connection
            };
            match decode(&conn.input) {
                Ok(Some((packet, n))) => {
                    conn.input.drain(..n);
                    self.on_packet(packet);
                }
                Ok(None) => return,
                Err(e) => return self.fail(&format!("from the broker: {e}")),
            }
        }
        //@}
    }

    /// A packet from the broker.
    //@ko /// 브로커가 보낸 패킷 하나.
    fn on_packet(&mut self, packet: Packet) {
        //@ // TODO before up: CONNACK 0, on_up; another return code: fail. Up: PUBACK, on_puback;
        //@ //      PUBLISH at QoS 0 or 1, on_command; SUBACK of our SUBSCRIBE, subscribed unless
        //@ //      0x80; PINGRESP, no PINGREQ out any more. Anything else: fail.
        //@ko // TODO 올라오기 전: CONNACK 0이면 on_up, 다른 반환 코드면 fail. 올라온 뒤: PUBACK이면
        //@ko //      on_puback. QoS 0이나 1의 PUBLISH면 on_command. 우리 SUBSCRIBE의 SUBACK이면 0x80이
        //@ko //      아닌 한 구독된 것. PINGRESP면 나가 있는 PINGREQ가 더는 없다. 그 밖의 것은 fail.
        //@ todo!("act on a packet")
        //@{
        let up = self.conn.as_ref().is_some_and(|c| c.phase == Phase::Up);
        match packet {
            Packet::Connack {
                session_present,
                return_code: 0,
            } if !up => self.on_up(session_present),
            Packet::Connack { return_code, .. } if !up => {
                self.fail(&format!("CONNACK return code {return_code}"));
            }
            Packet::Puback { packet_id } if up => self.on_puback(packet_id),
            Packet::Publish {
                dup,
                qos: qos @ (0 | 1),
                topic,
                packet_id,
                payload,
                ..
            } if up => self.on_command(dup && qos == 1, packet_id, &topic, payload),
            Packet::Suback {
                packet_id,
                return_codes,
            } if up && Some(packet_id) == self.subscribe_id => {
                self.subscribe_id = None;
                self.subscribed = return_codes.first().is_some_and(|&c| c != 0x80);
            }
            Packet::Suback { .. } if up => {}
            Packet::Pingresp if up => {
                if let Some(conn) = &mut self.conn {
                    conn.ping_sent = None;
                }
            }
            other => self.fail(&format!("unexpected from the broker: {other:?}")),
        }
        //@}
    }

    /// CONNACK 0: the unacknowledged readings again (DUP, same ids), the subscription if the
    /// session lacks it, the birth, then new readings.
    //@ko /// CONNACK 0: 확인 응답을 받지 못한 측정값을 다시(DUP, 같은 식별자), 세션에 구독이 없으면
    //@ko /// 구독을, 탄생 메시지를, 그다음 새 측정값을 보낸다.
    fn on_up(&mut self, session_present: bool) {
        //@ // TODO failures back to 0; Phase::Up. Then, in this order:
        //@ //      1. each held reading with an id: PUBLISH again, DUP 1, the same id (4.4);
        //@ //      2. session not present, or no SUBACK yet: SUBSCRIBE to `devices/<id>/cmd`, QoS 1;
        //@ //      3. the birth `online` on `devices/<id>/status`, QoS 1, RETAIN 1, a new id;
        //@ //      4. pump.
        //@ko // TODO 실패 횟수를 0으로, Phase::Up. 그다음 이 순서로:
        //@ko //      1. 식별자가 있는 측정값마다: PUBLISH를 다시, DUP 1, 같은 식별자로(4.4).
        //@ko //      2. 세션이 없거나 아직 SUBACK이 오지 않았으면: `devices/<id>/cmd`를 QoS 1로 SUBSCRIBE.
        //@ko //      3. 탄생 메시지 `online`을 `devices/<id>/status`로, QoS 1, RETAIN 1, 새 식별자로.
        //@ko //      4. pump.
        //@ todo!("the connection is up")
        //@{
        self.failures = 0;
        if let Some(conn) = &mut self.conn {
            conn.phase = Phase::Up;
        }
        let topic = self.topic("readings");
        let resend: Vec<Packet> = self
            .held
            .iter()
            .filter_map(|r| Some(publish(&topic, true, r.packet_id?, &r.payload, false)))
            .collect();
        for packet in &resend {
            self.send(packet);
        }
        if !session_present || !self.subscribed {
            self.subscribed = false;
            let packet_id = self.new_packet_id();
            self.subscribe_id = Some(packet_id);
            let filters = vec![(self.topic("cmd"), 1)];
            self.send(&Packet::Subscribe { packet_id, filters });
        }
        let birth_id = self.new_packet_id();
        self.birth_id = Some(birth_id);
        self.send(&publish(
            &self.topic("status"),
            false,
            birth_id,
            b"online",
            true,
        ));
        self.pump();
        //@}
    }

    /// A PUBACK: the reading (or the birth) with that id is delivered. An unknown id (a
    /// reading dropped from a full queue, a duplicate PUBACK) is ignored.
    //@ko /// PUBACK: 그 식별자의 측정값(또는 탄생 메시지)이 전달되었다. 모르는 식별자(가득 찬 큐에서
    //@ko /// 버린 측정값, 중복된 PUBACK)는 무시한다.
    fn on_puback(&mut self, packet_id: u16) {
        //@ // TODO the birth's id: forget it. A held reading's: remove it, then pump.
        //@ko // TODO 탄생 메시지의 식별자면 잊는다. 쥐고 있는 측정값의 식별자면 그 측정값을 빼고 pump.
        //@ todo!("a PUBACK")
        //@{
        if self.birth_id == Some(packet_id) {
            self.birth_id = None;
        } else if let Some(i) = self
            .held
            .iter()
            .position(|r| r.packet_id == Some(packet_id))
        {
            self.held.remove(i);
            self.pump();
        }
        //@}
    }

    /// A PUBLISH from the broker: acknowledged if QoS 1, acted on unless it is a resend (DUP)
    /// of a command already acted on (same id, same payload).
    //@ko /// 브로커가 보낸 PUBLISH: QoS 1이면 확인 응답하고, 이미 실행한 명령을 다시 보낸 것(DUP, 같은
    //@ko /// 식별자, 같은 페이로드)이 아니면 실행한다.
    fn on_command(&mut self, dup: bool, packet_id: Option<u16>, topic: &str, payload: Vec<u8>) {
        //@ // TODO on the cmd topic and not a duplicate: `command <payload>` on stdout, flushed;
        //@ //      remember (id, payload), the oldest forgotten beyond REMEMBERED. Then a PUBACK if
        //@ //      it has an id, duplicate or not.
        //@ko // TODO cmd 토픽이고 중복이 아니면: 표준 출력에 `command <payload>`를 쓰고 flush한다.
        //@ko //      (식별자, 페이로드)를 기억하고, REMEMBERED를 넘으면 가장 오래된 것을 잊는다. 그다음
        //@ko //      식별자가 있으면 중복이든 아니든 PUBACK.
        //@ todo!("a command")
        //@{
        let known = |(id, p): &(u16, Vec<u8>)| Some(*id) == packet_id && *p == payload;
        let duplicate = dup && self.acted.iter().any(known);
        if topic == self.topic("cmd") && !duplicate {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(b"command ")
                .and_then(|()| stdout.write_all(&payload))
                .and_then(|()| stdout.write_all(b"\n"))
                .and_then(|()| stdout.flush());
            if let Some(id) = packet_id {
                if self.acted.len() == REMEMBERED {
                    self.acted.pop_front();
                }
                self.acted.push_back((id, payload));
            }
        }
        if let Some(packet_id) = packet_id {
            self.send(&Packet::Puback { packet_id });
        }
        //@}
    }

    /// While up, send the waiting readings, in order, as the window allows.
    //@ko /// 연결되어 있는 동안, 기다리는 측정값을 창이 허락하는 만큼 순서대로 보낸다.
    fn pump(&mut self) {
        //@ // TODO count those in flight (with an id); while under WINDOW, give the first reading
        //@ //      without an id a new one and PUBLISH it, DUP 0.
        //@ko // TODO 전송 중인 것(식별자가 있는 것)을 센다. WINDOW보다 적은 동안, 식별자가 없는 첫
        //@ko //      측정값에 새 식별자를 주고 DUP 0으로 PUBLISH한다.
        //@ todo!("send waiting readings")
        //@{
        if !self.conn.as_ref().is_some_and(|c| c.phase == Phase::Up) {
            return;
        }
        let topic = self.topic("readings");
        let mut in_flight = self.held.iter().filter(|r| r.packet_id.is_some()).count();
        while in_flight < WINDOW {
            let Some(i) = self.held.iter().position(|r| r.packet_id.is_none()) else {
                return;
            };
            let packet_id = self.new_packet_id();
            self.held[i].packet_id = Some(packet_id);
            let packet = publish(&topic, false, packet_id, &self.held[i].payload, false);
            self.send(&packet);
            in_flight += 1;
        }
        //@}
    }

    /// A packet id in 1..=65535 that no unacknowledged packet has, the next after the last
    /// given: an id comes back only after 65,535 others.
    //@ko /// 확인 응답을 받지 못한 어떤 패킷도 쓰지 않는 1..=65535의 패킷 식별자. 마지막으로 준 것의
    //@ko /// 다음이다: 한 식별자는 다른 65,535개가 지나간 뒤에야 돌아온다.
    fn new_packet_id(&mut self) -> u16 {
        //@ // TODO the next after last_id (after 65535: 1), skipping the birth's, the SUBSCRIBE's
        //@ //      and every held reading's.
        //@ko // TODO last_id의 다음(65535 다음은 1). 탄생 메시지, SUBSCRIBE, 쥐고 있는 측정값의 식별자는
        //@ko //      건너뛴다.
        //@ todo!("a free packet id")
        //@{
        loop {
            self.last_id = self.last_id.checked_add(1).unwrap_or(1);
            let id = Some(self.last_id);
            let used = self.birth_id == id
                || self.subscribe_id == id
                || self.held.iter().any(|r| r.packet_id == id);
            if !used {
                return self.last_id;
            }
        }
        //@}
    }

    /// One read(2) of stdin: each whole line a reading; 0 is the end.
    /// C: `n = read(0, buf, sizeof buf);`
    //@ /// nix: `unistd::read(std::io::stdin().as_fd(), buf)`.
    //@ko /// stdin을 read(2) 한 번: 온전한 줄 하나가 측정값 하나다. 0은 끝이다.
    //@ko /// C: `n = read(0, buf, sizeof buf);`
    //@ko /// nix: `unistd::read(std::io::stdin().as_fd(), buf)`.
    fn read_stdin(&mut self, buf: &mut [u8]) {
        //@ // TODO read; 0 (or an error): stdin closed, and a last line without its '\n' ends.
        //@ //      Each byte: '\n' ends the line (end_of_line); else onto `line`, up to MAX_LINE.
        //@ko // TODO read. 0(또는 오류)이면 stdin이 닫힌 것이고, '\n' 없이 남은 마지막 줄도 끝난다.
        //@ko //      바이트마다: '\n'이면 줄이 끝난다(end_of_line). 아니면 `line`에 MAX_LINE까지 담는다.
        //@ todo!("read stdin")
        //@{
        let n = match unistd::read(std::io::stdin().as_fd(), buf) {
            Ok(n) => n,
            Err(Errno::EINTR | Errno::EAGAIN) => return,
            Err(e) => {
                eprintln!("sensor-device: stdin: {e}");
                0
            }
        };
        if n == 0 {
            self.stdin_open = false;
            self.end_of_line(); // a last line without its '\n'
            return;
        }
        for &byte in &buf[..n] {
            if byte == b'\n' {
                self.end_of_line();
            } else if self.line.len() < MAX_LINE {
                self.line.push(byte);
            } else {
                self.line_too_long = true;
            }
        }
        //@}
    }

    fn end_of_line(&mut self) {
        //@ // TODO too long: say so on stderr; empty: skip; else add_reading.
        //@ko // TODO 너무 길면 표준 오류에 알린다. 비었으면 건너뛴다. 아니면 add_reading.
        //@ todo!("a line is complete")
        //@{
        let line = std::mem::take(&mut self.line);
        if std::mem::take(&mut self.line_too_long) {
            eprintln!("sensor-device: a line over {MAX_LINE} bytes, skipped");
        } else if !line.is_empty() {
            self.add_reading(line);
        }
        //@}
    }

    /// A new reading; with the queue full, the oldest is dropped first, and counted.
    //@ko /// 새 측정값. 큐가 가득 찼으면 먼저 가장 오래된 것을 버리고 센다.
    fn add_reading(&mut self, payload: Vec<u8>) {
        //@ // TODO `held` at queue_bound: drop the front, count it, `dropped <n>` on stderr. Push
        //@ //      the new one (no id yet), then pump.
        //@ko // TODO `held`가 queue_bound에 닿았으면: 맨 앞을 버리고, 세고, 표준 오류에 `dropped <n>`.
        //@ko //      새 측정값을 넣고(아직 식별자 없이), 그다음 pump.
        //@ todo!("a new reading")
        //@{
        if self.held.len() >= self.cfg.queue_bound {
            self.held.pop_front();
            self.dropped += 1;
            eprintln!("dropped {}", self.dropped);
        }
        self.held.push_back(Reading {
            payload,
            packet_id: None,
        });
        self.pump();
        //@}
    }

    /// A failure: the connection closed (no DISCONNECT: the broker publishes the will), and
    /// the next attempt after the backoff.
    //@ko /// 실패: 연결을 닫고(DISCONNECT 없이: 브로커가 유언 메시지를 발행한다), 백오프 뒤에 다시
    //@ko /// 시도한다.
    fn fail(&mut self, why: &str) {
        //@ // TODO drop the Conn (close(2)); forget the birth's and the SUBSCRIBE's ids (a new
        //@ //      connection sends its own); fail_at_start.
        //@ko // TODO Conn을 버린다(close(2)). 탄생 메시지와 SUBSCRIBE의 식별자를 잊는다(새 연결은 자기
        //@ko //      것을 보낸다). fail_at_start.
        //@ todo!("a failure")
        //@{
        self.conn = None; // close(2)
        self.birth_id = None;
        self.subscribe_id = None;
        self.fail_at_start(why);
        //@}
    }

    /// After the n-th failure in a row, wait a random time in [d/2, d], d = min(max, min ×
    /// 2^(n-1)) ms: exponential, bounded, and two devices never in step.
    //@ko /// 잇따른 n번째 실패 뒤에는 [d/2, d]에서 무작위로 고른 시간만큼 기다린다. d = min(max, min ×
    //@ko /// 2^(n-1)) ms: 지수로 늘고, 한도가 있고, 두 기기가 발맞추어 가는 일이 없다.
    fn fail_at_start(&mut self, why: &str) {
        //@ // TODO one more failure; d, with saturating arithmetic (2^(n-1) overflows soon); the
        //@ //      wait d/2 + random() % (d - d/2 + 1); say why and how long on stderr; retry_at.
        //@ko // TODO 실패를 하나 더 센다. d는 포화 산술로 구한다(2^(n-1)은 금방 넘친다). 기다릴 시간은
        //@ko //      d/2 + random() % (d - d/2 + 1). 이유와 시간을 표준 오류에 알린다. retry_at.
        //@ todo!("the backoff")
        //@{
        self.failures = self.failures.saturating_add(1);
        let doubled = 2u64.saturating_pow(self.failures - 1);
        let d = self
            .cfg
            .backoff_max_ms
            .min(self.cfg.backoff_min_ms.saturating_mul(doubled));
        let wait = d / 2 + self.random() % (d - d / 2 + 1);
        eprintln!("sensor-device: {why}; connecting again in {wait} ms");
        self.retry_at = Instant::now() + Duration::from_millis(wait);
        //@}
    }

    /// xorshift64*: enough to keep devices out of step, no cryptography.
    //@ko /// xorshift64*: 기기들이 발맞추지 않게 하기에는 충분하다. 암호용은 아니다.
    fn random(&mut self) -> u64 {
        //@ // TODO x ^= x >> 12; x ^= x << 25; x ^= x >> 27; return x × 0x2545f4914f6cdd1d.
        //@ko // TODO x ^= x >> 12; x ^= x << 25; x ^= x >> 27; x × 0x2545f4914f6cdd1d를 돌려준다.
        //@ todo!("a random number")
        //@{
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
        //@}
    }

    /// The end: if up, DISCONNECT (the broker then discards the will), sent within GOODBYE;
    /// then shutdown(SHUT_WR) and read until the broker closes, so that close(2) finds nothing
    /// unread and sends no reset that could overtake the DISCONNECT.
    /// C: `send(fd, "\xe0\x00", 2, MSG_NOSIGNAL); shutdown(fd, SHUT_WR);
    ///     while (recv(fd, buf, sizeof buf, 0) > 0) {} close(fd);`
    //@ /// nix: `socket::shutdown(fd.as_raw_fd(), Shutdown::Write)`.
    //@ko /// 끝: 연결되어 있으면 DISCONNECT를 GOODBYE 안에 보낸다(그러면 브로커는 유언 메시지를
    //@ko /// 버린다). 그다음 shutdown(SHUT_WR)을 하고 브로커가 닫을 때까지 읽는다. 그래야 close(2)가
    //@ko /// 읽지 않은 데이터를 만나지 않고, DISCONNECT를 앞지를 수 있는 리셋을 보내지 않는다.
    //@ko /// C: `send(fd, "\xe0\x00", 2, MSG_NOSIGNAL); shutdown(fd, SHUT_WR);
    //@ko ///     while (recv(fd, buf, sizeof buf, 0) > 0) {} close(fd);`
    //@ko /// nix: `socket::shutdown(fd.as_raw_fd(), Shutdown::Write)`.
    fn goodbye(&mut self) {
        //@ // TODO not up: nothing to say. Else send DISCONNECT; flush until `out` is empty or
        //@ //      GOODBYE has passed (wait_for POLLOUT); shutdown the write side; recv until 0, an
        //@ //      error or GOODBYE.
        //@ko // TODO 연결되어 있지 않으면 할 말이 없다. 아니면 DISCONNECT를 보낸다. `out`이 비거나 GOODBYE가
        //@ko //      지날 때까지 flush한다(wait_for POLLOUT). 쓰기 쪽을 shutdown한다. 0, 오류, GOODBYE 가운데
        //@ko //      하나가 올 때까지 recv한다.
        //@ todo!("say goodbye")
        //@{
        if !self.conn.as_ref().is_some_and(|c| c.phase == Phase::Up) {
            return;
        }
        self.send(&Packet::Disconnect);
        let until = Instant::now() + GOODBYE;
        while self.conn.as_ref().is_some_and(|c| !c.out.is_empty()) && Instant::now() < until {
            self.flush();
            if let Some(conn) = &self.conn {
                wait_for(&conn.fd, PollFlags::POLLOUT, until);
            }
        }
        let Some(conn) = self.conn.take() else {
            return;
        };
        let _ = socket::shutdown(conn.fd.as_raw_fd(), Shutdown::Write);
        let until = Instant::now() + GOODBYE;
        let mut buf = [0u8; 4096];
        while wait_for(&conn.fd, PollFlags::POLLIN, until) {
            match socket::recv(conn.fd.as_raw_fd(), &mut buf, MsgFlags::empty()) {
                Ok(0) => break,
                Ok(_) | Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(_) => break,
            }
        }
        //@}
    }
}

/// A PUBLISH at QoS 1.
//@ko /// QoS 1의 PUBLISH.
fn publish(topic: &str, dup: bool, packet_id: u16, payload: &[u8], retain: bool) -> Packet {
    //@ // TODO a Packet::Publish.
    //@ko // TODO Packet::Publish 하나.
    //@ todo!("a PUBLISH at QoS 1")
    //@{
    Packet::Publish {
        dup,
        qos: 1,
        retain,
        topic: topic.to_owned(),
        packet_id: Some(packet_id),
        payload: payload.to_vec(),
    }
    //@}
}

/// poll(2) on one descriptor until `until`: whether it became ready.
//@ko /// 디스크립터 하나를 `until`까지 poll(2)한다: 준비되었는지.
fn wait_for(fd: &OwnedFd, events: PollFlags, until: Instant) -> bool {
    //@ // TODO the time left in ms as a PollTimeout; poll one PollFd; more than 0 ready.
    //@ko // TODO 남은 시간을 ms로 PollTimeout에. PollFd 하나를 poll. 0보다 많으면 준비된 것.
    //@ todo!("wait for one descriptor")
    //@{
    let ms = until.saturating_duration_since(Instant::now()).as_millis();
    let timeout = PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX);
    let mut fds = [PollFd::new(fd.as_fd(), events)];
    matches!(poll(&mut fds, timeout), Ok(n) if n > 0)
    //@}
}

/// The jitter's seed: the clock's nanoseconds and the process id, so that devices started
/// together still draw differently.
//@ko /// 지터의 시드: 시계의 나노초와 프로세스 ID. 그래서 함께 시작한 기기들도 서로 다른 값을
//@ko /// 뽑는다.
fn seed() -> u64 {
    //@ // TODO SystemTime's nanoseconds since the epoch, mixed with the pid; never 0 (xorshift
    //@ //      would stay at 0).
    //@ko // TODO SystemTime으로 epoch 이후 나노초를 구하고 pid와 섞는다. 0이면 안 된다(xorshift는 0에서
    //@ko //      벗어나지 못한다).
    //@ todo!("a seed")
    //@{
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let pid = u64::from(std::process::id());
    (nanos ^ (pid << 32) ^ pid.rotate_left(17)) | 1
    //@}
}
