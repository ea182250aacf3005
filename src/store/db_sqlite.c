/*
 * The SQLite driver: one connection per store handle, WAL mode, foreign keys
 * on, synchronous=FULL so a commit is on disk before it returns (under group
 * commit the store turns that to NORMAL and fsyncs the log itself through
 * sq_sync_log, once for many commits). Statements
 * are prepared once per connection and cached by the address of their SQL.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "store/db.h"

/* statements per connection: the code has about 230 distinct SQL strings;
 * a full cache fails every new statement, so keep it well above that */
#define STMT_CACHE 1024

struct sq {
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[STMT_CACHE];
};

static int sq_err(sqlite3 *db, int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return WG_ECONFLICT;
    case SQLITE_FULL:
    case SQLITE_IOERR: /* a full disk may surface as an I/O error on some paths */
        return WG_EFULL;
    default:
        log_error("sqlite %d: %s", sqlite3_extended_errcode(db), sqlite3_errmsg(db));
        return WG_EDB;
    }
}

/* Before the first connection: no global memory statistics, whose mutex
 * every SQLite allocation of every thread would otherwise take. */
static void sq_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(const char *url, void **conn, char *err, size_t errlen)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sq_configure);
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    struct sq *q = calloc(1, sizeof *q);
    if (q == NULL)
        return WG_EDB;
    int rc = sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(q->db, 5000);
        rc = sqlite3_exec(q->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                                 "PRAGMA temp_store=MEMORY;", NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path, q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
        sqlite3_close(q->db);
        free(q);
        return WG_EDB;
    }
    *conn = q;
    return 0;
}

static void sq_close(void *conn)
{
    struct sq *q = conn;
    if (q == NULL)
        return;
    for (size_t i = 0; i < STMT_CACHE; i++)
        if (q->cache[i].st)
            sqlite3_finalize(q->cache[i].st);
    sqlite3_close(q->db);
    free(q);
}

/* The statement's length without a trailing row claim: PostgreSQL's
 * "FOR UPDATE SKIP LOCKED" means nothing to SQLite, whose writers are
 * serialised (see db.h). */
static int sq_length(const char *sql)
{
    static const char claim[] = " FOR UPDATE SKIP LOCKED";
    size_t n = strlen(sql), k = sizeof claim - 1;
    return (int)(n >= k && strcmp(sql + n - k, claim) == 0 ? n - k : n);
}

static void *sq_prep(void *conn, const char *sql)
{
    struct sq *q = conn;
    size_t h = ((uintptr_t)sql >> 4) % STMT_CACHE;
    for (size_t i = 0; i < STMT_CACHE; i++) {
        size_t k = (h + i) % STMT_CACHE;
        if (q->cache[k].sql == sql) {
            sqlite3_reset(q->cache[k].st);
            sqlite3_clear_bindings(q->cache[k].st);
            return q->cache[k].st;
        }
        if (q->cache[k].sql == NULL) {
            sqlite3_stmt *st = NULL;
            if (sqlite3_prepare_v3(q->db, sql, sq_length(sql), SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
                log_error("sqlite: prepare failed: %s in: %s", sqlite3_errmsg(q->db), sql);
                return NULL;
            }
            q->cache[k].sql = sql;
            q->cache[k].st = st;
            return st;
        }
    }
    log_error("sqlite: statement cache full");
    return NULL;
}

static void sq_bind_int(void *st, int i, int64_t v) { sqlite3_bind_int64(st, i, v); }
static void sq_bind_null(void *st, int i) { sqlite3_bind_null(st, i); }
static void sq_bind_text(void *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}
static void sq_bind_blob(void *st, int i, const void *p, size_t n) { sqlite3_bind_blob(st, i, p, (int)n, SQLITE_STATIC); }

static int sq_step(void *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return sq_err(sqlite3_db_handle(st), rc);
}

static int64_t sq_col_int(void *st, int i) { return sqlite3_column_int64(st, i); }
static const char *sq_col_text(void *st, int i, size_t *len)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    *len = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return (const char *)t;
}
static const void *sq_col_blob(void *st, int i, size_t *len)
{
    const void *b = sqlite3_column_blob(st, i);
    *len = (size_t)sqlite3_column_bytes(st, i);
    return b != NULL || sqlite3_column_type(st, i) != SQLITE_NULL ? (b ? b : "") : NULL;
}
static void sq_reset(void *st) { sqlite3_reset(st); }
static int sq_changes(void *conn) { return sqlite3_changes(((struct sq *)conn)->db); }
static const char *sq_errmsg(void *conn) { return sqlite3_errmsg(((struct sq *)conn)->db); }

