# 채점기(checker)의 한국어 메시지. 키는 en.ftl과 같다; 빠진 키는 영어로 보인다.
# `cargo run -p checker -- verify`가 빠진 키와 en.ftl에 없는 키를 알려 준다.
# 용어는 course.ko.md를 따른다. API 이름, 플래그, errno 이름,
# 테스트 id는 라틴 문자 그대로 둔다. 서술은 ~다, 안내는 ~하라.

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
report-fix-compile-errors = 위의 오류(컴파일러가 낸 메시지)를 고친 뒤 채점기를 다시 실행하라. 다른 실습은 평소대로 채점된다
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
report-grading = 채점 중
progress-building = { $exercise } 빌드 중 (처음에는 1분쯤)

## 오류 종류별 힌트 (report/hints.rs)

hint-not-started = 이 코드는 아직 `todo!()`를 실행한다. `todo!()`를 직접 구현한 코드로 바꾸라. 그 위의 문서 주석이 C 호출을 인용하고 그에 해당하는 nix 함수를 알려 준다.
hint-not-started-c = 이 코드는 아직 `TODO(...)`에서 멈춘다. 그 자리를 직접 작성한 코드로 바꾸라. 그 위의 `// TODO` 주석이 교재에 나오는 호출을 인용한다.
hint-panic = 코드가 패닉했다. 메시지와 줄 위치는 위에 있다. 패닉은 계약이 오류를 요구하는 곳에서도 결코 통과가 아니다(대신 stderr에 한 줄을 출력하고 상태 1로 종료하라).
hint-panic-c = 위의 메시지는 C 코드가 아니라 여러분의 함수를 부르는 실습의 Rust 연결 코드(심(shim): 메시지가 그 파일을 가리킨다)에서 나왔다. 함수가 돌려준 값이나 써 넣은 것이 헤더의 계약을 어겨서 연결 코드가 받아들이지 않은 것이다(무엇이 어긋났는지는 메시지가 말한다: 0도 -1도 아닌 반환값, NUL로 끝나지 않는 문자열 같은 것). 모든 경로에서 헤더 주석이 약속하는 대로 하라.
hint-crash = 프로세스가 시그널로 죽었다. SIGSEGV는 대개 스택 오버플로(끝없는 재귀), SIGABRT는 패닉 중의 패닉이나 명시적인 abort, SIGPIPE는 상대가 이미 닫은 소켓에 쓴 것이다(course.ko.md의 SIGPIPE와 MSG_NOSIGNAL 부분을 보라).
hint-crash-c = 프로세스가 시그널로 죽었다. SIGSEGV는 잘못된 메모리 접근이다: NULL이거나 이미 해제했거나 초기화하지 않은 포인터, 배열 끝을 넘은 인덱스, 또는 스택 오버플로(끝없는 재귀). SIGABRT는 abort다: 실패한 assert(), 또는 C 라이브러리가 망가진 힙(같은 메모리를 두 번 free, malloc한 메모리 끝을 넘은 쓰기)이나 _FORTIFY_SOURCE와 스택 보호기가 잡은 버퍼 오버플로에서 멈춘 것이거나, 정의되지 않은 동작 새니타이저가 멈춘 것이다(위의 `runtime error:` 줄이 파일과 줄을 알려 준다). SIGPIPE는 상대가 이미 닫은 소켓에 쓴 것이다(course.ko.md의 SIGPIPE와 MSG_NOSIGNAL 부분을 보라).
hint-timeout = 제한 시간 안에 아무 일도 일어나지 않았다. 끝나지 않는 루프, 결코 오지 않을 데이터를 기다리는 read(답하기 전에 EOF를 기다리지 않았는가?), 엉뚱한 소켓에서 블로킹되는 호출이 없는지 찾아보라.
hint-stuck = 시간이 다 된 것이 아니다: 프로그램이 아무것도 끝내 주지 않을 블로킹 호출 안에서 잠들어 있다(기다리는 곳을 보라). 그 호출이 무엇을 기다리는지, 그것을 누가 보내 줄지 따져 보라: 상대편이 결코 보내지 않을 바이트나 EOF(어딘가에 열린 채 남은 디스크립터 사본이 EOF를 막는다), 아무도 맺지 않을 연결, 끝나지 않는 자식, 아무도 풀지 않는 락.
hint-client-no-timeout = 시간이 다 된 것이 아니다: 클라이언트가 타임아웃 없는 소켓에서 결코 오지 않을 바이트를 기다리며 수신 호출 안에서 잠들어 있다(기다리는 곳을 보라). 데이터그램은 잃어버릴 수 있고 서버는 입을 다물 수 있다: 계약이 기다림에 한도를 두는 곳에서는 SO_RCVTIMEO를 설정하고(또는 타임아웃을 준 poll로 기다리고) 그 시간이 지나면 그에 맞게 행동하라. 서버의 EOF를 기다리는 곳이라면, 서버가 도리어 네 EOF를 기다리고 있을 수 있다: 더 보낼 것이 없으면 close(또는 shutdown(SHUT_WR))하라.
hint-idle = 시간이 다 된 것이 아니다: 답을 보낼 때인데, 프로그램은 자기 타이머(sleep, 타임아웃을 준 기다림)에 깨어났다가 다시 잠들기만 했고, 움직이는 것 하나 없이 아무것도 보내지 않았다(기다리는 곳을 보라). 받아 간 바이트가 어디로 갔는지 따져 보라: 한 줄보다 많은 바이트를 기다리는 읽기(크기가 정해진 read_exact), 다른 스레드가 타이머마다 들여다보는 큐, 타이머가 울릴 때까지 붙잡아 둔 줄. 답은 그 답을 부르는 바이트가 들어오는 즉시 나간다.
hint-idle-c = 시간이 다 된 것이 아니다: 답을 보낼 때인데, 프로그램은 자기 타이머(sleep, 타임아웃을 준 기다림)에 깨어났다가 다시 잠들기만 했고, 움직이는 것 하나 없이 아무것도 보내지 않았다(기다리는 곳을 보라). 받아 간 바이트가 어디로 갔는지 따져 보라: 한 줄보다 많은 바이트를 기다리는 읽기(정해진 바이트 수가 다 올 때까지 read()를 되풀이하는 루프), 다른 스레드가 타이머마다 들여다보는 큐, 타이머가 울릴 때까지 붙잡아 둔 줄. 답은 그 답을 부르는 바이트가 들어오는 즉시 나간다.
hint-holds-unread = 서버가 수락한 연결을 읽지 않았다: 수락한 연결은 읽지 않은 채 두고 accept()로 돌아갔다(기다리는 곳을 보라: 클라이언트의 바이트가 그 소켓에 그대로 있다). 클라이언트는 그 에코를 기다리고 있다. accept()는 클라이언트마다 새 소켓을 돌려준다: 다음 연결을 수락하기 전에, 그 소켓에서 읽고 온 것을 되돌려 보내기를 read()가 0을 돌려줄 때까지 되풀이한 뒤 닫으라(아니면 그 연결을 처리할 곳에 넘기라).
hint-closed-unread = 서버가 수락한 연결을 읽지 않았다: 한 바이트도 되돌려 보내지 않고, 클라이언트가 보낸 바이트를 읽지 않은 채 연결을 닫았다. 읽지 않은 바이트가 남은 소켓을 닫으면(바이트가 오기 전에 닫아도) 커널이 RST로 답한다: 클라이언트의 read는 ECONNRESET으로 실패하거나 EOF를 본다. accept()는 클라이언트마다 새 소켓을 돌려준다: 그 소켓에서 읽고 온 것을 되돌려 보내기를 read()가 0을 돌려줄 때까지 되풀이하고, 그다음에야 닫으라(OwnedFd를 버리면 닫힌다).
hint-closed-unread-c = 서버가 수락한 연결을 읽지 않았다: 한 바이트도 되돌려 보내지 않고, 클라이언트가 보낸 바이트를 읽지 않은 채 연결을 닫았다. 읽지 않은 바이트가 남은 소켓을 닫으면(바이트가 오기 전에 닫아도) 커널이 RST로 답한다: 클라이언트의 read는 ECONNRESET으로 실패하거나 EOF를 본다. accept()는 클라이언트마다 새 소켓을 돌려준다: 그 소켓에서 읽고 온 것을 되돌려 보내기를 read()가 0을 돌려줄 때까지 되풀이하고, 그다음에야 close(fd)로 닫으라.
hint-spins-at-eof = 느린 것이 아니다: 상대가 닫은 연결 곁에서 프로그램이 끝없이 돌고 있다(도는 곳을 보라: 그 소켓은 CLOSE_WAIT 상태이고 읽을 것이 남지 않았다). read()가 0을 돌려주면 EOF다: 상대가 닫았으니 몇 번을 읽어도 더 오는 것은 없다. "아직 데이터가 없다"는 뜻이 결코 아니다(블로킹 read()는 그럴 때 데이터를 기다린다). read()가 0을 돌려주면 그 연결을 그만 읽고 닫으라(클라이언트라면 끝내라). poll에서도 빼라: EOF에 이른 소켓은 poll에 언제까지나 읽을 수 있다고 나온다.
hint-spins-without-accepting = 느린 것이 아니다: 프로그램이 커널을 거듭 부르며 끝없이 돌 뿐, 리스닝 소켓에서 수락을 기다리는 연결을 하나도 수락하지 않는다(도는 곳을 보라). 곧바로, 매번 실패하는데도 다시 시도하는 accept()를 찾으라: 엉뚱한 디스크립터(포트 번호, 이미 닫은 소켓)에 하는 accept(), 또는 accept()의 오류를 모두 EINTR로 여기는 루프. 다시 시도할 가치가 있는 것은 EINTR, ECONNABORTED 둘뿐이다: 다른 오류는 알리고 상태 1로 종료하라. 상대할 클라이언트가 없는 서버는 accept()(또는 poll, epoll)에서 잠들어 기다리다가 클라이언트가 오는 대로 수락한다.
hint-spins = 느린 것이 아니다: 프로그램이 할 일에 드는 시간보다 훨씬 오래 CPU에서 돌고도 끝나지 않았다. 바뀌지 않을 것을 끝없이 다시 시도하고 있다: EINTR로 여긴 오류(EPIPE, ENOSPC, EBADF는 매번 곧바로 다시 돌아온다), 또는 "아직 데이터가 없다"로 여긴 0바이트 read. 다시 시도할 가치가 있는 것은 EINTR(그리고 준비되기를 기다리는 곳의 EAGAIN)뿐이다: 다른 오류는 모두 돌려주고(또는 알리고 상태 1로 종료하고), read()의 0은 끝으로 받아들이라.
hint-refused = 연결 거부(ECONNREFUSED): 그 주소와 포트에서 리슨하는 것이 없다. 서버는 bind(), listen()을 한 뒤, 실제로 리슨하고 있을 때에만 `listening on` 줄을 출력해야 한다. 클라이언트는 오류를 stderr에 알리고 상태 1로 종료해야 한다.
hint-reset = 연결 리셋(ECONNRESET): 상대가 RST를 보냈다. 수신 버퍼에 읽지 않은 데이터가 남은 채 소켓을 닫거나, 연결이 열린 채 프로세스가 죽으면(패닉, 크래시) 이렇게 된다.
hint-early-eof = 데이터가 다 오기 전에 연결이 끝났다(read()가 0, 즉 EOF를 돌려줌). 소켓을 너무 일찍 닫지 않았는가, 부분 쓰기(short write)를 완전한 쓰기로 여기지 않았는가? write()는 요청보다 적은 바이트를 보낼 수 있다. 모두 보낼 때까지 반복하라.
hint-address-in-use = 주소가 이미 사용 중이다(EADDRINUSE). 서버가 닫은 뒤에도, 끝난 연결의 그쪽 끝은 TIME_WAIT 상태로 2*MSL 동안 기다린다. 그동안 bind()는 그 포트를 거부한다. 리스닝 소켓에 bind() *전에* SO_REUSEADDR를 설정하면 된다.
hint-no-listening-line = 서버는 리슨을 시작하면 정확히 `listening on <ip>:<port>`(getsockname()이 알려 주는 실제 포트)를 출력하고 stdout을 flush해야 한다. 채점기는 그 줄을 기다린 뒤에 연결한다.
hint-bad-output = 출력은 계약의 일부다. 공백과 줄바꿈까지 바이트 단위로 같아야 하고, 그 스트림에는 다른 것을 출력하면 안 된다.
hint-bad-exit = 종료 상태는 계약의 일부다. 성공하면 0, 예상된 오류이면 stderr에 한 줄을 쓰고 1이며, 패닉(101)이나 시그널로 끝나면 안 된다.
hint-bad-exit-c = 종료 상태는 계약의 일부다. 성공하면 0, 예상된 오류이면 stderr에 한 줄을 쓰고 1이며, 다른 상태나 시그널로 끝나면 안 된다.
hint-missing-call = 이 실습이 가르치는 호출을 프로그램이 아직 하지 않는다(규칙이 그 함수를 말한다). 강의 절이 보여 주는 자리에서 그 함수를 불러라. 같은 일을 다른 방법으로 하는 것은 이 실습이 아니다.
hint-rule = 이 실습은 배울 내용을 건너뛰게 하는 지름길을 금지한다(clippy.toml과 실습의 Cargo.toml에 있는 [lints] 표를 보라). 그 부분을 직접 작성하라.
hint-rule-c = 이 실습은 배울 내용을 건너뛰게 하는 지름길을 금지한다: 규칙이 말하는 C 라이브러리 함수다(컴파일된 코드가 부르는 함수로 읽는다). 그 부분을 직접 작성하라.

## 채점 (grade/)

rules-wait-for-work = 아직 확인할 것이 없다: 코드가 TODO를 지나가면 규칙을 확인한다
build-tampered = { $files }: 실습의 매니페스트와 규칙은 실습이 배포한 그대로여야 한다
build-tampered-restore = 실습 저장소에서 되돌리라(예: `git checkout <lab revision> -- <file>`). 채점은 실습 자체의 규칙을 쓴다
build-no-c-package = { $dir }에 C 실습이 없다(.c 파일과 Makefile이 있는 폴더여야 한다)
build-c-does-not-compile = `{ $exercise }`{ JOSA($exercise, "이", "가") } 컴파일되지 않는다(컴파일러의 오류와 그 파일·줄이 아래에 있다)
build-c-does-not-link = `{ $exercise }`{ JOSA($exercise, "은", "는") } 컴파일되지만 링크되지 않는다: 아무도 정의하지 않은 함수를 부른다(링커의 말이 아래에 있다: 그 함수와 그것을 부르는 파일)
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
intervention-ended = { $label }{ JOSA($label, "은", "는") } 스스로 끝나 있었다: { $how }
intervention-server-ended = { $label }{ JOSA($label, "은", "는") } 테스트가 아직 필요로 할 때 스스로 끝나 있었다: { $how }. 서버는 멈출 때까지 계속 돌아야 한다
intervention-last-words = {" "}(stderr의 마지막 말: "{ $line }")
intervention-found-stopped = { $label }{ JOSA($label, "이", "가") } 멈춰(SIGSTOP) 있었다: 채점기가 재개시킨 뒤 끝냈다
intervention-ignored-sigterm = { $label }{ JOSA($label, "이", "가") } SIGTERM을 받고 { $ms } ms 안에 끝나지 않았다: 채점기가 SIGKILL로 죽였다
intervention-left-running = { $label }{ JOSA($label, "이", "가") } 끝난 뒤에도 { $count }{ JOSA($count, "이", "가") } 돌고 있었다(고아 프로세스, setsid?): 채점기가 죽였다
intervention-fork-bomb = 채점기가 동시에 프로세스를 { $max }개 넘게 돌린 프로그램을 죽였다(포크 폭탄?)
intervention-refused-forks = { $label }{ JOSA($label, "이", "가") } 동시에 프로세스를 { $max }개 넘게 돌리려 했다(포크 폭탄?): 커널이 fork { $refused }번을 거부했다
intervention-flooded = { $label }{ JOSA($label, "이", "가") } { $bytes }바이트를 출력했다(채점기는 스트림마다 처음 4 MiB만 보관한다)
intervention-sandbox-leftovers = 프로그램들을 멈춘 뒤에도 테스트의 샌드박스에서 프로세스 { $n }개가 돌고 있었다(데몬?): 샌드박스와 함께 끝났다
program-killed-fork-bomb = { $label }: { $situation } 채점기가 죽였다. 동시에 프로세스를 { $max }개 넘게 돌렸다(포크 폭탄?)
program-fork-bomb-note = fork()마다 자식의 exit()가 짝을 이뤄야 한다. 루프로 돌아가 다시 fork하는 자식은 기하급수로 늘어난다
program-still-running = { $label }{ JOSA($label, "이", "가") } 아직 돌고 있다
program-reached-c-todo = 시작 전: { $label }{ JOSA($label, "이", "가") } { $at }에서 TODO(...)에 닿았다
program-reached-todo = 시작 전: { $label }{ JOSA($label, "이", "가") } { $at }에서 todo!()에 닿았다
program-panicked = { $label }: { $situation } 패닉했다: '{ $message }' ({ $at })
program-ended = { $label }: { $situation } { $how }
worker-no-directory = 채점기가 테스트용 디렉터리를 만들지 못했다: { $error }
worker-no-sandbox = 이 테스트에는 샌드박스가 없다({ $error }): plain 모드
worker-test-failed = 채점기의 테스트 자체가 실패했다: { $what }
worker-server-ended = { $label }: 테스트가 아직 대화하는 중에 { $how }. 서버는 멈출 때까지 계속 돌아야 하고, 클라이언트의 오류는 그 클라이언트의 연결만 잃게 해야 한다
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
label-then = 그다음
conn-lengths-when-differed = 기대 { $expected }; 차이가 드러났을 때 { $got }{ JOSA($got, "이", "가") } 도착해 있었다
wire-io-failure = { $who }: { $doing }: { $what }
wire-refused = 연결이 거부됐다
wire-reset = 연결이 리셋됐다({ $error })
wire-timed-out = 타임아웃
wire-lossy-text = 바이트 EF BF BD는 대체 문자 U+FFFD다: 데이터가 String을 거쳤다
wire-read-failed = 읽기 실패: { $error }
conn-no-time-to-connect = { $who }: 연결할 시간이 남지 않았다
conn-connected = { $addr }에 연결함(포트 { $port }에서)
conn-connect-failed = { $addr }에 연결 실패: { $error }
conn-connect-to = { $addr }에 connect
conn-sending-stopped = 보내기 멈춤: { $total }바이트 중 { $accepted }바이트가 받아들여졌다
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

## 여러 실습이 함께 쓰는 테스트 묶음 (exercises/의 폴더마다 family.rs): 한 번만 옮긴다
## 키: <묶음>--<테스트 id>--title, --hint. 실습이 자기 말로 바꾼 것은 <실습>--<테스트 id>--hint

# 에코 서버의 계약 (echo_server/family.rs): day2-echo, day5-poll, day5-epoll
echo-server--listening-line--title = 와일드카드 주소와 실제 포트로 `listening on 0.0.0.0:<port>`를 한 번 출력한다
echo-server--listening-line--hint = INADDR_ANY(SockaddrIn::new(0, 0, 0, 0, port))에 바인드한 뒤, getsockname()이 돌려준 주소를 한 번 출력하고 flush하라.
echo-server--listening-line--hint-c = INADDR_ANY에 바인드한 뒤(`a.sin_addr.s_addr = htonl(INADDR_ANY)`), getsockname()이 돌려준 주소를 한 번 출력하고 fflush(stdout)하라.
echo-server--round-trip--title = 한 줄이 온전히 돌아오고, 클라이언트의 하프 클로즈 뒤에 EOF가 온다
echo-server--round-trip--hint = 반복: 읽고, 읽은 것을 돌려보내라. read가 0을 돌려주면 클라이언트가 끝난 것이니 연결을 닫으라.
echo-server--binary-64k--title = 64 KiB의 무작위 바이트(NUL, CR, LF, 0xFF 포함)가 그대로 돌아온다
echo-server--binary-64k--hint = 텍스트가 아니라 바이트를 에코하라. String을 거치면(from_utf8_lossy) 잘못된 UTF-8이 U+FFFD가 된다. 데이터는 Vec<u8>이나 [u8]에 두라.
echo-server--binary-64k--hint-c = 텍스트가 아니라 바이트를 에코하라. 데이터는 `char buf[]`에 두고 read()가 돌려준 바이트 수와 함께 다루며, 정확히 그만큼 보내라. 문자열 함수(strlen, strcpy, printf의 %s)는 첫 0 바이트에서 멈춘다.
echo-server--one-byte-writes--title = write 한 번에 1바이트씩(TCP_NODELAY) 보낸 4 KiB가 온전히 돌아온다
echo-server--one-byte-writes--hint = TCP는 메시지 경계를 지키지 않는다. 데이터는 아무 크기의 조각으로 온다. 조각이 오는 대로 에코하고 EOF까지 계속 읽으라.
echo-server--stalled-reader--title = 채점기가 읽기를 멈추고 서버를 멈췄다 재개하는 동안 32 MiB
echo-server--stalled-reader--hint = send()는 요청보다 적은 바이트를 보낼 수 있다(부분 쓰기). 여기서는 SIGSTOP/SIGCONT 뒤에 그랬다. 마지막 호출이 멈춘 곳부터, 모든 바이트를 보낼 때까지 반복하라.
echo-server--sequential-clients--title = 클라이언트 20개를 차례로, 각각 끝까지 처리한다
echo-server--sequential-clients--hint = 한 클라이언트의 EOF 뒤에는 그 소켓을 닫고 다음 클라이언트를 위해 accept()로 돌아가라. 서버는 죽을 때까지 돈다.
echo-server--reset-then-normal--title = 도중에 리셋하는 클라이언트는 자기 연결만 잃는다
echo-server--reset-then-normal--hint = 클라이언트가 사라지면 read/send가 ECONNRESET이나 EPIPE로 실패한다. 알리고, 그 연결을 닫고, 다음 클라이언트를 수락하라. 결코 unwrap()하지 말라.
echo-server--reset-then-normal--hint-c = 클라이언트가 사라지면 read/send가 ECONNRESET이나 EPIPE로 실패한다. 알리고, 그 연결을 close(fd)로 닫고, 다음 클라이언트를 수락하라. 그렇다고 exit()하지는 말라. `send(fd, buf, len, MSG_NOSIGNAL)`로 보내라. 그러지 않으면 EPIPE가 SIGPIPE로 와서 서버를 죽인다.
echo-server--idle-connection--title = 1초 동안 조용하다가 쓰이는 연결
echo-server--idle-connection--hint = 조용한 클라이언트가 끝난 클라이언트는 아니다. read()가 0을 돌려줄 때만 EOF다.
echo-server--no-close-wait--title = 클라이언트가 떠나면 서버는 그 클라이언트의 소켓을 잡고 있지 않는다(/proc/<pid>/fd, net/tcp)
echo-server--no-close-wait--hint = 클라이언트가 끝나면 연결 소켓을 닫으라(OwnedFd를 drop). shutdown()만으로는 디스크립터가 풀리지 않는다.
echo-server--no-close-wait--hint-c = 클라이언트가 끝나면 연결 소켓을 닫으라: `close(fd)`. shutdown()만으로는 디스크립터가 풀리지 않는다.
echo-server--restart-same-port--title = 클라이언트를 처리한 직후 멈춘 서버가 같은 포트에서 바로 다시 시작한다
echo-server--restart-same-port--hint = bind() 전에 리스닝 소켓에 SO_REUSEADDR를 설정하라. 이전 실행의 연결들이 TIME_WAIT로 기다리며 포트를 잡고 있다.
echo-server--throughput--title = 처리량이 채점기의 기준 에코 서버의 4분의 1 이상
echo-server--throughput--hint = 큰 덩어리(수십 KiB의 버퍼)로 읽고 쓰라. 바이트마다 시스템 호출 한 번은 수천 배 느리다.

# 스레드 하나인 서버가 읽는 에코 테스트 (one_thread/family.rs의 ECHO_ONE_THREAD)
echo-server-one-thread--round-trip--hint = read가 0이면 클라이언트의 EOF다. 그 클라이언트를 위해 아직 버퍼에 있는 것을 보낸 뒤 소켓을 닫으라.
echo-server-one-thread--binary-64k--hint = 텍스트가 아니라 바이트를 에코하라. 클라이언트마다 데이터를 String이 아닌 Vec<u8>에 두라.
echo-server-one-thread--binary-64k--hint-c = 텍스트가 아니라 바이트를 에코하라. 클라이언트마다 데이터를 자기 버퍼(`char` 배열이나 malloc한 메모리)에 길이와 함께 두고, C 문자열로 다루지 말라. strlen과 printf의 %s는 첫 0 바이트에서 멈춘다.
echo-server-one-thread--one-byte-writes--hint = 데이터는 아무 크기의 조각으로 온다. 읽은 것을 클라이언트의 버퍼 뒤에 붙이고 있는 것을 보내라.
echo-server-one-thread--stalled-reader--title = 채점기가 읽기를 멈춘 동안 32 MiB, 그다음 하프 클로즈
echo-server-one-thread--stalled-reader--hint = 논블로킹 send는 데이터의 일부만 받거나 EAGAIN으로 실패할 수 있다. 나머지는 그 클라이언트의 버퍼에 두었다가 소켓에 쓸 수 있을 때 보내고, EOF 뒤에는 버퍼가 빈 다음에만 닫으라.
echo-server-one-thread--sequential-clients--hint = 클라이언트의 EOF는 그 클라이언트만 닫는다. 루프는 다음 클라이언트들을 위해 끝없이 계속된다.
echo-server-one-thread--reset-then-normal--hint = 한 클라이언트의 read나 send에서 ECONNRESET이나 EPIPE가 나면 그 클라이언트만 닫으라. 루프를 떠나지 말고, 결코 unwrap()하지 말라.
echo-server-one-thread--reset-then-normal--hint-c = 한 클라이언트의 read나 send에서 ECONNRESET이나 EPIPE가 나면 그 클라이언트만 닫으라. 루프를 떠나지 말고, 결코 exit()하지 말라(MSG_NOSIGNAL로 보내야 EPIPE가 SIGPIPE가 아니라 오류로 돌아온다).
echo-server-one-thread--idle-connection--hint = 조용한 클라이언트가 끝난 클라이언트는 아니다. read가 0일 때만 EOF다.
echo-server-one-thread--no-close-wait--hint = 클라이언트의 EOF가 왔고 버퍼를 다 보냈으면 소켓을 닫고(OwnedFd를 drop) 그 클라이언트를 잊으라.
echo-server-one-thread--no-close-wait--hint-c = 클라이언트의 EOF가 왔고 버퍼를 다 보냈으면 소켓을 닫고(`close(fd)`) 그 클라이언트를 잊으라. 기다리는 대상에서 빼고 버퍼를 해제한다.
echo-server-one-thread--restart-same-port--hint = bind() 전에 리스닝 소켓에 SO_REUSEADDR를 설정하라.
echo-server-one-thread--throughput--hint = 큰 덩어리(수십 KiB)로 읽고 보내고, send마다 남은 것을 옮기지 말고 버퍼 안의 오프셋을 기억하라.

# 모든 클라이언트를 스레드 하나로 (one_thread/family.rs): day5-poll, day5-epoll
one-thread--many-clients--title = 동시에 연결한 클라이언트 100개가 함께 주고받다가 제각기 떠난다: 각자 정확히 자기 바이트를 받는다
one-thread--many-clients--hint = 클라이언트마다 pollfd 하나와 버퍼 하나를 같은 위치로 짝지으라. 배열에서 같은 자리에 있는 클라이언트의 revents를 읽고, 끝난 클라이언트는 순회 도중 인덱스로가 아니라 순회가 끝난 뒤 한 번에 지우라.
one-thread--connect-burst--title = 연달아 connect 200번: 그 클라이언트가 모두 처리된다
one-thread--connect-burst--hint = poll이 리스닝 소켓에 POLLIN을 알리면 EAGAIN까지 수락하라. 클라이언트 수에 고정된 한도를 두지 말라.
one-thread--stalled-client--title = 한 클라이언트가 16 MiB를 보내며 아무것도 읽지 않는 동안, 다른 다섯은 1초 안에 모든 에코를 받는다
one-thread--stalled-client--hint = 한 클라이언트를 기다리지 말라. 소켓은 논블로킹이고, send는 들어가는 만큼만 받으며, 나머지는 poll이 POLLOUT을 알릴 때까지 그 클라이언트의 버퍼에서 기다린다.
one-thread--back-pressure--title = 32 MiB를 보내며 아무것도 읽지 않는 클라이언트가 서버에 드는 메모리는 많아야 몇 MiB
one-thread--back-pressure--hint = 백프레셔(back-pressure): 한 클라이언트에게 보낼 것이 1 MiB를 넘게 기다리는 동안에는 그 클라이언트에 POLLIN을 요청하지 말라. 데이터는 커널에서 기다리고 보내는 쪽은 느려진다.
one-thread--reset-while-stalled--title = 출력이 기다리는 동안 클라이언트가 리셋한다: 1초 안에 그 소켓을 닫고, 바쁜 루프 없이, 다른 클라이언트는 처리된다
one-thread--reset-while-stalled--hint = POLLERR와 POLLHUP은 요청하지 않아도 알려진다. 둘 중 하나가 오면 그 클라이언트를 닫으라.
one-thread--eof-with-data--title = 클라이언트의 마지막 데이터와 EOF가 함께 도착한다: 데이터가 돌아오고 그다음 EOF
one-thread--eof-with-data--hint = read가 0이면 클라이언트의 입력이 끝난 것이지 출력이 끝난 것은 아니다. 아직 버퍼에 있는 것을 보내고, 모두 보낸 뒤에만 닫으라.
one-thread--slow-reader--title = 클라이언트가 읽지 않고 보내서 출력이 서버 자신의 버퍼에서 기다리게 한 뒤 EOF를 보내고, 그다음 천천히 읽는다: 닫기 전에 모든 바이트가 돌아온다
one-thread--slow-reader--hint = 클라이언트의 EOF 뒤에는 아직 버퍼에 있는 것을 모두 보낸 뒤 닫으라. send는 들어가는 만큼만 받고, 나머지는 POLLOUT을 기다린다.
one-thread--non-blocking--title = 서버의 모든 소켓이, 리스닝 소켓까지, 논블로킹이다(/proc/<pid>/fdinfo)
one-thread--non-blocking--hint = socket()과 모든 accept4()에 SOCK_NONBLOCK. 그러면 더 진행할 수 없는 read나 send가 기다리지 않고 EAGAIN으로 실패한다.
one-thread--one-thread--title = 클라이언트 20개가 연결된 동안 서버는 스레드 하나인 프로세스 하나이고(/proc/<pid>/task), 클라이언트들이 조용하면 기다린다
one-thread--one-thread--hint = 모두를 위한 프로세스 하나의 스레드 하나: 스레드도 fork도 없다. 어느 소켓이 준비됐는지는 poll이 알려 준다. POLLOUT은 클라이언트에게 보낼 출력이 남아 있는 동안에만 요청하라. 그러지 않으면 poll이 끝없이 곧바로 돌아온다.

# 채팅의 계약 (chat/family.rs): day5-threads
chat--to-everyone--title = 클라이언트 3개: 4096바이트짜리 줄을 포함해 각 줄이 보낸 클라이언트를 포함한 모든 클라이언트에게 온전히, 같은 순서로 도착한다
chat--to-everyone--hint = 각 클라이언트를 그 스레드가 읽기 전에 공유 목록에 넣으라. 완성된 줄마다 보낸 클라이언트를 포함해 목록의 모든 클라이언트에게 보내되, 브로드캐스트 전체 동안 락 하나를 잡고 있으라.
chat--many-senders--title = 읽기를 멈춘 클라이언트에서 브로드캐스트가 막히고 다른 줄이 기다린다. 그다음 클라이언트 8개가 동시에 300줄씩, 100줄씩 나눠 보낸다: 모든 클라이언트가 모든 줄을 온전히, 하나의 같은 순서로 받고, 보낸 이마다 그 순서가 지켜진다
chat--many-senders--hint = 줄마다 목록을 한 번 잠그고, 그 줄이 모든 클라이언트에게 갈 때까지, send가 블로킹되더라도 잠근 채로 두라. send마다 락을 잡거나, 락을 푼 뒤 목록의 복사본으로 보내면 두 줄이 엇갈린다.
chat--lines-in-pieces--title = 조각으로 보낸 줄은 먼저 완성된 줄 다음에 온전히 도착한다. EOF에 끝나지 않은 줄은 버려진다
chat--lines-in-pieces--hint = 클라이언트마다 바이트를 자기 버퍼에 모으라. `\n`마다 완성된 줄을 잘라 그것만 브로드캐스트하라. EOF에 남은 것은 줄이 아니다.
chat--client-leaves--title = 마지막으로 들어오지 않은 두 클라이언트가 끝낸다: 저마다 EOF를 받고, 그 소켓은 닫히고, 그 스레드는 사라지며(/proc/<pid>/task), 남은 클라이언트는 모두 여전히 모든 줄을 받는다
chat--client-leaves--hint = EOF(read가 0을 반환)나 오류가 나면 클라이언트를 목록에서 빼고, 그 소켓이 닫히게 하고(남은 핸들 없이), 스레드에서 반환하라.
chat--client-leaves--hint-c = EOF(read가 0을 반환)나 오류가 나면 락을 잡고 클라이언트를 목록에서 빼고, 그 소켓을 close(fd)로 닫고, 스레드에서 반환하라.
chat--client-resets--title = 리셋한 클라이언트에게 가는 줄: 패닉도, 오염된 락도 없고, 다른 클라이언트와 새로 온 클라이언트가 계속 처리된다
chat--client-resets--hint = 떠난 클라이언트로의 send는 실패한다(EPIPE, ECONNRESET): 그 클라이언트를 빼라. 락을 잡은 채 send를 unwrap()하지 말라. 패닉이 모든 스레드의 뮤텍스를 오염시킨다.
chat--client-resets--hint-c = 떠난 클라이언트로의 send는 실패한다(EPIPE, ECONNRESET): 그 클라이언트를 빼라. MSG_NOSIGNAL로 보내고(그러지 않으면 SIGPIPE가 서버 전체를 죽인다), 락을 잡은 채 스레드나 프로그램을 끝내지 말라. 다른 스레드가 모두 pthread_mutex_lock에서 영영 기다린다.

# 깔끔한 종료 (graceful_exit/mod.rs): day4-signals, day5-pipe
graceful-exit--sigterm-exit--title = SIGTERM: 깔끔한 종료. 마지막 줄은 `bye`, 제시간에 상태 0, 남은 프로세스는 없다
graceful-exit--sigterm-exit--hint = 핸들러는 플래그만 세우라. 메인 루프가 그것을 보고 수락을 멈추고, 자기가 시작한 프로세스를 모두 끝내고 기다린 뒤, `bye`를 출력하고 main에서 상태 0으로 돌아오라.
graceful-exit--sigint-exit--title = SIGINT(Ctrl-C): 똑같이 깨끗한 종료
graceful-exit--sigint-exit--hint = SIGINT에도 SIGTERM과 같은 핸들러를 설치하라.

rules--rules--title = 실습의 규칙을 지킨다(Rust는 clippy.toml과 [lints], C는 코드가 부르는 함수)
rules--rules--hint = 금지된 지름길을 쓰지 말고 지적된 코드를 다시 작성하라. 메시지가 규칙의 이름과 그 규칙이 있는 까닭을 알려 준다.

