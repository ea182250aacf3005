/*
 * The statement helpers every module's store file uses (see sql.h): prepared
 * statements from the connection's cache, bound by a format string, stepped
 * with timing, rows read into arena structs. Whether a statement only reads
 * decides where it may run (a replica, outside write transactions).
 */
#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/log.h"
#include "store/sql.h"
#include "store/store_impl.h"

/* Whether the word at p (length n) is w, case-insensitive, as a whole word. */
static int word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(p, w, n) == 0;
}

int sql_is_read(const char *sql)
{
    const char *p = sql;
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "SELECT", 6) == 0 && !isalnum((unsigned char)p[6]) && p[6] != '_')
        return 1;
    if (strncasecmp(p, "WITH", 4) != 0 || isalnum((unsigned char)p[4]) || p[4] == '_')
        return 0;
    /* a WITH statement reads unless a word of it (outside quotes) writes:
     * the main statement after the common table expressions, or a
     * data-modifying one inside them (PostgreSQL) */
    for (p += 4; *p;) {
        if (*p == '\'' || *p == '"') {
            char q = *p++;
            while (*p && *p != q)
                p++;
            if (*p)
                p++;
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            const char *w = p;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            size_t n = (size_t)(p - w);
            if (word_is(w, n, "INSERT") || word_is(w, n, "UPDATE") || word_is(w, n, "DELETE") ||
                word_is(w, n, "REPLACE") || word_is(w, n, "MERGE"))
                return 0;
        } else {
            p++;
        }
    }
    return 1;
}

void *sql_prep(store *s, const char *sql)
{
    void *conn = s->conn;
    if (sql_is_read(sql)) {
        void *rc = s->nrep && !s->in_tx ? store_replica_for_read(s) : NULL;
        if (rc) {
            conn = rc;
            s->replica_reads++;
        } else {
            s->primary_reads++;
        }
    } else {
        s->wrote = 1;
        if (s->group && !s->in_tx) /* its commit would have no number: never durable on time */
            log_error("store: a write outside store_begin under group commit: %.60s", sql);
    }
    void *st = s->drv->prep(conn, sql);
    if (st == NULL)
        store_fail(s, WG_EDB);
    return st;
}

/* Binds by a format: i = int64, I = int64 with 0 as NULL, s = text or NULL,
 * b = 32-byte blob, B = blob of any length (pointer, then size_t). */
void sql_vbind(store *s, void *st, int first, const char *fmt, va_list ap)
{
    const struct db_driver *d = s->drv;
    for (int i = first; *fmt; fmt++, i++) {
        switch (*fmt) {
        case 'i':
            d->bind_int(st, i, va_arg(ap, int64_t));
            break;
        case 'I': {
            int64_t v = va_arg(ap, int64_t);
            if (v)
                d->bind_int(st, i, v);
            else
                d->bind_null(st, i);
            break;
        }
        case 's':
            d->bind_text(st, i, va_arg(ap, const char *));
            break;
        case 'b':
            d->bind_blob(st, i, va_arg(ap, const unsigned char *), 32);
            break;
        case 'B': {
            const void *p = va_arg(ap, const void *);
            d->bind_blob(st, i, p, va_arg(ap, size_t));
            break;
        }
        }
    }
}

void sql_bind(store *s, void *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sql_vbind(s, st, 1, fmt, ap);
    va_end(ap);
}

void sql_bind_from(store *s, void *st, int first, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sql_vbind(s, st, first, fmt, ap);
    va_end(ap);
}

/* One step, timed: DB_ROW, DB_DONE or an error code. */
int sql_step(store *s, void *st)
{
    uint64_t t0 = store_now_ns();
    int rc = s->drv->step(st);
    s->ns += store_now_ns() - t0;
    if (rc < 0)
        store_fail(s, rc);
    return rc;
}

