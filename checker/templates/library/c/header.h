// Day __DAY__ — __NAME__ (C track; an example: replace it with the exercise).
// Read course.md#__NAME__ (한국어: course.ko.md#__NAME__).
//
// Every name starts with lab_, so that none is taken for a function of the C library.
#ifndef LAB___UPPER___H
#define LAB___UPPER___H

#include <stdint.h>

// x doubled, wrapping around at 2^32, as `uint32_t` arithmetic does.
uint32_t lab_double(uint32_t x);

#endif
