/*
 * /api/v1 handlers of dashboards (docs/api.md, "Dashboards"):
 *   GET /api/v1/dashboards/{place}?period=                 the board: every figure of the place's page
 *   GET /api/v1/dashboards/{place}/figures/{name}?period=&by=   one figure, any breakdown it supports
 *   GET /api/v1/dashboard-figures                          the registry: names, kinds, breakdowns, parts
 */
#include "edge/api.h"
#include "mod/dashboard/dashboard_int.h"

static int board(http_req *r)
{
    int rc = 0;
    json_t *o = dashboard_board(api_dc(r), http_param_id(r, "place"), edge_query(r, "period"), &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int figure(http_req *r)
{
    struct dashboard_query q;
    struct dashboard_result res;
    dctx *c = api_dc(r);
    int rc = dashboard_query_make(c, http_param_id(r, "place"), edge_query(r, "period"), edge_query(r, "by"), &q);
    if (rc)
        return edge_fail(r, rc);
    const struct dashboard_figure *f = dashboard_figure_find(http_param(r, "name"));
    if (f == NULL)
        return edge_fail(r, dctx_fail(c, WG_ENOTFOUND, "not_found", NULL));
    if ((rc = dashboard_compute(c, f, &q, &res)))
        return edge_fail(r, rc);
    json_t *o = dashboard_query_json(c, &q);
    json_object_set_new(o, "figure", dashboard_result_json(c, &res));
    return api_send_json(r, 200, o);
}

static int add_figure(const struct dashboard_figure *f, void *ud)
{
    static const char *const kinds[] = {"count", "share", "hours"};
    json_t *by = json_array(), *parts = json_array();
    for (unsigned b = DASHBOARD_BY_CHILD; b <= DASHBOARD_BY_PART; b <<= 1)
        if (f->by & b)
            json_array_append_new(by, json_string(dashboard_by_name((enum dashboard_by)b)));
    for (int i = 0; f->parts && f->parts[i]; i++)
        json_array_append_new(parts, json_string(f->parts[i]));
    json_array_append_new(ud, json_pack("{s:s, s:s, s:o, s:o}", "name", f->name, "kind", kinds[f->kind], "by", by,
                                        "parts", parts));
    return 0;
}

static int figures(http_req *r)
{
    json_t *items = json_array();
    dashboard_figure_each(add_figure, items);
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

const struct http_route dashboard_api_routes[] = {
    {"GET", "/api/v1/dashboard-figures", figures, HTTP_API | HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"GET", "/api/v1/dashboards/{place}", board, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/dashboards/{place}/figures/{name}", figure, HTTP_API | HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
