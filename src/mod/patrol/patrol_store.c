/* The patrol module's SQL. */
#include "mod/patrol/patrol_store.h"

#include "core/err.h"
#include "store/sql.h"

int patrol_store_route_insert(store *s, struct st_route *r, int64_t by)
{
    void *st = sql_prep(s, "INSERT INTO patrol_route(community_id, place_id, name, created_by, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisii", r->community_id, r->place_id, r->name, by, r->created_at);
    return sql_insert_id(s, st, &r->id);
}

int patrol_store_point_insert(store *s, const struct st_route *r, int pos, const char *name, int64_t facility_id,
                              const char *token)
{
    void *st = sql_prep(s, "INSERT INTO patrol_point(route_id, community_id, position, name, facility_id, token) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisIs", r->id, r->community_id, (int64_t)pos, name, facility_id, token);
    return sql_exec(s, st);
}

static void read_route(arena *a, store *s, void *st, void *item)
{
    struct st_route *r = item;
    r->id = sql_col_int(s, st, 0);
    r->community_id = sql_col_int(s, st, 1);
    r->place_id = sql_col_int(s, st, 2);
    r->created_at = sql_col_int(s, st, 3);
    r->name = sql_col_str(a, s, st, 4);
    r->place_name = sql_col_str(a, s, st, 5);
    r->place_path = sql_col_str(a, s, st, 6);
}

#define ROUTE_COLS "r.id, r.community_id, r.place_id, r.created_at, r.name, p.name, p.path FROM patrol_route r " \
                   "JOIN place p ON p.id = r.place_id "

int patrol_store_route_get(store *s, arena *a, int64_t id, struct st_route *out)
{
    void *st = sql_prep(s, "SELECT " ROUTE_COLS "WHERE r.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_route, out);
}

int patrol_store_routes(store *s, arena *a, int64_t community_id, struct st_route **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ROUTE_COLS "WHERE r.community_id = ?1 ORDER BY r.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)PATROL_LIST_MAX);
    return sql_collect(s, a, st, sizeof **out, PATROL_LIST_MAX, read_route, (void **)out, n);
}

static void read_point(arena *a, store *s, void *st, void *item)
{
    struct st_point *p = item;
    p->id = sql_col_int(s, st, 0);
    p->route_id = sql_col_int(s, st, 1);
    p->facility_id = sql_col_int(s, st, 2);
    p->position = (int)sql_col_int(s, st, 3);
    p->name = sql_col_str(a, s, st, 4);
    p->token = sql_col_str(a, s, st, 5);
}

int patrol_store_points(store *s, arena *a, int64_t route_id, struct st_point **out, int *n)
{
    void *st = sql_prep(s, "SELECT id, route_id, COALESCE(facility_id, 0), position, name, token FROM patrol_point "
                           "WHERE route_id = ?1 ORDER BY position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", route_id);
    return sql_collect(s, a, st, sizeof **out, PATROL_POINTS_MAX, read_point, (void **)out, n);
}

int patrol_store_point_get(store *s, arena *a, int64_t id, struct st_point *out)
{
    void *st = sql_prep(s, "SELECT id, route_id, COALESCE(facility_id, 0), position, name, token FROM patrol_point "
                           "WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_point, out);
}

int patrol_store_round_insert(store *s, struct st_round *r, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO patrol_round(route_id, community_id, patroller_id, starts_at, ends_at, closed, "
                           "missed, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, ?6) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiii", r->route_id, r->community_id, r->patroller_id, r->starts_at, r->ends_at, at);
    return sql_insert_id(s, st, &r->id);
}

static void read_round(arena *a, store *s, void *st, void *item)
{
    struct st_round *r = item;
    r->id = sql_col_int(s, st, 0);
    r->route_id = sql_col_int(s, st, 1);
    r->community_id = sql_col_int(s, st, 2);
    r->patroller_id = sql_col_int(s, st, 3);
    r->starts_at = sql_col_int(s, st, 4);
    r->ends_at = sql_col_int(s, st, 5);
    r->closed = (int)sql_col_int(s, st, 6);
    r->missed = (int)sql_col_int(s, st, 7);
    r->checked = (int)sql_col_int(s, st, 8);
    r->patroller_name = sql_col_str(a, s, st, 9);
}

#define ROUND_COLS "r.id, r.route_id, r.community_id, r.patroller_id, r.starts_at, r.ends_at, r.closed, r.missed, " \
                   "(SELECT COUNT(*) FROM patrol_checkin k WHERE k.round_id = r.id), p.name FROM patrol_round r "     \
                   "JOIN person p ON p.id = r.patroller_id "

int patrol_store_round_get(store *s, arena *a, int64_t id, struct st_round *out)
{
    void *st = sql_prep(s, "SELECT " ROUND_COLS "WHERE r.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_round, out);
}

int patrol_store_rounds(store *s, arena *a, int64_t route_id, struct st_round **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ROUND_COLS "WHERE r.route_id = ?1 ORDER BY r.starts_at DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", route_id, (int64_t)PATROL_ROUNDS_SHOWN);
    return sql_collect(s, a, st, sizeof **out, PATROL_ROUNDS_SHOWN, read_round, (void **)out, n);
}

int patrol_store_open_round(store *s, int64_t route_id, int64_t person_id, int64_t t, int64_t *round_id)
{
    void *st = sql_prep(s, "SELECT id FROM patrol_round WHERE route_id = ?1 AND patroller_id = ?2 "
                           "AND starts_at <= ?3 AND ends_at >= ?3 AND closed = 0 ORDER BY id LIMIT 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", route_id, person_id, t);
    *round_id = 0;
    int rc = sql_one(s, NULL, st, sql_read_id, round_id);
    return rc == WG_ENOTFOUND ? 0 : rc;
}

int patrol_store_checkin(store *s, int64_t round_id, int64_t point_id, int64_t community_id, int64_t at, int64_t report_id)
{
    void *st = sql_prep(s, "INSERT INTO patrol_checkin(round_id, point_id, community_id, at, report_id) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiI", round_id, point_id, community_id, at, report_id);
    return sql_exec(s, st);
}

int patrol_store_close(store *s, int64_t round_id)
{
    void *st = sql_prep(s, "UPDATE patrol_round SET closed = 1, missed = (SELECT COUNT(*) FROM patrol_point p WHERE "
                           "p.route_id = patrol_round.route_id) - (SELECT COUNT(*) FROM patrol_checkin k WHERE "
                           "k.round_id = patrol_round.id) WHERE id = ?1 AND closed = 0");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", round_id);
    return sql_exec(s, st);
}
