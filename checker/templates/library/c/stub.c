// Day __DAY__ — __NAME__ (C track; an example: replace it with the exercise).
//
// Read course.md#__NAME__ (한국어: course.ko.md#__NAME__), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c __NAME__` (from the lab's root).
//
// Each `// TODO n.` says one step; the `TODO("...")` under it stops the function there (the
// checker reports such a test as "not started"): replace it with that step's code.

#include "__STEM__.h"

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished; remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-parameter"

uint32_t lab_double(uint32_t x)
{
    // TODO 1. x doubled, wrapping around at 2^32.
    TODO("step 1: double x");
    return 0;
}
