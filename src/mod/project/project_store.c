/* The project module's SQL. */
#include "mod/project/project_store.h"

#include "core/err.h"
#include "store/sql.h"

#define PROJECT_COLS                                                                                             \
    "j.id, j.community_id, j.place_id, COALESCE(j.matter_id, 0), j.budget_fen, j.created_by, j.created_at, "   \
    "j.updated_at, j.title, j.summary, p.name, p.path"

static void read_project(arena *a, store *s, void *st, void *item)
{
    struct st_project *p = item;
    p->id = sql_col_int(s, st, 0);
    p->community_id = sql_col_int(s, st, 1);
    p->place_id = sql_col_int(s, st, 2);
    p->matter_id = sql_col_int(s, st, 3);
    p->budget_fen = sql_col_int(s, st, 4);
    p->created_by = sql_col_int(s, st, 5);
    p->created_at = sql_col_int(s, st, 6);
    p->updated_at = sql_col_int(s, st, 7);
    p->title = sql_col_str(a, s, st, 8);
    p->summary = sql_col_str(a, s, st, 9);
    p->place_name = sql_col_str(a, s, st, 10);
    p->place_path = sql_col_str(a, s, st, 11);
}

int project_store_insert(store *s, struct st_project *p)
{
    void *st = sql_prep(s, "INSERT INTO project(community_id, place_id, matter_id, title, summary, budget_fen, "
                           "created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIssiii", p->community_id, p->place_id, p->matter_id, p->title, p->summary, p->budget_fen,
             p->created_by, p->created_at);
    return sql_insert_id(s, st, &p->id);
}

static int get_by(store *s, arena *a, const char *sql, int64_t id, struct st_project *out)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_project, out);
}

int project_store_get(store *s, arena *a, int64_t id, struct st_project *out)
{
    return get_by(s, a, "SELECT " PROJECT_COLS " FROM project j JOIN place p ON p.id = j.place_id WHERE j.id = ?1", id,
                  out);
}

int project_store_by_matter(store *s, arena *a, int64_t matter_id, struct st_project *out)
{
    return get_by(s, a, "SELECT " PROJECT_COLS " FROM project j JOIN place p ON p.id = j.place_id WHERE j.matter_id = ?1",
                  matter_id, out);
}

int project_store_list(store *s, arena *a, int64_t community_id, struct st_project **out, int *n)
{
    void *st = sql_prep(s, "SELECT " PROJECT_COLS " FROM project j JOIN place p ON p.id = j.place_id "
                           "WHERE j.community_id = ?1 ORDER BY j.id DESC LIMIT 100");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    return sql_collect(s, a, st, sizeof **out, 100, read_project, (void **)out, n);
}

int project_store_touch(store *s, int64_t id, int64_t at)
{
    void *st = sql_prep(s, "UPDATE project SET updated_at = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int project_store_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM project WHERE id = ?1 FOR NO KEY UPDATE", id);
}

int project_store_is_organiser(store *s, int64_t project_id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM project_organiser WHERE project_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", project_id, person_id);
    return sql_count(s, st, yes);
}

int project_store_organiser_add(store *s, int64_t project_id, int64_t person_id, int64_t community_id)
{
    void *st = sql_prep(s, "INSERT INTO project_organiser(project_id, person_id, community_id) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT (project_id, person_id) DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", project_id, person_id, community_id);
    return sql_exec(s, st);
}

struct named {
    int64_t id;
    const char *name;
};

static void read_named(arena *a, store *s, void *st, void *item)
{
    struct named *x = item;
    x->id = sql_col_int(s, st, 0);
    x->name = sql_col_str(a, s, st, 1);
}

int project_store_organisers(store *s, arena *a, int64_t project_id, int64_t **ids, const char ***names, int *n)
{
    struct named *rows = NULL;
    void *st = sql_prep(s, "SELECT o.person_id, pe.name FROM project_organiser o JOIN person pe ON pe.id = o.person_id "
                           "WHERE o.project_id = ?1 ORDER BY o.person_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", project_id);
    int rc = sql_collect(s, a, st, sizeof *rows, 50, read_named, (void **)&rows, n);
    if (rc)
        return rc;
    *ids = arena_alloc(a, (size_t)(*n ? *n : 1) * sizeof **ids);
    *names = arena_alloc(a, (size_t)(*n ? *n : 1) * sizeof **names);
    for (int i = 0; i < *n; i++) {
        (*ids)[i] = rows[i].id;
        (*names)[i] = rows[i].name;
    }
    return 0;
}

