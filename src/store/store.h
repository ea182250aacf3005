/*
 * The store: every SQL statement of wugong lives behind this interface.
 * Two engines implement it, chosen by the URL given to store_open(): SQLite
 * ("sqlite:PATH") and PostgreSQL ("postgresql://..."). The queries are written
 * once (store/queries.c) over a small driver interface (store/db.h,
 * db_sqlite.c, db_pg.c); nothing above this header knows which engine runs.
 *
 * Conventions:
 * - Each function returns 0 or a negative WG_E* code (core/err.h).
 *   WG_ENOTFOUND when a single row is missing, WG_ECONFLICT on a broken
 *   uniqueness rule or a lost compare-and-set, WG_EFULL when the disk is full.
 * - Strings and arrays in results are allocated in the arena passed in; they
 *   live as long as that arena. Inputs are borrowed for the call only.
 * - One store handle per thread: a handle is not shared between threads.
 * - Writes happen inside store_begin()/store_commit(); a commit returns only
 *   once the transaction is durable (synchronous=FULL), except under group
 *   commit (below), where the caller holds its answer until the commit is
 *   durable.
 * - Times are Unix seconds (int64_t).
 */
#ifndef WG_STORE_H
#define WG_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

typedef struct store store;

/* url: "sqlite:PATH" (or a bare path) or "postgresql://...". Caller closes with store_close. */
int store_open(const char *url, store **out);
/* A PostgreSQL primary with read replicas (at most STORE_MAX_REPLICAS).
 * Reads outside a write transaction go to a replica that has replayed past
 * the read floor (see store_set_read_floor), round robin; everything else
 * goes to the primary. A replica that fails is left alone for a second. */
#define STORE_MAX_REPLICAS 8
int store_open_replicated(const char *url, const char *const *replicas, int nreplicas, store **out);
/* Reads must see the database at least as of this write-ahead-log position
 * (0: any replica will do). Set per request from what the client wrote. */
void store_set_read_floor(store *s, uint64_t lsn);
/* The position after this handle's latest commit, and 0 again: the caller
 * hands it to the client so that its next reads see its own writes. 0 when
 * nothing was committed since the last call (or the engine has no WAL). */
uint64_t store_take_write_position(store *s);
/* Reads served by replicas and by the primary since the handle opened. */
void store_read_counts(const store *s, uint64_t *replica, uint64_t *primary);
void store_close(store *s);

/* Group commit (SQLite; with PostgreSQL, whose commits are durable when they
 * return, these do nothing and the ticket is always 0).
 *
 * store_group_commit_start: handles opened afterwards commit without an
 * fsync of their own; one background thread, the syncer (with a handle of
 * its own), fsyncs the log whenever commits are waiting, so one fsync
 * covers every commit that ended before it, and then calls
 * on_durable(ticket, ud) on the syncer thread: every commit numbered up to
 * ticket is durable. Each transaction stays its own (a failing one rolls
 * back alone). If an fsync fails the process exits (nothing waiting was
 * acknowledged; SQLite recovers the log on restart). Call before opening
 * the handles, from one thread; store_group_commit_stop (after those
 * handles are done) makes the last commits durable and ends the syncer.
 *
 * store_durable_ticket (any thread): 0 when every commit that has started
 * so far is durable; otherwise the number the caller's answer must wait for
 * (on_durable with a ticket at least as large). Taken when an answer is
 * ready, it covers the caller's own commits and any commit whose rows it may
 * have read, so no answer reveals a write that a crash could still lose. */
int store_group_commit_start(const char *url, void (*on_durable)(uint64_t ticket, void *ud), void *ud);
void store_group_commit_stop(void);
uint64_t store_durable_ticket(void);
/* Applies the pending migrations of each owner ("kernel", "edge",
 * "mod/vote"...), owners in the order given; *applied gets how many files
 * ran (may be NULL). See store_migrate.c for the folders and for databases
 * from before modules (one version for all, STORE_LEGACY_VERSION last). */
#define STORE_LEGACY_VERSION 12
int store_migrate(store *s, const char *const *owners, int nowners, int *applied);
/* The version an owner's migrations have reached (0: none). */
int store_migration_version(store *s, const char *owner, int *version);
/* Nanoseconds this handle has spent in the database since it was opened. */
uint64_t store_time_ns(const store *s);
/* "sqlite" or "postgresql". */
const char *store_engine(const store *s);
/* A short description of the last error, for logs. */
const char *store_last_error(const store *s);
/* Runs a script of SQL statements as it is, for tests and maintenance only
 * (the application's own SQL never goes through here). */
int store_exec_script(store *s, const char *script);
/* Writes a consistent backup of the live database to the new file dest:
 * SQLite's online backup API, or pg_dump's custom format for PostgreSQL. */
int store_backup(store *s, const char *dest);
/* Loads a backup into the empty database at url (a new SQLite file, or an
 * empty PostgreSQL database), then checks its integrity. 0 or WG_E*, with a
 * message in msg. */
int store_restore(const char *url, const char *src, char *msg, size_t msglen);
/* Runs the engine's integrity check; 0 when it passes. */
int store_check_integrity(store *s);

/* Write transactions: serialised between writers, readers not blocked. */
int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);
/* Inside a write transaction that writes many rows into tables it also
 * reads (a roster of 50,000 households): each statement is planned for its
 * values from here to the end of the transaction (PostgreSQL; nothing to do
 * on SQLite). 0 or an error. */
int store_bulk(store *s);
/* Ends the open write transaction: commits when rc is 0, else rolls back.
 * Returns rc, or the commit's error. */
int store_end(store *s, int rc);
/* A request's reads in one snapshot: on SQLite, the reads that follow
 * share one read transaction (one lock and log check, not one per
 * statement) until store_read_end or the next store_begin, which ends it
 * first. A no-op on PostgreSQL, where it would cost two round trips. */
int store_read_begin(store *s);
void store_read_end(store *s);

#endif
