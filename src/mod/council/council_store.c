/* The council module's SQL: councils, meetings, agenda items, attendance,
 * proxies, who takes part in a place's councils, feed keys. */
#include <string.h>

#include "core/err.h"
#include "store/sql.h"
#include "mod/council/council_store.h"

/* "the place p lies under the path ?N" and "p lies on the line above ?N" */
#define UNDER(n) "substr(p.path, 1, length(CAST(?" #n " AS TEXT))) = ?" #n
#define ABOVE(n) "substr(CAST(?" #n " AS TEXT), 1, length(p.path)) = p.path"

/* ---- councils ---- */

#define COUNCIL_COLS "c.id, c.place_id, c.community_id, p.name, p.kind, p.path, c.name, c.kind, c.unit, c.every_n, " \
                     "c.day_of_month, c.starts_on, c.time_min, c.duration_min, c.notice_days, c.location, "         \
                     "c.facilitator_id, f.name, c.next_k, c.created_by, c.created_at"
#define COUNCIL_FROM " FROM council c JOIN place p ON p.id = c.place_id LEFT JOIN person f ON f.id = c.facilitator_id "

static void read_council(arena *a, store *s, void *st, void *item)
{
    struct st_council *c = item;
    c->id = sql_col_int(s, st, 0);
    c->place_id = sql_col_int(s, st, 1);
    c->community_id = sql_col_int(s, st, 2);
    c->place_name = sql_col_str(a, s, st, 3);
    c->place_kind = sql_col_str(a, s, st, 4);
    c->place_path = sql_col_str(a, s, st, 5);
    c->name = sql_col_str(a, s, st, 6);
    c->kind = sql_col_str(a, s, st, 7);
    c->unit = sql_col_str(a, s, st, 8);
    c->every_n = (int)sql_col_int(s, st, 9);
    c->day_of_month = (int)sql_col_int(s, st, 10);
    c->starts_on = sql_col_int(s, st, 11);
    c->time_min = (int)sql_col_int(s, st, 12);
    c->duration_min = (int)sql_col_int(s, st, 13);
    c->notice_days = (int)sql_col_int(s, st, 14);
    c->location = sql_col_str(a, s, st, 15);
    c->facilitator_id = sql_col_int(s, st, 16);
    c->facilitator_name = sql_col_str(a, s, st, 17);
    c->next_k = sql_col_int(s, st, 18);
    c->created_by = sql_col_int(s, st, 19);
    c->created_at = sql_col_int(s, st, 20);
}

int council_store_insert(store *s, struct st_council *c)
{
    void *st = sql_prep(s, "INSERT INTO council(place_id, community_id, name, kind, unit, every_n, day_of_month, "
                       "starts_on, time_min, duration_min, location, notice_days, facilitator_id, next_k, "
                       "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, "
                       "?14, ?15) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisssiiiiisiIii", c->place_id, c->community_id, c->name, c->kind, c->unit, (int64_t)c->every_n,
           (int64_t)c->day_of_month, c->starts_on, (int64_t)c->time_min, (int64_t)c->duration_min, c->location,
           (int64_t)c->notice_days, c->facilitator_id, c->created_by, c->created_at);
    return sql_insert_id(s, st, &c->id);
}

