/*
 * The unit-test harness: each test file defines test functions and a main
 * that runs them with T_RUN. Every failed check prints its place; each test
 * prints "PASS name" or "FAIL name", and scripts/check.sh counts those lines.
 */
#ifndef WG_T_H
#define WG_T_H

#include <stdio.h>
#include <string.h>

static int t_failed_checks;
static int t_passed, t_failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                        \
            t_failed_checks++;                                               \
        }                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                      \
    do {                                                                     \
        const char *t_a = (a), *t_b = (b);                                   \
        if (t_a == NULL || t_b == NULL || strcmp(t_a, t_b) != 0) {           \
            fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n", __FILE__,         \
                    __LINE__, t_a ? t_a : "(null)", t_b ? t_b : "(null)");   \
            t_failed_checks++;                                               \
        }                                                                    \
    } while (0)

#define CHECK_INT(a, b)                                                      \
    do {                                                                     \
        long long t_a = (long long)(a), t_b = (long long)(b);                \
        if (t_a != t_b) {                                                    \
            fprintf(stderr, "  %s:%d: %s == %lld, expected %lld\n",          \
                    __FILE__, __LINE__, #a, t_a, t_b);                       \
            t_failed_checks++;                                               \
        }                                                                    \
    } while (0)

#define T_RUN(fn)                                                            \
    do {                                                                     \
        int t_before = t_failed_checks;                                      \
        fn();                                                                \
        if (t_failed_checks == t_before) {                                   \
            printf("PASS %s\n", #fn);                                        \
            t_passed++;                                                      \
        } else {                                                             \
            printf("FAIL %s\n", #fn);                                        \
            t_failed++;                                                      \
        }                                                                    \
        fflush(stdout);                                                      \
    } while (0)

#define T_END() return t_failed ? 1 : 0

#endif
