/* The people module's SQL: household claims and members, lists of people. */
#include "mod/people/people_store.h"

#include "store/sql.h"

#define PERSON_COLS "pe.id, pe.phone, pe.name, pe.pw_hash, pe.community_id, pe.is_volunteer, pe.is_party_member, pe.created_at"
#define CLAIM_COLS "c.id, c.person_id, pe.name, pe.phone, c.household_id, h.code, h.path, b.name, c.community_id, " \
                   "c.relation, c.status, c.reason, c.decided_by, c.decided_at, c.created_at"
#define CLAIM_FROM " FROM household_claim c JOIN person pe ON pe.id = c.person_id JOIN place h ON h.id = c.household_id " \
                   "LEFT JOIN place b ON b.id = h.parent_id "

static void read_person(arena *a, store *s, void *st, void *item)
{
    struct st_person *p = item;
    p->id = sql_col_int(s, st, 0);
    p->phone = sql_col_str(a, s, st, 1);
    p->name = sql_col_str(a, s, st, 2);
    p->pw_hash = sql_col_str(a, s, st, 3);
    p->community_id = sql_col_int(s, st, 4);
    p->is_volunteer = (int)sql_col_int(s, st, 5);
    p->is_party_member = (int)sql_col_int(s, st, 6);
    p->created_at = sql_col_int(s, st, 7);
}

int people_store_list(store *s, arena *a, const char *path_prefix, int limit, int offset, struct st_person **out,
                      int *n)
{
    void *st = sql_prep(s,
        "SELECT " PERSON_COLS " FROM person pe WHERE pe.id IN ("
        " SELECT r.person_id FROM role_assignment r JOIN place p ON p.id = r.place_id"
        "  WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1"
        " UNION SELECT c.person_id FROM household_claim c JOIN place p ON p.id = c.household_id"
        "  WHERE substr(p.path, 1, length(CAST(?1 AS TEXT))) = ?1)"
        " ORDER BY pe.name, pe.id LIMIT ?2 OFFSET ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sii", path_prefix, (int64_t)limit, (int64_t)offset);
    return sql_collect(s, a, st, sizeof **out, limit, read_person, (void **)out, n);
}

static void read_claim(arena *a, store *s, void *st, void *item)
{
    struct st_claim *c = item;
    c->id = sql_col_int(s, st, 0);
    c->person_id = sql_col_int(s, st, 1);
    c->person_name = sql_col_str(a, s, st, 2);
    c->person_phone = sql_col_str(a, s, st, 3);
    c->household_id = sql_col_int(s, st, 4);
    c->household_code = sql_col_str(a, s, st, 5);
    c->household_path = sql_col_str(a, s, st, 6);
    c->building_name = sql_col_str(a, s, st, 7);
    c->community_id = sql_col_int(s, st, 8);
    c->relation = sql_col_str(a, s, st, 9);
    c->status = sql_col_str(a, s, st, 10);
    c->reason = sql_col_str(a, s, st, 11);
    c->decided_by = sql_col_int(s, st, 12);
    c->decided_at = sql_col_int(s, st, 13);
    c->created_at = sql_col_int(s, st, 14);
}

int people_store_claim_insert(store *s, struct st_claim *c)
{
    void *st = sql_prep(s, "INSERT INTO household_claim(person_id, household_id, community_id, relation, status, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, 'pending', ?5) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisi", c->person_id, c->household_id, c->community_id, c->relation, c->created_at);
    return sql_insert_id(s, st, &c->id);
}

int people_store_claim_get(store *s, arena *a, int64_t id, struct st_claim *out)
{
    void *st = sql_prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_claim, out);
}

int people_store_claims(store *s, arena *a, int64_t community_id, const char *status, int limit, int offset,
                        struct st_claim **out, int *n)
{
    void *st = sql_prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.community_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR c.status = ?2) "
                               "ORDER BY c.id DESC LIMIT ?3 OFFSET ?4");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", community_id, status, (int64_t)limit, (int64_t)offset);
    return sql_collect(s, a, st, sizeof **out, limit, read_claim, (void **)out, n);
}

int people_store_claim_count(store *s, int64_t community_id, const char *status, int *n)
{
    void *st = sql_prep(s, "SELECT count(*) FROM household_claim WHERE community_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR status = ?2)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", community_id, status);
    return sql_count(s, st, n);
}

int people_store_claims_of(store *s, arena *a, int64_t person_id, struct st_claim **out, int *n)
{
    void *st = sql_prep(s, "SELECT " CLAIM_COLS CLAIM_FROM "WHERE c.person_id = ?1 ORDER BY c.id DESC LIMIT 50");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", person_id);
    return sql_collect(s, a, st, sizeof **out, 50, read_claim, (void **)out, n);
}

int people_store_claim_decide(store *s, int64_t id, const char *status, const char *reason, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "UPDATE household_claim SET status = ?2, reason = ?3, decided_by = ?4, decided_at = ?5 "
                               "WHERE id = ?1 AND status = 'pending'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "issii", id, status, reason, by, at);
    int rc = sql_exec(s, st);
    if (rc == 0 && sql_changes(s) == 0)
        return WG_ECONFLICT;
    return rc;
}

int people_store_member_insert(store *s, int64_t household_id, int64_t person_id, int64_t community_id,
                               const char *relation, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO household_member(household_id, person_id, community_id, relation, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisi", household_id, person_id, community_id, relation, at);
    return sql_exec(s, st);
}
