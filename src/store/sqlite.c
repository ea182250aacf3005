/*
 * The SQLite backend of store.h. One connection per thread, WAL mode,
 * foreign keys on, synchronous=FULL so a commit is on disk before it returns.
 * Writers take a process-wide mutex and BEGIN IMMEDIATE (with a busy timeout
 * for other processes), so writes are serialised while readers go on.
 * Statements are prepared once per connection and cached by the address of
 * their SQL text (every SQL string here is a literal).
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embed.h"
#include "core/err.h"
#include "core/log.h"
#include "store/store.h"

#define STMT_CACHE 256

struct store {
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[STMT_CACHE];
    uint64_t ns;
    int in_tx;
    char err[256];
};

static pthread_mutex_t g_write_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int fail(store *s, int rc)
{
    int ext = sqlite3_extended_errcode(s->db);
    snprintf(s->err, sizeof s->err, "sqlite %d: %s", ext, sqlite3_errmsg(s->db));
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return WG_ECONFLICT;
    case SQLITE_FULL:
        return WG_EFULL;
    case SQLITE_IOERR:
        /* writes to a full disk may surface as I/O errors on some paths */
        return WG_EFULL;
    default:
        log_error("store: %s", s->err);
        return WG_EDB;
    }
}

const char *store_last_error(const store *s)
{
    return s->err;
}

uint64_t store_time_ns(const store *s)
{
    return s->ns;
}

static sqlite3_stmt *prep(store *s, const char *sql)
{
    size_t h = ((uintptr_t)sql >> 4) % STMT_CACHE;
    for (size_t i = 0; i < STMT_CACHE; i++) {
        size_t k = (h + i) % STMT_CACHE;
        if (s->cache[k].sql == sql) {
            sqlite3_reset(s->cache[k].st);
            sqlite3_clear_bindings(s->cache[k].st);
            return s->cache[k].st;
        }
        if (s->cache[k].sql == NULL) {
            sqlite3_stmt *st = NULL;
            if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
                log_error("store: prepare failed: %s in: %s", sqlite3_errmsg(s->db), sql);
                return NULL;
            }
            s->cache[k].sql = sql;
            s->cache[k].st = st;
            return st;
        }
    }
    log_error("store: statement cache full");
    return NULL;
}

/* Binds by a format: i = int64, I = int64 with 0 as NULL, s = text or NULL,
 * d = double, b = 32-byte blob. */
static void bind(sqlite3_stmt *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (int i = 1; *fmt; fmt++, i++) {
        switch (*fmt) {
        case 'i':
            sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
            break;
        case 'I': {
            int64_t v = va_arg(ap, int64_t);
            if (v)
                sqlite3_bind_int64(st, i, v);
            else
                sqlite3_bind_null(st, i);
            break;
        }
        case 's': {
            const char *v = va_arg(ap, const char *);
            if (v)
                sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, i);
            break;
        }
        case 'b':
            sqlite3_bind_blob(st, i, va_arg(ap, const unsigned char *), 32, SQLITE_STATIC);
            break;
        }
    }
    va_end(ap);
}

/* One step, timed. Returns SQLITE_ROW, SQLITE_DONE or an error code. */
static int step(store *s, sqlite3_stmt *st)
{
    uint64_t t0 = now_ns();
    int rc = sqlite3_step(st);
    s->ns += now_ns() - t0;
    return rc;
}

/* Runs a statement that returns no rows. */
static int exec_stmt(store *s, sqlite3_stmt *st)
{
    int rc = step(s, st);
    if (rc != SQLITE_DONE) {
        int err = fail(s, rc);
        sqlite3_reset(st);
        return err;
    }
    sqlite3_reset(st);
    return 0;
}

static const char *col_str(arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

static int64_t col_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_int64(st, i);
}

