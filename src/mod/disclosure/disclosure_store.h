/* The disclosure module's SQL (private to mod/disclosure/). */
#ifndef WG_MOD_DISCLOSURE_STORE_H
#define WG_MOD_DISCLOSURE_STORE_H

#include "mod/disclosure/disclosure.h"

/* The board's start (WG_ENOTFOUND: not open); opening twice keeps the first. */
int disclosure_store_board(store *s, int64_t community_id, int64_t *started_at);
int disclosure_store_board_open(store *s, int64_t community_id, int64_t at, int64_t by, int *opened);

int disclosure_store_insert(store *s, struct st_disclosure *d);
int disclosure_store_update(store *s, const struct st_disclosure *d);
int disclosure_store_withdraw(store *s, int64_t id, int64_t at, int64_t by, const char *reason);
int disclosure_store_lock(store *s, int64_t id);
int disclosure_store_get(store *s, arena *a, int64_t id, struct st_disclosure *out);
int disclosure_store_photo_add(store *s, int64_t item_id, int ord, int64_t photo_id, int64_t community_id);
int disclosure_store_photos(store *s, arena *a, struct st_disclosure *d);
/* The item drafted for a matter's decision: 0 with *id, or WG_ENOTFOUND. */
int disclosure_store_by_matter(store *s, int64_t matter_id, int64_t *id);
/* The community's drafts (no publication time, not withdrawn), soonest due first. */
int disclosure_store_drafts(store *s, arena *a, int64_t community_id, int limit, struct st_disclosure **out, int *n);
/* all: drafts and scheduled ones too; else published by now. */
int disclosure_store_list(store *s, arena *a, const struct disclosure_query *q, int all, int64_t now,
                          struct st_disclosure **out, int *n, int *total);
int disclosure_store_years(store *s, arena *a, int64_t community_id, int all, int64_t now, int **years, int *n);
/* The newest published item of a kind (WG_ENOTFOUND: none). */
int disclosure_store_latest(store *s, arena *a, int64_t community_id, const char *kind, int64_t now,
                            struct st_disclosure *out);
/* Whether an item not withdrawn covers [start, end): published by `by`. */
int disclosure_store_covered(store *s, int64_t community_id, const char *kind, int64_t start, int64_t end, int64_t by,
                             int *yes);

/* A mark (what: "reminded" or "overdue") of a period or an item, once;
 * *added says whether it is new. */
struct disclosure_mark {
    int64_t community_id, period_start, period_end, item_id, due_at, at;
    const char *subject, *what, *kind, *label;
};
int disclosure_store_mark(store *s, const struct disclosure_mark *m, int *added);
/* The overdue marks of a kind still uncovered at now, oldest first. */
int disclosure_store_overdue(store *s, arena *a, int64_t community_id, const char *kind, int64_t now,
                             struct disclosure_mark **out, int *n);
/* Tells the community's staff. */
int disclosure_store_tell_staff(store *s, int64_t community_id, const struct notify_msg *msg, int *n);
/* The communities under a path: id, name, path, and their board's start (0: none). */
struct disclosure_com {
    int64_t id, started_at;
    const char *name, *path;
};
int disclosure_store_communities(store *s, arena *a, const char *path, int limit, struct disclosure_com **out, int *n);

#endif
