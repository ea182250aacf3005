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
#include "domain/vote.h"
#include "store/store_opinion.h"

#define DEMO_PASSWORD "wugong2026"
#define DAY 86400

struct demo_person {
    const char *phone, *name, *role, *place; /* place: a key in the demo's place table */
    int primary, volunteer, party;
    const char *note;
};

/* place keys: "S" street, "L" 龙湖, "F" 凤凰苑, "L.g1" grid, "L.b3" building, "L.b3.201" household */
static const struct demo_person people[] = {
    {"13800000001", "王建国", "street_admin", "S", 1, 0, 1, "街道管理员 street admin"},
    {"13800001001", "李红梅", "community_staff", "L", 1, 0, 1, "龙湖社区书记 community staff"},
    {"13800001002", "张晓燕", "community_staff", "L", 0, 0, 0, "龙湖社区社工 community staff"},
    {"13800001101", "刘志强", "grid_worker", "L.g1", 1, 0, 1, "网格员 grid 1"},
    {"13800001102", "陈静", "grid_worker", "L.g2", 1, 0, 0, "网格员 grid 2"},
    {"13800001201", "赵桂兰", "resident", "L.b1.101", 0, 1, 1, "居民 resident, owner of 1栋101"},
    {"13800001202", "孙德明", "building_leader", "L.b1", 1, 1, 1, "楼栋长 building leader of 1栋"},
    {"13800001203", "周磊", "resident", "L.b2.301", 0, 0, 0, "居民 resident (tenant) of 2栋301"},
    {"13800001204", "吴秀英", "building_leader", "L.b2", 1, 1, 0, "楼栋长 building leader of 2栋"},
    {"13800001205", "郑海涛", "building_leader", "L.b5", 1, 0, 1, "楼栋长 building leader of 5栋"},
    {"13800001206", "冯丽", "building_leader", "L.b6", 1, 1, 0, "楼栋长 building leader of 6栋"},
    {"13800002001", "钱文华", "community_staff", "F", 1, 0, 1, "凤凰苑社区主任 community staff"},
    {"13800002101", "何军", "grid_worker", "F.g1", 1, 0, 0, "网格员 grid 1 of 凤凰苑"},
    {"13800002201", "许芳", "resident", "F.b1.101", 0, 1, 0, "居民 resident of 凤凰苑 1栋101"},
};
#define NPEOPLE (sizeof people / sizeof people[0])

/* people who registered from a poster and wait for approval */
static const struct demo_person pending[] = {
    {"13800001301", "杨小雨", NULL, "L.b3.201", 0, 0, 0, "居民 waiting for approval (3栋201)"},
};

static int64_t place_id(const char *key)
{
    return place_demo_id(key);
}

static int add_org(dctx *c, const char *kind, const char *name, const char *place_key, int64_t responsible)
{
    struct st_org o = {.kind = kind, .name = name, .place_id = place_id(place_key), .responsible_id = responsible};
    return place_org_insert(c, &o);
}

static int64_t demo_person(dctx *c, const char *phone)
{
    struct st_person p;
    return person_by_phone(c->st, c->a, phone, &p) == 0 ? p.id : 0;
}

struct demo_step {
    const char *to, *actor_phone, *reason;
};

/* A matter created by author_phone `days_ago`, then moved through steps a day apart. */
static int add_matter(dctx *c, const char *place_key, const char *category, const char *title, const char *body,
                      const char *author_phone, int days_ago, const struct demo_step *steps, int nsteps,
                      const char *followers[], int64_t *id_out)
{
    int64_t t = c->now - (int64_t)days_ago * DAY;
    struct st_place p;
    int rc = tree_get(c->st, c->a, place_id(place_key), &p);
    if (rc)
        return rc;
    struct st_matter m = {.place_id = p.id, .community_id = p.community_id, .category = category, .title = title,
                          .body_md = body, .author_id = demo_person(c, author_phone), .stage = "collecting",
                          .created_at = t};
    if ((rc = store_matter_insert(c->st, &m)))
        return rc;
    struct st_event e = {.matter_id = m.id, .community_id = m.community_id, .actor_id = m.author_id, .at = t,
                         .to_stage = "collecting"};
    if ((rc = store_event_insert(c->st, &e)))
        return rc;
    int changed;
    if ((rc = store_follow(c->st, m.id, m.author_id, m.community_id, t, &changed)))
        return rc;
    const char *stage = "collecting";
    for (int i = 0; i < nsteps; i++) {
        t += DAY;
        if ((rc = store_matter_set_stage(c->st, m.id, stage, steps[i].to, 0, t)))
            return rc;
        struct st_event ev = {.matter_id = m.id, .community_id = m.community_id,
                              .actor_id = demo_person(c, steps[i].actor_phone), .at = t,
                              .from_stage = stage, .to_stage = steps[i].to, .reason = steps[i].reason};
        if ((rc = store_event_insert(c->st, &ev)))
            return rc;
        stage = steps[i].to;
    }
    for (int i = 0; followers && followers[i]; i++)
        if ((rc = store_follow(c->st, m.id, demo_person(c, followers[i]), m.community_id, t, &changed)))
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
    struct st_objection ob = {.matter_id = notice_id, .community_id = 0, .author_id = demo_person(c, "13800001203"),
                              .body = "顶棚会挡住2栋一楼的采光，建议改到东侧。", .created_at = c->now - DAY};
    struct st_matter nm;
    if ((rc = store_matter_get(c->st, c->a, notice_id, &nm)) ||
        (rc = store_matter_set_notice(c->st, notice_id, c->now + 3 * DAY, 5)))
        return rc;
    ob.community_id = nm.community_id;
    if ((rc = store_objection_insert(c->st, &ob)) ||
        (rc = place_setting_write(c, place_id("L"), "notice_days", "5")) ||
        (rc = place_setting_write(c, place_id("F"), "notice_days", "7")))
        return rc;
    int64_t merged_id = 0;
    if ((rc = add_matter(c, "L.g1", "parking", "东院晚上停车难", "晚上回来没有车位。", "13800001203", 10, merged,
                         1, NULL, &merged_id)))
        return rc;
    if ((rc = store_matter_set_stage(c->st, merged_id, "merged", "merged", target, c->now - 9 * DAY)))
        return rc;
    const char *fstaff = "13800002001";
    const struct demo_step shed[] = {{"deliberating", fstaff, "居民联名提议，提交议事会"},
                                     {"notice", fstaff, "议事会表决通过：清理闲置停车棚，改建为电动车充电棚"},
                                     {"building", fstaff, "公示期满，组织志愿者清理"}};
    return add_matter(c, "F.g1", "facilities", "闲置停车棚清理改造",
                      "1栋旁的停车棚闲置多年，堆满废旧自行车。\n\n"
                      "1. 认领并清理废旧自行车\n2. 改建为电动车充电棚\n3. 志愿者轮值管理",
                      "13800002201", 40, shed, 3, NULL, NULL);
}

