/* Evaluations before, during and after (see evaluation.h). */
#include "mod/evaluation/evaluation.h"

#include <stdio.h>
#include <string.h>

#include "core/time.h"
#include "mod/evaluation/evaluation_int.h"
#include "mod/evaluation/evaluation_store.h"
#include "mod/people/people.h"
#include "mod/satisfaction/satisfaction.h"

#define N PERM_NONE
#define S PERM_SUBTREE
#define L PERM_LINE
const struct perm_action evaluation_act_manage = {
    "manage_evaluation", "keep evaluation templates, open, appoint assessors, close and follow up assessments",
    {N, N, S, S, S}};
/* a resident's household answers the assessments of the matters above it (its line) */
const struct perm_action evaluation_act_answer = {"answer_evaluation", "answer an assessment for one's household",
                                                  {L, N, N, N, N}};
#undef N
#undef S
#undef L

/* The matter's stages in which each phase may open. */
static const struct {
    const char *phase, *stages[5];
} PHASES[] = {
    {"before", {"collecting", "deliberating", "notice", "building", NULL}},
    {"during", {"building", "managing", NULL}},
    {"after", {"managing", "evaluating", NULL}},
};

static int phase_allows(const char *phase, const char *stage, int *known)
{
    *known = 0;
    for (size_t i = 0; i < sizeof PHASES / sizeof *PHASES; i++) {
        if (phase == NULL || strcmp(phase, PHASES[i].phase) != 0)
            continue;
        *known = 1;
        for (int k = 0; PHASES[i].stages[k]; k++)
            if (strcmp(PHASES[i].stages[k], stage) == 0)
                return 1;
    }
    return 0;
}

/* ---- templates ---- */

static int community_of(dctx *c, int64_t place_id, struct st_place *com)
{
    int rc = place_id > 0 ? place_get(c, place_id, com) : dctx_fail(c, WG_EINVAL, "community_required", "community_id");
    if (rc == 0 && strcmp(com->kind, "community") != 0)
        rc = dctx_fail(c, WG_EINVAL, "community_required", "community_id");
    return rc;
}

static int check_criteria(dctx *c, const struct eval_criterion *cr, int n)
{
    if (n < 1 || n > EVAL_CRITERIA_MAX)
        return dctx_fail(c, WG_EINVAL, "evaluation_criteria_invalid", "criteria");
    for (int i = 0; i < n; i++) {
        int rc = dctx_text(c, cr[i].name, EVAL_NAME_MAX, 1, "criteria", "evaluation_criteria_invalid",
                           "evaluation_criteria_invalid");
        if (rc)
            return rc;
        if (cr[i].weight < 1 || cr[i].weight > 100 || cr[i].scale < 2 || cr[i].scale > 10)
            return dctx_fail(c, WG_EINVAL, "evaluation_criteria_invalid", "criteria");
        for (int k = 0; k < i; k++)
            if (strcmp(cr[k].name, cr[i].name) == 0)
                return dctx_fail(c, WG_EINVAL, "evaluation_criteria_invalid", "criteria");
    }
    return 0;
}

int evaluation_template_create(dctx *c, int64_t community_id, const char *name, const struct eval_criterion *cr,
                               int n, int64_t *id)
{
    struct st_place com;
    int count = 0, rc = community_of(c, community_id, &com);
    if (rc || (rc = perm_check(c, &evaluation_act_manage, com.path, com.id)) ||
        (rc = dctx_text(c, name, EVAL_NAME_MAX, 1, "name", "evaluation_name_required", "evaluation_name_invalid")) ||
        (rc = check_criteria(c, cr, n)))
        return rc;
    struct eval_template t = {.community_id = com.id, .name = name, .created_at = c->now,
                              .criteria = (struct eval_criterion *)cr, .ncriteria = n};
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = evaluation_store_template_count(c->st, com.id, &count)) == 0 && count >= EVAL_TEMPLATES_MAX)
        rc = dctx_fail(c, WG_ECONFLICT, "evaluation_templates_full", NULL);
    if (rc == 0 && (rc = evaluation_store_template_insert(c->st, &t, c->actor->id)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "evaluation_template_exists", "name");
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = t.id;
    return 0;
}

