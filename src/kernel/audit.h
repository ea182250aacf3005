/*
 * The append-only audit log (triggers refuse UPDATE and DELETE): sign-ins
 * and their failures, denials, registrations, claim decisions, moderation,
 * settings and every view of a full phone number with its reason.
 */
#ifndef WG_KERNEL_AUDIT_H
#define WG_KERNEL_AUDIT_H

#include "kernel/dctx.h"

struct st_audit {
    int64_t id, at, actor_id, community_id;
    const char *ip, *action, *target, *detail;
};

/* Records one entry by the actor of c, in a transaction of its own: never
 * call it while a write transaction of this handle is open. */
int audit_log(dctx *c, const char *action, const char *target, const char *detail, int64_t community_id);
/* Records one entry inside the caller's open write transaction (so that it
 * stands or falls with the change it describes). */
int audit_insert(store *s, const struct st_audit *e);
/* Entries of action since a time, by target (ip NULL) or by ip (target NULL). */
int audit_count(store *s, const char *action, const char *target, const char *ip, int64_t since, int *n);
/* A community's entries, newest first. */
int audit_list(store *s, arena *a, int64_t community_id, int limit, int offset, struct st_audit **out, int *n);

#endif
