/* The points shop: goods, stock, redemptions (see shop.h). */
#include "mod/shop/shop.h"

#include <string.h>
#include <time.h>

#include "core/time.h"
#include "mod/points/points.h"
#include "mod/shop/shop_int.h"
#include "mod/shop/shop_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
const struct perm_action shop_act_manage = {"manage_shop", "stock the points shop and hand over what is redeemed",
                                            {N, N, N, S, S}};
#undef N
#undef S

const struct setting_def shop_settings[] = {
    [SHOP_SET_QUARTER_DAYS] = {"shop_quarter_days", 0, 92, 0}, /* 0: any day; N: the first N days of a quarter */
    [SHOP_SET_POINT_YUAN] = {"shop_point_yuan", 0, 1, 0},      /* 1: one point shown as one yuan */
    {NULL, 0, 0, 0},
};

static const char *const periods[] = {"none", "month", "quarter", "year", NULL};

long shop_setting(dctx *c, const char *path, int which)
{
    long v = shop_settings[which].def;
    place_line_setting(c, path, &shop_settings[which], &v);
    return v;
}

/* The civil date of now in China time. */
static void today(int64_t now, int64_t *y, int *m, int *d)
{
    time_civil_from_days(time_local_day(now), y, m, d);
}

/* The start (local midnight) of the period holding now. */
static int64_t period_start(int64_t now, const char *period)
{
    int64_t y;
    int m, d;
    today(now, &y, &m, &d);
    if (strcmp(period, "month") == 0)
        d = 1;
    else if (strcmp(period, "quarter") == 0)
        m = (m - 1) / 3 * 3 + 1, d = 1;
    else if (strcmp(period, "year") == 0)
        m = 1, d = 1;
    else
        return 0;
    return time_days_from_civil(y, m, d) * TIME_DAY - TIME_ZONE_OFFSET;
}

static int community_of(dctx *c, int64_t community_id, struct st_place *com)
{
    int rc = place_get(c, community_id, com);
    if (rc == 0 && strcmp(com->kind, "community") != 0)
        rc = dctx_fail(c, WG_EINVAL, "shop_community_required", "community");
    return rc;
}

int shop_item_create(dctx *c, int64_t community_id, const struct item_new *in, int64_t *id)
{
    struct st_place com;
    int rc = community_of(c, community_id, &com);
    if (rc || (rc = perm_check(c, &shop_act_manage, com.path, com.id)))
        return rc;
    if ((rc = dctx_text(c, in->name, SHOP_NAME_MAX, 1, "name", "name_required", "shop_name_invalid")) ||
        (rc = dctx_text(c, in->description, SHOP_TEXT_MAX, 0, "description", "description_required",
                        "shop_text_invalid")))
        return rc;
    if (in->price < 1 || in->price > SHOP_PRICE_MAX)
        return dctx_fail(c, WG_EINVAL, "shop_price_invalid", "price");
    if (in->stock < 0 || in->stock > SHOP_STOCK_MAX)
        return dctx_fail(c, WG_EINVAL, "shop_stock_invalid", "stock");
    if (in->limit_qty < 0 || in->limit_qty > 1000)
        return dctx_fail(c, WG_EINVAL, "shop_limit_invalid", "limit_qty");
    const char *period = in->limit_period && *in->limit_period ? in->limit_period : "none";
    int i = 0;
    while (periods[i] && strcmp(periods[i], period) != 0)
        i++;
    if (periods[i] == NULL)
        return dctx_fail(c, WG_EINVAL, "shop_period_invalid", "limit_period");
    struct st_item it = {.community_id = com.id, .name = in->name, .description = in->description ? in->description : "",
                         .price = in->price, .limit_qty = in->limit_qty, .limit_period = period, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = shop_store_item_insert(c->st, &it);
    if (rc == 0 && in->stock > 0)
        rc = shop_store_stock(c->st, it.id, com.id, in->stock, "stock", 0, c->actor->id, c->now);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = it.id;
    return 0;
}

int shop_item_get(dctx *c, int64_t id, struct st_item *out)
{
    struct st_place com;
    int rc = shop_store_item_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = place_get(c, out->community_id, &com)))
        return rc;
    return 0;
}

int shop_stock_add(dctx *c, int64_t item_id, int64_t delta, const char *reason)
{
    struct st_item it;
    struct st_place com;
    int rc = shop_item_get(c, item_id, &it);
    if (rc || (rc = place_get(c, it.community_id, &com)) ||
        (rc = perm_check(c, &shop_act_manage, com.path, com.id)))
        return rc;
    if (delta == 0 || delta > SHOP_STOCK_MAX || delta < -SHOP_STOCK_MAX)
        return dctx_fail(c, WG_EINVAL, "shop_stock_invalid", "delta");
    if ((rc = dctx_text(c, reason, SHOP_TEXT_MAX, 1, "reason", "reason_required", "reason_invalid")) ||
        (rc = store_begin(c->st)))
        return rc;
    rc = shop_store_item_lock(c->st, it.id);
    if (rc == 0)
        rc = shop_store_stock(c->st, it.id, it.community_id, delta, reason, 0, c->actor->id, c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "shop_out_of_stock", "delta");
    return store_end(c->st, rc);
}

