/*
 * Published vote data (JSON, "wugong-tally/1") in, the result out; see
 * tally_json.h and docs/tally.md. Every message names the field it is about.
 */
#include "algo/tally_json.h"

#include <assert.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

#define TJ_MAX_RECEIPT 128
#define TJ_PATH 192

struct tj {
    arena *a;
    char *err;
    size_t errlen;
};

static int tj_fail(struct tj *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int tj_fail(struct tj *c, const char *path, const char *fmt, ...)
{
    if (c->err != NULL && c->errlen > 0) {
        int w = snprintf(c->err, c->errlen, "%s: ", path);
        if (w >= 0 && (size_t)w < c->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(c->err + w, c->errlen - (size_t)w, fmt, ap);
            va_end(ap);
        }
    }
    return WG_EINVAL;
}

static const char *tj_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a fractional number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        break;
    }
    return "null";
}

/* Paths are for messages: one cut short (past TJ_PATH) still says enough. */
static void tj_join(char *out, const char *path, const char *key)
{
    int w = path[0] == '\0' ? snprintf(out, TJ_PATH, "%s", key) : snprintf(out, TJ_PATH, "%s.%s", path, key);
    assert(w >= 0); /* an empty key ("") gives an empty path: still a message */
}

static void tj_index(char *out, const char *path, size_t i)
{
    int w = snprintf(out, TJ_PATH, "%s[%zu]", path, i);
    assert(w >= 0); /* an empty key ("") gives an empty path: still a message */
}

/* Only the listed fields (NULL-terminated) may appear in obj. */
static int tj_fields(struct tj *c, json_t *obj, const char *path, const char *const *allowed)
{
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        size_t i = 0;
        while (allowed[i] != NULL && strcmp(allowed[i], key) != 0)
            i++;
        if (allowed[i] == NULL) {
            if (key[0] == '\0') /* found by fuzzing: an empty key once aborted here */
                return tj_fail(c, path[0] ? path : "(document)", "unknown field \"\" (an empty name)");
            char p[TJ_PATH];
            tj_join(p, path, key);
            return tj_fail(c, p, "unknown field");
        }
    }
    return 0;
}

static const char *tj_type_name(json_type t)
{
    return t == JSON_OBJECT ? "an object" : t == JSON_ARRAY ? "an array" : t == JSON_STRING ? "a string"
                                                                                          : "an integer";
}

/* obj[key] of type t; *out NULL when absent and not required. */
static int tj_get(struct tj *c, json_t *obj, const char *path, const char *key, int required, json_type t,
                  json_t **out)
{
    char p[TJ_PATH];
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    tj_join(p, path, key);
    if (v == NULL)
        return required ? tj_fail(c, p, "missing") : 0;
    if (json_typeof(v) != t)
        return tj_fail(c, p, "must be %s, not %s", tj_type_name(t), tj_type(v));
    *out = v;
    return 0;
}

/* A count (heads, dm², households): an integer 0..TALLY_MAX_COUNT. */
static int tj_count_value(struct tj *c, json_t *v, const char *p, int64_t *out)
{
    if (!json_is_integer(v))
        return tj_fail(c, p, "must be an integer, not %s", tj_type(v));
    json_int_t n = json_integer_value(v);
    if (n < 0)
        return tj_fail(c, p, "must not be negative (%lld)", (long long)n);
    if (n > TALLY_MAX_COUNT)
        return tj_fail(c, p, "%lld is too large (at most %lld)", (long long)n, TALLY_MAX_COUNT);
    *out = (int64_t)n;
    return 0;
}

static int tj_count(struct tj *c, json_t *obj, const char *path, const char *key, int required, int64_t *out)
{
    char p[TJ_PATH];
    json_t *v = json_object_get(obj, key);
    *out = 0;
    tj_join(p, path, key);
    if (v == NULL)
        return required ? tj_fail(c, p, "missing") : 0;
    return tj_count_value(c, v, p, out);
}

/* An option index: an integer 0..noptions-1. */
static int tj_option(struct tj *c, json_t *v, const char *p, size_t noptions, int *out)
{
    if (!json_is_integer(v))
        return tj_fail(c, p, "an option index must be an integer, not %s", tj_type(v));
    json_int_t o = json_integer_value(v);
    if (o < 0 || (size_t)o >= noptions)
        return tj_fail(c, p, "option %lld is out of range (the vote has %zu options, 0..%zu)", (long long)o,
                       noptions, noptions - 1);
    *out = (int)o;
    return 0;
}

