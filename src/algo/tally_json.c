/*
 * Published vote data (JSON, "wugong-tally/1") in; see tally_json.h and
 * docs/tally.md. Every message names the field it is about. The writer of
 * the result is tally_json_out.c; the helpers shared with the budgets'
 * reader (tally_pb.c) are in tally_jread.c.
 */
#include "algo/tally_json.h"

#include <assert.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "algo/tally_jread.h"
#include "core/err.h"

#define TJ_MAX_RECEIPT 128

/* An elector of electorate.electors: its anonymous key, heads and area. */
struct tj_elector {
    const char *key;
    int64_t heads, area;
    int present, ballot; /* named in present.electors; by a ballot */
};

/* the methods of the format, the budget's included (read by tally_pb.c) */
static const char *tj_method_name(int i)
{
    return i <= TALLY_RANKED ? tally_method_name((enum tally_method)i) : TALLY_PB_METHOD;
}
static const char *tj_voters_name(int i) { return tally_voters_name((enum tally_voters)i); }
static const char *tj_basis_name(int i) { return tally_basis_name((enum tally_basis)i); }
static const char *tj_strictness_name(int i) { return tally_strictness_name((enum tally_strictness)i); }
static const char *tj_base_name(int i) { return tally_base_name((enum tally_base)i); }
static const char *tj_preset_name(int i) { return tally_preset_at((size_t)i)->code; }

static const char *const tj_countings[] = {"show_of_hands", "paper_ballot", "secret_ballot", "online"};
static const char *tj_counting_name(int i) { return tj_countings[i]; }

/* ---- the rule ---- */

static int tj_threshold(struct tally_jr *c, json_t *obj, const char *path, int quorum, struct tally_threshold *t)
{
    static const char *const fields[] = {"basis", "fraction", "strictness", "base", NULL};
    char p[TALLY_JR_PATH];
    json_t *v;
    int rc = tally_jr_fields(c, obj, path, fields);
    memset(t, 0, sizeof *t);
    t->den = 1;
    if (rc == 0)
        rc = tally_jr_get(c, obj, path, "basis", 1, JSON_STRING, &v);
    if (rc)
        return rc;
    tally_jr_join(p, path, "basis");
    if (tally_basis_parse(json_string_value(v), &t->basis))
        return tally_jr_unknown(c, p, "basis", json_string_value(v), tj_basis_name, TALLY_BASIS_HOUSEHOLDS + 1);
    if (t->basis == TALLY_BASIS_NONE) {
        if (json_object_size(obj) != 1)
            return tally_jr_fail(c, path, "a threshold with basis \"none\" takes no other fields");
        return 0;
    }
    if ((rc = tally_jr_get(c, obj, path, "fraction", 1, JSON_ARRAY, &v)) != 0)
        return rc;
    tally_jr_join(p, path, "fraction");
    json_t *n = json_array_get(v, 0), *d = json_array_get(v, 1);
    if (json_array_size(v) != 2 || !json_is_integer(n) || !json_is_integer(d))
        return tally_jr_fail(c, p, "must be [numerator, denominator], two integers");
    if (json_integer_value(d) < 1 || json_integer_value(d) > TALLY_MAX_DEN || json_integer_value(n) < 0 ||
        json_integer_value(n) > json_integer_value(d))
        return tally_jr_fail(c, p, "[%lld, %lld] is not a fraction from 0 to 1 (denominator 1..%d)",
                       (long long)json_integer_value(n), (long long)json_integer_value(d), TALLY_MAX_DEN);
    t->num = (int64_t)json_integer_value(n);
    t->den = (int64_t)json_integer_value(d);
    if ((rc = tally_jr_get(c, obj, path, "strictness", 1, JSON_STRING, &v)) != 0)
        return rc;
    tally_jr_join(p, path, "strictness");
    if (tally_strictness_parse(json_string_value(v), &t->strictness))
        return tally_jr_unknown(c, p, "strictness", json_string_value(v), tj_strictness_name, TALLY_AT_LEAST + 1);
    if ((rc = tally_jr_get(c, obj, path, "base", !quorum, JSON_STRING, &v)) != 0)
        return rc;
    t->base = TALLY_OF_ELECTORATE;
    tally_jr_join(p, path, "base");
    if (v != NULL && tally_base_parse(json_string_value(v), &t->base))
        return tally_jr_unknown(c, p, "base", json_string_value(v), tj_base_name, TALLY_OF_VOTING + 1);
    return 0;
}

