/*
 * A participatory budget in the tally format, read and written; see
 * tally_pb.h and docs/tally.md. The reader is as strict as the votes'
 * (tally_json.c): every message names its field.
 */
#include "algo/tally_pb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algo/tally_jread.h"
#include "algo/tally_json.h"
#include "core/err.h"

#define TP_MAX_RECEIPT 128

int tally_pb_is(json_t *root)
{
    json_t *m = json_object_get(json_object_get(root, "vote"), "method");
    return json_is_string(m) && strcmp(json_string_value(m), TALLY_PB_METHOD) == 0;
}

static int tp_id(struct tally_jr *c, json_t *vote, struct tally_pb_doc *d)
{
    json_t *v = json_object_get(vote, "id");
    if (v == NULL)
        return tally_jr_fail(c, "vote.id", "missing");
    if (json_is_string(v)) {
        d->id = arena_strndup(c->a, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        d->id = arena_printf(c->a, "%lld", (long long)json_integer_value(v));
        d->id_is_int = 1;
    } else {
        return tally_jr_fail(c, "vote.id", "must be a string or an integer, not %s", tally_jr_type(v));
    }
    return 0;
}

static int tp_labels(struct tally_jr *c, json_t *arr, struct tally_pb_doc *d)
{
    size_t n = json_array_size(arr);
    if (n < 1 || n > PB_MAX_PROJECTS)
        return tally_jr_fail(c, "vote.options", "%zu projects; a budget has 1 to %d", n, PB_MAX_PROJECTS);
    const char **labels = arena_alloc(c->a, n * sizeof *labels);
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(arr, i);
        char p[TALLY_JR_PATH];
        tally_jr_index(p, "vote.options", i);
        if (!json_is_string(s) || json_string_length(s) == 0)
            return tally_jr_fail(c, p, "a project's name must be a non-empty string, not %s",
                                 json_is_string(s) ? "an empty string" : tally_jr_type(s));
        labels[i] = arena_strndup(c->a, json_string_value(s), json_string_length(s));
    }
    d->labels = labels;
    d->in.nprojects = n;
    return 0;
}

/* A sum of money: an integer 1..PB_MAX_MONEY yuan. */
static int tp_money(struct tally_jr *c, json_t *v, const char *p, int64_t *out)
{
    if (!json_is_integer(v))
        return tally_jr_fail(c, p, "must be an integer (yuan), not %s", tally_jr_type(v));
    json_int_t n = json_integer_value(v);
    if (n < 1 || n > PB_MAX_MONEY)
        return tally_jr_fail(c, p, "%lld is out of range (1 to %lld yuan)", (long long)n, PB_MAX_MONEY);
    *out = (int64_t)n;
    return 0;
}

static int tp_costs(struct tally_jr *c, json_t *arr, struct tally_pb_doc *d)
{
    size_t n = d->in.nprojects;
    if (json_array_size(arr) != n)
        return tally_jr_fail(c, "vote.costs", "%zu costs for %zu projects", json_array_size(arr), n);
    int64_t *cost = arena_alloc(c->a, n * sizeof *cost);
    for (size_t i = 0; i < n; i++) {
        char p[TALLY_JR_PATH];
        tally_jr_index(p, "vote.costs", i);
        int rc = tp_money(c, json_array_get(arr, i), p, &cost[i]);
        if (rc)
            return rc;
    }
    d->in.cost = cost;
    return 0;
}

/* tie_order: every project once, first the one that wins a tie. */
static int tp_order(struct tally_jr *c, json_t *arr, struct tally_pb_doc *d)
{
    size_t n = d->in.nprojects;
    if (json_array_size(arr) != n)
        return tally_jr_fail(c, "vote.tie_order", "lists %zu projects, the budget has %zu (each once)",
                             json_array_size(arr), n);
    int *order = arena_alloc(c->a, n * sizeof *order), *rank = arena_alloc(c->a, n * sizeof *rank);
    for (size_t i = 0; i < n; i++)
        rank[i] = -1;
    for (size_t i = 0; i < n; i++) {
        char p[TALLY_JR_PATH];
        int o = 0, rc;
        tally_jr_index(p, "vote.tie_order", i);
        if ((rc = tally_jr_option(c, json_array_get(arr, i), p, n, &o)) != 0)
            return rc;
        if (rank[o] >= 0)
            return tally_jr_fail(c, p, "project %d is listed twice", o);
        rank[o] = (int)i;
        order[i] = o;
    }
    d->tie_order = order;
    d->in.order = rank;
    return 0;
}

