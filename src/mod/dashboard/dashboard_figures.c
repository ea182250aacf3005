/*
 * The dashboard's own figures (the registry is in dashboard.c):
 *   households           households under the place (count)
 *   accounts             coverage: households where a resident has an account / households
 *   participation        households that took part in the period / households
 *   report_response      the three rates of problem reports, from mod/report (report_rates)
 *   report_resolution
 *   report_satisfaction
 *   satisfaction         survey answers "satisfied" or "fairly satisfied" / answers (mod/satisfaction)
 *   points_issued        points earned less reversed (mod/points)
 *   points_spent         points redeemed less refunded
 *   volunteer_hours      confirmed volunteer service (mod/volunteer)
 *   matters_stage        matters proposed before the period's end, by their stage now (mod/matter)
 *   matters_age          matters still open, by how long since they were proposed
 */
#include <string.h>

#include "core/time.h"
#include "mod/dashboard/dashboard_int.h"
#include "mod/dashboard/dashboard_store.h"
#include "mod/matter/matter.h"
#include "mod/report/report.h"

#define PLACES (DASHBOARD_BY_CHILD | DASHBOARD_BY_BUILDING)

/* ---- figures summed from rows ---- */

struct sum {
    struct dashboard_result *r;
    int (*take)(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den);
    int64_t now;
};

static void sum_row(void *ud, const struct dashboard_row *row)
{
    struct sum *s = ud;
    const char *part = row->part;
    int64_t num = 0, den = 0;
    if (s->take(row, s->now, &part, &num, &den))
        dashboard_add(s->r, row->path, row->at, part, num, den);
}

/* Rows kept for the other figures of a board. */
struct keep {
    arena *a;
    struct dashboard_row *rows;
    int n, cap;
};

static void keep_row(void *ud, const struct dashboard_row *row)
{
    struct keep *k = ud;
    if (k->n == k->cap) {
        int cap = k->cap ? k->cap * 2 : 1024;
        struct dashboard_row *rows = arena_alloc(k->a, (size_t)cap * sizeof *rows);
        if (k->n)
            memcpy(rows, k->rows, (size_t)k->n * sizeof *rows);
        k->rows = rows, k->cap = cap;
    }
    k->rows[k->n++] = *row;
}

/* The source's rows of the query, read once per board. */
static int memo_rows(dctx *c, const struct dashboard_query *q, enum dashboard_source src, struct dashboard_row **rows,
                     int *n)
{
    struct dashboard_memo *m = q->memo;
    for (int i = 0; i < m->nsources; i++)
        if (m->sources[i].src == (int)src)
            return *rows = m->sources[i].rows, *n = m->sources[i].n, 0;
    struct keep k = {.a = c->a};
    int rc = dashboard_store_rows(c->st, c->a, src, q->place.path, dashboard_community(q), q->period.t0, q->period.t1,
                                  keep_row, &k);
    if (rc)
        return rc;
    if (m->nsources < DASHBOARD_MEMO_MAX)
        m->sources[m->nsources].src = (int)src, m->sources[m->nsources].rows = k.rows, m->sources[m->nsources++].n = k.n;
    *rows = k.rows, *n = k.n;
    return 0;
}

static int sum(dctx *c, const struct dashboard_query *q, struct dashboard_result *r, enum dashboard_source src,
               int (*take)(const struct dashboard_row *, int64_t, const char **, int64_t *, int64_t *))
{
    struct sum s = {r, take, q->period.t1 < c->now ? q->period.t1 : c->now};
    if (q->memo == NULL)
        return dashboard_store_rows(c->st, c->a, src, q->place.path, dashboard_community(q), q->period.t0, q->period.t1,
                                    sum_row, &s);
    struct dashboard_row *rows;
    int n, rc = memo_rows(c, q, src, &rows, &n);
    for (int i = 0; rc == 0 && i < n; i++)
        sum_row(&s, &rows[i]);
    return rc;
}

void dashboard_memo_free(struct dashboard_memo *m)
{
    for (int i = 0; m && i < m->nrates; i++)
        json_decref(m->rates[i].rates);
}

static int take_a(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den)
{
    (void)now, (void)part, (void)den;
    *num = row->a;
    return 1;
}

static int take_b_of_a(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den)
{
    (void)now, (void)part;
    *num = row->b;
    *den = row->a;
    return 1;
}

static int take_a_of_b(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den)
{
    (void)now, (void)part;
    *num = row->a;
    *den = row->b;
    return 1;
}

static int take_issued(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den)
{
    (void)now, (void)den;
    *num = strcmp(row->part, "earn") == 0 ? row->a : strcmp(row->part, "reverse") == 0 ? -row->a : 0;
    *part = NULL;
    return *num != 0;
}