## 실습 표의 제목과 힌트 (영어는 checker/src/exercises/의 표에 있다)
## 키: <실습>--title, <실습>--<테스트 id>--title, <실습>--<테스트 id>--hint
## (여러 실습이 함께 쓰는 테스트는 이 절 맨 앞의 묶음에 있다)

day1-fileio--title = 파일 디스크립터: write_all, write_vectored_all, 그리고 복사 프로그램
day1-fileio--write-all--title = 타이머가 끼어드는 느린 파이프에 write_all: 모든 바이트를 한 번씩, 순서대로
day1-fileio--write-all--hint = 모든 바이트를 쓸 때까지 반복하라. 부분 쓰기로 n을 돌려받으면 &buf[n..]로 계속하고, Err(EINTR)이면 write()를 다시 호출하고, 다른 오류는 돌려주라.
day1-fileio--write-all--hint-c = 모든 바이트를 쓸 때까지 반복하라. 부분 쓰기로 n을 돌려받으면 `(const char *)buf + n`에서 len - n으로 계속하고, write()가 -1을 돌려주고 errno가 EINTR이면 다시 호출하고, 다른 오류에는 -1을 돌려주라.
day1-fileio--write-vectored-all--title = 끼어들기가 있는 느린 파이프에 write_vectored_all: 시도마다 writev 한 번, 정확한 바이트에서 이어 쓰기
day1-fileio--write-vectored-all--hint = writev가 돌려준 수는 모든 버퍼에 걸친 값이다. 다 쓴 버퍼는 건너뛰고, 멈춘 버퍼의 중간에서 다음 writev를 시작하라. 첫 버퍼부터 다시 쓰면 안 된다. EINTR이면 다시 시도하라.
day1-fileio--copy-files--title = copy: 0 B부터 8 MiB까지의 무작위 바이트 파일을 바이트 그대로
day1-fileio--copy-files--hint = read()가 0을 돌려줄 때까지 읽고, 매번 read가 돌려준 n바이트만 정확히 쓰라(write_all로). 짧게 읽혔다고 파일 끝은 아니다.
day1-fileio--copy-files--hint-c = read()가 0을 돌려줄 때까지 읽고, 매번 read가 돌려준 n바이트만 정확히 쓰라(lab_write_all로). 짧게 읽혔다고 파일 끝은 아니다.
day1-fileio--copy-truncate--title = 더 긴 기존 파일 위에 copy하면 새 내용만 정확히 남는다
day1-fileio--copy-truncate--hint = 대상 파일을 O_WRONLY | O_CREAT | O_TRUNC로 열라. O_TRUNC가 없으면 새 끝 너머의 옛 바이트가 남는다.
day1-fileio--copy-append--title = copy --append는 기존 파일 끝에 덧붙이고, 없는 파일은 만든다
day1-fileio--copy-append--hint = --append이면 O_WRONLY | O_CREAT | O_APPEND로 열라(O_TRUNC 없이). 모든 write가 끝에 붙고, 없는 파일은 만들어진다.
day1-fileio--copy-mode--title = 새 대상 파일의 모드는 0644에서 umask를 뺀 것이고, 기존 파일은 모드를 유지한다
day1-fileio--copy-mode--hint = O_CREAT와 함께 open()에 Mode::from_bits_truncate(0o644)를 넘기고 umask는 커널이 빼게 두라. 나중에 chmod하지 말라.
day1-fileio--copy-mode--hint-c = O_CREAT와 함께 open()의 세 번째 인자로 0644를 넘기고 umask는 커널이 빼게 두라. 나중에 chmod하지 말라.
day1-fileio--copy-stdio--title = 원본이 `-`이면 fd 0을 읽고, 대상이 `-`이면 fd 1에 쓴다
day1-fileio--copy-stdio--hint = `-`에는 파일을 여는 대신 std::io::stdin().as_fd()나 std::io::stdout().as_fd()를 쓰라. 파이프에서는 끝에 한참 못 미쳐서도 read가 버퍼보다 적게 돌려줄 수 있다.
day1-fileio--copy-stdio--hint-c = `-`에는 파일을 여는 대신 fd 0(STDIN_FILENO)이나 fd 1(STDOUT_FILENO)을 쓰라. 파이프에서는 끝에 한참 못 미쳐서도 read가 버퍼보다 적게 돌려줄 수 있다.
day1-fileio--copy-errors--title = 오류마다 stderr에 `copy: <path>: <reason>`을 출력하고 상태 1로 종료한다
day1-fileio--copy-errors--hint = 모든 호출의 결과를 확인하라. 오류가 나면 `copy: <path>: <errno's text>`(Errno::desc())를 출력하고 1로 종료하라. path는 실패한 호출이 다룬 경로다.
day1-fileio--copy-errors--hint-c = 모든 호출의 결과를 확인하라. 오류가 나면 `copy: <path>: <errno's text>`(strerror(errno), 다른 호출이 errno를 바꾸기 전에 곧바로)를 출력하고 1로 종료하라. path는 실패한 호출이 다룬 경로다.

day1-endian--title = 손으로 다루는 바이트 순서: 스왑, htons/htonl, 네트워크 순서의 바이트
day1-endian--is-little-endian--title = is_little_endian()이 실제 호스트의 바이트 순서를 알려 준다
day1-endian--is-little-endian--hint = 아는 수를 메모리에 두고 첫 바이트를 보라. 리틀 엔디안 호스트에서 `1u16.to_ne_bytes()[0]`은 1이다.
day1-endian--is-little-endian--hint-c = 아는 수를 메모리에 두고 첫 바이트를 보라. `uint16_t one = 1;`이면 리틀 엔디안 호스트에서 `*(unsigned char *)&one`은 1이다(endian.h의 union을 써도 된다).
day1-endian--swap16--title = 모든 u16에 swap16
day1-endian--swap16--hint = swap16(0x1234)는 0x3412다. 아래 바이트는 8비트 위로, 위 바이트는 8비트 아래로 옮긴다.
day1-endian--swap32--title = 경계값과 무작위 값에 swap32
day1-endian--swap32--hint = 네 바이트를 하나씩 마스크해서 거울에 비친 자리로 시프트하라. u32로 계산하라(부호 있는 오른쪽 시프트는 부호 비트를 복사한다).
day1-endian--swap32--hint-c = 네 바이트를 하나씩 마스크해서 거울에 비친 자리로 시프트하라. uint32_t로 계산하라(음수 int를 오른쪽으로 시프트하면 부호 비트가 복사된다).
day1-endian--htons--title = 모든 u16에 htons: 메모리에 네트워크 순서로
day1-endian--htons--hint = htons는 어느 호스트에서나 가장 중요한 바이트를 메모리의 맨 앞에 두어야 한다. 리틀 엔디안에서는 바꾸고, 빅 엔디안에서는 아무것도 하지 않는다.
day1-endian--ntohs--title = 모든 u16에 ntohs
day1-endian--ntohs--hint = ntohs는 htons를 되돌린다. 어느 호스트에서나 둘은 같은 연산이다.
day1-endian--htonl--title = 경계값과 무작위 값에 htonl
day1-endian--htonl--hint = htonl(0x01020304)는 메모리에 바이트 01 02 03 04를 그 순서로 두어야 한다.
day1-endian--ntohl--title = 경계값과 무작위 값에 ntohl
day1-endian--ntohl--hint = ntohl은 htonl을 되돌린다.
day1-endian--to-wire-u16--title = 모든 u16에 to_wire_u16
day1-endian--to-wire-u16--hint = 가장 중요한 바이트가 먼저 온다. to_wire_u16(0x1f90)은 [0x1f, 0x90]이다.
day1-endian--to-wire-u16--hint-c = 가장 중요한 바이트가 먼저 온다. lab_to_wire_u16(0x1f90, out)은 out[0]에 0x1f를, out[1]에 0x90을 넣는다.
day1-endian--from-wire-u16--title = 모든 바이트 쌍에 from_wire_u16
day1-endian--from-wire-u16--hint = 첫 바이트가 가장 중요한 바이트다. 8만큼 왼쪽으로 시프트하기 전에 u16::from으로 넓히라.
day1-endian--from-wire-u16--hint-c = 첫 바이트가 가장 중요한 바이트다. in[0]을 8만큼 왼쪽으로 시프트하고 in[1]과 OR하라. 결과는 uint16_t다.
day1-endian--to-wire-u32--title = 경계값과 무작위 값에 to_wire_u32
day1-endian--to-wire-u32--hint = to_wire_u32(0x01020304)는 어느 호스트에서나 [1, 2, 3, 4]다.
day1-endian--to-wire-u32--hint-c = lab_to_wire_u32(0x01020304, out)는 어느 호스트에서나 out을 01 02 03 04로 채운다.
day1-endian--from-wire-u32--title = 경계값과 무작위 바이트 배열에 from_wire_u32
day1-endian--from-wire-u32--hint = 시프트하기 전에 바이트마다 u32로 넓히라: `(b[0] as u32) << 24`. u8을 24만큼 시프트하면 넘친다.
day1-endian--from-wire-u32--hint-c = 시프트하기 전에 바이트마다 uint32_t로 캐스트하라: `(uint32_t)in[0] << 24`. 캐스트가 없으면 in[0]은 int가 되고, 0x80 이상인 바이트를 24만큼 시프트하면 int가 넘친다. 정의되지 않은 동작이고, 채점기의 빌드는 거기서 멈춘다.
day1-endian--round-trips--title = ntohs(htons(x)), ntohl(htonl(x)), from_wire(to_wire(x))가 x를 돌려준다
day1-endian--round-trips--hint = 각 변환은 다른 쪽을 정확히 되돌려야 한다.

day2-inet--title = inet_* 주소 변환, glibc와 바이트 단위로 똑같이
day2-inet--aton-tricky--title = 까다로운 입력에 inet_aton(짧은 형식, 8진수, 16진수, 범위, 쓰레기 값)
day2-inet--aton-tricky--hint = 각 부분은 strtoul(part, &end, 0)처럼 읽는다. 0x..는 16진수, 0..는 8진수, 나머지는 10진수이고, 마지막 부분이 남은 바이트를 채운다(127.1은 127.0.0.1).
day2-inet--aton-random--title = 시드로 만든 무작위 주소 비슷한 문자열에 inet_aton
day2-inet--aton-random--hint = 여러분의 파서를 course.ko.md#inet-aton의 규칙과 부분별로 비교하라. 실패한 입력이 표시된다.
day2-inet--addr--title = inet_addr: 네트워크 순서의 in_addr_t, 오류이면 INADDR_NONE
day2-inet--addr--hint = inet_addr("1.2.3.4").to_ne_bytes()는 [1, 2, 3, 4]여야 한다. u32::from_ne_bytes로 바이트에서 u32를 만들라.
day2-inet--addr--hint-c = lab_inet_addr("1.2.3.4")의 바이트는 메모리에서 01 02 03 04여야 한다. in_addr_t를 네트워크 바이트 순서로 만들라. 이를테면 네 바이트를 memcpy로 옮겨 넣는다.
day2-inet--pton4-tricky--title = 까다로운 입력에 inet_pton4(엄격한 점 10진 표기)
day2-inet--pton4-tricky--hint = 정확히 네 부분, 각각 10진수 0..=255, 앞의 0 없이, 그 밖의 것은 없이. 127.1과 01.2.3.4는 거부된다.
day2-inet--pton4-tricky--hint-c = 정확히 네 부분, 각각 10진수 0부터 255까지, 앞의 0 없이, 그 밖의 것은 없이. 127.1과 01.2.3.4는 거부된다.
day2-inet--pton4-random--title = 시드로 만든 무작위 주소 비슷한 문자열에 inet_pton4
day2-inet--pton4-random--hint = 실패한 입력이 표시된다. course.ko.md#inet-pton의 네 가지 규칙에 비추어 확인하라.
day2-inet--pton6-tricky--title = 까다로운 입력에 inet_pton6(곳곳의 ::, 두 개의 ::, 내장 IPv4, zone id, 그룹 수)
day2-inet--pton6-tricky--hint = ::는 많아야 하나이고 0인 그룹 하나 이상을 뜻한다. 그룹은 모두 여덟 개이고, 그룹마다 16진수 1~4자리다. 마지막 두 그룹 자리에 점 표기 IPv4가 올 수 있다.
day2-inet--pton6-random--title = 시드로 만든 무작위 주소 비슷한 문자열에 inet_pton6
day2-inet--pton6-random--hint = 실패한 입력이 표시된다. 그룹 수와 ::를 규칙에 비추어 세어 보라.
day2-inet--ntoa--title = inet_ntoa: 점 10진 표기
day2-inet--ntoa--hint = 10진수 넷을 점으로 잇고 채움 문자는 없다. [10, 0, 0, 1]은 "10.0.0.1"이다.
day2-inet--ntoa--hint-c = 10진수 넷을 점으로 잇고 채움 문자는 없다. in.s_addr의 바이트가 메모리 순서로 10 0 0 1이면 "10.0.0.1"이다.
day2-inet--ntop6-structured--title = 0인 그룹의 모든 패턴, 동점, v4-mapped와 v4-compatible에 inet_ntop6
day2-inet--ntop6-structured--hint = 앞의 0 없는 소문자 16진수. ::는 두 개 이상 이어진 0인 그룹 중 가장 긴 것을 대신한다(동점이면 앞의 것). ::ffff:a.b.c.d와 ::a.b.c.d는 점 10진 표기로 끝난다.
day2-inet--ntop6-random--title = 시드로 만든 무작위 주소에 inet_ntop6, glibc와 바이트 단위로 똑같이
day2-inet--ntop6-random--hint = 구조화된 테스트의 규칙과 비교하라. 실패한 주소가 표시된다.
day2-inet--round-trips--title = inet_pton6(inet_ntop6(x)) == x 그리고 inet_pton4(inet_ntoa(x)) == x
day2-inet--round-trips--hint = inet_ntop6가 무엇을 출력하든, inet_pton6는 그것을 읽어 같은 16바이트를 돌려받아야 한다.

day2-echo--title = TCP 에코 서버와 클라이언트, 네트워크에서 채점
day2-echo--client-echo--title = echo-client가 보낸 줄을 정확히 그대로 출력한다
day2-echo--client-echo--hint = 각 줄을 줄바꿈과 함께 보내고, 그만큼의 바이트가 돌아올 때까지 읽어, 바꾸지 않고 stdout에 쓰라.
day2-echo--client-pieces--title = echo-client가 1바이트씩 오는 응답을 다시 이어 붙인다
day2-echo--client-pieces--hint = recv() 한 번은 지금까지 도착한 것을 돌려줄 뿐 한 줄 전체가 아니다. 줄 전체가 돌아올 때까지 계속 읽으라.
day2-echo--client-long-line--title = echo-client가 1 MiB짜리 줄을 에코한다
day2-echo--client-long-line--hint = 한 줄은 어떤 고정 버퍼보다도 길 수 있다. stdin의 줄을 Vec에 읽고(read_until), 보낸 만큼의 바이트를 다시 읽으라.
day2-echo--client-long-line--hint-c = 한 줄은 어떤 고정 버퍼보다도 길 수 있다. stdin은 getline()으로 읽고(버퍼를 알아서 늘리고 줄의 길이를 돌려준다), 보낸 만큼의 바이트를 다시 읽으라.
day2-echo--client-early-close--title = 일찍 닫는 서버를 상대로 echo-client: stderr에 한 줄, 종료 상태 1
day2-echo--client-early-close--hint = 줄 전체가 돌아오기 전에 recv()가 0을 돌려주면 서버가 닫은 것이다. stderr에 한 줄을 출력하고 상태 1로 종료하라.
day2-echo--server-errors--title = 포트 없이, 또는 다른 소켓이 리슨하는 포트로 시작한 echo-server: stderr에 한 줄, 종료 상태 1
day2-echo--server-errors--hint = 포트 없이 시작하면 서버는 사용법을 알리고 상태 1로 종료한다. bind가 실패하면(EADDRINUSE: 포트가 이미 쓰이고 있다) stderr에 한 줄로 그렇게 알리고 상태 1로 종료한다. 다른 포트로 계속 가서는 안 된다.
day2-echo--client-refused--title = 닫힌 포트를 상대로 echo-client: stderr에 한 줄, 종료 상태 1
day2-echo--client-refused--hint = 아무도 리슨하지 않으면 connect()가 ECONNREFUSED로 실패한다. stderr에 한 줄을 출력하고 상태 1로 종료하라. 패닉은 안 된다.
day2-echo--client-refused--hint-c = 아무도 리슨하지 않으면 connect()가 ECONNREFUSED로 실패한다. 반환값을 확인하고, stderr에 한 줄(strerror(errno)와 함께)을 출력하고 상태 1로 종료하라.
day2-echo--client-no-answer--title = 답하지 않는 서버를 상대로 echo-client: 약 2초 뒤 종료 상태 1
day2-echo--client-no-answer--hint = SO_RCVTIMEO를 2초로 설정하라(sockopt::ReceiveTimeout). 그러면 recv가 끝없이 기다리지 않고 EAGAIN으로 실패한다.
day2-echo--client-no-answer--hint-c = SO_RCVTIMEO를 2초로 설정하라: `struct timeval tv = {"{"}2, 0{"}"}; setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv)`. 그러면 recv가 끝없이 기다리지 않고 EAGAIN으로 실패한다.

day3-udp--title = UDP 에코 서버와 재전송하는 클라이언트
day3-udp--boundaries--title = 크기가 다른 데이터그램 셋이 셋으로, 같은 크기, 같은 순서로 돌아온다
day3-udp--boundaries--hint = UDP는 경계를 지킨다. recvfrom() 한 번이 데이터그램 하나를 통째로 돌려준다(버퍼가 충분히 크다면). 각각을 sendto() 한 번으로 돌려보내라.
day3-udp--reply-to-sender--title = 각 응답은 데이터그램을 보낸 소켓으로 간다(클라이언트 둘, 포트 둘)
day3-udp--reply-to-sender--hint = *이* 데이터그램에 대해 recvfrom()이 채워 준 주소로 응답하라. 소켓 하나가 모두를 처리한다.
day3-udp--empty-datagram--title = 0바이트 데이터그램에는 빈 응답이 가고, 서버는 계속 돈다
day3-udp--empty-datagram--hint = recvfrom()이 0을 돌려주면 빈 데이터그램이지 끝이 아니다. UDP에는 EOF가 없다. 에코하고 계속 처리하라.
day3-udp--max-datagram--title = 65507바이트 데이터그램이 온전히 돌아온다
day3-udp--max-datagram--hint = 수신 버퍼보다 큰 데이터그램은 잘리고 나머지는 사라진다. 버퍼가 IPv4에서 가장 큰 UDP 페이로드인 65507바이트를 담을 수 있게 하라.
day3-udp--binary--title = 바이너리 데이터그램(NUL, 0xFF, CR, LF)이 그대로 돌아온다
day3-udp--binary--hint = 텍스트가 아니라 바이트를 에코하라. 데이터그램은 [u8] 버퍼에 두라.
day3-udp--binary--hint-c = 텍스트가 아니라 바이트를 에코하라. 데이터그램은 `char buf[]`에 두고, recvfrom()이 돌려준 바이트 수만큼 정확히 sendto()하라. 문자열 함수는 첫 0 바이트에서 멈춘다.
day3-udp--interleaved-clients--title = 클라이언트 4개가 섞어 보낸 데이터그램 200개, 각각 올바른 클라이언트에게 응답
day3-udp--interleaved-clients--hint = 데이터그램마다 보낸 쪽이 따로 있다. 처음이나 마지막에 본 클라이언트가 아니라 그 주소로 응답하라.
day3-udp--client-echo--title = udp-client가 각 응답 뒤에 줄바꿈을 붙여 바이트 그대로 출력한다
day3-udp--client-echo--hint = 줄을 줄바꿈 없이 데이터그램 하나로 보내고, 응답을 출력한 뒤 줄바꿈을 출력하라.
day3-udp--client-retransmits--title = 데이터그램이 사라지면 udp-client가 다시 보낸다
day3-udp--client-retransmits--hint = 응답을 최대 0.5초 기다리라(SO_RCVTIMEO). recv가 EAGAIN으로 실패하면 데이터그램을 다시 보내라. 모두 3번 시도한다.
day3-udp--client-ignores-strangers--title = udp-client가 다른 포트에서 온 데이터그램을 무시한다
day3-udp--client-ignores-strangers--hint = UDP 소켓을 서버에 connect()하거나(그러면 커널이 다른 곳에서 온 데이터그램을 버린다), recvfrom()이 알려 준 보낸 쪽을 서버 주소와 비교하라.
day3-udp--client-gives-up--title = 조용한 서버를 상대로 udp-client: 0.5초 간격으로 3번 시도한 뒤 stderr에 한 줄, 종료 상태 1
day3-udp--client-gives-up--hint = 세 번째 시도에도 응답이 없으면 stderr에 한 줄을 출력하고 상태 1로 종료하라.

day3-shutdown--title = 하프 클로즈(half-close)로 하는 파일 전송: shutdown(SHUT_WR)과 수신 확인
day3-shutdown--file-bytes--title = 서버가 0 B, 1 B, 64 KiB, 8 MiB 파일을 바이트 그대로 보낸 뒤 EOF
day3-shutdown--file-bytes--hint = 파일의 모든 바이트를 보내고(부분 전송은 반복), shutdown(SHUT_WR)하라. 그때에야 클라이언트의 read가 0을 돌려준다.
day3-shutdown--stalled-reader--title = 클라이언트가 읽기를 멈추고 서버가 멈췄다 재개되는 동안 24 MiB 파일
day3-shutdown--stalled-reader--hint = send()는 요청보다 적은 바이트를 보낼 수 있다(부분 쓰기). 여기서는 SIGSTOP/SIGCONT 뒤에 그랬다. 마지막 호출이 멈춘 곳부터, 파일의 모든 바이트를 보낼 때까지 반복하라.
day3-shutdown--reads-after-shutdown--title = 하프 클로즈 뒤에도 서버가 클라이언트의 메시지를 읽어 출력한다
day3-shutdown--reads-after-shutdown--hint = shutdown(SHUT_WR)은 보내는 방향만 닫는다. EOF까지 계속 읽은 뒤 `client says: <message>`를 출력하라. close()하면 답을 버리게 된다.
day3-shutdown--message-in-pieces--title = 조각으로 도착한 메시지를 온전히 출력한다
day3-shutdown--message-in-pieces--hint = 클라이언트의 메시지는 read 한 번의 끝이 아니라 EOF에서 끝난다. read()가 0을 돌려줄 때까지 계속 읽으라.
day3-shutdown--three-clients--title = 클라이언트 셋을 연달아, 각각 끝까지 처리한다
day3-shutdown--three-clients--hint = 클라이언트의 EOF 뒤에 그 줄을 출력하고, 소켓을 닫고, 다음 클라이언트를 수락하라.
day3-shutdown--server-errors--title = 인자 없이, 또는 다른 소켓이 리슨하는 포트로 시작한 file-server: stderr에 한 줄, 종료 상태 1
day3-shutdown--server-errors--hint = 인자 없이 시작하면 서버는 사용법을 알리고 상태 1로 종료한다. bind가 실패하면(EADDRINUSE: 포트가 이미 쓰이고 있다) stderr에 한 줄로 그렇게 알리고 상태 1로 종료한다. 다른 포트로 계속 가서는 안 된다.
day3-shutdown--client-file-bytes--title = file-client가 0 B, 1 B, 64 KiB, 8 MiB 파일을 바이트 그대로 쓴다
day3-shutdown--client-file-bytes--hint = 먼저 출력 파일을 만들고, recv가 0(서버의 FIN)을 돌려줄 때까지 받은 조각을 모두 쓰라.
day3-shutdown--client-receipt--title = file-client가 정확히 `received <N> bytes`로 답하고 닫는다
day3-shutdown--client-receipt--hint = N은 모든 recv에서 받은 바이트를 더한 총수다. 수신 확인을 보낸 뒤 소켓을 닫아 서버가 EOF를 보게 하라.
day3-shutdown--client-waits-for-eof--title = file-client는 서버의 EOF 뒤에만 답한다
day3-shutdown--client-waits-for-eof--hint = recv 한 번이 파일 전체는 아니다. 끝은 recv가 0을 돌려줄 때다. 그때에만 답하라.
day3-shutdown--client-refused--title = 닫힌 포트를 상대로 file-client: stderr에 한 줄, 종료 상태 1
day3-shutdown--client-refused--hint = 거부된 connect는 예상된 오류다: connect의 결과를 확인하고, stderr에 한 줄(무엇이 왜 실패했는지)을 출력하고 상태 1로 종료하라. 랩의 모든 클라이언트가 그렇게 한다. 패닉은 안 된다.
day3-shutdown--client-refused--hint-c = 아무도 리슨하지 않으면 connect()가 ECONNREFUSED로 실패한다. 반환값을 확인하고, stderr에 한 줄(strerror(errno)와 함께)을 출력하고 상태 1로 종료하라.

day3-resolve--title = libc에서 호출하는 getaddrinfo/getnameinfo로 이름 해석(name resolution)
day3-resolve--localhost--title = localhost 해석: 모든 결과를 getaddrinfo의 순서대로
day3-resolve--localhost--hint = ai_family = AF_UNSPEC, ai_socktype = SOCK_STREAM으로 getaddrinfo에 물어보고, 리스트의 노드마다 한 줄씩 순서대로 출력하라.
day3-resolve--every-result--title = IPv4와 IPv6 주소가 여럿인 이름: 돌려받은 순서대로 하나하나
day3-resolve--every-result--hint = getaddrinfo는 연결 리스트를 돌려준다. 머리부터 null 포인터까지 ai_next를 따라가며 모든 노드를 출력하라.
day3-resolve--numeric-ipv4--title = 숫자 IPv4 주소는 `ipv4 <ip> 0`으로 돌아온다
day3-resolve--numeric-ipv4--hint = 패밀리는 ai_family다(AF_INET: ipv4). 주소는 getnameinfo와 NI_NUMERICHOST로 포맷하라. 이름을 찾아보지 않는다.
day3-resolve--numeric-ipv6--title = 숫자 IPv6 주소는 getnameinfo가 쓰는 그대로 `ipv6 <ip> 0`으로 돌아온다
day3-resolve--numeric-ipv6--hint = AF_INET6는 ipv6다. getnameinfo에는 노드 자신의 ai_addr와 ai_addrlen을 넘기라(sockaddr_in6는 sockaddr_in보다 길다).
day3-resolve--services--title = 이름(/etc/services)과 번호로 준 서비스가 올바른 포트를 준다
day3-resolve--services--hint = 서비스를 getaddrinfo에 넘기라. sockaddr 안의 포트는 네트워크 바이트 순서다. getnameinfo가 쓰게 하라(NI_NUMERICSERV).
day3-resolve--unknown-host--title = 있을 수 없는 이름: `resolve: <host>: <gai_strerror text>`, 종료 상태 1
day3-resolve--unknown-host--hint = getaddrinfo는 -1과 errno가 아니라 EAI_* 코드를 돌려준다. gai_strerror(code)를 출력하고 상태 1로 종료하라.
day3-resolve--unknown-service--title = 없는 서비스: gai_strerror 줄, 종료 상태 1
day3-resolve--unknown-service--hint = 알 수 없는 서비스도 getaddrinfo를 실패하게 한다(EAI_SERVICE). 알 수 없는 호스트처럼 알리라.
day3-resolve--malformed-address--title = 잘못된 주소로 resolve -r: gai_strerror 줄, 종료 상태 1
day3-resolve--malformed-address--hint = AI_NUMERICHOST이면 getaddrinfo는 숫자 주소가 아닌 것을 모두 거부한다(EAI_NONAME). 알리라. 결코 unwrap하지 말라.
day3-resolve--malformed-address--hint-c = AI_NUMERICHOST이면 getaddrinfo는 숫자 주소가 아닌 것을 모두 거부한다(EAI_NONAME). 반환값을 확인하고, stderr에 `resolve: <ip>: `와 gai_strerror(rc)를 출력하고 상태 1로 종료하라. 실패한 호출은 쓰거나 해제할 리스트를 주지 않는다.
day3-resolve--reverse--title = resolve -r <ip>가 getnameinfo가 찾은 이름을 출력한다
day3-resolve--reverse--hint = getaddrinfo(AI_NUMERICHOST)로 텍스트를 소켓 주소로 바꾼 뒤 flags 0으로 getnameinfo를 부르라. 이름을 찾아보고, 없으면 주소를 돌려준다.
day3-resolve--frees-list--title = getaddrinfo가 돌려준 리스트는 모두 freeaddrinfo에 한 번씩 돌려준다
day3-resolve--frees-list--hint = 리스트를 받은 모든 경로에서, 마지막으로 쓴 뒤에 freeaddrinfo(head)를 한 번 부르라(Drop에서 부르는 구조체가 대신 해 준다).
day3-resolve--frees-list--hint-c = getaddrinfo가 준 리스트의 머리에 freeaddrinfo(list)를 한 번 부르라(모든 노드를 해제한다. 노드마다 따로 부르지 말라). 리스트를 마지막으로 쓴 뒤에, 리스트를 받은 모든 경로에서, 오류 경로에서도 부른다.

day3-fork--title = 동시 에코 서버: 클라이언트마다 프로세스 하나, 자식은 SIGCHLD에서 회수
day3-fork--serves-concurrently--title = 클라이언트 A가 연결된 채 조용한 동안 클라이언트 B가 곧바로 처리된다
day3-fork--serves-concurrently--hint = 클라이언트마다 자식을 fork()하고 부모는 곧장 accept()로 돌아가게 하라. 한 클라이언트가 다른 클라이언트를 기다리게 하면 안 된다.
day3-fork--reaps-without-blocking--title = 클라이언트 A가 남은 채 클라이언트 B가 떠난다: B의 자식이 끝나고 그 SIGCHLD를 받은 뒤에도 클라이언트 C를 곧바로 처리한다(A의 자식을 기다리는 핸들러 없이)
day3-fork--reaps-without-blocking--hint = waitpid(-1, &status, WNOHANG)를 루프로 불러 거두라. WNOHANG이 없으면 핸들러가 아직 클라이언트를 처리하는 자식까지 기다리고, 그동안 서버는 아무도 수락하지 않는다.
day3-fork--fifty-clients--title = 데이터를 섞어 보내는 동시 클라이언트 50개가 각자 정확히 자기 바이트를 받는다
day3-fork--fifty-clients--hint = 각 자식은 자기 클라이언트의 소켓만 처리하고, 부모는 아무 클라이언트도 처리하지 않는다.
day3-fork--large-echo--title = 느린 클라이언트 4개가 동시에 각자의 자식을 거쳐 4 MiB를 보내고 모든 바이트를 돌려받는다
day3-fork--large-echo--hint = 자식은 클라이언트가 보내는 한, 얼마든지 에코한다. 부분 전송을 반복하고, 클라이언트가 느리게 읽으면 send()가 블로킹되게 두라(MSG_DONTWAIT 없이).
day3-fork--child-per-client--title = 연결된 클라이언트마다 자식 프로세스 하나(스레드는 세지 않는다)
day3-fork--child-per-client--hint = fork()는 프로세스를 만든다. 연결된 클라이언트마다 연결이 이어지는 동안 자기 자식이 있다.
day3-fork--eof-after-half-close--title = 클라이언트가 하프 클로즈 뒤 곧바로 EOF를 본다
day3-fork--eof-after-half-close--hint = 부모는 fork() 직후 연결 소켓의 자기 복사본을 닫아야 한다. 부모가 하나라도 쥐고 있으면 자식이 끝난 뒤에도 연결이 끝나지 않는다.
day3-fork--no-listener-in-child--title = 리스닝 소켓을 쥔 자식이 없다
day3-fork--no-listener-in-child--hint = 자식은 리스닝 소켓의 자기 복사본을 닫아야 한다. 자식은 수락하지 않으며, 그 복사본은 부모가 사라진 뒤에도 포트를 잡고 있게 한다.
day3-fork--no-zombie-sequential--title = 클라이언트 20개를 차례로 처리한 뒤 더 연결이 없어도 1초 안에 좀비 프로세스가 없다(3번 실행)
day3-fork--no-zombie-sequential--hint = 자식은 다음 accept()가 돌아온 뒤가 아니라 끝날 때 SIGCHLD 핸들러에서 회수하라. 다시는 아무도 연결하지 않을 수도 있다.
day3-fork--no-zombie-burst--title = 클라이언트 50개가 한순간에 끊은 뒤 좀비 프로세스가 없다(3번 실행)
day3-fork--no-zombie-burst--hint = 시그널은 쌓이지 않는다. SIGCHLD 하나가 여러 자식을 뜻할 수 있다. 더 회수할 것이 없을 때까지 waitpid(-1, WNOHANG)를 반복하라.
day3-fork--back-to-one-process--title = 클라이언트들이 떠나면 프로세스 수가 1로 돌아온다
day3-fork--back-to-one-process--hint = 서버가 시작한 프로세스는 그 클라이언트와 함께 모두 사라져야 한다. 자식은 자기 분기 끝에서 종료하고(std::process::exit, accept 루프로 돌아가면 안 된다), 부모가 회수한다.
day3-fork--back-to-one-process--hint-c = 서버가 시작한 프로세스는 그 클라이언트와 함께 모두 사라져야 한다. 자식은 자기 분기 끝에서 `_exit(0)`으로 끝나고(accept 루프로 돌아가면 안 된다), 부모가 회수한다.
day3-fork--accepts-after-children-die--title = 클라이언트를 기다리는 동안 자식이 죽어도 서버가 계속 수락한다(3번 실행)
day3-fork--accepts-after-children-die--hint = SIGCHLD는 accept()에 끼어든다. 핸들러를 SA_RESTART로 설치하지 않았다면 EINTR로 실패한다. 어느 쪽이든 서버는 계속 수락해야 한다.
day3-fork--sigchld-handler--title = SIGCHLD를 받는다: 핸들러(/proc/<pid>/status의 SigCgt)나 signalfd
day3-fork--sigchld-handler--hint = 클라이언트를 수락하기 전에 sigaction(SIGCHLD, ...)으로 핸들러를 설치하라(또는 SIGCHLD를 막고 signalfd로 읽으라). SIGCHLD 무시(SIG_IGN)는 이 실습의 내용이 아니다.

