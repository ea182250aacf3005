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
int opinion_demo(dctx *c);
#include "domain/vote.h"

#define DAY 86400

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
    if (rc == 0)
        rc = opinion_demo(c);
    /* votes: the residents' representatives of the 'representatives' rule */
    if (rc == 0)
        rc = vote_demo(c);
    return store_end(c->st, rc);
}

