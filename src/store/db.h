/*
 * The database drivers under the store (private to src/store/). The store's
 * queries (store/queries.c) are written once, in the SQL both engines speak,
 * against this small interface; db_sqlite.c and db_pg.c implement it.
 *
 * SQL conventions for queries.c: parameters are ?1 ?2 ... (the PostgreSQL
 * driver rewrites them to $1 $2 ...); new ids come back with RETURNING id;
 * a parameter whose type the statement does not fix is CAST(? AS TEXT|BIGINT);
 * instr() exists in both (created by the kernel's PostgreSQL migration); a
 * statement that claims rows for a worker ends with FOR UPDATE SKIP LOCKED,
 * which the SQLite driver leaves out (its writers are serialised).
 */
#ifndef WG_STORE_DB_H
#define WG_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

enum { DB_ROW = 1, DB_DONE = 2 };

struct db_driver {
    const char *name;
    const char *migrations; /* the dialect's migration folder: OWNER/migrations/THIS/ */
    const char *begin_sql;  /* how a write transaction starts */
    /* Run in a write transaction that will write many rows (store_bulk):
     * plan each statement for its values. NULL: nothing to do. */
    const char *bulk_sql;
    int serialize_writers;  /* take the process-wide writer lock around writes */
    int snapshot_reads;     /* store_read_begin opens a read transaction (SQLite) */
    /* Opens a connection; 0 or WG_E* with a message in err. */
    int (*open)(const char *url, void **conn, char *err, size_t errlen);
    void (*close)(void *conn);
    /* A prepared statement for sql (cached by the address of sql, which must
     * be a literal), reset and with no bindings; NULL on failure. */
    void *(*prep)(void *conn, const char *sql);
    void (*bind_int)(void *stmt, int i, int64_t v);
    void (*bind_text)(void *stmt, int i, const char *v); /* NULL binds NULL; v borrowed until reset */
    void (*bind_null)(void *stmt, int i);
    void (*bind_blob)(void *stmt, int i, const void *p, size_t n);
    /* DB_ROW, DB_DONE, or WG_ECONFLICT (constraint), WG_EFULL (disk full), WG_EDB. */
    int (*step)(void *stmt);
    int64_t (*col_int)(void *stmt, int i);
    /* NULL for SQL NULL; valid until the next step or reset. */
    const char *(*col_text)(void *stmt, int i, size_t *len);
    /* The bytes of a BLOB/bytea column (NULL for SQL NULL); valid until the
     * next step or reset. Read each column at most once per row (the
     * PostgreSQL driver decodes the hex text form in place). */
    const void *(*col_blob)(void *stmt, int i, size_t *len);
    void (*reset)(void *stmt);
    int (*changes)(void *conn); /* rows changed by the last statement */
    int (*exec)(void *conn, const char *script); /* 0 or WG_E* */
    const char *(*errmsg)(void *conn);
    /* The version of a database from before modules (0 when none); on
     * PostgreSQL it also takes the migration lock for the transaction. */
    int (*schema_version)(void *conn, int *v);
    int (*check_integrity)(void *conn, char *msg, size_t msglen);
    /* A consistent copy of the live database into the file dest (which must
     * not exist), taken while others keep reading and writing. */
    int (*backup)(void *conn, const char *dest, char *msg, size_t msglen);
    /* Loads a backup made by backup() into the empty database at url. */
    int (*restore)(const char *url, const char *src, char *msg, size_t msglen);
    /* The write-ahead-log position: on a primary, where it ends now
     * (covers every commit made so far); on a replica, how far it has
     * replayed. 0 or WG_E*. NULL when the engine has no replicas. */
    int (*wal_position)(void *conn, int replica, uint64_t *lsn);
    /* Group commit: the connection runs with commits that are not fsynced
     * (the store sets synchronous=NORMAL); sync_log fsyncs the write-ahead
     * log file, making every commit that returned before the call durable.
     * Called on the store's syncer thread, on a connection of its own, while
     * other connections write. NULL when commits are durable by themselves. */
    int (*sync_log)(void *conn);
};

extern const struct db_driver db_sqlite;
extern const struct db_driver db_pg;

#endif