static int tj_rule(struct tally_jr *c, json_t *obj, enum tally_method m, struct tally_rule *r)
{
    static const char *const fields[] = {"code", "voters", "quorum", "alt_quorum", "approval", NULL};
    const char *path = "vote.rule";
    json_t *v;
    int rc;
    memset(r, 0, sizeof *r);
    if (json_object_get(obj, "preset") != NULL) {
        if ((rc = tally_jr_get(c, obj, path, "preset", 1, JSON_STRING, &v)) != 0)
            return rc;
        if (json_object_size(obj) != 1)
            return tally_jr_fail(c, path, "a preset rule takes no other fields (write a custom rule instead)");
        const struct tally_rule *pr = tally_preset(json_string_value(v));
        if (pr == NULL)
            return tally_jr_unknown(c, "vote.rule.preset", "preset", json_string_value(v), tj_preset_name,
                              (int)tally_preset_count());
        *r = *pr;
        return tally_rule_check(r, m, c->err, c->errlen);
    }
    if ((rc = tally_jr_fields(c, obj, path, fields)) != 0 || (rc = tally_jr_string(c, obj, path, "code", 0, &r->code)) != 0 ||
        (rc = tally_jr_get(c, obj, path, "voters", 1, JSON_STRING, &v)) != 0)
        return rc;
    if (r->code == NULL)
        r->code = "custom";
    else if (tally_preset(r->code) != NULL)
        return tally_jr_fail(c, "vote.rule.code", "\"%s\" is a preset's code; use {\"preset\": \"%s\"} or another code",
                       r->code, r->code);
    if (tally_voters_parse(json_string_value(v), &r->voters))
        return tally_jr_unknown(c, "vote.rule.voters", "electorate", json_string_value(v), tj_voters_name,
                          TALLY_PARTY_MEMBERS + 1);
    r->quorum = r->alt_quorum = (struct tally_threshold){TALLY_BASIS_NONE, 0, 1, TALLY_AT_LEAST, TALLY_OF_ELECTORATE};
    if ((rc = tally_jr_get(c, obj, path, "quorum", 0, JSON_OBJECT, &v)) != 0 ||
        (v != NULL && (rc = tj_threshold(c, v, "vote.rule.quorum", 1, &r->quorum)) != 0))
        return rc;
    if ((rc = tally_jr_get(c, obj, path, "alt_quorum", 0, JSON_OBJECT, &v)) != 0 ||
        (v != NULL && (rc = tj_threshold(c, v, "vote.rule.alt_quorum", 1, &r->alt_quorum)) != 0))
        return rc;
    if ((rc = tally_jr_get(c, obj, path, "approval", 1, JSON_OBJECT, &v)) != 0 ||
        (rc = tj_threshold(c, v, "vote.rule.approval", 0, &r->approval)) != 0)
        return rc;
    return tally_rule_check(r, m, c->err, c->errlen);
}

int tally_json_rule(arena *a, json_t *rule, enum tally_method m, struct tally_rule *r, char *err, size_t errlen)
{
    struct tally_jr c = {.a = a, .err = err, .errlen = errlen};
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (!json_is_object(rule)) {
        memset(r, 0, sizeof *r);
        return tally_jr_fail(&c, "vote.rule", "must be an object, not %s", rule ? tally_jr_type(rule) : "missing");
    }
    return tj_rule(&c, rule, m, r);
}

/* ---- the vote ---- */

