/* The contest module's SQL. */
#include "mod/contest/contest_store.h"

#include "core/err.h"
#include "store/sql.h"

int contest_store_insert(store *s, struct st_contest *k, int64_t by)
{
    void *st = sql_prep(s, "INSERT INTO contest(street_id, title, assessor_weight, resident_weight, winners, "
                           "priority_days, closes_at, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                           "RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isiiiiiii", k->street_id, k->title, k->assessor_weight, k->resident_weight, k->winners,
             k->priority_days, k->closes_at, by, k->created_at);
    return sql_insert_id(s, st, &k->id);
}

/* An INSERT of two ids, ?1 and ?2. */
static int insert2(store *s, const char *sql, int64_t a, int64_t b)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", a, b);
    return sql_exec(s, st);
}

int contest_store_criterion(store *s, int64_t id, int pos, const char *name, int64_t weight)
{
    void *st = sql_prep(s, "INSERT INTO contest_criterion(contest_id, position, name, weight) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisi", id, (int64_t)pos, name, weight);
    return sql_exec(s, st);
}

int contest_store_entry(store *s, int64_t id, int64_t community_id)
{
    return insert2(s, "INSERT INTO contest_entry(contest_id, community_id) VALUES (?1, ?2)", id, community_id);
}

int contest_store_assessor(store *s, int64_t id, int64_t person_id)
{
    return insert2(s, "INSERT INTO contest_assessor(contest_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", id,
                   person_id);
}

static void read_contest(arena *a, store *s, void *st, void *item)
{
    struct st_contest *k = item;
    k->id = sql_col_int(s, st, 0);
    k->street_id = sql_col_int(s, st, 1);
    k->assessor_weight = sql_col_int(s, st, 2);
    k->resident_weight = sql_col_int(s, st, 3);
    k->winners = sql_col_int(s, st, 4);
    k->priority_days = sql_col_int(s, st, 5);
    k->closes_at = sql_col_int(s, st, 6);
    k->published_at = sql_col_int(s, st, 7);
    k->created_at = sql_col_int(s, st, 8);
    k->title = sql_col_str(a, s, st, 9);
    k->street_path = sql_col_str(a, s, st, 10);
    k->street_name = sql_col_str(a, s, st, 11);
}

