/*
 * Due work and its runner (see job.h). The kernel's own table: job.
 */
#include "kernel/job.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "kernel/clock.h"
#include "kernel/module.h"
#include "store/sql.h"

const struct job_kind *job_kind_find(const char *name, const struct module *before)
{
    for (const struct module *const *m = module_list(); name && m && *m && *m != before; m++)
        for (const struct job_kind *k = (*m)->jobs; k && k->name; k++)
            if (strcmp(k->name, name) == 0)
                return k;
    return NULL;
}

int job_schedule(store *s, const char *kind, const char *key, int64_t ref_id, int64_t due_at, int64_t now)
{
    void *st = sql_prep(s, "INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, 'pending', 0, ?5) ON CONFLICT (key) DO UPDATE SET "
                           "kind = excluded.kind, ref_id = excluded.ref_id, due_at = excluded.due_at, "
                           "status = 'pending', attempts = 0, last_error = NULL, done_at = NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ssiii", kind, key, ref_id, due_at, now);
    return sql_exec(s, st);
}

int job_move(store *s, const char *key, int64_t due_at)
{
    void *st = sql_prep(s, "UPDATE job SET due_at = ?2 WHERE key = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", key, due_at);
    return sql_exec(s, st);
}

int job_cancel(store *s, const char *key, int *dropped)
{
    void *st = sql_prep(s, "DELETE FROM job WHERE key = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", key);
    return sql_exec_changed(s, st, dropped);
}

int job_count_due(store *s, int64_t at, int *n)
{
    void *st = sql_prep(s, "SELECT count(*) FROM job WHERE status = 'pending' AND due_at <= ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", at);
    return sql_count(s, st, n);
}

static void read_job(arena *a, store *s, void *st, void *item)
{
    struct job *j = item;
    j->id = sql_col_int(s, st, 0);
    j->kind = sql_col_str(a, s, st, 1);
    j->key = sql_col_str(a, s, st, 2);
    j->ref_id = sql_col_int(s, st, 3);
    j->due_at = sql_col_int(s, st, 4);
    j->attempts = (int)sql_col_int(s, st, 5);
}

/* Inside the open transaction: the next due job, locked (PostgreSQL: rows
 * another server holds are skipped; SQLite's writers are serialised). */
static int claim(dctx *c, struct job *j)
{
    void *st = sql_prep(c->st, "SELECT id, kind, key, ref_id, due_at, attempts FROM job "
                               "WHERE status = 'pending' AND due_at <= ?1 ORDER BY due_at, id LIMIT 1 "
                               "FOR UPDATE SKIP LOCKED");
    if (st == NULL)
        return WG_EDB;
    sql_bind(c->st, st, "i", c->now);
    return sql_one(c->st, c->a, st, read_job, j);
}

