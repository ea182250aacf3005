/*
 * /api/v1 handlers of duty rotas (docs/api.md, "Duty rotas"):
 *   GET  /api/v1/rotas?community=ID          the community's rotas
 *   POST /api/v1/rotas                       {place_id | facility_id, title, task}
 *   GET  /api/v1/rotas/{id}                  duties, missed per person, swaps asked (?format=xlsx|csv: the duties)
 *   POST /api/v1/rotas/{id}/duties           {phone, starts, ends} ("YYYY-MM-DD HH:MM", China time)
 *   POST /api/v1/duties/{id}/done            {note}
 *   POST /api/v1/duties/{id}/swaps           {other_duty_id}
 *   POST /api/v1/swaps/{id}/answer           {accept: true | false}
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/rota/rota.h"

/* A rota's duties as a sheet (docs/api.md "Exports"): missed flagged, each with its latest swap. */
static const struct sheet_col duty_cols[] = {
    {"export_col_id", SHEET_INT, 8},          {"rota_col_person", SHEET_TEXT, 12},   {"rota_duty_starts", SHEET_TIME, 17},
    {"rota_duty_ends", SHEET_TIME, 17},       {"rota_col_status", SHEET_TEXT, 10},   {"rota_col_missed", SHEET_TEXT, 8},
    {"rota_col_done_at", SHEET_TIME, 17},     {"rota_col_note", SHEET_TEXT, 30},     {"rota_col_swap_with", SHEET_INT, 10},
    {"rota_col_swap_status", SHEET_TEXT, 10},
};

static int duties_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    int rc = 0;
    json_t *d = rota_detail(c, *(int64_t *)ud, &rc), *x;
    size_t i;
    (void)more;
    json_array_foreach(d ? json_object_get(d, "duties") : NULL, i, x) {
        const char *st = json_string_value(json_object_get(x, "status"));
        json_t *swap = json_object_get(x, "last_swap");
        sheet_int(sh, json_integer_value(json_object_get(x, "id")));
        sheet_text(sh, json_string_value(json_object_get(json_object_get(x, "person"), "name")));
        export_iso_time(sh, json_string_value(json_object_get(x, "starts_at")));
        export_iso_time(sh, json_string_value(json_object_get(x, "ends_at")));
        sheet_text(sh, export_tr(r, "duty_status_", st));
        sheet_text(sh, st && strcmp(st, "missed") == 0 ? edge_t(r, "export_yes") : "");
        export_iso_time(sh, json_string_value(json_object_get(x, "done_at")));
        sheet_text(sh, json_string_value(json_object_get(x, "note")));
        if (json_is_object(swap)) {
            sheet_int(sh, json_integer_value(json_object_get(swap, "with_duty_id")));
            sheet_text(sh, export_tr(r, "rota_swap_status_", json_string_value(json_object_get(swap, "status"))));
        }
        sheet_row_end(sh);
    }
    return d ? 0 : rc;
}

static const struct export_list duties_export = EXPORT_LIST("duties", "rota_duties", duty_cols, duties_page);

/* The community's rotas as a sheet (?format=xlsx|csv): one page. */
static const struct sheet_col rota_cols[] = {
    {"export_col_id", SHEET_INT, 8},        {"rota_name", SHEET_TEXT, 20},         {"rota_task", SHEET_TEXT, 20},
    {"rota_col_place", SHEET_TEXT, 14},     {"rota_col_facility", SHEET_TEXT, 16},
};
static const struct export_field rota_fields[] = {
    {"id", NULL}, {"title", NULL}, {"task", NULL}, {"place.name", NULL}, {"facility.name", NULL},
};
EXPORT_FIELDS(rota_cols, rota_fields);

static int rotas_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct st_rota *rs = NULL;
    int n = 0, rc = rota_list(c, *(int64_t *)ud, &rs, &n);
    for (int i = 0; rc == 0 && i < n; i++) {
        json_t *o = rota_json(c, &rs[i]);
        EXPORT_JSON_ROW(r, sh, rota_cols, rota_fields, o);
        json_decref(o);
    }
    *more = 0;
    return rc;
}

static const struct export_list rotas_export = EXPORT_LIST("rotas", "rotas_title", rota_cols, rotas_page);

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    struct st_rota *rs = NULL;
    int n = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0 && (community = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, WG_ENOTFOUND);
    if (format)
        return export_send(r, format, &rotas_export, &community);
    if ((rc = rota_list(api_dc(r), community, &rs, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, rota_json(api_dc(r), &rs[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int send_detail(http_req *r, int status, int64_t id)
{
    int rc;
    json_t *o = rota_detail(api_dc(r), id, &rc);
    return o ? api_send_json(r, status, o) : edge_fail(r, rc);
}

static int create(http_req *r)
{
    int64_t place = 0, facility = 0, id = 0;
    const char *title = NULL, *task = NULL;
    if (api_need_body(r) || api_jint(r, "place_id", &place) || api_jint(r, "facility_id", &facility) ||
        api_jstr(r, "title", &title) || api_jstr(r, "task", &task))
        return 0;
    int rc = rota_create(api_dc(r), place, facility, title, task, &id);
    return rc ? edge_fail(r, rc) : send_detail(r, 201, id);
}

static int get(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int format = export_format(r);
    if (format < 0)
        return 0;
    if (id && format)
        return export_send(r, format, &duties_export, &id);
    return id ? send_detail(r, 200, id) : edge_fail(r, WG_ENOTFOUND);
}

static int duty_add(http_req *r)
{
    int64_t id = http_param_id(r, "id"), did = 0;
    const char *phone = NULL, *starts = NULL, *ends = NULL;
    if (api_need_body(r) || api_jstr(r, "phone", &phone) || api_jstr(r, "starts", &starts) || api_jstr(r, "ends", &ends))
        return 0;
    int rc = id ? rota_duty_add(api_dc(r), id, phone, starts, ends, &did) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)did));
}

static int done(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *note = NULL;
    if (api_need_body(r) || api_jstr(r, "note", &note))
        return 0;
    int rc = id ? rota_duty_done(api_dc(r), id, note) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "done"));
}

static int swap(http_req *r)
{
    int64_t id = http_param_id(r, "id"), other = 0, sid = 0;
    if (api_need_body(r) || api_jint(r, "other_duty_id", &other))
        return 0;
    int rc = id ? rota_swap_ask(api_dc(r), id, other, &sid) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 201, json_pack("{s:I}", "id", (json_int_t)sid));
}

static int answer(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int accept = 0;
    if (api_need_body(r) || api_jbool_required(r, "accept", &accept))
        return 0;
    int rc = id ? rota_swap_answer(api_dc(r), id, accept) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
                                                                   accept ? "accepted" : "declined"));
}

const struct http_route rota_api_routes[] = {
    {"GET", "/api/v1/rotas", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/rotas", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"GET", "/api/v1/rotas/{id}", get, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/rotas/{id}/duties", duty_add, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/duties/{id}/done", done, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/duties/{id}/swaps", swap, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/swaps/{id}/answer", answer, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
