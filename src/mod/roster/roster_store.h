/* The roster module's SQL (private to mod/roster/). */
#ifndef WG_MOD_ROSTER_STORE_H
#define WG_MOD_ROSTER_STORE_H

#include "mod/roster/roster.h"

int roster_store_insert(store *s, struct st_roster_import *im);
int roster_store_insert_row(store *s, int64_t import_id, const struct st_roster_row *r);
int roster_store_get(store *s, arena *a, int64_t id, struct st_roster_import *out);
int roster_store_list(store *s, arena *a, int64_t community_id, int limit, struct st_roster_import **out, int *n);
/* filter as roster_rows; *total the rows it matches. */
int roster_store_rows(store *s, arena *a, int64_t import_id, const char *filter, int limit, int offset,
                      struct st_roster_row **out, int *n, int *total);
/* Every row, in file order (for apply). */
int roster_store_all_rows(store *s, arena *a, int64_t import_id, int cap, struct st_roster_row **out, int *n);
/* pending -> status (applied or discarded); WG_ECONFLICT when not pending. */
int roster_store_finish(store *s, int64_t id, const char *status, int64_t by, int64_t at);

/* The community's grids, buildings and households, parents before children. */
struct roster_place_row {
    int64_t id, parent_id;
    const char *kind, *code, *name;
};
typedef void (*roster_place_fn)(void *ud, const struct roster_place_row *p);
int roster_store_places(store *s, arena *a, int64_t community_id, roster_place_fn fn, void *ud);
/* The community's household members with their accounts. */
struct roster_member_row {
    int64_t person_id, household_id, person_community;
    const char *phone, *name, *relation;
};
typedef void (*roster_member_fn)(void *ud, const struct roster_member_row *m);
int roster_store_members(store *s, arena *a, int64_t community_id, roster_member_fn fn, void *ud);
/* The community's resident roles: fn(ud, person_id, household_id). */
int roster_store_residents(store *s, arena *a, int64_t community_id, void (*fn)(void *ud, int64_t person_id, int64_t place_id),
                           void *ud);
int roster_store_member_relation(store *s, int64_t household_id, int64_t person_id, const char *relation);

#endif
