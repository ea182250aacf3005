/*
 * The PostgreSQL driver (libpq). One connection per store handle; statements
 * are prepared once per connection (PQprepare) and cached by the address of
 * their SQL, whose ?N placeholders become $N. Commits are durable when they
 * return: the session runs with synchronous_commit=on. When the server goes
 * away (a restart), the next statement outside a transaction reconnects and
 * runs again; inside a transaction the error is returned and the caller's
 * transaction fails as a whole.
 */
#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/err.h"
#include "core/log.h"
#include "store/db.h"

/* statements per connection: the code has about 230 distinct SQL strings;
 * a full cache fails every new statement, so keep it well above that */
#define STMT_CACHE 1024
#define MAX_PARAMS 32

struct pg;

struct pgstmt {
    struct pg *pg;
    const char *sql;
    char name[16];
    unsigned gen; /* connection generation it was prepared on (0: never) */
    int nparams;
    const char *values[MAX_PARAMS];
    int lengths[MAX_PARAMS];
    int formats[MAX_PARAMS];
    char ints[MAX_PARAMS][24];
    PGresult *res;
    int row, nrows, executed;
};

struct pg {
    PGconn *conn;
    char *url;
    unsigned gen;
    int in_tx;
    int changes;
    char err[256];
    struct pgstmt cache[STMT_CACHE];
};

static int pg_session_setup(struct pg *p)
{
    PGresult *r = PQexec(p->conn, "SET synchronous_commit = on; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? 0 : WG_EDB;
}

static int pg_open(const char *url, void **conn, char *err, size_t errlen)
{
    struct pg *p = calloc(1, sizeof *p);
    if (p == NULL)
        return WG_EDB;
    p->conn = PQconnectdb(url);
    if (PQstatus(p->conn) != CONNECTION_OK || pg_session_setup(p) != 0) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(p->conn));
        PQfinish(p->conn);
        free(p);
        return WG_EDB;
    }
    p->gen = 1;
    p->url = strdup(url);
    *conn = p;
    return 0;
}

static void pg_close(void *conn)
{
    struct pg *p = conn;
    if (p == NULL)
        return;
    for (size_t i = 0; i < STMT_CACHE; i++)
        PQclear(p->cache[i].res);
    PQfinish(p->conn);
    free(p->url);
    free(p);
}

/* After the server went away: a new connection, on which every statement
 * must be prepared again. 0 when connected. */
static int pg_reconnect(struct pg *p)
{
    PQreset(p->conn);
    if (PQstatus(p->conn) != CONNECTION_OK || pg_session_setup(p) != 0) {
        log_error("postgresql: reconnect failed: %s", PQerrorMessage(p->conn));
        return WG_EDB;
    }
    log_info("postgresql: reconnected");
    p->gen++;
    p->in_tx = 0;
    return 0;
}

/* ?N -> $N; returns the highest N. */
static int rewrite(const char *sql, char *out, size_t cap)
{
    size_t j = 0;
    int maxp = 0;
    for (const char *c = sql; *c && j + 2 < cap; c++) {
        if (*c == '?' && c[1] >= '0' && c[1] <= '9') {
            out[j++] = '$';
            int n = (int)strtol(c + 1, NULL, 10);
            if (n > maxp)
                maxp = n;
            continue;
        }
        out[j++] = *c;
    }
    out[j] = '\0';
    return maxp;
}

static int pg_prepare(struct pgstmt *st)
{
    char sql[4096];
    st->nparams = rewrite(st->sql, sql, sizeof sql);
    if (st->nparams > MAX_PARAMS)
        return WG_EDB;
    PGresult *r = PQprepare(st->pg->conn, st->name, sql, st->nparams, NULL);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        log_error("postgresql: prepare failed: %s in: %s", PQresultErrorMessage(r), sql);
    PQclear(r);
    if (ok)
        st->gen = st->pg->gen;
    return ok ? 0 : WG_EDB;
}