int evaluation_templates(dctx *c, int64_t community_id, struct eval_template **out, int *n)
{
    struct st_place com;
    *n = 0;
    int rc = community_of(c, community_id, &com);
    if (rc || (rc = perm_check(c, &evaluation_act_manage, com.path, com.id)))
        return rc;
    return evaluation_store_templates(c->st, c->a, com.id, EVAL_TEMPLATES_MAX, out, n);
}

/* ---- assessments ---- */

static int check_new(dctx *c, const struct eval_new *in, const struct st_matter *m, struct eval_template *t)
{
    int known = 0, rc = 0;
    if (!phase_allows(in->phase, m->stage, &known))
        return known ? dctx_fail(c, WG_ECONFLICT, "evaluation_phase_stage", "phase")
                     : dctx_fail(c, WG_EINVAL, "evaluation_phase_invalid", "phase");
    if (in->template_id <= 0 || evaluation_store_template_get(c->st, c->a, in->template_id, t) != 0 ||
        t->community_id != m->community_id)
        return dctx_fail(c, WG_EINVAL, "evaluation_template_invalid", "template_id");
    if (in->resident_weight < 0 || in->resident_weight > 100)
        return dctx_fail(c, WG_EINVAL, "evaluation_weight_invalid", "resident_weight");
    if (in->threshold < 1 || in->threshold > 100)
        return dctx_fail(c, WG_EINVAL, "evaluation_threshold_invalid", "threshold");
    if (in->followup_days < 1 || in->followup_days > EVAL_FOLLOWUP_DAYS_MAX)
        return dctx_fail(c, WG_EINVAL, "evaluation_followup_invalid", "followup_days");
    if (in->closes_at <= c->now || in->closes_at > c->now + (int64_t)EVAL_DAYS_MAX * TIME_DAY)
        return dctx_fail(c, WG_EINVAL, "evaluation_closes_invalid", "closes_at");
    return rc;
}

/* The after-assessment's question to every household, through mod/satisfaction. */
static int open_survey(dctx *c, const struct st_matter *m, struct st_evaluation *e)
{
    struct survey_new sv = {.place_id = m->place_id, .matter_id = m->id, .closes_at = e->closes_at,
                            .threshold = e->threshold,
                            .question = arena_printf(c->a, "您家对「%s」的效果满意吗？", m->title)};
    if (strlen(sv.question) > SATISFACTION_QUESTION_MAX) /* bytes >= code points: a long title */
        sv.question = "您家对这件事的效果满意吗？";
    return satisfaction_create_in_tx(c, &sv, &e->survey_id);
}

