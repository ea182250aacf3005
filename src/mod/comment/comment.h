/*
 * The comment module: threaded discussion on anything a module declares as
 * a subject (kernel/subject.h): matters here, opinions in the opinion
 * module, and whatever later stages hang it on. Members of the subject's
 * community (matter_act_take_part) comment and reply, up to
 * COMMENT_DEPTH_MAX deep, and report abuse; moderators of its place
 * (comment_act_moderate) hide a comment with a public reason or approve
 * one held for review. Where a place on the subject's line sets
 * "premoderation", comments of anyone but moderators are held. A comment
 * is stored with its subject's kind and id, never with a column per kind.
 *
 * Every function returns 0 or a WG_E* code with c->code set; results live
 * in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_COMMENT_H
#define WG_MOD_COMMENT_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/matter/matter.h"

#define COMMENT_MAX 2000      /* code points */
#define COMMENT_DEPTH_MAX 3
#define COMMENT_RATE_MINUTE 5 /* comments per person per minute */
#define COMMENT_RATE_HOUR 30  /* and per hour */

extern const struct perm_action comment_act_moderate;

struct st_comment {
    int64_t id;
    const char *subject_kind;
    int64_t subject_id, community_id, parent_id, author_id;
    int depth, reports;
    const char *author_name, *body, *status, *hidden_reason;
    int64_t moderated_by, moderated_at, created_at;
};

/* A subject's comments visible to the actor, in thread order (each reply
 * after its parent): everything for moderators; otherwise visible ones,
 * one's own held ones, and hidden ones as a notice (the view leaves out
 * their body). */
int comment_list(dctx *c, const struct subject *s, struct st_comment **out, int *n);
/* *status: "visible", or "pending" where the place pre-moderates. */
int comment_post(dctx *c, const struct subject *s, int64_t parent_id, const char *body, int64_t *id,
                 const char **status);
/* Reporting and moderating a comment; *s (may be NULL) gets its subject. */
int comment_report(dctx *c, int64_t comment_id, const char *reason, struct subject *s);
/* action: "hide" (reason required, public), "approve" or "show". */
int comment_moderate(dctx *c, int64_t comment_id, const char *action, const char *reason, struct subject *s);
int comment_may_moderate(dctx *c, const struct subject *s);
/* A comment as shown: a hidden one keeps its reason, not its body (but
 * for moderators). */
json_t *comment_view(dctx *c, const struct st_comment *cm, int moderator);
/* The thread as a page shows it: {comments (each with is_hidden,
 * is_pending, may_reply, moderator), comments_base (the subject's url),
 * may_moderate}; NULL with *rc set when it cannot be read. */
json_t *comment_thread(dctx *c, const struct subject *s, int *rc);

extern const struct module comment_module;

#endif