day4-signals--title = 시그널을 다루는 fork 서버: SIGUSR1 통계, 깨끗한 종료, SIGPIPE, 유휴 타임아웃
day4-signals--usr1-stats--title = SIGUSR1을 받으면 0.5초 안에 `served <N> clients`를 출력한다. 서버가 클라이언트를 기다리는 동안에도
day4-signals--usr1-stats--hint = 핸들러는 플래그를 세우고 메인 루프가 출력한다. SA_RESTART 없이 설치하라. 그러면 블로킹된 accept()가 EINTR로 실패하고 루프가 곧바로 플래그를 본다(self-pipe, signalfd, ppoll로도 루프를 깨울 수 있다).
day4-signals--sigterm-exit--title = SIGTERM: 자식을 멈추고 회수, `bye`, 1초 안에 상태 0, 포트는 곧바로 비워진다
day4-signals--sigterm-exit--hint = 플래그가 서면: 리스닝 소켓을 닫고, 모든 자식에 kill(child, SIGTERM), ECHILD까지 waitpid, `bye` 출력, main에서 상태 0으로 돌아오라.
day4-signals--sigpipe-survives--title = 리셋된 클라이언트가 그 클라이언트에게 에코하는 자식을 SIGPIPE로 죽이지 않고, 서버는 계속 처리한다
day4-signals--sigpipe-survives--hint = MSG_NOSIGNAL로 보내라(또는 일부러 SIGPIPE를 무시하라). 그러면 리셋된 연결에 쓸 때 프로세스가 죽지 않고 EPIPE로 실패한다.
day4-signals--idle-timeout--title = idle-seconds 1: 활발한 클라이언트는 연결을 유지하고, 조용한 클라이언트는 `timeout\n`과 EOF를 받는다
day4-signals--idle-timeout--hint = 자식에서: 시작할 때와 read 뒤마다 alarm(idle). SIGALRM 핸들러(SA_RESTART 없이)가 플래그를 세운다. 플래그가 선 채 EINTR이면 "timeout\n"을 보내고 종료하라.
day4-signals--usr1-while-printing--title = 가득 찬 stdout에 `bye`를 쓰다 블로킹된 동안 SIGUSR1: 그래도 `bye`가 나오고 상태 0
day4-signals--usr1-while-printing--hint = 핸들러는 메인 루프의 어떤 호출 한가운데서든, println!에서도 실행될 수 있다. 플래그만 세우라. 출력하는 핸들러는 stdout의 락이 필요한데, 그 락은 중단된 println!이 쥐고 있다(Rust에서는 패닉 후 abort, C에서 printf는 async-signal-safe가 아니다).
day4-signals--usr1-while-printing--hint-c = 핸들러는 메인 루프의 어떤 호출 한가운데서든, printf에서도 실행될 수 있다. 핸들러에서는 `volatile sig_atomic_t` 플래그만 세우라. printf는 async-signal-safe가 아니다. 다른 printf를 중단시킨 핸들러에서 부르면 stdout의 버퍼를 망가뜨리거나 그 락에서 교착 상태에 빠진다.
day4-signals--usr1-storm--title = 클라이언트 10개가 데이터를 흘려보내는 동안 100 ms에 SIGUSR1 1000개: 잃거나 중복된 바이트 없음, 서버는 살아 있다
day4-signals--usr1-storm--hint = 시그널이 쏟아지는 동안 모든 블로킹 호출은 EINTR로 실패할 수 있다. 다시 시도하고(read, send, accept 모두), 핸들러는 플래그만 세우게 하라.
day4-signals--no-zombie--title = 클라이언트 20개가 한순간에 떠난다: 새 연결 없이 3초 안에 자식을 모두 거둔다
day4-signals--no-zombie--hint = 다음 accept() 뒤가 아니라 SIGCHLD 핸들러에서 거둬라. 시그널은 쌓이지 않으므로 더 거둘 것이 없을 때까지 waitpid(-1, WNOHANG)를 되풀이하라.

day5-poll--title = 스레드 하나가 poll(2)로 모든 클라이언트를 처리한다: 논블로킹 소켓, 클라이언트마다 버퍼, 백프레셔

day5-epoll--title = 스레드 하나가 엣지 트리거 epoll로 모든 클라이언트를 처리한다: EAGAIN까지 읽고 쓴다
day5-epoll--many-clients--hint = 클라이언트마다 버퍼 하나를, 등록할 때 함께 넘긴 데이터(epoll_event.data)로 찾으라. 같은 이벤트 묶음에서 먼저 닫힌 클라이언트는 더 이상 항목이 없으니 건너뛰라.
day5-epoll--connect-burst--hint = epoll이 리스닝 소켓에 EPOLLIN을 알리면 EAGAIN까지 수락하라. 클라이언트 수에 고정된 한도를 두지 말라.
day5-epoll--stalled-client--hint = 한 클라이언트를 기다리지 말라. 소켓은 논블로킹이고, send는 들어가는 만큼만 받으며, 나머지는 EPOLLOUT이 올 때까지 그 클라이언트의 버퍼에서 기다린다.
day5-epoll--back-pressure--hint = 백프레셔(back-pressure): 한 클라이언트에게 보낼 것이 1 MiB를 넘게 기다리는 동안에는 버퍼가 빌 때까지 그 클라이언트에서 읽기를 멈추라(그다음 곧바로 다시 읽으라: 이미 기다리는 데이터에는 새 EPOLLIN이 오지 않는다). 데이터는 커널에서 기다리고 보내는 쪽은 느려진다.
day5-epoll--reset-while-stalled--hint = EPOLLERR와 EPOLLHUP은 요청하지 않아도 알려진다. 둘 중 하나가 오면 그 클라이언트를 닫으라.
day5-epoll--slow-reader--hint = 엣지 트리거: EPOLLOUT이 오면 EAGAIN이 나거나 남은 것이 없을 때까지 보내라(그 전에 멈추면 새 EPOLLOUT은 오지 않는다). EOF 뒤에는 모두 보낸 뒤에만 닫으라.
day5-epoll--one-thread--hint = 모두를 위한 프로세스 하나의 스레드 하나: 스레드도 fork도 없다. 어느 소켓이 준비됐는지는 epoll이 알려 준다.
day5-epoll--edge-triggered--title = 모든 클라이언트 소켓이 엣지 트리거로 등록된다(epoll fd의 /proc fdinfo에 있는 tfd 줄의 EPOLLET)
day5-epoll--edge-triggered--hint = 각 클라이언트를 EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET로 등록하라.
day5-epoll--edge-triggered--hint-c = 각 클라이언트를 epoll_ctl(EPOLL_CTL_ADD)로 `ev.events = EPOLLIN | EPOLLOUT | EPOLLET`와 함께 등록하라.
day5-epoll--burst-then-silence--title = write 한 번에 1 MiB, 그다음 침묵: 모두 돌아온다
day5-epoll--burst-then-silence--hint = 엣지 트리거: EPOLLIN이 오면 EAGAIN까지 읽으라. 읽지 않고 남긴 것은 다시 알려지지 않는다.
day5-threads--title = 채팅 서버: 클라이언트마다 스레드 하나, 클라이언트 목록은 Mutex 뒤에, 모든 줄을 모두에게 하나의 순서로
day5-threads--thread-per-client--title = 함께 연결한 클라이언트 6개가 저마다 서비스를 받는다. 프로세스 하나의 스레드가 클라이언트마다 하나(이상)씩 늘고, 클라이언트가 떠나면 다시 준다(/proc/<pid>/task)
day5-threads--thread-per-client--hint = 수락한 클라이언트마다 std::thread::spawn으로 스레드를 하나씩, 한 프로세스 안에서(fork 없이) 만들라. 스레드는 클라이언트의 EOF에서 반환한다.
day5-threads--thread-per-client--hint-c = 수락한 클라이언트마다 pthread_create로 분리(detach)된 스레드를 하나씩(pthread_detach나 PTHREAD_CREATE_DETACHED로), 한 프로세스 안에서(fork 없이) 만들라. 스레드는 클라이언트의 EOF에서 반환한다.
day5-pipe--title = 기록하는 에코 서버: 클라이언트마다 자식 프로세스 하나, 파이프로 받는 로거 자식 프로세스
day5-pipe--echo-and-log--title = 두 클라이언트가 에코를 받고, SIGTERM 뒤 파일에는 정확히 그들의 줄이 있다
day5-pipe--echo-and-log--hint = 클라이언트마다의 자식은 모든 바이트를 에코하고 완성된 줄마다 파이프에 쓰라. 로거는 파이프에서 읽은 것을 파일에 덧붙이라.
day5-pipe--many-clients--title = 파이프가 가득 찬 동안 클라이언트 24개가 동시에 40줄씩 보내고 64개는 연결만 한 채 말이 없다: 에코가 모두 오고, 파일에는 모든 줄이 온전히, 한 번씩 있다
day5-pipe--many-clients--hint = 완성된 줄마다 PIPE_BUF 바이트 이하의 write() 한 번은 원자적이다: 다른 자식의 바이트가 그 중간에 끼어들 수 없다. read마다 write하거나 여러 줄을 한 번에 write하면 그렇지 않다.
day5-pipe--full-pipe--title = 자식이 가득 찬 파이프에 줄을 쓰려고 기다리는 동안 8번 멈추고 다른 자식이 줄을 쓴다: 그 줄이 첫 자식의 줄 한가운데에 들어가는 일은 없다
day5-pipe--full-pipe--hint = 줄마다 따로 write()로 파이프에 쓰라: PIPE_BUF(4096) 바이트 이하라서 통째로 들어가거나 통째로 기다린다. 여러 줄을 한 번에 쓰면 파이프가 찬 곳에서 잘리고, 다른 자식의 줄이 그 틈에 들어간다.
day5-pipe--lines-in-pieces--title = 다른 클라이언트의 줄을 사이에 두고 조각으로 도착한 줄도 온전히 기록된다. EOF에 끝나지 않은 줄은 기록되지 않는다
day5-pipe--lines-in-pieces--hint = 받고 있는 줄의 바이트를 자식 자신의 버퍼에 두고, 그 `\n`이 왔을 때에만 파이프에 쓰라. EOF에 남은 것은 줄이 아니다.
day5-pipe--keeps-old-lines--title = 이미 있는 파일은 그 줄을 지킨다: 새 줄은 그 뒤에 온다
day5-pipe--keeps-old-lines--hint = 파일을 O_CREAT | O_WRONLY | O_APPEND와 모드 0o644로 열라. O_TRUNC는 절대 쓰지 말고, 모든 쓰기가 끝에 가도록 O_APPEND를 쓰라.
day5-pipe--pipe-ends--title = 로거는 파이프의 읽기 끝을 쥐고 쓰기 끝은 쥐지 않은 자식이다. 서버는 쓰기 끝을 쥐고 읽기 끝은 쥐지 않는다(/proc/<pid>/fd)
day5-pipe--pipe-ends--hint = fork 뒤 각 프로세스는 쓰지 않는 끝을 닫으라: 로거는 쓰기 끝을(그러지 않으면 EOF를 영영 보지 못한다), 부모는 읽기 끝을 닫는다.
day5-pipe--pipe-ends--hint-c = fork 뒤 각 프로세스는 쓰지 않는 끝을 close()로 닫으라: 로거는 쓰기 끝을(그러지 않으면 EOF를 영영 보지 못한다), 부모는 읽기 끝을 닫는다.
day5-pipe--child-per-client--title = 로거 말고 연결된 클라이언트마다 자식 하나, 그리고 리스닝 소켓을 쥔 자식은 없다
day5-pipe--child-per-client--hint = 수락한 클라이언트마다 fork()로 자식을 하나 만들고, 자식에서는 day3-fork에서처럼 먼저 리스닝 소켓을 닫으라(drop).
day5-pipe--child-per-client--hint-c = 수락한 클라이언트마다 fork()로 자식을 하나 만들고, 자식에서는 day3-fork에서처럼 먼저 리스닝 소켓을 close()로 닫으라.
day5-pipe--no-zombies--title = 클라이언트 30개가 같은 순간에 떠나기를 세 번: 좀비 프로세스가 남지 않고, 로거는 살아 있다
day5-pipe--no-zombies--hint = 시그널은 쌓이지 않는다: SIGCHLD 하나가 여러 자식을 뜻할 수 있다. 회수할 것이 없을 때까지 waitpid(-1, WNOHANG)를 반복하라.
day5-pipe--sigterm-exit--title = 로거가 밀려 있는 동안 SIGTERM: 로거가 끝난 뒤에야 `bye`, 2초 안에 상태 0, 파일은 완전하고, 남은 프로세스는 없다
day5-pipe--sigterm-exit--hint = SIGTERM을 받으면 수락을 멈추고, 클라이언트 자식마다 kill(child, SIGTERM) 후 기다리고, 파이프의 쓰기 끝을 닫고, 로거를 기다린 뒤(모든 쓰기 끝이 닫혀 EOF가 오면 끝난다) `bye`를 출력하고 0으로 종료하라.
day5-pipe--sigint-exit--title = Ctrl-C처럼 프로세스 그룹 전체에 SIGINT: 같은 깔끔한 종료, 그리고 로거는 그것 때문에 죽지 않는다
day5-pipe--sigint-exit--hint = Ctrl-C는 포그라운드 그룹의 모든 프로세스에 SIGINT를 보낸다: 로거는 SIGINT(와 SIGTERM)를 무시하고 EOF에서만 끝나며, 클라이언트 자식은 그것으로 죽어도 되고, 부모는 SIGTERM 때처럼 종료 절차를 밟는다.

## 서버를 시작하고 다루는 단계 (observe/wire/server.rs, exercises/kit/)

server-before-connected = { $who }{ JOSA($who, "이", "가") } 연결하기 전에
server-listens-elsewhere = { $label }{ JOSA($label, "은", "는") } 살아 있지만 { $port }{ JOSA($port, "이", "가") } 아니라 포트 { $actual }에서 리슨한다: bind()가 실패했는데 오류를 확인하지 않았는가? 바인드되지 않은 소켓에 listen()하면 스스로 포트를 고른다
server-listens-nowhere = { $label }{ JOSA($label, "은", "는") } 살아 있지만 더 이상 어느 포트에서도 리슨하지 않는다: 리스닝 소켓을 닫았는가?
server-by-hand = 한 터미널에서 `{ $server }`, 다른 터미널에서 `{ $client }`
sockets-in-state = { $state } 상태의 소켓(포트 { $port })
sockets-descriptor-open = 연결은 끝났지만 디스크립터가 아직 열려 있는 소켓
eof-after-client-eof = 클라이언트의 EOF 뒤에도
eof-after-client-eof-close = 클라이언트의 EOF 뒤에도(read()가 0을 돌려주면 연결을 닫으라)
label-line = 줄
label-held = 쥐고 있는 것

## 모든 에코 서버의 테스트 (exercises/echo_server.rs)

echo-no-listening-line = { $label }{ JOSA($label, "이", "가") } `listening on` 줄을 출력하지 않았다(--program으로 준 프로그램은 출력하지 않을 수 있다). /proc에서 본 리스닝 소켓은 와일드카드 주소에 있고, 줄 자체는 확인하지 않는다
echo-line-not-wildcard = 줄에 { $ip }{ JOSA($ip, "이", "가") } 있다: 계약은 와일드카드 주소 0.0.0.0에 바인드하는 것이다
echo-listens-not-wildcard = 서버가 와일드카드 주소 0.0.0.0이 아니라 { $ip }:{ $port }에서 리슨한다
echo-line-count = `listening on` 줄이 { $count }번 나온다. 한 번만 출력하라
echo-other-port = 포트 { $wanted }{ JOSA($wanted, "으로", "로") } 시작했는데 서버는 { $port }에서 리슨한다
echo-served-then-stopped = { $n ->
    [1] 클라이언트 1이 처리됐다
   *[other] 클라이언트 1~{ $n }{ JOSA($n, "이", "가") } 처리됐다
}. 서버는 클라이언트마다 accept()로 돌아가 멈출 때까지 계속 돈다
echo-after-serving = 클라이언트 { $i }{ JOSA($i, "을", "를") } 처리한 뒤
echo-stopped-after-reset = 클라이언트가 연결을 리셋한 뒤 서버가 처리를 멈췄다
echo-sigpipe-after-reset = 리셋 뒤에도 클라이언트가 그 전에 보낸 바이트가 읽혀 에코되기를 기다리고 있었다: 서버의 첫 write는 실패했는데(ECONNRESET) 서버가 다시 썼고, 그 write(EPIPE)가 SIGPIPE를 일으켰다. SIGPIPE는 기본으로 프로세스를 죽인다. write가 실패한 연결에는 더 쓰지 말고, MSG_NOSIGNAL로 보내라(또는 SIGPIPE를 SIG_IGN으로 두라). 그러면 EPIPE는 서버의 끝이 아니라 처리할 오류가 된다
echo-after-reset = 클라이언트가 연결을 리셋한 뒤
echo-stays-silent = 1초 동안 조용히 있음
echo-still-holds = 클라이언트 3개가 떠났는데 서버가 아직 그 클라이언트들의 소켓 { $n }개를 쥐고 있다
echo-close-wait = CLOSE_WAIT: 클라이언트는 자기 쪽을 닫았는데 서버가 소켓을 닫지 않았다
echo-descriptors-open = 끝난 연결의 디스크립터가 열린 채다: 클라이언트의 EOF 뒤에 소켓을 닫으라(drop)
echo-descriptors-open-c = 끝난 연결의 디스크립터가 열린 채다: 클라이언트의 EOF 뒤에 연결 소켓을 close(fd)로 닫으라
echo-stopped-server = 연결이 열린 채로 서버를 멈춤
echo-could-not-restart = 서버가 이전 실행 직후 포트 { $port }에서 다시 시작하지 못했다
echo-16mib-late = 16 MiB가 15초 안에 돌아오지 않았다
echo-too-slow = { $yours } MB/s: 이 머신에서 기준 에코 서버의 { $reference } MB/s의 4분의 1이 안 된다
echo-time-wait-log = 포트 { $port }{ JOSA($port, "을", "를") } 쥔 TIME_WAIT 항목이 있는가: { $held }
echo-throughput-log = { $round }번째: 기준 { $reference } MB/s, 여러분의 서버 { $yours } MB/s
errors-still-running = { $label }: { $situation } 아직 돌고 있었다
run-stuck = { $what }. 더 기다렸어도 끝나지 않았을 것이다: { $label }{ JOSA($label, "이", "가") } 아무것도 끝내 주지 않을 블로킹 호출 안에서 잠든 채 멈췄다(기다리는 곳을 보라)
run-spins = { $what }. 더 기다렸어도 끝나지 않았을 것이다: { $label }{ JOSA($label, "이", "가") } 상대가 닫은 연결 곁에서 끝없이 돌고 있다(도는 곳을 보라)
run-spins-without-accepting = { $what }. 더 기다렸어도 끝나지 않았을 것이다: { $label }{ JOSA($label, "이", "가") } 리스닝 소켓에서 연결이 수락을 기다리는 동안 끝없이 돌고 있다(도는 곳을 보라)
errors-the-contract = 계약: stderr에 한 줄, 종료 상태 1
errors-lines-instead-of-one = { $label }: { $situation } 상태 1로 종료했지만 stderr에 한 줄이 아니라 { $lines }{ JOSA($lines, "을", "를") } 썼다
errors-not-the-line = `{ $shown }`{ JOSA($shown, "이", "가") } 상태 1로 종료했지만 stderr가 그 한 줄의 오류 메시지가 아니다
errors-takes-no-arguments = { $label }{ JOSA($label, "은", "는") } 인자 없이 시작해도 계속 실행되었다(--program으로 준 프로그램은 포트를 받지 않고 자기 포트에서 리슨할 수 있다). 실습의 사용법 오류와 포트가 이미 쓰일 때의 오류는 확인하지 않는다
errors-started-bare = `{ $command }`{ JOSA($command, "을", "를") } 인자 없이 시작했다
errors-when-no-arguments = 인자 없이 시작했을 때
errors-port-taken = 채점기의 소켓이 포트 { $port }에서 리슨한다. 서버를 그 포트로 시작한다
errors-when-port-taken = 포트({ $port })가 이미 쓰이고 있을 때
server-before-it-listened = 리슨하기 전에
server-before-listening-line = `listening on <ip>:<port>`를 출력하기 전에
server-closed-stdout = { $label }{ JOSA($label, "이", "가") } `listening on <ip>:<port>`를 출력하지 않고 stdout을 닫았다
server-not-a-listening-line = { $label }{ JOSA($label, "이", "가") } { $line }{ JOSA($line, "을", "를") } 출력했는데, 이는 `listening on <ip>:<port>`가 아니다
server-says-other-port = { $label }{ JOSA($label, "을", "를") } 포트 { $port }{ JOSA($port, "으로", "로") } 시작했는데 포트 { $actual }에서 리슨한다고 한다
server-print-real-port = 인자가 아니라 getsockname()이 돌려준 포트를 출력하라. 0이면 커널이 포트를 고른다
server-bind-unchecked = 그 서버는 정말로 포트 { $actual }에서 리슨한다: 포트 { $port }에 대한 bind()가 실패했는데(그 포트의 이전 연결이 TIME_WAIT로 기다리는 동안의 EADDRINUSE?) 아무도 그 결과를 확인하지 않아서, listen()이 자기 포트를 스스로 골랐다. bind()가 돌려주는 값을 확인하고, 오류면 stderr에 그렇게 말하고 상태 1로 종료하라
server-graded-on-its-port = { $label }{ JOSA($label, "이", "가") } 받은 포트({ $port })가 아니라 포트 { $actual }에서 리슨한다: { $actual }에서 채점한다
server-never-listened = { $label }{ JOSA($label, "이", "가") } 5초 안에 어느 포트에서도 리슨하지 않았다(/proc에 LISTEN 소켓도, 바인드된 UDP 소켓도 없다)
server-no-line-in-5s = { $label }{ JOSA($label, "이", "가") } 5초 안에 `listening on <ip>:<port>` 줄을 출력하지 않았다
server-wrote-much = { $label }{ JOSA($label, "이", "가") } stdout에 { $out }바이트, stderr에 { $err }바이트를 썼다(채점기는 각각 처음 4 MiB만 보관한다)
server-it-listens-on = 리슨하는 곳
server-ports = 포트 { $ports }
server-flushed = 그 줄 뒤에 stdout을 flush했는가? 그 줄을 listen() 뒤에만 출력하는가?
server-port-taken = 포트가 이미 쓰이고 있었다: plain 모드에서는 테스트들이 이 머신의 포트를 함께 쓰므로, (받은 포트를 무시하고) 고정 포트에서 리슨하는 프로그램은 다른 테스트의 자기 자신이나 그 포트를 쓰는 다른 프로그램과 부딪힌다. -j 1로 채점하거나, root로 --sandbox namespaces(테스트마다 자기 네트워크)로 채점하라
server-no-program = 표의 행에 프로그램 이름이 없는 서버 테스트
library-unreadable-answer = 하네스가 { $call }에 준 답을 읽지 못했다: { $reply }
library-wrong-answer = { $call }: 기대 { $expected }, 실제 { $got }
library-wrong-answers = 틀린 답
library-wrong-of = 입력 { $total }개 중 { $wrong }개
library-log-ok = { $call } = { $value } [맞음]
library-log-wrong = { $call } = { $value } [틀림]
library-calls-log = 호출 { $calls }번, 틀림 { $wrong }번
library-undefined-behaviour-c = 정의되지 않은 동작 검사기(sanitizer)가 이 호출에서 하네스를 멈췄다(SIGILL): 채점기는 함수들을 -fsanitize=undefined로 빌드하며, 이것은 C가 결과를 정의하지 않은 첫 연산에서 멈춘다. int를 그 비트 너머로 시프트하거나(바이트는 시프트되기 전에 int로 승격된다), 부호 있는 정수가 넘치거나, 자료형의 폭 이상으로 시프트하는 연산이다
rules-broken-c = { $exercise }{ JOSA($exercise, "이", "가") } 규칙을 어긴다: 컴파일된 코드가 금지된 함수를 부르거나 요구된 함수를 부르지 않는다(규칙 { $n }개)
rules-broken = { $exercise }{ JOSA($exercise, "이", "가") } 규칙을 어긴다(clippy가 { $places }{ JOSA($places, "을", "를") } 지적했다)
clients-thread-failed = 클라이언트 스레드가 실패했다
clients-flood-short = 데이터를 쏟아붓는 클라이언트가 제시간에 { $total }바이트 중 { $at }바이트만 보낼 수 있었다
clients-flood-failed = 데이터를 쏟아붓는 스레드가 실패했다
echo-sending-thread-failed = 보내는 스레드가 실패했다
stalled-stops = 서버를 { $n }번 멈췄다가 재개함
stalled-short-send = 서버를 멈췄다가 재개한 뒤 바이트가 사라졌다: send()가 적은 수를 돌려줬는데 나머지를 보내지 않았다
stalled-sent-nothing = 첫 바이트조차 돌아오지 않았고 서버는 send에서 블로킹된 적도 없다: 클라이언트가 읽지 않는 동안 서버는 아무것도 보내지 않았으니 send 뒤에 사라진 바이트도 없다. 서버가 어디서 무엇을 기다렸는지 보라
stalled-non-blocking = 클라이언트가 읽지 않는 동안 바이트가 사라졌다: 논블로킹 send는 데이터의 일부만 받을 수 있다(또는 EAGAIN으로 실패한다). 나머지는 그 클라이언트의 버퍼에 두었다가 poll이 POLLOUT을 알릴 때 보내라
hidden-accepted = 연결을 수락함
hidden-eof = 클라이언트의 EOF
hidden-closed-early = 일부러 연결을 일찍 닫음
hidden-write-failed = 쓰기 실패: 클라이언트가 사라졌다
stall-not-blocked = 서버가 클라이언트에게 보낼 { $queued }바이트를 남긴 채 멈췄는데 send에서 블로킹되어 있지 않다: 끼어들 것이 없다
stall-stopped = send가 블로킹된 동안 서버를 멈춤(SIGSTOP)
stall-continued = 서버를 재개함(SIGCONT)
stall-restarted = 그 send는 아직 한 바이트도 받아들이지 않았기에 커널이 그것을 다시 시작했다(짧은 반환 없음): 채점기가 기다리는 것을 조금 읽어 서버가 나아가게 하고 다시 해 본다

## day2-echo의 클라이언트 (exercises/day2_echo/)

client-no-exit-after-stdin = stdin이 끝났는데 echo-client가 종료하지 않았다
client-while-echoing = 에코하는 중에
client-sent-differs = echo-client가 서버로 보낸 바이트가 받은 줄과 다르다
client-closed-before-echo = echo-client가 자기 줄의 에코가 아직 돌아오는 동안 연결을 닫았다(한 바이트씩 보내던 서버가 연결이 사라진 것을 보았다): recv() 한 번이 돌려준 것을 줄 전체로 여겼다. 그 줄의 바이트 수만큼 돌아올 때까지 계속 읽고, 그다음에 출력하라
client-cut-at-nul = NUL 바이트가 든 줄이 NUL에서 잘렸다: 그 뒤의 바이트는 나가지 않았다. 줄은 바이트다(NUL도 포함한다): 읽은 그대로의 길이를 지키고, 첫 NUL로 길이를 재지 말라
client-cut-at-nul-c = NUL 바이트가 든 줄이 NUL에서 잘렸다: 그 뒤의 바이트는 나가지 않았다. strlen()은 첫 NUL에서 멈추고, fgets()는 몇 바이트를 읽었는지 말해 주지 않는다: 줄마다 getline()으로 읽어라. getline()은 그 길이(NUL을 포함한 모든 바이트)를 돌려주니, 그만큼 보내라
client-no-newlines = 줄바꿈 없이 줄을 보냈다: 각 줄을 읽은 그대로, 줄바꿈까지 보내라(서버는 줄이 아니라 바이트를 에코한다)
client-stdout-differs = echo-client의 stdout이 받은 줄과 다르다
client-by-hand-socat = 한 터미널에서 `socat TCP-LISTEN:7000,reuseaddr,fork EXEC:cat`, 그다음 `printf { $input } | { $client } 127.0.0.1 7000`
client-when-closed-early = 서버가 연결을 일찍 닫았을 때
client-nothing-listens = 포트 { $port }에서 리슨하는 것이 없다
client-when-refused = 연결이 거부됐을 때
client-gave-up-log = echo-client가 { $seconds }초 뒤 포기함
client-when-no-answer = 서버가 끝내 답하지 않았을 때(4초)
client-gave-up-early = echo-client가 { $seconds }초 뒤 포기했다. 계약은 느린 서버에 답할 시간 2초를 준다
client-wait-2s = 포기하기 전에 계약이 느린 서버에 주는 2초를 다 기다리라(TimeVal::seconds(2)의 SO_RCVTIMEO)
client-wait-2s-c = 포기하기 전에 계약이 느린 서버에 주는 2초를 다 기다리라(tv_sec = 2인 `struct timeval`의 SO_RCVTIMEO)

## `--help` (cli.rs; 영어는 cli.rs의 문서 주석에 있다)

help-usage = 사용법:
help-options = 옵션
help-commands = 명령
help-help = 도움말을 보여 준다
help-version = 버전을 보여 준다
help-about = 소켓 프로그래밍 실습의 실습들을 숨은 테스트로 채점한다.
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
help-cmd-sync = 강사용: 손으로 쓴 것에서 따라 나오는 것을 쓴다. 풀이의 규칙을 스텁과 checker/pristine/에 복사하고, 강의의 규칙 표와 C 실습마다 Makefile을 쓰고, 새 제목과 힌트의 ko.ftl 항목을 (번역될 때까지 영어로) 더한다. 그다음 아직 번역할 것을 알려 준다.

## 스레드 하나인 서버들의 테스트 (exercises/multiplexing.rs)

multi-clients-failed = 실패한 클라이언트
multi-of-100 = 100개 중 { $failed }개
multi-never-served = 한꺼번에 연결한 클라이언트 200개 중 { $n }개가 끝내 처리되지 않았다
multi-first-unserved = 처음으로 처리되지 않은 것
multi-accept-all = 함께 도착한 연결은 수락될 때까지 리슨 큐에서 기다린다: 리스닝 소켓을 읽을 수 있을 때마다 (EAGAIN까지) 모두 수락하고, 클라이언트 수에 고정된 한도를 두지 말라
multi-fixed-table = 서버가 클라이언트 { $n }개를 쥔 채 잠들어 있고, 다음 연결은 수락되지 않은 채 리슨 큐에서 기다린다: 클라이언트 표가 고정 크기라 꽉 찼는가? 한도를 두지 않고(늘어나는 Vec), 리스닝 소켓을 읽을 수 있을 때마다 수락한다
multi-fixed-table-c = 서버가 클라이언트 { $n }개를 쥔 채 잠들어 있고, 다음 연결은 수락되지 않은 채 리슨 큐에서 기다린다: 클라이언트 표가 고정 크기라 꽉 찼는가? 한도를 두지 않고(realloc으로 늘리는 배열), 리스닝 소켓을 읽을 수 있을 때마다 수락한다
multi-stalled-sent = 멈춘 클라이언트가 { $size }{ JOSA($size, "을", "를") } 보내고 아무것도 읽지 않았다
multi-stopped-everybody = 한 클라이언트가 읽지 않는 동안 서버가 모두의 처리를 멈췄다: 그 클라이언트로의 send는 결코 기다리면 안 된다. 들어가지 않는 것은 그 클라이언트의 버퍼에 두었다가 소켓에 쓸 수 있을 때 보내라
multi-slowest-echo = 가장 느린 에코: { $ms } ms
multi-waited = 다른 클라이언트가 읽지 않는 동안 한 클라이언트가 에코를 { $seconds }초 기다렸다
multi-lost-bytes = 읽지 않던 클라이언트가 바이트를 잃었다: 소켓에 다시 쓸 수 있을 때까지 그 출력을 버퍼에 두라
multi-memory-log = 클라이언트가 { $sent } MiB를 보냄. 서버의 메모리가 { $grew } MiB 늘어남
multi-memory-grew = { $sent } MiB를 보내고 아무것도 읽지 않은 클라이언트 때문에 서버의 메모리가 { $grew } MiB 늘었다
multi-back-pressure = 백프레셔(back-pressure): 한 클라이언트에게 보낼 것이 1 MiB를 넘게 기다리는 동안에는 그 클라이언트에서 읽기를 멈추라(POLLIN을 요청하지 말라). 그러면 데이터는 커널에서 기다리고 그 클라이언트의 send가 블로킹된다
multi-cpu-log = 리셋 뒤 0.3초 동안의 CPU 시간: { $ms } ms
multi-pollerr = POLLERR와 POLLHUP(EPOLLERR, EPOLLHUP)는 요청하든 않든 온다: 둘 중 하나가 오면 그 클라이언트를 닫으라
multi-runnable-log = 클라이언트 20개가 조용하던 0.3초 동안 서버가 실행 가능 상태였던 시간: { $ms } ms
multi-spins-idle = 클라이언트 20개가 연결한 채 조용한데 서버가 0.3초 가운데 { $ms } ms 동안 실행 가능 상태였다: 기다리지 않고 헛돌고 있다
multi-pollout-on-demand = POLLOUT(EPOLLOUT)은 클라이언트에게 보낼 출력이 남아 있는 동안에만 요청하라: 쓸 자리가 있는 소켓은 언제나 쓸 수 있으므로 poll이 곧바로, 거듭 돌아온다
multi-spins = 클라이언트가 연결을 리셋한 뒤 서버가 0.3초 동안 CPU를 { $ms } ms 썼다: 헛돌고 있다
multi-still-holds-reset = 클라이언트가 연결을 리셋했는데 1초 뒤에도 서버가 그 소켓을 쥐고 있다
multi-reset-not-taken = 클라이언트가 연결을 리셋했는데 서버 쪽 커널이 그 리셋을 끝내 받아들이지 않았다(소켓이 ESTABLISHED로 남았다): 검사기가 이 테스트를 판정하지 못했으니 다시 실행하라
multi-reset-taken-late = 서버 쪽 커널은 클라이언트의 리셋을 보낸 지 { $ms } ms 뒤에야 받아들였다(리셋은 큐에서 기다리기도 하고, 서버 쪽 커널이 그 포트로 다음에 무언가 보낼 때까지 무시되기도 한다): 1초는 그때부터 센다
multi-stopped = 서버를 멈춤(SIGSTOP)
multi-continued-together = 서버를 재개함: 데이터와 EOF가 함께 소켓에서 기다린다
echo-continued-after-reset = 서버를 재개함: 리셋이 그 소켓에 도착했으니 그 소켓의 다음 read나 send는 실패한다
multi-read-zero = read가 0이면 클라이언트의 입력이 끝난 것이지 출력이 끝난 것은 아니다: 버퍼에 있는 것을 보낸 뒤 닫으라
multi-output-waits = 읽지 않고 { $sent }{ JOSA($sent, "을", "를") } 보냈다: 이제 에코 중 { $waiting }{ JOSA($waiting, "이", "가") } 서버 자신의 버퍼에서 기다린다(서버 소켓에도 우리 소켓에도 없다). 다음은 EOF
multi-slow-reader = 느리게 읽는 클라이언트를 위해 기다리던 출력이 끝내 보내지지 않았다: EAGAIN까지 보내고, 나머지는 소켓에 다시 쓸 수 있을 때 보내라
multi-closed-after = 서버가 { $total }바이트 중 { $got }바이트만 보내고 연결을 닫았다
multi-send-then-close = 클라이언트의 EOF 뒤에는 아직 버퍼에 있는 것을 모두 보낸 뒤 닫으라
multi-bytes-differ = 돌아온 바이트가 보낸 바이트와 다르다
multi-fd-listening = fd { $fd }: 리스닝 소켓
multi-fd-client = fd { $fd }: 클라이언트의 소켓
multi-blocking = 서버의 소켓 { $n }개가 블로킹이다(/proc/{ $pid }/fdinfo에 O_NONBLOCK 없음)
multi-blocking-label = 블로킹
multi-make-non-blocking = 모두를 위한 스레드가 하나뿐이면, 기다리는 호출 하나가 모두를 멈춘다: 모든 소켓을 논블로킹으로 만들라(socket()과 accept4()에 SOCK_NONBLOCK, 또는 fcntl O_NONBLOCK)
multi-threads = 클라이언트 20개가 연결된 동안 서버가 스레드 { $threads }개와 자식 프로세스 { $children }개를 돌린다
multi-one-thread = 이 실습의 내용은 모든 클라이언트를 위한 프로세스 하나의 스레드 하나다: 어느 소켓이 준비됐는지는 poll이나 epoll이 알려 준다

