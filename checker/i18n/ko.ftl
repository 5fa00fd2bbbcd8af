# 채점기(checker)의 한국어 메시지. 키는 en.ftl과 같다; 빠진 키는 영어로 보인다.
# `cargo run -p checker -- verify`가 빠진 키와 en.ftl에 없는 키를 알려 준다.
# 용어는 course.ko.md를 따른다. API 이름, 플래그, errno 이름,
# 테스트 id는 라틴 문자 그대로 둔다. 서술은 ~다, 안내는 ~하라.
# 실습과 묶음마다의 항목(테스트의 제목과 힌트, 그 테스트들만 쓰는 메시지)은 그 폴더
# (checker/exercises/<실습>/, checker/src/exercises/families/<묶음>/)의 ko.ftl에 있고,
# 빌드가 이 파일 뒤에 잇는다.

## 보고서에 공통으로 쓰는 말

status-pass = 통과
status-fail = 실패
status-error = 오류
status-not-started = 시작 전
status-does-not-compile = 컴파일 안 됨
status-not-applicable = 해당 없음
status-unjudged = 판정할 수 없음

exercise-passing = 통과
exercise-failing = 실패
exercise-in-progress = 진행 중
exercise-not-started = 시작 전
exercise-does-not-compile = 컴파일 안 됨

count-byte = { $n }바이트
count-line = { $n }줄
count-place = { $n }곳
count-process = 프로세스 { $n }개

## 사람이 읽는 보고서 (report/human.rs)

summary-title = 소켓 프로그래밍 실습: 결과
summary-columns = 일차 | 실습 | 상태 | 테스트 | 점수
summary-score = 점수: { $earned }/{ $possible }점.
summary-failing = 실패한 테스트
summary-tests-not-started = { $passed }/{ $tests } (시작 전 { $n })
report-exercise-counts = (테스트 { $passed }/{ $tests }개, { $earned }/{ $possible }점)
report-exercise-counts-not-started = (테스트 { $passed }/{ $tests }개, 시작 전 { $not_started }개, { $earned }/{ $possible }점)
report-does-not-compile = 컴파일 안 됨
report-not-graded = 채점하지 않음
report-fix-compile-errors = 위의 오류(컴파일러가 낸 메시지)를 고친 뒤 채점기를 다시 실행하라. 다른 실습은 평소대로 채점한다
report-not-started-open = 시작 전: { $dir }{ $exercise }/{ $file }{ JOSA($file, "을", "를") } 열고 { $course }#{ $section }{ JOSA($section, "을", "를") } 읽으라
report-test-title = 테스트: { $title }
report-output = 출력:
report-note = 참고:
report-hint = 힌트:
report-read = 읽을 곳: { $course }#{ $section }
report-try-by-hand = 직접 해 보기: { $command }
report-rerun = 다시 실행: { $command }
report-same-cause = 같은 원인으로 실패한 테스트 { $n }개 더:
report-transcript-took = 기록 ({ $seconds }초):
report-score = 점수: { $earned }/{ $possible }점
report-score-day = { $day }일차: { $earned }/{ $possible }
report-failing = 실패한 테스트: { $tests }
report-totals = 통과 { $passed }, 실패 { $failed }
report-totals-not-started = , 시작 전 { $n }
report-totals-not-applicable = , 해당 없음 { $n }
report-totals-unjudged = , 판정할 수 없음 { $n }(머신이 너무 바빴다. 다시 채점하라)
report-unjudged = 테스트 { $n }개는 판정할 수 없었다. 머신이 너무 바빴다. 그 테스트는 점수를 얻지 못하고, 그 점수는 만점에 그대로 남는다. 머신이 한가할 때 다시 채점하라.
report-grading = 채점 중
progress-building = { $exercise } 빌드 중 (처음에는 1분쯤)

## 오류 종류별 힌트 (report/hints.rs)

hint-not-started = 이 코드는 아직 `todo!()`를 실행한다. `todo!()`를 직접 구현한 코드로 바꾸라. 그 위의 문서 주석이 C 호출을 인용하고 그에 해당하는 nix 함수를 알려 준다.
hint-not-started-c = 이 코드는 아직 `TODO(...)`에서 멈춘다. 그 자리를 직접 작성한 코드로 바꾸라. 그 위의 `// TODO` 주석이 교재에 나오는 호출을 인용한다.
hint-panic = 코드가 패닉했다. 메시지와 줄 위치는 위에 있다. 계약이 오류를 요구하는 경우에도 패닉은 통과로 치지 않는다(그럴 때는 stderr에 한 줄을 출력하고 상태 1로 종료하라).
hint-panic-c = 위의 메시지는 C 코드가 아니라 여러분의 함수를 부르는 실습의 연결 코드(심(shim): 메시지에 그 파일이 나온다)에서 나왔다. 함수가 돌려준 값이나 써 넣은 것이 헤더의 계약을 어겨서 연결 코드가 받아들이지 않은 것이다(무엇이 어긋났는지는 메시지에 나온다: 0도 -1도 아닌 반환값, NUL로 끝나지 않는 문자열 같은 것). 모든 경로에서 헤더 주석이 약속하는 대로 하라.
hint-crash = 프로세스가 시그널로 죽었다. SIGSEGV는 대개 스택 오버플로(끝없는 재귀), SIGABRT는 패닉 중의 패닉이나 명시적인 abort, SIGPIPE는 상대가 이미 닫은 소켓에 쓴 것이다(course.ko.md의 SIGPIPE와 MSG_NOSIGNAL 부분을 보라).
hint-crash-c = 프로세스가 시그널로 죽었다. SIGSEGV는 잘못된 메모리 접근이다: NULL이거나 이미 해제했거나 초기화하지 않은 포인터, 배열 끝을 넘은 인덱스, 또는 스택 오버플로(끝없는 재귀). SIGABRT는 abort다: 실패한 assert(), 또는 C 라이브러리가 망가진 힙(같은 메모리를 두 번 free, malloc한 메모리 끝을 넘은 쓰기)이나 _FORTIFY_SOURCE와 스택 보호기가 잡은 버퍼 오버플로에서 멈춘 것이거나, 정의되지 않은 동작 새니타이저가 멈춘 것이다(위의 `runtime error:` 줄이 파일과 줄을 알려 준다). SIGPIPE는 상대가 이미 닫은 소켓에 쓴 것이다(course.ko.md의 SIGPIPE와 MSG_NOSIGNAL 부분을 보라).
hint-timeout = 제한 시간 안에 아무 일도 일어나지 않았다. 끝나지 않는 루프, 끝내 오지 않을 데이터를 기다리는 read(답하기 전에 EOF를 기다리지 않았는가?), 엉뚱한 소켓에서 블로킹되는 호출이 없는지 찾아보라.
hint-stuck = 시간이 다 된 것이 아니다: 프로그램이 아무도 깨워 주지 않을 블로킹 호출 안에서 잠들어 있다(기다리는 곳을 보라). 그 호출이 무엇을 기다리는지, 그것을 누가 보내 줄지 따져 보라: 상대편이 끝내 보내지 않을 바이트나 EOF(어딘가에 열린 채 남은 디스크립터 사본이 있으면 EOF가 오지 않는다), 아무도 맺지 않을 연결, 끝나지 않는 자식, 아무도 풀지 않는 락.
hint-client-no-timeout = 시간이 다 된 것이 아니다: 클라이언트가 타임아웃 없는 소켓에서 끝내 오지 않을 바이트를 기다리며 수신 호출 안에서 잠들어 있다(기다리는 곳을 보라). 데이터그램은 사라질 수 있고 서버는 답하지 않을 수 있다: 계약이 기다리는 시간에 한도를 두는 곳에서는 SO_RCVTIMEO를 설정하고(또는 타임아웃을 준 poll로 기다리고) 그 시간이 지나면 계약대로 처리하라. 서버의 EOF를 기다리는 곳이라면, 서버도 클라이언트의 EOF를 기다리고 있을 수 있다: 더 보낼 것이 없으면 close(또는 shutdown(SHUT_WR))하라.
hint-idle = 시간이 다 된 것이 아니다: 답을 보낼 때인데, 프로그램은 자기 타이머(sleep, 타임아웃을 준 기다림)에 깨어났다가 다시 잠들기만 했고, 소켓에는 아무 변화도 없이 아무것도 보내지 않았다(기다리는 곳을 보라). 받아 간 바이트가 어디로 갔는지 따져 보라: 한 줄보다 많은 바이트를 기다리는 읽기(크기가 정해진 read_exact), 다른 스레드가 타이머마다 들여다보는 큐, 타이머가 울릴 때까지 붙잡아 둔 줄. 답은 그 답을 요구하는 바이트가 들어오는 즉시 보내야 한다.
hint-idle-c = 시간이 다 된 것이 아니다: 답을 보낼 때인데, 프로그램은 자기 타이머(sleep, 타임아웃을 준 기다림)에 깨어났다가 다시 잠들기만 했고, 소켓에는 아무 변화도 없이 아무것도 보내지 않았다(기다리는 곳을 보라). 받아 간 바이트가 어디로 갔는지 따져 보라: 한 줄보다 많은 바이트를 기다리는 읽기(정해진 바이트 수가 다 올 때까지 read()를 되풀이하는 루프), 다른 스레드가 타이머마다 들여다보는 큐, 타이머가 울릴 때까지 붙잡아 둔 줄. 답은 그 답을 요구하는 바이트가 들어오는 즉시 보내야 한다.
hint-holds-unread = 서버가 수락한 연결을 읽지 않았다: 수락한 연결은 읽지 않은 채 두고 accept()로 돌아갔다(기다리는 곳을 보라: 클라이언트의 바이트가 그 소켓에 그대로 있다). 클라이언트는 그 에코를 기다리고 있다. accept()는 클라이언트마다 새 소켓을 돌려준다: 다음 연결을 수락하기 전에, 그 소켓에서 읽고 온 것을 되돌려 보내기를 read()가 0을 돌려줄 때까지 되풀이한 뒤 닫으라(아니면 그 연결을 처리할 곳에 넘기라).
hint-unread-on-edge = 클라이언트의 바이트가 소켓에 읽히지 않은 채 남아 있는데 서버는 epoll_wait에서 잠들어 있다(기다리는 곳을 보라). EPOLLET로 등록한 소켓은 데이터가 도착할 때마다 한 번씩만 알림이 오고, 데이터가 남아 있다고 다시 알려 주지 않는다. 서버는 이 바이트가 도착했다는 알림을 받고도 소켓이 빌 때까지 읽지 않았으니, 이제 이 바이트를 알려 줄 알림은 오지 않는다. EPOLLIN이 오면 read()가 EAGAIN으로 실패할 때까지 읽으라(EPOLLOUT이 오면 EAGAIN이 나오거나 보낼 것이 없을 때까지 보내라).
hint-polls-nothing = 프로그램이 디스크립터를 하나도 넘기지 않고(개수 0) 타임아웃도 없이 poll()에서 잠들어 있다(기다리는 곳을 보라). 이 프로그램은 시그널 말고는 무엇으로도 깨어나지 않는다. poll은 배열의 앞에서부터 두 번째 인자로 넘긴 개수만큼만 지켜보니, 채운 항목을 리스닝 소켓까지 빠짐없이 세어 넘긴다(fds[0]이 리스닝 소켓이라면 클라이언트 수에 1을 더한 값이다).
hint-closed-unread = 서버가 수락한 연결을 읽지 않았다: 한 바이트도 되돌려 보내지 않고, 클라이언트가 보낸 바이트를 읽지 않은 채 연결을 닫았다. 읽지 않은 바이트가 남은 소켓을 닫으면(바이트가 오기 전에 닫아도) 커널이 RST로 답한다: 클라이언트의 read는 ECONNRESET으로 실패하거나 EOF를 본다. accept()는 클라이언트마다 새 소켓을 돌려준다: 그 소켓에서 읽고 온 것을 되돌려 보내기를 read()가 0을 돌려줄 때까지 되풀이하고, 그다음에야 닫으라(OwnedFd를 버리면 닫힌다).
hint-closed-unread-c = 서버가 수락한 연결을 읽지 않았다: 한 바이트도 되돌려 보내지 않고, 클라이언트가 보낸 바이트를 읽지 않은 채 연결을 닫았다. 읽지 않은 바이트가 남은 소켓을 닫으면(바이트가 오기 전에 닫아도) 커널이 RST로 답한다: 클라이언트의 read는 ECONNRESET으로 실패하거나 EOF를 본다. accept()는 클라이언트마다 새 소켓을 돌려준다: 그 소켓에서 읽고 온 것을 되돌려 보내기를 read()가 0을 돌려줄 때까지 되풀이하고, 그다음에야 close(fd)로 닫으라.
hint-spins-at-eof = 느린 것이 아니다: 상대가 이미 닫은 연결을 붙잡고 프로그램이 끝없이 헛돌고 있다(도는 곳을 보라: 그 소켓은 CLOSE_WAIT 상태이고 읽을 것이 남지 않았다). read()가 0을 돌려주면 EOF다: 상대가 닫았으니 몇 번을 읽어도 더 오는 것은 없다. "아직 데이터가 없다"는 뜻이 절대 아니다(그럴 때 블로킹 read()는 데이터를 기다린다). read()가 0을 돌려주면 그 연결을 그만 읽고 닫으라(클라이언트라면 끝내라). poll에서도 빼라: EOF에 이른 소켓은 poll에서 언제까지나 읽을 수 있다고 나온다.
hint-spins-without-accepting = 느린 것이 아니다: 프로그램이 커널을 거듭 부르며 끝없이 돌 뿐, 리스닝 소켓에서 수락을 기다리는 연결을 하나도 수락하지 않는다(도는 곳을 보라). 매번 곧바로 실패하는데도 다시 부르는 accept()를 찾으라: 엉뚱한 디스크립터(포트 번호, 이미 닫은 소켓)에 하는 accept(), 또는 accept()의 오류를 모두 EINTR로 여기는 루프. 다시 시도할 가치가 있는 것은 EINTR, ECONNABORTED 둘뿐이다: 다른 오류는 알리고 상태 1로 종료하라. 처리할 클라이언트가 없는 서버는 accept()(또는 poll, epoll)에서 잠들어 기다리다가 클라이언트가 오는 대로 수락한다.
hint-port-byte-order = 실패한 것도, 포트가 이미 쓰이고 있던 것도 아니다. 서버는 받은 포트의 두 바이트를 바꾼 포트에서 리슨한다. SockaddrIn::new(0, 0, 0, 0, port)는 포트를 호스트 바이트 순서로 받아 직접 바꾼다. port.to_be()나 htons(port)가 아니라 숫자를 그대로 주라.
hint-port-byte-order-c = 실패한 것도, 포트가 이미 쓰이고 있던 것도 아니다. 서버는 받은 포트의 두 바이트를 바꾼 포트에서 리슨한다. sin_port에는 포트를 네트워크 바이트 순서로 넣는다: `addr.sin_port = htons((uint16_t)port);`로 넣고, 읽을 때는 ntohs()로 바꾸라.
hint-cut-at-nul = 부분 쓰기로 잃은 것은 없다. 데이터가 첫 0 바이트에서 잘렸다. 바이트는 호출마다 돌려받은 개수(read, recv, read_until)와 함께 바이트(&[u8] 슬라이스나 Vec<u8>)로 다루라. 끝 표시로 길이를 재는 문자열로 다루면 안 된다.
hint-cut-at-nul-c = 부분 쓰기로 잃은 것은 없다. 데이터가 첫 0 바이트에서 잘렸다. strlen(), strcpy(), fgets(), printf의 %s는 거기서 멈춘다. 호출마다 돌려받은 개수(read(), recv(), getline())를 기억해 두었다가 정확히 그만큼 보내고, 바이너리 데이터의 길이를 strlen()으로 재지 말라.
hint-spins = 느린 것이 아니다: 프로그램이 할 일에 드는 시간보다 훨씬 오래 CPU에서 돌고도 끝나지 않았다. 다시 해도 결과가 바뀌지 않을 호출을 끝없이 다시 하고 있다: EINTR로 여긴 오류(EPIPE, ENOSPC, EBADF는 매번 곧바로 다시 나온다), 또는 "아직 데이터가 없다"로 여긴 0바이트 read. 다시 시도할 가치가 있는 것은 EINTR(그리고 준비되기를 기다리는 곳의 EAGAIN)뿐이다: 다른 오류는 모두 돌려주고(또는 알리고 상태 1로 종료하고), read()의 0은 끝으로 받아들이라.
hint-refused = 연결 거부(ECONNREFUSED): 그 주소와 포트에서 리슨하는 프로그램이 없다. 서버는 bind(), listen()을 한 뒤, 실제로 리슨하고 있을 때에만 `listening on` 줄을 출력해야 한다. 클라이언트는 오류를 stderr에 알리고 상태 1로 종료해야 한다.
hint-reset = 연결 리셋(ECONNRESET): 상대가 RST를 보냈다. 수신 버퍼에 읽지 않은 데이터가 남은 채 소켓을 닫거나, 연결이 열린 채 프로세스가 죽으면(패닉, 크래시) 이렇게 된다.
hint-early-eof = 데이터가 다 오기 전에 연결이 끝났다(read()가 0, 곧 EOF를 돌려줌). 소켓을 너무 일찍 닫지 않았는가, 부분 쓰기를 완전한 쓰기로 여기지 않았는가? write()는 요청보다 적은 바이트를 보낼 수 있다. 모두 보낼 때까지 반복하라.
hint-address-in-use = 주소가 이미 사용 중이다(EADDRINUSE). 서버가 닫은 뒤에도 끝난 연결의 서버 쪽 끝은 TIME_WAIT 상태로 2*MSL 동안 남고, 그동안 bind()는 그 포트를 거부한다. 리스닝 소켓에 bind() *전에* SO_REUSEADDR를 설정하면 된다.
hint-no-listening-line = 서버는 리슨을 시작하면 정확히 `listening on <ip>:<port>`(getsockname()이 알려 주는 실제 포트)를 출력하고 stdout을 플러시해야 한다. 채점기는 그 줄을 기다린 뒤에 연결한다.
hint-bad-output = 출력은 계약의 일부다. 공백과 줄바꿈까지 바이트 단위로 같아야 하고, 그 스트림에 다른 것을 출력하면 안 된다.
hint-bad-exit = 종료 상태는 계약의 일부다. 성공하면 0, 예상된 오류이면 stderr에 한 줄을 쓰고 1이며, 패닉(101)이나 시그널로 끝나면 안 된다.
hint-bad-exit-c = 종료 상태는 계약의 일부다. 성공하면 0, 예상된 오류이면 stderr에 한 줄을 쓰고 1이며, 다른 상태나 시그널로 끝나면 안 된다.
hint-premise-not-reached = 테스트가 프로그램을 판정할 조건을 만들지 못했다(그동안 머신이 프로그램이나 채점기에 CPU를 내주지 못했다). 이 테스트에서 프로그램은 통과하지도 실패하지도 않았다. 머신이 한가할 때 다시 채점하라.
hint-missing-call = 이 실습에서 배울 호출을 프로그램이 아직 하지 않는다(규칙 메시지에 그 함수가 나온다). 강의 절이 보여 주는 자리에서 그 함수를 부르라. 같은 일을 다른 방법으로 해서는 이 실습을 한 것이 아니다.
hint-rule = 이 실습은 배울 내용을 건너뛰게 하는 지름길을 금지한다(clippy.toml과 실습의 Cargo.toml에 있는 [lints] 표를 보라). 그 부분을 직접 작성하라.
hint-rule-c = 이 실습은 배울 내용을 건너뛰게 하는 지름길을 금지한다: 규칙 메시지에 나오는 C 라이브러리 함수다(채점기는 컴파일된 코드가 부르는 함수를 읽는다). 그 부분을 직접 작성하라.

