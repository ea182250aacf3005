/*
 * /api/v1 handlers of reports upward (docs/api.md, "Reports upward"):
 *   GET  /api/v1/upward-templates?place=ID          the street's templates (a street, or a community of it)
 *   POST /api/v1/upward-templates                   {street_id, name, period_kind, items: [{label, figure, by}]}
 *   GET  /api/v1/upward-templates/{id}?period=P     every community's report side by side (?format=xlsx|csv)
 *   POST /api/v1/upward-reports                     {template_id, community_id, period}: fill (or refill)
 *   GET  /api/v1/upward-reports/{id}
 *   POST /api/v1/upward-reports/{id}/review         {note}
 *   POST /api/v1/upward-reports/{id}/submit
 *   POST /api/v1/upward-reports/{id}/return         {reason}
 */
#include "edge/api.h"
#include "edge/export.h"
#include "mod/upward/upward.h"
#include "mod/upward/upward_int.h"

static int send_report(http_req *r, int status, int64_t id)
{
    struct st_upward_report rep;
    int rc = upward_report_get(api_dc(r), id, &rep);
    return rc ? edge_fail(r, rc) : api_send_json(r, status, upward_report_json(api_dc(r), &rep));
}

static int templates(http_req *r)
{
    struct st_upward_template *ts = NULL;
    int n = 0, rc;
    int64_t place = api_query_id(r, "place");
    if (place < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (place == 0 && (place = actor_community(api_dc(r)->actor)) <= 0)
        return edge_fail(r, dctx_fail(api_dc(r), WG_ENOTFOUND, "not_found", NULL));
    if ((rc = upward_templates(api_dc(r), place, &ts, &n)))
        return edge_fail(r, rc);
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, upward_template_json(api_dc(r), &ts[i]));
    return api_send_json(r, 200, json_pack("{s:o}", "items", items));
}

static int template_create(http_req *r)
{
    const char *name = NULL, *kind = NULL;
    int64_t street = 0, id = 0;
    json_t *a, *v;
    size_t i;
    if (api_need_body(r) || api_jint(r, "street_id", &street) || api_jstr(r, "name", &name) ||
        api_jstr(r, "period_kind", &kind))
        return 0;
    a = api_jfield(r, "items");
    if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > UPWARD_ITEMS_MAX)
        return api_bad_field(r, "items", "upward_items_invalid");
    struct upward_item *items = arena_alloc(r->a, sizeof *items * json_array_size(a));
    json_array_foreach(a, i, v) {
        json_t *by = json_object_get(v, "by");
        if (!json_is_string(json_object_get(v, "label")) || !json_is_string(json_object_get(v, "figure")) ||
            (by && !json_is_string(by) && !json_is_null(by)))
            return api_bad_field(r, "items", "upward_items_invalid");
        items[i] = (struct upward_item){.pos = (int)i + 1, .label = json_string_value(json_object_get(v, "label")),
                                        .figure = json_string_value(json_object_get(v, "figure")),
                                        .by = json_is_string(by) ? json_string_value(by) : ""};
    }
    int rc = upward_template_create(api_dc(r), street, name, kind, items, (int)json_array_size(a), &id);
    if (rc)
        return edge_fail(r, rc);
    struct st_upward_template t;
    if ((rc = upward_template_get(api_dc(r), id, &t)))
        return edge_fail(r, rc);
    return api_send_json(r, 201, upward_template_json(api_dc(r), &t));
}

static int compare(http_req *r)
{
    int rc = 0, format = export_format(r);
    int64_t id = http_param_id(r, "id");
    if (format < 0)
        return 0;
    const char *period = upward_period_or_default(r, id);
    if (format)
        return upward_export_compare(r, format, id, period);
    json_t *o = upward_compare(api_dc(r), id, period, &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int fill(http_req *r)
{
    int64_t tid = 0, com = 0, id = 0;
    const char *period = NULL;
    if (api_need_body(r) || api_jint(r, "template_id", &tid) || api_jint(r, "community_id", &com) ||
        api_jstr(r, "period", &period))
        return 0;
    int rc = upward_fill(api_dc(r), tid, com, period, &id);
    return rc ? edge_fail(r, rc) : send_report(r, 201, id);
}

static int get(http_req *r)
{
    return send_report(r, 200, http_param_id(r, "id"));
}

static int review(http_req *r)
{
    const char *note = NULL;
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r) || api_jstr(r, "note", &note))
        return 0;
    int rc = upward_review(api_dc(r), id, note);
    return rc ? edge_fail(r, rc) : send_report(r, 200, id);
}

static int submit(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = upward_submit(api_dc(r), id);
    return rc ? edge_fail(r, rc) : send_report(r, 200, id);
}

static int give_back(http_req *r)
{
    const char *reason = NULL;
    int64_t id = http_param_id(r, "id");
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = upward_return(api_dc(r), id, reason);
    return rc ? edge_fail(r, rc) : send_report(r, 200, id);
}

#define W HTTP_API | HTTP_AUTH | HTTP_STAFF | HTTP_CSRF
#define R HTTP_API | HTTP_AUTH | HTTP_STAFF
const struct http_route upward_api_routes[] = {
    {"GET", "/api/v1/upward-templates", templates, R, 0, NULL},
    {"POST", "/api/v1/upward-templates", template_create, W, 16384, NULL},
    {"GET", "/api/v1/upward-templates/{id}", compare, R, 0, NULL},
    {"POST", "/api/v1/upward-reports", fill, W, 2048, NULL},
    {"GET", "/api/v1/upward-reports/{id}", get, R, 0, NULL},
    {"POST", "/api/v1/upward-reports/{id}/review", review, W, 2048, NULL},
    {"POST", "/api/v1/upward-reports/{id}/submit", submit, W, 1024, NULL},
    {"POST", "/api/v1/upward-reports/{id}/return", give_back, W, 2048, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
#undef W
#undef R