## day3-fork (exercises/day3_fork.rs)

fork-a-silent = 연결하고 아무 말도 하지 않음
fork-b-not-served = 클라이언트 A가 연결된 동안 클라이언트 B가 처리되지 않았다: 서버가 한 번에 한 클라이언트만 처리한다(클라이언트마다 자식을 fork하라)
fork-a-stays = 끝까지 연결을 유지함
fork-b-left = 연결을 닫음: 그 자식이 끝난다
fork-c-not-served-after-b = 클라이언트 A가 남아 있는 동안 클라이언트 B가 떠난 뒤 클라이언트 C가 처리되지 않았다: 자식 하나를 거둔 뒤로 서버가 더는 수락하지 않는다(WNOHANG 없이 waitpid를 부르는 SIGCHLD 핸들러는 A의 자식까지 거기서 기다린다)
fork-stopped-for-burst = 서버를 멈춤(SIGSTOP): 서버가 바쁜 동안 클라이언트 50개가 도착한다
fork-continued = 서버를 재개함(SIGCONT)
fork-slow-connects = 한꺼번에 도착한 클라이언트 50개 중 { $n }개가 1초 이상 지나서야 연결할 수 있었다
fork-of-50 = 50개 중 { $failed }개
fork-fifty-in-6s = 각각 0.5초짜리 대화 50개가 6초 안에 모두 끝나야 한다: 하나씩 처리하면 25초가 걸린다
fork-cannot-all-be-over = 한 번에 대화를 많아야 { $at_once }개 처리했고, 아직 시작하지 못한 대화가 { $waiting }개다. 적어도 { $seconds }초가 더 걸리니 테스트가 주는 6초를 넘는다(마감까지 기다리지 않고 지금 판정한다)
fork-connects = 연결
fork-connects-text = 클라이언트 { $connected }개가 연결했고, 그중 { $slow }개는 1초 이상 지나서야 연결했다
fork-backlog = 연결이 수락되기까지 1초 이상 기다렸다: 리슨 큐가 가득 차서 커널이 SYN을 버렸고, 클라이언트가 1초 뒤에 다시 보냈다. 동시에 오는 클라이언트 50개에는 listen(fd, 5)보다 큰 백로그가 필요하다: course.ko.md#backlog
fork-three-clients = 클라이언트 3개가 연결돼 있는데 클라이언트의 연결을 쥔 서버의 자식은 { $n }개다(클라이언트마다 그를 맡는 자기 자식이 있다. 스레드는 세지 않고, 다른 자식 { $others }개도 세지 않는다)
fork-2s-after-half-close = 클라이언트의 하프 클로즈 뒤 2초가 지나도
fork-parent-holds = 부모가 아직 연결 소켓의 자기 복사본을 쥐고 있다: fork() 직후 닫아야(drop) 한다. 그러지 않으면 연결이 끝나지 않는다
fork-parent-holds-c = 부모가 아직 연결 소켓의 자기 복사본을 쥐고 있다: fork() 직후 close(fd)로 닫아야 한다. 그러지 않으면 연결이 끝나지 않는다
fork-no-listening-socket = /proc에서 서버의 리스닝 소켓을 찾지 못했다
fork-child-holds-listener = 자식 { $n }개가 리스닝 소켓을 쥐고 있다(자식 { $pids })
fork-zombies-after-20 = { $run }번째 실행: 클라이언트 20개 중 마지막이 떠나고 1초 뒤에 좀비 프로세스 { $n }개
fork-reaps-late = 클라이언트가 하나 더 연결하고 나서야 좀비가 사라졌다: 서버가 SIGCHLD가 올 때가 아니라 accept가 반환할 때 회수한다. SIGCHLD 핸들러에서 회수한다(또는 시그널로 루프를 깨운다: SA_RESTART 없는 EINTR, 셀프 파이프, signalfd)
fork-zombies-after-50 = { $run }번째 실행: 클라이언트들이 한순간에 떠난 뒤 자식 50개 중 { $n }개가 좀비 프로세스로 남았다
fork-one-waitpid = SIGCHLD마다 waitpid 한 번으로는 모자란다: 핸들러가 도는 동안 더 많은 자식이 끝나고 그 시그널들은 하나로 합쳐진다
signals-zombies-left = 클라이언트들이 한순간에 떠난 자식 { $of }개 가운데 { $n }개가, 새 연결이 없는 채로 서버를 다시 움직이고 3초가 지나도 좀비 프로세스로 남아 있다
fork-reaps-none = 서버가 SIGCHLD를 받는데도 끝난 자식 { $n }개 가운데 하나도 회수되지 않았다: 시그널에서 도는 코드가 waitpid를 전혀 부르지 않는다. 거기서 회수하라: 더 줄 것이 없을 때까지 waitpid(-1, WNOHANG)를 반복하라
fork-after-5-left = 클라이언트 5개가 떠난 뒤
fork-stopped-serving = 자식들이 사라지자 서버가 처리를 멈췄다: SIGCHLD가 오면 accept()가 EINTR로 실패하는가? EINTR이면 다시 시도하라(또는 핸들러를 SA_RESTART로 설치하라)
fork-while-clients-left = 클라이언트들이 떠나는 동안
fork-still-has = 클라이언트 5개가 떠났는데 서버에 자기 말고도 프로세스가 { $n }개 있다
fork-zombies-label = 좀비 프로세스(종료했지만 회수되지 않음)
fork-servers-label = 리스닝 소켓을 쥔 자식
fork-others-label = 그 밖의 프로세스
fork-falls-back = 클라이언트가 끝난 뒤 종료하지 않는 자식은 accept 루프로 돌아가 두 번째 서버가 된다: 자식의 분기 끝에서 종료하라
fork-elsewhere-label = 리스닝 소켓을 쥔 채 다른 것을 기다리는 자식
fork-lives-on = 이 자식들은 accept하지 않는다. 저마다 다른 것을 기다리며(위의 위치를 본다) 서버만큼 오래 사는 프로세스다(로거?). 클라이언트가 모두 떠나면 서버는 프로세스 하나다: 그 일은 부모가 하거나, 일이 끝나면 그 자식을 끝낸다. 그리고 자식은 물려받은 리스닝 소켓을 닫는다
fork-never-reaped = 자식들은 종료했지만 아무도 회수하지 않았다: SIGCHLD가 오면 waitpid(-1, WNOHANG)를 반복하라
fork-neither = 이 프로세스들은 좀비 프로세스도, 수락하는 자식도 아니다: 서버가 시작한 프로세스는 일이 끝나면 모두 끝나야 한다
fork-after-children-died = 클라이언트를 기다리는 동안 자식들이 죽은 뒤
fork-accept-eintr = { $run }번째 실행: SIGCHLD가 오자 accept()가 EINTR로 실패했다. EINTR이면 다시 시도하라(또는 핸들러를 SA_RESTART로 설치하라)
fork-stopped-accepting = { $run }번째 실행: 자식들이 죽은 뒤 서버가 수락을 멈췄다
fork-no-sigchld = 서버가 SIGCHLD를 전혀 받지 않는다(SigCgt에 핸들러도, signalfd도 없다): 자식이 끝나도 아무도 회수하지 않는다. waitpid(-1, WNOHANG)를 반복하는 SIGCHLD 핸들러를 설치하라
fork-sigchld-ignored = SIGCHLD가 무시된다(SIG_IGN): 그러면 커널이 알아서 자식을 회수하지만, 이 실습의 내용은 waitpid로 회수하는 핸들러다
fork-sigchld-default = SIGCHLD가 기본 처리 방식이다: 자식을 회수하는 핸들러가 없다
fork-sigchld-not-taken = SIGCHLD를 받지 않는다: 핸들러(/proc/<pid>/status의 SigCgt)도 signalfd도 없다

## UDP (observe/wire/udp.rs, exercises/day3_udp.rs)

udp-port-closed = { $who }: 서버의 포트가 닫혀 있다(ICMP port unreachable): 서버가 멈췄는가?
udp-port-unbound = { $who }: 서버의 포트 { $port }에 바인드된 소켓이 더는 없다. 서버가 소켓을 닫았거나 끝났으므로 답은 올 수 없다
udp-port-unbound-note = 포트 { $port }에 바인드된 것이 더는 없다: 기다리기를 멈췄다
udp-no-reply = { $who }: { $size } 데이터그램에 응답이 없다
udp-reply-from-elsewhere = { $who }: 응답이 서버의 포트 { $port }{ JOSA($port, "이", "가") } 아니라 포트 { $from }에서 왔다
udp-reply-cut = { $who }: 응답은 { $got }인데 보낸 데이터그램은 { $sent }였다: 잘렸다
udp-reply-differs = { $who }: 응답이 보낸 데이터그램과 다르다
udp-b-reply-to-b = B의 응답은 B에게 가야 한다
udp-a-reply-to-a = A의 응답은 A에게 가야 한다
udp-unexpected-datagram = { $who }: 포트 { $port }에서 예상하지 않은 데이터그램: { $data } ({ $why })
udp-dropped-on-purpose = 일부러 버림: 클라이언트가 다시 보내야 한다
udp-three-replies = 데이터그램 셋을 보냈으니 응답 셋을 기대한다
udp-empty-is-a-datagram = 빈 데이터그램도 데이터그램이다: 그 응답도 비어 있다
udp-after-empty = 빈 데이터그램 뒤에
udp-got-from-stranger = 클라이언트 { $client }{ JOSA($client, "이", "가") } 서버가 아니라 포트 { $port }에서 { $data }{ JOSA($data, "을", "를") } 받았다
udp-not-its-own = 클라이언트 { $client }{ JOSA($client, "이", "가") } { $wave }번째 묶음에서 정확히 자기 데이터그램 5개를 돌려받지 못했다
udp-nothing = 없음
udp-client-no-exit = stdin이 끝났는데 udp-client가 종료하지 않았다
udp-while-talking = 서버와 주고받는 중에
udp-stdout-differs = udp-client의 stdout이 받은 줄과 다르다({ $note })
udp-printed-stranger = 낯선 곳에서 온 데이터그램을 출력했다: 다른 포트에서 온 응답은 무시해야 한다
udp-plain-echo = 평범한 에코
udp-dropped-first = 서버가 데이터그램마다 첫 사본을 버렸다
udp-gave-up-after-one-try = udp-client가 데이터그램을 한 번 보내고 포기했다(종료 1): 서버가 그 첫 사본을 버렸는데 두 번째 사본은 오지 않았다. 0.5초 안에 응답이 없으면 데이터그램을 다시 보내고, 세 번째 시도 뒤에만 포기하라
udp-stranger-first = 낯선 곳이 먼저 답했다
udp-gave-up-log = udp-client가 { $seconds }초 뒤, { $tries }번 시도하고 포기함
udp-still-trying = udp-client가 데이터그램을 { $n }번 보내고 4초가 지나도 계속 돌고 있었다: 세 번째 시도 뒤에는 멈추라
udp-gave-up-stuck = udp-client가 데이터그램을 { $n }번 보내고 포기하지 않았다
udp-when-no-answer = 서버가 끝내 답하지 않았을 때
udp-tries = udp-client가 포기하기 전에 데이터그램을 { $n }번 보냈다. 계약은 모두 3번 시도다

## day4-signals (exercises/day4_signals/)

sig-sent-usr1-waiting = 서버가 클라이언트를 기다리는 동안 SIGUSR1을 보냄
sig-stats-wrong = 통계 줄이 올바르지 않다
sig-after-usr1 = SIGUSR1 뒤에
sig-no-stats-line = SIGUSR1 뒤 0.5초 안에 `{ $wanted }` 줄이 없다
sig-sa-restart = 그 줄은 다음 클라이언트가 연결했을 때에야 나왔다: SA_RESTART이면 중단된 accept()가 다시 시작되어 루프가 제때 플래그를 보지 못한다. SIGUSR1 핸들러를 SA_RESTART 없이 설치하라(또는 다른 방법으로 루프를 깨우라: self-pipe, signalfd, ppoll)
sig-no-child-holds = 서버의 어느 자식도 클라이언트의 연결을 쥐고 있지 않다: 클라이언트마다 자기 자식에서 처리하라(fork)
sig-could-not-stop-child = 자식을 멈추지 못했다: { $error }
sig-stopped-child = 클라이언트를 처리하는 자식을 멈춤(SIGSTOP)
sig-reset-not-seen = 서버 쪽 연결이 클라이언트의 리셋을 끝내 받아들이지 않았다
sig-stopped-parent = 부모를 멈춤(SIGSTOP): 자식의 종료 상태를 읽을 수 있게
sig-continued-child = 자식을 재개함: 리셋된 연결에서 에코할 줄을 찾는다
sig-continued-parent = 부모를 재개함(SIGCONT)
sig-child-did-not-end = 클라이언트가 연결을 리셋한 뒤 3초 안에 그 클라이언트를 처리하던 자식이 끝나지 않았다
sig-killed-by-sigpipe = 클라이언트를 처리하던 자식이 리셋된 연결에 쓰다가 SIGPIPE로 죽었다
sig-msg-nosignal = MsgFlags::MSG_NOSIGNAL로 보내라(또는 일부러 SIGPIPE를 무시하라): 그러면 쓰기가 EPIPE로 실패하고 자식이 그것을 처리할 수 있다
sig-msg-nosignal-c = MSG_NOSIGNAL로 보내라(`send(fd, buf, len, MSG_NOSIGNAL)`). 또는 일부러 SIGPIPE를 무시하라: 그러면 쓰기가 EPIPE로 실패하고 자식이 그것을 처리할 수 있다
sig-killed-by = 클라이언트가 연결을 리셋한 뒤 그 클라이언트를 처리하던 자식이 { $signal }{ JOSA($signal, "으로", "로") } 죽었다
sig-a-signal = 어떤 시그널
sig-after-child-reset = 자식의 클라이언트가 연결을 리셋한 뒤
sig-now-silent = 이제 조용히 있음
sig-idle-1s = idle-seconds는 1이다: 1초 동안 조용한 클라이언트는 `timeout\n`을 받아야 한다(자식에서 alarm(idle), SA_RESTART 없는 SIGALRM 핸들러)
sig-after-timeout = `timeout` 뒤에도(유휴 클라이언트의 연결을 끊으라)
sig-active-timed-out = 활발한 클라이언트가 타임아웃으로 끊겼다: read 뒤마다 alarm()을 다시 시작해야 한다
sig-silent-thread-failed = 조용한 클라이언트의 스레드가 실패했다
sig-timeout-early = 클라이언트가 조용해진 뒤 { $seconds }초 만에 `timeout`이 왔다. idle-seconds는 1이다
sig-filled-pipe = 서버의 stdout 읽기를 멈추고 파이프를 채움(채움용 줄 { $filler }바이트)
sig-sent-sigterm = SIGTERM을 보냄: 파이프가 비워질 때까지 서버의 `bye`는 쓰일 수 없다
sig-sent-usr1-writing = 서버가 stdout에 쓰다 블로킹된 동안 SIGUSR1을 보냄
sig-never-blocked = 서버가 stdout에 쓰면서 블로킹된 적이 없다
sig-drained = 파이프를 비움
sig-still-running-after-term = stdout이 비워졌는데도 SIGTERM 뒤 2초가 지나도록 서버가 돌고 있었다
sig-usr1-during-bye = stdout에 `bye`를 쓰는 동안 SIGUSR1이 온 뒤에
sig-handler-prints = SIGUSR1 핸들러가 `bye`의 println! 한가운데서 실행됐다: 출력하는 핸들러는 중단된 println!이 쥔 stdout 락이 필요하다. 핸들러에서는 플래그만 세우고 메인 루프에서 출력하라
sig-handler-prints-c = { $ended ->
    [unhandled] `bye`를 쓰는 동안 SIGUSR1이 프로그램을 끝냈다: 핸들러는 끝까지 설치된 채로 있어야 한다(SA_RESETHAND도, 마지막 쓰기 전의 signal(SIGUSR1, SIG_DFL)도 없이). 핸들러 자체는 `volatile sig_atomic_t` 플래그만 세운다
   *[interrupted] SIGUSR1이 `bye`의 쓰기를 중단시켰는데(stdout이 가득 차 있었다) 프로그램이 그것을 오류로 여겼다: SA_RESTART 없이 설치한 핸들러는 write()를 EINTR로 실패하게 하고, 그러면 stdio의 fflush()도 실패하며 버퍼에 담아 둔 것을 버린다. 핸들러를 SA_RESTART로 설치하거나, `bye`를 write()로 쓰고 EINTR이나 부분 쓰기 뒤에는 다시 쓰라
}
sig-no-bye = 서버가 상태 0으로 종료했지만 `bye`를 출력하지 않았다
sig-sending-thread-failed = 보내는 스레드가 실패했다
sig-storm-sent = { $ms } ms 동안 프로세스 그룹에 SIGUSR1을 { $sent }번 보냄
sig-during-storm = SIGUSR1이 쏟아지는 동안
sig-eintr-retry = 시그널로 중단된 호출은 EINTR로 실패한다: 클라이언트를 포기하지 말고 다시 시도하라
sig-no-served-line = SIGUSR1 1000번 뒤에 `served <N> clients` 줄이 하나도 없다
sig-malformed-stats = 형식이 잘못된 통계 줄

## day4-signals의 종료, day5-epoll의 엣지 트리거 (exercises/day4_signals/exit.rs, day5_epoll/edge.rs)

edge-no-epoll = 서버에 무언가를 지켜보는 epoll 인스턴스가 없다(anon_inode:[eventpoll] 디스크립터의 fdinfo에 `tfd:` 줄이 없다)
edge-create = epoll_create1 뒤에 리스닝 소켓과 모든 클라이언트에 epoll_ctl(EPOLL_CTL_ADD)
edge-not-in-set = 클라이언트의 fd { $fd }{ JOSA($fd, "이", "가") } epoll 집합에 없다
edge-level-triggered = 클라이언트의 fd { $fd }{ JOSA($fd, "이", "가") } 레벨 트리거다: events { $events }, EPOLLET 없음
edge-not-edge-triggered = 클라이언트 소켓이 엣지 트리거로 등록되지 않았다
edge-in-proc = /proc에서
edge-register = 각 클라이언트를 EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET로 등록하라
edge-register-c = 각 클라이언트를 epoll_ctl(EPOLL_CTL_ADD)로 `ev.events = EPOLLIN | EPOLLOUT | EPOLLET`와 함께 등록하라
edge-read-until-eagain = EPOLLIN 한 번 뒤에는 EAGAIN까지 읽으라: 한꺼번에 온 것의 나머지는 다시 알려지지 않는다
exit-on = { $signal }{ JOSA($signal, "을", "를") } 받고
exit-must-exit-0 = { $signal } 뒤에 서버는 스스로 상태 0으로 종료해야 한다: 플래그를 세우는 핸들러를 설치하라
exit-stopped-children = 서버의 자식 { $n }개를 멈춤(SIGSTOP)
exit-sent-signal = 클라이언트 2개가 연결된 채 { $signal }{ JOSA($signal, "을", "를") } 보냄
exit-continued-children = 자식들을 재개함(SIGCONT)
exit-children-alive = { $signal } 뒤에 서버가 자식 { $n }개가 아직 살아 있는데 종료했다
exit-stop-children = bye를 출력하고 종료하기 전에 자식들을 멈추고(kill(child, SIGTERM)) 기다리라(ECHILD로 실패할 때까지 waitpid)
exit-still-running = { $signal } 뒤 1초가 지나도 서버가 돌고 있었다
exit-handler-flag = 핸들러는 플래그를 세운다. 루프는 accept()가 EINTR로 실패할 때(SA_RESTART 없이) 그것을 보고, 닫고, 자식들을 멈추고, 회수한 뒤 돌아온다
exit-no-bye = { $signal } 뒤에 출력된 마지막 줄이 `bye`가 아니다
exit-left-running = 서버가 종료했지만 자식 프로세스 { $n }개가 아직 돌고 있다
exit-send-sigterm = 종료하기 전에 모든 자식에 SIGTERM을 보내고(kill) 기다리라
exit-not-reaped = 서버가 자식 { $n }개를 회수하지 않고 종료했다
exit-waitpid-echild = kill(child, SIGTERM) 뒤에 ECHILD로 실패할 때까지 waitpid하고, 그다음 bye를 출력하라
exit-port-taken = 서버가 종료한 뒤에도 포트 { $port }{ JOSA($port, "이", "가") } 아직 쓰이고 있다({ $error })
exit-child-kept-listener = 아직 무언가가 그 포트에서 리슨한다: 자식이 리스닝 소켓을 쥐고 있었다
exit-close-listener = 종료하기 전에 리스닝 소켓을 닫으라

## day3-shutdown (exercises/day3_shutdown.rs)

shut-after-file-complete = 파일을 다 보낸 뒤에도(보내는 쪽을 닫아(shutdown(SHUT_WR)) 클라이언트가 파일이 끝났음을 알게 하라)
shut-closed-not-half = 서버가 이 연결을 더 이상 쥐고 있지 않다: 하프 클로즈가 아니라 닫혔다
shut-wrong-line = 서버가 잘못된 줄을 출력했다
shut-after-message = 클라이언트의 메시지 뒤에
shut-no-says-line = 클라이언트의 메시지 뒤에 서버가 `client says: ...` 줄을 출력하지 않았다({ $wanted }{ JOSA($wanted, "을", "를") } 기대했다)
shut-closed-instead = 서버가 파일을 보낸 뒤 shutdown(SHUT_WR) 대신 연결을 close()했다: 닫힌 소켓은 클라이언트의 메시지를 읽을 수 없다(커널이 리셋으로 답한다)
shut-with-file = { $size } 파일로
shut-after-file = 파일을 다 보낸 뒤에도(보내는 쪽을 닫으라: shutdown(SHUT_WR))
shut-served-before = 이 클라이언트 전에 클라이언트 { $n }개가 처리됐다
shut-client-not-finished = file-client가 끝나지 않았다
shut-during-transfer = 전송 중에
shut-no-end-of-message = file-client가 종료했지만 숨은 서버는 그 메시지의 끝을 보지 못했다
shut-no-out-file = file-client가 0으로 종료했지만 출력 파일을 만들지 않았다(파일은 { $size }였다)
shut-create-first = 아무것도 오지 않더라도 첫 recv 전에 출력 파일을 만들라
shut-out-file-differs = 출력 파일이 서버가 보낸 { $size }{ JOSA($size, "과", "와") } 다르다
shut-only-start = 출력 파일에 파일의 앞부분만 있다: 클라이언트가 첫 recv 뒤에 멈췄는가? recv가 0을 돌려줄 때까지 읽으라
shut-wrong-receipt = file-client의 메시지가 받은 바이트 수 N으로 된 `received <N> bytes`가 아니다
shut-answered-early = 파일의 일부가 아직 오는 중인데 file-client가 서버의 EOF 전에 답했다
shut-message = 메시지
shut-one-recv = recv 한 번이 파일 전체는 아니다: recv가 0을 돌려줄 때까지 읽고, 그때에만 수신 확인을 보내라

## day1-endian, day2-inet의 참고 (exercises/day1_endian.rs, day2_inet/)

endian-machine-little = 이 머신은 리틀 엔디안이다: 0x0102는 메모리에 { $bytes }{ JOSA($bytes, "으로", "로") } 놓인다
endian-machine-big = 이 머신은 빅 엔디안이다: 0x0102는 메모리에 { $bytes }{ JOSA($bytes, "으로", "로") } 놓인다
endian-sign-extension = 0x8000_0000부터만 틀리는가? 부호 확장이다: 부호 있는(i32) 값을 오른쪽으로 시프트하면 맨 위 비트가 비는 바이트로 복사된다. u32 값을 시프트하라.
endian-sign-extension-c = 0x80000000부터만 틀리는가? 부호 확장이다: 부호 있는 값(int나 int32_t)을 오른쪽으로 시프트하면 맨 위 비트가 비는 바이트로 복사된다. uint32_t 값을 시프트하라(먼저 `(uint32_t)x`로 캐스트한다).
endian-htons-unchanged = htons가 입력을 그대로 돌려줬다: 이 리틀 엔디안 호스트에서는 바이트를 바꿔야 한다
inet-whitespace = glibc는 이것을 받아들인다: 주소 뒤의 첫 공백 문자(space, \t, \n, \v, \f, \r)에서 멈추고 나머지를 무시한다. 실제 함수의 함정이며, 이 실습은 그것을 그대로 따른다: course.ko.md#inet-aton이 그 까닭과, 호출하는 쪽이 문자열 전체를 확인하는 방법을 설명한다.
inet-leading-zeros = inet_pton은 앞의 0을 거부한다: inet_aton에게 `010`은 8진수 8이므로, 엄격한 파서는 짐작하면 안 된다
inet-four-parts = inet_pton은 정확히 네 부분을 원한다. 짧은 형식은 inet_aton의 것이다
inet-two-gaps = `::`가 둘이면 모호하다: 각각이 0 몇 개를 뜻하는지 아무도 알 수 없다
inet-seven-groups = `::`가 있으면 명시적인 그룹은 많아야 일곱 개다: `::`는 적어도 0인 그룹 하나를 뜻한다
inet-lowercase = glibc는 16진수 숫자를 소문자로 출력한다
inet-single-zero = `::`는 두 개 이상 이어진 0인 그룹을 대신한다. 0인 그룹 하나는 `0`으로 남는다
inet-dotted-end = v4-mapped(::ffff:a.b.c.d)와 v4-compatible(::a.b.c.d) 주소는 점 10진 표기로 끝난다
inet-addr-reversed = 바이트가 뒤집혔다: inet_addr는 주소를 메모리에 놓인 네트워크 순서 그대로 돌려주므로, 그 to_ne_bytes()는 네 부분이 순서대로다

## 라이브러리 실습의 하네스 (observe/harness.rs)

harness-no-return = { $call }{ JOSA($call, "이", "가") } 제한 시간 안에 돌아오지 않았다
harness-endless-loop = 끝없는 루프인가? (한계에 결코 닿지 못하는 루프 카운터, 조건이 결코 바뀌지 않는 `while`)
harness-while-running = { $call }{ JOSA($call, "을", "를") } 실행하는 중에
harness-private-channel = { $call }{ JOSA($call, "을", "를") } 실행하는 중에 하네스가 아닌 무언가가 채점기의 전용 채널(fd 3)에 썼다: 테스트받는 코드는 그것을 건드리면 안 된다
harness-written = 쓰인 것
harness-panicked = { $call }{ JOSA($call, "이", "가") } 패닉했다: '{ $message }' ({ $at })
harness-given = 입력
harness-unexpected = 하네스가 { $call }에 뜻밖의 답을 했다: { $reply }

## day1-fileio (exercises/day1_fileio/)

fileio-calls = { $calls } 호출했다: 부분 쓰기 { $short }번, EINTR로 실패 { $eintr }번
fileio-calls-none = write()도 writev()도 호출하지 않았다: 부분 쓰기 { $short }번, EINTR로 실패 { $eintr }번
fileio-calls-both = { $write }, { $writev }
fileio-calls-write = write()를 { $n }번
fileio-calls-writev = writev()를 { $n }번
fileio-the-calls = 호출
fileio-in-all = 모두 합쳐: 부분 쓰기 { $short }번, EINTR { $eintr }번
fileio-proved-nothing = 이 테스트 동안 부분 쓰기도, 끼어든 쓰기도 없었으므로 아무것도 증명하지 못했다. 머신이 타이머에 비해 너무 느리거나 부하가 클 수 있다(다시 실행하라)
fileio-only-first-arrived = { $total }바이트 중 처음 { $size }만 도착했다: write가 (여기서는 시그널 뒤에) 적은 수를 돌려줬는데 나머지를 쓰지 않았다
fileio-restarts-first-buffer = 부분 쓰기 뒤에 바이트가 첫 버퍼부터 다시 시작한다: write가 멈춘 바로 그 바이트부터 이어 쓰라
fileio-restarts-buf = 부분 쓰기 뒤에 바이트가 buf의 처음부터 다시 시작한다: 쓰인 n바이트 뒤, &buf[n..]로 이어 쓰라
fileio-restarts-buf-c = 부분 쓰기 뒤에 바이트가 buf의 처음부터 다시 시작한다: 쓰인 n바이트 뒤인 `(const char *)buf + n`에서 len - n바이트를 이어 쓰라
fileio-buffer-restarts = 부분 쓰기 뒤에, 일부가 이미 쓰였는데도 버퍼 { $buffer }{ JOSA($buffer, "이", "가") } 처음부터 다시 시작한다: 그 버퍼 안에서, write가 멈춘 바로 그 바이트부터 이어 쓰라
fileio-buffer-rest-missing = 부분 쓰기 뒤에 버퍼 { $buffer }의 나머지가 빠졌다: write가 그 버퍼 중간에서 멈췄으니, 다음 write는 쓰지 못한 부분으로 시작해야 한다
fileio-returned-err = { $call }{ JOSA($call, "이", "가") } Ok(()) 대신 Err({ $errno })를 돌려줬다
fileio-returned-err-c = { $call }{ JOSA($call, "이", "가") } 0 대신 -1을 돌려줬다(errno { $errno })
fileio-eintr-call-again = EINTR은 호출이 아무것도 쓰기 전에 시그널이 왔다는 뜻이다: 잘못된 것은 없으니 다시 호출하라
fileio-bytes-differ = { $call }: 도착한 바이트가 쓴 바이트와 오프셋 { $at }부터 다르다
fileio-no-reply = { $call }에 답이 없다
fileio-epipe-kept-trying = write()가 EPIPE로 실패했는데(읽는 쪽이 사라졌다) 호출이 계속 다시 시도했다: EINTR일 때만 다시 시도하고, 다른 오류는 모두 돌려주라
fileio-epipe-spins = { $call }{ JOSA($call, "이", "가") } 반환하지 않았다: 매번 곧바로 EPIPE로 실패하는 쓰기를 다시 시도하며 CPU에서 { $ms }ms 동안 돌았다(읽는 쪽이 사라졌다)
fileio-stopped = 멈춘 곳
fileio-stopped-when-wrong = 호출을 거기서 멈췄다: 잘못 온 바이트는 뒤에 무엇을 쓰든 잘못된 채로 남는다
fileio-copy-spins = `{ $command }`{ JOSA($command, "이", "가") } 몇 밀리초면 끝날 일에 CPU에서 { $ms }ms 동안 돌고도 종료하지 않았다: 헛돌고 있다
fileio-expected-epipe = { $call }: 기대 Err(EPIPE), 실제 { $got }
fileio-expected-epipe-c = { $call }: 기대 -1(errno EPIPE), 실제 { $got_c }
fileio-minus-one-errno = -1(errno { $errno })
fileio-return-epipe = 아무도 파이프를 읽을 수 없게 되면 write()는 EPIPE로 실패한다: 그 오류를 호출한 쪽에 돌려주라
fileio-writev-never-through = 끼어들기가 있으면 writev는 매번 일부만 쓴다: 멈춘 버퍼를 처음부터 다시 쓰는 루프는 큰 버퍼를 끝내 다 쓰지 못한다. 마지막 writev가 멈춘 바로 그 바이트부터 이어 쓰라
fileio-never-writev = { $call }{ JOSA($call, "이", "가") } writev()를 한 번도 호출하지 않았다: 바이트는 도착했지만 write()로 하나씩 왔다
fileio-one-writev-each = 시도마다 아직 쓸 것 전부를 writev 한 번으로 써야 한다(nix::sys::uio::writev)
fileio-one-writev-each-c = 시도마다 아직 쓸 것 전부를 writev() 한 번으로 써야 한다: 멈춘 버퍼의 나머지와 그 뒤의 버퍼들을 직접 만든 iovec 배열에 담는다
fileio-write-as-well = { $call }{ JOSA($call, "이", "가") } writev()뿐 아니라 write()도 호출했다
fileio-no-write-for-rest = 시도마다 남은 것을, 일부만 쓰인 버퍼의 나머지까지 포함해 writev 한 번으로 써야 한다: 그 부분에 write()를 쓰지 말라
fileio-did-not-exit = `{ $command }`{ JOSA($command, "이", "가") } 15초 안에 종료하지 않았다
fileio-read-loop-end = read()가 0을 돌려주면 읽기 루프가 끝나는가?
fileio-on-command = `{ $command }`{ JOSA($command, "을", "를") } 실행했을 때
fileio-should-have-worked = 이 복사는 성공했어야 한다: 원본은 읽을 수 있고, 대상은 만들거나 쓸 수 있다
fileio-cannot-read = copy가 0으로 종료했지만 { $path }{ JOSA($path, "을", "를") } 읽을 수 없다: { $error }
fileio-destination-differs = `{ $command }` 뒤에 대상 파일의 내용이 있어야 할 것과 다르다
fileio-only-first-copied = 처음 { $size }만 복사됐다: read()가 0을 돌려줄 때까지 읽고, 매번 읽은 바이트를 모두 쓰라
fileio-longer-than-source = 복사본이 원본보다 길고, 원본 전체로 시작한다: 버퍼 전체가 아니라 read()가 돌려준 n바이트를 쓰라
fileio-old-bytes-remain = 전에 { $old }였던 대상 파일에 새 { $new } 뒤로 옛 바이트가 아직 남아 있다: O_TRUNC로 열라
fileio-added-after-old = 새 내용이 옛 내용 뒤에 덧붙었다: O_APPEND는 --append일 때만 쓴다
fileio-old-content-gone = 옛 내용이 사라졌다: --append이면 O_TRUNC가 아니라 O_APPEND로 열라
fileio-written-over-start = 새 바이트가 파일의 앞부분을 덮어썼다: O_APPEND이면 모든 write가 끝에 붙는다
fileio-append-creates = --append일 때도 없는 대상 파일은 --append가 없을 때처럼 만들어진다: O_WRONLY | O_CREAT | O_APPEND
fileio-wrong-mode = umask { $umask }에서 `{ $command }`{ JOSA($command, "이", "가") } 대상 파일을 모드 { $got }{ JOSA($got, "으로", "로") } 만들었다. 기대한 모드는 { $expected }이다(0644에서 umask를 뺀 것)
fileio-mode-0666 = 모드 0666으로 만들었다: open()의 모드로 0o644를 넘기라
fileio-mode-ignores-umask = 모드가 umask를 따르지 않는다: O_CREAT와 함께 open()에 모드를 넘기고 umask는 커널이 빼게 두라. 나중에 chmod하지 말라
fileio-mode-changed = `{ $command }`{ JOSA($command, "이", "가") } 기존 대상 파일의 모드를 0604에서 { $got }{ JOSA($got, "으로", "로") } 바꿨다
fileio-mode-only-on-create = open()은 파일을 만들 때만 모드를 쓴다. copy는 기존 파일의 권한을 바꾸면 안 된다
fileio-no-stdin-pipe = stdin 파이프가 없다
fileio-dash-not-a-file = `-`는 파일 이름이 아니다: 원본이면 fd 0(std::io::stdin().as_fd()), 대상이면 fd 1(std::io::stdout().as_fd())을 뜻한다
fileio-dash-not-a-file-c = `-`는 파일 이름이 아니다: 원본이면 fd 0(STDIN_FILENO), 대상이면 fd 1(STDOUT_FILENO)을 뜻한다. 어느 쪽도 open()으로 열지 않는다
fileio-only-first-read = 처음 { $size }, 곧 첫 read()의 바이트만 도착했다: 파이프에서 read()는 끝에 한참 못 미쳐서도 지금 있는 것을, 버퍼보다 적게라도 돌려준다. 0만이 끝을 뜻한다
fileio-stdout-differs = `{ $command }`{ JOSA($command, "이", "가") } stdout에 { $size }{ JOSA($size, "과", "와") } 다른 것을 썼다
fileio-created-dash = copy가 `-`라는 이름의 파일을 만들었다: 대상이 `-`이면 fd 1(std::io::stdout().as_fd())을 뜻한다
fileio-created-dash-c = copy가 `-`라는 이름의 파일을 만들었다: 대상이 `-`이면 open()으로 열 파일이 아니라 fd 1(STDOUT_FILENO)을 뜻한다
fileio-no-dev-full = 이 사용자는 여기서 /dev/full에 쓸 수 없다: 그 경우는 뺀다
fileio-exited-0 = `{ $command }`{ JOSA($command, "이", "가") } 상태 0으로 종료했지만 성공했을 리 없다({ $errno })
fileio-expected-error-line = 종료 상태 1, 그리고 stderr에: { $line }
fileio-dev-full-enospc = /dev/full에 하는 write()는 모두 ENOSPC로 실패한다: write마다 결과를 확인하고 첫 오류에서 멈추라
fileio-errno-desc = 이유는 errno의 텍스트만이다: Errno::desc()는 `{ $desc }`를 주고, Display는 이름을 덧붙인다(`{ $display }`)
fileio-errno-desc-c = 이유는 errno의 텍스트만이다: strerror(errno)가 주는 `{ $desc }`이고, 그 앞에 errno의 이름을 붙이지 않는다(`{ $display }`)
fileio-name-the-path = 그 줄은 실패한 호출이 다룬 경로를 밝혀야 한다: { $path }