int evaluation_create(dctx *c, const struct eval_new *in, int64_t *id)
{
    struct st_matter m;
    struct eval_template t;
    int rc = in->matter_id > 0 ? matter_get(c, in->matter_id, &m) : dctx_fail(c, WG_EINVAL, "matter_required", "matter_id");
    if (rc || (rc = perm_check(c, &evaluation_act_manage, m.place_path, m.community_id)) ||
        (rc = check_new(c, in, &m, &t)))
        return rc;
    /* the after-assessment's survey: checked here, outside the transaction */
    if (strcmp(in->phase, "after") == 0 && (rc = perm_check(c, &satisfaction_act_manage, m.place_path, m.community_id)))
        return rc;
    struct st_evaluation e = {.matter_id = m.id, .community_id = m.community_id, .phase = in->phase,
                              .template_name = t.name, .resident_weight = in->resident_weight,
                              .assessor_weight = 100 - in->resident_weight, .threshold = in->threshold,
                              .followup_owner = in->followup_owner ? in->followup_owner : c->actor->id,
                              .followup_days = in->followup_days, .opens_at = c->now, .closes_at = in->closes_at,
                              .created_by = c->actor->id, .created_at = c->now};
    if ((rc = store_begin(c->st)))
        return rc;
    if (strcmp(in->phase, "after") == 0)
        rc = open_survey(c, &m, &e);
    if (rc == 0 && (rc = evaluation_store_insert(c->st, &e, t.criteria, t.ncriteria)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "evaluation_phase_exists", "phase");
    if (rc == 0)
        rc = job_schedule(c->st, "evaluation.close", arena_printf(c->a, "evaluation.close:%lld", (long long)e.id), e.id,
                          e.closes_at, c->now);
    if ((rc = store_end(c->st, rc)))
        return rc;
    *id = e.id;
    return 0;
}

int evaluation_get(dctx *c, int64_t id, struct st_evaluation *out)
{
    int rc = id > 0 ? evaluation_store_get(c->st, c->a, id, out) : WG_ENOTFOUND;
    if (rc == 0 && (c->actor == NULL || !perm_allows(c->actor, &perm_read, out->place_path)))
        rc = WG_ENOTFOUND;
    return rc == WG_ENOTFOUND ? dctx_fail(c, rc, "not_found", NULL) : rc;
}

int evaluation_of_matter(dctx *c, int64_t matter_id, struct st_evaluation **out, int *n)
{
    *n = 0;
    return evaluation_store_of_matter(c->st, c->a, matter_id, out, n);
}

static int managed(dctx *c, int64_t id, struct st_evaluation *e)
{
    int rc = evaluation_get(c, id, e);
    return rc ? rc : perm_check(c, &evaluation_act_manage, e->place_path, e->community_id);
}

static int is_open(const dctx *c, const struct st_evaluation *e)
{
    return strcmp(e->state, "open") == 0 && c->now < e->closes_at;
}

int evaluation_appoint(dctx *c, int64_t id, const char *phone)
{
    struct st_evaluation e;
    struct eval_assessor *xs = NULL;
    int64_t person = 0;
    int n = 0, rc = managed(c, id, &e);
    if (rc)
        return rc;
    if (!is_open(c, &e))
        return dctx_fail(c, WG_ECONFLICT, "evaluation_closed", NULL);
    if ((rc = people_find(c, phone, NULL, &person, NULL)))
        return dctx_fail(c, rc, c->code, "phone");
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = evaluation_store_assessors(c->st, c->a, e.id, &xs, &n)) == 0 && n >= EVAL_ASSESSORS_MAX)
        rc = dctx_fail(c, WG_ECONFLICT, "evaluation_assessors_full", NULL);
    if (rc == 0 && (rc = evaluation_store_assessor_insert(c->st, e.id, person, c->actor->id, c->now)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "evaluation_assessor_exists", "phone");
    return store_end(c->st, rc);
}

/* How the actor answers: as an assessor (group 1, "p<id>") or for her
 * household (group 0, "h<id>"); grp -1 when she may not. */
static int respondent_of(dctx *c, const struct st_evaluation *e, int *grp, const char **key, int64_t *household)
{
    int assessor = 0;
    int rc = c->actor ? evaluation_store_is_assessor(c->st, e->id, c->actor->id, &assessor) : 0;
    *grp = -1;
    *household = 0;
    if (rc || c->actor == NULL)
        return rc;
    if (assessor) {
        *grp = 1;
        *key = arena_printf(c->a, "p%lld", (long long)c->actor->id);
    } else if (perm_allows(c->actor, &evaluation_act_answer, e->place_path) &&
               (*household = actor_household_under(c->actor, e->place_path))) {
        *grp = 0;
        *key = arena_printf(c->a, "h%lld", (long long)*household);
    }
    return 0;
}

