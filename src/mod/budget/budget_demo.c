/* The demo's participatory budget: 龙湖 puts 50,000 yuan to four projects;
 * the approval vote opens tomorrow for a week. */
#include "mod/budget/budget.h"
#include "mod/budget/budget_store.h"

int budget_demo(dctx *c)
{
    struct st_person staff;
    struct actor *a = NULL;
    int rc = person_by_phone(c->st, c->a, "13800001001", &staff);
    if (rc || (rc = actor_load(c, staff.id, &a)))
        return rc;
    static const struct budget_project_in ps[] = {
        {"东院车棚加装充电桩", 20000}, {"楼道扶手", 12000}, {"儿童游乐区地垫", 18000}, {"社区图书角", 6000}};
    const char *labels[4];
    for (int i = 0; i < 4; i++)
        labels[i] = ps[i].name;
    json_t *rule = json_pack("{s:s, s:s, s:{s:s}}", "code", "participatory_budget", "voters", "residents", "approval",
                             "basis", "none");
    dctx d = *c;
    d.actor = a; /* the community's staff create it, as they would */
    struct vote_new v = {.place_id = place_demo_id("L"), .title = "2027 年龙湖社区微更新预算", .method = "approval",
                         .mode = "online", .labels = labels, .nlabels = 4, .rule = rule, .secret = 1,
                         .opens_at = c->now + 86400, .closes_at = c->now + 8 * 86400};
    struct st_budget b = {.community_id = place_demo_id("L"), .place_id = place_demo_id("L"), .title = v.title,
                          .total = 50000, .tie_order = "[2,0,3,1]", .created_by = staff.id, .created_at = c->now};
    rc = vote_create_in(&d, &v, &b.vote_id);
    json_decref(rule);
    if (rc == 0)
        rc = budget_store_insert(c->st, &b);
    for (int i = 0; rc == 0 && i < 4; i++)
        rc = budget_store_project(c->st, b.id, i, b.community_id, ps[i].name, ps[i].cost);
    c->code = d.code;
    c->field = d.field;
    return rc;
}
