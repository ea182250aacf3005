/*
 * Facility pages: the registry (/facilities) with the form that registers
 * one for staff; a facility (/facilities/{id}) with its photos, keeper,
 * upkeep (and the form for the keeper and staff) and the panels of later
 * modules (its reports); its QR plate to print (/facilities/{id}/plate),
 * which leads back to the facility's page.
 */
#include <string.h>

#include "core/qr.h"
#include "edge/export.h"
#include "edge/page.h"
#include "mod/facility/facility.h"

/* The words for a kind or an upkeep kind, as select options. */
static json_t *kinds(http_req *r, const char *const *list, const char *prefix)
{
    json_t *arr = json_array();
    for (; *list; list++)
        json_array_append_new(arr, json_pack("{s:s, s:s}", "value", *list, "label", page_tr(r, prefix, *list)));
    return arr;
}

/* Where staff may put a facility: the community, its grids and their buildings. */
static json_t *places(http_req *r, const struct st_place *com)
{
    json_t *arr = json_array();
    struct st_place *grids = NULL, *bs = NULL;
    int ng = 0, nb = 0, total = 0;
    json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)com->id, "name", com->name));
    if (place_children(page_dc(r), com, 50, 0, &grids, &ng, &total))
        return arr;
    for (int g = 0; g < ng; g++) {
        json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)grids[g].id, "name", grids[g].name));
        if (place_children(page_dc(r), &grids[g], 100, 0, &bs, &nb, &total) == 0)
            for (int b = 0; b < nb; b++)
                json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)bs[b].id, "name",
                                                     arena_printf(r->a, "%s · %s", grids[g].name, bs[b].name)));
    }
    return arr;
}

static void label(http_req *r, json_t *f)
{
    json_object_set_new(f, "kind_label", json_string(page_tr(r, "facility_kind_", json_string_value(json_object_get(f, "kind")))));
}

static int list_page(http_req *r)
{
    struct st_facility *fs = NULL;
    struct st_place com;
    int n = 0;
    int64_t community = actor_community(page_dc(r)->actor);
    int rc = community > 0 ? place_get(page_dc(r), community, &com) : WG_ENOTFOUND;
    if (rc || (rc = facility_list(page_dc(r), community, &fs, &n)))
        return edge_fail(r, rc);
    json_t *c = page_ctx(r, "facilities_title"), *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *x = facility_json(page_dc(r), &fs[i]);
        label(r, x);
        json_array_append_new(items, x);
    }
    json_object_set_new(c, "facilities", items);
    export_links(r, c, arena_printf(r->a, "/api/v1/facilities?community=%lld", (long long)community), NULL);
    if (perm_allows(page_dc(r)->actor, &facility_act_manage, com.path)) {
        int bad = 0;
        int64_t project = page_int_id(edge_query(r, "project"), &bad);
        json_object_set_new(c, "may_add", json_pack("{s:o, s:o, s:I, s:i}", "kinds", kinds(r, facility_kinds, "facility_kind_"),
                                                    "places", places(r, &com), "project_id", (json_int_t)(bad ? 0 : project),
                                                    "photos_max", FACILITY_PHOTOS_MAX));
    }
    return page_render(r, 200, "facilities", c);
}

static int create(http_req *r)
{
    struct photo_upload photos[FACILITY_PHOTOS_MAX + 1];
    struct facility_new in = {.kind = page_field(r, "kind"), .name = page_field(r, "name"),
                              .description = page_field(r, "description"), .keeper_phone = page_field(r, "keeper_phone"),
                              .photos = photos};
    int bad = 0;
    in.place_id = edge_int(page_field(r, "place_id"), 0, 0, INT64_MAX / 2, &bad);
    in.project_id = edge_int(page_field(r, "project_id"), 0, 0, INT64_MAX / 2, &bad);
    if (bad)
        return edge_error(r, 422, "facility_place_invalid", NULL), 0;
    if ((in.nphotos = photo_collect(&edge_req(r)->form, photos, FACILITY_PHOTOS_MAX)) < 0)
        return edge_error(r, 422, "too_many_photos", NULL), 0;
    int64_t id = 0;
    int rc = facility_create(page_dc(r), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/facilities/%lld", (long long)id), "flash_facility_added");
}

struct render_call {
    http_req *r;
    json_t *ctx, *out;
};

static int render_one(const void *impl, void *ud)
{
    const struct facility_ext *x = impl;
    struct render_call *rc = ud;
    json_t *p = x->template ? page_panel(rc->r, x->template, rc->ctx) : NULL;
    if (p)
        json_array_append_new(rc->out, p);
    return 0;
}

static int facility_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = WG_ENOTFOUND;
    json_t *d = id ? facility_detail(page_dc(r), id, &rc) : NULL, *u;
    if (d == NULL)
        return edge_fail(r, rc);
    label(r, d);
    size_t i;
    json_array_foreach(json_object_get(d, "upkeep"), i, u)
        json_object_set_new(u, "kind_label", json_string(page_tr(r, "upkeep_kind_", json_string_value(json_object_get(u, "kind")))));
    if (json_is_true(json_object_get(d, "may_keep")))
        json_object_set_new(d, "upkeep_kinds", kinds(r, facility_upkeep_kinds, "upkeep_kind_"));
    json_object_set_new(d, "csrf", json_string(edge_req(r)->csrf));
    json_t *panels = json_array();
    module_each_ext("facility", render_one, &(struct render_call){r, d, panels});
    json_t *c = page_ctx_title(r, json_string_value(json_object_get(d, "name")));
    json_object_set_new(c, "facility", d);
    json_object_set_new(c, "panels", panels);
    return page_render(r, 200, "facility", c);
}

static int upkeep(http_req *r)
{
    int64_t id = http_param_id(r, "id"), uid = 0;
    int rc = id ? facility_upkeep(page_dc(r), id, page_field(r, "kind"), page_field(r, "note"), &uid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/facilities/%lld#upkeep", (long long)id), "flash_upkeep_recorded");
}

static int plate_page(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_facility f;
    const char *svg = NULL;
    int rc = id ? facility_get(page_dc(r), id, &f) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    const char *url = arena_printf(r->a, "%s/facilities/%lld", edge_options()->base_url, (long long)f.id);
    json_t *d = facility_json(page_dc(r), &f);
    label(r, d);
    if (qr_svg(r->a, url, 8, &svg) == 0)
        json_object_set_new(d, "qr_svg", json_string(svg));
    json_object_set_new(d, "full_url", json_string(url));
    json_t *c = page_ctx_title(r, f.name);
    json_object_set_new(c, "facility", d);
    return page_render(r, 200, "facility_plate", c);
}

const struct http_route facility_web_routes[] = {
    {"GET", "/facilities", list_page, HTTP_AUTH, 0, NULL},
    {"POST", "/facilities", create, HTTP_AUTH | HTTP_CSRF | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"GET", "/facilities/{id}", facility_page, HTTP_AUTH, 0, NULL},
    {"POST", "/facilities/{id}/upkeep", upkeep, HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"GET", "/facilities/{id}/plate", plate_page, HTTP_AUTH, 0, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
