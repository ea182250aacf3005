/* The volunteer module's SQL. */
#include "mod/volunteer/volunteer_store.h"

#include "core/err.h"
#include "store/sql.h"

#define SHIFT_COLS                                                                                               \
    "v.id, v.community_id, v.place_id, COALESCE(v.project_id, 0), v.starts_at, v.ends_at, v.capacity, "         \
    "v.window_min, v.organiser_id, v.created_at, v.title, v.skill, v.location, v.checkin_token, v.status, "     \
    "p.name, p.path, pe.name, "                                                                                 \
    "(SELECT COUNT(*) FROM volunteer_signup s WHERE s.shift_id = v.id AND s.status = 'confirmed'), "            \
    "(SELECT COUNT(*) FROM volunteer_signup s WHERE s.shift_id = v.id AND s.status = 'waiting')"
#define SHIFT_FROM " FROM volunteer_shift v JOIN place p ON p.id = v.place_id JOIN person pe ON pe.id = v.organiser_id "

static void read_shift(arena *a, store *s, void *st, void *item)
{
    struct st_shift *x = item;
    x->id = sql_col_int(s, st, 0);
    x->community_id = sql_col_int(s, st, 1);
    x->place_id = sql_col_int(s, st, 2);
    x->project_id = sql_col_int(s, st, 3);
    x->starts_at = sql_col_int(s, st, 4);
    x->ends_at = sql_col_int(s, st, 5);
    x->capacity = sql_col_int(s, st, 6);
    x->window_min = sql_col_int(s, st, 7);
    x->organiser_id = sql_col_int(s, st, 8);
    x->created_at = sql_col_int(s, st, 9);
    x->title = sql_col_str(a, s, st, 10);
    x->skill = sql_col_str(a, s, st, 11);
    x->location = sql_col_str(a, s, st, 12);
    x->token = sql_col_str(a, s, st, 13);
    x->status = sql_col_str(a, s, st, 14);
    x->place_name = sql_col_str(a, s, st, 15);
    x->place_path = sql_col_str(a, s, st, 16);
    x->organiser_name = sql_col_str(a, s, st, 17);
    x->confirmed = (int)sql_col_int(s, st, 18);
    x->waiting = (int)sql_col_int(s, st, 19);
}

int volunteer_store_shift_insert(store *s, struct st_shift *sh)
{
    void *st = sql_prep(s, "INSERT INTO volunteer_shift(community_id, place_id, project_id, title, skill, location, "
                           "starts_at, ends_at, capacity, window_min, checkin_token, organiser_id, status, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', ?13) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIsssiiiisii", sh->community_id, sh->place_id, sh->project_id, sh->title, sh->skill,
             sh->location, sh->starts_at, sh->ends_at, sh->capacity, sh->window_min, sh->token, sh->organiser_id,
             sh->created_at);
    return sql_insert_id(s, st, &sh->id);
}

int volunteer_store_shift_get(store *s, arena *a, int64_t id, struct st_shift *out)
{
    void *st = sql_prep(s, "SELECT " SHIFT_COLS SHIFT_FROM "WHERE v.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_shift, out);
}

int volunteer_store_shifts(store *s, arena *a, int64_t community_id, int64_t from, struct st_shift **out, int *n)
{
    void *st = sql_prep(s, "SELECT " SHIFT_COLS SHIFT_FROM "WHERE v.community_id = ?1 AND v.ends_at >= ?2 "
                           "ORDER BY v.starts_at, v.id LIMIT 100");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, from);
    return sql_collect(s, a, st, sizeof **out, 100, read_shift, (void **)out, n);
}

int volunteer_store_shift_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM volunteer_shift WHERE id = ?1 FOR NO KEY UPDATE", id);
}

#define SIGNUP_COLS                                                                                              \
    "u.id, u.shift_id, u.community_id, u.person_id, COALESCE(u.overridden_by, 0), COALESCE(u.checkin_at, 0), "  \
    "COALESCE(u.checkout_at, 0), COALESCE(u.minutes, 0), COALESCE(u.confirmed_by, 0), "                         \
    "COALESCE(u.confirmed_at, 0), COALESCE(u.points_txn_id, 0), u.created_at, u.status, u.override_reason, "    \
    "pe.name"