/* Redemptions open today: any day, or the first N days of a quarter. */
static int open_today(dctx *c, const char *path)
{
    long days = shop_setting(c, path, SHOP_SET_QUARTER_DAYS);
    if (days == 0)
        return 1;
    return c->now < period_start(c->now, "quarter") + days * TIME_DAY;
}

int shop_redeem(dctx *c, int64_t item_id, int64_t qty, int64_t *redemption_id)
{
    struct st_item it;
    struct st_place com;
    int64_t had = 0, txn = 0;
    int rc = shop_item_get(c, item_id, &it);
    if (rc || (rc = place_get(c, it.community_id, &com)))
        return rc;
    if (qty < 1 || qty > SHOP_QTY_MAX)
        return dctx_fail(c, WG_EINVAL, "shop_qty_invalid", "qty");
    if (actor_community(c->actor) != it.community_id)
        return dctx_fail(c, WG_EPERM, "shop_not_resident", NULL);
    if (!it.active)
        return dctx_fail(c, WG_ECONFLICT, "shop_item_closed", NULL);
    if (!open_today(c, com.path))
        return dctx_fail(c, WG_ECONFLICT, "shop_closed_today", NULL);
    struct st_redemption r = {.item_id = it.id, .community_id = it.community_id, .person_id = c->actor->id,
                              .qty = qty, .points = it.price * qty, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    rc = shop_store_item_lock(c->st, it.id);
    if (rc == 0)
        rc = shop_store_item_get(c->st, c->a, it.id, &it); /* the stock as it is now */
    if (rc == 0 && it.stock < qty)
        rc = dctx_fail(c, WG_ECONFLICT, "shop_out_of_stock", "qty");
    if (rc == 0 && it.limit_qty > 0 &&
        (rc = shop_store_redeemed_since(c->st, c->actor->id, it.id, period_start(c->now, it.limit_period), &had)) == 0 &&
        had + qty > it.limit_qty)
        rc = dctx_fail(c, WG_ECONFLICT, "shop_limit_reached", "qty");
    if (rc == 0) { /* the redemption's id names its points: insert first, then spend */
        r.points_txn_id = 0;
        rc = shop_store_redemption_insert(c->st, &r);
    }
    if (rc == 0)
        rc = points_spend_in(c, it.community_id, c->actor->id, r.points, it.name, "shop_redemption", r.id,
                             arena_printf(c->a, "shop:%lld", (long long)r.id), &txn);
    if (rc == 0)
        rc = shop_store_redemption_txn(c->st, r.id, txn);
    if (rc == 0)
        rc = shop_store_stock(c->st, it.id, it.community_id, -qty, "redeem", r.id, c->actor->id, c->now);
    if (rc == WG_ECONFLICT && c->code == NULL)
        rc = dctx_fail(c, rc, "shop_out_of_stock", "qty");
    if ((rc = store_end(c->st, rc)))
        return rc;
    *redemption_id = r.id;
    return 0;
}

/* Reads a redemption and checks who may decide it. */
static int decidable(dctx *c, int64_t id, int staff_only, struct st_redemption *r, struct st_place *com)
{
    int rc = shop_store_redemption_get(c->st, c->a, id, r);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = place_get(c, r->community_id, com)))
        return rc;
    if (staff_only || r->person_id != c->actor->id)
        rc = perm_check(c, &shop_act_manage, com->path, com->id);
    if (rc == 0 && strcmp(r->status, "reserved") != 0)
        rc = dctx_fail(c, WG_ECONFLICT, "shop_redemption_decided", NULL);
    return rc;
}

int shop_fulfil(dctx *c, int64_t redemption_id)
{
    struct st_redemption r;
    struct st_place com;
    int rc = decidable(c, redemption_id, 1, &r, &com);
    if (rc || (rc = store_begin(c->st)))
        return rc;
    rc = shop_store_redemption_decide(c->st, r.id, "fulfilled", c->actor->id, c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "shop_redemption_decided", NULL);
    return store_end(c->st, rc);
}

int shop_cancel(dctx *c, int64_t redemption_id, const char *reason)
{
    struct st_redemption r;
    struct st_place com;
    int64_t rev = 0;
    int rc = decidable(c, redemption_id, 0, &r, &com);
    if (rc)
        return rc;
    if (reason == NULL || *reason == '\0')
        reason = "cancelled";
    if ((rc = dctx_text(c, reason, REASON_MAX, 1, "reason", "reason_required", "reason_invalid")) ||
        (rc = store_begin(c->st)))
        return rc;
    rc = shop_store_item_lock(c->st, r.item_id);
    if (rc == 0)
        rc = shop_store_redemption_decide(c->st, r.id, "cancelled", c->actor->id, c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "shop_redemption_decided", NULL);
    if (rc == 0)
        rc = points_refund_in(c, r.points_txn_id, reason, &rev);
    if (rc == 0)
        rc = shop_store_stock(c->st, r.item_id, r.community_id, r.qty, "cancel", r.id, c->actor->id, c->now);
    return store_end(c->st, rc);
}
