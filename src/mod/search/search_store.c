/* The search module's SQL: one table of documents on both engines; its
 * index is the engine's own (FTS5 with external content on SQLite, a GIN
 * index over a tsvector column on PostgreSQL). */
#include "mod/search/search_store.h"

#include <string.h>

#include "store/sql.h"


static int is_pg(const store *s)
{
    return strcmp(store_engine(s), "postgresql") == 0;
}

struct old_doc {
    int64_t id;
    const char *title_grams, *body_grams, *scope_grams;
};

static void read_old(arena *a, store *s, void *st, void *item)
{
    struct old_doc *o = item;
    o->id = sql_col_int(s, st, 0);
    o->title_grams = sql_col_str(a, s, st, 1);
    o->body_grams = sql_col_str(a, s, st, 2);
    o->scope_grams = sql_col_str(a, s, st, 3);
}

static int old_doc(store *s, arena *a, const char *kind, int64_t ref_id, struct old_doc *o)
{
    void *st = sql_prep(s, "SELECT id, title_grams, body_grams, scope_grams FROM search_doc WHERE kind = ?1 AND ref_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", kind, ref_id);
    return sql_one(s, a, st, read_old, o);
}

/* FTS5 with external content: an entry leaves the index by the 'delete'
 * command with the values it was indexed with. */
static int fts_delete(store *s, const struct old_doc *o)
{
    void *st = sql_prep(s, "INSERT INTO search_fts(search_fts, rowid, title_grams, body_grams, scope_grams) "
                           "VALUES ('delete', ?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isss", o->id, o->title_grams, o->body_grams, o->scope_grams);
    return sql_exec(s, st);
}

static int fts_insert(store *s, int64_t id, const char *tg, const char *bg, const char *sg)
{
    void *st = sql_prep(s, "INSERT INTO search_fts(rowid, title_grams, body_grams, scope_grams) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isss", id, tg, bg, sg);
    return sql_exec(s, st);
}

static int put_pg(store *s, const struct search_doc *d, const char *tg, const char *bg, const char *sg,
                  const char *tsv)
{
    void *st = sql_prep(s, "INSERT INTO search_doc(kind, ref_id, community_id, place_id, place_path, title, body, url, "
                           "updated_at, title_grams, body_grams, scope_grams, tsv) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, CAST(?13 AS tsvector)) "
                           "ON CONFLICT (kind, ref_id) DO UPDATE SET community_id = EXCLUDED.community_id, "
                           "place_id = EXCLUDED.place_id, place_path = EXCLUDED.place_path, title = EXCLUDED.title, "
                           "body = EXCLUDED.body, url = EXCLUDED.url, updated_at = EXCLUDED.updated_at, "
                           "title_grams = EXCLUDED.title_grams, body_grams = EXCLUDED.body_grams, "
                           "scope_grams = EXCLUDED.scope_grams, tsv = EXCLUDED.tsv");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "siiissssissss", d->kind, d->ref_id, d->community_id, d->place_id, d->place_path, d->title,
             d->body, d->url, d->updated_at, tg, bg, sg, tsv);
    return sql_exec(s, st);
}