/* Collects rows into an arena array; read() converts one row. */
typedef void (*row_fn)(arena *a, sqlite3_stmt *st, void *item);
static int collect(store *s, arena *a, sqlite3_stmt *st, size_t item_size, int cap, row_fn read,
                   void **out, int *n)
{
    int count = 0, alloc = 8, rc;
    char *items = arena_alloc(a, item_size * (size_t)alloc);
    while ((rc = step(s, st)) == SQLITE_ROW) {
        if (count == cap)
            break;
        if (count == alloc) {
            char *more = arena_alloc(a, item_size * (size_t)alloc * 2);
            memcpy(more, items, item_size * (size_t)alloc);
            items = more;
            alloc *= 2;
        }
        memset(items + item_size * (size_t)count, 0, item_size);
        read(a, st, items + item_size * (size_t)count);
        count++;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        int err = fail(s, rc);
        sqlite3_reset(st);
        return err;
    }
    sqlite3_reset(st);
    *out = items;
    *n = count;
    return 0;
}

/* Reads exactly one row; ENOTFOUND when there is none. */
static int one(store *s, arena *a, sqlite3_stmt *st, row_fn read, void *item)
{
    int rc = step(s, st);
    if (rc == SQLITE_ROW) {
        read(a, st, item);
        sqlite3_reset(st);
        return 0;
    }
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return WG_ENOTFOUND;
    }
    int err = fail(s, rc);
    sqlite3_reset(st);
    return err;
}

