/* The vote module's SQL; see vote_store.h. */
#include <assert.h>
#include <string.h>

#include "core/err.h"
#include "store/sql.h"
#include "mod/vote/vote_store.h"

/* the elector a vote_elector row votes for (vote_group.group_key) */
#define GROUP_KEY "CASE WHEN unit_id IS NULL THEN -person_id ELSE unit_id END"

#define VOTE_COLS                                                                                                   \
    "v.id, v.community_id, v.place_id, v.matter_id, v.meeting_id, v.agenda_item_id, p.name, p.kind, p.path, "       \
    "m.title, v.title, v.method, v.mode, v.status, v.secret, v.allow_change, v.opens_at, v.closes_at, v.rule_code, " \
    "v.voters, v.q_basis, v.q_strict, v.aq_basis, v.aq_strict, v.ap_basis, v.ap_strict, v.ap_base, v.q_num, "      \
    "v.q_den, v.aq_num, v.aq_den, v.ap_num, v.ap_den, v.elect_heads, v.elect_area, v.elect_households, "            \
    "v.created_by, v.created_at, v.closed_by, v.closed_at, pe.name, v.passed"
#define VOTE_FROM                                                                                                   \
    " FROM vote v JOIN place p ON p.id = v.place_id LEFT JOIN matter m ON m.id = v.matter_id "                       \
    "JOIN person pe ON pe.id = v.created_by"

static void read_vote(arena *a, store *s, void *st, void *item)
{
    struct st_vote *v = item;
    int i = 0;
    v->id = sql_col_int(s, st, i++);
    v->community_id = sql_col_int(s, st, i++);
    v->place_id = sql_col_int(s, st, i++);
    v->matter_id = sql_col_int(s, st, i++);
    v->meeting_id = sql_col_int(s, st, i++);
    v->agenda_item_id = sql_col_int(s, st, i++);
    v->place_name = sql_col_str(a, s, st, i++);
    v->place_kind = sql_col_str(a, s, st, i++);
    v->place_path = sql_col_str(a, s, st, i++);
    v->matter_title = sql_col_str(a, s, st, i++);
    v->title = sql_col_str(a, s, st, i++);
    v->method = sql_col_str(a, s, st, i++);
    v->mode = sql_col_str(a, s, st, i++);
    v->status = sql_col_str(a, s, st, i++);
    v->secret = (int)sql_col_int(s, st, i++);
    v->allow_change = (int)sql_col_int(s, st, i++);
    v->opens_at = sql_col_int(s, st, i++);
    v->closes_at = sql_col_int(s, st, i++);
    v->rule_code = sql_col_str(a, s, st, i++);
    v->voters = sql_col_str(a, s, st, i++);
    v->q_basis = sql_col_str(a, s, st, i++);
    v->q_strict = sql_col_str(a, s, st, i++);
    v->aq_basis = sql_col_str(a, s, st, i++);
    v->aq_strict = sql_col_str(a, s, st, i++);
    v->ap_basis = sql_col_str(a, s, st, i++);
    v->ap_strict = sql_col_str(a, s, st, i++);
    v->ap_base = sql_col_str(a, s, st, i++);
    v->q_num = sql_col_int(s, st, i++);
    v->q_den = sql_col_int(s, st, i++);
    v->aq_num = sql_col_int(s, st, i++);
    v->aq_den = sql_col_int(s, st, i++);
    v->ap_num = sql_col_int(s, st, i++);
    v->ap_den = sql_col_int(s, st, i++);
    v->elect_heads = sql_col_int(s, st, i++);
    v->elect_area = sql_col_int(s, st, i++);
    v->elect_households = sql_col_int(s, st, i++);
    v->created_by = sql_col_int(s, st, i++);
    v->created_at = sql_col_int(s, st, i++);
    v->closed_by = sql_col_int(s, st, i++);
    v->closed_at = sql_col_int(s, st, i++);
    v->creator_name = sql_col_str(a, s, st, i++);
    const char *passed = sql_col_str(a, s, st, i);
    v->passed = passed == NULL ? -1 : (int)sql_col_int(s, st, i);
    i++;
}

