/*
 * Patrol pages: the routes (/patrols) with the form that makes one for
 * staff; a route (/patrols/{id}): its checkpoints with the QR codes to
 * print for staff, its rounds with checkpoints missed, the missed per
 * patroller, the form that adds a round; a checkpoint
 * (/patrol-points/{id}?t=, where its QR code leads): check in, or report
 * what was found, in one step.
 */
#include <string.h>

#include "core/qr.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/patrol/patrol.h"

static int list_page(http_req *r)
{
    struct st_route *rs = NULL;
    struct st_place com;
    int n = 0;
    int64_t community = actor_community(page_dc(r)->actor);
    int rc = community > 0 ? place_get(page_dc(r), community, &com) : WG_ENOTFOUND;
    if (rc || (rc = patrol_routes(page_dc(r), community, &rs, &n)))
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "patrols_title"), *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)rs[i].id, "name", rs[i].name,
                                               "place", rs[i].place_name));
    json_object_set_new(c, "routes", items);
    export_links(r, c, arena_printf(r->a, "/api/v1/patrols?community=%lld", (long long)community), NULL);
    if (perm_allows(page_dc(r)->actor, &patrol_act_manage, com.path))
        json_object_set_new(c, "may_add", json_pack("{s:I}", "place_id", (json_int_t)community));
    return page_render(r, 200, "patrols", c);
}

static int create(http_req *r)
{
    const char *names[PATROL_POINTS_MAX + 1], *text = page_field(r, "points");
    int n = 0, bad = 0;
    int64_t place = page_int_id(page_field(r, "place_id"), &bad), id = 0;
    for (const char *p = text ? text : ""; *p && n <= PATROL_POINTS_MAX;) { /* one checkpoint a line */
        size_t len = strcspn(p, "\r\n");
        if (len)
            names[n++] = arena_strndup(r->a, p, len);
        p += len;
        p += strspn(p, "\r\n");
    }
    int rc = bad ? dctx_fail(page_dc(r), WG_EINVAL, "place_required", "place_id")
                 : patrol_route_create(page_dc(r), place, page_field(r, "name"), names, NULL, n, &id);
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/patrols/%lld", (long long)id), "flash_patrol_added");
}

static int route_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *d = id ? patrol_route_detail(page_dc(r), id, 1, &rc) : NULL, *x;
    if (d == NULL)
        return edge_fail(r, rc);
    size_t i;
    json_array_foreach(json_object_get(d, "points"), i, x) {
        const char *url = json_string_value(json_object_get(x, "checkin_url")), *svg = NULL;
        if (url && qr_svg(r->a, arena_printf(r->a, "%s%s", edge_options()->base_url, url), 4, &svg) == 0)
            json_object_set_new(x, "qr_svg", json_string(svg));
    }
    json_t *counts = json_array();
    const char *name;
    json_object_foreach(json_object_get(d, "missed"), name, x)
        json_array_append_new(counts, json_pack("{s:s, s:O}", "name", name, "n", x));
    json_object_set_new(d, "missed_counts", counts);
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "name")));
    json_object_set_new(c, "route", d);
    export_links(r, c, arena_printf(r->a, "/api/v1/patrols/%lld", (long long)id), NULL);
    if (json_object_get(c, "export")) /* the missed per patroller: links of their own */
        json_object_set_new(c, "export_missed", json_pack("{s:s, s:s}", "xlsx", arena_printf(r->a, "/api/v1/patrols/%lld?part=missed&format=xlsx", (long long)id),
                                                          "csv", arena_printf(r->a, "/api/v1/patrols/%lld?part=missed&format=csv", (long long)id)));
    return page_render(r, 200, "patrol", c);
}

static int round_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), rid = 0;
    int rc = id ? patrol_round_add(page_dc(r), id, page_field(r, "phone"), page_field(r, "starts"), page_field(r, "ends"), &rid)
                : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/patrols/%lld", (long long)id), "flash_round_added");
}

static json_t *categories(http_req *r)
{
    json_t *arr = json_array();
    for (const struct report_category *k = report_categories; k->code; k++)
        json_array_append_new(arr, json_pack("{s:s, s:s}", "value", k->code, "label", page_tr(r, "report_cat_", k->code)));
    return arr;
}

static int point_page(http_req *r)
{
    int64_t id = http_param_id(r, "id"), round = 0;
    const char *name = "";
    int rc = id ? patrol_my_round(page_dc(r), id, &round, &name) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "patrol_point_title");
    const char *t = edge_query(r, "t");
    json_object_set_new(c, "point", json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)id, "name", name, "t", t ? t : "",
                                              "round", (json_int_t)round));
    json_object_set_new(c, "categories", categories(r));
    return page_render(r, 200, "patrol_point", c);
}

static int checkin(http_req *r)
{
    int bad = 0;
    int64_t round = http_param_id(r, "id"), point = page_int_id(page_field(r, "point_id"), &bad);
    int rc = bad || round == 0 ? WG_ENOTFOUND : patrol_checkin(page_dc(r), round, point, page_field(r, "t"));
    return rc ? edge_fail(r, rc)
              : page_done(r, arena_printf(r->a, "/patrol-points/%lld?t=%s", (long long)point, page_field(r, "t")),
                          "flash_patrol_checked_in");
}

static int finding(http_req *r)
{
    int bad = 0;
    int64_t round = http_param_id(r, "id"), point = page_int_id(page_field(r, "point_id"), &bad), rid = 0;
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    struct report_new in = {.category = page_field(r, "category"), .description = page_field(r, "description"), .photos = photos};
    if ((in.nphotos = photo_collect(&edge_req(r)->form, photos, REPORT_PHOTOS_MAX)) < 0)
        return edge_error(r, 422, "too_many_photos", NULL), 0;
    int rc = bad || round == 0 ? WG_ENOTFOUND : patrol_finding(page_dc(r), round, point, page_field(r, "t"), &in, &rid);
    return rc ? edge_fail(r, rc) : page_done(r, arena_printf(r->a, "/reports/%lld", (long long)rid), "flash_report_sent");
}

const struct http_route patrol_web_routes[] = {
    {"GET", "/patrols", list_page, HTTP_AUTH, 0, NULL},
    {"POST", "/patrols", create, HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"GET", "/patrols/{id}", route_page, HTTP_AUTH, 0, NULL},
    {"POST", "/patrols/{id}/rounds", round_add, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"GET", "/patrol-points/{id}", point_page, HTTP_AUTH, 0, NULL},
    {"POST", "/rounds/{id}/checkins", checkin, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/rounds/{id}/findings", finding, HTTP_AUTH | HTTP_CSRF | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
