/*
 * The dashboard pages: /dashboards/{place} (a community's for its staff, a
 * street's comparing its communities) and /dashboard (the actor's own
 * place). The figures are the API's (dashboard_board), each drawn as inline SVG
 * from the geometry of dashboard_chart.c, its value written beside it and
 * linked to the records behind it.
 */
#include <string.h>

#include "core/time.h"
#include "edge/page.h"
#include "mod/dashboard/dashboard_int.h"
#include "mod/place/place.h"

/* Names of groups the page translates: months stay, stages and age brackets get words. */
static void name_groups(http_req *r, json_t *fig)
{
    const char *name = json_string_value(json_object_get(fig, "name"));
    const char *by = json_string_value(json_object_get(fig, "by"));
    json_t *g;
    size_t i;
    if (by == NULL || strcmp(by, "part"))
        return;
    json_array_foreach(json_object_get(fig, "groups"), i, g) {
        const char *key = json_string_value(json_object_get(g, "key"));
        const char *label = strcmp(name, "matters_stage") == 0 ? page_tr(r, "stage_", key) : page_tr(r, "dash_", key);
        json_object_set_new(g, "name", json_string(label));
    }
}

/* The periods offered: the last twelve months, this year and last, this year's quarters so far, the last twelve months one by one. */
static json_t *period_options(http_req *r, const char *selected)
{
    int64_t y;
    int m, d;
    time_civil_from_days(time_local_day(page_dc(r)->now), &y, &m, &d);
    json_t *o = json_array();
    const char *values[32];
    int n = 0;
    values[n++] = "";
    values[n++] = arena_printf(r->a, "%04lld", (long long)y);
    values[n++] = arena_printf(r->a, "%04lld", (long long)y - 1);
    for (int q = (m - 1) / 3 + 1; q >= 1; q--)
        values[n++] = arena_printf(r->a, "%04lld-Q%d", (long long)y, q);
    for (int k = 0; k < 12; k++) {
        int mm = m - k, yy = (int)y;
        if (mm <= 0)
            mm += 12, yy--;
        values[n++] = arena_printf(r->a, "%04d-%02d", yy, mm);
    }
    for (int i = 0; i < n; i++)
        json_array_append_new(o, json_pack("{s:s, s:s, s:b}", "value", values[i], "label",
                                           *values[i] ? values[i] : edge_t(r, "dash_last_12"), "selected",
                                           strcmp(values[i], selected ? selected : "") == 0));
    return o;
}

static int board_page(http_req *r)
{
    int rc = 0;
    const char *period = edge_query(r, "period");
    json_t *b = dashboard_board(page_dc(r), http_param_id(r, "place"), period, &rc), *f;
    if (b == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_array_foreach(json_object_get(b, "figures"), i, f) {
        const char *name = json_string_value(json_object_get(f, "name"));
        name_groups(r, f);
        dashboard_chart(page_dc(r), f, json_string_value(json_object_get(f, "chart_type")));
        json_object_set_new(f, "title", json_string(page_tr(r, "dash_fig_", name)));
        json_object_set_new(f, "about", json_string(page_tr(r, "dash_about_", name)));
        json_object_set_new(f, "by_label", json_string(page_tr(r, "dash_by_", json_string_value(json_object_get(f, "by")))));
        json_object_set_new(f, "anchor", json_string(arena_printf(r->a, "fig-%zu", i)));
        /* the values as a list under month charts, and under every chart in elder mode, where the
         * chart's own links are too small to tap (the list's are 60 px) */
        json_object_set_new(f, "table", json_boolean(edge_req(r)->elder ||
                                                     json_object_get(json_object_get(f, "chart"), "marks") != NULL));
    }
    json_t *place = json_object_get(b, "place"), *kids = json_array();
    struct st_place pl, *ps = NULL;
    int n = 0, total = 0;
    if (place_get(page_dc(r), json_integer_value(json_object_get(place, "id")), &pl) == 0 &&
        strcmp(pl.kind, "street") == 0 && place_children(page_dc(r), &pl, DASHBOARD_GROUPS_MAX, 0, &ps, &n, &total) == 0)
        for (int k = 0; k < n; k++) /* a street's page leads to each community's */
            json_array_append_new(kids, json_pack("{s:I, s:s}", "id", (json_int_t)ps[k].id, "name", ps[k].name));
    json_t *c = page_ctx_title(r, arena_printf(r->a, "%s · %s", edge_t(r, "dash_title"),
                                               json_string_value(json_object_get(place, "name"))));
    json_object_set_new(c, "periods", period_options(r, period));
    json_object_set_new(c, "street", json_boolean(strcmp(json_string_value(json_object_get(place, "kind")), "street") == 0));
    json_object_set_new(c, "has_communities", json_boolean(json_array_size(kids) > 0));
    json_object_set_new(c, "communities", kids);
    json_object_set_new(c, "board", b);
    return page_render(r, 200, "dashboard", c);
}

/* The actor's own dashboard: her community's, or her street's. */
static int own_page(http_req *r)
{
    struct st_place p;
    int rc = place_default_scope(page_dc(r), &p);
    if (rc)
        return edge_fail(r, rc);
    return http_redirect(r, arena_printf(r->a, "/dashboards/%lld", (long long)p.id));
}

const struct http_route dashboard_web_routes[] = {
    {"GET", "/dashboard", own_page, HTTP_AUTH | HTTP_STAFF, 0, NULL},
    {"GET", "/dashboards/{place}", board_page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