static int sq_exec(void *conn, const char *script)
{
    struct sq *q = conn;
    int rc = sqlite3_exec(q->db, script, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sq_err(q->db, rc);
}

static int sq_schema_version(void *conn, int *v)
{
    void *st = sq_prep(conn, "PRAGMA user_version");
    if (st == NULL || sq_step(st) != DB_ROW)
        return WG_EDB;
    *v = (int)sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return 0;
}

static int sq_check_integrity(void *conn, char *msg, size_t msglen)
{
    void *st = sq_prep(conn, "PRAGMA integrity_check");
    int ok = 0;
    if (st != NULL && sq_step(st) == DB_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        ok = t && strcmp((const char *)t, "ok") == 0;
        snprintf(msg, msglen, "%s", t ? (const char *)t : "?");
    }
    if (st)
        sqlite3_reset(st);
    return ok ? 0 : WG_EDB;
}

/* Copies all pages of src into dst with the online backup API. */
static int sq_copy(sqlite3 *src, sqlite3 *dst, char *msg, size_t msglen)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (b == NULL) {
        snprintf(msg, msglen, "backup: %s", sqlite3_errmsg(dst));
        return WG_EDB;
    }
    int rc;
    /* 256 pages at a time, so writers of the live database are not held
     * up for the whole copy; a page changed meanwhile restarts the copy */
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(rc == SQLITE_OK ? 0 : 5);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        snprintf(msg, msglen, "backup: %s", sqlite3_errstr(rc));
        return (rc & 0xff) == SQLITE_FULL ? WG_EFULL : WG_EDB;
    }
    return 0;
}

static int sq_open_new(const char *path, sqlite3 **db, char *msg, size_t msglen)
{
    if (access(path, F_OK) == 0) {
        snprintf(msg, msglen, "%s exists already: choose a new file", path);
        return WG_ECONFLICT;
    }
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(msg, msglen, "cannot create %s: %s", path, *db ? sqlite3_errmsg(*db) : "?");
        sqlite3_close(*db);
        return WG_EDB;
    }
    return 0;
}

static int sq_backup(void *conn, const char *dest, char *msg, size_t msglen)
{
    sqlite3 *dst = NULL;
    int rc = sq_open_new(dest, &dst, msg, msglen);
    if (rc)
        return rc;
    rc = sq_copy(((struct sq *)conn)->db, dst, msg, msglen);
    sqlite3_close(dst);
    if (rc)
        unlink(dest);
    return rc;
}

static int sq_restore(const char *url, const char *src, char *msg, size_t msglen)
{
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    sqlite3 *from = NULL, *to = NULL;
    if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(msg, msglen, "cannot open the backup %s: %s", src, from ? sqlite3_errmsg(from) : "?");
        sqlite3_close(from);
        return WG_EINVAL;
    }
    int rc = sq_open_new(path, &to, msg, msglen);
    if (rc == 0) {
        rc = sq_copy(from, to, msg, msglen);
        if (rc == 0)
            rc = sqlite3_exec(to, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) == SQLITE_OK ? 0 : WG_EDB;
        sqlite3_close(to);
        if (rc)
            unlink(path);
    }
    sqlite3_close(from);
    return rc;
}

/* The log file of this connection, opened by a first read if need be. */
static sqlite3_file *sq_log_file(struct sq *q)
{
    sqlite3_file *f = NULL;
    for (int tries = 0; tries < 2; tries++) {
        if (sqlite3_file_control(q->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) == SQLITE_OK && f != NULL &&
            f->pMethods != NULL)
            return f;
        /* a read transaction opens the write-ahead log */
        sqlite3_exec(q->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    }
    return NULL;
}

/* fsync of the -wal file: fsync covers the file, not the descriptor, so
 * this connection's descriptor makes durable what any connection wrote
 * (the log file is never replaced while connections are open). */
static int sq_sync_log(void *conn)
{
    struct sq *q = conn;
    sqlite3_file *f = sq_log_file(q);
    if (f == NULL) {
        log_error("sqlite: the write-ahead log is not open");
        return WG_EDB;
    }
    int rc = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
    if (rc != SQLITE_OK) {
        log_error("sqlite: log fsync failed: %s", sqlite3_errstr(rc));
        return WG_EDB;
    }
    return 0;
}

const struct db_driver db_sqlite = {
    .name = "sqlite",
    .migrations = "sqlite",
    .begin_sql = "BEGIN IMMEDIATE",
    .serialize_writers = 1,
    .snapshot_reads = 1,
    .open = sq_open,
    .close = sq_close,
    .prep = sq_prep,
    .bind_int = sq_bind_int,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .reset = sq_reset,
    .changes = sq_changes,
    .exec = sq_exec,
    .errmsg = sq_errmsg,
    .schema_version = sq_schema_version,
    .check_integrity = sq_check_integrity,
    .backup = sq_backup,
    .restore = sq_restore,
    .sync_log = sq_sync_log,
};
