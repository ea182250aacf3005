/*
 * The demo's matters, in every stage: the red-bench parking matter of
 * 龍湖社區's first grid, the waste point in its public notice with an
 * objection to answer, matters being built, managed, evaluated and shared,
 * withdrawn, rejected and merged ones, and 鳳凰苑's idle bike shed (閒置停車棚)
 * in co-building.
 */
#include "mod/people/people.h"
#include <string.h>

#include "mod/matter/matter.h"
#include "mod/matter/matter_store.h"

#define DAY 86400

struct demo_step {
    const char *to, *actor_phone, *reason;
};

static struct {
    const char *key;
    int64_t id;
} g_matters[3] = {{"council", 0}, {"notice", 0}, {"shed", 0}};

int64_t matter_demo_id(const char *key)
{
    for (size_t i = 0; i < sizeof g_matters / sizeof g_matters[0]; i++)
        if (strcmp(g_matters[i].key, key) == 0)
            return g_matters[i].id;
    return 0;
}

/* A matter created by author_phone `days_ago`, then moved through steps a day apart. */
static int add_matter(dctx *c, const char *place_key, const char *category, const char *title, const char *body,
                      const char *author_phone, int days_ago, const struct demo_step *steps, int nsteps,
                      const char *followers[], int64_t *id_out)
{
    int64_t t = c->now - (int64_t)days_ago * DAY;
    struct st_place p;
    int rc = tree_get(c->st, c->a, place_demo_id(place_key), &p);
    if (rc)
        return rc;
    struct st_matter m = {.place_id = p.id, .community_id = p.community_id, .category = category, .title = title,
                          .body_md = body, .author_id = people_demo_person(c, author_phone), .stage = "collecting",
                          .created_at = t};
    if ((rc = matter_store_insert(c->st, &m)))
        return rc;
    struct st_event e = {.matter_id = m.id, .community_id = m.community_id, .actor_id = m.author_id, .at = t,
                         .to_stage = "collecting"};
    if ((rc = matter_store_event_insert(c->st, &e)))
        return rc;
    int changed;
    if ((rc = matter_store_follow(c->st, m.id, m.author_id, m.community_id, t, &changed)))
        return rc;
    const char *stage = "collecting";
    for (int i = 0; i < nsteps; i++) {
        t += DAY;
        if ((rc = matter_store_set_stage(c->st, m.id, stage, steps[i].to, 0, t)))
            return rc;
        struct st_event ev = {.matter_id = m.id, .community_id = m.community_id,
                              .actor_id = people_demo_person(c, steps[i].actor_phone), .at = t,
                              .from_stage = stage, .to_stage = steps[i].to, .reason = steps[i].reason};
        if ((rc = matter_store_event_insert(c->st, &ev)))
            return rc;
        stage = steps[i].to;
    }
    for (int i = 0; followers && followers[i]; i++)
        if ((rc = matter_store_follow(c->st, m.id, people_demo_person(c, followers[i]), m.community_id, t, &changed)))
            return rc;
    if (id_out)
        *id_out = m.id;
    return 0;
}