static int tj_vote(struct tally_jr *c, json_t *vote, struct tally_json_vote *out)
{
    static const char *const fields[] = {"id", "title", "method", "options", "counting", "rule", NULL};
    json_t *v, *rule;
    int rc = tally_jr_fields(c, vote, "vote", fields);
    if (rc)
        return rc;
    v = json_object_get(vote, "id");
    if (v == NULL)
        return tally_jr_fail(c, "vote.id", "missing");
    if (json_is_string(v)) {
        out->id = arena_strndup(c->a, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        out->id = arena_printf(c->a, "%lld", (long long)json_integer_value(v));
        out->id_is_int = 1;
    } else {
        return tally_jr_fail(c, "vote.id", "must be a string or an integer, not %s", tally_jr_type(v));
    }
    if ((rc = tally_jr_string(c, vote, "vote", "title", 1, &out->title)) != 0 ||
        (rc = tally_jr_get(c, vote, "vote", "method", 1, JSON_STRING, &v)) != 0)
        return rc;
    if (tally_method_parse(json_string_value(v), &out->in.method))
        return tally_jr_unknown(c, "vote.method", "method", json_string_value(v), tj_method_name, TALLY_RANKED + 2);
    if ((rc = tally_jr_string(c, vote, "vote", "counting", 0, &out->counting)) != 0)
        return rc;
    if (out->counting != NULL) {
        size_t i = 0;
        while (i < sizeof tj_countings / sizeof tj_countings[0] && strcmp(tj_countings[i], out->counting) != 0)
            i++;
        if (i == sizeof tj_countings / sizeof tj_countings[0])
            return tally_jr_unknown(c, "vote.counting", "counting", out->counting, tj_counting_name,
                              (int)(sizeof tj_countings / sizeof tj_countings[0]));
        if (out->in.method == TALLY_RANKED && strcmp(out->counting, "show_of_hands") == 0)
            return tally_jr_fail(c, "vote.counting", "a ranked vote cannot be counted by show of hands");
    }
    int yesno = out->in.method == TALLY_YES_NO_ABSTAIN;
    if ((rc = tally_jr_get(c, vote, "vote", "options", !yesno, JSON_ARRAY, &v)) != 0)
        return rc;
    size_t n = v != NULL ? json_array_size(v) : 2;
    if (yesno && n != 2)
        return tally_jr_fail(c, "vote.options", "a yes/no vote has exactly 2 options (yes, no), not %zu", n);
    if (n < 2 || n > TALLY_MAX_OPTIONS)
        return tally_jr_fail(c, "vote.options", "%zu options; a vote has 2 to %d", n, TALLY_MAX_OPTIONS);
    const char **labels = arena_alloc(c->a, n * sizeof *labels);
    for (size_t i = 0; i < n; i++) {
        json_t *s = v != NULL ? json_array_get(v, i) : NULL;
        char p[TALLY_JR_PATH];
        tally_jr_index(p, "vote.options", i);
        if (v == NULL)
            labels[i] = i == 0 ? "yes" : "no";
        else if (!json_is_string(s) || json_string_length(s) == 0)
            return tally_jr_fail(c, p, "an option label must be a non-empty string, not %s",
                           json_is_string(s) ? "an empty string" : tally_jr_type(s));
        else
            labels[i] = arena_strndup(c->a, json_string_value(s), json_string_length(s));
        for (size_t j = 0; v != NULL && j < i; j++)
            if (strcmp(labels[j], labels[i]) == 0)
                return tally_jr_fail(c, p, "\"%s\" is also option %zu", labels[i], j);
    }
    out->labels = labels;
    out->in.noptions = n;
    if ((rc = tally_jr_get(c, vote, "vote", "rule", 1, JSON_OBJECT, &rule)) != 0)
        return rc;
    return tj_rule(c, rule, out->in.method, &out->in.rule);
}

/* ---- electors: what a recount regroups ---- */

static int tj_elector_cmp(const void *x, const void *y)
{
    return strcmp(((const struct tj_elector *)x)->key, ((const struct tj_elector *)y)->key);
}

static struct tj_elector *tj_elector_find(struct tally_jr *c, const char *key)
{
    struct tj_elector k = {.key = key};
    return c->el ? bsearch(&k, c->el, c->nel, sizeof k, tj_elector_cmp) : NULL;
}

/* "what: N stated, the electors add up to M" */
static int tj_sum_check(struct tally_jr *c, const char *path, int64_t stated, int64_t sum)
{
    if (stated == sum)
        return 0;
    return tally_jr_fail(c, path, "%lld stated, the electors listed add up to %lld", (long long)stated, (long long)sum);
}

/* electorate.electors: [{key, heads, area_dm2}], each key once; the
 * electorate's heads and area are their sums. */
static int tj_electors(struct tally_jr *c, json_t *arr, const struct tally_group *g)
{
    static const char *const fields[] = {"key", "heads", "area_dm2", NULL};
    size_t n = json_array_size(arr);
    int64_t heads = 0, area = 0;
    c->el = arena_calloc(c->a, (n ? n : 1) * sizeof *c->el);
    c->nel = n;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i);
        char p[TALLY_JR_PATH];
        int rc;
        tally_jr_index(p, "electorate.electors", i);
        if (!json_is_object(e))
            return tally_jr_fail(c, p, "must be an object {key, heads, area_dm2}, not %s", tally_jr_type(e));
        if ((rc = tally_jr_fields(c, e, p, fields)) != 0 || (rc = tally_jr_string(c, e, p, "key", 1, &c->el[i].key)) != 0 ||
            (rc = tally_jr_count(c, e, p, "heads", 1, &c->el[i].heads)) != 0 ||
            (rc = tally_jr_count(c, e, p, "area_dm2", 0, &c->el[i].area)) != 0)
            return rc;
        if (c->el[i].key[0] == '\0' || strlen(c->el[i].key) > TJ_MAX_RECEIPT)
            return tally_jr_fail(c, p, "a key is 1 to %d characters", TJ_MAX_RECEIPT);
        heads += c->el[i].heads; /* each <= 10^15: no overflow for any array that fits in memory */
        area += c->el[i].area;
        if (heads > TALLY_MAX_COUNT || area > TALLY_MAX_COUNT)
            return tally_jr_fail(c, "electorate.electors", "the electors add up to more than %lld", TALLY_MAX_COUNT);
    }
    qsort(c->el, n, sizeof *c->el, tj_elector_cmp);
    for (size_t i = 1; i < n; i++)
        if (strcmp(c->el[i].key, c->el[i - 1].key) == 0)
            return tally_jr_fail(c, "electorate.electors", "the key \"%s\" appears twice", c->el[i].key);
    int rc = tj_sum_check(c, "electorate.heads", g->heads, heads);
    return rc ? rc : tj_sum_check(c, "electorate.area_dm2", g->area, area);
}

