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
#include "mod/evaluation/evaluation_int.h"
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
 * closed by the rules, with a task for a low criterion. */
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
    /* closed a week later by the rules themselves: the result, and a task for a low criterion */
    struct st_evaluation full;
    dctx later = *c;
    later.now = at + 7 * DAY;
    if (rc || (rc = evaluation_store_get(c->st, c->a, e.id, &full)))
        return rc;
    return evaluation_close_in_tx(&later, &full);
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
