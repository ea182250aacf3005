/*
 * Sign-in with a phone number and a password: failures are audited and
 * limited per account and per address, a success opens a session (the
 * edge's) and is audited too (see signin.h).
 */
#include "mod/signin/signin.h"

#include <sodium.h>
#include <string.h>

#include "edge/session.h"

static int fail_attempt(dctx *c, const char *phone, const char *why)
{
    audit_log(c, "signin_fail", phone, why, 0);
    return dctx_fail(c, WG_EAUTH, "bad_credentials", NULL);
}

int signin_password(dctx *c, const char *phone, const char *password, char token_out[TOKEN_HEX + 1],
                    struct actor **actor)
{
    int n = 0, rc;
    if (phone == NULL || password == NULL || !person_phone_valid(phone))
        return dctx_fail(c, WG_EINVAL, "phone_invalid", "phone");
    if (strlen(password) > 256)
        return fail_attempt(c, phone, "password too long");
    rc = audit_count(c->st, "signin_fail", phone, NULL, c->now - SIGNIN_WINDOW, &n);
    if (rc)
        return rc;
    if (n >= SIGNIN_FAILS_ACCOUNT) {
        audit_log(c, "signin_limited", phone, "account", 0);
        return dctx_fail(c, WG_ERATE, "signin_rate_limited", NULL);
    }
    rc = audit_count(c->st, "signin_fail", NULL, c->ip ? c->ip : "", c->now - SIGNIN_WINDOW, &n);
    if (rc)
        return rc;
    if (n >= SIGNIN_FAILS_ADDRESS) {
        audit_log(c, "signin_limited", phone, "address", 0);
        return dctx_fail(c, WG_ERATE, "signin_rate_limited", NULL);
    }
    struct st_person p;
    rc = person_by_phone(c->st, c->a, phone, &p);
    if (rc == WG_ENOTFOUND) {
        person_password_verify(PERSON_DUMMY_HASH, password);
        return fail_attempt(c, phone, "no such account");
    }
    if (rc)
        return rc;
    if (!person_password_verify(p.pw_hash, password))
        return fail_attempt(c, phone, "wrong password");

    struct actor *ac;
    rc = actor_load(c, p.id, &ac);
    if (rc)
        return rc;
    char token[TOKEN_HEX + 1];
    rc = store_begin(c->st);
    if (rc)
        return rc;
    rc = session_issue(c, p.id, ac->is_staff, actor_community(ac), token);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = p.id, .ip = c->ip, .action = "signin",
                             .target = phone, .community_id = actor_community(ac)};
        rc = audit_insert(c->st, &e);
    }
    if ((rc = store_end(c->st, rc)))
        return rc;
    memcpy(token_out, token, sizeof token);
    sodium_memzero(token, sizeof token);
    *actor = ac;
    return 0;
}

