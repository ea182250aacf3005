/* The shop as its pages and the API show it. */
#include <string.h>

#include "core/time.h"
#include "mod/shop/shop_int.h"
#include "mod/shop/shop_store.h"

json_t *shop_item_json(dctx *c, const struct st_item *it)
{
    (void)c;
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:I, s:b}", "id", (json_int_t)it->id, "name", it->name, "description",
                          it->description, "price", (json_int_t)it->price, "stock", (json_int_t)it->stock,
                          "in_stock", it->stock > 0);
    json_object_set_new(o, "limit", it->limit_qty ? json_pack("{s:I, s:s}", "qty", (json_int_t)it->limit_qty,
                                                              "period", it->limit_period)
                                                  : json_null());
    return o;
}

json_t *shop_items(dctx *c, int64_t community_id, int *rc)
{
    struct st_place com;
    struct st_item *it = NULL;
    int n = 0;
    if ((*rc = place_get(c, community_id, &com)) ||
        (*rc = shop_store_items(c->st, c->a, com.community_id ? com.community_id : com.id, &it, &n)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, shop_item_json(c, &it[i]));
    return json_pack("{s:o, s:b, s:b, s:I}", "items", items, "point_is_yuan",
                     shop_setting(c, com.path, SHOP_SET_POINT_YUAN) == 1, "may_manage",
                     c->actor && perm_allows(c->actor, &shop_act_manage, com.path), "quarter_days",
                     (json_int_t)shop_setting(c, com.path, SHOP_SET_QUARTER_DAYS));
}

json_t *shop_redemptions(dctx *c, int staff_queue, int64_t community, int *rc)
{
    struct st_redemption *r = NULL;
    int n = 0;
    if (staff_queue) {
        struct st_place com;
        if (community == 0)
            community = actor_community(c->actor);
        if (community <= 0 || (*rc = place_get(c, community, &com)) ||
            (*rc = perm_check(c, &shop_act_manage, com.path, com.id))) {
            if (community <= 0)
                *rc = dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
            return NULL;
        }
    }
    if ((*rc = shop_store_redemptions(c->st, c->a, staff_queue ? 0 : c->actor->id, staff_queue ? community : 0, &r, &n)))
        return NULL;
    json_t *items = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:I, s:s, s:s}", "id", (json_int_t)r[i].id, "item_id",
                              (json_int_t)r[i].item_id, "item", r[i].item_name, "qty", (json_int_t)r[i].qty, "points",
                              (json_int_t)r[i].points, "status", r[i].status, "person", r[i].person_name);
        json_object_set_new(o, "reserved", json_boolean(strcmp(r[i].status, "reserved") == 0));
        time_json_pair(o, "created_at", r[i].created_at);
        json_array_append_new(items, o);
    }
    return json_pack("{s:o}", "items", items);
}
