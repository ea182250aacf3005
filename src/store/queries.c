/*
 * The store's queries, written once for both engines (see store/db.h for the
 * SQL conventions). The engine is chosen by the URL given to store_open():
 * "sqlite:PATH" (or a bare path) or "postgresql://...".
 *
 * Writes run between store_begin() and store_commit(). With SQLite a
 * process-wide mutex plus BEGIN IMMEDIATE serialises writers while readers go
 * on (WAL); PostgreSQL does its own concurrency control, so several processes
 * can write at once. Without group commit a commit is durable when it returns
 * (synchronous=FULL; synchronous_commit=on). With SQLite group commit
 * (store_group_commit_start, the server) a commit returns once its frames
 * are in the log, and the syncer thread makes every commit so far durable
 * with one fsync; see store.h for the ticket protocol.
 */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/embed.h"
#include "core/err.h"
#include "core/log.h"
#include "store/db.h"
#include "store/q_internal.h"
#include "store/store.h"

struct replica {
    void *conn;
    uint64_t replayed;   /* last known replay position */
    uint64_t checked_ns; /* when it was last asked */
    uint64_t down_until; /* after a failure: not used before this time */
};

struct store {
    const struct db_driver *drv;
    void *conn;          /* the primary */
    struct replica rep[STORE_MAX_REPLICAS];
    int nrep, next_rep;
    uint64_t floor;      /* reads must see at least this position */
    uint64_t write_pos;  /* position after the latest commit, until taken */
    uint64_t replica_reads, primary_reads;
    uint64_t ns;
    int in_tx;
    int reading;         /* a read snapshot (store_read_begin) is open */
    int wrote;           /* this transaction changed something */
    int group;           /* opened under group commit: commits wait for the syncer */
    char err[256];
};

static pthread_mutex_t g_write_lock = PTHREAD_MUTEX_INITIALIZER;

/* Group commit (SQLite). Commits of group handles are numbered under the
 * writer lock: `begun` counts commits that have started (taken before
 * COMMIT, so whoever can see a commit's rows sees its number), `written`
 * the ones whose COMMIT has returned (their frames are in the log file).
 * The syncer fsyncs the log and then declares everything up to the
 * `written` it read before the fsync durable. */
static struct {
    atomic_int on;
    atomic_uint_fast64_t begun, written, durable;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, started;
    pthread_t tid;
    store *s; /* the syncer's own handle: its log file is the one fsynced */
    void (*on_durable)(uint64_t ticket, void *ud);
    void *ud;
} g_gc = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int fail(store *s, int rc)
{
    snprintf(s->err, sizeof s->err, "%s: %s", s->drv->name, s->drv->errmsg(s->conn));
    return rc;
}

const char *store_last_error(const store *s)
{
    return s->err;
}

uint64_t store_time_ns(const store *s)
{
    return s->ns;
}

const char *store_engine(const store *s)
{
    return s->drv->name;
}

/* A replica that has replayed past the read floor, or NULL. A replica
 * behind the floor is asked again at most every millisecond. */
static void *replica_for_read(store *s)
{
    uint64_t now = now_ns();
    for (int k = 0; k < s->nrep; k++) {
        struct replica *r = &s->rep[(s->next_rep + k) % s->nrep];
        if (r->down_until > now)
            continue;
        if (r->replayed < s->floor && now - r->checked_ns > 1000000) {
            uint64_t lsn = 0;
            r->checked_ns = now;
            if (s->drv->wal_position(r->conn, 1, &lsn) != 0) {
                r->down_until = now + 1000000000ull;
                continue;
            }
            r->replayed = lsn;
        }
        if (r->replayed >= s->floor) {
            s->next_rep = (s->next_rep + k + 1) % s->nrep;
            return r->conn;
        }
    }
    return NULL;
}

