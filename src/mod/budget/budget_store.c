/* The budget module's SQL. */
#include "mod/budget/budget_store.h"

#include "core/err.h"
#include "store/sql.h"

int budget_store_insert(store *s, struct st_budget *b)
{
    void *st = sql_prep(s, "INSERT INTO budget(community_id, place_id, vote_id, title, total_yuan, tie_order, created_by, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisisii", b->community_id, b->place_id, b->vote_id, b->title, b->total, b->tie_order,
             b->created_by, b->created_at);
    return sql_insert_id(s, st, &b->id);
}

int budget_store_project(store *s, int64_t budget_id, int position, int64_t community_id, const char *name,
                         int64_t cost)
{
    void *st = sql_prep(s, "INSERT INTO budget_project(budget_id, position, community_id, name, cost_yuan) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisi", budget_id, (int64_t)position, community_id, name, cost);
    return sql_exec(s, st);
}

static void read_budget(arena *a, store *s, void *st, void *item)
{
    struct st_budget *b = item;
    b->id = sql_col_int(s, st, 0);
    b->community_id = sql_col_int(s, st, 1);
    b->place_id = sql_col_int(s, st, 2);
    b->vote_id = sql_col_int(s, st, 3);
    b->total = sql_col_int(s, st, 4);
    b->created_at = sql_col_int(s, st, 5);
    b->title = sql_col_str(a, s, st, 6);
    b->tie_order = sql_col_str(a, s, st, 7);
}

#define BUDGET_COLS "id, community_id, place_id, vote_id, total_yuan, created_at, title, tie_order"

int budget_store_get(store *s, arena *a, int64_t id, struct st_budget *out)
{
    void *st = sql_prep(s, "SELECT " BUDGET_COLS " FROM budget WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_budget, out);
}

int budget_store_list(store *s, arena *a, int64_t community_id, struct st_budget **out, int *n)
{
    void *st = sql_prep(s, "SELECT " BUDGET_COLS " FROM budget WHERE community_id = ?1 ORDER BY id DESC LIMIT 50");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    return sql_collect(s, a, st, sizeof **out, 50, read_budget, (void **)out, n);
}

struct bp {
    const char *name;
    int64_t cost;
};

static void read_bp(arena *a, store *s, void *st, void *item)
{
    struct bp *p = item;
    p->name = sql_col_str(a, s, st, 0);
    p->cost = sql_col_int(s, st, 1);
}

int budget_store_projects(store *s, arena *a, int64_t budget_id, const char ***names, int64_t **costs, int *n)
{
    struct bp *rows = NULL;
    void *st = sql_prep(s, "SELECT name, cost_yuan FROM budget_project WHERE budget_id = ?1 ORDER BY position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", budget_id);
    int rc = sql_collect(s, a, st, sizeof *rows, BUDGET_PROJECTS_MAX, read_bp, (void **)&rows, n);
    if (rc)
        return rc;
    *names = arena_alloc(a, (size_t)(*n ? *n : 1) * sizeof **names);
    *costs = arena_alloc(a, (size_t)(*n ? *n : 1) * sizeof **costs);
    for (int i = 0; i < *n; i++) {
        (*names)[i] = rows[i].name;
        (*costs)[i] = rows[i].cost;
    }
    return 0;
}
