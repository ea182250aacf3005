/* The matter module's SQL: matters, their timeline, followers, objections
 * and supports. */
#include "mod/matter/matter_store.h"

#include "store/sql.h"

/* ---- matters ---- */

#define MATTER_COLS "m.id, m.place_id, p.name, p.kind, p.path, m.community_id, m.category, m.title, m.body_md, " \
                    "m.author_id, pe.name, m.stage, m.merged_into, m.followers, m.created_at, m.updated_at, " \
                    "m.notice_until, m.notice_days"
#define MATTER_FROM " FROM matter m JOIN place p ON p.id = m.place_id JOIN person pe ON pe.id = m.author_id "

static void read_matter(arena *a, store *s, void *st, void *item)
{
    struct st_matter *m = item;
    m->id = sql_col_int(s, st, 0);
    m->place_id = sql_col_int(s, st, 1);
    m->place_name = sql_col_str(a, s, st, 2);
    m->place_kind = sql_col_str(a, s, st, 3);
    m->place_path = sql_col_str(a, s, st, 4);
    m->community_id = sql_col_int(s, st, 5);
    m->category = sql_col_str(a, s, st, 6);
    m->title = sql_col_str(a, s, st, 7);
    m->body_md = sql_col_str(a, s, st, 8);
    m->author_id = sql_col_int(s, st, 9);
    m->author_name = sql_col_str(a, s, st, 10);
    m->stage = sql_col_str(a, s, st, 11);
    m->merged_into = sql_col_int(s, st, 12);
    m->followers = (int)sql_col_int(s, st, 13);
    m->created_at = sql_col_int(s, st, 14);
    m->updated_at = sql_col_int(s, st, 15);
    m->notice_until = sql_col_int(s, st, 16);
    m->notice_days = (int)sql_col_int(s, st, 17);
}

int matter_store_insert(store *s, struct st_matter *m)
{
    void *st = sql_prep(s, "INSERT INTO matter(place_id, community_id, category, title, body_md, author_id, stage, created_at, updated_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisssisi", m->place_id, m->community_id, m->category, m->title, m->body_md, m->author_id, m->stage,
         m->created_at);
    return sql_insert_id(s, st, &m->id);
}

int matter_store_objections_waiting(store *s, int64_t community_id, const char *path, int *n)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM objection o JOIN matter m ON m.id = o.matter_id "
                           "JOIN place p ON p.id = m.place_id WHERE o.community_id = ?1 AND o.answered_at IS NULL "
                           "AND m.stage = 'notice' AND substr(p.path, 1, length(CAST(?2 AS TEXT))) = CAST(?2 AS TEXT)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", community_id, path);
    return sql_count(s, st, n);
}

int matter_store_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n)
{
    return sql_ids_after(s, a, "SELECT id FROM matter WHERE id > ?1 ORDER BY id LIMIT ?2", after, max, out, n);
}

int matter_store_get(store *s, arena *a, int64_t id, struct st_matter *out)
{
    void *st = sql_prep(s, "SELECT " MATTER_COLS MATTER_FROM "WHERE m.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_matter, out);
}

/* The list's filter. A stage or category that is given is an equality of
 * its own (STAGE_EQ, CAT_EQ), so that the engines can use the
 * (community, stage) index; "?2 IS NULL OR ..." would make them read every
 * matter of the community. */
#define MATTER_WHERE(STAGE, CAT, COMM)                                                                            \
    "WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1 AND " STAGE " AND " CAT " "                           \
    "AND (CAST(?4 AS BIGINT) IS NULL OR m.place_id = ?4) "                                                         \
    "AND (CAST(?5 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM matter_follow f WHERE f.matter_id = m.id AND f.person_id = ?5)) " \
    "AND (CAST(?6 AS TEXT) IS NULL OR instr(m.title, ?6) > 0 OR instr(m.body_md, ?6) > 0) "                        \
    "AND (?7 = 0 OR m.stage NOT IN ('withdrawn', 'rejected', 'merged')) " COMM
#define STAGE_ANY "(CAST(?2 AS TEXT) IS NULL OR m.stage = ?2)"
#define STAGE_EQ "m.stage = CAST(?2 AS TEXT)"
#define CAT_ANY "(CAST(?3 AS TEXT) IS NULL OR m.category = ?3)"
#define CAT_EQ "m.category = CAST(?3 AS TEXT)"
/* "?8 = 0 OR ..." keeps both engines from using the community index: with a
 * community (every caller but a street admin), a statement of its own reads
 * that community's matters only, not every matter of the district */
#define COMM_ANY "AND (?8 = 0 OR m.community_id = ?8) "
#define COMM_ONE "AND m.community_id = ?8 "
#define MATTER_LIST(W) "SELECT " MATTER_COLS MATTER_FROM W "ORDER BY m.updated_at DESC, m.id DESC LIMIT ?9 OFFSET ?10"
#define MATTER_COUNT(W) "SELECT count(*) FROM matter m JOIN place p ON p.id = m.place_id " W
/* [count][one community][stage given][category given] */
#define MATTER_SQL(F, COMM)                                                                                        \
    {{F(MATTER_WHERE(STAGE_ANY, CAT_ANY, COMM)), F(MATTER_WHERE(STAGE_ANY, CAT_EQ, COMM))},                      \
     {F(MATTER_WHERE(STAGE_EQ, CAT_ANY, COMM)), F(MATTER_WHERE(STAGE_EQ, CAT_EQ, COMM))}}
static const char *const matter_sql[2][2][2][2] = {
    {MATTER_SQL(MATTER_LIST, COMM_ANY), MATTER_SQL(MATTER_LIST, COMM_ONE)},
    {MATTER_SQL(MATTER_COUNT, COMM_ANY), MATTER_SQL(MATTER_COUNT, COMM_ONE)},
};

int matter_store_list(store *s, arena *a, const struct st_matter_filter *f, struct st_matter **out, int *n,
                      int *total)
{
    int one = f->community_id != 0, stage = f->stage != NULL, cat = f->category != NULL;
    void *st = sql_prep(s, matter_sql[0][one][stage][cat]);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sssIIsiiii", f->path_prefix, f->stage, f->category, f->place_id, f->followed_by, f->q,
         (int64_t)f->open_only, f->community_id, (int64_t)f->limit, (int64_t)f->offset);
    int rc = sql_collect(s, a, st, sizeof **out, f->limit, read_matter, (void **)out, n);
    if (rc || total == NULL)
        return rc;
    /* a first page that is not full holds every match: no count needed */
    if (f->offset == 0 && *n < f->limit) {
        *total = *n;
        return 0;
    }
    st = sql_prep(s, matter_sql[1][one][stage][cat]);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sssIIsii", f->path_prefix, f->stage, f->category, f->place_id, f->followed_by, f->q,
         (int64_t)f->open_only, f->community_id);
    return sql_count(s, st, total);
}

