/*
 * Bulk generation of a benchmark dataset (bench/gen.c, `make bench`): each
 * function is one set-based statement (INSERT ... SELECT over a recursive
 * sequence), written once for SQLite and PostgreSQL, so that a district of
 * a million residents is generated in seconds rather than row by row. Call
 * inside one store_begin()/store_end(). Bench use only: nothing in the
 * server calls these.
 *
 * Generated people have the phone 15000000000 + 4 * household_id + k
 * (k = 1..3, 1 is the owner) and community staff 16000000000 + community_id,
 * so that later statements find a household's people by phone.
 */
#ifndef WG_BENCH_SQL_H
#define WG_BENCH_SQL_H

#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

#define BENCH_PHONE_BASE 15000000000LL
#define BENCH_STAFF_PHONE_BASE 16000000000LL

/* n children of kind under every place of parent_kind whose path starts
 * with prefix (codes 1..n, names name_prefix + k; households get an area of
 * 60-150 m²), then their paths. */
int bench_sql_places(store *s, const char *prefix, const char *parent_kind, const char *kind, int n,
                       const char *name_prefix, int64_t now);
/* 2 people in every household under prefix and a third in every other one
 * (2.5 on average), each a member (the first the owner) with the resident
 * role; one community_staff member for every community under prefix. All
 * share pw_hash. */
int bench_sql_people(store *s, const char *prefix, const char *pw_hash, int64_t now);
/* One matter in every household_every-th household under prefix, at its
 * building, by its owner, over the categories and working stages, with its
 * timeline; then per matter `comments` comments by neighbours and, on
 * matters past collecting, `supports` supports; one call for opinions per
 * building with about `opinions` opinions of its residents. */
int bench_sql_matters(store *s, const char *prefix, int household_every, int64_t now);
int bench_sql_comments(store *s, const char *prefix, int comments, int64_t now);
int bench_sql_supports(store *s, const char *prefix, int supports, int64_t now);
/* opinions: of the first two members of each household, this many in 40 */
int bench_sql_opinions(store *s, const char *prefix, int opinions, int64_t now);
/* A copy of vote template_id (its rule) in every other building under
 * prefix, its window [opens_at, closes_at], every resident of the building
 * its elector; *first..*last are the new votes' ids. */
int bench_sql_votes(store *s, const char *prefix, int64_t template_id, const char *title, int64_t opens_at,
                      int64_t closes_at, int64_t *first, int64_t *last);
/* Every elector of the votes with ids in [from, to] votes (yes, no or
 * abstain by person), with their participation. */
int bench_sql_ballots(store *s, int64_t from, int64_t to, int64_t now);

/* Ids (ascending) into an arena array: places of kind under prefix;
 * matters of a community in a stage; at most cap. */
int bench_sql_place_ids(store *s, arena *a, const char *prefix, const char *kind, int cap, int64_t **ids, int *n);
/* The residents (household members) of a community, by person id, each
 * with the household of their resident role; at most cap. */
struct bench_resident {
    int64_t person_id, household_id;
};
int bench_sql_residents(store *s, arena *a, int64_t community_id, int cap, struct bench_resident **out, int *n);
int bench_sql_matter_ids(store *s, arena *a, int64_t community_id, const char *stage, int cap, int64_t **ids,
                           int *n);
/* Row counts of the generated tables, for the generator's summary. */
int bench_sql_count(store *s, const char *table, int64_t *n);
/* A large page cache for this connection's bulk transactions (SQLite). */
int bench_sql_tune(store *s);
/* Refreshes the planner's statistics (PostgreSQL's autovacuum would). */
int bench_sql_analyze(store *s);

#endif
