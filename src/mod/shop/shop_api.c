/*
 * /api/v1 handlers of the points shop (docs/api.md, "Points shop"):
 *   GET  /api/v1/shop?community=ID                 goods
 *   POST /api/v1/shop/items                        {community_id, name, description, price, stock, limit_qty, limit_period}
 *   POST /api/v1/shop/items/{id}/stock             {delta, reason}
 *   POST /api/v1/shop/items/{id}/redeem            {qty}
 *   GET  /api/v1/shop/redemptions?queue=true&community=ID   mine, or (staff) the community's to hand over
 *   POST /api/v1/shop/redemptions/{id}/fulfil      handed over (staff)
 *   POST /api/v1/shop/redemptions/{id}/cancel      {reason}: stock and points return
 */
#include <string.h>

#include "edge/api.h"
#include "edge/export.h"
#include "mod/shop/shop.h"

static int list(http_req *r)
{
    int64_t community = api_query_id(r, "community");
    int rc;
    if (community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (community == 0)
        community = actor_community(api_dc(r)->actor);
    json_t *o = community > 0 ? shop_items(api_dc(r), community, &rc) : NULL;
    if (o == NULL)
        return edge_fail(r, community > 0 ? rc : WG_ENOTFOUND);
    return api_send_json(r, 200, o);
}

static int send_item(http_req *r, int status, int64_t id)
{
    struct st_item it;
    int rc = shop_item_get(api_dc(r), id, &it);
    return rc ? edge_fail(r, rc) : api_send_json(r, status, shop_item_json(api_dc(r), &it));
}

static int create(http_req *r)
{
    struct item_new in = {0};
    int64_t community = 0, id = 0;
    if (api_need_body(r) || api_jint(r, "community_id", &community) || api_jstr(r, "name", &in.name) ||
        api_jstr(r, "description", &in.description) || api_jint(r, "price", &in.price) ||
        api_jint(r, "stock", &in.stock) || api_jint(r, "limit_qty", &in.limit_qty) ||
        api_jstr(r, "limit_period", &in.limit_period))
        return 0;
    int rc = shop_item_create(api_dc(r), community ? community : actor_community(api_dc(r)->actor), &in, &id);
    return rc ? edge_fail(r, rc) : send_item(r, 201, id);
}

static int stock(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *reason = NULL;
    json_t *d = json_object_get(edge_req(r)->json, "delta");
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    if (!json_is_integer(d))
        return api_bad_field(r, "delta", "shop_stock_invalid"), 0;
    int rc = id ? shop_stock_add(api_dc(r), id, (int64_t)json_integer_value(d), reason) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : send_item(r, 200, id);
}

static int redeem(http_req *r)
{
    int64_t id = http_param_id(r, "id"), qty = 1, rid = 0;
    if (api_need_body(r) || api_jint_in(r, "qty", 1, 1000, &qty))
        return 0;
    int rc = id ? shop_redeem(api_dc(r), id, qty, &rid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return api_send_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)rid, "status", "reserved"));
}

/* Redemptions as a sheet (?format=xlsx|csv): the same list, one page. */
struct redemption_export {
    int queue;
    int64_t community;
};

static const struct sheet_col export_cols[] = {
    {"export_col_id", SHEET_INT, 8},     {"shop_col_created", SHEET_TIME, 17}, {"shop_col_person", SHEET_TEXT, 12},
    {"shop_col_item", SHEET_TEXT, 20},   {"shop_col_qty", SHEET_INT, 6},       {"shop_col_points", SHEET_INT, 8},
    {"shop_col_status", SHEET_TEXT, 10},
};

static int export_page(http_req *r, dctx *c, sheet *sh, void *ud, int *more)
{
    struct redemption_export *x = ud;
    int rc = 0;
    json_t *o = shop_redemptions(c, x->queue, x->community, &rc), *t;
    size_t i;
    json_array_foreach(o ? json_object_get(o, "items") : NULL, i, t) {
        sheet_int(sh, json_integer_value(json_object_get(t, "id")));
        export_iso_time(sh, json_string_value(json_object_get(t, "created_at")));
        sheet_text(sh, json_string_value(json_object_get(t, "person")));
        sheet_text(sh, json_string_value(json_object_get(t, "item")));
        sheet_int(sh, json_integer_value(json_object_get(t, "qty")));
        sheet_int(sh, json_integer_value(json_object_get(t, "points")));
        sheet_text(sh, export_tr(r, "redemption_status_", json_string_value(json_object_get(t, "status"))));
        sheet_row_end(sh);
    }
    *more = 0;
    return rc;
}

static const struct export_list redemption_export_list =
    EXPORT_LIST("redemptions", "shop_redemptions_title", export_cols, export_page);

static int redemptions(http_req *r)
{
    int q = api_query_bool(r, "queue"), rc, format = export_format(r);
    int64_t community = api_query_id(r, "community");
    if (format < 0)
        return 0;
    if (q < 0 || community < 0)
        return edge_error(r, 400, "bad_query", NULL), 0;
    if (format) {
        struct redemption_export x = {q, community};
        return export_send(r, format, &redemption_export_list, &x);
    }
    json_t *o = shop_redemptions(api_dc(r), q, community, &rc);
    return o ? api_send_json(r, 200, o) : edge_fail(r, rc);
}

static int fulfil(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? shop_fulfil(api_dc(r), id) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "fulfilled"));
}

static int cancel(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    const char *reason = NULL;
    if (api_need_body(r) || api_jstr(r, "reason", &reason))
        return 0;
    int rc = id ? shop_cancel(api_dc(r), id, reason) : WG_ENOTFOUND;
    return rc ? edge_fail(r, rc) : api_send_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "cancelled"));
}

const struct http_route shop_api_routes[] = {
    {"GET", "/api/v1/shop", list, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/shop/items", create, HTTP_API | HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/api/v1/shop/items/{id}/stock", stock, HTTP_API | HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {"POST", "/api/v1/shop/items/{id}/redeem", redeem, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"GET", "/api/v1/shop/redemptions", redemptions, HTTP_API | HTTP_AUTH, 0, NULL},
    {"POST", "/api/v1/shop/redemptions/{id}/fulfil", fulfil, HTTP_API | HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/api/v1/shop/redemptions/{id}/cancel", cancel, HTTP_API | HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