int evaluation_respond(dctx *c, int64_t id, const int *scores, int n, const char *note)
{
    struct st_evaluation e;
    struct eval_criterion *cr = NULL;
    const char *key = NULL;
    int64_t household = 0;
    int grp = -1, ncr = 0, rc = evaluation_get(c, id, &e);
    if (rc || (rc = respondent_of(c, &e, &grp, &key, &household)))
        return rc;
    if (grp < 0)
        return dctx_fail(c, WG_EPERM, "forbidden", NULL);
    if (!is_open(c, &e))
        return dctx_fail(c, WG_ECONFLICT, "evaluation_closed", NULL);
    if ((rc = evaluation_store_criteria(c->st, c->a, e.id, &cr, &ncr)))
        return rc;
    if (n != ncr)
        return dctx_fail(c, WG_EINVAL, "evaluation_scores_invalid", "scores");
    for (int i = 0; i < n; i++)
        if (scores[i] < 1 || scores[i] > cr[i].scale)
            return dctx_fail(c, WG_EINVAL, "evaluation_scores_invalid", "scores");
    if ((rc = dctx_text(c, note, EVAL_NOTE_MAX, 0, "note", "evaluation_note_invalid", "evaluation_note_invalid")))
        return rc;
    if (note && note[strspn(note, " \t\r\n")] == '\0')
        note = NULL;
    if ((rc = store_begin(c->st)))
        return rc;
    rc = evaluation_store_respond(c->st, e.id, grp, key, household, c->actor->id, scores, n, note, c->now);
    if (rc == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "evaluation_answered", NULL);
    return store_end(c->st, rc);
}

/* ---- the arithmetic ---- */

struct eval_result {
    struct eval_criterion *cr;
    struct assess_crit_in in[EVAL_CRITERIA_MAX];
    struct assess_crit_out out[EVAL_CRITERIA_MAX];
    int n, permille;
    int64_t respondents[ASSESS_GROUPS];
};

static int compute(dctx *c, const struct st_evaluation *e, struct eval_result *r)
{
    struct eval_sum *sums = NULL;
    int nsums = 0, rc;
    memset(r, 0, sizeof *r);
    if ((rc = evaluation_store_criteria(c->st, c->a, e->id, &r->cr, &r->n)) ||
        (rc = evaluation_store_sums(c->st, c->a, e->id, &sums, &nsums)) ||
        (rc = evaluation_store_respondents(c->st, e->id, r->respondents)))
        return rc;
    for (int k = 0; k < r->n; k++)
        r->in[k] = (struct assess_crit_in){.weight = r->cr[k].weight, .scale = r->cr[k].scale};
    for (int i = 0; i < nsums; i++)
        if (sums[i].pos >= 1 && sums[i].pos <= r->n && sums[i].grp >= 0 && sums[i].grp < ASSESS_GROUPS)
            r->in[sums[i].pos - 1].g[sums[i].grp] = (struct assess_group_in){sums[i].n, sums[i].sum};
    const int gw[ASSESS_GROUPS] = {e->resident_weight, e->assessor_weight};
    return assess_compute(r->in, r->n, gw, r->out, &r->permille) ? WG_EINVAL : 0;
}

static int low(int permille, int threshold)
{
    return permille != ASSESS_NONE && permille < threshold * 10;
}

/* ---- closing and follow-up ---- */

static int add_task(dctx *c, const struct st_evaluation *e, int pos, const char *title, int permille)
{
    struct eval_task t = {.evaluation_id = e->id, .community_id = e->community_id, .pos = pos, .title = title,
                          .permille = permille, .owner_id = e->followup_owner,
                          .due_at = c->now + (int64_t)e->followup_days * TIME_DAY, .created_at = c->now};
    int rc = evaluation_store_task_insert(c->st, &t);
    if (rc == 0 && t.due_at - TIME_DAY > c->now)
        rc = job_schedule(c->st, "evaluation.task_remind", arena_printf(c->a, "evaluation.task_remind:%lld", (long long)t.id),
                          t.id, t.due_at - TIME_DAY, c->now);
    if (rc == 0)
        rc = job_schedule(c->st, "evaluation.task_overdue",
                          arena_printf(c->a, "evaluation.task_overdue:%lld", (long long)t.id), t.id, t.due_at, c->now);
    struct notify_msg msg = {.kind = "evaluation_task", .matter_id = e->matter_id, .title = e->matter_title,
                             .detail = title, .at = c->now};
    return rc ? rc : notify_person(c->st, t.owner_id, &msg);
}

