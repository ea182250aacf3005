/* The matter module's SQL (private to mod/matter/). */
#ifndef WG_MOD_MATTER_STORE_H
#define WG_MOD_MATTER_STORE_H

#include "mod/matter/matter.h"

struct st_matter_filter {
    const char *path_prefix; /* required: matters whose place is under it */
    const char *stage;       /* NULL: any */
    const char *category;    /* NULL: any */
    int64_t place_id;        /* 0: any */
    int64_t followed_by;     /* 0: any; else only matters this person follows */
    int64_t community_id;    /* 0: any; else only this community's rows (one shard) */
    const char *q;           /* NULL: no text search; else a substring of title/body */
    int open_only;           /* leave out withdrawn, rejected and merged matters */
    int limit, offset;
};
int matter_store_insert(store *s, struct st_matter *m); /* sets m->id */
/* Unanswered objections on matters in notice under path, of community_id. */
int matter_store_objections_waiting(store *s, int64_t community_id, const char *path, int *n);
/* Matter ids after `after`, ascending (for reindexing). */
int matter_store_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n);
int matter_store_get(store *s, arena *a, int64_t id, struct st_matter *out);
int matter_store_list(store *s, arena *a, const struct st_matter_filter *f, struct st_matter **out, int *n,
                      int *total);
/* Compare-and-set of the stage: WG_ECONFLICT when the stage is not `from`. */
int matter_store_set_stage(store *s, int64_t id, const char *from, const char *to, int64_t merged_into, int64_t at);
/* Starts the public notice: its end and the period that applied. */
int matter_store_set_notice(store *s, int64_t id, int64_t until, int days);

int matter_store_event_insert(store *s, struct st_event *e);
int matter_store_events(store *s, arena *a, int64_t matter_id, struct st_event **out, int *n);

/* Follow/unfollow keep matter.followers in step; both are idempotent and
 * report through *changed whether anything changed. */
int matter_store_follow(store *s, int64_t matter_id, int64_t person_id, int64_t community_id, int64_t at,
                        int *changed);
int matter_store_unfollow(store *s, int64_t matter_id, int64_t person_id, int *changed);
int matter_store_is_following(store *s, int64_t matter_id, int64_t person_id, int *yes);

int matter_store_objection_insert(store *s, struct st_objection *o); /* sets o->id */
int matter_store_objection_get(store *s, arena *a, int64_t id, struct st_objection *out);
int matter_store_objections(store *s, arena *a, int64_t matter_id, struct st_objection **out, int *n);
/* Unanswered objections of a matter, and those one person filed. */
int matter_store_objection_counts(store *s, int64_t matter_id, int64_t author_id, int *open, int *by_author);
/* Answers once: WG_ECONFLICT when it was answered meanwhile. */
int matter_store_objection_answer(store *s, int64_t id, const char *answer, int upheld, int64_t by, int64_t at);

/* Idempotent: *changed says whether this person's support is new. */
int matter_store_support_add(store *s, int64_t matter_id, int64_t person_id, int64_t household_id,
                             int64_t community_id, int64_t at, int *changed);
/* Distinct households backing the matter, and whether this person does. */
int matter_store_support_counts(store *s, int64_t matter_id, int64_t person_id, int *households, int *mine);

/* Notifications: to the matter's followers but one (except), and at the
 * end of a notice to its followers and whoever started the notice. */
int matter_store_notify_followers(store *s, const struct notify_msg *msg, int64_t except);
int matter_store_notify_notice_end(store *s, const struct notify_msg *msg);

/* Households that backed the matter, with their buildings. */
int matter_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n);

#endif
