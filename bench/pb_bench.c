/*
 * Equal Shares alone: pb_run() over N voters and P projects (approval
 * ballots from a fixed seed: each voter approves 1 to 12 projects, the
 * popular ones more often; costs 500 to 20,000 yuan; a budget of 1,000,000
 * yuan), timed over several runs in this process. Prints one line:
 *   PB voters=N projects=P best_ms=... median_ms=... mes=K greedy=G steps=S
 *   pb_bench [N [P [RUNS]]]     (default 100000 200 3)
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"

#include "algo/pb.h"

static uint64_t seed = 20261202;
static uint64_t next(void)
{
    seed = seed * 6364136223846793005u + 1442695040888963407u;
    return seed >> 33;
}

int main(int argc, char **argv)
{
    long nv = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    long np = argc > 2 ? strtol(argv[2], NULL, 10) : 200;
    long runs = argc > 3 ? strtol(argv[3], NULL, 10) : 3;
    if (nv < 1 || nv > PB_MAX_VOTERS || np < 1 || np > PB_MAX_PROJECTS || runs < 1 || runs > 100) {
        fputs("usage: pb_bench [VOTERS [PROJECTS [RUNS]]]\n", stderr);
        return 2;
    }
    int64_t *cost = malloc((size_t)np * sizeof *cost);
    int *order = malloc((size_t)np * sizeof *order);
    size_t *vstart = malloc(((size_t)nv + 1) * sizeof *vstart);
    int *vproj = malloc((size_t)nv * 12 * sizeof *vproj);
    char *seen = calloc((size_t)np, 1);
    double *ms = malloc((size_t)runs * sizeof *ms);
    if (!cost || !order || !vstart || !vproj || !seen || !ms)
        return 1;
    for (long p = 0; p < np; p++) {
        cost[p] = 500 + (int64_t)(next() % 19501);
        order[p] = (int)p;
    }
    size_t nj = 0;
    vstart[0] = 0;
    for (long v = 0; v < nv; v++) {
        int k = 1 + (int)(next() % 12);
        for (int i = 0; i < k; i++) {
            /* the square of a uniform draw: low-numbered projects are popular */
            uint64_t u = next() % 1000;
            int p = (int)((u * u * (uint64_t)np) / 1000000);
            if (!seen[p]) {
                seen[p] = 1;
                vproj[nj++] = p;
            }
        }
        for (size_t j = vstart[v]; j < nj; j++)
            seen[vproj[j]] = 0;
        vstart[v + 1] = nj;
    }
    struct pb_input in = {.budget = 1000000, .nprojects = (size_t)np, .cost = cost, .order = order,
                          .nvoters = (size_t)nv, .vstart = vstart, .vproj = vproj, .want_voters = 1};
    struct pb_result r = {0};
    char msg[256];
    for (long i = 0; i < runs; i++) {
        arena *a = arena_new(1 << 20);
        double t0 = bench_now_ms();
        if (pb_run(a, &in, &r, msg, sizeof msg) != 0) {
            fprintf(stderr, "pb_bench: %s\n", msg);
            return 1;
        }
        ms[i] = bench_now_ms() - t0;
        if (i + 1 < runs)
            arena_free(a);
    }
    qsort(ms, (size_t)runs, sizeof *ms, bench_cmp_double);
    printf("PB voters=%ld projects=%ld approvals=%zu best_ms=%.1f median_ms=%.1f mes=%zu greedy=%zu steps=%lld\n", nv,
           np, nj, ms[0], ms[runs / 2], r.nmes, r.ngreedy, (long long)r.add1_steps);
    return 0;
}
