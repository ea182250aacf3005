/* The figure registry, periods, breakdowns and the views of a result (see dashboard.h). */
#include "mod/dashboard/dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "mod/dashboard/dashboard_int.h"
#include "mod/dashboard/dashboard_store.h"
#include "mod/place/place.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                                          resident leader grid staff street */
const struct perm_action dashboard_act_view = {"view_dashboard", "see the dashboards of a community or street", {N, N, N, S, S}};
#undef N
#undef S

/* ---- the registry ---- */

struct each_ext {
    int (*fn)(const struct dashboard_figure *f, void *ud);
    void *ud;
};

static int each_of_module(const void *impl, void *ud)
{
    const struct dashboard_figures *fs = impl;
    struct each_ext *e = ud;
    for (int i = 0; fs->list && fs->list[i]; i++) {
        int rc = e->fn(fs->list[i], e->ud);
        if (rc)
            return rc;
    }
    return 0;
}

int dashboard_figure_each(int (*fn)(const struct dashboard_figure *f, void *ud), void *ud)
{
    struct each_ext e = {fn, ud};
    int rc = each_of_module(&dashboard_builtin, &e);
    return rc ? rc : module_each_ext("dashboard", each_of_module, &e);
}

struct find {
    const char *name;
    const struct dashboard_figure *found;
};

static int find_one(const struct dashboard_figure *f, void *ud)
{
    struct find *x = ud;
    if (strcmp(f->name, x->name))
        return 0;
    x->found = f;
    return 1;
}

const struct dashboard_figure *dashboard_figure_find(const char *name)
{
    struct find x = {name, NULL};
    if (name)
        dashboard_figure_each(find_one, &x);
    return x.found;
}

/* ---- periods ---- */

static int64_t month_start(int64_t y, int m)
{
    while (m > 12)
        m -= 12, y++;
    return time_days_from_civil(y, m, 1) * TIME_DAY - TIME_ZONE_OFFSET;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The number of n digits at s (checked by all_digits). */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int bad_period(dctx *c)
{
    return dctx_fail(c, WG_EINVAL, "dashboard_period_invalid", "period");
}

int dashboard_period_parse(dctx *c, const char *s, struct dashboard_period *out)
{
    int64_t ny, y;
    int nm, nd, m = 0, months = 0;
    time_civil_from_days(time_local_day(c->now), &ny, &nm, &nd);
    size_t len = s ? strlen(s) : 0;
    if (len == 0) { /* the twelve months up to this one */
        y = nm == 12 ? ny : ny - 1;
        m = nm == 12 ? 1 : nm + 1;
        months = 12;
    } else if (len == 4 && all_digits(s, 4)) {
        y = digits(s, 4), m = 1, months = 12;
    } else if (len == 7 && all_digits(s, 4) && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4') {
        y = digits(s, 4), m = (s[6] - '1') * 3 + 1, months = 3;
    } else if (len == 7 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2)) {
        y = digits(s, 4), m = digits(s + 5, 2), months = 1;
        if (m < 1 || m > 12)
            return bad_period(c);
    } else {
        return bad_period(c);
    }
    if (y < DASHBOARD_YEAR_MIN || y * 12 + m > ny * 12 + nm) /* nothing to count before, or after this month */
        return bad_period(c);
    int lm = m + months - 1;
    int64_t ly = y + (lm - 1) / 12;
    lm = (lm - 1) % 12 + 1;
    *out = (struct dashboard_period){
        .name = len ? arena_strdup(c->a, s) : "",
        .from = arena_printf(c->a, "%04lld-%02d", (long long)y, m),
        .to = arena_printf(c->a, "%04lld-%02d", (long long)ly, lm),
        .t0 = month_start(y, m),
        .t1 = month_start(y, m + months),
        .months = months,
    };
    return 0;
}

int dashboard_by_parse(dctx *c, const char *s, enum dashboard_by *out)
{
    static const struct {
        const char *name;
        enum dashboard_by by;
    } names[] = {{"child", DASHBOARD_BY_CHILD}, {"building", DASHBOARD_BY_BUILDING}, {"month", DASHBOARD_BY_MONTH}, {"part", DASHBOARD_BY_PART}};
    *out = DASHBOARD_BY_NONE;
    if (s == NULL || *s == 0)
        return 0;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(s, names[i].name) == 0)
            return *out = names[i].by, 0;
    return dctx_fail(c, WG_EINVAL, "dashboard_by_invalid", "by");
}

const char *dashboard_by_name(enum dashboard_by by)
{
    switch (by) {
    case DASHBOARD_BY_CHILD: return "child";
    case DASHBOARD_BY_BUILDING: return "building";
    case DASHBOARD_BY_MONTH: return "month";
    case DASHBOARD_BY_PART: return "part";
    default: return NULL;
    }
}

