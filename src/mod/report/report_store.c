/* The report module's SQL. */
#include "mod/report/report_store.h"

#include "core/err.h"
#include "store/sql.h"

#define REPORT_COLS                                                                                              \
    "r.id, r.community_id, r.place_id, COALESCE(r.facility_id, 0), r.reporter_id, COALESCE(r.responsible_id, 0), " \
    "r.responsible_place_id, COALESCE(r.lat_e6, 0), COALESCE(r.lon_e6, 0), CASE WHEN r.lat_e6 IS NULL THEN 0 ELSE 1 END, "               \
    "r.response_due, r.resolution_due, r.next_due, COALESCE(r.responded_at, 0), COALESCE(r.fixed_at, 0), "                     \
    "COALESCE(r.closed_at, 0), COALESCE(r.duplicate_of, 0), COALESCE(r.useful_txn_id, 0), r.created_at, "         \
    "r.updated_at, r.anonymous, r.overdue, r.escalations, r.fixes, r.category, r.description, r.state, r.state_type, "      \
    "r.level, p.name, p.path, a.name, b.name, f.name "                                                            \
    "FROM report r JOIN place p ON p.id = r.place_id JOIN person a ON a.id = r.reporter_id "                      \
    "LEFT JOIN person b ON b.id = r.responsible_id LEFT JOIN facility f ON f.id = r.facility_id "

static void read_report(arena *a, store *s, void *st, void *item)
{
    struct st_report *r = item;
    int i = 0;
    r->id = sql_col_int(s, st, i++);
    r->community_id = sql_col_int(s, st, i++);
    r->place_id = sql_col_int(s, st, i++);
    r->facility_id = sql_col_int(s, st, i++);
    r->reporter_id = sql_col_int(s, st, i++);
    r->responsible_id = sql_col_int(s, st, i++);
    r->responsible_place_id = sql_col_int(s, st, i++);
    r->lat_e6 = sql_col_int(s, st, i++);
    r->lon_e6 = sql_col_int(s, st, i++);
    r->has_point = (int)sql_col_int(s, st, i++);
    r->response_due = sql_col_int(s, st, i++);
    r->resolution_due = sql_col_int(s, st, i++);
    r->next_due = sql_col_int(s, st, i++);
    r->responded_at = sql_col_int(s, st, i++);
    r->fixed_at = sql_col_int(s, st, i++);
    r->closed_at = sql_col_int(s, st, i++);
    r->duplicate_of = sql_col_int(s, st, i++);
    r->useful_txn_id = sql_col_int(s, st, i++);
    r->created_at = sql_col_int(s, st, i++);
    r->updated_at = sql_col_int(s, st, i++);
    r->anonymous = (int)sql_col_int(s, st, i++);
    r->overdue = (int)sql_col_int(s, st, i++);
    r->escalations = (int)sql_col_int(s, st, i++);
    r->fixes = (int)sql_col_int(s, st, i++);
    r->category = sql_col_str(a, s, st, i++);
    r->description = sql_col_str(a, s, st, i++);
    r->state = sql_col_str(a, s, st, i++);
    r->state_type = sql_col_str(a, s, st, i++);
    r->level = sql_col_str(a, s, st, i++);
    r->place_name = sql_col_str(a, s, st, i++);
    r->place_path = sql_col_str(a, s, st, i++);
    r->reporter_name = sql_col_str(a, s, st, i++);
    r->responsible_name = sql_col_str(a, s, st, i++);
    r->facility_name = sql_col_str(a, s, st, i++);
}