int search_store_put(store *s, arena *a, const struct search_doc *d, const char *tg, const char *bg, const char *sg)
{
    if (is_pg(s))
        return put_pg(s, d, tg, bg, sg, search_tsvector(a, tg, bg, sg));
    struct old_doc o;
    int rc = old_doc(s, a, d->kind, d->ref_id, &o);
    if (rc == 0) {
        void *st;
        if ((rc = fts_delete(s, &o)))
            return rc;
        st = sql_prep(s, "UPDATE search_doc SET community_id = ?2, place_id = ?3, place_path = ?4, title = ?5, "
                         "body = ?6, url = ?7, updated_at = ?8, title_grams = ?9, body_grams = ?10, scope_grams = ?11 "
                         "WHERE id = ?1");
        if (st == NULL)
            return WG_EDB;
        sql_bind(s, st, "iiissssisss", o.id, d->community_id, d->place_id, d->place_path, d->title, d->body,
                 d->url, d->updated_at, tg, bg, sg);
        return (rc = sql_exec(s, st)) ? rc : fts_insert(s, o.id, tg, bg, sg);
    }
    if (rc != WG_ENOTFOUND)
        return rc;
    void *st = sql_prep(s, "INSERT INTO search_doc(kind, ref_id, community_id, place_id, place_path, title, body, url, "
                           "updated_at, title_grams, body_grams, scope_grams) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    int64_t id = 0;
    sql_bind(s, st, "siiissssisss", d->kind, d->ref_id, d->community_id, d->place_id, d->place_path, d->title,
             d->body, d->url, d->updated_at, tg, bg, sg);
    return (rc = sql_insert_id(s, st, &id)) ? rc : fts_insert(s, id, tg, bg, sg);
}

int search_store_drop(store *s, arena *a, const char *kind, int64_t ref_id)
{
    struct old_doc o;
    int rc = old_doc(s, a, kind, ref_id, &o);
    if (rc == WG_ENOTFOUND)
        return 0;
    if (rc == 0 && !is_pg(s))
        rc = fts_delete(s, &o);
    if (rc)
        return rc;
    void *st = sql_prep(s, "DELETE FROM search_doc WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", o.id);
    return sql_exec(s, st);
}

/* Both engines rank the matches by the index alone (the scope and the kind
 * are grams of the match) and fetch the columns of one page only. */
#define HIT_COLS "d.kind, d.ref_id, d.place_id, d.title, d.body, d.url, p.name, d.updated_at, d.place_path "

static const char *const query_sql[2][2] = {
    /* SQLite: FTS5, bm25 with the title ten times the body; ties: the newer row first */
    {"SELECT " HIT_COLS "FROM (SELECT rowid AS id, bm25(search_fts, 10.0, 1.0, 0.0) AS r FROM search_fts "
     "WHERE search_fts MATCH ?1 ORDER BY r, rowid DESC LIMIT ?2 OFFSET ?3) h "
     "JOIN search_doc d ON d.id = h.id JOIN place p ON p.id = d.place_id ORDER BY h.r, h.id DESC",
     /* counted over the rowids: FTS5 answers a bare COUNT(*) about ten times slower */
     "SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?1) m"},
    /* PostgreSQL: the tsvector's GIN index, ts_rank with the title (A) over the body (B) */
    {"SELECT " HIT_COLS "FROM (SELECT id, ts_rank(tsv, CAST(?4 AS tsquery)) AS r FROM search_doc "
     "WHERE tsv @@ CAST(?1 AS tsquery) ORDER BY r DESC, id DESC LIMIT ?2 OFFSET ?3) h "
     "JOIN search_doc d ON d.id = h.id JOIN place p ON p.id = d.place_id ORDER BY h.r DESC, h.id DESC",
     "SELECT COUNT(*) FROM search_doc WHERE tsv @@ CAST(?1 AS tsquery)"},
};

static void read_hit(arena *a, store *s, void *st, void *item)
{
    struct search_hit *h = item;
    h->kind = sql_col_str(a, s, st, 0);
    h->ref_id = sql_col_int(s, st, 1);
    h->place_id = sql_col_int(s, st, 2);
    h->title = sql_col_str(a, s, st, 3);
    h->body = sql_col_str(a, s, st, 4);
    h->url = sql_col_str(a, s, st, 5);
    h->place_name = sql_col_str(a, s, st, 6);
    h->updated_at = sql_col_int(s, st, 7);
    h->place_path = sql_col_str(a, s, st, 8);
}

int search_store_query(store *s, arena *a, const struct search_filter *f, struct search_hit **out, int *n,
                       int *total)
{
    int pg = is_pg(s);
    const char *match = pg ? search_tsquery(a, &f->scope, f->terms, f->nterms)
                           : search_fts5_match(a, &f->scope, f->terms, f->nterms);
    void *st = sql_prep(s, query_sql[pg][0]);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", match, (int64_t)f->limit, (int64_t)f->offset);
    if (pg) /* ranked by the terms alone */
        sql_bind_from(s, st, 4, "s",
                      search_tsquery(a, &(struct search_scope){f->scope.communities, f->scope.ncommunities, 0, NULL},
                                     f->terms, f->nterms));
    int rc = sql_collect(s, a, st, sizeof **out, f->limit, read_hit, (void **)out, n);
    if (rc || total == NULL)
        return rc;
    if (f->offset == 0 && *n < f->limit) { /* a first page that is not full holds every match */
        *total = *n;
        return 0;
    }
    if ((st = sql_prep(s, query_sql[pg][1])) == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", match);
    return sql_count(s, st, total);
}

int search_store_communities(store *s, arena *a, const char *path, int max, int64_t **out, int *n)
{
    void *st = sql_prep(s, "SELECT id FROM place WHERE kind = 'community' AND path LIKE CAST(?1 AS TEXT) || '%' "
                           "ORDER BY id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", path, (int64_t)max);
    return sql_collect(s, a, st, sizeof **out, max, sql_read_id, (void **)out, n);
}

static void read_name(arena *a, store *s, void *st, void *item)
{
    struct search_name *x = item;
    x->id = sql_col_int(s, st, 0);
    x->name = sql_col_str(a, s, st, 1);
    x->place_id = sql_col_int(s, st, 2);
    x->place_name = sql_col_str(a, s, st, 3);
    x->kind = sql_col_str(a, s, st, 4);
}

static int names(store *s, arena *a, const char *sql, const char *prefix, int64_t community_id, const char *q1,
                 const char *q2, int max, struct search_name **out, int *n)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sssii", prefix, q1, q2, (int64_t)max, community_id);
    return sql_collect(s, a, st, sizeof **out, max, read_name, (void **)out, n);
}

/* Within one community its index finds the places; above it, the path. */
#define PLACES(where)                                                                                                 \
    "SELECT p.id, p.name, p.id, p.name, p.kind FROM place p WHERE " where " AND p.path LIKE CAST(?1 AS TEXT) || '%' " \
    "AND (instr(p.name, ?2) > 0 OR instr(p.name, ?3) > 0) ORDER BY length(p.path), p.id LIMIT ?4"
#define PEOPLE(where)                                                                                                 \
    "SELECT pe.id, pe.name, pl.id, pl.name, r.role FROM place pl JOIN role_assignment r ON r.place_id = pl.id "      \
    "JOIN person pe ON pe.id = r.person_id WHERE " where " AND pl.path LIKE CAST(?1 AS TEXT) || '%' "                 \
    "AND (instr(pe.name, ?2) > 0 OR instr(pe.name, ?3) > 0) ORDER BY pe.name, pe.id, r.id LIMIT ?4"

int search_store_places(store *s, arena *a, const char *prefix, int64_t community_id, const char *q1, const char *q2,
                        int max, struct search_name **out, int *n)
{
    return names(s, a, community_id ? PLACES("p.community_id = ?5") : PLACES("?5 = 0"), prefix, community_id, q1, q2,
                 max, out, n);
}

int search_store_people(store *s, arena *a, const char *prefix, int64_t community_id, const char *q1, const char *q2,
                        int max, struct search_name **out, int *n)
{
    return names(s, a, community_id ? PEOPLE("pl.community_id = ?5") : PEOPLE("?5 = 0"), prefix, community_id, q1,
                 q2, max, out, n);
}