static int add_people(dctx *c)
{
    char hash[128];
    int rc = person_password_hash(DEMO_PASSWORD, hash);
    if (rc)
        return rc;
    for (size_t i = 0; i < NPEOPLE; i++) {
        const struct demo_person *d = &people[i];
        struct st_place p;
        if ((rc = tree_get(c->st, c->a, place_id(d->place), &p)))
            return rc;
        struct st_person pe = {.phone = d->phone, .name = d->name, .pw_hash = hash,
                               .community_id = p.community_id, .is_volunteer = d->volunteer,
                               .is_party_member = d->party, .created_at = c->now - 300 * DAY};
        if ((rc = person_insert(c->st, &pe)))
            return rc;
        struct st_role r = {.person_id = pe.id, .role = d->role, .place_id = p.id, .is_primary = d->primary};
        if ((rc = role_insert(c->st, &r)))
            return rc;
        /* residents and building leaders live in a household */
        if (strcmp(d->role, "resident") == 0 || strcmp(d->role, "building_leader") == 0) {
            char hk[32];
            snprintf(hk, sizeof hk, "%s", d->place);
            if (strcmp(d->role, "building_leader") == 0)
                snprintf(hk, sizeof hk, "%s.101", d->place);
            int64_t hid = place_id(hk);
            struct st_claim cl = {.person_id = pe.id, .household_id = hid, .community_id = p.community_id,
                                  .relation = i == 7 ? "tenant" : "owner", .created_at = c->now - 290 * DAY};
            if ((rc = store_claim_insert(c->st, &cl)) ||
                (rc = store_claim_decide(c->st, cl.id, "approved", NULL, demo_person(c, "13800001001"),
                                         c->now - 289 * DAY)) ||
                (rc = store_member_insert(c->st, hid, pe.id, p.community_id, cl.relation, c->now - 289 * DAY)))
                return rc;
            if (strcmp(d->role, "building_leader") == 0) {
                struct st_role rr = {.person_id = pe.id, .role = "resident", .place_id = hid};
                if ((rc = role_insert(c->st, &rr)))
                    return rc;
            }
        }
    }
    for (size_t i = 0; i < sizeof pending / sizeof pending[0]; i++) {
        struct st_place h;
        if ((rc = tree_get(c->st, c->a, place_id(pending[i].place), &h)))
            return rc;
        struct st_person pe = {.phone = pending[i].phone, .name = pending[i].name, .pw_hash = hash,
                               .community_id = h.community_id, .created_at = c->now - DAY};
        if ((rc = person_insert(c->st, &pe)))
            return rc;
        struct st_claim cl = {.person_id = pe.id, .household_id = h.id, .community_id = h.community_id,
                              .relation = "owner", .created_at = c->now - DAY};
        if ((rc = store_claim_insert(c->st, &cl)))
            return rc;
    }
    return 0;
}

static int add_orgs(dctx *c)
{
    int rc;
    int64_t secretary = demo_person(c, "13800001001");
    if ((rc = add_org(c, "party_branch", "龙湖社区党委", "L", secretary)) ||
        (rc = add_org(c, "party_group", "第1网格党小组", "L.g1", demo_person(c, "13800001101"))) ||
        (rc = add_org(c, "party_group", "第2网格党小组", "L.g2", 0)) ||
        (rc = add_org(c, "party_household", "党员中心户（孙德明）", "L.b1.101", demo_person(c, "13800001202"))) ||
        (rc = add_org(c, "owners_committee", "龙湖花园业主委员会", "L", 0)) ||
        (rc = add_org(c, "property_company", "龙湖物业服务中心", "L", 0)) ||
        (rc = add_org(c, "party_branch", "凤凰苑社区党支部", "F", demo_person(c, "13800002001"))) ||
        (rc = add_org(c, "property_company", "凤凰苑物业", "F", 0)))
        return rc;
    return 0;
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
    if ((rc = place_demo(c)) || (rc = add_people(c)) || (rc = add_orgs(c)) || (rc = add_matters(c)) ||
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

void demo_print_signins(void)
{
    printf("Demo sign-ins (password for all: %s):\n", DEMO_PASSWORD);
    for (size_t i = 0; i < NPEOPLE; i++)
        printf("  %s  %-4s  %s\n", people[i].phone, people[i].name, people[i].note);
    for (size_t i = 0; i < sizeof pending / sizeof pending[0]; i++)
        printf("  %s  %-4s  %s\n", pending[i].phone, pending[i].name, pending[i].note);
    fflush(stdout);
}
