/*
 * Passwords (argon2id via libsodium), sessions and CSRF tokens.
 * Session tokens are 256 random bits; the cookie holds them in hex and the
 * store holds only their BLAKE2b hash, so a stolen database yields no
 * usable session. A CSRF token is a keyed BLAKE2b of the cookie's token: only
 * a page of our origin, which can read what we send it, can know it.
 */
#include <sodium.h>
#include <string.h>

#include "core/log.h"
#include "domain/domain.h"

#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19u * 1024u * 1024u)

int password_hash(const char *pw, char out[128])
{
    if (crypto_pwhash_STRBYTES > 128)
        return WG_EINVAL;
    if (crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return WG_EINVAL;
    return 0;
}

int password_verify(const char *hash, const char *pw)
{
    /* libsodium reads a full crypto_pwhash_STRBYTES buffer */
    char full[crypto_pwhash_STRBYTES] = {0};
    if (hash == NULL || strlen(hash) >= sizeof full)
        return 0;
    memcpy(full, hash, strlen(hash));
    return crypto_pwhash_str_verify(full, pw, strlen(pw)) == 0;
}

void auth_random_token(char out[SESSION_TOKEN_HEX + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, SESSION_TOKEN_HEX + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

/* Hex token -> 32 raw bytes; 0 on success. */
static int token_raw(const char *token, unsigned char raw[32])
{
    size_t len = 0;
    if (token == NULL || strlen(token) != SESSION_TOKEN_HEX)
        return -1;
    if (sodium_hex2bin(raw, 32, token, SESSION_TOKEN_HEX, NULL, &len, NULL) != 0 || len != 32)
        return -1;
    return 0;
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

void auth_csrf_token(const char *cookie_token, char out[SESSION_TOKEN_HEX + 1])
{
    static const unsigned char msg[] = "wugong-csrf-v1";
    unsigned char raw[32], mac[32];
    if (token_raw(cookie_token, raw) != 0) {
        out[0] = '\0';
        return;
    }
    crypto_generichash(mac, sizeof mac, msg, sizeof msg - 1, raw, sizeof raw);
    sodium_bin2hex(out, SESSION_TOKEN_HEX + 1, mac, sizeof mac);
    sodium_memzero(raw, sizeof raw);
}

int auth_csrf_ok(const char *cookie_token, const char *given)
{
    char want[SESSION_TOKEN_HEX + 1];
    if (given == NULL || strlen(given) != SESSION_TOKEN_HEX)
        return 0;
    auth_csrf_token(cookie_token, want);
    if (want[0] == '\0')
        return 0;
    return sodium_memcmp(want, given, SESSION_TOKEN_HEX) == 0;
}

static int fail_attempt(dctx *c, const char *phone, const char *why)
{
    audit_log(c, "signin_fail", phone, why, 0);
    return dctx_fail(c, WG_EAUTH, "bad_credentials", NULL);
}

int auth_sign_in(dctx *c, const char *phone, const char *password, char token_out[SESSION_TOKEN_HEX + 1],
                 int64_t *person_id)
{
    /* a hash of a random password: verifying against it costs what a real
     * check costs, so timing does not tell which numbers have accounts */
    static const char dummy[] = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                "0mS8Tsb6aCRz4lU7rQ2u9o3XW7FqsNmP1H2y8k1Q0bE";
    int n = 0, rc;
    if (phone == NULL || password == NULL || !phone_valid(phone))
        return dctx_fail(c, WG_EINVAL, "phone_invalid", "phone");
    if (strlen(password) > 256)
        return fail_attempt(c, phone, "password too long");
    rc = store_audit_count(c->st, "signin_fail", phone, NULL, c->now - SIGNIN_WINDOW_SECONDS, &n);
    if (rc)
        return rc;
    if (n >= SIGNIN_MAX_FAIL_ACCOUNT) {
        audit_log(c, "signin_limited", phone, "account", 0);
        return dctx_fail(c, WG_ERATE, "signin_rate_limited", NULL);
    }
    rc = store_audit_count(c->st, "signin_fail", NULL, c->ip ? c->ip : "", c->now - SIGNIN_WINDOW_SECONDS, &n);
    if (rc)
        return rc;
    if (n >= SIGNIN_MAX_FAIL_IP) {
        audit_log(c, "signin_limited", phone, "address", 0);
        return dctx_fail(c, WG_ERATE, "signin_rate_limited", NULL);
    }
    struct st_person p;
    rc = store_person_by_phone(c->st, c->a, phone, &p);
    if (rc == WG_ENOTFOUND) {
        password_verify(dummy, password);
        return fail_attempt(c, phone, "no such account");
    }
    if (rc)
        return rc;
    if (!password_verify(p.pw_hash, password))
        return fail_attempt(c, phone, "wrong password");

    struct actor *ac;
    rc = actor_load(c, p.id, &ac);
    if (rc)
        return rc;
    char token[SESSION_TOKEN_HEX + 1];
    rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = auth_session_issue(c, p.id, ac->is_staff, actor_community(ac), token);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = p.id, .ip = c->ip, .action = "signin",
                             .target = phone, .community_id = actor_community(ac)};
        rc = store_audit_insert(c->st, &e);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    memcpy(token_out, token, sizeof token);
    sodium_memzero(token, sizeof token);
    *person_id = p.id;
    return 0;
}

int auth_session_issue(dctx *c, int64_t person_id, int is_staff, int64_t community_id,
                       char token_out[SESSION_TOKEN_HEX + 1])
{
    unsigned char hash[32];
    auth_random_token(token_out);
    token_hash(token_out, hash);
    struct st_session ss = {
        .person_id = person_id,
        .is_staff = is_staff,
        .created_at = c->now,
        .last_seen = c->now,
        .expires_at = c->now + (is_staff ? STAFF_ABSOLUTE_SECONDS : RESIDENT_ABSOLUTE_SECONDS),
        .community_id = community_id,
    };
    return store_session_insert(c->st, hash, &ss);
}

int auth_session(dctx *c, const char *token, int64_t *person_id)
{
    unsigned char hash[32];
    struct st_session ss;
    if (token_hash(token, hash) != 0)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    int rc = store_session_get(c->st, hash, &ss);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (rc)
        return rc;
    int64_t idle = ss.is_staff ? STAFF_IDLE_SECONDS : RESIDENT_IDLE_SECONDS;
    if (c->now >= ss.expires_at || c->now - ss.last_seen > idle) {
        if (store_begin(c->st) == 0)
            store_end(c->st, store_session_delete(c->st, hash));
        return dctx_fail(c, WG_EAUTH, "session_expired", NULL);
    }
    /* refresh last_seen at most once a minute: a write per request would
     * turn every read into a durable commit */
    if (c->now - ss.last_seen >= 60 && store_begin(c->st) == 0)
        store_end(c->st, store_session_touch(c->st, hash, c->now));
    *person_id = ss.person_id;
    return 0;
}

int auth_sign_out(dctx *c, const char *token)
{
    unsigned char hash[32];
    if (token_hash(token, hash) != 0)
        return 0;
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = store_session_delete(c->st, hash);
    return store_end(c->st, rc);
}
