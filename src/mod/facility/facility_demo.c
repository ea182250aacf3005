/* The demo's facilities in 凤凰苑: the bike shed by building 2, kept by a
 * resident, with its first upkeep, and the lights of the first grid. (The
 * idle shed the residents are rebuilding, the demo's project, becomes a
 * facility when its project is finished.) */
#include <string.h>

#include "mod/facility/facility_store.h"
#include "mod/people/people.h"

static struct {
    const char *name;
    int64_t id;
} g_ids[2];

int64_t facility_demo_id(const char *name)
{
    for (int i = 0; i < 2; i++)
        if (g_ids[i].name && strcmp(g_ids[i].name, name) == 0)
            return g_ids[i].id;
    return 0;
}

int facility_demo(dctx *c)
{
    int64_t staff = people_demo_person(c, "13800002001"), keeper = people_demo_person(c, "13800002201"), uid;
    struct st_facility f[] = {
        {.community_id = place_demo_id("F"), .place_id = place_demo_id("F.b2"), .keeper_id = keeper, .kind = "bike_shed",
         .name = "2栋自行车棚", .description = "居民自管的自行车棚，晚上有灯。", .created_at = c->now},
        {.community_id = place_demo_id("F"), .place_id = place_demo_id("F.g1"), .kind = "lights", .name = "第1网格路灯",
         .description = "主路两侧路灯 12 盏。", .created_at = c->now},
    };
    int rc = 0;
    for (int i = 0; rc == 0 && i < 2; i++) {
        rc = facility_store_insert(c->st, &f[i], staff);
        g_ids[i].name = f[i].name;
        g_ids[i].id = f[i].id;
    }
    if (rc == 0)
        rc = facility_store_upkeep(c->st, f[0].id, f[0].community_id, "clean", "清扫车棚，整理车辆", keeper, c->now, &uid);
    return rc;
}
