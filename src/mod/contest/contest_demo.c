/* The demo's contest: the street's 最美社区我来建 with its five
 * communities, scored for two weeks by the street admin and the residents. */
#include "mod/contest/contest_store.h"

int contest_demo(dctx *c)
{
    struct st_person admin;
    int rc = person_by_phone(c->st, c->a, "13800000001", &admin);
    if (rc)
        return rc;
    struct st_contest k = {.street_id = place_demo_id("S"), .title = "最美社区我来建", .assessor_weight = 60,
                           .resident_weight = 40, .winners = 1, .priority_days = 365,
                           .closes_at = c->now + 14 * 86400, .created_at = c->now};
    static const struct {
        const char *name;
        int64_t weight;
    } crit[] = {{"环境整洁", 40}, {"设施完好", 30}, {"居民参与", 30}};
    if ((rc = contest_store_insert(c->st, &k, admin.id)))
        return rc;
    for (int i = 0; rc == 0 && i < 3; i++)
        rc = contest_store_criterion(c->st, k.id, i, crit[i].name, crit[i].weight);
    static const char *const entered[] = {"L", "F", "T", "Q", "C"};
    for (int i = 0; rc == 0 && i < 5; i++)
        rc = contest_store_entry(c->st, k.id, place_demo_id(entered[i]));
    if (rc == 0)
        rc = contest_store_assessor(c->st, k.id, admin.id);
    return rc;
}
