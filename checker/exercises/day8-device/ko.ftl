
## day8-device (checker/exercises/day8-device/): 실습과 테스트의 제목과 힌트
day8-device--title = TODO 한 줄로: 학생이 만드는 것
day8-device--greets--title = 클라이언트가 `hello\n`을 받고, 그다음 EOF를 받는다
day8-device--greets--hint = TODO 이 테스트가 실패할 때 학생에게 필요한 힌트.
