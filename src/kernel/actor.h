/*
 * The actor of a request: a person with their roles at places, loaded once
 * per request by the edge and read by every permission check.
 */
#ifndef WG_KERNEL_ACTOR_H
#define WG_KERNEL_ACTOR_H

#include <jansson.h>

#include "kernel/dctx.h"

/* Loads the person and their roles into c->a. */
int actor_load(dctx *c, int64_t person_id, struct actor **out);
/* The community an actor works in or lives in by default (0 if none). */
int64_t actor_community(const struct actor *actor);
/* The actor's household in a community: the place of a resident role
 * there (0 when none). */
int64_t actor_household(const struct actor *actor, int64_t community_id);
/* The actor's household under a place (a building, grid or community: its
 * path), 0 when none: who answers for a household there (a survey, an
 * assessment). */
int64_t actor_household_under(const struct actor *actor, const char *place_path);
struct perm_action;
/* Permission over a person (their statement, their records): act at the
 * place the person belongs to most closely (their first role's place, or
 * their community's). *community: the person's community. WG_ENOTFOUND
 * "not_found" for nobody or a person of no community; else perm_check's. */
int actor_check_over(dctx *c, const struct perm_action *act, int64_t person_id, int64_t *community);
/* The public shape of an actor (phone masked). Caller owns the reference. */
json_t *actor_json(dctx *c, const struct actor *a);

#endif
