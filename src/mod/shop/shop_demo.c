/* The demo's points shop at 凤凰苑: rice, oil and soap. And a year of it in
 * the small communities (桃源, 青山, 长丰), for the dashboards: washing
 * liquid for 5 points, which their residents (the people module's demo:
 * phones 13800003KII) took now and then with the points their service
 * earned; one whose points did not reach it was turned away (cancelled). */
#include <stdio.h>

#include "mod/points/points.h"
#include "mod/people/people.h"
#include "mod/shop/shop_store.h"

static int year_of_redemptions(dctx *c, int64_t staff)
{
    static const char *const comms[] = {"T", "Q", "C"};
    int64_t now = c->now;
    int rc = 0;
    for (int k = 0; rc == 0 && k < 3; k++) {
        struct st_item it = {.community_id = place_demo_id(comms[k]), .name = "洗衣液", .description = "2 公斤装",
                             .price = 5, .limit_period = "none", .created_at = now - 370 * 86400};
        if ((rc = shop_store_item_insert(c->st, &it)) ||
            (rc = shop_store_stock(c->st, it.id, it.community_id, 200, "stock", 0, staff, it.created_at)))
            break;
        for (int m = 11; rc == 0 && m >= 0; m--)
            for (int i = 0; rc == 0 && i < 10; i++) {
                struct st_person p;
                char phone[40];
                int64_t txn = 0, at = now - (int64_t)(m * 30 + 5) * 86400;
                snprintf(phone, sizeof phone, "13800003%d%02d", k, i);
                if ((i + m) % 3 || person_by_phone(c->st, c->a, phone, &p) || p.created_at > at)
                    continue;
                struct st_redemption r = {.item_id = it.id, .community_id = it.community_id, .person_id = p.id,
                                          .qty = 1, .points = it.price, .created_at = at};
                if ((rc = shop_store_redemption_insert(c->st, &r)))
                    break;
                c->now = at;
                rc = points_spend_in(c, it.community_id, p.id, r.points, it.name, "shop_redemption", r.id,
                                     arena_printf(c->a, "shop:%lld", (long long)r.id), &txn);
                c->now = now;
                if (rc == WG_ECONFLICT) { /* not enough points */
                    c->code = NULL, c->field = NULL;
                    rc = shop_store_redemption_decide(c->st, r.id, "cancelled", staff, at);
                    continue;
                }
                if (rc == 0)
                    rc = shop_store_redemption_txn(c->st, r.id, txn);
                if (rc == 0)
                    rc = shop_store_stock(c->st, it.id, it.community_id, -1, "redeem", r.id, p.id, at);
                if (rc == 0)
                    rc = shop_store_redemption_decide(c->st, r.id, "fulfilled", staff, at + 3600);
            }
    }
    return rc;
}

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
    return rc ? rc : year_of_redemptions(c, people_demo_person(c, "13800000001"));
}
