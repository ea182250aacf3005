/*
 * Internal to src/store/: the statement helpers queries.c defines, shared by
 * the per-feature query files (q_*.c). Nothing outside src/store/ includes
 * this. Statements come from a per-connection cache (never finalised by the
 * caller); every helper that steps a statement also resets it.
 */
#ifndef WG_Q_INTERNAL_H
#define WG_Q_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"

/* A cached prepared statement for sql, or NULL (the store's error is set).
 * A SELECT outside a transaction may go to a replica. */
void *q_prep(store *s, const char *sql);
/* Binds by a format: i = int64, I = int64 with 0 as NULL, s = text or NULL,
 * b = 32-byte blob, B = blob of any length (const void *, then size_t). */
void q_bind(store *s, void *st, const char *fmt, ...);
/* One step, timed: DB_ROW, DB_DONE or an error code. */
int q_step(store *s, void *st);
/* Runs a statement that returns no rows; 0 or an error code. */
int q_exec_stmt(store *s, void *st);
/* Column i as text copied into a (NULL for SQL NULL), or as an integer. */
const char *q_col_str(arena *a, store *s, void *st, int i);
int64_t q_col_int(store *s, void *st, int i);
/* Column i as bytes copied into a (NULL for SQL NULL), *len their count.
 * Read a blob column at most once per row. */
const void *q_col_blob(arena *a, store *s, void *st, int i, size_t *len);
/* Rows changed by the last statement on the primary. */
int q_changes(store *s);
/* Converts one row into *item (zeroed before the call). */
typedef void (*row_fn)(arena *a, store *s, void *st, void *item);
/* Collects at most cap rows into an arena array of item_size items. */
int q_collect(store *s, arena *a, void *st, size_t item_size, int cap, row_fn read, void **out, int *n);
/* Exactly one row into *item; WG_ENOTFOUND when there is none. */
int q_one(store *s, arena *a, void *st, row_fn read, void *item);
/* Runs an INSERT ... RETURNING id; sets *id. */
int q_insert_id(store *s, void *st, int64_t *id);
/* A query answering one integer (count(*)); sets *n. */
int q_count_query(store *s, void *st, int *n);
/* A count(*) query whose one parameter (?1) is id; sets *n. */
int q_count_id(store *s, const char *sql, int64_t id, int *n);

#endif
