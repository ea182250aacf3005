/*
 * The sign-in module: a phone number and a password open a session (the
 * pages' sign-in form and the API's POST /api/v1/session), sign-out ends it,
 * and GET /api/v1/me tells who is signed in, where, and their claims.
 * Passwords are argon2id (kernel/person.h); sessions are the edge's
 * (edge/session.h).
 */
#ifndef WG_MOD_SIGNIN_H
#define WG_MOD_SIGNIN_H

#include "core/token.h"
#include "kernel/kernel.h"

#define SIGNIN_FAILS_ACCOUNT 5  /* failures per account within SIGNIN_WINDOW */
#define SIGNIN_FAILS_ADDRESS 20 /* failures per address within SIGNIN_WINDOW */
#define SIGNIN_WINDOW (15 * 60)

/* Verifies phone and password; on success opens a session, writes its
 * token (hex) to token_out and loads the actor. WG_EINVAL "phone_invalid",
 * WG_EAUTH "bad_credentials", WG_ERATE "signin_rate_limited" (answer with
 * Retry-After). Every attempt is audited; an unknown phone costs the time of
 * a real check, so timing does not tell which numbers have accounts. */
int signin_password(dctx *c, const char *phone, const char *password, char token_out[TOKEN_HEX + 1],
                    struct actor **actor);

extern const struct module signin_module;

#endif