static int tp_vote(struct tally_jr *c, json_t *vote, struct tally_pb_doc *d)
{
    static const char *const fields[] = {"id",    "title",  "method",    "options", "costs",
                                         "budget", "tie_order", "counting", NULL};
    json_t *v;
    int rc;
    if (json_object_get(vote, "rule") != NULL)
        return tally_jr_fail(c, "vote.rule", "a budget (method %s) takes no rule: the projects bought follow "
                             "from the ballots and the budget", TALLY_PB_METHOD);
    if ((rc = tally_jr_fields(c, vote, "vote", fields)) != 0 || (rc = tp_id(c, vote, d)) != 0 ||
        (rc = tally_jr_string(c, vote, "vote", "title", 1, &d->title)) != 0 ||
        (rc = tally_jr_string(c, vote, "vote", "counting", 0, &d->counting)) != 0 ||
        (rc = tally_jr_get(c, vote, "vote", "options", 1, JSON_ARRAY, &v)) != 0 || (rc = tp_labels(c, v, d)) != 0 ||
        (rc = tally_jr_get(c, vote, "vote", "costs", 1, JSON_ARRAY, &v)) != 0 || (rc = tp_costs(c, v, d)) != 0 ||
        (rc = tally_jr_get(c, vote, "vote", "budget", 1, JSON_INTEGER, &v)) != 0 ||
        (rc = tp_money(c, v, "vote.budget", &d->in.budget)) != 0 ||
        (rc = tally_jr_get(c, vote, "vote", "tie_order", 1, JSON_ARRAY, &v)) != 0)
        return rc;
    if (d->counting != NULL && strcmp(d->counting, "online") != 0 && strcmp(d->counting, "paper_ballot") != 0)
        return tally_jr_fail(c, "vote.counting", "a budget is counted from ballots: \"online\" or \"paper_ballot\", "
                             "not \"%s\"", d->counting);
    return tp_order(c, v, d);
}

static int tp_heads(struct tally_jr *c, json_t *root, const char *key, int64_t *out)
{
    static const char *const fields[] = {"heads", NULL};
    json_t *v;
    int rc = tally_jr_get(c, root, "", key, 1, JSON_OBJECT, &v);
    if (rc == 0)
        rc = tally_jr_fields(c, v, key, fields);
    if (rc == 0)
        rc = tally_jr_count(c, v, key, "heads", 1, out);
    return rc;
}

static int tp_receipt_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Each receipt once: sorted copies compared. */
static int tp_receipts_unique(struct tally_jr *c, const char **r, size_t n)
{
    const char **s = arena_alloc(c->a, (n ? n : 1) * sizeof *s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i] != NULL)
            s[k++] = r[i];
    qsort(s, k, sizeof *s, tp_receipt_cmp);
    for (size_t i = 1; i < k; i++)
        if (strcmp(s[i - 1], s[i]) == 0)
            return tally_jr_fail(c, "ballots.list", "receipt \"%s\" appears twice", s[i]);
    return 0;
}

/* One ballot: {options: [...], receipt}. Appends its projects to vproj. */
static int tp_ballot(struct tally_jr *c, json_t *e, size_t i, struct tally_pb_doc *d, int *vproj, size_t *nj,
                     char *seen, const char **receipt)
{
    static const char *const fields[] = {"options", "receipt", NULL};
    char p[TALLY_JR_PATH], op[TALLY_JR_PATH], xp[TALLY_JR_PATH];
    json_t *opts, *r;
    int rc;
    tally_jr_index(p, "ballots.list", i);
    if (!json_is_object(e))
        return tally_jr_fail(c, p, "must be an object {options, receipt}, not %s", tally_jr_type(e));
    if ((rc = tally_jr_fields(c, e, p, fields)) != 0 ||
        (rc = tally_jr_get(c, e, p, "options", 1, JSON_ARRAY, &opts)) != 0 ||
        (rc = tally_jr_get(c, e, p, "receipt", 0, JSON_STRING, &r)) != 0)
        return rc;
    *receipt = NULL;
    if (r != NULL) {
        size_t len = json_string_length(r);
        tally_jr_join(xp, p, "receipt");
        if (len == 0 || len > TP_MAX_RECEIPT || strlen(json_string_value(r)) != len)
            return tally_jr_fail(c, xp, "a receipt is 1 to %d bytes of text", TP_MAX_RECEIPT);
        *receipt = arena_strndup(c->a, json_string_value(r), len);
    }
    tally_jr_join(op, p, "options");
    size_t k = json_array_size(opts);
    memset(seen, 0, d->in.nprojects);
    for (size_t j = 0; j < k; j++) {
        int o = 0;
        tally_jr_index(xp, op, j);
        if ((rc = tally_jr_option(c, json_array_get(opts, j), xp, d->in.nprojects, &o)) != 0)
            return rc;
        if (seen[o]++)
            return tally_jr_fail(c, xp, "project %d appears twice on one ballot", o);
        vproj[(*nj)++] = o;
    }
    d->blank += k == 0;
    return 0;
}

