/*
 * The request context every rule takes (dctx): the store handle, the
 * request's arena, the actor (a person with roles at places, or NULL for
 * an anonymous visitor), the clock and the client's address. A rule returns
 * 0 or a negative WG_E* code (core/err.h); on failure it also leaves a
 * machine-readable reason in c->code (a string key such as
 * "title_required", which every module's i18n.tsv translates) and, when
 * one input is at fault, its name in c->field.
 *
 * Everything a rule returns lives in c->a, except json_t values, which
 * the caller releases with json_decref.
 */
#ifndef WG_KERNEL_DCTX_H
#define WG_KERNEL_DCTX_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* Shared limits of every list and every reason given for an action. */
#define LIST_LIMIT_DEFAULT 20
#define LIST_LIMIT_MAX 100
#define REASON_MAX 500 /* code points */

enum role {
    ROLE_RESIDENT,
    ROLE_BUILDING_LEADER,
    ROLE_GRID_WORKER,
    ROLE_COMMUNITY_STAFF,
    ROLE_STREET_ADMIN,
    ROLE_COUNT
};

struct actor_role {
    enum role role;
    int64_t place_id;
    const char *place_path;
    const char *place_kind;
    const char *place_name;
    int64_t community_id;
    int is_primary;
};

struct actor {
    int64_t id;
    const char *name;
    const char *phone;
    int is_volunteer, is_party_member;
    struct actor_role *roles;
    int nroles;
    int is_staff;           /* holds grid_worker, community_staff or street_admin */
    int64_t home_community; /* community of the first role, or of a pending claim */
};

typedef struct dctx {
    store *st;
    arena *a;
    const struct actor *actor; /* NULL: anonymous */
    int64_t now;               /* Unix seconds (the test clock under --clock-file) */
    const char *ip;            /* for the audit log */
    const char *code;          /* on failure: reason key */
    const char *field;         /* on failure: the input at fault, or NULL */
} dctx;

/* Sets c->code and c->field and returns err (for `return dctx_fail(...)`). */
int dctx_fail(dctx *c, int err, const char *code, const char *field);

/* The one check of a text input: blank text (nothing but white space, or
 * NULL) fails with WG_EINVAL code_required when required, and is otherwise
 * accepted as absent; text that is not UTF-8 or holds more than max_cp code
 * points fails with WG_EINVAL code_invalid. field names the input. */
int dctx_text(dctx *c, const char *s, size_t max_cp, int required, const char *field, const char *code_required,
              const char *code_invalid);

/* A posting rate limit, inside the write transaction and under the
 * actor's row lock, so that racing posts cannot pass it: at most
 * per_minute of the actor's rows a minute and per_hour an hour, counted by
 * count_since(store, actor, since, &n); else WG_ERATE with code. */
typedef int (*count_since_fn)(store *s, int64_t person_id, int64_t since, int *n);
int dctx_rate_locked(dctx *c, count_since_fn count_since, int per_minute, int per_hour, const char *code);

#endif
