/* The comment module's SQL (private to mod/comment/). */
#ifndef WG_MOD_COMMENT_STORE_H
#define WG_MOD_COMMENT_STORE_H

#include "mod/comment/comment.h"

int comment_store_insert(store *s, struct st_comment *cm); /* sets cm->id */
int comment_store_get(store *s, arena *a, int64_t id, struct st_comment *out);
/* A subject's comments in thread order (each after its parent), at most 1000. */
int comment_store_of(store *s, arena *a, const char *kind, int64_t subject_id, struct st_comment **out, int *n);
/* Comments a person posted since a time. */
int comment_store_count_since(store *s, int64_t author_id, int64_t since, int *n);
/* WG_ECONFLICT when this person reported it already. */
int comment_store_report(store *s, int64_t comment_id, int64_t person_id, int64_t community_id, const char *reason,
                         int64_t at);
int comment_store_moderate(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at);

#endif
