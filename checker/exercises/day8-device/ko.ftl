## day8-device (checker/exercises/day8-device/): 실습과 테스트의 제목과 힌트, 그리고 이 테스트들만 쓰는 메시지
day8-device--title = 변덕스러운 브로커와 네트워크에도 측정값을 하나도 잃지 않는 MQTT 기기
day8-device--part-1--title = 연결하고 발행한다
day8-device--part-2--title = 연결이 끊겨도 측정값을 잃지도 겹치지도 않는다
day8-device--part-3--title = 킵얼라이브, 죽은 연결, 지터를 넣은 백오프, 시그널

day8-device--connect-packet--title = CONNECT가 바이트 하나까지 맞다: 레벨 4, 플래그 0x2C(clean session 0, QoS 1로 보존되는 유언 메시지 `offline`), 빅 엔디안 킵얼라이브, 클라이언트 식별자, 유언 토픽
day8-device--connect-packet--hint = CONNECT는 3.1.2가 늘어놓은 대로 만든다. 0x10, 남은 길이, 2바이트 길이를 앞에 붙인 "MQTT", 레벨 4, connect 플래그 0x2C(유언 플래그 0x04, 유언 QoS 1은 0x08, 유언 retain 0x20, clean session 0), 빅 엔디안 킵얼라이브, 그다음 클라이언트 식별자, `devices/<id>/status`, `offline`을 저마다 2바이트 길이를 앞에 붙여 쓴다(3.1.3).
day8-device--birth--title = CONNACK 0을 받을 때마다 탄생 메시지를 발행한다: `devices/<id>/status`에 `online`, QoS 1, RETAIN 1, 새 패킷 식별자. 두 번째 연결에서도 그렇다
day8-device--birth--hint = 지난 연결 뒤에 유언 메시지 `offline`이 발행되었을 수 있다. CONNACK 0을 받을 때마다 `devices/<id>/status`에 `online`을 QoS 1로, 보존 메시지로 발행한다(3.3.1.3). 패킷 식별자는 확인 응답받지 않은 PUBLISH가 쓰지 않는 것을 쓴다.
day8-device--subscribes--title = CONNACK이 session present 0이라고 할 때마다 새 측정값보다 먼저 `devices/<id>/cmd`를 QoS 1로 구독한다
day8-device--subscribes--hint = session present 0이라고 답한 브로커에는 기기의 구독이 없다. 그 CONNACK 뒤, 첫 새 측정값보다 먼저 SUBSCRIBE(플래그 0x82, 패킷 식별자, `devices/<id>/cmd`, QoS 1)를 보낸다. session present 1이면 구독이 남아 있다(다시 구독해도 된다).
day8-device--readings-in-order--title = 조각조각 들어온 측정값 40개(1024바이트짜리 하나와 빈 줄 하나가 섞였다)가 저마다 `devices/<id>/readings`에 QoS 1, DUP 0, 비어 있는 패킷 식별자로 읽은 순서대로 발행되고, 빈 줄은 건너뛴다
day8-device--readings-in-order--hint = stdin을 버퍼에 읽어 '\n'마다 자른다(read 한 번이 줄 도중에 끝날 수 있다). 빈 줄은 건너뛴다. 측정값은 읽은 순서대로 QoS 1, DUP 0으로 발행하고, 패킷 식별자는 확인 응답받지 않은 PUBLISH가 쓰지 않는 것을 쓴다(2.3.1-2).
day8-device--commands--title = QoS 1과 QoS 0의 명령을 곧바로 `command <payload>`로 출력하고, QoS 1 명령마다 그 패킷 식별자로 확인 응답한다. 같은 식별자의 측정값이 PUBACK을 기다리는 동안에도 그렇다
day8-device--commands--hint = `devices/<id>/cmd`의 PUBLISH는 명령이다. stdout에 `command <payload>`를 쓰고 곧바로 플러시한다. QoS 1이면 그 패킷 식별자로 PUBACK을 보낸다(3.3.4). 브로커의 패킷 식별자는 브로커의 것이다. 전송 중인 측정값과 식별자가 같아도 그 측정값의 PUBACK이 아니다.
day8-device--duplicate-command--title = DUP 1로 다시 온 명령(식별자와 페이로드가 같다)은 다시 연결한 뒤에도, 최근 16개 안이면 확인 응답만 하고 실행하지 않는다. DUP 0이면 아는 식별자라도, DUP 1이라도 페이로드가 다르면 새 명령이다
day8-device--duplicate-command--hint = 실행한 최근 명령 16개의 패킷 식별자와 페이로드를 연결이 바뀌어도 기억해 둔다. DUP 1에 식별자와 페이로드가 그 안에 있으면 PUBACK만 보내고 더 하지 않는다. DUP 0은 식별자가 무엇이든 늘 새 명령이다(4.3.2-2).
day8-device--eof-waits-for-acks--title = stdin이 끝나면 기기는 측정값마다 (늦게 오는) PUBACK을 기다린 뒤 DISCONNECT를 보내고 0으로 끝난다
day8-device--eof-waits-for-acks--hint = stdin의 EOF는 입력이 끝났다는 뜻이지 일이 끝났다는 뜻이 아니다. 쥐고 있는 측정값이 모두 확인 응답받을 때까지 계속하고, 그다음 DISCONNECT(e0 00)를 보내고 닫고 0으로 끝난다. 먼저 떠나면 전송 중인 것을 잃고, DISCONNECT 없이 닫으면 유언 메시지가 발행된다.
day8-device--usage--title = 인자 개수가 틀리거나, 호스트가 IPv4 주소가 아니거나, 포트, 클라이언트 식별자, 킵얼라이브, 큐 한도, 백오프가 범위를 벗어나면 종료 상태 2로 끝나고 사용법 한 줄을 쓰며 연결하지 않는다
day8-device--usage--hint = 연결하기 전에 인자 일곱 개를 모두 검사한다. 호스트는 inet_pton으로 읽고(리졸버는 쓰지 않는다), 포트와 킵얼라이브는 1..65535, 클라이언트 식별자는 영문자와 숫자 1~23자, 한도는 1 이상, `1 <= min <= max`다. 그 밖에는 stderr에 사용법 한 줄을 쓰고 exit(2)로 끝난다.
day8-device--resend-after-drop--title = 브로커가 PUBLISH를 받고 PUBACK을 보내기 전에 연결을 닫는다: 다음 연결에서 그 측정값이 DUP 1과 같은 패킷 식별자로 다시 오고, 측정값은 모두 도착한다
day8-device--resend-after-drop--hint = 측정값은 PUBACK이 올 때까지 기기의 것이다. 패킷 식별자와 함께 쥐고 있다가 다음 연결에서 DUP를 켜고 같은 패킷 식별자로 다시 보낸다(4.4, 3.3.1-1). 브로커는 그렇게 해서 새 메시지와 구별한다.
day8-device--resend-before-new--title = 리셋 뒤에 확인 응답받지 않은 측정값이 탄생 메시지보다도, 어떤 새 측정값보다도 먼저 다시 온다
day8-device--resend-before-new--hint = 다시 연결하면 새 패킷 식별자를 단 PUBLISH(탄생 메시지, 새 측정값)보다 먼저, 확인 응답받지 않은 측정값을 처음 보낸 순서대로 모두 다시 보낸다(4.4).
day8-device--acked-not-resent--title = PUBACK을 받은 측정값은, 그 PUBACK이 브로커의 FIN과 같은 세그먼트로 왔더라도 다시 보내지 않는다
day8-device--acked-not-resent--hint = EOF를 처리하기 전에 읽어 들인 패킷을 모두 처리한다. 연결이 닫히며 함께 온 PUBACK도 그 측정값을 확인 응답한다. 측정값은 PUBACK을 받으면 잊고(4.3.2-1), 나머지만 다시 보낸다.
day8-device--offline-queue--title = 브로커가 내려가 있는 동안 들어온 측정값은 큐에서 기다렸다가 브로커가 돌아오면 순서대로 한 번씩 발행된다
day8-device--offline-queue--hint = 연결되어 있든 아니든 stdin을 읽는다. 오프라인일 때 들어온 측정값은 큐에 넣고, 연결이 올라오면 큐를 순서대로 보낸다.
day8-device--queue-bound--title = 큐 한도 3에 오프라인으로 측정값 8개가 들어온다: 가장 오래된 5개를 버리고, stderr에 `dropped 1`부터 `dropped 5`까지 쓰고, 가장 새로운 3개를 발행한다
day8-device--queue-bound--hint = 확인 응답받지 않은 측정값은 <queue-bound>개까지만 쥔다. 큐가 찼을 때 새 측정값이 오면 가장 오래된 것을 버리고(다시는 보내지 않는다) stderr에 `dropped <n>`을 쓴다. n은 시작한 뒤로 버린 개수 전부다.
day8-device--session-lost--title = 브로커가 session present 0으로 돌아온다: 기기는 다시 구독하고, 전송 중이던 측정값을 새 측정값보다 먼저 여전히 전달한다
day8-device--session-lost--hint = session present 0은 브로커가 기기의 구독을 잃었다는 뜻이지 측정값이 전달되었다는 뜻이 아니다. 다시 구독하고, 확인 응답받지 않은 측정값을 새 측정값보다 먼저 모두 다시 보낸다.
day8-device--pings-when-idle--title = 킵얼라이브 1초로 할 일이 없는 기기는 PINGREQ를 보낸다: 패킷 없이 1.5초가 지나는 일이 없다
day8-device--pings-when-idle--hint = 마지막으로 무언가를 보낸 때를 적어 둔다. 킵얼라이브 초만큼 아무 패킷도 보내지 않았으면 PINGREQ를 보낸다(3.1.2-23). 기다릴 때는 타임아웃을 둔다. poll이나 epoll_wait의 타임아웃, 또는 타이머를 쓰고, 타임아웃 없는 read로 기다리지 않는다.
day8-device--dead-link--title = 브로커가 TCP 연결은 열어 둔 채 PINGREQ에 답하지 않는다(반쯤 열린 연결): 기기는 PINGREQ 뒤 킵얼라이브의 1.5배 안에 연결을 닫고 다시 연결한다
day8-device--dead-link--hint = TCP만으로는 말없는 상대를 몇 분 동안 알아채지 못한다. PINGREQ를 보낸 뒤 PINGRESP를 킵얼라이브 초만큼 기다리고, 오지 않으면 실패로 보고 연결을 닫은 뒤 백오프를 두고 다시 연결한다.
day8-device--connack-refused--title = CONNACK 반환 코드 1부터 5까지로 연결 다섯 개를 거절하고, 여섯 번째 CONNECT에는 끝내 답하지 않는다: 그 연결에서는 아무것도 발행하지 않고, 기기는 매번(여섯 번째는 킵얼라이브 뒤에) 다시 연결하며, 일곱 번째 연결은 받아들여진다
day8-device--connack-refused--hint = CONNACK의 반환 코드를 읽는다(3.2.2.3). 0이 아니면 거절된 connect와 같은 실패다. CONNECT 뒤 킵얼라이브 초가 지나도 CONNACK이 오지 않아도 실패다. 닫고, 백오프만큼 기다리고, 다시 시도한다. 거절된 연결에서는 절대 발행하지 않고, 끝나지도 않는다.
day8-device--backoff--title = 거절된 시도 사이에 기기는 d/2에서 d 사이를 기다리고, d는 backoff-min에서 두 배씩 backoff-max까지 커지며, CONNACK 0 뒤에는 다시 backoff-min부터 시작한다
day8-device--backoff--hint = 연달아 n번째 실패한 뒤에는 [d/2, d]에서 고르게 뽑은 시간을 기다린다. d = min(max, min × 2^(n-1)) ms다. CONNACK 0을 받으면 n은 0으로 돌아간다. 기다림은 실패한 때부터 잰다.
day8-device--jitter--title = 똑같이 거절당한 기기 둘이 같은 시간을 기다리지 않는다: 서로의 기다림이 다르고, 기기마다 기다림이 달라진다
day8-device--jitter--hint = 기다림은 매번 새로 [d/2, d]에서 고르게 뽑는다. 난수 생성기의 시드는 프로세스마다 다르게 준다(시계의 나노초와 pid, 또는 getrandom). 똑같이 기다리는 기기들은 한꺼번에 다시 연결해 브로커로 몰려든다.
day8-device--broker-down-then-up--title = 측정값이 들어오는 동안 브로커가 내려가 있다(connect 거절): 기기는 CPU를 헛돌리지 않고 계속 시도하고, 브로커가 돌아오면 backoff-max 안에 다시 연결해 측정값을 전달한다
day8-device--broker-down-then-up--hint = 거절된 connect()도 다른 실패와 같다. 백오프만큼 기다렸다가 다시 시도한다. 끝나서도 안 되고, 루프에서 곧바로 다시 시도해서도 안 된다. 그사이 들어온 측정값은 큐에 넣는다.
day8-device--sigterm--title = 연결된 채 SIGTERM: DISCONNECT를 보내고 닫고 1초 안에 0으로 끝난다. 브로커가 거절하는 동안 SIGTERM: 1초 안에 0으로 끝난다
day8-device--sigterm--hint = SIGTERM을 잡아 루프가 곧바로 깨어나게 한다(self-pipe, signalfd, 또는 깨어나는 poll과 플래그). 연결되어 있으면 DISCONNECT(e0 00)를 보내 유언 메시지가 발행되지 않게 하고, 닫고, 0으로 끝난다.
day8-device--sigint--title = SIGINT(Ctrl-C)에도 똑같이 깨끗하게 끝난다
day8-device--sigint--hint = SIGINT도 SIGTERM처럼 처리한다.