static int add_matters(dctx *c)
{
    static const char *fans[] = {"13800001202", "13800001203", "13800001204", NULL};
    const char *staff = "13800001001", *grid = "13800001101";
    int rc;
    int64_t target = 0, notice_id = 0;
    const struct demo_step council[] = {{"deliberating", staff, "红凳子议事会受理，列入本月议程"}};
    const struct demo_step notice[] = {{"deliberating", staff, NULL}, {"notice", staff, "议事会表决通过，公示5天"}};
    const struct demo_step build[] = {{"deliberating", staff, NULL}, {"notice", staff, NULL},
                                      {"building", staff, "公示期满无异议，进入共建"}};
    const struct demo_step manage[] = {{"deliberating", grid, NULL}, {"notice", staff, NULL},
                                       {"building", staff, NULL}, {"managing", grid, "完工验收，纳入日常管护"}};
    const struct demo_step evaluate[] = {{"deliberating", staff, NULL}, {"notice", staff, NULL},
                                         {"building", staff, NULL}, {"managing", grid, NULL},
                                         {"evaluating", grid, "运行三个月，开展满意度评议"}};
    const struct demo_step share[] = {{"deliberating", staff, NULL}, {"notice", staff, NULL},
                                      {"building", staff, NULL}, {"managing", grid, NULL},
                                      {"evaluating", grid, NULL}, {"sharing", staff, "评议满意率96%，成果公开"}};
    const struct demo_step withdrawn[] = {{"withdrawn", "13800001203", "已与物业协商解决"}};
    const struct demo_step rejected[] = {{"rejected", staff, "属于市政道路，已转交城管部门"}};
    const struct demo_step merged[] = {{"merged", staff, "与东院停车事项重复，合并讨论"}};

    if ((rc = add_matter(c, "L.g1", "parking", "红凳子议事会：东院停车收费调整",
                         "东院车位紧张，外来车辆长期占用。\n\n"
                         "**建议**：业主车辆月租不变，外来车辆按小时收费，收入用于道路修补。\n\n"
                         "本事项将在**红凳子议事会**（每月一商议）上讨论。",
                         "13800001201", 12, council, 1, fans, &target)))
        return rc;
    if ((rc = add_matter(c, "L.b3", "facilities", "3栋楼道灯维修", "3栋二至五楼楼道灯不亮，老人夜间上下楼不便。",
                         "13800001202", 2, NULL, 0, NULL, NULL)) ||
        (rc = add_matter(c, "L", "environment", "垃圾分类投放点改造", "投放点异味重，建议加装顶棚和洗手池。",
                         "13800001201", 30, notice, 2, fans, &notice_id)) ||
        (rc = add_matter(c, "L.g2", "children", "儿童游乐区共建", "利用2号楼旁空地建设儿童游乐区，居民出工出力。",
                         "13800001204", 60, build, 3, fans, NULL)) ||
        (rc = add_matter(c, "L.g1", "safety", "楼道堆物清理与巡查", "定期巡查楼道堆物，消除消防隐患。",
                         "13800001101", 90, manage, 4, NULL, NULL)) ||
        (rc = add_matter(c, "L", "culture", "健身器材更新", "更换老旧健身器材，增加适老化器械。", "13800001202",
                         120, evaluate, 5, fans, NULL)) ||
        (rc = add_matter(c, "L", "elderly", "东门无障碍坡道", "东门台阶改坡道，方便轮椅和婴儿车。", "13800001201",
                         200, share, 6, fans, NULL)) ||
        (rc = add_matter(c, "L.b2", "neighbourhood", "2栋楼顶晾晒区使用规则", "约定晾晒时间，避免纠纷。",
                         "13800001203", 20, withdrawn, 1, NULL, NULL)) ||
        (rc = add_matter(c, "L", "safety", "社区外主干道增设红绿灯", "社区外主干道车速快，建议增设红绿灯。",
                         "13800001202", 15, rejected, 1, NULL, NULL)))
        return rc;
    /* the waste point is in its public notice, with an objection to answer */
    struct st_objection ob = {.matter_id = notice_id, .community_id = 0, .author_id = people_demo_person(c, "13800001203"),
                              .body = "顶棚会挡住2栋一楼的采光，建议改到东侧。", .created_at = c->now - DAY};
    struct st_matter nm;
    if ((rc = matter_store_get(c->st, c->a, notice_id, &nm)) ||
        (rc = matter_store_set_notice(c->st, notice_id, c->now + 3 * DAY, 5)) ||
        (rc = job_schedule(c->st, "matter.notice_end",
                           arena_printf(c->a, "matter.notice_end:%lld", (long long)notice_id), notice_id,
                           c->now + 3 * DAY, c->now)))
        return rc;
    ob.community_id = nm.community_id;
    if ((rc = matter_store_objection_insert(c->st, &ob)) ||
        (rc = place_setting_write(c, place_demo_id("L"), "notice_days", "5")) ||
        (rc = place_setting_write(c, place_demo_id("F"), "notice_days", "7")))
        return rc;
    int64_t merged_id = 0;
    if ((rc = add_matter(c, "L.g1", "parking", "东院晚上停车难", "晚上回来没有车位。", "13800001203", 10, merged,
                         1, NULL, &merged_id)))
        return rc;
    if ((rc = matter_store_set_stage(c->st, merged_id, "merged", "merged", target, c->now - 9 * DAY)))
        return rc;
    const char *fstaff = "13800002001";
    const struct demo_step shed[] = {{"deliberating", fstaff, "居民联名提议，提交议事会"},
                                     {"notice", fstaff, "议事会表决通过：清理闲置停车棚，改建为电动车充电棚"},
                                     {"building", fstaff, "公示期满，组织志愿者清理"}};
    g_matters[0].id = target;
    g_matters[1].id = notice_id;
    return add_matter(c, "F.g1", "facilities", "闲置停车棚清理改造",
                      "1栋旁的停车棚闲置多年，堆满废旧自行车。\n\n"
                      "1. 认领并清理废旧自行车\n2. 改建为电动车充电棚\n3. 志愿者轮值管理",
                      "13800002201", 40, shed, 3, NULL, &g_matters[2].id);
}

int matter_demo(dctx *c);
int matter_demo(dctx *c)
{
    return add_matters(c);
}