static int tp_ballots(struct tally_jr *c, json_t *root, struct tally_pb_doc *d)
{
    static const char *const fields[] = {"list", NULL};
    json_t *b, *list;
    int rc = tally_jr_get(c, root, "", "ballots", 1, JSON_OBJECT, &b);
    if (rc || (rc = tally_jr_fields(c, b, "ballots", fields)) != 0 ||
        (rc = tally_jr_get(c, b, "ballots", "list", 1, JSON_ARRAY, &list)) != 0)
        return rc;
    size_t n = json_array_size(list), total = 0;
    if ((int64_t)n > d->present)
        return tally_jr_fail(c, "ballots.list", "%zu ballots, more than present.heads %lld", n,
                             (long long)d->present);
    if (n > PB_MAX_VOTERS)
        return tally_jr_fail(c, "ballots.list", "%zu ballots; at most %d", n, PB_MAX_VOTERS);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object_get(json_array_get(list, i), "options");
        total += json_is_array(o) ? json_array_size(o) : 0;
    }
    size_t *vstart = arena_alloc(c->a, (n + 1) * sizeof *vstart);
    int *vproj = arena_alloc(c->a, (total ? total : 1) * sizeof *vproj);
    const char **receipts = arena_alloc(c->a, (n ? n : 1) * sizeof *receipts);
    char *seen = arena_alloc(c->a, d->in.nprojects);
    size_t nj = 0;
    vstart[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if ((rc = tp_ballot(c, json_array_get(list, i), i, d, vproj, &nj, seen, &receipts[i])) != 0)
            return rc;
        vstart[i + 1] = nj;
    }
    d->in.nvoters = n;
    d->in.vstart = vstart;
    d->in.vproj = vproj;
    d->receipts = receipts;
    return tp_receipts_unique(c, receipts, n);
}

int tally_pb_read(arena *a, json_t *root, struct tally_pb_doc *d, char *err, size_t errlen)
{
    static const char *const fields[] = {"format", "vote", "electorate", "present", "ballots", NULL};
    struct tally_jr c = {.a = a, .err = err, .errlen = errlen};
    json_t *vote;
    int rc;
    memset(d, 0, sizeof *d);
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if ((rc = tally_jr_fields(&c, root, "", fields)) != 0 ||
        (rc = tally_jr_get(&c, root, "", "vote", 1, JSON_OBJECT, &vote)) != 0 || (rc = tp_vote(&c, vote, d)) != 0 ||
        (rc = tp_heads(&c, root, "electorate", &d->electorate)) != 0 ||
        (rc = tp_heads(&c, root, "present", &d->present)) != 0)
        return rc;
    if (d->present > d->electorate)
        return tally_jr_fail(&c, "present.heads", "%lld exceeds electorate.heads %lld", (long long)d->present,
                             (long long)d->electorate);
    if ((rc = tp_ballots(&c, root, d)) != 0)
        return rc;
    return pb_check(&d->in, err, errlen);
}

/* ---- the result ---- */

static const char *tp_how(enum pb_how h)
{
    return h == PB_MES ? "equal_shares" : h == PB_FILL ? "fill" : "not_bought";
}

static json_t *tp_ints(struct tally_jw *o, const int *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        tally_jw_push(o, arr, json_integer(v[i]));
    return arr;
}

static json_t *tp_frac(const struct pb_frac *f) { return json_string(f->exact); }

static void tp_vote_out(struct tally_jw *o, json_t *root, const struct tally_pb_doc *d)
{
    size_t n = d->in.nprojects;
    json_t *j = tally_jw_set(o, root, "vote", json_object()), *arr;
    tally_jw_set(o, j, "id", d->id_is_int ? json_integer(strtoll(d->id, NULL, 10)) : json_string(d->id));
    tally_jw_set(o, j, "title", json_string(d->title));
    tally_jw_set(o, j, "method", json_string(TALLY_PB_METHOD));
    tally_jw_set(o, j, "counting", d->counting ? json_string(d->counting) : json_null());
    arr = tally_jw_set(o, j, "options", json_array());
    for (size_t i = 0; i < n; i++)
        tally_jw_push(o, arr, json_string(d->labels[i]));
    arr = tally_jw_set(o, j, "costs", json_array());
    for (size_t i = 0; i < n; i++)
        tally_jw_push(o, arr, tally_jw_int(d->in.cost[i]));
    tally_jw_set(o, j, "budget", tally_jw_int(d->in.budget));
    tally_jw_set(o, j, "tie_order", tp_ints(o, d->tie_order, n));
}