int contest_store_get(store *s, arena *a, int64_t id, struct st_contest *out)
{
    void *st = sql_prep(s, "SELECT k.id, k.street_id, k.assessor_weight, k.resident_weight, k.winners, k.priority_days, "
                           "k.closes_at, COALESCE(k.published_at, 0), k.created_at, k.title, p.path, p.name "
                           "FROM contest k JOIN place p ON p.id = k.street_id WHERE k.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_contest, out);
}

int contest_store_list(store *s, arena *a, int64_t street_id, int64_t community_id, struct st_contest **out, int *n)
{
    void *st = sql_prep(s, "SELECT k.id, k.street_id, k.assessor_weight, k.resident_weight, k.winners, k.priority_days, "
                           "k.closes_at, COALESCE(k.published_at, 0), k.created_at, k.title, p.path, p.name "
                           "FROM contest k JOIN place p ON p.id = k.street_id WHERE k.street_id = ?1 OR k.id IN "
                           "(SELECT contest_id FROM contest_entry WHERE community_id = ?2) ORDER BY k.id DESC LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", street_id, community_id, (int64_t)CONTEST_LIST_MAX);
    return sql_collect(s, a, st, sizeof **out, CONTEST_LIST_MAX, read_contest, (void **)out, n);
}

struct crit {
    const char *name;
    int64_t weight;
};

static void read_crit(arena *a, store *s, void *st, void *item)
{
    struct crit *c = item;
    c->name = sql_col_str(a, s, st, 0);
    c->weight = sql_col_int(s, st, 1);
}

int contest_store_criteria(store *s, arena *a, int64_t id, const char ***names, int64_t **weights, int *n)
{
    struct crit *rows = NULL;
    void *st = sql_prep(s, "SELECT name, weight FROM contest_criterion WHERE contest_id = ?1 ORDER BY position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_collect(s, a, st, sizeof *rows, CONTEST_CRITERIA_MAX, read_crit, (void **)&rows, n);
    if (rc)
        return rc;
    *names = arena_alloc(a, (size_t)(*n ? *n : 1) * sizeof **names);
    *weights = arena_alloc(a, (size_t)(*n ? *n : 1) * sizeof **weights);
    for (int i = 0; i < *n; i++) {
        (*names)[i] = rows[i].name;
        (*weights)[i] = rows[i].weight;
    }
    return 0;
}

static void read_entry(arena *a, store *s, void *st, void *item)
{
    struct st_entry *e = item;
    e->community_id = sql_col_int(s, st, 0);
    e->rank = sql_col_int(s, st, 1);
    e->total_e4 = sql_col_int(s, st, 2);
    e->priority_until = sql_col_int(s, st, 3);
    e->name = sql_col_str(a, s, st, 4);
    e->praise = sql_col_str(a, s, st, 5);
}

int contest_store_entries(store *s, arena *a, int64_t id, struct st_entry **out, int *n)
{
    void *st = sql_prep(s, "SELECT e.community_id, COALESCE(e.rank, 0), COALESCE(e.total_e4, 0), "
                           "COALESCE(e.priority_until, 0), p.name, e.praise FROM contest_entry e "
                           "JOIN place p ON p.id = e.community_id WHERE e.contest_id = ?1 ORDER BY e.community_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_collect(s, a, st, sizeof **out, CONTEST_ENTRIES_MAX, read_entry, (void **)out, n);
}

int contest_store_is_assessor(store *s, int64_t id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM contest_assessor WHERE contest_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, person_id);
    return sql_count(s, st, yes);
}

int contest_store_score(store *s, int64_t id, int64_t community_id, const char *kind, int64_t key, int pos,
                        int64_t score, int64_t person_id, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO contest_score(contest_id, community_id, kind, scorer_key, position, score, "
                           "person_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                           "ON CONFLICT (contest_id, community_id, kind, scorer_key, position) "
                           "DO UPDATE SET score = excluded.score, person_id = excluded.person_id, at = excluded.at");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisiiiii", id, community_id, kind, key, (int64_t)pos, score, person_id, at);
    return sql_exec(s, st);
}

static void read_tally(arena *a, store *s, void *st, void *item)
{
    struct st_tally *t = item;
    t->community_id = sql_col_int(s, st, 0);
    t->position = sql_col_int(s, st, 1);
    t->sum = sql_col_int(s, st, 2);
    t->n = sql_col_int(s, st, 3);
    t->kind = sql_col_str(a, s, st, 4);
}

int contest_store_tallies(store *s, arena *a, int64_t id, struct st_tally **out, int *n)
{
    void *st = sql_prep(s, "SELECT community_id, position, SUM(score), COUNT(*), kind FROM contest_score "
                           "WHERE contest_id = ?1 GROUP BY community_id, kind, position ORDER BY community_id, kind, position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_collect(s, a, st, sizeof **out, 2 * CONTEST_ENTRIES_MAX * CONTEST_CRITERIA_MAX, read_tally, (void **)out,
                       n);
}

int contest_store_publish(store *s, int64_t id, int64_t community_id, int64_t rank, int64_t total_e4,
                          int64_t until, const char *praise)
{
    void *st = sql_prep(s, "UPDATE contest_entry SET rank = ?3, total_e4 = ?4, priority_until = ?5, praise = ?6 "
                           "WHERE contest_id = ?1 AND community_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiIIs", id, community_id, rank, total_e4, until, praise);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int contest_store_published(store *s, int64_t id, int64_t at)
{
    void *st = sql_prep(s, "UPDATE contest SET published_at = ?2 WHERE id = ?1 AND published_at IS NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

struct prio {
    int64_t until;
    const char *title;
};

static void read_prio(arena *a, store *s, void *st, void *item)
{
    struct prio *p = item;
    p->until = sql_col_int(s, st, 0);
    p->title = sql_col_str(a, s, st, 1);
}

int contest_store_priority(store *s, arena *a, int64_t community_id, int64_t now, int64_t *until, const char **title)
{
    struct prio p = {0, NULL};
    void *st = sql_prep(s, "SELECT e.priority_until, k.title FROM contest_entry e JOIN contest k ON k.id = e.contest_id "
                           "WHERE e.community_id = ?1 AND e.priority_until > ?2 ORDER BY e.priority_until DESC LIMIT 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, now);
    int rc = sql_one(s, a, st, read_prio, &p);
    *until = p.until;
    *title = p.title;
    return rc;
}
