/* The demo's rota: the cleaning of 凤凰苑's bike shed by building 2, a
 * duty a week for its keeper and the grid worker, the first tomorrow. */
#include "mod/people/people.h"
#include "mod/rota/rota_store.h"

int rota_demo(dctx *c)
{
    int64_t keeper = people_demo_person(c, "13800002201"), grid = people_demo_person(c, "13800002101");
    int64_t staff = people_demo_person(c, "13800002001"), shed = facility_demo_id("2栋自行车棚");
    struct st_rota r = {.community_id = place_demo_id("F"), .place_id = place_demo_id("F.b2"), .facility_id = shed,
                        .title = "2栋车棚保洁轮值", .task = "清扫车棚、整理车辆", .created_at = c->now};
    int rc = rota_store_insert(c->st, &r, staff);
    /* days from tomorrow, 08:00-09:00 China time */
    int64_t day0 = (c->now + 8 * 3600) / 86400 * 86400 - 8 * 3600 + 86400;
    for (int i = 0; rc == 0 && i < 4; i++) {
        struct st_duty d = {.rota_id = r.id, .community_id = r.community_id, .person_id = i % 2 ? grid : keeper,
                            .starts_at = day0 + i * 7 * 86400 + 8 * 3600, .ends_at = day0 + i * 7 * 86400 + 9 * 3600};
        if ((rc = rota_store_duty_insert(c->st, &d, c->now)) == 0)
            rc = job_schedule(c->st, "rota.check", arena_printf(c->a, "rota.check:%lld", (long long)d.id), d.id,
                              d.ends_at + ROTA_GRACE, c->now);
        if (rc == 0)
            rc = job_schedule(c->st, "rota.remind", arena_printf(c->a, "rota.remind:%lld", (long long)d.id), d.id,
                              d.starts_at - 86400 > c->now ? d.starts_at - 86400 : c->now, c->now);
    }
    return rc;
}
