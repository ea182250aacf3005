/*
 * Actors, roles and the one permission check: role x action x place subtree.
 * A role assignment reaches places in one of these ways:
 *   SUBTREE   the role's place and everything below it
 *   LINE      SUBTREE plus the places above it (a resident's own building,
 *             grid and community)
 *   COMMUNITY everything in the community the role's place belongs to
 *   STREET    everything in the street (for street admins: their subtree)
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "domain/domain.h"

enum reach { NONE, SUBTREE, LINE, COMMUNITY };

/* [action][role] */
static const enum reach table[ACT_COUNT][ROLE_COUNT] = {
    /*                    resident   leader     grid       staff      street */
    [ACT_READ] =          {COMMUNITY, COMMUNITY, COMMUNITY, COMMUNITY, SUBTREE},
    [ACT_PROPOSE] =       {LINE,      LINE,      LINE,      SUBTREE,   SUBTREE},
    [ACT_FOLLOW] =        {COMMUNITY, COMMUNITY, COMMUNITY, COMMUNITY, SUBTREE},
    [ACT_VIEW_PEOPLE] =   {NONE,      SUBTREE,   SUBTREE,   SUBTREE,   SUBTREE},
    [ACT_VIEW_PHONE] =    {NONE,      NONE,      SUBTREE,   SUBTREE,   SUBTREE},
    [ACT_DECIDE_CLAIM] =  {NONE,      NONE,      NONE,      SUBTREE,   SUBTREE},
    [ACT_VIEW_COVERAGE] = {NONE,      NONE,      SUBTREE,   SUBTREE,   SUBTREE},
    [ACT_VIEW_AUDIT] =    {NONE,      NONE,      NONE,      SUBTREE,   SUBTREE},
    [ACT_POSTER] =        {NONE,      SUBTREE,   SUBTREE,   SUBTREE,   SUBTREE},
    [ACT_MANAGE_MATTER] = {NONE,      SUBTREE,   SUBTREE,   SUBTREE,   SUBTREE},
    [ACT_SETTINGS] =      {NONE,      NONE,      NONE,      SUBTREE,   SUBTREE},
};

static const char *const role_names[ROLE_COUNT] = {"resident", "building_leader", "grid_worker",
                                                   "community_staff", "street_admin"};
static const char *const action_names[ACT_COUNT] = {
    "read", "propose", "follow", "view_people", "view_phone", "decide_claim",
    "view_coverage", "view_audit", "poster", "manage_matter", "settings"};

const char *role_name(enum role r)
{
    return r < ROLE_COUNT ? role_names[r] : "?";
}

const char *action_name(enum action a)
{
    return a < ACT_COUNT ? action_names[a] : "?";
}

int role_parse(const char *s, enum role *out)
{
    for (int i = 0; s && i < ROLE_COUNT; i++)
        if (strcmp(s, role_names[i]) == 0) {
            *out = (enum role)i;
            return 0;
        }
    return WG_EINVAL;
}

int dctx_fail(dctx *c, int err, const char *code, const char *field)
{
    c->code = code;
    c->field = field;
    return err;
}

int dctx_rate_locked(dctx *c, count_since_fn count_since, int per_minute, int per_hour, const char *code)
{
    int recent = 0;
    int rc = store_lock_row(c->st, STORE_ROW_PERSON, c->actor->id);
    if (rc == 0)
        rc = count_since(c->st, c->actor->id, c->now - 60, &recent);
    if (rc == 0 && recent >= per_minute)
        return dctx_fail(c, WG_ERATE, code, NULL);
    if (rc == 0)
        rc = count_since(c->st, c->actor->id, c->now - 3600, &recent);
    if (rc == 0 && recent >= per_hour)
        return dctx_fail(c, WG_ERATE, code, NULL);
    return rc;
}

static int has_prefix(const char *s, const char *prefix)
{
    return s && prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Paths are chains of ids ("/1/4/9/"), so a place lies in community 4 when
 * its path holds the component "/4/". */
static int in_community(const char *path, int64_t community_id)
{
    char comp[32];
    snprintf(comp, sizeof comp, "/%lld/", (long long)community_id);
    return path && strstr(path, comp) != NULL;
}

static int reaches(const struct actor_role *r, enum reach how, const char *path)
{
    switch (how) {
    case NONE:
        return 0;
    case SUBTREE:
        return has_prefix(path, r->place_path);
    case LINE:
        return has_prefix(path, r->place_path) || has_prefix(r->place_path, path);
    case COMMUNITY:
        if (r->community_id == 0) /* a role above communities */
            return has_prefix(path, r->place_path);
        return in_community(path, r->community_id);
    }
    return 0;
}

static int allows(const struct actor *actor, enum action act, const char *path)
{
    if (actor == NULL || act >= ACT_COUNT)
        return 0;
    for (int i = 0; i < actor->nroles; i++) {
        const struct actor_role *r = &actor->roles[i];
        if (reaches(r, table[act][r->role], path))
            return 1;
    }
    return 0;
}

int perm_allows(const struct actor *actor, enum action act, const char *place_path)
{
    return allows(actor, act, place_path);
}

int perm_check(dctx *c, enum action act, const char *place_path, int64_t community_id)
{
    if (c->actor == NULL)
        return dctx_fail(c, WG_EAUTH, "signin_required", NULL);
    if (allows(c->actor, act, place_path))
        return 0;
    int readable = allows(c->actor, ACT_READ, place_path);
    audit_log(c, "denied", place_path, action_name(act), community_id > 0 ? community_id : 0);
    if (!readable)
        return dctx_fail(c, WG_ENOTFOUND, "not_found", NULL);
    return dctx_fail(c, WG_EPERM, "forbidden", NULL);
}

int audit_log(dctx *c, const char *action, const char *target, const char *detail, int64_t community_id)
{
    struct st_audit e = {
        .at = c->now,
        .actor_id = c->actor ? c->actor->id : 0,
        .ip = c->ip,
        .action = action,
        .target = target,
        .detail = detail,
        .community_id = community_id,
    };
    int rc = store_begin(c->st);
    if (rc == 0)
        rc = store_end(c->st, store_audit_insert(c->st, &e));
    if (rc)
        log_error("audit: cannot record %s %s: %s", action, target ? target : "", wg_err_name(rc));
    return rc;
}

int actor_load(dctx *c, int64_t person_id, struct actor **out)
{
    struct st_person p;
    int rc = store_person_get(c->st, c->a, person_id, &p);
    if (rc)
        return rc;
    struct st_role *roles;
    int n;
    rc = store_roles_of(c->st, c->a, person_id, &roles, &n);
    if (rc)
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

int perm_allows_roles(const struct actor *actor, enum action act, const char *place_path, unsigned role_mask)
{
    if (actor == NULL || act >= ACT_COUNT)
        return 0;
    for (int i = 0; i < actor->nroles; i++) {
        const struct actor_role *r = &actor->roles[i];
        if ((role_mask & (1u << r->role)) && reaches(r, table[act][r->role], place_path))
            return 1;
    }
    return 0;
}
