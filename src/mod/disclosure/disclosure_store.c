/* The disclosure module's SQL. */
#include "mod/disclosure/disclosure_store.h"

#include "core/err.h"
#include "store/sql.h"

int disclosure_store_board(store *s, int64_t community_id, int64_t *started_at)
{
    void *st = sql_prep(s, "SELECT started_at FROM disclosure_board WHERE community_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    return sql_one(s, NULL, st, sql_read_id, started_at);
}

int disclosure_store_board_open(store *s, int64_t community_id, int64_t at, int64_t by, int *opened)
{
    void *st = sql_prep(s, "INSERT INTO disclosure_board(community_id, started_at, started_by) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiI", community_id, at, by);
    return sql_exec_changed(s, st, opened);
}

#define ITEM_COLS                                                                                                    \
    "d.id, d.community_id, d.period_start, d.period_end, d.due_at, COALESCE(d.publish_at, 0), d.created_by, "      \
    "d.created_at, d.updated_at, COALESCE(d.withdrawn_at, 0), COALESCE(d.withdrawn_by, 0), d.period_months, "      \
    "d.period_year, d.kind, d.title, d.body, d.period_label, d.withdraw_reason, p.name, p.path, "                  \
    "COALESCE(d.matter_id, 0) FROM disclosure_item d JOIN place p ON p.id = d.community_id "

static void read_item(arena *a, store *s, void *st, void *item)
{
    struct st_disclosure *d = item;
    int i = 0;
    d->id = sql_col_int(s, st, i++);
    d->community_id = sql_col_int(s, st, i++);
    d->period_start = sql_col_int(s, st, i++);
    d->period_end = sql_col_int(s, st, i++);
    d->due_at = sql_col_int(s, st, i++);
    d->publish_at = sql_col_int(s, st, i++);
    d->created_by = sql_col_int(s, st, i++);
    d->created_at = sql_col_int(s, st, i++);
    d->updated_at = sql_col_int(s, st, i++);
    d->withdrawn_at = sql_col_int(s, st, i++);
    d->withdrawn_by = sql_col_int(s, st, i++);
    d->period_months = (int)sql_col_int(s, st, i++);
    d->period_year = (int)sql_col_int(s, st, i++);
    d->kind = sql_col_str(a, s, st, i++);
    d->title = sql_col_str(a, s, st, i++);
    d->body = sql_col_str(a, s, st, i++);
    d->period_label = sql_col_str(a, s, st, i++);
    d->withdraw_reason = sql_col_str(a, s, st, i++);
    d->community_name = sql_col_str(a, s, st, i++);
    d->community_path = sql_col_str(a, s, st, i++);
    d->matter_id = sql_col_int(s, st, i++);
}

int disclosure_store_insert(store *s, struct st_disclosure *d)
{
    void *st = sql_prep(s, "INSERT INTO disclosure_item(community_id, kind, title, body, period_start, period_end, "
                           "period_months, period_year, period_label, due_at, publish_at, created_by, created_at, "
                           "updated_at, matter_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, "
                           "?14) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isssiiiisiIiiI", d->community_id, d->kind, d->title, d->body, d->period_start, d->period_end,
             (int64_t)d->period_months, (int64_t)d->period_year, d->period_label, d->due_at, d->publish_at,
             d->created_by, d->created_at, d->matter_id);
    return sql_insert_id(s, st, &d->id);
}

int disclosure_store_update(store *s, const struct st_disclosure *d)
{
    void *st = sql_prep(s, "UPDATE disclosure_item SET title = ?2, body = ?3, period_start = ?4, period_end = ?5, "
                           "period_months = ?6, period_year = ?7, period_label = ?8, due_at = ?9, publish_at = ?10, "
                           "updated_at = ?11 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issiiiisiIi", d->id, d->title, d->body, d->period_start, d->period_end, (int64_t)d->period_months,
             (int64_t)d->period_year, d->period_label, d->due_at, d->publish_at, d->updated_at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int disclosure_store_withdraw(store *s, int64_t id, int64_t at, int64_t by, const char *reason)
{
    void *st = sql_prep(s, "UPDATE disclosure_item SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4, "
                           "updated_at = ?2 WHERE id = ?1 AND withdrawn_at IS NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiis", id, at, by, reason);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int disclosure_store_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM disclosure_item WHERE id = ?1 FOR NO KEY UPDATE", id);
}

int disclosure_store_get(store *s, arena *a, int64_t id, struct st_disclosure *out)
{
    void *st = sql_prep(s, "SELECT " ITEM_COLS "WHERE d.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_one(s, a, st, read_item, out);
    return rc ? rc : disclosure_store_photos(s, a, out);
}

int disclosure_store_by_matter(store *s, int64_t matter_id, int64_t *id)
{
    void *st = sql_prep(s, "SELECT id FROM disclosure_item WHERE matter_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", matter_id);
    return sql_one(s, NULL, st, sql_read_id, id);
}

int disclosure_store_photo_add(store *s, int64_t item_id, int ord, int64_t photo_id, int64_t community_id)
{
    void *st = sql_prep(s, "INSERT INTO disclosure_photo(item_id, ord, photo_id, community_id) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", item_id, (int64_t)ord, photo_id, community_id);
    return sql_exec(s, st);
}

int disclosure_store_photos(store *s, arena *a, struct st_disclosure *d)
{
    void *st = sql_prep(s, "SELECT photo_id FROM disclosure_photo WHERE item_id = ?1 ORDER BY ord");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", d->id);
    return sql_collect(s, a, st, sizeof(int64_t), DISCLOSURE_PHOTOS_MAX, sql_read_id, (void **)&d->photos,
                       &d->nphotos);
}

/* ?1 community, ?2 kind or '', ?3 year or 0, ?4 pattern or '', ?5 all, ?6 now */
#define LIST_WHERE                                                                                                   \
    "WHERE d.community_id = ?1 AND (CAST(?2 AS TEXT) = '' OR d.kind = CAST(?2 AS TEXT)) "                            \
    "AND (CAST(?3 AS BIGINT) = 0 OR d.period_year = CAST(?3 AS BIGINT)) "                                            \
    "AND (CAST(?4 AS TEXT) = '' OR d.title LIKE '%' || CAST(?4 AS TEXT) || '%' ESCAPE '\\' "                       \
    "OR d.body LIKE '%' || CAST(?4 AS TEXT) || '%' ESCAPE '\\') "                                                  \
    "AND (CAST(?5 AS BIGINT) = 1 OR (d.publish_at IS NOT NULL AND d.publish_at <= ?6)) "

int disclosure_store_list(store *s, arena *a, const struct disclosure_query *q, int all, int64_t now,
                          struct st_disclosure **out, int *n, int *total)
{
    const char *kind = q->kind ? q->kind : "", *pat = q->q ? q->q : "";
    void *st = sql_prep(s, "SELECT COUNT(*) FROM disclosure_item d " LIST_WHERE);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isisii", q->community_id, kind, (int64_t)q->year, pat, (int64_t)all, now);
    int rc = sql_count(s, st, total);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT " ITEM_COLS LIST_WHERE "ORDER BY d.period_start DESC, d.id DESC LIMIT ?7 OFFSET ?8");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isisiiii", q->community_id, kind, (int64_t)q->year, pat, (int64_t)all, now, (int64_t)q->limit,
             (int64_t)q->offset);
    if ((rc = sql_collect(s, a, st, sizeof **out, q->limit, read_item, (void **)out, n)))
        return rc;
    for (int i = 0; rc == 0 && i < *n; i++)
        rc = disclosure_store_photos(s, a, &(*out)[i]);
    return rc;
}

int disclosure_store_drafts(store *s, arena *a, int64_t community_id, int limit, struct st_disclosure **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ITEM_COLS "WHERE d.community_id = ?1 AND d.publish_at IS NULL "
                           "AND d.withdrawn_at IS NULL ORDER BY d.due_at, d.id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_item, (void **)out, n);
}

static void read_year(arena *a, store *s, void *st, void *item)
{
    (void)a;
    *(int *)item = (int)sql_col_int(s, st, 0);
}

int disclosure_store_years(store *s, arena *a, int64_t community_id, int all, int64_t now, int **years, int *n)
{
    void *st = sql_prep(s, "SELECT DISTINCT d.period_year FROM disclosure_item d WHERE d.community_id = ?1 "
                           "AND (CAST(?2 AS BIGINT) = 1 OR (d.publish_at IS NOT NULL AND d.publish_at <= ?3)) "
                           "ORDER BY d.period_year DESC LIMIT 100");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", community_id, (int64_t)all, now);
    return sql_collect(s, a, st, sizeof(int), 100, read_year, (void **)years, n);
}

int disclosure_store_latest(store *s, arena *a, int64_t community_id, const char *kind, int64_t now,
                            struct st_disclosure *out)
{
    void *st = sql_prep(s, "SELECT " ITEM_COLS "WHERE d.community_id = ?1 AND d.kind = ?2 AND d.withdrawn_at IS NULL "
                           "AND d.publish_at IS NOT NULL AND d.publish_at <= ?3 "
                           "ORDER BY d.period_start DESC, d.publish_at DESC, d.id DESC LIMIT 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", community_id, kind, now);
    int rc = sql_one(s, a, st, read_item, out);
    return rc ? rc : disclosure_store_photos(s, a, out);
}

int disclosure_store_covered(store *s, int64_t community_id, const char *kind, int64_t start, int64_t end, int64_t by,
                             int *yes)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM disclosure_item WHERE community_id = ?1 AND kind = ?2 "
                           "AND period_start >= ?3 AND period_start < ?4 AND withdrawn_at IS NULL "
                           "AND publish_at IS NOT NULL AND publish_at <= ?5");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isiii", community_id, kind, start, end, by);
    int n = 0, rc = sql_count(s, st, &n);
    *yes = n > 0;
    return rc;
}

int disclosure_store_mark(store *s, const struct disclosure_mark *m, int *added)
{
    void *st = sql_prep(s, "INSERT INTO disclosure_mark(community_id, subject, what, kind, period_start, period_end, "
                           "period_label, item_id, due_at, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                           "ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isssiisIii", m->community_id, m->subject, m->what, m->kind, m->period_start, m->period_end,
             m->label, m->item_id, m->due_at, m->at);
    return sql_exec_changed(s, st, added);
}

static void read_mark(arena *a, store *s, void *st, void *item)
{
    struct disclosure_mark *m = item;
    int i = 0;
    m->period_start = sql_col_int(s, st, i++);
    m->period_end = sql_col_int(s, st, i++);
    m->item_id = sql_col_int(s, st, i++);
    m->due_at = sql_col_int(s, st, i++);
    m->at = sql_col_int(s, st, i++);
    m->label = sql_col_str(a, s, st, i++);
    m->kind = sql_col_str(a, s, st, i++);
}

int disclosure_store_overdue(store *s, arena *a, int64_t community_id, const char *kind, int64_t now,
                             struct disclosure_mark **out, int *n)
{
    /* a period is covered by a published item of it; a decision by its own
     * item once published, or withdrawn (nothing left to disclose) */
    void *st = sql_prep(
        s, "SELECT m.period_start, m.period_end, COALESCE(m.item_id, 0), m.due_at, m.at, m.period_label, m.kind "
           "FROM disclosure_mark m WHERE m.community_id = ?1 AND m.kind = ?2 AND m.what = 'overdue' AND NOT EXISTS ("
           "SELECT 1 FROM disclosure_item i WHERE i.community_id = m.community_id AND i.kind = m.kind AND ("
           "(m.item_id IS NULL AND i.withdrawn_at IS NULL AND i.publish_at IS NOT NULL AND i.publish_at <= ?3 "
           "AND i.period_start >= m.period_start AND i.period_start < m.period_end) OR "
           "(i.id = m.item_id AND (i.withdrawn_at IS NOT NULL OR (i.publish_at IS NOT NULL AND i.publish_at <= ?3))))) "
           "ORDER BY m.due_at LIMIT 50");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", community_id, kind, now);
    return sql_collect(s, a, st, sizeof **out, 50, read_mark, (void **)out, n);
}

int disclosure_store_tell_staff(store *s, int64_t community_id, const struct notify_msg *msg, int *n)
{
    return notify_fanout(s, msg, n,
                         "SELECT DISTINCT person_id, CAST(?1 AS BIGINT) AS community_id FROM role_assignment "
                         "WHERE role = 'community_staff' AND (place_id = ?1 OR community_id = ?1)",
                         "i", community_id);
}

static void read_com(arena *a, store *s, void *st, void *item)
{
    struct disclosure_com *x = item;
    x->id = sql_col_int(s, st, 0);
    x->name = sql_col_str(a, s, st, 1);
    x->path = sql_col_str(a, s, st, 2);
    x->started_at = sql_col_int(s, st, 3);
}

int disclosure_store_communities(store *s, arena *a, const char *path, int limit, struct disclosure_com **out, int *n)
{
    void *st = sql_prep(s, "SELECT p.id, p.name, p.path, COALESCE(b.started_at, 0) FROM place p "
                           "LEFT JOIN disclosure_board b ON b.community_id = p.id WHERE p.kind = 'community' "
                           "AND substr(p.path, 1, length(CAST(?1 AS TEXT))) = CAST(?1 AS TEXT) "
                           "ORDER BY p.code, p.id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", path, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_com, (void **)out, n);
}
