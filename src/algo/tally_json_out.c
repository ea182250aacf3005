/*
 * The result of a tally as JSON ("wugong-tally-result/1"), and read + run
 * + write in one call; see tally_json.h and docs/tally.md.
 */
#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "algo/tally_json.h"
#include "algo/tally_jread.h"
#include "algo/tally_pb.h"
#include "core/err.h"

/* ---- the result ---- */

static json_t *tj_amount_out(struct tally_jw *o, int64_t heads, int64_t area)
{
    json_t *j = json_object();
    tally_jw_set(o, j, "heads", tally_jw_int(heads));
    tally_jw_set(o, j, "area_dm2", tally_jw_int(area));
    return j;
}


static void tj_threshold_out(struct tally_jw *o, json_t *j, const struct tally_threshold *t)
{
    tally_jw_set(o, j, "basis", json_string(tally_basis_name(t->basis)));
    if (t->basis == TALLY_BASIS_NONE)
        return;
    json_t *f = tally_jw_set(o, j, "fraction", json_array());
    tally_jw_push(o, f, tally_jw_int(t->num));
    tally_jw_push(o, f, tally_jw_int(t->den));
    tally_jw_set(o, j, "strictness", json_string(tally_strictness_name(t->strictness)));
    tally_jw_set(o, j, "base", json_string(tally_base_name(t->base)));
}

static json_t *tj_dim_out(struct tally_jw *o, const struct tally_dim *d)
{
    json_t *j = json_object();
    tally_jw_set(o, j, "count", tally_jw_int(d->count));
    tally_jw_set(o, j, "base", tally_jw_int(d->base));
    tally_jw_set(o, j, "met", json_boolean(d->met));
    return j;
}

static json_t *tj_verdict_out(struct tally_jw *o, const struct tally_verdict *v)
{
    json_t *j = json_object();
    tj_threshold_out(o, j, &v->t);
    tally_jw_set(o, j, "met", json_boolean(v->met));
    if (v->t.basis == TALLY_BASIS_HEADS || v->t.basis == TALLY_BASIS_BOTH)
        tally_jw_set(o, j, "heads", tj_dim_out(o, &v->heads));
    if (v->t.basis == TALLY_BASIS_AREA || v->t.basis == TALLY_BASIS_BOTH)
        tally_jw_set(o, j, "area", tj_dim_out(o, &v->area));
    if (v->t.basis == TALLY_BASIS_HOUSEHOLDS)
        tally_jw_set(o, j, "households", tj_dim_out(o, &v->households));
    return j;
}

static json_t *tj_matrix_out(struct tally_jw *o, const int64_t *m, size_t n)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *row = tally_jw_push(o, rows, json_array());
        for (size_t j = 0; j < n; j++)
            tally_jw_push(o, row, tally_jw_int(m[i * n + j]));
    }
    return rows;
}

static const char *tj_outcome(const struct tally_result *r)
{
    if (r->passed)
        return "passed";
    if (!r->quorum_met)
        return "quorum_not_met";
    if (r->votes_cast.heads == 0)
        return "no_votes_cast";
    if (r->ntied > 0)
        return "tie";
    return "approval_not_met";
}