int dashboard_query_make(dctx *c, int64_t place_id, const char *period, const char *by, struct dashboard_query *q)
{
    memset(q, 0, sizeof *q);
    int rc = place_get(c, place_id, &q->place);
    if (rc)
        return rc;
    const char *k = q->place.kind;
    if (strcmp(k, "street") && strcmp(k, "community") && strcmp(k, "grid") && strcmp(k, "building"))
        return dctx_fail(c, WG_EINVAL, "dashboard_place_invalid", "place");
    if ((rc = perm_check(c, &dashboard_act_view, q->place.path, q->place.community_id)))
        return rc;
    if ((rc = dashboard_period_parse(c, period, &q->period)))
        return rc;
    return dashboard_by_parse(c, by, &q->by);
}

int64_t dashboard_community(const struct dashboard_query *q)
{
    return strcmp(q->place.kind, "community") == 0 ? q->place.id : q->place.community_id;
}

/* ---- computing ---- */

static int by_id(const void *a, const void *b)
{
    const struct dashboard_cell *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int place_groups(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    struct st_place *ps = NULL;
    int n = 0, rc;
    if (q->by == DASHBOARD_BY_CHILD)
        rc = tree_children(c->st, c->a, q->place.id, NULL, DASHBOARD_GROUPS_MAX + 1, 0, &ps, &n);
    else
        rc = dashboard_store_buildings(c->st, c->a, q->place.path, DASHBOARD_GROUPS_MAX + 1, &ps, &n);
    if (rc)
        return rc;
    if (n > DASHBOARD_GROUPS_MAX)
        return dctx_fail(c, WG_EINVAL, "dashboard_too_many_groups", "by");
    r->groups = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *r->groups);
    for (int i = 0; i < n; i++)
        r->groups[i] = (struct dashboard_cell){.id = ps[i].id, .key = arena_printf(c->a, "%lld", (long long)ps[i].id),
                                          .name = ps[i].name, .path = ps[i].path};
    r->n = n;
    if (q->by == DASHBOARD_BY_BUILDING && strcmp(q->place.kind, "street") == 0) { /* which community each is in */
        struct st_place *cs = NULL;
        int nc = 0;
        if ((rc = tree_children(c->st, c->a, q->place.id, "community", DASHBOARD_GROUPS_MAX, 0, &cs, &nc)))
            return rc;
        for (int i = 0; i < n; i++)
            for (int k = 0; k < nc; k++)
                if (ps[i].community_id == cs[k].id)
                    r->groups[i].section = cs[k].name;
    }
    qsort(r->groups, (size_t)n, sizeof *r->groups, by_id);
    return 0;
}

static void month_groups(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    int64_t y;
    int m, d;
    time_civil_from_days(time_local_day(q->period.t0), &y, &m, &d);
    r->groups = arena_alloc(c->a, (size_t)q->period.months * sizeof *r->groups);
    for (int i = 0; i < q->period.months; i++, m = m == 12 ? 1 : m + 1, y += m == 1) {
        const char *key = arena_printf(c->a, "%04lld-%02d", (long long)y, m);
        r->groups[i] = (struct dashboard_cell){.id = y * 100 + m, .key = key, .name = key};
    }
    r->n = q->period.months;
}

static void part_groups(dctx *c, const struct dashboard_figure *f, struct dashboard_result *r)
{
    int n = 0;
    while (f->parts[n] && n < DASHBOARD_PARTS_MAX)
        n++;
    r->groups = arena_alloc(c->a, (size_t)(n ? n : 1) * sizeof *r->groups);
    for (int i = 0; i < n; i++)
        r->groups[i] = (struct dashboard_cell){.id = i, .key = f->parts[i], .name = f->parts[i]};
    r->n = n;
}

int dashboard_compute(dctx *c, const struct dashboard_figure *f, const struct dashboard_query *q, struct dashboard_result *out)
{
    *out = (struct dashboard_result){.fig = f, .q = q};
    if (q->by && !(f->by & (unsigned)q->by))
        return dctx_fail(c, WG_EINVAL, "dashboard_by_unsupported", "by");
    int rc = 0;
    if (q->by == DASHBOARD_BY_CHILD || q->by == DASHBOARD_BY_BUILDING)
        rc = place_groups(c, q, out);
    else if (q->by == DASHBOARD_BY_MONTH)
        month_groups(c, q, out);
    else if (q->by == DASHBOARD_BY_PART)
        part_groups(c, f, out);
    return rc ? rc : f->compute(c, q, out);
}

static struct dashboard_cell *find_id(struct dashboard_result *r, int64_t id)
{
    struct dashboard_cell key = {.id = id};
    return r->n ? bsearch(&key, r->groups, (size_t)r->n, sizeof *r->groups, by_id) : NULL;
}

