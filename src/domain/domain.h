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
extern const struct perm_action act_manage_matter;
extern const struct setting_def comment_settings[];
#define ACT_READ (&perm_read)
#define ACT_FOLLOW (&matter_act_take_part)
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
#define view_matter matter_view

/* ---- places (transitional: the place module) ---- */
#include "mod/place/place.h"

/* ---- people (transitional: the people module) ---- */
#include "mod/people/people.h"

/* ---- matters (transitional: the matter module) ---- */
#include "mod/matter/matter.h"

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
/* A comment as shown: a hidden one keeps its reason, not its body. */
json_t *view_comment(dctx *c, const struct st_comment *cm, int moderator);

/* ---- demo data ---- */
/* Creates the demo street with its communities; WG_ECONFLICT if present.
 * Prints the demo sign-ins to stdout. */
int demo_create(dctx *c);

#endif
