/*
 * Evaluations (效果共评, STAGES.md co-evaluate): a matter is assessed
 * before (is it needed, is the plan sound), during (on schedule, on
 * budget) and after (did it work), at most once per phase.
 *
 * - Criteria come from the community's templates (a name, a weight 1..100
 *   and a scale 2..10 each); an assessment copies them when it opens, so a
 *   later change of the template leaves it alone.
 * - Two groups answer: the residents of the matter's place, ONE answer per
 *   household however many members have accounts (the first to answer
 *   answers for it; the others see that it has), and the assessors staff
 *   appoint by phone. Each group has a weight; the arithmetic is
 *   algo/assess.h, and the result shows it whole. The public sees counts
 *   and sums per group, never who answered what.
 * - The after-assessment also asks every household how satisfied it is:
 *   it opens a satisfaction survey (mod/satisfaction) of the same place
 *   and closing time, whose share satisfied joins the result.
 * - It closes when staff close it or at its closing time (the job
 *   evaluation.close). Every criterion below the threshold, and a low
 *   satisfaction, opens a follow-up task with an owner (named when the
 *   assessment opened; its opener by default) and a due date; the jobs
 *   remind the owner the day before and flag it overdue at the date.
 * - The spine's guard: a matter does not reach 共享 (sharing) until its
 *   after-assessment is closed.
 *
 * Permission: manage_evaluation (grid workers in their grid, community
 * staff, the street) keeps templates, opens, appoints, closes and tracks
 * tasks; answer_evaluation (a resident, on her household's line) answers
 * for her household; an appointed assessor answers as an assessor;
 * readers of the matter read. A task's owner may mark it done.
 *
 * Ownership: what the rules return lives in c->a; json_t values are the
 * caller's to release.
 */
#ifndef WG_MOD_EVALUATION_H
#define WG_MOD_EVALUATION_H

#include <jansson.h>

#include "algo/assess.h"
#include "kernel/kernel.h"
#include "mod/matter/matter.h"
#include "mod/place/place.h"

#define EVAL_CRITERIA_MAX 12
#define EVAL_NAME_MAX 30      /* code points of a criterion's or template's name */
#define EVAL_TEMPLATES_MAX 50 /* per community */
#define EVAL_ASSESSORS_MAX 20
#define EVAL_NOTE_MAX 500     /* code points of an answer's note */
#define EVAL_DAYS_MAX 90      /* the longest an assessment stays open */
#define EVAL_FOLLOWUP_DAYS_MAX 180
#define EVAL_TASKS_MAX 200    /* a community's task list, one page */

extern const struct perm_action evaluation_act_manage, evaluation_act_answer;

struct eval_criterion {
    int pos; /* 1.. in order */
    const char *name;
    int weight, scale;
};

struct eval_template {
    int64_t id, community_id, created_at;
    const char *name;
    struct eval_criterion *criteria;
    int ncriteria;
};

struct st_evaluation {
    int64_t id, matter_id, community_id, place_id, survey_id, created_by, followup_owner;
    int64_t opens_at, closes_at, closed_at, created_at;
    const char *phase; /* "before", "during", "after" */
    const char *state; /* "open", "closed" */
    const char *template_name, *matter_title, *place_path, *owner_name;
    int resident_weight, assessor_weight, threshold, followup_days;
    int result_permille; /* when closed (ASSESS_NONE: nobody answered) */
};

struct eval_new {
    int64_t matter_id, template_id, closes_at, followup_owner; /* owner 0: the opener */
    const char *phase;
    int resident_weight, threshold, followup_days; /* assessors weigh 100 - resident_weight */
};

struct eval_task {
    int64_t id, evaluation_id, matter_id, community_id, owner_id, due_at, done_at, created_at;
    int pos; /* the criterion; 0: satisfaction */
    int permille;
    const char *state, *title, *note, *owner_name, *matter_title, *phase, *place_path;
};

int evaluation_template_create(dctx *c, int64_t community_id, const char *name, const struct eval_criterion *cr,
                               int n, int64_t *id);
/* The community's templates (readers of its staff: manage_evaluation there). */
int evaluation_templates(dctx *c, int64_t community_id, struct eval_template **out, int *n);

int evaluation_create(dctx *c, const struct eval_new *in, int64_t *id);
/* The assessment, for readers of its matter's place; WG_ENOTFOUND otherwise. */
int evaluation_get(dctx *c, int64_t id, struct st_evaluation *out);
int evaluation_appoint(dctx *c, int64_t id, const char *phone);
/* The actor answers: one score per criterion in order, as a resident for
 * her household or as an appointed assessor; WG_ECONFLICT
 * "evaluation_answered" when she (her household) has. */
int evaluation_respond(dctx *c, int64_t id, const int *scores, int n, const char *note);
int evaluation_close(dctx *c, int64_t id);
/* The assessment with its criteria, the arithmetic, its assessors, tasks
 * and what the actor may do. */
json_t *evaluation_json(dctx *c, const struct st_evaluation *e, int *rc);
/* The matter's assessments, in phase order. */
int evaluation_of_matter(dctx *c, int64_t matter_id, struct st_evaluation **out, int *n);

/* The community's follow-up tasks (open first, by due date). */
int evaluation_tasks(dctx *c, int64_t community_id, struct eval_task **out, int *n);
/* Marks the task done with a note (its owner or a manager). */
int evaluation_task_done(dctx *c, int64_t task_id, const char *note);
json_t *evaluation_task_json(dctx *c, const struct eval_task *t);

/* Households that answered the matter's assessments, with their buildings, for the result page: no reader check
 * (the caller has read the matter). */
int evaluation_households(dctx *c, int64_t matter_id, struct household_ref **out, int *n);

extern const struct module evaluation_module;

#endif
