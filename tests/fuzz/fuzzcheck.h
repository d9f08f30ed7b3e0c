#pragma once

// Shared by the libFuzzer targets: an invariant that must hold for every input. A broken
// invariant aborts, which libFuzzer records as a crash with the input that caused it.

#include <cstdio>
#include <cstdlib>

#define FMC_FUZZ_CHECK(condition)                                                           \
    do {                                                                                    \
        if (!(condition)) {                                                                 \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,      \
                         #condition);                                                       \
            std::abort();                                                                   \
        }                                                                                   \
    } while (false)
