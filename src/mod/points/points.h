/*
 * Points (积分): an append-only double-entry ledger (STAGES.md, co-build).
 *
 * Every transaction has postings that sum to zero: an earning moves points
 * from the community's issuing account to the holder's, a correction moves
 * them back (a reversing transaction; nothing is edited or deleted, which
 * triggers enforce in both stores). Each has a rule, a reason, its source
 * record (a confirmed volunteer hour, attendance at a council...), who
 * recorded it, and an idempotency key unique in its community: the same key
 * again returns the first transaction and writes nothing.
 *
 * Balances are derived from postings; each account also keeps a cached
 * balance written in the same transaction, and points_check (also `wugong
 * ledger-check`) proves that every transaction sums to zero and every
 * cached balance equals its postings. The statement derives the balance
 * from the account's seal (its postings up to a point, recounted by the
 * job points.seal at the community's next 03:00 after a change, over the
 * transactions older than POINTS_SEAL_SETTLE) plus the postings since, so
 * a reader with 10,000 transactions sums a day's postings, not all of
 * them; the check recounts the seal as well. Postings are append-only, so
 * a seal stays true; the settle time keeps out a transaction still open on
 * PostgreSQL when the seal is made (its id drawn, its row not yet seen).
 *
 * Per-community settings (the place module stores them; the nearest place
 * on the line that sets one applies): points per action of each earning
 * rule, caps per day and per month on what a holder earns (0: none), and
 * whether points belong to a person or to their household.
 *
 * Permission: everyone reads their own statement; view_points (staff of
 * the place) reads a person's; manage_points (community staff and the
 * street) awards and reverses.
 *
 * Ownership: what the rules return lives in c->a, json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_POINTS_H
#define WG_MOD_POINTS_H

#include <jansson.h>
#include <stdint.h>

#include "kernel/dctx.h"
#include "kernel/module.h"

#define POINTS_KEY_MAX 128     /* bytes of an idempotency key */
#define POINTS_AWARD_MAX 1000  /* points one manual award may give */
#define POINTS_STATEMENT_MAX 100 /* transactions per page of a statement */
#define POINTS_SEAL_SETTLE 3600  /* seconds: a seal covers transactions at least this old */
#define POINTS_SEAL_HOUR 3       /* local hour the seal job runs, after a day with changes */

extern const struct perm_action points_act_view, points_act_manage;

/* What earns points, and the setting that says how many per unit. */
struct points_rule {
    const char *code;    /* "volunteer_hour" */
    const char *setting; /* "points_volunteer_hour" */
    long unit;           /* qty units per rule unit: 60 minutes an hour; the points are rounded down */
};

/* A transaction as the statement shows it. */
struct points_txn {
    int64_t id, community_id, amount, reverses_id, reversed_by, source_id, actor_id, created_at;
    const char *kind, *rule, *reason, *source_kind, *idem_key;
};

/*
 * Inside the caller's write transaction: earns points for person at
 * community by the community's rule (qty in the rule's units: minutes for
 * volunteer_hour, whose setting is per hour; one for the others), within the
 * day and month caps; idempotent by key. *granted: the points given (less
 * than asked when a cap applies, 0 when the rule gives none or a cap is
 * reached: then no transaction is written and *txn_id is 0).
 * WG_EINVAL "points_rule_unknown".
 */
int points_earn(dctx *c, int64_t community_id, int64_t person_id, const char *rule, int64_t qty,
                const char *source_kind, int64_t source_id, const char *idem_key, int64_t *granted,
                int64_t *txn_id);

/* A manual award by staff (manage_points), with a reason, in its own
 * transaction, within the caps; idempotent by key. */
int points_award(dctx *c, int64_t person_id, int64_t amount, const char *reason, const char *idem_key,
                 int64_t *granted, int64_t *txn_id);

/* Inside the caller's write transaction, without a permission check (the
 * caller's rule made its own): reverses an earning. The codes of
 * points_reverse. */
int points_reverse_in(dctx *c, int64_t txn_id, const char *reason, int64_t *rev_id);

/* Inside the caller's write transaction: spends amount of the person's
 * points to the community's shop account (kind "redeem"), idempotent by
 * key; never below zero: WG_ECONFLICT "points_not_enough". */
int points_spend_in(dctx *c, int64_t community_id, int64_t person_id, int64_t amount, const char *reason,
                    const char *source_kind, int64_t source_id, const char *key, int64_t *txn_id);
/* Inside the caller's write transaction: gives a redemption's points back
 * from the shop (kind "refund"), once. */
int points_refund_in(dctx *c, int64_t txn_id, const char *reason, int64_t *rev_id);

/* Reverses a transaction (manage_points), with a reason: a new transaction
 * with the opposite postings. WG_ECONFLICT "points_already_reversed", or
 * "points_balance_low" when the holder has spent the points. */
int points_reverse(dctx *c, int64_t txn_id, const char *reason, int64_t *rev_id);

/* A statement: the holder's balance (derived from postings) and its
 * transactions, newest first, before the id `before` (0: from the newest),
 * at most limit. person_id 0: the actor's own. */
json_t *points_statement(dctx *c, int64_t person_id, int64_t community_id, int64_t before, int limit, int *rc);

/* Seals the community's accounts through the transactions made before
 * `before` (the job passes its time less POINTS_SEAL_SETTLE; a generator
 * that writes alone may pass its clock). Inside a write transaction. */
int points_seal(dctx *c, int64_t community_id, int64_t before);

/* The ledger check over the whole store: 0 when every transaction sums to
 * zero and every cached balance equals its postings; else WG_ECONFLICT with
 * the first problems in msg. *ntxn, *naccounts: what was checked. */
int points_check(store *s, arena *a, int64_t *ntxn, int64_t *naccounts, char *msg, size_t msglen);

extern const struct module points_module;

#endif