/* Done, unless the job scheduled itself again for a later time while it ran. */
static int finish(dctx *c, const struct job *j)
{
    void *st = sql_prep(c->st, "UPDATE job SET status = 'done', done_at = ?2, attempts = attempts + 1 "
                               "WHERE id = ?1 AND due_at = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(c->st, st, "iii", j->id, c->now, j->due_at);
    return sql_exec(c->st, st);
}

/* After a failure, in a transaction of its own: later, or failed for good. */
static int retry_later(dctx *c, const struct job *j, const char *error)
{
    int64_t wait = (int64_t)JOB_RETRY_SECONDS << (j->attempts < 10 ? j->attempts : 10);
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    void *st = sql_prep(c->st, "UPDATE job SET attempts = attempts + 1, last_error = ?2, due_at = ?3, "
                               "status = CASE WHEN attempts + 1 >= ?4 THEN 'failed' ELSE 'pending' END "
                               "WHERE id = ?1 AND status = 'pending'");
    if (st == NULL)
        return store_end(c->st, WG_EDB);
    sql_bind(c->st, st, "isii", j->id, error, c->now + wait, (int64_t)JOB_MAX_ATTEMPTS);
    return store_end(c->st, sql_exec(c->st, st));
}

/* Claims and runs one due job; WG_ENOTFOUND when none is due. */
static int run_one(dctx *c)
{
    struct job j;
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    if ((rc = claim(c, &j))) {
        store_rollback(c->st);
        return rc;
    }
    const struct job_kind *k = job_kind_find(j.kind, NULL);
    c->code = NULL;
    rc = k ? k->run(c, &j) : WG_EINVAL;
    if (rc == 0)
        rc = finish(c, &j);
    rc = store_end(c->st, rc);
    if (rc) {
        const char *why = k == NULL ? "unknown kind" : c->code ? c->code : wg_err_name(rc);
        log_error("job %s (%s): %s; attempt %d", j.key, j.kind, why, j.attempts + 1);
        retry_later(c, &j, why);
    }
    return 0;
}

/* Claims and runs up to max due jobs in one transaction, one commit for
 * all. 0 with *ran; WG_ENOTFOUND when none is due; when a job fails, the
 * whole batch is rolled back and *failed set (nothing of it done). */
static int run_batch(dctx *c, int max, int *ran, int *failed)
{
    struct job j;
    *ran = 0;
    *failed = 0;
    int rc = store_begin(c->st);
    if (rc)
        return rc;
    while (*ran < max && (rc = claim(c, &j)) == 0) {
        const struct job_kind *k = job_kind_find(j.kind, NULL);
        c->code = NULL;
        rc = k ? k->run(c, &j) : WG_EINVAL;
        if (rc == 0)
            rc = finish(c, &j);
        if (rc) {
            store_rollback(c->st);
            *failed = 1;
            return 0;
        }
        (*ran)++;
    }
    if (rc != 0 && rc != WG_ENOTFOUND) {
        store_rollback(c->st);
        return rc;
    }
    if (*ran == 0) {
        store_rollback(c->st);
        return WG_ENOTFOUND;
    }
    return store_commit(c->st);
}

int job_run_due(dctx *c, int max, int *ran)
{
    int n = 0, rc = 0;
    while (n < max) {
        int got = 0, failed = 0;
        rc = run_batch(c, max - n < JOB_BATCH ? max - n : JOB_BATCH, &got, &failed);
        arena_reset(c->a);
        if (rc)
            break;
        n += got;
        /* a batch with a failing job: again one job a transaction, so the
         * others are done and the failing one alone waits for its retry */
        for (int i = 0; failed && i < JOB_BATCH && n < max && (rc = run_one(c)) == 0; i++) {
            n++;
            arena_reset(c->a);
        }
        if (rc)
            break;
    }
    if (ran)
        *ran = n;
    return rc == WG_ENOTFOUND ? 0 : rc;
}

/* ---- the runner thread ---- */

static struct {
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started, stop, interval_ms;
    const char *url;
    atomic_llong clock;
    atomic_int due;
} g_run = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

void job_runner_state(int64_t *clock, int *due)
{
    *clock = atomic_load(&g_run.clock);
    *due = atomic_load(&g_run.due);
}

static void runner_pass(store *st, arena *a)
{
    int64_t now = clock_now();
    dctx c = {.st = st, .a = a, .now = now, .ip = "jobs"};
    int ran = 0, left = 0, rc;
    /* a batch at a time, so that stopping is never far away */
    while ((rc = job_run_due(&c, 100, &ran)) == 0 && ran == 100 && !g_run.stop)
        c.now = now;
    if (rc)
        log_error("jobs: %s (%s)", wg_err_name(rc), store_last_error(st));
    arena_reset(a);
    if (job_count_due(st, now, &left) == 0)
        atomic_store(&g_run.due, left);
    atomic_store(&g_run.clock, now);
}

static void *runner(void *arg)
{
    (void)arg;
    store *st = NULL;
    arena *a = arena_new(64 * 1024);
    if (store_open(g_run.url, &st) != 0) {
        log_error("jobs: cannot open the store; due work will not run");
        arena_free(a);
        return NULL;
    }
    pthread_mutex_lock(&g_run.mu);
    while (!g_run.stop) {
        pthread_mutex_unlock(&g_run.mu);
        runner_pass(st, a);
        pthread_mutex_lock(&g_run.mu);
        if (g_run.stop)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += (long)(g_run.interval_ms % 1000) * 1000000L;
        ts.tv_sec += g_run.interval_ms / 1000 + ts.tv_nsec / 1000000000L;
        ts.tv_nsec %= 1000000000L;
        pthread_cond_timedwait(&g_run.cv, &g_run.mu, &ts);
    }
    pthread_mutex_unlock(&g_run.mu);
    store_close(st);
    arena_free(a);
    return NULL;
}

int job_runner_start(const char *url, int interval_ms)
{
    if (g_run.started)
        return 0;
    g_run.url = url;
    g_run.interval_ms = interval_ms > 0 ? interval_ms : 1000;
    g_run.stop = 0;
    /* the runner takes no signals: they are for the thread that waits for them */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&g_run.tid, NULL, runner, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return WG_EINVAL;
    g_run.started = 1;
    return 0;
}

void job_runner_stop(void)
{
    if (!g_run.started)
        return;
    pthread_mutex_lock(&g_run.mu);
    g_run.stop = 1;
    pthread_cond_signal(&g_run.cv);
    pthread_mutex_unlock(&g_run.mu);
    pthread_join(g_run.tid, NULL);
    g_run.started = 0;
}
