/* The comment module's SQL: comments by subject, reports, moderation. */
#include "mod/comment/comment_store.h"

#include "store/sql.h"

#define COMMENT_COLS "c.id, c.subject_kind, c.community_id, c.parent_id, c.author_id, c.depth, c.reports, pe.name, " \
                     "c.body, c.status, c.hidden_reason, c.moderated_by, c.moderated_at, c.created_at, c.subject_id"

static void read_comment(arena *a, store *s, void *st, void *item)
{
    struct st_comment *c = item;
    c->id = sql_col_int(s, st, 0);
    c->subject_kind = sql_col_str(a, s, st, 1);
    c->community_id = sql_col_int(s, st, 2);
    c->parent_id = sql_col_int(s, st, 3);
    c->author_id = sql_col_int(s, st, 4);
    c->depth = (int)sql_col_int(s, st, 5);
    c->reports = (int)sql_col_int(s, st, 6);
    c->author_name = sql_col_str(a, s, st, 7);
    c->body = sql_col_str(a, s, st, 8);
    c->status = sql_col_str(a, s, st, 9);
    c->hidden_reason = sql_col_str(a, s, st, 10);
    c->moderated_by = sql_col_int(s, st, 11);
    c->moderated_at = sql_col_int(s, st, 12);
    c->created_at = sql_col_int(s, st, 13);
    c->subject_id = sql_col_int(s, st, 14);
}

int comment_store_insert(store *s, struct st_comment *cm)
{
    void *st = sql_prep(s, "INSERT INTO comment(subject_kind, community_id, parent_id, depth, author_id, body, status, "
                           "created_at, subject_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "siIiissii", cm->subject_kind, cm->community_id, cm->parent_id, (int64_t)cm->depth, cm->author_id,
             cm->body, cm->status, cm->created_at, cm->subject_id);
    return sql_insert_id(s, st, &cm->id);
}

int comment_store_get(store *s, arena *a, int64_t id, struct st_comment *out)
{
    void *st = sql_prep(s, "SELECT " COMMENT_COLS " FROM comment c JOIN person pe ON pe.id = c.author_id WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_comment, out);
}

/* Runs st (a bound SELECT of COMMENT_COLS) and puts its rows in thread order. */
static int comments_threaded(store *s, arena *a, void *st, struct st_comment **out, int *n)
{
    struct st_comment *flat;
    int m = 0, rc = sql_collect(s, a, st, sizeof *flat, 1000, read_comment, (void **)&flat, &m);
    if (rc)
        return rc;
    /* thread order: depth-first from the roots, children by id (ids grow
     * with time, so a parent always comes before its children) */
    struct st_comment *ordered = arena_alloc(a, sizeof *ordered * (size_t)(m ? m : 1));
    int *stack = arena_alloc(a, sizeof *stack * (size_t)(m ? m : 1));
    int k = 0;
    for (int root = 0; root < m; root++) {
        if (flat[root].parent_id)
            continue;
        int sp = 0;
        stack[sp++] = root;
        while (sp > 0) {
            int i = stack[--sp];
            ordered[k++] = flat[i];
            /* push children in reverse so the oldest comes out first */
            for (int j = m - 1; j > i; j--)
                if (flat[j].parent_id == flat[i].id && sp < m)
                    stack[sp++] = j;
        }
    }
    *out = ordered;
    *n = k;
    return 0;
}

int comment_store_of(store *s, arena *a, const char *kind, int64_t subject_id, struct st_comment **out, int *n)
{
    void *st = sql_prep(s, "SELECT " COMMENT_COLS " FROM comment c JOIN person pe ON pe.id = c.author_id "
                           "WHERE c.subject_kind = ?1 AND c.subject_id = ?2 ORDER BY c.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", kind, subject_id);
    return comments_threaded(s, a, st, out, n);
}


int comment_store_count_since(store *s, int64_t author_id, int64_t since, int *n)
{
    void *st = sql_prep(s, "SELECT count(*) FROM comment WHERE author_id = ?1 AND created_at >= ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", author_id, since);
    return sql_count(s, st, n);
}

int comment_store_report(store *s, int64_t comment_id, int64_t person_id, int64_t community_id, const char *reason,
                         int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO comment_report(comment_id, person_id, community_id, reason, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisi", comment_id, person_id, community_id, reason, at);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "UPDATE comment SET reports = reports + 1 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", comment_id);
    return sql_exec(s, st);
}

int comment_store_moderate(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE comment SET status = ?2, hidden_reason = ?3, moderated_by = ?4, moderated_at = ?5 "
                       "WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issii", id, status, reason, by, at);
    return sql_exec(s, st);
}