# 브로커의 연결(wire.rs, broker.rs)
device-nothing-came = { $who }: 브로커가 { $expected }{ JOSA($expected, "을", "를") } 기다렸지만({ $clause }) 시간 안에 아무것도 오지 않았다
device-closed-instead = { $expected }{ JOSA($expected, "이", "가") } 와야 할 자리에서 기기가 { $who }{ JOSA($who, "을", "를") } 닫았다({ $clause })
device-expected-got = { $who }: 브로커는 { $expected }{ JOSA($expected, "을", "를") } 기다렸는데({ $clause }) 기기가 { $got }{ JOSA($got, "을", "를") } 보냈다
device-malformed = { $who }: 기기가 MQTT 3.1.1 패킷이 아닌 바이트를 보냈다: { $error }
device-not-from-a-device = 패킷 타입 { $kind }({ $name }). 실습의 기기는 이 패킷을 보내지 않는다
device-bad-connect = 실습이 쓰는 범위를 벗어난 CONNECT(프로토콜 이름 MQTT, 레벨 4, 예약 비트 0, 사용자 이름과 비밀번호 없음, 남는 바이트 없음)
device-bad-subscribe = 플래그가 { $flags }이거나 토픽 필터가 없는 SUBSCRIBE(3.8.1-1: 플래그 0010, 3.8.3-3: 필터가 적어도 하나)
device-subscribe-id-0 = 패킷 식별자가 0인 SUBSCRIBE(2.3.1-1)
device-stdin-full = 기기가 stdin을 읽지 않는다: 측정값을 쓰지 못했다({ $error })
device-stdin-closed = EOF(stdin을 닫았다)
device-broker-listens = 채점기의 브로커가 127.0.0.1:{ $port }에서 연결을 기다린다
device-broker-down = 브로커가 내려간다: 그 포트는 연결을 거절한다
device-broker-back = 브로커가 같은 포트로 돌아왔다
device-accepted = 연결을 받아들였다
device-awaiting-connection = 브로커가 연결 { $n }{ JOSA($n, "을", "를") } 기다리는 동안
device-no-connection = 브로커가 기기의 연결 { $n }{ JOSA($n, "을", "를") } 기다렸지만 시간 안에 오지 않았다
device-awaiting-birth = 탄생 메시지 PUBLISH `online`(QoS 1, 보존 메시지)
device-awaiting-birth-again = 이 연결의 탄생 메시지 PUBLISH `online`(연결마다 따로 보낸다)
device-awaiting-reading = 측정값 { $reading }의 PUBLISH
device-awaiting-readings = 아직 확인 응답받지 않은 측정값의 PUBLISH
device-awaiting-subscribe = `devices/<id>/cmd`의 SUBSCRIBE
device-awaiting-command-ack = 브로커가 보낸 명령의 PUBACK id={ $id }
device-awaiting-disconnect = DISCONNECT
device-awaiting-ping = PINGREQ(킵얼라이브 1초)
device-want-idle = 킵얼라이브가 다 지날 때까지의 침묵, { $ms }밀리초 동안 { $n }번째 PINGREQ가 아니라(킵얼라이브가 1초이면 기기는 1초 동안 아무것도 보내지 않았을 때 PINGREQ를 보낸다. PINGRESP가 올 때마다 곧바로 보내면 브로커에 PINGREQ가 쏟아진다)
device-spins-idle = 1초에 PINGREQ 하나 말고는 보낼 것이 없는데 기기가 { $secs }초 가운데 { $ms } ms 동안 CPU에서 돌았다: 다음 타이머를 기다리지 않고 헛돌고 있다
device-idle-starved = 기기가 PINGREQ 사이에 헛도는지 알 수 없었다: { $secs }초 사이 가장 바쁜 스레드가 { $runnable }초 동안 실행 가능 상태였는데, 머신이 바빠 그 시간 대부분 CPU를 얻지 못했다
device-pollout-on-demand = POLLOUT은 보낼 출력이 남아 있는 동안(또는 connect가 진행 중인 동안)에만 요청하라: 연결된 소켓은 쓸 자리가 있으면 언제나 쓸 수 있으므로 poll이 곧바로, 거듭 돌아온다
device-awaiting-close = PINGRESP가 오지 않는 연결을 기기가 닫는 것
device-no-such-command = 브로커가 보낸 PUBLISH의 PUBACK(이 식별자의 PUBLISH는 없다)
device-not-now = PUBLISH, PUBACK, SUBSCRIBE, PINGREQ, DISCONNECT 중 하나(CONNECT는 연결마다 한 번 온다)
device-clause-contract = 계약
device-clause-reading = 계약: 측정값은 devices/<id>/readings에 QoS 1, RETAIN 0으로 발행한다
device-clause-fed = 계약: 비어 있지 않은 stdin 한 줄에 PUBLISH 하나
device-clause-subscribe = 계약 3b: session present 0인 CONNACK 뒤에는 새 측정값보다 먼저 구독한다
device-clause-birth = 계약 3c: 연결마다 새 측정값보다 먼저 탄생 메시지
device-clause-bound = 계약: 큐가 차면 가장 오래된 것을 버리고 다시는 보내지 않는다
device-clause-eof = 계약: EOF에서는 측정값이 모두 확인 응답받은 뒤에 DISCONNECT
# 브로커가 기다린 것(ledger.rs)
device-want-birth-new = DUP 0과 새 패킷 식별자를 단 탄생 메시지(이 식별자는 앞선 연결의 탄생 메시지가 쓴 것이 아니다)
device-want-birth-first = 먼저 { $topic }에 탄생 메시지 PUBLISH `online`
device-want-subscribe-first = 먼저 { $topic } SUBSCRIBE
device-want-fed = 넣어 준 측정값 가운데 하나의 PUBLISH(이 페이로드는 stdin의 어느 줄도 아니다)
device-want-not-again = { $reading }{ JOSA($reading, "은", "는") } 더 오지 않는 것: 브로커가 확인 응답했다
device-want-resend = 연결 { $link }에서 보내고 확인 응답받지 못한 측정값을 DUP 1과 같은 패킷 식별자로 다시 보낸 { $packet }
device-want-once = 이 연결에서 한 번만 오는 { $reading }
device-want-in-order = 먼저 { $reading }의 PUBLISH(측정값은 읽은 순서대로)
device-want-dropped = { $reading }{ JOSA($reading, "은", "는") } 오지 않는 것: 큐 한도 3에서는 버려진다
device-want-free-id = 확인 응답받지 않은 PUBLISH가 쓰지 않는 패킷 식별자: { $id }{ JOSA($id, "은", "는") } { $holder }의 것이다
device-id-holder-reading = 측정값 { $reading }
device-id-holder-birth = 탄생 메시지
device-want-nothing-refused = 반환 코드 { $code }{ JOSA($code, "으로", "로") } 거절된 연결에서는 닫는 것 말고 아무것도 없는 것
# 1부(publishing.rs, commands.rs)
device-connect-differs = 기기의 CONNECT가 바이트 하나까지 { $expected }{ JOSA($expected, "이", "가") } 아니다(3.1.2, 3.1.3, 플래그 0x2C)
device-left-early = 기기가 확인 응답받지 않은 측정값 { $left }개를 남긴 채 연결을 끝냈다: stdin이 끝나도 그 PUBACK을 기다려야 한다
device-no-exit-after-disconnect = 기기가 DISCONNECT를 보내고 1초 안에 끝나지 않았다
device-after-eof = stdin이 끝나 DISCONNECT를 보낸 뒤
device-usage-case = sensor-device { $args }
device-usage-running = `sensor-device { $args }`{ JOSA($args, "이", "가") } 끝나지 않았다
device-usage-when = `sensor-device { $args }`에서
device-usage-status = 계약: 명령줄이 틀리면 stderr에 사용법 한 줄을 쓰고 종료 상태 2로 끝난다
device-usage-connected = `sensor-device { $args }`{ JOSA($args, "이", "가") } 브로커에 연결했다: 명령줄이 틀리면 기기는 어디에도 연결하지 않는다
device-usage-silent = `sensor-device { $args }`{ JOSA($args, "이", "가") } 2로 끝났지만 stderr에 아무것도 쓰지 않았다: 무엇을 받는지 사용법 한 줄로 알린다
device-command-not-printed = stdout에 `{ $line }` 줄이 오지 않았다
device-flush = 파이프로 가는 stdout은 통째로 버퍼링된다: 줄마다 플러시하지 않으면(fflush(stdout)) 그 줄은 기기 안에서 기다린다
device-stdout-differs = 기기의 stdout이 실행해야 할 명령의 줄을 한 번씩 담은 것과 다르다
# 2부(resending.rs)
device-drops-said = stderr의 `dropped` 줄이 기대한 것과 다르다: 큐 한도 3에 측정값 8개가 오면 가장 오래된 5개를 버리고 1부터 5까지 센다
device-stdin-unread = 오프라인일 때 stdin으로 측정값 8개가 왔는데 기기가 2초가 지나도 읽지 않았다(기기는 연결되어 있든 아니든 stdin을 읽고, 한도를 넘으면 가장 오래된 것을 버린다)
device-floods = 브로커가 내려가 있던 600밀리초 동안 기기가 CPU를 { $ms }밀리초 쓰고 connect()를 { $tries }번 불렀다(백오프로는 { $most }번까지다): 거절된 connect를 곧바로 다시 시도해 브로커로 몰려든다
device-back-late = 브로커가 돌아오고 { $ms }밀리초 뒤에야 기기가 다시 연결했다: 기다림은 길어야 backoff-max, { $max }밀리초다
# 3부(timers.rs)
device-half-open = 브로커가 연결은 열어 둔 채 PINGREQ에 답하지 않는다(반쯤 열린 연결)
device-dead-link-open = 답을 받지 못한 PINGREQ 뒤 { $ms }밀리초가 지나도 연결이 열려 있었다: 킵얼라이브가 1초면 기기는 PINGRESP를 1초 기다린 뒤(채점기는 1.5초까지 기다린다) 닫고 다시 연결한다
device-backoff-early = 실패 { $n }번째 뒤 기기가 { $gap }밀리초 만에 다시 연결했다: 기다림은 적어도 d/2이고, d = { $d }밀리초다
device-backoff-late = 실패 { $n }번째 뒤 기기가 { $gap }밀리초 만에 다시 연결했다: 기다림은 길어야 d = { $d }밀리초다(d = min(max, min × 2^(n-1)))
device-backoff-reset = CONNACK 0을 받으면 실패 횟수는 0으로 돌아간다: 그 뒤의 실패는 첫 실패처럼 기다린다
device-in-step = 똑같이 거절당한 두 기기가 똑같이 기다렸다: 기다림이 8밀리초 넘게 다른 시도가 { $gaps }번 가운데 { $apart }번뿐이거나, 한 기기의 기다림이 거의 달라지지 않는다
device-signal = 기기에 { $signal }
device-no-disconnect = 기기가 { $signal } 뒤 DISCONNECT 없이 연결을 닫았다: 브로커가 유언 메시지 `offline`을 발행한다(3.1.2-8)
device-no-exit = 기기가 { $signal } 뒤 1초 안에 끝나지 않았다
device-after-signal = { $signal } 뒤
device-want-reading = PUBLISH qos=1 topic={ $topic }(측정값)
device-waits-of = 기기 { $device }의 기다림(밀리초)
device-log-cpu = 브로커가 600밀리초 내려가 있는 동안: CPU { $ms }밀리초, connect() 호출 { $tries }번
device-log-back = 브로커가 돌아오고 { $ms }밀리초 뒤에 다시 연결했다
device-log-dead-link = 답을 받지 못한 PINGREQ 뒤 { $closed }밀리초 만에 닫고, { $again }밀리초 뒤에 다시 연결했다
device-log-wait = 실패 { $n }번째 뒤의 기다림: { $gap }밀리초(d = { $d }밀리초)
device-log-waits = 기기 A의 기다림: { $a }밀리초, 기기 B의 기다림: { $b }밀리초
device-log-delays = 스케줄러가 기다림마다 더했을 수 있는 지연(기기와 채점기가 실행할 수 있었으나 CPU를 얻지 못한 시간): A { $a }밀리초, B { $b }밀리초
device-jitter-starved = 두 기기가 기다리는 동안 머신이 너무 바빴다: 스케줄러가 늦추면 같은 기다림도 달라 보이니, 기다림이 다르다고 지터가 있다고 할 수 없다
device-no-connack = 브로커가 CONNECT를 읽고 아무것도 답하지 않는다
device-awaiting-close-connack = CONNACK이 오지 않는 연결을 기기가 닫는 것
device-connack-waited = 브로커가 답하지 않은 CONNECT 뒤 { $ms }밀리초가 지나도 연결이 열려 있었다: 킵얼라이브가 1초면 기기는 CONNACK을 1초 기다린 뒤 닫고 다시 연결한다
