/* Bulk problem reports for the benchmarks (report_sql.h): one set-based
 * statement per step, the same SQL on SQLite and PostgreSQL. */
#include "core/err.h"
#include "store/sql.h"
#include "report_sql.h"

#define UNDER(col) "substr(" col ", 1, length(CAST(?1 AS TEXT))) = ?1"
/* 1..?2, as BIGINT on PostgreSQL (k times a prime overflows an integer) */
#define SEQ64 "WITH RECURSIVE seq(k) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT k + 1 FROM seq WHERE k < CAST(?2 AS BIGINT))"
#define CATEGORY13(x)                                                                                            \
    "CASE " x " % 13 WHEN 0 THEN 'safety' WHEN 1 THEN 'water' WHEN 2 THEN 'power' WHEN 3 THEN 'gas' "             \
    "WHEN 4 THEN 'heating' WHEN 5 THEN 'environment' WHEN 6 THEN 'facility' WHEN 7 THEN 'greening' "              \
    "WHEN 8 THEN 'parking' WHEN 9 THEN 'noise' WHEN 10 THEN 'neighbour' WHEN 11 THEN 'property' ELSE 'other' END"
#define DESCRIPTION(x)                                                                                           \
    "CASE " x " % 4 WHEN 0 THEN '楼道灯坏了一个多星期，晚上上下楼看不清台阶，老人小孩容易摔倒。' "               \
    "WHEN 1 THEN '小区东门垃圾桶满了没人清运，气味很大。\n\n已经反映过一次，希望尽快处理。' "                     \
    "WHEN 2 THEN '单元门禁坏了，外人随便进出，请物业尽快维修。' "                                                \
    "ELSE '消防通道被电动车和杂物堵住，存在安全隐患。' END"

static int max_report_id(store *s, int64_t *out)
{
    int v = 0;
    void *st = sql_prep(s, "SELECT COALESCE(max(id), 0) FROM report");
    if (st == NULL)
        return WG_EDB;
    int rc = sql_count(s, st, &v);
    *out = v;
    return rc;
}

/* The year's reports: x holds, per community and k, the household (its
 * rank in the community), the time received (t, between 15 and 365 days
 * ago), the state's slot (s, of 20) and the hours until it was answered
 * (late; its response limit is 72). "x CROSS JOIN h" keeps SQLite's loop
 * over x outside, h found by an automatic index on (community, rank):
 * the other way round it tried every k for every household. */
static int insert_year(store *s, const char *prefix, int64_t community_id, int per_community, int64_t now)
{
    void *st = sql_prep(s, SEQ64 ", "
        "h AS (SELECT p.id, p.parent_id, p.community_id, row_number() OVER (PARTITION BY p.community_id ORDER BY p.id) AS rn "
        "FROM place p WHERE p.kind = 'household' AND " UNDER("p.path")
        " AND (CAST(?3 AS BIGINT) = 0 OR p.community_id = CAST(?3 AS BIGINT))), "
        "c AS (SELECT community_id, count(*) AS nh FROM h GROUP BY community_id), "
        "x AS (SELECT c.community_id AS cid, k, 1 + (k * 7919) % c.nh AS rn, "
        "CAST(?4 AS BIGINT) - 15 * 86400 - (k * 7919 + c.community_id * 613) % (350 * 86400) AS t, "
        "(k * 7 + c.community_id) % 20 AS s, k % 97 AS late FROM c, seq) "
        "INSERT INTO report(community_id, place_id, category, description, reporter_id, anonymous, state, state_type, "
        "level, responsible_id, responsible_place_id, response_due, resolution_due, next_due, responded_at, fixed_at, "
        "closed_at, overdue, escalations, fixes, created_at, updated_at) "
        "SELECT x.cid, h.parent_id, " CATEGORY13("x.k") ", " DESCRIPTION("x.k") ", o.id, "
        "CASE WHEN x.k % 7 = 0 THEN 1 ELSE 0 END, "
        "CASE WHEN x.s = 0 THEN 'new' WHEN x.s = 1 THEN 'confirmed' WHEN x.s = 2 THEN 'in_progress' "
        "WHEN x.s <= 15 THEN 'fixed' WHEN x.s = 16 THEN 'closed_duplicate' WHEN x.s = 17 THEN 'closed_not_ours' "
        "WHEN x.s = 18 THEN 'closed_unable' ELSE 'closed_not_fixed' END, "
        "CASE WHEN x.s <= 2 THEN 'open' WHEN x.s <= 15 THEN 'fixed' ELSE 'closed' END, "
        "'community', stf.id, x.cid, x.t + 3 * 86400, x.t + 7 * 86400, x.t + 7 * 86400, "
        "CASE WHEN x.s = 0 THEN NULL ELSE x.t + x.late * 3600 END, "
        "CASE WHEN x.s BETWEEN 3 AND 15 THEN x.t + x.late * 3600 + (x.k % 11) * 86400 END, "
        "CASE WHEN x.s >= 16 THEN x.t + x.late * 3600 + (x.k % 5) * 86400 END, "
        "CASE WHEN x.late > 72 THEN 1 ELSE 0 END, 0, CASE WHEN x.s BETWEEN 3 AND 15 OR x.s = 19 THEN 1 ELSE 0 END, "
        "x.t, CASE WHEN x.s = 0 THEN x.t WHEN x.s <= 2 THEN x.t + x.late * 3600 "
        "WHEN x.s <= 15 THEN x.t + x.late * 3600 + (x.k % 11) * 86400 ELSE x.t + x.late * 3600 + (x.k % 5) * 86400 END "
        "FROM x CROSS JOIN h JOIN person o ON o.phone = CAST(15000000000 + h.id * 4 + 1 AS TEXT) "
        "JOIN person stf ON stf.phone = CAST(16000000000 + x.cid AS TEXT) "
        "WHERE h.community_id = x.cid AND h.rn = x.rn ORDER BY x.t, x.cid");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "siii", prefix, (int64_t)per_community, community_id, now);
    return sql_exec(s, st);
}

