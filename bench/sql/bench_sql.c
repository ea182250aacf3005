/* Bulk generation of a benchmark dataset (bench_sql.h): one set-based
 * statement per step, the same SQL on SQLite and PostgreSQL. */
#include <string.h>

#include "core/err.h"
#include "store/sql.h"
#include "bench_sql.h"

#define UNDER(col) "substr(" col ", 1, length(CAST(?1 AS TEXT))) = ?1"
/* 1..?2 */
#define SEQ "WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < CAST(?2 AS BIGINT)) "

static int max_id(store *s, const char *sql, int *out)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    return sql_count(s, st, out);
}

int bench_sql_places(store *s, const char *prefix, const char *parent_kind, const char *kind, int n,
                       const char *name_prefix, int64_t now)
{
    /* a temporary path unique per row ('tmp/PARENT/K'), then the real one */
    void *st = sql_prep(s, SEQ "INSERT INTO place(kind, parent_id, community_id, code, name, path, area_dm2, created_at) "
                             "SELECT CAST(?4 AS TEXT), p.id, p.community_id, CAST(k AS TEXT), CAST(?5 AS TEXT) || CAST(k AS TEXT), "
                             "'tmp/' || CAST(p.id AS TEXT) || '/' || CAST(k AS TEXT), "
                             "CASE WHEN CAST(?4 AS TEXT) = 'household' THEN 6000 + (p.id * 7 + k * 131) % 9001 END, CAST(?6 AS BIGINT) "
                             "FROM place p, seq WHERE p.kind = CAST(?3 AS TEXT) AND " UNDER("p.path") " ORDER BY p.id, k");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sisssi", prefix, (int64_t)n, parent_kind, kind, name_prefix, now);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "UPDATE place SET path = (SELECT pp.path FROM place pp WHERE pp.id = place.parent_id) || CAST(id AS TEXT) || '/', "
                   "community_id = CASE WHEN kind = 'community' THEN id ELSE community_id END "
                   "WHERE substr(path, 1, 4) = 'tmp/'");
    if (st == NULL)
        return WG_EDB;
    return sql_exec(s, st);
}

