/*
 * Projects of co-building (共建, STAGES.md): what a community builds
 * together, at a place. A project comes from a matter in stage building
 * (at most one per matter) or stands alone. It has:
 * - tasks with an owner, a due date and a state (todo, doing, done), in a
 *   tree: a task's progress is 0 or 100 % when it has no children,
 *   otherwise the weighted sum of its children's; the project's is the
 *   weighted sum of its top-level tasks' (project_progress, pure);
 * - milestones with a due date, reached or not;
 * - a budget (planned, in fen) with money in and out;
 * - organisers (residents who run it with staff) and a timeline;
 * - a contributions ledger: money, materials and labour given by
 *   residents, companies, units and the owners' committee, with who
 *   received them and when, public with totals per kind.
 *
 * Permission: everyone who reads the place reads the project (its page is
 * public to the community); manage_project (staff of the place) creates
 * projects and names organisers; staff and organisers edit tasks,
 * milestones and money. On the matter spine, a matter whose project is
 * not finished (progress under 100 %) does not move on to managing.
 *
 * Ownership: results live in c->a; json_t values are the caller's.
 */
#ifndef WG_MOD_PROJECT_H
#define WG_MOD_PROJECT_H

#include <jansson.h>

#include "kernel/kernel.h"
#include "mod/matter/matter.h"

#define PROJECT_TITLE_MAX 80      /* code points */
#define PROJECT_SUMMARY_MAX 4000  /* code points */
#define PROJECT_TEXT_MAX 200      /* a task, milestone or money line */
#define PROJECT_TASKS_MAX 200     /* per project */
#define PROJECT_DEPTH_MAX 3       /* task levels */
#define PROJECT_WEIGHT_MAX 100
#define PROJECT_MONEY_MAX 100000000000LL /* fen: one billion yuan */

extern const struct perm_action project_act_manage;

struct st_project {
    int64_t id, community_id, place_id, matter_id, budget_fen, created_by, created_at, updated_at;
    const char *title, *summary, *place_name, *place_path;
};

struct st_task {
    int64_t id, project_id, parent_id, owner_id, due_on, weight, created_at, updated_at;
    const char *title, *state, *owner_name;
    int progress; /* per mille, from project_progress */
};

struct st_milestone {
    int64_t id, project_id, due_on, reached_at;
    const char *title;
};

struct st_money {
    int64_t id, amount_fen, on_day, recorded_by, created_at;
    const char *direction, *what, *recorded_by_name;
};

struct st_contribution {
    int64_t id, giver_person_id, amount_fen, person_days10, received_by, received_on;
    const char *kind, *giver_kind, *giver, *what, *received_by_name;
};

struct st_pevent {
    int64_t id, actor_id, at;
    const char *kind, *detail, *actor_name;
};

/* ---- progress (pure) ---- */
/* Sets each task's progress (per mille) and returns the project's: a task
 * without children is 1000 when done, else 0; a task with children has
 * the weighted mean of theirs (rounded down); the project the weighted
 * mean of its top-level tasks (0 with none). Tasks may come in any order;
 * parent ids outside the list count as top level. */
int project_progress(struct st_task *tasks, int n);

/* A project's progress (per mille) and its tasks done and in all, from its
 * tasks alone (no permission check: the caller read the project). */
int project_progress_of(dctx *c, int64_t project_id, int *permille, int *done, int *total);

/* ---- rules ---- */
struct project_new {
    int64_t place_id, matter_id; /* matter_id 0: standing alone (place_id then required) */
    const char *title, *summary;
    int64_t budget_fen;
};
/* WG_EINVAL title_required/project_title_invalid/project_budget_invalid,
 * WG_ECONFLICT project_matter_stage (the matter is not in building) or
 * project_exists (the matter has one). */
int project_create(dctx *c, const struct project_new *in, int64_t *id);
int project_get(dctx *c, int64_t id, struct st_project *out);
int project_of_matter(dctx *c, int64_t matter_id, struct st_project *out);
int project_may_edit(dctx *c, const struct st_project *p);
int project_list(dctx *c, int64_t community_id, struct st_project **out, int *n);

/* A task's fields: NULL / 0 / -1 leave one unchanged on update. */
struct project_task_in {
    const char *title, *state, *due_on; /* due_on "YYYY-MM-DD", "" clears */
    int64_t owner_id;                   /* -1 clears */
    int64_t parent_id, weight;
};
int project_task_add(dctx *c, int64_t project_id, const struct project_task_in *in, int64_t *id);
int project_task_update(dctx *c, int64_t task_id, const struct project_task_in *in, int64_t *project_id);
int project_milestone_add(dctx *c, int64_t project_id, const char *title, const char *due_on, int64_t *id);
int project_milestone_reach(dctx *c, int64_t milestone_id, int reached, int64_t *project_id);
int project_money_add(dctx *c, int64_t project_id, const char *direction, int64_t amount_fen, const char *what,
                      const char *on_day, int64_t *id);
int project_organiser_add(dctx *c, int64_t project_id, int64_t person_id);

/* A contribution to the project: kind money (amount_fen), material (what)
 * or labour (person_days10, tenths of a person-day), from giver_kind
 * resident, company, unit, owners_committee or other; received_on
 * "YYYY-MM-DD" (empty: today), received by the actor. */
struct contribution_in {
    const char *kind, *giver_kind, *giver, *what, *received_on;
    int64_t giver_person_id, amount_fen, person_days10;
};
int project_contribution_add(dctx *c, int64_t project_id, const struct contribution_in *in, int64_t *id);

/* Everything the page and GET /api/v1/projects/{id} show. */
json_t *project_detail(dctx *c, int64_t id, int *rc);
json_t *project_json(dctx *c, const struct st_project *p);

extern const struct module project_module;

#endif
