/* The demo's points shop at 凤凰苑: rice, oil and soap. */
#include "mod/shop/shop_store.h"

int shop_demo(dctx *c)
{
    static const struct {
        const char *name, *desc;
        int64_t price, stock, limit;
    } goods[] = {{"大米一袋", "5 公斤东北大米", 30, 20, 1}, {"食用油", "1.8 升花生油", 20, 10, 1}, {"洗衣皂", "两块装", 5, 50, 0}};
    struct st_person staff;
    int rc = person_by_phone(c->st, c->a, "13800002001", &staff);
    for (int i = 0; rc == 0 && i < 3; i++) {
        struct st_item it = {.community_id = place_demo_id("F"), .name = goods[i].name, .description = goods[i].desc,
                             .price = goods[i].price, .limit_qty = goods[i].limit,
                             .limit_period = goods[i].limit ? "quarter" : "none", .created_at = c->now};
        rc = shop_store_item_insert(c->st, &it);
        if (rc == 0)
            rc = shop_store_stock(c->st, it.id, it.community_id, goods[i].stock, "stock", 0, staff.id, c->now);
    }
    return rc;
}
