# 채점기(checker)의 한국어 메시지. 키는 en.ftl과 같다; 빠진 키는 영어로 보인다.
# `cargo run -p checker -- verify`가 빠진 키와 en.ftl에 없는 키를 알려 준다.
# 용어는 /work/ko/GLOSSARY.md(course.ko.md의 용어집)를 따른다. API 이름, 플래그, errno 이름,
# 테스트 id는 라틴 문자 그대로 둔다. 서술은 ~다, 안내는 ~하세요.

## 보고서에 공통으로 쓰는 말

status-pass = 통과
status-fail = 실패
status-error = 오류
status-not-started = 시작 전
status-does-not-compile = 컴파일 안 됨
status-not-applicable = 해당 없음

exercise-passing = 통과
exercise-failing = 실패
exercise-not-started = 시작 전
exercise-does-not-compile = 컴파일 안 됨

count-byte = { $n }바이트
count-line = { $n }줄
count-place = { $n }곳
count-process = 프로세스 { $n }개

## 사람이 읽는 보고서 (report/human.rs)

report-exercise-counts = (테스트 { $passed }/{ $tests }개, { $earned }/{ $possible }점)
report-does-not-compile = 컴파일 안 됨
report-not-graded = 채점하지 않음
report-fix-compile-errors = 위의 오류(컴파일러가 낸 메시지)를 고친 뒤 채점기를 다시 실행하세요. 다른 실습은 평소대로 채점된다
report-not-started-open = 시작 전: exercises/{ $exercise }/{ $file }을(를) 열고 { $course }#{ $section }을(를) 읽으세요
report-test-title = 테스트: { $title }
report-output = 출력:
report-note = 참고:
report-hint = 힌트:
report-read = 읽을 곳: { $course }#{ $section }
report-try-by-hand = 직접 해 보기: { $command }
report-rerun = 다시 실행: { $command }
report-transcript-took = 기록 ({ $seconds }초):
report-score = 점수: { $earned }/{ $possible }점
report-score-day = { $day }일차: { $earned }/{ $possible }
report-totals = 통과 { $passed }, 실패 { $failed }
report-totals-skipped = 통과 { $passed }, 실패 { $failed }, 해당 없음 { $skipped }
report-grading = 채점 중

## 오류 종류별 힌트 (report/hints.rs)

hint-not-started = 이 코드는 아직 `todo!()`를 실행한다. `todo!()`를 직접 구현한 코드로 바꾸세요. 그 위의 문서 주석이 C 호출을 인용하고 그에 해당하는 nix 함수를 알려 준다.
hint-panic = 코드가 패닉했다. 메시지와 줄 위치는 위에 있다. 패닉은 계약이 오류를 요구하는 곳에서도 결코 통과가 아니다(대신 stderr에 한 줄을 출력하고 상태 1로 종료하세요).
hint-crash = 프로세스가 시그널로 죽었다. SIGSEGV는 대개 스택 오버플로(끝없는 재귀), SIGABRT는 패닉 중의 패닉이나 명시적인 abort, SIGPIPE는 상대가 이미 닫은 소켓에 쓴 것이다(course.ko.md의 SIGPIPE와 MSG_NOSIGNAL 부분을 보세요).
hint-timeout = 제한 시간 안에 아무 일도 일어나지 않았다. 끝나지 않는 루프, 결코 오지 않을 데이터를 기다리는 read(답하기 전에 EOF를 기다리지 않았는가?), 엉뚱한 소켓에서 블로킹되는 호출이 없는지 찾아보세요.
hint-refused = 연결 거부(ECONNREFUSED): 그 주소와 포트에서 리슨하는 것이 없다. 서버는 bind(), listen()을 한 뒤, 실제로 리슨하고 있을 때에만 `listening on` 줄을 출력해야 한다. 클라이언트는 오류를 stderr에 알리고 상태 1로 종료해야 한다.
hint-reset = 연결 리셋(ECONNRESET): 상대가 RST를 보냈다. 수신 버퍼에 읽지 않은 데이터가 남은 채 소켓을 닫거나, 연결이 열린 채 프로세스가 죽으면(패닉, 크래시) 이렇게 된다.
hint-early-eof = 데이터가 다 오기 전에 연결이 끝났다(read()가 0, 즉 EOF를 돌려줌). 소켓을 너무 일찍 닫지 않았는가, 부분 쓰기(short write)를 완전한 쓰기로 여기지 않았는가? write()는 요청보다 적은 바이트를 보낼 수 있다. 모두 보낼 때까지 반복하세요.
hint-address-in-use = 주소가 이미 사용 중이다(EADDRINUSE). 서버가 닫은 뒤에도, 끝난 연결의 그쪽 끝은 TIME_WAIT 상태로 2*MSL 동안 기다린다. 그동안 bind()는 그 포트를 거부한다. 리스닝 소켓에 bind() *전에* SO_REUSEADDR를 설정하면 된다.
hint-no-listening-line = 서버는 리슨을 시작하면 정확히 `listening on <ip>:<port>`(getsockname()이 알려 주는 실제 포트)를 출력하고 stdout을 flush해야 한다. 채점기는 그 줄을 기다린 뒤에 연결한다.
hint-bad-output = 출력은 계약의 일부다. 공백과 줄바꿈까지 바이트 단위로 같아야 하고, 그 스트림에는 다른 것을 출력하면 안 된다.
hint-bad-exit = 종료 상태는 계약의 일부다. 성공하면 0, 예상된 오류이면 stderr에 한 줄을 쓰고 1이며, 패닉(101)이나 시그널로 끝나면 안 된다.
hint-rule = 이 실습은 배울 내용을 건너뛰게 하는 지름길을 금지한다(clippy.toml과 실습의 Cargo.toml에 있는 [lints] 표를 보세요). 그 부분을 직접 작성하세요.

