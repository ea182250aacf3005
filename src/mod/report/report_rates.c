/*
 * The three rates (三率) of the reports received at a place in a span of
 * months (China time), in total and per category, responsible person, month
 * or child place. Our formulas, shown next to every figure:
 *   response rate     = reports answered within their response limit / reports received
 *   resolution rate   = reports fixed / reports fixed, closed, or open past their resolution limit
 *   satisfaction rate = ratings "satisfied" or "fairly satisfied" (4, 5) / ratings
 * A figure over fewer than REPORT_SAMPLE_MIN is marked small. Reports are
 * counted in the month they were received; a reopened report counts by its
 * state now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "mod/report/report.h"
#include "mod/report/report_int.h"
#include "mod/report/report_store.h"

struct acc {
    const char *key;
    int64_t received, answered, base, fixed, rated, satisfied;
};

struct rates {
    dctx *c;
    const char *by, *scope_path;
    int64_t now;
    struct acc total, *groups;
    int n, cap;
};

/* The group of a row: its category, responsible person, month, or the child of the scope on its path. */
static const char *group_key(struct rates *R, const struct report_rate_row *row)
{
    if (strcmp(R->by, "category") == 0)
        return row->category;
    if (strcmp(R->by, "person") == 0)
        return arena_printf(R->c->a, "%lld", (long long)row->responsible_id);
    if (strcmp(R->by, "month") == 0) {
        int64_t y;
        int m, d;
        time_civil_from_days(time_local_day(row->created_at), &y, &m, &d);
        return arena_printf(R->c->a, "%04lld-%02d", (long long)y, m);
    }
    /* place: the id that follows the scope's path in the row's path */
    const char *rest = row->path + strlen(R->scope_path);
    size_t len = strcspn(rest, "/");
    return len ? arena_strndup(R->c->a, rest, len) : "";
}

static struct acc *group(struct rates *R, const char *key)
{
    for (int i = 0; i < R->n; i++)
        if (strcmp(R->groups[i].key, key) == 0)
            return &R->groups[i];
    if (R->n == R->cap) {
        int cap = R->cap ? R->cap * 2 : 16;
        struct acc *g = arena_alloc(R->c->a, (size_t)cap * sizeof *g);
        if (R->n)
            memcpy(g, R->groups, (size_t)R->n * sizeof *g);
        R->groups = g;
        R->cap = cap;
    }
    R->groups[R->n] = (struct acc){.key = arena_strdup(R->c->a, key)};
    return &R->groups[R->n++];
}

static void add_report(void *ud, const struct report_rate_row *row)
{
    struct rates *R = ud;
    int answered = row->responded_at > 0 && row->responded_at <= row->response_due;
    int fixed = strcmp(row->state_type, "fixed") == 0, closed = strcmp(row->state_type, "closed") == 0;
    int base = fixed || closed || (strcmp(row->state_type, "open") == 0 && R->now > row->resolution_due);
    struct acc *a[2] = {&R->total, R->by ? group(R, group_key(R, row)) : NULL};
    for (int i = 0; i < 2 && a[i]; i++) {
        a[i]->received++;
        a[i]->answered += answered;
        a[i]->base += base;
        a[i]->fixed += fixed;
    }
}

static void add_rating(void *ud, const struct report_rate_row *row)
{
    struct rates *R = ud;
    struct acc *a[2] = {&R->total, R->by ? group(R, group_key(R, row)) : NULL};
    for (int i = 0; i < 2 && a[i]; i++) {
        a[i]->rated++;
        a[i]->satisfied += row->score >= 4;
    }
}

/* A rate as a percentage with one decimal ("87.5"), or null; with its parts. */
static json_t *rate_json(arena *a, int64_t num, int64_t den)
{
    json_t *o = json_pack("{s:I, s:I, s:b}", "numerator", (json_int_t)num, "denominator", (json_int_t)den, "small",
                          den < REPORT_SAMPLE_MIN);
    if (den > 0) {
        int64_t e1 = (num * 1000 + den / 2) / den; /* tenths of a percent, rounded half up */
        json_object_set_new(o, "percent", json_string(arena_printf(a, "%lld.%lld", (long long)(e1 / 10), (long long)(e1 % 10))));
    } else {
        json_object_set_new(o, "percent", json_null());
    }
    return o;
}