int report_store_insert(store *s, struct st_report *r)
{
    void *st = sql_prep(s, "INSERT INTO report(community_id, place_id, facility_id, lat_e6, lon_e6, category, description, "
                           "reporter_id, anonymous, state, state_type, level, responsible_id, responsible_place_id, "
                           "response_due, resolution_due, next_due, overdue, escalations, fixes, created_at, updated_at) VALUES "
                           "(?1, ?2, ?3, CAST(CASE WHEN ?4 = 1 THEN ?5 END AS BIGINT), CAST(CASE WHEN ?4 = 1 THEN ?6 END AS BIGINT), ?7, ?8, ?9, ?10, "
                           "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?19, 0, 0, 0, ?18, ?18) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIiiissiisssIiiiii", r->community_id, r->place_id, r->facility_id, (int64_t)r->has_point,
             r->lat_e6, r->lon_e6, r->category, r->description, r->reporter_id, (int64_t)r->anonymous, r->state,
             r->state_type, r->level, r->responsible_id, r->responsible_place_id, r->response_due, r->resolution_due,
             r->created_at, r->next_due);
    return sql_insert_id(s, st, &r->id);
}

int report_store_get(store *s, arena *a, int64_t id, struct st_report *out)
{
    void *st = sql_prep(s, "SELECT " REPORT_COLS "WHERE r.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_report, out);
}

int report_store_lock(store *s, int64_t id)
{
    return sql_lock(s, "SELECT id FROM report WHERE id = ?1 FOR NO KEY UPDATE", id);
}

int report_store_update(store *s, const struct st_report *r)
{
    void *st = sql_prep(s, "UPDATE report SET state = ?2, state_type = ?3, level = ?4, responsible_id = ?5, "
                           "responsible_place_id = ?6, next_due = ?7, resolution_due = ?8, responded_at = ?9, "
                           "fixed_at = ?10, closed_at = ?11, overdue = ?12, escalations = ?13, duplicate_of = ?14, "
                           "useful_txn_id = ?15, updated_at = ?16, fixes = ?17 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isssIiiiIIIiiIIii", r->id, r->state, r->state_type, r->level, r->responsible_id,
             r->responsible_place_id, r->next_due, r->resolution_due, r->responded_at, r->fixed_at, r->closed_at,
             (int64_t)r->overdue, (int64_t)r->escalations, r->duplicate_of, r->useful_txn_id, r->updated_at,
             (int64_t)r->fixes);
    return sql_exec_one(s, st, WG_ENOTFOUND);
}

int report_store_photo(store *s, int64_t report_id, int64_t photo_id, int64_t community_id, int64_t by, int pos)
{
    void *st = sql_prep(s, "INSERT INTO report_photo(report_id, photo_id, community_id, added_by, position) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiii", report_id, photo_id, community_id, by, (int64_t)pos);
    return sql_exec(s, st);
}

int report_store_photo_count(store *s, int64_t report_id, int *n)
{
    return sql_count_id(s, "SELECT COUNT(*) FROM report_photo WHERE report_id = ?1", report_id, n);
}

int report_store_photos(store *s, arena *a, int64_t report_id, int64_t **out, int *n)
{
    void *st = sql_prep(s, "SELECT photo_id FROM report_photo WHERE report_id = ?1 ORDER BY position");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", report_id);
    return sql_collect(s, a, st, sizeof **out, REPORT_PHOTOS_ALL, sql_read_id, (void **)out, n);
}

int report_store_event_id(store *s, const struct st_report *r, const char *kind, const char *from, const char *to,
                          int64_t person_id, int64_t actor_id, const char *note, int64_t at, int64_t *id)
{
    void *st = sql_prep(s, "INSERT INTO report_event(report_id, community_id, kind, from_state, to_state, level, person_id, "
                           "actor_id, note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iissssIIsi", r->id, r->community_id, kind, from, to, r->level, person_id, actor_id,
             note ? note : "", at);
    return sql_insert_id(s, st, id);
}

int report_store_event(store *s, const struct st_report *r, const char *kind, const char *from, const char *to,
                       int64_t person_id, int64_t actor_id, const char *note, int64_t at)
{
    int64_t id;
    return report_store_event_id(s, r, kind, from, to, person_id, actor_id, note, at, &id);
}

static void read_event(arena *a, store *s, void *st, void *item)
{
    struct st_report_event *e = item;
    e->id = sql_col_int(s, st, 0);
    e->report_id = sql_col_int(s, st, 1);
    e->person_id = sql_col_int(s, st, 2);
    e->actor_id = sql_col_int(s, st, 3);
    e->at = sql_col_int(s, st, 4);
    e->kind = sql_col_str(a, s, st, 5);
    e->from_state = sql_col_str(a, s, st, 6);
    e->to_state = sql_col_str(a, s, st, 7);
    e->level = sql_col_str(a, s, st, 8);
    e->note = sql_col_str(a, s, st, 9);
    e->person_name = sql_col_str(a, s, st, 10);
    e->actor_name = sql_col_str(a, s, st, 11);
}

int report_store_events(store *s, arena *a, int64_t report_id, struct st_report_event **out, int *n)
{
    void *st = sql_prep(s, "SELECT e.id, e.report_id, COALESCE(e.person_id, 0), COALESCE(e.actor_id, 0), e.at, e.kind, "
                           "e.from_state, e.to_state, e.level, e.note, p.name, a.name FROM report_event e "
                           "LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person a ON a.id = e.actor_id "
                           "WHERE e.report_id = ?1 ORDER BY e.id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", report_id, (int64_t)REPORT_EVENTS_SHOWN);
    return sql_collect(s, a, st, sizeof **out, REPORT_EVENTS_SHOWN, read_event, (void **)out, n);
}

int report_store_follow(store *s, int64_t report_id, int64_t person_id, int64_t community_id, int on, int64_t at)
{
    void *st = sql_prep(s, on ? "INSERT INTO report_follow(report_id, person_id, community_id, at) VALUES (?1, ?2, ?3, ?4) "
                                "ON CONFLICT DO NOTHING"
                              : "DELETE FROM report_follow WHERE report_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    if (on)
        sql_bind(s, st, "iiii", report_id, person_id, community_id, at);
    else
        sql_bind(s, st, "ii", report_id, person_id);
    return sql_exec(s, st);
}

int report_store_tell_followers(store *s, const struct notify_msg *msg, int64_t report_id, int64_t except)
{
    return notify_fanout(s, msg, NULL,
                         "SELECT person_id, community_id FROM report_follow WHERE report_id = ?1 AND person_id <> ?2", "ii",
                         report_id, except);
}

int report_store_following(store *s, int64_t report_id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM report_follow WHERE report_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", report_id, person_id);
    return sql_count(s, st, yes);
}

int report_store_similar(store *s, arena *a, int64_t community_id, int64_t facility_id, const char *category,
                         int64_t place_id, int has_point, int64_t lat_e6, int64_t lon_e6, int64_t dlat, int64_t dlon,
                         struct st_report **out, int *n)
{
    void *st = sql_prep(s, "SELECT " REPORT_COLS "WHERE r.community_id = ?1 AND r.state_type = 'open' AND ("
                           "(?2 > 0 AND r.facility_id = ?2) OR (r.category = ?3 AND (r.place_id = ?4 OR (?5 = 1 AND "
                           "r.lat_e6 BETWEEN ?6 AND ?7 AND r.lon_e6 BETWEEN ?8 AND ?9)))) "
                           "ORDER BY r.id DESC LIMIT ?10");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisiiiiiii", community_id, facility_id, category, place_id, (int64_t)has_point, lat_e6 - dlat,
             lat_e6 + dlat, lon_e6 - dlon, lon_e6 + dlon, (int64_t)REPORT_SIMILAR_MAX);
    return sql_collect(s, a, st, sizeof **out, REPORT_SIMILAR_MAX, read_report, (void **)out, n);
}

int report_store_of_facility(store *s, arena *a, int64_t facility_id, int limit, struct st_report **out, int *n)
{
    void *st = sql_prep(s, "SELECT " REPORT_COLS "WHERE r.facility_id = ?1 ORDER BY r.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", facility_id, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_report, (void **)out, n);
}

#define LIST_TAIL                                                                                                    \
    "AND (?2 = '' OR r.state_type = ?2 OR (?2 = 'overdue' AND r.state_type = 'open' AND r.overdue = 1)) "           \
    "AND (?3 = '' OR r.category = ?3) AND (?4 = 0 OR r.reporter_id = ?4) AND r.id < ?5 ORDER BY r.id DESC LIMIT ?6"
#define LIST_UNDER "AND substr(p.path, 1, length(?7)) = ?7 AND r.created_at >= ?8 AND r.created_at < ?9 "

int report_store_list(store *s, arena *a, int64_t community_id, const char *path, int64_t t0, int64_t t1,
                      const char *filter, const char *category, int64_t reporter_id, int64_t before, int limit,
                      struct st_report **out, int *n)
{
    /* a community's by its index on (community_id, id); above communities
     * (a street's place), every report newest first under the path */
    static const char *const sql[] = {
        "SELECT " REPORT_COLS "WHERE r.community_id = ?1 " LIST_TAIL,
        "SELECT " REPORT_COLS "WHERE r.community_id = ?1 " LIST_UNDER LIST_TAIL,
        "SELECT " REPORT_COLS "WHERE CAST(?1 AS BIGINT) = 0 " LIST_UNDER LIST_TAIL,
    };
    void *st = sql_prep(s, sql[path == NULL ? 0 : community_id > 0 ? 1 : 2]);
    if (st == NULL)
        return WG_EDB;
    /* a plain range on the id (no "?5 = 0 OR"), so that the index on
     * (community_id, id) starts at the page: deep pages, as an export walks
     * them, cost what the first does */
    sql_bind(s, st, "issiii", community_id, filter ? filter : "", category ? category : "", reporter_id,
             before > 0 ? before : INT64_MAX, (int64_t)limit);
    if (path)
        sql_bind_from(s, st, 7, "sii", path, t0, t1);
    return sql_collect(s, a, st, sizeof **out, limit, read_report, (void **)out, n);
}

int report_store_window(store *s, arena *a, int64_t community_id, int64_t t0, int64_t t1, const char *cats, int want,
                        int limit, struct st_report **out, int *n)
{
    void *st = sql_prep(s, "SELECT " REPORT_COLS "WHERE r.community_id = ?1 AND r.created_at >= ?2 AND r.created_at < ?3 "
                           "AND (CAST(?4 AS TEXT) = '' OR (',' || CAST(?4 AS TEXT) || ',') LIKE ('%,' || r.category || ',%')) "
                           "AND ((?5 = 1 AND r.state_type = 'open') OR (?6 = 1 AND r.state_type <> 'open')) "
                           "ORDER BY r.created_at DESC, r.id DESC LIMIT ?7");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisiii", community_id, t0, t1, cats ? cats : "", (int64_t)(want & 1), (int64_t)((want & 2) >> 1),
             (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_report, (void **)out, n);
}

int report_store_events_window(store *s, arena *a, int64_t community_id, int64_t t0, int64_t t1, int limit,
                               struct st_report_event **out, int *n)
{
    void *st = sql_prep(s, "SELECT e.id, e.report_id, COALESCE(e.person_id, 0), COALESCE(e.actor_id, 0), e.at, e.kind, "
                           "e.from_state, COALESCE((SELECT x.to_state FROM report_event x WHERE x.report_id = e.report_id "
                           "AND x.id <= e.id AND x.to_state IS NOT NULL AND x.to_state <> '' ORDER BY x.id DESC LIMIT 1), "
                           "'new'), e.level, e.note, p.name, a.name FROM report_event e "
                           "LEFT JOIN person p ON p.id = e.person_id LEFT JOIN person a ON a.id = e.actor_id "
                           "WHERE e.community_id = ?1 AND e.at >= ?2 AND e.at < ?3 AND e.kind <> 'created' "
                           "ORDER BY e.at, e.id LIMIT ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", community_id, t0, t1, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_event, (void **)out, n);
}

int report_store_check(store *s, const struct st_report *r, int64_t person_id, const char *answer, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO report_check(report_id, person_id, fix_no, community_id, answer, at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiisi", r->id, person_id, (int64_t)r->fixes, r->community_id, answer, at);
    return sql_exec(s, st);
}

int report_store_checked(store *s, int64_t report_id, int64_t person_id, int fix_no, int *yes)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM report_check WHERE report_id = ?1 AND person_id = ?2 AND fix_no = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", report_id, person_id, (int64_t)fix_no);
    return sql_count(s, st, yes);
}

struct rate_call {
    void (*fn)(void *ud, const struct report_rate_row *row);
    void *ud;
};

static void rate_row(arena *a, store *s, void *st, void *ud)
{
    struct rate_call *call = ud;
    struct report_rate_row row = {.created_at = sql_col_int(s, st, 0), .responded_at = sql_col_int(s, st, 1),
                                  .response_due = sql_col_int(s, st, 2), .resolution_due = sql_col_int(s, st, 3),
                                  .responsible_id = sql_col_int(s, st, 4), .score = sql_col_int(s, st, 5),
                                  .category = sql_col_str(a, s, st, 6), .state_type = sql_col_str(a, s, st, 7),
                                  .path = sql_col_str(a, s, st, 8)};
    call->fn(call->ud, &row);
}

/* The three rates' rows: a community's reports by its index on (community,
 * received) (a filter "?1 = 0 OR community = ?1" made SQLite read every
 * report of the district); above communities, every report received in
 * the window under the path, read in one pass (measured: the communities'
 * index one by one took three times as long for a street's year). */
#define RATE_COLS "SELECT r.created_at, COALESCE(r.responded_at, 0), r.response_due, r.resolution_due, " \
                  "COALESCE(r.responsible_id, 0), "
#define RATE_WHERE_COMMUNITY "r.community_id = ?1 "
#define RATE_WHERE_UNDER "?1 = 0 "
#define RATE_TAIL "AND substr(p.path, 1, length(?2)) = ?2 AND r.created_at >= ?3 AND r.created_at < ?4"
#define RATE_REPORTS(where) RATE_COLS "0, r.category, r.state_type, p.path FROM report r " \
    "JOIN place p ON p.id = r.place_id WHERE " where RATE_TAIL
/* the households' ratings are mod/satisfaction's answers about the report */
#define RATE_RATINGS(where) RATE_COLS "g.score, r.category, r.state_type, p.path FROM report r " \
    "JOIN place p ON p.id = r.place_id JOIN satisfaction_answer g ON g.subject = 'report' AND g.subject_id = r.id " \
    "WHERE " where RATE_TAIL

int report_store_rate_rows(store *s, arena *a, int64_t community_id, const char *path, int64_t t0, int64_t t1,
                           int ratings, void (*fn)(void *ud, const struct report_rate_row *row), void *ud)
{
    static const char *const sql[2][2] = {
        {RATE_REPORTS(RATE_WHERE_UNDER), RATE_RATINGS(RATE_WHERE_UNDER)},
        {RATE_REPORTS(RATE_WHERE_COMMUNITY), RATE_RATINGS(RATE_WHERE_COMMUNITY)},
    };
    void *st = sql_prep(s, sql[community_id > 0][ratings != 0]);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", community_id, path, t0, t1);
    struct rate_call call = {fn, ud};
    return sql_each(s, a, st, rate_row, &call);
}

static void read_day(arena *a, store *s, void *st, void *item)
{
    (void)a;
    *(int32_t *)item = (int32_t)sql_col_int(s, st, 0);
}

int report_store_calendar(store *s, arena *a, int64_t street_id, const char *kind, int32_t **days, int *n)
{
    void *st = sql_prep(s, "SELECT day FROM report_calendar WHERE street_id = ?1 AND kind = ?2 ORDER BY day");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", street_id, kind);
    return sql_collect(s, a, st, sizeof **days, WORKCAL_DAYS_MAX, read_day, (void **)days, n);
}

int report_store_calendar_clear(store *s, int64_t street_id)
{
    void *st = sql_prep(s, "DELETE FROM report_calendar WHERE street_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", street_id);
    return sql_exec(s, st);
}

int report_store_calendar_add(store *s, int64_t street_id, int32_t day, const char *kind)
{
    void *st = sql_prep(s, "INSERT INTO report_calendar(street_id, day, kind) VALUES (?1, ?2, ?3)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iis", street_id, (int64_t)day, kind);
    return sql_exec(s, st);
}
