/* The points module's SQL. */
#include "mod/points/points_store.h"

#include "core/err.h"
#include "store/sql.h"

int points_store_account(store *s, int64_t community_id, const char *kind, int64_t owner_id, int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO points_account(community_id, kind, owner_id) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (community_id, kind, owner_id) DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", community_id, kind, owner_id);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT id FROM points_account WHERE community_id = ?1 AND kind = ?2 AND owner_id = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", community_id, kind, owner_id);
    return sql_one(s, NULL, st, sql_read_id, id);
}

int points_store_find(store *s, int64_t community_id, const char *kind, int64_t owner_id, int64_t *id)
{
    void *st = sql_prep(s, "SELECT id FROM points_account WHERE community_id = ?1 AND kind = ?2 AND owner_id = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", community_id, kind, owner_id);
    return sql_one(s, NULL, st, sql_read_id, id);
}

int points_store_lock(store *s, int64_t a, int64_t b)
{
    int rc = sql_lock(s, "SELECT id FROM points_account WHERE id = ?1 FOR NO KEY UPDATE", a < b ? a : b);
    if (rc == 0 && a != b)
        rc = sql_lock(s, "SELECT id FROM points_account WHERE id = ?1 FOR NO KEY UPDATE", a < b ? b : a);
    return rc;
}

int points_store_balance(store *s, int64_t account_id, int64_t *balance)
{
    void *st = sql_prep(s, "SELECT balance FROM points_account WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", account_id);
    return sql_one(s, NULL, st, sql_read_id, balance);
}

#define POINTS_TXN_COLS                                                                                          \
    "t.id, t.community_id, t.amount, COALESCE(t.reverses_id, 0), "                                               \
    "COALESCE((SELECT r.id FROM points_txn r WHERE r.reverses_id = t.id), 0), COALESCE(t.source_id, 0), "       \
    "COALESCE(t.actor_id, 0), t.created_at, t.kind, t.rule, t.reason, t.source_kind, t.idem_key, "              \
    "t.holder_account_id"

static void read_txn(arena *a, store *s, void *st, void *item)
{
    struct points_txn *t = item;
    t->id = sql_col_int(s, st, 0);
    t->community_id = sql_col_int(s, st, 1);
    t->amount = sql_col_int(s, st, 2);
    t->reverses_id = sql_col_int(s, st, 3);
    t->reversed_by = sql_col_int(s, st, 4);
    t->source_id = sql_col_int(s, st, 5);
    t->actor_id = sql_col_int(s, st, 6);
    t->created_at = sql_col_int(s, st, 7);
    t->kind = sql_col_str(a, s, st, 8);
    t->rule = sql_col_str(a, s, st, 9);
    t->reason = sql_col_str(a, s, st, 10);
    t->source_kind = sql_col_str(a, s, st, 11);
    t->idem_key = sql_col_str(a, s, st, 12);
}

int points_store_by_key(store *s, arena *a, int64_t community_id, const char *key, struct points_txn *t)
{
    void *st = sql_prep(s, "SELECT " POINTS_TXN_COLS " FROM points_txn t WHERE t.community_id = ?1 AND t.idem_key = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", community_id, key);
    return sql_one(s, a, st, read_txn, t);
}

struct txn_holder {
    struct points_txn t;
    int64_t holder;
};

static void read_txn_holder(arena *a, store *s, void *st, void *item)
{
    struct txn_holder *h = item;
    read_txn(a, s, st, &h->t);
    h->holder = sql_col_int(s, st, 13);
}

int points_store_get(store *s, arena *a, int64_t id, struct points_txn *t, int64_t *holder_account)
{
    struct txn_holder h;
    void *st = sql_prep(s, "SELECT " POINTS_TXN_COLS " FROM points_txn t WHERE t.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_one(s, a, st, read_txn_holder, &h);
    if (rc == 0) {
        *t = h.t;
        *holder_account = h.holder;
    }
    return rc;
}

static int post_one(store *s, int64_t txn, int64_t account, int64_t community, int64_t amount)
{
    void *st = sql_prep(s, "INSERT INTO points_posting(txn_id, account_id, community_id, amount) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", txn, account, community, amount);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "UPDATE points_account SET balance = balance + ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", account, amount);
    return sql_exec_one(s, st, WG_EDB);
}

int points_store_post(store *s, const struct points_txn *t, int64_t holder_account, int64_t from, int64_t to,
                      int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO points_txn(community_id, idem_key, kind, rule, reason, source_kind, source_id, "
                           "reverses_id, holder_account_id, amount, actor_id, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isssssIIiiIi", t->community_id, t->idem_key, t->kind, t->rule, t->reason, t->source_kind,
             t->source_id, t->reverses_id, holder_account, t->amount, t->actor_id, t->created_at);
    int rc = sql_insert_id(s, st, id);
    if (rc == 0)
        rc = post_one(s, *id, from, t->community_id, -t->amount);
    if (rc == 0)
        rc = post_one(s, *id, to, t->community_id, t->amount);
    return rc;
}