static int tj_string(struct tj *c, json_t *obj, const char *path, const char *key, int required,
                     const char **out)
{
    json_t *v;
    int rc = tj_get(c, obj, path, key, required, JSON_STRING, &v);
    *out = NULL;
    if (rc == 0 && v != NULL)
        *out = arena_strndup(c->a, json_string_value(v), json_string_length(v));
    return rc;
}

/* a name from a list: "path: unknown X \"s\" (a, b, c)" */
static int tj_unknown(struct tj *c, const char *path, const char *what, const char *s,
                      const char *(*name)(int), int n)
{
    char list[512];
    size_t len = 0;
    list[0] = '\0';
    for (int i = 0; i < n && len < sizeof list; i++) {
        int w = snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", name(i));
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return tj_fail(c, path, "unknown %s \"%s\" (one of: %s)", what, s, list);
}

static const char *tj_method_name(int i) { return tally_method_name((enum tally_method)i); }
static const char *tj_voters_name(int i) { return tally_voters_name((enum tally_voters)i); }
static const char *tj_basis_name(int i) { return tally_basis_name((enum tally_basis)i); }
static const char *tj_strictness_name(int i) { return tally_strictness_name((enum tally_strictness)i); }
static const char *tj_base_name(int i) { return tally_base_name((enum tally_base)i); }
static const char *tj_preset_name(int i) { return tally_preset_at((size_t)i)->code; }

static const char *const tj_countings[] = {"show_of_hands", "paper_ballot", "secret_ballot", "online"};
static const char *tj_counting_name(int i) { return tj_countings[i]; }

/* ---- the rule ---- */

static int tj_threshold(struct tj *c, json_t *obj, const char *path, int quorum, struct tally_threshold *t)
{
    static const char *const fields[] = {"basis", "fraction", "strictness", "base", NULL};
    char p[TJ_PATH];
    json_t *v;
    int rc = tj_fields(c, obj, path, fields);
    memset(t, 0, sizeof *t);
    t->den = 1;
    if (rc == 0)
        rc = tj_get(c, obj, path, "basis", 1, JSON_STRING, &v);
    if (rc)
        return rc;
    tj_join(p, path, "basis");
    if (tally_basis_parse(json_string_value(v), &t->basis))
        return tj_unknown(c, p, "basis", json_string_value(v), tj_basis_name, TALLY_BASIS_HOUSEHOLDS + 1);
    if (t->basis == TALLY_BASIS_NONE) {
        if (json_object_size(obj) != 1)
            return tj_fail(c, path, "a threshold with basis \"none\" takes no other fields");
        return 0;
    }
    if ((rc = tj_get(c, obj, path, "fraction", 1, JSON_ARRAY, &v)) != 0)
        return rc;
    tj_join(p, path, "fraction");
    json_t *n = json_array_get(v, 0), *d = json_array_get(v, 1);
    if (json_array_size(v) != 2 || !json_is_integer(n) || !json_is_integer(d))
        return tj_fail(c, p, "must be [numerator, denominator], two integers");
    if (json_integer_value(d) < 1 || json_integer_value(d) > TALLY_MAX_DEN || json_integer_value(n) < 0 ||
        json_integer_value(n) > json_integer_value(d))
        return tj_fail(c, p, "[%lld, %lld] is not a fraction from 0 to 1 (denominator 1..%d)",
                       (long long)json_integer_value(n), (long long)json_integer_value(d), TALLY_MAX_DEN);
    t->num = (int64_t)json_integer_value(n);
    t->den = (int64_t)json_integer_value(d);
    if ((rc = tj_get(c, obj, path, "strictness", 1, JSON_STRING, &v)) != 0)
        return rc;
    tj_join(p, path, "strictness");
    if (tally_strictness_parse(json_string_value(v), &t->strictness))
        return tj_unknown(c, p, "strictness", json_string_value(v), tj_strictness_name, TALLY_AT_LEAST + 1);
    if ((rc = tj_get(c, obj, path, "base", !quorum, JSON_STRING, &v)) != 0)
        return rc;
    t->base = TALLY_OF_ELECTORATE;
    tj_join(p, path, "base");
    if (v != NULL && tally_base_parse(json_string_value(v), &t->base))
        return tj_unknown(c, p, "base", json_string_value(v), tj_base_name, TALLY_OF_VOTING + 1);
    return 0;
}

static int tj_rule(struct tj *c, json_t *obj, enum tally_method m, struct tally_rule *r)
{
    static const char *const fields[] = {"code", "voters", "quorum", "alt_quorum", "approval", NULL};
    const char *path = "vote.rule";
    json_t *v;
    int rc;
    memset(r, 0, sizeof *r);
    if (json_object_get(obj, "preset") != NULL) {
        if ((rc = tj_get(c, obj, path, "preset", 1, JSON_STRING, &v)) != 0)
            return rc;
        if (json_object_size(obj) != 1)
            return tj_fail(c, path, "a preset rule takes no other fields (write a custom rule instead)");
        const struct tally_rule *pr = tally_preset(json_string_value(v));
        if (pr == NULL)
            return tj_unknown(c, "vote.rule.preset", "preset", json_string_value(v), tj_preset_name,
                              (int)tally_preset_count());
        *r = *pr;
        return tally_rule_check(r, m, c->err, c->errlen);
    }
    if ((rc = tj_fields(c, obj, path, fields)) != 0 || (rc = tj_string(c, obj, path, "code", 0, &r->code)) != 0 ||
        (rc = tj_get(c, obj, path, "voters", 1, JSON_STRING, &v)) != 0)
        return rc;
    if (r->code == NULL)
        r->code = "custom";
    else if (tally_preset(r->code) != NULL)
        return tj_fail(c, "vote.rule.code", "\"%s\" is a preset's code; use {\"preset\": \"%s\"} or another code",
                       r->code, r->code);
    if (tally_voters_parse(json_string_value(v), &r->voters))
        return tj_unknown(c, "vote.rule.voters", "electorate", json_string_value(v), tj_voters_name,
                          TALLY_PARTY_MEMBERS + 1);
    r->quorum = r->alt_quorum = (struct tally_threshold){TALLY_BASIS_NONE, 0, 1, TALLY_AT_LEAST, TALLY_OF_ELECTORATE};
    if ((rc = tj_get(c, obj, path, "quorum", 0, JSON_OBJECT, &v)) != 0 ||
        (v != NULL && (rc = tj_threshold(c, v, "vote.rule.quorum", 1, &r->quorum)) != 0))
        return rc;
    if ((rc = tj_get(c, obj, path, "alt_quorum", 0, JSON_OBJECT, &v)) != 0 ||
        (v != NULL && (rc = tj_threshold(c, v, "vote.rule.alt_quorum", 1, &r->alt_quorum)) != 0))
        return rc;
    if ((rc = tj_get(c, obj, path, "approval", 1, JSON_OBJECT, &v)) != 0 ||
        (rc = tj_threshold(c, v, "vote.rule.approval", 0, &r->approval)) != 0)
        return rc;
    return tally_rule_check(r, m, c->err, c->errlen);
}

int tally_json_rule(arena *a, json_t *rule, enum tally_method m, struct tally_rule *r, char *err, size_t errlen)
{
    struct tj c = {a, err, errlen};
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (!json_is_object(rule)) {
        memset(r, 0, sizeof *r);
        return tj_fail(&c, "vote.rule", "must be an object, not %s", rule ? tj_type(rule) : "missing");
    }
    return tj_rule(&c, rule, m, r);
}

/* ---- the vote ---- */

static int tj_vote(struct tj *c, json_t *vote, struct tally_json_vote *out)
{
    static const char *const fields[] = {"id", "title", "method", "options", "counting", "rule", NULL};
    json_t *v, *rule;
    int rc = tj_fields(c, vote, "vote", fields);
    if (rc)
        return rc;
    v = json_object_get(vote, "id");
    if (v == NULL)
        return tj_fail(c, "vote.id", "missing");
    if (json_is_string(v)) {
        out->id = arena_strndup(c->a, json_string_value(v), json_string_length(v));
    } else if (json_is_integer(v)) {
        out->id = arena_printf(c->a, "%lld", (long long)json_integer_value(v));
        out->id_is_int = 1;
    } else {
        return tj_fail(c, "vote.id", "must be a string or an integer, not %s", tj_type(v));
    }
    if ((rc = tj_string(c, vote, "vote", "title", 1, &out->title)) != 0 ||
        (rc = tj_get(c, vote, "vote", "method", 1, JSON_STRING, &v)) != 0)
        return rc;
    if (tally_method_parse(json_string_value(v), &out->in.method))
        return tj_unknown(c, "vote.method", "method", json_string_value(v), tj_method_name, TALLY_RANKED + 1);
    if ((rc = tj_string(c, vote, "vote", "counting", 0, &out->counting)) != 0)
        return rc;
    if (out->counting != NULL) {
        size_t i = 0;
        while (i < sizeof tj_countings / sizeof tj_countings[0] && strcmp(tj_countings[i], out->counting) != 0)
            i++;
        if (i == sizeof tj_countings / sizeof tj_countings[0])
            return tj_unknown(c, "vote.counting", "counting", out->counting, tj_counting_name,
                              (int)(sizeof tj_countings / sizeof tj_countings[0]));
        if (out->in.method == TALLY_RANKED && strcmp(out->counting, "show_of_hands") == 0)
            return tj_fail(c, "vote.counting", "a ranked vote cannot be counted by show of hands");
    }
    int yesno = out->in.method == TALLY_YES_NO_ABSTAIN;
    if ((rc = tj_get(c, vote, "vote", "options", !yesno, JSON_ARRAY, &v)) != 0)
        return rc;
    size_t n = v != NULL ? json_array_size(v) : 2;
    if (yesno && n != 2)
        return tj_fail(c, "vote.options", "a yes/no vote has exactly 2 options (yes, no), not %zu", n);
    if (n < 2 || n > TALLY_MAX_OPTIONS)
        return tj_fail(c, "vote.options", "%zu options; a vote has 2 to %d", n, TALLY_MAX_OPTIONS);
    const char **labels = arena_alloc(c->a, n * sizeof *labels);
    for (size_t i = 0; i < n; i++) {
        json_t *s = v != NULL ? json_array_get(v, i) : NULL;
        char p[TJ_PATH];
        tj_index(p, "vote.options", i);
        if (v == NULL)
            labels[i] = i == 0 ? "yes" : "no";
        else if (!json_is_string(s) || json_string_length(s) == 0)
            return tj_fail(c, p, "an option label must be a non-empty string, not %s",
                           json_is_string(s) ? "an empty string" : tj_type(s));
        else
            labels[i] = arena_strndup(c->a, json_string_value(s), json_string_length(s));
        for (size_t j = 0; v != NULL && j < i; j++)
            if (strcmp(labels[j], labels[i]) == 0)
                return tj_fail(c, p, "\"%s\" is also option %zu", labels[i], j);
    }
    out->labels = labels;
    out->in.noptions = n;
    if ((rc = tj_get(c, vote, "vote", "rule", 1, JSON_OBJECT, &rule)) != 0)
        return rc;
    return tj_rule(c, rule, out->in.method, &out->in.rule);
}

static int tj_group(struct tj *c, json_t *root, const char *key, struct tally_group *g)
{
    static const char *const fields[] = {"heads", "area_dm2", "households", NULL};
    json_t *v;
    int rc = tj_get(c, root, "", key, 1, JSON_OBJECT, &v);
    if (rc == 0)
        rc = tj_fields(c, v, key, fields);
    if (rc == 0)
        rc = tj_count(c, v, key, "heads", 1, &g->heads);
    if (rc == 0)
        rc = tj_count(c, v, key, "area_dm2", 0, &g->area);
    if (rc == 0)
        rc = tj_count(c, v, key, "households", 0, &g->households);
    return rc;
}

static int tj_amount(struct tj *c, json_t *obj, const char *path, const char *key, struct tally_amount *out)
{
    static const char *const fields[] = {"heads", "area_dm2", NULL};
    char p[TJ_PATH];
    json_t *v;
    int rc = tj_get(c, obj, path, key, 0, JSON_OBJECT, &v);
    memset(out, 0, sizeof *out);
    if (rc || v == NULL)
        return rc;
    tj_join(p, path, key);
    if ((rc = tj_fields(c, v, p, fields)) == 0 && (rc = tj_count(c, v, p, "heads", 1, &out->heads)) == 0)
        rc = tj_count(c, v, p, "area_dm2", 0, &out->area);
    return rc;
}

/* Those present are part of the electorate. */
static int tj_present(struct tj *c, const struct tally_group *e, const struct tally_group *p)
{
    if (p->heads > e->heads)
        return tj_fail(c, "present.heads", "%lld exceeds electorate.heads %lld", (long long)p->heads,
                       (long long)e->heads);
    if (p->area > e->area)
        return tj_fail(c, "present.area_dm2", "%lld exceeds electorate.area_dm2 %lld", (long long)p->area,
                       (long long)e->area);
    if (p->households > e->households)
        return tj_fail(c, "present.households", "%lld exceeds electorate.households %lld",
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

static int tj_receipt(struct tj *c, json_t *ballot, const char *p, const char *list, size_t idx,
                      struct tj_receipt *out, size_t *n)
{
    json_t *v;
    int rc = tj_get(c, ballot, p, "receipt", 0, JSON_STRING, &v);
    if (rc || v == NULL)
        return rc;
    char rp[TJ_PATH];
    tj_join(rp, p, "receipt");
    size_t len = json_string_length(v);
    if (len == 0 || len > TJ_MAX_RECEIPT || strlen(json_string_value(v)) != len)
        return tj_fail(c, rp, "a receipt is 1 to %d bytes of text", TJ_MAX_RECEIPT);
    out[*n] = (struct tj_receipt){arena_strndup(c->a, json_string_value(v), len), list, idx};
    (*n)++;
    return 0;
}

/* Sorts the receipts, fails on a duplicate, keeps the sorted strings. */
static int tj_receipts(struct tj *c, struct tj_receipt *r, size_t n, struct tally_json_vote *out)
{
    const char **s = arena_alloc(c->a, (n ? n : 1) * sizeof *s);
    if (n > 1)
        qsort(r, n, sizeof *r, tj_receipt_cmp);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(r[i - 1].s, r[i].s) == 0) {
            char p[TJ_PATH], q[TJ_PATH];
            tj_index(q, r[i].list, r[i].idx);
            tj_join(p, q, "receipt");
            return tj_fail(c, p, "receipt \"%s\" appears twice", r[i].s);
        }
        s[i] = r[i].s;
    }
    out->receipts = s;
    out->nreceipts = n;
    return 0;
}

static int tj_counts(struct tj *c, json_t *arr, struct tally_json_vote *out, struct tally_amount *counts)
{
    static const char *const fields[] = {"option", "heads", "area_dm2", NULL};
    uint64_t seen = 0;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i), *o;
        char p[TJ_PATH], op[TJ_PATH];
        int opt = 0, rc;
        struct tally_amount a;
        tj_index(p, "ballots.counts", i);
        if (!json_is_object(e))
            return tj_fail(c, p, "must be an object {option, heads, area_dm2}, not %s", tj_type(e));
        if ((rc = tj_fields(c, e, p, fields)) != 0 || (rc = tj_get(c, e, p, "option", 1, JSON_INTEGER, &o)) != 0)
            return rc;
        tj_join(op, p, "option");
        if ((rc = tj_option(c, o, op, out->in.noptions, &opt)) != 0)
            return rc;
        if (seen & (UINT64_C(1) << opt))
            return tj_fail(c, op, "option %d appears twice in ballots.counts", opt);
        seen |= UINT64_C(1) << opt;
        if ((rc = tj_count(c, e, p, "heads", 1, &a.heads)) != 0 ||
            (rc = tj_count(c, e, p, "area_dm2", 0, &a.area)) != 0)
            return rc;
        counts[opt] = a;
    }
    return 0;
}