/* present.electors: [key], electors of the electorate, each once; those
 * present are their sums. */
static int tj_present_electors(struct tally_jr *c, json_t *arr, const struct tally_group *g)
{
    int64_t heads = 0, area = 0;
    if (c->el == NULL)
        return tally_jr_fail(c, "present.electors", "needs electorate.electors");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *k = json_array_get(arr, i);
        char p[TALLY_JR_PATH];
        tally_jr_index(p, "present.electors", i);
        if (!json_is_string(k))
            return tally_jr_fail(c, p, "must be an elector's key, not %s", tally_jr_type(k));
        struct tj_elector *e = tj_elector_find(c, json_string_value(k));
        if (e == NULL)
            return tally_jr_fail(c, p, "\"%s\" is not in electorate.electors", json_string_value(k));
        if (e->present)
            return tally_jr_fail(c, p, "\"%s\" appears twice", e->key);
        e->present = 1;
        heads += e->heads;
        area += e->area;
    }
    c->present_listed = 1;
    int rc = tj_sum_check(c, "present.heads", g->heads, heads);
    return rc ? rc : tj_sum_check(c, "present.area_dm2", g->area, area);
}

/* A ballot's elector: present, once, holding one head and the ballot's area. */
static int tj_ballot_elector(struct tally_jr *c, json_t *ballot, const char *p, int64_t area)
{
    const char *key = NULL;
    char kp[TALLY_JR_PATH];
    int rc = tally_jr_string(c, ballot, p, "elector", 0, &key);
    if (rc || key == NULL)
        return rc;
    tally_jr_join(kp, p, "elector");
    struct tj_elector *e = tj_elector_find(c, key);
    if (e == NULL)
        return tally_jr_fail(c, kp, "\"%s\" is not in electorate.electors", key);
    if (c->present_listed && !e->present)
        return tally_jr_fail(c, kp, "\"%s\" is not in present.electors", key);
    if (e->ballot)
        return tally_jr_fail(c, kp, "\"%s\" cast two ballots", key);
    e->ballot = 1;
    if (e->heads != 1)
        return tally_jr_fail(c, kp, "the elector holds %lld heads; a ballot counts one", (long long)e->heads);
    if (e->area != area)
        return tally_jr_fail(c, kp, "the elector holds %lld dm², the ballot %lld", (long long)e->area, (long long)area);
    return 0;
}

