/* Sessions and CSRF tokens (see session.h). */
#include "edge/session.h"

#include <sodium.h>
#include <string.h>

#include "store/sql.h"

struct st_session {
    int64_t person_id;
    int64_t community_id; /* the person's community, or 0 */
    int is_staff;
    int64_t created_at, last_seen, expires_at;
};

static void read_session(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct st_session *ss = item;
    ss->person_id = sql_col_int(s, st, 0);
    ss->is_staff = (int)sql_col_int(s, st, 1);
    ss->created_at = sql_col_int(s, st, 2);
    ss->last_seen = sql_col_int(s, st, 3);
    ss->expires_at = sql_col_int(s, st, 4);
}

static int session_row_insert(store *s, const unsigned char hash[32], const struct st_session *ss)
{
    void *st = sql_prep(s, "INSERT INTO session(token_hash, person_id, is_staff, created_at, last_seen, expires_at, community_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "biiiiiI", hash, ss->person_id, (int64_t)ss->is_staff, ss->created_at, ss->last_seen, ss->expires_at,
         ss->community_id);
    return sql_exec(s, st);
}

static int session_row_get(store *s, const unsigned char hash[32], struct st_session *out)
{
    void *st = sql_prep(s, "SELECT person_id, is_staff, created_at, last_seen, expires_at FROM session WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "b", hash);
    return sql_one(s, NULL, st, read_session, out);
}

static int session_row_touch(store *s, const unsigned char hash[32], int64_t at)
{
    void *st = sql_prep(s, "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "bi", hash, at);
    return sql_exec(s, st);
}

static int session_row_delete(store *s, const unsigned char hash[32])
{
    void *st = sql_prep(s, "DELETE FROM session WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "b", hash);
    return sql_exec(s, st);
}

int session_end_person(store *s, int64_t person_id)
{
    void *st = sql_prep(s, "DELETE FROM session WHERE person_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", person_id);
    return sql_exec(s, st);
}

static int token_hash(const char *token, unsigned char hash[32])
{
    unsigned char raw[32];
    if (token_raw(token, raw) != 0)
        return -1;
    crypto_generichash(hash, 32, raw, 32, NULL, 0);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

void session_csrf(const char *cookie_token, char out[TOKEN_HEX + 1])
{
    static const unsigned char msg[] = "wugong-csrf-v1";
    unsigned char raw[32], mac[32];
    if (token_raw(cookie_token, raw) != 0) {
        out[0] = '\0';
        return;
    }
    crypto_generichash(mac, sizeof mac, msg, sizeof msg - 1, raw, sizeof raw);
    sodium_bin2hex(out, TOKEN_HEX + 1, mac, sizeof mac);
    sodium_memzero(raw, sizeof raw);
}

int session_csrf_ok(const char *cookie_token, const char *given)
{
    char want[TOKEN_HEX + 1];
    if (given == NULL || strlen(given) != TOKEN_HEX)
        return 0;
    session_csrf(cookie_token, want);
    if (want[0] == '\0')
        return 0;
    return sodium_memcmp(want, given, TOKEN_HEX) == 0;
}

int session_issue(dctx *c, int64_t person_id, int is_staff, int64_t community_id,
                       char token_out[TOKEN_HEX + 1])
{
    unsigned char hash[32];
    token_random(token_out);
    token_hash(token_out, hash);
    struct st_session ss = {
        .person_id = person_id,
        .is_staff = is_staff,
        .created_at = c->now,
        .last_seen = c->now,
        .expires_at = c->now + (is_staff ? STAFF_ABSOLUTE_SECONDS : RESIDENT_ABSOLUTE_SECONDS),
        .community_id = community_id,
    };
    return session_row_insert(c->st, hash, &ss);
}

int session_resolve(dctx *c, const char *token, int64_t *person_id)
{
    unsigned char hash[32];
    struct st_session ss;
    if (token_hash(token, hash) != 0)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = session_row_get(c->st, hash, &ss);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (rc)
        return rc;
    int64_t idle = ss.is_staff ? STAFF_IDLE_SECONDS : RESIDENT_IDLE_SECONDS;
    if (c->now >= ss.expires_at || c->now - ss.last_seen > idle) {
        if (store_begin(c->st) == 0)
            store_end(c->st, session_row_delete(c->st, hash));
        return dctx_fail(c, WG_EAUTH, "session_expired", NULL);
    }
    /* refresh last_seen at most once a minute: a write per request would
     * turn every read into a durable commit */
    if (c->now - ss.last_seen >= 60 && store_begin(c->st) == 0)
        store_end(c->st, session_row_touch(c->st, hash, c->now));
    *person_id = ss.person_id;
    return 0;
}

int session_end(dctx *c, const char *token)
{
    unsigned char hash[32];
    if (token_hash(token, hash) != 0)
        return 0;
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = session_row_delete(c->st, hash);
    return store_end(c->st, rc);
}