static int take_spent(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den)
{
    (void)now, (void)den;
    *num = strcmp(row->part, "redeem") == 0 ? row->a : strcmp(row->part, "refund") == 0 ? -row->a : 0;
    *part = NULL;
    return *num != 0;
}

static int open_stage(const char *stage)
{
    return strcmp(stage, "sharing") && strcmp(stage, "withdrawn") && strcmp(stage, "rejected") && strcmp(stage, "merged");
}

static const char *const age_parts[] = {"age_30", "age_90", "age_180", "age_more", NULL};

static int take_age(const struct dashboard_row *row, int64_t now, const char **part, int64_t *num, int64_t *den)
{
    (void)den;
    int64_t days = (now - row->at) / TIME_DAY;
    *part = days < 30 ? age_parts[0] : days < 90 ? age_parts[1] : days < 180 ? age_parts[2] : age_parts[3];
    *num = 1;
    return open_stage(row->part);
}

static int households(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_HOUSEHOLDS, take_a);
}
static int accounts(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_HOUSEHOLDS, take_b_of_a);
}
static int participation(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_PARTICIPATION, take_b_of_a);
}
static int satisfaction(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_SURVEYS, take_a_of_b);
}
/* Points at the holder's household only where the figure needs it (below a
 * community, or by a place under one); else at their community: quicker. */
static enum dashboard_source points_source(const struct dashboard_query *q)
{
    int whole = q->by == DASHBOARD_BY_NONE || q->by == DASHBOARD_BY_MONTH;
    if ((strcmp(q->place.kind, "street") == 0 && (whole || q->by == DASHBOARD_BY_CHILD)) ||
        (strcmp(q->place.kind, "community") == 0 && whole))
        return DASHBOARD_SRC_POINTS_COMMUNITY;
    return DASHBOARD_SRC_POINTS;
}
static int points_issued(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, points_source(q), take_issued);
}
static int points_spent(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, points_source(q), take_spent);
}
static int volunteer_hours(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_VOLUNTEER, take_a);
}
static int matters_stage(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_MATTERS, take_a);
}
static int matters_age(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return sum(c, q, r, DASHBOARD_SRC_MATTERS, take_age);
}

/* ---- the three rates, from mod/report ---- */

static void rate_into(struct dashboard_result *r, const char *key, json_t *acc, const char *which)
{
    json_t *x = json_object_get(acc, which);
    dashboard_set(r, key, json_integer_value(json_object_get(x, "numerator")),
             json_integer_value(json_object_get(x, "denominator")));
}

static int rates(dctx *c, const struct dashboard_query *q, struct dashboard_result *r, const char *which)
{
    int rc = 0;
    const char *by = q->by == DASHBOARD_BY_CHILD ? "place" : q->by == DASHBOARD_BY_MONTH ? "month" : "";
    struct dashboard_memo *m = q->memo;
    json_t *o = NULL, *g;
    for (int i = 0; m && i < m->nrates && o == NULL; i++) /* the three rates of one breakdown: one reading */
        if (strcmp(m->rates[i].by, by) == 0)
            o = json_incref(m->rates[i].rates);
    if (o == NULL) {
        if ((o = report_rates(c, q->place.id, q->period.from, q->period.to, *by ? by : NULL, &rc)) == NULL)
            return rc;
        if (m && m->nrates < DASHBOARD_MEMO_MAX)
            m->rates[m->nrates].by = by, m->rates[m->nrates++].rates = json_incref(o);
    }
    size_t i;
    rate_into(r, NULL, json_object_get(o, "total"), which);
    json_array_foreach(json_object_get(o, "groups"), i, g) rate_into(r, json_string_value(json_object_get(g, "key")), g, which);
    json_decref(o);
    return 0;
}

static int report_response(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return rates(c, q, r, "response");
}
static int report_resolution(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return rates(c, q, r, "resolution");
}
static int report_satisfaction(dctx *c, const struct dashboard_query *q, struct dashboard_result *r)
{
    return rates(c, q, r, "satisfaction");
}

/* ---- links to the records behind a figure ---- */

/* The place a cell stands for: a child or building group, else the query's place. */
static int64_t cell_place(const struct dashboard_query *q, const struct dashboard_cell *x)
{
    return x && (q->by == DASHBOARD_BY_CHILD || q->by == DASHBOARD_BY_BUILDING) ? x->id : q->place.id;
}

static const char *link_place(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *x)
{
    return arena_printf(c->a, "/places/%lld", (long long)cell_place(q, x));
}