#define TASK_COLS                                                                                                \
    "t.id, t.project_id, COALESCE(t.parent_id, 0), COALESCE(t.owner_id, 0), COALESCE(t.due_on, 0), t.weight, "  \
    "t.created_at, t.updated_at, t.title, t.state, pe.name"

static void read_task(arena *a, store *s, void *st, void *item)
{
    struct st_task *t = item;
    t->id = sql_col_int(s, st, 0);
    t->project_id = sql_col_int(s, st, 1);
    t->parent_id = sql_col_int(s, st, 2);
    t->owner_id = sql_col_int(s, st, 3);
    t->due_on = sql_col_int(s, st, 4);
    t->weight = sql_col_int(s, st, 5);
    t->created_at = sql_col_int(s, st, 6);
    t->updated_at = sql_col_int(s, st, 7);
    t->title = sql_col_str(a, s, st, 8);
    t->state = sql_col_str(a, s, st, 9);
    t->owner_name = sql_col_str(a, s, st, 10);
}

int project_store_tasks(store *s, arena *a, int64_t project_id, struct st_task **out, int *n)
{
    void *st = sql_prep(s, "SELECT " TASK_COLS " FROM project_task t LEFT JOIN person pe ON pe.id = t.owner_id "
                           "WHERE t.project_id = ?1 ORDER BY t.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", project_id);
    return sql_collect(s, a, st, sizeof **out, PROJECT_TASKS_MAX, read_task, (void **)out, n);
}