static void read_vote_full(arena *a, store *s, void *st, void *item)
{
    struct st_vote *v = item;
    read_vote(a, s, st, item);
    v->export_json = sql_col_str(a, s, st, 42);
    v->result_json = sql_col_str(a, s, st, 43);
}

/* In two statements: the PostgreSQL driver binds at most 16 parameters. */
int vote_store_insert(store *s, struct st_vote *v)
{
    void *st = sql_prep(s, "INSERT INTO vote(community_id, place_id, matter_id, meeting_id, agenda_item_id, title, method, "
                         "secret, mode, allow_change, opens_at, closes_at, status, rule_code, voters, q_basis, q_num, "
                         "q_den, q_strict, aq_basis, aq_num, aq_den, aq_strict, ap_basis, ap_num, ap_den, ap_strict, "
                         "ap_base, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                         "?13, ?14, '', '', 0, 1, '', '', 0, 1, '', '', 0, 1, '', '', ?15, ?16) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIIIssisiIIssii", v->community_id, v->place_id, v->matter_id, v->meeting_id, v->agenda_item_id,
           v->title, v->method, (int64_t)v->secret, v->mode, (int64_t)v->allow_change, v->opens_at, v->closes_at,
           v->status, v->rule_code, v->created_by, v->created_at);
    int rc = sql_insert_id(s, st, &v->id);
    if (rc)
        return rc;
    st = sql_prep(s, "UPDATE vote SET voters = ?2, q_basis = ?3, q_num = ?4, q_den = ?5, q_strict = ?6, aq_basis = ?7, "
                   "aq_num = ?8, aq_den = ?9, aq_strict = ?10, ap_basis = ?11, ap_num = ?12, ap_den = ?13, "
                   "ap_strict = ?14, ap_base = ?15 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issiissiissiiss", v->id, v->voters, v->q_basis, v->q_num, v->q_den, v->q_strict, v->aq_basis,
           v->aq_num, v->aq_den, v->aq_strict, v->ap_basis, v->ap_num, v->ap_den, v->ap_strict, v->ap_base);
    return sql_exec(s, st);
}

int vote_store_option_insert(store *s, int64_t vote_id, int64_t community_id, int idx, const char *label)
{
    void *st = sql_prep(s, "INSERT INTO vote_option(vote_id, idx, community_id, label) VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiis", vote_id, (int64_t)idx, community_id, label);
    return sql_exec(s, st);
}

