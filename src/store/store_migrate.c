/*
 * The migration runner. Each owner of tables (the kernel, the edge, each
 * module: "kernel", "edge", "mod/vote"...) keeps numbered SQL files per
 * dialect in its own folder, compiled into the binary:
 *   OWNER/migrations/sqlite/0001_base.sql, OWNER/migrations/pg/0001_base.sql
 * The table wg_migration holds the version each owner has reached. Owners
 * migrate in the order given (the module list's), each file in its own
 * number's order, all in one transaction (PostgreSQL: under an advisory
 * lock, so that servers starting together migrate once).
 *
 * Databases made before modules had one version for everything (SQLite's
 * user_version, PostgreSQL's wg_schema), and its last number was
 * STORE_LEGACY_VERSION. The base file (0001_base.sql) of each owner that
 * existed then holds exactly its share of that schema, so such a database
 * counts those base files as applied and goes on from there; an owner added
 * since (the search module) runs its base file like a new database. An older legacy version is refused: migrate it to
 * STORE_LEGACY_VERSION with the release before modules first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/err.h"
#include "core/log.h"
#include "store/sql.h"
#include "store/store_impl.h"

#define MAX_FILES 64 /* per owner */

static int cmp_embed(const void *x, const void *y)
{
    return strcmp((*(const struct embed_file *const *)x)->name, (*(const struct embed_file *const *)y)->name);
}

/* The owner's migration files for this engine, in order; *prefix_len: the
 * length of "OWNER/migrations/DIALECT/". */
static size_t owner_files(const store *s, const char *owner, const struct embed_file **files, size_t *prefix_len)
{
    char prefix[160];
    size_t nf = 0;
    int plen = snprintf(prefix, sizeof prefix, "%s/migrations/%s/", owner, s->drv->migrations);
    if (plen < 0 || (size_t)plen >= sizeof prefix)
        return 0;
    for (size_t i = 0; i < embed_count && nf < MAX_FILES; i++)
        if (strncmp(embed_files[i].name, prefix, (size_t)plen) == 0)
            files[nf++] = &embed_files[i];
    qsort(files, nf, sizeof files[0], cmp_embed);
    *prefix_len = (size_t)plen;
    return nf;
}

int store_migration_version(store *s, const char *owner, int *version)
{
    void *st = sql_prep(s, "SELECT version FROM wg_migration WHERE owner = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", owner);
    *version = 0;
    int rc = sql_step(s, st);
    if (rc == DB_ROW)
        *version = (int)sql_col_int(s, st, 0);
    s->drv->reset(st);
    return rc < 0 ? rc : 0;
}

static int set_version(store *s, const char *owner, int version)
{
    void *st = sql_prep(s, "INSERT INTO wg_migration (owner, version) VALUES (?1, ?2) "
                           "ON CONFLICT (owner) DO UPDATE SET version = excluded.version");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", owner, (int64_t)version);
    return sql_exec(s, st);
}

/* A database from before modules: each owner's base file counts as applied. */
static int adopt_legacy(store *s, const char *const *owners, int nowners, int legacy)
{
    if (legacy != STORE_LEGACY_VERSION) {
        snprintf(s->err, sizeof s->err,
                 "schema version %d predates modules: migrate it to version %d with the release before them first",
                 legacy, STORE_LEGACY_VERSION);
        return WG_EINVAL;
    }
    /* the owners whose tables schema 12 holds; a module added since has its
     * base migration run like any other */
    static const char *const legacy_owners[] = {
        "kernel",      "edge",        "mod/notification", "mod/place", "mod/people",
        "mod/signin",  "mod/matter",  "mod/comment",      "mod/photo", "mod/opinion",
        "mod/council", "mod/vote",    "mod/meeting_photo", "mod/home", "mod/demo",
    };
    int rc = 0;
    for (int i = 0; rc == 0 && i < nowners; i++) {
        const struct embed_file *files[MAX_FILES];
        size_t plen = 0, nf = owner_files(s, owners[i], files, &plen);
        int was = 0;
        for (size_t k = 0; k < sizeof legacy_owners / sizeof *legacy_owners; k++)
            was |= strcmp(owners[i], legacy_owners[k]) == 0;
        if (was && nf > 0 && strcmp(files[0]->name + plen, "0001_base.sql") == 0)
            rc = set_version(s, owners[i], 1);
    }
    if (rc == 0)
        log_info("store: adopted a schema of version %d: every owner's base migration counts as applied", legacy);
    return rc;
}

static int migrate_owner(store *s, const char *owner, int *done)
{
    const struct embed_file *files[MAX_FILES];
    size_t plen = 0, nf = owner_files(s, owner, files, &plen);
    int version = 0, rc = store_migration_version(s, owner, &version);
    for (size_t i = 0; rc == 0 && i < nf; i++) {
        long v = strtol(files[i]->name + plen, NULL, 10);
        if (v <= version)
            continue;
        /* embedded files end with a NUL, so the text is a C string */
        if ((rc = store_exec_sql(s, (const char *)files[i]->data))) {
            log_error("store: migration %s failed: %s", files[i]->name, s->err);
            break;
        }
        rc = set_version(s, owner, (int)v);
        (*done)++;
    }
    return rc;
}

int store_migrate(store *s, const char *const *owners, int nowners, int *applied)
{
    int legacy = 0, known = 0, done = 0, rc;
    if ((rc = store_begin(s)))
        return rc;
    /* on PostgreSQL this takes the advisory lock for the transaction */
    rc = s->drv->schema_version(s->conn, &legacy);
    if (rc == 0)
        rc = store_exec_sql(s, "CREATE TABLE IF NOT EXISTS wg_migration "
                               "(owner TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    void *st = rc ? NULL : sql_prep(s, "SELECT count(*) FROM wg_migration");
    if (rc == 0)
        rc = st ? sql_count(s, st, &known) : WG_EDB;
    if (rc == 0 && known == 0 && legacy != 0)
        rc = adopt_legacy(s, owners, nowners, legacy);
    for (int i = 0; rc == 0 && i < nowners; i++)
        rc = migrate_owner(s, owners[i], &done);
    rc = store_end(s, rc);
    if (applied)
        *applied = rc == 0 ? done : 0;
    return rc;
}