## 채점 (grade/)

rules-wait-for-work = 아직 확인할 것이 없다: 코드가 todo!()를 지나가면 규칙을 확인한다
build-tampered = { $files }: 실습의 매니페스트와 규칙은 실습이 배포한 그대로여야 한다
build-tampered-restore = 실습 저장소에서 되돌리세요(예: `git checkout <lab revision> -- <file>`). 채점은 실습 자체의 규칙을 쓴다
build-no-package = { $dir }에 패키지가 없다({ $manifest }이(가) 있어야 한다)
build-cargo-cannot-read = cargo가 패키지(Cargo.toml이나 워크스페이스)를 읽지 못한다
build-does-not-compile = `{ $exercise }`이(가) 컴파일되지 않는다
build-signature-differs = `{ $exercise }`은(는) 컴파일되지만 채점기가 함수를 호출할 수 없다: 공개 시그니처가 스텁과 다르다(문서 주석과 비교해 보세요)
build-cargo-build-failed = { $exercise }의 `cargo build`가 실패했다
build-no-binary = 패키지에 `{ $bin }`라는 바이너리가 없다: src/bin/{ $bin }.rs에 그대로 있어야 한다

## 기록 (observe/wire/)

transcript-earlier-lines = … (앞선 { $n }줄 생략)
transcript-sent = { $size } 보냄: { $data }
transcript-received = { $size } 받음: { $data }
transcript-sent-datagram = { $size } 데이터그램을 포트 { $port }(으)로 보냄: { $data }
transcript-received-datagram = { $size } 데이터그램을 포트 { $port }에서 받음: { $data }

## 개요: 인자 없이 `checker` (commands/overview.rs)

overview-heading = 소켓 프로그래밍 실습: 지금 위치 ({ $dir })
overview-day = { $day }일차  { $bar }  실습 { $done }/{ $exercises }개 통과, { $points }/{ $max }점
overview-counts = 테스트 { $passed }/{ $tests }  점수 { $points }/{ $max }
overview-next = 다음: { $course }#{ $section }을(를) 읽고 `cargo run -p checker { $exercise }`를 실행하세요
overview-all-pass = 모든 실습을 통과했다. 수고했어요!

## 채점기 자체의 메시지 (commands/, main.rs)

