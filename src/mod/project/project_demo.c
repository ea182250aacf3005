/* The demo's project: 凤凰苑's idle bike shed (the matter "shed", in
 * building), with its tasks, a milestone, money and contributions. */
#include "mod/people/people.h"
#include "mod/project/project.h"
#include "mod/project/project_store.h"

int project_demo(dctx *c)
{
    struct st_matter m;
    int64_t staff = people_demo_person(c, "13800002001"), resident = people_demo_person(c, "13800002201"), id;
    int rc = matter_lookup(c, matter_demo_id("shed"), &m);
    if (rc)
        return rc;
    struct st_project p = {.community_id = m.community_id, .place_id = m.place_id, .matter_id = m.id,
                           .title = "闲置停车棚清理改造", .summary = "清理杂物、清洁、粉刷、装灯，改建为电动车充电棚。",
                           .budget_fen = 500000, .created_by = staff, .created_at = c->now};
    if ((rc = project_store_insert(c->st, &p)) ||
        (rc = project_store_event(c->st, p.id, p.community_id, "created", p.title, staff, c->now)) ||
        (rc = project_store_organiser_add(c->st, p.id, resident, p.community_id)))
        return rc;
    static const char *const tasks[][2] = {{"清理杂物", "done"}, {"清洁", "doing"}, {"粉刷", "todo"}, {"装灯", "todo"}};
    for (int i = 0; i < 4 && rc == 0; i++) {
        struct st_task t = {.project_id = p.id, .title = tasks[i][0], .state = tasks[i][1], .weight = 1,
                            .created_at = c->now, .due_on = i == 3 ? c->now + 14 * 86400 : 0};
        rc = project_store_task_insert(c->st, &t, p.community_id, &id);
    }
    struct st_milestone ms = {.project_id = p.id, .title = "车棚清空", .due_on = c->now + 7 * 86400};
    struct st_money in = {.direction = "in", .amount_fen = 80000, .what = "业委会拨款", .on_day = c->now,
                          .recorded_by = staff, .created_at = c->now};
    struct st_contribution k[] = {
        {.kind = "material", .giver_kind = "company", .giver = "物业公司", .what = "白色乳胶漆 10 桶"},
        {.kind = "labour", .giver_kind = "resident", .giver = "张师傅", .person_days10 = 10, .what = "木工一天"},
        {.kind = "money", .giver_kind = "owners_committee", .giver = "业委会", .amount_fen = 80000, .what = "车棚改造"},
    };
    if (rc == 0)
        rc = project_store_milestone_insert(c->st, &ms, p.community_id, c->now, &id);
    if (rc == 0)
        rc = project_store_money_insert(c->st, p.id, p.community_id, &in, &id);
    for (int i = 0; i < 3 && rc == 0; i++) {
        k[i].received_by = staff;
        k[i].received_on = c->now;
        rc = project_store_contribution_insert(c->st, p.id, p.community_id, &k[i], c->now, &id);
    }
    return rc;
}