static void stmt_clear(struct pgstmt *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->executed = 0;
    st->row = -1;
    st->nrows = 0;
    for (int i = 0; i < MAX_PARAMS; i++) {
        st->values[i] = NULL;
        st->lengths[i] = 0;
        st->formats[i] = 0;
    }
}

static void *pg_prep(void *conn, const char *sql)
{
    struct pg *p = conn;
    size_t h = ((uintptr_t)sql >> 4) % STMT_CACHE;
    for (size_t i = 0; i < STMT_CACHE; i++) {
        struct pgstmt *st = &p->cache[(h + i) % STMT_CACHE];
        if (st->sql != NULL && st->sql != sql)
            continue;
        if (st->sql == NULL) {
            st->pg = p;
            st->sql = sql;
            snprintf(st->name, sizeof st->name, "q%zu", (h + i) % STMT_CACHE);
        }
        stmt_clear(st);
        if (st->gen != p->gen && pg_prepare(st) != 0) {
            if (PQstatus(p->conn) == CONNECTION_OK || p->in_tx || pg_reconnect(p) != 0 || pg_prepare(st) != 0)
                return NULL;
        }
        return st;
    }
    log_error("postgresql: statement cache full");
    return NULL;
}

static void pg_bind_int(void *s, int i, int64_t v)
{
    struct pgstmt *st = s;
    if (i < 1 || i > MAX_PARAMS)
        return;
    snprintf(st->ints[i - 1], sizeof st->ints[i - 1], "%lld", (long long)v);
    st->values[i - 1] = st->ints[i - 1];
    st->formats[i - 1] = 0;
}

static void pg_bind_text(void *s, int i, const char *v)
{
    struct pgstmt *st = s;
    if (i < 1 || i > MAX_PARAMS)
        return;
    st->values[i - 1] = v;
    st->formats[i - 1] = 0;
}

static void pg_bind_null(void *s, int i)
{
    pg_bind_text(s, i, NULL);
}

static void pg_bind_blob(void *s, int i, const void *v, size_t n)
{
    struct pgstmt *st = s;
    if (i < 1 || i > MAX_PARAMS)
        return;
    st->values[i - 1] = v;
    st->lengths[i - 1] = (int)n;
    st->formats[i - 1] = 1; /* binary: bytea as raw bytes */
}

