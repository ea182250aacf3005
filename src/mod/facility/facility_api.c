/*
 * /api/v1 handlers of facilities (docs/api.md, "Facilities"):
 *   GET  /api/v1/facilities?community=ID   the community's facilities
 *   POST /api/v1/facilities                {place_id, project_id, kind, name, description, keeper_phone}, or
 *                                          multipart with the same fields and "photos"
 *   GET  /api/v1/facilities/{id}           the facility, its upkeep, and later modules' panels (its reports)
 *   POST /api/v1/facilities/{id}/upkeep    {kind, note}
 */
#include "edge/api.h"
#include "edge/export.h"
#include "mod/facility/facility.h"

/* The registry as a sheet (?format=xlsx|csv): one page, the list is a community's. */
static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},        {"facility_col_name", SHEET_TEXT, 20}, {"facility_col_kind", SHEET_TEXT, 12},
    {"facility_col_place", SHEET_TEXT, 16}, {"facility_col_keeper", SHEET_TEXT, 12},
    {"facility_col_project", SHEET_TEXT, 24}, {"facility_col_created", SHEET_TIME, 17},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_facility *fs = NULL;
    int n = 0, rc = facility_list(c, *(int64_t *)ud, &fs, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, fs[i].id);
        sheet_text(sh, fs[i].name);
        sheet_text(sh, export_tr(r, "facility_kind_", fs[i].kind));
        sheet_text(sh, fs[i].place_name);
        sheet_text(sh, fs[i].keeper_name);
        sheet_text(sh, fs[i].project_title);
        sheet_time(sh, fs[i].created_at);
        sheet_row_end(sh);
    }
    *more = 0;
    return rc;
}

static const struct export_list facility_export_list =
    EXPORT_LIST("facilities", "facilities_title", export_cols, export_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_facility *fs = NULL;
    int n = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format)
        return export_send(r, format, &facility_export_list, &community);
    if ((rc = facility_list(api_dc(r), community, &fs, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, facility_json(api_dc(r), &fs[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int send_detail(http_req *r, int status, int64_t id)
{
    int rc;
    json_t *o = facility_detail(api_dc(r), id, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int create(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    struct facility_new in = {0};
    struct photo_upload photos[FACILITY_PHOTOS_MAX + 1];
    int64_t id = 0;
    if (ar->json) {
        if (api_jint(r, "place_id", &in.place_id) || api_jint(r, "project_id", &in.project_id) ||
            api_jstr(r, "kind", &in.kind) || api_jstr(r, "name", &in.name) ||
            api_jstr(r, "description", &in.description) || api_jstr(r, "keeper_phone", &in.keeper_phone))
            return 0;
        if (json_object_get(ar->json, "photos"))
            return api_bad_field(r, "photos", "multipart_required"), 0;
    } else if (ar->form.n > 0) {
        int bad = 0;
        in.place_id = edge_int(form_get(&ar->form, "place_id"), 0, 0, INT64_MAX, &bad);
        in.project_id = edge_int(form_get(&ar->form, "project_id"), 0, 0, INT64_MAX, &bad);
        if (bad)
            return api_bad_field(r, "place_id", "bad_request"), 0;
        in.kind = form_get(&ar->form, "kind");
        in.name = form_get(&ar->form, "name");
        in.description = form_get(&ar->form, "description");
        in.keeper_phone = form_get(&ar->form, "keeper_phone");
        if ((in.nphotos = photo_collect(&ar->form, photos, FACILITY_PHOTOS_MAX)) < 0) {
            api_dc(r)->field = "photos";
            return edge_error(r, 422, "too_many_photos", NULL), 0;
        }
        in.photos = photos;
    } else {
        return api_need_body(r), 0;
    }
    int rc = facility_create(api_dc(r), &in, &id);
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? send_detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int upkeep(http_req *r)
{
    int64_t id = http_param_id(r, "id"), uid = 0;
    const char *kind = NULL, *note = NULL;
    if (api_need_body(r) || api_jstr(r, "kind", &kind) || api_jstr(r, "note", &note))
        return 0;
    int rc = id ? facility_upkeep(api_dc(r), id, kind, note, &uid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)uid));
}

const struct http_route facility_api_routes[] = {
    {"GET", "/api/v1/facilities", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/facilities", create, HTTP_API | HTTP_AUTH | HTTP_CSRF | HTTP_UPLOAD | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {"GET", "/api/v1/facilities/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/facilities/{id}/upkeep", upkeep, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