int matter_store_set_stage(store *s, int64_t id, const char *from, const char *to, int64_t merged_into, int64_t at)
{
    void *st = sql_prep(s, "UPDATE matter SET stage = ?3, merged_into = ?4, updated_at = ?5 WHERE id = ?1 AND stage = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issIi", id, from, to, merged_into, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

static void read_event(arena *a, store *s, void *st, void *item)
{
    struct st_event *e = item;
    e->id = sql_col_int(s, st, 0);
    e->matter_id = sql_col_int(s, st, 1);
    e->community_id = sql_col_int(s, st, 2);
    e->actor_id = sql_col_int(s, st, 3);
    e->at = sql_col_int(s, st, 4);
    e->actor_name = sql_col_str(a, s, st, 5);
    e->from_stage = sql_col_str(a, s, st, 6);
    e->to_stage = sql_col_str(a, s, st, 7);
    e->reason = sql_col_str(a, s, st, 8);
}

int matter_store_event_insert(store *s, struct st_event *e)
{
    void *st = sql_prep(s, "INSERT INTO matter_event(matter_id, community_id, actor_id, at, from_stage, to_stage, reason) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiisss", e->matter_id, e->community_id, e->actor_id, e->at, e->from_stage, e->to_stage, e->reason);
    return sql_insert_id(s, st, &e->id);
}

int matter_store_events(store *s, arena *a, int64_t matter_id, struct st_event **out, int *n)
{
    void *st = sql_prep(s, "SELECT e.id, e.matter_id, e.community_id, e.actor_id, e.at, pe.name, e.from_stage, e.to_stage, e.reason "
                               "FROM matter_event e JOIN person pe ON pe.id = e.actor_id WHERE e.matter_id = ?1 ORDER BY e.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", matter_id);
    return sql_collect(s, a, st, sizeof **out, 500, read_event, (void **)out, n);
}

/* Keeps the denormalised follower count in step with matter_follow. */
static int add_followers(store *s, int64_t matter_id, int64_t delta)
{
    void *st = sql_prep(s, "UPDATE matter SET followers = followers + ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, delta);
    return sql_exec(s, st);
}

int matter_store_follow(store *s, int64_t matter_id, int64_t person_id, int64_t community_id, int64_t at,
                        int *changed)
{
    void *st = sql_prep(s, "INSERT INTO matter_follow(matter_id, person_id, community_id, created_at) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", matter_id, person_id, community_id, at);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    *changed = sql_changes(s) > 0;
    return *changed ? add_followers(s, matter_id, 1) : 0;
}

int matter_store_unfollow(store *s, int64_t matter_id, int64_t person_id, int *changed)
{
    void *st = sql_prep(s, "DELETE FROM matter_follow WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, person_id);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    *changed = sql_changes(s) > 0;
    return *changed ? add_followers(s, matter_id, -1) : 0;
}

int matter_store_is_following(store *s, int64_t matter_id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT count(*) FROM matter_follow WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, person_id);
    return sql_count(s, st, yes);
}

int matter_store_set_notice(store *s, int64_t id, int64_t until, int days)
{
    void *st = sql_prep(s, "UPDATE matter SET notice_until = ?2, notice_days = ?3 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", id, until, (int64_t)days);
    return sql_exec(s, st);
}

/* ---- per-place settings ---- */

/* ---- objections ---- */

#define OBJECTION_COLS "o.id, o.matter_id, o.community_id, o.author_id, pa.name, o.body, o.answer, pb.name, " \
                       "o.created_at, o.answered_by, o.answered_at, COALESCE(o.upheld, -1)"
#define OBJECTION_FROM " FROM objection o JOIN person pa ON pa.id = o.author_id " \
                       "LEFT JOIN person pb ON pb.id = o.answered_by "

static void read_objection(arena *a, store *s, void *st, void *item)
{
    struct st_objection *o = item;
    o->id = sql_col_int(s, st, 0);
    o->matter_id = sql_col_int(s, st, 1);
    o->community_id = sql_col_int(s, st, 2);
    o->author_id = sql_col_int(s, st, 3);
    o->author_name = sql_col_str(a, s, st, 4);
    o->body = sql_col_str(a, s, st, 5);
    o->answer = sql_col_str(a, s, st, 6);
    o->answerer_name = sql_col_str(a, s, st, 7);
    o->created_at = sql_col_int(s, st, 8);
    o->answered_by = sql_col_int(s, st, 9);
    o->answered_at = sql_col_int(s, st, 10);
    o->upheld = (int)sql_col_int(s, st, 11);
}

int matter_store_objection_insert(store *s, struct st_objection *o)
{
    void *st = sql_prep(s, "INSERT INTO objection(matter_id, community_id, author_id, body, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisi", o->matter_id, o->community_id, o->author_id, o->body, o->created_at);
    return sql_insert_id(s, st, &o->id);
}

int matter_store_objection_get(store *s, arena *a, int64_t id, struct st_objection *out)
{
    void *st = sql_prep(s, "SELECT " OBJECTION_COLS OBJECTION_FROM "WHERE o.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_objection, out);
}

int matter_store_objections(store *s, arena *a, int64_t matter_id, struct st_objection **out, int *n)
{
    void *st = sql_prep(s, "SELECT " OBJECTION_COLS OBJECTION_FROM "WHERE o.matter_id = ?1 ORDER BY o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", matter_id);
    return sql_collect(s, a, st, sizeof **out, 500, read_objection, (void **)out, n);
}

int matter_store_objection_counts(store *s, int64_t matter_id, int64_t author_id, int *open, int *by_author)
{
    void *st = sql_prep(s, "SELECT count(*) FROM objection WHERE matter_id = ?1 AND answer IS NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", matter_id);
    int rc = sql_count(s, st, open);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT count(*) FROM objection WHERE matter_id = ?1 AND author_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, author_id);
    return sql_count(s, st, by_author);
}

int matter_store_objection_answer(store *s, int64_t id, const char *answer, int upheld, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE objection SET answer = ?2, upheld = ?3, answered_by = ?4, answered_at = ?5 "
                       "WHERE id = ?1 AND answer IS NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isiii", id, answer, (int64_t)upheld, by, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

int matter_store_support_add(store *s, int64_t matter_id, int64_t person_id, int64_t household_id,
                             int64_t community_id, int64_t at, int *changed)
{
    void *st = sql_prep(s, "INSERT INTO matter_support(matter_id, person_id, household_id, community_id, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiii", matter_id, person_id, household_id, community_id, at);
    return sql_exec_changed(s, st, changed);
}

int matter_store_support_counts(store *s, int64_t matter_id, int64_t person_id, int *households, int *mine)
{
    void *st = sql_prep(s, "SELECT count(DISTINCT household_id) FROM matter_support WHERE matter_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", matter_id);
    int rc = sql_count(s, st, households);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT count(*) FROM matter_support WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, person_id);
    return sql_count(s, st, mine);
}

int matter_store_notify_followers(store *s, const struct notify_msg *msg, int64_t except)
{
    return notify_fanout(s, msg, NULL,
                         "SELECT f.person_id, f.community_id FROM matter_follow f WHERE f.matter_id = ?1 "
                         "AND f.person_id <> ?2",
                         "ii", msg->matter_id, except);
}

int matter_store_notify_notice_end(store *s, const struct notify_msg *msg)
{
    return notify_fanout(s, msg, NULL,
                         "SELECT f.person_id, f.community_id FROM matter_follow f WHERE f.matter_id = ?1 "
                         "UNION SELECT e.actor_id, e.community_id FROM matter_event e WHERE e.id = "
                         "(SELECT max(x.id) FROM matter_event x WHERE x.matter_id = ?1 AND x.to_stage = 'notice')",
                         "i", msg->matter_id);
}

int matter_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n)
{
    return tree_households(s, a,
                           "SELECT DISTINCT h.id, h.parent_id FROM matter_support x JOIN place h ON h.id = x.household_id "
                           "WHERE x.matter_id = ?1",
                           matter_id, out, n);
}
