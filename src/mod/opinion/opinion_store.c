/* The opinion module's SQL: calls, opinions, their photos and supports. */
#include <string.h>

#include "core/err.h"
#include "mod/opinion/opinion_store.h"
#include "store/sql.h"


/* ---- calls ---- */

#define CALL_COLS "c.id, c.place_id, c.community_id, c.author_id, p.name, p.kind, p.path, pe.name, c.title, c.body, " \
                  "c.status, c.deadline, c.closed_by, c.closed_at, c.created_at, " \
                  "(SELECT count(*) FROM opinion o WHERE o.call_id = c.id)"
#define CALL_FROM " FROM opinion_call c JOIN place p ON p.id = c.place_id JOIN person pe ON pe.id = c.author_id "

static void read_call(arena *a, store *s, void *st, void *item)
{
    struct st_call *c = item;
    c->id = sql_col_int(s, st, 0);
    c->place_id = sql_col_int(s, st, 1);
    c->community_id = sql_col_int(s, st, 2);
    c->author_id = sql_col_int(s, st, 3);
    c->place_name = sql_col_str(a, s, st, 4);
    c->place_kind = sql_col_str(a, s, st, 5);
    c->place_path = sql_col_str(a, s, st, 6);
    c->author_name = sql_col_str(a, s, st, 7);
    c->title = sql_col_str(a, s, st, 8);
    c->body = sql_col_str(a, s, st, 9);
    c->status = sql_col_str(a, s, st, 10);
    c->deadline = sql_col_int(s, st, 11);
    c->closed_by = sql_col_int(s, st, 12);
    c->closed_at = sql_col_int(s, st, 13);
    c->created_at = sql_col_int(s, st, 14);
    c->opinions = (int)sql_col_int(s, st, 15);
}

int opinion_store_call_insert(store *s, struct st_call *cl)
{
    void *st = sql_prep(s, "INSERT INTO opinion_call(place_id, community_id, author_id, title, body, deadline, status, "
                       "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiissii", cl->place_id, cl->community_id, cl->author_id, cl->title, cl->body, cl->deadline,
           cl->created_at);
    return sql_insert_id(s, st, &cl->id);
}

int opinion_store_call_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n)
{
    return sql_ids_after(s, a, "SELECT id FROM opinion_call WHERE id > ?1 ORDER BY id LIMIT ?2", after, max, out, n);
}

int opinion_store_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n)
{
    return sql_ids_after(s, a, "SELECT id FROM opinion WHERE id > ?1 ORDER BY id LIMIT ?2", after, max, out, n);
}

