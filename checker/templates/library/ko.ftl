
## __NAME__ (checker/exercises/__NAME__/): 실습과 테스트의 제목과 힌트
__NAME__--title = TODO 한 줄로: 학생이 만드는 것
__NAME__--double--title = 경계값과 무작위 값에 대한 double
__NAME__--double--hint = TODO 이 테스트가 실패할 때 학생에게 필요한 힌트.
