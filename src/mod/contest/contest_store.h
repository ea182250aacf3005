/* The contest module's SQL (private to mod/contest/). */
#ifndef WG_MOD_CONTEST_STORE_H
#define WG_MOD_CONTEST_STORE_H

#include "mod/contest/contest.h"

struct st_contest {
    int64_t id, street_id, assessor_weight, resident_weight, winners, priority_days, closes_at, published_at,
        created_at;
    const char *title, *street_path, *street_name;
};
struct st_entry {
    int64_t community_id, rank, total_e4, priority_until;
    const char *name, *praise;
};
/* Per entry, side and criterion: the sum of the scores and the scorers. */
struct st_tally {
    int64_t community_id, position, sum, n;
    const char *kind;
};

int contest_store_insert(store *s, struct st_contest *k, int64_t by);
int contest_store_criterion(store *s, int64_t id, int pos, const char *name, int64_t weight);
int contest_store_entry(store *s, int64_t id, int64_t community_id);
int contest_store_assessor(store *s, int64_t id, int64_t person_id);
/* Contests of a street (street_id) or entered by a community, newest first. */
int contest_store_list(store *s, arena *a, int64_t street_id, int64_t community_id, struct st_contest **out, int *n);
int contest_store_get(store *s, arena *a, int64_t id, struct st_contest *out);
int contest_store_criteria(store *s, arena *a, int64_t id, const char ***names, int64_t **weights, int *n);
int contest_store_entries(store *s, arena *a, int64_t id, struct st_entry **out, int *n);
int contest_store_is_assessor(store *s, int64_t id, int64_t person_id, int *yes);
int contest_store_score(store *s, int64_t id, int64_t community_id, const char *kind, int64_t key, int pos,
                        int64_t score, int64_t person_id, int64_t at);
int contest_store_tallies(store *s, arena *a, int64_t id, struct st_tally **out, int *n);
int contest_store_publish(store *s, int64_t id, int64_t community_id, int64_t rank, int64_t total_e4,
                          int64_t until, const char *praise);
int contest_store_published(store *s, int64_t id, int64_t at);
int contest_store_priority(store *s, arena *a, int64_t community_id, int64_t now, int64_t *until, const char **title);

#endif