static int tj_group(struct tally_jr *c, json_t *root, const char *key, struct tally_group *g)
{
    static const char *const fields[] = {"heads", "area_dm2", "households", "electors", NULL};
    json_t *v, *el;
    int rc = tally_jr_get(c, root, "", key, 1, JSON_OBJECT, &v);
    if (rc == 0)
        rc = tally_jr_fields(c, v, key, fields);
    if (rc == 0)
        rc = tally_jr_count(c, v, key, "heads", 1, &g->heads);
    if (rc == 0)
        rc = tally_jr_count(c, v, key, "area_dm2", 0, &g->area);
    if (rc == 0)
        rc = tally_jr_count(c, v, key, "households", 0, &g->households);
    if (rc == 0)
        rc = tally_jr_get(c, v, key, "electors", 0, JSON_ARRAY, &el);
    if (rc || el == NULL)
        return rc;
    return strcmp(key, "electorate") == 0 ? tj_electors(c, el, g) : tj_present_electors(c, el, g);
}

static int tj_amount(struct tally_jr *c, json_t *obj, const char *path, const char *key, struct tally_amount *out)
{
    static const char *const fields[] = {"heads", "area_dm2", NULL};
    char p[TALLY_JR_PATH];
    json_t *v;
    int rc = tally_jr_get(c, obj, path, key, 0, JSON_OBJECT, &v);
    memset(out, 0, sizeof *out);
    if (rc || v == NULL)
        return rc;
    tally_jr_join(p, path, key);
    if ((rc = tally_jr_fields(c, v, p, fields)) == 0 && (rc = tally_jr_count(c, v, p, "heads", 1, &out->heads)) == 0)
        rc = tally_jr_count(c, v, p, "area_dm2", 0, &out->area);
    return rc;
}

/* Those present are part of the electorate. */
static int tj_present(struct tally_jr *c, const struct tally_group *e, const struct tally_group *p)
{
    if (p->heads > e->heads)
        return tally_jr_fail(c, "present.heads", "%lld exceeds electorate.heads %lld", (long long)p->heads,
                       (long long)e->heads);
    if (p->area > e->area)
        return tally_jr_fail(c, "present.area_dm2", "%lld exceeds electorate.area_dm2 %lld", (long long)p->area,
                       (long long)e->area);
    if (p->households > e->households)
        return tally_jr_fail(c, "present.households", "%lld exceeds electorate.households %lld",
                       (long long)p->households, (long long)e->households);
    return 0;
}

/* ---- ballots ---- */

struct tj_receipt {
    const char *s;
    const char *list; /* "ballots.list" or "ballots.rankings" */
    size_t idx;
};

static int tj_receipt_cmp(const void *x, const void *y)
{
    const struct tj_receipt *a = x, *b = y;
    int r = strcmp(a->s, b->s);
    return r ? r : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int tj_receipt(struct tally_jr *c, json_t *ballot, const char *p, const char *list, size_t idx,
                      struct tj_receipt *out, size_t *n)
{
    json_t *v;
    int rc = tally_jr_get(c, ballot, p, "receipt", 0, JSON_STRING, &v);
    if (rc || v == NULL)
        return rc;
    char rp[TALLY_JR_PATH];
    tally_jr_join(rp, p, "receipt");
    size_t len = json_string_length(v);
    if (len == 0 || len > TJ_MAX_RECEIPT || strlen(json_string_value(v)) != len)
        return tally_jr_fail(c, rp, "a receipt is 1 to %d bytes of text", TJ_MAX_RECEIPT);
    out[*n] = (struct tj_receipt){arena_strndup(c->a, json_string_value(v), len), list, idx};
    (*n)++;
    return 0;
}

/* Sorts the receipts, fails on a duplicate, keeps the sorted strings. */
static int tj_receipts(struct tally_jr *c, struct tj_receipt *r, size_t n, struct tally_json_vote *out)
{
    const char **s = arena_alloc(c->a, (n ? n : 1) * sizeof *s);
    if (n > 1)
        qsort(r, n, sizeof *r, tj_receipt_cmp);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(r[i - 1].s, r[i].s) == 0) {
            char p[TALLY_JR_PATH], q[TALLY_JR_PATH];
            tally_jr_index(q, r[i].list, r[i].idx);
            tally_jr_join(p, q, "receipt");
            return tally_jr_fail(c, p, "receipt \"%s\" appears twice", r[i].s);
        }
        s[i] = r[i].s;
    }
    out->receipts = s;
    out->nreceipts = n;
    return 0;
}

