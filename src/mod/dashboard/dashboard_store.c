/* The dashboard module's SQL: one shape of row (path, at, part, a, b) per source. */
#include "mod/dashboard/dashboard_store.h"

#include "core/err.h"
#include "store/sql.h"

/* The communities of the query: those under the place (?1), or the place's own (?2). */
#define COMM                                                                                                  \
    "WITH comm(id) AS (SELECT id FROM place WHERE kind = 'community' AND (substr(path, 1, length(?1)) = ?1 "  \
    "OR id = ?2)) "
#define UNDER(col) " substr(" col ", 1, length(?1)) = ?1 "
#define IN_COMM(col) " " col " IN (SELECT id FROM comm) "
#define SPAN(col) " " col " >= ?3 AND " col " < ?4 "

static const char *const sources[DASHBOARD_SRC_COUNT] = {
    /* households and participation are summed in SQL at each household's parent (its building):
     * every breakdown (child, building) is at or above it, and 400,000 rows become 20,000 */
    [DASHBOARD_SRC_HOUSEHOLDS] =
        COMM "SELECT b.path, CAST(?3 AS BIGINT) * 0, NULL, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM role_assignment r "
             "WHERE r.place_id = h.id AND r.role = 'resident') THEN 1 ELSE 0 END) FROM place h JOIN place b ON b.id = h.parent_id "
             "WHERE" IN_COMM("h.community_id") "AND h.kind = 'household' AND" UNDER("h.path") "AND CAST(?4 AS BIGINT) > 0 "
             "GROUP BY b.path",
    /* took part: an opinion, support of an opinion or a matter, a report, a rating, confirmed
     * volunteer service or a survey answer by the household or one of its residents in a month
     * of the period, in a community of the query (dashboard_activity, kept by triggers: migration 0003);
     * the household's own community first (it is one of the query's): PostgreSQL otherwise probes
     * once per community of the query, and with the OR it hashes the list once (measured: 4x) */
    [DASHBOARD_SRC_PARTICIPATION] =
        COMM "SELECT b.path, 0, NULL, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM dashboard_activity d "
             "WHERE d.household_id = h.id AND" SPAN("d.month") "AND (d.community_id = h.community_id OR"
             IN_COMM("d.community_id") ")) THEN 1 ELSE 0 END) "
             "FROM place h JOIN place b ON b.id = h.parent_id "
             "WHERE" IN_COMM("h.community_id") "AND h.kind = 'household' AND" UNDER("h.path") "GROUP BY b.path",
    [DASHBOARD_SRC_SURVEYS] =
        COMM "SELECT h.path, x.at, NULL, CASE WHEN x.score >= 4 THEN 1 ELSE 0 END, 1 FROM satisfaction_response x "
             "JOIN place h ON h.id = x.household_id WHERE" IN_COMM("x.community_id") "AND" SPAN("x.at") "AND" UNDER("h.path"),
    /* the holder's household (a person's: her home in that community), else the community */
    [DASHBOARD_SRC_POINTS] =
        COMM "SELECT COALESCE(hp.path, cp.path) AS where_, t.created_at, t.kind, t.amount, 0 FROM points_txn t "
             "JOIN points_account a ON a.id = t.holder_account_id JOIN place cp ON cp.id = t.community_id "
             "LEFT JOIN place hp ON hp.id = CASE WHEN a.kind = 'household' THEN a.owner_id WHEN a.kind = 'person' THEN "
             "(SELECT MIN(r.place_id) FROM role_assignment r JOIN place q ON q.id = r.place_id AND q.kind = 'household' "
             "WHERE r.person_id = a.owner_id AND r.role = 'resident' AND r.community_id = t.community_id) END "
             "WHERE" IN_COMM("t.community_id") "AND" SPAN("t.created_at") "AND" UNDER("COALESCE(hp.path, cp.path)"),
    [DASHBOARD_SRC_POINTS_COMMUNITY] =
        COMM "SELECT cp.path, t.created_at, t.kind, t.amount, 0 FROM points_txn t JOIN place cp ON cp.id = t.community_id "
             "WHERE" IN_COMM("t.community_id") "AND" SPAN("t.created_at") "AND" UNDER("cp.path"),
    [DASHBOARD_SRC_VOLUNTEER] =
        COMM "SELECT p.path, v.confirmed_at, NULL, v.minutes, 0 FROM volunteer_signup v "
             "JOIN volunteer_shift s ON s.id = v.shift_id JOIN place p ON p.id = s.place_id "
             "WHERE" IN_COMM("v.community_id") "AND v.minutes > 0 AND" SPAN("v.confirmed_at") "AND" UNDER("p.path"),
    [DASHBOARD_SRC_MATTERS] =
        COMM "SELECT p.path, m.created_at, m.stage, 1, 0 FROM matter m JOIN place p ON p.id = m.place_id "
             "WHERE" IN_COMM("m.community_id") "AND m.created_at < ?4 AND CAST(?3 AS BIGINT) <= ?4 AND" UNDER("p.path"),
};

struct each {
    void (*fn)(void *ud, const struct dashboard_row *row);
    void *ud;
};

static void read_row(arena *a, store *s, void *st, void *ud)
{
    struct each *e = ud;
    struct dashboard_row row = {.path = sql_col_str(a, s, st, 0), .at = sql_col_int(s, st, 1),
                           .part = sql_col_str(a, s, st, 2), .a = sql_col_int(s, st, 3), .b = sql_col_int(s, st, 4)};
    e->fn(e->ud, &row);
}

int dashboard_store_rows(store *s, arena *a, enum dashboard_source src, const char *path, int64_t community, int64_t t0,
                         int64_t t1, void (*fn)(void *ud, const struct dashboard_row *row), void *ud)
{
    void *st = src >= 0 && src < DASHBOARD_SRC_COUNT ? sql_prep(s, sources[src]) : NULL;
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "siii", path, community, t0, t1);
    struct each e = {fn, ud};
    return sql_each(s, a, st, read_row, &e);
}

int dashboard_store_buildings(store *s, arena *a, const char *path, int limit, struct st_place **out, int *n)
{
    void *st = sql_prep(s, "SELECT " TREE_COLS " FROM place p WHERE p.kind = 'building' AND substr(p.path, 1, "
                           "length(?1)) = ?1 ORDER BY p.id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", path, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, tree_row, (void **)out, n);
}
