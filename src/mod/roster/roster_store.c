/* The roster module's SQL. */
#include "mod/roster/roster_store.h"

#include <string.h>

#include "core/err.h"
#include "store/sql.h"

#define IMPORT_COLS                                                                                              \
    "i.id, i.community_id, i.created_by, COALESCE(i.applied_by, 0), i.created_at, COALESCE(i.applied_at, 0), " \
    "p.name, i.filename, i.format, i.status, i.digest, i.counts, i.columns, i.nrows, i.nerrors "               \
    "FROM roster_import i JOIN place p ON p.id = i.community_id "

static void read_import(arena *a, store *s, void *st, void *item)
{
    struct st_roster_import *im = item;
    int i = 0;
    im->id = sql_col_int(s, st, i++);
    im->community_id = sql_col_int(s, st, i++);
    im->created_by = sql_col_int(s, st, i++);
    im->applied_by = sql_col_int(s, st, i++);
    im->created_at = sql_col_int(s, st, i++);
    im->applied_at = sql_col_int(s, st, i++);
    im->community_name = sql_col_str(a, s, st, i++);
    im->filename = sql_col_str(a, s, st, i++);
    im->format = sql_col_str(a, s, st, i++);
    im->status = sql_col_str(a, s, st, i++);
    im->digest = sql_col_str(a, s, st, i++);
    im->counts = sql_col_str(a, s, st, i++);
    im->columns = sql_col_str(a, s, st, i++);
    im->nrows = (int)sql_col_int(s, st, i++);
    im->nerrors = (int)sql_col_int(s, st, i++);
}

int roster_store_insert(store *s, struct st_roster_import *im)
{
    void *st = sql_prep(s, "INSERT INTO roster_import(community_id, created_by, filename, format, status, digest, counts, "
                           "columns, nrows, nerrors, created_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?8, ?9, ?10) "
                           "RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisssssiii", im->community_id, im->created_by, im->filename, im->format, im->digest, im->counts,
             im->columns, (int64_t)im->nrows, (int64_t)im->nerrors, im->created_at);
    return sql_insert_id(s, st, &im->id);
}

int roster_store_insert_row(store *s, int64_t import_id, const struct st_roster_row *r)
{
    void *st = sql_prep(s, "INSERT INTO roster_row(import_id, seq, row_no, grid, building, unit, room, name, phone, "
                           "relation, note, act_grid, act_building, act_household, act_person, act_member, changed, "
                           "err_col, err_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                           "?16, ?17, ?18, ?19)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisssssssssssss", import_id, (int64_t)r->seq, (int64_t)r->row_no, r->grid, r->building,
             r->unit, r->room, r->name, r->phone, r->relation, r->note, r->act_grid, r->act_building,
             r->act_household, r->act_person, r->act_member);
    sql_bind_from(s, st, 17, "iss", (int64_t)r->changed, r->err_col, r->err_code);
    return sql_exec(s, st);
}

