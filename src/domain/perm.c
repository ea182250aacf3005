/*
 * Transitional: the actions of features not yet in their modules, as rows
 * of the kernel's permission table, and role-masked checks.
 */
#include <string.h>

#include "domain/domain.h"

#define N PERM_NONE
#define S PERM_SUBTREE
#define L PERM_LINE
#define C PERM_COMMUNITY
/*                                                                    resident leader grid staff street */
const struct perm_action act_manage_matter = {"manage_matter", "move a matter through staff transitions", {N, S, S, S, S}};

int perm_allows_roles(const struct actor *actor, const struct perm_action *act, const char *place_path,
                      unsigned role_mask)
{
    if (actor == NULL)
        return 0;
    struct actor_role roles[64];
    struct actor one = *actor;
    one.nroles = 0;
    one.roles = roles;
    for (int i = 0; i < actor->nroles && one.nroles < 64; i++)
        if (role_mask & (1u << actor->roles[i].role))
            roles[one.nroles++] = actor->roles[i];
    return perm_allows(&one, act, place_path);
}
