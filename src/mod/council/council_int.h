/*
 * Private to mod/council/: what council.c gives meeting.c and the views
 * (the series, notices, denials, local times).
 */
#ifndef WG_MOD_COUNCIL_INT_H
#define WG_MOD_COUNCIL_INT_H

#include "mod/council/council.h"

#define DAY 86400

/* A refusal of permission, on the audit record like perm_check's. */
int council_deny(dctx *c, const char *target, const char *what, int64_t community);
/* A council visible to the actor. */
int council_read(dctx *c, int64_t id, struct st_council *out);
/* "YYYY-MM-DD HH:MM" local, in c->a. */
const char *council_local_text(dctx *c, int64_t t);
/* Inside a write transaction: kind to the participants of the meeting's
 * place, now, with a link to the meeting. */
int council_notify_place(dctx *c, const struct st_meeting *m, const char *council_name, const char *kind,
                         const char *detail);
/* The key of a meeting's notice job. */
const char *council_notice_key(dctx *c, int64_t meeting_id);
/* Inside a write transaction: inserts a meeting with its notice (now, or a
 * job at its time) and, for one of the series, the job that tops the
 * series up when it starts. */
int council_meeting_insert(dctx *c, const struct st_council *co, struct st_meeting *m);
/* Inside a write transaction: materialises occurrences until
 * MEETINGS_AHEAD start at or after now (co is current). */
int council_topup_locked(dctx *c, struct st_council *co);
/* The jobs: a notice at its time; the topping up. */
int council_job_notice(dctx *c, const struct job *j);
int council_job_topup(dctx *c, const struct job *j);

#endif
