/* The open311 module's SQL. */
#include "mod/open311/open311_store.h"

#include "core/err.h"
#include "store/sql.h"

#define KEY_COLS                                                                                                   \
    "k.id, k.community_id, k.person_id, k.created_by, k.created_at, COALESCE(k.revoked_at, 0), k.name, k.key_prefix, " \
    "b.name FROM open311_key k JOIN person b ON b.id = k.created_by "

static void read_key(arena *a, store *s, void *st, void *item)
{
    struct st_open311_key *k = item;
    k->id = sql_col_int(s, st, 0);
    k->community_id = sql_col_int(s, st, 1);
    k->person_id = sql_col_int(s, st, 2);
    k->created_by = sql_col_int(s, st, 3);
    k->created_at = sql_col_int(s, st, 4);
    k->revoked_at = sql_col_int(s, st, 5);
    k->name = sql_col_str(a, s, st, 6);
    k->prefix = sql_col_str(a, s, st, 7);
    k->created_by_name = sql_col_str(a, s, st, 8);
}

int open311_store_key_insert(store *s, struct st_open311_key *k, const char *hash)
{
    void *st = sql_prep(s, "INSERT INTO open311_key(community_id, name, key_hash, key_prefix, person_id, created_by, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isssiii", k->community_id, k->name, hash, k->prefix, k->person_id, k->created_by, k->created_at);
    return sql_insert_id(s, st, &k->id);
}

int open311_store_key_by_hash(store *s, arena *a, const char *hash, struct st_open311_key *out)
{
    void *st = sql_prep(s, "SELECT " KEY_COLS "WHERE k.key_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", hash);
    return sql_one(s, a, st, read_key, out);
}

int open311_store_key_get(store *s, arena *a, int64_t id, struct st_open311_key *out)
{
    void *st = sql_prep(s, "SELECT " KEY_COLS "WHERE k.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_key, out);
}

int open311_store_keys(store *s, arena *a, int64_t community_id, int limit, struct st_open311_key **out, int *n)
{
    void *st = sql_prep(s, "SELECT " KEY_COLS "WHERE k.community_id = ?1 ORDER BY k.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_key, (void **)out, n);
}

int open311_store_keys_live(store *s, int64_t community_id, int *n)
{
    return sql_count_id(s, "SELECT COUNT(*) FROM open311_key WHERE community_id = ?1 AND revoked_at IS NULL",
                        community_id, n);
}

int open311_store_key_revoke(store *s, int64_t id, int64_t at)
{
    void *st = sql_prep(s, "UPDATE open311_key SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int open311_store_request_insert(store *s, const struct open311_request_row *q)
{
    void *st = sql_prep(s, "INSERT INTO open311_request(report_id, key_id, community_id, token, address_string, media_url, "
                           "email, first_name, last_name, phone, account_id, device_id, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisssssssssi", q->report_id, q->key_id, q->community_id, q->token, q->address_string,
             q->media_url, q->email, q->first_name, q->last_name, q->phone, q->account_id, q->device_id,
             q->created_at);
    return sql_exec(s, st);
}

struct request_read {
    struct open311_request_row *q;
    const char **key_name;
};

static void read_request(arena *a, store *s, void *st, void *item)
{
    struct request_read *x = item;
    struct open311_request_row *q = x->q;
    int i = 0;
    q->report_id = sql_col_int(s, st, i++);
    q->key_id = sql_col_int(s, st, i++);
    q->community_id = sql_col_int(s, st, i++);
    q->created_at = sql_col_int(s, st, i++);
    q->token = sql_col_str(a, s, st, i++);
    q->address_string = sql_col_str(a, s, st, i++);
    q->media_url = sql_col_str(a, s, st, i++);
    q->email = sql_col_str(a, s, st, i++);
    q->first_name = sql_col_str(a, s, st, i++);
    q->last_name = sql_col_str(a, s, st, i++);
    q->phone = sql_col_str(a, s, st, i++);
    q->account_id = sql_col_str(a, s, st, i++);
    q->device_id = sql_col_str(a, s, st, i++);
    *x->key_name = sql_col_str(a, s, st, i++);
}

int open311_store_request_get(store *s, arena *a, int64_t report_id, struct open311_request_row *out,
                              const char **key_name)
{
    void *st = sql_prep(s, "SELECT q.report_id, q.key_id, q.community_id, q.created_at, q.token, q.address_string, "
                           "q.media_url, q.email, q.first_name, q.last_name, q.phone, q.account_id, q.device_id, k.name "
                           "FROM open311_request q JOIN open311_key k ON k.id = q.key_id WHERE q.report_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", report_id);
    struct request_read x = {out, key_name};
    return sql_one(s, a, st, read_request, &x);
}

int open311_store_requests_since(store *s, int64_t person_id, int64_t since, int *n)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM open311_request q JOIN open311_key k ON k.id = q.key_id "
                           "WHERE k.person_id = ?1 AND q.created_at >= ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", person_id, since);
    return sql_count(s, st, n);
}

int open311_store_token(store *s, int64_t community_id, const char *token, int64_t *report_id)
{
    void *st = sql_prep(s, "SELECT report_id FROM open311_request WHERE token = ?1 AND community_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", token, community_id);
    return sql_one(s, NULL, st, sql_read_id, report_id);
}

static void read_str(arena *a, store *s, void *st, void *item)
{
    *(const char **)item = sql_col_str(a, s, st, 0);
}

int open311_store_media_url(store *s, arena *a, int64_t report_id, const char **url)
{
    void *st = sql_prep(s, "SELECT media_url FROM open311_request WHERE report_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", report_id);
    int rc = sql_one(s, a, st, read_str, url);
    if (rc == WG_ENOTFOUND) {
        *url = "";
        return 0;
    }
    return rc;
}

int open311_store_update_insert(store *s, int64_t key_id, const char *update_id, int64_t report_id, int64_t event_id,
                                const char *status, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO open311_update(key_id, update_id, report_id, event_id, status, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isiisi", key_id, update_id, report_id, event_id, status, at);
    return sql_exec(s, st);
}
