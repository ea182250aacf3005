/*
 * Search (搜索) across what residents and staff write: matters, opinions,
 * calls for opinions, meetings, and whatever later modules declare; place
 * names for everyone and people's names for staff.
 *
 * The index: one row per record in search_doc (its kind, id, community,
 * place path, title, body and address) with its folded grams
 * (search_fold.h), indexed by the engine: an FTS5 table on SQLite, a GIN
 * index over a tsvector on PostgreSQL. A module makes its records findable
 * by declaring the extension {"search", &struct search_source} and calling
 * search_touch in the transaction that writes a record. The job
 * "search.reindex" (after the migration that created the index, and after
 * the demo) indexes every source from scratch, SEARCH_INDEX_BATCH records a
 * job ("search.index"), each job scheduling the next; search_reindex (the
 * benchmark generator's) does it at once and drops the pending job.
 *
 * Reading: results are scoped by the reader's places like every other read
 * (the reader's community, or a place she reads), ranked (title over body,
 * then the newer), paged, with the matches marked. 停車 finds 停车 and the
 * other way round; two-character words are found.
 */
#ifndef WG_MOD_SEARCH_H
#define WG_MOD_SEARCH_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/search/search_fold.h"

#define SEARCH_QUERY_MAX 50     /* code points of a query */
#define SEARCH_LIMIT_DEFAULT 20 /* results per page */
#define SEARCH_LIMIT_MAX 50
#define SEARCH_OFFSET_MAX 1000 /* deeper pages are not served */
#define SEARCH_NAMES_MAX 10    /* places and people shown beside the results */
#define SEARCH_COMMUNITIES_MAX 64 /* a search above one community looks in at most these */
#define SEARCH_SNIPPET 60      /* characters of a body shown around its first match */
#define SEARCH_INDEX_BATCH 200 /* records a reindexing job indexes (one short transaction) before it schedules the next */

/* A record as the index keeps it. */
struct search_doc {
    const char *kind; /* the source's */
    int64_t ref_id, community_id, place_id;
    const char *place_path;
    const char *title, *body; /* as written */
    const char *url;
    int64_t updated_at;
};

/* What a module declares to make its records findable. */
struct search_source {
    const char *kind; /* "matter" */
    const char *label; /* string key of its name: "search_kind_matter" */
    /* The record as a document, or WG_ENOTFOUND (then it leaves the index).
     * No permission check: the reader's is made on each result. */
    int (*doc)(dctx *c, int64_t id, struct search_doc *out);
    /* The ids after `after`, ascending, at most max (for reindexing). */
    int (*ids)(dctx *c, int64_t after, int max, int64_t **out, int *n);
};

/* (Re)indexes one record of kind, inside the caller's write transaction. */
int search_touch(dctx *c, const char *kind, int64_t id);
/* Indexes up to max records of kind with ids after `after` (inside the
 * caller's write transaction): *n of them, the last id in *last. */
int search_index_batch(dctx *c, const char *kind, int64_t after, int max, int64_t *last, int *n);
/* Indexes every record of every source, batch records to a transaction,
 * outside any transaction (the benchmark generator; the server uses the
 * jobs). *indexed: how many. */
int search_reindex(dctx *c, int batch, int *indexed);

struct search_query {
    const char *q;
    const char *kind;  /* NULL: all */
    int64_t place_id;  /* 0: the reader's community */
    int limit, offset;
};

struct search_hit {
    const char *kind;
    int64_t ref_id, place_id;
    const char *title, *body, *url, *place_name, *place_path;
    int64_t updated_at;
};

struct search_name {
    int64_t id, place_id;
    const char *name, *place_name, *kind; /* kind: the place's, or the person's role */
};

struct search_result {
    struct search_term *terms;
    int nterms;
    struct search_hit *hits;
    int n, total;
    struct search_name *places, *people; /* people: staff only */
    int nplaces, npeople;
};

/* Runs a query for the actor: WG_EAUTH, WG_EINVAL "query_invalid" (blank,
 * over SEARCH_QUERY_MAX), "search_kind_invalid" or "search_scope_wide"
 * (over SEARCH_COMMUNITIES_MAX communities), WG_ENOTFOUND (a place she does
 * not read), or 0 with *out filled (in c->a). */
int search_run(dctx *c, const struct search_query *q, struct search_result *out);
/* The result as the API and the page show it. */
json_t *search_json(dctx *c, const struct search_query *q, const struct search_result *r);

extern const struct module search_module;

#endif