/* Runs a statement that returns no rows. */
int sql_exec(store *s, void *st)
{
    int rc = sql_step(s, st);
    s->drv->reset(st);
    return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

const char *sql_col_str(arena *a, store *s, void *st, int i)
{
    size_t n;
    const char *t = s->drv->col_text(st, i, &n);
    return t ? arena_strndup(a, t, n) : NULL;
}

const void *sql_col_blob(arena *a, store *s, void *st, int i, size_t *len)
{
    const void *b = s->drv->col_blob(st, i, len);
    if (b == NULL)
        return NULL;
    void *copy = arena_alloc(a, *len ? *len : 1);
    memcpy(copy, b, *len);
    return copy;
}

int64_t sql_col_int(store *s, void *st, int i)
{
    return s->drv->col_int(st, i);
}

int sql_changes(store *s)
{
    return s->drv->changes(s->conn);
}

/* Collects rows into an arena array; read() converts one row. */
int sql_collect(store *s, arena *a, void *st, size_t item_size, int cap, row_fn read, void **out, int *n)
{
    int count = 0, alloc = 8, rc;
    char *items = arena_alloc(a, item_size * (size_t)alloc);
    while ((rc = sql_step(s, st)) == DB_ROW) {
        if (count == cap)
            break;
        if (count == alloc) {
            char *more = arena_alloc(a, item_size * (size_t)alloc * 2);
            memcpy(more, items, item_size * (size_t)alloc);
            items = more;
            alloc *= 2;
        }
        memset(items + item_size * (size_t)count, 0, item_size);
        read(a, s, st, items + item_size * (size_t)count);
        count++;
    }
    s->drv->reset(st);
    if (rc < 0)
        return rc;
    *out = items;
    *n = count;
    return 0;
}

int sql_each(store *s, arena *a, void *st, void (*fn)(arena *a, store *s, void *st, void *ud), void *ud)
{
    int rc;
    while ((rc = sql_step(s, st)) == DB_ROW)
        fn(a, s, st, ud);
    s->drv->reset(st);
    return rc < 0 ? rc : 0;
}

/* Reads exactly one row; ENOTFOUND when there is none. */
int sql_one(store *s, arena *a, void *st, row_fn read, void *item)
{
    int rc = sql_step(s, st);
    if (rc == DB_ROW)
        read(a, s, st, item);
    s->drv->reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? WG_ENOTFOUND : rc;
}

/* Runs an INSERT ... RETURNING id; sets *id. */
int sql_insert_id(store *s, void *st, int64_t *id)
{
    int rc = sql_step(s, st);
    if (rc == DB_ROW)
        *id = s->drv->col_int(st, 0);
    s->drv->reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? WG_EDB : rc;
}

int sql_count(store *s, void *st, int *n)
{
    int rc = sql_step(s, st);
    if (rc == DB_ROW)
        *n = (int)s->drv->col_int(st, 0);
    s->drv->reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? WG_EDB : rc;
}

int sql_count_id(store *s, const char *sql, int64_t id, int *n)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_count(s, st, n);
}

void sql_read_id(arena *a, store *s, void *st, void *item)
{
    (void)a;
    *(int64_t *)item = sql_col_int(s, st, 0);
}

int sql_ids_after(store *s, arena *a, const char *sql, int64_t after, int max, int64_t **out, int *n)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", after, (int64_t)max);
    return sql_collect(s, a, st, sizeof **out, max, sql_read_id, (void **)out, n);
}

int sql_lock(store *s, const char *sql, int64_t id)
{
    /* SQLite's writers are serialised already; elsewhere the row is locked
     * until the transaction ends */
    if (s->drv->serialize_writers)
        return 0;
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_exec(s, st);
}

int sql_exec_changed(store *s, void *st, int *changed)
{
    int rc = sql_exec(s, st);
    if (rc == 0 && changed)
        *changed = sql_changes(s) > 0;
    return rc;
}

int sql_exec_one(store *s, void *st, int none)
{
    int rc = sql_exec(s, st);
    return rc ? rc : sql_changes(s) > 0 ? 0 : none;
}
