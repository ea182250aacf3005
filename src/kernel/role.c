/* Role assignments (see role.h). */
#include "kernel/role.h"

#include <string.h>
#include <time.h>

#include "store/sql.h"

static const char *const role_names[ROLE_COUNT] = {"resident", "building_leader", "grid_worker",
                                                   "community_staff", "street_admin"};

const char *role_name(enum role r)
{
    return r < ROLE_COUNT ? role_names[r] : "?";
}

int role_parse(const char *s, enum role *out)
{
    for (int i = 0; s && i < ROLE_COUNT; i++)
        if (strcmp(s, role_names[i]) == 0) {
            *out = (enum role)i;
            return 0;
        }
    return WG_EINVAL;
}

#define ROLE_COLS "r.id, r.person_id, r.role, r.place_id, p.kind, p.name, p.path, p.code, r.community_id, r.is_primary, pe.name"

static void read_role(arena *a, store *s, void *st, void *item)
{
    struct st_role *r = item;
    r->id = sql_col_int(s, st, 0);
    r->person_id = sql_col_int(s, st, 1);
    r->role = sql_col_str(a, s, st, 2);
    r->place_id = sql_col_int(s, st, 3);
    r->place_kind = sql_col_str(a, s, st, 4);
    r->place_name = sql_col_str(a, s, st, 5);
    r->place_path = sql_col_str(a, s, st, 6);
    r->place_code = sql_col_str(a, s, st, 7);
    r->community_id = sql_col_int(s, st, 8);
    r->is_primary = (int)sql_col_int(s, st, 9);
    r->person_name = sql_col_str(a, s, st, 10);
}

int role_insert(store *s, struct st_role *r)
{
    /* the community comes from the place; a missing place fails the foreign key */
    void *st = sql_prep(s, "INSERT INTO role_assignment(person_id, role, place_id, community_id, is_primary, created_at) "
                       "VALUES (?1, ?2, ?3, (SELECT community_id FROM place WHERE id = ?3), ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isiii", r->person_id, r->role, r->place_id, (int64_t)r->is_primary, (int64_t)time(NULL));
    return sql_insert_id(s, st, &r->id);
}

int role_list(store *s, arena *a, int64_t person_id, struct st_role **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ROLE_COLS " FROM role_assignment r JOIN place p ON p.id = r.place_id "
                               "JOIN person pe ON pe.id = r.person_id WHERE r.person_id = ?1 ORDER BY r.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", person_id);
    return sql_collect(s, a, st, sizeof **out, 64, read_role, (void **)out, n);
}

int role_holders(store *s, arena *a, int64_t place_id, const char *role, struct st_role **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ROLE_COLS " FROM role_assignment r JOIN place p ON p.id = r.place_id "
                               "JOIN person pe ON pe.id = r.person_id WHERE r.place_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR r.role = ?2) "
                               "ORDER BY r.is_primary DESC, r.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", place_id, role);
    return sql_collect(s, a, st, sizeof **out, 100, read_role, (void **)out, n);
}