/* The reports the rates count: received at the cell's place (or below) in its month or the period. */
static const char *link_rates(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *x)
{
    if (x && q->by == DASHBOARD_BY_MONTH)
        return arena_printf(c->a, "/reports?place=%lld&month=%s", (long long)q->place.id, x->key);
    return arena_printf(c->a, "/reports?place=%lld&from=%s&to=%s", (long long)cell_place(q, x), q->period.from,
                        q->period.to);
}

static const char *link_surveys(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *x)
{
    int64_t place = cell_place(q, x);
    return arena_printf(c->a, "/surveys?place=%lld", (long long)(strcmp(q->place.kind, "street") || place != q->place.id
                                                                     ? place : q->place.id));
}

/* A community's ledger page; above communities, the figure broken down by community. */
static const char *link_points(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *x)
{
    (void)x;
    if (strcmp(q->place.kind, "street"))
        return arena_strdup(c->a, "/points");
    return arena_printf(c->a, "/api/v1/dashboards/%lld/figures/points_issued?by=child&period=%s", (long long)q->place.id,
                        q->period.name);
}

/* The shifts of the community (a street's: of the community of the cell, or the figure by community). */
static const char *link_shifts(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *x)
{
    int64_t place = cell_place(q, x);
    if (strcmp(q->place.kind, "street"))
        return arena_printf(c->a, "/shifts?community=%lld", (long long)dashboard_community(q));
    if (place != q->place.id && q->by == DASHBOARD_BY_CHILD)
        return arena_printf(c->a, "/shifts?community=%lld", (long long)place);
    return arena_printf(c->a, "/api/v1/dashboards/%lld/figures/volunteer_hours?by=child&period=%s", (long long)q->place.id,
                        q->period.name);
}

static const char *link_matters(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *x)
{
    if (x && q->by == DASHBOARD_BY_PART && strncmp(x->key, "age_", 4))
        return arena_printf(c->a, "/matters?place=%lld&stage=%s", (long long)q->place.id, x->key);
    return arena_printf(c->a, "/matters?place=%lld", (long long)cell_place(q, x));
}

static const struct dashboard_figure
    f_households = {"households", DASHBOARD_COUNT, PLACES, NULL, households, link_place},
    f_accounts = {"accounts", DASHBOARD_SHARE, PLACES, NULL, accounts, link_place},
    f_participation = {"participation", DASHBOARD_SHARE, PLACES, NULL, participation, link_place},
    f_response = {"report_response", DASHBOARD_SHARE, DASHBOARD_BY_CHILD | DASHBOARD_BY_MONTH, NULL, report_response, link_rates},
    f_resolution = {"report_resolution", DASHBOARD_SHARE, DASHBOARD_BY_CHILD | DASHBOARD_BY_MONTH, NULL, report_resolution, link_rates},
    f_report_sat = {"report_satisfaction", DASHBOARD_SHARE, DASHBOARD_BY_CHILD | DASHBOARD_BY_MONTH, NULL, report_satisfaction, link_rates},
    f_satisfaction = {"satisfaction", DASHBOARD_SHARE, PLACES | DASHBOARD_BY_MONTH, NULL, satisfaction, link_surveys},
    f_issued = {"points_issued", DASHBOARD_COUNT, PLACES | DASHBOARD_BY_MONTH, NULL, points_issued, link_points},
    f_spent = {"points_spent", DASHBOARD_COUNT, PLACES | DASHBOARD_BY_MONTH, NULL, points_spent, link_points},
    f_hours = {"volunteer_hours", DASHBOARD_HOURS, PLACES | DASHBOARD_BY_MONTH, NULL, volunteer_hours, link_shifts},
    f_stage = {"matters_stage", DASHBOARD_COUNT, DASHBOARD_BY_CHILD | DASHBOARD_BY_MONTH | DASHBOARD_BY_PART, NULL, matters_stage, link_matters},
    f_age = {"matters_age", DASHBOARD_COUNT, DASHBOARD_BY_CHILD | DASHBOARD_BY_PART, age_parts, matters_age, link_matters};

/* matters_stage's parts are the spine's stages, known only at run time: set by dashboard_figures_init. */
static struct dashboard_figure f_stage_parts;

static const struct dashboard_figure *const list[] = {
    &f_households, &f_accounts, &f_participation, &f_response, &f_resolution, &f_report_sat, &f_satisfaction,
    &f_issued,     &f_spent,    &f_hours,         &f_stage_parts, &f_age,     NULL};

const struct dashboard_figures dashboard_builtin = {list};

void dashboard_figures_init(void)
{
    f_stage_parts = f_stage;
    f_stage_parts.parts = matter_stages();
}
