/*
 * Due work: what must happen at a time whether or not anyone reads a page
 * (a vote closes, a reminder goes out, a report escalates). A job is a row
 * of the job table: its kind (declared by a module, struct job_kind), an
 * idempotency key, the id it is about and when it is due. The runner, a
 * thread inside `wugong serve`, takes due jobs in batches and runs each
 * batch in one transaction with the jobs' completions, so a job's work
 * happens once:
 * - a crash before the commit leaves the job due, and its work undone;
 * - with several servers on one PostgreSQL database, each claims with
 *   FOR UPDATE SKIP LOCKED, so no two run the same job;
 * - it follows the test clock (--clock-file);
 * - a job may schedule itself again (its own key, a later time) from its
 *   work: it then stays pending for that time (a report that escalates
 *   waits for its next limit);
 * - a job that fails is retried later (JOB_RETRY_SECONDS, growing), and
 *   left failed after JOB_MAX_ATTEMPTS, with its error, for staff to see.
 */
#ifndef WG_KERNEL_JOB_H
#define WG_KERNEL_JOB_H

#include "kernel/dctx.h"

struct module;

#define JOB_KEY_MAX 120
#define JOB_MAX_ATTEMPTS 8
#define JOB_RETRY_SECONDS 60 /* then twice as long after each failure */
#define JOB_BATCH 64         /* due jobs run in one transaction */

struct job {
    int64_t id;
    const char *kind, *key;
    int64_t ref_id, due_at;
    int attempts;
};

struct job_kind {
    const char *name; /* "vote.close": unique over all modules */
    /* Does the job's work inside the open transaction (c->now is the time
     * it runs): 0, or an error that rolls the work back and retries it. A
     * job whose subject is gone returns 0 (nothing to do). */
    int (*run)(dctx *c, const struct job *j);
};

/* Schedules kind for ref_id at due_at under key (unique): a pending job
 * with the key moves to the new time; one that ran is scheduled again.
 * Inside the caller's write transaction. */
int job_schedule(store *s, const char *kind, const char *key, int64_t ref_id, int64_t due_at, int64_t now);
/* Moves the pending job with key to due_at (none pending: nothing). */
int job_move(store *s, const char *key, int64_t due_at);
/* Drops the pending job with key (none: nothing); *dropped (may be NULL)
 * says whether there was one. Inside a transaction. */
int job_cancel(store *s, const char *key, int *dropped);
/* Runs due jobs until none is due or max have run; *ran gets how many.
 * Up to JOB_BATCH jobs share a transaction (one commit, one fsync, for
 * many: 10,000 reports escalating at once); a job that fails rolls its
 * batch back, and that batch runs again one job a transaction, so the
 * others are done and the failing one alone is retried later. For the
 * runner and for tests. */
int job_run_due(dctx *c, int max, int *ran);
/* Pending jobs due at or before `at`. */
int job_count_due(store *s, int64_t at, int *n);

/* The declared kind, or NULL (before: modules listed before it; NULL: all). */
const struct job_kind *job_kind_find(const char *name, const struct module *before);

/* The runner thread: opens its own store handle on url, wakes every
 * interval_ms (and at once after job_runner_kick) and runs what is due.
 * Start after the store's group commit, stop before it. */
int job_runner_start(const char *url, int interval_ms);
void job_runner_stop(void);
/* The clock the runner last ran at and the jobs due then that are left,
 * for /metrics and tests. */
void job_runner_state(int64_t *clock, int *due);

#endif