## day3-resolve (exercises/day3_resolve/)

resolve-shim-failed = getaddrinfo 심을 빌드하지 못했다(채점기 자체의 문제이지 여러분의 잘못이 아니다): { $error }
resolve-localhost-has = 이 머신의 localhost에는 주소가 { $n }개 있다
resolve-oracle-failed = getaddrinfo({ $addr }, { $port })가 실패했다: { $error }
resolve-stands-for = { $name }{ JOSA($name, "은", "는") } { $addrs }{ JOSA($addrs, "을", "를") } 뜻한다
resolve-made-up-answers = (채점기는 getaddrinfo가 { $name }에 대해 { $addrs }의 답을 그 순서대로 돌려주게 한다)
resolve-shim-not-loaded = 채점기의 getaddrinfo 심(shim)이 resolve에 로드되지 않았다(LD_PRELOAD): resolve가 정적으로 링크됐는가?
resolve-never-called = `{ $command }`{ JOSA($command, "이", "가") } C 라이브러리의 getaddrinfo를 한 번도 호출하지 않았다
resolve-call-libc = nix::libc::getaddrinfo를 호출하라: 채점기는 그 호출을 지켜본다
resolve-call-libc-c = 계약대로 C 라이브러리의 getaddrinfo(3)를 호출하라: 채점기는 그 호출을(그리고 freeaddrinfo 호출마다) 지켜본다
resolve-freed = `{ $command }`{ JOSA($command, "이", "가") } getaddrinfo에서 리스트를 받아 { $n ->
    [0] 한 번도 해제하지 않았다
   *[other] { $n }번 해제했다
}
resolve-getaddrinfo-calls = getaddrinfo 호출 수
resolve-freeaddrinfo-calls = freeaddrinfo 호출 수
resolve-give-it-back = 리스트는 C의 메모리다: 마지막으로 쓴 뒤 freeaddrinfo(head)로 돌려주라
resolve-free-once = 리스트는 정확히 한 번 해제하라: 두 번째 freeaddrinfo는 더 이상 내 것이 아닌 메모리를 해제한다
resolve-stray-free = `{ $command }`{ JOSA($command, "이", "가") } getaddrinfo가 돌려준 적 없는 포인터로 freeaddrinfo({ $pointer })를 호출했다
resolve-free-head = freeaddrinfo는 getaddrinfo가 돌려준 그대로의 리스트 머리를 받아 모든 노드를 스스로 해제한다
resolve-on-command = `{ $command }`{ JOSA($command, "을", "를") } 실행했을 때
resolve-did-not-exit = `{ $command }`{ JOSA($command, "이", "가") } 15초 안에 종료하지 않았다
resolve-oracle-changed = 이 머신의 리졸버가 `{ $command }`에 연달아 다르게 답했다({ $first }, 그다음 { $then }). 테스트를 다시 실행하라
resolve-failed-where-checker-succeeds = 채점기 자신의 getaddrinfo와 getnameinfo는 성공하는 곳에서 resolve가 실패했다: 힌트(hints), 플래그, 인자를 계약과 비교해 보라(getnameinfo에는 노드의 ai_addr와 ai_addrlen을 그대로 넘긴다)
resolve-other-lines = `{ $command }`{ JOSA($command, "이", "가") } getaddrinfo의 결과와 다른 줄을 출력했다
resolve-address-itself = 주소 그 자체다: 플래그가 0이면 getnameinfo는 이름을 찾아본다(NI_NUMERICHOST는 주소를 포맷할 뿐이다)
resolve-no-line = (줄 없음)
resolve-three-times = 주소마다 세 번씩 나온다(소켓 타입마다 한 번: stream, datagram, raw): 힌트에 ai_socktype = SOCK_STREAM을 설정하라
resolve-results-missing = 결과 { $total }개 중 { $missing }개가 빠졌다: ai_next를 따라 노드에서 노드로, null 포인터가 나올 때까지 가라
resolve-three-words = 각 줄은 `ipv4 <ip> <port>` 또는 `ipv6 <ip> <port>`다: 세 단어, 그 사이에 공백 하나씩
resolve-family-word = 패밀리를 나타내는 단어가 틀렸다: ai_family가 AF_INET이면 `ipv4`, AF_INET6이면 `ipv6`다
resolve-name-not-address = 주소가 아니라 이름이다: getnameinfo에 NI_NUMERICHOST를 넘기라
resolve-wrong-address = 주소가 노드의 ai_addr에 있는 주소가 아니다
resolve-port-swapped = 포트 { $got }{ JOSA($got, "은", "는") } { $port }의 바이트를 뒤바꾼 것이다: sin_port는 네트워크 바이트 순서다. getnameinfo가 쓰게 하라(NI_NUMERICSERV)
resolve-wrong-port = 포트가 틀렸다: getaddrinfo에 서비스를 넘기고 결과마다 그 포트를 출력하라
resolve-exited-0 = `{ $command }`{ JOSA($command, "이", "가") } 상태 0으로 종료했지만 여기서 getaddrinfo는 실패한다: { $text }
resolve-expected-error-line = 종료 상태 1, 그리고 stderr에: { $line }
resolve-check-return-code = getaddrinfo는 성공하면 0을, 실패하면 EAI_* 코드를 돌려준다: 그 값을 확인하라
resolve-other-eai-code = `{ $reason }`{ JOSA($reason, "은", "는") } 채점기 자신의 호출이 받은 것(`{ $text }`)과 다른 EAI_ 코드에 대한 gai_strerror의 텍스트다: 힌트, 플래그, 인자를 계약과 비교해 보라
resolve-gai-strerror = 이유는 getaddrinfo(또는 getnameinfo)가 돌려준 코드의 gai_strerror이고, 여기서는 `{ $text }`다: 이 함수들은 errno를 설정하지 않는다
resolve-name-what-was-asked = 그 줄에는 물어본 것이 나와야 한다: { $name }

## day5-pipe (exercises/day5_pipe/)

