/* The rota module's SQL. */
#include "mod/rota/rota_store.h"

#include "core/err.h"
#include "store/sql.h"

int rota_store_insert(store *s, struct st_rota *r, int64_t by)
{
    void *st = sql_prep(s, "INSERT INTO rota(community_id, place_id, facility_id, title, task, created_by, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIssii", r->community_id, r->place_id, r->facility_id, r->title, r->task, by, r->created_at);
    return sql_insert_id(s, st, &r->id);
}

#define ROTA_COLS                                                                                              \
    "r.id, r.community_id, r.place_id, COALESCE(r.facility_id, 0), r.created_at, r.title, r.task, p.name, p.path, " \
    "f.name FROM rota r JOIN place p ON p.id = r.place_id LEFT JOIN facility f ON f.id = r.facility_id "

static void read_rota(arena *a, store *s, void *st, void *item)
{
    struct st_rota *r = item;
    r->id = sql_col_int(s, st, 0);
    r->community_id = sql_col_int(s, st, 1);
    r->place_id = sql_col_int(s, st, 2);
    r->facility_id = sql_col_int(s, st, 3);
    r->created_at = sql_col_int(s, st, 4);
    r->title = sql_col_str(a, s, st, 5);
    r->task = sql_col_str(a, s, st, 6);
    r->place_name = sql_col_str(a, s, st, 7);
    r->place_path = sql_col_str(a, s, st, 8);
    r->facility_name = sql_col_str(a, s, st, 9);
}

int rota_store_get(store *s, arena *a, int64_t id, struct st_rota *out)
{
    void *st = sql_prep(s, "SELECT " ROTA_COLS "WHERE r.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_rota, out);
}

int rota_store_list(store *s, arena *a, int64_t community_id, struct st_rota **out, int *n)
{
    void *st = sql_prep(s, "SELECT " ROTA_COLS "WHERE r.community_id = ?1 ORDER BY r.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)ROTA_LIST_MAX);
    return sql_collect(s, a, st, sizeof **out, ROTA_LIST_MAX, read_rota, (void **)out, n);
}

int rota_store_duty_insert(store *s, struct st_duty *d, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO rota_duty(rota_id, community_id, person_id, starts_at, ends_at, status, note, "
                           "created_at) VALUES (?1, ?2, ?3, ?4, ?5, 'scheduled', '', ?6) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiii", d->rota_id, d->community_id, d->person_id, d->starts_at, d->ends_at, at);
    return sql_insert_id(s, st, &d->id);
}

#define DUTY_COLS                                                                                               \
    "d.id, d.rota_id, d.community_id, d.person_id, d.starts_at, d.ends_at, COALESCE(d.done_at, 0), d.status, "   \
    "d.note, p.name FROM rota_duty d JOIN person p ON p.id = d.person_id "

static void read_duty(arena *a, store *s, void *st, void *item)
{
    struct st_duty *d = item;
    d->id = sql_col_int(s, st, 0);
    d->rota_id = sql_col_int(s, st, 1);
    d->community_id = sql_col_int(s, st, 2);
    d->person_id = sql_col_int(s, st, 3);
    d->starts_at = sql_col_int(s, st, 4);
    d->ends_at = sql_col_int(s, st, 5);
    d->done_at = sql_col_int(s, st, 6);
    d->status = sql_col_str(a, s, st, 7);
    d->note = sql_col_str(a, s, st, 8);
    d->person_name = sql_col_str(a, s, st, 9);
}

int rota_store_duty_get(store *s, arena *a, int64_t id, struct st_duty *out)
{
    void *st = sql_prep(s, "SELECT " DUTY_COLS "WHERE d.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_duty, out);
}

int rota_store_duty_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM rota_duty WHERE id = ?1 FOR NO KEY UPDATE", id);
}

int rota_store_duties(store *s, arena *a, int64_t rota_id, struct st_duty **out, int *n)
{
    void *st = sql_prep(s, "SELECT " DUTY_COLS "WHERE d.rota_id = ?1 ORDER BY d.starts_at, d.id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", rota_id, (int64_t)ROTA_DUTIES_SHOWN);
    return sql_collect(s, a, st, sizeof **out, ROTA_DUTIES_SHOWN, read_duty, (void **)out, n);
}

int rota_store_duty_status(store *s, int64_t id, const char *status, const char *note, int64_t done_at)
{
    void *st = sql_prep(s, "UPDATE rota_duty SET status = ?2, note = ?3, done_at = ?4 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issI", id, status, note ? note : "", done_at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int rota_store_duty_person(store *s, int64_t id, int64_t person_id)
{
    void *st = sql_prep(s, "UPDATE rota_duty SET person_id = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, person_id);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int rota_store_swap_insert(store *s, struct st_swap *w)
{
    void *st = sql_prep(s, "INSERT INTO rota_swap(community_id, duty_id, other_duty_id, requester_id, responder_id, status, "
                           "created_at) SELECT community_id, ?1, ?2, ?3, ?4, 'pending', ?5 FROM rota_duty WHERE id = ?1 "
                           "RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiii", w->duty_id, w->other_duty_id, w->requester_id, w->responder_id, w->created_at);
    return sql_insert_id(s, st, &w->id);
}

static void read_swap(arena *a, store *s, void *st, void *item)
{
    struct st_swap *w = item;
    w->id = sql_col_int(s, st, 0);
    w->duty_id = sql_col_int(s, st, 1);
    w->other_duty_id = sql_col_int(s, st, 2);
    w->requester_id = sql_col_int(s, st, 3);
    w->responder_id = sql_col_int(s, st, 4);
    w->created_at = sql_col_int(s, st, 5);
    w->status = sql_col_str(a, s, st, 6);
}

int rota_store_swap_get(store *s, arena *a, int64_t id, struct st_swap *out)
{
    void *st = sql_prep(s, "SELECT id, duty_id, other_duty_id, requester_id, responder_id, created_at, status "
                           "FROM rota_swap WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_swap, out);
}

int rota_store_swap_decide(store *s, int64_t id, const char *status, int64_t at)
{
    void *st = sql_prep(s, "UPDATE rota_swap SET status = ?2, decided_at = ?3 WHERE id = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", id, status, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int rota_store_swaps_for(store *s, arena *a, int64_t rota_id, int64_t person_id, struct st_swap **out, int *n)
{
    void *st = sql_prep(s, "SELECT w.id, w.duty_id, w.other_duty_id, w.requester_id, w.responder_id, w.created_at, w.status "
                           "FROM rota_swap w JOIN rota_duty d ON d.id = w.duty_id WHERE d.rota_id = ?1 AND "
                           "(w.responder_id = ?2 OR w.requester_id = ?2) AND w.status = 'pending' ORDER BY w.id LIMIT 20");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", rota_id, person_id);
    return sql_collect(s, a, st, sizeof **out, 20, read_swap, (void **)out, n);
}

int rota_store_swaps_of(store *s, arena *a, int64_t rota_id, struct st_swap **out, int *n)
{
    void *st = sql_prep(s, "SELECT w.id, w.duty_id, w.other_duty_id, w.requester_id, w.responder_id, w.created_at, w.status "
                           "FROM rota_swap w JOIN rota_duty d ON d.id = w.duty_id WHERE d.rota_id = ?1 ORDER BY w.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", rota_id, (int64_t)ROTA_SWAPS_SHOWN);
    return sql_collect(s, a, st, sizeof **out, ROTA_SWAPS_SHOWN, read_swap, (void **)out, n);
}
