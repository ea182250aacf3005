/*
 * Private to src/store/: the store handle's fields and the engine's own
 * helpers, shared by store.c (connections, transactions, group commit),
 * sql.c (the statement helpers) and store_migrate.c (the migration runner).
 * Nothing outside src/store/ includes this.
 */
#ifndef WG_STORE_IMPL_H
#define WG_STORE_IMPL_H

#include <stdint.h>

#include "store/db.h"
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

/* Monotonic nanoseconds. */
uint64_t store_now_ns(void);
/* Records the driver's message as the handle's last error; returns rc. */
int store_fail(store *s, int rc);
/* A replica that has replayed past the read floor, or NULL. */
void *store_replica_for_read(store *s);
/* Runs a script on the primary, timed; 0 or the error (recorded). */
int store_exec_sql(store *s, const char *sql);
/* The driver for a URL: PostgreSQL for postgres(ql)://, else SQLite. */
const struct db_driver *store_driver_for(const char *url);

#endif
