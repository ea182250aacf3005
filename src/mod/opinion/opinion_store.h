/* The opinion module's SQL (private to mod/opinion/). */
#ifndef WG_MOD_OPINION_STORE_H
#define WG_MOD_OPINION_STORE_H

#include "mod/opinion/opinion.h"

/* ---- calls ---- */
int opinion_store_call_insert(store *s, struct st_call *cl); /* sets cl->id */
/* Ids after `after`, ascending (for reindexing). */
int opinion_store_call_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n);
int opinion_store_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n);
int opinion_store_call_get(store *s, arena *a, int64_t id, struct st_call *out);
/* Calls whose place lies under path_prefix, newest first, at most cap. */
int opinion_store_calls(store *s, arena *a, const char *path_prefix, int cap, struct st_call **out, int *n);
/* open -> closed; ECONFLICT when it was closed already. */
int opinion_store_call_close(store *s, int64_t id, int64_t by, int64_t at);
/* msg to every approved household member under path_prefix, once each. */
int opinion_store_notify_members(store *s, const struct notify_msg *msg, const char *path_prefix);

/* ---- opinions ---- */
int opinion_store_insert(store *s, struct st_opinion *o); /* sets o->id */
int opinion_store_photo_add(store *s, int64_t opinion_id, int64_t photo_id, int64_t community_id, int position);
/* With supports, mine (for viewer) and photos. */
int opinion_store_get(store *s, arena *a, int64_t id, int64_t viewer, struct st_opinion *out);
/* A call's opinions: merged ones last, then by supports (most first), then
 * oldest first; at most 500. */
int opinion_store_list(store *s, arena *a, int64_t call_id, int64_t viewer, struct st_opinion **out, int *n);
/* Opinions a person posted since a time. */
int opinion_store_count_since(store *s, int64_t author_id, int64_t since, int *n);
/* Idempotent; *changed says whether anything changed. */
int opinion_store_support_add(store *s, int64_t opinion_id, int64_t person_id, int64_t community_id, int64_t at,
                              int *changed);
int opinion_store_support_remove(store *s, int64_t opinion_id, int64_t person_id, int *changed);
/* People supporting an opinion. */
int opinion_store_supporters(store *s, arena *a, int64_t opinion_id, int64_t **out, int *n);
/* Merges from into `into` (open -> merged, compare-and-set: ECONFLICT when
 * from is no longer open): from's supporters and from's author support
 * `into`, except into's author, each person once. */
int opinion_store_merge(store *s, int64_t from, int64_t into, int64_t into_author, int64_t from_author,
                        int64_t community_id, int64_t at);
/* Opinions merged into this one. */
int opinion_store_merged_into(store *s, arena *a, int64_t id, struct st_opinion **out, int *n);
/* open -> adopted with its matter; ECONFLICT when no longer open. */
int opinion_store_adopt(store *s, int64_t id, int64_t matter_id);
/* The adopted opinion a matter came from; ENOTFOUND when none. */
int opinion_store_of_matter(store *s, arena *a, int64_t matter_id, struct st_opinion *out);

/* Households of the authors of the opinions taken into a matter. */
int opinion_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n);

#endif