static int tj_counts(struct tally_jr *c, json_t *arr, struct tally_json_vote *out, struct tally_amount *counts)
{
    static const char *const fields[] = {"option", "heads", "area_dm2", NULL};
    uint64_t seen = 0;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i), *o;
        char p[TALLY_JR_PATH], op[TALLY_JR_PATH];
        int opt = 0, rc;
        struct tally_amount a;
        tally_jr_index(p, "ballots.counts", i);
        if (!json_is_object(e))
            return tally_jr_fail(c, p, "must be an object {option, heads, area_dm2}, not %s", tally_jr_type(e));
        if ((rc = tally_jr_fields(c, e, p, fields)) != 0 || (rc = tally_jr_get(c, e, p, "option", 1, JSON_INTEGER, &o)) != 0)
            return rc;
        tally_jr_join(op, p, "option");
        if ((rc = tally_jr_option(c, o, op, out->in.noptions, &opt)) != 0)
            return rc;
        if (seen & (UINT64_C(1) << opt))
            return tally_jr_fail(c, op, "option %d appears twice in ballots.counts", opt);
        seen |= UINT64_C(1) << opt;
        if ((rc = tally_jr_count(c, e, p, "heads", 1, &a.heads)) != 0 ||
            (rc = tally_jr_count(c, e, p, "area_dm2", 0, &a.area)) != 0)
            return rc;
        counts[opt] = a;
    }
    return 0;
}

/* Individual anonymised ballots: {options: [...], area_dm2, receipt,
 * elector}; one head each. */
static int tj_list(struct tally_jr *c, json_t *arr, struct tally_json_vote *out, struct tally_amount *counts,
                   struct tj_receipt *rec, size_t *nrec)
{
    static const char *const fields[] = {"options", "area_dm2", "receipt", "elector", NULL};
    struct tally_input *in = &out->in;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i), *opts;
        char p[TALLY_JR_PATH], op[TALLY_JR_PATH], xp[TALLY_JR_PATH];
        int64_t area = 0;
        uint64_t seen = 0;
        int rc;
        tally_jr_index(p, "ballots.list", i);
        if (!json_is_object(e))
            return tally_jr_fail(c, p, "must be an object {options, area_dm2, receipt}, not %s", tally_jr_type(e));
        if ((rc = tally_jr_fields(c, e, p, fields)) != 0 || (rc = tally_jr_get(c, e, p, "options", 1, JSON_ARRAY, &opts)) != 0 ||
            (rc = tally_jr_count(c, e, p, "area_dm2", 0, &area)) != 0 ||
            (rc = tj_receipt(c, e, p, "ballots.list", i, rec, nrec)) != 0 ||
            (rc = tj_ballot_elector(c, e, p, area)) != 0)
            return rc;
        tally_jr_join(op, p, "options");
        size_t k = json_array_size(opts);
        if (k > 1 && in->method != TALLY_APPROVAL)
            return tally_jr_fail(c, op, "a %s ballot chooses at most one option, not %zu",
                           tally_method_name(in->method), k);
        struct tally_amount *to = k == 0 ? &in->abstain : NULL;
        for (size_t j = 0; j < k; j++) {
            int o = 0;
            tally_jr_index(xp, op, j);
            if ((rc = tally_jr_option(c, json_array_get(opts, j), xp, in->noptions, &o)) != 0)
                return rc;
            if (seen & (UINT64_C(1) << o))
                return tally_jr_fail(c, xp, "option %d appears twice on one ballot", o);
            seen |= UINT64_C(1) << o;
            counts[o].heads++;
            counts[o].area += area;
        }
        if (k > 0)
            to = in->method == TALLY_APPROVAL ? &in->cast : NULL;
        if (to != NULL) {
            to->heads++;
            to->area += area;
        }
        /* sums stay <= present (<= 10^15) or we stop here: no overflow */
        int64_t heads = in->abstain.heads + (in->method == TALLY_APPROVAL ? in->cast.heads : 0);
        int64_t tarea = in->abstain.area + (in->method == TALLY_APPROVAL ? in->cast.area : 0);
        for (size_t o = 0; in->method != TALLY_APPROVAL && o < in->noptions; o++) {
            heads += counts[o].heads;
            tarea += counts[o].area;
        }
        if (heads > in->present.heads)
            return tally_jr_fail(c, "ballots.list", "%lld ballots, more than present.heads %lld", (long long)heads,
                           (long long)in->present.heads);
        if (tarea > in->present.area)
            return tally_jr_fail(c, p, "the ballots up to here hold %lld dm², more than present.area_dm2 %lld",
                           (long long)tarea, (long long)in->present.area);
    }
    return 0;
}

