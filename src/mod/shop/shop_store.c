/* The shop module's SQL. */
#include "mod/shop/shop_store.h"

#include "core/err.h"
#include "store/sql.h"

#define ITEM_COLS "i.id, i.community_id, i.price, i.stock, i.limit_qty, i.created_at, i.name, i.description, " \
                  "i.limit_period, i.active"

static void read_item(arena *a, store *s, void *st, void *item)
{
    struct st_item *x = item;
    x->id = sql_col_int(s, st, 0);
    x->community_id = sql_col_int(s, st, 1);
    x->price = sql_col_int(s, st, 2);
    x->stock = sql_col_int(s, st, 3);
    x->limit_qty = sql_col_int(s, st, 4);
    x->created_at = sql_col_int(s, st, 5);
    x->name = sql_col_str(a, s, st, 6);
    x->description = sql_col_str(a, s, st, 7);
    x->limit_period = sql_col_str(a, s, st, 8);
    x->active = (int)sql_col_int(s, st, 9);
}

int shop_store_item_insert(store *s, struct st_item *it)
{
    void *st = sql_prep(s, "INSERT INTO shop_item(community_id, name, description, price, stock, limit_qty, "
                           "limit_period, active, created_at) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, 1, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issiisi", it->community_id, it->name, it->description, it->price, it->limit_qty,
             it->limit_period, it->created_at);
    return sql_insert_id(s, st, &it->id);
}

int shop_store_item_get(store *s, arena *a, int64_t id, struct st_item *out)
{
    void *st = sql_prep(s, "SELECT " ITEM_COLS " FROM shop_item i WHERE i.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_item, out);
}

int shop_store_items(store *s, arena *a, int64_t community_id, struct st_item **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ITEM_COLS " FROM shop_item i WHERE i.community_id = ?1 AND i.active = 1 "
                           "ORDER BY i.price, i.id LIMIT 200");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    return sql_collect(s, a, st, sizeof **out, 200, read_item, (void **)out, n);
}

int shop_store_item_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM shop_item WHERE id = ?1 FOR NO KEY UPDATE", id);
}

int shop_store_stock(store *s, int64_t item_id, int64_t community_id, int64_t delta, const char *reason,
                     int64_t redemption_id, int64_t actor_id, int64_t at)
{
    void *st = sql_prep(s, "UPDATE shop_item SET stock = stock + ?2 WHERE id = ?1 AND stock + ?2 >= 0");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", item_id, delta);
    int rc = sql_exec_one(s, st, WG_ECONFLICT);
    if (rc)
        return rc;
    st = sql_prep(s, "INSERT INTO shop_stock(item_id, community_id, delta, reason, redemption_id, actor_id, at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisIIi", item_id, community_id, delta, reason, redemption_id, actor_id, at);
    return sql_exec(s, st);
}

int shop_store_redemption_insert(store *s, struct st_redemption *r)
{
    void *st = sql_prep(s, "INSERT INTO shop_redemption(item_id, community_id, person_id, qty, points, status, "
                           "points_txn_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'reserved', ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiiii", r->item_id, r->community_id, r->person_id, r->qty, r->points, r->points_txn_id,
             r->created_at);
    return sql_insert_id(s, st, &r->id);
}

#define RED_COLS "r.id, r.item_id, r.community_id, r.person_id, r.qty, r.points, r.points_txn_id, r.created_at, " \
                 "COALESCE(r.decided_at, 0), r.status, i.name, pe.name"
#define RED_FROM " FROM shop_redemption r JOIN shop_item i ON i.id = r.item_id JOIN person pe ON pe.id = r.person_id "

static void read_red(arena *a, store *s, void *st, void *item)
{
    struct st_redemption *x = item;
    x->id = sql_col_int(s, st, 0);
    x->item_id = sql_col_int(s, st, 1);
    x->community_id = sql_col_int(s, st, 2);
    x->person_id = sql_col_int(s, st, 3);
    x->qty = sql_col_int(s, st, 4);
    x->points = sql_col_int(s, st, 5);
    x->points_txn_id = sql_col_int(s, st, 6);
    x->created_at = sql_col_int(s, st, 7);
    x->decided_at = sql_col_int(s, st, 8);
    x->status = sql_col_str(a, s, st, 9);
    x->item_name = sql_col_str(a, s, st, 10);
    x->person_name = sql_col_str(a, s, st, 11);
}

int shop_store_redemption_get(store *s, arena *a, int64_t id, struct st_redemption *out)
{
    void *st = sql_prep(s, "SELECT " RED_COLS RED_FROM "WHERE r.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_red, out);
}

int shop_store_redemption_decide(store *s, int64_t id, const char *status, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE shop_redemption SET status = ?2, decided_by = ?3, decided_at = ?4 "
                           "WHERE id = ?1 AND status = 'reserved'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", id, status, by, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int shop_store_redeemed_since(store *s, int64_t person_id, int64_t item_id, int64_t since, int64_t *qty)
{
    void *st = sql_prep(s, "SELECT COALESCE(SUM(qty), 0) FROM shop_redemption WHERE person_id = ?1 AND item_id = ?2 "
                           "AND created_at >= ?3 AND status IN ('reserved', 'fulfilled')");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", person_id, item_id, since);
    return sql_one(s, NULL, st, sql_read_id, qty);
}

int shop_store_redemptions(store *s, arena *a, int64_t person_id, int64_t community_id, struct st_redemption **out,
                           int *n)
{
    void *st = sql_prep(s, "SELECT " RED_COLS RED_FROM "WHERE (?1 = 0 OR r.person_id = ?1) AND (?2 = 0 OR "
                           "(r.community_id = ?2 AND r.status = 'reserved')) ORDER BY r.id DESC LIMIT 200");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", person_id, community_id);
    return sql_collect(s, a, st, sizeof **out, 200, read_red, (void **)out, n);
}

int shop_store_redemption_txn(store *s, int64_t id, int64_t txn)
{
    void *st = sql_prep(s, "UPDATE shop_redemption SET points_txn_id = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, txn);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}
