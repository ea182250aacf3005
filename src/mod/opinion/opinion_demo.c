/* The demo's call for opinions: an open call at 龍湖社區's first grid (東院),
 * with an opinion of 赵桂兰 that 周磊 supports. */
#include "mod/people/people.h"
#include "mod/opinion/opinion.h"
#include "mod/opinion/opinion_store.h"

int opinion_demo(dctx *c)
{
    struct st_call call = {.place_id = place_demo_id("L.g1"), .community_id = place_demo_id("L"),
                           .author_id = people_demo_person(c, "13800001001"), .title = "东院晚间停车",
                           .body = "东院晚上车位紧张，请大家出主意。", .deadline = c->now + 14 * 86400,
                           .created_at = c->now};
    struct st_opinion op = {.community_id = call.community_id, .author_id = people_demo_person(c, "13800001201"),
                            .body = "晚上开放小学操场给居民停车。", .created_at = c->now};
    int changed, rc = opinion_store_call_insert(c->st, &call);
    if (rc)
        return rc;
    op.call_id = call.id;
    if ((rc = opinion_store_insert(c->st, &op)))
        return rc;
    return opinion_store_support_add(c->st, op.id, people_demo_person(c, "13800001203"), call.community_id, c->now,
                                     &changed);
}
