/* Participatory budgets: creation, the published document, the result
 * (see budget.h). */
#include "mod/budget/budget.h"

#include <stdlib.h>
#include <string.h>

#include "algo/tally_json.h"
#include "core/buf.h"
#include "core/jalloc.h"
#include "core/time.h"
#include "core/token.h"
#include "mod/budget/budget_store.h"

/* A random permutation of n (the order drawn for ties), as a JSON array. */
static const char *draw_order(arena *a, int n)
{
    int order[BUDGET_PROJECTS_MAX];
    char tok[TOKEN_HEX + 1];
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = n - 1; i > 0; i--) {
        token_random(tok); /* 128 random bits; 32 of them per draw */
        unsigned long r = strtoul(arena_strndup(a, tok, 8), NULL, 16);
        int j = (int)(r % (unsigned long)(i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_integer(order[i]));
    char *s = json_dumps(arr, JSON_COMPACT);
    const char *out = arena_strdup(a, s ? s : "[]");
    jalloc_free(s);
    json_decref(arr);
    return out;
}

int budget_create(dctx *c, const struct budget_new *in, int64_t *id, int64_t *vote_id)
{
    struct st_place place;
    int rc;
    if (in->place_id <= 0)
        return dctx_fail(c, WG_EINVAL, "place_required", "place_id");
    if ((rc = place_get(c, in->place_id, &place)))
        return rc;
    /* before the transaction: a denial is audited in one of its own */
    if ((rc = perm_check(c, &vote_act_manage, place.path, place.community_id)))
        return rc;
    if (in->total < 1 || in->total > BUDGET_TOTAL_MAX)
        return dctx_fail(c, WG_EINVAL, "budget_total_invalid", "total");
    if (in->nprojects < 2 || in->nprojects > BUDGET_PROJECTS_MAX)
        return dctx_fail(c, WG_EINVAL, "budget_projects_invalid", "projects");
    const char **labels = arena_alloc(c->a, (size_t)in->nprojects * sizeof *labels);
    for (int i = 0; i < in->nprojects; i++) {
        if ((rc = dctx_text(c, in->projects[i].name, 80, 1, "projects", "budget_project_name_required",
                            "budget_project_name_invalid")))
            return rc;
        if (in->projects[i].cost < 1 || in->projects[i].cost > in->total)
            return dctx_fail(c, WG_EINVAL, "budget_cost_invalid", "projects");
        labels[i] = in->projects[i].name;
    }
    const char *voters = in->voters && *in->voters ? in->voters : "residents";
    if (strcmp(voters, "residents") != 0 && strcmp(voters, "one_per_household") != 0)
        return dctx_fail(c, WG_EINVAL, "budget_voters_invalid", "voters");
    json_t *rule = json_pack("{s:s, s:s, s:{s:s}}", "code", "participatory_budget", "voters", voters, "approval",
                             "basis", "none");
    struct vote_new v = {.place_id = place.id, .title = in->title, .method = "approval", .mode = "online",
                         .labels = labels, .nlabels = in->nprojects, .rule = rule, .secret = 1,
                         .opens_at = in->opens_at, .closes_at = in->closes_at};
    struct st_budget b = {.community_id = place.community_id, .place_id = place.id, .title = in->title,
                          .total = in->total, .tie_order = draw_order(c->a, in->nprojects),
                          .created_by = c->actor ? c->actor->id : 0, .created_at = c->now};
    if ((rc = store_begin(c->st))) {
        json_decref(rule);
        return rc;
    }
    rc = vote_create_in(c, &v, &b.vote_id);
    if (rc == 0)
        rc = budget_store_insert(c->st, &b);
    for (int i = 0; rc == 0 && i < in->nprojects; i++)
        rc = budget_store_project(c->st, b.id, i, b.community_id, in->projects[i].name, in->projects[i].cost);
    json_decref(rule);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = b.id;
    *vote_id = b.vote_id;
    return 0;
}

static int budget_get(dctx *c, int64_t id, struct st_budget *b, struct vote_info *vi)
{
    int rc = budget_store_get(c->st, c->a, id, b);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    return rc ? rc : vote_get(c, b->vote_id, vi); /* the vote's permission: readers of its place */
}

/* The vote's published ballots as a budget document of the tally format. */
static int build_document(dctx *c, const struct st_budget *b, const char *vote_doc, const char **doc)
{
    const char **names = NULL;
    int64_t *costs = NULL;
    int n = 0;
    json_error_t jerr;
    int rc = budget_store_projects(c->st, c->a, b->id, &names, &costs, &n);
    if (rc)
        return rc;
    json_t *vd = json_loads(vote_doc, 0, &jerr);
    if (vd == NULL)
        return dctx_fail(c, WG_EDB, "budget_document_invalid", NULL);
    json_t *opts = json_array(), *cst = json_array(), *list = json_array(), *e;
    size_t i;
    for (int k = 0; k < n; k++) {
        json_array_append_new(opts, json_string(names[k]));
        json_array_append_new(cst, json_integer(costs[k]));
    }
    json_array_foreach(json_object_get(json_object_get(vd, "ballots"), "list"), i, e) {
        json_t *o = json_pack("{s:O}", "options", json_object_get(e, "options"));
        if (json_object_get(e, "receipt"))
            json_object_set(o, "receipt", json_object_get(e, "receipt"));
        json_array_append_new(list, o);
    }
    json_t *doc_j = json_pack(
        "{s:s, s:{s:s, s:s, s:s, s:s, s:o, s:o, s:I, s:o}, s:{s:O}, s:{s:O}, s:{s:o}}", "format", TALLY_JSON_FORMAT,
        "vote", "id", arena_printf(c->a, "budget-%lld", (long long)b->id), "title", b->title, "method", "equal_shares",
        "counting", "online", "options", opts, "costs", cst, "budget", (json_int_t)b->total, "tie_order",
        json_loads(b->tie_order, 0, &jerr), "electorate", "heads",
        json_object_get(json_object_get(vd, "electorate"), "heads"), "present", "heads",
        json_object_get(json_object_get(vd, "present"), "heads"), "ballots", "list", list);
    json_decref(vd);
    if (doc_j == NULL)
        return dctx_fail(c, WG_EDB, "budget_document_invalid", NULL);
    char *s = json_dumps(doc_j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc_j);
    if (s == NULL)
        return WG_EDB;
    *doc = arena_strdup(c->a, s);
    jalloc_free(s);
    return 0;
}

int budget_document(dctx *c, int64_t id, const char **doc)
{
    struct st_budget b;
    struct vote_info vi;
    const char *vote_doc;
    int rc = budget_get(c, id, &b, &vi);
    if (rc || (rc = vote_export(c, b.vote_id, &vote_doc)))
        return rc;
    return build_document(c, &b, vote_doc, doc);
}

json_t *budget_detail(dctx *c, int64_t id, int *rc)
{
    struct st_budget b;
    struct vote_info vi;
    const char **names = NULL, *doc = NULL;
    int64_t *costs = NULL;
    int n = 0;
    json_error_t jerr;
    if ((*rc = budget_get(c, id, &b, &vi)) || (*rc = budget_store_projects(c->st, c->a, b.id, &names, &costs, &n)))
        return NULL;
    json_t *projects = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(projects, json_pack("{s:i, s:s, s:I}", "project", i, "name", names[i], "cost",
                                                  (json_int_t)costs[i]));
    json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:s, s:o, s:o}", "id", (json_int_t)b.id, "title", b.title, "total",
                          (json_int_t)b.total, "vote_id", (json_int_t)b.vote_id, "state", vi.state, "projects",
                          projects, "tie_order", json_loads(b.tie_order, 0, &jerr));
    time_json_pair(o, "opens_at", vi.v.opens_at);
    time_json_pair(o, "closes_at", vi.v.closes_at);
    if (strcmp(vi.state, "closed") != 0) {
        json_object_set_new(o, "result", json_null());
        return o;
    }
    if ((*rc = budget_document(c, id, &doc))) {
        json_decref(o);
        return NULL;
    }
    buf out;
    char err[256];
    buf_init(&out, 64u << 20);
    *rc = tally_json_run(c->a, doc, strlen(doc), &out, err, sizeof err);
    json_t *res = *rc == 0 ? json_loadb(out.data, out.len, 0, &jerr) : NULL;
    buf_free(&out);
    if (res == NULL) {
        json_decref(o);
        *rc = dctx_fail(c, WG_EDB, "budget_document_invalid", NULL);
        return NULL;
    }
    json_object_del(res, "paid"); /* per ballot: in the published result, not in the page's */
    json_object_set_new(o, "result", res);
    return o;
}

json_t *budget_list(dctx *c, int64_t community_id, int *rc)
{
    struct st_place com;
    struct st_budget *bs = NULL;
    int n = 0;
    if ((*rc = place_get(c, community_id, &com)) ||
        (*rc = budget_store_list(c->st, c->a, com.community_id ? com.community_id : com.id, &bs, &n)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        struct vote_info vi;
        if (vote_get(c, bs[i].vote_id, &vi) != 0) /* a budget of a place the reader does not read */
            continue;
        json_t *o = json_pack("{s:I, s:s, s:I, s:I, s:s}", "id", (json_int_t)bs[i].id, "title", bs[i].title, "total",
                              (json_int_t)bs[i].total, "vote_id", (json_int_t)bs[i].vote_id, "state", vi.state);
        time_json_pair(o, "opens_at", vi.v.opens_at);
        time_json_pair(o, "closes_at", vi.v.closes_at);
        json_array_append_new(items, o);
    }
    *rc = 0;
    return json_pack("{s:o}", "items", items);
}