/* Three in five of the fixed or closed reports first..last rated by the
 * reporter's household (mod/satisfaction's answers about the report). */
static int insert_ratings(store *s, int64_t first, int64_t last)
{
    void *st = sql_prep(s, "INSERT INTO satisfaction_answer(subject, subject_id, voter, community_id, person_id, score, "
                           "at) SELECT 'report', r.id, 'h' || CAST((CAST(a.phone AS BIGINT) - 15000000000) / 4 AS TEXT), r.community_id, "
                           "r.reporter_id, CASE r.id % 10 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 4 "
                           "WHEN 4 THEN 4 WHEN 5 THEN 4 ELSE 5 END, COALESCE(r.fixed_at, r.closed_at) + 3600 "
                           "FROM report r JOIN person a ON a.id = r.reporter_id WHERE r.id BETWEEN ?1 AND ?2 "
                           "AND r.state_type <> 'open' AND r.id % 5 < 3 ORDER BY r.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", first, last);
    return sql_exec(s, st);
}

int bench_sql_reports(store *s, const char *prefix, int64_t community_id, int per_community, int64_t now,
                      int64_t *first, int64_t *last)
{
    int64_t before = 0;
    int rc = max_report_id(s, &before);
    if (rc == 0 && per_community > 0)
        rc = insert_year(s, prefix, community_id, per_community, now);
    if (rc == 0)
        rc = max_report_id(s, last);
    if (rc == 0 && *last > before)
        rc = insert_ratings(s, before + 1, *last);
    *first = before + 1;
    return rc;
}

static int insert_overdue(store *s, const char *prefix, int n, int64_t now)
{
    void *st = sql_prep(s, SEQ64 ", "
        "h AS (SELECT p.id, p.parent_id, p.community_id, row_number() OVER (ORDER BY p.id) AS rn "
        "FROM place p WHERE p.kind = 'household' AND " UNDER("p.path") "), "
        "c AS (SELECT count(*) AS nh FROM h), "
        "x AS (SELECT k, 1 + (k * 7919) % c.nh AS rn FROM c, seq) "
        "INSERT INTO report(community_id, place_id, category, description, reporter_id, anonymous, state, state_type, "
        "level, responsible_id, responsible_place_id, response_due, resolution_due, next_due, overdue, escalations, "
        "fixes, created_at, updated_at) "
        "SELECT h.community_id, h.parent_id, " CATEGORY13("x.k") ", " DESCRIPTION("x.k") ", o.id, 0, 'new', 'open', "
        "'community', stf.id, h.community_id, CAST(?3 AS BIGINT) - 60 - x.k % 3600, CAST(?3 AS BIGINT) + 4 * 86400, "
        "CAST(?3 AS BIGINT) - 60 - x.k % 3600, 0, 0, 0, CAST(?3 AS BIGINT) - 3 * 86400 - x.k % 3600, "
        "CAST(?3 AS BIGINT) - 3 * 86400 - x.k % 3600 "
        "FROM x CROSS JOIN h JOIN person o ON o.phone = CAST(15000000000 + h.id * 4 + 1 AS TEXT) "
        "JOIN person stf ON stf.phone = CAST(16000000000 + h.community_id AS TEXT) WHERE h.rn = x.rn ORDER BY x.k");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", prefix, (int64_t)n, now);
    return sql_exec(s, st);
}

/* What report_create writes besides the report: its event, its follower, its job. */
static int insert_overdue_parts(store *s, int64_t first, int64_t last, int64_t now)
{
    void *st = sql_prep(s, "INSERT INTO report_event(report_id, community_id, kind, from_state, to_state, level, person_id, "
                           "actor_id, note, at) SELECT id, community_id, 'created', NULL, 'new', level, responsible_id, "
                           "reporter_id, '', created_at FROM report WHERE id BETWEEN ?1 AND ?2 ORDER BY id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", first, last);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "INSERT INTO report_follow(report_id, person_id, community_id, at) "
                     "SELECT id, reporter_id, community_id, created_at FROM report WHERE id BETWEEN ?1 AND ?2 ORDER BY id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", first, last);
    if ((rc = sql_exec(s, st)))
        return rc;
    st = sql_prep(s, "INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at) "
                     "SELECT 'report.escalate', 'report.escalate:' || CAST(id AS TEXT), id, next_due, 'pending', 0, "
                     "CAST(?3 AS BIGINT) FROM report WHERE id BETWEEN ?1 AND ?2 ORDER BY id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", first, last, now);
    return sql_exec(s, st);
}

int bench_sql_overdue_reports(store *s, const char *prefix, int n, int64_t now, int64_t *first, int64_t *last)
{
    int64_t before = 0;
    int rc = max_report_id(s, &before);
    if (rc == 0)
        rc = insert_overdue(s, prefix, n, now);
    if (rc == 0)
        rc = max_report_id(s, last);
    *first = before + 1;
    if (rc == 0 && *last >= *first)
        rc = insert_overdue_parts(s, *first, *last, now);
    return rc;
}

int bench_sql_escalated(store *s, int64_t first, int64_t last, int *reports, int *events)
{
    void *st = sql_prep(s, "SELECT count(*) FROM report WHERE id BETWEEN ?1 AND ?2 AND level = 'street' "
                           "AND escalations = 1 AND overdue = 1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", first, last);
    int rc = sql_count(s, st, reports);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT count(*) FROM report_event WHERE report_id BETWEEN ?1 AND ?2 AND kind = 'escalated'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", first, last);
    return sql_count(s, st, events);
}
