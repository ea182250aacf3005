/*
 * The demo deployment: 武汉经开区 军山街道 with 龙湖社区 and 凤凰苑社区, their
 * grids, buildings, households with floor areas, people in every role, party
 * units, organisations and matters in every stage (including the red-bench
 * council of 龙湖社区 and the idle bike shed of 凤凰苑社区).
 */
#include <stdio.h>
#include <string.h>

#include "domain/domain.h"

int place_demo(dctx *c); /* transitional: until every module writes its own demo data */
int people_demo(dctx *c);
int matter_demo(dctx *c);
#include "domain/vote.h"
#include "store/store_opinion.h"

#define DAY 86400

static int64_t place_id(const char *key)
{
    return place_demo_id(key);
}

static int64_t demo_person(dctx *c, const char *phone)
{
    struct st_person p;
    return person_by_phone(c->st, c->a, phone, &p) == 0 ? p.id : 0;
}

int demo_create(dctx *c)
{
    const char *v = NULL;
    int rc = setting_get(c->st, c->a, "demo", &v);
    if (rc == 0)
        return dctx_fail(c, WG_ECONFLICT, "demo_exists", NULL);
    if (rc != WG_ENOTFOUND)
        return rc;
    if ((rc = store_begin(c->st)))
        return rc;
    if ((rc = place_demo(c)) || (rc = people_demo(c)) || (rc = matter_demo(c)) ||
        (rc = setting_set(c->st, "demo", "1")))
        return store_end(c->st, rc);
    /* calls for opinions: an open call at 龙湖's first grid (东院), with an
     * opinion of 赵桂兰 that 周磊 supports */
    struct st_call dcall = {.place_id = place_id("L.g1"), .community_id = place_id("L"),
                            .author_id = demo_person(c, "13800001001"), .title = "东院晚间停车",
                            .body = "东院晚上车位紧张，请大家出主意。", .deadline = c->now + 14 * 86400,
                            .created_at = c->now};
    struct st_opinion dop = {.community_id = dcall.community_id, .author_id = demo_person(c, "13800001201"),
                             .body = "晚上开放小学操场给居民停车。", .created_at = c->now};
    int dchanged;
    if ((rc = store_call_insert(c->st, &dcall)) == 0 && (dop.call_id = dcall.id) &&
        (rc = store_opinion_insert(c->st, &dop)) == 0)
        rc = store_opinion_support_add(c->st, dop.id, demo_person(c, "13800001203"), dcall.community_id, c->now,
                                       &dchanged);
    /* votes: the residents' representatives of the 'representatives' rule */
    if (rc == 0)
        rc = vote_demo(c);
    return store_end(c->st, rc);
}

