/*
 * Dashboards (数据看板, STAGES.md co-share): named figures computed for a
 * place (a street, community, grid or building) and a period of whole
 * months, with optional breakdowns, drawn by the pages as SVG and served
 * by the API as JSON from the same values.
 *
 * The registry. A figure is a struct dashboard_figure: a unique name (its title
 * is the string "dash_fig_<name>"), a kind (a count, a share, hours), the
 * breakdowns it supports, and a compute function that fills a struct
 * dashboard_result for a struct dashboard_query. The built-in figures (households,
 * accounts, participation, the three rates, satisfaction, points issued
 * and spent, volunteer hours, matters by stage and by age) are this
 * module's; a later module adds its own by declaring the extension
 * {"dashboard", &struct dashboard_figures} in its descriptor. Upward reports
 * name figures and breakdowns and fill them with dashboard_compute.
 *
 * A compute function adds to the result with dashboard_add (one record: its
 * place path, its time, its part, a numerator and a denominator): the
 * registry sums each record into the total and into the group the query's
 * breakdown picks (the child place or building on its path, its month,
 * its part). A function that already has grouped figures (the three rates
 * from mod/report) sets them with dashboard_set.
 *
 * Permission: view_dashboard (community staff in their community, the
 * street's staff in the street and its communities); every query is
 * checked against the place before any figure is computed.
 *
 * Ownership: everything a function returns lives in c->a; json_t values
 * are the caller's to release.
 */
#ifndef WG_MOD_DASHBOARD_H
#define WG_MOD_DASHBOARD_H

#include <jansson.h>
#include <stdint.h>

#include "kernel/kernel.h"

#define DASHBOARD_YEAR_MIN 2000    /* the earliest year a period may name */
#define DASHBOARD_MONTHS_MAX 12    /* the longest period: a year */
#define DASHBOARD_GROUPS_MAX 2000  /* groups of one breakdown (buildings of a street) */
#define DASHBOARD_PARTS_MAX 16     /* parts of a figure (stages, age brackets) */

extern const struct perm_action dashboard_act_view;

/* A period of whole months, China time: [t0, t1). */
struct dashboard_period {
    const char *name;  /* as asked: "2026", "2026-Q3", "2026-07"; "" for the default */
    const char *from, *to; /* first and last month, "YYYY-MM" */
    int64_t t0, t1;
    int months;
};

enum dashboard_kind {
    DASHBOARD_COUNT, /* value = numerator (records, households, points) */
    DASHBOARD_SHARE, /* value = numerator / denominator as a percentage, one decimal; null when 0 */
    DASHBOARD_HOURS, /* numerator in minutes; value in hours, one decimal */
};

enum dashboard_by {
    DASHBOARD_BY_NONE = 0,
    DASHBOARD_BY_CHILD = 1,    /* the place's children (a street's communities, a community's grids) */
    DASHBOARD_BY_BUILDING = 2, /* every building under the place */
    DASHBOARD_BY_MONTH = 4,    /* each month of the period */
    DASHBOARD_BY_PART = 8,     /* the figure's own parts (stages, age brackets) */
};

struct dashboard_memo; /* what the figures of one board share (dashboard_int.h) */

struct dashboard_query {
    struct st_place place;
    struct dashboard_period period;
    enum dashboard_by by;
    struct dashboard_memo *memo; /* NULL, or shared by several figures of this place and period: each
                                  * source is read once (the board sets it; a compute function may ignore it) */
};

/* One figure's value, in total or in one group. */
struct dashboard_cell {
    int64_t id;       /* the group: a place id, a month as YYYYMM, a part's index */
    const char *key;  /* "4711", "2026-07", "collecting" */
    const char *name; /* the place's name, the month, the part (as key; the page translates) */
    const char *path; /* a place's path; NULL for months and parts */
    const char *section; /* a street's building: its community's name; else NULL */
    int64_t num, den;
};

struct dashboard_figure;

