/* The points module's SQL (private to mod/points/). */
#ifndef WG_MOD_POINTS_STORE_H
#define WG_MOD_POINTS_STORE_H

#include "mod/points/points.h"

/* The account (community, kind, owner), created with balance 0 if absent. */
int points_store_account(store *s, int64_t community_id, const char *kind, int64_t owner_id, int64_t *id);
/* The account, or WG_ENOTFOUND (a read: nothing is created). */
int points_store_find(store *s, int64_t community_id, const char *kind, int64_t owner_id, int64_t *id);
/* Locks two accounts' rows in id order, so that two writers never wait on
 * each other crosswise (PostgreSQL; SQLite's writers are serialised). */
int points_store_lock(store *s, int64_t a, int64_t b);
/* An account's cached balance. */
int points_store_balance(store *s, int64_t account_id, int64_t *balance);
/* The transaction of this key in the community, or WG_ENOTFOUND. */
int points_store_by_key(store *s, arena *a, int64_t community_id, const char *key, struct points_txn *t);
int points_store_get(store *s, arena *a, int64_t id, struct points_txn *t, int64_t *holder_account);
/* Writes a transaction and its two postings (amount from `from` to `to`)
 * and moves both cached balances. */
int points_store_post(store *s, const struct points_txn *t, int64_t holder_account, int64_t from, int64_t to,
                      int64_t *id);
/* What the holder earned (kind 'earn' and 'award', less their reversals)
 * from `since` on. */
int points_store_earned_since(store *s, int64_t holder_account, int64_t since, int64_t *sum);
/* The balance from the postings: the account's seal plus its postings after it (0 for no account: WG_ENOTFOUND). */
int points_store_derived(store *s, int64_t account_id, int64_t *sum);
/* Seals the community's accounts through its last transaction made before
 * `before` (*through; 0: none, nothing changes): each account's sealed_sum
 * is recounted from its postings of transactions up to there. */
int points_store_seal(store *s, int64_t community_id, int64_t before, int64_t *through);
/* The holder's transactions, newest first, id < before (0: all). */
int points_store_list(store *s, arena *a, int64_t holder_account, int64_t before, int limit, struct points_txn **out,
                      int *n);
/* The person and household accounts of a community holding points. */
struct points_held {
    int64_t account, balance;
};
int points_store_held(store *s, arena *a, int64_t community_id, struct points_held **out, int *n);
/* The check: transactions whose postings do not sum to zero (or have fewer
 * than two), accounts whose cache differs; up to max ids of each. */
int points_store_check(store *s, arena *a, int max, int64_t **bad_txn, int *nbt, int64_t **bad_acc, int *nba,
                       int64_t *ntxn, int64_t *nacc);

#endif
