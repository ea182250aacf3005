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

#include "core/err.h"
#include "core/log.h"
#include "store/db.h"
#include "store/store_impl.h"
#include "store/store.h"

#include <assert.h>

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

uint64_t store_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int store_fail(store *s, int rc)
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
void *store_replica_for_read(store *s)
{
    uint64_t now = store_now_ns();
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

int store_exec_sql(store *s, const char *sql)
{
    uint64_t t0 = store_now_ns();
    int rc = s->drv->exec(s->conn, sql);
    s->ns += store_now_ns() - t0;
    return rc ? store_fail(s, rc) : 0;
}

/* BEGIN, COMMIT and ROLLBACK: from the connection's statement cache on
 * SQLite (sqlite3_exec would parse them again for every request), a plain
 * exec elsewhere. Not through sql_prep: they write no rows of their own. */
static int tx_sql(store *s, const char *sql)
{
    if (!s->drv->snapshot_reads)
        return store_exec_sql(s, sql);
    void *st = s->drv->prep(s->conn, sql);
    if (st == NULL)
        return store_fail(s, WG_EDB);
    uint64_t t0 = store_now_ns();
    int rc = s->drv->step(st);
    s->drv->reset(st);
    s->ns += store_now_ns() - t0;
    return rc == DB_DONE || rc == DB_ROW ? 0 : store_fail(s, rc < 0 ? rc : WG_EDB);
}

/* ---- open, migrate, transactions ---- */

int store_open(const char *url, store **out)
{
    const struct db_driver *d = store_driver_for(url);
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
        if ((rc = store_exec_sql(s, "PRAGMA synchronous=NORMAL"))) {
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
        if (store_driver_for(replicas[i]) != s->drv ||
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

int store_exec_script(store *s, const char *script)
{
    return store_exec_sql(s, script);
}

int store_backup(store *s, const char *dest)
{
    uint64_t t0 = store_now_ns();
    int rc = s->drv->backup(s->conn, dest, s->err, sizeof s->err);
    s->ns += store_now_ns() - t0;
    return rc;
}

const struct db_driver *store_driver_for(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0 ? &db_pg : &db_sqlite;
}

int store_restore(const char *url, const char *src, char *msg, size_t msglen)
{
    int rc = store_driver_for(url)->restore(url, src, msg, msglen);
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

int store_bulk(store *s)
{
    assert(s->in_tx);
    return s->drv->bulk_sql ? tx_sql(s, s->drv->bulk_sql) : 0;
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
        store_exec_sql(s, "ROLLBACK");
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
        uint64_t t0 = store_now_ns();
        int rc = g_gc.s->drv->sync_log(g_gc.s->conn);
        g_gc.s->ns += store_now_ns() - t0;
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
    if (store_driver_for(url)->sync_log == NULL || g_gc.started)
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