static void tp_projects_out(struct tally_jw *o, json_t *arr, const struct tally_pb_doc *d, const struct pb_result *r)
{
    for (size_t p = 0; p < d->in.nprojects; p++) {
        const struct pb_project_result *pr = &r->projects[p];
        json_t *e = tally_jw_push(o, arr, json_object());
        tally_jw_set(o, e, "project", json_integer((json_int_t)p));
        tally_jw_set(o, e, "label", json_string(d->labels[p]));
        tally_jw_set(o, e, "cost", tally_jw_int(d->in.cost[p]));
        tally_jw_set(o, e, "approvals", tally_jw_int(pr->approvals));
        tally_jw_set(o, e, "equal_shares", json_string(tp_how(pr->how)));
        tally_jw_set(o, e, "step", pr->step ? json_integer(pr->step) : json_null());
        tally_jw_set(o, e, "effective_votes", pr->how == PB_MES ? tp_frac(&pr->eff) : json_null());
        tally_jw_set(o, e, "payment", pr->how == PB_MES ? tp_frac(&pr->payment) : json_null());
        tally_jw_set(o, e, "paid_less", pr->how == PB_MES ? tally_jw_int(pr->paid_less) : json_null());
        tally_jw_set(o, e, "supporters_left", tp_frac(&pr->left));
        tally_jw_set(o, e, "greedy", json_boolean(pr->greedy));
        tally_jw_set(o, e, "greedy_step", pr->greedy_step ? json_integer(pr->greedy_step) : json_null());
    }
}

int tally_pb_write(buf *out, const struct tally_pb_doc *d, const struct pb_result *r)
{
    struct tally_jw o = {0};
    json_t *root = json_object(), *j, *arr;
    int rc = 0;
    tally_jw_set(&o, root, "format", json_string(TALLY_JSON_RESULT_FORMAT));
    tp_vote_out(&o, root, d);
    j = tally_jw_set(&o, root, "electorate", json_object());
    tally_jw_set(&o, j, "heads", tally_jw_int(d->electorate));
    j = tally_jw_set(&o, root, "present", json_object());
    tally_jw_set(&o, j, "heads", tally_jw_int(d->present));
    tally_jw_set(&o, root, "participation", tally_jw_frac(&o, (struct tally_frac){d->present, d->electorate}));
    tally_jw_set(&o, root, "ballots", tally_jw_int((int64_t)d->in.nvoters));
    tally_jw_set(&o, root, "blank", tally_jw_int(d->blank));

    j = tally_jw_set(&o, root, "equal_shares", json_object());
    tally_jw_set(&o, j, "selected", tp_ints(&o, r->mes_order, r->nmes));
    tally_jw_set(&o, j, "cost", tally_jw_int(r->mes_cost));
    tally_jw_set(&o, j, "left", tally_jw_int(d->in.budget - r->mes_cost));
    json_t *add1 = tally_jw_set(&o, j, "add1", json_object());
    tally_jw_set(&o, add1, "steps", tally_jw_int(r->add1_steps));
    tally_jw_set(&o, add1, "unit", tally_jw_int(r->add1_unit));
    tally_jw_set(&o, add1, "share", tp_frac(&r->endowment));
    tally_jw_set(&o, add1, "share_total", tp_frac(&r->endowment_total));
    j = tally_jw_set(&o, root, "greedy", json_object());
    tally_jw_set(&o, j, "selected", tp_ints(&o, r->greedy_order, r->ngreedy));
    tally_jw_set(&o, j, "cost", tally_jw_int(r->greedy_cost));
    tally_jw_set(&o, j, "left", tally_jw_int(d->in.budget - r->greedy_cost));
    tp_projects_out(&o, tally_jw_set(&o, root, "projects", json_array()), d, r);
    arr = tally_jw_set(&o, root, "paid", json_array());
    for (size_t v = 0; v < d->in.nvoters; v++) {
        json_t *e = tally_jw_push(&o, arr, json_object());
        if (d->receipts[v] != NULL)
            tally_jw_set(&o, e, "receipt", json_string(d->receipts[v]));
        tally_jw_set(&o, e, "paid", json_string(r->paid[v].shown));
    }
    if (o.bad)
        rc = WG_ETOOBIG;
    else
        rc = tally_jw_dump(root, out);
    json_decref(root);
    return rc;
}

int tally_pb_run(arena *a, json_t *root, buf *out, char *err, size_t errlen)
{
    struct tally_pb_doc d;
    struct pb_result r;
    int rc = tally_pb_read(a, root, &d, err, errlen);
    if (rc == 0) {
        d.in.want_voters = 1;
        rc = pb_run(a, &d.in, &r, err, errlen);
    }
    if (rc == 0)
        rc = tally_pb_write(out, &d, &r);
    return rc;
}