static int pg_err(struct pg *p, PGresult *r)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    snprintf(p->err, sizeof p->err, "%s", r ? PQresultErrorMessage(r) : PQerrorMessage(p->conn));
    /* a constraint (23xxx), a serialization failure (40001) or a deadlock
     * (40P01): the state changed under us, the transaction is rolled back */
    if (state && (strncmp(state, "23", 2) == 0 || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
        return WG_ECONFLICT;
    if (state && (strcmp(state, "53100") == 0 || strcmp(state, "53200") == 0))
        return WG_EFULL;
    log_error("postgresql %s: %s", state ? state : "-", p->err);
    return WG_EDB;
}

static PGresult *exec_prepared(struct pgstmt *st)
{
    return PQexecPrepared(st->pg->conn, st->name, st->nparams, st->values, st->lengths, st->formats, 0);
}

static int pg_step(void *s)
{
    struct pgstmt *st = s;
    struct pg *p = st->pg;
    if (!st->executed) {
        st->res = exec_prepared(st);
        ExecStatusType status = PQresultStatus(st->res);
        if ((status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR) && PQstatus(p->conn) != CONNECTION_OK &&
            !p->in_tx && pg_reconnect(p) == 0 && pg_prepare(st) == 0) {
            /* the server restarted between two statements: run it again */
            PQclear(st->res);
            st->res = exec_prepared(st);
            status = PQresultStatus(st->res);
        }
        st->executed = 1;
        if (status == PGRES_COMMAND_OK) {
            p->changes = (int)strtol(PQcmdTuples(st->res), NULL, 10);
            return DB_DONE;
        }
        if (status != PGRES_TUPLES_OK)
            return pg_err(p, st->res);
        p->changes = (int)strtol(PQcmdTuples(st->res), NULL, 10);
        st->nrows = PQntuples(st->res);
        st->row = -1;
    }
    if (st->res == NULL)
        return DB_DONE;
    return ++st->row < st->nrows ? DB_ROW : DB_DONE;
}

static int64_t pg_col_int(void *s, int i)
{
    struct pgstmt *st = s;
    if (st->res == NULL || st->row < 0 || st->row >= st->nrows || PQgetisnull(st->res, st->row, i))
        return 0;
    return strtoll(PQgetvalue(st->res, st->row, i), NULL, 10);
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static const char *pg_col_text(void *s, int i, size_t *len)
{
    struct pgstmt *st = s;
    *len = 0;
    if (st->res == NULL || st->row < 0 || st->row >= st->nrows || PQgetisnull(st->res, st->row, i))
        return NULL;
    *len = (size_t)PQgetlength(st->res, st->row, i);
    return PQgetvalue(st->res, st->row, i);
}

/* Results come in text format, where bytea is "\\x" and two hex digits a
 * byte: decoded in place into the result's own memory (it only shrinks). */
static const void *pg_col_blob(void *s, int i, size_t *len)
{
    struct pgstmt *st = s;
    *len = 0;
    if (st->res == NULL || st->row < 0 || st->row >= st->nrows || PQgetisnull(st->res, st->row, i))
        return NULL;
    char *v = PQgetvalue(st->res, st->row, i);
    size_t n = (size_t)PQgetlength(st->res, st->row, i);
    if (n < 2 || v[0] != '\\' || v[1] != 'x' || n % 2 != 0)
        return NULL;
    unsigned char *out = (unsigned char *)v;
    size_t k = 0;
    for (size_t j = 2; j + 1 < n; j += 2) {
        int hi = hexval(v[j]), lo = hexval(v[j + 1]);
        if (hi < 0 || lo < 0)
            return NULL;
        out[k++] = (unsigned char)(hi << 4 | lo);
    }
    *len = k;
    return out;
}

static void pg_reset(void *s)
{
    stmt_clear(s);
}

static int pg_changes(void *conn)
{
    return ((struct pg *)conn)->changes;
}

static const char *pg_errmsg(void *conn)
{
    return ((struct pg *)conn)->err;
}

static int pg_exec(void *conn, const char *script)
{
    struct pg *p = conn;
    int begins = strncmp(script, "BEGIN", 5) == 0;
    PGresult *r = PQexec(p->conn, script);
    ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && PQstatus(p->conn) != CONNECTION_OK &&
        (begins || !p->in_tx) && pg_reconnect(p) == 0) {
        PQclear(r);
        r = PQexec(p->conn, script);
        status = PQresultStatus(r);
    }
    int rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? 0 : pg_err(p, r);
    PQclear(r);
    if (rc == 0 && begins)
        p->in_tx = 1;
    else if (strncmp(script, "COMMIT", 6) == 0 || strncmp(script, "ROLLBACK", 8) == 0)
        p->in_tx = 0;
    return rc;
}

static int pg_query_int(struct pg *p, const char *sql, int *v)
{
    PGresult *r = PQexec(p->conn, sql);
    int rc = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? 0 : pg_err(p, r);
    if (rc == 0)
        *v = PQgetisnull(r, 0, 0) ? 0 : (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return rc;
}

/* "16/B374D848" -> a number that orders like the position */
static uint64_t parse_lsn(const char *s)
{
    char *end;
    uint64_t hi = strtoull(s, &end, 16);
    if (*end != '/')
        return 0;
    return hi << 32 | strtoull(end + 1, NULL, 16);
}

static int pg_wal_position(void *conn, int replica, uint64_t *lsn)
{
    struct pg *p = conn;
    PGresult *r = PQexec(p->conn, replica ? "SELECT pg_last_wal_replay_lsn()" : "SELECT pg_current_wal_lsn()");
    int rc = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) ? 0 : WG_EDB;
    if (rc == 0)
        *lsn = parse_lsn(PQgetvalue(r, 0, 0));
    else if (PQstatus(p->conn) != CONNECTION_OK)
        pg_reconnect(p);
    PQclear(r);
    return rc;
}

/* Called inside the migration transaction: the advisory lock makes servers
 * that start together migrate one after the other. A database from before
 * modules kept its one version in wg_schema. */
static int pg_schema_version(void *conn, int *v)
{
    struct pg *p = conn;
    int has = 0, rc = pg_exec(p, "SELECT pg_advisory_xact_lock(727272)");
    if (rc == 0)
        rc = pg_query_int(p, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                             "AND tablename = 'wg_schema'", &has);
    *v = 0;
    return rc || !has ? rc : pg_query_int(p, "SELECT max(version) FROM wg_schema", v);
}

/* Every row of every table of the schema is readable: one count(*) per
 * table, in one statement (the tables are whatever the owners made). */
static int pg_check_integrity(void *conn, char *msg, size_t msglen)
{
    struct pg *p = conn;
    PGresult *r = PQexec(p->conn, "SELECT string_agg(format('(SELECT count(*) FROM %I)', tablename), ' + ') "
                                  "FROM pg_tables WHERE schemaname = current_schema()");
    int n = 0, rc = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) ? 0
                                                                                                        : pg_err(p, r);
    char *sql = NULL;
    if (rc == 0 && asprintf(&sql, "SELECT %s", PQgetvalue(r, 0, 0)) < 0) {
        sql = NULL;
        rc = WG_EDB;
    }
    PQclear(r);
    if (rc == 0)
        rc = pg_query_int(p, sql, &n);
    free(sql);
    snprintf(msg, msglen, rc ? "%s" : "ok", p->err);
    return rc;
}