/* Individual anonymised ballots: {options: [...], area_dm2, receipt}; one head each. */
static int tj_list(struct tj *c, json_t *arr, struct tally_json_vote *out, struct tally_amount *counts,
                   struct tj_receipt *rec, size_t *nrec)
{
    static const char *const fields[] = {"options", "area_dm2", "receipt", NULL};
    struct tally_input *in = &out->in;
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i), *opts;
        char p[TJ_PATH], op[TJ_PATH], xp[TJ_PATH];
        int64_t area = 0;
        uint64_t seen = 0;
        int rc;
        tj_index(p, "ballots.list", i);
        if (!json_is_object(e))
            return tj_fail(c, p, "must be an object {options, area_dm2, receipt}, not %s", tj_type(e));
        if ((rc = tj_fields(c, e, p, fields)) != 0 || (rc = tj_get(c, e, p, "options", 1, JSON_ARRAY, &opts)) != 0 ||
            (rc = tj_count(c, e, p, "area_dm2", 0, &area)) != 0 ||
            (rc = tj_receipt(c, e, p, "ballots.list", i, rec, nrec)) != 0)
            return rc;
        tj_join(op, p, "options");
        size_t k = json_array_size(opts);
        if (k > 1 && in->method != TALLY_APPROVAL)
            return tj_fail(c, op, "a %s ballot chooses at most one option, not %zu",
                           tally_method_name(in->method), k);
        struct tally_amount *to = k == 0 ? &in->abstain : NULL;
        for (size_t j = 0; j < k; j++) {
            int o = 0;
            tj_index(xp, op, j);
            if ((rc = tj_option(c, json_array_get(opts, j), xp, in->noptions, &o)) != 0)
                return rc;
            if (seen & (UINT64_C(1) << o))
                return tj_fail(c, xp, "option %d appears twice on one ballot", o);
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
            return tj_fail(c, "ballots.list", "%lld ballots, more than present.heads %lld", (long long)heads,
                           (long long)in->present.heads);
        if (tarea > in->present.area)
            return tj_fail(c, p, "the ballots up to here hold %lld dm², more than present.area_dm2 %lld",
                           (long long)tarea, (long long)in->present.area);
    }
    return 0;
}

