/* The actor of a request: a person and their roles (see actor.h). */
#include "kernel/actor.h"

#include <string.h>

#include "kernel/perm.h"
#include "kernel/person.h"
#include "kernel/role.h"
#include "kernel/tree.h"

int actor_load(dctx *c, int64_t person_id, struct actor **out)
{
    struct st_person p;
    int rc = person_get(c->st, c->a, person_id, &p);
    if (rc)
        return rc;
    struct st_role *roles;
    int n;
    if ((rc = role_list(c->st, c->a, person_id, &roles, &n)))
        return rc;
    struct actor *ac = arena_calloc(c->a, sizeof *ac);
    ac->id = p.id;
    ac->name = p.name;
    ac->phone = p.phone;
    ac->is_volunteer = p.is_volunteer;
    ac->is_party_member = p.is_party_member;
    ac->roles = arena_calloc(c->a, sizeof *ac->roles * (size_t)(n ? n : 1));
    ac->home_community = p.community_id;
    for (int i = 0; i < n; i++) {
        enum role r;
        if (role_parse(roles[i].role, &r) != 0)
            continue;
        struct actor_role *ar = &ac->roles[ac->nroles++];
        ar->role = r;
        ar->place_id = roles[i].place_id;
        ar->place_path = roles[i].place_path;
        ar->place_kind = roles[i].place_kind;
        ar->place_name = roles[i].place_name;
        ar->community_id = roles[i].community_id;
        ar->is_primary = roles[i].is_primary;
        if (r >= ROLE_GRID_WORKER)
            ac->is_staff = 1;
        if (ac->home_community == 0)
            ac->home_community = roles[i].community_id;
    }
    *out = ac;
    return 0;
}

int64_t actor_community(const struct actor *actor)
{
    if (actor == NULL)
        return 0;
    for (int i = 0; i < actor->nroles; i++)
        if (actor->roles[i].community_id)
            return actor->roles[i].community_id;
    return actor->home_community;
}

int actor_check_over(dctx *c, const struct perm_action *act, int64_t person_id, int64_t *community)
{
    struct actor *who = NULL;
    struct st_place com;
    int rc = actor_load(c, person_id, &who);
    *community = rc == 0 ? actor_community(who) : 0;
    if (rc == WG_ENOTFOUND || (rc == 0 && *community <= 0))
        return dctx_fail(c, WG_ENOTFOUND, "not_found", "person_id");
    if (rc)
        return rc;
    if (who->nroles > 0)
        return perm_check(c, act, who->roles[0].place_path, *community);
    if ((rc = tree_get(c->st, c->a, *community, &com)))
        return rc;
    return perm_check(c, act, com.path, *community);
}

int64_t actor_household(const struct actor *actor, int64_t community_id)
{
    for (int i = 0; actor && i < actor->nroles; i++)
        if (actor->roles[i].role == ROLE_RESIDENT && actor->roles[i].community_id == community_id)
            return actor->roles[i].place_id;
    return 0;
}

int64_t actor_household_under(const struct actor *actor, const char *place_path)
{
    for (int i = 0; actor && i < actor->nroles; i++)
        if (actor->roles[i].role == ROLE_RESIDENT && strcmp(actor->roles[i].place_kind, "household") == 0 &&
            tree_under(actor->roles[i].place_path, place_path))
            return actor->roles[i].place_id;
    return 0;
}

json_t *actor_json(dctx *c, const struct actor *a)
{
    json_t *roles = json_array();
    for (int i = 0; i < a->nroles; i++) {
        const struct actor_role *r = &a->roles[i];
        json_array_append_new(roles, json_pack("{s:s, s:o, s:b}", "role", role_name(r->role), "place",
                                               json_pack("{s:I, s:s, s:o}", "id", (json_int_t)r->place_id,
                                                         "kind", r->place_kind, "name",
                                                         r->place_name ? json_string(r->place_name) : json_null()),
                                               "primary", r->is_primary));
    }
    int64_t cm = actor_community(a);
    return json_pack("{s:I, s:s, s:s, s:o, s:b, s:b, s:b, s:o}", "id", (json_int_t)a->id, "name", a->name, "phone",
                     person_phone_mask(c->a, a->phone), "roles", roles, "is_staff", a->is_staff, "volunteer",
                     a->is_volunteer, "party_member", a->is_party_member, "community_id",
                     cm ? json_integer(cm) : json_null());
}