extern char **environ;

/* Runs a PostgreSQL client program and waits for it; 0 when it exits 0. */
static int run_tool(char *const argv[], char *msg, size_t msglen)
{
    pid_t pid;
    if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ) != 0) {
        snprintf(msg, msglen, "cannot run %s (is postgresql-client installed?)", argv[0]);
        return WG_EDB;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        ;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(msg, msglen, "%s failed (exit %d); see its messages above", argv[0],
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return WG_EDB;
    }
    return 0;
}

/* pg_dump takes a consistent snapshot while the database stays in use. */
static int pg_backup(void *conn, const char *dest, char *msg, size_t msglen)
{
    struct pg *p = conn;
    struct stat st;
    if (stat(dest, &st) == 0) {
        snprintf(msg, msglen, "%s exists already: choose a new file", dest);
        return WG_ECONFLICT;
    }
    char *argv[] = {"pg_dump", "--format=custom", "--no-owner", "--file", (char *)dest, "--dbname", p->url, NULL};
    int rc = run_tool(argv, msg, msglen);
    if (rc)
        unlink(dest);
    return rc;
}

static int pg_restore(const char *url, const char *src, char *msg, size_t msglen)
{
    char *argv[] = {"pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                    "--dbname", (char *)url, (char *)src, NULL};
    return run_tool(argv, msg, msglen);
}

const struct db_driver db_pg = {
    .name = "postgresql",
    .migrations = "pg",
    .begin_sql = "BEGIN",
    /* a generic plan cached while a table was small keeps scanning it as
     * the transaction fills it (50,000 households: an apply of minutes) */
    .bulk_sql = "SET LOCAL plan_cache_mode = force_custom_plan",
    .serialize_writers = 0,
    .open = pg_open,
    .close = pg_close,
    .prep = pg_prep,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .reset = pg_reset,
    .changes = pg_changes,
    .exec = pg_exec,
    .errmsg = pg_errmsg,
    .schema_version = pg_schema_version,
    .check_integrity = pg_check_integrity,
    .backup = pg_backup,
    .restore = pg_restore,
    .wal_position = pg_wal_position,
};
