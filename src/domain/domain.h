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

/* ---- discussion (transitional: the comment module) ---- */
#include "mod/comment/comment.h"

/* ---- views: the public shape of each object (JSON for the API, context
 * for templates). Caller owns the returned reference. ---- */
/* A comment as shown: a hidden one keeps its reason, not its body. */

/* ---- demo data ---- */
/* Creates the demo street with its communities; WG_ECONFLICT if present.
 * Prints the demo sign-ins to stdout. */
int demo_create(dctx *c);

#endif