int council_store_get(store *s, arena *a, int64_t id, struct st_council *out)
{
    void *st = sql_prep(s, "SELECT " COUNCIL_COLS COUNCIL_FROM "WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_council, out);
}

int council_store_of_place(store *s, arena *a, int64_t place_id, int cap, struct st_council **out, int *n)
{
    void *st = sql_prep(s, "SELECT " COUNCIL_COLS COUNCIL_FROM "WHERE c.place_id = ?1 ORDER BY c.id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", place_id, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_council, (void **)out, n);
}

int council_store_count(store *s, int64_t place_id, int *n)
{
    return sql_count_id(s, "SELECT count(*) FROM council WHERE place_id = ?1", place_id, n);
}

int council_store_set_next_k(store *s, int64_t id, int64_t next_k)
{
    void *st = sql_prep(s, "UPDATE council SET next_k = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, next_k);
    return sql_exec(s, st);
}

/* ---- meetings ---- */

#define MEETING_COLS "m.id, m.council_id, m.place_id, m.community_id, c.name, p.name, p.path, " \
                     "COALESCE(m.occurrence, -1), m.start_at, m.end_at, m.location, m.status, m.sequence, " \
                     "m.signin_code, m.minutes_md, m.held_at, m.created_at, m.updated_at, c.facilitator_id"
#define MEETING_FROM " FROM meeting m JOIN council c ON c.id = m.council_id JOIN place p ON p.id = m.place_id "

static void read_meeting(arena *a, store *s, void *st, void *item)
{
    struct st_meeting *m = item;
    m->id = sql_col_int(s, st, 0);
    m->council_id = sql_col_int(s, st, 1);
    m->place_id = sql_col_int(s, st, 2);
    m->community_id = sql_col_int(s, st, 3);
    m->council_name = sql_col_str(a, s, st, 4);
    m->place_name = sql_col_str(a, s, st, 5);
    m->place_path = sql_col_str(a, s, st, 6);
    m->occurrence = sql_col_int(s, st, 7);
    m->start_at = sql_col_int(s, st, 8);
    m->end_at = sql_col_int(s, st, 9);
    m->location = sql_col_str(a, s, st, 10);
    m->status = sql_col_str(a, s, st, 11);
    m->sequence = (int)sql_col_int(s, st, 12);
    m->signin_code = sql_col_str(a, s, st, 13);
    m->minutes_md = sql_col_str(a, s, st, 14);
    m->held_at = sql_col_int(s, st, 15);
    m->created_at = sql_col_int(s, st, 16);
    m->updated_at = sql_col_int(s, st, 17);
    m->facilitator_id = sql_col_int(s, st, 18);
}


int council_store_meeting_insert(store *s, struct st_meeting *m)
{
    /* ?4 is the occurrence + 1, so that 0 binds as NULL (an ad hoc meeting);
     * a taken occurrence inserts nothing (no error, which would end a
     * PostgreSQL transaction) and answers ECONFLICT */
    void *st = sql_prep(s, "INSERT INTO meeting(council_id, place_id, community_id, occurrence, start_at, end_at, "
                       "location, status, sequence, signin_code, minutes_md, created_at, updated_at) "
                       "VALUES (?1, ?2, ?3, CAST(?4 AS BIGINT) - 1, ?5, ?6, ?7, 'scheduled', 0, ?8, '', ?9, ?9) "
                       "ON CONFLICT DO NOTHING RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiIiissi", m->council_id, m->place_id, m->community_id,
           m->occurrence < 0 ? (int64_t)0 : m->occurrence + 1, m->start_at, m->end_at, m->location,
           m->signin_code, m->created_at);
    int rc = sql_one(s, NULL, st, sql_read_id, &m->id);
    return rc == WG_ENOTFOUND ? WG_ECONFLICT : rc;
}

int council_store_meeting_ids(store *s, arena *a, int64_t after, int max, int64_t **out, int *n)
{
    return sql_ids_after(s, a, "SELECT id FROM meeting WHERE id > ?1 ORDER BY id LIMIT ?2", after, max, out, n);
}

int council_store_meeting_get(store *s, arena *a, int64_t id, struct st_meeting *out)
{
    void *st = sql_prep(s, "SELECT " MEETING_COLS MEETING_FROM "WHERE m.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_meeting, out);
}

int council_store_meetings(store *s, arena *a, int64_t council_id, int64_t from, int cap,
                              struct st_meeting **out, int *n)
{
    void *st = sql_prep(s, "SELECT " MEETING_COLS MEETING_FROM "WHERE m.council_id = ?1 AND m.start_at >= ?2 "
                       "ORDER BY m.start_at, m.id LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", council_id, from, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_meeting, (void **)out, n);
}

int council_store_upcoming(store *s, arena *a, int64_t community_id, const char *path, int64_t from, int cap,
                           struct st_meeting **out, int *n)
{
    /* the meetings of the community held at a place on the line of path */
    void *st = sql_prep(s, "SELECT " MEETING_COLS MEETING_FROM "WHERE m.community_id = ?1 AND m.status = 'scheduled' "
                           "AND m.start_at >= ?3 AND substr(CAST(?2 AS TEXT), 1, length(p.path)) = p.path "
                           "ORDER BY m.start_at, m.id LIMIT ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", community_id, path, from, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_meeting, (void **)out, n);
}

int council_store_meetings_of_place(store *s, arena *a, int64_t place_id, int64_t from, int cap, struct st_meeting **out,
                            int *n)
{
    void *st = sql_prep(s, "SELECT " MEETING_COLS MEETING_FROM "WHERE m.place_id = ?1 AND m.start_at >= ?2 "
                       "ORDER BY m.start_at, m.id LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", place_id, from, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_meeting, (void **)out, n);
}

int council_store_count_upcoming(store *s, int64_t council_id, int64_t from, int *n)
{
    void *st = sql_prep(s, "SELECT count(*) FROM meeting WHERE council_id = ?1 AND occurrence IS NOT NULL "
                       "AND start_at >= ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", council_id, from);
    return sql_count(s, st, n);
}

int council_store_meeting_next(store *s, arena *a, int64_t council_id, int64_t after, struct st_meeting *out)
{
    void *st = sql_prep(s, "SELECT " MEETING_COLS MEETING_FROM "WHERE m.council_id = ?1 AND m.start_at > ?2 "
                       "AND m.status = 'scheduled' ORDER BY m.start_at, m.id LIMIT 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", council_id, after);
    return sql_one(s, a, st, read_meeting, out);
}

int council_store_meeting_update(store *s, int64_t id, int64_t start_at, int64_t end_at, const char *location,
                         const char *status, int64_t at)
{
    void *st = sql_prep(s, "UPDATE meeting SET start_at = ?2, end_at = ?3, location = ?4, status = ?5, "
                       "sequence = sequence + 1, updated_at = ?6 WHERE id = ?1 AND status = 'scheduled'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiissi", id, start_at, end_at, location, status, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

int council_store_set_minutes(store *s, int64_t id, const char *minutes_md, int64_t at)
{
    void *st = sql_prep(s, "UPDATE meeting SET minutes_md = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'scheduled'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", id, minutes_md, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

int council_store_hold(store *s, int64_t id, int64_t at)
{
    void *st = sql_prep(s, "UPDATE meeting SET status = 'held', held_at = ?2, sequence = sequence + 1, "
                       "updated_at = ?2 WHERE id = ?1 AND status = 'scheduled'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

/* ---- agenda ---- */

#define AGENDA_COLS "g.id, g.meeting_id, g.community_id, g.position, g.matter_id, mt.title, g.title, g.outcome, " \
                    "g.outcome_text, g.carried_from, g.created_at"
#define AGENDA_FROM " FROM agenda_item g LEFT JOIN matter mt ON mt.id = g.matter_id "

static void read_agenda(arena *a, store *s, void *st, void *item)
{
    struct st_agenda *g = item;
    g->id = sql_col_int(s, st, 0);
    g->meeting_id = sql_col_int(s, st, 1);
    g->community_id = sql_col_int(s, st, 2);
    g->position = (int)sql_col_int(s, st, 3);
    g->matter_id = sql_col_int(s, st, 4);
    g->matter_title = sql_col_str(a, s, st, 5);
    g->title = sql_col_str(a, s, st, 6);
    g->outcome = sql_col_str(a, s, st, 7);
    g->outcome_text = sql_col_str(a, s, st, 8);
    g->carried_from = sql_col_int(s, st, 9);
    g->created_at = sql_col_int(s, st, 10);
}

static void read_pos(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct st_agenda *g = item;
    g->id = sql_col_int(s, st, 0);
    g->position = (int)sql_col_int(s, st, 1);
}

int council_store_agenda_insert(store *s, struct st_agenda *it)
{
    void *st = sql_prep(s, "INSERT INTO agenda_item(meeting_id, community_id, position, matter_id, title, "
                       "carried_from, created_at) SELECT CAST(?1 AS BIGINT), CAST(?2 AS BIGINT), "
                       "COALESCE(max(position), 0) + 1, CAST(?3 AS BIGINT), CAST(?4 AS TEXT), CAST(?5 AS BIGINT), "
                       "CAST(?6 AS BIGINT) FROM agenda_item WHERE meeting_id = ?1 RETURNING id, position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIsIi", it->meeting_id, it->community_id, it->matter_id, it->title, it->carried_from,
           it->created_at);
    return sql_one(s, NULL, st, read_pos, it);
}

int council_store_agenda_get(store *s, arena *a, int64_t id, struct st_agenda *out)
{
    void *st = sql_prep(s, "SELECT " AGENDA_COLS AGENDA_FROM "WHERE g.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_agenda, out);
}

int council_store_agenda(store *s, arena *a, int64_t meeting_id, struct st_agenda **out, int *n)
{
    void *st = sql_prep(s, "SELECT " AGENDA_COLS AGENDA_FROM "WHERE g.meeting_id = ?1 ORDER BY g.position, g.id LIMIT 200");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", meeting_id);
    return sql_collect(s, a, st, sizeof **out, 200, read_agenda, (void **)out, n);
}

int council_store_agenda_count(store *s, int64_t meeting_id, int *n)
{
    return sql_count_id(s, "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1", meeting_id, n);
}

int council_store_agenda_delete(store *s, int64_t id)
{
    /* an item carried forward from this one forgets where it came from */
    void *st = sql_prep(s, "UPDATE agenda_item SET carried_from = NULL WHERE carried_from = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "DELETE FROM agenda_item WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_exec(s, st);
}

int council_store_agenda_set_position(store *s, int64_t id, int position)
{
    void *st = sql_prep(s, "UPDATE agenda_item SET position = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, (int64_t)position);
    return sql_exec(s, st);
}

int council_store_agenda_set_outcome(store *s, int64_t id, const char *outcome, const char *text)
{
    void *st = sql_prep(s, "UPDATE agenda_item SET outcome = ?2, outcome_text = ?3 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iss", id, outcome, text);
    return sql_exec(s, st);
}

/* ---- attendance and proxies ---- */

static void read_attendee(arena *a, store *s, void *st, void *item)
{
    struct st_attendee *x = item;
    x->person_id = sql_col_int(s, st, 0);
    x->name = sql_col_str(a, s, st, 1);
    x->how = sql_col_str(a, s, st, 2);
    x->created_at = sql_col_int(s, st, 3);
}

int council_store_attendance_add(store *s, int64_t meeting_id, int64_t person_id, int64_t community_id, const char *how,
                         int64_t by, int64_t at, int *changed)
{
    void *st = sql_prep(s, "INSERT INTO meeting_attendance(meeting_id, person_id, community_id, how, recorded_by, "
                       "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisii", meeting_id, person_id, community_id, how, by, at);
    return sql_exec_changed(s, st, changed);
}

int council_store_attendance(store *s, arena *a, int64_t meeting_id, struct st_attendee **out, int *n)
{
    void *st = sql_prep(s, "SELECT x.person_id, pe.name, x.how, x.created_at FROM meeting_attendance x "
                       "JOIN person pe ON pe.id = x.person_id WHERE x.meeting_id = ?1 "
                       "ORDER BY x.created_at, x.person_id LIMIT 5000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", meeting_id);
    return sql_collect(s, a, st, sizeof **out, 5000, read_attendee, (void **)out, n);
}

int council_store_is_present(store *s, int64_t meeting_id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT count(*) FROM meeting_attendance WHERE meeting_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", meeting_id, person_id);
    return sql_count(s, st, yes);
}

int council_store_proxy_add(store *s, int64_t meeting_id, int64_t principal_id, int64_t holder_id, int64_t community_id,
                    int64_t by, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO meeting_proxy(meeting_id, principal_id, holder_id, community_id, "
                       "recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiii", meeting_id, principal_id, holder_id, community_id, by, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

static void read_proxy(arena *a, store *s, void *st, void *item)
{
    struct st_proxy *x = item;
    x->principal_id = sql_col_int(s, st, 0);
    x->principal_name = sql_col_str(a, s, st, 1);
    x->holder_id = sql_col_int(s, st, 2);
    x->holder_name = sql_col_str(a, s, st, 3);
    x->created_at = sql_col_int(s, st, 4);
}

int council_store_proxies(store *s, arena *a, int64_t meeting_id, struct st_proxy **out, int *n)
{
    void *st = sql_prep(s, "SELECT x.principal_id, pa.name, x.holder_id, pb.name, x.created_at FROM meeting_proxy x "
                       "JOIN person pa ON pa.id = x.principal_id JOIN person pb ON pb.id = x.holder_id "
                       "WHERE x.meeting_id = ?1 ORDER BY x.created_at, x.principal_id LIMIT 5000");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", meeting_id);
    return sql_collect(s, a, st, sizeof **out, 5000, read_proxy, (void **)out, n);
}

int council_store_proxy_counts(store *s, int64_t meeting_id, int64_t person_id, int *held, int *given)
{
    void *st = sql_prep(s, "SELECT count(*) FROM meeting_proxy WHERE meeting_id = ?1 AND holder_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", meeting_id, person_id);
    int rc = sql_count(s, st, held);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT count(*) FROM meeting_proxy WHERE meeting_id = ?1 AND principal_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", meeting_id, person_id);
    return sql_count(s, st, given);
}

/* ---- attendance totals ---- */

static void read_presence(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct st_presence *p = item;
    p->heads = (int)sql_col_int(s, st, 0);
    p->households = (int)sql_col_int(s, st, 1);
    p->owners = (int)sql_col_int(s, st, 2);
    p->owner_area_dm2 = sql_col_int(s, st, 3);
    p->attendees = (int)sql_col_int(s, st, 4);
    p->proxies = (int)sql_col_int(s, st, 5);
}

int council_store_presence(store *s, int64_t meeting_id, const char *place_path, struct st_presence *out)
{
    memset(out, 0, sizeof *out);
    void *st = sql_prep(s,
        "WITH pres AS ("
        " SELECT a.person_id FROM meeting_attendance a WHERE a.meeting_id = ?1"
        " UNION SELECT x.principal_id FROM meeting_proxy x WHERE x.meeting_id = ?1 AND EXISTS ("
        "  SELECT 1 FROM meeting_attendance a2 WHERE a2.meeting_id = ?1 AND a2.person_id = x.holder_id)),"
        " mem AS ("
        " SELECT hm.person_id, hm.household_id, hm.relation, COALESCE(p.area_dm2, 0) AS area"
        "  FROM household_member hm JOIN place p ON p.id = hm.household_id"
        "  WHERE " UNDER(2) " AND hm.person_id IN (SELECT person_id FROM pres))"
        " SELECT (SELECT count(DISTINCT person_id) FROM mem),"
        "  (SELECT count(DISTINCT household_id) FROM mem),"
        "  (SELECT count(DISTINCT person_id) FROM mem WHERE relation = 'owner'),"
        "  (SELECT CAST(COALESCE(sum(o.area), 0) AS BIGINT) FROM"
        "   (SELECT DISTINCT household_id, area FROM mem WHERE relation = 'owner') o),"
        "  (SELECT count(*) FROM meeting_attendance a3 WHERE a3.meeting_id = ?1),"
        "  (SELECT count(*) FROM meeting_proxy x3 WHERE x3.meeting_id = ?1 AND EXISTS ("
        "   SELECT 1 FROM meeting_attendance a4 WHERE a4.meeting_id = ?1 AND a4.person_id = x3.holder_id))");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", meeting_id, place_path);
    return sql_one(s, NULL, st, read_presence, out);
}

/* ---- who takes part, and notices ---- */

/* people of a place's council: household members under the path, and
 * holders of other roles under it or above it within the community */
#define PARTICIPANTS                                                                                   \
    "SELECT hm.person_id AS pid, 1 AS elector FROM household_member hm JOIN place p ON p.id = hm.household_id " \
    "WHERE " UNDER(1) " UNION SELECT r.person_id AS pid, 0 AS elector FROM role_assignment r "                  \
    "JOIN place p ON p.id = r.place_id WHERE r.role <> 'resident' AND p.community_id = ?2 "                     \
    "AND (" UNDER(1) " OR " ABOVE(1) ")"

int council_store_participant(store *s, const char *place_path, int64_t community_id, int64_t person_id,
                              int *yes, int *elector)
{
    void *st = sql_prep(s, "SELECT count(*) FROM (" PARTICIPANTS ") x WHERE x.pid = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", place_path, community_id, person_id);
    int n = 0;
    int rc = sql_count(s, st, &n);
    if (rc)
        return rc;
    *yes = n > 0;
    if (elector) {
        st = sql_prep(s, "SELECT count(*) FROM household_member hm JOIN place p ON p.id = hm.household_id "
                       "WHERE " UNDER(1) " AND hm.person_id = ?2");
        if (st == NULL)
            return WG_EDB;
        sql_bind(s, st, "si", place_path, person_id);
        int m = 0;
        if ((rc = sql_count(s, st, &m)))
            return rc;
        *elector = m > 0;
    }
    return 0;
}

int council_store_notify_place(store *s, const struct notify_msg *msg, const char *place_path, int64_t community_id)
{
    return notify_fanout(s, msg, NULL,
                         "SELECT DISTINCT x.pid AS person_id, CAST(?2 AS BIGINT) AS community_id FROM (" PARTICIPANTS
                         ") x",
                         "si", place_path, community_id);
}



/* ---- feed keys ---- */

int council_store_feed_key_set(store *s, int64_t person_id, const unsigned char hash[32], int64_t community_id, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO meeting_feed_key(person_id, key_hash, community_id, created_at) "
                       "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (person_id) DO UPDATE SET key_hash = excluded.key_hash, "
                       "created_at = excluded.created_at");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ibIi", person_id, hash, community_id, at);
    return sql_exec(s, st);
}

int council_store_feed_key_person(store *s, const unsigned char hash[32], int64_t *person_id)
{
    void *st = sql_prep(s, "SELECT person_id FROM meeting_feed_key WHERE key_hash = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "b", hash);
    return sql_one(s, NULL, st, sql_read_id, person_id);
}

int council_store_participants(store *s, arena *a, const char *place_path, int64_t community_id, int cap,
                               struct st_attendee **out, int *n)
{
    void *st = sql_prep(s, "SELECT pe.id, pe.name, CASE WHEN EXISTS (SELECT 1 FROM household_member hm JOIN place p "
                       "ON p.id = hm.household_id WHERE " UNDER(1) " AND hm.person_id = pe.id) THEN 'elector' "
                       "ELSE 'staff' END, 0 FROM person pe WHERE pe.id IN (SELECT x.pid FROM (" PARTICIPANTS ") x) "
                       "ORDER BY pe.name, pe.id LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", place_path, community_id, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_attendee, (void **)out, n);
}

int council_store_lock_place(store *s, int64_t place_id)
{
    return sql_lock(s, "SELECT id FROM place WHERE id = ?1 FOR NO KEY UPDATE", place_id);
}

int council_store_lock_meeting(store *s, int64_t meeting_id)
{
    return sql_lock(s, "SELECT id FROM meeting WHERE id = ?1 FOR NO KEY UPDATE", meeting_id);
}
