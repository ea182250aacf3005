/* The points shop's pages: the goods (/shop) with redeem buttons and my
 * redemptions; for staff, what waits to be handed over. */
#include <string.h>

#include "edge/export.h"
#include "edge/page.h"
#include "mod/points/points.h"
#include "mod/shop/shop.h"

static void labels(http_req *r, json_t *list)
{
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(list, "items"), i, x)
        json_object_set_new(x, "status_label",
                            json_string(page_tr(r, "redemption_status_", json_string_value(json_object_get(x, "status")))));
}

static int page(http_req *r)
{
    int rc;
    int64_t community = actor_community(page_dc(r)->actor);
    json_t *items = community > 0 ? shop_items(page_dc(r), community, &rc) : NULL;
    if (items == NULL)
        return edge_fail(r, community > 0 ? rc : WG_ENOTFOUND);
    json_t *mine = shop_redemptions(page_dc(r), 0, 0, &rc), *c = page_ctx(r, "shop_title");
    json_t *st = points_statement(page_dc(r), 0, community, 0, 1, &rc);
    json_object_set_new(c, "shop", items);
    if (mine)
        labels(r, mine);
    json_object_set_new(c, "mine", mine ? mine : json_object());
    json_object_set_new(c, "balance", st ? json_incref(json_object_get(st, "balance")) : json_integer(0));
    json_decref(st);
    if (json_is_true(json_object_get(items, "may_manage"))) {
        json_t *q = shop_redemptions(page_dc(r), 1, community, &rc);
        if (q)
            json_object_set_new(c, "queue", q);
        export_links(r, c, arena_printf(r->a, "/api/v1/shop/redemptions?queue=true&community=%lld", (long long)community),
                     NULL);
    }
    return page_render(r, 200, "shop", c);
}

/* A whole number of 0 or more as typed (blank: 0); -1 if not one. */
static int64_t count_of(const char *s)
{
    int64_t v = 0;
    if (s == NULL || *s == '\0')
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || p - s > 9)
            return -1;
        v = v * 10 + (*p - '0');
    }
    return v;
}

static int create(http_req *r)
{
    struct item_new in = {.name = page_field(r, "name"), .description = page_field(r, "description"),
                          .limit_period = page_field(r, "limit_period"), .price = count_of(page_field(r, "price")),
                          .stock = count_of(page_field(r, "stock")), .limit_qty = count_of(page_field(r, "limit_qty"))};
    int64_t id = 0;
    int rc = shop_item_create(page_dc(r), actor_community(page_dc(r)->actor), &in, &id);
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, arena_printf(r->a, "/shop#item-%lld", (long long)id), "flash_item_added");
}

static int redeem(http_req *r)
{
    int64_t id = http_param_id(r, "id"), rid = 0;
    int rc = id ? shop_redeem(page_dc(r), id, 1, &rid) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, "/shop#mine", "flash_redeemed");
}

static int fulfil(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? shop_fulfil(page_dc(r), id) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, "/shop#queue", "flash_handed_over");
}

static int cancel(http_req *r)
{
    int64_t id = http_param_id(r, "id");
    int rc = id ? shop_cancel(page_dc(r), id, page_field(r, "reason")) : WG_ENOTFOUND;
    if (rc)
        return edge_fail(r, rc);
    return page_done(r, "/shop#mine", "flash_redemption_cancelled");
}

const struct http_route shop_web_routes[] = {
    {"GET", "/shop", page, HTTP_AUTH, 0, NULL},
    {"POST", "/shop/items", create, HTTP_AUTH | HTTP_CSRF, 8192, NULL},
    {"POST", "/shop/items/{id}/redeem", redeem, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/shop/redemptions/{id}/fulfil", fulfil, HTTP_AUTH | HTTP_CSRF, 1024, NULL},
    {"POST", "/shop/redemptions/{id}/cancel", cancel, HTTP_AUTH | HTTP_CSRF, 2048, NULL},
    {NULL, NULL, NULL, 0, 0, NULL},
};
