/* A year of what the dashboards read (dashboard_sql.h): one set-based
 * statement per step, the same SQL on SQLite and PostgreSQL. */
#include "core/err.h"
#include "store/sql.h"
#include "dashboard_sql.h"

#define UNDER(col) "substr(" col ", 1, length(CAST(?1 AS TEXT))) = ?1"
#define MONTHS "WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 11) "
#define QUARTERS "WITH RECURSIVE q(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM q WHERE k < 3) "
#define OWNER(h) "JOIN person o ON o.phone = CAST(15000000000 + " h " * 4 + 1 AS TEXT) "
#define STAFF(c) "JOIN person stf ON stf.phone = CAST(16000000000 + " c " AS TEXT) "

static int run(store *s, const char *sql, const char *prefix, int64_t now, int64_t after)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", prefix, now, after);
    return sql_exec(s, st);
}

static int max_id(store *s, const char *table, int64_t *out)
{
    static const char *const q[] = {"SELECT COALESCE(max(id), 0) FROM volunteer_signup",
                                    "SELECT COALESCE(max(id), 0) FROM points_txn"};
    int v = 0;
    void *st = sql_prep(s, q[table[0] == 'p']);
    if (st == NULL)
        return WG_EDB;
    int rc = sql_count(s, st, &v);
    *out = v;
    return rc;
}

/* ?1 prefix, ?2 now, ?3 the first id of this run's rows (signups, transactions) */
static const char *const service[] = {
    MONTHS "INSERT INTO volunteer_shift(community_id, place_id, title, skill, location, starts_at, ends_at, capacity, "
    "window_min, checkin_token, organiser_id, status, created_at) "
    "SELECT c.id, c.id, '环境清扫', '', '社区广场', CAST(?2 AS BIGINT) - (m.k * 30 + 12) * 86400, "
    "CAST(?2 AS BIGINT) - (m.k * 30 + 12) * 86400 + 7200, 1000, 30, 'bench-' || CAST(c.id AS TEXT) || '-' || "
    "CAST(m.k AS TEXT), stf.id, 'open', CAST(?2 AS BIGINT) - (m.k * 30 + 19) * 86400 "
    "FROM place c " STAFF("c.id") "CROSS JOIN m WHERE c.kind = 'community' AND " UNDER("c.path")
    " AND CAST(?3 AS BIGINT) >= 0 ORDER BY c.id, m.k",
    "INSERT INTO volunteer_signup(shift_id, community_id, person_id, status, checkin_at, checkout_at, minutes, "
    "confirmed_by, confirmed_at, created_at, updated_at) "
    "SELECT v.id, v.community_id, o.id, 'confirmed', v.starts_at, v.ends_at, 120, v.organiser_id, v.ends_at + 3600, "
    "v.created_at, v.ends_at + 3600 FROM volunteer_shift v JOIN place c ON c.id = v.community_id "
    "JOIN place h ON h.community_id = v.community_id AND h.kind = 'household' " OWNER("h.id")
    "WHERE v.checkin_token LIKE 'bench-%' AND " UNDER("c.path") " AND (h.id + v.id) % 10 = 0 "
    "AND CAST(?2 AS BIGINT) > 0 AND CAST(?3 AS BIGINT) >= 0 ORDER BY v.id, h.id",
    "INSERT INTO points_account(community_id, kind, owner_id, balance) "
    "SELECT c.id, a.kind, 0, 0 FROM place c CROSS JOIN (SELECT 'issue' AS kind UNION ALL SELECT 'shop') a "
    "WHERE c.kind = 'community' AND " UNDER("c.path") " AND CAST(?2 AS BIGINT) > 0 AND CAST(?3 AS BIGINT) >= 0 "
    "AND NOT EXISTS (SELECT 1 FROM points_account x WHERE x.community_id = c.id AND x.kind = a.kind AND x.owner_id = 0)",
    "INSERT INTO points_account(community_id, kind, owner_id, balance) "
    "SELECT DISTINCT v.community_id, 'person', v.person_id, 0 FROM volunteer_signup v WHERE v.id >= ?3 "
    "AND CAST(?2 AS BIGINT) > 0 AND length(?1) > 0 AND NOT EXISTS (SELECT 1 FROM points_account x "
    "WHERE x.community_id = v.community_id AND x.kind = 'person' AND x.owner_id = v.person_id)",
    "INSERT INTO points_txn(community_id, idem_key, kind, rule, reason, source_kind, source_id, holder_account_id, "
    "amount, actor_id, created_at) "
    "SELECT v.community_id, 'volunteer:' || CAST(v.id AS TEXT), 'earn', 'volunteer_hour', '志愿服务', "
    "'volunteer_signup', v.id, a.id, 10, v.confirmed_by, v.confirmed_at FROM volunteer_signup v "
    "JOIN points_account a ON a.community_id = v.community_id AND a.kind = 'person' AND a.owner_id = v.person_id "
    "WHERE v.id >= ?3 AND CAST(?2 AS BIGINT) > 0 AND length(?1) > 0 ORDER BY v.id",
    "INSERT INTO points_txn(community_id, idem_key, kind, rule, reason, source_kind, source_id, holder_account_id, "
    "amount, actor_id, created_at) "
    "SELECT v.community_id, 'shop:bench:' || CAST(v.id AS TEXT), 'redeem', 'redeem', '洗衣液', 'bench', v.id, a.id, 5, "
    "v.person_id, v.confirmed_at + 7 * 86400 FROM volunteer_signup v "
    "JOIN points_account a ON a.community_id = v.community_id AND a.kind = 'person' AND a.owner_id = v.person_id "
    "WHERE v.id >= ?3 AND v.id % 3 = 0 AND v.confirmed_at + 7 * 86400 < CAST(?2 AS BIGINT) AND length(?1) > 0 "
    "ORDER BY v.id",
};

