/*
 * /api/v1 handlers of patrols (docs/api.md, "Patrols"):
 *   GET  /api/v1/patrols?community=ID           the community's routes (?format=xlsx|csv: a sheet)
 *   POST /api/v1/patrols                        {place_id, name, points: [{name, facility_id}]}
 *   GET  /api/v1/patrols/{id}                   checkpoints (with their check-in addresses for staff), rounds, missed
 *                                               (?format=xlsx|csv: the rounds; &part=missed: the missed per patroller)
 *   POST /api/v1/patrols/{id}/rounds            {phone, starts, ends}
 *   POST /api/v1/rounds/{id}/checkins           {point_id, t}
 *   POST /api/v1/rounds/{id}/findings           {point_id, t, category, description, anonymous} or multipart with photos
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/patrol/patrol.h"

/* The sheets (docs/api.md "Exports"): the routes, a route's rounds, its missed checkpoints per patroller. */
static const struct sheet_col routes_cols[] = {
    {"export_col_id", SHEET_INT, 8}, {"patrol_name", SHEET_TEXT, 20}, {"patrol_col_place", SHEET_TEXT, 16}};
static const struct sheet_col rounds_cols[] = {
    {"export_col_id", SHEET_INT, 8},        {"patrol_col_patroller", SHEET_TEXT, 12}, {"patrol_col_starts", SHEET_TIME, 17},
    {"patrol_col_ends", SHEET_TIME, 17},    {"patrol_col_closed", SHEET_TEXT, 8},     {"patrol_col_checked", SHEET_INT, 8},
    {"patrol_col_missed", SHEET_INT, 8},
};
static const struct sheet_col missed_cols[] = {
    {"patrol_col_route", SHEET_TEXT, 20}, {"patrol_col_patroller", SHEET_TEXT, 12}, {"patrol_col_missed", SHEET_INT, 8}};

static int routes_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_route *rs = NULL;
    int n = 0, rc = patrol_routes(c, *(int64_t *)ud, &rs, &n);
    (void)r, (void)more;
    for (int i = 0; rc == 0 && i < n; i++) {
        sheet_int(sh, rs[i].id);
        sheet_text(sh, rs[i].name);
        sheet_text(sh, rs[i].place_name);
        sheet_row_end(sh);
    }
    return rc;
}

static int rounds_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *d = patrol_route_detail(c, *(int64_t *)ud, 0, &rc), *x;
    size_t i;
    (void)more;
    json_array_foreach(d ? json_object_get(d, "rounds") : NULL, i, x) {
        sheet_int(sh, json_integer_value(json_object_get(x, "id")));
        sheet_text(sh, json_string_value(json_object_get(json_object_get(x, "patroller"), "name")));
        export_iso_time(sh, json_string_value(json_object_get(x, "starts_at")));
        export_iso_time(sh, json_string_value(json_object_get(x, "ends_at")));
        sheet_text(sh, json_is_true(json_object_get(x, "closed")) ? edge_t(r, "export_yes") : "");
        sheet_int(sh, json_integer_value(json_object_get(x, "checked")));
        if (json_is_true(json_object_get(x, "closed")))
            sheet_int(sh, json_integer_value(json_object_get(x, "missed")));
        else
            sheet_blank(sh); /* an open round has missed nothing yet */
        sheet_row_end(sh);
    }
    return d ? 0 : rc;
}

static int missed_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *d = patrol_route_detail(c, *(int64_t *)ud, 0, &rc), *x;
    const char *name;
    (void)r, (void)more;
    json_object_foreach(d ? json_object_get(d, "missed") : NULL, name, x) {
        sheet_text(sh, json_string_value(json_object_get(d, "name")));
        sheet_text(sh, name);
        sheet_int(sh, json_integer_value(x));
        sheet_row_end(sh);
    }
    return d ? 0 : rc;
}

