/* The place tree (see tree.h). */
#include "kernel/tree.h"

#include <stdlib.h>
#include <string.h>

#include "store/sql.h"

void tree_household_row(arena *a, store *s, void *st, void *item)
{
    struct household_ref *h = item;
    (void)a;
    h->household = sql_col_int(s, st, 0);
    h->building = sql_col_int(s, st, 1);
}

int tree_households(store *s, arena *a, const char *sql, int64_t id, struct household_ref **out, int *n)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_collect(s, a, st, sizeof **out, TREE_HOUSEHOLDS_MAX, tree_household_row, (void **)out, n);
}

void tree_row(arena *a, store *s, void *st, void *item)
{
    struct st_place *p = item;
    p->id = sql_col_int(s, st, 0);
    p->kind = sql_col_str(a, s, st, 1);
    p->parent_id = sql_col_int(s, st, 2);
    p->community_id = sql_col_int(s, st, 3);
    p->code = sql_col_str(a, s, st, 4);
    p->name = sql_col_str(a, s, st, 5);
    p->path = sql_col_str(a, s, st, 6);
    p->area_dm2 = sql_col_int(s, st, 7);
    p->reg_key = sql_col_str(a, s, st, 8);
    p->created_at = sql_col_int(s, st, 9);
}

int tree_get(store *s, arena *a, int64_t id, struct st_place *out)
{
    void *st = sql_prep(s, "SELECT " TREE_COLS " FROM place p WHERE p.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, tree_row, out);
}

int tree_insert(store *s, arena *a, struct st_place *p)
{
    struct st_place parent = {0};
    int rc;
    if (p->parent_id) {
        rc = tree_get(s, a, p->parent_id, &parent);
        if (rc)
            return rc;
    }
    /* a community is its own community; below it, the parent's */
    int64_t community = strcmp(p->kind, "community") == 0 ? 0 : parent.community_id;
    /* the path needs the new id: until the update below, a placeholder that
     * is unique by itself (parent and code are), so that many inserts in one
     * transaction do not each check the unique index against all the earlier
     * placeholders' dead versions (quadratic on PostgreSQL) */
    void *st = sql_prep(s, "INSERT INTO place(kind, parent_id, community_id, code, name, path, area_dm2, reg_key, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?9, ?6, ?7, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    const char *tmp = arena_printf(a, "new:%s%s", p->parent_id ? parent.path : "/", p->code);
    sql_bind(s, st, "sIIssIsis", p->kind, p->parent_id, community, p->code, p->name, p->area_dm2, p->reg_key, p->created_at,
             tmp);
    if ((rc = sql_insert_id(s, st, &p->id)))
        return rc;
    if (strcmp(p->kind, "community") == 0)
        community = p->id;
    p->community_id = community;
    p->path = arena_printf(a, "%s%lld/", p->parent_id ? parent.path : "/", (long long)p->id);
    st = sql_prep(s, "UPDATE place SET path = ?1, community_id = ?2 WHERE id = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sIi", p->path, community, p->id);
    return sql_exec(s, st);
}

int tree_children(store *s, arena *a, int64_t parent_id, const char *kind, int limit, int offset,
                  struct st_place **out, int *n)
{
    void *st = sql_prep(s, "SELECT " TREE_COLS " FROM place p WHERE p.parent_id = ?1 "
                               "AND (CAST(?2 AS TEXT) IS NULL OR p.kind = ?2) ORDER BY p.code, p.id LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", parent_id, kind, (int64_t)limit, (int64_t)offset);
    return sql_collect(s, a, st, sizeof **out, limit, tree_row, (void **)out, n);
}

int tree_count_children(store *s, int64_t parent_id, const char *kind, int *n)
{
    void *st = sql_prep(s, "SELECT count(*) FROM place WHERE parent_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", parent_id, kind);
    return sql_count(s, st, n);
}

int tree_path_ids(const char *path, int64_t *ids, int max)
{
    int n = 0;
    for (const char *p = path ? path + 1 : ""; *p && n < max;) {
        char *end;
        long long id = strtoll(p, &end, 10);
        if (end == p || *end != '/')
            break;
        ids[n++] = id;
        p = end + 1;
    }
    return n;
}

int tree_under(const char *path, const char *prefix)
{
    return path && prefix && strncmp(path, prefix, strlen(prefix)) == 0;
}

int tree_line(store *s, arena *a, const struct st_place *p, struct st_place **out, int *n)
{
    /* the path holds every ancestor's id: walk it */
    int64_t ids[32];
    int depth = tree_path_ids(p->path, ids, 32);
    struct st_place *line = arena_calloc(a, sizeof *line * (size_t)(depth + 1));
    for (int k = 0; k < depth; k++) {
        int rc = ids[k] == p->id ? (line[k] = *p, 0) : tree_get(s, a, ids[k], &line[k]);
        if (rc)
            return rc;
    }
    *out = line;
    *n = depth;
    return 0;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *tree_json(dctx *c, const struct st_place *p)
{
    json_t *o = json_pack("{s:I, s:s, s:o, s:o, s:o}", "id", (json_int_t)p->id, "kind", p->kind, "code",
                          str_or_null(p->code), "name", str_or_null(p->name), "parent_id",
                          p->parent_id ? json_integer(p->parent_id) : json_null());
    json_object_set_new(o, "community_id", p->community_id ? json_integer(p->community_id) : json_null());
    if (p->area_dm2)
        json_object_set_new(o, "floor_area_m2", json_real((double)p->area_dm2 / 100.0));
    /* a flag per kind makes template sections simple */
    json_object_set_new(o, arena_printf(c->a, "is_%s", p->kind), json_true());
    return o;
}
