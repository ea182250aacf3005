/* The demo's disclosure board in 凤凰苑, opened four months ago: finances
 * of the months since, but one month missing, which the schedule's job
 * flags overdue as soon as the server runs; the last quarter's affairs and
 * government items; and the bike shed's decision, published two days
 * after it. */
#include "core/time.h"
#include "mod/disclosure/disclosure_int.h"
#include "mod/disclosure/disclosure_store.h"
#include "mod/people/people.h"

static int item(dctx *c, const struct st_place *com, int64_t by, const char *kind, const struct disclosure_period *p,
                int months, const char *title, const char *body, int64_t publish_at, int64_t matter_id)
{
    struct st_disclosure x = {.community_id = com->id, .kind = kind, .title = title, .body = body,
                              .publish_at = publish_at > c->now ? c->now - 3600 : publish_at, .created_by = by,
                              .created_at = publish_at > c->now ? c->now - 3600 : publish_at,
                              .matter_id = matter_id};
    disclosure_set_period(&x, p, months);
    return disclosure_store_insert(c->st, &x);
}

static int periodic(dctx *c, const struct st_place *com, int64_t by, const char *kind, int shift, const char *what,
                    const char *body)
{
    struct disclosure_schedule s;
    struct disclosure_period p;
    disclosure_schedule_of(c, com, kind, &s);
    disclosure_period_at(c->a, c->now, s.months, shift, &s, &p);
    return item(c, com, by, kind, &p, s.months, arena_printf(c->a, "%s %s", p.label, what), body,
                p.end + 3 * TIME_DAY + 9 * 3600, 0);
}

int disclosure_demo(dctx *c)
{
    struct st_place com;
    struct disclosure_schedule s;
    struct disclosure_period first, major;
    int64_t by = people_demo_person(c, "13800002001");
    int rc = tree_get(c->st, c->a, place_demo_id("F"), &com);
    if (rc)
        return rc;
    disclosure_schedule_of(c, &com, "finance", &s);
    disclosure_period_at(c->a, c->now, 1, -4, &s, &first);
    int opened = 0;
    if ((rc = disclosure_store_board_open(c->st, com.id, first.start, by, &opened)))
        return rc;
    for (int i = 0; rc == 0 && disclosure_kinds[i]; i++)
        if (disclosure_kind_periodic(disclosure_kinds[i]))
            rc = job_schedule(c->st, "disclosure.tick",
                              arena_printf(c->a, "disclosure.tick:%lld:%s", (long long)com.id, disclosure_kinds[i]),
                              com.id, c->now, c->now);
    const char *money = "收入：物业用房租金 12,000 元，停车管理费 8,600 元。\n支出：公共照明电费 3,240 元，"
                        "绿化养护 5,800 元，自行车棚维修材料 2,150 元。\n明细与凭证在社区办公室可查阅。";
    if (rc == 0)
        rc = periodic(c, &com, by, "finance", -4, "财务收支公开", money);
    if (rc == 0)
        rc = periodic(c, &com, by, "finance", -3, "财务收支公开", money);
    /* month -2 is missing: overdue; month -1 was published at the start of this month */
    if (rc == 0)
        rc = periodic(c, &com, by, "finance", -1, "财务收支公开", money);
    if (rc == 0)
        rc = periodic(c, &com, by, "affairs", -1, "居务公开：议事会、志愿服务与设施维护",
                      "本季度召开居民议事会 3 次，议定自行车棚改造、楼道照明两件事。\n志愿服务 126 小时。");
    if (rc == 0)
        rc = periodic(c, &com, by, "government", -1, "政务公开：低保、优抚与补贴",
                      "本季度新增低保 2 户，发放高龄津贴 38 人。\n办理流程与标准见街道政务公开栏。");
    if (rc)
        return rc;
    disclosure_schedule_of(c, &com, "major", &s);
    disclosure_period_decision(c->a, time_local_day(c->now - 20 * TIME_DAY) * TIME_DAY - TIME_ZONE_OFFSET, &s, &major);
    return item(c, &com, by, "major", &major, 0, "2栋自行车棚改造方案经居民议事会通过",
                "议事会 23 户参加，21 户赞成。改造费用 2.4 万元，由社区公益金支出。\n施工期间车辆临时停放在 5 栋东侧。",
                major.start + 2 * TIME_DAY + 10 * 3600, matter_demo_id("shed")); /* the shed's decision */
}
