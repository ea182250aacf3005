/* The search module's SQL (private to mod/search/): the index on both
 * engines (FTS5 on SQLite, a tsvector on PostgreSQL) and the name lookups. */
#ifndef WG_MOD_SEARCH_STORE_H
#define WG_MOD_SEARCH_STORE_H

#include "mod/search/search.h"

/* Puts a document with its grams (and, on PostgreSQL, its tsvector literal). */
int search_store_put(store *s, arena *a, const struct search_doc *d, const char *title_grams,
                     const char *body_grams, const char *scope_grams);
/* Takes a record out of the index (none there: nothing). */
int search_store_drop(store *s, arena *a, const char *kind, int64_t ref_id);

struct search_filter {
    const struct search_term *terms; /* the query's (at least one) */
    int nterms;
    struct search_scope scope; /* the reader's */
    int limit, offset;
};
/* Ranked hits (in a) and, when total is not NULL, how many there are. */
int search_store_query(store *s, arena *a, const struct search_filter *f, struct search_hit **out, int *n,
                       int *total);
/* The ids of the communities under path (at most max). */
int search_store_communities(store *s, arena *a, const char *path, int max, int64_t **out, int *n);
/* Places under path_prefix (of community_id, 0: more than one) whose name
 * holds either spelling. */
int search_store_places(store *s, arena *a, const char *path_prefix, int64_t community_id, const char *q1,
                        const char *q2, int max, struct search_name **out, int *n);
/* People with a role under path_prefix (of community_id, 0: more than one)
 * whose name holds either spelling. */
int search_store_people(store *s, arena *a, const char *path_prefix, int64_t community_id, const char *q1,
                        const char *q2, int max, struct search_name **out, int *n);

#endif