static int tj_rankings(struct tj *c, json_t *arr, struct tally_json_vote *out, struct tj_receipt *rec, size_t *nrec)
{
    static const char *const fields[] = {"ranking", "count", "receipt", NULL};
    struct tally_input *in = &out->in;
    size_t n = json_array_size(arr);
    struct tally_ranking *rk = arena_alloc(c->a, (n ? n : 1) * sizeof *rk);
    int64_t heads = in->abstain.heads;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(arr, i), *order, *cnt;
        char p[TJ_PATH], op[TJ_PATH], xp[TJ_PATH];
        uint64_t seen = 0;
        size_t had = *nrec;
        int rc;
        tj_index(p, "ballots.rankings", i);
        if (!json_is_object(e))
            return tj_fail(c, p, "must be an object {ranking, count, receipt}, not %s", tj_type(e));
        if ((rc = tj_fields(c, e, p, fields)) != 0 || (rc = tj_get(c, e, p, "ranking", 1, JSON_ARRAY, &order)) != 0 ||
            (rc = tj_receipt(c, e, p, "ballots.rankings", i, rec, nrec)) != 0)
            return rc;
        tj_join(op, p, "ranking");
        size_t k = json_array_size(order);
        if (k == 0 || k > in->noptions)
            return tj_fail(c, op, "must list 1 to %zu options, not %zu (a blank ballot is an abstention)",
                           in->noptions, k);
        int *ord = arena_alloc(c->a, k * sizeof *ord);
        for (size_t j = 0; j < k; j++) {
            tj_index(xp, op, j);
            if ((rc = tj_option(c, json_array_get(order, j), xp, in->noptions, &ord[j])) != 0)
                return rc;
            if (seen & (UINT64_C(1) << ord[j]))
                return tj_fail(c, xp, "option %d is ranked twice", ord[j]);
            seen |= UINT64_C(1) << ord[j];
        }
        rk[i] = (struct tally_ranking){ord, k, 1};
        cnt = json_object_get(e, "count");
        tj_join(xp, p, "count");
        if (cnt != NULL && (rc = tj_count_value(c, cnt, xp, &rk[i].count)) != 0)
            return rc;
        if (*nrec > had && rk[i].count != 1)
            return tj_fail(c, xp, "a ballot with a receipt counts once, not %lld", (long long)rk[i].count);
        heads += rk[i].count; /* both <= 10^15 */
        if (heads > in->present.heads)
            return tj_fail(c, p, "the rankings up to here and the abstentions add up to %lld heads, more than "
                           "present.heads %lld", (long long)heads, (long long)in->present.heads);
    }
    in->rankings = rk;
    in->nrankings = n;
    return 0;
}

