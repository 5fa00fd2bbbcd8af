/* C 스텁이 쓰는 랩의 도우미 하나: TODO("...")는 아직 작성하지 않은 단계를 표시한다. */
#ifndef LAB_H
#define LAB_H

#include <stdio.h>
#include <stdlib.h>

/* 아직 코드를 쓰지 않은 곳에서 프로그램을 멈추고 그 자리를 알린다. 채점기는 그런 테스트를
 * "시작 전"으로 보고한다. TODO(...)를 하나씩 코드로 바꾼다. */
#define TODO(what) lab_todo(__FILE__, __LINE__, what)

#ifdef LAB_HARNESS
/* 채점기가 빌드하는 라이브러리 실습(-DLAB_HARNESS -fexceptions): 채점기의 하네스가 lab_todo를
 * 정의한다. 하네스는 여러분의 C 함수를 거쳐 되돌아와, 테스트를 "시작 전"으로 보고한다. */
_Noreturn void lab_todo(const char *file, int line, const char *what);
#else
static inline _Noreturn void lab_todo(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: 아직 작성하지 않았다: %s\n", file, line, what);
    exit(101);
}
#endif

#endif