#define SIGNUP_FROM " FROM volunteer_signup u JOIN person pe ON pe.id = u.person_id "

static void read_signup(arena *a, store *s, void *st, void *item)
{
    struct st_signup *x = item;
    x->id = sql_col_int(s, st, 0);
    x->shift_id = sql_col_int(s, st, 1);
    x->community_id = sql_col_int(s, st, 2);
    x->person_id = sql_col_int(s, st, 3);
    x->overridden_by = sql_col_int(s, st, 4);
    x->checkin_at = sql_col_int(s, st, 5);
    x->checkout_at = sql_col_int(s, st, 6);
    x->minutes = sql_col_int(s, st, 7);
    x->confirmed_by = sql_col_int(s, st, 8);
    x->confirmed_at = sql_col_int(s, st, 9);
    x->points_txn_id = sql_col_int(s, st, 10);
    x->created_at = sql_col_int(s, st, 11);
    x->status = sql_col_str(a, s, st, 12);
    x->override_reason = sql_col_str(a, s, st, 13);
    x->person_name = sql_col_str(a, s, st, 14);
}

int volunteer_store_signup_get(store *s, arena *a, int64_t id, struct st_signup *out)
{
    void *st = sql_prep(s, "SELECT " SIGNUP_COLS SIGNUP_FROM "WHERE u.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_signup, out);
}

int volunteer_store_signup_of(store *s, arena *a, int64_t shift_id, int64_t person_id, struct st_signup *out)
{
    void *st = sql_prep(s, "SELECT " SIGNUP_COLS SIGNUP_FROM "WHERE u.shift_id = ?1 AND u.person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", shift_id, person_id);
    return sql_one(s, a, st, read_signup, out);
}

int volunteer_store_signup_insert(store *s, const struct st_signup *su, int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO volunteer_signup(shift_id, community_id, person_id, status, override_reason, "
                           "overridden_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiissIi", su->shift_id, su->community_id, su->person_id, su->status, su->override_reason,
             su->overridden_by, su->created_at);
    return sql_insert_id(s, st, id);
}

int volunteer_store_signup_status(store *s, int64_t id, const char *status, int64_t at)
{
    void *st = sql_prep(s, "UPDATE volunteer_signup SET status = ?2, updated_at = ?3 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", id, status, at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

/* A cancelled sign-up signed up again: back in line (a new id would lose
 * nothing, but the row is unique per shift and person). */
int volunteer_store_signup_reopen(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE volunteer_signup SET status = ?2, override_reason = ?3, overridden_by = ?4, "
                           "created_at = ?5, updated_at = ?5 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issIi", id, status, reason, by, at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int volunteer_store_signup_times(store *s, int64_t id, int64_t checkin, int64_t checkout, int64_t at)
{
    void *st = sql_prep(s, "UPDATE volunteer_signup SET checkin_at = ?2, checkout_at = ?3, updated_at = ?4 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iIIi", id, checkin, checkout, at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int volunteer_store_signup_confirm(store *s, int64_t id, int64_t minutes, int64_t by, int64_t txn, int64_t at)
{
    void *st = sql_prep(s, "UPDATE volunteer_signup SET minutes = ?2, confirmed_by = ?3, confirmed_at = ?5, "
                           "points_txn_id = ?4, updated_at = ?5 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiIi", id, minutes, by, txn, at);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int volunteer_store_confirmed(store *s, int64_t shift_id, int *n)
{
    return sql_count_id(s, "SELECT COUNT(*) FROM volunteer_signup WHERE shift_id = ?1 AND status = 'confirmed'",
                        shift_id, n);
}

int volunteer_store_first_waiting(store *s, arena *a, int64_t shift_id, struct st_signup *out)
{
    void *st = sql_prep(s, "SELECT " SIGNUP_COLS SIGNUP_FROM "WHERE u.shift_id = ?1 AND u.status = 'waiting' "
                           "ORDER BY u.created_at, u.id LIMIT 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", shift_id);
    return sql_one(s, a, st, read_signup, out);
}

int volunteer_store_overlaps(store *s, int64_t person_id, int64_t shift_id, int64_t from, int64_t to, int *n)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM volunteer_signup u JOIN volunteer_shift v ON v.id = u.shift_id "
                           "WHERE u.person_id = ?1 AND u.shift_id <> ?2 AND u.status IN ('confirmed', 'waiting') "
                           "AND v.status = 'open' AND v.starts_at < ?4 AND v.ends_at > ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", person_id, shift_id, from, to);
    return sql_count(s, st, n);
}

int volunteer_store_roster(store *s, arena *a, int64_t shift_id, struct st_signup **out, int *n)
{
    void *st = sql_prep(s, "SELECT " SIGNUP_COLS SIGNUP_FROM "WHERE u.shift_id = ?1 AND u.status <> 'cancelled' "
                           "ORDER BY u.status, u.created_at, u.id LIMIT 2000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", shift_id);
    return sql_collect(s, a, st, sizeof **out, 2000, read_signup, (void **)out, n);
}

static void read_rec(arena *a, store *s, void *st, void *item)
{
    struct volunteer_rec *r = item;
    read_signup(a, s, st, &r->su);
    r->sh.id = sql_col_int(s, st, 15);
    r->sh.starts_at = sql_col_int(s, st, 16);
    r->sh.ends_at = sql_col_int(s, st, 17);
    r->sh.title = sql_col_str(a, s, st, 18);
    r->sh.skill = sql_col_str(a, s, st, 19);
    r->sh.location = sql_col_str(a, s, st, 20);
    r->sh.place_name = sql_col_str(a, s, st, 21);
    r->sh.organiser_name = sql_col_str(a, s, st, 22); /* here: the community, which keeps the record */
    r->sh.project_id = sql_col_int(s, st, 23);
}

int volunteer_store_hours(store *s, arena *a, int64_t community_id, int64_t before, int limit,
                          struct volunteer_rec **out, int *n)
{
    void *st = sql_prep(s, "SELECT " SIGNUP_COLS ", v.id, v.starts_at, v.ends_at, v.title, v.skill, v.location, p.name, "
                           "c.name, COALESCE(v.project_id, 0)" SIGNUP_FROM
                           "JOIN volunteer_shift v ON v.id = u.shift_id JOIN place p ON p.id = v.place_id "
                           "JOIN place c ON c.id = v.community_id "
                           "WHERE u.community_id = ?1 AND u.status = 'confirmed' AND u.id < ?2 ORDER BY u.id DESC LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", community_id, before > 0 ? before : INT64_MAX, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_rec, (void **)out, n);
}

int volunteer_store_records(store *s, arena *a, int64_t person_id, struct volunteer_rec **out, int *n)
{
    void *st = sql_prep(s, "SELECT " SIGNUP_COLS ", v.id, v.starts_at, v.ends_at, v.title, v.skill, v.location, p.name, "
                           "c.name, COALESCE(v.project_id, 0)" SIGNUP_FROM
                           "JOIN volunteer_shift v ON v.id = u.shift_id JOIN place p ON p.id = v.place_id "
                           "JOIN place c ON c.id = v.community_id "
                           "WHERE u.person_id = ?1 AND u.status = 'confirmed' ORDER BY v.starts_at DESC LIMIT 500");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", person_id);
    return sql_collect(s, a, st, sizeof **out, 500, read_rec, (void **)out, n);
}

static void read_corr(arena *a, store *s, void *st, void *item)
{
    struct volunteer_corr *k = item;
    k->id = sql_col_int(s, st, 0);
    k->signup_id = sql_col_int(s, st, 1);
    k->old_minutes = sql_col_int(s, st, 2);
    k->new_minutes = sql_col_int(s, st, 3);
    k->actor_id = sql_col_int(s, st, 4);
    k->at = sql_col_int(s, st, 5);
    k->reason = sql_col_str(a, s, st, 6);
    k->actor_name = sql_col_str(a, s, st, 7);
}

int volunteer_store_corrections(store *s, arena *a, int64_t person_id, struct volunteer_corr **out, int *n)
{
    void *st = sql_prep(s, "SELECT k.id, k.signup_id, k.old_minutes, k.new_minutes, k.actor_id, k.at, k.reason, pe.name "
                           "FROM volunteer_correction k JOIN volunteer_signup u ON u.id = k.signup_id "
                           "JOIN person pe ON pe.id = k.actor_id WHERE u.person_id = ?1 ORDER BY k.id LIMIT 1000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", person_id);
    return sql_collect(s, a, st, sizeof **out, 1000, read_corr, (void **)out, n);
}

int volunteer_store_correction_insert(store *s, const struct volunteer_corr *k, int64_t community_id)
{
    void *st = sql_prep(s, "INSERT INTO volunteer_correction(signup_id, community_id, old_minutes, new_minutes, reason, "
                           "actor_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiisii", k->signup_id, community_id, k->old_minutes, k->new_minutes, k->reason, k->actor_id,
             k->at);
    return sql_exec(s, st);
}

int volunteer_store_cert_insert(store *s, struct volunteer_cert *k)
{
    void *st = sql_prep(s, "INSERT INTO volunteer_certificate(number, community_id, person_id, minutes, services, "
                           "issued_by, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "siiiiii", k->number, k->community_id, k->person_id, k->minutes, k->services, k->issued_by,
             k->issued_at);
    return sql_insert_id(s, st, &k->id);
}

static void read_cert(arena *a, store *s, void *st, void *item)
{
    struct volunteer_cert *k = item;
    k->id = sql_col_int(s, st, 0);
    k->community_id = sql_col_int(s, st, 1);
    k->person_id = sql_col_int(s, st, 2);
    k->minutes = sql_col_int(s, st, 3);
    k->services = sql_col_int(s, st, 4);
    k->issued_by = sql_col_int(s, st, 5);
    k->issued_at = sql_col_int(s, st, 6);
    k->number = sql_col_str(a, s, st, 7);
    k->person_name = sql_col_str(a, s, st, 8);
    k->community_name = sql_col_str(a, s, st, 9);
}

int volunteer_store_cert_get(store *s, arena *a, const char *number, struct volunteer_cert *out)
{
    void *st = sql_prep(s, "SELECT k.id, k.community_id, k.person_id, k.minutes, k.services, k.issued_by, k.issued_at, "
                           "k.number, pe.name, c.name FROM volunteer_certificate k JOIN person pe ON pe.id = k.person_id "
                           "JOIN place c ON c.id = k.community_id WHERE k.number = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", number);
    return sql_one(s, a, st, read_cert, out);
}

struct two {
    int64_t a, b;
};

static void read_two(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct two *t = item;
    t->a = sql_col_int(s, st, 0);
    t->b = sql_col_int(s, st, 1);
}

int volunteer_store_totals(store *s, int64_t person_id, int64_t community_id, int64_t *minutes, int64_t *services)
{
    struct two t = {0, 0};
    void *st = sql_prep(s, "SELECT COALESCE(SUM(minutes), 0), COUNT(*) FROM volunteer_signup WHERE person_id = ?1 "
                           "AND community_id = ?2 AND status = 'confirmed' AND confirmed_at IS NOT NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", person_id, community_id);
    int rc = sql_one(s, NULL, st, read_two, &t);
    *minutes = t.a;
    *services = t.b;
    return rc;
}

int volunteer_store_remind(store *s, const struct notify_msg *msg, int64_t shift_id, int *n)
{
    return notify_fanout(s, msg, n,
                         "SELECT person_id, community_id FROM volunteer_signup WHERE shift_id = ?1 AND status = 'confirmed'",
                         "i", shift_id);
}

int volunteer_store_households(store *s, arena *a, int64_t project_id, struct household_ref **out, int *n)
{
    return tree_households(s, a,
                           "SELECT DISTINCT h.id, h.parent_id FROM volunteer_shift f JOIN volunteer_signup x ON "
                           "x.shift_id = f.id" TREE_RESIDENT_HOUSEHOLD("x.person_id", "x.community_id") "WHERE "
                           "f.project_id = ?1 AND (x.checkin_at IS NOT NULL OR x.confirmed_at IS NOT NULL)",
                           project_id, out, n);
}