pipe-no-logger = 서버가 `listening on`을 출력하고 1초가 지났는데 자식 프로세스가 없다: 로거는 시작할 때 fork한다
pipe-children-before-clients = 아직 어느 클라이언트도 오지 않았는데 서버의 자식 프로세스가 { $n }개다: 로거 하나만 있어야 한다
pipe-old-lines-gone = 서버가 시작하기 전에 파일에 있던 줄이 사라졌거나 덮어쓰였다
pipe-it-began-with = 원래 시작
pipe-it-begins-with = 지금 시작
pipe-open-append = 파일을 O_TRUNC 없이 O_APPEND로 열라: O_TRUNC는 파일을 비우고, O_APPEND가 없으면 첫 write가 오프셋 0, 곧 옛 줄 위에 쓴다
pipe-extra-lines = 파일에 어느 클라이언트도 보내지 않은 줄이 { $n }개 있다: 줄 조각이 뒤섞였거나 반복됐다
pipe-for-example = 예
pipe-missing = 빠진 것
pipe-missing-of = 보낸 줄 { $total }개 중 { $missing }개
pipe-one-write-per-line = 완성된 줄마다 PIPE_BUF 바이트 이하의 write() 한 번으로 파이프에 쓰라: 그런 write는 원자적이어서 다른 자식의 바이트가 중간에 끼어들지 않는다
pipe-ends-mid-line = 파일이 줄 한가운데서 끝난다
pipe-its-last-bytes = 마지막 바이트
pipe-only-complete-lines = 완성된 줄만 기록한다: 클라이언트가 EOF 전 마지막 `\n` 뒤에 보낸 것은 줄이 아니다
pipe-lines-missing = 클라이언트들이 보낸 줄 { $total }개 중 { $missing }개가 파일에 없다
pipe-logger-writes-everything = 클라이언트가 보낸 완성된 줄은 모두 파이프로 가고, 로거는 끝나기 전에 읽은 것을 모두 쓴다: 서버는 로거가 끝난 뒤에만 bye를 출력한다
pipe-after-client-eof = 클라이언트의 EOF 뒤에도(자식은 종료해야 한다)
pipe-silent-clients = 아무것도 보내지 않는 클라이언트 { $n }개를 더 연결함: 말하는 클라이언트 24개와 같은 때에 각각 자식이 하나씩 있다
pipe-stopped-logger-fills = 로거를 멈춤(SIGSTOP): 파이프가 가득 찬다
pipe-a-sending-thread-failed = 보내는 스레드 하나가 실패했다
pipe-continued-logger = 로거를 재개함(SIGCONT)
pipe-clients-failed = 실패한 클라이언트
pipe-of-clients = { $total }개 중 { $failed }개
pipe-could-not-stop-logger = 로거를 멈추지 못했다: { $error }
pipe-no-child-serves-1 = 서버의 어느 자식도 클라이언트 1을 처리하지 않는다
pipe-stopped-logger = 로거를 멈춤(SIGSTOP)
pipe-rounds = { $rounds }번: 클라이언트 1의 자식이 가득 찬 파이프에 쓰려고 기다리는 동안 멈추고, 클라이언트 2의 줄을 파이프에 들여보낸 뒤, 그 자식을 재개함
pipe-sending-thread-failed = 보내는 스레드가 실패했다
pipe-reading-thread-failed = 읽기 스레드가 실패했다
pipe-could-not-signal = { $pid }에 { $signal }{ JOSA($signal, "을", "를") } 보내지 못했다: { $error }
pipe-logger-gone = 로거가 이미 끝났다: 파이프를 읽는 것이 없다
pipe-process-ended = 서버의 프로세스 { $pid }{ JOSA($pid, "이", "가") } 이미 끝났다
pipe-logger-ended = 서버는 아직 도는데 로거가 끝났다: 로거는 정해진 횟수만큼이 아니라, 모든 쓰기 끝이 닫혀 read()가 0을 돌려줄 때까지 파이프를 읽어야 한다. 읽는 쪽이 남지 않으면 자식이 파이프에 다음으로 쓸 때 SIGPIPE가 일어나 그 자식을 죽이고, 그 클라이언트는 에코를 잃는다
pipe-logger-no-read-end = 로거(프로세스 { $pid })가 어느 파이프의 읽기 끝도 쥐고 있지 않다
pipe-create-before-fork = fork() 전에 파이프를 만들라: 로거는 그 읽기 끝을 읽는다
pipe-server-no-write-end = 서버가 로거가 읽는 파이프의 쓰기 끝을 쥐고 있지 않다
pipe-logger-reads = 로거가 읽는 것
pipe-parent-keeps-write-end = 부모는 쓰기 끝을 간직한다: 클라이언트마다의 자식이 fork할 때 그것을 물려받아 자기 줄을 쓴다
pipe-logger-holds-write-end = 로거가 자기 파이프({ $pipe })의 읽기 끝뿐 아니라 쓰기 끝도 쥐고 있다
pipe-logger-close-write-end = 로거는 fork 직후 쓰기 끝을 닫아야 한다: 쓰기 끝이 하나라도 열려 있으면 read가 결코 0(EOF)을 돌려주지 않아 로거가 끝나지 않는다
pipe-server-holds-read-end = 서버가 로거의 파이프({ $pipe })의 쓰기 끝뿐 아니라 읽기 끝도 쥐고 있다
pipe-parent-close-read-end = fork 뒤 부모는 읽기 끝을 닫는다: 읽는 것은 로거뿐이고, 그러지 않으면 클라이언트 자식마다 쓸 데 없는 읽기 끝을 물려받는다
pipe-child-holds-read-end = 클라이언트를 처리하는 자식이 로거의 파이프({ $pipe })의 읽기 끝을 쥐고 있다
pipe-close-read-before-fork = 클라이언트를 위해 fork하기 전에 부모에서 읽기 끝을 닫으라: 자식은 부모가 쥔 것을 물려받는다
pipe-three-clients = 클라이언트 3개가 연결돼 있는데 서버의 자식 프로세스는 { $n }개다: 로거 하나와 클라이언트마다 하나씩이어야 한다
pipe-holder-logger = { $pid } (로거)
pipe-holder-client-child = { $pid } (클라이언트의 자식)
pipe-children-hold-listener = 자식 { $n }개가 리스닝 소켓을 쥐고 있다
pipe-holding-it = 쥐고 있는 것
pipe-child-never-accepts = 자식은 결코 수락하지 않는다: 먼저 리스닝 소켓을 닫으라(drop). 그러지 않으면 자식이 살아 있는 동안 포트가 계속 쓰인다
pipe-child-never-accepts-c = 자식은 결코 수락하지 않는다: 먼저 리스닝 소켓을 close()로 닫으라. 그러지 않으면 자식이 살아 있는 동안 포트가 계속 쓰인다
pipe-while-clients-left = 클라이언트들이 떠나는 동안
pipe-children-still-running = { $round }번째: 클라이언트들이 떠나고 2초가 지났는데 로거 말고도 자식 { $n }개가 아직 돌고 있다
pipe-child-exits-at-eof = 클라이언트의 자식은 그 클라이언트의 EOF(read가 0을 돌려줌)에서 종료한다
pipe-zombies = { $round }번째: 클라이언트 30개가 한순간에 떠난 뒤 좀비 프로세스 { $n }개가 남았다
pipe-loop-waitpid = SIGCHLD마다 waitpid 한 번으로는 모자란다: 핸들러가 도는 동안 더 많은 자식이 끝나고 그 시그널들은 하나로 합쳐진다. waitpid(-1, WNOHANG)를 반복하라
pipe-sent-sigterm = SIGTERM을 보냄: 파일은 서버가 끝난 뒤에 읽는다
pipe-on-signal = { $signal }{ JOSA($signal, "을", "를") } 받고
pipe-still-running = { $signal } 뒤 2초가 지나도 서버가 돌고 있었다
pipe-logger-waits-for-itself = 로거가 아직 자기 파이프의 쓰기 끝을 쥐고 있어서 read가 결코 0(EOF)을 돌려주지 않고, 로거는 끝나지 않으며, 서버는 로거를 영원히 기다린다: 로거에서 fork 직후 쓰기 끝을 닫으라
pipe-client-children-running = 서버의 클라이언트 자식 { $n }개가 아직 돌고 있다: 부모의 SIGTERM 핸들러(자식에서는 아무도 읽지 않는 플래그)를 그대로 지닌 자식은 부모의 SIGTERM으로 끝나지 않는다. fork 직후 자식에서 SIGTERM과 SIGINT를 기본 처리 방식으로 되돌리라(SigHandler::SigDfl)
pipe-client-children-running-c = 서버의 클라이언트 자식 { $n }개가 아직 돌고 있다: 부모의 SIGTERM 핸들러(자식에서는 아무도 읽지 않는 플래그)를 그대로 지닌 자식은 부모의 SIGTERM으로 끝나지 않는다. fork 직후 자식에서 SIGTERM과 SIGINT를 기본 처리 방식으로 되돌리라(`sa.sa_handler = SIG_DFL`로 sigaction)
pipe-logger-still-running = 로거가 아직 돌고 있다: 로거는 EOF에서 끝나고, EOF는 파이프의 모든 쓰기 끝이 닫혀야 온다 — 부모의 것(자식들이 사라진 뒤)과 클라이언트 자식마다의 것(자식들이 끝나야 한다: 자식에서 기본 처리 방식인 SIGTERM으로)
pipe-handler-sets-flag = SIGTERM을 받으면 핸들러는 플래그를 세운다. 루프는 accept()가 EINTR로 실패할 때(SA_RESTART 없이) 그것을 보고, 자식들을 멈추고, 자식들과 로거를 기다린 뒤, bye를 출력하고 돌아온다
pipe-flag-lost-in-accept = 부모는 SIGTERM을 잡는데도 accept() 안에서 잠들어 있다: 핸들러가 플래그를 세웠지만 아무도 그것을 보지 않는다. 다른 핸들러가 도는 동안(클라이언트들이 떠날 때 SA_RESTART로 설치한 SIGCHLD 핸들러) 오거나, 루프가 플래그를 본 뒤 accept()를 부르기 전에 온 시그널은 이렇게 사라진다. SIGTERM과 SIGINT는 기다리는 동안만 빼고 블록해 두라: 블록을 푼 마스크로 리스닝 소켓을 ppoll하고, 그다음 accept한다(course.ko.md#logger-process)
pipe-stopped-logger-waits = 로거를 멈춤(SIGSTOP): 이제 클라이언트들이 보내는 것은 파이프에서 기다린다
pipe-sent-to-group = 서버의 프로세스 그룹에 { $signal }{ JOSA($signal, "을", "를") } 보냄(Ctrl-C)
pipe-sent-to-server = 서버에 { $signal }{ JOSA($signal, "을", "를") } 보냄
pipe-bye-too-early = { $signal } 뒤에 로거가 끝나지 않았는데(멈춘 채, 파이프에 줄이 남아 있었다) 서버가 `bye`를 출력했거나 종료했다
pipe-bye-after-logger = 쓰기 끝을 닫고, 로거를 waitpid()로 기다린 뒤에야 bye를 출력하라: bye는 파일이 완전하다는 뜻이다
pipe-exit-by-itself = 서버는 스스로 상태 0으로 끝난다: 기본 처리 방식이 아니라 플래그를 세우는 핸들러로
pipe-sigint-reaches-logger = Ctrl-C의 SIGINT는 그룹의 모든 프로세스에, 로거에게도 간다: SIGINT가 기본 처리 방식인 로거는 (실행되자마자) 파이프에 줄이 남은 채 그것으로 죽는다. 로거는 SIGINT와 SIGTERM을 무시하고 EOF에서만 끝나야 한다
pipe-left-logger = { $pid } (로거)
pipe-left-child = { $pid } (자식)
pipe-left-running = 서버가 종료했지만 프로세스 { $n }개가 아직 돌고 있다
pipe-still-running-label = 아직 도는 것
pipe-wait-every-child = 종료하기 전에 모든 자식을, 로거는 마지막으로, 기다리라
pipe-not-reaped = 서버가 자식 { $n }개를 회수하지 않고 종료했다
pipe-waitpid-every-child = 종료하기 전에 모든 자식을 waitpid()로 기다리라

## day5-threads (exercises/day5_threads/)

chat-line-times = { $who }{ JOSA($who, "이", "가") } 한 줄을 한 번이 아니라 { $times }번 받았다
chat-the-line = 그 줄
chat-it-got = 받은 것
chat-once-to-everyone = 완성된 줄은 연결된 모든 클라이언트에게 한 번씩, 온전히 간다: 4096바이트짜리 줄도 마찬가지다(줄은 그만큼 길 수 있다)
chat-three-lines-orders = { $first }{ JOSA($first, "과", "와") } { $who }{ JOSA($who, "이", "가") } 같은 세 줄을 서로 다른 순서로 받았다
chat-hold-lock-broadcast = 브로드캐스트의 첫 send부터 마지막 send까지 락을 잡고 있으라
chat-unfinished-came = 끝나지 않은 줄이 왔다
chat-closed-while-due = { $who }: 아직 받을 줄이 남았는데 서버가 연결을 닫았다
chat-unfinished-came-last = 마지막에 끝나지 않은 줄이 왔다
chat-waiting-for = 기다린 것
chat-line-not-expected = { $who }: { $total }줄 중 { $line }번째 줄이 기대한 줄이 아니다
chat-expected-in-all = 기대한 줄 전체
chat-no-own-line = { $who }{ JOSA($who, "이", "가") } 자기 줄을 돌려받지 못했다: 줄은 보낸 클라이언트를 포함해 연결된 모든 클라이언트에게 간다(클라이언트를 읽기 전에 목록에 넣으라)
chat-missed-hello = { $who }{ JOSA($who, "이", "가") } 인사했을 때 { $earlier }{ JOSA($earlier, "은", "는") } 연결돼 있었는데 그 줄을 받지 못했다: 줄은 목록의 모든 클라이언트에게 간다
chat-eof-note = read가 0이면 클라이언트의 EOF다: 그 클라이언트를 목록에서 빼고 소켓을 닫은 뒤(그 소켓의 핸들을 모두 drop), 스레드를 끝내라
chat-eof-note-c = read가 0이면 클라이언트의 EOF다: 락을 잡고 그 클라이언트를 목록에서 뺀 뒤, 소켓을 close(fd)로 닫고 스레드 함수에서 반환하라
chat-2s-after-eof = 자기 EOF 뒤 2초가 지나도
chat-after-its-eof = 자기 EOF 뒤에도
chat-left-still-held = { $who }{ JOSA($who, "이", "가") } 떠났는데 1초 뒤에도 서버가 그 소켓을 쥐고 있다
chat-removed-and-closed = 끝난 클라이언트는 목록에서 빠지고 그 소켓은 닫힌다
chat-leave-took-another = { $stays }{ JOSA($stays, "은", "는") } 남아 있었는데 { $who }{ JOSA($who, "이", "가") } 떠난 뒤 보낸 줄을 받지 못했다: 목록에서 { $who }{ JOSA($who, "을", "를") } 지우면서 { $stays }{ JOSA($stays, "을", "를") } 대신(또는 함께) 지웠다. 떠난 클라이언트 자신의 항목을 지우라: 락을 잡은 채 디스크립터(또는 id)로 찾고, 그 뒤 항목을 건너뛰거나 덮어쓰지 않게 빈자리를 메우라. 클라이언트가 들어올 때 기억해 둔 인덱스는 앞선 클라이언트가 떠나면 낡는다
chat-burst-stopped = 서버를 멈췄다(SIGSTOP): 그사이에 클라이언트 { $n }개가 연결해 리슨 큐에서 함께 기다린다
chat-burst-continued = 서버를 재개했다. 서버의 모든 스레드를 한 CPU에, 실시간 클래스로 두었다: 새로 만든 스레드는 accept 루프가 잠들 때까지 그 뒤에서 기다리므로, 루프는 자신이 만든 스레드가 한 걸음도 떼기 전에 기다리던 클라이언트를 모두 수락한다
chat-burst-continued-pinned = 서버를 재개했다. 서버의 모든 스레드를 한 CPU에 두었다(실시간 클래스에는 채점기가 여기서 갖지 못한 권한이 필요하다: 새 스레드가 accept 루프의 다음 걸음보다 먼저 돌 수 있다)
chat-burst-unserved = 서버의 어느 스레드도 { $who }에서 읽지 않는데, 다른 한 클라이언트에서는 스레드 둘 이상이 읽는다: 각 스레드는 자신에게 수락된 소켓을 맡아야 한다. 수락한 소켓을 저마다 그 스레드의 클로저로 옮기라. accept 루프가 덮어쓰는 변수 하나를 나눠 쓰지 말라
chat-burst-unserved-c = 서버의 어느 스레드도 { $who }에서 읽지 않는데, 다른 한 클라이언트에서는 스레드 둘 이상이 읽는다: 각 스레드가 다음 accept가 덮어쓴 뒤에야 accept 루프의 변수(pthread_create(..., &clnt_sock))에서 디스크립터를 읽었다. 스레드마다 제 사본을 주라: 스레드가 free하는 malloc한 int에 디스크립터를 담거나, 그 값을 (void *)(intptr_t)로 바꿔 넘기라
chat-threads-after-leave = { $who }{ JOSA($who, "이", "가") } 1초 전에 떠났는데 서버가 아직 스레드 { $n }개를 돌린다. 클라이언트가 하나 적을 때 돌린 { $fewer }개보다 많다: 그 스레드가 끝나지 않았다
chat-thread-ends-eof-0 = 클라이언트의 스레드는 그 클라이언트와 함께 끝난다: EOF(0)와 오류에서 읽기 루프를 떠나 반환하라
chat-stopped-server = 서버를 멈춤(SIGSTOP)
chat-continued-server = 서버를 재개함: 클라이언트 2의 마지막 줄과 리셋이 함께 그 소켓에서 기다린다
chat-after-reset = 클라이언트가 연결을 리셋한 뒤
chat-reset-still-held = 클라이언트 2가 연결을 리셋했는데 1초 뒤에도 서버가 그 소켓을 쥐고 있다
chat-gone-remove = 떠난 클라이언트로의 send는 실패하고(EPIPE, ECONNRESET) 그 read도 실패한다: 어느 쪽이든 그 클라이언트를 목록에서 빼라
chat-missed-last-words = { $who }{ JOSA($who, "이", "가") } 클라이언트 2의 마지막 줄과 리셋 뒤에 보낸 줄을 받지 못했다
chat-either-order = 순서와 상관없이 { $first }{ JOSA($first, "과", "와") } { $second }
chat-two-lines-orders = { $first }{ JOSA($first, "과", "와") } { $second }{ JOSA($second, "이", "가") } 두 줄을 서로 다른 순서로 받았다
chat-hold-lock-across = 브로드캐스트 전체 동안 락을 잡고 있으라
chat-thread-panicked = 서버의 스레드가 패닉했다: '{ $message }' ({ $at })
chat-poisoned = 락을 잡은 채 스레드가 패닉해서 뮤텍스가 오염됐다: 그 뒤의 lock().unwrap()은 모두 패닉한다. 떠난 클라이언트로의 send는 실패한다(EPIPE, ECONNRESET): 그 클라이언트를 빼고, send를 결코 unwrap()하지 말라
chat-never-unwrap-send = 떠난 클라이언트로의 send는 실패한다(EPIPE, ECONNRESET): 그 클라이언트를 빼고, send를 결코 unwrap()하지 말라. 락을 잡은 채 패닉하면 뮤텍스가 오염되어 그 뒤의 lock().unwrap()이 모두 패닉한다
chat-processes-do-not-share = 서버에 자식 프로세스가 { $n }개 있다: 프로세스는 클라이언트 목록을 공유하지 않으므로 줄은 그 줄을 읽은 프로세스의 클라이언트에게만 간다. 프로세스 하나, 클라이언트마다 스레드 하나로 하라
chat-six-clients-children = 클라이언트 6개가 연결된 동안 서버의 자식 프로세스가 { $n }개다
chat-one-process = 프로세스 하나, 클라이언트마다 스레드 하나: 스레드는 클라이언트 목록을 공유하지만 프로세스는 그럴 수 없다
chat-six-clients-threads = 클라이언트 6개가 연결된 동안 서버가 스레드 { $n }개를 돌리고, 클라이언트가 없을 때는 { $idle }개다: 적어도 클라이언트마다 스레드 하나여야 한다
chat-spawn-thread = 수락한 클라이언트마다 std::thread::spawn으로 스레드를 만들라. 그 스레드는 클라이언트의 EOF까지 그 클라이언트에서 읽는다
chat-spawn-thread-c = 수락한 클라이언트마다 pthread_create로 스레드를 만들라. 그 스레드는 클라이언트의 EOF까지 그 클라이언트에서 읽는다
chat-threads-after-six-left = 클라이언트 6개가 1초 전에 떠났는데 서버가 아직 스레드 { $n }개를 돌린다: 그들이 있을 때 { $busy }개, 오기 전에는 { $idle }개였다
chat-thread-ends = 클라이언트의 스레드는 그 클라이언트와 함께 끝난다: EOF와 오류에서 읽기 루프를 떠나 반환하라
chat-order-note = 브로드캐스트의 첫 send부터 마지막 send까지 락을 잡고 있으라: 그러면 그 사이에 다른 줄이 끼어들 수 없고, 모든 클라이언트가 서버가 받은 순서대로 줄을 받는다
chat-a-sending-thread-failed = 보내는 스레드 하나가 실패했다
chat-client-thread-failed = 클라이언트 스레드가 실패했다
chat-under-load = 완성된 줄은 연결된 모든 클라이언트에게 간다: 부하가 걸리면 send가 실패하거나 스레드가 끝나는가?
chat-crossing-stops-reading = 읽기를 멈춘다. 그래서 브로드캐스트가 이 클라이언트에서 블로킹된다
chat-crossing-reads-again = 클라이언트 0의 줄 { $lines }개 뒤에 다시 읽는다. 이제 서버의 스레드는 모두 CPU 하나에서 돌고, 나머지 스레드는 실시간 클래스(SCHED_FIFO)에 있다: 그 가운데 깨어나는 스레드는, 클라이언트 1에게 보내다 블로킹됐던 스레드가 다음 걸음을 떼기 전에 돈다
chat-crossing-reads-again-idle = 클라이언트 0의 줄 { $lines }개 뒤에 다시 읽는다. 이제 서버의 스레드는 모두 CPU 하나에서 돌고, 클라이언트 1에게 보내다 블로킹됐던 스레드는 유휴 클래스(SCHED_IDLE)에 있다: 깨어나는 다른 스레드가 그 스레드의 다음 걸음보다 먼저 돈다
chat-crossing-nothing-blocked = 클라이언트 0의 줄 { $lines }개 뒤에 다시 읽는다(이 클라이언트에게 보내다 블로킹된 서버 스레드가 없었다: 늦출 것이 없다)
chat-crossing-two-senders = 클라이언트 3의 줄이 기다리는 동안 서버의 스레드 { $tids }{ JOSA($tids, "이", "가") } 한꺼번에 클라이언트 1에게 보내는 send 안에서 잠들어 있다: 브로드캐스트 두 개가 함께 진행 중이다. 자리가 나기를 기다리는 send는 그동안 소켓을 놓아주므로, 한 줄의 바이트가 다른 줄의 조각 사이에 끼어들 수 있고, 아직 받지 못한 클라이언트들은 두 줄을 어느 순서로든 받게 된다
chat-crossing-note = 클라이언트 0의 줄을 브로드캐스트하다 클라이언트 1에서 막힌 동안 클라이언트 3의 줄이 기다리고 있었고, 채점기는 막혔던 스레드의 다음 걸음보다 서버의 다른 스레드가 먼저 돌게 했다: 두 send 사이에 락을 푸는 브로드캐스트(또는 목록의 복사본으로 보내는 브로드캐스트)는 기다리던 줄을 아직 보내지 않은 클라이언트들에게 먼저 보내고 만다
chat-forwards-pieces = 서버가 줄이 다 오기 전에 read가 돌려준 것을 그대로 보낸다(한 클라이언트가 보낸, 아직 `\n`이 없는 줄의 앞부분이 곧바로 다른 클라이언트에게 갔다): read 한 번은 한 줄이 아니고, 조각 하나를 브로드캐스트하는 동안 락을 쥐어도 다른 클라이언트의 조각이 두 조각 사이에 끼어드는 것은 막지 못한다. 클라이언트마다 제 버퍼에 바이트를 모으고, 줄은 그 `\n`이 온 뒤에만 통째로 브로드캐스트하라
chat-lines = 줄
chat-got-of = { $who }{ JOSA($who, "이", "가") } 보낸 줄 { $all }개 중 { $got }개를 받았다
chat-last-line-it-got = 마지막으로 받은 줄
chat-unsent-line = { $who }{ JOSA($who, "이", "가") } 어느 클라이언트도 보내지 않은 줄을 받았다(받은 것 중 { $line }번째 줄): 두 줄이 섞였거나 한 줄의 조각이다
chat-whole-line-under-lock = 줄은 그 `\n`이 온 뒤에만, 온전히, 브로드캐스트 전체 동안 락을 잡은 채 나간다: 같은 클라이언트에 동시에 쓰는 두 스레드는 줄을 섞을 수 있다
chat-line-again = { $who }{ JOSA($who, "이", "가") } 클라이언트 { $client }의 { $line }번 줄을 다시, 또는 더 나중 줄 뒤에 받았다: 보낸 이마다 줄의 순서가 지켜져야 한다
chat-line-early = { $who }{ JOSA($who, "이", "가") } 클라이언트 { $client }의 { $line }번 줄을 더 앞선 줄보다 먼저 받았다: 보낸 이마다 줄의 순서가 지켜져야 한다
chat-lines-orders-from = { $first }{ JOSA($first, "과", "와") } { $who }{ JOSA($who, "이", "가") } { $line }번째 줄부터 서로 다른 순서로 줄을 받았다
chat-read-ends-anywhere = read는 아무 데서나 끝난다: 클라이언트가 보낸 것은 그 클라이언트의 버퍼에 두고, 줄은 그 `\n`이 온 뒤에만 보내라
chat-drop-unfinished = 클라이언트의 EOF가 왔을 때 마지막 `\n` 뒤에 남은 것은 줄이 아니다: 버리라
chat-removed-gets-eof = 끝난 클라이언트는 목록에서 빠지고 그 소켓은 닫힌다: 그러면 그 클라이언트는 EOF를 받는다

## 멈춘 프로그램과 그것이 기다리는 곳 (observe/stuck.rs, observe/wire/conn.rs)

conn-stuck = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 멈췄다. 움직이는 것 하나 없이 블로킹 호출 안에서 잠들어 있다(기다리는 곳을 보라)
conn-idle = { $who }: 아무것도 돌아오지 않았다: 답을 보낼 때인데 { $label }{ JOSA($label, "은", "는") } { $seconds }초 동안 자기 타이머에 깨어났다가 다시 잠들기만 했고, 움직이는 것이 하나도 없었다(기다리는 곳을 보라)
conn-spins = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 상대가 닫은 연결 곁에서 끝없이 돌고 있다(도는 곳을 보라)
conn-spins-without-accepting = { $who }: 아무것도 돌아오지 않았고, 앞으로도 오지 않는다: { $label }{ JOSA($label, "이", "가") } 리스닝 소켓에서 연결이 수락을 기다리는 동안 끝없이 돌고 있다(도는 곳을 보라)
conn-gave-up-stuck = 기다림을 멈췄다: 프로그램이 멈췄다
conn-gave-up-spins = 기다림을 멈췄다: 프로그램이 헛돌고 있다
conn-gave-up-idle = 기다림을 멈췄다: 답을 보낼 때인데 프로그램이 가만히 있다
label-where-it-waits = 기다리는 곳
label-where-it-spins = 도는 곳
label-machine-busy = 머신이 바빴다
label-what-it-saw = 테스트가 본 것
starvation-figures = { $seconds }초 가운데 { $percent }% 동안 태스크가 CPU를 기다렸다
rejudge-log = 홀로 다시 판정했다. 처음 실행할 때는 { $first }
rejudge-figures = 처음 실행할 때는 { $first }, 홀로 다시 판정할 때는 { $alone }
rejudge-unjudged = 판정할 수 없다: 머신이 너무 바빴다(처음 실행할 때는 { $first }, 홀로 다시 판정할 때는 { $alone }). 여러분 프로그램의 실패가 아니다. 머신이 한가할 때 다시 채점하라
stuck-sleeps-on = { $who }{ JOSA($who, "이", "가") } fd { $fd }({ $what })에서 { $call }() 안에 잠들어 있다{ $wchan }
stuck-sleeps-poll = { $who }{ JOSA($who, "이", "가") } 디스크립터 { $n }개에 대해 { $call }() 안에 잠들어 있다: { $fds }{ $wchan }
stuck-sleeps = { $who }{ JOSA($who, "이", "가") } { $call }() 안에 잠들어 있다({ $what }){ $wchan }
stuck-wchan = {" "}[커널 안: { $wchan }]
stuck-fd = fd { $fd }({ $what })
stuck-fd-no-events = { $what }, 아무 이벤트도 요청하지 않음
stuck-child = { $label }의 자식 { $pid }
stuck-thread = { $who }(스레드 { $tid })
stuck-zombie = { $who }{ JOSA($who, "은", "는") } 좀비다: 끝났는데 아무도 거두지 않았다
label-when-time-ran-out = 시간이 다 됐을 때 있던 곳
stuck-runs = { $who }{ JOSA($who, "은", "는") } 실행 중이다(CPU에서 돌거나 CPU를 기다린다)
stuck-spins = { $who }{ JOSA($who, "은", "는") } 지난 { $over }초 가운데 { $cpu }ms 동안 CPU에서 돌았고 그 상당 부분이 시스템 호출 안이었는데, 소켓에서는 아무것도 움직이지 않았다: 기다리는 것이 아니라 헛돌고 있다
stuck-spins-without-accepting = { $who }{ JOSA($who, "은", "는") } 지난 { $over }초 가운데 { $cpu }ms 동안 CPU에서 돌았고 그 상당 부분이 시스템 호출 안이었는데, 리스닝 소켓 말고는 쥔 소켓이 없고 거기서 수락을 기다리는 연결을 하나도 수락하지 않았다: 기다리는 것이 아니라 헛돌고 있다
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
stuck-no-timeout = fd { $fd }에 { $option }{ JOSA($option, "이", "가") } 없고 걸린 타이머도 없다: 이 { $call }()을 끝낼 수 있는 것은 상대편뿐인데, 상대편은 더 보내지 않는다
stuck-in-child = {" "}(자식 { $pid })
stuck-unaccepted = 연결 { $n }개가 fd { $fd }{ $holder }(리스닝 소켓)에서 수락을 기다린다
stuck-unread = { $client }의 { $size }{ JOSA($size, "이", "가") } fd { $fd }{ $holder }에서 읽히지 않은 채 기다린다
stuck-unsent = { $client }에게 갈 { $size }{ JOSA($size, "이", "가") } fd { $fd }{ $holder }의 송신 큐에서 기다린다. { $client }{ JOSA($client, "이", "가") } 아직 가져가지 않았다
stuck-still-open = { $client }의 소켓이 fd { $fd }{ $holder }에 아직 열려 있다: EOF가 왔는데 닫지 않았다
pipe-stuck-after = { $label }{ JOSA($label, "은", "는") } { $signal }{ JOSA($signal, "을", "를") } 받고도 끝나지 않았고, 앞으로도 끝나지 않는다: 움직이는 것 하나 없이 잠든 채 멈췄다(기다리는 곳을 보라)
multi-stopped-reading = 읽지 않고 { $sent }{ JOSA($sent, "을", "를") } 보냈다: 서버가 자기 소켓에 { $unread }{ JOSA($unread, "을", "를") } 읽지 않은 채 읽기를 멈췄다(자기 나름의 백프레셔). 다음은 EOF
clients-queue-full = 서버가 클라이언트 { $n }개 뒤로 수락을 멈췄다: 연결들이 리슨 큐에 남아 있었다
clients-queue-still = 서버는 깨어 있었지만 { $secs }초 동안 리슨 큐가 가득 찬 채로 연결을 하나도 수락하지 않았다: 이벤트를 기다리지 않고 잠들거나 블로킹되는 루프(sleep, 블로킹 read)는 accept로 돌아오지 못한다
multi-syn-retransmitted = connect { $n }개가 1초 이상 기다렸다: 리슨 큐가 가득 차서 커널이 SYN을 버렸고, TCP가 1초 뒤에 다시 보냈다(course.ko.md#backlog)
worker-eintr-after-stop = 채점기가 { $label }{ JOSA($label, "을", "를") } 멈췄다가 다시 이어 가게 하자(SIGSTOP, SIGCONT; Ctrl-Z와 fg가 하는 일이다) { $call }(){ JOSA($call, "이", "가") } EINTR로 실패했고, { $label }{ JOSA($label, "은", "는") } 그것을 오류로 여겼다. 멈춤은 시그널 핸들러가 없어도 { $call }(){ JOSA($call, "을", "를") } 중단시킨다(signal(7)): EINTR이면 그냥 다시 호출하라
multi-continued-at-once = 서버를 다시 이어 가게 했다: 리셋 두 개, 줄 두 개, 연결 두 개가 한꺼번에 기다린다
multi-events-at-once = 서버가 멈춘 사이에 클라이언트 둘이 리셋하고, 둘이 줄을 보내고, 둘이 연결했다. 그래서 poll(또는 epoll_wait) 한 번이 그것을 모두 알렸다: 각 클라이언트는 자기 이벤트로 처리하고, 끝난 클라이언트는 순회가 끝난 뒤에만 지우라(순회 중 Vec::remove(i)는 안 된다: 다음 클라이언트를 건너뛰고 나머지를 이웃의 이벤트와 짝짓는다). 수락은 EAGAIN까지 하라
multi-events-at-once-c = 서버가 멈춘 사이에 클라이언트 둘이 리셋하고, 둘이 줄을 보내고, 둘이 연결했다. 그래서 poll(또는 epoll_wait) 한 번이 그것을 모두 알렸다: 각 클라이언트는 자기 이벤트로 처리하고, 끝난 클라이언트는 순회가 끝난 뒤에만 지우라(순회 중에 뒤의 항목을 앞으로 당기거나 마지막 항목을 그 자리로 옮겨 지우면 안 된다: 다음 클라이언트를 건너뛰고 나머지를 이웃의 이벤트와 짝짓는다). 수락은 EAGAIN까지 하라
multi-reset-ended-server = 두 클라이언트가 연결을 리셋하자 서버가 끝났다: 한 클라이언트 소켓의 오류(POLLERR, read나 send의 ECONNRESET)는 그 클라이언트만 닫고, 서버를 끝내지 않는다
chat-stale-entry = 한 클라이언트가 떠난 뒤에 들어온 클라이언트가 받지 말아야 할 줄을 받았다(같은 줄을 두 번?): 클라이언트가 떠나면 목록에서 그 항목을 지우라. accept는 그 디스크립터 번호를 다음 클라이언트에게 주므로, 그 번호로 남은 항목은 새로 온 클라이언트에게 모든 줄을 한 번 더 보낸다
echo-restarted-elsewhere = 포트 { $port }{ JOSA($port, "으로", "로") } 다시 시작했는데 서버는 { $actual }에서 리슨한다: { $port }{ JOSA($port, "으로", "로") }의 bind()가 실패했고(EADDRINUSE: 이전 연결이 TIME_WAIT로 기다린다), 아무도 그것을 확인하지 않아 listen()이 포트를 스스로 골랐다
echo-continued = 서버를 다시 이어 가게 했다(SIGCONT)
udp-tries-too-close = udp-client의 세 번의 시도가 { $seconds }초 안에 모두 왔다: 시도할 때마다 답을 최대 0.5초 기다려야 한다
fork-stopped-parent = 서버를 멈췄다(SIGSTOP): 그사이에 자식들이 끝나고, 그 SIGCHLD들은 하나로 합쳐진다
pipe-stopped-server = 서버를 멈췄다(SIGSTOP): 그사이에 클라이언트의 자식들이 끝나고, 그 SIGCHLD들은 하나로 합쳐진다
pipe-continued-server = 서버를 다시 이어 가게 했다(SIGCONT)
## 여러 실습이 함께 쓰는 테스트 묶음 (lab/family.rs)

family-run-missing = { $exercise }{ JOSA($exercise, "이", "가") } 시나리오를 실습이 주어야 하는 테스트 묶음을 쓰면서 이 테스트의 시나리오를 주지 않았다: 채점기의 표가 덜 채워졌다

## 새 실습과 따라 나오는 파일 (commands/new.rs, commands/sync.rs)

new-scaffolded = { $exercise }의 뼈대를 만들었다. 곧바로 채점된다(스텁은 "시작 전", 참조 풀이는 통과). `cargo test`와 `checker verify`도 통과한다(verify는 스텁 주석의 한국어를 아직 쓰지 않은 번역으로 보여 준다). 쓴 파일:
new-left = 아직 손으로 쓸 것. 번호는 docs/instructors.ko.md의 "실습 추가하기"가 매긴 대로다(Rust 트랙은 2~11단계, C 트랙은 12~17단계):
new-left-solution = 풀이: { $file }
new-left-stub = 스텁: { $file } (같은 시그니처와 바이너리, 본문은 `// TODO` 뒤의 todo!(), C 호출을 인용하고 nix 대응을 밝히는 문서 주석)
new-left-stub-korean = 스텁 주석의 한국어: { $file } (`# owed <hash>` 블록은 번역될 때까지 영어를 담는다. 그 한국어를 `# en <hash>` 아래에 대신 쓰고, 새로 더한 주석마다 그렇게 한다)
new-left-rules = 규칙(수업을 건너뛰게 하는 지름길): solutions/{ $exercise }/clippy.toml과 Cargo.toml의 [lints]. 그다음 `cargo run -p checker -- sync`가 스텁과 checker/pristine/에 복사하고 강의의 규칙 표를 쓴다
new-left-tests = 테스트: { $file } (자기 행들, 또는 다른 실습과 함께 쓰는 묶음을 `families`에: 묶음마다 exercises/의 폴더 하나, 표는 family.rs)
new-left-messages = 테스트가 쓰는 메시지 id 가운데 카탈로그에 없는 것(msg!("...")): 그 영어를 checker/i18n/en.ftl에, 한국어를 checker/i18n/ko.ftl에
new-left-broken = 테스트마다 그것을 실패시키는 버그 버전, 그리고 올바른 다른 설계 하나 이상: { $file } (`cargo test -p checker --test broken -- { $exercise }`)
new-left-course = 영어 강의 절: course.md#{ $exercise } (정확한 계약, C 호출과 nix 대응, 테스트 id마다 한 줄)
new-left-course-ko = 한국어 강의 절: course.ko.md#{ $exercise } (같은 내용, 같은 테스트 id)
new-left-korean = 한국어 제목과 힌트: checker/i18n/ko.ftl의 { $exercise }-- 항목 (새 테스트를 더한 뒤 `cargo run -p checker -- sync`가 번역할 항목을 영어로 더하고 목록을 보여 준다)
new-left-c-solution = C 풀이: { $files } (같은 계약을 노트의 C로)
new-left-c-stub = C 스텁: { $files } (같은 함수와 프로그램, 단계마다 C 호출을 인용하는 `// TODO n.`과 그 아래의 `TODO("...")`)
new-left-c-stub-korean = C 스텁 주석의 한국어: { $files } (`# owed <hash>` 블록, Rust 스텁과 같다)
new-left-c-rules = C 규칙. 컴파일된 코드가 가져다 쓰는 함수에서 읽는다: { $file }의 `C_TRACK`의 `imports` (수업을 건너뛰게 하는 호출, 또는 수업의 주제인 호출. 함께 쓰는 규칙은 exercises/kit/c_imports.rs에 있다). 그다음 `cargo run -p checker -- sync`가 강의의 규칙 표를 쓴다
new-left-c-shim = C 함수에 Rust 실습의 API를 입혀 같은 숨은 테스트가 부르게 하는 심(shim): { $file } (C 함수마다 Rust 함수 하나)
new-left-c-broken = 테스트마다 그것을 실패시키는 C 풀이의 버그 버전: { $file } (c/solutions/{ $exercise }/를 고친다. `cargo test -p checker --test broken -- c::{ $exercise }`)
new-left-verify = 끝으로: `cargo run -p checker -- verify { $exercise }`
sync-nothing = 따라 나오는 파일은 모두 최신이다.
sync-wrote = 썼다:
sync-untranslated = ko.ftl에서 아직 영어인 항목 { $n }개(번역하라):
worker-could-not-enter-sandbox = 채점기가 테스트의 네트워크 네임스페이스에 들어가지 못해 테스트를 실행하지 않았다: { $error }

## day6-unix (checker/src/exercises/day6_unix/): 실습과 테스트의 제목과 힌트
day6-unix--title = 미리 fork한 에코 서버: 부모가 수락하고, 연결마다 한가한 워커에게 유닉스 도메인 소켓으로 넘긴다
day6-unix--round-trip--hint = 워커는 read가 0을 반환할 때까지 에코한 다음 연결을 닫는다. 부모는 sendmsg 직후에 자기 사본을 닫는다. 그러지 않으면 연결이 열린 채로 남아 클라이언트가 EOF를 받지 못한다.
day6-unix--sequential-clients--hint = 워커는 클라이언트를 하나 끝낼 때마다 한가하다고 알리고(socketpair로 1바이트), 부모는 그것을 듣고 다시 수락한다. 워커가 알리지 않거나 부모가 듣지 않으면 클라이언트 <workers>개 뒤에 서버가 멈춘다.
day6-unix--passes-the-connection--title = 클라이언트가 연결된 동안 그 연결은 워커 하나가 쥐고, 부모는 하나도 쥐지 않는다(/proc/<pid>/fd와 net/tcp 비교)
day6-unix--passes-the-connection--hint = sendmsg가 끝나면 워커는 그 연결의 디스크립터를 따로 갖는다. 부모는 자기 사본을 곧바로 닫고(OwnedFd를 버린다), 클라이언트의 데이터를 읽거나 쓰지 않는다.
day6-unix--passes-the-connection--hint-c = sendmsg가 끝나면 워커는 그 연결의 디스크립터를 따로 갖는다. 부모는 자기 사본을 곧바로 close()로 닫고, 클라이언트의 데이터를 읽거나 쓰지 않는다.
day6-unix--no-listener-in-worker--title = 리스닝 소켓을 쥔 워커가 없다. 수락하는 것은 부모뿐이다
day6-unix--no-listener-in-worker--hint = 워커는 fork 직후에 리스닝 소켓을 닫는다. 워커는 연결을 accept()로 받지 않고 부모에게서 socketpair로 받는다.
day6-unix--socketpair-ends--title = 워커마다 socketpair의 한 끝은 부모가, 다른 끝은 그 워커만 쥔다(/proc/net/unix, inode)
day6-unix--socketpair-ends--hint = fork 뒤에 부모는 워커 쪽 끝을 닫고, 워커는 자기 socketpair의 부모 쪽 끝과 먼저 만든 socketpair들의 부모 쪽 끝을 닫는다. 끝마다 쥐는 프로세스는 하나다.
day6-unix--worker-count--title = 워커는 정확히 <workers>개다(1개, 그다음 여러 개). 클라이언트가 오기 전에도, 연결된 동안에도, 떠난 뒤에도
day6-unix--worker-count--hint = 시작할 때 워커를 꼭 <workers>개 fork하고, 클라이언트마다 프로세스를 만들지 않는다. 워커 하나가 클라이언트를 하나씩 차례로 처리한다.
day6-unix--served-at-once--title = 워커 수만큼의 클라이언트를 동시에 처리한다. 하나 더 온 클라이언트는 수락되지 않은 채 백로그에서 기다리다가, 앞의 클라이언트가 떠나면 처리된다
day6-unix--served-at-once--hint = 연결은 한가한 워커에게만 넘긴다. 한가한 워커가 없는 동안에는 아예 수락하지 않는다(리스닝 소켓을 poll에서 빼고, 워커나 제어 소켓이 깨웠을 때가 아니라 poll이 리스닝 소켓을 읽을 수 있다고 할 때만 수락한다). 워커가 한가하다고 알리면 다시 수락해서 그 워커에게 넘긴다.
day6-unix--to-a-free-worker--title = 클라이언트 하나가 자기 워커에 남아 있는 동안, 차례로 오는 방문자(워커 수만큼)를 저마다 한가한 워커가 곧바로 처리한다. 바쁜 워커에게는 하나도 넘기지 않는다
day6-unix--to-a-free-worker--hint = 연결은 차례대로가 아니라 한가하다고 알린 워커에게 넘긴다. 바쁜 워커는 자기 클라이언트를 먼저 처리하므로, 그 워커에게 넘긴 연결은 다른 워커가 놀고 있는 동안에도 그 클라이언트 뒤에서 기다린다.
day6-unix--worker-replaced--title = SIGKILL로 죽은 워커는 1초 안에 회수되고 새 워커로 바뀐다. 다른 워커의 클라이언트는 그대로 이어지고, 새 클라이언트도 처리된다
day6-unix--worker-replaced--hint = 죽은 워커의 socketpair 끝에서는 EOF가 읽힌다(SIGCHLD도 온다). waitpid로 회수하고(좀비를 남기지 않는다), 그 끝을 닫고, 그 자리에 새 socketpair와 새 워커를 만든다.
day6-unix--stats--title = 제어 소켓에 `stats`를 보내면 살아 있는 워커마다 `worker <pid> served <n>` 한 줄. 끝난 연결만 세고, 새 워커는 0, 그다음 EOF
day6-unix--stats--hint = 연결은 워커가 한가하다고 알릴 때(그 연결을 끝냈을 때) 워커 프로세스마다 센다. `stats\n`에는 워커마다 한 줄로 답하고 제어 연결을 닫는다.
day6-unix--stale-control-path--title = 제어 경로에 낡은 소켓 파일(아무도 응답하지 않는 파일)이 있으면 바꾼다. 서버가 시작하고 그 경로에서 응답한다
day6-unix--stale-control-path--hint = 파일이 있으면 bind가 EADDRINUSE로 실패한다. 그 파일에 connect()해서 ECONNREFUSED가 나면 아무도 없는 것이니, unlink하고 다시 bind한다.
day6-unix--path-owned--title = 실행 중인 서버가 쓰는 제어 경로로 두 번째 서버를 띄우면, 두 번째 서버는 stderr에 한 줄을 쓰고 1로 종료하며 프로세스를 남기지 않고, 첫 번째 서버는 경로를 그대로 갖는다
day6-unix--path-owned--hint = 이미 있는 소켓 파일에 connect()가 성공하면 서버가 있는 것이다. 그 경로는 절대 unlink하지 않는다. 이미 fork한 워커가 있으면 끝내고 기다린 다음, stderr에 한 줄을 쓰고 1로 종료한다.
day6-unix--no-fd-leak--title = 클라이언트 50개를 차례로 처리한 뒤에도 부모와 모든 워커가 쥔 디스크립터 수가 시작할 때와 같다
day6-unix--no-fd-leak--hint = 워커가 받은 디스크립터는 모두 워커의 것이다. 그 클라이언트가 끝나면 닫는다(OwnedFd를 버린다). 닫지 않으면 클라이언트마다 하나씩 새어 나가다가 워커가 한도에 걸린다.
day6-unix--no-fd-leak--hint-c = 워커가 받은 디스크립터는 모두 워커의 것이다. 그 클라이언트가 끝나면 close()로 닫는다. 닫지 않으면 클라이언트마다 하나씩 새어 나가다가 워커가 한도에 걸린다.
day6-unix--bad-usage--title = 인자가 빠지거나 숫자가 아닐 때, 워커 수가 1..16 밖일 때, 제어 경로에 bind할 수 없을 때: stderr에 한 줄, 종료 상태 1, 남는 프로세스 없음
day6-unix--bad-usage--hint = 무엇보다 먼저 인자를 검사한다. 워커를 fork한 뒤에 제어 경로에 bind하지 못하면, 워커들을 끝내고(SIGTERM) 기다린 다음 1로 종료한다.
day6-unix--sigterm-exit--title = 두 워커가 모두 바쁘고 클라이언트 하나가 기다리는 동안의 SIGTERM: 마지막 줄 `bye`, 2초 안에 상태 0, 제어 경로 삭제, 남는 프로세스 없음
day6-unix--sigterm-exit--hint = SIGTERM을 받으면 수락을 멈추고, 워커마다 kill(worker, SIGTERM)을 보내 waitpid로 기다리고, 제어 경로를 unlink하고, `bye`를 출력하고 0으로 종료한다. 워커는 부모의 핸들러와 블록된 시그널을 물려받는다. SIGTERM의 기본 동작을 되돌리고 블록을 푼다.
day6-unix--sigint-exit--title = Ctrl-C처럼 프로세스 그룹 전체에 보낸 SIGINT: 같은 깨끗한 종료, 제어 경로 삭제
day6-unix--sigint-exit--hint = 부모는 SIGINT도 SIGTERM처럼 받는다. 워커는 SIGINT로 죽어도 되지만, 부모는 그래도 워커들을 기다리고 제어 경로를 지운다.

## day6-unix (exercises/day6_unix/): 실패 메시지

prefork-the-parent = 부모 프로세스({ $pid })
prefork-worker = 워커 { $pid }
prefork-none = 없음
prefork-held-by = 쥐고 있는 프로세스
prefork-holding-it = 쥐고 있는 워커
prefork-at-start = 시작할 때
prefork-with-clients = 클라이언트 { $n }개가 연결된 동안
prefork-after-clients = 클라이언트들이 떠난 뒤
prefork-no-server-side = 클라이언트 { $client }의 연결에 해당하는 서버 쪽 소켓이 서버 네임스페이스의 TCP 표에 없다
prefork-parent-holds = 부모 프로세스가 클라이언트 { $client }의 연결({ $inode })을 워커에게 넘긴 뒤에도 쥐고 있다
prefork-close-after-passing = sendmsg가 디스크립터를 넘기고 나면 워커는 자기 디스크립터를 갖는다. 부모의 사본은 곧바로 닫는다(OwnedFd를 버린다). 부모가 쥐고 있는 동안에는 워커가 닫아도 연결이 열려 있어서, 클라이언트는 EOF를 받지 못한다
prefork-close-after-passing-c = sendmsg가 디스크립터를 넘기고 나면 워커는 자기 디스크립터를 갖는다. 부모의 사본은 곧바로 close(fd)로 닫는다. 부모가 쥐고 있는 동안에는 워커가 닫아도 연결이 열려 있어서, 클라이언트는 EOF를 받지 못한다
prefork-workers-holding = 클라이언트 { $client }의 연결을 쥐고 있는 워커가 { $n }개다. 정확히 하나여야 한다
prefork-one-worker-per-connection = 부모는 연결마다 워커 하나에게 그 워커의 socketpair로 넘긴다(SCM_RIGHTS를 실은 sendmsg). 워커가 그 연결을 처리하고 닫는다
prefork-workers-hold-listener = 워커 { $n }개가 리스닝 소켓을 쥐고 있다
prefork-worker-closes-listener = 워커는 fork 직후에 리스닝 소켓을 닫는다. 수락하는 것은 부모뿐이고, 부모가 연결을 나누어 준다
prefork-no-workers = 서버가 리슨하기 시작했는데 워커 프로세스가 없다. 워커는 시작할 때 fork한다
prefork-ends-label = socketpair의 끝(이름 없는, 연결된 유닉스 도메인 소켓)
prefork-parent-keeps-worker-end = 부모 프로세스가 { $worker }의 socketpair 끝({ $inode })을 아직 쥐고 있다
prefork-parent-closes-worker-end = 부모는 fork할 때마다 새 socketpair의 워커 쪽 끝을 닫는다. 닫지 않으면 나중에 fork되는 워커가 그 끝을 물려받고, 그 워커가 죽어도 부모는 EOF를 보지 못한다
prefork-worker-keeps-ends = { $worker }{ JOSA($worker, "이", "가") } socketpair의 끝 { $n }개를 쥐고 있다. 필요한 것은 자기 끝 하나뿐이다
prefork-worker-closes-parent-ends = 워커는 fork 뒤에 자기 socketpair의 부모 쪽 끝과, 먼저 fork된 워커들의 부모 쪽 끝을 닫는다. 모두 물려받은 것이다
prefork-end-shared = { $inode }{ JOSA($inode, "을", "를") } 여러 프로세스가 쥐고 있다: { $holders }
prefork-one-holder-per-end = socketpair의 각 끝을 쥐는 프로세스는 하나다. 한 끝은 부모가, 다른 끝은 워커가 쥔다
prefork-worker-no-end = { $worker }{ JOSA($worker, "은", "는") } socketpair의 끝을 하나도 쥐고 있지 않다. 그러면 연결을 어떻게 받는가?
prefork-socketpair-before-fork = 워커마다 fork하기 전에 socketpair(AF_UNIX, SOCK_STREAM)를 하나 만든다. 한 끝은 부모가, 다른 끝은 워커가 갖는다
prefork-parent-too-few-ends = 워커가 { $workers }개인데 부모 프로세스가 쥔 socketpair 끝은 { $n }개다
prefork-worker-count = { $when } 서버의 워커가 { $n }개다. 요청한 수는 { $expected }개다
prefork-fork-n-workers = 시작할 때 워커를 정확히 <workers>개 fork하고, 새 워커는 죽은 워커의 자리에만 fork한다
prefork-more-processes = { $when } 부모 아래의 프로세스가 { $n }개다. 있어야 할 것은 워커 { $workers }개뿐이다
prefork-no-process-per-client = 워커는 자기 클라이언트를 직접, 하나씩 차례로 처리한다. 클라이언트마다 프로세스를 만들지 않고, 워커가 자식 프로세스를 두지도 않는다
prefork-all-at-once = 서버의 워커는 { $workers }개다. 그만큼의 클라이언트를 동시에 처리해야 한다
prefork-served-too-many = 모든 워커가 클라이언트를 처리하는 중인데 { $who }{ JOSA($who, "이", "가") } 에코를 받았다. 워커 수보다 많은 클라이언트를 동시에 처리했다
prefork-one-client-per-worker = 워커는 한 번에 클라이언트 하나를 처리하고, 워커는 <workers>개다. 다음 클라이언트는 백로그에서 기다린다
prefork-accepted-while-busy = 모든 워커가 바쁜 동안에 부모 프로세스가 { $who }{ JOSA($who, "을", "를") } 수락했다. 바쁜 워커는 그 클라이언트를 처리할 수 없다
prefork-accepted-and-closed = 모든 워커가 바쁜 동안에 부모 프로세스가 { $who }{ JOSA($who, "을", "를") } 수락하고 닫았다. 그 클라이언트를 받을 한가한 워커가 없었다
prefork-leave-in-backlog = 한가한 워커가 없는 동안에는 리스닝 소켓을 poll에서 빼고 수락하지 않는다. 연결은 백로그에서 기다리다가, 워커가 한가하다고 알리면 그때 수락된다
prefork-no-backlog-socket = { $who }의 연결이 서버의 TCP 표에 없다
prefork-one-left = 처리받던 클라이언트 하나가 떠났다. 워커 하나가 한가해졌으니 이제 { $who }{ JOSA($who, "을", "를") } 처리해야 한다
prefork-serve-when-free = 워커가 한가하다고 알렸는데 { $who }{ JOSA($who, "이", "가") } 2초 안에 처리되지 않았다. 워커가 한가하다고 알리면 다음 연결을 수락해 그 워커에게 넘긴다
prefork-client-stays = client 1은 연결한 채로 남는다. 그 워커는 client 1이 떠날 때까지 바쁘다
prefork-visitor-to-busy = { $who }{ JOSA($who, "이", "가") } 에코를 받지 못했다. 그 연결이 client 1을 처리하느라 바쁜 { $busy }에게 넘어갔고, 그동안 { $free }{ JOSA($free, "은", "는") } 한가하게 기다렸다
prefork-visitor-in-flight = { $who }{ JOSA($who, "이", "가") } 에코를 받지 못했다. 부모가 그 연결을 수락해 넘겼는데 아무 워커도 받아 가지 않았다. 연결은 socketpair에서 기다리고 있고, 그렇게 기다리게 두는 것은 client 1을 처리하느라 바쁜 { $busy }뿐이다. { $free }{ JOSA($free, "은", "는") } 한가하게 기다렸다
prefork-visitor-unanswered = { $free }{ JOSA($free, "이", "가") } 한가하게 기다리는 동안 { $who }{ JOSA($who, "이", "가") } 에코를 받지 못했다
prefork-pass-to-free-worker = 연결은 차례대로가 아니라 한가하다고 알린 워커에게 넘긴다. 바쁜 워커는 자기 클라이언트를 먼저 처리하므로, 그 워커에게 넘긴 연결은 그 클라이언트 뒤에서 기다린다
prefork-no-worker-for = 클라이언트 { $client }의 연결을 쥐고 있는 워커가 없다
prefork-killed = 워커 { $pid }{ JOSA($pid, "을", "를") } 죽였다(SIGKILL)
prefork-not-reaped = 워커 { $pid }{ JOSA($pid, "이", "가") } 죽은 지 { $secs }초가 지났는데 아직 좀비다. 부모 프로세스가 회수하지 않았다
prefork-waitpid-dead-worker = 워커가 죽으면 그 socketpair 끝에서 EOF가 읽히고 SIGCHLD가 온다. waitpid로 회수한 다음 대신할 워커를 fork한다
prefork-not-replaced = 워커를 죽이고 { $secs }초가 지났는데 서버의 워커가 { $n }개다. 요청한 수는 { $expected }개다
prefork-fork-replacement = 죽은 워커는 새 워커로 바꾼다. 그 끝을 닫고, 새 socketpair를 만들어 그 자리에 새 워커를 fork한다
prefork-others-undisturbed = 죽은 워커는 이 클라이언트의 워커가 아니었다. 이 연결과 그 워커는 그대로 이어져야 한다
prefork-replacement-serves = 워커 하나가 새 워커로 바뀐 뒤에도, 한가한 워커들(새 워커 포함)은 새 클라이언트들을 곧바로 처리해야 한다
prefork-worker-gone = 클라이언트 50개를 차례로 처리한 뒤 워커 { $pid }{ JOSA($pid, "이", "가") } 없어졌다
prefork-worker-serves-many = 워커는 클라이언트를 하나씩 이어서 처리한다. 워커가 끝나는 것은 부모가 끝낼 때(또는 무언가가 죽일 때)뿐이다
prefork-fds-grew = { $who }{ JOSA($who, "이", "가") } 시작할 때는 디스크립터 { $before }개를, 클라이언트 50개 뒤에는 { $after }개를 쥐고 있다
prefork-new-descriptors = 시작할 때 없던 디스크립터
prefork-parent-closes-copy = 부모 프로세스는 sendmsg로 연결을 넘기자마자 자기 사본을 닫는다
prefork-worker-closes-conn = recvmsg가 워커에게 준 디스크립터는 워커의 것이다. 그 클라이언트가 끝나면 닫는다(OwnedFd를 버린다). shutdown()만으로는 디스크립터가 풀리지 않는다
prefork-worker-closes-conn-c = recvmsg가 워커에게 준 디스크립터는 워커의 것이다. 그 클라이언트가 끝나면 close(fd)로 닫는다. shutdown()만으로는 디스크립터가 풀리지 않는다
prefork-control-connect = { $path }의 제어 소켓에 연결하지 못했다: { $error }
prefork-control-listens = 부모는 `listening on`을 출력하기 전에 <control-path>에 유닉스 도메인 스트림 소켓을 bind하고 리슨한다
prefork-stats-no-eof = `stats`를 보내고 2초가 지나도록 EOF가 오지 않았다. 제어 연결이 닫히지 않았다
prefork-close-control = `worker <pid> served <n>` 줄들을 보낸 뒤에는 제어 연결을 닫는다. 클라이언트는 EOF까지 읽는다
prefork-control-eof = EOF
prefork-stats-bad-line = `stats` 응답의 한 줄이 `worker <pid> served <n>` 형식이 아니다: { $line }
prefork-stats-reply = 응답
prefork-stats-not-a-worker = `stats` 응답에 { $pid }{ JOSA($pid, "이", "가") } 있는데, 서버의 살아 있는 워커가 아니다
prefork-stats-missing = `stats` 응답에 워커 { $pid }{ JOSA($pid, "이", "가") } 없다
prefork-stats-twice = `stats` 응답에 같은 워커가 두 번 나온다
prefork-stats-live-workers = 살아 있는 워커마다 그 pid로 한 줄씩 쓴다. 죽은 워커 대신 새 워커의 pid를 쓴다
prefork-stats-sum = `stats` 응답의 수를 더하면 { $sum }인데, 끝난 연결은 { $finished }개다
prefork-count-when-free = 연결은 그 워커가 한가하다고 알릴 때 센다. 그때 그 연결을 끝낸 것이다. 아직 처리 중인 연결은 세지 않는다
prefork-replacement-not-zero = 새로 fork된 워커 { $pid }{ JOSA($pid, "이", "가") } { $n }개를 처리했다고 한다. 새 워커 프로세스는 아직 아무것도 처리하지 않았다
prefork-count-per-process = 수는 워커 프로세스마다 센다. 워커가 새 워커로 바뀌면 그 자리의 수는 0부터 다시 시작한다
prefork-killed-count-gone = 죽은 워커는 { $n }개를 처리했었다. 그 수는 워커와 함께 사라진다
prefork-left-stale = { $path }에 낡은 소켓 파일을 남겼다. bind한 다음 닫았으므로 아무도 응답하지 않는다
prefork-stale-unlink = 파일이 남아 있으면 bind가 EADDRINUSE로 실패한다. 그 파일에 connect()해 보고 ECONNREFUSED로 실패하면 아무도 없는 것이다. 경로를 unlink하고 다시 bind한다
prefork-second-server = 첫 번째 서버가 쓰는 { $path }{ JOSA($path, "으로", "로") } 두 번째 서버를 시작했다
prefork-when-path-owned = 다른 서버가 제어 경로를 쓰고 있을 때
prefork-second-took-path = 두 번째 서버는 그 경로를 건드리지 않아야 한다. connect()가 성공하면 서버가 있다는 뜻이고, 그 경로를 unlink하면 그 서버는 클라이언트와 끊긴다
prefork-left-running = 서버가 실행 중인 프로세스 { $n }개를 남겼다({ $pids })
prefork-left-zombies = 서버가 회수하지 않은 프로세스 { $n }개를 남겼다
prefork-end-workers = 종료하기 전에 그때까지 fork한 워커들을 끝내고(SIGTERM) 하나씩 waitpid한다
prefork-started-as = `{ $command }`로 시작했다
prefork-when-started-as = `{ $command }`로 시작했을 때
prefork-sent-to-parent = 부모 프로세스에 { $signal }{ JOSA($signal, "을", "를") } 보냈다
prefork-sent-to-group = 프로세스 그룹 전체에 { $signal }{ JOSA($signal, "을", "를") } 보냈다(Ctrl-C처럼)
prefork-on-signal = { $signal }{ JOSA($signal, "을", "를") } 받은 뒤
prefork-exit-by-itself = { $signal }{ JOSA($signal, "을", "를") } 받으면 부모는 스스로 정리하고 main에서 반환해 상태 0으로 끝난다
prefork-path-left = 서버가 끝났는데 제어 경로 { $path }{ JOSA($path, "이", "가") } 아직 남아 있다
prefork-unlink-at-exit = 종료할 때 워커들을 기다린 다음 제어 경로를 지운다(unlink). 남겨 두면 다음 서버가 거기서 낡은 파일을 만난다
prefork-still-running = { $signal }{ JOSA($signal, "을", "를") } 보내고 2초가 지났는데 서버가 아직 실행 중이다
prefork-still-there = 아직 실행 중
prefork-workers-outlive = 부모가 끝나지 않는 워커를 기다리고 있다. 기다리기 전에 워커마다 SIGTERM을 보내고, 워커는 fork 뒤에 SIGTERM의 기본 동작을 되돌리고 블록을 푼다(부모의 핸들러와 시그널 마스크를 물려받기 때문이다)
prefork-handler-sets-flag = 핸들러는 플래그를 세우고, 루프가 그것을 보아야 한다. 부모가 기다리는 동안 온 시그널은 기다림을 끝내야 한다(바깥에서는 시그널을 막아 두고 ppoll로 기다리거나, EINTR로 실패하는 poll)

# 끝내 닫지 않을 에코 서버 (exercises/kit/echo.rs, expect_eof_or_stuck)
echo-asleep-holding = 클라이언트의 EOF 뒤에도 서버가 이 연결을 쥐고 있고, 그 연결로 보낼 것도 남지 않았는데, 서버의 프로세스가 모두 잠들어 있다. 아무도 연결을 닫지 않을 것이다. read()가 0을 반환하면 그 연결을 쥔 모든 프로세스에서 연결을 닫으라

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
try-full-conclusion = 버려진 SYN은 클라이언트에게 재전송 타임아웃(처음 1초, 다음 2, 4, ...초)만큼의 시간을 치르게 한다. accept가 늦는 서버는 연결을 거부하게 만드는 것이 아니라 느리게 만든다.
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
try-rst-conclusion = close() 때 읽지 않은 데이터가 남아 있으면 커널은 연결을 리셋한다(RST). 상대의 읽기는 ECONNRESET으로 실패하고, 상대가 아직 읽지 않은 것은 사라진다. 상대가 아직 보내고 있을 수 있다면 EOF까지 읽어라(또는 먼저 shutdown(SHUT_WR)).
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
try-zombie-conclusion = 좀비는 끝났지만 waitpid()로 회수될 때까지 pid와 종료 상태를 붙들고 있는 프로세스다. 좀비에 대한 kill()도 성공한다. 회수되면 pid는 풀려나 다른 프로세스의 것이 될 수 있다. 회수할 때 그 pid를 잊어라.
try-short-count-sigstop--title = 블록된 send가 시그널로 끊기면 짧은 반환값을 돌려준다
try-short-stop-moved = 핸들러 없이 SIGSTOP과 SIGCONT(Ctrl-Z와 fg처럼), 바이트 일부가 간 뒤
try-short-restart-moved = SA_RESTART를 준 SIGUSR1 핸들러, 바이트 일부가 간 뒤
try-short-no-restart-moved = SA_RESTART 없는 SIGUSR1 핸들러, 바이트 일부가 간 뒤
try-short-stop-nothing = 핸들러 없이 SIGSTOP과 SIGCONT, 한 바이트도 가기 전
try-short-restart-nothing = SA_RESTART를 준 SIGUSR1 핸들러, 한 바이트도 가기 전
try-short-no-restart-nothing = SA_RESTART 없는 SIGUSR1 핸들러, 한 바이트도 가기 전
try-short-case = send({ $asked }바이트)가 블록됐다. { $case }: 반환값 { $result }
try-short-conclusion = 바이트 일부를 옮긴 뒤 블록된 send는 시그널이 끊으면 그때까지 옮긴 수를 반환한다. SA_RESTART가 있든 없든, SIGSTOP/SIGCONT 뒤에도 그렇다. SA_RESTART는 아무것도 옮기지 못했을 때만 결정한다: 다시 시작하거나, EINTR로 실패하거나. 언제나 나머지를 보내라.
try-epollet-starve--title = EPOLLET에 이벤트마다 한 번만 읽으면 나머지는 남고, 그에 대한 이벤트는 오지 않는다
try-epoll-round = { $mode }: 클라이언트가 { $sent }바이트를 한꺼번에 보냈다. 이벤트마다 { $read }바이트씩 한 번 recv하는 서버는 { $events }번 알림을 받아 { $received }바이트를 읽었다. 그 뒤 epoll은 조용했고(50ms), 소켓에는 읽지 않은 바이트 { $left }개가 남았다.
try-epoll-more = EPOLLET: 한 바이트가 더 도착한다. epoll_wait가 이벤트 { $events }개를 보고한다. 새 데이터만이 새 엣지를 만든다.
try-epoll-conclusion = 엣지 트리거에서 이벤트는 "데이터가 있다"가 아니라 "데이터가 도착했다"는 뜻이다. 이벤트마다 EAGAIN까지 읽어라. 그러지 않으면 나머지는 클라이언트가 더 보낼 때까지 보이지 않은 채 남는다. 레벨 트리거에서는 데이터가 기다리는 동안 epoll이 그 소켓을 다시 보고한다.
try-pipe-buf-atomic--title = PIPE_BUF 바이트 이하의 파이프 쓰기는 절대 쪼개지지 않는다
try-pipe-small = 쓰는 쪽 4개가 동시에 한 파이프에 { $bytes }바이트(PIPE_BUF) 레코드를 64개씩 썼다: 레코드 { $records }개 가운데 다른 쪽 바이트와 섞인 것은 { $mixed }개.
try-pipe-large = 쓰는 쪽 A: 빈 파이프(64KiB)에 { $bytes }바이트를 write() 한 번으로 쓰고, 자리를 기다린다. 쓰는 쪽 B: 100바이트를 write() 한 번으로 쓰고, A 뒤에서 기다린다. 시그널은 없다. 읽는 쪽이 파이프를 두 번 비운다. A의 write()는 { $first }바이트를, B의 write()는 { $small }바이트를 반환했고, B의 바이트는 오프셋 { $at }, 곧 A의 쓰기 안에 들어갔다.
try-pipe-conclusion = PIPE_BUF(4096)바이트 이하의 파이프 쓰기는 원자적이다. 통째로 들어가거나 기다린다. 더 큰 쓰기는 그렇지 않다. 자리를 기다리는 동안 다른 쪽의 바이트가 그 자리를 차지해 그 쓰기 안에 들어간다. 그 쓰기가 전체 바이트 수를 반환하더라도 그렇다. 여럿이 한 파이프에 쓸 때는 레코드마다 write() 한 번, 각각 PIPE_BUF 이하로.
try-accept-nonblock--title = accept()가 돌려주는 소켓은 리스닝 소켓의 O_NONBLOCK을 물려받지 않는다
try-accept-nb = 리스닝 소켓을 논블로킹으로 만든다(fcntl, O_NONBLOCK): { $listener }. 클라이언트 둘이 연결한다. accept()가 돌려준 소켓은 논블로킹인가: { $accepted }. accept4(SOCK_NONBLOCK)가 돌려준 소켓은: { $accept4 }.
try-accept-nb-conclusion = 리눅스에서 accept()는 O_NONBLOCK을 물려주지 않는다. poll이나 epoll로 기다리는 서버는 새 소켓마다 직접 논블로킹으로 만들어야 한다(SOCK_NONBLOCK을 준 accept4나 fcntl). 그러지 않으면 느린 클라이언트 하나가 서버를 멈춰 세운다.
try-shut-rd--title = 리눅스의 shutdown(SHUT_RD): 읽기는 끝나지만 데이터는 여전히 들어온다
try-shutrd-empty = 아직 아무것도 받지 않은 서버가 shutdown(SHUT_RD)를 호출한다. 서버의 recv()는 기다리지 않고 곧바로 { $read }{ JOSA($read, "을", "를") } 반환한다.
try-shutrd-data = 클라이언트는 이 사실을 모른다. 5바이트를 보내는 send()는 { $sent }{ JOSA($sent, "을", "를") } 반환하고, 바이트는 도착하며, 서버의 recv()는 { $read }바이트를 반환한다. 리셋을 보냈는가: { $reset }.
try-shutrd-conclusion = SHUT_RD는 아무것도 찾지 못한 읽기가 0을 반환하게 할 뿐이다. TCP에는 상대에게 그만 보내라고 알릴 방법이 없고, 리눅스는 상대가 보내는 것을 계속 받아들인다. 데이터를 거절하려면 소켓을 닫아라.
try-write-to-closed--title = 닫은 상대에게 쓰기: 첫 쓰기는 성공하고, 그다음 쓰기는 EPIPE나 SIGPIPE를 받는다
try-epipe-first = 서버가 소켓을 닫는다. 아직 FIN을 읽지 않은 클라이언트가 5바이트를 보낸다. send()는 { $result }{ JOSA($result, "을", "를") } 반환한다.
try-epipe-reset = 서버의 커널은 그 바이트에 RST로 답한다. 그 RST로 클라이언트 소켓이 닫혔는가: { $reset }.
try-epipe-child = SIGPIPE를 기본 동작으로 둔 자식 프로세스가 그 소켓으로 다시 보낸다: { $status }.
try-epipe-second = 클라이언트가 MSG_NOSIGNAL을 주고 다시 보낸다. send()는 { $result }{ JOSA($result, "을", "를") } 반환한다.
try-epipe-conclusion = 닫은 상대에게 쓰면 보통 첫 번째는 성공한다(데이터가 나가고 상대가 RST로 답한다). 그다음 쓰기는 EPIPE로 실패하고 SIGPIPE를 일으키는데, SIGPIPE의 기본 동작은 아무 말 없이 프로세스를 끝내는 것이다. SIGPIPE를 무시하거나 MSG_NOSIGNAL로 보내고, EPIPE는 "이 클라이언트는 떠났다"로 처리하라.
try-connect-refused--title = 닫힌 포트로 하는 논블로킹 connect: 쓰기 가능, POLLERR, SO_ERROR = ECONNREFUSED
try-refused = 논블로킹 소켓이 아무도 듣지 않는 127.0.0.1:{ $port }{ JOSA($port, "으로", "로") } 연결한다. connect()는 { $connect }{ JOSA($connect, "을", "를") } 반환한다. poll(POLLOUT)은 { $revents }{ JOSA($revents, "을", "를") } 보고하고, getsockopt(SO_ERROR)는 { $error }{ JOSA($error, "을", "를") }, 다시 읽으면 { $again }{ JOSA($again, "을", "를") } 준다.
try-refused-conclusion = 실패한 논블로킹 connect도 소켓을 쓰기 가능으로 만든다. 쓰기 가능은 "연결됨"이 아니라 "connect가 끝났다"는 뜻이다. 어떻게 끝났는지는 SO_ERROR가 알려 주고, 읽으면 지워진다.
try-select-timeout--title = select()는 자지 않은 시간으로 타임아웃을 덮어쓴다
try-select-ready = 스레드가 50ms 뒤에 쓰는 파이프를 { $before }ms 타임아웃으로 select()한다. select()는 { $ready }{ JOSA($ready, "을", "를") } 반환했고, 타임아웃은 이제 { $left }ms다.
try-select-expired = 아무도 쓰지 않는 파이프를 50ms 타임아웃으로 select()한다. select()는 { $ready }{ JOSA($ready, "을", "를") } 반환했고, 타임아웃은 이제 { $left }µs다.
try-select-conclusion = 리눅스에서 select()는 남은 시간으로 타임아웃을 덮어쓴다. 루프 앞에서 한 번만 설정하는 루프는 돌 때마다 덜 기다리다가 결국 전혀 기다리지 않는다(바쁜 루프). 집합처럼 호출할 때마다 다시 설정하라.
try-epoll-close-dup--title = 디스크립터의 복제본이 살아 있는 동안 epoll 항목은 close() 뒤에도 남는다
try-epoll-dup-closed = 디스크립터 { $fd }{ JOSA($fd, "으로", "로") } 등록한 소켓을 복제(dup)한 뒤 디스크립터 { $fd }{ JOSA($fd, "을", "를") } 닫는다. 데이터가 도착한다. epoll_wait는 닫힌 번호로 이벤트 { $events }개를 보고하고, epoll_ctl(DEL, { $fd })는 { $delete }{ JOSA($delete, "을", "를") } 준다.
try-epoll-dup-last = 복제본이 살아 있는 동안 epoll 인스턴스에는 항목이 { $before }개 있다(/proc의 fdinfo). 소켓의 마지막 디스크립터인 복제본까지 닫으면: { $after }개.
try-epoll-dup-conclusion = epoll 항목은 번호가 아니라 열린 소켓에 딸려 있다. dup이나 자식의 사본이 살아 있는 동안 디스크립터 하나를 닫으면 항목은 남아서, 닫힌 번호로 보고하고 더는 지울 수도 없다. 디스크립터를 공유한다면 close 전에 epoll.delete를 하라.
try-sigchld-merge--title = 표준 시그널은 쌓이지 않는다: 자식 다섯, SIGCHLD 하나
try-sigchld-blocked = 프로세스가 SIGCHLD를 막고 핸들러를 설치한 뒤, 곧바로 끝나는 자식 { $children }개를 fork한다. 모두 끝났는가: { $ended }. SIGCHLD가 대기 중인가: { $pending }.
try-sigchld-unblocked = SIGCHLD 막기를 푼다. 핸들러는 { $runs }번 실행되고, waitpid(-1, WNOHANG) 루프 한 번이 자식 { $reaped }개를 회수한다.
try-sigchld-conclusion = 대기 중인 표준 시그널은 비트 하나다. 하나가 대기 중일 때 끝난 자식들의 SIGCHLD는 그 하나로 합쳐진다. 시그널마다 waitpid를 한 번 부르는 핸들러는 좀비를 남긴다. 남은 자식이 없을 때까지 waitpid(WNOHANG)를 반복하라.
try-scm-rights--title = SCM_RIGHTS: 데이터 0바이트로는 아무것도 넘어가지 않고, 자리가 모자라면 남는 것은 닫힌다
try-scm-empty = 유닉스 스트림 소켓에 데이터 0바이트와 디스크립터 하나로 sendmsg()하면 { $sent }{ JOSA($sent, "을", "를") } 반환한다. 받는 쪽의 recvmsg()는 { $got }{ JOSA($got, "을", "를") } 주고, 디스크립터는 { $fds }개다.
try-scm-ctrunc = 1바이트와 디스크립터 { $sent }개(파이프의 쓰기 끝)를, 자리가 { $room }개(int { $room }개의 CMSG_SPACE)뿐인 받는 쪽에 sendmsg()한다. 받는 쪽은 디스크립터 { $got }개를 받고, MSG_CTRUNC가 설정되었는가: { $cut }. 파이프 가운데 { $closed }개는 이제 EOF를 읽고(커널이 쓰기 끝을 닫았다), { $open }개는 아직 열려 있다.
try-scm-conclusion = 디스크립터는 데이터에 실려 간다. 스트림 소켓에서 0바이트 sendmsg는 디스크립터까지 포함해 아무것도 보내지 않는다. 적어도 한 바이트를 보내라. 제어 버퍼가 너무 작은 받는 쪽은 MSG_CTRUNC를 받고, 들어가지 못한 디스크립터는 닫힌다. 기대하는 만큼 자리를 마련하라.
try-length-byte-at-a-time--title = 한 바이트씩 도착하는 남은 길이는 한 바이트씩 읽힌다. 패킷 세 개가 read 한 번에 올 수도 있다
try-length-setup = 기기가 남은 길이 { $length }인 PUBLISH(고정 헤더 `30 c8 01`)를 보낸다. 첫 바이트, 길이의 바이트 하나하나, 그다음 본문을 저마다 따로 send한다(TCP_NODELAY). 브로커는 바이트가 들어올 때마다 한 번 읽는다.
try-length-first = { $n }번째 read: `{ $bytes }`: 첫 바이트, 타입 { $kind }(PUBLISH)와 그 플래그. 남은 길이의 바이트는 아직 없다. 더 읽는다.
try-length-more = { $n }번째 read: `{ $bytes }`: & 0x7f는 { $digit }, << { $shift }: 지금까지 { $value }이고, 맨 위 비트가 바이트가 하나 더 온다고 한다. 더 읽는다(이 바이트만 보면 { $value }이라고 하게 된다).
try-length-done = { $n }번째 read: `{ $bytes }`: & 0x7f는 { $digit }, << { $shift }: 맨 위 비트가 꺼졌으니 남은 길이는 { $value }, { $used }바이트다. 패킷은 1 + { $used } + { $value } = { $total }바이트다.
try-length-body = { $n }번째 read: { $bytes }바이트: 본문 전체. { $topic }에 보내는 PUBLISH이고, 페이로드는 { $payload }바이트다.
try-length-together = 브로커가 읽기 전에 PINGREQ(`c0 00`) 세 개를 저마다 따로 send한다. { $n }번째 read가 { $bytes }바이트, 패킷 { $packets }개를 돌려준다.
try-length-conclusion = TCP는 패킷이 아니라 바이트를 건넨다. read 한 번이 남은 길이 도중에서 끝날 수도, 패킷 여럿을 담을 수도 있다. 들어온 것은 버퍼에 모아 두고 그 앞에서부터 디코딩한다. 맨 위 비트가 켜진 길이 바이트는 "더 읽는다"는 뜻이지, 절대 "길이는 이것이다"가 아니다.
try-send-buffer-full--title = 아무도 읽지 않는 소켓은 가득 찬다. 두 버퍼가 다 차면 논블로킹 send는 EAGAIN을 받고, poll은 쓸 수 없다고 한다
try-sendbuf-setup = 클라이언트가 연결하고 절대 읽지 않는다. 서버는 커널이 더 받지 않을 때까지 MSG_DONTWAIT로(논블로킹 send) 64 KiB씩 보내고, 보낸 바이트가 모두 확인 응답될 때마다 다시 보낸다.
try-sendbuf-full = { $kib } KiB({ $bytes }바이트, { $rounds }번) 뒤에 send()가 EAGAIN을 돌려주었다. { $peer } KiB는 읽는 쪽의 수신 버퍼(FIONREAD)에, { $own } KiB는 쓰는 쪽의 송신 버퍼(SIOCOUTQ)에 있다. SO_RCVBUF는 { $rcvbuf } KiB, SO_SNDBUF는 { $sndbuf } KiB다.
try-sendbuf-pollout = POLLOUT을 기다리는 poll(), 타임아웃 0: 쓸 수 있다: { $writable }. 그다음 읽는 쪽이 { $read }바이트를 모두 읽는다. 다시 쓸 수 있다: { $again }.
try-sendbuf-conclusion = 읽는 쪽이 멈춘 소켓은 두 버퍼가 담는 만큼 받고, 그다음 논블로킹 send는 EAGAIN을 받고 블로킹 send는 기다린다. 읽는 쪽이 읽지 않는 한 계속이다. 발행자를 처리하는 코드에서 모든 구독자에게 쓰는 브로커는 가장 느린 구독자와 함께 멈춘다. 연결마다 한도가 있는 송신함을 두고, 그 연결의 쓰기 담당(그 스레드, 그 POLLOUT, 그 태스크)이 비우게 해야 한다.

## 학생의 첫 한 시간 (issue 24)
select-program-unknown = --program { $name }=...: 선택한 테스트 가운데 `{ $name }`라는 프로그램을 실행하는 것은 없다. 테스트가 쓰는 이름: { $names }
select-program-none = --program { $name }=...: 선택한 테스트는 프로그램을 실행하지 않는다(라이브러리를 채점한다). --program을 빼거나, 그 프로그램이 속한 실습을 선택하라
report-rules-void = ✗ 규칙을 어겨서 이 실습의 점수는 무효다. 규칙을 지키면 통과한 테스트가 { $points }점을 얻는다(아래 rules 줄을 보라. { $course }#rules).
load-closed-early = 서버가 { $bytes }바이트 가운데 { $got }바이트를 되돌려 보낸 뒤 연결을 닫았다(FIN, 읽지 않은 바이트를 남겼다면 RST). 클라이언트의 EOF가 오기 전에 이 클라이언트를 더는 처리하지 않은 것이다. read()가 0을 돌려줄 때까지 계속 읽고 되돌려 보내라
load-reset-early = { $bytes }바이트 가운데 { $got }바이트를 받은 뒤 에코를 읽다가 실패했다({ $error })
load-too-slow = 연결은 열려 있는데 { $bytes }바이트 가운데 { $got }바이트만 제시간에 돌아왔다. 서버가 너무 느리다
# 보고서에 보이는 라이브러리 호출: 코드는 그대로, 인자의 설명은 말로
fileio-slow-pipe = 느린 파이프
fileio-closed-pipe = 읽는 쪽이 사라진 파이프
fileio-empty-buffer = 빈 버퍼
fileio-random-data = 무작위 데이터 { $size }
fileio-more-buffers = … 모두 { $n }개의 버퍼(writev 한 번이 받는 IOV_MAX 1024개보다 많다)
library-in-memory = 메모리의 바이트 { $bytes }

# day7-broker의 코덱을 따로 채점한다(exercises/day7_broker/codec.rs)
codec-length-value = { $value }, { $bytes }바이트
codec-length-incomplete = 아직 모자란다: 바이트가 더 와야 한다
codec-length-malformed = 잘못된 길이
codec-length-8-bits = 바이트마다 8비트로 셈한 값이다. 한 바이트는 7비트를 나르고(맨 위 비트는 "바이트가 하나 더 온다"는 뜻이다), 바이트 i는 8 × i가 아니라 7 × i만큼 민다(2.2.3).
codec-length-fifth = 맨 위 비트가 켜진 넷째 바이트는 그 자리에서 잘못된 길이다(2.2.3). 다섯째 바이트를 읽지도 기다리지도 말고 Err(ProtocolError::RemainingLengthTooLong)를 돌려준다.
codec-length-fifth-c = 맨 위 비트가 켜진 넷째 바이트는 그 자리에서 잘못된 길이다(2.2.3). 다섯째 바이트를 읽지도 기다리지도 말고 -1을 돌려준다.
codec-length-cut = 길이 도중에 끝나는 바이트는 길이도 오류도 아니다. Ok(None)을 돌려주면 호출한 쪽이 더 읽는다.
codec-length-cut-c = 길이 도중에 끝나는 바이트는 길이도 오류도 아니다. 0을 돌려주면 호출한 쪽이 더 읽는다.
codec-encode-replaced = { $bytes }. 버퍼에 먼저 있던 바이트가 사라졌다. `out`은 바꾸지 말고 뒤에 덧붙인다
codec-encode-zero = 아무것도 쓰지 않았다. 0은 한 바이트, 0x00이다(루프는 적어도 한 번 돈다).
codec-encode-last-byte = 마지막 바이트의 맨 위 비트가 켜져 "바이트가 하나 더 온다"고 말한다. 길이가 아직 남았을 때만 켠다.
codec-flags-accepted = 받아들인다
codec-flags-refused = 거부한다
codec-flags-why = 타입 { $kind }, 플래그 { $flags }: { $rule }.
codec-flags-rule-reserved = 타입 0과 15는 예약되어 있으니(2.2.1) 거부한다
codec-flags-rule-qos2 = PUBREC, PUBREL, PUBCOMP는 QoS 2의 패킷이고 실습의 브로커는 QoS 2를 다루지 않으니 거부한다
codec-flags-rule-qos3 = QoS 3은 없으니(3.3.1-4) 거부한다
codec-flags-rule-dup = QoS 0에서는 DUP가 0이어야 하니(3.3.1-2) 거부한다
codec-flags-rule-publish = PUBLISH는 QoS 0, 1, 2를 받고, RETAIN은 어느 값이든, DUP는 QoS 1과 2에서 받는다(3.3.1)
codec-flags-rule-0010 = SUBSCRIBE와 UNSUBSCRIBE의 플래그는 꼭 0010이다(3.8.1-1, 3.10.1-1)
codec-flags-rule-zero = 이 타입의 플래그는 0000이다(2.2.2-2)
codec-decode-no-flags = check_flags가 거부하는 플래그의 패킷을 decode가 받아들였다. 모든 패킷의 첫 바이트에 본문보다 먼저 check_flags(type, flags)?를 부른다.
codec-decode-no-flags-c = 플래그가 틀린 패킷을 mqtt_next_packet이 받아들였다. 모든 패킷의 첫 바이트에 본문보다 먼저 mqtt_bad_flags를 부르고, 그것이 까닭을 돌려주면 -1을 돌려준다.
codec-decoded-incomplete = 아직 모자란다: 바이트가 더 와야 한다
codec-decoded-packet = { $packet }, { $bytes }바이트
codec-decoded-level = 프로토콜 레벨이 다르다({ $level })며 거부한다(브로커는 CONNACK 반환 코드 1로 답한다)
codec-decoded-refused = 거부한다({ $why })
codec-decoded-refused-any = 거부한다: 잘못된 패킷이고, 오류는 무엇이든 된다
codec-connect-level = 프로토콜 레벨이 다른 CONNECT는 레벨 바이트를 읽자마자 Err(ProtocolError::UnsupportedLevel(level))로 거부한다. 브로커는 그것에 CONNACK 반환 코드 1로 답한다(3.1.2-2).
codec-connect-level-c = 프로토콜 레벨이 다른 CONNECT면 mqtt_decode_connect는 레벨 바이트를 읽자마자 k->level을 채우고 1을 돌려준다. 브로커는 그것에 CONNACK 반환 코드 1로 답한다(3.1.2-2).
codec-connect-big-endian = 킵얼라이브의 두 바이트가 뒤바뀌었다. 2바이트 정수는 빅 엔디안이고, 첫 바이트가 높은 자리다(1.5.2).
codec-decode-cut = 패킷 도중에, 남은 길이 도중에라도 끝나는 버퍼는 패킷도 오류도 아니다. Ok(None)을 돌려주면 호출한 쪽이 더 읽는다.
codec-decode-cut-c = 패킷 도중에, 남은 길이 도중에라도 끝나는 버퍼는 패킷도 오류도 아니다. mqtt_next_packet이 0을 돌려주면 호출한 쪽이 더 읽는다.
codec-decode-took = 패킷은 꼭 제 바이트만 차지한다. 1 + 길이의 바이트 수 + 남은 길이다. 그 뒤의 바이트는 다음 패킷의 것이다.
codec-decode-took-c = p->total은 꼭 패킷 제 바이트 수, 1 + 길이의 바이트 수 + 남은 길이다. 그 뒤의 바이트는 다음 패킷의 것이다.
codec-decode-whole = 패킷은 온전하다. 1 + 길이의 바이트 수 + 남은 길이가 { $bytes }이고, 버퍼에 그만큼 있다. 디코딩해야 한다(남은 길이를 제대로 읽었는가?).
inet-addr-none = 0xffffffff (INADDR_NONE, 곧 255.255.255.255)
inet-addr-value = { $value } (메모리의 바이트 { $bytes })
# checker watch: 판정이 어느 저장의 것인지 (commands/watch.rs)
watch-verdict-of-start = ↑ { $time }의 파일 그대로
watch-verdict-of-save = ↑ { $time }에 저장한 것: { $files }
watch-changed-while-grading = 채점하는 동안 { $files }{ JOSA($files, "이", "가") } 바뀌었다({ $time }). 위의 판정은 이미 지난 것이다. 다시 채점한다
# 읽기를 멈춘 클라이언트: 바이트가 어떻게 사라졌는가 (exercises/kit/stalled.rs)
stalled-closed-early = 클라이언트가 아직 보내는 중인데 서버가 모두 되돌려 보내기 전에 연결을 끝냈다(FIN, 읽지 않은 바이트를 남겼다면 RST). 이 클라이언트의 EOF가 오기 전에 처리를 그만둔 것이다. read()가 0을 돌려줄 때까지 계속 읽고 되돌려 보낸 뒤에 닫으라
## 서버 나란히 보기: `checker compare` (commands/compare.rs, compare/)
help-cmd-compare = 내 서버들을 같은 부하 아래에서 나란히 잰다(에코 서버는 왕복, 채팅 서버는 모두에게 가는 줄). 클라이언트 1개부터 1,000개까지 재서 표를 보여 주고, 그래프를 target/compare/ 아래에 쓴다. --solutions는 참고 풀이의 서버를 재고, --program NAME=PATH는 다른 곳에서 온 프로그램을 더한다(NAME에 chat이 들어 있으면 채팅 서버로 잰다).
help-cmd-compare-arg-targets = 어느 서버: 실습, 일차, 프로그램, echo 또는 chat(기본: 전부)
help-cmd-compare-arg-quick = 빠르게 훑어보기: 클라이언트 1, 10, 100개, 짧은 측정 구간, { $quick }회
help-cmd-compare-arg-runs = 값 하나를 몇 번 잴지, 매번 서버를 새로 띄운다(기본 { $runs }회, --quick이면 { $quick }회)
help-cmd-compare-arg-clients = 클라이언트 수, 예: 1,10,100,1000
help-cmd-compare-arg-busy = 수준마다 클라이언트 가운데 N개만 보내고 나머지는 연결한 채 조용히 있는다(에코 서버). 연결은 많고 바쁜 것은 적을 때, 모든 디스크립터를 훑는 poll과 준비된 것만 주는 epoll의 차이가 드러난다
compare-machine = 코어 { $cores }개에서 서버를 하나씩 차례로 쟀다(부하: 시작 때 { $before }, 끝날 때 { $after }; Linux { $kernel }; 샌드박스: { $sandbox }). 값마다 { $runs }회 잰 것의 중앙값이고, ±는 가장 먼 회차가 얼마나 떨어졌는지다. 그것이 { $unstable }%를 넘으면 회차끼리 너무 달라 값 하나로 말할 수 없으므로 가장 낮은 값–가장 높은 값으로 적는다.
compare-echo-heading = 에코 서버: 클라이언트마다 { $size }바이트를 보내고 그것이 다 돌아오기를 기다리기를 되풀이한다. { $warm }초 예열한 뒤 { $seconds }초 동안 잰다.
compare-echo-busy = 수준마다 클라이언트 가운데 { $busy }개만 보내고 나머지는 연결한 채 조용히 있는다(--busy). 차례마다 모든 연결을 살피는 서버는 그 모두의 값을 치른다.
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
# 가장 흔한 첫 버그들: 저마다 원인을 밝힌다 (issue 24, 1번)
client-spins-after-eof = 서버는 줄 전체가 돌아오기 전에 연결을 닫았고(FIN), 그 뒤로 recv()는 부를 때마다 곧바로 0을 돌려준다. 아직 돌고 있는 클라이언트는 0을 "아직 데이터 없음"으로 여기고 recv()를 거듭 부르고 있는 것이다. 0은 연결의 끝이다
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

## day6-async (checker/src/exercises/day6_async/): 실습과 테스트의 제목과 힌트
day6-async--title = 네 번째 방법: tokio 런타임 위의 태스크로 만드는 에코 서버와 채팅 서버, 스레드 몇 개로 클라이언트 수천
day6-async--listening-line--hint = TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port))).await로 바인드하고, listener.local_addr()를 한 번 출력한 뒤 flush한다.
day6-async--stalled-reader--hint = write()는, 그러니 .write().await도, 요청보다 적게 쓸 수 있다(부분 쓰기). 모든 바이트를 보낼 때까지 반복하는 write_all(&buf[..n]).await를 쓴다.
day6-async--sequential-clients--hint = 루프에서 accept하고 클라이언트마다 tokio::spawn으로 태스크를 하나 띄운다. 루프는 곧바로 accept().await로 돌아가 끝없이 돈다.
day6-async--reset-then-normal--hint = 읽기나 쓰기가 실패하면(ECONNRESET, EPIPE) 그 클라이언트의 태스크만 끝난다. 태스크에서 오류를 반환하고, unwrap()하지 않는다.
day6-async--no-close-wait--hint = EOF(read가 0)에서 클라이언트의 태스크를 반환한다. 그러면 TcpStream이 drop되고 소켓이 닫힌다.
day6-async--restart-same-port--hint = tokio의 TcpListener::bind는 SO_REUSEADDR를 켠다. TcpSocket으로 직접 만든 소켓은 bind() 전에 set_reuseaddr(true)가 필요하다.
day6-async--to-everyone--hint = 클라이언트의 태스크가 읽기 전에 먼저 구독시킨다(broadcast::Sender::subscribe, 또는 그 큐를 목록에 넣기). 완성된 줄은 보낸 클라이언트를 포함해 모든 클라이언트에게 보낸다.
day6-async--many-senders--hint = 모두에게 한 순서: 줄마다 순서가 있는 한 곳에 넣고(broadcast 채널 하나, 또는 모든 클라이언트의 큐에 넣는 동안 잡고 있는 락 하나), 각 클라이언트의 쓰기 태스크가 거기서 꺼내 가게 한다.
day6-async--client-leaves--title = 떠나는 클라이언트는 EOF를 받는다: 소켓이 닫히고, 다른 클라이언트는 계속된다
day6-async--client-leaves--hint = EOF(read가 0)나 오류가 오면 그 클라이언트의 태스크를 끝내고 소켓의 두 반쪽을 모두 drop한다. 쓰기 태스크가 연결을 열어 두면 안 된다.
day6-async--client-resets--hint = 떠난 클라이언트에게 쓰면 실패한다(EPIPE, ECONNRESET): 그 클라이언트의 태스크를 끝낸다. unwrap()하지 않고, std::sync::Mutex의 락을 잡은 채 .await하지 않는다.
day6-async--echo-few-threads--title = async-echo: 클라이언트 1,000개가 연결되어 각각 에코를 받는 동안에도 스레드 수가 클라이언트가 없을 때보다 많지 않다(/proc/<pid>/task)
day6-async--echo-few-threads--hint = 클라이언트마다 스레드가 아니라 tokio::spawn으로 태스크를 띄운다: std::thread도, spawn_blocking도, 태스크 안의 블로킹 read도 없다. 런타임의 워커 스레드가 모든 클라이언트를 처리한다.
day6-async--thousand-clients--title = async-chat: 클라이언트 1,000개가 연결된 채로 한 줄이 2초 안에 모두에게 닿고, 스레드 수는 클라이언트가 없을 때와 같으며, 메모리는 클라이언트당 64KiB 넘게 늘지 않는다
day6-async--thousand-clients--hint = 클라이언트마다 스레드가 아니라 태스크(tokio::spawn): std::thread도 spawn_blocking도 없다. 클라이언트 하나의 상태는 작은 버퍼와 수신자 하나이지, 제 몫의 큰 버퍼가 아니다.
day6-async--slow-consumer--title = async-chat: 클라이언트 하나가 읽지 않아 그 줄이 서버에 쌓이는 동안에도 다른 클라이언트는 줄마다 1초 안에 받는다
day6-async--slow-consumer--hint = 클라이언트 하나를 기다리느라 다른 클라이언트까지 기다리게 하지 않는다: 쓰는 동안 잡고 있는 락도, 클라이언트마다 차례로 쓰는 루프도 없다. 각 클라이언트의 쓰기는 채널에서 줄을 받는 제 태스크가 맡는다.
day6-async--far-behind--title = async-chat: 1,024줄 넘게 뒤처진 클라이언트는 연결이 끊긴다: 어느 지점까지의 줄을 온전히 받고 EOF를 받는다. 그동안 메모리는 한정된다
day6-async--far-behind--hint = 한 클라이언트를 기다리는 양을 제한한다: recv()가 Err(Lagged)를 주는 broadcast::channel(1024)(그러면 그 클라이언트를 닫는다. 빠진 줄을 건너뛰고 계속하지 않는다), 또는 가득 차면 try_send()가 실패하는 클라이언트별로 한도가 있는 큐.
day6-async--sigterm-exit--title = SIGTERM: 받아 둔 줄은 읽는 클라이언트 모두에게 가고, 모두 EOF를 받으며, 읽지 않는 클라이언트는 유예 시간 뒤에 닫힌다. `bye`, 2초 안에 상태 0, 남는 프로세스 없음
day6-async--sigterm-exit--hint = accept()와 함께 select!에서 tokio::signal::unix::signal(SignalKind::terminate())를 기다린다. 수락과 읽기를 멈추고, 쓰기 태스크마다 큐에 있는 것을 보내게 한 뒤, 모든 연결을 닫고(읽지 않는 클라이언트에 막힌 쓰기 태스크는 1초 남짓 유예한 뒤), bye를 출력하고 main에서 반환한다.
day6-async--sigint-exit--hint = SIGINT(SignalKind::interrupt(), 또는 tokio::signal::ctrl_c())도 SIGTERM과 같은 select!에서 기다린다.