## 채점 (grade/)

rules-wait-for-work = 아직 확인할 것이 없다: 코드가 TODO를 지나가면 규칙을 확인한다
build-tampered = { $files }: 실습의 매니페스트와 규칙은 실습이 배포한 그대로여야 한다
build-tampered-restore = 실습 저장소에서 되돌리라(예: `git checkout <lab revision> -- <file>`). 채점은 실습 자체의 규칙을 쓴다
build-no-c-package = { $dir }에 C 실습이 없다(.c 파일과 Makefile이 있는 폴더여야 한다)
build-c-does-not-compile = `{ $exercise }`{ JOSA($exercise, "이", "가") } 컴파일되지 않는다(컴파일러의 오류와 그 파일·줄이 아래에 있다)
build-c-does-not-link = `{ $exercise }`{ JOSA($exercise, "은", "는") } 컴파일되지만 링크되지 않는다: 아무도 정의하지 않은 함수를 부른다(링커의 메시지가 아래에 있다: 그 함수와 그것을 부르는 파일)
build-no-package = { $dir }에 패키지가 없다({ $manifest }{ JOSA($manifest, "이", "가") } 있어야 한다)
build-cargo-cannot-read = cargo가 패키지(Cargo.toml이나 워크스페이스)를 읽지 못한다
build-does-not-compile = `{ $exercise }`{ JOSA($exercise, "이", "가") } 컴파일되지 않는다
build-signature-differs = `{ $exercise }`{ JOSA($exercise, "은", "는") } 컴파일되지만 채점기가 함수를 호출할 수 없다: 공개 시그니처가 스텁과 다르다(문서 주석과 비교해 보라)
build-cargo-build-failed = { $exercise }의 `cargo build`가 실패했다
build-no-binary = 패키지에 `{ $bin }`라는 바이너리가 없다: src/bin/{ $bin }.rs에 그대로 있어야 한다

## 기록 (observe/wire/)

transcript-earlier-lines = … (앞선 { $n }줄 생략)
transcript-sent = { $size } 보냄: { $data }
transcript-received = { $size } 받음: { $data }
transcript-sent-datagram = { $size } 데이터그램을 포트 { $port }{ JOSA($port, "으로", "로") } 보냄: { $data }
transcript-received-datagram = { $size } 데이터그램을 포트 { $port }에서 받음: { $data }

## 개요: 인자 없이 `checker` (commands/overview.rs)

overview-heading = 소켓 프로그래밍 실습: 지금 위치 ({ $dir })
overview-day = { $day }일차  { $bar }  실습 { $done }/{ $exercises }개 통과, { $points }/{ $max }점
overview-counts = 테스트 { $passed }/{ $tests }  점수 { $points }/{ $max }
overview-next = 다음: { $course }#{ $section }, "{ $heading }"{ JOSA($heading, "을", "를") } 읽고 `cargo run -p checker { $exercise }`를 실행하라
overview-all-pass = 모든 실습을 통과했다. 잘했다!
overview-part = { $part }부: { $title } (테스트 { $passed }/{ $tests }, 점수 { $points }/{ $max })

## 채점기 자체의 메시지 (commands/, main.rs)

