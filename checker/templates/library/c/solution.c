// Day __DAY__ — __NAME__ (C track, reference solution; an example: replace it with the exercise).

#include "__STEM__.h"

uint32_t lab_double(uint32_t x)
{
    // An addition that wraps around: unsigned arithmetic is modulo 2^32.
    return x + x;
}
