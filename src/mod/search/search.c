/* Search: the index's upkeep and the reader's query (see search.h). */
#include "mod/search/search.h"

#include <assert.h>
#include <string.h>

#include "core/hanzi.h"
#include "core/log.h"
#include "mod/place/place.h"
#include "mod/search/search_store.h"

/* ---- sources ---- */

struct find {
    const char *kind;
    const struct search_source *found;
};

static int match_kind(const void *impl, void *ud)
{
    const struct search_source *src = impl;
    struct find *f = ud;
    if (strcmp(src->kind, f->kind) != 0)
        return 0;
    f->found = src;
    return 1;
}

static const struct search_source *source(const char *kind)
{
    struct find f = {kind, NULL};
    module_each_ext("search", match_kind, &f);
    return f.found;
}

/* ---- the index ---- */

static int put(dctx *c, const struct search_source *src, int64_t id)
{
    struct search_doc d = {0};
    int rc = src->doc(c, id, &d);
    if (rc == WG_ENOTFOUND)
        return search_store_drop(c->st, c->a, src->kind, id);
    if (rc)
        return rc;
    d.kind = src->kind;
    d.ref_id = id;
    const char *tg = search_grams(c->a, search_fold(c->a, d.title), d.community_id);
    const char *bg = search_grams(c->a, search_fold(c->a, d.body), d.community_id);
    return search_store_put(c->st, c->a, &d, tg, bg, search_scope_grams(c->a, d.place_path, d.kind));
}

int search_touch(dctx *c, const char *kind, int64_t id)
{
    const struct search_source *src = source(kind);
    assert(src != NULL); /* a module touches only the kinds it declared */
    return src ? put(c, src, id) : WG_EINVAL;
}

int search_index_batch(dctx *c, const char *kind, int64_t after, int max, int64_t *last, int *n)
{
    const struct search_source *src = source(kind);
    int64_t *ids;
    int rc;
    *n = 0;
    *last = after;
    if (src == NULL)
        return WG_EINVAL;
    if ((rc = src->ids(c, after, max, &ids, n)))
        return rc;
    for (int i = 0; i < *n; i++)
        if ((rc = put(c, src, ids[i])))
            return rc;
    if (*n)
        *last = ids[*n - 1];
    return 0;
}

struct kinds {
    const char *names[32];
    int n;
};

static int collect_kind(const void *impl, void *ud)
{
    struct kinds *k = ud;
    if (k->n < (int)(sizeof k->names / sizeof *k->names))
        k->names[k->n++] = ((const struct search_source *)impl)->kind;
    return 0;
}

int search_reindex(dctx *c, int batch, int *indexed)
{
    struct kinds k = {.n = 0};
    arena *outer = c->a;
    int rc = 0;
    *indexed = 0;
    module_each_ext("search", collect_kind, &k);
    c->a = arena_new(256 * 1024);
    for (int i = 0; rc == 0 && i < k.n; i++) {
        int64_t after = 0;
        for (int n = batch; rc == 0 && n == batch;) {
            arena_reset(c->a);
            if ((rc = store_begin(c->st)) == 0)
                rc = store_end(c->st, search_index_batch(c, k.names[i], after, batch, &after, &n));
            *indexed += rc ? 0 : n;
        }
    }
    arena_free(c->a);
    c->a = outer;
    /* everything is in: a full reindex still waiting (the migration's, the
     * demo's) would only do it again */
    if (rc == 0 && (rc = store_begin(c->st)) == 0)
        rc = store_end(c->st, job_cancel(c->st, "search.reindex", NULL));
    return rc;
}

/* The job search.reindex: one job per source, each indexing a batch and
 * scheduling the next (search.index, key "search.index:KIND:AFTER"), so that
 * no transaction holds the store for long. */
int search_reindex_job(dctx *c, const struct job *j);
int search_reindex_job(dctx *c, const struct job *j)
{
    (void)j;
    struct kinds k = {.n = 0};
    int rc = 0;
    module_each_ext("search", collect_kind, &k);
    for (int i = 0; rc == 0 && i < k.n; i++)
        rc = job_schedule(c->st, "search.index", arena_printf(c->a, "search.index:%s:0", k.names[i]), 0, c->now,
                          c->now);
    return rc;
}

int search_index_job(dctx *c, const struct job *j);
int search_index_job(dctx *c, const struct job *j)
{
    /* the key: search.index:KIND:AFTER */
    const char *kind = strchr(j->key, ':');
    const char *end = kind ? strchr(kind + 1, ':') : NULL;
    if (end == NULL)
        return 0; /* not one of ours */
    kind = arena_strndup(c->a, kind + 1, (size_t)(end - kind - 1));
    if (source(kind) == NULL)
        return 0; /* a module no longer installed */
    int64_t last = 0;
    int n = 0;
    int rc = search_index_batch(c, kind, j->ref_id, SEARCH_INDEX_BATCH, &last, &n);
    if (rc == 0 && n == SEARCH_INDEX_BATCH)
        rc = job_schedule(c->st, "search.index", arena_printf(c->a, "search.index:%s:%lld", kind, (long long)last), last,
                          c->now, c->now);
    return rc;
}

/* ---- reading ---- */

static int known_kind(const char *kind)
{
    return strcmp(kind, "place") == 0 || strcmp(kind, "person") == 0 || source(kind) != NULL;
}

/* The communities a search looks in: the scope's own (and the scope itself
 * when it is a part of it), or every one under a street. */
