/* The place module's SQL: organisations, coverage gaps, per-place settings. */
#include "mod/place/place_store.h"

#include <time.h>

#include "store/sql.h"

static void read_str0(arena *a, store *s, void *st, void *item)
{
    *(const char **)item = sql_col_str(a, s, st, 0);
}

static void read_org(arena *a, store *s, void *st, void *item)
{
    struct st_org *o = item;
    o->id = sql_col_int(s, st, 0);
    o->kind = sql_col_str(a, s, st, 1);
    o->name = sql_col_str(a, s, st, 2);
    o->place_id = sql_col_int(s, st, 3);
    o->community_id = sql_col_int(s, st, 4);
    o->parent_id = sql_col_int(s, st, 5);
    o->responsible_id = sql_col_int(s, st, 6);
    o->responsible_name = sql_col_str(a, s, st, 7);
    o->place_name = sql_col_str(a, s, st, 8);
}

int place_store_org_insert(store *s, struct st_org *o)
{
    void *st = sql_prep(s, "INSERT INTO org_unit(kind, name, place_id, community_id, parent_id, responsible_id, created_at) "
                               "VALUES (?1, ?2, ?3, (SELECT community_id FROM place WHERE id = ?3), ?4, ?5, ?6) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ssiIIi", o->kind, o->name, o->place_id, o->parent_id, o->responsible_id, (int64_t)time(NULL));
    return sql_insert_id(s, st, &o->id);
}

int place_store_orgs(store *s, arena *a, const char *path_prefix, struct st_org **out, int *n)
{
    void *st = sql_prep(s, "SELECT o.id, o.kind, o.name, o.place_id, o.community_id, o.parent_id, o.responsible_id, "
                               "pe.name, p.name FROM org_unit o JOIN place p ON p.id = o.place_id "
                               "LEFT JOIN person pe ON pe.id = o.responsible_id "
                               "WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1 ORDER BY p.path, o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", path_prefix);
    return sql_collect(s, a, st, sizeof **out, 500, read_org, (void **)out, n);
}

int place_store_without_role(store *s, arena *a, int64_t community_id, const char *kind, const char *role,
                             struct st_place **out, int *n)
{
    void *st = sql_prep(s, "SELECT " TREE_COLS " FROM place p WHERE p.community_id = ?1 AND p.kind = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.place_id = p.id AND r.role = ?3) "
                               "ORDER BY p.code, p.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iss", community_id, kind, role);
    return sql_collect(s, a, st, sizeof **out, 1000, tree_row, (void **)out, n);
}

int place_store_without_org(store *s, arena *a, int64_t community_id, const char *kind, const char *org_kind,
                            struct st_place **out, int *n)
{
    void *st = sql_prep(s, "SELECT " TREE_COLS " FROM place p WHERE p.community_id = ?1 AND p.kind = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.place_id = p.id AND o.kind = ?3) "
                               "ORDER BY p.code, p.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iss", community_id, kind, org_kind);
    return sql_collect(s, a, st, sizeof **out, 1000, tree_row, (void **)out, n);
}

int place_store_setting_get(store *s, arena *a, int64_t place_id, const char *key, const char **value)
{
    void *st = sql_prep(s, "SELECT value FROM place_setting WHERE place_id = ?1 AND key = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", place_id, key);
    return sql_one(s, a, st, read_str0, value);
}

int place_store_setting_set(store *s, int64_t place_id, const char *key, const char *value)
{
    void *st = sql_prep(s, "INSERT INTO place_setting(place_id, community_id, key, value) "
                       "VALUES (?1, (SELECT community_id FROM place WHERE id = ?1), ?2, ?3) "
                       "ON CONFLICT(place_id, key) DO UPDATE SET value = excluded.value");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iss", place_id, key, value);
    return sql_exec(s, st);
}
