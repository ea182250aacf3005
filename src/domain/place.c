/* Places: the tree street -> community -> grid -> building -> household,
 * read through the permission check, and the coverage figures. */
#include <stdlib.h>
#include <string.h>

#include "domain/domain.h"

int place_get(dctx *c, int64_t id, struct st_place *out)
{
    int rc = tree_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc)
        return rc;
    return perm_check(c, ACT_READ, out->path, out->community_id);
}

int place_of_kind(dctx *c, int64_t id, const char *kind, const char *code, struct st_place *out)
{
    int rc = tree_get(c->st, c->a, id, out);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(out->kind, kind) != 0))
        return dctx_fail(c, WG_ENOTFOUND, code, NULL);
    return rc;
}

int place_line(dctx *c, const struct st_place *p, struct st_place **out, int *n)
{
    return tree_line(c->st, c->a, p, out, n);
}

int place_children(dctx *c, const struct st_place *p, int limit, int offset, struct st_place **out, int *n, int *total)
{
    int rc = tree_count_children(c->st, p->id, NULL, total);
    if (rc)
        return rc;
    return tree_children(c->st, c->a, p->id, NULL, limit, offset, out, n);
}

int coverage_get(dctx *c, int64_t community_id, struct coverage *out)
{
    struct st_place cm;
    int rc = place_of_kind(c, community_id, "community", "not_found", &cm);
    if (rc)
        return rc;
    rc = perm_check(c, ACT_VIEW_COVERAGE, cm.path, cm.id);
    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    if ((rc = store_places_without_role(c->st, c->a, cm.id, "grid", "grid_worker", &out->grids_no_worker,
                                        &out->n_grids_no_worker)) ||
        (rc = store_places_without_role(c->st, c->a, cm.id, "building", "building_leader",
                                        &out->buildings_no_leader, &out->n_buildings_no_leader)) ||
        (rc = store_places_without_org(c->st, c->a, cm.id, "grid", "party_group", &out->grids_no_party,
                                       &out->n_grids_no_party)))
        return rc;
    struct st_place *grids;
    int ng;
    rc = tree_children(c->st, c->a, cm.id, "grid", 1000, 0, &grids, &ng);
    if (rc)
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

int place_holders(dctx *c, const struct st_place *p, struct st_role **out, int *n)
{
    return role_holders(c->st, c->a, p->id, NULL, out, n);
}

int place_registration_info(dctx *c, int64_t building_id, const char *key, struct st_place *b,
                            struct st_place **households, int *n)
{
    int rc = place_of_kind(c, building_id, "building", "building_not_found", b);
    if (rc)
        return rc;
    if (b->reg_key == NULL || key == NULL || strcmp(b->reg_key, key) != 0)
        return dctx_fail(c, WG_ENOTFOUND, "poster_key_invalid", "key");
    return tree_children(c->st, c->a, b->id, "household", 500, 0, households, n);
}

int place_poster(dctx *c, int64_t building_id, struct st_place *b)
{
    int rc = place_of_kind(c, building_id, "building", "not_found", b);
    if (rc)
        return rc;
    return perm_check(c, ACT_POSTER, b->path, b->community_id);
}

int place_orgs(dctx *c, const struct st_place *p, struct st_org **out, int *n)
{
    return store_org_list(c->st, c->a, p->path, out, n);
}

static const char *const setting_keys[] = {"notice_days", "premoderation", "support_households", NULL};

const char *const *place_setting_keys(void)
{
    return setting_keys;
}

int place_setting_valid(const char *key, const char *value)
{
    char *end;
    if (key == NULL || value == NULL)
        return 0;
    if (strcmp(key, "notice_days") == 0) {
        long d = strtol(value, &end, 10);
        return *value && *end == '\0' && d >= 1 && d <= NOTICE_DAYS_MAX;
    }
    if (strcmp(key, "support_households") == 0) {
        long d = strtol(value, &end, 10);
        return *value && *end == '\0' && d >= 1 && d <= SUPPORT_HOUSEHOLDS_MAX;
    }
    if (strcmp(key, "premoderation") == 0)
        return strcmp(value, "0") == 0 || strcmp(value, "1") == 0;
    return 0;
}

static int setting_known(const char *key)
{
    for (const char *const *k = setting_keys; key && *k; k++)
        if (strcmp(*k, key) == 0)
            return 1;
    return 0;
}

int place_setting_get(dctx *c, int64_t place_id, const char *key, const char **value)
{
    struct st_place p;
    int rc = place_get(c, place_id, &p);
    if (rc)
        return rc;
    if (!setting_known(key))
        return dctx_fail(c, WG_EINVAL, "setting_invalid", key);
    *value = NULL;
    rc = store_place_setting_get(c->st, c->a, place_id, key, value);
    return rc == WG_ENOTFOUND ? 0 : rc;
}

int place_settings_may_change(dctx *c, int64_t place_id)
{
    struct st_place p;
    int rc = place_get(c, place_id, &p);
    return rc ? rc : perm_check(c, ACT_SETTINGS, p.path, p.community_id);
}

int place_setting_set(dctx *c, int64_t place_id, const char *key, const char *value)
{
    struct st_place p;
    int rc = place_get(c, place_id, &p);
    if (rc || (rc = perm_check(c, ACT_SETTINGS, p.path, p.community_id)))
        return rc;
    if (!setting_known(key) || !place_setting_valid(key, value))
        return dctx_fail(c, WG_EINVAL, "setting_invalid", key);
    if ((rc = store_begin(c->st)))
        return rc;
    rc = store_place_setting_set(c->st, place_id, key, value);
    if (rc == 0) {
        struct st_audit e = {.at = c->now, .actor_id = c->actor->id, .ip = c->ip, .action = "setting",
                             .target = arena_printf(c->a, "place:%lld:%s", (long long)place_id, key),
                             .detail = value, .community_id = p.community_id};
        rc = audit_insert(c->st, &e);
    }
    return store_end(c->st, rc);
}

int place_line_setting(dctx *c, const char *path, const char *key, const char **value)
{
    int64_t ids[16];
    int n = 0;
    *value = NULL;
    for (const char *p = path + 1; *p && n < 16;) {
        char *end;
        ids[n++] = strtoll(p, &end, 10);
        if (*end != '/')
            break;
        p = end + 1;
    }
    for (int i = n - 1; i >= 0; i--) {
        int rc = store_place_setting_get(c->st, c->a, ids[i], key, value);
        if (rc != WG_ENOTFOUND)
            return rc;
    }
    *value = NULL;
    return 0;
}
