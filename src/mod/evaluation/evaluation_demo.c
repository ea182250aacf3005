/*
 * Demo evaluations: the assessment templates of 凤凰苑 and 龙湖, and the
 * bike shed's (凤凰苑, 闲置停车棚清理改造) before-assessment, closed with a
 * sound plan, and its during-assessment, closed with the painting behind
 * schedule: a follow-up task for the schedule, owned by the community's
 * director. Answers stand for the paper forms the grid worker collected
 * (each household once), entered by him.
 */
#include <stdio.h>

#include "core/time.h"
#include "mod/evaluation/evaluation_store.h"
#include "mod/people/people.h"

#define DAY 86400

static const struct eval_criterion BEFORE[] = {{1, "需要性", 40, 5}, {2, "经济性", 30, 5}, {3, "安全性", 30, 5}};
static const struct eval_criterion DURING[] = {{1, "进度", 40, 5}, {2, "预算", 30, 5}, {3, "施工质量", 30, 5}};
static const struct eval_criterion AFTER[] = {
    {1, "使用效果", 30, 5}, {2, "整洁", 20, 5}, {3, "安全", 25, 5}, {4, "照明", 25, 5}};

static int add_templates(dctx *c, int64_t community, int64_t by)
{
    struct eval_template t[] = {
        {.community_id = community, .name = "事前评估（需要性、经济性、安全性）", .criteria = (struct eval_criterion *)BEFORE, .ncriteria = 3},
        {.community_id = community, .name = "事中评估（进度、预算、质量）", .criteria = (struct eval_criterion *)DURING, .ncriteria = 3},
        {.community_id = community, .name = "事后评估（使用、整洁、安全、照明）", .criteria = (struct eval_criterion *)AFTER, .ncriteria = 4}};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof t / sizeof *t; i++) {
        t[i].created_at = c->now - 60 * DAY;
        rc = evaluation_store_template_insert(c->st, &t[i], by);
    }
    return rc;
}

/* One phase of the shed: households of grid 1 answer with the scores
 * given (a row per household), the two assessors with theirs; then it is
 * closed as the rules would close it, with a task for a low criterion. */
static int add_phase(dctx *c, const char *phase, const struct eval_criterion *cr, int ncr, const int (*res)[3], int nres,
                     const int (*ass)[3], int64_t at, int64_t owner, const int64_t assessors[2])
{
    int64_t matter = matter_demo_id("shed"), community = place_demo_id("F");
    struct st_evaluation e = {.matter_id = matter, .community_id = community, .phase = phase,
                              .template_name = phase[0] == 'b' ? "事前评估（需要性、经济性、安全性）" : "事中评估（进度、预算、质量）",
                              .resident_weight = 60, .assessor_weight = 40, .threshold = 60, .followup_owner = owner,
                              .followup_days = 14, .opens_at = at, .closes_at = at + 7 * DAY, .created_by = owner,
                              .created_at = at};
    int rc = evaluation_store_insert(c->st, &e, cr, ncr);
    for (int i = 0; rc == 0 && i < 2; i++)
        rc = evaluation_store_assessor_insert(c->st, e.id, assessors[i], owner, at);
    static const char *const homes[] = {"F.b1.101", "F.b1.102", "F.b1.201", "F.b2.101", "F.b2.202",
                                        "F.b2.301", "F.b3.102", "F.b3.201", "F.b3.302"};
    int64_t grid = people_demo_person(c, "13800002101");
    for (int i = 0; rc == 0 && i < nres && i < 9; i++) {
        int64_t h = place_demo_id(homes[i]);
        rc = evaluation_store_respond(c->st, e.id, 0, arena_printf(c->a, "h%lld", (long long)h), h, grid, res[i], ncr, NULL,
                                at + DAY + i * 3600);
    }
    for (int i = 0; rc == 0 && i < 2; i++)
        rc = evaluation_store_respond(c->st, e.id, 1, arena_printf(c->a, "p%lld", (long long)assessors[i]), 0, assessors[i],
                                ass[i], ncr, i ? NULL : "喷漆进度落后，雨天停工三天", at + 2 * DAY);
    /* the arithmetic of the rules, on the sums just written */
    struct eval_sum *sums = NULL;
    int nsums = 0;
    struct assess_crit_in in[3] = {{0}};
    struct assess_crit_out out[3];
    int result = 0, gw[2] = {60, 40};
    if (rc || (rc = evaluation_store_sums(c->st, c->a, e.id, &sums, &nsums)))
        return rc;
    for (int k = 0; k < ncr; k++)
        in[k] = (struct assess_crit_in){.weight = cr[k].weight, .scale = cr[k].scale};
    for (int i = 0; i < nsums; i++)
        in[sums[i].pos - 1].g[sums[i].grp] = (struct assess_group_in){sums[i].n, sums[i].sum};
    if (assess_compute(in, ncr, gw, out, &result))
        return WG_EINVAL;
    if ((rc = evaluation_store_close(c->st, e.id, result, at + 7 * DAY)))
        return rc;
    for (int k = 0; rc == 0 && k < ncr; k++)
        if (out[k].permille != ASSESS_NONE && out[k].permille < 600) {
            struct eval_task t = {.evaluation_id = e.id, .community_id = community, .pos = k + 1, .title = cr[k].name,
                                  .permille = out[k].permille, .owner_id = owner, .due_at = at + 21 * DAY,
                                  .created_at = at + 7 * DAY};
            if ((rc = evaluation_store_task_insert(c->st, &t)) == 0)
                rc = job_schedule(c->st, "evaluation.task_overdue",
                                  arena_printf(c->a, "evaluation.task_overdue:%lld", (long long)t.id), t.id, t.due_at,
                                  c->now);
        }
    return rc;
}

int evaluation_demo(dctx *c);
int evaluation_demo(dctx *c)
{
    int64_t fstaff = people_demo_person(c, "13800002001"), lstaff = people_demo_person(c, "13800001001");
    int64_t assessors[2] = {people_demo_person(c, "13800002202"), people_demo_person(c, "13800000001")};
    static const int before_res[8][3] = {{5, 4, 4}, {5, 5, 4}, {4, 4, 5}, {5, 3, 4}, {4, 4, 4}, {5, 4, 5}, {4, 3, 4}, {5, 4, 4}};
    static const int before_ass[2][3] = {{5, 4, 4}, {4, 4, 5}};
    static const int during_res[6][3] = {{2, 4, 4}, {3, 4, 4}, {2, 5, 4}, {3, 4, 3}, {2, 4, 4}, {3, 3, 4}};
    static const int during_ass[2][3] = {{2, 4, 4}, {3, 4, 4}};
    int rc = add_templates(c, place_demo_id("F"), fstaff);
    if (rc || (rc = add_templates(c, place_demo_id("L"), lstaff)))
        return rc;
    if ((rc = add_phase(c, "before", BEFORE, 3, before_res, 8, before_ass, c->now - 40 * DAY, fstaff, assessors)))
        return rc;
    return add_phase(c, "during", DURING, 3, during_res, 6, during_ass, c->now - 20 * DAY, fstaff, assessors);
}
