/*
 * Bulk problem reports for the benchmarks (bench/gen.c, bench/report_bench.c):
 * set-based statements, the same SQL on SQLite and PostgreSQL, inside the
 * caller's store_begin()/store_end(). Bench use only. They rely on the
 * generated people of bench_sql.h (owners at 15000000000 + 4 * household + 1,
 * community staff at 16000000000 + community).
 *
 * Reports are filed as routing would file them in a generated district
 * (nobody holds the building leader's or the grid worker's role there): at
 * the community's level, its staff responsible.
 */
#ifndef WG_BENCH_REPORT_SQL_H
#define WG_BENCH_REPORT_SQL_H

#include <stdint.h>

#include "store/store.h"

/* per_community reports in every community under prefix (community_id 0),
 * or in community_id alone, each by the owner of one of its households at
 * the household's building, received over the year before now: the
 * thirteen categories in turn, 15% still open, 65% fixed, 20% closed, most
 * answered within their response limit (3 days) and fixed within their
 * resolution limit (7 days), a few overdue; in the order received. Then one
 * household rating in five for three of the fixed or closed ones (1 to 5,
 * mostly 4 or 5). *first..*last: the new reports' ids. */
int bench_sql_reports(store *s, const char *prefix, int64_t community_id, int per_community, int64_t now,
                      int64_t *first, int64_t *last);
/* n open reports under prefix, spread over its households, each past its
 * response limit at now and not yet answered, with its "created" event,
 * its reporter following it, and its report.escalate job due (the job
 * table is the kernel's: this is what report_create schedules). */
int bench_sql_overdue_reports(store *s, const char *prefix, int n, int64_t now, int64_t *first, int64_t *last);
/* Of the reports first..last: how many were escalated once, now at the
 * street and overdue, each with its "escalated" event. */
int bench_sql_escalated(store *s, int64_t first, int64_t last, int *reports, int *events);

#endif
