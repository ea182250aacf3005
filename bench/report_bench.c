/*
 * Escalating overdue problem reports in one pass of the job runner.
 *
 *   report_bench --db URL --place ID [--n N]
 *
 * On a generated district (bench/gen district; no server running on it,
 * whose runner would take the jobs first): N open reports (default 10,000)
 * spread over the households under place ID, each past its response limit
 * and unanswered, with their report.escalate jobs due (bulk SQL,
 * bench/sql/report_sql.h); then one pass of the runner over every due job,
 * as the runner thread does it (job_run_due, JOB_BATCH jobs to a
 * transaction), timed. Every report must have moved one level
 * (the community's staff to the street), be marked overdue and have its
 * event; otherwise the tool exits 1. Prints
 *   REPORT_ESCALATE n=N ran=JOBS ms=MS per_s=RATE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "kernel/kernel.h"
#include "modules.h"
#include "sql/bench_sql.h"
#include "sql/report_sql.h"

static int usage(void)
{
    fputs("usage: report_bench --db URL --place ID [--n N]\n", stderr);
    return 2;
}

static int seed(dctx *c, int64_t place_id, int n, int64_t *first, int64_t *last)
{
    struct st_place p;
    int rc = tree_get(c->st, c->a, place_id, &p);
    if (rc) {
        fprintf(stderr, "report_bench: no place %lld\n", (long long)place_id);
        return rc;
    }
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_end(c->st, bench_sql_overdue_reports(c->st, p.path, n, c->now, first, last));
    if (rc == 0 && (int)(*last - *first + 1) != n) {
        fprintf(stderr, "report_bench: %lld reports seeded, not %d (households under %s?)\n",
                (long long)(*last - *first + 1), n, p.path);
        return WG_EINVAL;
    }
    if (rc == 0 && strcmp(store_engine(c->st), "postgresql") == 0)
        rc = bench_sql_analyze(c->st);
    return rc;
}

/* What the runner thread does in one pass: batches of 100 until none is due. */
static int one_pass(dctx *c, int *ran)
{
    int n = 0, rc;
    *ran = 0;
    while ((rc = job_run_due(c, 100, &n)) == 0) {
        *ran += n;
        if (n < 100)
            break;
    }
    return rc;
}

static int run(dctx *c, int64_t place_id, int n)
{
    int64_t first = 0, last = 0;
    int before = 0, ran = 0, moved = 0, events = 0;
    int rc = seed(c, place_id, n, &first, &last);
    if (rc == 0)
        rc = job_count_due(c->st, c->now, &before);
    if (rc)
        return rc;
    double t0 = bench_now_ms();
    rc = one_pass(c, &ran);
    double ms = bench_now_ms() - t0;
    if (rc || (rc = bench_sql_escalated(c->st, first, last, &moved, &events)))
        return rc;
    printf("REPORT_ESCALATE n=%d ran=%d due_before=%d ms=%.1f per_s=%.0f\n", n, ran, before, ms, n / (ms / 1000.0));
    if (moved != n || events != n) {
        fprintf(stderr, "report_bench: of %d overdue reports %d moved to the street, %d escalation events\n", n, moved,
                events);
        return WG_EINVAL;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *db = NULL;
    long n = 10000;
    long long place = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        char *end;
        if (strcmp(argv[i], "--db") == 0)
            db = argv[i + 1];
        else if (strcmp(argv[i], "--n") == 0 && ((n = strtol(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else if (strcmp(argv[i], "--place") == 0 && ((place = strtoll(argv[i + 1], &end, 10)), *end == '\0'))
            continue;
        else
            return usage();
    }
    if (db == NULL || place <= 0 || n < 1 || n > 1000000)
        return usage();
    store *st;
    if (modules_install() != 0 || store_open(db, &st) != 0 || module_migrate(st, NULL) != 0) {
        fprintf(stderr, "report_bench: cannot open %s\n", db);
        return 1;
    }
    arena *a = arena_new(1 << 20);
    dctx c = {.st = st, .a = a, .now = (int64_t)time(NULL), .ip = "jobs"};
    int rc = a == NULL ? WG_EINVAL : run(&c, (int64_t)place, (int)n);
    if (rc)
        fprintf(stderr, "report_bench: failed (%s: %s)\n", wg_err_name(rc), store_last_error(st));
    arena_free(a);
    store_close(st);
    return rc ? 1 : 0;
}
