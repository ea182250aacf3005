/*
 * /api/v1 of places (docs/api.md, "Places" and "Per-place settings"): a
 * place with its ancestors, holders and organisations; its children; a
 * community's coverage; a place's settings.
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/place/place.h"

static int place(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct st_place p, *line;
    struct st_role *hs;
    struct st_org *orgs;
    int n = 0, nh = 0, no = 0;
    int rc = id ? place_get(api_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc == 0)
        rc = place_line(api_dc(r), &p, &line, &n);
    if (rc == 0)
        rc = place_holders(api_dc(r), &p, &hs, &nh);
    if (rc == 0)
        rc = place_orgs(api_dc(r), &p, &orgs, &no);
    if (rc)
        return edge_fail(r, rc);
    json_t *o = tree_json(api_dc(r), &p);
    json_t *lj = json_array(), *hj = json_array(), *oj = json_array();
    for (int i = 0; i < n - 1; i++)
        json_array_append_new(lj, tree_json(api_dc(r), &line[i]));
    for (int i = 0; i < nh; i++)
        if (strcmp(hs[i].role, "resident") != 0)
            json_array_append_new(hj, json_pack("{s:s, s:{s:I, s:s}, s:b}", "role", hs[i].role, "person", "id",
                                                (json_int_t)hs[i].person_id, "name", hs[i].person_name, "primary",
                                                hs[i].is_primary));
    for (int i = 0; i < no; i++)
        json_array_append_new(oj, place_org_json(api_dc(r), &orgs[i]));
    json_object_set_new(o, "ancestors", lj);
    json_object_set_new(o, "holders", hj);
    json_object_set_new(o, "organisations", oj);
    return api_send_json(r, 200, o);
}

/* The places under one as a sheet (?format=xlsx|csv): a building's
 * households with their codes and areas, a grid's buildings... Never a
 * building's registration key. */
struct children_export {
    int64_t id;
    int offset;
};

static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8}, {"place_col_code", SHEET_TEXT, 12},
    {"place_col_name", SHEET_TEXT, 16}, {"place_col_area", SHEET_DECIMAL, 10},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    (void)r;
    struct children_export *x = ud;
    struct st_place p, *kids = NULL;
    int n = 0, total = 0, rc = place_get(c, x->id, &p);
    if (rc == 0)
        rc = place_children(c, &p, LIST_LIMIT_MAX, x->offset, &kids, &n, &total);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, kids[i].id);
        sheet_text(sh, kids[i].code);
        sheet_text(sh, kids[i].name);
        if (kids[i].area_dm2 > 0)
            sheet_num(sh, (double)kids[i].area_dm2 / 100.0); /* dm² to m² */
        else
            sheet_blank(sh);
        sheet_row_end(sh);
    }
    x->offset += n;
    *more = rc == 0 && n == LIST_LIMIT_MAX && x->offset < total;
    return rc;
}

static const struct export_list children_export_list =
    EXPORT_LIST("places", "place_export_title", export_cols, export_page);

static int children(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int limit, offset, n = 0, total = 0, format = export_format(r);
    struct st_place p, *kids;
    if (format < 0 || api_paging(r, &limit, &offset))
        return 0;
    if (format) {
        struct children_export x = {id, 0};
        return id ? export_send(r, format, &children_export_list, &x) : edge_fail(r, WG_ENOTFOUND);
    }
    int rc = id ? place_get(api_dc(r), id, &p) : WG_ENOTFOUND;
    if (rc == 0)
        rc = place_children(api_dc(r), &p, limit, offset, &kids, &n, &total);
    if (rc)
        return edge_fail(r, rc);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, tree_json(api_dc(r), &kids[i]));
    return api_send_json(r, 200, api_page(arr, total, limit, offset));
}

/* The coverage as a sheet: a row per place that lacks someone, after what it lacks. */
static const struct sheet_col coverage_cols[] = {
    {"coverage_col_gap", SHEET_TEXT, 18}, {"export_col_id", SHEET_INT, 8}, {"coverage_col_place", SHEET_TEXT, 20}};

static void coverage_rows(http_req *r, sheet *sh, const char *gap, const struct st_place *ps, int n)
{
    for (int i = 0; i < n; i++) {
        sheet_text(sh, edge_t(r, gap));
        sheet_int(sh, ps[i].id);
        sheet_text(sh, ps[i].name);
        sheet_row_end(sh);
    }
}

static int coverage_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct place_coverage cv;
    int rc = place_coverage(c, *(int64_t *)ud, &cv);
    (void)more;
    if (rc)
        return rc;
    coverage_rows(r, sh, "grids_without_worker", cv.grids_no_worker, cv.n_grids_no_worker);
    coverage_rows(r, sh, "buildings_without_leader", cv.buildings_no_leader, cv.n_buildings_no_leader);
    coverage_rows(r, sh, "grids_without_party", cv.grids_no_party, cv.n_grids_no_party);
    return 0;
}

static const struct export_list coverage_export = EXPORT_LIST("coverage", "coverage", coverage_cols, coverage_page);

static int coverage(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    struct place_coverage cv;
    int format = export_format(r);
    if (format < 0)
        return 0;
    if (format && id)
        return export_send(r, format, &coverage_export, &id);
    int rc = id ? place_coverage(api_dc(r), id, &cv) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 200, place_coverage_json(api_dc(r), &cv));
}

/* ---- per-place settings: every key a module declares ---- */


static int settings_answer(http_req *r, int64_t id)
{
    json_t *o = json_object();
    for (const struct module *const *m = module_list(); *m; m++)
        for (const struct setting_def *d = (*m)->settings; d && d->key; d++) {
            const char *v = NULL;
            int rc = place_setting_get(api_dc(r), id, d->key, &v);
            if (rc) {
                json_decref(o);
                return edge_fail(r, rc);
            }
            json_object_set_new(o, d->key, v ? json_string(v) : json_null());
        }
    return api_send_json(r, 200, o);
}

static int settings(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? settings_answer(r, id) : edge_fail(r, WG_ENOTFOUND);
}

static int settings_set(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *k;
    json_t *v;
    if (api_need_body(r))
        return 0;
    if (id == 0)
        return edge_fail(r, WG_ENOTFOUND);
    int rc0 = place_settings_may_change(api_dc(r), id);
    if (rc0)
        return edge_fail(r, rc0);
    /* all or nothing: every field is checked before any is written */
    json_object_foreach(edge_req(r)->json, k, v) {
        if (!json_is_string(v))
            return api_bad_field(r, k, "bad_type"), 0;
        if (!setting_def_valid(setting_def_find(k), json_string_value(v))) {
            edge_req(r)->dc.field = k;
            return edge_error(r, 422, "setting_invalid", NULL), 0;
        }
    }
    json_object_foreach(edge_req(r)->json, k, v) {
        int rc = place_setting_set(api_dc(r), id, k, json_string_value(v));
        if (rc)
            return edge_fail(r, rc);
    }
    return settings_answer(r, id);
}

const struct http_route place_api_routes[] = {
    {"GET", "/api/v1/places/{id}", place, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/places/{id}/children", children, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/communities/{id}/coverage", coverage, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/places/{id}/settings", settings, HTTP_API | HTTP_AUTH, 0, NULL},
    {"PUT", "/api/v1/places/{id}/settings", settings_set, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