int tally_json_write(buf *out, const struct tally_json_vote *v, const struct tally_result *r)
{
    const struct tally_input *in = &v->in;
    struct tally_jw o = {0};
    json_t *root = json_object(), *j, *arr;
    int rc = 0;
    size_t n = in->noptions;
    assert(n >= 2 && n <= TALLY_MAX_OPTIONS);

    tally_jw_set(&o, root, "format", json_string(TALLY_JSON_RESULT_FORMAT));
    j = tally_jw_set(&o, root, "vote", json_object());
    tally_jw_set(&o, j, "id", v->id_is_int ? json_integer(strtoll(v->id, NULL, 10)) : json_string(v->id));
    tally_jw_set(&o, j, "title", json_string(v->title));
    tally_jw_set(&o, j, "method", json_string(tally_method_name(in->method)));
    tally_jw_set(&o, j, "counting", v->counting ? json_string(v->counting) : json_null());
    arr = tally_jw_set(&o, j, "options", json_array());
    for (size_t i = 0; i < n; i++)
        tally_jw_push(&o, arr, json_string(v->labels[i]));

    j = tally_jw_set(&o, root, "rule", json_object());
    tally_jw_set(&o, j, "code", json_string(in->rule.code ? in->rule.code : "custom"));
    tally_jw_set(&o, j, "preset", json_boolean(in->rule.code != NULL && tally_preset(in->rule.code) != NULL));
    tally_jw_set(&o, j, "voters", json_string(tally_voters_name(in->rule.voters)));
    tj_threshold_out(&o, tally_jw_set(&o, j, "quorum", json_object()), &in->rule.quorum);
    if (in->rule.alt_quorum.basis != TALLY_BASIS_NONE)
        tj_threshold_out(&o, tally_jw_set(&o, j, "alt_quorum", json_object()), &in->rule.alt_quorum);
    else
        tally_jw_set(&o, j, "alt_quorum", json_null());
    tj_threshold_out(&o, tally_jw_set(&o, j, "approval", json_object()), &in->rule.approval);
    tally_jw_set(&o, j, "description", json_string(r->description));

    j = tally_jw_set(&o, root, "electorate", tj_amount_out(&o, in->electorate.heads, in->electorate.area));
    tally_jw_set(&o, j, "households", tally_jw_int(in->electorate.households));
    j = tally_jw_set(&o, root, "present", tj_amount_out(&o, in->present.heads, in->present.area));
    tally_jw_set(&o, j, "households", tally_jw_int(in->present.households));
    j = tally_jw_set(&o, root, "participation", json_object());
    tally_jw_set(&o, j, "heads", tally_jw_frac(&o, r->part_heads));
    tally_jw_set(&o, j, "area", tally_jw_frac(&o, r->part_area));
    tally_jw_set(&o, j, "households", tally_jw_frac(&o, r->part_households));
    tally_jw_set(&o, root, "votes_cast", tj_amount_out(&o, r->votes_cast.heads, r->votes_cast.area));
    tally_jw_set(&o, root, "abstain", tj_amount_out(&o, in->abstain.heads, in->abstain.area));

    j = tally_jw_set(&o, root, "quorum", json_object());
    tally_jw_set(&o, j, "met", json_boolean(r->quorum_met));
    tally_jw_set(&o, j, "main", tj_verdict_out(&o, &r->quorum));
    tally_jw_set(&o, j, "alt", r->alt_quorum.applies ? tj_verdict_out(&o, &r->alt_quorum) : json_null());
    j = tally_jw_set(&o, root, "approval", tj_verdict_out(&o, &r->approval));
    if (in->method == TALLY_YES_NO_ABSTAIN)
        tally_jw_set(&o, j, "option", json_integer(0));
    else
        tally_jw_set(&o, j, "option", r->nranking ? json_integer(r->ranking[0]) : json_null());

    tally_jw_set(&o, root, "passed", json_boolean(r->passed));
    tally_jw_set(&o, root, "outcome", json_string(tj_outcome(r)));
    tally_jw_set(&o, root, "winner", r->winner >= 0 ? json_integer(r->winner) : json_null());
    if (r->ntied > 0) {
        arr = tally_jw_set(&o, root, "tied", json_array());
        for (size_t i = 0; i < r->ntied; i++)
            tally_jw_push(&o, arr, json_integer(r->tied[i]));
    }
    arr = tally_jw_set(&o, root, "ranking", json_array());
    for (size_t i = 0; i < r->nranking; i++)
        tally_jw_push(&o, arr, json_integer(r->ranking[i]));
    arr = tally_jw_set(&o, root, "options", json_array());
    for (size_t i = 0; i < n; i++) {
        const struct tally_option_result *or = &r->options[i];
        json_t *e = tally_jw_push(&o, arr, json_object());
        tally_jw_set(&o, e, "option", json_integer(or->option));
        tally_jw_set(&o, e, "label", json_string(v->labels[i]));
        tally_jw_set(&o, e, "heads", tally_jw_int(or->support.heads));
        tally_jw_set(&o, e, "area_dm2", tally_jw_int(or->support.area));
        tally_jw_set(&o, e, "meets_threshold", json_boolean(or->meets_threshold));
    }
    if (in->method == TALLY_RANKED) {
        j = tally_jw_set(&o, root, "schulze", json_object());
        tally_jw_set(&o, j, "d", tj_matrix_out(&o, r->d, n));
        tally_jw_set(&o, j, "p", tj_matrix_out(&o, r->p, n));
        tally_jw_set(&o, j, "tie_break", json_string(tally_tie_break_name(r->tie_break)));
    }
    if (v->nreceipts > 0) {
        arr = tally_jw_set(&o, root, "receipts", json_array());
        for (size_t i = 0; i < v->nreceipts; i++)
            tally_jw_push(&o, arr, json_string(v->receipts[i]));
    }
    if (o.bad) {
        rc = WG_ETOOBIG;
        goto out;
    }
    if (tally_jw_dump(root, out))
        rc = WG_ETOOBIG;
out:
    json_decref(root);
    return rc;
}

int tally_json_run(arena *a, const char *data, size_t len, buf *out, char *err, size_t errlen)
{
    struct tally_json_vote v;
    struct tally_result r;
    json_t *root;
    int rc = tally_jr_load(data, len, &root, err, errlen);
    if (rc == 0 && tally_pb_is(root)) {
        rc = tally_pb_run(a, root, out, err, errlen);
    } else if (rc == 0) {
        rc = tally_json_read_doc(a, root, &v, err, errlen);
        if (rc == 0)
            rc = tally_run(a, &v.in, &r, err, errlen);
        if (rc == 0)
            rc = tally_json_write(out, &v, &r);
    }
    json_decref(root);
    if (rc == WG_ETOOBIG && err != NULL && errlen > 0)
        snprintf(err, errlen, "the result is larger than the output limit");
    return rc;
}
