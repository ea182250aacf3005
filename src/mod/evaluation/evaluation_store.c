/* The evaluation module's SQL. */
#include "mod/evaluation/evaluation_store.h"

#include <assert.h>
#include <string.h>

#include "core/err.h"
#include "store/sql.h"

static void read_criterion(arena *a, store *s, void *st, void *item)
{
    struct eval_criterion *k = item;
    k->pos = (int)sql_col_int(s, st, 0);
    k->name = sql_col_str(a, s, st, 1);
    k->weight = (int)sql_col_int(s, st, 2);
    k->scale = (int)sql_col_int(s, st, 3);
}

static int criteria_of(store *s, arena *a, const char *sql, int64_t id, struct eval_criterion **out, int *n)
{
    void *st = sql_prep(s, sql);
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_collect(s, a, st, sizeof **out, EVAL_CRITERIA_MAX, read_criterion, (void **)out, n);
}

int evaluation_store_template_insert(store *s, struct eval_template *t, int64_t by)
{
    void *st = sql_prep(s, "INSERT INTO evaluation_template(community_id, name, created_by, created_at) "
                           "VALUES (?1, ?2, ?3, ?4) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "isii", t->community_id, t->name, by, t->created_at);
    int rc = sql_insert_id(s, st, &t->id);
    for (int i = 0; rc == 0 && i < t->ncriteria; i++) {
        if ((st = sql_prep(s, "INSERT INTO evaluation_template_criterion(template_id, pos, name, weight, scale) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)")) == NULL)
            return WG_EDB;
        sql_bind(s, st, "iisii", t->id, (int64_t)i + 1, t->criteria[i].name, (int64_t)t->criteria[i].weight,
                 (int64_t)t->criteria[i].scale);
        rc = sql_exec(s, st);
    }
    return rc;
}

int evaluation_store_template_count(store *s, int64_t community_id, int *n)
{
    return sql_count_id(s, "SELECT COUNT(*) FROM evaluation_template WHERE community_id = ?1", community_id, n);
}

static void read_template(arena *a, store *s, void *st, void *item)
{
    struct eval_template *t = item;
    t->id = sql_col_int(s, st, 0);
    t->community_id = sql_col_int(s, st, 1);
    t->name = sql_col_str(a, s, st, 2);
    t->created_at = sql_col_int(s, st, 3);
}

#define TEMPLATE_SQL "SELECT id, community_id, name, created_at FROM evaluation_template "
#define TEMPLATE_CRITERIA_SQL                                                                                         \
    "SELECT pos, name, weight, scale FROM evaluation_template_criterion WHERE template_id = ?1 ORDER BY pos"

int evaluation_store_templates(store *s, arena *a, int64_t community_id, int max, struct eval_template **out, int *n)
{
    void *st = sql_prep(s, TEMPLATE_SQL "WHERE community_id = ?1 ORDER BY id LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", community_id, (int64_t)max);
    int rc = sql_collect(s, a, st, sizeof **out, max, read_template, (void **)out, n);
    for (int i = 0; rc == 0 && i < *n; i++)
        rc = criteria_of(s, a, TEMPLATE_CRITERIA_SQL, (*out)[i].id, &(*out)[i].criteria, &(*out)[i].ncriteria);
    return rc;
}

int evaluation_store_template_get(store *s, arena *a, int64_t id, struct eval_template *out)
{
    void *st = sql_prep(s, TEMPLATE_SQL "WHERE id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    int rc = sql_one(s, a, st, read_template, out);
    return rc ? rc : criteria_of(s, a, TEMPLATE_CRITERIA_SQL, id, &out->criteria, &out->ncriteria);
}

#define EVAL_COLS                                                                                                     \
    "e.id, e.matter_id, e.community_id, m.place_id, COALESCE(e.survey_id, 0), e.created_by, e.followup_owner, "      \
    "e.opens_at, e.closes_at, COALESCE(e.closed_at, 0), e.created_at, e.phase, e.state, e.template_name, m.title, "  \
    "p.path, o.name, e.resident_weight, e.assessor_weight, e.threshold, e.followup_days, "                           \
    "COALESCE(e.result_permille, -1) "                                                                               \
    "FROM evaluation e JOIN matter m ON m.id = e.matter_id JOIN place p ON p.id = m.place_id "                       \
    "JOIN person o ON o.id = e.followup_owner "

static void read_eval(arena *a, store *s, void *st, void *item)
{
    struct st_evaluation *e = item;
    int i = 0;
    e->id = sql_col_int(s, st, i++);
    e->matter_id = sql_col_int(s, st, i++);
    e->community_id = sql_col_int(s, st, i++);
    e->place_id = sql_col_int(s, st, i++);
    e->survey_id = sql_col_int(s, st, i++);
    e->created_by = sql_col_int(s, st, i++);
    e->followup_owner = sql_col_int(s, st, i++);
    e->opens_at = sql_col_int(s, st, i++);
    e->closes_at = sql_col_int(s, st, i++);
    e->closed_at = sql_col_int(s, st, i++);
    e->created_at = sql_col_int(s, st, i++);
    e->phase = sql_col_str(a, s, st, i++);
    e->state = sql_col_str(a, s, st, i++);
    e->template_name = sql_col_str(a, s, st, i++);
    e->matter_title = sql_col_str(a, s, st, i++);
    e->place_path = sql_col_str(a, s, st, i++);
    e->owner_name = sql_col_str(a, s, st, i++);
    e->resident_weight = (int)sql_col_int(s, st, i++);
    e->assessor_weight = (int)sql_col_int(s, st, i++);
    e->threshold = (int)sql_col_int(s, st, i++);
    e->followup_days = (int)sql_col_int(s, st, i++);
    e->result_permille = (int)sql_col_int(s, st, i++);
}

int evaluation_store_insert(store *s, struct st_evaluation *e, const struct eval_criterion *cr, int n)
{
    void *st = sql_prep(s, "INSERT INTO evaluation(matter_id, community_id, phase, template_name, resident_weight, "
                           "assessor_weight, threshold, survey_id, followup_owner, followup_days, state, opens_at, "
                           "closes_at, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                           "'open', ?11, ?12, ?13, ?14) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iissiiiIiiiiii", e->matter_id, e->community_id, e->phase, e->template_name,
             (int64_t)e->resident_weight, (int64_t)e->assessor_weight, (int64_t)e->threshold, e->survey_id,
             e->followup_owner, (int64_t)e->followup_days, e->opens_at, e->closes_at, e->created_by, e->created_at);
    int rc = sql_insert_id(s, st, &e->id);
    for (int i = 0; rc == 0 && i < n; i++) {
        if ((st = sql_prep(s, "INSERT INTO evaluation_criterion(evaluation_id, pos, name, weight, scale) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)")) == NULL)
            return WG_EDB;
        sql_bind(s, st, "iisii", e->id, (int64_t)i + 1, cr[i].name, (int64_t)cr[i].weight, (int64_t)cr[i].scale);
        rc = sql_exec(s, st);
    }
    return rc;
}

int evaluation_store_get(store *s, arena *a, int64_t id, struct st_evaluation *out)
{
    void *st = sql_prep(s, "SELECT " EVAL_COLS "WHERE e.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_eval, out);
}

int evaluation_store_of_matter(store *s, arena *a, int64_t matter_id, struct st_evaluation **out, int *n)
{
    void *st = sql_prep(s, "SELECT " EVAL_COLS "WHERE e.matter_id = ?1 ORDER BY CASE e.phase WHEN 'before' THEN 1 "
                           "WHEN 'during' THEN 2 ELSE 3 END");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", matter_id);
    return sql_collect(s, a, st, sizeof **out, 3, read_eval, (void **)out, n);
}

int evaluation_store_criteria(store *s, arena *a, int64_t id, struct eval_criterion **out, int *n)
{
    return criteria_of(s, a,
                       "SELECT pos, name, weight, scale FROM evaluation_criterion WHERE evaluation_id = ?1 ORDER BY pos",
                       id, out, n);
}

int evaluation_store_close(store *s, int64_t id, int result_permille, int64_t at)
{
    void *st = sql_prep(s, "UPDATE evaluation SET state = 'closed', result_permille = ?2, closed_at = ?3 "
                           "WHERE id = ?1 AND state = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iii", id, (int64_t)result_permille, at);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int evaluation_store_assessor_insert(store *s, int64_t id, int64_t person_id, int64_t by, int64_t at)
{
    void *st = sql_prep(s, "INSERT INTO evaluation_assessor(evaluation_id, person_id, appointed_by, at) "
                           "VALUES (?1, ?2, ?3, ?4)");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiii", id, person_id, by, at);
    return sql_exec(s, st);
}

static void read_assessor(arena *a, store *s, void *st, void *item)
{
    struct eval_assessor *x = item;
    x->person_id = sql_col_int(s, st, 0);
    x->name = sql_col_str(a, s, st, 1);
}

int evaluation_store_assessors(store *s, arena *a, int64_t id, struct eval_assessor **out, int *n)
{
    void *st = sql_prep(s, "SELECT x.person_id, p.name FROM evaluation_assessor x JOIN person p ON p.id = x.person_id "
                           "WHERE x.evaluation_id = ?1 ORDER BY x.at, x.person_id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_collect(s, a, st, sizeof **out, EVAL_ASSESSORS_MAX, read_assessor, (void **)out, n);
}

int evaluation_store_is_assessor(store *s, int64_t id, int64_t person_id, int *yes)
{
    void *st = sql_prep(s, "SELECT COUNT(*) FROM evaluation_assessor WHERE evaluation_id = ?1 AND person_id = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, person_id);
    return sql_count(s, st, yes);
}

int evaluation_store_respond(store *s, int64_t id, int grp, const char *respondent, int64_t household_id, int64_t person_id,
                       const int *scores, int n, const char *note, int64_t at)
{
    int64_t rid = 0;
    void *st = sql_prep(s, "INSERT INTO evaluation_response(evaluation_id, grp, respondent, household_id, person_id, "
                           "note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iisIisi", id, (int64_t)grp, respondent, household_id, person_id, note, at);
    int rc = sql_insert_id(s, st, &rid);
    for (int i = 0; rc == 0 && i < n; i++) {
        if ((st = sql_prep(s, "INSERT INTO evaluation_score(response_id, evaluation_id, grp, pos, score) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)")) == NULL)
            return WG_EDB;
        sql_bind(s, st, "iiiii", rid, id, (int64_t)grp, (int64_t)i + 1, (int64_t)scores[i]);
        rc = sql_exec(s, st);
    }
    return rc;
}

int evaluation_store_answered_by(store *s, int64_t id, const char *respondent, int64_t *person_id)
{
    *person_id = 0;
    void *st = sql_prep(s, "SELECT person_id FROM evaluation_response WHERE evaluation_id = ?1 AND respondent = ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "is", id, respondent);
    int rc = sql_one(s, NULL, st, sql_read_id, person_id);
    return rc == WG_ENOTFOUND ? 0 : rc;
}

static void add_respondents(arena *a, store *s, void *st, void *ud)
{
    int64_t *counts = ud, g = sql_col_int(s, st, 0);
    (void)a;
    if (g >= 0 && g < ASSESS_GROUPS)
        counts[g] = sql_col_int(s, st, 1);
}

int evaluation_store_respondents(store *s, int64_t id, int64_t counts[ASSESS_GROUPS])
{
    memset(counts, 0, ASSESS_GROUPS * sizeof *counts);
    void *st = sql_prep(s, "SELECT grp, COUNT(*) FROM evaluation_response WHERE evaluation_id = ?1 GROUP BY grp");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_each(s, NULL, st, add_respondents, counts);
}

static void read_sum(arena *a, store *s, void *st, void *item)
{
    struct eval_sum *x = item;
    (void)a;
    x->pos = (int)sql_col_int(s, st, 0);
    x->grp = (int)sql_col_int(s, st, 1);
    x->n = sql_col_int(s, st, 2);
    x->sum = sql_col_int(s, st, 3);
}

int evaluation_store_sums(store *s, arena *a, int64_t id, struct eval_sum **out, int *n)
{
    void *st = sql_prep(s, "SELECT pos, grp, COUNT(*), SUM(score) FROM evaluation_score WHERE evaluation_id = ?1 "
                           "GROUP BY pos, grp ORDER BY pos, grp");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_collect(s, a, st, sizeof **out, EVAL_CRITERIA_MAX * ASSESS_GROUPS, read_sum, (void **)out, n);
}

static void read_note(arena *a, store *s, void *st, void *item)
{
    *(const char **)item = sql_col_str(a, s, st, 0);
}

int evaluation_store_notes(store *s, arena *a, int64_t id, int max, const char ***out, int *n)
{
    void *st = sql_prep(s, "SELECT note FROM evaluation_response WHERE evaluation_id = ?1 AND note IS NOT NULL "
                           "ORDER BY id DESC LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", id, (int64_t)max);
    return sql_collect(s, a, st, sizeof **out, max, read_note, (void **)out, n);
}

int evaluation_store_task_insert(store *s, struct eval_task *t)
{
    void *st = sql_prep(s, "INSERT INTO evaluation_task(evaluation_id, community_id, pos, title, permille, owner_id, "
                           "due_at, state, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8) RETURNING id");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiisiiii", t->evaluation_id, t->community_id, (int64_t)t->pos, t->title, (int64_t)t->permille,
             t->owner_id, t->due_at, t->created_at);
    return sql_insert_id(s, st, &t->id);
}

#define TASK_SQL                                                                                                      \
    "SELECT t.id, t.evaluation_id, e.matter_id, t.community_id, t.owner_id, t.due_at, COALESCE(t.done_at, 0), "       \
    "t.created_at, t.pos, t.permille, t.state, t.title, t.note, o.name, m.title, e.phase, p.path "                    \
    "FROM evaluation_task t JOIN evaluation e ON e.id = t.evaluation_id JOIN matter m ON m.id = e.matter_id "          \
    "JOIN place p ON p.id = m.place_id JOIN person o ON o.id = t.owner_id "

static void read_task(arena *a, store *s, void *st, void *item)
{
    struct eval_task *t = item;
    int i = 0;
    t->id = sql_col_int(s, st, i++);
    t->evaluation_id = sql_col_int(s, st, i++);
    t->matter_id = sql_col_int(s, st, i++);
    t->community_id = sql_col_int(s, st, i++);
    t->owner_id = sql_col_int(s, st, i++);
    t->due_at = sql_col_int(s, st, i++);
    t->done_at = sql_col_int(s, st, i++);
    t->created_at = sql_col_int(s, st, i++);
    t->pos = (int)sql_col_int(s, st, i++);
    t->permille = (int)sql_col_int(s, st, i++);
    t->state = sql_col_str(a, s, st, i++);
    t->title = sql_col_str(a, s, st, i++);
    t->note = sql_col_str(a, s, st, i++);
    t->owner_name = sql_col_str(a, s, st, i++);
    t->matter_title = sql_col_str(a, s, st, i++);
    t->phase = sql_col_str(a, s, st, i++);
    t->place_path = sql_col_str(a, s, st, i++);
}

int evaluation_store_task_get(store *s, arena *a, int64_t id, struct eval_task *out)
{
    void *st = sql_prep(s, TASK_SQL "WHERE t.id = ?1");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "i", id);
    return sql_one(s, a, st, read_task, out);
}

int evaluation_store_tasks(store *s, arena *a, const char *where, int64_t key, int max, struct eval_task **out, int *n)
{
    /* where is one of this file's callers' constants, never input */
    assert(strcmp(where, "t.community_id") == 0 || strcmp(where, "t.evaluation_id") == 0);
    void *st = sql_prep(s, strcmp(where, "t.community_id") == 0
                               ? TASK_SQL "WHERE t.community_id = ?1 ORDER BY t.state DESC, t.due_at, t.id LIMIT ?2"
                               : TASK_SQL "WHERE t.evaluation_id = ?1 ORDER BY t.pos LIMIT ?2");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "ii", key, (int64_t)max);
    return sql_collect(s, a, st, sizeof **out, max, read_task, (void **)out, n);
}

int evaluation_store_task_done(store *s, int64_t id, int64_t by, const char *note, int64_t at)
{
    void *st = sql_prep(s, "UPDATE evaluation_task SET state = 'done', done_at = ?2, done_by = ?3, note = ?4 "
                           "WHERE id = ?1 AND state = 'open'");
    if (st == NULL)
        return WG_EDB;
    sql_bind(s, st, "iiis", id, at, by, note);
    return sql_exec_one(s, st, WG_ECONFLICT);
}

int evaluation_store_households(store *s, arena *a, int64_t matter_id, struct household_ref **out, int *n)
{
    return tree_households(s, a,
                           "SELECT DISTINCT h.id, h.parent_id FROM evaluation e JOIN evaluation_response x ON "
                           "x.evaluation_id = e.id JOIN place h ON h.id = x.household_id WHERE e.matter_id = ?1",
                           matter_id, out, n);
}
