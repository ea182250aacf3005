/* The shop module's SQL (private to mod/shop/). */
#ifndef WG_MOD_SHOP_STORE_H
#define WG_MOD_SHOP_STORE_H

#include "mod/shop/shop.h"

int shop_store_item_insert(store *s, struct st_item *it);
int shop_store_item_get(store *s, arena *a, int64_t id, struct st_item *out);
int shop_store_items(store *s, arena *a, int64_t community_id, struct st_item **out, int *n);
int shop_store_item_lock(store *s, int64_t id);
/* A stock entry and the cached stock moved by delta (never below zero). */
int shop_store_stock(store *s, int64_t item_id, int64_t community_id, int64_t delta, const char *reason,
                     int64_t redemption_id, int64_t actor_id, int64_t at);
int shop_store_redemption_insert(store *s, struct st_redemption *r);
int shop_store_redemption_get(store *s, arena *a, int64_t id, struct st_redemption *out);
int shop_store_redemption_decide(store *s, int64_t id, const char *status, int64_t by, int64_t at);
int shop_store_redemption_txn(store *s, int64_t id, int64_t txn);
/* The person's redemptions of the item (reserved or fulfilled) since `since`, in units. */
int shop_store_redeemed_since(store *s, int64_t person_id, int64_t item_id, int64_t since, int64_t *qty);
int shop_store_redemptions(store *s, arena *a, int64_t person_id, int64_t community_id, struct st_redemption **out,
                           int *n);

#endif
