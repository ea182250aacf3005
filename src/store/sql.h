/*
 * The statement helpers: how every SQL statement of wugong is run. The
 * store engine defines them; the kernel's, the edge's and each module's
 * store files (NAME_store.c, the only files that hold SQL) use them. See
 * store/db.h for the SQL both engines speak.
 *
 * Statements come from a per-connection cache keyed by the address of the
 * SQL text, which must therefore be a string literal (never finalised by
 * the caller); every helper that steps a statement also resets it. Strings
 * and blobs read from a row are copied into the arena given.
 */
#ifndef WG_STORE_SQL_H
#define WG_STORE_SQL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

/* 1 when the statement only reads: it starts with SELECT, or with WITH and
 * no word of it (outside quotes) is INSERT, UPDATE, DELETE, REPLACE or
 * MERGE. Reads outside a write transaction may go to a replica. */
int sql_is_read(const char *sql);
/* A cached prepared statement for sql, or NULL (the store's error is set). */
void *sql_prep(store *s, const char *sql);
/* Binds by a format: i = int64, I = int64 with 0 as NULL, s = text or NULL,
 * b = 32-byte blob, B = blob of any length (const void *, then size_t). */
void sql_bind(store *s, void *st, const char *fmt, ...);
/* The same, the first parameter numbered `first`; and from a va_list. */
void sql_bind_from(store *s, void *st, int first, const char *fmt, ...);
void sql_vbind(store *s, void *st, int first, const char *fmt, va_list ap);
/* One step, timed: DB_ROW, DB_DONE (store/db.h) or an error code. */
int sql_step(store *s, void *st);
/* Runs a statement that returns no rows; 0 or an error code. */
int sql_exec(store *s, void *st);
/* Column i as text copied into a (NULL for SQL NULL), or as an integer. */
const char *sql_col_str(arena *a, store *s, void *st, int i);
int64_t sql_col_int(store *s, void *st, int i);
/* Column i as bytes copied into a (NULL for SQL NULL), *len their count.
 * Read a blob column at most once per row. */
const void *sql_col_blob(arena *a, store *s, void *st, int i, size_t *len);
/* Rows changed by the last statement on the primary. */
int sql_changes(store *s);
/* sql_exec, then *changed (may be NULL) = whether it changed a row. */
int sql_exec_changed(store *s, void *st, int *changed);
/* sql_exec of a statement that must change a row: none is the error
 * (WG_ECONFLICT: a compare-and-set lost; WG_ENOTFOUND: no such row) when it
 * changed none. */
int sql_exec_one(store *s, void *st, int none);
/* Converts one row into *item (zeroed before the call). */
typedef void (*row_fn)(arena *a, store *s, void *st, void *item);
/* A row_fn for an int64_t item: column 0 (an id). */
void sql_read_id(arena *a, store *s, void *st, void *item);
/* Collects at most cap rows into an arena array of item_size items. */
int sql_collect(store *s, arena *a, void *st, size_t item_size, int cap, row_fn read, void **out, int *n);
/* Exactly one row into *item; WG_ENOTFOUND when there is none. */
/* Calls fn for each row, without keeping them (a count over many rows): 0 or an error. */
int sql_each(store *s, arena *a, void *st, void (*fn)(arena *a, store *s, void *st, void *ud), void *ud);
int sql_one(store *s, arena *a, void *st, row_fn read, void *item);
/* Runs an INSERT ... RETURNING id; sets *id. */
int sql_insert_id(store *s, void *st, int64_t *id);
/* A query answering one integer (count(*)); sets *n. */
int sql_count(store *s, void *st, int *n);
/* A count(*) query whose one parameter (?1) is id; sets *n. */
int sql_count_id(store *s, const char *sql, int64_t id, int *n);
/* The ids that a statement "... WHERE id > ?1 ORDER BY id LIMIT ?2" gives
 * (in a), for walking a table in batches. */
int sql_ids_after(store *s, arena *a, const char *sql, int64_t after, int max, int64_t **out, int *n);
/* Inside a write transaction: locks one row until the transaction ends, so
 * that a limit counted under it cannot be exceeded by writers racing on
 * PostgreSQL. sql is "SELECT id FROM t WHERE id = ?1 FOR NO KEY UPDATE"
 * (NO KEY: rows that refer to it can still be written). A no-op on SQLite,
 * whose writers are serialised already. */
int sql_lock(store *s, const char *sql, int64_t id);

#endif
