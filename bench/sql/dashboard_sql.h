/*
 * A year of what the dashboards read, for the benchmarks (bench/gen.c):
 * set-based statements, the same SQL on SQLite and PostgreSQL, inside the
 * caller's store_begin()/store_end(). Bench use only. They rely on the
 * generated people of bench_sql.h (owners at 15000000000 + 4 * household + 1,
 * community staff at 16000000000 + community).
 */
#ifndef WG_BENCH_DASHBOARD_SQL_H
#define WG_BENCH_DASHBOARD_SQL_H

#include <stdint.h>

#include "store/store.h"

/* Every community under prefix: a volunteer shift a month over the year
 * before now, each with the owners of one household in ten confirmed for
 * two hours; their points earned by it (10 each: issuing account to the
 * owner's, both postings, balances), and one in three spent 5 of them at
 * the community's shop a week later. */
int bench_sql_service(store *s, const char *prefix, int64_t now);
/* Every community under prefix: a satisfaction survey a quarter over the
 * year before now, answered by the owners of one household in three. */
int bench_sql_surveys(store *s, const char *prefix, int64_t now);

#endif
