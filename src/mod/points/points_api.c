/*
 * /api/v1 handlers of points (docs/api.md, "Points"):
 *   GET  /api/v1/points                         my statement (?community, ?before, ?limit)
 *   GET  /api/v1/people/{id}/points             a person's statement (view_points)
 *   POST /api/v1/people/{id}/points             a manual award {amount, reason, key} (manage_points)
 *   POST /api/v1/points/transactions/{id}/reverse  a correction {reason} (manage_points)
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/points/points.h"

/* A statement as a sheet (?format=xlsx|csv): whose, and where the next page starts. */
struct points_export {
    int64_t person_id, community_id, before;
};

static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},      {"points_col_at", SHEET_TIME, 17},   {"points_col_kind", SHEET_TEXT, 10},
    {"points_col_amount", SHEET_INT, 8},  {"points_col_reason", SHEET_TEXT, 30}, {"points_col_reverses", SHEET_INT, 8},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct points_export *x = ud;
    int rc = 0;
    json_t *o = points_statement(c, x->person_id, x->community_id, x->before, POINTS_STATEMENT_MAX, &rc);
    json_t *items = o ? json_object_get(o, "items") : NULL, *t;
    size_t i;
    json_array_foreach(items, i, t) {
        sheet_int(sh, json_integer_value(json_object_get(t, "id")));
        sheet_time(sh, json_integer_value(json_object_get(t, "at")));
        sheet_text(sh, export_tr(r, "points_kind_", json_string_value(json_object_get(t, "kind"))));
        sheet_int(sh, json_integer_value(json_object_get(t, "amount")));
        sheet_text(sh, json_string_value(json_object_get(t, "reason")));
        if (json_is_integer(json_object_get(t, "reverses")))
            sheet_int(sh, json_integer_value(json_object_get(t, "reverses")));
        sheet_row_end(sh);
    }
    json_t *next = o ? json_object_get(o, "next_before") : NULL;
    *more = json_is_integer(next);
    x->before = json_integer_value(next);
    return rc;
}

static const struct export_list points_export_list =
    EXPORT_LIST("points", "points_export_title", export_cols, export_page);

static int statement_of(http_req *r, int64_t person_id)
{
    int64_t community = api_query_id(r, "community"), before = api_query_id(r, "before");
    int limit = 0, offset = 0, rc, format = export_format(r);
    if (format < 0)
        return 0;
    if (community < 0 || before < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (api_paging(r, &limit, &offset))
        return 0;
    if (format) {
        struct points_export x = {person_id, community, 0};
        return export_send(r, format, &points_export_list, &x);
    }
    json_t *o = points_statement(api_dc(r), person_id, community, before, limit, &rc);
    if (o == NULL)
        return edge_fail(r, rc);
    return api_send_json(r, 200, o);
}

static int mine(http_req *r) { return statement_of(r, 0); }

static int person(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    return id ? statement_of(r, id) : edge_fail(r, WG_ENOTFOUND);
}

static int award(http_req *r)
{
    int64_t id = http_param_id(r, "id"), amount = 0, granted = 0, txn = 0;
    const char *reason = NULL, *key = NULL;
    if (api_need_body(r) || api_jint(r, "amount", &amount) || api_jstr(r, "reason", &reason) ||
        api_jstr(r, "key", &key))
        return 0;
    int rc = id ? points_award(api_dc(r), id, amount, reason, key, &granted, &txn) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:I}", "id", (json_int_t)txn, "granted", (json_int_t)granted));
}

static int reverse(http_req *r)
{
    int64_t id = http_param_id(r, "id"), rev = 0;
    const char *reason = NULL;
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? points_reverse(api_dc(r), id, reason, &rev) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:I}", "id", (json_int_t)rev, "reverses", (json_int_t)id));
}

const struct http_route points_api_routes[] = {
    {"GET", "/api/v1/points", mine, HTTP_API | HTTP_AUTH, 0, NULL},
    {"GET", "/api/v1/people/{id}/points", person, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/people/{id}/points", award, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {"POST", "/api/v1/points/transactions/{id}/reverse", reverse, HTTP_API | HTTP_AUTH | HTTP_CSRF, 4096, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