static int count_query(store *s, sqlite3_stmt *st, int *n)
{
    int rc = step(s, st);
    if (rc != SQLITE_ROW) {
        int err = fail(s, rc);
        sqlite3_reset(st);
        return err;
    }
    *n = (int)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* ---- open, migrate, transactions ---- */

static int exec_sql(store *s, const char *sql)
{
    char *msg = NULL;
    uint64_t t0 = now_ns();
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    s->ns += now_ns() - t0;
    if (rc != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return (rc & 0xff) == SQLITE_FULL ? WG_EFULL : (rc & 0xff) == SQLITE_CONSTRAINT ? WG_ECONFLICT : WG_EDB;
    }
    return 0;
}

int store_open(const char *url, store **out)
{
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    if (strncmp(url, "postgres", 8) == 0) {
        log_error("store: PostgreSQL is not built into this version");
        return WG_EINVAL;
    }
    store *s = calloc(1, sizeof *s);
    if (s == NULL)
        return WG_EDB;
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        log_error("store: cannot open %s: %s", path, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        store_close(s);
        return WG_EDB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    rc = exec_sql(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                     "PRAGMA temp_store=MEMORY;");
    if (rc != 0) {
        log_error("store: cannot configure %s: %s", path, s->err);
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void store_close(store *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < STMT_CACHE; i++)
        if (s->cache[i].st)
            sqlite3_finalize(s->cache[i].st);
    if (s->db)
        sqlite3_close(s->db);
    free(s);
}

int store_schema_version(store *s, int *version)
{
    sqlite3_stmt *st = prep(s, "PRAGMA user_version");
    if (st == NULL)
        return WG_EDB;
    return count_query(s, st, version);
}

static int cmp_embed(const void *x, const void *y)
{
    return strcmp((*(const struct embed_file *const *)x)->name, (*(const struct embed_file *const *)y)->name);
}

int store_migrate(store *s, int *applied)
{
    const struct embed_file *files[64];
    size_t nf = 0;
    static const char prefix[] = "store/migrations/";
    for (size_t i = 0; i < embed_count && nf < 64; i++)
        if (strncmp(embed_files[i].name, prefix, sizeof prefix - 1) == 0)
            files[nf++] = &embed_files[i];
    qsort(files, nf, sizeof files[0], cmp_embed);
    int version = 0, done = 0, rc;
    char sql[64];
    pthread_mutex_lock(&g_write_lock);
    rc = exec_sql(s, "BEGIN IMMEDIATE");
    if (rc)
        goto out;
    rc = store_schema_version(s, &version);
    for (size_t i = 0; rc == 0 && i < nf; i++) {
        long v = strtol(files[i]->name + sizeof prefix - 1, NULL, 10);
        if (v <= version)
            continue;
        /* embedded files end with a NUL, so the text is a C string */
        rc = exec_sql(s, (const char *)files[i]->data);
        if (rc) {
            log_error("store: migration %s failed: %s", files[i]->name, s->err);
            break;
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version=%ld", v);
        rc = exec_sql(s, sql);
        done++;
    }
    if (rc == 0)
        rc = exec_sql(s, "COMMIT");
    if (rc)
        exec_sql(s, "ROLLBACK");
out:
    pthread_mutex_unlock(&g_write_lock);
    if (applied)
        *applied = rc == 0 ? done : 0;
    return rc;
}

int store_check_integrity(store *s)
{
    sqlite3_stmt *st = prep(s, "PRAGMA integrity_check");
    if (st == NULL)
        return WG_EDB;
    int rc = step(s, st), ok = 0;
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        ok = t && strcmp((const char *)t, "ok") == 0;
        if (!ok)
            snprintf(s->err, sizeof s->err, "integrity: %s", t ? (const char *)t : "?");
    }
    sqlite3_reset(st);
    return ok ? 0 : WG_EDB;
}

int store_begin(store *s)
{
    pthread_mutex_lock(&g_write_lock);
    int rc = exec_sql(s, "BEGIN IMMEDIATE");
    if (rc) {
        pthread_mutex_unlock(&g_write_lock);
        return rc;
    }
    s->in_tx = 1;
    return 0;
}

int store_commit(store *s)
{
    int rc = exec_sql(s, "COMMIT");
    if (rc) {
        exec_sql(s, "ROLLBACK");
    }
    s->in_tx = 0;
    pthread_mutex_unlock(&g_write_lock);
    return rc;
}

void store_rollback(store *s)
{
    if (!s->in_tx)
        return;
    exec_sql(s, "ROLLBACK");
    s->in_tx = 0;
    pthread_mutex_unlock(&g_write_lock);
}

int store_end(store *s, int rc)
{
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s);
}

/* ---- settings ---- */

static void read_str0(arena *a, sqlite3_stmt *st, void *item)
{
    *(const char **)item = col_str(a, st, 0);
}

int store_setting_get(store *s, arena *a, const char *key, const char **value)
{
    sqlite3_stmt *st = prep(s, "SELECT value FROM setting WHERE key = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "s", key);
    return one(s, a, st, read_str0, value);
}

int store_setting_set(store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO setting(key, value) VALUES (?1, ?2) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (st == NULL)
        return WG_EDB;
    bind(st, "ss", key, value);
    return exec_stmt(s, st);
}

/* ---- places ---- */

#define PLACE_COLS "p.id, p.kind, p.parent_id, p.community_id, p.code, p.name, p.path, p.area_dm2, p.reg_key, p.created_at"

static void read_place(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_place *p = item;
    p->id = col_int(st, 0);
    p->kind = col_str(a, st, 1);
    p->parent_id = col_int(st, 2);
    p->community_id = col_int(st, 3);
    p->code = col_str(a, st, 4);
    p->name = col_str(a, st, 5);
    p->path = col_str(a, st, 6);
    p->area_dm2 = col_int(st, 7);
    p->reg_key = col_str(a, st, 8);
    p->created_at = col_int(st, 9);
}

int store_place_get(store *s, arena *a, int64_t id, struct st_place *out)
{
    sqlite3_stmt *st = prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.id = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", id);
    return one(s, a, st, read_place, out);
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
    sqlite3_stmt *st = prep(s, "INSERT INTO place(kind, parent_id, community_id, code, name, path, area_dm2, reg_key, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, 'tmp', ?6, ?7, ?8)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "sIIssIsi", p->kind, p->parent_id, community, p->code, p->name, p->area_dm2, p->reg_key, p->created_at);
    rc = exec_stmt(s, st);
    if (rc)
        return rc;
    p->id = sqlite3_last_insert_rowid(s->db);
    if (strcmp(p->kind, "community") == 0)
        community = p->id;
    p->community_id = community;
    p->path = arena_printf(a, "%s%lld/", p->parent_id ? parent.path : "/", (long long)p->id);
    st = prep(s, "UPDATE place SET path = ?1, community_id = ?2 WHERE id = ?3");
    if (st == NULL)
        return WG_EDB;
    bind(st, "sIi", p->path, community, p->id);
    return exec_stmt(s, st);
}

int store_place_children(store *s, arena *a, int64_t parent_id, const char *kind,
                         int limit, int offset, struct st_place **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.parent_id = ?1 "
                               "AND (?2 IS NULL OR p.kind = ?2) ORDER BY p.code, p.id LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    bind(st, "isii", parent_id, kind, (int64_t)limit, (int64_t)offset);
    return collect(s, a, st, sizeof **out, limit, read_place, (void **)out, n);
}

int store_place_count_children(store *s, int64_t parent_id, const char *kind, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT count(*) FROM place WHERE parent_id = ?1 AND (?2 IS NULL OR kind = ?2)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "is", parent_id, kind);
    return count_query(s, st, n);
}

/* ---- people ---- */

#define PERSON_COLS "pe.id, pe.phone, pe.name, pe.pw_hash, pe.community_id, pe.is_volunteer, pe.is_party_member, pe.created_at"

static void read_person(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_person *p = item;
    p->id = col_int(st, 0);
    p->phone = col_str(a, st, 1);
    p->name = col_str(a, st, 2);
    p->pw_hash = col_str(a, st, 3);
    p->community_id = col_int(st, 4);
    p->is_volunteer = (int)col_int(st, 5);
    p->is_party_member = (int)col_int(st, 6);
    p->created_at = col_int(st, 7);
}

int store_person_insert(store *s, struct st_person *p)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO person(phone, name, pw_hash, community_id, is_volunteer, is_party_member, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "sssIiii", p->phone, p->name, p->pw_hash, p->community_id, (int64_t)p->is_volunteer,
         (int64_t)p->is_party_member, p->created_at);
    int rc = exec_stmt(s, st);
    if (rc == 0)
        p->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_person_get(store *s, arena *a, int64_t id, struct st_person *out)
{
    sqlite3_stmt *st = prep(s, "SELECT " PERSON_COLS " FROM person pe WHERE pe.id = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", id);
    return one(s, a, st, read_person, out);
}

int store_person_by_phone(store *s, arena *a, const char *phone, struct st_person *out)
{
    sqlite3_stmt *st = prep(s, "SELECT " PERSON_COLS " FROM person pe WHERE pe.phone = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "s", phone);
    return one(s, a, st, read_person, out);
}

int store_person_list(store *s, arena *a, const char *path_prefix, int limit, int offset,
                      struct st_person **out, int *n)
{
    sqlite3_stmt *st = prep(s,
        "SELECT " PERSON_COLS " FROM person pe WHERE pe.id IN ("
        " SELECT r.person_id FROM role_assignment r JOIN place p ON p.id = r.place_id"
        "  WHERE substr(p.path, 1, length(?1)) = ?1"
        " UNION SELECT c.person_id FROM household_claim c JOIN place p ON p.id = c.household_id"
        "  WHERE substr(p.path, 1, length(?1)) = ?1)"
        " ORDER BY pe.name, pe.id LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    bind(st, "sii", path_prefix, (int64_t)limit, (int64_t)offset);
    return collect(s, a, st, sizeof **out, limit, read_person, (void **)out, n);
}

/* ---- roles ---- */

#define ROLE_COLS "r.id, r.person_id, r.role, r.place_id, p.kind, p.name, p.path, p.code, r.community_id, r.is_primary, pe.name"

static void read_role(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_role *r = item;
    r->id = col_int(st, 0);
    r->person_id = col_int(st, 1);
    r->role = col_str(a, st, 2);
    r->place_id = col_int(st, 3);
    r->place_kind = col_str(a, st, 4);
    r->place_name = col_str(a, st, 5);
    r->place_path = col_str(a, st, 6);
    r->place_code = col_str(a, st, 7);
    r->community_id = col_int(st, 8);
    r->is_primary = (int)col_int(st, 9);
    r->person_name = col_str(a, st, 10);
}

int store_role_insert(store *s, struct st_role *r)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO role_assignment(person_id, role, place_id, community_id, is_primary, created_at) "
                               "SELECT ?1, ?2, ?3, community_id, ?4, ?5 FROM place WHERE id = ?3");
    if (st == NULL)
        return WG_EDB;
    bind(st, "isiii", r->person_id, r->role, r->place_id, (int64_t)r->is_primary, (int64_t)time(NULL));
    int rc = exec_stmt(s, st);
    if (rc == 0) {
        if (sqlite3_changes(s->db) == 0)
            return WG_ENOTFOUND;
        r->id = sqlite3_last_insert_rowid(s->db);
    }
    return rc;
}

int store_roles_of(store *s, arena *a, int64_t person_id, struct st_role **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " ROLE_COLS " FROM role_assignment r JOIN place p ON p.id = r.place_id "
                               "JOIN person pe ON pe.id = r.person_id WHERE r.person_id = ?1 ORDER BY r.id");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", person_id);
    return collect(s, a, st, sizeof **out, 64, read_role, (void **)out, n);
}

int store_role_holders(store *s, arena *a, int64_t place_id, const char *role,
                       struct st_role **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " ROLE_COLS " FROM role_assignment r JOIN place p ON p.id = r.place_id "
                               "JOIN person pe ON pe.id = r.person_id WHERE r.place_id = ?1 AND (?2 IS NULL OR r.role = ?2) "
                               "ORDER BY r.is_primary DESC, r.id");
    if (st == NULL)
        return WG_EDB;
    bind(st, "is", place_id, role);
    return collect(s, a, st, sizeof **out, 100, read_role, (void **)out, n);
}

/* ---- claims and members ---- */

#define CLAIM_COLS "c.id, c.person_id, pe.name, pe.phone, c.household_id, h.code, h.path, b.name, c.community_id, " \
                   "c.relation, c.status, c.reason, c.decided_by, c.decided_at, c.created_at"
#define CLAIM_FROM " FROM household_claim c JOIN person pe ON pe.id = c.person_id JOIN place h ON h.id = c.household_id " \
                   "LEFT JOIN place b ON b.id = h.parent_id "

static void read_claim(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_claim *c = item;
    c->id = col_int(st, 0);
    c->person_id = col_int(st, 1);
    c->person_name = col_str(a, st, 2);
    c->person_phone = col_str(a, st, 3);
    c->household_id = col_int(st, 4);
    c->household_code = col_str(a, st, 5);
    c->household_path = col_str(a, st, 6);
    c->building_name = col_str(a, st, 7);
    c->community_id = col_int(st, 8);
    c->relation = col_str(a, st, 9);
    c->status = col_str(a, st, 10);
    c->reason = col_str(a, st, 11);
    c->decided_by = col_int(st, 12);
    c->decided_at = col_int(st, 13);
    c->created_at = col_int(st, 14);
}

int store_claim_insert(store *s, struct st_claim *c)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO household_claim(person_id, household_id, community_id, relation, status, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, 'pending', ?5)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iiisi", c->person_id, c->household_id, c->community_id, c->relation, c->created_at);
    int rc = exec_stmt(s, st);
    if (rc == 0)
        c->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_claim_get(store *s, arena *a, int64_t id, struct st_claim *out)
{
    sqlite3_stmt *st = prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", id);
    return one(s, a, st, read_claim, out);
}

int store_claim_list(store *s, arena *a, int64_t community_id, const char *status,
                     int limit, int offset, struct st_claim **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.community_id = ?1 AND (?2 IS NULL OR c.status = ?2) "
                               "ORDER BY c.id DESC LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    bind(st, "isii", community_id, status, (int64_t)limit, (int64_t)offset);
    return collect(s, a, st, sizeof **out, limit, read_claim, (void **)out, n);
}

int store_claim_count(store *s, int64_t community_id, const char *status, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT count(*) FROM household_claim WHERE community_id = ?1 AND (?2 IS NULL OR status = ?2)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "is", community_id, status);
    return count_query(s, st, n);
}

