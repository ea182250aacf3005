/* The dashboards: which figures a community's and a street's page shows, and the board as JSON. */
#include <string.h>

#include "mod/dashboard/dashboard_int.h"

static const struct dash_panel community_panels[] = {
    {"participation", DASH_BY_BUILDING, "heat"},
    {"accounts", DASH_BY_BUILDING, "heat"},
    {"households", DASH_BY_CHILD, "bars"},
    {"report_response", DASH_BY_MONTH, "line"},
    {"report_resolution", DASH_BY_MONTH, "line"},
    {"report_satisfaction", DASH_BY_MONTH, "line"},
    {"satisfaction", DASH_BY_MONTH, "line"},
    {"points_issued", DASH_BY_MONTH, "columns"},
    {"points_spent", DASH_BY_MONTH, "columns"},
    {"volunteer_hours", DASH_BY_MONTH, "columns"},
    {"matters_stage", DASH_BY_PART, "bars"},
    {"matters_age", DASH_BY_PART, "bars"},
    {NULL, DASH_BY_NONE, NULL},
};

/* the street compares its communities */
static const struct dash_panel street_panels[] = {
    {"participation", DASH_BY_BUILDING, "heat"},
    {"participation", DASH_BY_CHILD, "bars"},
    {"accounts", DASH_BY_CHILD, "bars"},
    {"households", DASH_BY_CHILD, "bars"},
    {"report_response", DASH_BY_CHILD, "bars"},
    {"report_resolution", DASH_BY_CHILD, "bars"},
    {"report_satisfaction", DASH_BY_CHILD, "bars"},
    {"satisfaction", DASH_BY_MONTH, "line"},
    {"points_issued", DASH_BY_MONTH, "columns"},
    {"points_spent", DASH_BY_MONTH, "columns"},
    {"volunteer_hours", DASH_BY_CHILD, "bars"},
    {"matters_stage", DASH_BY_PART, "bars"},
    {"matters_age", DASH_BY_CHILD, "bars"},
    {NULL, DASH_BY_NONE, NULL},
};

const struct dash_panel *dash_panels(const struct st_place *p)
{
    return strcmp(p->kind, "street") == 0 ? street_panels : community_panels;
}

json_t *dash_board(dctx *c, int64_t place_id, const char *period, int *rc)
{
    struct dash_query q;
    if ((*rc = dash_query_make(c, place_id, period, NULL, &q)))
        return NULL;
    json_t *figs = json_array();
    for (const struct dash_panel *p = dash_panels(&q.place); p->figure; p++) {
        struct dash_result res;
        const struct dash_figure *f = dash_figure_find(p->figure);
        q.by = p->by;
        if (f == NULL || (*rc = dash_compute(c, f, &q, &res)))
            return json_decref(figs), *rc = *rc ? *rc : WG_EINVAL, NULL;
        json_t *o = dash_result_json(c, &res);
        json_object_set_new(o, "chart_type", json_string(p->chart));
        json_array_append_new(figs, o);
    }
    json_t *o = dash_query_json(c, &q);
    json_object_set_new(o, "figures", figs);
    return o;
}
