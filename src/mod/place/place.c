/*
 * Places read through the permission check, their holders and
 * organisations, coverage, posters and per-place settings (see place.h).
 */
#include "mod/place/place.h"

#include <stdlib.h>
#include <string.h>

#include "mod/place/place_store.h"

#define N PERM_NONE
#define S PERM_SUBTREE
/*                                                                   resident leader grid staff street */
const struct perm_action place_act_coverage = {"view_coverage", "see coverage gaps of a community", {N, N, S, S, S}};
const struct perm_action place_act_poster = {"poster", "print a building's registration poster", {N, S, S, S, S}};
const struct perm_action place_act_settings = {"settings", "change a place's settings", {N, N, N, S, S}};
#undef N
#undef S

int place_get(dctx *c, int64_t id, struct st_place *out)
{
    int rc = tree_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, &perm_read, out->path, out->community_id);
}

int place_of_kind(dctx *c, int64_t id, const char *kind, const char *code, struct st_place *out)
{
    int rc = tree_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(out->kind, kind) != 0))
        return dctx_fail(c, WG_ENOTFOUND, code, NULL);
    return rc;
}

int place_default_scope(dctx *c, struct st_place *out)
{
    const struct actor *ac = c->actor;
    int64_t cm = actor_community(ac);
    if (ac->nroles == 0) /* registered, not yet approved: reads nothing */
        return dctx_fail(c, WG_ENOTFOUND, "no_community", NULL);
    int rc = tree_get(c->st, c->a, cm ? cm : ac->roles[0].place_id, out);
    return rc ? rc : perm_check(c, &perm_read, out->path, out->community_id);
}

int place_line(dctx *c, const struct st_place *p, struct st_place **out, int *n)
{
    return tree_line(c->st, c->a, p, out, n);
}

int place_children(dctx *c, const struct st_place *p, int limit, int offset, struct st_place **out, int *n,
                   int *total)
{
    int rc = tree_count_children(c->st, p->id, NULL, total);
    return rc ? rc : tree_children(c->st, c->a, p->id, NULL, limit, offset, out, n);
}

int place_holders(dctx *c, const struct st_place *p, struct st_role **out, int *n)
{
    return role_holders(c->st, c->a, p->id, NULL, out, n);
}

/* ---- organisations ---- */

int place_orgs(dctx *c, const struct st_place *p, struct st_org **out, int *n)
{
    return place_store_orgs(c->st, c->a, p->path, out, n);
}

int place_org_insert(dctx *c, struct st_org *o)
{
    return place_store_org_insert(c->st, o);
}

static json_t *ref(int64_t id, const char *name)
{
    return json_pack("{s:I, s:o}", "id", (json_int_t)id, "name", name ? json_string(name) : json_null());
}

json_t *place_org_json(dctx *c, const struct st_org *o)
{
    (void)c;
    json_t *obj = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)o->id, "kind", o->kind, "name", o->name,
                            "place", ref(o->place_id, o->place_name));
    json_object_set_new(obj, "responsible",
                        o->responsible_id ? ref(o->responsible_id, o->responsible_name) : json_null());
    return obj;
}

/* ---- coverage ---- */

int place_coverage(dctx *c, int64_t community_id, struct place_coverage *out)
{
    struct st_place cm, *grids;
    int ng, rc = place_of_kind(c, community_id, "community", "not_found", &cm);
    if (rc || (rc = perm_check(c, &place_act_coverage, cm.path, cm.id)))
        return rc;
    memset(out, 0, sizeof *out);
    if ((rc = place_store_without_role(c->st, c->a, cm.id, "grid", "grid_worker", &out->grids_no_worker,
                                       &out->n_grids_no_worker)) ||
        (rc = place_store_without_role(c->st, c->a, cm.id, "building", "building_leader", &out->buildings_no_leader,
                                       &out->n_buildings_no_leader)) ||
        (rc = place_store_without_org(c->st, c->a, cm.id, "grid", "party_group", &out->grids_no_party,
                                      &out->n_grids_no_party)) ||
        (rc = tree_children(c->st, c->a, cm.id, "grid", 1000, 0, &grids, &ng)))
        return rc;
    out->n_grids = ng;
    for (int i = 0; i < ng; i++) {
        int nb = 0;
        if ((rc = tree_count_children(c->st, grids[i].id, "building", &nb)))
            return rc;
        out->n_buildings += nb;
    }
    return 0;
}

static json_t *place_refs(const struct st_place *ps, int n)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)ps[i].id, "kind", ps[i].kind,
                                             "code", ps[i].code, "name", ps[i].name));
    return arr;
}

json_t *place_coverage_json(dctx *c, const struct place_coverage *cv)
{
    (void)c;
    return json_pack("{s:i, s:i, s:o, s:o, s:o}", "grids", cv->n_grids, "buildings", cv->n_buildings,
                     "grids_without_grid_worker", place_refs(cv->grids_no_worker, cv->n_grids_no_worker),
                     "buildings_without_building_leader",
                     place_refs(cv->buildings_no_leader, cv->n_buildings_no_leader), "grids_without_party_group",
                     place_refs(cv->grids_no_party, cv->n_grids_no_party));
}

int place_poster(dctx *c, int64_t building_id, struct st_place *b)
{
    int rc = place_of_kind(c, building_id, "building", "not_found", b);
    return rc ? rc : perm_check(c, &place_act_poster, b->path, b->community_id);
}

/* ---- per-place settings ---- */

int place_setting_get(dctx *c, int64_t place_id, const char *key, const char **value)
{
    struct st_place p;
    int rc = place_get(c, place_id, &p);
    if (rc)
        return rc;
    if (setting_def_find(key) == NULL)
        return dctx_fail(c, WG_EINVAL, "setting_invalid", key);
    *value = NULL;
    rc = place_store_setting_get(c->st, c->a, place_id, key, value);
    return rc == WG_ENOTFOUND ? 0 : rc;
}

int place_settings_may_change(dctx *c, int64_t place_id)
{
    struct st_place p;
    int rc = place_get(c, place_id, &p);
    return rc ? rc : perm_check(c, &place_act_settings, p.path, p.community_id);
}

int place_setting_write(dctx *c, int64_t place_id, const char *key, const char *value)
{
    return place_store_setting_set(c->st, place_id, key, value);
}

int place_setting_set(dctx *c, int64_t place_id, const char *key, const char *value)
{
    struct st_place p;
    int rc = place_get(c, place_id, &p);
    if (rc || (rc = perm_check(c, &place_act_settings, p.path, p.community_id)))
        return rc;
    if (!setting_def_valid(setting_def_find(key), value))
        return dctx_fail(c, WG_EINVAL, "setting_invalid", key);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = place_store_setting_set(c->st, place_id, key, value);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "setting",
                             .target = arena_printf(c->a, "place:%lld:%s", (long long)place_id, key),
                             .detail = value, .community_id = p.community_id};
        rc = audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}

int place_line_setting(dctx *c, const char *path, const struct setting_def *d, long *value)
{
    int64_t ids[32];
    int n = tree_path_ids(path, ids, 32);
    *value = d->def;
    for (int i = n - 1; i >= 0; i--) {
        const char *v = NULL;
        int rc = place_store_setting_get(c->st, c->a, ids[i], d->key, &v);
        if (rc == WG_ENOTFOUND)
            continue;
        if (rc)
            return rc;
        if (setting_def_valid(d, v))
            *value = strtol(v, NULL, 10);
        return 0;
    }
    return 0;
}
