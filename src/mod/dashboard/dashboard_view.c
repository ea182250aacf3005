/* The dashboards: which figures a community's and a street's page shows, and the board as JSON. */
#include <string.h>

#include "mod/dashboard/dashboard_int.h"

static const struct dashboard_panel community_panels[] = {
    {"participation", DASHBOARD_BY_BUILDING, "heat"},
    {"accounts", DASHBOARD_BY_BUILDING, "heat"},
    {"households", DASHBOARD_BY_CHILD, "bars"},
    {"report_response", DASHBOARD_BY_MONTH, "line"},
    {"report_resolution", DASHBOARD_BY_MONTH, "line"},
    {"report_satisfaction", DASHBOARD_BY_MONTH, "line"},
    {"satisfaction", DASHBOARD_BY_MONTH, "line"},
    {"points_issued", DASHBOARD_BY_MONTH, "columns"},
    {"points_spent", DASHBOARD_BY_MONTH, "columns"},
    {"volunteer_hours", DASHBOARD_BY_MONTH, "columns"},
    {"matters_stage", DASHBOARD_BY_PART, "bars"},
    {"matters_age", DASHBOARD_BY_PART, "bars"},
    {NULL, DASHBOARD_BY_NONE, NULL},
};

/* the street compares its communities */
static const struct dashboard_panel street_panels[] = {
    {"participation", DASHBOARD_BY_BUILDING, "heat"},
    {"participation", DASHBOARD_BY_CHILD, "bars"},
    {"accounts", DASHBOARD_BY_CHILD, "bars"},
    {"households", DASHBOARD_BY_CHILD, "bars"},
    {"report_response", DASHBOARD_BY_CHILD, "bars"},
    {"report_resolution", DASHBOARD_BY_CHILD, "bars"},
    {"report_satisfaction", DASHBOARD_BY_CHILD, "bars"},
    {"satisfaction", DASHBOARD_BY_MONTH, "line"},
    {"points_issued", DASHBOARD_BY_MONTH, "columns"},
    {"points_spent", DASHBOARD_BY_MONTH, "columns"},
    {"volunteer_hours", DASHBOARD_BY_CHILD, "bars"},
    {"matters_stage", DASHBOARD_BY_PART, "bars"},
    {"matters_age", DASHBOARD_BY_PART, "bars"},
    {NULL, DASHBOARD_BY_NONE, NULL},
};

const struct dashboard_panel *dashboard_panels(const struct st_place *p)
{
    return strcmp(p->kind, "street") == 0 ? street_panels : community_panels;
}

json_t *dashboard_board(dctx *c, int64_t place_id, const char *period, int *rc)
{
    struct dashboard_query q;
    if ((*rc = dashboard_query_make(c, place_id, period, NULL, &q)))
        return NULL;
    json_t *figs = json_array();
    struct dashboard_memo *memo = arena_alloc(c->a, sizeof *memo);
    memset(memo, 0, sizeof *memo);
    q.memo = memo; /* each source read once for all the panels */
    for (const struct dashboard_panel *p = dashboard_panels(&q.place); p->figure; p++) {
        struct dashboard_result res;
        const struct dashboard_figure *f = dashboard_figure_find(p->figure);
        q.by = p->by;
        *rc = f ? dashboard_compute(c, f, &q, &res) : WG_EINVAL;
        if (*rc == WG_EINVAL && p->by == DASHBOARD_BY_BUILDING && c->code &&
            strcmp(c->code, "dashboard_too_many_groups") == 0) { /* a street too big to show each building: its communities */
            c->code = NULL, c->field = NULL;
            q.by = DASHBOARD_BY_CHILD;
            *rc = dashboard_compute(c, f, &q, &res);
        }
        if (*rc)
            return dashboard_memo_free(memo), json_decref(figs), NULL;
        json_t *o = dashboard_result_json(c, &res);
        json_object_set_new(o, "chart_type", json_string(p->chart));
        json_array_append_new(figs, o);
    }
    dashboard_memo_free(memo);
    json_t *o = dashboard_query_json(c, &q);
    json_object_set_new(o, "figures", figs);
    return o;
}
