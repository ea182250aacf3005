/*
 * The points shop (积分超市, STAGES.md): goods with a price in points, a
 * stock ledger and a redemption limit per person per period.
 *
 * A redemption reserves the stock and the points in one transaction that
 * holds the item's row and the two points accounts (PostgreSQL; SQLite's
 * writers are serialised): neither stock nor points ever goes below zero,
 * however many redeem at once. Staff hand the goods over (fulfilled) or
 * cancel it; the person may cancel while it is reserved; a cancellation
 * returns both (a refund transaction in the points ledger, a stock
 * entry). Settings: shop_quarter_days (0: any day; N: redemptions only in
 * the first N days of each quarter), shop_point_yuan (1: one point is
 * shown as one yuan).
 *
 * Permission: residents of the community browse and redeem;
 * manage_shop (community staff, street) adds goods, stock, and fulfils.
 */
#ifndef WG_MOD_SHOP_H
#define WG_MOD_SHOP_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/place/place.h"

#define SHOP_NAME_MAX 60
#define SHOP_TEXT_MAX 500
#define SHOP_PRICE_MAX 100000
#define SHOP_STOCK_MAX 100000
#define SHOP_QTY_MAX 10

extern const struct perm_action shop_act_manage;

struct st_item {
    int64_t id, community_id, price, stock, limit_qty, created_at;
    const char *name, *description, *limit_period;
    int active;
};

struct st_redemption {
    int64_t id, item_id, community_id, person_id, qty, points, points_txn_id, created_at, decided_at;
    const char *status, *item_name, *person_name;
};

struct item_new {
    const char *name, *description, *limit_period; /* period: none, month, quarter, year */
    int64_t price, stock, limit_qty;                 /* limit_qty 0: no limit */
};
int shop_item_create(dctx *c, int64_t community_id, const struct item_new *in, int64_t *id);
int shop_item_get(dctx *c, int64_t id, struct st_item *out);
int shop_stock_add(dctx *c, int64_t item_id, int64_t delta, const char *reason);
/* Redeems qty of the item: WG_ECONFLICT shop_out_of_stock,
 * points_balance_low, shop_limit_reached, shop_closed_today. */
int shop_redeem(dctx *c, int64_t item_id, int64_t qty, int64_t *redemption_id);
int shop_fulfil(dctx *c, int64_t redemption_id);
int shop_cancel(dctx *c, int64_t redemption_id, const char *reason);

json_t *shop_items(dctx *c, int64_t community_id, int *rc);
json_t *shop_item_json(dctx *c, const struct st_item *it);
/* Mine, or with staff_queue the reserved ones of a community (0: the
 * actor's) for manage_shop. */
json_t *shop_redemptions(dctx *c, int staff_queue, int64_t community, int *rc);

extern const struct module shop_module;

#endif
