/*
 * The result of a tally as JSON ("wugong-tally-result/1"), and read + run
 * + write in one call; see tally_json.h and docs/tally.md.
 */
#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "algo/tally_json.h"
#include "core/err.h"

/* ---- the result ---- */

/* Collects failures of jansson's constructors (out of memory) in one flag. */
struct tj_out {
    int bad;
};

static json_t *tj_set(struct tj_out *o, json_t *obj, const char *key, json_t *val)
{
    if (obj == NULL || val == NULL || json_object_set_new(obj, key, val) != 0)
        o->bad = 1;
    return val;
}

static json_t *tj_push(struct tj_out *o, json_t *arr, json_t *val)
{
    if (arr == NULL || val == NULL || json_array_append_new(arr, val) != 0)
        o->bad = 1;
    return val;
}

static json_t *tj_int(int64_t v) { return json_integer((json_int_t)v); }

static json_t *tj_amount_out(struct tj_out *o, int64_t heads, int64_t area)
{
    json_t *j = json_object();
    tj_set(o, j, "heads", tj_int(heads));
    tj_set(o, j, "area_dm2", tj_int(area));
    return j;
}

/* num/den with a display percentage rounded down to 0.01 % (integers only) */
static json_t *tj_frac_out(struct tj_out *o, struct tally_frac f)
{
    json_t *j = json_object();
    tj_set(o, j, "num", tj_int(f.num));
    tj_set(o, j, "den", tj_int(f.den));
    if (f.den > 0) {
        assert(f.num >= 0 && f.num <= f.den);
        int64_t bp = (int64_t)((__int128)f.num * 10000 / f.den);
        char s[32];
        snprintf(s, sizeof s, "%lld.%02lld", (long long)(bp / 100), (long long)(bp % 100));
        tj_set(o, j, "percent", json_string(s));
    } else {
        tj_set(o, j, "percent", json_null());
    }
    return j;
}

static void tj_threshold_out(struct tj_out *o, json_t *j, const struct tally_threshold *t)
{
    tj_set(o, j, "basis", json_string(tally_basis_name(t->basis)));
    if (t->basis == TALLY_BASIS_NONE)
        return;
    json_t *f = tj_set(o, j, "fraction", json_array());
    tj_push(o, f, tj_int(t->num));
    tj_push(o, f, tj_int(t->den));
    tj_set(o, j, "strictness", json_string(tally_strictness_name(t->strictness)));
    tj_set(o, j, "base", json_string(tally_base_name(t->base)));
}

static json_t *tj_dim_out(struct tj_out *o, const struct tally_dim *d)
{
    json_t *j = json_object();
    tj_set(o, j, "count", tj_int(d->count));
    tj_set(o, j, "base", tj_int(d->base));
    tj_set(o, j, "met", json_boolean(d->met));
    return j;
}

static json_t *tj_verdict_out(struct tj_out *o, const struct tally_verdict *v)
{
    json_t *j = json_object();
    tj_threshold_out(o, j, &v->t);
    tj_set(o, j, "met", json_boolean(v->met));
    if (v->t.basis == TALLY_BASIS_HEADS || v->t.basis == TALLY_BASIS_BOTH)
        tj_set(o, j, "heads", tj_dim_out(o, &v->heads));
    if (v->t.basis == TALLY_BASIS_AREA || v->t.basis == TALLY_BASIS_BOTH)
        tj_set(o, j, "area", tj_dim_out(o, &v->area));
    if (v->t.basis == TALLY_BASIS_HOUSEHOLDS)
        tj_set(o, j, "households", tj_dim_out(o, &v->households));
    return j;
}

static json_t *tj_matrix_out(struct tj_out *o, const int64_t *m, size_t n)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *row = tj_push(o, rows, json_array());
        for (size_t j = 0; j < n; j++)
            tj_push(o, row, tj_int(m[i * n + j]));
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

static int tj_dump(const char *p, size_t n, void *data) { return buf_add(data, p, n) ? -1 : 0; }