int evaluation_close_in_tx(dctx *c, const struct st_evaluation *e)
{
    struct eval_result r;
    int rc = compute(c, e, &r);
    if (rc || (rc = evaluation_store_close(c->st, e->id, r.permille, c->now)))
        return rc;
    for (int k = 0; rc == 0 && k < r.n; k++)
        if (low(r.out[k].permille, e->threshold))
            rc = add_task(c, e, r.cr[k].pos, r.cr[k].name, r.out[k].permille);
    if (rc || e->survey_id == 0)
        return rc;
    int is_low = 0, permille = 0;
    if ((rc = satisfaction_result(c, e->survey_id, &is_low, &permille)) == 0 && is_low)
        rc = add_task(c, e, 0, "", permille);
    return rc;
}

int evaluation_close(dctx *c, int64_t id)
{
    struct st_evaluation e;
    int rc = managed(c, id, &e);
    if (rc)
        return rc;
    if (strcmp(e.state, "open") != 0)
        return dctx_fail(c, WG_ECONFLICT, "evaluation_closed", NULL);
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = evaluation_close_in_tx(c, &e)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "evaluation_closed", NULL);
    if (rc == 0)
        rc = job_cancel(c->st, arena_printf(c->a, "evaluation.close:%lld", (long long)e.id), NULL);
    return store_end(c->st, rc);
}

/* Job evaluation.close: an assessment still open at its closing time. */
int evaluation_job_close(dctx *c, const struct job *j)
{
    struct st_evaluation e;
    int rc = evaluation_store_get(c->st, c->a, j->ref_id, &e);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(e.state, "open") != 0))
        return 0;
    return rc ? rc : evaluation_close_in_tx(c, &e);
}

static int task_notice(dctx *c, const struct job *j, const char *kind)
{
    struct eval_task t;
    int rc = evaluation_store_task_get(c->st, c->a, j->ref_id, &t);
    if (rc == WG_ENOTFOUND || (rc == 0 && strcmp(t.state, "open") != 0))
        return 0;
    struct notify_msg msg = {.kind = kind, .matter_id = t.matter_id, .title = t.matter_title,
                             .detail = t.pos ? t.title : "", .at = j->due_at};
    return rc ? rc : notify_person(c->st, t.owner_id, &msg);
}

/* Job evaluation.task_remind: the day before a task is due. */
int evaluation_job_task_remind(dctx *c, const struct job *j)
{
    return task_notice(c, j, "evaluation_task_due");
}

/* Job evaluation.task_overdue: a task still open at its due date (it
 * shows overdue from then on; the owner is told once). */
int evaluation_job_task_overdue(dctx *c, const struct job *j)
{
    return task_notice(c, j, "evaluation_task_overdue");
}

/* ---- tasks ---- */

/* Whether the actor manages evaluations somewhere in the community (a grid worker in her grid). */
static int manages_in(const dctx *c, const struct st_place *com)
{
    const struct actor *a = c->actor;
    for (int i = 0; a && i < a->nroles; i++)
        if (tree_under(a->roles[i].place_path, com->path) &&
            perm_allows(a, &evaluation_act_manage, a->roles[i].place_path))
            return 1;
    return 0;
}

int evaluation_tasks(dctx *c, int64_t community_id, struct eval_task **out, int *n)
{
    struct st_place com;
    *n = 0;
    int rc = community_of(c, community_id, &com);
    if (rc)
        return rc;
    int all = c->actor && perm_allows(c->actor, &evaluation_act_manage, com.path);
    if (!all && !manages_in(c, &com))
        return perm_check(c, &evaluation_act_manage, com.path, com.id);
    if ((rc = evaluation_store_tasks(c->st, c->a, "t.community_id", com.id, EVAL_TASKS_MAX, out, n)) || all)
        return rc;
    /* below the community: the tasks of her places, and those she owns */
    int k = 0;
    for (int i = 0; i < *n; i++)
        if ((*out)[i].owner_id == c->actor->id ||
            perm_allows(c->actor, &evaluation_act_manage, (*out)[i].place_path))
            (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}

int evaluation_task_done(dctx *c, int64_t task_id, const char *note)
{
    struct eval_task t;
    struct st_evaluation e;
    int rc = task_id > 0 ? evaluation_store_task_get(c->st, c->a, task_id, &t) : WG_ENOTFOUND;
    if (rc == WG_ENOTFOUND)
        return dctx_fail(c, rc, "not_found", NULL);
    if (rc || (rc = evaluation_get(c, t.evaluation_id, &e)))
        return rc;
    if (t.owner_id != c->actor->id && (rc = perm_check(c, &evaluation_act_manage, e.place_path, e.community_id)))
        return rc;
    if ((rc = dctx_text(c, note, EVAL_NOTE_MAX, 1, "note", "evaluation_task_note_required", "evaluation_note_invalid")))
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = evaluation_store_task_done(c->st, t.id, c->actor->id, note, c->now)) == WG_ECONFLICT)
        rc = dctx_fail(c, rc, "evaluation_task_done_already", NULL);
    return store_end(c->st, rc);
}