static int scope_of(dctx *c, const struct st_place *scope, struct search_scope *sc)
{
    if (scope->community_id) {
        int64_t *one = arena_alloc(c->a, sizeof *one);
        *one = scope->community_id;
        sc->communities = one;
        sc->ncommunities = 1;
        sc->place_id = scope->id == scope->community_id ? 0 : scope->id;
        return 0;
    }
    int64_t *ids;
    int n = 0, rc = search_store_communities(c->st, c->a, scope->path, SEARCH_COMMUNITIES_MAX + 1, &ids, &n);
    if (rc)
        return rc;
    if (n > SEARCH_COMMUNITIES_MAX)
        return dctx_fail(c, WG_EINVAL, "search_scope_wide", "place_id");
    sc->communities = ids;
    sc->ncommunities = n;
    return 0;
}

static int find_names(dctx *c, const struct search_query *q, const struct st_place *scope, struct search_result *out)
{
    const char *hans = hanzi_hans(c->a, q->q), *hant = hanzi_hant(c->a, q->q);
    int rc = 0;
    if (q->kind == NULL || strcmp(q->kind, "place") == 0)
        rc = search_store_places(c->st, c->a, scope->path, scope->community_id, hans, hant, SEARCH_NAMES_MAX,
                                 &out->places, &out->nplaces);
    /* people's names: staff only */
    if (rc == 0 && c->actor->is_staff && (q->kind == NULL || strcmp(q->kind, "person") == 0))
        rc = search_store_people(c->st, c->a, scope->path, scope->community_id, hans, hant, SEARCH_NAMES_MAX,
                                 &out->people, &out->npeople);
    return rc;
}

int search_run(dctx *c, const struct search_query *q, struct search_result *out)
{
    struct st_place scope;
    int rc;
    memset(out, 0, sizeof *out);
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if ((rc = dctx_text(c, q->q, SEARCH_QUERY_MAX, 1, "q", "query_invalid", "query_invalid")))
        return rc;
    if (q->kind && !known_kind(q->kind))
        return dctx_fail(c, WG_EINVAL, "search_kind_invalid", "kind");
    if ((rc = q->place_id ? place_get(c, q->place_id, &scope) : place_default_scope(c, &scope)))
        return rc;
    search_parse(c->a, q->q, &out->terms, &out->nterms);
    if (out->nterms == 0) /* only punctuation: nothing to look for */
        return 0;
    int records = q->kind == NULL || (strcmp(q->kind, "place") != 0 && strcmp(q->kind, "person") != 0);
    struct search_filter f = {
        .terms = out->terms,
        .nterms = out->nterms,
        .scope = {.kind = q->kind},
        .limit = q->limit <= 0 ? SEARCH_LIMIT_DEFAULT : q->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : q->limit,
        .offset = q->offset < 0 ? 0 : q->offset > SEARCH_OFFSET_MAX ? SEARCH_OFFSET_MAX : q->offset,
    };
    if (records && (rc = scope_of(c, &scope, &f.scope)))
        return rc;
    if (records && f.scope.ncommunities > 0 &&
        (rc = search_store_query(c->st, c->a, &f, &out->hits, &out->n, &out->total)))
        return rc;
    /* the scope is a gram of the match; each hit is checked all the same */
    size_t plen = strlen(scope.path);
    for (int i = 0; i < out->n; i++)
        if (strncmp(out->hits[i].place_path, scope.path, plen) != 0 ||
            !perm_allows(c->actor, &perm_read, out->hits[i].place_path)) {
            log_error("search: %s %lld outside the reader's scope %s", out->hits[i].kind,
                      (long long)out->hits[i].ref_id, scope.path);
            out->hits[i--] = out->hits[--out->n];
        }
    return find_names(c, q, &scope, out);
}

static json_t *names_json(const struct search_name *x, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:{s:I, s:s}}", "id", (json_int_t)x[i].id, "name",
                                             x[i].name, "kind", x[i].kind, "place", "id", (json_int_t)x[i].place_id,
                                             "name", x[i].place_name));
    return arr;
}

json_t *search_json(dctx *c, const struct search_query *q, const struct search_result *r)
{
    json_t *items = json_array();
    for (int i = 0; i < r->n; i++) {
        const struct search_hit *h = &r->hits[i];
        json_array_append_new(
            items, json_pack("{s:s, s:I, s:s, s:o, s:o, s:s, s:{s:I, s:s}, s:I}", "kind", h->kind, "id",
                             (json_int_t)h->ref_id, "title", h->title, "title_parts",
                             search_highlight(c->a, h->title, r->terms, r->nterms, 0), "snippet",
                             search_highlight(c->a, h->body, r->terms, r->nterms, SEARCH_SNIPPET), "url", h->url,
                             "place", "id", (json_int_t)h->place_id, "name", h->place_name ? h->place_name : "",
                             "updated_at", (json_int_t)h->updated_at));
    }
    json_t *o = json_pack("{s:s, s:o, s:i, s:i, s:i, s:o}", "q", q->q, "items", items, "total", r->total, "offset",
                          q->offset < 0 ? 0 : q->offset, "limit",
                          q->limit <= 0 ? SEARCH_LIMIT_DEFAULT : q->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : q->limit,
                          "places", names_json(r->places, r->nplaces));
    if (c->actor->is_staff)
        json_object_set_new(o, "people", names_json(r->people, r->npeople));
    return o;
}