int tally_json_write(buf *out, const struct tally_json_vote *v, const struct tally_result *r)
{
    const struct tally_input *in = &v->in;
    struct tj_out o = {0};
    json_t *root = json_object(), *j, *arr;
    int rc = 0;
    size_t n = in->noptions;
    assert(n >= 2 && n <= TALLY_MAX_OPTIONS);

    tj_set(&o, root, "format", json_string(TALLY_JSON_RESULT_FORMAT));
    j = tj_set(&o, root, "vote", json_object());
    tj_set(&o, j, "id", v->id_is_int ? json_integer(strtoll(v->id, NULL, 10)) : json_string(v->id));
    tj_set(&o, j, "title", json_string(v->title));
    tj_set(&o, j, "method", json_string(tally_method_name(in->method)));
    tj_set(&o, j, "counting", v->counting ? json_string(v->counting) : json_null());
    arr = tj_set(&o, j, "options", json_array());
    for (size_t i = 0; i < n; i++)
        tj_push(&o, arr, json_string(v->labels[i]));

    j = tj_set(&o, root, "rule", json_object());
    tj_set(&o, j, "code", json_string(in->rule.code ? in->rule.code : "custom"));
    tj_set(&o, j, "preset", json_boolean(in->rule.code != NULL && tally_preset(in->rule.code) != NULL));
    tj_set(&o, j, "voters", json_string(tally_voters_name(in->rule.voters)));
    tj_threshold_out(&o, tj_set(&o, j, "quorum", json_object()), &in->rule.quorum);
    if (in->rule.alt_quorum.basis != TALLY_BASIS_NONE)
        tj_threshold_out(&o, tj_set(&o, j, "alt_quorum", json_object()), &in->rule.alt_quorum);
    else
        tj_set(&o, j, "alt_quorum", json_null());
    tj_threshold_out(&o, tj_set(&o, j, "approval", json_object()), &in->rule.approval);
    tj_set(&o, j, "description", json_string(r->description));

    j = tj_set(&o, root, "electorate", tj_amount_out(&o, in->electorate.heads, in->electorate.area));
    tj_set(&o, j, "households", tj_int(in->electorate.households));
    j = tj_set(&o, root, "present", tj_amount_out(&o, in->present.heads, in->present.area));
    tj_set(&o, j, "households", tj_int(in->present.households));
    j = tj_set(&o, root, "participation", json_object());
    tj_set(&o, j, "heads", tj_frac_out(&o, r->part_heads));
    tj_set(&o, j, "area", tj_frac_out(&o, r->part_area));
    tj_set(&o, j, "households", tj_frac_out(&o, r->part_households));
    tj_set(&o, root, "votes_cast", tj_amount_out(&o, r->votes_cast.heads, r->votes_cast.area));
    tj_set(&o, root, "abstain", tj_amount_out(&o, in->abstain.heads, in->abstain.area));

    j = tj_set(&o, root, "quorum", json_object());
    tj_set(&o, j, "met", json_boolean(r->quorum_met));
    tj_set(&o, j, "main", tj_verdict_out(&o, &r->quorum));
    tj_set(&o, j, "alt", r->alt_quorum.applies ? tj_verdict_out(&o, &r->alt_quorum) : json_null());
    j = tj_set(&o, root, "approval", tj_verdict_out(&o, &r->approval));
    if (in->method == TALLY_YES_NO_ABSTAIN)
        tj_set(&o, j, "option", json_integer(0));
    else
        tj_set(&o, j, "option", r->nranking ? json_integer(r->ranking[0]) : json_null());

    tj_set(&o, root, "passed", json_boolean(r->passed));
    tj_set(&o, root, "outcome", json_string(tj_outcome(r)));
    tj_set(&o, root, "winner", r->winner >= 0 ? json_integer(r->winner) : json_null());
    if (r->ntied > 0) {
        arr = tj_set(&o, root, "tied", json_array());
        for (size_t i = 0; i < r->ntied; i++)
            tj_push(&o, arr, json_integer(r->tied[i]));
    }
    arr = tj_set(&o, root, "ranking", json_array());
    for (size_t i = 0; i < r->nranking; i++)
        tj_push(&o, arr, json_integer(r->ranking[i]));
    arr = tj_set(&o, root, "options", json_array());
    for (size_t i = 0; i < n; i++) {
        const struct tally_option_result *or = &r->options[i];
        json_t *e = tj_push(&o, arr, json_object());
        tj_set(&o, e, "option", json_integer(or->option));
        tj_set(&o, e, "label", json_string(v->labels[i]));
        tj_set(&o, e, "heads", tj_int(or->support.heads));
        tj_set(&o, e, "area_dm2", tj_int(or->support.area));
        tj_set(&o, e, "meets_threshold", json_boolean(or->meets_threshold));
    }
    if (in->method == TALLY_RANKED) {
        j = tj_set(&o, root, "schulze", json_object());
        tj_set(&o, j, "d", tj_matrix_out(&o, r->d, n));
        tj_set(&o, j, "p", tj_matrix_out(&o, r->p, n));
        tj_set(&o, j, "tie_break", json_string(tally_tie_break_name(r->tie_break)));
    }
    if (v->nreceipts > 0) {
        arr = tj_set(&o, root, "receipts", json_array());
        for (size_t i = 0; i < v->nreceipts; i++)
            tj_push(&o, arr, json_string(v->receipts[i]));
    }
    if (o.bad) {
        rc = WG_ETOOBIG;
        goto out;
    }
    if (json_dump_callback(root, tj_dump, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || buf_addc(out, '\n'))
        rc = WG_ETOOBIG;
out:
    json_decref(root);
    return rc;
}

int tally_json_run(arena *a, const char *data, size_t len, buf *out, char *err, size_t errlen)
{
    struct tally_json_vote v;
    struct tally_result r;
    int rc = tally_json_read(a, data, len, &v, err, errlen);
    if (rc == 0)
        rc = tally_run(a, &v.in, &r, err, errlen);
    if (rc == 0)
        rc = tally_json_write(out, &v, &r);
    if (rc == WG_ETOOBIG && err != NULL && errlen > 0)
        snprintf(err, errlen, "the result is larger than the output limit");
    return rc;
}