/* ---- JSON ---- */

static json_t *percent(dctx *c, int permille)
{
    return permille == ASSESS_NONE ? json_null()
                                   : json_string(arena_printf(c->a, "%d.%d", permille / 10, permille % 10));
}

json_t *evaluation_task_json(dctx *c, const struct eval_task *t)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:i, s:s?, s:o, s:s, s:{s:I, s:s}, s:{s:I, s:s}}", "id",
                          (json_int_t)t->id, "evaluation_id", (json_int_t)t->evaluation_id, "matter_id",
                          (json_int_t)t->matter_id, "phase", t->phase, "criterion", t->pos, "title", t->pos ? t->title : NULL,
                          "percent", percent(c, t->permille), "state", t->state, "owner", "id",
                          (json_int_t)t->owner_id, "name", t->owner_name, "matter", "id", (json_int_t)t->matter_id,
                          "title", t->matter_title);
    json_object_set_new(o, "overdue", json_boolean(strcmp(t->state, "open") == 0 && c->now >= t->due_at));
    json_object_set_new(o, "note", t->note ? json_string(t->note) : json_null());
    json_object_set_new(o, "may_finish", json_boolean(strcmp(t->state, "open") == 0 && c->actor &&
                                                      (c->actor->id == t->owner_id ||
                                                       perm_allows(c->actor, &evaluation_act_manage, t->place_path))));
    time_json_pair(o, "due_at", t->due_at);
    if (t->done_at)
        time_json_pair(o, "done_at", t->done_at);
    return o;
}

static json_t *group_json(dctx *c, const struct assess_group_in *g, int permille, int weight)
{
    return json_pack("{s:I, s:I, s:o, s:i}", "n", (json_int_t)g->n, "sum", (json_int_t)g->sum, "percent",
                     percent(c, permille), "weight", weight);
}

static json_t *criteria_json(dctx *c, const struct st_evaluation *e, const struct eval_result *r)
{
    json_t *items = json_array();
    for (int k = 0; k < r->n; k++) {
        const struct assess_crit_out *o = &r->out[k];
        json_array_append_new(
            items, json_pack("{s:i, s:s, s:i, s:i, s:o, s:o, s:o, s:b}", "pos", r->cr[k].pos, "name", r->cr[k].name,
                             "weight", r->cr[k].weight, "scale", r->cr[k].scale, "residents",
                             group_json(c, &r->in[k].g[0], o->group_permille[0], o->weight_used[0]), "assessors",
                             group_json(c, &r->in[k].g[1], o->group_permille[1], o->weight_used[1]), "percent",
                             percent(c, o->permille), "low", low(o->permille, e->threshold)));
    }
    return items;
}

/* What the actor may do and whether she (her household) has answered. */
static int mine_json(dctx *c, const struct st_evaluation *e, json_t *o)
{
    const char *key = NULL;
    int64_t household = 0, by = 0;
    int grp = -1, rc = respondent_of(c, e, &grp, &key, &household);
    if (rc || (grp >= 0 && (rc = evaluation_store_answered_by(c->st, e->id, key, &by))))
        return rc;
    json_object_set_new(o, "mine", json_pack("{s:s?, s:b, s:b}", "as", grp == 1 ? "assessor" : grp == 0 ? "household" : NULL,
                                              "answered", by != 0, "by_me", by != 0 && by == c->actor->id));
    json_object_set_new(o, "may_answer", json_boolean(grp >= 0 && by == 0 && is_open(c, e)));
    int manage = c->actor && perm_allows(c->actor, &evaluation_act_manage, e->place_path);
    json_object_set_new(o, "may_manage", json_boolean(manage));
    json_object_set_new(o, "may_close", json_boolean(manage && strcmp(e->state, "open") == 0));
    return 0;
}