options-cap-kernel = 커널(프로그램마다 pids cgroup)
options-cap-checker = 채점기(프로그램마다 프로세스 수를 센다)
options-sandbox = 샌드박스: { $sandbox }; 프로세스 상한: 동시에 { $max }개, 지키는 쪽: { $cap }
options-jobs-one = jobs: 1 (--program은 고정 포트에서 리슨할 수 있고, plain 모드는 이 머신의 포트를 함께 쓴다. -j N으로 바꿀 수 있다)
options-no-root = --root { $dir }: 그런 디렉터리가 없다
checker-error = checker: { $error }
select-no-test = `{ $exercise }`에는 `{ $test }` 테스트가 없다. `checker list`가 모든 실습의 테스트 id를 보여 준다
select-nothing-belongs = 아직 `{ $target }`에 속한 실습이 없다. `checker list`가 실습 목록을 보여 준다
select-did-you-mean = 알 수 없는 실습이나 대상 `{ $target }`: `{ $guess }`을(를) 말한 것인가? (`checker list`가 모든 실습을 보여 준다)
select-unknown = 알 수 없는 실습이나 대상 `{ $target }`. `all`, `day1` 같은 일차, 또는 다음 중 하나를 써 보세요: { $names }
grade-no-step-summary = 단계 요약(step summary)을 쓰지 못했다: { $error }
grade-writing = { $file } 쓰는 중
watch-watching = { $dir }의 변경을 지켜보는 중 (그만하려면 Ctrl-C)…
watch-unavailable = 여기서는 파일 감시를 쓸 수 없다({ $error }): 다시 채점하려면 Enter, 그만하려면 Ctrl-C
list-exercise = { $exercise } ({ $day }일차) — { $title }  [{ $course }#{ $section }]
list-points = { $points }점
hint-unknown-exercise = 알 수 없는 실습 `{ $exercise }`. `checker list`가 실습 목록을 보여 준다
hint-read-first = 먼저 { $course }#{ $section }을(를) 읽으세요.

## 프로그램이 끝난 방식과 채점기가 한 일 (contain/)

exit-panic = 상태 101로 종료했다(패닉)
exit-status = 종료했다(상태 { $code })
exit-sigsegv = SIGSEGV로 죽었다(세그멘테이션 오류: 스택 오버플로?)
exit-sigabrt = SIGABRT로 죽었다(abort)
exit-sigpipe = SIGPIPE로 죽었다(읽는 쪽이 사라진 소켓이나 파이프에 썼다)
exit-sigkill = SIGKILL로 죽었다(메모리나 시간을 너무 많이 써서 죽었을 수 있다)
exit-signal = { $signal }(으)로 죽었다
exit-other = 끝났다({ $status })
intervention-ended = { $label }은(는) 스스로 끝나 있었다: { $how }
intervention-server-ended = { $label }은(는) 테스트가 아직 필요로 할 때 스스로 끝나 있었다: { $how }. 서버는 멈출 때까지 계속 돌아야 한다
intervention-last-words = {" "}(stderr의 마지막 말: "{ $line }")
intervention-found-stopped = { $label }이(가) 멈춰(SIGSTOP) 있었다: 채점기가 재개시킨 뒤 끝냈다
intervention-ignored-sigterm = { $label }이(가) SIGTERM을 받고 { $ms } ms 안에 끝나지 않았다: 채점기가 SIGKILL로 죽였다
intervention-left-running = { $label }이(가) 끝난 뒤에도 { $count }가 돌고 있었다(고아 프로세스, setsid?): 채점기가 죽였다
intervention-fork-bomb = 채점기가 동시에 프로세스를 { $max }개 넘게 돌린 프로그램을 죽였다(포크 폭탄?)
intervention-refused-forks = { $label }이(가) 동시에 프로세스를 { $max }개 넘게 돌리려 했다(포크 폭탄?): 커널이 fork { $refused }번을 거부했다
intervention-flooded = { $label }이(가) { $bytes }바이트를 출력했다(채점기는 스트림마다 처음 4 MiB만 보관한다)
intervention-sandbox-leftovers = 프로그램들을 멈춘 뒤에도 테스트의 샌드박스에서 프로세스 { $n }개가 돌고 있었다(데몬?): 샌드박스와 함께 끝났다
program-killed-fork-bomb = { $label }: { $situation } 채점기가 죽였다. 동시에 프로세스를 { $max }개 넘게 돌렸다(포크 폭탄?)
program-fork-bomb-note = fork()마다 자식의 exit()가 짝을 이뤄야 한다. 루프로 돌아가 다시 fork하는 자식은 기하급수로 늘어난다
program-still-running = { $label }이(가) 아직 돌고 있다
program-reached-todo = 시작 전: { $label }이(가) { $at }에서 todo!()에 닿았다
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
label-stdout = stdout
label-output = 출력
label-then = 그다음
conn-lengths-when-differed = 기대 { $expected }; 차이가 드러났을 때 { $got }가 도착해 있었다
wire-io-failure = { $who }: { $doing }: { $what }
wire-refused = 연결이 거부됐다
wire-reset = 연결이 리셋됐다({ $error })
wire-timed-out = 시간 초과
wire-lossy-text = 바이트 EF BF BD는 대체 문자 U+FFFD다: 데이터가 String을 거쳤다
wire-read-failed = 읽기 실패: { $error }
conn-no-time-to-connect = { $who }: 연결할 시간이 남지 않았다
conn-connected = { $addr }에 연결함(포트 { $port }에서)
conn-connect-failed = { $addr }에 연결 실패: { $error }
conn-connect-to = { $addr }에 connect
conn-sending-stopped = 보내기 멈춤: { $total }바이트 중 { $accepted }바이트가 받아들여졌다
conn-could-not-send = { $who }: 남은 { $left }바이트를 제시간에 보내지 못했다: 프로그램이 읽기를 멈췄다
conn-timed-out-waiting = 데이터를 기다리다 시간 초과
conn-nothing-came-back = { $who }: 제시간에 아무것도 돌아오지 않았다
conn-eof = EOF (상대가 닫음)
conn-ended-early = { $who }: 데이터가 다 돌아오기 전에 연결이 끝났다
conn-bytes-differ = { $who }: 돌아온 바이트가 보낸 바이트와 다르다
conn-more-bytes = { $who }: EOF를 기대했지만 바이트가 더 왔다: { $bytes }
conn-no-eof = { $who }: EOF가 없다: { $why } 연결이 열린 채였다
conn-shut-down = 송신 쪽을 닫음(FIN: 프로그램의 read가 0을 돌려준다)
conn-closed-rst = SO_LINGER 0으로 닫음(RST: 리셋)
