/* The facility module's SQL. */
#include "mod/facility/facility_store.h"

#include "core/err.h"
#include "store/sql.h"

#define FACILITY_COLS                                                                                          \
    "f.id, f.community_id, f.place_id, COALESCE(f.project_id, 0), COALESCE(f.keeper_id, 0), f.created_at, "   \
    "f.kind, f.name, f.description, p.name, p.path, k.name, j.title "                                        \
    "FROM facility f JOIN place p ON p.id = f.place_id LEFT JOIN person k ON k.id = f.keeper_id "             \
    "LEFT JOIN project j ON j.id = f.project_id "

int facility_store_insert(store *s, struct st_facility *f, int64_t by)
{
    void *st = sql_prep(s, "INSERT INTO facility(community_id, place_id, project_id, kind, name, description, keeper_id, "
                           "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIsssIii", f->community_id, f->place_id, f->project_id, f->kind, f->name, f->description,
             f->keeper_id, by, f->created_at);
    return sql_insert_id(s, st, &f->id);
}

int facility_store_photo(store *s, int64_t facility_id, int64_t photo_id, int64_t community_id, int pos)
{
    void *st = sql_prep(s, "INSERT INTO facility_photo(facility_id, photo_id, community_id, position) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", facility_id, photo_id, community_id, (int64_t)pos);
    return sql_exec(s, st);
}

static void read_facility(arena *a, store *s, void *st, void *item)
{
    struct st_facility *f = item;
    f->id = sql_col_int(s, st, 0);
    f->community_id = sql_col_int(s, st, 1);
    f->place_id = sql_col_int(s, st, 2);
    f->project_id = sql_col_int(s, st, 3);
    f->keeper_id = sql_col_int(s, st, 4);
    f->created_at = sql_col_int(s, st, 5);
    f->kind = sql_col_str(a, s, st, 6);
    f->name = sql_col_str(a, s, st, 7);
    f->description = sql_col_str(a, s, st, 8);
    f->place_name = sql_col_str(a, s, st, 9);
    f->place_path = sql_col_str(a, s, st, 10);
    f->keeper_name = sql_col_str(a, s, st, 11);
    f->project_title = sql_col_str(a, s, st, 12);
}

static int photos(store *s, arena *a, struct st_facility *f)
{
    int64_t *ids = NULL;
    void *st = sql_prep(s, "SELECT photo_id FROM facility_photo WHERE facility_id = ?1 ORDER BY position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", f->id);
    int rc = sql_collect(s, a, st, sizeof *ids, FACILITY_PHOTOS_MAX, sql_read_id, (void **)&ids, &f->nphotos);
    for (int i = 0; rc == 0 && i < f->nphotos; i++)
        f->photos[i] = ids[i];
    return rc;
}

int facility_store_get(store *s, arena *a, int64_t id, struct st_facility *out)
{
    void *st = sql_prep(s, "SELECT " FACILITY_COLS "WHERE f.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_one(s, a, st, read_facility, out);
    return rc ? rc : photos(s, a, out);
}

int facility_store_list(store *s, arena *a, int64_t community_id, struct st_facility **out, int *n)
{
    void *st = sql_prep(s, "SELECT " FACILITY_COLS "WHERE f.community_id = ?1 ORDER BY f.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)FACILITY_LIST_MAX);
    return sql_collect(s, a, st, sizeof **out, FACILITY_LIST_MAX, read_facility, (void **)out, n);
}

int facility_store_upkeep(store *s, int64_t facility_id, int64_t community_id, const char *kind, const char *note,
                          int64_t actor, int64_t at, int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO facility_upkeep(facility_id, community_id, kind, note, actor_id, at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iissii", facility_id, community_id, kind, note, actor, at);
    return sql_insert_id(s, st, id);
}

static void read_upkeep(arena *a, store *s, void *st, void *item)
{
    struct st_upkeep *u = item;
    u->id = sql_col_int(s, st, 0);
    u->facility_id = sql_col_int(s, st, 1);
    u->actor_id = sql_col_int(s, st, 2);
    u->at = sql_col_int(s, st, 3);
    u->kind = sql_col_str(a, s, st, 4);
    u->note = sql_col_str(a, s, st, 5);
    u->actor_name = sql_col_str(a, s, st, 6);
}

int facility_store_upkeeps(store *s, arena *a, int64_t facility_id, struct st_upkeep **out, int *n)
{
    void *st = sql_prep(s, "SELECT u.id, u.facility_id, u.actor_id, u.at, u.kind, u.note, p.name FROM facility_upkeep u "
                           "JOIN person p ON p.id = u.actor_id WHERE u.facility_id = ?1 ORDER BY u.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", facility_id, (int64_t)FACILITY_UPKEEP_SHOWN);
    return sql_collect(s, a, st, sizeof **out, FACILITY_UPKEEP_SHOWN, read_upkeep, (void **)out, n);
}
