/* The patrol module's SQL (private to mod/patrol/). */
#ifndef WG_MOD_PATROL_STORE_H
#define WG_MOD_PATROL_STORE_H

#include "mod/patrol/patrol.h"

int patrol_store_route_insert(store *s, struct st_route *r, int64_t by);
int patrol_store_point_insert(store *s, const struct st_route *r, int pos, const char *name, int64_t facility_id,
                              const char *token);
int patrol_store_route_get(store *s, arena *a, int64_t id, struct st_route *out);
int patrol_store_routes(store *s, arena *a, int64_t community_id, struct st_route **out, int *n);
int patrol_store_points(store *s, arena *a, int64_t route_id, struct st_point **out, int *n);
int patrol_store_point_get(store *s, arena *a, int64_t id, struct st_point *out);
int patrol_store_round_insert(store *s, struct st_round *r, int64_t at);
int patrol_store_round_get(store *s, arena *a, int64_t id, struct st_round *out);
int patrol_store_rounds(store *s, arena *a, int64_t route_id, struct st_round **out, int *n);
/* The person's round of a route open at t (0 when none). */
int patrol_store_open_round(store *s, int64_t route_id, int64_t person_id, int64_t t, int64_t *round_id);
/* WG_ECONFLICT when the point is checked in already in the round. */
int patrol_store_checkin(store *s, int64_t round_id, int64_t point_id, int64_t community_id, int64_t at, int64_t report_id);
int patrol_store_close(store *s, int64_t round_id);

#endif
