/* Search: the index's upkeep and the reader's query (see search.h). */
#include "mod/search/search.h"

#include <assert.h>
#include <string.h>

#include "core/hanzi.h"
#include "mod/place/place.h"
#include "mod/search/search_store.h"

#define REINDEX_BATCH 500

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
    const char *tg = search_grams(c->a, search_fold(c->a, d.title));
    const char *bg = search_grams(c->a, search_fold(c->a, d.body));
    return search_store_put(c->st, c->a, &d, tg, bg);
}

int search_touch(dctx *c, const char *kind, int64_t id)
{
    const struct search_source *src = source(kind);
    assert(src != NULL); /* a module touches only the kinds it declared */
    return src ? put(c, src, id) : WG_EINVAL;
}

struct reindex {
    dctx *c;
    int indexed, rc;
};

static int reindex_source(const void *impl, void *ud)
{
    const struct search_source *src = impl;
    struct reindex *r = ud;
    int64_t after = 0, *ids;
    for (int n = REINDEX_BATCH; n == REINDEX_BATCH;) {
        if ((r->rc = src->ids(r->c, after, REINDEX_BATCH, &ids, &n)))
            return 1;
        for (int i = 0; i < n; i++)
            if ((r->rc = put(r->c, src, ids[i])))
                return 1;
        r->indexed += n;
        if (n)
            after = ids[n - 1];
    }
    return 0;
}

int search_reindex(dctx *c, int *indexed)
{
    struct reindex r = {c, 0, 0};
    module_each_ext("search", reindex_source, &r);
    if (indexed)
        *indexed = r.indexed;
    return r.rc;
}

/* ---- reading ---- */

static int known_kind(const char *kind)
{
    return strcmp(kind, "place") == 0 || strcmp(kind, "person") == 0 || source(kind) != NULL;
}

/* The reader's community, or the first place she has a role at. */
static int default_scope(dctx *c, struct st_place *out)
{
    const struct actor *ac = c->actor;
    int64_t cm = actor_community(ac);
    if (ac->nroles == 0) /* registered, not yet approved: reads nothing */
        return dctx_fail(c, WG_ENOTFOUND, "no_community", NULL);
    int rc = tree_get(c->st, c->a, cm ? cm : ac->roles[0].place_id, out);
    return rc ? rc : perm_check(c, &perm_read, out->path, out->community_id);
}

static int find_names(dctx *c, const struct search_query *q, const struct st_place *scope, struct search_result *out)
{
    const char *hans = hanzi_hans(c->a, q->q), *hant = hanzi_hant(c->a, q->q);
    int rc = 0;
    if (q->kind == NULL || strcmp(q->kind, "place") == 0)
        rc = search_store_places(c->st, c->a, scope->path, hans, hant, SEARCH_NAMES_MAX, &out->places, &out->nplaces);
    /* people's names: staff only */
    if (rc == 0 && c->actor->is_staff && (q->kind == NULL || strcmp(q->kind, "person") == 0))
        rc = search_store_people(c->st, c->a, scope->path, hans, hant, SEARCH_NAMES_MAX, &out->people, &out->npeople);
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
    if ((rc = q->place_id ? place_get(c, q->place_id, &scope) : default_scope(c, &scope)))
        return rc;
    search_parse(c->a, q->q, &out->terms, &out->nterms);
    if (out->nterms == 0) /* only punctuation: nothing to look for */
        return 0;
    int records = q->kind == NULL || (strcmp(q->kind, "place") != 0 && strcmp(q->kind, "person") != 0);
    struct search_filter f = {
        .terms = out->terms,
        .nterms = out->nterms,
        .path_prefix = scope.path,
        .community_id = scope.community_id,
        .kind = q->kind,
        .limit = q->limit <= 0 ? SEARCH_LIMIT_DEFAULT : q->limit > SEARCH_LIMIT_MAX ? SEARCH_LIMIT_MAX : q->limit,
        .offset = q->offset < 0 ? 0 : q->offset > SEARCH_OFFSET_MAX ? SEARCH_OFFSET_MAX : q->offset,
    };
    if (records && (rc = search_store_query(c->st, c->a, &f, &out->hits, &out->n, &out->total)))
        return rc;
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

/* The job search.reindex: every source, from scratch. */
int search_reindex_job(dctx *c, const struct job *j);
int search_reindex_job(dctx *c, const struct job *j)
{
    (void)j;
    int n = 0;
    return search_reindex(c, &n);
}