/* The group a record falls in under the query's breakdown, or NULL. */
static struct dashboard_cell *group_of(struct dashboard_result *r, const char *path, int64_t at, const char *part)
{
    const struct dashboard_query *q = r->q;
    if (q->by == DASHBOARD_BY_CHILD || q->by == DASHBOARD_BY_BUILDING) {
        int64_t ids[16], gids[16];
        int n = tree_path_ids(path, ids, 16), depth = r->n ? tree_path_ids(r->groups[0].path, gids, 16) : 0;
        return depth > 0 && n >= depth ? find_id(r, ids[depth - 1]) : NULL;
    }
    if (q->by == DASHBOARD_BY_MONTH) {
        int64_t y;
        int m, d;
        time_civil_from_days(time_local_day(at), &y, &m, &d);
        return find_id(r, y * 100 + m);
    }
    if (q->by == DASHBOARD_BY_PART && part)
        for (int i = 0; i < r->n; i++)
            if (strcmp(r->groups[i].key, part) == 0)
                return &r->groups[i];
    return NULL;
}

void dashboard_add(struct dashboard_result *r, const char *path, int64_t at, const char *part, int64_t num, int64_t den)
{
    r->total.num += num;
    r->total.den += den;
    struct dashboard_cell *g = r->q->by ? group_of(r, path, at, part) : NULL;
    if (g)
        g->num += num, g->den += den;
}

void dashboard_set(struct dashboard_result *r, const char *key, int64_t num, int64_t den)
{
    struct dashboard_cell *g = &r->total;
    if (key) {
        g = NULL;
        for (int i = 0; i < r->n && g == NULL; i++)
            if (strcmp(r->groups[i].key, key) == 0)
                g = &r->groups[i];
    }
    if (g)
        g->num = num, g->den = den;
}

/* ---- views ---- */

/* num/den to one decimal, rounded half up: tenths. */
static int64_t tenths(int64_t num, int64_t den)
{
    return den > 0 ? (num * 10 + den / 2) / den : 0;
}

const char *dashboard_value_text(dctx *c, const struct dashboard_figure *f, const struct dashboard_cell *x)
{
    if (f->kind == DASHBOARD_COUNT)
        return arena_printf(c->a, "%lld", (long long)x->num);
    if (f->kind == DASHBOARD_SHARE && x->den <= 0)
        return "–";
    int64_t t = f->kind == DASHBOARD_SHARE ? tenths(x->num * 100, x->den) : tenths(x->num, 60);
    return arena_printf(c->a, "%lld.%lld%s", (long long)(t / 10), (long long)(t % 10), f->kind == DASHBOARD_SHARE ? "%" : "");
}

static json_t *value_json(const struct dashboard_figure *f, const struct dashboard_cell *x)
{
    if (f->kind == DASHBOARD_COUNT)
        return json_integer(x->num);
    if (f->kind == DASHBOARD_SHARE && x->den <= 0)
        return json_null();
    int64_t t = f->kind == DASHBOARD_SHARE ? tenths(x->num * 100, x->den) : tenths(x->num, 60);
    return json_real((double)t / 10.0);
}

static json_t *cell_json(dctx *c, const struct dashboard_result *r, const struct dashboard_cell *x, int total)
{
    const char *link = r->fig->link ? r->fig->link(c, r->q, total ? NULL : x) : NULL;
    json_t *o = json_pack("{s:o, s:s, s:I, s:I}", "value", value_json(r->fig, x), "text", dashboard_value_text(c, r->fig, x),
                          "numerator", (json_int_t)x->num, "denominator", (json_int_t)x->den);
    json_object_set_new(o, "link", link ? json_string(link) : json_null());
    if (!total) {
        json_object_set_new(o, "key", json_string(x->key));
        json_object_set_new(o, "name", json_string(x->name));
        if (x->section)
            json_object_set_new(o, "section", json_string(x->section));
    }
    return o;
}

static const char *const kind_names[] = {"count", "share", "hours"};

json_t *dashboard_result_json(dctx *c, const struct dashboard_result *r)
{
    json_t *groups = json_array();
    for (int i = 0; i < r->n; i++)
        json_array_append_new(groups, cell_json(c, r, &r->groups[i], 0));
    json_t *o = json_pack("{s:s, s:s, s:o}", "name", r->fig->name, "kind", kind_names[r->fig->kind], "total",
                          cell_json(c, r, &r->total, 1));
    const char *by = dashboard_by_name(r->q->by);
    json_object_set_new(o, "by", by ? json_string(by) : json_null());
    json_object_set_new(o, "groups", groups);
    return o;
}

json_t *dashboard_query_json(dctx *c, const struct dashboard_query *q)
{
    (void)c;
    json_t *o = json_pack("{s:{s:I, s:s, s:s}, s:{s:s, s:s, s:s, s:i}}", "place", "id", (json_int_t)q->place.id, "name",
                          q->place.name, "kind", q->place.kind, "period", "name", q->period.name, "from",
                          q->period.from, "to", q->period.to, "months", q->period.months);
    time_json_pair(json_object_get(o, "period"), "starts_at", q->period.t0);
    time_json_pair(json_object_get(o, "period"), "ends_at", q->period.t1);
    return o;
}