cli-unknown-argument = 알 수 없는 인자: { $arg }
cli-invalid-value = { $arg }에는 '{ $value }' 값을 줄 수 없다
cli-invalid-subcommand = 알 수 없는 명령 또는 채점 대상: { $name }
cli-missing-argument = 빠진 인자: { $arg }
cli-did-you-mean = 비슷한 것: { $what }
cli-valid-values = 줄 수 있는 값: { $values }
cli-not-understood = 명령줄을 이해하지 못했다
cli-see-help = `cargo run -p checker -- --help`가 모든 명령과 옵션을 보여 준다.
options-cap-kernel = 커널(프로그램마다 pids cgroup)
options-cap-checker = 채점기(프로그램마다 프로세스 수를 센다)
options-sandbox = 샌드박스: { $sandbox }; 프로세스 상한: 동시에 { $max }개, 지키는 쪽: { $cap }
sandbox-plain-asked = plain 모드, 요청대로 (--sandbox plain)
sandbox-namespaces = 테스트마다 새 네트워크, PID, 마운트 네임스페이스, 테스트 디렉터리 말고는 읽기 전용
sandbox-namespaces-user = 테스트마다 새 네트워크, PID, 마운트 네임스페이스, 테스트 디렉터리 말고는 읽기 전용 (채점기가 root가 아니어서, 자기만의 사용자 네임스페이스의 root로)
sandbox-plain-unavailable = plain 모드 (네임스페이스를 쓸 수 없음: { $error })
options-jobs-one = jobs: 1 (--program은 고정 포트에서 리슨할 수 있고, plain 모드는 이 머신의 포트를 함께 쓴다. -j N으로 바꿀 수 있다)
options-track-differs = { $dir }{ JOSA($dir, "은", "는") } { $found } 트랙이다(common/lab.mk가 있으면 C다). --track이 요구한 { $asked } 트랙이 아니다
options-no-root = --root { $dir }: 그런 디렉터리가 없다
checker-error = checker: { $error }
select-no-test = `{ $exercise }`에는 `{ $test }` 테스트가 없다. `checker list`가 모든 실습의 테스트 id를 보여 준다
select-not-on-c-track = { $exercise }{ JOSA($exercise, "은", "는") } C 트랙에 없는 실습이다(C 트랙의 실습은 `checker list --track c`가 보여 준다). `--track c` 없이 채점하면 Rust로 채점한다
select-nothing-belongs = 아직 `{ $target }`에 속한 실습이 없다. `checker list`가 실습 목록을 보여 준다
select-did-you-mean = 알 수 없는 실습이나 대상 `{ $target }`: `{ $guess }`{ JOSA($guess, "을", "를") } 말한 것인가? (`checker list`가 모든 실습을 보여 준다)
select-unknown = 알 수 없는 실습이나 대상 `{ $target }`. `all`, `day1` 같은 일차, 또는 다음 중 하나를 써 보라: { $names }
grade-no-step-summary = 단계 요약(step summary)을 쓰지 못했다: { $error }
grade-writing = { $file } 쓰는 중
watch-watching = { $dir }의 변경을 지켜보는 중 (그만하려면 Ctrl-C)…
watch-unavailable = 여기서는 파일 감시를 쓸 수 없다({ $error }): 다시 채점하려면 Enter, 그만하려면 Ctrl-C
list-exercise = { $exercise } ({ $day }일차) — { $title }  [{ $course }#{ $section }]
list-points = { $points }점
list-part = { $part }부: { $title }  [{ $course }#{ $section }]
hint-unknown-exercise = 알 수 없는 실습 `{ $exercise }`. `checker list`가 실습 목록을 보여 준다
hint-read-first = 먼저 { $course }#{ $section }, "{ $heading }"{ JOSA($heading, "을", "를") } 읽으라.

## 프로그램이 끝난 방식과 채점기가 한 일 (contain/)

exit-panic = 상태 101로 종료했다(Rust 패닉의 상태)
exit-status = 종료했다(상태 { $code })
exit-sigsegv = SIGSEGV로 죽었다(세그멘테이션 오류: 스택 오버플로?)
exit-sigabrt = SIGABRT로 죽었다(abort)
exit-sigpipe = SIGPIPE로 죽었다(읽는 쪽이 사라진 소켓이나 파이프에 썼다)
exit-sigkill = SIGKILL로 죽었다(메모리나 시간을 너무 많이 써서 죽었을 수 있다)
exit-signal = { $signal }{ JOSA($signal, "으로", "로") } 죽었다
exit-other = 끝났다({ $status })
intervention-ended = { $label }{ JOSA($label, "은", "는") } 이미 스스로 끝나 있었다: { $how }
intervention-server-ended = { $label }{ JOSA($label, "은", "는") } 테스트가 아직 필요로 할 때 이미 끝나 있었다: { $how }. 서버는 멈출 때까지 계속 돌아야 한다
intervention-last-words = {" "}(stderr의 마지막 줄: "{ $line }")
intervention-found-stopped = { $label }{ JOSA($label, "이", "가") } 멈춰(SIGSTOP) 있었다: 채점기가 재개한 뒤 끝냈다
intervention-ignored-sigterm = { $label }{ JOSA($label, "이", "가") } SIGTERM을 받고 { $ms } ms 안에 끝나지 않았다: 채점기가 SIGKILL로 죽였다
intervention-left-running = { $label }{ JOSA($label, "이", "가") } 끝난 뒤에도 { $count }{ JOSA($count, "이", "가") } 돌고 있었다(고아 프로세스, setsid?): 채점기가 죽였다
intervention-fork-bomb = 채점기가 동시에 프로세스를 { $max }개 넘게 돌린 프로그램을 죽였다(포크 폭탄?)
intervention-refused-forks = { $label }{ JOSA($label, "이", "가") } 동시에 프로세스를 { $max }개 넘게 돌리려 했다(포크 폭탄?): 커널이 fork { $refused }번을 거부했다
intervention-flooded = { $label }{ JOSA($label, "이", "가") } { $bytes }바이트를 출력했다(채점기는 스트림마다 처음 4 MiB만 보관한다)
intervention-sandbox-leftovers = 프로그램들을 멈춘 뒤에도 테스트의 샌드박스에서 프로세스 { $n }개가 돌고 있었다(데몬?): 샌드박스를 닫으면서 함께 끝냈다
program-killed-fork-bomb = { $label }: { $situation } 채점기가 죽였다. 동시에 프로세스를 { $max }개 넘게 돌렸다(포크 폭탄?)
program-fork-bomb-note = fork()할 때마다 자식은 exit()로 끝나야 한다. 루프로 돌아가 다시 fork하는 자식은 기하급수로 늘어난다
program-still-running = { $label }{ JOSA($label, "이", "가") } 아직 돌고 있다
program-reached-c-todo = 시작 전: { $label }{ JOSA($label, "이", "가") } { $at }에서 TODO(...)에 닿았다
program-reached-todo = 시작 전: { $label }{ JOSA($label, "이", "가") } { $at }에서 todo!()에 닿았다
program-panicked = { $label }: { $situation } 패닉했다: '{ $message }' ({ $at })
program-ended = { $label }: { $situation } { $how }
worker-no-directory = 채점기가 테스트용 디렉터리를 만들지 못했다: { $error }
worker-no-sandbox = 이 테스트에는 샌드박스가 없다({ $error }): plain 모드
worker-test-failed = 채점기의 테스트 자체가 실패했다: { $what }
worker-server-ended = { $label }: 테스트가 아직 대화하는 중에 { $how }. 서버는 멈출 때까지 계속 돌아야 하고, 클라이언트 하나에 오류가 나면 그 클라이언트의 연결만 닫아야 한다
worker-the-checker-saw = 채점기가 본 것
collector-abandoned = 테스트가 제한 시간({ $seconds }초) 안에 끝나지 않아 포기했다
checker-could-not-run = 채점기가 이 테스트를 실행하지 못했다: { $error }

## 바이트 단위 차이와 증거의 이름 (base/escape.rs, observe/wire/)

escape-quoted = { $data } ({ $n }바이트)
escape-quoted-cut = { $data }… (모두 { $n }바이트, 처음 { $max }바이트만 보임)

diff-nothing-here = (없음: 여기서 끝난다)
diff-end-of-data = 데이터 끝
diff-lengths = 길이
diff-lengths-text = 기대 { $expected }, 실제 { $got }
diff-first-difference = 첫 차이
diff-first-difference-text = 오프셋 { $at }: 기대 { $expected }, 실제 { $got }
label-expected = 기대
label-got = 실제
label-received = 받은 것
label-sent = 보낸 것
label-transcript = 기록
label-probe = 검사용 연결(서버가 수락하기 전에 그 바이트가 이미 소켓에 와 있었다)
label-stdout = stdout
label-output = 출력
conn-lengths-when-differed = 기대 { $expected }; 차이가 드러났을 때 { $got }{ JOSA($got, "이", "가") } 도착해 있었다
wire-io-failure = { $who }: { $doing }: { $what }
wire-refused = 연결이 거부됐다
wire-reset = 연결이 리셋됐다({ $error })
wire-timed-out = 타임아웃
wire-lossy-text = 바이트 EF BF BD는 대체 문자 U+FFFD다: 데이터가 String을 거치면서 바뀌었다
wire-cut-at-nul = 오프셋 { $offset }, 곧 데이터의 첫 NUL 바이트(0x00)에서부터 바이트가 달라진다. 도중에 누군가 데이터의 길이를 C 문자열로 쟀다(strlen, fgets, printf의 %s는 NUL에서 멈춘다). 부분 쓰기로 잃은 것이 아니다
wire-read-failed = 읽기 실패: { $error }
conn-no-time-to-connect = { $who }: 연결할 시간이 남지 않았다
conn-connected = { $addr }에 연결함(포트 { $port }에서)
conn-connect-failed = { $addr }에 연결 실패: { $error }
conn-connect-to = { $addr }에 connect
conn-sending-stopped = 보내기 멈춤: { $total }바이트 중 { $accepted }바이트만 커널이 받았다
conn-could-not-send = { $who }: 남은 { $left }바이트를 제시간에 보내지 못했다: 프로그램이 읽기를 멈췄다
conn-timed-out-waiting = 데이터를 기다리다 타임아웃
conn-nothing-came-back = { $who }: 제시간에 아무것도 돌아오지 않았다
conn-eof = EOF (상대가 닫음)
conn-ended-early = { $who }: 데이터가 다 돌아오기 전에 연결이 끝났다
conn-bytes-differ = { $who }: 돌아온 바이트가 보낸 바이트와 다르다
conn-more-bytes = { $who }: EOF를 기대했지만 바이트가 더 왔다: { $bytes }
conn-no-eof = { $who }: EOF가 없다: { $why } 연결이 열린 채였다
conn-shut-down = 송신 쪽을 닫음(FIN: 프로그램의 read가 0을 돌려준다)
conn-closed-rst = SO_LINGER 0으로 닫음(RST: 리셋)

## 키: <묶음>--<테스트 id>--title, --hint. 실습이 자기 말로 바꾼 것은 <실습>--<테스트 id>--hint

rules--rules--title = 실습의 규칙을 지킨다(Rust는 clippy.toml과 [lints], C는 코드가 부르는 함수)
rules--rules--title-c = 실습의 규칙을 지킨다: 컴파일된 코드가 부르는 함수를 nm으로 읽는다
rules--rules--hint = 금지된 지름길을 쓰지 말고 지적된 코드를 다시 작성하라. 메시지가 규칙의 이름과 그 규칙이 있는 까닭을 알려 준다.

## 서버를 시작하고 다루는 단계 (observe/wire/server.rs, exercises/kit/)

server-before-connected = { $who }{ JOSA($who, "이", "가") } 연결하기 전에
server-listens-elsewhere = { $label }{ JOSA($label, "은", "는") } 살아 있지만 { $port }{ JOSA($port, "이", "가") } 아니라 포트 { $actual }에서 리슨한다: bind()가 실패했는데 결과를 확인하지 않았는가? 바인드하지 않은 소켓에 listen()하면 커널이 포트를 골라 준다
server-listens-nowhere = { $label }{ JOSA($label, "은", "는") } 살아 있지만 더 이상 어느 포트에서도 리슨하지 않는다: 리스닝 소켓을 닫았는가?
server-by-hand = 한 터미널에서 `{ $server }`, 다른 터미널에서 `{ $client }`
sockets-in-state = { $state } 상태의 소켓(포트 { $port })
sockets-descriptor-open = 연결은 끝났지만 디스크립터가 아직 열려 있는 소켓
eof-after-client-eof = 클라이언트의 EOF 뒤에도
label-held = 잡고 있는 것

## 모든 에코 서버의 테스트 (exercises/echo_server.rs)

echo-line-count = `listening on` 줄이 { $count }번 나온다. 한 번만 출력하라
echo-stopped-after-reset = 클라이언트가 연결을 리셋한 뒤 서버가 처리를 멈췄다
echo-after-reset = 클라이언트가 연결을 리셋한 뒤
errors-still-running = { $label }: { $situation } 아직 돌고 있었다
run-stuck = { $what }. 더 기다렸어도 끝나지 않았을 것이다: { $label }{ JOSA($label, "이", "가") } 아무도 깨워 주지 않을 블로킹 호출 안에서 잠든 채 멈췄다(기다리는 곳을 보라)
run-spins = { $what }. 더 기다렸어도 끝나지 않았을 것이다: { $label }{ JOSA($label, "이", "가") } 상대가 이미 닫은 연결을 붙잡고 끝없이 헛돌고 있다(도는 곳을 보라)
run-spins-without-accepting = { $what }. 더 기다렸어도 끝나지 않았을 것이다: { $label }{ JOSA($label, "이", "가") } 리스닝 소켓에 연결이 수락을 기다리는데도 수락하지 않고 끝없이 헛돌고 있다(도는 곳을 보라)
errors-the-contract = 계약: stderr에 한 줄, 종료 상태 1
errors-lines-instead-of-one = { $label }: { $situation } 상태 1로 종료했지만 stderr에 한 줄이 아니라 { $lines }{ JOSA($lines, "을", "를") } 썼다
errors-not-the-line = `{ $shown }`{ JOSA($shown, "이", "가") } 상태 1로 종료했지만 stderr가 그 한 줄의 오류 메시지가 아니다
errors-takes-no-arguments = { $label }{ JOSA($label, "은", "는") } 인자 없이 시작해도 계속 실행되었다(--program으로 준 프로그램은 포트를 받지 않고 자기 포트에서 리슨할 수 있다). 그런 프로그램에서는 사용법 오류와 포트가 이미 쓰일 때의 오류를 확인하지 않는다
errors-started-bare = `{ $command }`{ JOSA($command, "을", "를") } 인자 없이 시작했다
errors-when-no-arguments = 인자 없이 시작했을 때
errors-port-taken = 채점기의 소켓이 포트 { $port }에서 리슨하는 동안 서버를 그 포트로 시작한다
errors-when-port-taken = 포트({ $port })가 이미 쓰이고 있을 때
server-before-it-listened = 리슨하기 전에
server-before-listening-line = `listening on <ip>:<port>`를 출력하기 전에
server-closed-stdout = { $label }{ JOSA($label, "이", "가") } `listening on <ip>:<port>`를 출력하지 않고 stdout을 닫았다
server-not-a-listening-line = { $label }{ JOSA($label, "이", "가") } { $line }{ JOSA($line, "을", "를") } 출력했는데, 이는 `listening on <ip>:<port>`가 아니다
server-says-other-port = { $label }{ JOSA($label, "을", "를") } 포트 { $port }{ JOSA($port, "으로", "로") } 시작했는데 포트 { $actual }에서 리슨한다고 한다
server-print-real-port = 인자가 아니라 getsockname()이 돌려준 포트를 출력하라. 0이면 커널이 포트를 고른다
server-bind-unchecked = 그 서버는 정말로 포트 { $actual }에서 리슨한다: 포트 { $port }에 대한 bind()가 실패했는데(그 포트의 이전 연결이 TIME_WAIT로 남아 있어서 난 EADDRINUSE?) 그 결과를 확인하지 않아서, listen()할 때 커널이 포트를 골랐다. bind()가 돌려주는 값을 확인하고, 오류면 stderr에 알리고 상태 1로 종료하라
server-port-byte-swapped = 서버는 포트 { $actual }에서 리슨한다(/proc/net/tcp에 그렇게 나온다). 이는 { $port }의 두 바이트를 바꾼 값이다(0x{ $port_hex }{ JOSA($port_hex, "이", "가") } 0x{ $actual_hex }{ JOSA($actual_hex, "으로", "로") } 읽혔다). 포트를 호스트 바이트 순서 그대로 sin_port에 넣은 것이다. bind()가 실패한 것이 아니다. 포트를 htons()로 바꾸라(Rust에서는 SockaddrIn::new가 호스트 순서로 받아 직접 바꾼다)
server-port-byte-swapped-c = 서버는 포트 { $actual }에서 리슨한다(/proc/net/tcp에 그렇게 나온다). 이는 { $port }의 두 바이트를 바꾼 값이다(0x{ $port_hex }{ JOSA($port_hex, "이", "가") } 0x{ $actual_hex }{ JOSA($actual_hex, "으로", "로") } 읽혔다). 포트를 호스트 바이트 순서 그대로 sin_port에 넣은 것이다. bind()가 실패한 것이 아니다. sin_port를 채울 때 포트를 htons()로 바꾸라
server-graded-on-its-port = { $label }{ JOSA($label, "이", "가") } 받은 포트({ $port })가 아니라 포트 { $actual }에서 리슨한다: { $actual }에서 채점한다
server-never-listened = { $label }{ JOSA($label, "이", "가") } 5초 안에 어느 포트에서도 리슨하지 않았다(/proc에 LISTEN 소켓도, 바인드된 UDP 소켓도 없다)
server-no-line-in-5s = { $label }{ JOSA($label, "이", "가") } 5초 안에 `listening on <ip>:<port>` 줄을 출력하지 않았다
server-wrote-much = { $label }{ JOSA($label, "이", "가") } stdout에 { $out }바이트, stderr에 { $err }바이트를 썼다(채점기는 각각 처음 4 MiB만 보관한다)
server-it-listens-on = 리슨하는 곳
server-ports = 포트 { $ports }
server-flushed = 그 줄 뒤에 stdout을 플러시했는가? 그 줄을 listen() 뒤에만 출력하는가?
server-port-taken = 포트가 이미 쓰이고 있었다: plain 모드에서는 테스트들이 이 머신의 포트를 함께 쓰므로, (받은 포트를 무시하고) 고정 포트에서 리슨하는 프로그램은 다른 테스트에서 실행 중인 같은 프로그램이나 그 포트를 쓰는 다른 프로그램과 부딪힌다. -j 1로 채점하거나, root로 --sandbox namespaces(테스트마다 자기 네트워크)로 채점하라
server-no-program = 표의 행에 프로그램 이름이 없는 서버 테스트
library-unreadable-answer = 하네스가 { $call }에 준 답을 읽지 못했다: { $reply }
library-wrong-answer = { $call }: 기대 { $expected }, 실제 { $got }
library-wrong-answers = 틀린 답
library-wrong-of = 입력 { $total }개 중 { $wrong }개
library-log-ok = { $call } = { $value } [맞음]
library-log-wrong = { $call } = { $value } [틀림]
library-calls-log = 호출 { $calls }번, 틀림 { $wrong }번
library-undefined-behaviour-c = 정의되지 않은 동작 검사기(sanitizer)가 이 호출에서 하네스를 멈췄다(SIGILL): 채점기는 함수들을 -fsanitize=undefined로 빌드하며, 이것은 C가 결과를 정의하지 않은 첫 연산에서 멈춘다. int를 그 비트 너머로 시프트하거나(바이트는 시프트되기 전에 int로 승격된다), 부호 있는 정수가 넘치거나, 자료형의 폭 이상으로 시프트하는 연산이다
rules-c-found = nm이 찾은 것
rules-c-calls = { $callers }에서 { $list }{ JOSA($list, "을", "를") } 부른다: { $reason }
rules-c-calls-nothing = 아무 데서도 { $list }{ JOSA($list, "을", "를") } 부르지 않는다: { $reason }
rules-c-bswap = { $function }(bswap_{ $bits }{ JOSA($bits, "과", "와") } htobe{ $bits }{ JOSA($bits, "이", "가") } 펼쳐진 것)
rules-broken-c = { $exercise }{ JOSA($exercise, "이", "가") } 규칙을 어긴다: 컴파일된 코드가 금지된 함수를 부르거나 요구된 함수를 부르지 않는다(규칙 { $n }개)
rules-broken = { $exercise }{ JOSA($exercise, "이", "가") } 규칙을 어긴다(clippy가 { $places }{ JOSA($places, "을", "를") } 지적했다)
clients-thread-failed = 클라이언트 스레드가 실패했다
clients-flood-short = 데이터를 쏟아붓는 클라이언트가 제시간에 { $total }바이트 중 { $at }바이트만 보낼 수 있었다
clients-flood-failed = 데이터를 쏟아붓는 스레드가 실패했다
echo-sending-thread-failed = 보내는 스레드가 실패했다
stalled-stops = 서버를 { $n }번 멈췄다가 재개함
stalled-short-send = 서버를 멈췄다가 재개한 뒤 바이트가 사라졌다: send()가 적은 수를 돌려줬는데 나머지를 보내지 않았다
stalled-sent-nothing = 첫 바이트조차 돌아오지 않았고 서버는 send에서 블로킹된 적도 없다: 클라이언트가 읽지 않는 동안 서버는 아무것도 보내지 않았으니 send 뒤에 사라진 바이트도 없다. 서버가 어디서 무엇을 기다렸는지 보라
stalled-premise = 클라이언트가 읽지 않는 동안 서버의 send가 가득 찬 버퍼를 만나지 않았다: 멈춤 때문에 서버의 send가 중간에 끊긴 적이 없고, { $seconds }초 안에 서버가 가득 찬 소켓에 보내지 못한 출력을 들고 있는 모습도 보이지 않았으니 잃을 것이 없었다(서버를 { $stops }번 멈췄고, 중간에 끊긴 send는 { $cut }번)
stalled-non-blocking = 클라이언트가 읽지 않는 동안 바이트가 사라졌다: 논블로킹 send는 데이터의 일부만 보낼 수 있다(또는 EAGAIN으로 실패한다). 나머지는 그 클라이언트의 버퍼에 두었다가 poll이 POLLOUT을 알릴 때 보내라
hidden-accepted = 연결을 수락함
hidden-eof = 클라이언트의 EOF
hidden-closed-early = 일부러 연결을 일찍 닫음
hidden-write-failed = 쓰기 실패: 클라이언트가 사라졌다
stall-not-blocked = 서버가 클라이언트에게 보낼 { $queued }바이트를 남긴 채 멈췄는데 send에서 블로킹되어 있지 않다: 채점기가 끼어들 일이 없다
stall-time-up = { $seconds }초 동안 서버는 send에서 블로킹되지도, 멈추지도 않았고 클라이언트에게 보낼 { $queued }바이트가 기다린다: 채점기는 이어서 읽는다
stall-stopped = send가 블로킹된 동안 서버를 멈춤(SIGSTOP)
stall-continued = 서버를 재개함(SIGCONT)
stall-restarted = 그 send는 아직 한 바이트도 보내지 못했기에 커널이 다시 시작했다(짧은 반환값 없음): 채점기가 쌓인 데이터를 조금 읽어 서버가 진행하게 한 뒤 다시 시도한다

## day2-echo의 클라이언트 (exercises/day2_echo/)

client-nothing-listens = 포트 { $port }에서 리슨하는 것이 없다
client-when-refused = 연결이 거부됐을 때

## `--help` (cli.rs; 영어는 cli.rs의 문서 주석에 있다)

help-usage = 사용법:
help-options = 옵션
help-commands = 명령
help-help = 도움말을 보여 준다
help-version = 버전을 보여 준다
help-about = 소켓 프로그래밍 랩의 실습을 숨은 테스트로 채점한다.
help-long-about = 소켓 프로그래밍 실습의 실습들을 숨은 테스트로 채점한다.

    인자가 없으면: 모든 실습의 현황과 다음에 할 일을 보여 준다.
    대상을 주면: 그것을 채점한다. 대상은 `all`, 일차(`day2`), 실습(`day2-inet`), 또는 테스트 하나(`day2-inet/pton6-tricky`; `checker list`가 id를 보여 준다)다.
help-arg-targets = 채점할 것: all, day1, day2-inet, day2-inet/pton6-tricky, ...
help-arg-solutions = exercises/ 대신 기준 풀이(solutions/)를 채점한다.
help-arg-track = 채점할 트랙: rust(exercises/, solutions/) 또는 노트의 언어인 c(c/exercises/, c/solutions/). 주지 않으면 common/lab.mk가 있는 트리를 C 트랙으로 본다.
help-arg-root = exercises/ 대신 DIR의 실습 패키지(DIR/<exercise>/Cargo.toml)를 채점한다.
help-arg-seed = 모든 무작위 입력의 시드. 실패하면 그것을 재현하는 명령을 출력한다.
help-arg-verbose = 통과한 테스트까지 모든 테스트의 기록을 전부 보여 준다.
help-arg-jobs = 동시에 도는 테스트 수(기본값: 코어 수에 하나를 더한 수). 타이머만 기다리는 테스트(클라이언트의 타임아웃 등)는 기다리는 동안 세지 않는다.
help-arg-sandbox = 프로그램이 도는 곳: 머신이 허락하면 테스트마다 새 네트워크와 PID 네임스페이스(root와 unshare), 아니면 평범한 프로세스 그룹.
help-arg-ci = CI용 채점: 매니페스트나 규칙(Cargo.toml, clippy.toml)이 실습 저장소와 다른 실습은 그 파일 이름과 함께 실패한다.
help-arg-format = 보고서 형식: 사람이 읽는 보고서, 또는 기계가 읽는 보고서.
help-arg-programs = 실습 크레이트로 빌드하지 않은 프로그램(어느 언어든)을 채점한다: NAME=PATH, 예: --program echo-server=./a.out. 그 프로그램의 테스트만 돈다.
help-arg-output = --format 보고서를 FILE에 쓴다. 사람이 읽는 보고서는 그대로 터미널에 나온다.
help-arg-reports = FORMAT(json, junit, classroom50, gradescope) 보고서를 FILE에도 쓴다. 여러 번 줄 수 있어서 한 번의 채점으로 CI에 필요한 보고서를 모두 얻는다. 사람이 읽는 보고서는 그대로 터미널에 나온다.
help-arg-student = 채점하는 학생. JSON 보고서에 기록된다(`checker gradebook`용).
help-arg-lang = 보고서와 메시지의 언어(기본값: LC_ALL, LC_MESSAGES, LANG에서, 없으면 영어).
help-cmd-list = 실습과 테스트 id를 나열한다.
help-cmd-hint = 실습의 힌트와 course.ko.md에서 설명하는 곳을 보여 준다.
help-cmd-hint-arg-exercise = 예: day2-inet
help-cmd-watch = 실습 파일이 바뀔 때마다 다시 채점한다(몰아서 한 번; 채점하는 동안 저장한 것은 그 채점이 끝나자마자 다시 채점한다). 대상이 없으면: 현황.
help-cmd-watch-arg-targets = 채점할 것: all, day1, day2-inet, ... (기본값: 현황)
help-cmd-verify = 강사용: 실습 저장소가 일관된지 확인한다(풀이는 통과, 스텁은 깔끔하게 실패, course.md 절이 있음, 매니페스트가 일치, 풀이는 fmt와 clippy를 통과).
help-cmd-verify-arg-exercises = 이 실습들의 풀이와 스텁만 채점한다(기본값: 전부). 다른 검사는 늘 실습 저장소 전체를 본다.
help-cmd-gradebook = 강사용: 여러 JSON 보고서(파일, 또는 내려받은 아티팩트 폴더)에서 학생마다 CSV 한 줄: 실습별 점수, 합계, 무엇이 채점했는지(실습 저장소 리비전, 커밋, 샌드박스). 눈에 띄는 성적은 표시한다. --html을 주면 반 전체를 한 페이지로 보여 준다: 반이 무엇을 틀리는지, 왜인지, 무엇을 믿을 수 있는지.
help-cmd-gradebook-arg-files = JSON 보고서(`--format json` / `--report json=...`), 또는 그것을 담은 폴더.
help-cmd-gradebook-arg-html = 반 페이지(HTML 파일 하나, --lang의 언어)도 FILE에 쓴다.
help-cmd-export-student = 강사용: 학생용 저장소를 쓴다. 실습, 강의, README, 자체 테스트를 뺀 채점기, 채점 워크플로가 들어가고 풀이는 들어가지 않는다.
help-cmd-export-student-arg-dir = 쓸 디렉터리(없거나 비어 있어야 한다).
help-cmd-new = 강사용: 새 실습의 뼈대를 Rust와 C 두 트랙에 만든다(스텁, 풀이, 테스트 표, 두 언어의 강의 절, 한국어 제목과 힌트, 버그 버전). 처음부터 통과하고, 트랙마다 아직 써야 할 것을 목록으로 알려 준다.
help-cmd-new-arg-name = day<N>-<name>, 예: day5-epoll
help-cmd-new-arg-binary = 이 이름의 바이너리가 있는 프로그램 실습으로 만든다(기본값: 라이브러리).
help-cmd-new-arg-track = 뼈대를 만들 트랙: both(기본값), rust, 또는 c(Rust 트랙이 이미 있는 실습에 C 트랙을 더한다)
help-cmd-new-arg-lab = 뼈대를 만들 실습 클론(기본값: 이 채점기를 빌드한 클론).
help-cmd-sync-arg-lab = 파일을 쓸 실습 클론(기본값: 이 채점기를 빌드한 클론). 실습 목록은 그 클론의 소스에서, 번역할 제목과 힌트는 이 채점기에서 읽는다.
help-cmd-sync = 강사용: 손으로 쓴 파일에서 만들어지는 파일을 쓴다. 풀이의 규칙을 스텁에 복사하고, 강의의 규칙 표와 C 실습마다 Makefile을 쓰고, 새 제목과 힌트의 ko.ftl 항목을 (번역될 때까지 영어로) 더한다. 그다음 아직 번역할 것을 알려 준다.

## 스레드 하나인 서버들의 테스트 (exercises/multiplexing.rs)

multi-clients-failed = 실패한 클라이언트
multi-stopped = 서버를 멈춤(SIGSTOP)
multi-continued-together = 서버를 재개함: 데이터와 EOF가 함께 소켓에서 기다린다

## day3-fork (exercises/day3_fork.rs)

fork-continued = 서버를 재개함(SIGCONT)
fork-child-holds-listener = 자식 { $n }개가 리스닝 소켓을 아직 잡고 있다(자식 { $pids })
fork-no-listening-socket = /proc에서 서버의 리스닝 소켓을 찾지 못했다
fork-one-waitpid = SIGCHLD마다 waitpid 한 번으로는 모자란다: 핸들러가 도는 동안 더 많은 자식이 끝나고 그 시그널들은 하나로 합쳐진다

## UDP (observe/wire/udp.rs, exercises/day3_udp.rs)

udp-port-closed = { $who }: 서버의 포트가 닫혀 있다(ICMP port unreachable): 서버가 멈췄는가?
udp-port-unbound = { $who }: 서버의 포트 { $port }에 바인드된 소켓이 더는 없다. 서버가 소켓을 닫았거나 끝났으므로 답이 올 수 없다
udp-port-unbound-note = 포트 { $port }에 바인드된 것이 더는 없다: 기다리기를 멈췄다
udp-no-reply = { $who }: { $size } 데이터그램에 응답이 없다
udp-reply-from-elsewhere = { $who }: 응답이 서버의 포트 { $port }{ JOSA($port, "이", "가") } 아니라 포트 { $from }에서 왔다
udp-reply-cut = { $who }: 응답은 { $got }인데 보낸 데이터그램은 { $sent }였다: 잘렸다
udp-reply-differs = { $who }: 응답이 보낸 데이터그램과 다르다
udp-unexpected-datagram = { $who }: 포트 { $port }에서 예상하지 않은 데이터그램: { $data } ({ $why })
udp-dropped-on-purpose = 일부러 버림: 클라이언트가 다시 보내야 한다

## day4-signals의 종료, day5-epoll의 엣지 트리거 (exercises/day4_signals/exit.rs, day5_epoll/edge.rs)

edge-not-in-set = 클라이언트의 fd { $fd }{ JOSA($fd, "이", "가") } epoll 집합에 없다

## 라이브러리 실습의 하네스 (observe/harness.rs)

harness-no-return = { $call }{ JOSA($call, "이", "가") } 제한 시간 안에 돌아오지 않았다
harness-endless-loop = 끝없는 루프인가? (한계에 끝내 닿지 못하는 루프 카운터, 조건이 절대 바뀌지 않는 `while`)
harness-while-running = { $call }{ JOSA($call, "을", "를") } 실행하는 중에
harness-private-channel = { $call }{ JOSA($call, "을", "를") } 실행하는 중에 하네스가 아닌 코드가 채점기의 전용 채널(fd 3)에 썼다: 테스트받는 코드는 그 디스크립터를 건드리면 안 된다
harness-written = 쓰인 것
harness-panicked = { $call }{ JOSA($call, "이", "가") } 패닉했다: '{ $message }' ({ $at })
harness-given = 입력
harness-unexpected = 하네스가 { $call }에 뜻밖의 답을 했다: { $reply }

## day3-resolve (exercises/day3_resolve/)

resolve-call-libc = nix::libc::getaddrinfo를 호출하라: 채점기는 그 호출을 지켜본다
resolve-call-libc-c = 계약대로 C 라이브러리의 getaddrinfo(3)를 호출하라: 채점기는 그 호출을(그리고 freeaddrinfo 호출마다) 지켜본다

## 멈춘 프로그램과 그것이 기다리는 곳 (observe/stuck.rs, observe/wire/conn.rs)

conn-stuck = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 멈췄다. 아무 진전 없이 블로킹 호출 안에서 잠들어 있다(기다리는 곳을 보라)
conn-unread-on-edge = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 이 클라이언트의 바이트 { $bytes }개를 읽지 않은 채 epoll_wait에서 잠들어 있다. EPOLLET에서는 데이터가 도착할 때마다 한 번만 깨어나니, EAGAIN이 나올 때까지 읽으라
conn-polls-nothing = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 디스크립터를 하나도 넘기지 않고(개수 0) 타임아웃도 없이 poll()에서 잠들어 있어, 어떤 클라이언트도, 리스닝 소켓조차 이 프로그램을 깨우지 못한다
conn-idle = { $who }: 아무것도 돌아오지 않았다: 답을 보낼 때인데 { $label }{ JOSA($label, "은", "는") } { $seconds }초 동안 자기 타이머에 깨어났다가 다시 잠들기만 했고, 아무 진전도 없었다(기다리는 곳을 보라)
conn-spins = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 상대가 이미 닫은 연결을 붙잡고 끝없이 헛돌고 있다(도는 곳을 보라)
conn-spins-without-accepting = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 리스닝 소켓에 연결이 수락을 기다리는데도 수락하지 않고 끝없이 헛돌고 있다(도는 곳을 보라)
conn-gave-up-stuck = 기다림을 멈췄다: 프로그램이 멈췄다
conn-gave-up-spins = 기다림을 멈췄다: 프로그램이 헛돌고 있다
conn-gave-up-idle = 기다림을 멈췄다: 답을 보낼 때인데 프로그램이 가만히 있다
label-where-it-waits = 기다리는 곳
label-where-it-spins = 도는 곳
label-machine-busy = 머신이 바빴다
label-what-it-saw = 테스트가 본 것
starvation-figures = { $seconds }초 가운데 { $percent }% 동안 태스크가 CPU를 기다렸다
rejudge-log = 단독으로 다시 판정했다. 처음 실행할 때는 { $first }
rejudge-figures = 처음 실행할 때는 { $first }, 단독으로 다시 판정할 때는 { $alone }
rejudge-premise-unjudged = 판정할 수 없다: 테스트가 두 번 모두 판정할 조건을 만들지 못했다. { $premise }(처음 실행할 때는 { $first }, 단독으로 다시 판정할 때는 { $alone }). 여러분 프로그램의 실패가 아니다. 머신이 한가할 때 다시 채점하라
rejudge-unjudged = 판정할 수 없다: 머신이 너무 바빴다(처음 실행할 때는 { $first }, 단독으로 다시 판정할 때는 { $alone }). 여러분 프로그램의 실패가 아니다. 머신이 한가할 때 다시 채점하라
rejudge-no-turn = 판정할 수 없다: 실행하는 동안 머신이 너무 바빴고({ $first }), { $seconds }초 안에 단독으로 다시 판정할 차례가 오지 않았다. 여러분 프로그램의 실패가 아니다. 머신이 한가할 때 다시 채점하라
stuck-sleeps-on = { $who }{ JOSA($who, "이", "가") } fd { $fd }({ $what })에서 { $call }() 안에 잠들어 있다{ $wchan }
stuck-sleeps-poll = { $who }{ JOSA($who, "이", "가") } 디스크립터 { $n }개에 대해 { $call }() 안에 잠들어 있다: { $fds }{ $wchan }
stuck-sleeps = { $who }{ JOSA($who, "이", "가") } { $call }() 안에 잠들어 있다({ $what }){ $wchan }
stuck-wchan = {" "}[커널 안: { $wchan }]
stuck-fd = fd { $fd }({ $what })
stuck-fd-no-events = { $what }, 아무 이벤트도 요청하지 않음
stuck-child = { $label }의 자식 { $pid }
stuck-thread = { $who }(스레드 { $tid })
stuck-zombie = { $who }{ JOSA($who, "은", "는") } 좀비다: 끝났는데 아무도 회수하지 않았다
label-when-time-ran-out = 시간이 다 됐을 때 있던 곳
stuck-runs = { $who }{ JOSA($who, "은", "는") } 실행 중이다(CPU에서 돌거나 CPU를 기다린다)
stuck-spins = { $who }{ JOSA($who, "은", "는") } 지난 { $over }초 가운데 { $cpu }ms 동안 CPU에서 돌았고 그 상당 부분이 시스템 호출 안이었는데, 소켓에서는 아무것도 움직이지 않았다: 기다리는 것이 아니라 헛돌고 있다
stuck-spins-without-accepting = { $who }{ JOSA($who, "은", "는") } 지난 { $over }초 가운데 { $cpu }ms 동안 CPU에서 돌았고 그 상당 부분이 시스템 호출 안이었는데, 가진 소켓은 리스닝 소켓뿐이고 거기서 수락을 기다리는 연결을 하나도 수락하지 않았다: 기다리는 것이 아니라 헛돌고 있다
stuck-is-stopped = { $who }{ JOSA($who, "은", "는") } 멈춰 있다(SIGSTOP 또는 Ctrl-Z)
stuck-more-threads = … 그리고 스레드 { $n }개가 더 잠들어 있다
stuck-waits-child = 자식이 끝나기를 기다린다
stuck-waits-signal = 시그널을 기다린다
stuck-waits-lock = 락이나 조건 변수, 또는 다른 스레드를 기다린다
stuck-waits-sleep = sleep: 자기 타이머가 끝나면 깨어난다
stuck-waits-fds = 디스크립터 집합을 기다린다
stuck-client-on-port = 포트 { $port }의 클라이언트
stuck-fd-closed = 그사이에 닫혔다
stuck-udp = 그 UDP 소켓, 읽을 것이 없다
stuck-udp-unread = 그 UDP 소켓, 읽지 않은 { $n }바이트
stuck-socket = 소켓
stuck-pipe-read = 파이프의 읽기 끝
stuck-pipe-write = 파이프의 쓰기 끝
stuck-epoll = 디스크립터 { $n }개를 지켜보는 epoll 인스턴스: { $fds }
stuck-signalfd = signalfd
stuck-listening = 리스닝 소켓, 기다리는 연결이 없다
stuck-listening-waiting = 리스닝 소켓, 수락을 기다리는 연결 { $n }개
stuck-client-nothing = { $client }의 소켓, 읽을 것이 없다
stuck-client-unread = { $client }의 소켓, 읽지 않은 { $n }바이트
stuck-client-eof = { $client }의 소켓, EOF를 읽었거나 EOF가 기다린다
stuck-server-nothing = 포트 { $port }의 서버와 맺은 연결, 읽을 것이 없다
stuck-server-unread = 포트 { $port }의 서버와 맺은 연결, 읽지 않은 { $n }바이트
stuck-server-eof = 포트 { $port }의 서버와 맺은 연결, 서버의 EOF를 읽었거나 EOF가 기다린다
stuck-no-timeout = fd { $fd }에 { $option }{ JOSA($option, "이", "가") } 없고 걸어 둔 타이머도 없다: 이 { $call }()을 끝낼 수 있는 것은 상대편뿐인데, 상대편은 더 보내지 않는다
stuck-in-child = {" "}(자식 { $pid })
stuck-unaccepted = 연결 { $n }개가 fd { $fd }{ $holder }(리스닝 소켓)에서 수락을 기다린다
stuck-unread = { $client }의 { $size }{ JOSA($size, "이", "가") } fd { $fd }{ $holder }에서 읽히지 않은 채 기다린다
stuck-unsent = { $client }에게 갈 { $size }{ JOSA($size, "이", "가") } fd { $fd }{ $holder }의 송신 큐에서 기다린다. { $client }{ JOSA($client, "이", "가") } 아직 가져가지 않았다
stuck-still-open = { $client }의 소켓이 fd { $fd }{ $holder }에 아직 열려 있다: EOF가 왔는데 닫지 않았다
clients-queue-full = 서버가 클라이언트 { $n }개를 수락한 뒤로 더 수락하지 않았다: 연결들이 리슨 큐에 남아 있었다
clients-queue-still = 서버는 깨어 있었지만 { $secs }초 동안 리슨 큐가 가득 찬 채로 연결을 하나도 수락하지 않았다: 이벤트를 기다리지 않고 잠들거나 블로킹되는 루프(sleep, 블로킹 read)로는 accept로 돌아오지 못한다
worker-eintr-after-stop = 채점기가 { $label }{ JOSA($label, "을", "를") } 멈췄다가 다시 이어 가게 하자(SIGSTOP, SIGCONT. Ctrl-Z와 fg가 하는 일이다) { $call }(){ JOSA($call, "이", "가") } EINTR로 실패했고, { $label }{ JOSA($label, "은", "는") } 그것을 오류로 여겼다. SIGSTOP으로 멈추면 시그널 핸들러가 없어도 { $call }(){ JOSA($call, "이", "가") } 중단된다(signal(7)): EINTR이면 그냥 다시 호출하라
echo-continued = 서버를 다시 이어 가게 했다(SIGCONT)
fork-stopped-parent = 서버를 멈췄다(SIGSTOP): 그사이에 자식들이 끝나고, 그 SIGCHLD들은 하나로 합쳐진다
## 여러 실습이 함께 쓰는 테스트 묶음 (lab/family.rs)

family-run-missing = { $exercise }{ JOSA($exercise, "이", "가") } 시나리오를 실습이 주어야 하는 테스트 묶음을 쓰면서 이 테스트의 시나리오를 주지 않았다: 채점기의 표가 덜 채워졌다

## 새 실습과 따라 나오는 파일 (commands/new.rs, commands/sync.rs)

new-scaffolded = { $exercise }의 뼈대를 만들었다. 곧바로 채점된다(스텁은 "시작 전", 참조 풀이는 통과). `cargo test`와 `checker verify`도 통과한다(verify는 스텁 주석의 한국어를 아직 쓰지 않은 번역으로 보여 준다). 쓴 파일:
new-left = 아직 손으로 쓸 것. 번호는 docs/instructors.ko.md의 "실습 추가하기"가 매긴 대로다(Rust 트랙은 2~9단계, C 트랙은 10~13단계):
new-left-solution = 스텁을 담은 참조 풀이: { $file } (`//@ ` 줄은 스텁에만 있는 줄이다. C 호출을 인용하고 nix 대응을 밝히는 `// TODO`와 그 아래의 todo!() 같은 것으로, 스텁이 대신하는 참조 풀이의 줄 앞에 오고, 대신하는 줄은 `//@{"{"}`와 `//@{"}"}` 사이에 둔다. 스텁의 주석마다 그 아래에 한국어를 `//@ko ` 줄로 쓴다). 그다음 `cargo run -p checker -- sync`가 스텁과 그 주석의 한국어를 쓴다
new-left-rules = 규칙(수업을 건너뛰게 하는 지름길): solutions/{ $exercise }/clippy.toml과 Cargo.toml의 [lints]. 그다음 `cargo run -p checker -- sync`가 스텁에 복사하고 강의의 규칙 표를 쓴다
new-left-tests = 테스트: { $file } (자기 행들, 또는 다른 실습과 함께 쓰는 묶음을 `families`에: 묶음마다 exercises/의 폴더 하나, 표는 family.rs)
new-left-messages = 테스트가 쓰는 메시지 id 가운데 카탈로그에 없는 것(msg!("...")): 그 영어를 { $en }에, 한국어를 { $ko }에
new-left-broken = 테스트마다 그것을 실패시키는 버그 버전, 그리고 올바른 다른 설계 하나 이상: { $file }의 [[rust.broken]]과 [[rust.alternative]] (`cargo test -p checker --test broken -- { $exercise }`)
new-left-course = 영어 강의 절: course.md#{ $exercise } (정확한 계약, C 호출과 nix 대응, 테스트 id마다 한 줄)
new-left-course-ko = 한국어 강의 절: course.ko.md#{ $exercise } (같은 내용, 같은 테스트 id)
new-left-korean = 한국어 제목과 힌트: { $file }의 { $exercise }-- 항목 (새 테스트를 더한 뒤 `cargo run -p checker -- sync`가 번역할 항목을 영어로 더하고 목록을 보여 준다)
new-left-c-solution = 스텁을 담은 C 참조 풀이: { $files } (같은 계약을 노트의 C로. 단계마다 C 호출을 인용하는 `//@ // TODO n.`, 그 아래의 `//@ TODO("...");`, 그리고 그 한국어인 `//@ko ` 줄을 Rust 참조 풀이처럼 쓴다. 라이브러리 헤더처럼 단계가 없는 파일은 통째로 주어진다). 그다음 `cargo run -p checker -- sync`
new-left-c-rules = C 규칙. 컴파일된 코드가 가져다 쓰는 함수에서 읽는다: { $file }의 `C_TRACK`의 `imports` (수업을 건너뛰게 하는 호출, 또는 수업의 주제인 호출. 함께 쓰는 규칙은 exercises/kit/c_imports.rs에 있다). 그다음 `cargo run -p checker -- sync`가 강의의 규칙 표를 쓴다
new-left-c-shim = C 함수에 Rust 실습의 API를 입혀 같은 숨은 테스트가 부르게 하는 심(shim): { $file } (C 함수마다 Rust 함수 하나)
new-left-c-broken = 테스트마다 그것을 실패시키는 C 풀이의 버그 버전: { $file }의 [[c.broken]], Rust 트랙의 것 곁에 (c/solutions/{ $exercise }/를 고친다. `cargo test -p checker --test broken -- c::{ $exercise }`)
new-left-verify = 끝으로: `cargo run -p checker -- verify { $exercise }`
sync-nothing = 따라 나오는 파일은 모두 최신이다.
sync-wrote = 썼다:
sync-untranslated = ko.ftl에서 아직 영어인 항목 { $n }개(번역하라):
worker-could-not-enter-sandbox = 채점기가 테스트의 네트워크 네임스페이스에 들어가지 못해 테스트를 실행하지 않았다: { $error }

## day6-unix (exercises/day6_unix/): 실패 메시지

# 끝내 닫지 않을 에코 서버 (exercises/kit/echo.rs, expect_eof_or_stuck)
echo-asleep-holding = 클라이언트의 EOF 뒤에도 서버가 이 연결을 열어 둔 채, 그 연결로 보낼 것도 남지 않았는데 서버의 프로세스가 모두 잠들어 있다. 아무도 연결을 닫지 않을 것이다. read()가 0을 반환하면 그 연결을 가진 모든 프로세스에서 연결을 닫으라

## 한 반 채점하기: Classroom 50, Gradescope, 재채점 (report/gradescope.rs, cli.rs)

gradescope-summary = { $points }/{ $max }점 (통과 { $passed }개, 실패 { $failed }개)
help-arg-deadline = 채점 기준 마감 시각(RFC 3339, 예: 2026-10-31T23:59:00+09:00): 기계가 읽는 보고서에 기록되고, `checker gradebook`은 그 뒤에 커밋된 작업을 표시한다.
help-arg-visibility = Gradescope: 학생이 테스트 결과를 언제 보는가.
help-cmd-export-gradescope = 강사용: 올릴 Gradescope 자동 채점기(setup.sh, run_autograder)를 zip으로 쓴다. 고정한 리비전의 실습 저장소에서 Rust와 채점기를 설치하고, 제출물마다 --ci로 채점한다.
help-cmd-export-gradescope-arg-out = 쓸 zip 파일.
help-cmd-export-gradescope-arg-lab_repository = 채점에 쓸 실습 저장소, git clone이 받는 주소(기본값: 이 실습 저장소의 `origin`).
help-cmd-export-gradescope-arg-lab_revision = 실습 저장소의 리비전, 태그나 커밋(기본값: 이 실습 저장소의 현재 커밋).

## 실험: `checker try` (commands/experiment.rs, experiments/)
help-cmd-try = 강의의 주장 하나를 이 기계에서 보여 주는 실험을 실행한다(backlog, zombie, ...). 무엇을 했고, 커널이 무엇을 답했고, 그것이 무엇을 보여 주는지 말한다. 이름이 없으면 목록을 보여 준다.
help-cmd-try-arg-name = 실험 이름, 또는 `all`
try-list-heading = 실험: 저마다 강의의 주장 하나를 이 기계에서 보여 준다.
try-list-usage = 하나 실행하기: `cargo run -p checker -- try <이름>` (모두는 `try all`, 수치가 필요하면 `--format json`).
try-unknown = `{ $name }`이라는 실험은 없다. 있는 것: { $names }
try-heading = { $name } — { $title }  [{ $course }#{ $section }]
try-holds = ✓ 강의의 주장이 이 기계에서 성립한다.
try-does-not-hold = ✗ 강의의 주장이 이 기계에서 성립하지 않는다. 이 출력을 강사에게 알려 주기 바란다.
try-unavailable = — 여기서는 실행할 수 없다: { $why }
try-needs-namespace = raw 소켓을 쓰려면 자기만의 네트워크 네임스페이스가 있어야 한다(root이거나, 사용자가 네임스페이스를 만들 수 있는 커널)
try-failed = 실험이 실패했다: { $error }
try-yes = 예
try-no = 아니요
try-backlog--title = listen(fd, 5)에 accept()는 하지 않을 때 클라이언트 A–G 가운데 몇이 연결되는가
try-backlog-listen = 서버: socket, 127.0.0.1:{ $port }에 bind, listen(fd, { $backlog }), 그리고 accept()는 하지 않는다. 클라이언트 A부터 G까지 차례로 connect()를 호출한다.
try-backlog-queued = 클라이언트 { $client }: 연결됐다. 수락 큐에서 기다린다(대기 { $queued }개).
try-backlog-dropped = 클라이언트 { $client }: SYN이 버려졌다(리스닝 소켓의 ListenOverflows 카운터가 올라갔다). { $state }에 머물며 SYN을 다시 보낼 것이다.
try-backlog-conclusion = backlog { $backlog }에서 연결 { $completed }개가 완료됐다. 리눅스는 완료된 연결을 backlog + 1개까지 큐에 넣고, 그다음 SYN은 버린다(클라이언트가 거부되는 것이 아니라 기다렸다가 다시 시도한다).
try-accept-queue-full--title = 수락 큐가 가득 차면 SYN은 버려지고 1초 뒤에 다시 간다
try-full-listen = 서버는 127.0.0.1:{ $port }에서 backlog 1로 리슨하고, 아직 accept하지 않는다.
try-full-two-queued = 클라이언트 둘이 연결됐다. 수락 큐가 가득 찼다(backlog + 1 = 2).
try-full-dropped = 세 번째 클라이언트가 connect()를 호출한다. 그 SYN은 버려지고, 클라이언트는 { $state }에서 기다린다.
try-full-accepted = 서버가 accept()를 한 번 호출한다. 큐에 다시 자리가 생겼다.
try-full-completed = 세 번째 클라이언트의 연결은 connect() 뒤 { $ms }ms 만에, SYN을 { $retrans }번 재전송한 뒤 완료됐다.
try-full-conclusion = SYN이 버려지면 클라이언트는 재전송 타임아웃(처음 1초, 다음 2, 4, ...초)만큼 더 기다린다. accept가 늦는 서버 때문에 연결이 거부되지는 않고, 느려질 뿐이다.
try-reset-in-accept-queue--title = 수락 큐에서 기다리는 동안 리셋된 연결도 accept()가 반환하는가
try-reset-queue-listen = 서버는 127.0.0.1:{ $port }에서 backlog 5로 리슨하고, 아직 accept하지 않는다.
try-reset-queue-queued = 클라이언트가 연결됐다. 수락 큐에서 연결 { $queued }개가 기다린다.
try-reset-queue-reset = 클라이언트가 SO_LINGER를 0으로 하고 닫는다: RST. 서버 쪽이 그것을 받았다. 수락 큐에는 { $queued }개가 있다.
try-reset-queue-accepted = accept()가 그 연결을 반환한다(상태 { $state }). 서버의 첫 recv() 결과: { $read }
try-reset-queue-gone = accept()가 아무것도 찾지 못한다. 리셋된 연결은 큐에서 빠졌다.
try-reset-queue-conclusion = 리눅스에서 수락 큐에서 리셋된 연결은 큐에 남는다. accept()가 그 연결을 반환하고, 첫 읽기는 ECONNRESET으로 실패한다(그 뒤로는 0을 읽는다). 서버는 방금 accept한 연결에서도 오류를 예상해야 한다.
try-reset-queue-other = 커널이 강의에서 말한 대로 동작하지 않았다. 위의 줄을 보라.
try-connect-unreachable--title = ICMP "host unreachable"을 받은 connect()는 곧바로 실패한다
try-unreach-syn = 클라이언트가 큐가 가득 찬 포트 { $port }{ JOSA($port, "으로", "로") } connect()를 호출한다. 그 SYN에는 답이 없다(실험이 raw 소켓으로 본다).
try-unreach-sent = 실험이 그 SYN에 ICMP 타입 3 코드 1, "host unreachable"로 답한다. 중간의 라우터가 하듯이.
try-unreach-result = connect()는 시작한 지 { $ms }ms 만에 { $error }{ JOSA($error, "으로", "로") } 끝났다. SYN 재전송은 { $retrans }번.
try-unreach-conclusion = 리눅스에서는 SYN에 답으로 온 ICMP unreachable이 connect()를 곧바로 끝낸다(tcp_v4_err). BSD처럼 SYN을 더 보내며 기다리는 "소프트 오류"가 아니다. 소프트 오류 규칙은 이미 연결된 뒤의 이야기다.
try-rst-unread--title = 읽지 않은 데이터가 남은 채 close()하면 FIN이 아니라 RST가 간다
try-rst-unread-close = 클라이언트가 "hello"를 보냈고, 서버는 그것을 읽지 않고 닫았다. 클라이언트의 recv(): { $read }
try-rst-read-first = 같은 상황에서 서버가 close() 전에 "hello"를 읽었다. 클라이언트의 recv(): { $read }
try-rst-conclusion = close() 때 읽지 않은 데이터가 남아 있으면 커널은 연결을 리셋한다(RST). 상대의 읽기는 ECONNRESET으로 실패하고, 상대가 아직 읽지 않은 것은 사라진다. 상대가 아직 보내고 있을 수 있다면 EOF까지 읽으라(또는 먼저 shutdown(SHUT_WR)하라).
try-fin-delayed-ack--title = FIN에 대한 ACK는 지연 ACK 타이머를 기다린다
try-fin-request = 클라이언트가 요청을 보냈고, 서버는 그것을 읽은 뒤 아무것도 하지 않는다.
try-fin-right-after = 클라이언트가 shutdown(SHUT_WR)을 호출한다: FIN. 바로 뒤 클라이언트 소켓은 { $state }다(FIN이 아직 확인 응답을 받지 못했다).
try-fin-acked = ACK는 { $ms }ms 뒤에 혼자 왔다(클라이언트는 이제 { $state }).
try-fin-answered = 다시, 이번에는 EOF를 읽자마자 닫는 서버로: 클라이언트 쪽은 { $state }{ JOSA($state, "으로", "로") } 간다(FIN_WAIT2를 거쳤는가: { $fin_wait2 }). 서버의 FIN이 ACK를 싣고 왔고, ACK 혼자 온 일은 없다.
try-fin-conclusion = 리눅스는 FIN에 곧바로 확인 응답을 보내지 않는다. 자기 데이터나 FIN에 ACK를 실어 보낼 수 있을지 몰라 기다린다(40ms 이상). 클라이언트 소켓의 상태가 그것을 보여 준다. ACK가 올 때까지는 FIN_WAIT1, 온 뒤에는 FIN_WAIT2다. 곧바로 답하는 서버는 ACK를 자기 FIN에 실어 보낸다.
try-time-wait-reuseaddr--title = 먼저 닫은 쪽의 TIME_WAIT와 SO_REUSEADDR
try-tw-bind = 포트 { $port }{ JOSA($port, "이", "가") } TIME_WAIT: { $tw }; 옛 소켓 SO_REUSEADDR { $old }, 새 소켓 SO_REUSEADDR { $new }: bind() → { $result }
try-tw-conclusion = 먼저 닫은 쪽은 연결을 TIME_WAIT(2MSL, 리눅스에서 60초)로 붙들고 있다. 두 소켓이 모두 SO_REUSEADDR를 설정하지 않으면 그 포트에 다시 bind할 때 EADDRINUSE로 실패한다. 새 소켓은 물론이고 리눅스에서는 옛 소켓도 설정했어야 하는데, 같은 서버를 다시 시작할 때가 바로 그 경우다.
try-udp-icmp-unconnected--title = 연결하지 않은 UDP 소켓은 ICMP "port unreachable"을 전해 듣지 못한다
try-udp-unconnected = 아무도 듣지 않는 127.0.0.1:{ $port }{ JOSA($port, "으로", "로") } sendto(): ICMP "port unreachable"이 돌아온다. 연결하지 않은 소켓의 recv(): { $result }
try-udp-recverr = 같은 상황에서 연결하지 않은 소켓에 IP_RECVERR를 설정하면: recv()는 { $result }
try-udp-connected = 같은 상황에서 연결한 소켓(connect 뒤 send)이면: recv()는 { $result }
try-udp-conclusion = ICMP 오류는 연결한 UDP 소켓에는 전해진다(다음 호출에서 ECONNREFUSED). 연결하지 않은 소켓은 누구의 데이터그램이었는지 가릴 수 없으므로 IP_RECVERR로 요청하지 않는 한 전해지지 않는다. 아무도 듣지 않는다는 것을 알려면 UDP 클라이언트를 connect하라.
try-zombie--title = 끝난 자식은 부모가 기다릴 때까지 좀비다
try-zombie-forked = fork(): 자식(pid { $pid })은 곧바로 _exit(7)을 호출한다. 부모는 아직 기다리지 않는다.
try-zombie-state = /proc/{ $pid }/stat의 상태는 { $state }다. kill(pid, 0)은 성공한다: { $kill }
try-zombie-reaped = waitpid()가 회수한다: 종료 코드 { $code }; /proc 항목이 사라졌는가: { $gone }; 이제 kill(pid, 0)은 { $kill }
try-zombie-conclusion = 좀비는 끝났지만 waitpid()로 회수될 때까지 pid와 종료 상태를 붙들고 있는 프로세스다. 좀비에 대한 kill()도 성공한다. 회수하면 pid가 풀려 다른 프로세스가 그 번호를 받을 수 있다. 회수할 때 그 pid를 잊으라.
try-short-count-sigstop--title = 블로킹된 send가 시그널로 중단되면 짧은 반환값을 돌려준다
try-short-stop-moved = 핸들러 없이 SIGSTOP과 SIGCONT(Ctrl-Z와 fg처럼), 바이트 일부가 간 뒤
try-short-restart-moved = SA_RESTART를 준 SIGUSR1 핸들러, 바이트 일부가 간 뒤
try-short-no-restart-moved = SA_RESTART 없는 SIGUSR1 핸들러, 바이트 일부가 간 뒤
try-short-stop-nothing = 핸들러 없이 SIGSTOP과 SIGCONT, 한 바이트도 가기 전
try-short-restart-nothing = SA_RESTART를 준 SIGUSR1 핸들러, 한 바이트도 가기 전
try-short-no-restart-nothing = SA_RESTART 없는 SIGUSR1 핸들러, 한 바이트도 가기 전
try-short-case = send({ $asked }바이트)가 블로킹됐다. { $case }: 반환값 { $result }
try-short-conclusion = 바이트 일부를 옮긴 뒤 블로킹된 send는 시그널로 중단되면 그때까지 옮긴 수를 반환한다. SA_RESTART가 있든 없든, SIGSTOP/SIGCONT 뒤에도 그렇다. SA_RESTART가 정하는 것은 아무것도 옮기지 못했을 때 다시 시작할지, EINTR로 실패할지뿐이다. 언제나 나머지를 보내라.
try-epollet-starve--title = EPOLLET에 이벤트마다 한 번만 읽으면 나머지는 남고, 그에 대한 이벤트는 오지 않는다
try-epoll-round = { $mode }: 클라이언트가 { $sent }바이트를 한꺼번에 보냈다. 이벤트마다 { $read }바이트씩 한 번 recv하는 서버는 알림을 { $events }번 받아 { $received }바이트를 읽었다. 그 뒤 50ms 동안 epoll은 아무 이벤트도 보고하지 않았고, 소켓에는 읽지 않은 바이트 { $left }개가 남았다.
try-epoll-more = EPOLLET: 한 바이트가 더 도착한다. epoll_wait가 이벤트 { $events }개를 보고한다. 새 데이터만이 새 엣지를 만든다.
try-epoll-conclusion = 엣지 트리거에서 이벤트는 "데이터가 있다"가 아니라 "데이터가 도착했다"는 뜻이다. 이벤트마다 EAGAIN까지 읽으라. 그러지 않으면 나머지는 클라이언트가 더 보낼 때까지 보이지 않은 채 남는다. 레벨 트리거에서는 데이터가 남아 있는 동안 epoll이 그 소켓을 다시 보고한다.
try-pipe-buf-atomic--title = PIPE_BUF 바이트 이하의 파이프 쓰기는 절대 쪼개지지 않는다
try-pipe-small = 쓰는 쪽 4개가 동시에 한 파이프에 { $bytes }바이트(PIPE_BUF) 레코드를 64개씩 썼다: 레코드 { $records }개 가운데 다른 쪽 바이트와 섞인 것은 { $mixed }개.
try-pipe-large = 쓰는 쪽 A: 빈 파이프(64KiB)에 { $bytes }바이트를 write() 한 번으로 쓰고, 자리를 기다린다. 쓰는 쪽 B: 100바이트를 write() 한 번으로 쓰고, A 뒤에서 기다린다. 시그널은 없다. 읽는 쪽이 파이프를 두 번 비운다. A의 write()는 { $first }바이트를, B의 write()는 { $small }바이트를 반환했고, B의 바이트는 오프셋 { $at }, 곧 A의 쓰기 안에 들어갔다.
try-pipe-conclusion = PIPE_BUF(4096)바이트 이하의 파이프 쓰기는 원자적이다. 통째로 들어가거나 기다린다. 더 큰 쓰기는 그렇지 않다. 자리를 기다리는 동안 다른 쪽의 바이트가 그 자리를 차지해 그 쓰기 안에 들어간다. 그 쓰기가 전체 바이트 수를 반환하더라도 그렇다. 여럿이 한 파이프에 쓸 때는 레코드 하나를 write() 한 번으로, PIPE_BUF 이하로 쓰라.
try-accept-nonblock--title = accept()가 돌려주는 소켓은 리스닝 소켓의 O_NONBLOCK을 물려받지 않는다
try-accept-nb = 리스닝 소켓을 논블로킹으로 만든다(fcntl, O_NONBLOCK): { $listener }. 클라이언트 둘이 연결한다. accept()가 돌려준 소켓은 논블로킹인가: { $accepted }. accept4(SOCK_NONBLOCK)가 돌려준 소켓은: { $accept4 }.
try-accept-nb-conclusion = 리눅스에서 accept()는 O_NONBLOCK을 물려주지 않는다. poll이나 epoll로 기다리는 서버는 새 소켓마다 직접 논블로킹으로 만들어야 한다(SOCK_NONBLOCK을 준 accept4나 fcntl). 그러지 않으면 느린 클라이언트 하나 때문에 서버 전체가 멈춘다.
try-shut-rd--title = 리눅스의 shutdown(SHUT_RD): 읽기는 끝나지만 데이터는 여전히 들어온다
try-shutrd-empty = 아직 아무것도 받지 않은 서버가 shutdown(SHUT_RD)를 호출한다. 서버의 recv()는 기다리지 않고 곧바로 { $read }{ JOSA($read, "을", "를") } 반환한다.
try-shutrd-data = 클라이언트는 이 사실을 모른다. 5바이트를 보내는 send()는 { $sent }{ JOSA($sent, "을", "를") } 반환하고, 바이트는 도착하며, 서버의 recv()는 { $read }바이트를 반환한다. 리셋을 보냈는가: { $reset }.
try-shutrd-conclusion = SHUT_RD는 읽을 것이 없는 읽기가 0을 반환하게 할 뿐이다. TCP에는 상대에게 그만 보내라고 알릴 방법이 없고, 리눅스는 상대가 보내는 것을 계속 받는다. 데이터를 거절하려면 소켓을 닫으라.
try-write-to-closed--title = 닫은 상대에게 쓰기: 첫 쓰기는 성공하고, 그다음 쓰기는 EPIPE나 SIGPIPE를 받는다
try-epipe-first = 서버가 소켓을 닫는다. 아직 FIN을 읽지 않은 클라이언트가 5바이트를 보낸다. send()는 { $result }{ JOSA($result, "을", "를") } 반환한다.
try-epipe-reset = 서버의 커널은 그 바이트에 RST로 답한다. 그 RST로 클라이언트 소켓이 닫혔는가: { $reset }.
try-epipe-child = SIGPIPE를 기본 동작으로 둔 자식 프로세스가 그 소켓으로 다시 보낸다: { $status }.
try-epipe-second = 클라이언트가 MSG_NOSIGNAL을 주고 다시 보낸다. send()는 { $result }{ JOSA($result, "을", "를") } 반환한다.
try-epipe-conclusion = 닫은 상대에게 쓰면 보통 첫 번째는 성공한다(데이터가 나가고 상대가 RST로 답한다). 그다음 쓰기는 EPIPE로 실패하고 SIGPIPE를 일으키는데, SIGPIPE의 기본 동작은 아무 말 없이 프로세스를 끝내는 것이다. SIGPIPE를 무시하거나 MSG_NOSIGNAL로 보내고, EPIPE는 "이 클라이언트는 떠났다"로 처리하라.
try-connect-refused--title = 닫힌 포트로 하는 논블로킹 connect: 쓰기 가능, POLLERR, SO_ERROR = ECONNREFUSED
try-refused = 논블로킹 소켓이 아무도 듣지 않는 127.0.0.1:{ $port }{ JOSA($port, "으로", "로") } 연결한다. connect()는 { $connect }{ JOSA($connect, "을", "를") } 반환한다. poll(POLLOUT)은 { $revents }{ JOSA($revents, "을", "를") } 보고하고, getsockopt(SO_ERROR)는 { $error }{ JOSA($error, "을", "를") }, 다시 읽으면 { $again }{ JOSA($again, "을", "를") } 준다.
try-refused-conclusion = 실패한 논블로킹 connect에서도 소켓은 쓰기 가능이 된다. 쓰기 가능은 "연결됨"이 아니라 "connect가 끝났다"는 뜻이다. 어떻게 끝났는지는 SO_ERROR로 알 수 있고, 한 번 읽으면 지워진다.
try-select-timeout--title = select()는 타임아웃 값을 남은 시간으로 덮어쓴다
try-select-ready = 스레드가 50ms 뒤에 쓰는 파이프를 { $before }ms 타임아웃으로 select()한다. select()는 { $ready }{ JOSA($ready, "을", "를") } 반환했고, 타임아웃은 이제 { $left }ms다.
try-select-expired = 아무도 쓰지 않는 파이프를 50ms 타임아웃으로 select()한다. select()는 { $ready }{ JOSA($ready, "을", "를") } 반환했고, 타임아웃은 이제 { $left }µs다.
try-select-conclusion = 리눅스에서 select()는 타임아웃 값을 남은 시간으로 덮어쓴다. 타임아웃을 루프 앞에서 한 번만 설정하면 루프는 돌 때마다 덜 기다리다가 결국 전혀 기다리지 않는다(바쁜 루프). 집합처럼 호출할 때마다 다시 설정하라.
try-epoll-close-dup--title = 디스크립터의 복제본이 살아 있는 동안 epoll 항목은 close() 뒤에도 남는다
try-epoll-dup-closed = 디스크립터 { $fd }{ JOSA($fd, "으로", "로") } 등록한 소켓을 복제(dup)한 뒤 디스크립터 { $fd }{ JOSA($fd, "을", "를") } 닫는다. 데이터가 도착한다. epoll_wait는 닫힌 번호로 이벤트 { $events }개를 보고하고, epoll_ctl(DEL, { $fd })는 { $delete }{ JOSA($delete, "을", "를") } 준다.
try-epoll-dup-last = 복제본이 살아 있는 동안 epoll 인스턴스에는 항목이 { $before }개 있다(/proc의 fdinfo). 소켓의 마지막 디스크립터인 복제본까지 닫으면: { $after }개.
try-epoll-dup-conclusion = epoll 항목은 번호가 아니라 열린 소켓에 딸려 있다. dup이나 자식의 사본이 살아 있는 동안 디스크립터 하나를 닫으면 항목은 남아서, 닫힌 번호로 이벤트를 보고하고 더는 지울 수도 없다. 디스크립터를 공유한다면 close 전에 epoll에서 지우라(EPOLL_CTL_DEL).
try-sigchld-merge--title = 표준 시그널은 쌓이지 않는다: 자식 다섯, SIGCHLD 하나
try-sigchld-blocked = 프로세스가 SIGCHLD를 막고 핸들러를 설치한 뒤, 곧바로 끝나는 자식 { $children }개를 fork한다. 모두 끝났는가: { $ended }. SIGCHLD가 대기 중인가: { $pending }.
try-sigchld-unblocked = SIGCHLD 막기를 푼다. 핸들러는 { $runs }번 실행되고, waitpid(-1, WNOHANG) 루프 한 번이 자식 { $reaped }개를 회수한다.
try-sigchld-conclusion = 대기 중인 표준 시그널은 비트 하나다. 하나가 대기 중일 때 끝난 자식들의 SIGCHLD는 그 하나로 합쳐진다. 시그널마다 waitpid를 한 번 부르는 핸들러는 좀비를 남긴다. 남은 자식이 없을 때까지 waitpid(WNOHANG)를 반복하라.
try-scm-rights--title = SCM_RIGHTS: 데이터 0바이트로는 아무것도 넘어가지 않고, 자리가 모자라면 남는 것은 닫힌다
try-scm-empty = 유닉스 스트림 소켓에 데이터 0바이트와 디스크립터 하나로 sendmsg()하면 { $sent }{ JOSA($sent, "을", "를") } 반환한다. 받는 쪽의 recvmsg()는 { $got }{ JOSA($got, "을", "를") } 주고, 디스크립터는 { $fds }개다.
try-scm-ctrunc = 1바이트와 디스크립터 { $sent }개(파이프의 쓰기 끝)를, 자리가 { $room }개(int { $room }개의 CMSG_SPACE)뿐인 받는 쪽에 sendmsg()한다. 받는 쪽은 디스크립터 { $got }개를 받고, MSG_CTRUNC가 설정되었는가: { $cut }. 파이프 가운데 { $closed }개는 이제 EOF를 읽고(커널이 쓰기 끝을 닫았다), { $open }개는 아직 열려 있다.
try-scm-conclusion = 디스크립터는 데이터에 실려 간다. 스트림 소켓에서 0바이트 sendmsg는 디스크립터까지 포함해 아무것도 보내지 않는다. 적어도 한 바이트를 보내라. 제어 버퍼가 너무 작은 받는 쪽은 MSG_CTRUNC를 받고, 들어가지 못한 디스크립터는 닫힌다. 기대하는 만큼 자리를 마련하라.
try-length-byte-at-a-time--title = 남은 길이가 한 바이트씩 도착하면 브로커도 한 바이트씩 읽는다. 패킷 세 개가 read 한 번에 올 수도 있다
try-length-setup = 기기가 남은 길이 { $length }인 PUBLISH(고정 헤더 `30 c8 01`)를 보낸다. 첫 바이트, 길이의 바이트 하나하나, 그다음 본문을 저마다 따로 send한다(TCP_NODELAY). 브로커는 바이트가 들어올 때마다 한 번 읽는다.
try-length-first = { $n }번째 read: `{ $bytes }`: 첫 바이트, 타입 { $kind }(PUBLISH)와 그 플래그. 남은 길이의 바이트는 아직 없다. 더 읽는다.
try-length-more = { $n }번째 read: `{ $bytes }`: & 0x7f는 { $digit }, << { $shift }: 지금까지 { $value }이고, 맨 위 비트가 켜져 있으니 바이트가 하나 더 온다. 더 읽는다(여기서 멈추면 길이를 { $value }{ JOSA($value, "으로", "로") } 잘못 읽는다).
try-length-done = { $n }번째 read: `{ $bytes }`: & 0x7f는 { $digit }, << { $shift }: 맨 위 비트가 꺼졌으니 남은 길이는 { $value }, { $used }바이트다. 패킷은 1 + { $used } + { $value } = { $total }바이트다.
try-length-body = { $n }번째 read: { $bytes }바이트: 본문 전체. { $topic }에 보내는 PUBLISH이고, 페이로드는 { $payload }바이트다.
try-length-together = 브로커가 읽기 전에 PINGREQ(`c0 00`) 세 개를 저마다 따로 send한다. { $n }번째 read가 { $bytes }바이트, 패킷 { $packets }개를 돌려준다.
try-length-conclusion = TCP는 패킷이 아니라 바이트를 건넨다. read 한 번이 남은 길이 도중에서 끝날 수도, 패킷 여럿을 담을 수도 있다. 들어온 것은 버퍼에 모아 두고 그 앞에서부터 디코딩한다. 맨 위 비트가 켜진 길이 바이트는 "더 읽는다"는 뜻이지, 절대 "길이는 이것이다"가 아니다.
try-send-buffer-full--title = 아무도 읽지 않는 소켓은 가득 찬다. 두 버퍼가 다 차면 논블로킹 send는 EAGAIN을 받고, poll은 쓸 수 없다고 한다
try-sendbuf-setup = 클라이언트가 연결하고 절대 읽지 않는다. 서버는 커널이 더 받지 않을 때까지 MSG_DONTWAIT로(논블로킹 send) 64 KiB씩 보내고, 보낸 바이트가 모두 확인 응답될 때마다 다시 보낸다.
try-sendbuf-full = { $kib } KiB({ $bytes }바이트, { $rounds }번) 뒤에 send()가 EAGAIN을 돌려주었다. { $peer } KiB는 읽는 쪽의 수신 버퍼(FIONREAD)에, { $own } KiB는 쓰는 쪽의 송신 버퍼(SIOCOUTQ)에 있다. SO_RCVBUF는 { $rcvbuf } KiB, SO_SNDBUF는 { $sndbuf } KiB다.
try-sendbuf-pollout = POLLOUT을 기다리는 poll(), 타임아웃 0: 쓸 수 있다: { $writable }. 그다음 읽는 쪽이 { $read }바이트를 모두 읽는다. 다시 쓸 수 있다: { $again }.
try-sendbuf-conclusion = 읽는 쪽이 멈춘 소켓은 두 버퍼가 담을 수 있는 만큼 받고, 그다음에는 논블로킹 send가 EAGAIN을 받고 블로킹 send는 기다린다. 읽는 쪽이 다시 읽을 때까지 그렇다. 발행자를 처리하는 코드에서 모든 구독자에게 쓰는 브로커는 가장 느린 구독자 때문에 함께 멈춘다. 연결마다 한도가 있는 송신함을 두고, 그 연결의 쓰기 담당(그 스레드, 그 POLLOUT, 그 태스크)이 비우게 해야 한다.
try-half-open--title = 응답을 멈춘 브로커도 TCP에게는 끊긴 연결이 아니다. 상대 커널이 PINGREQ도, 킵얼라이브 탐침도 모두 확인 응답한다. 링크가 죽은 것은 MQTT의 킵얼라이브만 알아챈다
try-half-open-setup = 기기가 브로커 프로세스(PINGREQ마다 답하는 자식 프로세스)에 연결하고, 킵얼라이브 { $keep_alive }초로 PINGREQ를 보낸다. PINGRESP: { $pingresp }, { $ms } ms 만에 왔다. 기기의 소켓에는 TCP 킵얼라이브를 Linux가 허용하는 가장 짧은 값으로 켜 두었다.
try-half-open-stopped = 브로커 프로세스를 멈춘다(SIGSTOP). 프로세스는 살아 있지만 아무것도 읽지 않는다. 멈춰 버린 브로커, 바이트를 받기만 하고 아무것도 돌려주지 않는 링크와 같다. 기기가 PINGREQ를 보낸다. 브로커의 커널이 확인 응답했다(확인 응답 안 된 바이트 없음): { $acked }. PINGRESP: { $pingresp }. PINGRESP 없이 { $keep_alive }초가 지난 { $ms } ms 뒤에 기기는 링크가 죽었다고 본다(계약을 따르는 기기라면 그다음 연결을 닫고 다시 연결한다).
try-half-open-keepalive = TCP 킵얼라이브(TCP_KEEPIDLE { $idle }초, TCP_KEEPINTVL { $interval }초, TCP_KEEPCNT { $count })라면 아무 응답도 없는 상대를 { $after }초 뒤에 끊는다. 그만큼 지나는 동안 커널은 킵얼라이브 탐침을 { $probes }개 보냈고, 브로커의 커널이 모두 답했다. 연결은 { $state }{ JOSA($state, "이고", "고") } SO_ERROR는 { $error }{ JOSA($error, "이다", "다") }. TCP가 보기에는 아무 문제가 없다.
try-half-open-defaults = 이 옵션들을 주지 않으면 이렇다. SO_KEEPALIVE는 프로그램이 켜지 않는 한 꺼져 있고, 이 머신의 기본값으로는 { $time }초 동안 조용해야 첫 탐침을 보내고, 그 뒤 { $interval }초 간격으로 탐침을 { $count }개 보낸다. 상대가 정말 사라졌다면(연결을 잊어버린 NAT는 패킷을 모두 버린다) { $total }초, 곧 { $minutes }분 뒤에야 알아챈다.
try-half-open-conclusion = TCP는 프로그램이 아니라 상대 커널을 본다. 멈춘 브로커도, 루프가 멈춰 버린 브로커도 탐침에는 모두 답한다. 상대가 정말 사라진 경우에도 기본값으로는 두 시간이 걸린다. MQTT 기기는 킵얼라이브 한 번이면 PINGRESP가 오지 않는다는 것을 안다(3.1.2-23. 브로커는 그 1.5배 안에 안다, 3.1.2-24). 믿을 수 있는 것은 프로토콜 자신의 확인이다.
try-thundering-herd--title = 같은 일정으로 백오프하는 기기들은 다시 뜬 브로커에 같은 10 ms 안에 한꺼번에 몰린다. 지터가 이들을 흩어 놓는다
try-herd-setup = 기기 { $devices }대(스레드)가 0 ms에 브로커를 잃는다. 저마다 곧바로 다시 연결을 시도하고, 시도가 거부될 때마다 d = min({ $max }, { $min } × 2^(n-1)) ms를 기다린다. 브로커의 포트는 { $comeback } ms까지 연결을 거부하고(bind만 하고 listen은 하지 않았다) 그 뒤에 리슨한다. 브로커가 돌아온 뒤로 { $slot } ms 구간마다 연결 시도를 센다.
try-herd-without = 지터 없이(정확히 d만큼 기다린다): 시도는 모두 { $attempts }번이다. 브로커가 돌아온 뒤의 시도는 { $slots }개 구간에 들어가고, 그중 { $busiest }번이 { $at } ms 구간에 몰렸다. 기기 전체가 한순간에 몰린다. 마지막 기기는 { $last } ms에 연결되었다.
try-herd-with = 동등 지터로(계약대로 [d/2, d]에서 균등하게 고른 무작위 시간만큼 기다린다): 시도는 모두 { $attempts }번이다. 브로커가 돌아온 뒤의 시도는 { $slots }개 구간에 흩어지고, 한 구간에 많아야 { $busiest }번이다({ $at } ms). 마지막 기기는 { $last } ms에 연결되었다.
try-herd-conclusion = 같은 순간에 브로커를 잃고 같은 시간만큼 기다리는 기기들은 언제까지나 보조를 맞춘다. 기기 전체의 재시도가 매번 같은 구간에 떨어지고, 막 다시 뜬 브로커는 모든 CONNECT와 모든 세션, 모든 보존 메시지를 한꺼번에 받는다. d/2와 d 사이의 무작위 대기는 첫 재시도에서 이 보조를 흐트러뜨리고, 재시도마다 더 넓게 흩으며, d보다 오래 기다리는 일은 없다.

## 학생의 첫 한 시간 (issue 24)
select-program-unknown = --program { $name }=...: 선택한 테스트 가운데 `{ $name }`라는 프로그램을 실행하는 것은 없다. 테스트가 쓰는 이름: { $names }
select-program-none = --program { $name }=...: 선택한 테스트는 프로그램을 실행하지 않는다(라이브러리를 채점한다). --program을 빼거나, 그 프로그램이 속한 실습을 선택하라
report-rules-void = ✗ 규칙을 어겨서 이 실습의 점수는 무효다. 규칙을 지키면 통과한 테스트가 { $points }점을 얻는다(아래 rules 줄을 보라. { $course }#rules).
report-rules-void-test = 통과했지만 규칙을 어겨서 이 실습의 점수는 무효다. 규칙을 지키면 이 테스트의 { $points }점이 인정된다({ $exercise }/rules를 보라. { $course }#rules).
load-closed-early = 서버가 { $bytes }바이트 가운데 { $got }바이트를 되돌려 보낸 뒤 연결을 닫았다(FIN, 읽지 않은 바이트를 남겼다면 RST). 클라이언트의 EOF가 오기 전에 이 클라이언트를 더는 처리하지 않은 것이다. read()가 0을 돌려줄 때까지 계속 읽고 되돌려 보내라
load-reset-early = { $bytes }바이트 가운데 { $got }바이트를 받은 뒤 에코를 읽다가 실패했다({ $error })
load-too-slow = 연결은 열려 있는데 { $bytes }바이트 가운데 { $got }바이트만 제시간에 돌아왔다. 서버가 너무 느리다
library-call-with-x = { $call }(x = { $x })
# 브로커가 보낸, MQTT 3.1.1 패킷이 아닌 바이트 (observe/wire/mqtt/packet.rs)
mqtt-bad-flags = 플래그가 { $flags }인 { $packet }(2.2.2: { $want })
mqtt-bad-length = 남은 길이가 { $len }인 { $packet }({ $want }이어야 한다)
mqtt-not-from-a-broker = 패킷 타입 { $kind }({ $name }). 브로커는 이 패킷을 클라이언트에게 보내지 않는다
mqtt-length-too-long = 4바이트보다 긴 남은 길이(2.2.3)
mqtt-connack-flags = CONNACK 확인 플래그 { $flags }: 비트 7-1은 예약되어 0이어야 한다(3.2.2.1)
mqtt-connack-code = CONNACK 반환 코드 { $code }(3.2.2.3: 0부터 5까지)
mqtt-connack-refused-present = 거부하면서 session present가 1인 CONNACK(3.2.2-4)
mqtt-suback-shape = 플래그가 { $flags }이고 남은 길이가 { $len }인 SUBACK(3.9: 플래그 0000, 패킷 식별자 하나와 필터마다 반환 코드 하나)
mqtt-suback-code = SUBACK 반환 코드 { $code }(3.9.3: 0, 1, 2, 0x80 가운데 하나)
mqtt-publish-qos3 = QoS 3인 PUBLISH(3.3.1-4)
mqtt-publish-dup-qos0 = DUP가 켜진 QoS 0 PUBLISH(3.3.1-2)
mqtt-publish-cut = { $bytes }바이트짜리 PUBLISH: 가변 헤더 도중에 끊겼다
mqtt-publish-not-utf8 = 토픽이 UTF-8이 아닌 PUBLISH(1.5.3)
mqtt-publish-empty-topic = 토픽이 빈 PUBLISH(4.7.3-1)
mqtt-publish-wildcard = 와일드카드가 든 토픽에 보낸 PUBLISH: { $topic }(3.3.2-2)
mqtt-publish-nul = 토픽에 U+0000이 든 PUBLISH(1.5.3-2)
mqtt-publish-id-0 = 패킷 식별자가 0인 QoS 1 PUBLISH(2.3.1-1)
mqtt-connect-reserved-flag = 예약 플래그를 켠 CONNECT id="r" clean=1
mqtt-piece-byte = { $packet }의 한 바이트
mqtt-piece-rest = { $packet }의 나머지
mqtt-in-one-write = → { $packets } (한 번의 write로)
# A value or a call as the track graded writes it (Text::as_written): Rust's notation, C's.
value-code = { $rust }
value-code-c = { $c }
library-in-memory = 메모리의 바이트 { $bytes }

# checker watch: 판정이 어느 저장의 것인지 (commands/watch.rs)
watch-verdict-of-start = ↑ { $time }의 파일 그대로
watch-verdict-of-save = ↑ { $time }에 저장한 것: { $files }
watch-changed-while-grading = 채점하는 동안 { $files }{ JOSA($files, "이", "가") } 바뀌었다({ $time }). 위의 판정은 이미 지난 것이다. 다시 채점한다
# 읽기를 멈춘 클라이언트: 바이트가 어떻게 사라졌는가 (exercises/kit/stalled.rs)
stalled-closed-early = 클라이언트가 아직 보내는 중인데 서버가 모두 되돌려 보내기 전에 연결을 끝냈다(FIN, 읽지 않은 바이트를 남겼다면 RST). 이 클라이언트의 EOF가 오기 전에 처리를 그만둔 것이다. read()가 0을 돌려줄 때까지 계속 읽고 되돌려 보낸 뒤에 닫으라
## 서버 나란히 보기: `checker compare` (commands/compare.rs, compare/)
help-student-compare = 내 서버들을 같은 부하 아래에서 나란히 잰다(에코 서버는 왕복, 채팅 서버는 모두에게 가는 줄). 클라이언트 1개부터 1,000개까지 재서 표를 보여 주고, 그래프를 target/compare/ 아래에 쓴다. --program NAME=PATH는 다른 곳에서 온 프로그램을 더한다(NAME에 chat이 들어 있으면 채팅 서버로 잰다).
help-student-root-c = exercises/ 대신 DIR의 실습(DIR/<exercise>/, Makefile과 C 파일이 든 폴더)을 채점한다.
help-student-programs-c = 실습 폴더에서 빌드하지 않은 프로그램(어느 언어든)을 채점한다: NAME=PATH, 예: --program echo-server=./a.out. 그 프로그램의 테스트만 돈다.
help-cmd-compare = 내 서버들을 같은 부하 아래에서 나란히 잰다(에코 서버는 왕복, 채팅 서버는 모두에게 가는 줄). 클라이언트 1개부터 1,000개까지 재서 표를 보여 주고, 그래프를 target/compare/ 아래에 쓴다. --solutions는 참고 풀이의 서버를 재고, --program NAME=PATH는 다른 곳에서 온 프로그램을 더한다(NAME에 chat이 들어 있으면 채팅 서버로 잰다).
help-cmd-compare-arg-targets = 어느 서버: 실습, 일차, 프로그램, echo 또는 chat(기본: 전부)
help-cmd-compare-arg-quick = 빠르게 훑어보기: 클라이언트 1, 10, 100개, 짧은 측정 구간, { $quick }회
help-cmd-compare-arg-runs = 값 하나를 몇 번 잴지, 매번 서버를 새로 띄운다(기본 { $runs }회, --quick이면 { $quick }회)
help-cmd-compare-arg-clients = 클라이언트 수, 예: 1,10,100,1000
help-cmd-compare-arg-busy = 수준마다 클라이언트 가운데 N개만 보내고 나머지는 연결한 채 아무것도 보내지 않는다(에코 서버). 연결은 많고 바쁜 것은 적을 때, 모든 디스크립터를 훑는 poll과 준비된 것만 주는 epoll의 차이가 드러난다
compare-machine = 코어 { $cores }개에서 서버를 하나씩 차례로 쟀다(부하: 시작 때 { $before }, 끝날 때 { $after }; Linux { $kernel }; 샌드박스: { $sandbox }). 값마다 { $runs }회 잰 것의 중앙값이고, ±는 가장 먼 회차가 얼마나 떨어졌는지다. 그것이 { $unstable }%를 넘으면 회차끼리 너무 달라 값 하나로 말할 수 없으므로 가장 낮은 값–가장 높은 값으로 적는다.
compare-echo-heading = 에코 서버: 클라이언트마다 { $size }바이트를 보내고 그것이 다 돌아오기를 기다리기를 되풀이한다. { $warm }초 예열한 뒤 { $seconds }초 동안 잰다.
compare-echo-busy = 수준마다 클라이언트 가운데 { $busy }개만 보내고 나머지는 연결한 채 아무것도 보내지 않는다(--busy). 차례마다 모든 연결을 살피는 서버는 보내지 않는 연결까지 살피는 비용을 치른다.
compare-chat-heading = 채팅 서버: 클라이언트가 돌아가며 { $size }바이트 줄을 하나 보낸다. 모든 클라이언트가 그 줄을 받아야 다음 줄이 간다.
compare-mqtt-heading = MQTT 브로커: 모든 클라이언트가 토픽 하나를 구독하고, 돌아가며 { $size }바이트 메시지를 QoS 0으로 그 토픽에 발행한다. 모든 구독자가 받아야 다음 메시지가 간다.
compare-col-server = 서버
compare-col-clients = 클라이언트
compare-col-served = 처리됨
compare-col-p50 = p50
compare-col-p99 = p99
compare-col-round-trips = 왕복/초
compare-col-p50-everyone = 전원 p50
compare-col-p99-everyone = 전원 p99
compare-col-lines = 줄/초
compare-col-messages = 메시지/초
compare-col-deliveries = 수신/초
compare-col-cpu = CPU
compare-col-cpu-per-trip = 왕복당 CPU
compare-col-memory = 메모리
compare-col-per-connection = 연결당
compare-col-threads = 스레드
compare-col-processes = 프로세스
compare-col-errors = 오류
compare-error-refused = 거부 { $count }
compare-error-reset = 리셋 { $count }
compare-error-timed-out = 연결 안 됨 { $count }
compare-error-wrong = 틀림·유실 { $count }
compare-trouble-heading = 부하 아래에서:
compare-trouble = { $server }, 클라이언트 { $clients }개: { $what }
compare-skipped-heading = 재지 못한 서버:
compare-chart = 그래프: { $path } (브라우저로 연다)
compare-took = { $seconds }초 걸렸다. 다시 재려면:
compare-building = { $exercise } 빌드 중
compare-does-not-compile = 컴파일되지 않는다. 이유는 `cargo build`가 보여 준다
compare-round-trip = 첫 왕복 중에
compare-wrong-answer = 첫 줄이 보낸 그대로 돌아오지 않았다: { $got }
compare-no-answer = 첫 줄이 돌아오지 않았다: { $error }
compare-under-load = 클라이언트 { $clients }개가 부하를 주는 동안
compare-no-levels = --clients에는 0보다 큰 클라이언트 수가 하나 이상 있어야 한다
compare-unknown-target = `{ $target }`라는 비교할 서버는 없다. 있는 것: { $names } (또는 일차, 실습, `echo`, `chat`)
compare-lowered-clients = 클라이언트 { $from }개를 { $to }개로 낮췄다. 열린 파일 한도(RLIMIT_NOFILE, hard)가 { $limit }이고, 클라이언트마다 채점기와 서버에서 디스크립터를 하나씩 쓰기 때문이다
compare-chart-title = 같은 부하 아래의 내 서버들, 코어 { $cores }개
compare-chart-subtitle = { $runs }회의 중앙값(막대: 가장 낮은 회차부터 가장 높은 회차까지) · { $size }바이트 메시지 · 부하 { $load } · Linux { $kernel } · 두 축 모두 로그 눈금
compare-chart-echo-latency = 에코: 왕복 시간, 99번째 백분위수
compare-chart-echo-rate = 에코: 초당 왕복 수, 모든 클라이언트 합계
compare-chart-chat-latency = 채팅: 한 줄이 모든 클라이언트에 닿는 시간, 99번째 백분위수
compare-chart-chat-rate = 채팅: 초당 모두에게 전달된 줄 수
compare-chart-mqtt-latency = MQTT: 한 메시지가 모든 구독자에게 닿는 시간, 99번째 백분위수
compare-chart-mqtt-rate = MQTT: 초당 모든 구독자에게 전달된 메시지 수
compare-chart-memory = 서버 프로세스들의 메모리(PSS)
compare-chart-axis-ms = 밀리초
compare-chart-axis-per-second = 초당
compare-chart-axis-mib = MiB
compare-chart-served = { $served }/{ $clients } 처리됨
compare-chart-axis-clients = 연결된 클라이언트 수
# 명령줄 도움말의 나머지: clap이 영어로만 쓰는 제목과 값 (issue 24, 7번)
help-arguments = 인자
help-default = 기본값
help-possible-values = 가능한 값
help-cmd-help = 이 도움말, 또는 주어진 명령의 도움말을 보여 준다
help-value-track-rust = Rust, 소켓 호출은 nix로
help-value-track-c = 노트의 언어인 C, make와 cc로 빌드한다
help-value-sandbox-auto = 머신이 허락하면 네임스페이스, 아니면 plain 모드
help-value-sandbox-namespaces = 테스트마다 새 네트워크, PID, 마운트 네임스페이스(머신이 허락하지 않으면 실패한다)
help-value-sandbox-plain = 프로세스 그룹, 서브리퍼(subreaper), 태그만
help-value-format-classroom50 = Classroom 50의 `result.json`(스키마 classroom50/result/v1)
help-value-format-gradescope = Gradescope 자동 채점기의 `results.json`
# 읽을 절: 그 제목과 함께 (issue 24, 10번)
report-read-heading = 읽을 곳: { $course }#{ $section }, "{ $heading }"

## day6-async (exercises/day6_async/): 채점기의 메시지

# 운영체제의 오류(base/i18n/errno.rs): 괄호 안에 errno 이름을 그대로 둔다.
errno-econnrefused = 연결이 거부되었다
errno-econnreset = 상대가 연결을 리셋했다
errno-epipe = 상대가 읽지 않는 파이프나 소켓에 썼다
errno-eaddrinuse = 주소가 이미 쓰이고 있다
errno-eaddrnotavail = 이 머신에 없는 주소라 쓸 수 없다
errno-eagain = 지금은 할 수 없다(논블로킹 호출이 기다려야 했다)
errno-eintr = 시그널이 시스템 콜을 끊었다
errno-enoent = 그런 파일이나 디렉터리가 없다
errno-eacces = 권한이 없다
errno-etimedout = 연결이 타임아웃되었다
errno-ebadf = 열려 있지 않은 파일 디스크립터다
errno-einval = 인자가 잘못되었다
errno-enotconn = 소켓이 연결되어 있지 않다
errno-eisconn = 소켓이 이미 연결되어 있다
errno-emfile = 열린 파일이 너무 많다
errno-echild = 기다릴 자식 프로세스가 없다
errno-enotsock = 소켓이 아닌 것에 소켓 호출을 했다
errno-enetunreach = 네트워크에 닿을 수 없다

# The exercises' rules (lab/rules.rs): the reason clippy.toml gives, by the hash of its English
# (shown after it, its exercise's name left out): a reworded reason needs its Korean anew.
# open the file with nix::fcntl::open and use its fd
rule-reason--eb787e42eec7f0f4 = nix::fcntl::open으로 파일을 열고 그 fd를 쓰라
# open the file with nix::fcntl::open and OFlag
rule-reason--571cec58598b544c = nix::fcntl::open과 OFlag로 파일을 열라
# read the fd with nix::unistd::read
rule-reason--86043456f036e600 = nix::unistd::read로 fd를 읽으라
# write the fd with your write_all
rule-reason--10bb720bee65ba4b = 직접 만든 write_all로 fd에 쓰라
# copy with open/read/write yourself
rule-reason--340cdd85cb0ff296 = open/read/write로 직접 복사하라
# read the fd with nix::unistd::read in a loop
rule-reason--3875815def27bef2 = nix::unistd::read로 fd를 루프 안에서 읽으라
# write with your write_all
rule-reason--67f645facd263718 = 직접 만든 write_all로 쓰라
# copy with read and your write_all
rule-reason--64061b3c9a4db97b = read와 직접 만든 write_all로 복사하라
# read fd 0 with nix::unistd::read
rule-reason--b3a49aa705147237 = fd 0을 nix::unistd::read로 읽으라
# write the fd with nix::unistd::write
rule-reason--30b3955bcb400698 = nix::unistd::write로 fd에 쓰라
# this is the loop you are writing (your write_all)
rule-reason--2fb6bc0beb5ffb5e = 지금 작성하는 루프가 바로 이것이다(직접 만드는 write_all)
# use nix::sys::uio::writev
rule-reason--cbede3f04ab05d5c = nix::sys::uio::writev를 쓰라
# swap and order the bytes yourself with shifts and masks
rule-reason--c270e7a9ad7e00b9 = 시프트와 마스크로 바이트를 직접 바꾸고 순서를 맞추라
# this is the C function you are writing
rule-reason--ccb424cb47e241ce = 지금 작성하는 C 함수가 바로 이것이다
# parse and format the address yourself
rule-reason--ca2e5eb1a4b79d3c = 주소를 직접 파싱하고 형식에 맞춰 쓰라
# use socket/bind/listen/accept from nix::sys::socket
rule-reason--62bdd6b326346eff = nix::sys::socket의 socket/bind/listen/accept를 쓰라
# use socket/connect and read/write (or recv/send) from nix
rule-reason--47d8f82d3393c45b = nix의 socket/connect와 read/write(또는 recv/send)를 쓰라
# use the socket calls from nix::sys::socket
rule-reason--47443a4c90dde170 = nix::sys::socket의 소켓 호출을 쓰라
# read and write the socket with nix; a File around a socket hides short writes
rule-reason--44ff849c8db75e34 = 소켓은 nix로 읽고 쓰라. 소켓을 File로 감싸면 부분 쓰기가 가려진다
# build the address yourself (SockaddrIn)
rule-reason--d711f2d3e9df1954 = 주소를 직접 만들라(SockaddrIn)
# use socket/bind/sendto/recvfrom from nix::sys::socket
rule-reason--8ce1ef93fff47723 = nix::sys::socket의 socket/bind/sendto/recvfrom을 쓰라
# use socket/connect/send/recv/shutdown from nix
rule-reason--856747771b9d5cfa = nix의 socket/connect/send/recv/shutdown을 쓰라
# let getnameinfo format the address (NI_NUMERICHOST)
rule-reason--3c24712425d33bc7 = 주소 형식은 getnameinfo에 맡기라(NI_NUMERICHOST)
# call getaddrinfo yourself (it is what this calls)
rule-reason--c0c61744635dc0fc = getaddrinfo를 직접 호출하라(이것이 안에서 부르는 함수다)
# serve each client in a child process made by fork(), not a thread
rule-reason--a0c1d77ae5d4d916 = 클라이언트마다 fork()로 만든 자식 프로세스가 처리한다. 스레드는 쓰지 않는다
# read and write the socket with nix
rule-reason--e7f6ed77e17efa90 = 소켓은 nix로 읽고 쓰라
# use socket/bind/listen/accept4 from nix::sys::socket
rule-reason--7a5edc5488a39abf = nix::sys::socket의 socket/bind/listen/accept4를 쓰라
# read and write the sockets with nix
rule-reason--8c2c4b86ac935421 = 소켓들은 nix로 읽고 쓰라
# this exercise is about poll(2); epoll is day5-epoll
rule-reason--0cb562f20bfbc4b5 = 이 실습은 poll(2)을 다룬다. epoll은 day5-epoll에서 다룬다
# one thread serves every client; no threads
rule-reason--4faaacd1e544269a = 스레드 하나가 모든 클라이언트를 처리한다. 스레드를 더 만들지 않는다
# one process serves every client; no fork
rule-reason--d1184b3a2fd1bf98 = 프로세스 하나가 모든 클라이언트를 처리한다. fork는 쓰지 않는다
# one process serves every client
rule-reason--6781b9b41b32345c = 프로세스 하나가 모든 클라이언트를 처리한다
# this exercise is about epoll; poll(2) is day5-poll
rule-reason--1319e87b6cb57a74 = 이 실습은 epoll을 다룬다. poll(2)은 day5-poll에서 다룬다
# this exercise is about epoll, not select(2)
rule-reason--421aaea9e2ca6d48 = 이 실습은 select(2)가 아니라 epoll을 다룬다
# a thread per client waits in its own read; poll(2) is day5-poll
rule-reason--4d48fb41f34da15b = 클라이언트마다 스레드가 자기 read에서 기다린다. poll(2)은 day5-poll에서 다룬다
# a thread per client waits in its own read, no select(2)
rule-reason--825c523bc4083ea9 = 클라이언트마다 스레드가 자기 read에서 기다린다. select(2)는 쓰지 않는다
# a thread per client waits in its own read; epoll is day5-epoll
rule-reason--4ef5405938bbfcdc = 클라이언트마다 스레드가 자기 read에서 기다린다. epoll은 day5-epoll에서 다룬다
# threads of one process share the list of clients; no fork
rule-reason--9084fa6fd0bf95f1 = 한 프로세스의 스레드들이 클라이언트 목록을 공유한다. fork는 쓰지 않는다
# one process, a thread per client
rule-reason--6311c380173f6e4b = 프로세스 하나, 클라이언트마다 스레드 하나
# the logger is fed through a pipe: nix::unistd::pipe
rule-reason--d2c3327e1580b4d7 = 로거는 파이프로 받는다: nix::unistd::pipe
# open the file with nix::fcntl::open (O_CREAT | O_WRONLY | O_APPEND) and write it with nix
rule-reason--de2834fb4ddba755 = nix::fcntl::open(O_CREAT | O_WRONLY | O_APPEND)으로 파일을 열고 nix로 쓰라
# open the file with nix::fcntl::open (O_CREAT | O_WRONLY | O_APPEND)
rule-reason--d206fe6c214a85db = nix::fcntl::open(O_CREAT | O_WRONLY | O_APPEND)으로 파일을 열라
# make the pipe with nix::unistd::pipe and read it with nix
rule-reason--4ed67105d7e6a6af = nix::unistd::pipe로 파이프를 만들고 nix로 읽으라
# make the pipe with nix::unistd::pipe and write it with nix
rule-reason--8f8411ee74ab495a = nix::unistd::pipe로 파이프를 만들고 nix로 쓰라
# a child process per client and one for the logger, made by fork(); no threads
rule-reason--30ce7aeb0661ea3a = 클라이언트마다 자식 프로세스 하나, 로거에 하나, 모두 fork()로 만든다. 스레드는 쓰지 않는다
# make the pipe with nix::unistd::pipe
rule-reason--35d85c415ad0ca34 = nix::unistd::pipe로 파이프를 만들라
# the logger appends with nix::unistd::write to a file opened with O_APPEND
rule-reason--73767f90a0c0b0d9 = 로거는 O_APPEND로 연 파일에 nix::unistd::write로 덧붙인다
# use tokio::net::TcpListener, whose accept() is awaited
rule-reason--686bf72c1dbd712e = accept()를 await하는 tokio::net::TcpListener를 쓰라
# use tokio::net::TcpStream, whose reads and writes are awaited
rule-reason--621d6043121016a9 = 읽기와 쓰기를 await하는 tokio::net::TcpStream을 쓰라
# the exercise is TCP, on tokio::net
rule-reason--a16761b936ef2abd = 이 실습은 tokio::net 위의 TCP다
# use tokio::net's sockets
rule-reason--e3d713d2a976a969 = tokio::net의 소켓을 쓰라
# a task per client (tokio::spawn), not a thread
rule-reason--182a043b068cd7b1 = 클라이언트마다 스레드가 아니라 태스크 하나(tokio::spawn)
# one process; tasks, not processes
rule-reason--aefd789b3bb42c4b = 프로세스 하나. 프로세스가 아니라 태스크를 쓴다
# spawn_blocking runs the work on a thread of its own: one per client is a thread per client again
rule-reason--082283da08bdd6de = spawn_blocking은 일을 따로 스레드에서 돌린다. 클라이언트마다 하나씩 쓰면 다시 클라이언트마다 스레드다
# block_in_place blocks a worker thread; await tokio's sockets instead
rule-reason--ed371e008de8a5e2 = block_in_place는 워커 스레드를 막는다. 대신 tokio의 소켓을 await하라
# build the address yourself (SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
rule-reason--641809052c53774a = 주소를 직접 만들라(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
# the control socket is socket(AF_UNIX), bind on a nix::sys::socket::UnixAddr, listen, accept, from nix
rule-reason--fefe30f25f8bd195 = 제어 소켓은 nix로 만든다: socket(AF_UNIX), nix::sys::socket::UnixAddr에 bind, listen, accept
# make the worker's channel with nix::sys::socket::socketpair and pass descriptors with sendmsg/recvmsg
rule-reason--6778ba823d8aa236 = 워커와의 채널은 nix::sys::socket::socketpair로 만들고 디스크립터는 sendmsg/recvmsg로 넘기라
# make the worker's channel with nix::sys::socket::socketpair
rule-reason--595274d539280103 = 워커와의 채널은 nix::sys::socket::socketpair로 만들라
# a Unix-domain address is nix::sys::socket::UnixAddr
rule-reason--413a19145d7f0595 = 유닉스 도메인 주소는 nix::sys::socket::UnixAddr다
# worker processes made by fork(); no threads
rule-reason--8032b6e6b5cb3532 = 워커 프로세스는 fork()로 만든다. 스레드는 쓰지 않는다
# the workers are made by nix::unistd::fork
rule-reason--c496bfed88a8f3a3 = 워커는 nix::unistd::fork로 만든다
# remove the stale socket file with nix::unistd::unlink
rule-reason--7340f113fffb704d = 남은 소켓 파일은 nix::unistd::unlink로 지우라
# The C track's rules (exercises/kit/c_imports.rs): the reason each exercise's table gives, by
# the hash of its English as above (reasons the Rust track words alike share its entry).
# open, read and write the descriptors yourself (open, read, write, writev): stdio's streams and the kernel's copy calls would run the loop the lesson is about
rule-reason--de909ca5e8fd59cc = 디스크립터는 직접 열고 읽고 쓰라(open, read, write, writev). stdio 스트림이나 커널의 복사 호출을 쓰면 이 실습이 다루는 루프를 그것들이 대신 돈다
# swap and order the bytes yourself with shifts and masks: these are the functions you are writing
rule-reason--c32a9fa647c6372f = 시프트와 마스크로 바이트를 직접 바꾸고 순서를 맞추라. 지금 작성하는 함수가 바로 이것들이다
# parse and format the address yourself: these are the functions you are writing
rule-reason--86663bf15ae4ee04 = 주소를 직접 파싱하고 형식에 맞춰 쓰라. 지금 작성하는 함수가 바로 이것들이다
# build the sockaddr_in yourself (memset, htons, inet_pton): name resolution is day 3's
rule-reason--aa062bf441d94f78 = sockaddr_in은 직접 만들라(memset, htons, inet_pton). 이름 해석은 3일차에 다룬다
# getaddrinfo and getnameinfo replace the old resolver calls (IPv4 only, or their answer in static storage the next call overwrites)
rule-reason--4fa1217a43c61854 = getaddrinfo와 getnameinfo가 옛 이름 해석 호출을 대신한다(옛 호출은 IPv4만 다루거나, 다음 호출이 덮어쓰는 정적 저장소에 답을 둔다)
# let getnameinfo write each address (NI_NUMERICHOST) and getaddrinfo read it (AI_NUMERICHOST)
rule-reason--2a88c246063c16b7 = 주소를 글자로 쓰는 일은 getnameinfo(NI_NUMERICHOST)에, 읽는 일은 getaddrinfo(AI_NUMERICHOST)에 맡기라
# resolve with getaddrinfo(3)
rule-reason--eebfe245077738de = 이름 해석은 getaddrinfo(3)로 하라
# write each address (and find each name) with getnameinfo(3)
rule-reason--a8d90d0af1f3968d = 주소를 글자로 쓰는 일(그리고 이름을 찾는 일)은 getnameinfo(3)로 하라
# serve each client in a child process made by fork()
rule-reason--ca2511e8d20cdd7c = 클라이언트마다 fork()로 만든 자식 프로세스가 처리한다
# install handlers with sigaction(): what signal() does after a handler runs differs between systems
rule-reason--569a887e889862d3 = 핸들러는 sigaction()으로 설치하라. 핸들러가 한 번 실행된 뒤 signal()이 어떻게 되는지는 시스템마다 다르다
# one thread of one process serves every client: no fork, no threads
rule-reason--b91d2ebf1914be1e = 프로세스 하나의 스레드 하나가 모든 클라이언트를 처리한다. fork도 스레드도 쓰지 않는다
# wait for every client at once with poll(2) (select(2) is accepted too)
rule-reason--71de9c19f0b98570 = poll(2)로 모든 클라이언트를 한꺼번에 기다리라(select(2)도 된다)
# this exercise is about epoll; poll(2) and select(2) are day5-poll
rule-reason--d4bf7bcec33caba4 = 이 실습은 epoll을 다룬다. poll(2)과 select(2)는 day5-poll에서 다룬다
# wait for every client at once with epoll_wait
rule-reason--879ab15f25c5082b = epoll_wait로 모든 클라이언트를 한꺼번에 기다리라
# a thread per client waits in its own read; poll and epoll are the other ways
rule-reason--68f1a49223384b37 = 클라이언트마다 스레드가 자기 read에서 기다린다. poll과 epoll은 다른 방식이다
# a thread per client, made with pthread_create (or C11's thrd_create)
rule-reason--5e445b04dec4270c = 클라이언트마다 스레드 하나를 pthread_create(또는 C11의 thrd_create)로 만든다
# the logger is fed through a pipe made with pipe()
rule-reason--4609f34f5f6089c7 = 로거는 pipe()로 만든 파이프로 받는다
# the parent passes each connection to a worker with sendmsg() and SCM_RIGHTS
rule-reason--cfa56686cc018b6c = 부모는 각 연결을 sendmsg()와 SCM_RIGHTS로 워커에게 넘긴다
# use socket/connect/send/recv from nix::sys::socket
rule-reason--9320246413e26269 = nix::sys::socket의 socket/connect/send/recv를 쓰라
# build the address yourself (SockaddrIn), from inet_pton's dotted form
rule-reason--60933c46f572e48a = 주소를 inet_pton이 읽는 점 표기에서 직접 만들라(SockaddrIn)

# report/explain.rs: rustc와 clippy의 영어 옆에 한국어로.
report-rule-reason = = 이유: { $reason }
report-compiler-fix = = 고치는 법: { $fix }
rustc-fix-e0308 = 기대한 타입(expected)과 실제 타입(found)이 다르다. 값을 변환하거나(as, into(), ?) 함수의 반환 타입을 맞추라
rustc-fix-e0499 = 같은 값을 동시에 &mut로 두 번 빌렸다. 첫 빌림을 다 쓴 뒤에 두 번째로 빌리거나 값을 나누라
rustc-fix-e0502 = 값을 &와 &mut로 동시에 빌렸다. 읽은 것을 먼저 복사해 두거나 & 빌림이 끝난 뒤에 값을 바꾸라
rustc-fix-e0382 = 값이 이미 다른 곳으로 옮겨졌다(move). 빌려 주거나(&), 둘이 필요하면 .clone()하거나, 옮기기 전에 쓰라
rustc-fix-e0425 = 여기에 그런 이름이 없다. 철자를 확인하고, 다른 모듈에 있으면 use로 가져오라
rustc-fix-e0277-question-mark = ?는 Result(또는 Option)를 돌려주고 그 오류 타입으로 바뀌는 함수 안에서만 쓸 수 있다. 반환 타입을 바꾸거나 match나 map_err로 오류를 처리하라
rustc-fix-must-use = Result를 버려서 오류가 나도 보이지 않는다. ?로 넘기거나 match나 if let으로 처리하라(정말 무시해도 될 때만 let _ =)
report-compiler-warnings = ⚠ 컴파일러가 경고한다(이 때문에 실패하는 테스트는 없지만, 가리키는 곳에서 난 오류는 보이지 않는다):

# checker stubs ko|en (commands/stubs.rs)
stubs-in-korean = 한국어
stubs-in-english = 영어
stubs-switched = 스텁 { $count }개의 주석을 { $language }{ JOSA($language, "으로", "로") } 바꿨다.
stubs-already = 스텁 { $count }개는 이미 그랬다.
stubs-left-edited = 학생이 고친 스텁 { $count }개는 그대로 두었다: { $files }
stubs-no-english = git 기록에 영어 사본이 없어서 되돌리지 못했다(실습 저장소에서 git checkout으로 가져오라): { $files }
help-cmd-stubs = exercises/에 있는 스텁의 주석을 한국어(ko)로, 또는 다시 영어(en)로 바꾼다. 실습이 배포한 그대로인 스텁만 바꾸고, 고친 스텁은 그대로 두고 이름을 알려 준다.
help-cmd-stubs-arg-lang = ko 또는 en

# 학생용 저장소(commands/lab_only.rs): 강사의 랩이 있어야 하는 것은 한 줄로 말한다
export-needs-lab = `{ $what }`에는 강사의 랩(풀이와 랩 자체의 테스트)이 필요한데, 이 저장소는 수업용으로 내보낸 학생용 저장소다
export-other-track = 이 저장소에는 { $track } 트랙만 있다. 여기서는 `--track { $asked }`를 쓸 수 없다
export-stubs-korean = 이 저장소의 스텁은 주석을 한국어로 써서 내보냈고 영어 사본이 없으므로, 여기서는 `stubs`를 제공하지 않는다
select-not-on-c-track-export = { $exercise }{ JOSA($exercise, "은", "는") } C 트랙에 없는 실습이고, 이 저장소에는 C 트랙만 있다. C 수업에서는 대신 day5-epoll의 이벤트 루프를 쓴다

## day7-broker: 채점기가 흉내 내는 기기들 (observe/wire/mqtt)
mqtt-closed-instead = { $expected }{ JOSA($expected, "이", "가") } 와야 할 자리에서 브로커가 { $who }의 연결을 닫았다({ $clause })
mqtt-nothing-came = { $who }{ JOSA($who, "이", "가") } { $expected }{ JOSA($expected, "을", "를") } 기다렸지만({ $clause }) 제시간에 아무것도 오지 않았다
mqtt-not-closed = { $who }{ JOSA($who, "이", "가") } { $what }{ JOSA($what, "을", "를") } 보냈다: 브로커는 연결을 닫아야 하는데({ $clause }) { $instead }
mqtt-instead-sent = { $got }{ JOSA($got, "을", "를") } 보냈다
mqtt-instead-open = { $secs }초 뒤에도 열려 있었다
mqtt-expected-got = { $who }{ JOSA($who, "은", "는") } { $expected }{ JOSA($expected, "을", "를") } 기다렸는데({ $clause }) 브로커가 { $got }{ JOSA($got, "을", "를") } 보냈다
mqtt-malformed = { $who }{ JOSA($who, "이", "가") } MQTT 3.1.1 패킷이 아닌 바이트를 받았다: { $error }
mqtt-what-one-copy = PUBLISH qos=1 topic=a/b "both" 하나
mqtt-got-copies = a/b의 사본 { $n }개, QoS { $qos }
mqtt-clause-one-copy = 3.3.5-1과 실습의 계약: 허용된 가장 높은 QoS로 사본 하나

## day7-broker (checker/exercises/day7-broker/): 실습과 테스트의 제목과 힌트

# 반 페이지: `checker gradebook --html` (report/class/)
class-page-title = 반 전체를 한눈에
class-students-count = 학생 { $n }명
class-deadline = 마감: { $deadline }
class-kpi-students = 학생
class-kpi-graded = 채점됨
class-kpi-mean = 평균 점수(채점된 학생)
class-kpi-rust = Rust 트랙
class-kpi-c = C 트랙
class-kpi-full = 만점
class-kpi-not-started = 아무것도 시작 전
class-kpi-flagged = 표시됨
class-fails-title = 반이 무엇을 틀리는가
class-fails-intro = 모든 테스트를, 시도한 학생이 잃은 점수가 큰 순서로 보인다. 위에 있는 것이 다시 가르칠 것이다. 시작 전인 학생과 머신이 판정하지 못한 실행은 따로 센다. 테스트 이름을 누르면 왜 틀리는지로 간다.
class-nothing-graded = 채점된 학생이 없다.
class-col-test = 테스트
class-col-exercise = 실습
class-col-passed = 통과
class-col-failed = 실패
class-col-not-started = 시작 전
class-col-unjudged = 판정 못 함
class-col-lost-tried = 잃은 점수(시도)
class-col-lost-not-started = 잃은 점수(시작 전)
class-col-student = 학생
class-col-track = 트랙
class-col-points = 점수
class-col-flags = 표시
class-why-title = 왜 틀리는가
class-why-intro = 누군가 실패한 테스트마다 채점기가 본 것, 그 빈도, 학생들에게 보인 메시지, 가르칠 때 쓸 교재 절, 그리고 어느 학생인지를 보인다.
class-why-none = 테스트를 시도한 학생 가운데 실패한 학생이 없다.
class-why-failed = 시도한 학생 { $tried }명 가운데 { $failed }명이 실패했다. 잃은 점수는 { $lost }점이다.
class-why-read = 교재:
class-cause-diagnosis = 프로그램의 상태: { $name }
class-cause-kind = { $name }
class-cause-does-not-compile = 컴파일되지 않았다
class-cause-refused = 채점하지 않았다: 학생이 바꾸면 안 되는 파일을 바꿨다
class-cause-wrong = 틀린 답
class-hint = 학생들이 들은 말:
class-hint-on-rust = Rust 트랙에서 들은 말:
class-hint-on-c = C 트랙에서 들은 말:
class-hint-does-not-compile = 실습이 컴파일되지 않았다. 학생마다 보고서에 컴파일러의 메시지가 있다.
class-hint-refused = --ci로 채점하면 소스 말고 다른 것(build.rs, 바뀐 Cargo.toml이나 clippy.toml)이 든 실습은 점수를 받지 못한다. 학생의 보고서가 그 파일을 알려 준다.
class-which-students = 어느 학생인가
class-progress-title = 일차별 진도
class-progress-intro = 실습마다 채점된 학생 가운데 몇 명이 시작 전인지, 시작했는지, 모든 테스트를 통과하는지 보이고, 이어서 점수가 만점의 10% 단위로 어떻게 퍼져 있는지 보인다. 시작 전인 학생은 0점과 따로 센다.
class-histogram-overall = 랩 전체: 모든 학생의 점수
class-histogram-axis = 만점 대비 %
class-no-grade = 성적 없음
class-started = 시작함
class-passing = 모두 통과
class-day = { $day }일차
class-trust-title = 무엇을 믿을 수 있는가
class-trust-intro = 성적에서 눈에 띄는 것, 판정하지 못한 것, 무엇이 채점했는지를 보인다. 랩을 고정하고 마감 시각에 다시 채점하면 대부분 바로잡힌다.
class-trust-flags = 표시
class-trust-none = 눈에 띄는 것이 없다.
class-flag-no-submission = 마감 전 커밋이 없다: 채점할 것이 없다
class-flag-could-not-clone = 저장소를 clone하지 못했다: 채점하지 않았다
class-flag-grading-failed = 채점이 끝나지 않았다: 채점하지 않았다
class-flag-other-lab-revision = 대부분의 학생과 다른 랩 리비전으로 채점했다(예컨대 수정 전에 채점했다)
class-flag-lab-revision-unknown = 어느 랩 리비전으로 채점했는지 알 수 없다
class-flag-lab-modified = 파일이 커밋과 다른 랩으로 채점했다: 다시 만들어 낼 수 없는 성적이다
class-flag-after-deadline = 채점한 커밋의 날짜가 마감 뒤다
class-flag-commit-date-unknown = 마감 시각은 있는데 날짜를 알 커밋이 없다
class-flag-graded-twice = 같은 학생의 두 번째 보고서다
class-trust-unjudged = 판정하지 못한 테스트
class-trust-unjudged-none = 모든 테스트를 판정했다.
class-trust-unjudged-intro = 머신이 너무 바빠 이 실행들은 판정하지 못했다. 이 실행들은 점수를 얻지 못하고 그 점수는 만점에 그대로 남으며(바쁜 머신이 점수를 올리는 일은 없다), 다시 채점하면 판정한다.
class-trust-graded-by = 무엇이 반을 채점했는가
class-trust-revision = 랩 리비전
class-trust-checker = 채점기
class-trust-sandbox = 샌드박스
class-trust-graded-by-note = +가 붙은 리비전은 수정된 랩이다. ✗가 붙은 샌드박스는 학생의 프로그램을 격리하지 않았다(plain 모드). 프로그램이 채점기와 같은 환경에서 돌았으니 덜 믿을 만한 성적이다.
class-unknown = 알 수 없음
class-trust-regrade = 다시 채점하기
class-trust-regrade-none = 다시 채점할 학생이 없다.
class-trust-regrade-intro = 마감 시각으로 다시 채점하면 학생 { $n }명의 성적이 바로잡힌다. 랩에서, 여러분의 명단으로:
class-students-title = 학생들
class-students-intro = 학생마다 점수, 테스트, 표시를 보인다. 이름을 누르면 그 학생의 실패로 간다.
class-sort-name = 이름순
class-sort-score = 낮은 점수부터
class-sort-flags = 표시된 학생부터
class-track-rust = Rust
class-track-c = C
class-track-unknown = 트랙 모름
class-student-score = { $max }점 가운데 { $points }점({ $percent }%)
class-student-no-grade = 성적 없음:
class-student-not-started = 시작 전:
class-student-all-passing = 모든 테스트를 통과한다.
class-back = 표로 돌아가기
class-causes-title = 채점기가 본 것과 학생들에게 한 말
class-failures-count = 실패 { $n }건
class-fails-more = 테스트 { $n }개 더 보기
class-trust-unjudged-count = 테스트 { $tests }개의 실행 { $runs }번
class-sort = 순서:

# checker broker: day8-device의 말썽 많은 브로커를 손으로
help-cmd-broker = day8-device의 말썽 많은 브로커를 손으로 돌린다. 127.0.0.1에서 기다리다가 다른 터미널에서 띄운 기기를 받아, 테스트처럼 MQTT 3.1.1로 말하고, 고른 대로 말썽을 부리며, 오가는 패킷을 모두 풀어서 시각과 함께 찍는다. Ctrl+C로 끝낸다.
help-cmd-broker-arg-port = 기다릴 포트(기본: 1883, 1883을 누가 쓰고 있으면 빈 포트. 0이면 빈 포트)
help-cmd-broker-arg-misbehave = 말썽 하나. 여러 번 주면 함께 부린다: refuse[=N[:RC]](처음 N번의 CONNECT에 CONNACK 반환 코드 RC, 주지 않으면 3), slow-puback[=MS](PUBACK마다 MS밀리초 늦게), drop[=N](측정값 PUBLISH 바로 뒤, PUBACK 전에 연결을 닫는다. 연결 N개에서), half-open(다음 연결에서 PINGREQ에 답하지 않고 연결은 열어 둔다), lost-session[=N](다음 재연결 N번에 session present 0)
help-cmd-broker-arg-send = 기기가 구독하고 나면 devices/<id>/cmd로 QoS 1로 보낼 명령
help-cmd-broker-arg-dup = 명령이 확인되면 같은 패킷 식별자와 페이로드로 DUP 1을 붙여 한 번 더 보낸다
broker-listening = 브로커가 127.0.0.1:{ $port }에서 기다린다. 다른 터미널에서 기기를 여기로 띄운다. 예: sensor-device 127.0.0.1 { $port } dev1 5 100 200 5000
broker-behaves = 얌전한 브로커다: 고른 말썽이 없다(--misbehave MODE)
broker-mode-refuse = 말썽: 처음 { $n }번의 CONNECT를 CONNACK 반환 코드 { $code }{ JOSA($code, "으로", "로") } 거절하고 연결을 닫는다
broker-mode-slow-puback = 말썽: PUBACK마다 { $ms }ms 늦게 보낸다
broker-mode-drop = 말썽: 측정값 PUBLISH 바로 뒤, PUBACK을 보내기 전에 연결을 닫는다({ $n }번)
broker-mode-half-open = 말썽: 다음 연결에서 PINGREQ에 답하지 않고 연결은 열어 둔다(반쯤 열린 연결)
broker-mode-lost-session = 말썽: 다음 재연결 { $n }번에 session present 0이라고 답한다. 세션 없이 다시 시작한 브로커처럼
broker-cannot-listen = 127.0.0.1:{ $port }에서 기다릴 수 없다(다른 브로커가 있는가? --port 0이면 빈 포트를 쓴다)
broker-accepted = 연결 { $n }: 받았다. 상대는 { $peer }
broker-replaced = 연결 { $n }: 기기가 닫지 않은 채 새 연결(연결 { $new })을 맺었다. 브로커는 이 연결을 잊는다
broker-link-error = 연결 { $n }: { $error }
broker-sent = 연결 { $n } → { $packet }
broker-received = 연결 { $n } ← { $packet }
broker-device-closed = 연결 { $n }: 기기가 닫았다
broker-device-reset = 연결 { $n }: 기기가 리셋했다
broker-malformed = 연결 { $n }: 기기가 보내는 MQTT 3.1.1이 아니다: { $error }
broker-drops = 연결 { $n }: drop: id={ $id }에 PUBACK을 보내지 않고 브로커가 연결을 닫는다
broker-puback-late = 연결 { $n }: slow-puback: id={ $id }의 PUBACK을 { $ms }ms 뒤에 보낸다
broker-no-pingresp = 연결 { $n }: half-open: PINGRESP를 보내지 않는다(연결은 열려 있다)
broker-refused = 연결 { $n }: 거절했다. { $left ->
    [0] 다음 CONNECT는 받아들인다
   *[other] 거절이 { $left }번 남았다
}
broker-session-lost = 연결 { $n }: lost-session: 브로커가 세션이 없다고 답한다
broker-half-open = 연결 { $n }: 이제부터 반쯤 열린 연결이다. PINGREQ에 답하지 않는다
broker-dup = 연결 { $n }: --dup: id={ $id }인 명령을 DUP 1로 다시 보낸다
broker-hangs-up = 연결 { $n }: 브로커가 연결을 닫고(FIN) 아직 오는 것을 읽는다