## day6-async (exercises/day6_async/): 채점기의 메시지
async-syn-retry = 서버가 클라이언트 { $n }개를 수락하는 데 1초 넘게 걸렸다: 리슨 큐가 가득 차 SYN 하나가 버려졌고, 다시 보내졌다(SYN 재전송)
async-threads-grew = 클라이언트 { $clients }개가 연결된 서버가 스레드 { $with }개를 돌린다. 클라이언트가 없을 때는 { $none }개였다: 스레드가 클라이언트 수를 따라 늘어난다
async-tasks-not-threads = 클라이언트마다 스레드가 아니라 태스크(tokio::spawn): std::thread도, spawn_blocking도, 런타임이 스레드를 더 띄우게 만드는 블로킹 호출도 없다. 모든 클라이언트는 런타임의 워커가 처리한다
async-line-to-all = 클라이언트 { $clients }개에게 보낸 한 줄은 2초 안에 모두에게 닿아야 한다
async-other-line = { $who }{ JOSA($who, "이", "가") } 모두에게 보낸 줄과 다른 줄을 받았다
async-memory-grew = 클라이언트 { $clients }개가 연결되자 서버의 상주 메모리가 { $kib }KiB, 클라이언트당 { $per }KiB 늘었다(최대 64)
async-small-state = 태스크의 상태는 .await 너머로 들고 가는 것이다: 클라이언트의 버퍼는 작게(몇 KiB) 두고, 필요한 것은 필요할 때 할당한다
async-stops-reading = 읽기를 멈춘다. 그래서 이 클라이언트의 줄이 커널에, 그다음 서버에 쌓인다
async-never-piled = 읽는 클라이언트들에게 줄이 { $lines }개 갔는데, 서버가 아직 연결을 쥐고 있는 읽지 않는 클라이언트를 위해 서버 안에서 기다리는 줄이 하나도 없다(커널은 많아야 몇백 줄을 쥔다): 서버가 그 클라이언트 몫의 줄을 쥐고 있지 않고 버렸다
async-cut-early = 줄을 { $sent }개 보낸 뒤 { $who }의 연결이 끊겼다. 그중 { $got }줄을 받고 끝을 만났으니, 서버 안에서 그 클라이언트를 기다린 줄은 많아야 { $behind }개로 1,024개를 넘지 않았다
async-keep-until-behind = 읽지 않는 클라이언트는 서버 안에서 그 클라이언트를 기다리는 줄이 1,024개를 넘었을 때에만 끊는다: broadcast::channel(1024), 또는 클라이언트마다 1,024개짜리 한도가 있는 큐. 한도가 더 작으면 잠깐 멈췄을 뿐인 클라이언트를 끊는다
async-let-go-before-signal = 줄을 { $lines }개 보낸 뒤 시그널을 보내기 전에 { $who }의 연결이 끊겼다. { $who }{ JOSA($who, "은", "는") } 끊기지 않아야 했다
async-others-waited = { $line }번째 줄부터 보낸 { $n }줄 가운데 하나가 1초 안에 꾸준히 읽는 클라이언트들에게 닿지 않았고, 그동안 읽지 않는 클라이언트를 위해 서버 안에 { $held }줄이 기다렸다: 서버가 느린 클라이언트를 기다린다
async-far-behind = 서버 안에서 클라이언트 0을 기다리는 줄이 1,024개를 넘었다(보낸 줄 { $lines }개)
async-behind-memory = 읽지 않는 클라이언트가 한참 뒤처진 동안 줄 { $lines }개를 더 보내자 서버의 메모리가 { $kib }KiB 늘었다: 그 클라이언트를 기다리는 양에 한도가 없다
async-bound-the-queue = 한 클라이언트를 기다리는 양을 제한한다: 수신자가 너무 뒤처지면 recv()가 Err(Lagged)를 반환하는 broadcast::channel(1024), 또는 클라이언트별로 한도가 있는 큐(mpsc::channel(1024)와 try_send). 그리고 그 클라이언트의 연결을 끊는다
async-gap = 뒤처진 클라이언트가 { $line }번째 줄 자리에서 다른 줄을 받았다: 줄이 빠졌거나 순서가 어긋났다
async-lagged-close = Err(Lagged)는 그 클라이언트 몫의 줄을 잃었다는 뜻이다: 빠진 채로 계속하지 말고 연결을 닫는다
async-others-go-on = 너무 뒤처진 클라이언트 0은 EOF를 받았다. 그다음 꾸준히 읽는 클라이언트 1이 줄을 보냈는데 돌려받지 못했다: 뒤처진 클라이언트만 끊고 서버는 끊지 않는다(Err(Lagged)는 그 클라이언트의 태스크를 끝내지, 프로세스를 끝내지 않는다)
async-cut-line = 줄 중간에서 연결이 끝났다: 클라이언트의 연결은 줄과 줄 사이, write_all이 끝난 뒤에 끊고, 줄 중간에서 끊지 않는다
async-not-disconnected = 클라이언트 0이 1,024줄 넘게 뒤처졌는데(보낸 줄 { $lines }개), { $got }줄을 받은 뒤로 나머지도 EOF도 오지 않았다: 연결을 끊어야 한다
async-all-came = 서버 안에서 1,024줄 넘게 기다렸는데도 클라이언트 0이 줄 { $lines }개를 모두 받았고, 연결이 한 번도 끊기지 않았다
async-signal-with-lines = { $signal }{ JOSA($signal, "을", "를") } 보냈다: 보낸 줄 { $lines }개, 클라이언트 0과 1은 각각 64줄 이상 뒤처져 있다
async-eof-at-shutdown = 종료 시그널 뒤
async-close-every-client = 종료할 때 모든 클라이언트는 제 줄을 받고 EOF를 받는다: main이 반환하기 전에 모든 연결을 닫는다(소켓을 drop하거나 shutdown())
async-taken-lines-lost = 클라이언트 0이 서버가 받아 둔 줄 { $lines }개 가운데 { $line }개를 받은 뒤 EOF를 받았다: 종료할 때는 받아 둔 줄을 읽는 클라이언트 모두에게 전한다
async-deliver-then-close = 종료는 새 줄 읽기를 멈추고, 쓰기 태스크마다 가진 것을 보내게 한 뒤에야 연결을 닫는다
async-no-exit-in-2s = { $signal } 뒤 2초가 지나도 서버가 끝나지 않았다
async-grace = 읽지 않는 클라이언트가 종료를 붙잡아서는 안 된다: 그 쓰기 태스크에 최대 1.5초의 유예를 주고(tokio::time::timeout, 또는 select! 안의 sleep) drop한 뒤, bye를 출력하고 main에서 반환한다
async-after-signal = { $signal } 뒤
async-left-behind = 서버가 끝났는데 프로세스를 남겼다

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
mqtt-ping-late = 채점기 자신의 PINGREQ가 너무 늦게 나갈 뻔했다(머신이 바쁘다): 핑을 보내는 기기가 처음부터 다시 한다
mqtt-stalled-took = 두 구독자가 아무것도 읽지 않는 동안 모든 메시지가 { $secs }초 만에 읽는 쪽에 닿았다
mqtt-resumed-label = 멈춘 뒤
mqtt-resumed-why = QoS 0 구독자가 다시 읽었다. 브로커가 이 구독자 몫으로 쥐고 있던 것은 발행된 순서대로 온전한 패킷이어야 한다(메시지는 버려도 되지만 패킷의 일부를 버려서는 안 된다. 패킷의 일부만 보낸 send의 나머지는 다음에 이어서 보내야 한다)
mqtt-resumed-wanted = 발행자의 PUBLISH, { $next } 또는 그 뒤의 것, 4096바이트를 그대로 담은 것
mqtt-resumed-payload = { $who }{ JOSA($who, "이", "가") } 받은 { $topic }의 페이로드가 발행된 것과 다르다. { $len }바이트이고, 오프셋 { $at }에서 처음 달라진다(`x` 대신 { $byte }). 헤더를 보낸 뒤에 바이트를 잃어버린 패킷이다
mqtt-memory-grew = 두 구독자가 아무것도 읽지 않는 동안 브로커의 상주 메모리가 { $before } MiB에서 { $after } MiB로 늘었다(각각에 { $sent } MiB를 보냄): 기기마다 크기가 정해진 큐라면 { $bound } MiB로 충분하다(실습의 계약: 읽기를 멈춘 구독자가 차지하는 메모리에는 한도가 있다)
mqtt-signal = 기기 셋이 연결된 채로 브로커에 { $signal }
mqtt-no-exit-in-2s = { $signal } 뒤 2초가 지나도 브로커가 끝나지 않았다
mqtt-after-signal = { $signal } 뒤
mqtt-accepts-after-exit = 브로커가 끝났는데도 그 포트로 새 연결이 받아들여졌다
mqtt-what-its-connack = 거절된 CONNECT
mqtt-what-before-connect = CONNECT 앞의 { $packet }
mqtt-what-reserved-flag = 예약 플래그를 켠 CONNECT
mqtt-what-second-connect = 두 번째 CONNECT
mqtt-what-taken-over = 아무것도(다른 연결이 그 클라이언트 식별자를 넘겨받았다)
mqtt-what-filter = 필터 { $filter }
mqtt-what-wildcard-topic = 토픽 { $topic }{ JOSA($topic, "으로", "로") } 보낸 PUBLISH
mqtt-what-qos2 = QoS 2의 PUBLISH
mqtt-what-signal = 아무것도({ $signal }{ JOSA($signal, "이", "가") } 브로커에 왔다)
mqtt-what-silent = 1.5초 동안 아무것도(킵얼라이브 1초)
mqtt-what-keep-alive-first = 킵얼라이브 1초 내내 이어지는 침묵
mqtt-what-ping-in-grace = PINGRESP(PINGREQ는 CONNECT 2.5초 뒤, 3초 유예 안에 왔다)
mqtt-what-the-close = 연결 닫기
mqtt-what-new-packet-id = 확인받지 않은 메시지가 쓰고 있지 않은 패킷 식별자를 단 PUBLISH qos=1 topic={ $topic }(쓰이는 것: { $ids })
mqtt-what-5-byte-length = 5바이트짜리 남은 길이
mqtt-what-oversize = 300 KiB라고 알리는 PUBLISH
mqtt-what-not-utf8 = UTF-8이 아닌 토픽
mqtt-what-nul = 토픽 안의 U+0000
mqtt-what-type-15 = 예약된 패킷 타입 15
mqtt-what-garbage = 0xff 64바이트
mqtt-what-one-copy = PUBLISH qos=1 topic=a/b "both" 하나
mqtt-got-copies = a/b의 사본 { $n }개, QoS { $qos }
mqtt-clause-refused-then-closed = 3.2.2-5: 거절하는 CONNACK 뒤에 브로커는 연결을 닫는다
mqtt-clause-in-pieces = 2.2: 패킷은 조각조각 도착할 수 있다
mqtt-clause-several-in-one-read = 2.2: 한 번의 read에 패킷 여럿이 올 수 있다
mqtt-clause-only-offender = 4.8: 잘못한 연결만 닫는다
mqtt-clause-while-stalled = { $clause }, 두 구독자가 아무것도 읽지 않는 동안(실습의 계약: 읽기를 멈춘 구독자는 아무도 늦추지 않는다)
mqtt-clause-only-matching = 3.3.5: 맞는 구독에만 간다
mqtt-clause-own-messages = 3.3.5: 발행자는 구독했을 때만 자기 메시지를 받는다
mqtt-clause-grant-at-most-1 = 3.9.3: 실습의 부분 집합은 QoS 1까지만 허용한다
mqtt-clause-no-qos2 = 실습의 부분 집합: QoS 2 흐름은 없다
mqtt-clause-size-limit = 실습의 한도: 패킷 하나에 256 KiB
mqtt-clause-empty-retained = 3.3.1-10, 3.3.1-11: 빈 보존 메시지는 그 토픽의 보존 메시지를 지운다
mqtt-clause-not-before-keep-alive = 3.1.2-24: 킵얼라이브가 지나기 전에는 닫지 않는다(닫을 때는 그 1.5배가 지났을 때다)
mqtt-clause-disconnect-closes = 실습의 계약: DISCONNECT 뒤에 브로커가 연결을 닫는다
mqtt-clause-kept-while-away = 3.1.2-5: 기기가 떠나 있는 동안 QoS 1 메시지를 보관한다
mqtt-clause-clean-keeps-nothing = 3.1.2-6: clean session은 구독을 남기지 않는다
mqtt-clause-unsubscribed = 3.10.4-2: UNSUBACK 뒤에는 더 전달하지 않는다
mqtt-clause-all-closed = 실습의 계약: 모든 연결을 닫는다
mqtt-clause-one-copy = 3.3.5-1과 실습의 계약: 허용된 가장 높은 QoS로 사본 하나
mqtt-what-pingresp-or-close = PINGRESP나 연결 닫기(브로커는 클라이언트가 보낸 `$` 토픽을 거절해도 된다, 4.7.2)
mqtt-what-reserved-bits = 고정 헤더의 플래그가 { $bits }인 { $packet }
mqtt-what-qos3 = QoS 3의 PUBLISH(QoS 비트 둘 다 켬)
mqtt-what-qos-byte = 요청 QoS 바이트의 예약 비트를 켠 SUBSCRIBE({ $byte })
mqtt-clause-long-length = 2.2.3: 이 패킷의 남은 길이는 { $len }이고 { $count }바이트({ $hex })로 적는다. 바이트마다 7비트씩, 낮은 자리부터다
mqtt-clause-resent = 4.4.0-1, 3.3.1-1: 확인 응답을 받지 못한 메시지 { $n }개를 모두 맨 먼저, DUP를 켜고 제 패킷 식별자로 다시 보낸다
mqtt-clause-qos1-kept = 4.3.2와 실습의 계약: 읽지 않는 구독자의 QoS 1 메시지는 세션의 한도(1,000개)까지 간직한다. 그러니 이 구독자 몫 { $kept }개를 모두 간직한다
mqtt-resumed-why-qos1 = QoS 1 구독자가 메시지마다 확인 응답을 보내며 다시 읽었다. 브로커는 발행자에게 PUBACK을 보낸 QoS 1 메시지를 모두 책임지므로, 이 구독자가 구독한 { $kept }개를 하나씩, 발행된 순서대로 보내고, 그 뒤에 발행된 메시지를 보내야 한다

