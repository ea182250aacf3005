/* The satisfaction module's SQL. */
#include "mod/satisfaction/satisfaction_store.h"

#include "core/err.h"
#include "store/sql.h"

#define SURVEY_COLS                                                                                              \
    "v.id, v.community_id, v.place_id, COALESCE(v.matter_id, 0), v.created_by, v.opens_at, v.closes_at, "      \
    "v.created_at, v.threshold, v.question, p.name, p.path, p.kind, m.title "                                  \
    "FROM satisfaction_survey v JOIN place p ON p.id = v.place_id LEFT JOIN matter m ON m.id = v.matter_id "

static void read_survey(arena *a, store *s, void *st, void *item)
{
    struct st_survey *v = item;
    int i = 0;
    v->id = sql_col_int(s, st, i++);
    v->community_id = sql_col_int(s, st, i++);
    v->place_id = sql_col_int(s, st, i++);
    v->matter_id = sql_col_int(s, st, i++);
    v->created_by = sql_col_int(s, st, i++);
    v->opens_at = sql_col_int(s, st, i++);
    v->closes_at = sql_col_int(s, st, i++);
    v->created_at = sql_col_int(s, st, i++);
    v->threshold = (int)sql_col_int(s, st, i++);
    v->question = sql_col_str(a, s, st, i++);
    v->place_name = sql_col_str(a, s, st, i++);
    v->place_path = sql_col_str(a, s, st, i++);
    v->place_kind = sql_col_str(a, s, st, i++);
    v->matter_title = sql_col_str(a, s, st, i++);
}

int satisfaction_store_insert(store *s, struct st_survey *v)
{
    void *st = sql_prep(s, "INSERT INTO satisfaction_survey(community_id, place_id, matter_id, question, threshold, "
                           "opens_at, closes_at, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                           "RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiIsiiiii", v->community_id, v->place_id, v->matter_id, v->question, (int64_t)v->threshold,
             v->opens_at, v->closes_at, v->created_by, v->created_at);
    return sql_insert_id(s, st, &v->id);
}

int satisfaction_store_get(store *s, arena *a, int64_t id, struct st_survey *out)
{
    void *st = sql_prep(s, "SELECT " SURVEY_COLS "WHERE v.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_survey, out);
}

int satisfaction_store_list(store *s, arena *a, int64_t community_id, int limit, struct st_survey **out, int *n)
{
    void *st = sql_prep(s, "SELECT " SURVEY_COLS "WHERE v.community_id = ?1 ORDER BY v.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_survey, (void **)out, n);
}

int satisfaction_store_of_matter(store *s, arena *a, int64_t matter_id, int limit, struct st_survey **out, int *n)
{
    void *st = sql_prep(s, "SELECT " SURVEY_COLS "WHERE v.matter_id = ?1 ORDER BY v.id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", matter_id, (int64_t)limit);
    return sql_collect(s, a, st, sizeof **out, limit, read_survey, (void **)out, n);
}

int satisfaction_store_respond(store *s, const struct st_survey *v, int64_t household_id, int64_t person_id, int score,
                               int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO satisfaction_response(survey_id, household_id, person_id, community_id, score, at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiiiii", v->id, household_id, person_id, v->community_id, (int64_t)score, at);
    return sql_exec(s, st);
}

static void add_count(arena *a, store *s, void *st, void *ud)
{
    struct survey_counts *c = ud;
    int64_t score = sql_col_int(s, st, 0), n = sql_col_int(s, st, 1);
    (void)a;
    if (score >= 1 && score <= 5) {
        c->score[score] = (int)n;
        c->answered += (int)n;
    }
}

int satisfaction_store_counts(store *s, const struct st_survey *v, struct survey_counts *out)
{
    *out = (struct survey_counts){0};
    void *st = sql_prep(s, "SELECT score, COUNT(*) FROM satisfaction_response WHERE survey_id = ?1 GROUP BY score");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", v->id);
    int rc = sql_each(s, NULL, st, add_count, out);
    if (rc)
        return rc;
    st = sql_prep(s, "SELECT COUNT(*) FROM place WHERE community_id = ?1 AND kind = 'household' "
                     "AND substr(path, 1, length(?2)) = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", v->community_id, v->place_path);
    return sql_count(s, st, &out->households);
}

struct answer {
    int *score;
    int64_t *person_id;
};

static void read_answer(arena *a, store *s, void *st, void *item)
{
    struct answer *x = item;
    (void)a;
    *x->score = (int)sql_col_int(s, st, 0);
    *x->person_id = sql_col_int(s, st, 1);
}

int satisfaction_store_answer_of(store *s, int64_t survey_id, int64_t household_id, int *score, int64_t *person_id)
{
    *score = 0;
    *person_id = 0;
    void *st = sql_prep(s, "SELECT score, person_id FROM satisfaction_response WHERE survey_id = ?1 AND household_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", survey_id, household_id);
    struct answer x = {score, person_id};
    int rc = sql_one(s, NULL, st, read_answer, &x);
    return rc == WG_ENOTFOUND ? 0 : rc;
}

int satisfaction_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n)
{
    return tree_households(s, a,
                           "SELECT DISTINCT h.id, h.parent_id FROM satisfaction_survey v JOIN satisfaction_response x ON "
                           "x.survey_id = v.id JOIN place h ON h.id = x.household_id WHERE v.matter_id = ?1",
                           matter_id, out, n);
}

int satisfaction_store_answer(store *s, const struct satisfaction_subject *x, const char *voter, int64_t person_id,
                              int score, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO satisfaction_answer(subject, subject_id, voter, community_id, person_id, score, at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sisiiii", x->kind, x->id, voter, x->community_id, person_id, (int64_t)score, at);
    return sql_exec(s, st);
}

int satisfaction_store_answer_to(store *s, const struct satisfaction_subject *x, const char *voter, int *score,
                                 int64_t *person_id)
{
    *score = 0;
    *person_id = 0;
    void *st = sql_prep(s, "SELECT score, person_id FROM satisfaction_answer WHERE subject = ?1 AND subject_id = ?2 "
                           "AND voter = ?3");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "sis", x->kind, x->id, voter);
    struct answer a = {score, person_id};
    int rc = sql_one(s, NULL, st, read_answer, &a);
    return rc == WG_ENOTFOUND ? 0 : rc;
}