static json_t *acc_json(dctx *c, const struct acc *x)
{
    return json_pack("{s:I, s:o, s:o, s:o}", "received", (json_int_t)x->received, "response",
                     rate_json(c->a, x->answered, x->received), "resolution", rate_json(c->a, x->fixed, x->base),
                     "satisfaction", rate_json(c->a, x->satisfied, x->rated));
}

/* The words of a group's key: a person's or a place's name (a category's and a month's are the page's). */
static const char *key_name(dctx *c, const char *by, const char *key)
{
    char *end;
    long long id = strtoll(key, &end, 10);
    if (strcmp(by, "person") == 0) {
        struct st_person p;
        return id > 0 && person_get(c->st, c->a, id, &p) == 0 ? p.name : "";
    }
    if (strcmp(by, "place") == 0) {
        struct st_place p;
        return id > 0 && tree_get(c->st, c->a, id, &p) == 0 ? p.name : "";
    }
    return key;
}

/* "YYYY-MM" -> the Unix time its first day starts (China time). */
static int month_start(const char *s, int64_t *out)
{
    char day[16];
    if (s == NULL || strlen(s) != 7)
        return WG_EINVAL;
    snprintf(day, sizeof day, "%s-01", s);
    return time_parse_date(day, out);
}

json_t *report_rates(dctx *c, int64_t place_id, const char *from, const char *to, const char *by, int *rc)
{
    struct st_place p;
    int64_t t0, t1, y;
    int m, d;
    if ((*rc = place_get(c, place_id, &p)))
        return NULL;
    if (by && *by && strcmp(by, "category") && strcmp(by, "person") && strcmp(by, "month") && strcmp(by, "place")) {
        *rc = dctx_fail(c, WG_EINVAL, "report_rates_by_invalid", "by");
        return NULL;
    }
    time_civil_from_days(time_local_day(c->now), &y, &m, &d);
    const char *this_month = arena_printf(c->a, "%04lld-%02d", (long long)y, m);
    const char *last_year = arena_printf(c->a, "%04lld-%02d", (long long)(m == 12 ? y : y - 1), m == 12 ? 1 : m + 1);
    from = from && *from ? from : last_year;
    to = to && *to ? to : this_month;
    char fbuf[8], tbuf[8];
    snprintf(fbuf, sizeof fbuf, "%s", from);
    snprintf(tbuf, sizeof tbuf, "%s", to);
    if (month_start(fbuf, &t0) || month_start(tbuf, &t1) || t1 < t0 || t1 - t0 > REPORT_RATES_MONTHS * 31LL * TIME_DAY) {
        *rc = dctx_fail(c, WG_EINVAL, "report_rates_span_invalid", "from");
        return NULL;
    }
    time_civil_from_days(time_local_day(t1), &y, &m, &d); /* the end: the first day of the month after `to` */
    t1 = time_days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) * TIME_DAY - TIME_ZONE_OFFSET;
    struct rates R = {.c = c, .by = by && *by ? by : NULL, .scope_path = p.path, .now = c->now};
    int64_t community = strcmp(p.kind, "street") && strcmp(p.kind, "district") ? p.community_id : 0;
    if ((*rc = report_store_rate_rows(c->st, c->a, community, p.path, t0, t1, 0, add_report, &R)) ||
        (*rc = report_store_rate_rows(c->st, c->a, community, p.path, t0, t1, 1, add_rating, &R)))
        return NULL;
    json_t *groups = json_array();
    for (int i = 0; i < R.n; i++) {
        json_t *g = acc_json(c, &R.groups[i]);
        json_object_set_new(g, "key", json_string(R.groups[i].key));
        json_object_set_new(g, "name", json_string(key_name(c, R.by, R.groups[i].key)));
        json_array_append_new(groups, g);
    }
    return json_pack("{s:{s:I, s:s, s:s}, s:s, s:s, s:s*, s:o, s:o, s:i}", "place", "id", (json_int_t)p.id, "name",
                     p.name, "kind", p.kind, "from", fbuf, "to", tbuf, "by", R.by, "total", acc_json(c, &R.total),
                     "groups", groups, "sample_min", REPORT_SAMPLE_MIN);
}