static int tj_rankings(struct tally_jr *c, json_t *arr, struct tally_json_vote *out, struct tj_receipt *rec, size_t *nrec)
{
    static const char *const fields[] = {"ranking", "count", "receipt", NULL};
    struct tally_input *in = &out->in;
    size_t n = json_array_size(arr);
    struct tally_ranking *rk = arena_alloc(c->a, (n ? n : 1) * sizeof *rk);
    int64_t heads = in->abstain.heads;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i), *order, *cnt;
        char p[TALLY_JR_PATH], op[TALLY_JR_PATH], xp[TALLY_JR_PATH];
        uint64_t seen = 0;
        size_t had = *nrec;
        int rc;
        tally_jr_index(p, "ballots.rankings", i);
        if (!json_is_object(e))
            return tally_jr_fail(c, p, "must be an object {ranking, count, receipt}, not %s", tally_jr_type(e));
        if ((rc = tally_jr_fields(c, e, p, fields)) != 0 || (rc = tally_jr_get(c, e, p, "ranking", 1, JSON_ARRAY, &order)) != 0 ||
            (rc = tj_receipt(c, e, p, "ballots.rankings", i, rec, nrec)) != 0)
            return rc;
        tally_jr_join(op, p, "ranking");
        size_t k = json_array_size(order);
        if (k == 0 || k > in->noptions)
            return tally_jr_fail(c, op, "must list 1 to %zu options, not %zu (a blank ballot is an abstention)",
                           in->noptions, k);
        int *ord = arena_alloc(c->a, k * sizeof *ord);
        for (size_t j = 0; j < k; j++) {
            tally_jr_index(xp, op, j);
            if ((rc = tally_jr_option(c, json_array_get(order, j), xp, in->noptions, &ord[j])) != 0)
                return rc;
            if (seen & (UINT64_C(1) << ord[j]))
                return tally_jr_fail(c, xp, "option %d is ranked twice", ord[j]);
            seen |= UINT64_C(1) << ord[j];
        }
        rk[i] = (struct tally_ranking){ord, k, 1};
        cnt = json_object_get(e, "count");
        tally_jr_join(xp, p, "count");
        if (cnt != NULL && (rc = tally_jr_count_value(c, cnt, xp, &rk[i].count)) != 0)
            return rc;
        if (*nrec > had && rk[i].count != 1)
            return tally_jr_fail(c, xp, "a ballot with a receipt counts once, not %lld", (long long)rk[i].count);
        heads += rk[i].count; /* both <= 10^15 */
        if (heads > in->present.heads)
            return tally_jr_fail(c, p, "the rankings up to here and the abstentions add up to %lld heads, more than "
                           "present.heads %lld", (long long)heads, (long long)in->present.heads);
    }
    in->rankings = rk;
    in->nrankings = n;
    return 0;
}