static int extras_json(dctx *c, const struct st_evaluation *e, json_t *o)
{
    struct eval_assessor *xs = NULL;
    struct eval_task *ts = NULL;
    int nx = 0, nt = 0, rc;
    if ((rc = evaluation_store_assessors(c->st, c->a, e->id, &xs, &nx)) ||
        (rc = evaluation_store_tasks(c->st, c->a, "t.evaluation_id", e->id, EVAL_CRITERIA_MAX + 1, &ts, &nt)))
        return rc;
    json_t *ax = json_array(), *tx = json_array();
    for (int i = 0; i < nx; i++)
        json_array_append_new(ax, json_pack("{s:I, s:s}", "id", (json_int_t)xs[i].person_id, "name", xs[i].name));
    for (int i = 0; i < nt; i++)
        json_array_append_new(tx, evaluation_task_json(c, &ts[i]));
    json_object_set_new(o, "assessors", ax);
    json_object_set_new(o, "tasks", tx);
    if (c->actor && perm_allows(c->actor, &evaluation_act_manage, e->place_path)) {
        const char **notes = NULL;
        int nn = 0;
        if ((rc = evaluation_store_notes(c->st, c->a, e->id, 50, &notes, &nn)))
            return rc;
        json_t *na = json_array();
        for (int i = 0; i < nn; i++)
            json_array_append_new(na, json_string(notes[i]));
        json_object_set_new(o, "notes", na);
    }
    if (e->survey_id) {
        struct st_survey v;
        json_t *sv = NULL;
        if ((rc = satisfaction_get(c, e->survey_id, &v)) == 0 && (sv = satisfaction_json(c, &v, &rc)))
            json_object_set_new(o, "survey", sv);
    }
    return rc;
}

json_t *evaluation_json(dctx *c, const struct st_evaluation *e, int *rc)
{
    struct eval_result r;
    if ((*rc = compute(c, e, &r)))
        return NULL;
    /* a closed assessment shows the result it closed with (the same arithmetic) */
    int result = strcmp(e->state, "closed") == 0 ? e->result_permille : r.permille;
    json_t *o = json_pack("{s:I, s:s, s:s, s:b, s:s, s:{s:I, s:s}, s:{s:i, s:i}, s:i, s:{s:I, s:I}, s:o, s:o, s:b, "
                          "s:{s:I, s:s}, s:i}",
                          "id", (json_int_t)e->id, "phase", e->phase, "state", e->state, "open", is_open(c, e),
                          "template", e->template_name, "matter", "id", (json_int_t)e->matter_id, "title",
                          e->matter_title, "weights", "residents", e->resident_weight, "assessors", e->assessor_weight,
                          "threshold", e->threshold, "respondents", "households", (json_int_t)r.respondents[0],
                          "assessors", (json_int_t)r.respondents[1], "criteria", criteria_json(c, e, &r), "percent",
                          percent(c, result), "low", low(result, e->threshold), "followup", "owner_id",
                          (json_int_t)e->followup_owner, "owner", e->owner_name, "followup_days", e->followup_days);
    if ((*rc = mine_json(c, e, o)) || (*rc = extras_json(c, e, o)))
        return json_decref(o), NULL;
    json_object_set_new(o, "url", json_string(arena_printf(c->a, "/evaluations/%lld", (long long)e->id)));
    time_json_pair(o, "opens_at", e->opens_at);
    time_json_pair(o, "closes_at", e->closes_at);
    if (e->closed_at)
        time_json_pair(o, "closed_at", e->closed_at);
    return o;
}

int evaluation_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n)
{
    return evaluation_store_households(c->st, c->a, matter_id, out, n);
}