/* ?3: the first transaction of this run */
static const char *const postings[] = {
    "INSERT INTO points_posting(txn_id, account_id, community_id, amount) "
    "SELECT t.id, CASE WHEN t.kind = 'earn' THEN i.id ELSE t.holder_account_id END, t.community_id, -t.amount "
    "FROM points_txn t JOIN points_account i ON i.community_id = t.community_id AND i.owner_id = 0 "
    "AND i.kind = CASE WHEN t.kind = 'earn' THEN 'issue' ELSE 'shop' END "
    "WHERE t.id >= ?3 AND CAST(?2 AS BIGINT) > 0 AND length(?1) > 0 ORDER BY t.id",
    "INSERT INTO points_posting(txn_id, account_id, community_id, amount) "
    "SELECT t.id, CASE WHEN t.kind = 'earn' THEN t.holder_account_id ELSE i.id END, t.community_id, t.amount "
    "FROM points_txn t JOIN points_account i ON i.community_id = t.community_id AND i.owner_id = 0 "
    "AND i.kind = CASE WHEN t.kind = 'earn' THEN 'issue' ELSE 'shop' END "
    "WHERE t.id >= ?3 AND CAST(?2 AS BIGINT) > 0 AND length(?1) > 0 ORDER BY t.id",
    "UPDATE points_account SET balance = (SELECT COALESCE(SUM(p.amount), 0) FROM points_posting p "
    "WHERE p.account_id = points_account.id) WHERE id IN (SELECT account_id FROM points_posting WHERE txn_id >= ?3) "
    "AND CAST(?2 AS BIGINT) > 0 AND length(?1) > 0",
};

int bench_sql_service(store *s, const char *prefix, int64_t now)
{
    int64_t signup0 = 0, txn0 = 0;
    int rc = max_id(s, "volunteer_signup", &signup0);
    if (rc == 0)
        rc = run(s, service[0], prefix, now, 0);
    for (size_t i = 1; rc == 0 && i < sizeof service / sizeof *service; i++) {
        if (i == 4)
            rc = max_id(s, "points_txn", &txn0);
        if (rc == 0)
            rc = run(s, service[i], prefix, now, signup0 + 1);
    }
    for (size_t i = 0; rc == 0 && i < sizeof postings / sizeof *postings; i++)
        rc = run(s, postings[i], prefix, now, txn0 + 1);
    return rc;
}

int bench_sql_surveys(store *s, const char *prefix, int64_t now)
{
    int rc = run(s, QUARTERS "INSERT INTO satisfaction_survey(community_id, place_id, question, threshold, opens_at, "
                 "closes_at, created_by, created_at) SELECT c.id, c.id, '您家对本季度社区的工作满意吗？', 60, "
                 "CAST(?2 AS BIGINT) - (q.k * 91 + 40) * 86400, CAST(?2 AS BIGINT) - (q.k * 91 + 26) * 86400, stf.id, "
                 "CAST(?2 AS BIGINT) - (q.k * 91 + 40) * 86400 FROM place c " STAFF("c.id") "CROSS JOIN q "
                 "WHERE c.kind = 'community' AND " UNDER("c.path") " AND CAST(?3 AS BIGINT) >= 0 ORDER BY c.id, q.k",
                 prefix, now, 0);
    if (rc == 0)
        rc = run(s, "INSERT INTO satisfaction_response(survey_id, household_id, person_id, community_id, score, at) "
                 "SELECT v.id, h.id, o.id, v.community_id, 1 + (h.id * 7 + v.id) % 5, v.opens_at + (h.id % 10) * 86400 "
                 "FROM satisfaction_survey v JOIN place c ON c.id = v.community_id "
                 "JOIN place h ON h.community_id = v.community_id AND h.kind = 'household' " OWNER("h.id")
                 "WHERE " UNDER("c.path") " AND (h.id + v.id) % 3 = 0 AND CAST(?2 AS BIGINT) > 0 "
                 "AND CAST(?3 AS BIGINT) >= 0 ORDER BY v.id, h.id",
                 prefix, now, 0);
    return rc;
}