int store_claims_of_person(store *s, arena *a, int64_t person_id, struct st_claim **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.person_id = ?1 ORDER BY c.id DESC LIMIT 50");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", person_id);
    return collect(s, a, st, sizeof **out, 50, read_claim, (void **)out, n);
}

int store_claim_decide(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at)
{
    sqlite3_stmt *st = prep(s, "UPDATE household_claim SET status = ?2, reason = ?3, decided_by = ?4, decided_at = ?5 "
                               "WHERE id = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    bind(st, "issii", id, status, reason, by, at);
    int rc = exec_stmt(s, st);
    if (rc == 0 && sqlite3_changes(s->db) == 0)
        return WG_ECONFLICT;
    return rc;
}

int store_member_insert(store *s, int64_t household_id, int64_t person_id, int64_t community_id,
                        const char *relation, int64_t at)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO household_member(household_id, person_id, community_id, relation, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iiisi", household_id, person_id, community_id, relation, at);
    return exec_stmt(s, st);
}

/* ---- organisations ---- */

static void read_org(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_org *o = item;
    o->id = col_int(st, 0);
    o->kind = col_str(a, st, 1);
    o->name = col_str(a, st, 2);
    o->place_id = col_int(st, 3);
    o->community_id = col_int(st, 4);
    o->parent_id = col_int(st, 5);
    o->responsible_id = col_int(st, 6);
    o->responsible_name = col_str(a, st, 7);
    o->place_name = col_str(a, st, 8);
}

int store_org_insert(store *s, struct st_org *o)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO org_unit(kind, name, place_id, community_id, parent_id, responsible_id, created_at) "
                               "SELECT ?1, ?2, ?3, community_id, ?4, ?5, ?6 FROM place WHERE id = ?3");
    if (st == NULL)
        return WG_EDB;
    bind(st, "ssiIIi", o->kind, o->name, o->place_id, o->parent_id, o->responsible_id, (int64_t)time(NULL));
    int rc = exec_stmt(s, st);
    if (rc == 0)
        o->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_org_list(store *s, arena *a, const char *path_prefix, struct st_org **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT o.id, o.kind, o.name, o.place_id, o.community_id, o.parent_id, o.responsible_id, "
                               "pe.name, p.name FROM org_unit o JOIN place p ON p.id = o.place_id "
                               "LEFT JOIN person pe ON pe.id = o.responsible_id "
                               "WHERE substr(p.path, 1, length(?1)) = ?1 ORDER BY p.path, o.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    bind(st, "s", path_prefix);
    return collect(s, a, st, sizeof **out, 500, read_org, (void **)out, n);
}

