/*
 * Sessions and CSRF tokens. A session token is 256 random bits; the cookie
 * holds it in hex and the store only its BLAKE2b hash, so a stolen database
 * yields no usable session. A CSRF token is a keyed BLAKE2b of the cookie's
 * token (session or anonymous): only a page of our origin, which can read
 * what we send it, can know it. The edge's own table: session.
 */
#ifndef WG_EDGE_SESSION_H
#define WG_EDGE_SESSION_H

#include "core/token.h"
#include "kernel/dctx.h"

#define STAFF_IDLE_SECONDS (30 * 60)
#define STAFF_ABSOLUTE_SECONDS (12 * 3600)
#define RESIDENT_IDLE_SECONDS (30 * 24 * 3600)
#define RESIDENT_ABSOLUTE_SECONDS (90 * 24 * 3600)

/* Writes a new session for person_id and gives its cookie token. No
 * password check and no transaction of its own: the caller has checked who
 * this is (the sign-in module) or is a tool seeding a benchmark, and holds
 * the write transaction. */
int session_issue(dctx *c, int64_t person_id, int is_staff, int64_t community_id, char token_out[TOKEN_HEX + 1]);
/* Resolves a session token to a person, enforcing idle and absolute expiry
 * (an expired session is deleted; last_seen is refreshed at most once a
 * minute). WG_EAUTH with "signin_required" or "session_expired". */
int session_resolve(dctx *c, const char *token, int64_t *person_id);
/* Ends the session of a token (unknown tokens: nothing). */
int session_end(dctx *c, const char *token);
/* Ends every session of a person (a new password: every device signs in
 * again). Inside the caller's write transaction. */
int session_end_person(store *s, int64_t person_id);
/* The CSRF token bound to a cookie token (hex; "" for a malformed one). */
void session_csrf(const char *cookie_token, char out[TOKEN_HEX + 1]);
int session_csrf_ok(const char *cookie_token, const char *given);

#endif