void *q_prep(store *s, const char *sql)
{
    void *conn = s->conn;
    if (strncmp(sql, "SELECT", 6) == 0) {
        void *rc = s->nrep && !s->in_tx ? replica_for_read(s) : NULL;
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
        fail(s, WG_EDB);
    return st;
}

/* Binds by a format: i = int64, I = int64 with 0 as NULL, s = text or NULL,
 * b = 32-byte blob, B = blob of any length (pointer, then size_t). */
void q_bind(store *s, void *st, const char *fmt, ...)
{
    const struct db_driver *d = s->drv;
    va_list ap;
    va_start(ap, fmt);
    for (int i = 1; *fmt; fmt++, i++) {
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
    va_end(ap);
}

/* One step, timed: DB_ROW, DB_DONE or an error code. */
int q_step(store *s, void *st)
{
    uint64_t t0 = now_ns();
    int rc = s->drv->step(st);
    s->ns += now_ns() - t0;
    if (rc < 0)
        fail(s, rc);
    return rc;
}

/* Runs a statement that returns no rows. */
int q_exec_stmt(store *s, void *st)
{
    int rc = q_step(s, st);
    s->drv->reset(st);
    return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

const char *q_col_str(arena *a, store *s, void *st, int i)
{
    size_t n;
    const char *t = s->drv->col_text(st, i, &n);
    return t ? arena_strndup(a, t, n) : NULL;
}

const void *q_col_blob(arena *a, store *s, void *st, int i, size_t *len)
{
    const void *b = s->drv->col_blob(st, i, len);
    if (b == NULL)
        return NULL;
    void *copy = arena_alloc(a, *len ? *len : 1);
    memcpy(copy, b, *len);
    return copy;
}

int64_t q_col_int(store *s, void *st, int i)
{
    return s->drv->col_int(st, i);
}

int q_changes(store *s)
{
    return s->drv->changes(s->conn);
}

/* Collects rows into an arena array; read() converts one row. */
int q_collect(store *s, arena *a, void *st, size_t item_size, int cap, row_fn read, void **out, int *n)
{
    int count = 0, alloc = 8, rc;
    char *items = arena_alloc(a, item_size * (size_t)alloc);
    while ((rc = q_step(s, st)) == DB_ROW) {
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

/* Reads exactly one row; ENOTFOUND when there is none. */
int q_one(store *s, arena *a, void *st, row_fn read, void *item)
{
    int rc = q_step(s, st);
    if (rc == DB_ROW)
        read(a, s, st, item);
    s->drv->reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? WG_ENOTFOUND : rc;
}

/* Runs an INSERT ... RETURNING id; sets *id. */
int q_insert_id(store *s, void *st, int64_t *id)
{
    int rc = q_step(s, st);
    if (rc == DB_ROW)
        *id = s->drv->col_int(st, 0);
    s->drv->reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? WG_EDB : rc;
}

int q_count_query(store *s, void *st, int *n)
{
    int rc = q_step(s, st);
    if (rc == DB_ROW)
        *n = (int)s->drv->col_int(st, 0);
    s->drv->reset(st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? WG_EDB : rc;
}

int q_count_id(store *s, const char *sql, int64_t id, int *n)
{
    void *st = q_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_count_query(s, st, n);
}

static int exec_sql(store *s, const char *sql)
{
    uint64_t t0 = now_ns();
    int rc = s->drv->exec(s->conn, sql);
    s->ns += now_ns() - t0;
    return rc ? fail(s, rc) : 0;
}

/* BEGIN, COMMIT and ROLLBACK: from the connection's statement cache on
 * SQLite (sqlite3_exec would parse them again for every request), a plain
 * exec elsewhere. Not through q_prep: they write no rows of their own. */
static int tx_sql(store *s, const char *sql)
{
    if (!s->drv->snapshot_reads)
        return exec_sql(s, sql);
    void *st = s->drv->prep(s->conn, sql);
    if (st == NULL)
        return fail(s, WG_EDB);
    uint64_t t0 = now_ns();
    int rc = s->drv->step(st);
    s->drv->reset(st);
    s->ns += now_ns() - t0;
    return rc == DB_DONE || rc == DB_ROW ? 0 : fail(s, rc < 0 ? rc : WG_EDB);
}

/* ---- open, migrate, transactions ---- */

static const struct db_driver *driver_for(const char *url);

int store_open(const char *url, store **out)
{
    const struct db_driver *d = driver_for(url);
    store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return WG_EDB;
    s->drv = d;
    int rc = d->open(url, &s->conn, s->err, sizeof s->err);
    if (rc) {
        log_error("store: %s", s->err);
        free(s);
        return rc;
    }
    if (d->sync_log != NULL && atomic_load(&g_gc.on)) {
        /* commits reach the log without an fsync; the syncer makes them
         * durable before anyone is told (see store_durable_ticket) */
        if ((rc = exec_sql(s, "PRAGMA synchronous=NORMAL"))) {
            log_error("store: %s", s->err);
            store_close(s);
            return rc;
        }
        s->group = 1;
    }
    *out = s;
    return 0;
}

int store_open_replicated(const char *url, const char *const *replicas, int nreplicas, store **out)
{
    int rc = store_open(url, out);
    if (rc || nreplicas == 0)
        return rc;
    store *s = *out;
    if (s->drv->wal_position == NULL || nreplicas > STORE_MAX_REPLICAS) {
        log_error("store: read replicas need PostgreSQL (at most %d)", STORE_MAX_REPLICAS);
        store_close(s);
        return WG_EINVAL;
    }
    for (int i = 0; i < nreplicas; i++) {
        if (driver_for(replicas[i]) != s->drv ||
            (rc = s->drv->open(replicas[i], &s->rep[i].conn, s->err, sizeof s->err)) != 0) {
            log_error("store: replica %d: %s", i + 1, s->err);
            store_close(s);
            return rc ? rc : WG_EINVAL;
        }
        s->nrep++;
    }
    return 0;
}

void store_set_read_floor(store *s, uint64_t lsn)
{
    s->floor = lsn;
}

uint64_t store_take_write_position(store *s)
{
    uint64_t p = s->write_pos;
    s->write_pos = 0;
    return p;
}

void store_read_counts(const store *s, uint64_t *replica, uint64_t *primary)
{
    *replica = s->replica_reads;
    *primary = s->primary_reads;
}

void store_close(store *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->nrep; i++)
        s->drv->close(s->rep[i].conn);
    s->drv->close(s->conn);
    free(s);
}

int store_schema_version(store *s, int *version)
{
    return s->drv->schema_version(s->conn, version);
}

static int cmp_embed(const void *x, const void *y)
{
    return strcmp((*(const struct embed_file *const *)x)->name, (*(const struct embed_file *const *)y)->name);
}

int store_migrate(store *s, int *applied)
{
    const struct embed_file *files[64];
    size_t nf = 0, plen = strlen(s->drv->migrations);
    for (size_t i = 0; i < embed_count && nf < 64; i++)
        if (strncmp(embed_files[i].name, s->drv->migrations, plen) == 0)
            files[nf++] = &embed_files[i];
    qsort(files, nf, sizeof files[0], cmp_embed);
    int version = 0, done = 0, rc;
    if ((rc = store_begin(s)))
        return rc;
    rc = store_schema_version(s, &version);
    for (size_t i = 0; rc == 0 && i < nf; i++) {
        long v = strtol(files[i]->name + plen, NULL, 10);
        if (v <= version)
            continue;
        /* embedded files end with a NUL, so the text is a C string */
        rc = exec_sql(s, (const char *)files[i]->data);
        if (rc) {
            log_error("store: migration %s failed: %s", files[i]->name, s->err);
            break;
        }
        rc = s->drv->set_schema_version(s->conn, (int)v);
        done++;
    }
    rc = store_end(s, rc);
    if (applied)
        *applied = rc == 0 ? done : 0;
    return rc;
}

int store_exec_script(store *s, const char *script)
{
    return exec_sql(s, script);
}

int store_backup(store *s, const char *dest)
{
    uint64_t t0 = now_ns();
    int rc = s->drv->backup(s->conn, dest, s->err, sizeof s->err);
    s->ns += now_ns() - t0;
    return rc;
}

static const struct db_driver *driver_for(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0 ? &db_pg : &db_sqlite;
}

int store_restore(const char *url, const char *src, char *msg, size_t msglen)
{
    int rc = driver_for(url)->restore(url, src, msg, msglen);
    if (rc)
        return rc;
    store *s;
    if ((rc = store_open(url, &s)))
        return rc;
    rc = store_check_integrity(s);
    if (rc)
        snprintf(msg, msglen, "restored, but the integrity check failed: %s", s->err);
    store_close(s);
    return rc;
}

int store_check_integrity(store *s)
{
    return s->drv->check_integrity(s->conn, s->err, sizeof s->err);
}

int store_lock_row(store *s, enum store_row row, int64_t id)
{
    /* PostgreSQL only: NO KEY, so rows that refer to it can still be written */
    static const char *const sql[] = {
        [STORE_ROW_PERSON] = "SELECT id FROM person WHERE id = ?1 FOR NO KEY UPDATE",
        [STORE_ROW_PLACE] = "SELECT id FROM place WHERE id = ?1 FOR NO KEY UPDATE",
        [STORE_ROW_MEETING] = "SELECT id FROM meeting WHERE id = ?1 FOR NO KEY UPDATE",
    };
    if (s->drv->serialize_writers)
        return 0;
    void *st = q_prep(s, sql[row]);
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_exec_stmt(s, st);
}

int store_read_begin(store *s)
{
    if (!s->drv->snapshot_reads || s->in_tx || s->reading)
        return 0;
    int rc = tx_sql(s, "BEGIN");
    s->reading = rc == 0;
    return rc;
}

void store_read_end(store *s)
{
    if (!s->reading)
        return;
    s->reading = 0;
    if (tx_sql(s, "COMMIT") != 0)
        tx_sql(s, "ROLLBACK");
}

int store_begin(store *s)
{
    store_read_end(s);
    if (s->drv->serialize_writers)
        pthread_mutex_lock(&g_write_lock);
    int rc = tx_sql(s, s->drv->begin_sql);
    if (rc) {
        if (s->drv->serialize_writers)
            pthread_mutex_unlock(&g_write_lock);
        return rc;
    }
    s->in_tx = 1;
    s->wrote = 0;
    return 0;
}

static void unlock_writers(store *s)
{
    s->in_tx = 0;
    if (s->drv->serialize_writers)
        pthread_mutex_unlock(&g_write_lock);
}

static void gc_wake_syncer(void);

int store_commit(store *s)
{
    uint64_t seq = 0;
    int numbered = s->group && s->in_tx;
    if (numbered) /* numbered before its rows become visible to others */
        seq = atomic_fetch_add(&g_gc.begun, 1) + 1;
    int rc = tx_sql(s, "COMMIT");
    if (rc)
        exec_sql(s, "ROLLBACK");
    if (numbered)
        atomic_store(&g_gc.written, seq); /* still under the writer lock: in order */
    unlock_writers(s);
    if (numbered)
        gc_wake_syncer();
    /* with replicas, remember where this commit ends in the log, so that the
     * writer's next reads wait for a replica that has it (or use the primary) */
    uint64_t pos = 0;
    if (rc == 0 && s->wrote && s->nrep && s->drv->wal_position(s->conn, 0, &pos) == 0 && pos > s->write_pos) {
        s->write_pos = pos;
        if (pos > s->floor) /* and so do the rest of this request's reads */
            s->floor = pos;
    }
    return rc;
}

void store_rollback(store *s)
{
    if (!s->in_tx)
        return;
    tx_sql(s, "ROLLBACK");
    unlock_writers(s);
}

int store_end(store *s, int rc)
{
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s);
}

/* ---- group commit (SQLite) ---- */

static void gc_wake_syncer(void)
{
    pthread_mutex_lock(&g_gc.mu);
    pthread_cond_signal(&g_gc.cv);
    pthread_mutex_unlock(&g_gc.mu);
}

static void *gc_syncer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&g_gc.mu);
    for (;;) {
        while (!g_gc.stop && atomic_load(&g_gc.written) == atomic_load(&g_gc.durable))
            pthread_cond_wait(&g_gc.cv, &g_gc.mu);
        if (g_gc.stop && atomic_load(&g_gc.written) == atomic_load(&g_gc.durable))
            break;
        pthread_mutex_unlock(&g_gc.mu);
        /* commits that end while the fsync runs wait for the next one: they
         * form the next group */
        uint64_t target = atomic_load(&g_gc.written);
        uint64_t t0 = now_ns();
        int rc = g_gc.s->drv->sync_log(g_gc.s->conn);
        g_gc.s->ns += now_ns() - t0;
        if (rc) {
            /* whether the log reached the disk is unknown, and a retried
             * fsync may lie (the page cache can drop the dirty pages): stop
             * at once, like PostgreSQL does; on restart SQLite recovers the
             * log, and no write that was waiting has been acknowledged */
            log_error("store: fsync of the SQLite log failed (%s): exiting", g_gc.s->drv->errmsg(g_gc.s->conn));
            _exit(70);
        }
        atomic_store(&g_gc.durable, target);
        g_gc.on_durable(target, g_gc.ud);
        pthread_mutex_lock(&g_gc.mu);
    }
    pthread_mutex_unlock(&g_gc.mu);
    return NULL;
}

int store_group_commit_start(const char *url, void (*on_durable)(uint64_t ticket, void *ud), void *ud)
{
    if (driver_for(url)->sync_log == NULL || g_gc.started)
        return 0; /* PostgreSQL: commits are durable when they return */
    int rc = store_open(url, &g_gc.s);
    if (rc)
        return rc;
    g_gc.on_durable = on_durable;
    g_gc.ud = ud;
    g_gc.stop = 0;
    atomic_store(&g_gc.on, 1);
    /* the syncer takes no signals: SIGTERM and SIGINT are for the thread
     * that waits for them (the server blocks them only later) */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int prc = pthread_create(&g_gc.tid, NULL, gc_syncer, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (prc != 0) {
        atomic_store(&g_gc.on, 0);
        store_close(g_gc.s);
        g_gc.s = NULL;
        return WG_EDB;
    }
    g_gc.started = 1;
    return 0;
}

void store_group_commit_stop(void)
{
    if (!g_gc.started)
        return;
    pthread_mutex_lock(&g_gc.mu);
    g_gc.stop = 1;
    pthread_cond_signal(&g_gc.cv);
    pthread_mutex_unlock(&g_gc.mu);
    pthread_join(g_gc.tid, NULL);
    atomic_store(&g_gc.on, 0);
    store_close(g_gc.s);
    g_gc.s = NULL;
    g_gc.started = 0;
}

uint64_t store_durable_ticket(void)
{
    uint64_t t = atomic_load(&g_gc.begun);
    return t > atomic_load(&g_gc.durable) ? t : 0;
}

/* ---- settings ---- */

static void read_str0(arena *a, store *s, void *st, void *item)
{
    *(const char **)item = q_col_str(a, s, st, 0);
}

int store_setting_get(store *s, arena *a, const char *key, const char **value)
{
    void *st = q_prep(s, "SELECT value FROM setting WHERE key = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "s", key);
    return q_one(s, a, st, read_str0, value);
}

int store_setting_set(store *s, const char *key, const char *value)
{
    void *st = q_prep(s, "INSERT INTO setting(key, value) VALUES (?1, ?2) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ss", key, value);
    return q_exec_stmt(s, st);
}

/* ---- places ---- */

#define PLACE_COLS "p.id, p.kind, p.parent_id, p.community_id, p.code, p.name, p.path, p.area_dm2, p.reg_key, p.created_at"

static void read_place(arena *a, store *s, void *st, void *item)
{
    struct st_place *p = item;
    p->id = q_col_int(s, st, 0);
    p->kind = q_col_str(a, s, st, 1);
    p->parent_id = q_col_int(s, st, 2);
    p->community_id = q_col_int(s, st, 3);
    p->code = q_col_str(a, s, st, 4);
    p->name = q_col_str(a, s, st, 5);
    p->path = q_col_str(a, s, st, 6);
    p->area_dm2 = q_col_int(s, st, 7);
    p->reg_key = q_col_str(a, s, st, 8);
    p->created_at = q_col_int(s, st, 9);
}

int store_place_get(store *s, arena *a, int64_t id, struct st_place *out)
{
    void *st = q_prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_one(s, a, st, read_place, out);
}

int store_place_insert(store *s, arena *a, struct st_place *p)
{
    struct st_place parent = {0};
    int rc;
    if (p->parent_id) {
        rc = store_place_get(s, a, p->parent_id, &parent);
        if (rc)
            return rc;
    }
    /* a community is its own community; below it, the parent's */
    int64_t community = strcmp(p->kind, "community") == 0 ? 0 : parent.community_id;
    void *st = q_prep(s, "INSERT INTO place(kind, parent_id, community_id, code, name, path, area_dm2, reg_key, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, 'tmp', ?6, ?7, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "sIIssIsi", p->kind, p->parent_id, community, p->code, p->name, p->area_dm2, p->reg_key, p->created_at);
    if ((rc = q_insert_id(s, st, &p->id)))
        return rc;
    if (strcmp(p->kind, "community") == 0)
        community = p->id;
    p->community_id = community;
    p->path = arena_printf(a, "%s%lld/", p->parent_id ? parent.path : "/", (long long)p->id);
    st = q_prep(s, "UPDATE place SET path = ?1, community_id = ?2 WHERE id = ?3");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "sIi", p->path, community, p->id);
    return q_exec_stmt(s, st);
}

int store_place_children(store *s, arena *a, int64_t parent_id, const char *kind,
                         int limit, int offset, struct st_place **out, int *n)
{
    void *st = q_prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.parent_id = ?1 "
                               "AND (CAST(?2 AS TEXT) IS NULL OR p.kind = ?2) ORDER BY p.code, p.id LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "isii", parent_id, kind, (int64_t)limit, (int64_t)offset);
    return q_collect(s, a, st, sizeof **out, limit, read_place, (void **)out, n);
}

int store_place_count_children(store *s, int64_t parent_id, const char *kind, int *n)
{
    void *st = q_prep(s, "SELECT count(*) FROM place WHERE parent_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR kind = ?2)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "is", parent_id, kind);
    return q_count_query(s, st, n);
}

/* ---- people ---- */

#define PERSON_COLS "pe.id, pe.phone, pe.name, pe.pw_hash, pe.community_id, pe.is_volunteer, pe.is_party_member, pe.created_at"

static void read_person(arena *a, store *s, void *st, void *item)
{
    struct st_person *p = item;
    p->id = q_col_int(s, st, 0);
    p->phone = q_col_str(a, s, st, 1);
    p->name = q_col_str(a, s, st, 2);
    p->pw_hash = q_col_str(a, s, st, 3);
    p->community_id = q_col_int(s, st, 4);
    p->is_volunteer = (int)q_col_int(s, st, 5);
    p->is_party_member = (int)q_col_int(s, st, 6);
    p->created_at = q_col_int(s, st, 7);
}

int store_person_insert(store *s, struct st_person *p)
{
    void *st = q_prep(s, "INSERT INTO person(phone, name, pw_hash, community_id, is_volunteer, is_party_member, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "sssIiii", p->phone, p->name, p->pw_hash, p->community_id, (int64_t)p->is_volunteer,
         (int64_t)p->is_party_member, p->created_at);
    return q_insert_id(s, st, &p->id);
}

int store_person_get(store *s, arena *a, int64_t id, struct st_person *out)
{
    void *st = q_prep(s, "SELECT " PERSON_COLS " FROM person pe WHERE pe.id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_one(s, a, st, read_person, out);
}

int store_person_by_phone(store *s, arena *a, const char *phone, struct st_person *out)
{
    void *st = q_prep(s, "SELECT " PERSON_COLS " FROM person pe WHERE pe.phone = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "s", phone);
    return q_one(s, a, st, read_person, out);
}

int store_person_list(store *s, arena *a, const char *path_prefix, int limit, int offset,
                      struct st_person **out, int *n)
{
    void *st = q_prep(s,
        "SELECT " PERSON_COLS " FROM person pe WHERE pe.id IN ("
        " SELECT r.person_id FROM role_assignment r JOIN place p ON p.id = r.place_id"
        "  WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1"
        " UNION SELECT c.person_id FROM household_claim c JOIN place p ON p.id = c.household_id"
        "  WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1)"
        " ORDER BY pe.name, pe.id LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "sii", path_prefix, (int64_t)limit, (int64_t)offset);
    return q_collect(s, a, st, sizeof **out, limit, read_person, (void **)out, n);
}

/* ---- roles ---- */

#define ROLE_COLS "r.id, r.person_id, r.role, r.place_id, p.kind, p.name, p.path, p.code, r.community_id, r.is_primary, pe.name"

static void read_role(arena *a, store *s, void *st, void *item)
{
    struct st_role *r = item;
    r->id = q_col_int(s, st, 0);
    r->person_id = q_col_int(s, st, 1);
    r->role = q_col_str(a, s, st, 2);
    r->place_id = q_col_int(s, st, 3);
    r->place_kind = q_col_str(a, s, st, 4);
    r->place_name = q_col_str(a, s, st, 5);
    r->place_path = q_col_str(a, s, st, 6);
    r->place_code = q_col_str(a, s, st, 7);
    r->community_id = q_col_int(s, st, 8);
    r->is_primary = (int)q_col_int(s, st, 9);
    r->person_name = q_col_str(a, s, st, 10);
}

int store_role_insert(store *s, struct st_role *r)
{
    /* the community comes from the place; a missing place fails the foreign key */
    void *st = q_prep(s, "INSERT INTO role_assignment(person_id, role, place_id, community_id, is_primary, created_at) "
                       "VALUES (?1, ?2, ?3, (SELECT community_id FROM place WHERE id = ?3), ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "isiii", r->person_id, r->role, r->place_id, (int64_t)r->is_primary, (int64_t)time(NULL));
    return q_insert_id(s, st, &r->id);
}

int store_roles_of(store *s, arena *a, int64_t person_id, struct st_role **out, int *n)
{
    void *st = q_prep(s, "SELECT " ROLE_COLS " FROM role_assignment r JOIN place p ON p.id = r.place_id "
                               "JOIN person pe ON pe.id = r.person_id WHERE r.person_id = ?1 ORDER BY r.id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", person_id);
    return q_collect(s, a, st, sizeof **out, 64, read_role, (void **)out, n);
}

int store_role_holders(store *s, arena *a, int64_t place_id, const char *role,
                       struct st_role **out, int *n)
{
    void *st = q_prep(s, "SELECT " ROLE_COLS " FROM role_assignment r JOIN place p ON p.id = r.place_id "
                               "JOIN person pe ON pe.id = r.person_id WHERE r.place_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR r.role = ?2) "
                               "ORDER BY r.is_primary DESC, r.id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "is", place_id, role);
    return q_collect(s, a, st, sizeof **out, 100, read_role, (void **)out, n);
}

/* ---- claims and members ---- */

#define CLAIM_COLS "c.id, c.person_id, pe.name, pe.phone, c.household_id, h.code, h.path, b.name, c.community_id, " \
                   "c.relation, c.status, c.reason, c.decided_by, c.decided_at, c.created_at"
#define CLAIM_FROM " FROM household_claim c JOIN person pe ON pe.id = c.person_id JOIN place h ON h.id = c.household_id " \
                   "LEFT JOIN place b ON b.id = h.parent_id "

static void read_claim(arena *a, store *s, void *st, void *item)
{
    struct st_claim *c = item;
    c->id = q_col_int(s, st, 0);
    c->person_id = q_col_int(s, st, 1);
    c->person_name = q_col_str(a, s, st, 2);
    c->person_phone = q_col_str(a, s, st, 3);
    c->household_id = q_col_int(s, st, 4);
    c->household_code = q_col_str(a, s, st, 5);
    c->household_path = q_col_str(a, s, st, 6);
    c->building_name = q_col_str(a, s, st, 7);
    c->community_id = q_col_int(s, st, 8);
    c->relation = q_col_str(a, s, st, 9);
    c->status = q_col_str(a, s, st, 10);
    c->reason = q_col_str(a, s, st, 11);
    c->decided_by = q_col_int(s, st, 12);
    c->decided_at = q_col_int(s, st, 13);
    c->created_at = q_col_int(s, st, 14);
}

int store_claim_insert(store *s, struct st_claim *c)
{
    void *st = q_prep(s, "INSERT INTO household_claim(person_id, household_id, community_id, relation, status, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, 'pending', ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiisi", c->person_id, c->household_id, c->community_id, c->relation, c->created_at);
    return q_insert_id(s, st, &c->id);
}

int store_claim_get(store *s, arena *a, int64_t id, struct st_claim *out)
{
    void *st = q_prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_one(s, a, st, read_claim, out);
}

int store_claim_list(store *s, arena *a, int64_t community_id, const char *status,
                     int limit, int offset, struct st_claim **out, int *n)
{
    void *st = q_prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.community_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR c.status = ?2) "
                               "ORDER BY c.id DESC LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "isii", community_id, status, (int64_t)limit, (int64_t)offset);
    return q_collect(s, a, st, sizeof **out, limit, read_claim, (void **)out, n);
}

int store_claim_count(store *s, int64_t community_id, const char *status, int *n)
{
    void *st = q_prep(s, "SELECT count(*) FROM household_claim WHERE community_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR status = ?2)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "is", community_id, status);
    return q_count_query(s, st, n);
}

int store_claims_of_person(store *s, arena *a, int64_t person_id, struct st_claim **out, int *n)
{
    void *st = q_prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.person_id = ?1 ORDER BY c.id DESC LIMIT 50");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", person_id);
    return q_collect(s, a, st, sizeof **out, 50, read_claim, (void **)out, n);
}

int store_claim_decide(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at)
{
    void *st = q_prep(s, "UPDATE household_claim SET status = ?2, reason = ?3, decided_by = ?4, decided_at = ?5 "
                               "WHERE id = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "issii", id, status, reason, by, at);
    int rc = q_exec_stmt(s, st);
    if (rc == 0 && q_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

int store_member_insert(store *s, int64_t household_id, int64_t person_id, int64_t community_id,
                        const char *relation, int64_t at)
{
    void *st = q_prep(s, "INSERT INTO household_member(household_id, person_id, community_id, relation, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiisi", household_id, person_id, community_id, relation, at);
    return q_exec_stmt(s, st);
}

/* ---- organisations ---- */

static void read_org(arena *a, store *s, void *st, void *item)
{
    struct st_org *o = item;
    o->id = q_col_int(s, st, 0);
    o->kind = q_col_str(a, s, st, 1);
    o->name = q_col_str(a, s, st, 2);
    o->place_id = q_col_int(s, st, 3);
    o->community_id = q_col_int(s, st, 4);
    o->parent_id = q_col_int(s, st, 5);
    o->responsible_id = q_col_int(s, st, 6);
    o->responsible_name = q_col_str(a, s, st, 7);
    o->place_name = q_col_str(a, s, st, 8);
}

int store_org_insert(store *s, struct st_org *o)
{
    void *st = q_prep(s, "INSERT INTO org_unit(kind, name, place_id, community_id, parent_id, responsible_id, created_at) "
                               "VALUES (?1, ?2, ?3, (SELECT community_id FROM place WHERE id = ?3), ?4, ?5, ?6) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ssiIIi", o->kind, o->name, o->place_id, o->parent_id, o->responsible_id, (int64_t)time(NULL));
    return q_insert_id(s, st, &o->id);
}

int store_org_list(store *s, arena *a, const char *path_prefix, struct st_org **out, int *n)
{
    void *st = q_prep(s, "SELECT o.id, o.kind, o.name, o.place_id, o.community_id, o.parent_id, o.responsible_id, "
                               "pe.name, p.name FROM org_unit o JOIN place p ON p.id = o.place_id "
                               "LEFT JOIN person pe ON pe.id = o.responsible_id "
                               "WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1 ORDER BY p.path, o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "s", path_prefix);
    return q_collect(s, a, st, sizeof **out, 500, read_org, (void **)out, n);
}

/* ---- coverage ---- */

int store_places_without_role(store *s, arena *a, int64_t community_id, const char *kind,
                              const char *role, struct st_place **out, int *n)
{
    void *st = q_prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.community_id = ?1 AND p.kind = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.place_id = p.id AND r.role = ?3) "
                               "ORDER BY p.code, p.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iss", community_id, kind, role);
    return q_collect(s, a, st, sizeof **out, 1000, read_place, (void **)out, n);
}

int store_places_without_org(store *s, arena *a, int64_t community_id, const char *kind,
                             const char *org_kind, struct st_place **out, int *n)
{
    void *st = q_prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.community_id = ?1 AND p.kind = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.place_id = p.id AND o.kind = ?3) "
                               "ORDER BY p.code, p.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iss", community_id, kind, org_kind);
    return q_collect(s, a, st, sizeof **out, 1000, read_place, (void **)out, n);
}

/* ---- sessions ---- */

static void read_session(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct st_session *ss = item;
    ss->person_id = q_col_int(s, st, 0);
    ss->is_staff = (int)q_col_int(s, st, 1);
    ss->created_at = q_col_int(s, st, 2);
    ss->last_seen = q_col_int(s, st, 3);
    ss->expires_at = q_col_int(s, st, 4);
}

int store_session_insert(store *s, const unsigned char hash[32], const struct st_session *ss)
{
    void *st = q_prep(s, "INSERT INTO session(token_hash, person_id, is_staff, created_at, last_seen, expires_at, community_id) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "biiiiiI", hash, ss->person_id, (int64_t)ss->is_staff, ss->created_at, ss->last_seen, ss->expires_at,
         ss->community_id);
    return q_exec_stmt(s, st);
}

int store_session_get(store *s, const unsigned char hash[32], struct st_session *out)
{
    void *st = q_prep(s, "SELECT person_id, is_staff, created_at, last_seen, expires_at FROM session WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "b", hash);
    return q_one(s, NULL, st, read_session, out);
}

int store_session_touch(store *s, const unsigned char hash[32], int64_t at)
{
    void *st = q_prep(s, "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "bi", hash, at);
    return q_exec_stmt(s, st);
}

int store_session_delete(store *s, const unsigned char hash[32])
{
    void *st = q_prep(s, "DELETE FROM session WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "b", hash);
    return q_exec_stmt(s, st);
}

/* ---- audit ---- */

int store_audit_insert(store *s, const struct st_audit *e)
{
    void *st = q_prep(s, "INSERT INTO audit(at, actor_id, ip, action, target, detail, community_id) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iIssssI", e->at, e->actor_id, e->ip, e->action, e->target, e->detail, e->community_id);
    return q_exec_stmt(s, st);
}

int store_audit_count(store *s, const char *action, const char *target, const char *ip, int64_t since, int *n)
{
    void *st;
    if (target != NULL) {
        st = q_prep(s, "SELECT count(*) FROM audit WHERE action = ?1 AND target = ?2 AND at >= ?3");
        if (st == NULL)
            return WG_EDB;
        q_bind(s, st, "ssi", action, target, since);
    } else {
        st = q_prep(s, "SELECT count(*) FROM audit WHERE action = ?1 AND ip = ?2 AND at >= ?3");
        if (st == NULL)
            return WG_EDB;
        q_bind(s, st, "ssi", action, ip, since);
    }
    return q_count_query(s, st, n);
}

static void read_audit(arena *a, store *s, void *st, void *item)
{
    struct st_audit *e = item;
    e->id = q_col_int(s, st, 0);
    e->at = q_col_int(s, st, 1);
    e->actor_id = q_col_int(s, st, 2);
    e->ip = q_col_str(a, s, st, 3);
    e->action = q_col_str(a, s, st, 4);
    e->target = q_col_str(a, s, st, 5);
    e->detail = q_col_str(a, s, st, 6);
    e->community_id = q_col_int(s, st, 7);
}

int store_audit_list(store *s, arena *a, int64_t community_id, int limit, int offset,
                     struct st_audit **out, int *n)
{
    void *st = q_prep(s, "SELECT id, at, actor_id, ip, action, target, detail, community_id FROM audit "
                               "WHERE community_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iii", community_id, (int64_t)limit, (int64_t)offset);
    return q_collect(s, a, st, sizeof **out, limit, read_audit, (void **)out, n);
}

/* ---- matters ---- */

#define MATTER_COLS "m.id, m.place_id, p.name, p.kind, p.path, m.community_id, m.category, m.title, m.body_md, " \
                    "m.author_id, pe.name, m.stage, m.merged_into, m.followers, m.created_at, m.updated_at, " \
                    "m.notice_until, m.notice_days"
#define MATTER_FROM " FROM matter m JOIN place p ON p.id = m.place_id JOIN person pe ON pe.id = m.author_id "

static void read_matter(arena *a, store *s, void *st, void *item)
{
    struct st_matter *m = item;
    m->id = q_col_int(s, st, 0);
    m->place_id = q_col_int(s, st, 1);
    m->place_name = q_col_str(a, s, st, 2);
    m->place_kind = q_col_str(a, s, st, 3);
    m->place_path = q_col_str(a, s, st, 4);
    m->community_id = q_col_int(s, st, 5);
    m->category = q_col_str(a, s, st, 6);
    m->title = q_col_str(a, s, st, 7);
    m->body_md = q_col_str(a, s, st, 8);
    m->author_id = q_col_int(s, st, 9);
    m->author_name = q_col_str(a, s, st, 10);
    m->stage = q_col_str(a, s, st, 11);
    m->merged_into = q_col_int(s, st, 12);
    m->followers = (int)q_col_int(s, st, 13);
    m->created_at = q_col_int(s, st, 14);
    m->updated_at = q_col_int(s, st, 15);
    m->notice_until = q_col_int(s, st, 16);
    m->notice_days = (int)q_col_int(s, st, 17);
}

int store_matter_insert(store *s, struct st_matter *m)
{
    void *st = q_prep(s, "INSERT INTO matter(place_id, community_id, category, title, body_md, author_id, stage, created_at, updated_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iisssisi", m->place_id, m->community_id, m->category, m->title, m->body_md, m->author_id, m->stage,
         m->created_at);
    return q_insert_id(s, st, &m->id);
}

int store_matter_get(store *s, arena *a, int64_t id, struct st_matter *out)
{
    void *st = q_prep(s, "SELECT " MATTER_COLS MATTER_FROM "WHERE m.id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_one(s, a, st, read_matter, out);
}

/* The list's filter. A stage or category that is given is an equality of
 * its own (STAGE_EQ, CAT_EQ), so that the engines can use the
 * (community, stage) index; "?2 IS NULL OR ..." would make them read every
 * matter of the community. */
#define MATTER_WHERE(STAGE, CAT, COMM)                                                                            \
    "WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1 AND " STAGE " AND " CAT " "                           \
    "AND (CAST(?4 AS BIGINT) IS NULL OR m.place_id = ?4) "                                                         \
    "AND (CAST(?5 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM matter_follow f WHERE f.matter_id = m.id AND f.person_id = ?5)) " \
    "AND (CAST(?6 AS TEXT) IS NULL OR instr(m.title, ?6) > 0 OR instr(m.body_md, ?6) > 0) "                        \
    "AND (?7 = 0 OR m.stage NOT IN ('withdrawn', 'rejected', 'merged')) " COMM
#define STAGE_ANY "(CAST(?2 AS TEXT) IS NULL OR m.stage = ?2)"
#define STAGE_EQ "m.stage = CAST(?2 AS TEXT)"
#define CAT_ANY "(CAST(?3 AS TEXT) IS NULL OR m.category = ?3)"
#define CAT_EQ "m.category = CAST(?3 AS TEXT)"
/* "?8 = 0 OR ..." keeps both engines from using the community index: with a
 * community (every caller but a street admin), a statement of its own reads
 * that community's matters only, not every matter of the district */
#define COMM_ANY "AND (?8 = 0 OR m.community_id = ?8) "
#define COMM_ONE "AND m.community_id = ?8 "
#define MATTER_LIST(W) "SELECT " MATTER_COLS MATTER_FROM W "ORDER BY m.updated_at DESC, m.id DESC LIMIT ?9 OFFSET ?10"
#define MATTER_COUNT(W) "SELECT count(*) FROM matter m JOIN place p ON p.id = m.place_id " W
/* [count][one community][stage given][category given] */
#define MATTER_SQL(F, COMM)                                                                                        \
    {{F(MATTER_WHERE(STAGE_ANY, CAT_ANY, COMM)), F(MATTER_WHERE(STAGE_ANY, CAT_EQ, COMM))},                      \
     {F(MATTER_WHERE(STAGE_EQ, CAT_ANY, COMM)), F(MATTER_WHERE(STAGE_EQ, CAT_EQ, COMM))}}
static const char *const matter_sql[2][2][2][2] = {
    {MATTER_SQL(MATTER_LIST, COMM_ANY), MATTER_SQL(MATTER_LIST, COMM_ONE)},
    {MATTER_SQL(MATTER_COUNT, COMM_ANY), MATTER_SQL(MATTER_COUNT, COMM_ONE)},
};

int store_matter_list(store *s, arena *a, const struct st_matter_filter *f,
                      struct st_matter **out, int *n, int *total)
{
    int one = f->community_id != 0, stage = f->stage != NULL, cat = f->category != NULL;
    void *st = q_prep(s, matter_sql[0][one][stage][cat]);
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "sssIIsiiii", f->path_prefix, f->stage, f->category, f->place_id, f->followed_by, f->q,
         (int64_t)f->open_only, f->community_id, (int64_t)f->limit, (int64_t)f->offset);
    int rc = q_collect(s, a, st, sizeof **out, f->limit, read_matter, (void **)out, n);
    if (rc || total == NULL)
        return rc;
    /* a first page that is not full holds every match: no count needed */
    if (f->offset == 0 && *n < f->limit) {
        *total = *n;
        return 0;
    }
    st = q_prep(s, matter_sql[1][one][stage][cat]);
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "sssIIsii", f->path_prefix, f->stage, f->category, f->place_id, f->followed_by, f->q,
         (int64_t)f->open_only, f->community_id);
    return q_count_query(s, st, total);
}

int store_matter_set_stage(store *s, int64_t id, const char *from, const char *to, int64_t merged_into, int64_t at)
{
    void *st = q_prep(s, "UPDATE matter SET stage = ?3, merged_into = ?4, updated_at = ?5 WHERE id = ?1 AND stage = ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "issIi", id, from, to, merged_into, at);
    int rc = q_exec_stmt(s, st);
    if (rc == 0 && q_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

static void read_event(arena *a, store *s, void *st, void *item)
{
    struct st_event *e = item;
    e->id = q_col_int(s, st, 0);
    e->matter_id = q_col_int(s, st, 1);
    e->community_id = q_col_int(s, st, 2);
    e->actor_id = q_col_int(s, st, 3);
    e->at = q_col_int(s, st, 4);
    e->actor_name = q_col_str(a, s, st, 5);
    e->from_stage = q_col_str(a, s, st, 6);
    e->to_stage = q_col_str(a, s, st, 7);
    e->reason = q_col_str(a, s, st, 8);
}

int store_event_insert(store *s, struct st_event *e)
{
    void *st = q_prep(s, "INSERT INTO matter_event(matter_id, community_id, actor_id, at, from_stage, to_stage, reason) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiiisss", e->matter_id, e->community_id, e->actor_id, e->at, e->from_stage, e->to_stage, e->reason);
    return q_insert_id(s, st, &e->id);
}

int store_events_of(store *s, arena *a, int64_t matter_id, struct st_event **out, int *n)
{
    void *st = q_prep(s, "SELECT e.id, e.matter_id, e.community_id, e.actor_id, e.at, pe.name, e.from_stage, e.to_stage, e.reason "
                               "FROM matter_event e JOIN person pe ON pe.id = e.actor_id WHERE e.matter_id = ?1 ORDER BY e.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", matter_id);
    return q_collect(s, a, st, sizeof **out, 500, read_event, (void **)out, n);
}

/* Keeps the denormalised follower count in step with matter_follow. */
static int add_followers(store *s, int64_t matter_id, int64_t delta)
{
    void *st = q_prep(s, "UPDATE matter SET followers = followers + ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", matter_id, delta);
    return q_exec_stmt(s, st);
}

int store_follow(store *s, int64_t matter_id, int64_t person_id, int64_t community_id, int64_t at, int *changed)
{
    void *st = q_prep(s, "INSERT INTO matter_follow(matter_id, person_id, community_id, created_at) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiii", matter_id, person_id, community_id, at);
    int rc = q_exec_stmt(s, st);
    if (rc)
        return rc;
    *changed = q_changes(s) > 0;
    return *changed ? add_followers(s, matter_id, 1) : 0;
}

int store_unfollow(store *s, int64_t matter_id, int64_t person_id, int *changed)
{
    void *st = q_prep(s, "DELETE FROM matter_follow WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", matter_id, person_id);
    int rc = q_exec_stmt(s, st);
    if (rc)
        return rc;
    *changed = q_changes(s) > 0;
    return *changed ? add_followers(s, matter_id, -1) : 0;
}

int store_is_following(store *s, int64_t matter_id, int64_t person_id, int *yes)
{
    void *st = q_prep(s, "SELECT count(*) FROM matter_follow WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", matter_id, person_id);
    return q_count_query(s, st, yes);
}

int store_matter_set_notice(store *s, int64_t id, int64_t until, int days)
{
    void *st = q_prep(s, "UPDATE matter SET notice_until = ?2, notice_days = ?3 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iii", id, until, (int64_t)days);
    return q_exec_stmt(s, st);
}

/* ---- per-place settings ---- */

int store_place_setting_get(store *s, arena *a, int64_t place_id, const char *key, const char **value)
{
    void *st = q_prep(s, "SELECT value FROM place_setting WHERE place_id = ?1 AND key = ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "is", place_id, key);
    return q_one(s, a, st, read_str0, value);
}

int store_place_setting_set(store *s, int64_t place_id, const char *key, const char *value)
{
    void *st = q_prep(s, "INSERT INTO place_setting(place_id, community_id, key, value) "
                       "VALUES (?1, (SELECT community_id FROM place WHERE id = ?1), ?2, ?3) "
                       "ON CONFLICT(place_id, key) DO UPDATE SET value = excluded.value");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iss", place_id, key, value);
    return q_exec_stmt(s, st);
}

/* ---- objections ---- */

#define OBJECTION_COLS "o.id, o.matter_id, o.community_id, o.author_id, pa.name, o.body, o.answer, pb.name, " \
                       "o.created_at, o.answered_by, o.answered_at, COALESCE(o.upheld, -1)"
#define OBJECTION_FROM " FROM objection o JOIN person pa ON pa.id = o.author_id " \
                       "LEFT JOIN person pb ON pb.id = o.answered_by "

static void read_objection(arena *a, store *s, void *st, void *item)
{
    struct st_objection *o = item;
    o->id = q_col_int(s, st, 0);
    o->matter_id = q_col_int(s, st, 1);
    o->community_id = q_col_int(s, st, 2);
    o->author_id = q_col_int(s, st, 3);
    o->author_name = q_col_str(a, s, st, 4);
    o->body = q_col_str(a, s, st, 5);
    o->answer = q_col_str(a, s, st, 6);
    o->answerer_name = q_col_str(a, s, st, 7);
    o->created_at = q_col_int(s, st, 8);
    o->answered_by = q_col_int(s, st, 9);
    o->answered_at = q_col_int(s, st, 10);
    o->upheld = (int)q_col_int(s, st, 11);
}

int store_objection_insert(store *s, struct st_objection *o)
{
    void *st = q_prep(s, "INSERT INTO objection(matter_id, community_id, author_id, body, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiisi", o->matter_id, o->community_id, o->author_id, o->body, o->created_at);
    return q_insert_id(s, st, &o->id);
}

int store_objection_get(store *s, arena *a, int64_t id, struct st_objection *out)
{
    void *st = q_prep(s, "SELECT " OBJECTION_COLS OBJECTION_FROM "WHERE o.id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_one(s, a, st, read_objection, out);
}

int store_objections_of(store *s, arena *a, int64_t matter_id, struct st_objection **out, int *n)
{
    void *st = q_prep(s, "SELECT " OBJECTION_COLS OBJECTION_FROM "WHERE o.matter_id = ?1 ORDER BY o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", matter_id);
    return q_collect(s, a, st, sizeof **out, 500, read_objection, (void **)out, n);
}

int store_objection_counts(store *s, int64_t matter_id, int64_t author_id, int *open, int *by_author)
{
    void *st = q_prep(s, "SELECT count(*) FROM objection WHERE matter_id = ?1 AND answer IS NULL");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", matter_id);
    int rc = q_count_query(s, st, open);
    if (rc)
        return rc;
    st = q_prep(s, "SELECT count(*) FROM objection WHERE matter_id = ?1 AND author_id = ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", matter_id, author_id);
    return q_count_query(s, st, by_author);
}

int store_objection_answer(store *s, int64_t id, const char *answer, int upheld, int64_t by, int64_t at)
{
    void *st = q_prep(s, "UPDATE objection SET answer = ?2, upheld = ?3, answered_by = ?4, answered_at = ?5 "
                       "WHERE id = ?1 AND answer IS NULL");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "isiii", id, answer, (int64_t)upheld, by, at);
    int rc = q_exec_stmt(s, st);
    if (rc == 0 && q_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

/* ---- notifications ---- */

int store_notify_followers(store *s, int64_t matter_id, int64_t except, const char *kind, const char *detail,
                           int64_t at, int *n)
{
    void *st = q_prep(s, "INSERT INTO notification(person_id, community_id, kind, matter_id, detail, created_at) "
                       "SELECT f.person_id, f.community_id, CAST(?3 AS TEXT), f.matter_id, CAST(?4 AS TEXT), "
                       "CAST(?5 AS BIGINT) FROM matter_follow f WHERE f.matter_id = ?1 AND f.person_id <> ?2 "
                       "AND NOT EXISTS (SELECT 1 FROM notification_pref np WHERE np.person_id = f.person_id "
                       "AND np.kind = ?3 AND np.enabled = 0)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iissi", matter_id, except, kind, detail, at);
    int rc = q_exec_stmt(s, st);
    if (rc == 0 && n)
        *n = q_changes(s);
    return rc;
}

int store_notify(store *s, int64_t person_id, int64_t matter_id, const char *kind, const char *detail, int64_t at)
{
    void *st = q_prep(s, "INSERT INTO notification(person_id, community_id, kind, matter_id, detail, created_at) "
                       "SELECT pe.id, pe.community_id, CAST(?3 AS TEXT), CAST(?2 AS BIGINT), CAST(?4 AS TEXT), "
                       "CAST(?5 AS BIGINT) FROM person pe WHERE pe.id = ?1 "
                       "AND NOT EXISTS (SELECT 1 FROM notification_pref np WHERE np.person_id = pe.id "
                       "AND np.kind = ?3 AND np.enabled = 0)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iIssi", person_id, matter_id, kind, detail, at);
    return q_exec_stmt(s, st);
}

int store_notify_link(store *s, int64_t person_id, const char *kind, const char *title, const char *url,
                      const char *detail, int64_t at)
{
    void *st = q_prep(s, "INSERT INTO notification(person_id, community_id, kind, title, url, detail, created_at) "
                       "SELECT pe.id, pe.community_id, CAST(?2 AS TEXT), CAST(?3 AS TEXT), CAST(?4 AS TEXT), "
                       "CAST(?5 AS TEXT), CAST(?6 AS BIGINT) FROM person pe WHERE pe.id = ?1 "
                       "AND NOT EXISTS (SELECT 1 FROM notification_pref np WHERE np.person_id = pe.id "
                       "AND np.kind = ?2 AND np.enabled = 0)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "issssi", person_id, kind, title, url, detail, at);
    return q_exec_stmt(s, st);
}

static void read_notification(arena *a, store *s, void *st, void *item)
{
    struct st_notification *x = item;
    x->id = q_col_int(s, st, 0);
    x->person_id = q_col_int(s, st, 1);
    x->matter_id = q_col_int(s, st, 2);
    x->kind = q_col_str(a, s, st, 3);
    x->detail = q_col_str(a, s, st, 4);
    x->matter_title = q_col_str(a, s, st, 5);
    x->created_at = q_col_int(s, st, 6);
    x->read_at = q_col_int(s, st, 7);
    x->title = q_col_str(a, s, st, 8);
    x->url = q_col_str(a, s, st, 9);
}

int store_notifications(store *s, arena *a, int64_t person_id, int unread_only, int64_t now, int limit, int offset,
                        struct st_notification **out, int *n)
{
    void *st = q_prep(s, "SELECT n.id, n.person_id, n.matter_id, n.kind, n.detail, m.title, n.created_at, n.read_at, "
                       "n.title, n.url FROM notification n LEFT JOIN matter m ON m.id = n.matter_id WHERE n.person_id = ?1 "
                       "AND (?2 = 0 OR n.read_at IS NULL) AND n.created_at <= ?5 "
                       "ORDER BY n.created_at DESC, n.id DESC LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiiii", person_id, (int64_t)unread_only, (int64_t)limit, (int64_t)offset, now);
    return q_collect(s, a, st, sizeof **out, limit, read_notification, (void **)out, n);
}

int store_notification_counts(store *s, int64_t person_id, int64_t now, int *total, int *unread)
{
    void *st;
    if (total) {
        st = q_prep(s, "SELECT count(*) FROM notification WHERE person_id = ?1 AND created_at <= ?2");
        if (st == NULL)
            return WG_EDB;
        q_bind(s, st, "ii", person_id, now);
        int rc = q_count_query(s, st, total);
        if (rc)
            return rc;
    }
    st = q_prep(s, "SELECT count(*) FROM notification WHERE person_id = ?1 AND read_at IS NULL AND created_at <= ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", person_id, now);
    return q_count_query(s, st, unread);
}

int store_notifications_read(store *s, int64_t person_id, int64_t id, int64_t at, int *n)
{
    void *st = q_prep(s, "UPDATE notification SET read_at = ?3 WHERE person_id = ?1 AND (?2 = 0 OR id = ?2) "
                       "AND read_at IS NULL AND created_at <= ?3");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iii", person_id, id, at);
    int rc = q_exec_stmt(s, st);
    if (rc == 0 && n)
        *n = q_changes(s);
    return rc;
}

int store_notification_pref(store *s, int64_t person_id, const char *kind, int *enabled)
{
    void *st = q_prep(s, "SELECT count(*) FROM notification_pref WHERE person_id = ?1 AND kind = ?2 AND enabled = 0");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "is", person_id, kind);
    int off = 0, rc = q_count_query(s, st, &off);
    *enabled = !off;
    return rc;
}

int store_notification_pref_set(store *s, int64_t person_id, const char *kind, int enabled)
{
    void *st = q_prep(s, "INSERT INTO notification_pref(person_id, kind, enabled) VALUES (?1, ?2, ?3) "
                       "ON CONFLICT(person_id, kind) DO UPDATE SET enabled = excluded.enabled");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "isi", person_id, kind, (int64_t)enabled);
    return q_exec_stmt(s, st);
}

/* ---- comments ---- */

#define COMMENT_COLS "c.id, c.matter_id, c.community_id, c.parent_id, c.author_id, c.depth, c.reports, pe.name, " \
                     "c.body, c.status, c.hidden_reason, c.moderated_by, c.moderated_at, c.created_at, c.opinion_id"

static void read_comment(arena *a, store *s, void *st, void *item)
{
    struct st_comment *c = item;
    c->id = q_col_int(s, st, 0);
    c->matter_id = q_col_int(s, st, 1);
    c->community_id = q_col_int(s, st, 2);
    c->parent_id = q_col_int(s, st, 3);
    c->author_id = q_col_int(s, st, 4);
    c->depth = (int)q_col_int(s, st, 5);
    c->reports = (int)q_col_int(s, st, 6);
    c->author_name = q_col_str(a, s, st, 7);
    c->body = q_col_str(a, s, st, 8);
    c->status = q_col_str(a, s, st, 9);
    c->hidden_reason = q_col_str(a, s, st, 10);
    c->moderated_by = q_col_int(s, st, 11);
    c->moderated_at = q_col_int(s, st, 12);
    c->created_at = q_col_int(s, st, 13);
    c->opinion_id = q_col_int(s, st, 14);
}

int store_comment_insert(store *s, struct st_comment *cm)
{
    void *st = q_prep(s, "INSERT INTO comment(matter_id, community_id, parent_id, depth, author_id, body, status, created_at, "
                       "opinion_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "IiIiissiI", cm->matter_id, cm->community_id, cm->parent_id, (int64_t)cm->depth, cm->author_id,
         cm->body, cm->status, cm->created_at, cm->opinion_id);
    return q_insert_id(s, st, &cm->id);
}

int store_comment_get(store *s, arena *a, int64_t id, struct st_comment *out)
{
    void *st = q_prep(s, "SELECT " COMMENT_COLS " FROM comment c JOIN person pe ON pe.id = c.author_id WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", id);
    return q_one(s, a, st, read_comment, out);
}

/* Runs st (a bound SELECT of COMMENT_COLS) and puts its rows in thread order. */
static int comments_threaded(store *s, arena *a, void *st, struct st_comment **out, int *n)
{
    struct st_comment *flat;
    int m = 0, rc = q_collect(s, a, st, sizeof *flat, 1000, read_comment, (void **)&flat, &m);
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

int store_comments_of(store *s, arena *a, int64_t matter_id, struct st_comment **out, int *n)
{
    void *st = q_prep(s, "SELECT " COMMENT_COLS " FROM comment c JOIN person pe ON pe.id = c.author_id "
                       "WHERE c.matter_id = ?1 ORDER BY c.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", matter_id);
    return comments_threaded(s, a, st, out, n);
}

int store_comments_of_opinion(store *s, arena *a, int64_t opinion_id, struct st_comment **out, int *n)
{
    void *st = q_prep(s, "SELECT " COMMENT_COLS " FROM comment c JOIN person pe ON pe.id = c.author_id "
                       "WHERE c.opinion_id = ?1 ORDER BY c.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", opinion_id);
    return comments_threaded(s, a, st, out, n);
}

int store_comment_count_since(store *s, int64_t author_id, int64_t since, int *n)
{
    void *st = q_prep(s, "SELECT count(*) FROM comment WHERE author_id = ?1 AND created_at >= ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", author_id, since);
    return q_count_query(s, st, n);
}

int store_comment_report(store *s, int64_t comment_id, int64_t person_id, int64_t community_id, const char *reason,
                         int64_t at)
{
    void *st = q_prep(s, "INSERT INTO comment_report(comment_id, person_id, community_id, reason, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiisi", comment_id, person_id, community_id, reason, at);
    int rc = q_exec_stmt(s, st);
    if (rc)
        return rc;
    st = q_prep(s, "UPDATE comment SET reports = reports + 1 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", comment_id);
    return q_exec_stmt(s, st);
}

int store_comment_moderate(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at)
{
    void *st = q_prep(s, "UPDATE comment SET status = ?2, hidden_reason = ?3, moderated_by = ?4, moderated_at = ?5 "
                       "WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "issii", id, status, reason, by, at);
    return q_exec_stmt(s, st);
}

/* ---- supports ---- */

int store_support_add(store *s, int64_t matter_id, int64_t person_id, int64_t household_id, int64_t community_id,
                      int64_t at, int *changed)
{
    void *st = q_prep(s, "INSERT INTO matter_support(matter_id, person_id, household_id, community_id, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "iiiii", matter_id, person_id, household_id, community_id, at);
    int rc = q_exec_stmt(s, st);
    if (rc == 0)
        *changed = q_changes(s) > 0;
    return rc;
}

int store_support_counts(store *s, int64_t matter_id, int64_t person_id, int *households, int *mine)
{
    void *st = q_prep(s, "SELECT count(DISTINCT household_id) FROM matter_support WHERE matter_id = ?1");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "i", matter_id);
    int rc = q_count_query(s, st, households);
    if (rc)
        return rc;
    st = q_prep(s, "SELECT count(*) FROM matter_support WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    q_bind(s, st, "ii", matter_id, person_id);
    return q_count_query(s, st, mine);
}