static int tj_ballots(struct tally_jr *c, json_t *root, struct tally_json_vote *out)
{
    static const char *const fields[] = {"counts", "abstain", "cast", "list", "rankings", NULL};
    struct tally_input *in = &out->in;
    json_t *b, *counts, *list, *rankings, *v;
    int rc = tally_jr_get(c, root, "", "ballots", 1, JSON_OBJECT, &b);
    if (rc || (rc = tally_jr_fields(c, b, "ballots", fields)) != 0 ||
        (rc = tally_jr_get(c, b, "ballots", "counts", 0, JSON_ARRAY, &counts)) != 0 ||
        (rc = tally_jr_get(c, b, "ballots", "list", 0, JSON_ARRAY, &list)) != 0 ||
        (rc = tally_jr_get(c, b, "ballots", "rankings", 0, JSON_ARRAY, &rankings)) != 0)
        return rc;
    int ranked = in->method == TALLY_RANKED;
    if ((counts != NULL) + (list != NULL) + (rankings != NULL) != 1)
        return tally_jr_fail(c, "ballots", "give exactly one of %s", ranked ? "rankings" : "counts or list");
    if (ranked && rankings == NULL)
        return tally_jr_fail(c, counts ? "ballots.counts" : "ballots.list", "a ranked vote takes ballots.rankings");
    if (!ranked && rankings != NULL)
        return tally_jr_fail(c, "ballots.rankings", "only a ranked vote takes rankings; give ballots.counts or ballots.list");
    if (list != NULL && json_object_get(b, "abstain") != NULL)
        return tally_jr_fail(c, "ballots.abstain", "with ballots.list an abstention is a ballot with no options");
    v = json_object_get(b, "cast");
    if (v != NULL && (in->method != TALLY_APPROVAL || counts == NULL))
        return tally_jr_fail(c, "ballots.cast", "only approval votes given as counts take cast");
    if (v == NULL && in->method == TALLY_APPROVAL && counts != NULL)
        return tally_jr_fail(c, "ballots.cast", "missing (an approval vote given as counts says how many ballots were cast)");
    if (out->counting != NULL && strcmp(out->counting, "show_of_hands") == 0 && counts == NULL)
        return tally_jr_fail(c, "ballots", "a show of hands has no individual ballots; give ballots.counts");
    if ((rc = tj_amount(c, b, "ballots", "abstain", &in->abstain)) != 0 ||
        (rc = tj_amount(c, b, "ballots", "cast", &in->cast)) != 0)
        return rc;
    if (ranked && in->abstain.heads > in->present.heads)
        return tally_jr_fail(c, "ballots.abstain.heads", "%lld exceeds present.heads %lld", (long long)in->abstain.heads,
                       (long long)in->present.heads);
    json_t *withreceipts = list != NULL ? list : rankings;
    size_t nmax = withreceipts != NULL ? json_array_size(withreceipts) : 0;
    struct tj_receipt *rec = arena_alloc(c->a, (nmax ? nmax : 1) * sizeof *rec);
    size_t nrec = 0;
    if (!ranked) {
        struct tally_amount *cnt = arena_calloc(c->a, in->noptions * sizeof *cnt);
        in->counts = cnt;
        rc = counts != NULL ? tj_counts(c, counts, out, cnt) : tj_list(c, list, out, cnt, rec, &nrec);
    } else {
        rc = tj_rankings(c, rankings, out, rec, &nrec);
    }
    if (rc == 0)
        rc = tj_receipts(c, rec, nrec, out);
    return rc;
}

int tally_json_read_doc(arena *a, json_t *root, struct tally_json_vote *v, char *err, size_t errlen)
{
    static const char *const fields[] = {"format", "vote", "electorate", "present", "ballots", NULL};
    struct tally_jr c = {.a = a, .err = err, .errlen = errlen};
    json_t *vote;
    int rc;
    memset(v, 0, sizeof *v);
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if ((rc = tally_jr_fields(&c, root, "", fields)) != 0 ||
        (rc = tally_jr_get(&c, root, "", "vote", 1, JSON_OBJECT, &vote)) != 0 || (rc = tj_vote(&c, vote, v)) != 0 ||
        (rc = tj_group(&c, root, "electorate", &v->in.electorate)) != 0 ||
        (rc = tj_group(&c, root, "present", &v->in.present)) != 0)
        return rc;
    /* before the ballots, whose messages compare with those present */
    if ((rc = tj_present(&c, &v->in.electorate, &v->in.present)) != 0)
        return rc;
    rc = tj_ballots(&c, root, v);
    if (rc == 0)
        rc = tally_check(&v->in, err, errlen);
    return rc;
}

int tally_json_read(arena *a, const char *data, size_t len, struct tally_json_vote *v, char *err, size_t errlen)
{
    json_t *root;
    int rc = tally_jr_load(data, len, &root, err, errlen);
    memset(v, 0, sizeof *v);
    if (rc == 0)
        rc = tally_json_read_doc(a, root, v, err, errlen);
    json_decref(root);
    return rc;
}
