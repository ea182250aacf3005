/*
 * The one permission table: role x action x place subtree. Each module
 * declares its actions (struct perm_action, listed in its descriptor); an
 * action says, per role, how far a role assignment reaches from its place:
 *   PERM_SUBTREE   the role's place and everything below it
 *   PERM_LINE      SUBTREE plus the places above it (a resident's own
 *                  building, grid and community)
 *   PERM_COMMUNITY everything in the community of the role's place (for a
 *                  role above communities: its subtree)
 * No rule keeps a private list of roles: who may do what is this table.
 * GET /api/v1/permissions shows it whole.
 */
#ifndef WG_KERNEL_PERM_H
#define WG_KERNEL_PERM_H

#include <jansson.h>

#include "kernel/dctx.h"

struct module;

enum perm_reach { PERM_NONE, PERM_SUBTREE, PERM_LINE, PERM_COMMUNITY };

struct perm_action {
    const char *name;                  /* "manage_vote": unique over all modules */
    const char *what;                  /* one line, in English, for the table */
    enum perm_reach reach[ROLE_COUNT]; /* by enum role */
};

/* The kernel's own action: read a place and its public content. Everyone
 * reads their community; a street admin their subtree. */
extern const struct perm_action perm_read;

/* 0 when the actor may do act at the place (path); otherwise WG_EAUTH for
 * an anonymous actor, WG_ENOTFOUND when the place is outside everything
 * the actor can read (no existence leak), WG_EPERM when it is readable but
 * the action is not allowed. Every denial is written to the audit log. */
int perm_check(dctx *c, const struct perm_action *act, const char *place_path, int64_t community_id);
/* Like perm_check, without the audit record (to decide what to show). */
int perm_allows(const struct actor *actor, const struct perm_action *act, const char *place_path);
/* The action named name declared by a module listed before `before`
 * (NULL: any installed module), or NULL. */
const struct perm_action *perm_action_find(const char *name, const struct module *before);
/* The whole table, every module's actions in module order:
 * {"items": [{"action", "what", "module", "reach": {ROLE: REACH}}]}, for
 * GET /api/v1/permissions. The caller owns the reference. */
json_t *perm_table_json(void);
/* The name of a reach ("subtree"...). */
const char *perm_reach_name(enum perm_reach r);

#endif