## day7-broker (checker/src/exercises/day7_broker/): 실습과 테스트의 제목과 힌트
day7-broker--title = 기기를 위한 MQTT 3.1.1 브로커
day7-broker--remaining-length-decode--title = 코덱만 따로: 2.2.3의 표에 있는 남은 길이, 어디서든 잘린 것, 뒤에 바이트가 더 붙은 것을 디코딩하고, "더 있다"고 하는 넷째 바이트는 거부한다
day7-broker--remaining-length-decode--hint = 바이트 i는 (byte & 0x7f) << (7 × i)를 더한다. 낮은 자리가 먼저다. 맨 위 비트가 꺼진 바이트에서 길이가 끝난다. 그 전에 바이트가 끝나면 Ok(None)을 돌려주고 더 읽는다. 맨 위 비트가 켜진 넷째 바이트는 그 자리에서 Err다(2.2.3).
day7-broker--remaining-length-encode--title = 코덱만 따로: 2.2.3의 표와 무작위 길이를 남은 길이로 인코딩해 버퍼 뒤에 덧붙인다
day7-broker--remaining-length-encode--hint = len % 128을 한 바이트로 하고 len /= 128을 한 뒤, len이 남았으면 그 바이트의 맨 위 비트를 켜서 넣는다. len이 0이 될 때까지 되풀이한다. 0은 한 바이트 0x00이고, 127은 [0x7f], 128은 [0x80, 0x01]이다.
day7-broker--fixed-header--title = 코덱만 따로: 모든 패킷 타입의 플래그를 2.2.2대로 받아들이거나 거부하고, decode는 플래그가 틀린 패킷을 거부한다
day7-broker--fixed-header--hint = PUBLISH, SUBSCRIBE, UNSUBSCRIBE가 아닌 모든 타입의 플래그는 0000이다(2.2.2-2). SUBSCRIBE와 UNSUBSCRIBE는 0010이다. PUBLISH의 플래그는 DUP, QoS, RETAIN인데, QoS 3과 QoS 0의 DUP는 거부한다(3.3.1-4, 3.3.1-2). 타입 0과 15, QoS 2의 5~7도 거부한다. decode는 모든 패킷에 check_flags를 부른다.
day7-broker--connect-fields--title = 코덱만 따로: CONNECT의 필드(플래그, 킵얼라이브, 클라이언트 식별자, 유언 메시지, 사용자 이름, 비밀번호)를 디코딩하고, 다른 레벨은 따로 알리고, 잘못된 것은 모두 거부한다
day7-broker--connect-fields--hint = 이름 MQTT, 레벨(다르면 그 자리에서 UnsupportedLevel), 연결 플래그를 비트마다, 빅 엔디안 킵얼라이브, 그다음 클라이언트 식별자, 유언 토픽과 유언 메시지, 사용자 이름, 비밀번호를 이 차례로 읽되, 저마다 그 플래그가 켜졌을 때만 읽는다(3.1.2, 3.1.3). 그리고 남는 바이트가 없어야 한다.
day7-broker--decode-byte-at-a-time--title = 코덱만 따로: 한 바이트씩 먹인 패킷은 마지막 바이트가 오기 전까지 패킷이 아니고, 뒤에 다른 패킷이 붙은 패킷은 제 바이트만 차지한다
day7-broker--decode-byte-at-a-time--hint = 패킷 도중에, 남은 길이 도중에라도 끝나는 버퍼에 decode는 Ok(None)으로 답하고, 패킷이 온전해지면 Ok(Some((packet, n)))으로 답한다. n은 그 패킷의 바이트 수뿐이다. 뒤따르는 것은 다음 패킷의 것이다.
day7-broker--connect--title = CONNECT에는 CONNACK `20 02 00 00`으로, PINGREQ에는 PINGRESP `d0 00`으로 답한다
day7-broker--connect--hint = 패킷 하나가 온전히 들어올 때까지 버퍼에 읽어 들인다. 첫 바이트가 타입이고, 그 뒤에 1~4바이트의 남은 길이가 온다(2.2.3). CONNECT에는 CONNACK으로 답한다. clean session 1이면 session present는 0, 반환 코드는 0이다.
day7-broker--connect-refused--title = 프로토콜 레벨이 다르면 반환 코드 1로, clean session 0인 빈 클라이언트 식별자에는 반환 코드 2로 답하고 그때마다 닫는다. clean session 1인 빈 식별자는 수락한다
day7-broker--connect-refused--hint = 무엇보다 먼저 프로토콜 레벨(4)을 확인한다. 다르면 반환 코드 1의 CONNACK을 보내고 닫는다(3.1.2-2). 빈 클라이언트 식별자는 clean session 1일 때만 받는다(3.1.3-8). 아니면 반환 코드 2를 보내고 닫는다.
day7-broker--connect-first--title = CONNECT 앞에 온 패킷, 두 번째 CONNECT, CONNECT의 켜진 예약 비트: 어느 것이든 CONNACK 없이 연결을 닫는다
day7-broker--connect-first--hint = 연결의 첫 패킷은 CONNECT여야 하고, CONNECT는 한 번만 온다(3.1.0-1, 3.1.0-2). 연결 플래그의 비트 0은 예약되어 있고 0이다(3.1.2-3). 고정 헤더의 플래그 네 비트도 그렇다(2.2.2-2). 이 가운데 하나라도 어기면 아무 답 없이 닫는다.
day7-broker--takeover--title = 같은 클라이언트 식별자로 두 번째 CONNECT가 오면 첫 연결을 닫고 그 유언 메시지를 발행한다
day7-broker--takeover--hint = 지금 연결된 클라이언트 식별자의 표를 둔다. 표에 있는 식별자로 새 CONNECT가 오면 앞의 연결을 닫는다(3.1.4-2). 그 연결은 DISCONNECT를 보내지 않았으므로 유언 메시지가 나간다.
day7-broker--publish--title = QoS 0의 PUBLISH가 그 토픽의 구독자에게 바이트 하나 다르지 않게 닿고, 다른 누구에게도 가지 않는다
day7-broker--publish--hint = 필터가 토픽에 맞는 구독 모두에게 전달한다. 토픽도 페이로드도 그대로, QoS는 둘 가운데 낮은 쪽, retain은 0이다. 발행자에게는 그 자신이 구독했을 때만 보낸다.
day7-broker--qos1--title = QoS 1: 발행자의 패킷 식별자로 PUBACK, 전달은 저마다 낮은 쪽 QoS로, 메시지 100개는 보낸 순서대로
day7-broker--qos1--hint = QoS 1의 PUBLISH에는 받은 순서대로 그 패킷 식별자로 PUBACK을 답한다(3.3.4). 전달은 min(발행된 QoS, 허용한 QoS)로 하고, QoS 1이면 브로커가 직접 고른 패킷 식별자를 붙인다. 발행자의 순서를 지킨다(4.6).
day7-broker--qos2--title = QoS 2를 요청하는 SUBSCRIBE에는 1을 허용하고, QoS 2의 PUBLISH는 연결을 닫는다
day7-broker--qos2--hint = 이 실습의 브로커에는 QoS 2 흐름이 없다. SUBACK에서는 많아야 1을 허용하고(3.9.3은 요청보다 낮게 허용하는 것을 인정한다), QoS 2로 발행하는 연결은 닫는다.
day7-broker--wildcards--title = `+`는 레벨 하나에(빈 레벨에도), `#`는 나머지와 그 부모 레벨에 맞는다. 처음이든 가운데든 끝이든, 아홉째 레벨까지 그렇다. `$` 토픽은 와일드카드로 시작하는 필터에 맞지 않는다. 겹치는 구독에는 가장 높은 QoS로 전달한다
day7-broker--wildcards--hint = 필터와 토픽을 `/`로 나누어 둘을 함께 걷는다. `+`는 레벨 하나를, (마지막에 오는) `#`는 나머지를 받고, `sensors/#`는 `sensors`에도 맞는다(4.7.1-2). `$`로 시작하는 토픽은 `+`나 `#`로 시작하는 필터에 절대 맞지 않는다(4.7.2-1).
day7-broker--bad-filters--title = SUBSCRIBE의 `a/#/b`, `a+`, `#a`, PUBLISH 토픽의 와일드카드: 연결을 닫는다
day7-broker--bad-filters--hint = `#`는 마지막 레벨에 혼자만, `+`는 제 레벨에 혼자만 설 수 있다(4.7.1-2, 4.7.1-3). 토픽 이름에는 둘 다 절대 오지 않는다(3.3.2-2). 프로토콜 위반이면 연결을 닫는다(4.8).
day7-broker--unsubscribe--title = UNSUBSCRIBE에는 그 패킷 식별자로 UNSUBACK을 답하고, 그 뒤로 메시지는 오지 않는다
day7-broker--unsubscribe--hint = 그 필터를 클라이언트의 구독에서 지우고 같은 패킷 식별자로 UNSUBACK을 답한다. 구독한 적 없는 필터여도 답한다(3.10.4).
day7-broker--retained--title = 보존 메시지는 새 구독자에게 retain 플래그를 켜고 가고, 곧바로 전달되는 메시지에는 그 플래그가 없다. 빈 보존 메시지는 앞의 것을 지운다
day7-broker--retained--hint = 토픽마다 마지막 보존 메시지를 간직한다. SUBSCRIBE가 오면 새 필터에 맞는 보존 메시지를 retain 1로 보낸다(3.3.1-6). 이미 있던 구독으로 가는 전달은 retain 0이다(3.3.1-9). 페이로드가 빈 보존 PUBLISH는 그 토픽의 보존 메시지를 지운다(3.3.1-10, 3.3.1-11).
day7-broker--keep-alive--title = CONNECT 2.5초 뒤의 PINGREQ가 킵얼라이브 2초인 연결을 열어 둔다. 킵얼라이브가 1초인 조용한 기기는 1초 전이 아니라 1.5초 뒤에 닫히고, 그 유언 메시지가 나간다
day7-broker--keep-alive--hint = 연결마다 마지막으로 패킷을 보낸 때를 적어 둔다. 킵얼라이브의 1.5배 동안 아무 패킷도 보내지 않은 연결은 네트워크가 끊긴 것처럼 닫는다(3.1.2-24). 그러면 유언 메시지가 나간다. 킵얼라이브 그 자체에서 닫지는 않는다. 기기는 그 직후에 핑을 보낼 수도 있다.
day7-broker--will--title = 기기가 DISCONNECT 없이 리셋하거나 닫으면 유언 메시지가 그 QoS로, 요청대로 보존되어 나가고, DISCONNECT 뒤에는 절대 나가지 않는다
day7-broker--will--hint = CONNECT에 담겨 온 유언 메시지를 QoS와 retain 플래그까지 간직한다. 연결이 끝날 때 DISCONNECT가 먼저 오지 않았으면 기기가 직접 발행한 것처럼 그것을 발행한다(3.1.2-8, 3.1.2-10). 유언의 QoS로 보내고, retain 플래그가 있으면 보존한다(3.1.2-17). read가 0을 반환하거나 오류가 난 것은 DISCONNECT가 아니다.
day7-broker--sessions--title = clean session 0: 구독이 살아남고, 그동안 온 QoS 1 메시지는 다시 연결할 때(session present 1) 오며, 확인 응답을 받지 못한 메시지는 모두 DUP를 켜고 다시 온다. clean session 1은 세션을 버린다
day7-broker--sessions--hint = clean session이 0이면 세션은 연결보다 오래 산다(3.1.2.4). 그 구독들을 간직하고, 클라이언트가 없는 동안 온 QoS 1 메시지를 큐에 쌓고, 확인 응답을 받지 못한 메시지를 모두 간직했다가 맨 먼저, 순서대로, DUP를 켜고 제 패킷 식별자로 다시 보낸다(4.4).
day7-broker--byte-at-a-time--title = 한 바이트씩 도착하는 패킷도, 한 세그먼트에 여럿이 함께 온 패킷도 패킷으로 읽는다. 2바이트와 3바이트짜리 남은 길이도 마찬가지다
day7-broker--byte-at-a-time--hint = TCP는 바이트 스트림이다. 읽은 것은 버퍼에 쌓아 두고, 패킷이 온전해진 뒤에야 디코딩하고, 그 뒤의 바이트는 다음 패킷을 위해 남겨 둔다. read 한 번에 패킷의 한 조각이 올 수도, 패킷 세 개가 올 수도 있다. 남은 길이는 1~4바이트이고, 바이트마다 7비트씩 낮은 자리부터 적는다(2.2.3). 150은 `96 01`이다.
day7-broker--hostile-input--title = 5바이트짜리 남은 길이, 256 KiB를 넘는 패킷, 잘못된 토픽, 예약된 타입, 켜진 예약 플래그 비트, 쓰레기 바이트, 도중에 끊긴 패킷: 어느 것이든 그 연결만 닫고 그 유언 메시지가 나가며, 다른 연결은 계속 처리한다
day7-broker--hostile-input--hint = 디코딩 오류는 모두 그 연결의 것이다. 그 연결을 닫고, 유언 메시지를 발행하고, 다른 연결들을 계속 처리한다(4.8). 256 KiB를 넘는 패킷은 버퍼에 담기 전에, 고정 헤더만 보고 거부한다. 타입마다 플래그 비트를 2.2.2의 표와 맞춰 보고(SUBSCRIBE와 UNSUBSCRIBE는 0010, PUBLISH는 QoS 0~2, 나머지는 0000), SUBSCRIBE의 QoS 바이트의 예약 비트도 확인한다(3.8.3-4).
day7-broker--thousand-devices--title = 기기 1,000대가 한꺼번에 연결해 구독한 채로 PUBLISH 하나가 모두에게 닿는다
day7-broker--thousand-devices--hint = 연결 천 개가 한꺼번에 열린다. 기기마다 스레드를 한두 개 쓴다면 스택을 작게 준다(std::thread::Builder::stack_size). poll이나 epoll 루프라면 스레드 하나가 모두를 쥔다. 시작할 때 RLIMIT_NOFILE의 소프트 한도를 올리고, 한꺼번에 몰려오는 연결을 받아 낼 만한 백로그로 리슨한다.
day7-broker--thousand-devices--hint-c = 연결 천 개가 한꺼번에 열린다. poll이나 epoll 루프라면 스레드 하나가 모두를 쥔다(연결이나 pollfd를 고정 크기 배열에 두지 말고 realloc으로 늘린다). 기기마다 스레드를 한두 개 쓴다면 스택을 작게 준다(pthread_attr_setstacksize). 시작할 때 RLIMIT_NOFILE의 소프트 한도를 하드 한도까지 올리고(getrlimit, setrlimit), 한꺼번에 몰려오는 연결을 받아 낼 만한 백로그로 리슨한다(listen(fd, 1024)).
day7-broker--remaining-length-decode--hint-c = 바이트 i는 (buf[i] & 0x7f) << (7 * i)를 size_t에 더한다. 낮은 자리가 먼저다. 맨 위 비트가 꺼진 바이트에서 길이가 끝난다. *value를 채우고 i + 1을 돌려준다. 그 전에 len바이트가 끝나면 0을 돌려주고 더 읽는다. 맨 위 비트가 켜진 넷째 바이트면 그 자리에서 -1이다(2.2.3).
day7-broker--remaining-length-encode--hint-c = do … while로 되풀이한다(그래야 0도 한 바이트를 쓴다). len % 128을 한 바이트로 하고 len /= 128을 한 뒤, len이 남았으면 맨 위 비트를 켜서 out[n++]에 쓴다. n을 돌려준다. 127은 0x7f, 128은 0x80 0x01이다.
day7-broker--fixed-header--hint-c = mqtt_bad_flags는 PUBLISH, SUBSCRIBE, UNSUBSCRIBE가 아닌 모든 타입에서 플래그 0000에, 그 둘에서 0010에, PUBLISH의 DUP/QoS/RETAIN에(QoS 3과 QoS 0의 DUP는 빼고) NULL을 돌려준다. 나머지에는, 타입 0, 15, 5~7을 포함해 까닭을 돌려준다. mqtt_next_packet은 모든 패킷의 첫 바이트에 그것을 부른다.
day7-broker--connect-fields--hint-c = mqtt_decode_connect는 이름 MQTT, 레벨(다르면 k->level을 채우고 그 자리에서 1), 연결 플래그를 비트마다, 빅 엔디안 킵얼라이브, 그다음 클라이언트 식별자, 유언 토픽과 유언 메시지, 사용자 이름, 비밀번호를 이 차례로 읽되, 저마다 그 플래그가 켜졌을 때만 읽는다. 잘못된 것이면, 남는 바이트도 포함해 -1이다.
day7-broker--decode-byte-at-a-time--hint-c = 패킷 도중에, 남은 길이 도중에라도 끝나는 버퍼에 mqtt_next_packet은 0을 돌려주고, 패킷이 온전해지면 1을 돌려준다. p->total은 그 패킷의 바이트 수뿐이다. 뒤따르는 것은 다음 패킷의 것이다.
day7-broker--stalled-subscriber--title = 구독자 둘이 읽기를 멈춰도 셋째 구독자는 모든 메시지를 곧바로 받고, 브로커의 메모리는 한도 안에 머물며, 멈췄던 구독자가 다시 읽을 때 받는 것은 순서대로 온전한 패킷이다
day7-broker--stalled-subscriber--title = 구독자 둘이 읽기를 멈춰도 셋째 구독자는 모든 메시지를 곧바로 받고, 브로커의 메모리는 한도 안에 머물며, 둘이 다시 읽을 때 QoS 0 구독자는 순서대로 온전한 패킷을, QoS 1 구독자는 제 몫 410개 메시지를 하나도 잃지 않고 받는다
day7-broker--stalled-subscriber--hint = 한 기기를 처리하는 코드에서 다른 기기에 절대 쓰지 않는다. 연결마다 한도가 있는 송신함을 두고(가득 차면 QoS 0은 버리고, QoS 1은 세션에 그 한도까지 간직한다), 그 연결만의 쓰기 담당이 비우게 한다. 그 연결의 스레드, 그 연결의 POLLOUT, 그 연결의 태스크다.
day7-broker--sigterm-exit--title = SIGTERM: 모든 연결을 닫고, 더는 수락하지 않고, 2초 안에 상태 0으로 종료
day7-broker--sigterm-exit--hint = 루프가 깨어나도록 SIGTERM과 SIGINT를 받는다(self-pipe, ppoll, 또는 전용 스레드의 sigwait. 플래그만 세우면 다음 이벤트가 와야 보인다). 그다음 모든 연결과 리스닝 소켓을 닫고 main에서 0을 반환한다.
day7-broker--sigint-exit--title = SIGINT(Ctrl-C): 같은 깨끗한 종료
day7-broker--sigint-exit--hint = SIGINT에도 SIGTERM과 같은 핸들러를 설치한다.

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
class-why-intro = 누군가 실패한 테스트마다, 채점기가 본 것, 그 빈도, 학생들에게 한 말, 가르칠 때 쓸 교재 절, 그리고 누구인지를 보인다.
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
class-trust-unjudged-intro = 머신이 너무 바빠 이 실행들은 판정하지 못했다. 어느 쪽으로도 점수가 없고, 다시 채점하면 판정한다.
class-trust-graded-by = 무엇이 반을 채점했는가
class-trust-revision = 랩 리비전
class-trust-checker = 채점기
class-trust-sandbox = 샌드박스
class-trust-graded-by-note = +가 붙은 리비전은 수정된 랩이다. ✗가 붙은 샌드박스는 학생의 프로그램을 격리하지 않았다(plain 모드). 프로그램이 채점기 곁에서 돌았으니 덜 믿을 성적이다.
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
day7-broker--part-1--title = 패킷, CONNECT, 적대적인 입력
day7-broker--part-2--title = 라우팅: PUBLISH, QoS 1, 토픽, 보존 메시지
day7-broker--part-3--title = 상태와 부하: 킵얼라이브, 유언 메시지, 세션, 기기 1,000대