int vote_store_get(store *s, arena *a, int64_t id, struct st_vote *out)
{
    void *st = sql_prep(s, "SELECT " VOTE_COLS ", v.export_json, v.result_json" VOTE_FROM " WHERE v.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    memset(out, 0, sizeof *out);
    return sql_one(s, a, st, read_vote_full, out);
}

int vote_store_waiting(store *s, arena *a, int64_t person_id, int64_t now, int max, struct st_vote **out, int *n)
{
    void *st = sql_prep(s, "SELECT " VOTE_COLS VOTE_FROM " JOIN vote_elector e ON e.vote_id = v.id "
                           "WHERE e.person_id = ?1 AND v.status = 'open' AND v.mode = 'online' "
                           "AND (v.opens_at IS NULL OR v.opens_at <= ?2) AND (v.closes_at IS NULL OR v.closes_at > ?2) "
                           "AND NOT EXISTS (SELECT 1 FROM vote_participation x WHERE x.vote_id = v.id "
                           "AND x.person_id = ?1) ORDER BY v.closes_at, v.id LIMIT ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", person_id, now, (int64_t)max);
    return sql_collect(s, a, st, sizeof **out, max, read_vote, (void **)out, n);
}

int vote_store_list(store *s, arena *a, int64_t community_id, int64_t matter_id, int limit, int offset,
                    struct st_vote **out, int *n, int *total)
{
    /* a matter's votes by the matter's index; else the community's */
    void *st = matter_id ? sql_prep(s, "SELECT " VOTE_COLS VOTE_FROM " WHERE v.matter_id = ?4 AND v.community_id = ?1 "
                                     "ORDER BY v.id DESC LIMIT ?2 OFFSET ?3")
                         : sql_prep(s, "SELECT " VOTE_COLS VOTE_FROM " WHERE v.community_id = ?1 "
                                     "ORDER BY v.id DESC LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    if (matter_id)
        sql_bind(s, st, "iiii", community_id, (int64_t)limit, (int64_t)offset, matter_id);
    else
        sql_bind(s, st, "iii", community_id, (int64_t)limit, (int64_t)offset);
    int rc = sql_collect(s, a, st, sizeof **out, limit, read_vote, (void **)out, n);
    if (rc)
        return rc;
    if (offset == 0 && *n < limit) { /* a first page that is not full holds them all */
        *total = *n;
        return 0;
    }
    st = matter_id ? sql_prep(s, "SELECT count(*) FROM vote WHERE matter_id = ?2 AND community_id = ?1")
                   : sql_prep(s, "SELECT count(*) FROM vote WHERE community_id = ?1");
    if (st == NULL)
        return WG_EDB;
    if (matter_id)
        sql_bind(s, st, "ii", community_id, matter_id);
    else
        sql_bind(s, st, "i", community_id);
    return sql_count(s, st, total);
}

static void read_str(arena *a, store *s, void *st, void *item)
{
    *(const char **)item = sql_col_str(a, s, st, 0);
}

int vote_store_options(store *s, arena *a, int64_t vote_id, const char ***labels, int *n)
{
    void *st = sql_prep(s, "SELECT label FROM vote_option WHERE vote_id = ?1 ORDER BY idx");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return sql_collect(s, a, st, sizeof(const char *), 1000, read_str, (void **)labels, n);
}

int vote_store_snapshot(store *s, int64_t vote_id, int64_t community_id, const char *path_prefix, int kind)
{
    void *st;
    assert(kind != 2); /* owners: vote_store_owner_* and the grouping in C */
    if (kind <= 1) {
        /* household members: each person once, for the first household they
         * belong to in the subtree */
        st = sql_prep(s, "INSERT INTO vote_elector(vote_id, person_id, community_id, household_id, unit_id, area_dm2) "
                       "SELECT CAST(?1 AS BIGINT), x.person_id, CAST(?3 AS BIGINT), x.hid, CASE WHEN CAST(?4 AS BIGINT) = 1 THEN x.hid END, "
                       "0 FROM (SELECT m.person_id, min(m.household_id) AS hid FROM household_member m "
                       "JOIN place h ON h.id = m.household_id WHERE m.community_id = CAST(?3 AS BIGINT) "
                       "AND substr(h.path, 1, length(CAST(?2 AS TEXT))) = ?2 GROUP BY m.person_id) x");
    } else {
        st = sql_prep(s, "INSERT INTO vote_elector(vote_id, person_id, community_id, household_id, unit_id, area_dm2) "
                       "SELECT CAST(?1 AS BIGINT), pe.id, CAST(?3 AS BIGINT), (SELECT min(m.household_id) FROM household_member m JOIN place h "
                       "ON h.id = m.household_id WHERE m.person_id = pe.id AND "
                       "substr(h.path, 1, length(CAST(?2 AS TEXT))) = ?2), NULL, 0 FROM person pe "
                       "WHERE ((?4 = 3 AND pe.is_representative = 1) OR (?4 = 4 AND pe.is_party_member = 1)) "
                       "AND pe.id IN (SELECT m.person_id FROM household_member m JOIN place h ON h.id = m.household_id "
                       "WHERE substr(h.path, 1, length(CAST(?2 AS TEXT))) = ?2 UNION SELECT r.person_id FROM "
                       "role_assignment r JOIN place p ON p.id = r.place_id "
                       "WHERE substr(p.path, 1, length(CAST(?2 AS TEXT))) = ?2)");
    }
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", vote_id, path_prefix, community_id, (int64_t)kind);
    int rc = sql_exec(s, st);
    if (rc)
        return rc;
    /* one elector per ballot: a person, or a household under one per household */
    st = sql_prep(s, "INSERT INTO vote_group(vote_id, group_key, community_id, area_dm2, units) "
                   "SELECT vote_id, " GROUP_KEY ", min(community_id), max(area_dm2), 1 FROM vote_elector "
                   "WHERE vote_id = ?1 GROUP BY vote_id, " GROUP_KEY);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return sql_exec(s, st);
}

/* ---- owners: the units, their owners and the developer's marks ---- */

static void read_unit(arena *a, store *s, void *st, void *item)
{
    struct vote_store_unit *u = item;
    u->id = sql_col_int(s, st, 0);
    u->area_dm2 = sql_col_int(s, st, 1);
    u->path = sql_col_str(a, s, st, 2);
}

int vote_store_owner_units(store *s, arena *a, int64_t community_id, const char *path_prefix,
                           struct vote_store_unit **out, int *n)
{
    void *st = sql_prep(s, "SELECT h.id, COALESCE(h.area_dm2, 0), h.path FROM place h WHERE h.kind = 'household' "
                         "AND h.community_id = ?1 AND substr(h.path, 1, length(CAST(?2 AS TEXT))) = ?2 ORDER BY h.id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", community_id, path_prefix);
    return sql_collect(s, a, st, sizeof **out, VOTE_UNITS_MAX, read_unit, (void **)out, n);
}

static void read_link(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct owners_link *l = item;
    l->unit_id = sql_col_int(s, st, 0);
    l->person_id = sql_col_int(s, st, 1);
}

int vote_store_owner_links(store *s, arena *a, int64_t community_id, const char *path_prefix, struct owners_link **out,
                           int *n)
{
    void *st = sql_prep(s, "SELECT m.household_id, m.person_id FROM household_member m JOIN place h ON h.id = m.household_id "
                         "WHERE m.community_id = ?1 AND m.relation = 'owner' "
                         "AND substr(h.path, 1, length(CAST(?2 AS TEXT))) = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", community_id, path_prefix);
    return sql_collect(s, a, st, sizeof **out, VOTE_UNITS_MAX * 8, read_link, (void **)out, n);
}

static void read_mark(arena *a, store *s, void *st, void *item)
{
    struct vote_store_mark *m = item;
    m->path = sql_col_str(a, s, st, 0);
    m->on = sql_col_int(s, st, 1) != 0;
}

int vote_store_developer_marks(store *s, arena *a, const char *path_prefix, struct vote_store_mark **out, int *n)
{
    void *st = sql_prep(s, "SELECT p.path, CAST(x.value AS BIGINT) FROM place_setting x JOIN place p ON p.id = x.place_id "
                         "WHERE x.key = 'developer_held' AND (substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1 "
                         "OR substr(?1, 1, length(p.path)) = p.path) ORDER BY length(p.path)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "s", path_prefix);
    return sql_collect(s, a, st, sizeof **out, VOTE_UNITS_MAX, read_mark, (void **)out, n);
}

int vote_store_group_insert(store *s, int64_t vote_id, int64_t key, int64_t community_id, int64_t area, int units)
{
    void *st = sql_prep(s, "INSERT INTO vote_group(vote_id, group_key, community_id, area_dm2, units) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiii", vote_id, key, community_id, area, (int64_t)units);
    return sql_exec(s, st);
}

int vote_store_elector_insert(store *s, int64_t vote_id, int64_t person_id, int64_t community_id, int64_t key,
                              int64_t area, int units)
{
    void *st = sql_prep(s, "INSERT INTO vote_elector(vote_id, person_id, community_id, household_id, unit_id, area_dm2, "
                         "units) VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiii", vote_id, person_id, community_id, key, area, (int64_t)units);
    return sql_exec(s, st);
}

static void read_group(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct vote_store_group *g = item;
    g->key = sql_col_int(s, st, 0);
    g->area_dm2 = sql_col_int(s, st, 1);
}

int vote_store_groups(store *s, arena *a, int64_t vote_id, struct vote_store_group **out, int *n)
{
    void *st = sql_prep(s, "SELECT group_key, area_dm2 FROM vote_group WHERE vote_id = ?1 ORDER BY group_key");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return sql_collect(s, a, st, sizeof **out, 10000000, read_group, (void **)out, n);
}

struct three {
    int64_t x, y, z;
};

static void read_three(arena *a, store *s, void *st, void *item)
{
    (void)a;
    struct three *t = item;
    t->x = sql_col_int(s, st, 0);
    t->y = sql_col_int(s, st, 1);
    t->z = sql_col_int(s, st, 2);
}

/* One row of three integers (WG_ENOTFOUND when there is none). */
static int three_ints(store *s, void *st, int64_t *x, int64_t *y, int64_t *z)
{
    struct three t = {0, 0, 0};
    int rc = sql_one(s, NULL, st, read_three, &t);
    if (rc == 0) {
        *x = t.x;
        *y = t.y;
        *z = t.z;
    }
    return rc;
}

/* An elector e of the vote is present at meeting ?2: signed in, or
 * represented by a proxy holder who is (the council's sign-in tables). */
#define AT_MEETING                                                                                          \
    "(EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = ?2 AND a.person_id = e.person_id) "   \
    "OR EXISTS (SELECT 1 FROM meeting_proxy x JOIN meeting_attendance h ON h.meeting_id = x.meeting_id "    \
    "AND h.person_id = x.holder_id WHERE x.meeting_id = ?2 AND x.principal_id = e.person_id))"
#define UNIT_KEY "CASE WHEN e.unit_id IS NULL THEN -e.person_id ELSE e.unit_id END"
/* households of electors e: each household once, a group of units by its count */
#define HOUSEHOLDS_OF(where) "(SELECT COALESCE(sum(u), 0) FROM (SELECT max(e.units) AS u FROM vote_elector e WHERE " where " AND e.household_id IS NOT NULL GROUP BY e.household_id) hh)"

int vote_store_meeting_present(store *s, int64_t vote_id, int64_t meeting_id, int64_t *heads, int64_t *area,
                               int64_t *households)
{
    void *st = sql_prep(s, "SELECT (SELECT count(*) FROM (SELECT 1 FROM vote_elector e WHERE e.vote_id = ?1 AND "
                         AT_MEETING " GROUP BY " UNIT_KEY ") u), "
                         "(SELECT COALESCE(sum(a), 0) FROM (SELECT max(e.area_dm2) AS a FROM vote_elector e "
                         "WHERE e.vote_id = ?1 AND " AT_MEETING " GROUP BY " UNIT_KEY ") w), "
                         HOUSEHOLDS_OF("e.vote_id = ?1 AND " AT_MEETING));
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", vote_id, meeting_id);
    return three_ints(s, st, heads, area, households);
}

static void read_key(arena *a, store *s, void *st, void *item)
{
    (void)a;
    *(int64_t *)item = sql_col_int(s, st, 0);
}

int vote_store_present_keys(store *s, arena *a, int64_t vote_id, int64_t meeting_id, int64_t **keys, int *n)
{
    void *st = meeting_id ? sql_prep(s, "SELECT DISTINCT " UNIT_KEY " FROM vote_elector e WHERE e.vote_id = ?1 AND "
                                     AT_MEETING)
                          : sql_prep(s, "SELECT DISTINCT " UNIT_KEY " FROM vote_participation p JOIN vote_elector e "
                                     "ON e.vote_id = p.vote_id AND e.person_id = p.person_id WHERE p.vote_id = ?1");
    if (st == NULL)
        return WG_EDB;
    if (meeting_id)
        sql_bind(s, st, "ii", vote_id, meeting_id);
    else
        sql_bind(s, st, "i", vote_id);
    return sql_collect(s, a, st, sizeof **keys, 10000000, read_key, (void **)keys, n);
}

int vote_store_elector_present(store *s, int64_t vote_id, int64_t meeting_id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT count(*) FROM vote_elector e WHERE e.vote_id = ?1 AND e.person_id = ?3 AND "
                         AT_MEETING);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", vote_id, meeting_id, person_id);
    return sql_count(s, st, yes);
}

int vote_store_electorate_count(store *s, int64_t vote_id, int64_t *heads, int64_t *area, int64_t *households)
{
    void *st = sql_prep(s, "SELECT (SELECT count(*) FROM vote_group WHERE vote_id = ?1), "
                         "(SELECT COALESCE(sum(area_dm2), 0) FROM vote_group WHERE vote_id = ?1), "
                         HOUSEHOLDS_OF("e.vote_id = ?1"));
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return three_ints(s, st, heads, area, households);
}

int vote_store_set_electorate(store *s, int64_t vote_id, int64_t heads, int64_t area, int64_t households)
{
    void *st = sql_prep(s, "UPDATE vote SET elect_heads = ?2, elect_area = ?3, elect_households = ?4 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", vote_id, heads, area, households);
    return sql_exec(s, st);
}

int vote_store_elector(store *s, int64_t vote_id, int64_t person_id, int64_t *household_id, int64_t *unit_id,
                       int64_t *area)
{
    void *st = sql_prep(s, "SELECT COALESCE(household_id, 0), COALESCE(unit_id, 0), area_dm2 FROM vote_elector "
                         "WHERE vote_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", vote_id, person_id);
    return three_ints(s, st, household_id, unit_id, area);
}

int vote_store_participate(store *s, int64_t vote_id, int64_t person_id, int64_t community_id, int64_t unit_id,
                           int64_t recorded_by, int64_t at, int *inserted)
{
    void *st = sql_prep(s, "INSERT INTO vote_participation(vote_id, person_id, community_id, unit_id, recorded_by, "
                         "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiIIi", vote_id, person_id, community_id, unit_id, recorded_by, at);
    return sql_exec_changed(s, st, inserted);
}

int vote_store_participation(store *s, int64_t vote_id, int64_t person_id, int64_t unit_id, int *yes, int *unit_taken)
{
    void *st = sql_prep(s, "SELECT count(*) FROM vote_participation WHERE vote_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", vote_id, person_id);
    int rc = sql_count(s, st, yes);
    *unit_taken = 0;
    if (rc || unit_id == 0)
        return rc;
    st = sql_prep(s, "SELECT count(*) FROM vote_participation WHERE vote_id = ?1 AND unit_id = ?2 AND person_id <> ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", vote_id, unit_id, person_id);
    return sql_count(s, st, unit_taken);
}

int vote_store_participation_bump(store *s, int64_t vote_id, int64_t person_id)
{
    void *st = sql_prep(s, "UPDATE vote_participation SET changes = changes + 1 WHERE vote_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", vote_id, person_id);
    return sql_exec(s, st);
}

int vote_store_ballot_insert(store *s, int64_t vote_id, const char *receipt, int64_t community_id, int64_t person_id,
                             const char *choice, int64_t area)
{
    void *st = sql_prep(s, "INSERT INTO vote_ballot(vote_id, receipt, community_id, person_id, choice, area_dm2) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isiIsi", vote_id, receipt, community_id, person_id, choice, area);
    return sql_exec(s, st);
}

static int replaced(store *s, int rc)
{
    return rc ? rc : sql_changes(s) > 0 ? 0 : WG_ENOTFOUND;
}

int vote_store_ballot_replace_person(store *s, int64_t vote_id, int64_t person_id, const char *choice)
{
    void *st = sql_prep(s, "UPDATE vote_ballot SET choice = ?3 WHERE vote_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iis", vote_id, person_id, choice);
    return replaced(s, sql_exec(s, st));
}

int vote_store_ballot_replace_receipt(store *s, int64_t vote_id, const char *receipt, const char *choice)
{
    void *st = sql_prep(s, "UPDATE vote_ballot SET choice = ?3 WHERE vote_id = ?1 AND receipt = ?2 AND person_id IS NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iss", vote_id, receipt, choice);
    return replaced(s, sql_exec(s, st));
}

static void read_ballot(arena *a, store *s, void *st, void *item)
{
    struct st_ballot *b = item;
    b->receipt = sql_col_str(a, s, st, 0);
    b->choice = sql_col_str(a, s, st, 1);
    b->person_id = sql_col_int(s, st, 2);
    b->area_dm2 = sql_col_int(s, st, 3);
    b->group_key = sql_col_int(s, st, 4);
}

int vote_store_ballot_of(store *s, arena *a, int64_t vote_id, int64_t person_id, struct st_ballot *out)
{
    void *st = sql_prep(s, "SELECT receipt, choice, person_id, area_dm2, 0 FROM vote_ballot WHERE vote_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", vote_id, person_id);
    memset(out, 0, sizeof *out);
    return sql_one(s, a, st, read_ballot, out);
}

int vote_store_ballots(store *s, arena *a, int64_t vote_id, struct st_ballot **out, int *n)
{
    void *st = sql_prep(s, "SELECT b.receipt, b.choice, b.person_id, b.area_dm2, "
                         "CASE WHEN e.unit_id IS NULL THEN -e.person_id ELSE e.unit_id END FROM vote_ballot b "
                         "LEFT JOIN vote_elector e ON e.vote_id = b.vote_id AND e.person_id = b.person_id "
                         "WHERE b.vote_id = ?1 ORDER BY b.receipt");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return sql_collect(s, a, st, sizeof **out, 10000000, read_ballot, (void **)out, n);
}

int vote_store_receipt_exists(store *s, int64_t vote_id, const char *receipt, int *yes)
{
    void *st = sql_prep(s, "SELECT count(*) FROM vote_ballot WHERE vote_id = ?1 AND receipt = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", vote_id, receipt);
    return sql_count(s, st, yes);
}

int vote_store_present(store *s, int64_t vote_id, int64_t *heads, int64_t *area, int64_t *households)
{
    void *st = sql_prep(s, "SELECT count(*), COALESCE(sum(e.area_dm2), 0), "
                         HOUSEHOLDS_OF("e.vote_id = ?1 AND EXISTS (SELECT 1 FROM vote_participation p "
                                       "WHERE p.vote_id = e.vote_id AND p.person_id = e.person_id)")
                         " FROM vote_participation p JOIN vote_elector e ON e.vote_id = p.vote_id "
                         "AND e.person_id = p.person_id WHERE p.vote_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return three_ints(s, st, heads, area, households);
}

int vote_store_hands_set(store *s, int64_t vote_id, int64_t community_id, const char *counts_json, int64_t by,
                         int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO vote_hands(vote_id, community_id, counts_json, entered_by, entered_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (vote_id) DO UPDATE SET counts_json = excluded.counts_json, "
                         "entered_by = excluded.entered_by, entered_at = excluded.entered_at, confirmed_by = NULL, "
                         "confirmed_at = NULL");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisii", vote_id, community_id, counts_json, by, at);
    return sql_exec(s, st);
}

static void read_hands(arena *a, store *s, void *st, void *item)
{
    struct st_vote_hands *h = item;
    h->counts_json = sql_col_str(a, s, st, 0);
    h->entered_by = sql_col_int(s, st, 1);
    h->entered_at = sql_col_int(s, st, 2);
    h->confirmed_by = sql_col_int(s, st, 3);
    h->confirmed_at = sql_col_int(s, st, 4);
    h->entered_name = sql_col_str(a, s, st, 5);
    h->confirmed_name = sql_col_str(a, s, st, 6);
}

int vote_store_hands_get(store *s, arena *a, int64_t vote_id, struct st_vote_hands *out)
{
    void *st = sql_prep(s, "SELECT h.counts_json, h.entered_by, h.entered_at, h.confirmed_by, h.confirmed_at, e.name, c.name "
                         "FROM vote_hands h JOIN person e ON e.id = h.entered_by LEFT JOIN person c ON c.id = h.confirmed_by "
                         "WHERE h.vote_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    memset(out, 0, sizeof *out);
    return sql_one(s, a, st, read_hands, out);
}

int vote_store_hands_confirm(store *s, int64_t vote_id, int64_t by, int64_t at, const char *counts_json)
{
    void *st = sql_prep(s, "UPDATE vote_hands SET confirmed_by = ?2, confirmed_at = ?3 WHERE vote_id = ?1 "
                         "AND confirmed_by IS NULL AND entered_by <> ?2 AND counts_json = ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiis", vote_id, by, at, counts_json);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int vote_store_close(store *s, int64_t id, int64_t by, int64_t at, int64_t closes_at, int passed,
                     const char *export_json, const char *result_json)
{
    void *st = sql_prep(s, "UPDATE vote SET status = 'closed', closed_by = ?2, closed_at = ?3, "
                         "closes_at = CASE WHEN ?4 = 0 THEN closes_at ELSE ?4 END, passed = ?5, export_json = ?6, "
                         "result_json = ?7 WHERE id = ?1 AND status = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iIiiiss", id, by, at, closes_at, (int64_t)passed, export_json, result_json);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int vote_store_cancel(store *s, int64_t id, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE vote SET status = 'cancelled', closed_by = ?2, closed_at = ?3 "
                         "WHERE id = ?1 AND status = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", id, by, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int vote_store_notify(store *s, int64_t vote_id, const struct notify_msg *msg, int *n)
{
    return notify_fanout(s, msg, n, "SELECT e.person_id, e.community_id FROM vote_elector e WHERE e.vote_id = ?1", "i",
                         vote_id);
}

int vote_store_set_representative(store *s, int64_t person_id, int on)
{
    void *st = sql_prep(s, "UPDATE person SET is_representative = ?2 WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", person_id, (int64_t)(on != 0));
    return sql_exec(s, st);
}

int vote_store_ballots_rewrite(store *s, int64_t vote_id)
{
    void *st = sql_prep(s, "UPDATE vote_ballot SET choice = choice WHERE vote_id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", vote_id);
    return sql_exec(s, st);
}

int vote_store_count_for_item(store *s, int64_t agenda_item_id, int *n)
{
    return sql_count_id(s, "SELECT count(*) FROM vote WHERE agenda_item_id = ?1 AND status <> 'cancelled'",
                      agenda_item_id, n);
}

int vote_store_open_at_meeting(store *s, int64_t meeting_id, int *n)
{
    return sql_count_id(s, "SELECT count(*) FROM vote WHERE meeting_id = ?1 AND mode = 'meeting' AND status = 'open'",
                      meeting_id, n);
}

int vote_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n)
{
    return tree_households(s, a,
                           "SELECT DISTINCT h.id, h.parent_id FROM vote v JOIN vote_participation x ON x.vote_id = v.id "
                           "JOIN vote_elector e ON e.vote_id = x.vote_id AND e.person_id = x.person_id "
                           "JOIN place h ON h.id = e.household_id WHERE v.matter_id = ?1",
                           matter_id, out, n);
}
