/* The facility module's SQL (private to mod/facility/). */
#ifndef WG_MOD_FACILITY_STORE_H
#define WG_MOD_FACILITY_STORE_H

#include "mod/facility/facility.h"

int facility_store_insert(store *s, struct st_facility *f, int64_t by);
int facility_store_photo(store *s, int64_t facility_id, int64_t photo_id, int64_t community_id, int pos);
int facility_store_get(store *s, arena *a, int64_t id, struct st_facility *out);
int facility_store_list(store *s, arena *a, int64_t community_id, struct st_facility **out, int *n);
int facility_store_upkeep(store *s, int64_t facility_id, int64_t community_id, const char *kind, const char *note,
                          int64_t actor, int64_t at, int64_t *id);
int facility_store_upkeeps(store *s, arena *a, int64_t facility_id, struct st_upkeep **out, int *n);

#endif