int points_store_earned_since(store *s, int64_t holder_account, int64_t since, int64_t *sum)
{
    void *st = sql_prep(s, "SELECT COALESCE(SUM(CASE WHEN kind = 'reverse' THEN -amount ELSE amount END), 0) "
                           "FROM points_txn WHERE holder_account_id = ?1 AND created_at >= ?2 "
                           "AND (kind = 'earn' OR (kind = 'reverse' AND reverses_id IN "
                           "(SELECT id FROM points_txn WHERE kind = 'earn' AND holder_account_id = ?1)))");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", holder_account, since);
    return sql_one(s, NULL, st, sql_read_id, sum);
}

int points_store_derived(store *s, int64_t account_id, int64_t *sum)
{
    void *st = sql_prep(s, "SELECT a.sealed_sum + COALESCE((SELECT SUM(p.amount) FROM points_posting p "
                           "WHERE p.account_id = a.id AND p.txn_id > a.sealed_txn_id), 0) "
                           "FROM points_account a WHERE a.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", account_id);
    return sql_one(s, NULL, st, sql_read_id, sum);
}

int points_store_seal(store *s, int64_t community_id, int64_t before, int64_t *through)
{
    void *st = sql_prep(s, "SELECT COALESCE(MAX(id), 0) FROM points_txn WHERE community_id = ?1 AND created_at < ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, before);
    int rc = sql_one(s, NULL, st, sql_read_id, through);
    if (rc || *through == 0)
        return rc;
    st = sql_prep(s, "UPDATE points_account SET sealed_txn_id = ?2, sealed_sum = (SELECT COALESCE(SUM(p.amount), 0) "
                     "FROM points_posting p WHERE p.account_id = points_account.id AND p.txn_id <= ?2) "
                     "WHERE community_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, *through);
    return sql_exec(s, st);
}

int points_store_list(store *s, arena *a, int64_t holder_account, int64_t before, int limit, struct points_txn **out,
                      int *n)
{
    void *st = sql_prep(s, "SELECT " POINTS_TXN_COLS " FROM points_txn t WHERE t.holder_account_id = ?1 "
                           "AND (?2 = 0 OR t.id < ?2) ORDER BY t.id DESC LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", holder_account, before, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_txn, (void **)out, n);
}

int points_store_check(store *s, arena *a, int max, int64_t **bad_txn, int *nbt, int64_t **bad_acc, int *nba,
                       int64_t *ntxn, int64_t *nacc)
{
    void *st = sql_prep(s, "SELECT t.id FROM points_txn t LEFT JOIN points_posting p ON p.txn_id = t.id "
                           "GROUP BY t.id HAVING COALESCE(SUM(p.amount), 0) <> 0 OR COUNT(p.id) < 2 ORDER BY t.id LIMIT ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)max);
    int rc = sql_collect(s, a, st, sizeof(int64_t), max, sql_read_id, (void **)bad_txn, nbt);
    if (rc)
        return rc;
    /* the cached balance, and the seal, against the postings */
    st = sql_prep(s, "SELECT a.id FROM points_account a LEFT JOIN points_posting p ON p.account_id = a.id "
                     "GROUP BY a.id, a.balance, a.sealed_txn_id, a.sealed_sum "
                     "HAVING COALESCE(SUM(p.amount), 0) <> a.balance OR COALESCE(SUM(CASE WHEN p.txn_id <= "
                     "a.sealed_txn_id THEN p.amount ELSE 0 END), 0) <> a.sealed_sum ORDER BY a.id LIMIT ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)max);
    if ((rc = sql_collect(s, a, st, sizeof(int64_t), max, sql_read_id, (void **)bad_acc, nba)))
        return rc;
    st = sql_prep(s, "SELECT COUNT(*) FROM points_txn");
    if (st == NULL || (rc = sql_one(s, NULL, st, sql_read_id, ntxn)))
        return st == NULL ? WG_EDB : rc;
    st = sql_prep(s, "SELECT COUNT(*) FROM points_account");
    if (st == NULL)
        return WG_EDB;
    return sql_one(s, NULL, st, sql_read_id, nacc);
}

static void read_held(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct points_held *h = item;
    h->account = sql_col_int(s, st, 0);
    h->balance = sql_col_int(s, st, 1);
}

int points_store_held(store *s, arena *a, int64_t community_id, struct points_held **out, int *n)
{
    void *st = sql_prep(s, "SELECT id, balance FROM points_account WHERE community_id = ?1 "
                           "AND kind IN ('person', 'household') AND balance > 0 ORDER BY id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    return sql_collect(s, a, st, sizeof **out, 1000000, read_held, (void **)out, n);
}