int opinion_store_call_get(store *s, arena *a, int64_t id, struct st_call *out)
{
    void *st = sql_prep(s, "SELECT " CALL_COLS CALL_FROM "WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_call, out);
}

int opinion_store_calls(store *s, arena *a, const char *path_prefix, int cap, struct st_call **out, int *n)
{
    void *st = sql_prep(s, "SELECT " CALL_COLS CALL_FROM
                       "WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = CAST(?1 AS TEXT) "
                       "ORDER BY c.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", path_prefix, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_call, (void **)out, n);
}

int opinion_store_call_close(store *s, int64_t id, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE opinion_call SET status = 'closed', closed_by = ?2, closed_at = ?3 "
                       "WHERE id = ?1 AND status = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", id, by, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int opinion_store_notify_members(store *s, const struct notify_msg *msg, const char *path_prefix)
{
    return notify_fanout(s, msg, NULL,
                         "SELECT DISTINCT hm.person_id, hm.community_id FROM household_member hm "
                         "JOIN place h ON h.id = hm.household_id "
                         "WHERE substr(h.path, 1, length(CAST(?1 AS TEXT))) = CAST(?1 AS TEXT)",
                         "s", path_prefix);
}

/* ---- opinions ---- */

#define OPINION_COLS "o.id, o.call_id, o.community_id, o.author_id, o.merged_into, o.matter_id, o.created_at, pe.name, " \
                     "o.body, o.status, (SELECT count(*) FROM opinion_support x WHERE x.opinion_id = o.id), " \
                     "(SELECT count(*) FROM opinion_support x WHERE x.opinion_id = o.id AND x.person_id = ?2)"
#define OPINION_FROM " FROM opinion o JOIN person pe ON pe.id = o.author_id "

static void read_opinion(arena *a, store *s, void *st, void *item)
{
    struct st_opinion *o = item;
    o->id = sql_col_int(s, st, 0);
    o->call_id = sql_col_int(s, st, 1);
    o->community_id = sql_col_int(s, st, 2);
    o->author_id = sql_col_int(s, st, 3);
    o->merged_into = sql_col_int(s, st, 4);
    o->matter_id = sql_col_int(s, st, 5);
    o->created_at = sql_col_int(s, st, 6);
    o->author_name = sql_col_str(a, s, st, 7);
    o->body = sql_col_str(a, s, st, 8);
    o->status = sql_col_str(a, s, st, 9);
    o->supports = (int)sql_col_int(s, st, 10);
    o->mine = sql_col_int(s, st, 11) > 0;
}


static int opinion_photos(store *s, arena *a, struct st_opinion *o)
{
    void *st = sql_prep(s, "SELECT photo_id FROM opinion_photo WHERE opinion_id = ?1 ORDER BY position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", o->id);
    return sql_collect(s, a, st, sizeof(int64_t), 16, sql_read_id, (void **)&o->photos, &o->nphotos);
}

int opinion_store_insert(store *s, struct st_opinion *o)
{
    void *st = sql_prep(s, "INSERT INTO opinion(call_id, community_id, author_id, body, status, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, 'open', ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisi", o->call_id, o->community_id, o->author_id, o->body, o->created_at);
    return sql_insert_id(s, st, &o->id);
}

int opinion_store_photo_add(store *s, int64_t opinion_id, int64_t photo_id, int64_t community_id, int position)
{
    void *st = sql_prep(s, "INSERT INTO opinion_photo(opinion_id, photo_id, community_id, position) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", opinion_id, photo_id, community_id, (int64_t)position);
    return sql_exec(s, st);
}

int opinion_store_get(store *s, arena *a, int64_t id, int64_t viewer, struct st_opinion *out)
{
    void *st = sql_prep(s, "SELECT " OPINION_COLS OPINION_FROM "WHERE o.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, viewer);
    int rc = sql_one(s, a, st, read_opinion, out);
    return rc ? rc : opinion_photos(s, a, out);
}

int opinion_store_list(store *s, arena *a, int64_t call_id, int64_t viewer, struct st_opinion **out, int *n)
{
    void *st = sql_prep(s, "SELECT " OPINION_COLS OPINION_FROM "WHERE o.call_id = ?1 "
                       "ORDER BY CASE WHEN o.status = 'merged' THEN 1 ELSE 0 END, 11 DESC, o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", call_id, viewer);
    int rc = sql_collect(s, a, st, sizeof **out, 500, read_opinion, (void **)out, n);
    for (int i = 0; rc == 0 && i < *n; i++)
        rc = opinion_photos(s, a, &(*out)[i]);
    return rc;
}

int opinion_store_count_since(store *s, int64_t author_id, int64_t since, int *n)
{
    void *st = sql_prep(s, "SELECT count(*) FROM opinion WHERE author_id = ?1 AND created_at >= ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", author_id, since);
    return sql_count(s, st, n);
}

int opinion_store_support_add(store *s, int64_t opinion_id, int64_t person_id, int64_t community_id, int64_t at,
                              int *changed)
{
    void *st = sql_prep(s, "INSERT INTO opinion_support(opinion_id, person_id, community_id, created_at) "
                       "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", opinion_id, person_id, community_id, at);
    return sql_exec_changed(s, st, changed);
}

int opinion_store_support_remove(store *s, int64_t opinion_id, int64_t person_id, int *changed)
{
    void *st = sql_prep(s, "DELETE FROM opinion_support WHERE opinion_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", opinion_id, person_id);
    return sql_exec_changed(s, st, changed);
}

int opinion_store_supporters(store *s, arena *a, int64_t opinion_id, int64_t **out, int *n)
{
    void *st = sql_prep(s, "SELECT person_id FROM opinion_support WHERE opinion_id = ?1 ORDER BY person_id LIMIT 100000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", opinion_id);
    return sql_collect(s, a, st, sizeof(int64_t), 100000, sql_read_id, (void **)out, n);
}

int opinion_store_merge(store *s, int64_t from, int64_t into, int64_t into_author, int64_t from_author,
                        int64_t community_id, int64_t at)
{
    /* The target must still be open when the merge commits. Touching its row
     * first makes two crossing merges (X into Y, Y into X) conflict on
     * PostgreSQL (one waits, then finds its target merged, or a deadlock
     * aborts it: ECONFLICT); SQLite runs writers one at a time. */
    void *st = sql_prep(s, "UPDATE opinion SET status = status WHERE id = ?1 AND status = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", into);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    if (sql_changes(s) != 1)
        return WG_ECONFLICT;
    st = sql_prep(s, "UPDATE opinion SET status = 'merged', merged_into = ?2 WHERE id = ?1 AND status = 'open' "
                   "AND EXISTS (SELECT 1 FROM opinion t WHERE t.id = ?2 AND t.status = 'open')");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", from, into);
    rc = sql_exec(s, st);
    if (rc)
        return rc;
    if (sql_changes(s) != 1)
        return WG_ECONFLICT;
    st = sql_prep(s, "INSERT INTO opinion_support(opinion_id, person_id, community_id, created_at) "
                "SELECT CAST(?1 AS BIGINT), x.person_id, x.community_id, x.created_at FROM opinion_support x "
                "WHERE x.opinion_id = ?2 AND x.person_id <> ?3 ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", into, from, into_author);
    if ((rc = sql_exec(s, st)))
        return rc;
    if (from_author == into_author)
        return 0;
    int changed;
    return opinion_store_support_add(s, into, from_author, community_id, at, &changed);
}

int opinion_store_merged_into(store *s, arena *a, int64_t id, struct st_opinion **out, int *n)
{
    void *st = sql_prep(s, "SELECT " OPINION_COLS OPINION_FROM "WHERE o.merged_into = ?1 AND ?2 = ?2 ORDER BY o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, (int64_t)0);
    return sql_collect(s, a, st, sizeof **out, 500, read_opinion, (void **)out, n);
}

int opinion_store_adopt(store *s, int64_t id, int64_t matter_id)
{
    void *st = sql_prep(s, "UPDATE opinion SET status = 'adopted', matter_id = ?2 WHERE id = ?1 AND status = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, matter_id);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int opinion_store_of_matter(store *s, arena *a, int64_t matter_id, struct st_opinion *out)
{
    void *st = sql_prep(s, "SELECT " OPINION_COLS OPINION_FROM "WHERE o.matter_id = ?1 AND ?2 = ?2 ORDER BY o.id LIMIT 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, (int64_t)0);
    return sql_one(s, a, st, read_opinion, out);
}

int opinion_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n)
{
    return tree_households(s, a,
                           "SELECT DISTINCT h.id, h.parent_id FROM opinion x" TREE_RESIDENT_HOUSEHOLD(
                               "x.author_id", "x.community_id") "WHERE x.matter_id = ?1",
                           matter_id, out, n);
}
