/* The demo's patrol: 凤凰苑's evening route past the bike shed of building
 * 2, with the grid worker's round tonight. */
#include "core/token.h"
#include "mod/patrol/patrol_store.h"
#include "mod/people/people.h"

int patrol_demo(dctx *c)
{
    int64_t grid = people_demo_person(c, "13800002101"), shed = facility_demo_id("2栋自行车棚");
    struct st_route r = {.community_id = place_demo_id("F"), .place_id = place_demo_id("F"), .name = "晚间巡查路线",
                         .created_at = c->now};
    static const char *const points[] = {"东门", "2栋自行车棚", "中心花园", "西门"};
    int rc = patrol_store_route_insert(c->st, &r, grid);
    for (int i = 0; rc == 0 && i < 4; i++) {
        char tok[TOKEN_HEX + 1];
        token_random(tok);
        rc = patrol_store_point_insert(c->st, &r, i, points[i], i == 1 ? shed : 0, tok);
    }
    /* tonight 19:00-21:00 China time */
    int64_t day = (c->now + 8 * 3600) / 86400 * 86400 - 8 * 3600;
    struct st_round w = {.route_id = r.id, .community_id = r.community_id, .patroller_id = grid,
                         .starts_at = day + 19 * 3600, .ends_at = day + 21 * 3600};
    if (w.ends_at <= c->now)
        w.starts_at += 86400, w.ends_at += 86400;
    if (rc == 0 && (rc = patrol_store_round_insert(c->st, &w, c->now)) == 0)
        rc = job_schedule(c->st, "patrol.close", arena_printf(c->a, "patrol.close:%lld", (long long)w.id), w.id, w.ends_at,
                          c->now);
    return rc;
}