int roster_store_get(store *s, arena *a, int64_t id, struct st_roster_import *out)
{
    void *st = sql_prep(s, "SELECT " IMPORT_COLS "WHERE i.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_import, out);
}

int roster_store_list(store *s, arena *a, int64_t community_id, int limit, struct st_roster_import **out, int *n)
{
    void *st = sql_prep(s, "SELECT " IMPORT_COLS "WHERE i.community_id = ?1 ORDER BY i.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_import, (void **)out, n);
}

#define ROW_COLS                                                                                                 \
    "seq, row_no, grid, building, unit, room, name, phone, relation, note, act_grid, act_building, "           \
    "act_household, act_person, act_member, changed, err_col, err_code FROM roster_row "

static void read_row(arena *a, store *s, void *st, void *item)
{
    struct st_roster_row *r = item;
    int i = 0;
    r->seq = (int)sql_col_int(s, st, i++);
    r->row_no = (int)sql_col_int(s, st, i++);
    r->grid = sql_col_str(a, s, st, i++);
    r->building = sql_col_str(a, s, st, i++);
    r->unit = sql_col_str(a, s, st, i++);
    r->room = sql_col_str(a, s, st, i++);
    r->name = sql_col_str(a, s, st, i++);
    r->phone = sql_col_str(a, s, st, i++);
    r->relation = sql_col_str(a, s, st, i++);
    r->note = sql_col_str(a, s, st, i++);
    r->act_grid = sql_col_str(a, s, st, i++);
    r->act_building = sql_col_str(a, s, st, i++);
    r->act_household = sql_col_str(a, s, st, i++);
    r->act_person = sql_col_str(a, s, st, i++);
    r->act_member = sql_col_str(a, s, st, i++);
    r->changed = (int)sql_col_int(s, st, i++);
    r->err_col = sql_col_str(a, s, st, i++);
    r->err_code = sql_col_str(a, s, st, i++);
}

int roster_store_rows(store *s, arena *a, int64_t import_id, const char *filter, int limit, int offset,
                      struct st_roster_row **out, int *n, int *total)
{
    void *st, *ct;
    if (strcmp(filter, "errors") == 0) {
        st = sql_prep(s, "SELECT " ROW_COLS "WHERE import_id = ?1 AND err_code IS NOT NULL ORDER BY seq LIMIT ?2 OFFSET ?3");
        ct = sql_prep(s, "SELECT count(*) FROM roster_row WHERE import_id = ?1 AND err_code IS NOT NULL");
    } else if (strcmp(filter, "changes") == 0) {
        st = sql_prep(s, "SELECT " ROW_COLS "WHERE import_id = ?1 AND changed = 1 ORDER BY seq LIMIT ?2 OFFSET ?3");
        ct = sql_prep(s, "SELECT count(*) FROM roster_row WHERE import_id = ?1 AND changed = 1");
    } else {
        st = sql_prep(s, "SELECT " ROW_COLS "WHERE import_id = ?1 ORDER BY seq LIMIT ?2 OFFSET ?3");
        ct = sql_prep(s, "SELECT count(*) FROM roster_row WHERE import_id = ?1");
    }
    if (st == NULL || ct == NULL)
        return WG_EDB;
    sql_bind(s, ct, "i", import_id);
    int rc = sql_count(s, ct, total);
    if (rc)
        return rc;
    sql_bind(s, st, "iii", import_id, (int64_t)limit, (int64_t)offset);
    return sql_collect(s, a, st, sizeof **out, limit, read_row, (void **)out, n);
}

int roster_store_all_rows(store *s, arena *a, int64_t import_id, int cap, struct st_roster_row **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ROW_COLS "WHERE import_id = ?1 ORDER BY seq");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", import_id);
    return sql_collect(s, a, st, sizeof **out, cap, read_row, (void **)out, n);
}

int roster_store_finish(store *s, int64_t id, const char *status, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE roster_import SET status = ?2, applied_by = ?3, applied_at = ?4 "
                           "WHERE id = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", id, status, by, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

struct each_place {
    roster_place_fn fn;
    void *ud;
};

static void place_row(arena *a, store *s, void *st, void *ud)
{
    struct each_place *e = ud;
    struct roster_place_row p = {.id = sql_col_int(s, st, 0), .parent_id = sql_col_int(s, st, 1),
                                 .kind = sql_col_str(a, s, st, 2), .code = sql_col_str(a, s, st, 3),
                                 .name = sql_col_str(a, s, st, 4)};
    e->fn(e->ud, &p);
}

int roster_store_places(store *s, arena *a, int64_t community_id, roster_place_fn fn, void *ud)
{
    /* grids before buildings before households: a child finds its parent */
    void *st = sql_prep(s, "SELECT id, parent_id, kind, code, name FROM place WHERE community_id = ?1 AND kind IN "
                           "('grid','building','household') ORDER BY CASE kind WHEN 'grid' THEN 0 WHEN 'building' "
                           "THEN 1 ELSE 2 END, id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    struct each_place e = {fn, ud};
    return sql_each(s, a, st, place_row, &e);
}

struct each_member {
    roster_member_fn fn;
    void *ud;
};

static void member_row(arena *a, store *s, void *st, void *ud)
{
    struct each_member *e = ud;
    struct roster_member_row m = {.person_id = sql_col_int(s, st, 0), .household_id = sql_col_int(s, st, 1),
                                  .person_community = sql_col_int(s, st, 2), .phone = sql_col_str(a, s, st, 3),
                                  .name = sql_col_str(a, s, st, 4), .relation = sql_col_str(a, s, st, 5)};
    e->fn(e->ud, &m);
}

int roster_store_members(store *s, arena *a, int64_t community_id, roster_member_fn fn, void *ud)
{
    void *st = sql_prep(s, "SELECT pe.id, m.household_id, COALESCE(pe.community_id, 0), pe.phone, pe.name, m.relation "
                           "FROM household_member m JOIN person pe ON pe.id = m.person_id WHERE m.community_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    struct each_member e = {fn, ud};
    return sql_each(s, a, st, member_row, &e);
}

struct each_resident {
    void (*fn)(void *ud, int64_t person_id, int64_t place_id);
    void *ud;
};

static void resident_row(arena *a, store *s, void *st, void *ud)
{
    (void)a;
    struct each_resident *e = ud;
    e->fn(e->ud, sql_col_int(s, st, 0), sql_col_int(s, st, 1));
}

int roster_store_residents(store *s, arena *a, int64_t community_id, void (*fn)(void *ud, int64_t person_id, int64_t place_id),
                           void *ud)
{
    void *st = sql_prep(s, "SELECT person_id, place_id FROM role_assignment WHERE community_id = ?1 AND role = 'resident'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", community_id);
    struct each_resident e = {fn, ud};
    return sql_each(s, a, st, resident_row, &e);
}

int roster_store_member_relation(store *s, int64_t household_id, int64_t person_id, const char *relation)
{
    void *st = sql_prep(s, "UPDATE household_member SET relation = ?3 WHERE household_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iis", household_id, person_id, relation);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}