int bench_sql_people(store *s, const char *prefix, const char *pw_hash, int64_t now)
{
    int base = 0, rc;
    if ((rc = max_id(s, "SELECT COALESCE(max(id), 0) FROM person", &base)))
        return rc;
    void *st = sql_prep(s, SEQ "INSERT INTO person(phone, name, pw_hash, community_id, created_at) "
                             "SELECT CAST(15000000000 + h.id * 4 + k AS TEXT), "
                             "CASE k WHEN 1 THEN '业主' WHEN 2 THEN '家属' ELSE '租户' END || CAST(h.id AS TEXT), "
                             "CAST(?3 AS TEXT), h.community_id, CAST(?4 AS BIGINT) "
                             "FROM place h, seq WHERE h.kind = 'household' AND " UNDER("h.path")
                             " AND (k <= 2 OR h.id % 2 = 0) ORDER BY h.id, k");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sisi", prefix, (int64_t)3, pw_hash, now);
    if ((rc = sql_exec(s, st)))
        return rc;
    st = sql_prep(s, "INSERT INTO household_member(household_id, person_id, community_id, relation, created_at) "
                   "SELECT (CAST(pe.phone AS BIGINT) - 15000000000) / 4, pe.id, pe.community_id, "
                   "CASE CAST(pe.phone AS BIGINT) % 4 WHEN 1 THEN 'owner' ELSE 'family' END, pe.created_at "
                   "FROM person pe WHERE pe.id > CAST(?1 AS BIGINT)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)base);
    if ((rc = sql_exec(s, st)))
        return rc;
    st = sql_prep(s, "INSERT INTO role_assignment(person_id, role, place_id, community_id, is_primary, created_at) "
                   "SELECT pe.id, 'resident', (CAST(pe.phone AS BIGINT) - 15000000000) / 4, pe.community_id, 0, pe.created_at "
                   "FROM person pe WHERE pe.id > CAST(?1 AS BIGINT)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)base);
    if ((rc = sql_exec(s, st)))
        return rc;
    /* community staff */
    if ((rc = max_id(s, "SELECT COALESCE(max(id), 0) FROM person", &base)))
        return rc;
    st = sql_prep(s, "INSERT INTO person(phone, name, pw_hash, community_id, created_at) "
                   "SELECT CAST(16000000000 + c.id AS TEXT), '社区工作人员' || CAST(c.id AS TEXT), CAST(?2 AS TEXT), c.id, "
                   "CAST(?3 AS BIGINT) FROM place c WHERE c.kind = 'community' AND " UNDER("c.path") " ORDER BY c.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ssi", prefix, pw_hash, now);
    if ((rc = sql_exec(s, st)))
        return rc;
    st = sql_prep(s, "INSERT INTO role_assignment(person_id, role, place_id, community_id, is_primary, created_at) "
                   "SELECT pe.id, 'community_staff', pe.community_id, pe.community_id, 0, pe.created_at "
                   "FROM person pe WHERE pe.id > CAST(?1 AS BIGINT)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)base);
    return sql_exec(s, st);
}

#define CATEGORY(x)                                                                                        \
    "CASE " x " % 9 WHEN 0 THEN 'environment' WHEN 1 THEN 'parking' WHEN 2 THEN 'facilities' "             \
    "WHEN 3 THEN 'safety' WHEN 4 THEN 'elderly' WHEN 5 THEN 'children' WHEN 6 THEN 'culture' "             \
    "WHEN 7 THEN 'neighbourhood' ELSE 'other' END"
#define TITLE(x)                                                                                           \
    "CASE " x " % 9 WHEN 0 THEN '垃圾分类投放点改造' WHEN 1 THEN '小区停车位重新划线' WHEN 2 THEN '单元门禁和楼道灯维修' " \
    "WHEN 3 THEN '电动车充电棚建设' WHEN 4 THEN '老年食堂和助餐点' WHEN 5 THEN '儿童游乐场地翻新' "                 \
    "WHEN 6 THEN '社区文化活动室开放' WHEN 7 THEN '邻里互助小组' ELSE '公共空间微改造' END"
#define BODY                                                                                               \
    "'居民反映这一问题已经持续较长时间，影响日常生活。建议由社区牵头，网格员和楼栋长组织居民议事，" \
    "共同商量方案、分工出力、监督施工，完工后一起评议效果。\n\n- 现状：设施老化，使用不便\n" \
    "- 建议：先摸底需求，再形成方案公示\n- 资金：申请微改造资金，居民自愿出工出力'"

int bench_sql_matters(store *s, const char *prefix, int household_every, int64_t now)
{
    int base = 0, rc;
    if ((rc = max_id(s, "SELECT COALESCE(max(id), 0) FROM matter", &base)))
        return rc;
    void *st = sql_prep(s, "INSERT INTO matter(place_id, community_id, category, title, body_md, author_id, stage, created_at, updated_at) "
                         "SELECT h.parent_id, h.community_id, " CATEGORY("(h.id / CAST(?2 AS BIGINT))") ", "
                         TITLE("(h.id / CAST(?2 AS BIGINT))") " || '（' || CAST(h.id / CAST(?2 AS BIGINT) AS TEXT) || '）', "
                         BODY ", pe.id, "
                         "CASE (h.id / CAST(?2 AS BIGINT) + h.id / 7) % 6 WHEN 0 THEN 'collecting' WHEN 1 THEN 'deliberating' "
                         "WHEN 2 THEN 'building' WHEN 3 THEN 'managing' WHEN 4 THEN 'evaluating' ELSE 'sharing' END, "
                         "CAST(?3 AS BIGINT) - (30 + h.id % 365) * 86400, CAST(?3 AS BIGINT) - (h.id % 30) * 86400 - h.id % 86400 "
                         "FROM place h JOIN person pe ON pe.phone = CAST(15000000000 + h.id * 4 + 1 AS TEXT) "
                         "WHERE h.kind = 'household' AND h.id % CAST(?2 AS BIGINT) = 0 AND " UNDER("h.path") " ORDER BY h.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", prefix, (int64_t)household_every, now);
    if ((rc = sql_exec(s, st)))
        return rc;
    /* the timeline: proposed, then moved to its stage */
    st = sql_prep(s, "INSERT INTO matter_event(matter_id, community_id, actor_id, at, from_stage, to_stage, reason) "
                   "SELECT m.id, m.community_id, m.author_id, m.created_at, NULL, 'collecting', NULL "
                   "FROM matter m WHERE m.id > CAST(?1 AS BIGINT) ORDER BY m.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)base);
    if ((rc = sql_exec(s, st)))
        return rc;
    st = sql_prep(s, "INSERT INTO matter_event(matter_id, community_id, actor_id, at, from_stage, to_stage, reason) "
                   "SELECT m.id, m.community_id, m.author_id, m.updated_at, 'collecting', m.stage, '居民议事会讨论通过' "
                   "FROM matter m WHERE m.id > CAST(?1 AS BIGINT) AND m.stage <> 'collecting' ORDER BY m.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)base);
    return sql_exec(s, st);
}

/* neighbour k (1-based) of a generated person: the owner of the k-th next
 * household, then its second member, ... */
#define NEIGHBOUR "CAST(CAST(a.phone AS BIGINT) + ((k - 1) % 8) * 4 + (k - 1) / 8 AS TEXT)"

int bench_sql_comments(store *s, const char *prefix, int comments, int64_t now)
{
    (void)now;
    void *st = sql_prep(s, SEQ "INSERT INTO comment(subject_kind, subject_id, community_id, parent_id, depth, author_id, "
                             "body, status, reports, created_at) "
                             "SELECT 'matter', m.id, m.community_id, NULL, 0, pe.id, "
                             "CASE k % 4 WHEN 0 THEN '同意，我们楼也有这个问题，希望尽快解决。' "
                             "WHEN 1 THEN '建议先开个议事会，听听各家的意见再定方案。' "
                             "WHEN 2 THEN '我可以出工出力，周末有时间。' ELSE '资金怎么筹措？希望公开透明。' END, "
                             "'visible', 0, m.created_at + k * 3600 "
                             "FROM matter m JOIN person a ON a.id = m.author_id JOIN place p ON p.id = m.place_id, seq, person pe "
                             "WHERE substr(a.phone, 1, 3) = '150' AND " UNDER("p.path") " AND pe.phone = " NEIGHBOUR
                             " AND pe.community_id = m.community_id ORDER BY m.id, k");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", prefix, (int64_t)comments);
    return sql_exec(s, st);
}

int bench_sql_supports(store *s, const char *prefix, int supports, int64_t now)
{
    (void)now;
    void *st = sql_prep(s, SEQ "INSERT INTO matter_support(matter_id, person_id, household_id, community_id, created_at) "
                             "SELECT m.id, pe.id, (CAST(pe.phone AS BIGINT) - 15000000000) / 4, m.community_id, m.created_at + k * 600 "
                             "FROM matter m JOIN person a ON a.id = m.author_id JOIN place p ON p.id = m.place_id, seq, person pe "
                             "WHERE m.stage <> 'collecting' AND substr(a.phone, 1, 3) = '150' AND " UNDER("p.path")
                             " AND pe.phone = " NEIGHBOUR " AND pe.community_id = m.community_id ORDER BY m.id, k");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", prefix, (int64_t)supports);
    return sql_exec(s, st);
}

int bench_sql_opinions(store *s, const char *prefix, int opinions, int64_t now)
{
    /* one call per building by its community's staff */
    void *st = sql_prep(s, "INSERT INTO opinion_call(place_id, community_id, author_id, title, body, deadline, status, created_at) "
                         "SELECT b.id, b.community_id, stf.id, b.name || '楼道环境意见征集', "
                         "'请大家提出对楼道环境、设施和邻里公约的意见，可附照片。', CAST(?2 AS BIGINT) + 30 * 86400, 'open', "
                         "CAST(?2 AS BIGINT) - 5 * 86400 "
                         "FROM place b JOIN person stf ON stf.phone = CAST(16000000000 + b.community_id AS TEXT) "
                         "WHERE b.kind = 'building' AND " UNDER("b.path") " ORDER BY b.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", prefix, now);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    /* the first two members of a household: opinions of `opinions` in 40 */
    st = sql_prep(s, "WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < 2) "
                   "INSERT INTO opinion(call_id, community_id, author_id, body, status, created_at) "
                   "SELECT oc.id, oc.community_id, pe.id, "
                   "CASE h.id % 3 WHEN 0 THEN '楼道堆放杂物，存在消防隐患，建议统一清理。' "
                   "WHEN 1 THEN '希望在一楼加装扶手，方便老人上下楼。' ELSE '单元门经常坏，建议更换门禁。' END, "
                   "'open', oc.created_at + (h.id % 5) * 86400 + k "
                   "FROM opinion_call oc JOIN place b ON b.id = oc.place_id JOIN place h ON h.parent_id = oc.place_id, seq, person pe "
                   "WHERE " UNDER("b.path") " AND h.kind = 'household' AND pe.phone = CAST(15000000000 + h.id * 4 + k AS TEXT) "
                   "AND (h.id * 2 + k) % 40 < CAST(?2 AS BIGINT) ORDER BY oc.id, h.id, k");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "si", prefix, (int64_t)opinions);
    return sql_exec(s, st);
}

int bench_sql_votes(store *s, const char *prefix, int64_t template_id, const char *title, int64_t opens_at,
                      int64_t closes_at, int64_t *first, int64_t *last)
{
    int before = 0, after = 0;
    int rc = max_id(s, "SELECT COALESCE(max(id), 0) FROM vote", &before);
    if (rc)
        return rc;
    void *st = sql_prep(s, "INSERT INTO vote(community_id, place_id, title, method, secret, mode, allow_change, opens_at, "
                         "closes_at, status, rule_code, voters, q_basis, q_num, q_den, q_strict, aq_basis, aq_num, aq_den, "
                         "aq_strict, ap_basis, ap_num, ap_den, ap_strict, ap_base, created_by, created_at) "
                         "SELECT b.community_id, b.id, CAST(?3 AS TEXT), t.method, t.secret, t.mode, t.allow_change, "
                         "CAST(?4 AS BIGINT), CAST(?5 AS BIGINT), 'open', t.rule_code, t.voters, t.q_basis, t.q_num, t.q_den, "
                         "t.q_strict, t.aq_basis, t.aq_num, t.aq_den, t.aq_strict, t.ap_basis, t.ap_num, t.ap_den, t.ap_strict, "
                         "t.ap_base, t.created_by, CAST(?4 AS BIGINT) FROM vote t, place b WHERE t.id = CAST(?2 AS BIGINT) "
                         "AND b.kind = 'building' AND b.id % 2 = 0 AND " UNDER("b.path") " ORDER BY b.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sisii", prefix, template_id, title, opens_at, closes_at);
    if ((rc = sql_exec(s, st)) || (rc = max_id(s, "SELECT COALESCE(max(id), 0) FROM vote", &after)))
        return rc;
    /* every resident of the building once, with their first household */
    st = sql_prep(s, "INSERT INTO vote_elector(vote_id, person_id, community_id, household_id, unit_id, area_dm2) "
                   "SELECT v.id, m.person_id, v.community_id, min(m.household_id), NULL, 0 FROM vote v "
                   "JOIN place h ON h.parent_id = v.place_id AND h.kind = 'household' "
                   "JOIN household_member m ON m.household_id = h.id "
                   "WHERE v.id > CAST(?1 AS BIGINT) GROUP BY v.id, m.person_id, v.community_id ORDER BY v.id, m.person_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)before);
    if ((rc = sql_exec(s, st)))
        return rc;
    /* one pass over the new electors (a subquery per vote would be planned
     * from the statistics of before this transaction: a scan per vote) */
    st = sql_prep(s, "UPDATE vote SET elect_heads = x.heads, elect_households = x.households FROM "
                   "(SELECT vote_id, count(*) AS heads, count(DISTINCT household_id) AS households FROM vote_elector "
                   "WHERE vote_id > CAST(?1 AS BIGINT) GROUP BY vote_id) x WHERE vote.id = x.vote_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", (int64_t)before);
    if ((rc = sql_exec(s, st)))
        return rc;
    *first = before + 1;
    *last = after;
    return 0;
}

int bench_sql_ballots(store *s, int64_t from, int64_t to, int64_t now)
{
    void *st = sql_prep(s, "INSERT INTO vote_participation(vote_id, person_id, community_id, unit_id, changes, recorded_by, created_at) "
                         "SELECT e.vote_id, e.person_id, e.community_id, e.unit_id, 0, NULL, CAST(?3 AS BIGINT) - e.person_id % 86400 "
                         "FROM vote_elector e WHERE e.vote_id BETWEEN CAST(?1 AS BIGINT) AND CAST(?2 AS BIGINT) "
                         "ORDER BY e.vote_id, e.person_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", from, to, now);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    st = sql_prep(s, "INSERT INTO vote_ballot(vote_id, receipt, community_id, person_id, choice, area_dm2) "
                   "SELECT e.vote_id, 'bench' || CAST(e.person_id AS TEXT), e.community_id, e.person_id, "
                   "CASE e.person_id % 5 WHEN 4 THEN '' WHEN 3 THEN '1' ELSE '0' END, e.area_dm2 "
                   "FROM vote_elector e WHERE e.vote_id BETWEEN CAST(?1 AS BIGINT) AND CAST(?2 AS BIGINT) "
                   "ORDER BY e.vote_id, e.person_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", from, to);
    return sql_exec(s, st);
}

static void read_id(arena *a, store *s, void *st, void *item)
{
    (void)a;
    *(int64_t *)item = sql_col_int(s, st, 0);
}

int bench_sql_place_ids(store *s, arena *a, const char *prefix, const char *kind, int cap, int64_t **ids, int *n)
{
    void *st = sql_prep(s, "SELECT id FROM place WHERE kind = CAST(?2 AS TEXT) AND " UNDER("path") " ORDER BY id LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ssi", prefix, kind, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **ids, cap, read_id, (void **)ids, n);
}

static void read_resident(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct bench_resident *r = item;
    r->person_id = sql_col_int(s, st, 0);
    r->household_id = sql_col_int(s, st, 1);
}

int bench_sql_residents(store *s, arena *a, int64_t community_id, int cap, struct bench_resident **out, int *n)
{
    void *st = sql_prep(s, "SELECT person_id, place_id FROM role_assignment WHERE community_id = ?1 AND role = 'resident' "
                         "ORDER BY person_id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **out, cap, read_resident, (void **)out, n);
}

int bench_sql_matter_ids(store *s, arena *a, int64_t community_id, const char *stage, int cap, int64_t **ids,
                           int *n)
{
    void *st = sql_prep(s, "SELECT id FROM matter WHERE community_id = ?1 AND stage = CAST(?2 AS TEXT) ORDER BY id LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isi", community_id, stage, (int64_t)cap);
    return sql_collect(s, a, st, sizeof **ids, cap, read_id, (void **)ids, n);
}

int bench_sql_count(store *s, const char *table, int64_t *n)
{
    static const char *const tables[][2] = {
        {"place", "SELECT count(*) FROM place"},
        {"person", "SELECT count(*) FROM person"},
        {"matter", "SELECT count(*) FROM matter"},
        {"comment", "SELECT count(*) FROM comment"},
        {"matter_support", "SELECT count(*) FROM matter_support"},
        {"opinion", "SELECT count(*) FROM opinion"},
        {"vote_ballot", "SELECT count(*) FROM vote_ballot"},
        {"session", "SELECT count(*) FROM session"},
        {"report", "SELECT count(*) FROM report"},
        {"report_rating", "SELECT count(*) FROM satisfaction_answer WHERE subject = 'report'"},
        {"volunteer_signup", "SELECT count(*) FROM volunteer_signup"},
        {"points_txn", "SELECT count(*) FROM points_txn"},
        {"satisfaction_response", "SELECT count(*) FROM satisfaction_response"},
    };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(tables[i][0], table) == 0) {
            int v = 0, rc = max_id(s, tables[i][1], &v);
            *n = v;
            return rc;
        }
    return WG_EINVAL;
}

int bench_sql_tune(store *s)
{
    /* SQLite's default page cache (2 MiB) spills a bulk transaction to the
     * file again and again: give this connection 1 GiB while it generates */
    if (strcmp(store_engine(s), "sqlite") == 0)
        return store_exec_script(s, "PRAGMA cache_size = -1048576");
    return 0;
}

int bench_sql_analyze(store *s)
{
    return store_exec_script(s, "ANALYZE");
}