int project_store_task_get(store *s, arena *a, int64_t id, struct st_task *out)
{
    void *st = sql_prep(s, "SELECT " TASK_COLS " FROM project_task t LEFT JOIN person pe ON pe.id = t.owner_id "
                           "WHERE t.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_task, out);
}

int project_store_task_insert(store *s, const struct st_task *t, int64_t community_id, int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO project_task(project_id, community_id, parent_id, title, owner_id, due_on, "
                           "state, weight, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) "
                           "RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIsIIsii", t->project_id, community_id, t->parent_id, t->title, t->owner_id, t->due_on,
             t->state, t->weight, t->created_at);
    return sql_insert_id(s, st, id);
}

int project_store_task_update(store *s, const struct st_task *t)
{
    void *st = sql_prep(s, "UPDATE project_task SET title = ?2, owner_id = ?3, due_on = ?4, state = ?5, weight = ?6, "
                           "updated_at = ?7 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isIIsii", t->id, t->title, t->owner_id, t->due_on, t->state, t->weight, t->updated_at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

static void read_milestone(arena *a, store *s, void *st, void *item)
{
    struct st_milestone *m = item;
    m->id = sql_col_int(s, st, 0);
    m->project_id = sql_col_int(s, st, 1);
    m->due_on = sql_col_int(s, st, 2);
    m->reached_at = sql_col_int(s, st, 3);
    m->title = sql_col_str(a, s, st, 4);
}

int project_store_milestones(store *s, arena *a, int64_t project_id, struct st_milestone **out, int *n)
{
    void *st = sql_prep(s, "SELECT id, project_id, due_on, COALESCE(reached_at, 0), title FROM project_milestone "
                           "WHERE project_id = ?1 ORDER BY due_on, id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", project_id);
    return sql_collect(s, a, st, sizeof **out, 100, read_milestone, (void **)out, n);
}

int project_store_milestone_get(store *s, arena *a, int64_t id, struct st_milestone *out)
{
    void *st = sql_prep(s, "SELECT id, project_id, due_on, COALESCE(reached_at, 0), title FROM project_milestone "
                           "WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_milestone, out);
}

int project_store_milestone_insert(store *s, const struct st_milestone *m, int64_t community_id, int64_t at,
                                   int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO project_milestone(project_id, community_id, title, due_on, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisii", m->project_id, community_id, m->title, m->due_on, at);
    return sql_insert_id(s, st, id);
}

int project_store_milestone_reach(store *s, int64_t id, int64_t at)
{
    void *st = sql_prep(s, "UPDATE project_milestone SET reached_at = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iI", id, at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

static void read_money(arena *a, store *s, void *st, void *item)
{
    struct st_money *m = item;
    m->id = sql_col_int(s, st, 0);
    m->amount_fen = sql_col_int(s, st, 1);
    m->on_day = sql_col_int(s, st, 2);
    m->recorded_by = sql_col_int(s, st, 3);
    m->created_at = sql_col_int(s, st, 4);
    m->direction = sql_col_str(a, s, st, 5);
    m->what = sql_col_str(a, s, st, 6);
    m->recorded_by_name = sql_col_str(a, s, st, 7);
}

int project_store_money(store *s, arena *a, int64_t project_id, struct st_money **out, int *n)
{
    void *st = sql_prep(s, "SELECT m.id, m.amount_fen, m.on_day, m.recorded_by, m.created_at, m.direction, m.what, "
                           "pe.name FROM project_money m JOIN person pe ON pe.id = m.recorded_by "
                           "WHERE m.project_id = ?1 ORDER BY m.on_day, m.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", project_id);
    return sql_collect(s, a, st, sizeof **out, 500, read_money, (void **)out, n);
}

int project_store_money_insert(store *s, int64_t project_id, int64_t community_id, const struct st_money *m,
                               int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO project_money(project_id, community_id, direction, amount_fen, what, on_day, "
                           "recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisisiii", project_id, community_id, m->direction, m->amount_fen, m->what, m->on_day,
             m->recorded_by, m->created_at);
    return sql_insert_id(s, st, id);
}

int project_store_event(store *s, int64_t project_id, int64_t community_id, const char *kind, const char *detail,
                        int64_t actor_id, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO project_event(project_id, community_id, kind, detail, actor_id, at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iissIi", project_id, community_id, kind, detail, actor_id, at);
    return sql_exec(s, st);
}

static void read_event(arena *a, store *s, void *st, void *item)
{
    struct st_pevent *e = item;
    e->id = sql_col_int(s, st, 0);
    e->actor_id = sql_col_int(s, st, 1);
    e->at = sql_col_int(s, st, 2);
    e->kind = sql_col_str(a, s, st, 3);
    e->detail = sql_col_str(a, s, st, 4);
    e->actor_name = sql_col_str(a, s, st, 5);
}

int project_store_events(store *s, arena *a, int64_t project_id, struct st_pevent **out, int *n)
{
    void *st = sql_prep(s, "SELECT e.id, COALESCE(e.actor_id, 0), e.at, e.kind, e.detail, pe.name FROM project_event e "
                           "LEFT JOIN person pe ON pe.id = e.actor_id WHERE e.project_id = ?1 ORDER BY e.id DESC LIMIT 50");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", project_id);
    return sql_collect(s, a, st, sizeof **out, 50, read_event, (void **)out, n);
}

int project_store_contribution_insert(store *s, int64_t project_id, int64_t community_id,
                                     const struct st_contribution *k, int64_t at, int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO project_contribution(project_id, community_id, kind, giver_kind, giver, "
                           "giver_person_id, amount_fen, person_days10, what, received_by, received_on, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisssIiisiii", project_id, community_id, k->kind, k->giver_kind, k->giver, k->giver_person_id,
             k->amount_fen, k->person_days10, k->what, k->received_by, k->received_on, at);
    return sql_insert_id(s, st, id);
}

static void read_contribution(arena *a, store *s, void *st, void *item)
{
    struct st_contribution *k = item;
    k->id = sql_col_int(s, st, 0);
    k->giver_person_id = sql_col_int(s, st, 1);
    k->amount_fen = sql_col_int(s, st, 2);
    k->person_days10 = sql_col_int(s, st, 3);
    k->received_by = sql_col_int(s, st, 4);
    k->received_on = sql_col_int(s, st, 5);
    k->kind = sql_col_str(a, s, st, 6);
    k->giver_kind = sql_col_str(a, s, st, 7);
    k->giver = sql_col_str(a, s, st, 8);
    k->what = sql_col_str(a, s, st, 9);
    k->received_by_name = sql_col_str(a, s, st, 10);
}

int project_store_contributions(store *s, arena *a, int64_t project_id, struct st_contribution **out, int *n)
{
    void *st = sql_prep(s, "SELECT k.id, COALESCE(k.giver_person_id, 0), k.amount_fen, k.person_days10, k.received_by, "
                           "k.received_on, k.kind, k.giver_kind, k.giver, k.what, pe.name FROM project_contribution k "
                           "JOIN person pe ON pe.id = k.received_by WHERE k.project_id = ?1 ORDER BY k.received_on, k.id "
                           "LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", project_id);
    return sql_collect(s, a, st, sizeof **out, 500, read_contribution, (void **)out, n);
}