static const struct export_list routes_export = EXPORT_LIST("patrols", "patrols_title", routes_cols, routes_page);
static const struct export_list rounds_export = EXPORT_LIST("patrol-rounds", "patrol_rounds", rounds_cols, rounds_page);
static const struct export_list missed_export = EXPORT_LIST("patrol-missed", "patrol_missed_by", missed_cols, missed_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_route *rs = NULL;
    int n = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format)
        return export_send(r, format, &routes_export, &community);
    if ((rc = patrol_routes(api_dc(r), community, &rs, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:{s:I, s:s}}", "id", (json_int_t)rs[i].id, "name", rs[i].name,
                                               "place", "id", (json_int_t)rs[i].place_id, "name", rs[i].place_name));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int send_detail(http_req *r, int status, int64_t id)
{
    int rc;
    json_t *o = patrol_route_detail(api_dc(r), id, 1, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int create(http_req *r)
{
    int64_t place = 0, id = 0, fac[PATROL_POINTS_MAX];
    const char *name = NULL, *names[PATROL_POINTS_MAX];
    json_t *pts = json_object_get(edge_req(r)->json, "points"), *e;
    size_t i;
    if (api_need_body(r) || api_jint(r, "place_id", &place) || api_jstr(r, "name", &name))
        return 0;
    if (!json_is_array(pts) || json_array_size(pts) > PATROL_POINTS_MAX)
        return api_bad_field(r, "points", "patrol_points_invalid"), 0;
    json_array_foreach(pts, i, e) {
        json_t *n = json_object_get(e, "name"), *f = json_object_get(e, "facility_id");
        if (!json_is_string(n) || (f && !json_is_null(f) && !json_is_integer(f)))
            return api_bad_field(r, "points", "patrol_points_invalid"), 0;
        names[i] = json_string_value(n);
        fac[i] = json_is_integer(f) ? (int64_t)json_integer_value(f) : 0;
    }
    int rc = patrol_route_create(api_dc(r), place, name, names, fac, (int)json_array_size(pts), &id);
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *part = edge_query(r, "part");
    int format = export_format(r), missed = part && strcmp(part, "missed") == 0;
    if (format < 0)
        return 0;
    if (part && *part && !missed)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (id && format)
        return export_send(r, format, missed ? &missed_export : &rounds_export, &id);
    return id ? send_detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int round_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), rid = 0;
    const char *phone = NULL, *starts = NULL, *ends = NULL;
    if (api_need_body(r) || api_jstr(r, "phone", &phone) || api_jstr(r, "starts", &starts) || api_jstr(r, "ends", &ends))
        return 0;
    int rc = id ? patrol_round_add(api_dc(r), id, phone, starts, ends, &rid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)rid));
}

static int checkin(http_req *r)
{
    int64_t id = http_param_id(r, "id"), point = 0;
    const char *t = NULL;
    if (api_need_body(r) || api_jint(r, "point_id", &point) || api_jstr(r, "t", &t))
        return 0;
    int rc = id ? patrol_checkin(api_dc(r), id, point, t) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I, s:I}", "round_id", (json_int_t)id, "point_id",
                                                                   (json_int_t)point));
}

static int finding(http_req *r)
{
    struct edge_req *ar = edge_req(r);
    int64_t id = http_param_id(r, "id"), point = 0, rid = 0;
    const char *t = NULL;
    struct report_new in = {0};
    struct photo_upload photos[REPORT_PHOTOS_MAX + 1];
    if (ar->json) {
        if (api_jint(r, "point_id", &point) || api_jstr(r, "t", &t) || api_jstr(r, "category", &in.category) ||
            api_jstr(r, "description", &in.description) || api_jbool(r, "anonymous", &in.anonymous))
            return 0;
    } else if (ar->form.n > 0) {
        int bad = 0;
        point = edge_int(form_get(&ar->form, "point_id"), 0, 0, INT64_MAX / 2, &bad);
        if (bad)
            return api_bad_field(r, "point_id", "bad_request"), 0;
        t = form_get(&ar->form, "t");
        in.category = form_get(&ar->form, "category");
        in.description = form_get(&ar->form, "description");
        if ((in.nphotos = photo_collect(&ar->form, photos, REPORT_PHOTOS_MAX)) < 0)
            return edge_error(r, 422, "too_many_photos", NULL), 0;
        in.photos = photos;
    } else {
        return api_need_body(r), 0;
    }
    int rc = id ? patrol_finding(api_dc(r), id, point, t, &in, &rid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I, s:s}", "report_id", (json_int_t)rid, "url",
                                                                   arena_printf(r->a, "/reports/%lld", (long long)rid)));
}

const struct http_route patrol_api_routes[] = {
    {"GET", "/api/v1/patrols", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/patrols", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 16384, NULL},
    {"GET", "/api/v1/patrols/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/patrols/{id}/rounds", round_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/rounds/{id}/checkins", checkin, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/rounds/{id}/findings", finding, HTTP_API | HTTP_AUTH | HTTP_CSRF | HTTP_UPLOAD | HTTP_WORKER, PHOTO_BODY_MAX, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