struct dashboard_result {
    const struct dashboard_figure *fig;
    const struct dashboard_query *q;
    struct dashboard_cell total;
    struct dashboard_cell *groups; /* in order: places by id, months in time, parts as declared */
    int n;
};

struct dashboard_figure {
    const char *name;          /* "participation": unique over all modules */
    enum dashboard_kind kind;
    unsigned by;               /* the breakdowns it supports (DASHBOARD_BY_*) */
    const char *const *parts;  /* its parts, NULL-terminated, when it supports DASHBOARD_BY_PART */
    /* Fills out (already holding the query's groups, all zero) with dashboard_add or dashboard_set. */
    int (*compute)(dctx *c, const struct dashboard_query *q, struct dashboard_result *out);
    /* The address of the records behind the total (cell NULL) or a group's cell; NULL: none. */
    const char *(*link)(dctx *c, const struct dashboard_query *q, const struct dashboard_cell *cell);
};

/* What a later module declares with {"dashboard", &its dashboard_figures}. */
struct dashboard_figures {
    const struct dashboard_figure *const *list; /* NULL-terminated */
};

/* ---- the registry ---- */
/* The figure with this name, built in or added by a module; NULL when none. */
const struct dashboard_figure *dashboard_figure_find(const char *name);
/* Calls fn for every figure, built-in first, then in module order; stops at the first non-zero. */
int dashboard_figure_each(int (*fn)(const struct dashboard_figure *f, void *ud), void *ud);

/* ---- queries ---- */
/* Parses a period: "YYYY" (a year), "YYYY-Qn" (a quarter), "YYYY-MM" (a
 * month), or NULL/"" for the twelve months up to this one. A year from
 * DASHBOARD_YEAR_MIN, not starting after this month; else WG_EINVAL
 * "dashboard_period_invalid". */
int dashboard_period_parse(dctx *c, const char *s, struct dashboard_period *out);
/* Parses a breakdown: "", "child", "building", "month" or "part"; else WG_EINVAL "dashboard_by_invalid". */
int dashboard_by_parse(dctx *c, const char *s, enum dashboard_by *out);
/* The query for a place the actor may view dashboards of (view_dashboard):
 * a street, community, grid or building (else WG_EINVAL
 * "dashboard_place_invalid"); WG_ENOTFOUND / WG_EPERM "forbidden". */
int dashboard_query_make(dctx *c, int64_t place_id, const char *period, const char *by, struct dashboard_query *q);
/* Computes one figure for the query; WG_EINVAL "dashboard_by_unsupported"
 * when the figure has no such breakdown, "dashboard_too_many_groups" when
 * it would have more than DASHBOARD_GROUPS_MAX groups. */
int dashboard_compute(dctx *c, const struct dashboard_figure *f, const struct dashboard_query *q, struct dashboard_result *out);

/* ---- for compute functions ---- */
/* Adds one record: path is the place it belongs to (its household, building...),
 * at its time (for DASHBOARD_BY_MONTH), part its part's name (NULL: none). */
void dashboard_add(struct dashboard_result *r, const char *path, int64_t at, const char *part, int64_t num, int64_t den);
/* Sets the total (id 0, key NULL) or the group with this key to num/den. */
void dashboard_set(struct dashboard_result *r, const char *key, int64_t num, int64_t den);
/* The communities under or above the query's place, as SQL needs them: the
 * place's community (0 for a street or district). */
int64_t dashboard_community(const struct dashboard_query *q);

/* ---- views ---- */
/* {name, kind, by, total: {value, numerator, denominator, link}, groups: [{key, name, value, ..., link}]} */
json_t *dashboard_result_json(dctx *c, const struct dashboard_result *r);
/* The value as the page writes it: "12", "87.5", "3.5"; "–" for a share of nothing. */
const char *dashboard_value_text(dctx *c, const struct dashboard_figure *f, const struct dashboard_cell *cell);

extern const struct module dashboard_module;

#endif
