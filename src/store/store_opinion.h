/*
 * The store of calls for opinions (意见征集) and of photos. Conventions as
 * in store.h: 0 or a negative WG_E* code; strings, arrays and photo bytes
 * in results live in the arena passed in; inputs are borrowed for the call.
 */
#ifndef WG_STORE_OPINION_H
#define WG_STORE_OPINION_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* ---- photos ---- */
struct st_photo {
    int64_t id, community_id, uploader_id;
    const char *mime; /* image/jpeg image/png image/webp */
    size_t size;
    const void *data; /* size bytes */
    const char *hash; /* BLAKE2b-256 of the bytes, hex */
    int64_t created_at;
};
int store_photo_insert(store *s, struct st_photo *p); /* sets p->id */
/* The photo with its bytes. */
int store_photo_get(store *s, arena *a, int64_t id, struct st_photo *out);

/* ---- calls ---- */
struct st_call {
    int64_t id, place_id, community_id, author_id;
    const char *place_name, *place_kind, *place_path, *author_name;
    const char *title, *body, *status; /* status: open closed */
    int64_t deadline, closed_by, closed_at, created_at;
    int opinions; /* opinions posted (merged ones included) */
};
int store_call_insert(store *s, struct st_call *cl); /* sets cl->id */
int store_call_get(store *s, arena *a, int64_t id, struct st_call *out);
/* Calls whose place lies under path_prefix, newest first, at most cap. */
int store_call_list(store *s, arena *a, const char *path_prefix, int cap, struct st_call **out, int *n);
/* open -> closed; ECONFLICT when it was closed already. */
int store_call_close(store *s, int64_t id, int64_t by, int64_t at);
/* One notification of kind with a link to every approved household member
 * under path_prefix (once per person), except those who turned it off. */
int store_notify_place_members(store *s, const char *path_prefix, const char *kind, const char *title,
                               const char *url, int64_t at, int *n);

/* ---- opinions ---- */
struct st_opinion {
    int64_t id, call_id, community_id, author_id, merged_into, matter_id, created_at;
    const char *author_name, *body, *status; /* status: open merged adopted */
    int supports; /* people supporting it */
    int mine;     /* the viewer supports it */
    int64_t *photos; /* photo ids, in upload order */
    int nphotos;
};
int store_opinion_insert(store *s, struct st_opinion *o); /* sets o->id */
int store_opinion_photo_add(store *s, int64_t opinion_id, int64_t photo_id, int64_t community_id, int position);
/* With supports, mine (for viewer) and photos. */
int store_opinion_get(store *s, arena *a, int64_t id, int64_t viewer, struct st_opinion *out);
/* A call's opinions: merged ones last, then by supports (most first), then
 * oldest first; at most 500. */
int store_opinions_of(store *s, arena *a, int64_t call_id, int64_t viewer, struct st_opinion **out, int *n);
/* Opinions a person posted since a time. */
int store_opinion_count_since(store *s, int64_t author_id, int64_t since, int *n);
/* Idempotent; *changed says whether anything changed. */
int store_opinion_support_add(store *s, int64_t opinion_id, int64_t person_id, int64_t community_id, int64_t at,
                              int *changed);
int store_opinion_support_remove(store *s, int64_t opinion_id, int64_t person_id, int *changed);
/* People supporting an opinion. */
int store_opinion_supporters(store *s, arena *a, int64_t opinion_id, int64_t **out, int *n);
/* Merges from into `into` (open -> merged, compare-and-set: ECONFLICT when
 * from is no longer open): from's supporters and from's author support
 * `into`, except into's author, each person once. */
int store_opinion_merge(store *s, int64_t from, int64_t into, int64_t into_author, int64_t from_author,
                        int64_t community_id, int64_t at);
/* Opinions merged into this one. */
int store_opinions_merged_into(store *s, arena *a, int64_t id, struct st_opinion **out, int *n);
/* open -> adopted with its matter; ECONFLICT when no longer open. */
int store_opinion_adopt(store *s, int64_t id, int64_t matter_id);
/* The adopted opinion a matter came from; ENOTFOUND when none. */
int store_opinion_of_matter(store *s, arena *a, int64_t matter_id, struct st_opinion *out);

#endif