static int tj_ballots(struct tj *c, json_t *root, struct tally_json_vote *out)
{
    static const char *const fields[] = {"counts", "abstain", "cast", "list", "rankings", NULL};
    struct tally_input *in = &out->in;
    json_t *b, *counts, *list, *rankings, *v;
    int rc = tj_get(c, root, "", "ballots", 1, JSON_OBJECT, &b);
    if (rc || (rc = tj_fields(c, b, "ballots", fields)) != 0 ||
        (rc = tj_get(c, b, "ballots", "counts", 0, JSON_ARRAY, &counts)) != 0 ||
        (rc = tj_get(c, b, "ballots", "list", 0, JSON_ARRAY, &list)) != 0 ||
        (rc = tj_get(c, b, "ballots", "rankings", 0, JSON_ARRAY, &rankings)) != 0)
        return rc;
    int ranked = in->method == TALLY_RANKED;
    if ((counts != NULL) + (list != NULL) + (rankings != NULL) != 1)
        return tj_fail(c, "ballots", "give exactly one of %s", ranked ? "rankings" : "counts or list");
    if (ranked && rankings == NULL)
        return tj_fail(c, counts ? "ballots.counts" : "ballots.list", "a ranked vote takes ballots.rankings");
    if (!ranked && rankings != NULL)
        return tj_fail(c, "ballots.rankings", "only a ranked vote takes rankings; give ballots.counts or ballots.list");
    if (list != NULL && json_object_get(b, "abstain") != NULL)
        return tj_fail(c, "ballots.abstain", "with ballots.list an abstention is a ballot with no options");
    v = json_object_get(b, "cast");
    if (v != NULL && (in->method != TALLY_APPROVAL || counts == NULL))
        return tj_fail(c, "ballots.cast", "only approval votes given as counts take cast");
    if (v == NULL && in->method == TALLY_APPROVAL && counts != NULL)
        return tj_fail(c, "ballots.cast", "missing (an approval vote given as counts says how many ballots were cast)");
    if (out->counting != NULL && strcmp(out->counting, "show_of_hands") == 0 && counts == NULL)
        return tj_fail(c, "ballots", "a show of hands has no individual ballots; give ballots.counts");
    if ((rc = tj_amount(c, b, "ballots", "abstain", &in->abstain)) != 0 ||
        (rc = tj_amount(c, b, "ballots", "cast", &in->cast)) != 0)
        return rc;
    if (ranked && in->abstain.heads > in->present.heads)
        return tj_fail(c, "ballots.abstain.heads", "%lld exceeds present.heads %lld", (long long)in->abstain.heads,
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

int tally_json_read(arena *a, const char *data, size_t len, struct tally_json_vote *v, char *err, size_t errlen)
{
    static const char *const fields[] = {"format", "vote", "electorate", "present", "ballots", NULL};
    struct tj c = {a, err, errlen};
    json_error_t jerr;
    json_t *root = NULL, *vote, *fmt;
    int rc = 0;
    memset(v, 0, sizeof *v);
    if (err != NULL && errlen > 0)
        err[0] = '\0';
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        rc = tj_fail(&c, "JSON", "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
        goto out;
    }
    if (!json_is_object(root)) {
        rc = tj_fail(&c, "(document)", "must be an object, not %s", tj_type(root));
        goto out;
    }
    if ((rc = tj_fields(&c, root, "", fields)) != 0 || (rc = tj_get(&c, root, "", "format", 1, JSON_STRING, &fmt)) != 0)
        goto out;
    if (strcmp(json_string_value(fmt), TALLY_JSON_FORMAT) != 0) {
        rc = tj_fail(&c, "format", "\"%s\" is not \"%s\"", json_string_value(fmt), TALLY_JSON_FORMAT);
        goto out;
    }
    if ((rc = tj_get(&c, root, "", "vote", 1, JSON_OBJECT, &vote)) != 0 || (rc = tj_vote(&c, vote, v)) != 0 ||
        (rc = tj_group(&c, root, "electorate", &v->in.electorate)) != 0 ||
        (rc = tj_group(&c, root, "present", &v->in.present)) != 0)
        goto out;
    /* before the ballots, whose messages compare with those present */
    if ((rc = tj_present(&c, &v->in.electorate, &v->in.present)) != 0)
        goto out;
    rc = tj_ballots(&c, root, v);
    if (rc == 0)
        rc = tally_check(&v->in, err, errlen);
out:
    json_decref(root);
    return rc;
}

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