/* ---- coverage ---- */

int store_places_without_role(store *s, arena *a, int64_t community_id, const char *kind,
                              const char *role, struct st_place **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.community_id = ?1 AND p.kind = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM role_assignment r WHERE r.place_id = p.id AND r.role = ?3) "
                               "ORDER BY p.code, p.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iss", community_id, kind, role);
    return collect(s, a, st, sizeof **out, 1000, read_place, (void **)out, n);
}

int store_places_without_org(store *s, arena *a, int64_t community_id, const char *kind,
                             const char *org_kind, struct st_place **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT " PLACE_COLS " FROM place p WHERE p.community_id = ?1 AND p.kind = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM org_unit o WHERE o.place_id = p.id AND o.kind = ?3) "
                               "ORDER BY p.code, p.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iss", community_id, kind, org_kind);
    return collect(s, a, st, sizeof **out, 1000, read_place, (void **)out, n);
}

/* ---- sessions ---- */

static void read_session(arena *a, sqlite3_stmt *st, void *item)
{
    (void)a;
    struct st_session *ss = item;
    ss->person_id = col_int(st, 0);
    ss->is_staff = (int)col_int(st, 1);
    ss->created_at = col_int(st, 2);
    ss->last_seen = col_int(st, 3);
    ss->expires_at = col_int(st, 4);
}

