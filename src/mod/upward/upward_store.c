/* The upward reports' SQL. */
#include "mod/upward/upward_store.h"

#include <string.h>

#include "core/err.h"
#include "store/sql.h"

int upward_store_template_insert(store *s, struct st_upward_template *t)
{
    void *st = sql_prep(s, "INSERT INTO upward_template(street_id, name, period_kind, created_by, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issii", t->street_id, t->name, t->period_kind, t->created_by, t->created_at);
    int rc = sql_insert_id(s, st, &t->id);
    for (int i = 0; rc == 0 && i < t->nitems; i++) {
        if ((st = sql_prep(s, "INSERT INTO upward_item(template_id, pos, label, figure, by_) VALUES (?1, ?2, ?3, ?4, ?5)")) ==
            NULL)
            return WG_EDB;
        sql_bind(s, st, "iisss", t->id, (int64_t)i + 1, t->items[i].label, t->items[i].figure, t->items[i].by);
        rc = sql_exec(s, st);
    }
    return rc;
}

int upward_store_template_count(store *s, int64_t street_id, int *n)
{
    return sql_count_id(s, "SELECT COUNT(*) FROM upward_template WHERE street_id = ?1", street_id, n);
}

static void read_template(arena *a, store *s, void *st, void *item)
{
    struct st_upward_template *t = item;
    t->id = sql_col_int(s, st, 0);
    t->street_id = sql_col_int(s, st, 1);
    t->name = sql_col_str(a, s, st, 2);
    t->period_kind = sql_col_str(a, s, st, 3);
    t->created_by = sql_col_int(s, st, 4);
    t->created_at = sql_col_int(s, st, 5);
    t->street_name = sql_col_str(a, s, st, 6);
    t->street_path = sql_col_str(a, s, st, 7);
}

static void read_item(arena *a, store *s, void *st, void *item)
{
    struct upward_item *x = item;
    x->pos = (int)sql_col_int(s, st, 0);
    x->label = sql_col_str(a, s, st, 1);
    x->figure = sql_col_str(a, s, st, 2);
    x->by = sql_col_str(a, s, st, 3);
}

static int items_of(store *s, arena *a, struct st_upward_template *t)
{
    void *st = sql_prep(s, "SELECT pos, label, figure, by_ FROM upward_item WHERE template_id = ?1 ORDER BY pos");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", t->id);
    return sql_collect(s, a, st, sizeof *t->items, UPWARD_ITEMS_MAX, read_item, (void **)&t->items, &t->nitems);
}

#define TEMPLATE_SQL                                                                                                  \
    "SELECT t.id, t.street_id, t.name, t.period_kind, t.created_by, t.created_at, p.name, p.path "                    \
    "FROM upward_template t JOIN place p ON p.id = t.street_id "

