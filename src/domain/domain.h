/*
 * The domain: the rules of places, people, roles, sign-in and matters. No
 * HTTP and no SQL here: every function takes a context (store, actor, arena,
 * clock) and returns 0 or a negative WG_E* code; on failure it also leaves a
 * machine-readable reason in ctx->code (an i18n key such as "title_required")
 * and, when one input is at fault, its name in ctx->field.
 *
 * Permission is checked here, in one place (perm_check), by every function
 * that reads or changes something on behalf of an actor; handlers never
 * decide access themselves.
 *
 * Results are plain structs from store.h or jansson objects built by the
 * view_* functions (views apply the privacy rules, such as masked phones);
 * everything lives in ctx->a, except json_t values, which the caller
 * releases with json_decref.
 */
#ifndef WG_DOMAIN_H
#define WG_DOMAIN_H

#include <jansson.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* ---- transitional: the kernel's context, actors and permissions ---- */
#include "kernel/kernel.h"
#include "core/time.h"
#include "core/token.h"

/* the legacy actions, until each moves into its module */
extern const struct perm_action act_propose, act_follow, act_manage_matter;
extern const struct setting_def matter_settings[], comment_settings[];
#define ACT_READ (&perm_read)
#define ACT_PROPOSE (&act_propose)
#define ACT_FOLLOW (&act_follow)
#define ACT_MANAGE_MATTER (&act_manage_matter)
/* perm_allows counting only the roles in role_mask (bits 1 << enum role). */
int perm_allows_roles(const struct actor *actor, const struct perm_action *act, const char *place_path,
                      unsigned role_mask);
#define time_pair time_json_pair
#define phone_valid person_phone_valid
#define phone_mask person_phone_mask
#define view_place tree_json
#define view_actor actor_json
#define view_person person_json

/* ---- places (transitional: the place module) ---- */
#include "mod/place/place.h"

/* ---- people (transitional: the people module) ---- */
#include "mod/people/people.h"

/* ---- matters ---- */
#define MATTER_TITLE_MAX 80     /* code points */
#define MATTER_BODY_MAX 20000   /* code points */

const char *const *matter_categories(void);  /* NULL-terminated */
const char *const *matter_stages(void);      /* NULL-terminated, in life order */
int matter_stage_valid(const char *stage);
/* The five co's phase of a stage: plan build manage evaluate share closed */
const char *matter_phase(const char *stage);

struct matter_new {
    int64_t place_id;
    const char *category, *title, *body;
};
int matter_create(dctx *c, const struct matter_new *in, int64_t *id);
/* matter_create in two steps, for features that create a matter together
 * with their own writes: the checks (permission, input; no writes, may
 * audit) fill *m; the write runs inside the caller's open transaction and
 * sets m->id. */
int matter_create_check(dctx *c, const struct matter_new *in, struct st_matter *m);
int matter_create_write(dctx *c, struct st_matter *m);
int matter_get(dctx *c, int64_t id, struct st_matter *out);
struct matter_query {
    int64_t place_id;   /* 0: the actor's community */
    const char *stage, *category, *q;
    int followed;       /* only those the actor follows */
    int open_only;      /* leave out withdrawn, rejected and merged ones */
    int limit, offset;
};
int matter_list(dctx *c, const struct matter_query *q, struct st_matter **out, int *n, int *total);
int matter_timeline(dctx *c, int64_t id, struct st_event **out, int *n);
struct transition {
    const char *from, *to;
    unsigned roles;         /* bit (1 << enum role) of roles that may do it */
    int author_may;         /* the matter's author may do it too */
    int reason_required;
};
/* Transitions the actor may take from the matter's current stage. */
int matter_transitions_for(dctx *c, const struct st_matter *m, const struct transition **out, int max, int *n);
int matter_transition(dctx *c, int64_t id, const char *to, const char *reason, int64_t merge_into);
int matter_follow(dctx *c, int64_t id, int follow);

/* Support: a resident backs a collecting matter (one support per person,
 * counted by distinct household); when SUPPORT households are reached (the
 * "support_households" setting of the nearest place on the matter's line,
 * default SUPPORT_HOUSEHOLDS_DEFAULT) the matter enters deliberation at once,
 * on the timeline, in the same transaction. */
#define SUPPORT_HOUSEHOLDS_DEFAULT 5
#define SUPPORT_HOUSEHOLDS_MAX 1000
struct support_state {
    int households; /* distinct households backing it */
    int needed;     /* the threshold that applies */
    int mine;       /* the actor backs it */
};
int matter_support(dctx *c, int64_t id, struct support_state *out);
int matter_support_state(dctx *c, const struct st_matter *m, struct support_state *out);

/* Public notice (公示): moving a matter to "notice" starts a notice period
 * of the place's "notice_days" setting (nearest place on its line that sets
 * it; default NOTICE_DAYS_DEFAULT), recorded on the matter. During it,
 * members of the community file objections; staff answer each publicly.
 * notice -> building needs the period over and every objection answered; an
 * upheld objection sends the matter back to deliberation at once. */
#define NOTICE_DAYS_DEFAULT 5
#define NOTICE_DAYS_MAX 60
#define OBJECTION_MAX 2000       /* code points */
#define OBJECTIONS_PER_PERSON 5  /* per matter */
int matter_objections(dctx *c, int64_t matter_id, struct st_objection **out, int *n);
int objection_file(dctx *c, int64_t matter_id, const char *body, int64_t *id);
int objection_answer(dctx *c, int64_t objection_id, const char *answer, int upheld);
/* Whether the actor may answer objections of this matter (for showing forms). */
int objection_may_answer(dctx *c, const struct st_matter *m);
int matter_is_following(dctx *c, int64_t id, int *yes);

/* ---- discussion: threaded comments on matters ----
 * Members of the community comment and reply (up to COMMENT_DEPTH_MAX deep)
 * and report abuse; staff of the place (grid workers and up) hide a comment
 * with a public reason, or approve one held for review. Where a place on
 * the matter's line sets "premoderation" to "1", residents' new comments are
 * held until staff approve them. */
#define COMMENT_MAX 2000          /* code points */
#define COMMENT_DEPTH_MAX 3
#define COMMENT_RATE_MINUTE 5     /* comments per person per minute */
#define COMMENT_RATE_HOUR 30      /* and per hour */
/* Comments visible to the actor, in thread order: everything for staff;
 * otherwise visible ones, one's own held ones, and hidden ones as a notice
 * (the view leaves out their body). */
int comment_list(dctx *c, int64_t matter_id, struct st_comment **out, int *n);
int comment_post(dctx *c, int64_t matter_id, int64_t parent_id, const char *body, int64_t *id, const char **status);
int comment_report(dctx *c, int64_t comment_id, const char *reason);
/* action: "hide" (reason required, public), "approve" or "show". */
int comment_moderate(dctx *c, int64_t comment_id, const char *action, const char *reason);
int comment_may_moderate(dctx *c, const struct st_matter *m);

/* ---- views: the public shape of each object (JSON for the API, context
 * for templates). Caller owns the returned reference. ---- */
json_t *view_matter(dctx *c, const struct st_matter *m, int with_body);
json_t *view_event(dctx *c, const struct st_event *e);
json_t *view_objection(dctx *c, const struct st_objection *o);
/* A comment as shown: a hidden one keeps its reason, not its body. */
json_t *view_comment(dctx *c, const struct st_comment *cm, int moderator);

/* ---- demo data ---- */
/* Creates the demo street with its communities; WG_ECONFLICT if present.
 * Prints the demo sign-ins to stdout. */
int demo_create(dctx *c);

#endif