int store_session_insert(store *s, const unsigned char hash[32], const struct st_session *ss)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO session(token_hash, person_id, is_staff, created_at, last_seen, expires_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "biiiii", hash, ss->person_id, (int64_t)ss->is_staff, ss->created_at, ss->last_seen, ss->expires_at);
    return exec_stmt(s, st);
}

int store_session_get(store *s, const unsigned char hash[32], struct st_session *out)
{
    sqlite3_stmt *st = prep(s, "SELECT person_id, is_staff, created_at, last_seen, expires_at FROM session WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "b", hash);
    return one(s, NULL, st, read_session, out);
}

int store_session_touch(store *s, const unsigned char hash[32], int64_t at)
{
    sqlite3_stmt *st = prep(s, "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "bi", hash, at);
    return exec_stmt(s, st);
}

int store_session_delete(store *s, const unsigned char hash[32])
{
    sqlite3_stmt *st = prep(s, "DELETE FROM session WHERE token_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "b", hash);
    return exec_stmt(s, st);
}

/* ---- audit ---- */

int store_audit_insert(store *s, const struct st_audit *e)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO audit(at, actor_id, ip, action, target, detail, community_id) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iIssssI", e->at, e->actor_id, e->ip, e->action, e->target, e->detail, e->community_id);
    return exec_stmt(s, st);
}

int store_audit_count(store *s, const char *action, const char *target, const char *ip, int64_t since, int *n)
{
    sqlite3_stmt *st;
    if (target != NULL) {
        st = prep(s, "SELECT count(*) FROM audit WHERE action = ?1 AND target = ?2 AND at >= ?3");
        if (st == NULL)
            return WG_EDB;
        bind(st, "ssi", action, target, since);
    } else {
        st = prep(s, "SELECT count(*) FROM audit WHERE action = ?1 AND ip = ?2 AND at >= ?3");
        if (st == NULL)
            return WG_EDB;
        bind(st, "ssi", action, ip, since);
    }
    return count_query(s, st, n);
}

static void read_audit(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_audit *e = item;
    e->id = col_int(st, 0);
    e->at = col_int(st, 1);
    e->actor_id = col_int(st, 2);
    e->ip = col_str(a, st, 3);
    e->action = col_str(a, st, 4);
    e->target = col_str(a, st, 5);
    e->detail = col_str(a, st, 6);
    e->community_id = col_int(st, 7);
}

int store_audit_list(store *s, arena *a, int64_t community_id, int limit, int offset,
                     struct st_audit **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT id, at, actor_id, ip, action, target, detail, community_id FROM audit "
                               "WHERE community_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iii", community_id, (int64_t)limit, (int64_t)offset);
    return collect(s, a, st, sizeof **out, limit, read_audit, (void **)out, n);
}

/* ---- matters ---- */

#define MATTER_COLS "m.id, m.place_id, p.name, p.kind, p.path, m.community_id, m.category, m.title, m.body_md, " \
                    "m.author_id, pe.name, m.stage, m.merged_into, m.followers, m.created_at, m.updated_at"
#define MATTER_FROM " FROM matter m JOIN place p ON p.id = m.place_id JOIN person pe ON pe.id = m.author_id "

static void read_matter(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_matter *m = item;
    m->id = col_int(st, 0);
    m->place_id = col_int(st, 1);
    m->place_name = col_str(a, st, 2);
    m->place_kind = col_str(a, st, 3);
    m->place_path = col_str(a, st, 4);
    m->community_id = col_int(st, 5);
    m->category = col_str(a, st, 6);
    m->title = col_str(a, st, 7);
    m->body_md = col_str(a, st, 8);
    m->author_id = col_int(st, 9);
    m->author_name = col_str(a, st, 10);
    m->stage = col_str(a, st, 11);
    m->merged_into = col_int(st, 12);
    m->followers = (int)col_int(st, 13);
    m->created_at = col_int(st, 14);
    m->updated_at = col_int(st, 15);
}

int store_matter_insert(store *s, struct st_matter *m)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO matter(place_id, community_id, category, title, body_md, author_id, stage, created_at, updated_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iisssisi", m->place_id, m->community_id, m->category, m->title, m->body_md, m->author_id, m->stage,
         m->created_at);
    int rc = exec_stmt(s, st);
    if (rc == 0)
        m->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_matter_get(store *s, arena *a, int64_t id, struct st_matter *out)
{
    sqlite3_stmt *st = prep(s, "SELECT " MATTER_COLS MATTER_FROM "WHERE m.id = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", id);
    return one(s, a, st, read_matter, out);
}

#define MATTER_WHERE                                                                           \
    "WHERE substr(p.path, 1, length(?1)) = ?1 AND (?2 IS NULL OR m.stage = ?2) "             \
    "AND (?3 IS NULL OR m.category = ?3) AND (?4 IS NULL OR m.place_id = ?4) "                \
    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM matter_follow f WHERE f.matter_id = m.id AND f.person_id = ?5)) " \
    "AND (?6 IS NULL OR instr(m.title, ?6) > 0 OR instr(m.body_md, ?6) > 0) "              \
    "AND (?7 = 0 OR m.stage NOT IN ('withdrawn', 'rejected', 'merged')) "

