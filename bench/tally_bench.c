/*
 * The tally alone: Schulze over N ranked ballots of K options (full random
 * permutations from a fixed seed), timed over several runs of tally_run()
 * in this process. Prints one line:
 *   TALLY ballots=N options=K best_ms=... median_ms=... winner=W
 * With FILE, also writes the same ballots as the `wugong-tally/1` document a
 * secret ranked vote publishes (a receipt per ballot), for timing
 * `wugong tally FILE` end to end (bench/run.sh).
 *   tally_bench [N [K [RUNS [FILE]]]]     (default 1000000 10 5)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench.h"

#include "algo/tally.h"

int main(int argc, char **argv)
{
    long nb = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    long no = argc > 2 ? strtol(argv[2], NULL, 10) : 10;
    long runs = argc > 3 ? strtol(argv[3], NULL, 10) : 5;
    if (nb < 1 || nb > 100000000 || no < 2 || no > TALLY_MAX_OPTIONS || runs < 1 || runs > 100) {
        fputs("usage: tally_bench [BALLOTS [OPTIONS [RUNS]]]\n", stderr);
        return 2;
    }
    struct tally_ranking *rk = malloc((size_t)nb * sizeof *rk);
    int *orders = malloc((size_t)nb * (size_t)no * sizeof *orders);
    double *ms = malloc((size_t)runs * sizeof *ms);
    if (rk == NULL || orders == NULL || ms == NULL)
        return 1;
    uint64_t s = 20261129;
    for (long k = 0; k < nb; k++) {
        int *o = orders + k * no;
        for (int i = 0; i < no; i++)
            o[i] = i;
        for (int i = (int)no - 1; i > 0; i--) {
            s = s * 6364136223846793005u + 1442695040888963407u;
            int j = (int)((s >> 33) % (uint64_t)(i + 1)), t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        rk[k] = (struct tally_ranking){o, (int)no, 1};
    }
    struct tally_input in = {.method = TALLY_RANKED, .rule = *tally_preset("simple_majority"),
                             .noptions = (int)no, .electorate = {nb, 0, 0}, .present = {nb, 0, 0},
                             .rankings = rk, .nrankings = (size_t)nb};
    struct tally_result r = {0};
    char msg[256];
    for (long i = 0; i < runs; i++) {
        arena *a = arena_new(1 << 16);
        double t0 = bench_now_ms();
        if (tally_run(a, &in, &r, msg, sizeof msg) != 0) {
            fprintf(stderr, "tally_bench: %s\n", msg);
            return 1;
        }
        ms[i] = bench_now_ms() - t0;
        arena_free(a);
    }
    qsort(ms, (size_t)runs, sizeof *ms, bench_cmp_double);
    if (argc > 4) {
        FILE *f = fopen(argv[4], "w");
        if (f == NULL)
            return 1;
        fprintf(f, "{\"format\":\"wugong-tally/1\",\"vote\":{\"id\":\"bench\",\"title\":\"bench\",\"method\":\"ranked\","
                   "\"options\":[");
        for (long i = 0; i < no; i++)
            fprintf(f, "%s\"方案%ld\"", i ? "," : "", i + 1);
        fprintf(f, "],\"counting\":\"online\",\"rule\":{\"preset\":\"simple_majority\"}},\"electorate\":{\"heads\":%ld},"
                   "\"present\":{\"heads\":%ld},\"ballots\":{\"rankings\":[\n", nb, nb);
        for (long k = 0; k < nb; k++) {
            fputs("{\"ranking\":[", f);
            for (long i = 0; i < no; i++)
                fprintf(f, "%s%d", i ? "," : "", orders[k * no + i]);
            fprintf(f, "],\"receipt\":\"r%lx\"}%s\n", (unsigned long)k * 2654435761u, k + 1 < nb ? "," : "");
        }
        fputs("]}}\n", f);
        if (fclose(f) != 0)
            return 1;
    }
    printf("TALLY ballots=%ld options=%ld best_ms=%.1f median_ms=%.1f winner=%d\n", nb, no, ms[0], ms[runs / 2],
           r.winner);
    free(rk);
    free(orders);
    free(ms);
    return 0;
}
