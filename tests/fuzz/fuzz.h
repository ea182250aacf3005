/*
 * Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c). Each harness
 * defines LLVMFuzzerTestOneInput and checks a property beyond "no crash"
 * where there is one; FUZZ_ASSERT aborts so libFuzzer keeps the input.
 * `make fuzz` runs them; `make check` replays the committed corpus and
 * regressions and runs each for a few seconds (scripts/fuzz.sh).
 */
#ifndef WG_FUZZ_H
#define WG_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond)                                                             \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz property failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