int store_matter_list(store *s, arena *a, const struct st_matter_filter *f,
                      struct st_matter **out, int *n, int *total)
{
    sqlite3_stmt *st = prep(s, "SELECT " MATTER_COLS MATTER_FROM MATTER_WHERE "ORDER BY m.updated_at DESC, m.id DESC LIMIT ?8 OFFSET ?9");
    if (st == NULL)
        return WG_EDB;
    bind(st, "sssIIsiii", f->path_prefix, f->stage, f->category, f->place_id, f->followed_by, f->q,
         (int64_t)f->open_only, (int64_t)f->limit, (int64_t)f->offset);
    int rc = collect(s, a, st, sizeof **out, f->limit, read_matter, (void **)out, n);
    if (rc || total == NULL)
        return rc;
    st = prep(s, "SELECT count(*) FROM matter m JOIN place p ON p.id = m.place_id " MATTER_WHERE);
    if (st == NULL)
        return WG_EDB;
    bind(st, "sssIIsi", f->path_prefix, f->stage, f->category, f->place_id, f->followed_by, f->q,
         (int64_t)f->open_only);
    return count_query(s, st, total);
}

int store_matter_set_stage(store *s, int64_t id, const char *from, const char *to, int64_t merged_into, int64_t at)
{
    sqlite3_stmt *st = prep(s, "UPDATE matter SET stage = ?3, merged_into = ?4, updated_at = ?5 WHERE id = ?1 AND stage = ?2");
    if (st == NULL)
        return WG_EDB;
    bind(st, "issIi", id, from, to, merged_into, at);
    int rc = exec_stmt(s, st);
    if (rc == 0 && sqlite3_changes(s->db) == 0)
        return WG_ECONFLICT;
    return rc;
}