int upward_store_template_get(store *s, arena *a, int64_t id, struct st_upward_template *out)
{
    void *st = sql_prep(s, TEMPLATE_SQL "WHERE t.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_one(s, a, st, read_template, out);
    return rc ? rc : items_of(s, a, out);
}

int upward_store_templates(store *s, arena *a, int64_t street_id, int max, struct st_upward_template **out, int *n)
{
    void *st = sql_prep(s, TEMPLATE_SQL "WHERE t.street_id = ?1 ORDER BY t.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", street_id, (int64_t)max);
    int rc = sql_collect(s, a, st, sizeof **out, max, read_template, (void **)out, n);
    for (int i = 0; rc == 0 && i < *n; i++)
        rc = items_of(s, a, &(*out)[i]);
    return rc;
}

#define REPORT_SQL                                                                                                    \
    "SELECT r.id, r.template_id, r.community_id, r.filled_by, r.filled_at, COALESCE(r.reviewed_by, 0), "              \
    "COALESCE(r.reviewed_at, 0), COALESCE(r.submitted_by, 0), COALESCE(r.submitted_at, 0), r.period, r.state, "      \
    "r.data, r.note, p.name, p.path, t.name, f.name, v.name "                                                         \
    "FROM upward_report r JOIN place p ON p.id = r.community_id JOIN upward_template t ON t.id = r.template_id "       \
    "JOIN person f ON f.id = r.filled_by LEFT JOIN person v ON v.id = r.reviewed_by "

static void read_report(arena *a, store *s, void *st, void *item)
{
    struct st_upward_report *r = item;
    int i = 0;
    r->id = sql_col_int(s, st, i++);
    r->template_id = sql_col_int(s, st, i++);
    r->community_id = sql_col_int(s, st, i++);
    r->filled_by = sql_col_int(s, st, i++);
    r->filled_at = sql_col_int(s, st, i++);
    r->reviewed_by = sql_col_int(s, st, i++);
    r->reviewed_at = sql_col_int(s, st, i++);
    r->submitted_by = sql_col_int(s, st, i++);
    r->submitted_at = sql_col_int(s, st, i++);
    r->period = sql_col_str(a, s, st, i++);
    r->state = sql_col_str(a, s, st, i++);
    r->data = sql_col_str(a, s, st, i++);
    r->note = sql_col_str(a, s, st, i++);
    r->community_name = sql_col_str(a, s, st, i++);
    r->community_path = sql_col_str(a, s, st, i++);
    r->template_name = sql_col_str(a, s, st, i++);
    r->filled_by_name = sql_col_str(a, s, st, i++);
    r->reviewed_by_name = sql_col_str(a, s, st, i++);
}

int upward_store_report_find(store *s, arena *a, int64_t template_id, int64_t community_id, const char *period,
                             struct st_upward_report *out)
{
    void *st = sql_prep(s, REPORT_SQL "WHERE r.template_id = ?1 AND r.community_id = ?2 AND r.period = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iis", template_id, community_id, period);
    return sql_one(s, a, st, read_report, out);
}

int upward_store_report_get(store *s, arena *a, int64_t id, struct st_upward_report *out)
{
    void *st = sql_prep(s, REPORT_SQL "WHERE r.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_report, out);
}

int upward_store_report_fill(store *s, arena *a, struct st_upward_report *r)
{
    struct st_upward_report old;
    int rc = upward_store_report_find(s, a, r->template_id, r->community_id, r->period, &old);
    void *st;
    if (rc == WG_ENOTFOUND) {
        if ((st = sql_prep(s, "INSERT INTO upward_report(template_id, community_id, period, state, data, filled_by, "
                              "filled_at) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6) RETURNING id")) == NULL)
            return WG_EDB;
        sql_bind(s, st, "iissii", r->template_id, r->community_id, r->period, r->data, r->filled_by, r->filled_at);
        return sql_insert_id(s, st, &r->id);
    }
    if (rc)
        return rc;
    r->id = old.id;
    /* a refill clears the review: the figures it reviewed are gone */
    if ((st = sql_prep(s, "UPDATE upward_report SET state = 'draft', data = ?2, filled_by = ?3, filled_at = ?4, "
                          "reviewed_by = NULL, reviewed_at = NULL WHERE id = ?1 AND state <> 'submitted'")) == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", old.id, r->data, r->filled_by, r->filled_at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int upward_store_report_move(store *s, int64_t id, const char *from, const char *to, int64_t by, int64_t at,
                             const char *note)
{
    const char *sql = strcmp(to, "reviewed") == 0
                          ? "UPDATE upward_report SET state = ?3, reviewed_by = ?4, reviewed_at = ?5, note = ?6 "
                            "WHERE id = ?1 AND state = ?2"
                      : strcmp(to, "submitted") == 0
                          ? "UPDATE upward_report SET state = ?3, submitted_by = ?4, submitted_at = ?5, "
                            "note = COALESCE(?6, note) WHERE id = ?1 AND state = ?2"
                          : "UPDATE upward_report SET state = ?3, submitted_by = NULL, submitted_at = NULL, "
                            "reviewed_by = NULL, reviewed_at = NULL, returned_by = ?4, returned_at = ?5, note = ?6 "
                            "WHERE id = ?1 AND state = ?2";
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issiis", id, from, to, by, at, note);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int upward_store_notify_street(store *s, const struct notify_msg *msg, const char *community_path, int64_t community_id)
{
    int n = 0;
    return notify_fanout(s, msg, &n,
                         "SELECT DISTINCT ra.person_id, CAST(?2 AS BIGINT) AS community_id FROM role_assignment ra "
                         "JOIN place p ON p.id = ra.place_id "
                         "WHERE ra.role = 'street_admin' AND substr(?1, 1, length(p.path)) = p.path",
                         "si", community_path, community_id);
}
