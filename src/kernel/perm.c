/*
 * The one permission check: role x action x place subtree (see perm.h).
 * The actions are the modules' (each descriptor lists its own); the kernel
 * declares only reading.
 */
#include "kernel/perm.h"

#include <stdio.h>
#include <string.h>

#include "kernel/audit.h"
#include "kernel/module.h"
#include "kernel/role.h"
#include "kernel/tree.h"

const struct perm_action perm_read = {
    "read", "read a place and its public content (matters, calls, meetings, votes)",
    {PERM_COMMUNITY, PERM_COMMUNITY, PERM_COMMUNITY, PERM_COMMUNITY, PERM_SUBTREE}};

static json_t *action_json(const struct perm_action *a, const char *module)
{
    json_t *reach = json_object();
    for (int r = 0; r < ROLE_COUNT; r++)
        json_object_set_new(reach, role_name((enum role)r), json_string(perm_reach_name(a->reach[r])));
    return json_pack("{s:s, s:s, s:s, s:o}", "action", a->name, "what", a->what, "module", module, "reach", reach);
}

json_t *perm_table_json(void)
{
    json_t *items = json_array();
    for (const struct module *const *m = module_list(); m && *m; m++)
        for (const struct perm_action *const *a = (*m)->actions; a && *a; a++)
            json_array_append_new(items, action_json(*a, (*m)->name));
    return json_pack("{s:o}", "items", items);
}

const char *perm_reach_name(enum perm_reach r)
{
    static const char *const names[] = {"none", "subtree", "line", "community"};
    return r <= PERM_COMMUNITY ? names[r] : "?";
}

/* Paths are chains of ids ("/1/4/9/"), so a place lies in community 4 when
 * its path holds the component "/4/". */
static int in_community(const char *path, int64_t community_id)
{
    char comp[32];
    snprintf(comp, sizeof comp, "/%lld/", (long long)community_id);
    return path && strstr(path, comp) != NULL;
}

static int reaches(const struct actor_role *r, enum perm_reach how, const char *path)
{
    switch (how) {
    case PERM_NONE:
        return 0;
    case PERM_SUBTREE:
        return tree_under(path, r->place_path);
    case PERM_LINE:
        return tree_under(path, r->place_path) || tree_under(r->place_path, path);
    case PERM_COMMUNITY:
        if (r->community_id == 0) /* a role above communities */
            return tree_under(path, r->place_path);
        return in_community(path, r->community_id);
    }
    return 0;
}

int perm_allows(const struct actor *actor, const struct perm_action *act, const char *place_path)
{
    if (actor == NULL || act == NULL)
        return 0;
    for (int i = 0; i < actor->nroles; i++) {
        const struct actor_role *r = &actor->roles[i];
        if (r->role < ROLE_COUNT && reaches(r, act->reach[r->role], place_path))
            return 1;
    }
    return 0;
}

int perm_check(dctx *c, const struct perm_action *act, const char *place_path, int64_t community_id)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (perm_allows(c->actor, act, place_path))
        return 0;
    int readable = perm_allows(c->actor, &perm_read, place_path);
    audit_log(c, "denied", place_path, act->name, community_id > 0 ? community_id : 0);
    if (!readable)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

const struct perm_action *perm_action_find(const char *name, const struct module *before)
{
    for (const struct module *const *m = module_list(); m && *m && *m != before; m++)
        for (const struct perm_action *const *a = (*m)->actions; a && *a; a++)
            if (strcmp((*a)->name, name) == 0)
                return *a;
    return NULL;
}