static void read_event(arena *a, sqlite3_stmt *st, void *item)
{
    struct st_event *e = item;
    e->id = col_int(st, 0);
    e->matter_id = col_int(st, 1);
    e->community_id = col_int(st, 2);
    e->actor_id = col_int(st, 3);
    e->at = col_int(st, 4);
    e->actor_name = col_str(a, st, 5);
    e->from_stage = col_str(a, st, 6);
    e->to_stage = col_str(a, st, 7);
    e->reason = col_str(a, st, 8);
}

int store_event_insert(store *s, struct st_event *e)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO matter_event(matter_id, community_id, actor_id, at, from_stage, to_stage, reason) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iiiisss", e->matter_id, e->community_id, e->actor_id, e->at, e->from_stage, e->to_stage, e->reason);
    int rc = exec_stmt(s, st);
    if (rc == 0)
        e->id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_events_of(store *s, arena *a, int64_t matter_id, struct st_event **out, int *n)
{
    sqlite3_stmt *st = prep(s, "SELECT e.id, e.matter_id, e.community_id, e.actor_id, e.at, pe.name, e.from_stage, e.to_stage, e.reason "
                               "FROM matter_event e JOIN person pe ON pe.id = e.actor_id WHERE e.matter_id = ?1 ORDER BY e.id LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    bind(st, "i", matter_id);
    return collect(s, a, st, sizeof **out, 500, read_event, (void **)out, n);
}

/* Keeps the denormalised follower count in step with matter_follow. */
static int add_followers(store *s, int64_t matter_id, int64_t delta)
{
    sqlite3_stmt *st = prep(s, "UPDATE matter SET followers = followers + ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    bind(st, "ii", matter_id, delta);
    return exec_stmt(s, st);
}

int store_follow(store *s, int64_t matter_id, int64_t person_id, int64_t community_id, int64_t at, int *changed)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO matter_follow(matter_id, person_id, community_id, created_at) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    bind(st, "iiii", matter_id, person_id, community_id, at);
    int rc = exec_stmt(s, st);
    if (rc)
        return rc;
    *changed = sqlite3_changes(s->db) > 0;
    return *changed ? add_followers(s, matter_id, 1) : 0;
}

int store_unfollow(store *s, int64_t matter_id, int64_t person_id, int *changed)
{
    sqlite3_stmt *st = prep(s, "DELETE FROM matter_follow WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    bind(st, "ii", matter_id, person_id);
    int rc = exec_stmt(s, st);
    if (rc)
        return rc;
    *changed = sqlite3_changes(s->db) > 0;
    return *changed ? add_followers(s, matter_id, -1) : 0;
}

int store_is_following(store *s, int64_t matter_id, int64_t person_id, int *yes)
{
    sqlite3_stmt *st = prep(s, "SELECT count(*) FROM matter_follow WHERE matter_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    bind(st, "ii", matter_id, person_id);
    return count_query(s, st, yes);
}
