/* Domain and store tests on a real SQLite database in a temp file, filled
 * with the demo data: permissions, sign-in, sessions, claims, coverage and
 * the matter spine. */
#include "t.h"

#include <sodium.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/embed.h"
#include "mod/demo/demo.h"
#include "mod/evaluation/evaluation.h"
#include "mod/matter/matter.h"
#include "mod/people/people.h"
#include "mod/place/place.h"
#include "modules.h"
#include "store/sql.h"
#include "edge/session.h"
#include "mod/signin/signin.h"

static char g_path[64];
static store *g_st;
static arena *g_a;

/* The matter module's rules, shaped as the tests use them. */
static int object_(dctx *c, int64_t matter_id, const char *body, int64_t *id)
{
    struct st_objection o;
    int rc = matter_object(c, matter_id, body, &o);
    if (rc == 0)
        *id = o.id;
    return rc;
}

static int answer_(dctx *c, int64_t objection_id, const char *answer, int upheld)
{
    int64_t matter_id = 0;
    return matter_answer(c, objection_id, answer, upheld, &matter_id);
}

static int timeline_(dctx *c, int64_t id, struct st_event **ev, int *n)
{
    struct matter_detail d;
    int rc = matter_detail(c, id, 1, &d);
    *ev = d.events;
    *n = d.nevents;
    matter_detail_free(&d);
    return rc;
}

static int objections_(dctx *c, int64_t id, struct st_objection **obs, int *n)
{
    struct matter_detail d;
    int rc = matter_detail(c, id, 1, &d);
    *obs = d.objections;
    *n = d.nobjections;
    matter_detail_free(&d);
    return rc;
}

static dctx ctx_as(const char *phone)
{
    dctx c = {.st = g_st, .a = g_a, .now = (int64_t)time(NULL), .ip = "10.9.9.9"};
    if (phone) {
        struct st_person p;
        struct actor *ac = NULL;
        if (person_by_phone(g_st, g_a, phone, &p) == 0 && actor_load(&c, p.id, &ac) == 0)
            c.actor = ac;
    }
    return c;
}

/* Finds a place by kind and name by walking the tree from the root (the
 * demo's tree is small), so the test needs no SQL of its own. */
static int64_t find_below(int64_t parent, const char *kind, const char *name)
{
    struct st_place *kids;
    int n = 0;
    if (tree_children(g_st, g_a, parent, NULL, 1000, 0, &kids, &n) != 0)
        return 0;
    for (int i = 0; i < n; i++)
        if (strcmp(kids[i].kind, kind) == 0 && strcmp(kids[i].name, name) == 0)
            return kids[i].id;
    for (int i = 0; i < n; i++) {
        if (strcmp(kids[i].kind, "household") == 0)
            continue;
        int64_t id = find_below(kids[i].id, kind, name);
        if (id)
            return id;
    }
    return 0;
}

static int64_t place_by_name(const char *kind, const char *name, int64_t community)
{
    struct st_place root;
    if (community)
        return find_below(community, kind, name);
    for (int64_t id = 1; id < 10; id++)
        if (tree_get(g_st, g_a, id, &root) == 0 && root.parent_id == 0)
            return find_below(id, kind, name);
    return 0;
}

static int raw_exec(const char *sql)
{
    return store_exec_script(g_st, sql);
}

static void test_phone_rules(void)
{
    CHECK(person_phone_valid("13800001024"));
    CHECK(person_phone_valid("19912345678"));
    CHECK(!person_phone_valid("12800001024"));
    CHECK(!person_phone_valid("1380000102"));
    CHECK(!person_phone_valid("138000010245"));
    CHECK(!person_phone_valid("1380000102a"));
    CHECK(!person_phone_valid(NULL));
    CHECK_STR(person_phone_mask(g_a, "13800001024"), "138****1024");
}

static void test_password_hash_is_argon2id(void)
{
    char h[128];
    CHECK_INT(person_password_hash("correct horse", h), 0);
    CHECK(strncmp(h, "$argon2id$", 10) == 0);
    CHECK(strstr(h, "m=19456,t=2") != NULL);
    CHECK(person_password_verify(h, "correct horse"));
    CHECK(!person_password_verify(h, "wrong horse"));
}

static void test_resident_scope(void)
{
    dctx c = ctx_as("13800001201");
    CHECK(c.actor != NULL);
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t fenghuang = place_by_name("community", "凤凰苑社区", 0);
    struct st_place p;
    CHECK_INT(place_get(&c, longhu, &p), 0);
    CHECK_INT(place_get(&c, fenghuang, &p), WG_ENOTFOUND);
    /* propose on her own line (building 1, grid 1, community) but not at building 3 */
    CHECK(perm_allows(c.actor, &matter_act_propose, "/"));
    struct st_place b1, b3;
    tree_get(g_st, g_a, place_by_name("building", "1栋", longhu), &b1);
    tree_get(g_st, g_a, place_by_name("building", "3栋", longhu), &b3);
    CHECK(perm_allows(c.actor, &matter_act_propose, b1.path));
    CHECK(!perm_allows(c.actor, &matter_act_propose, b3.path));
    CHECK(perm_allows(c.actor, &perm_read, b3.path));
    CHECK(!perm_allows(c.actor, &people_act_claims, b1.path));
    CHECK(!perm_allows(c.actor, &people_act_phone, b1.path));
}

static void test_staff_scope(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t fenghuang = place_by_name("community", "凤凰苑社区", 0);
    struct st_place lh, fh;
    tree_get(g_st, g_a, longhu, &lh);
    tree_get(g_st, g_a, fenghuang, &fh);
    dctx staff = ctx_as("13800001001"), grid = ctx_as("13800001101"), street = ctx_as("13800000001");
    CHECK(staff.actor->is_staff);
    CHECK(perm_allows(staff.actor, &people_act_claims, lh.path));
    CHECK(!perm_allows(staff.actor, &people_act_claims, fh.path));
    CHECK(!perm_allows(grid.actor, &people_act_claims, lh.path));
    CHECK(perm_allows(street.actor, &people_act_claims, fh.path));
    CHECK(perm_allows(street.actor, &perm_read, fh.path));
    /* a denial is audited and hides existence */
    CHECK_INT(perm_check(&staff, &perm_read, fh.path, fh.id), WG_ENOTFOUND);
    int n = 0;
    CHECK_INT(audit_count(g_st, "denied", NULL, "10.9.9.9", 0, &n), 0);
    CHECK(n >= 1);
}

static void test_coverage(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    dctx c = ctx_as("13800001001");
    struct place_coverage cv;
    CHECK_INT(place_coverage(&c, longhu, &cv), 0);
    CHECK_INT(cv.n_grids, 3);
    CHECK_INT(cv.n_buildings, 10);
    CHECK_INT(cv.n_grids_no_worker, 1);
    CHECK_STR(cv.grids_no_worker[0].name, "第3网格");
    CHECK_INT(cv.n_buildings_no_leader, 6); /* leaders at 1, 2, 5, 6 */
    CHECK_INT(cv.n_grids_no_party, 1);
    dctx res = ctx_as("13800001201");
    CHECK_INT(place_coverage(&res, longhu, &cv), WG_EPERM);
}

static void test_sign_in_and_sessions(void)
{
    dctx c = ctx_as(NULL);
    char tok[TOKEN_HEX + 1], tok2[TOKEN_HEX + 1];
    int64_t pid2 = 0;
    struct actor *ac = NULL;
    CHECK_INT(signin_password(&c, "13800001001", "wugong2026", tok, &ac), 0);
    CHECK_INT(strlen(tok), 64);
    CHECK_INT(session_resolve(&c, tok, &pid2), 0);
    CHECK_INT(ac->id, pid2);
    CHECK(ac->is_staff);
    CHECK_INT(signin_password(&c, "13800001001", "wugong2026", tok2, &ac), 0);
    CHECK(strcmp(tok, tok2) != 0); /* a new token at every sign-in */
    /* staff: 30 minutes idle ends the session */
    c.now += STAFF_IDLE_SECONDS + 5;
    CHECK_INT(session_resolve(&c, tok, &pid2), WG_EAUTH);
    CHECK_STR(c.code, "session_expired");
    /* the token is gone for good, even back in time */
    c.now -= STAFF_IDLE_SECONDS + 5;
    CHECK_INT(session_resolve(&c, tok, &pid2), WG_EAUTH);
    /* 12 hours absolute even when active */
    for (int i = 1; i <= 25; i++) {
        c.now += 29 * 60;
        int rc = session_resolve(&c, tok2, &pid2);
        if (i * 29 * 60 < STAFF_ABSOLUTE_SECONDS)
            CHECK_INT(rc, 0);
        else
            CHECK_INT(rc, WG_EAUTH);
    }
    CHECK_INT(session_resolve(&c, "zz", &pid2), WG_EAUTH);
    CHECK_INT(session_end(&c, tok2), 0);
}

static void test_sign_in_rate_limit(void)
{
    dctx c = ctx_as(NULL);
    c.ip = "10.1.1.1";
    char tok[TOKEN_HEX + 1];
    struct actor *ac;
    for (int i = 0; i < SIGNIN_FAILS_ACCOUNT; i++)
        CHECK_INT(signin_password(&c, "13800001002", "nope-nope", tok, &ac), WG_EAUTH);
    CHECK_INT(signin_password(&c, "13800001002", "wugong2026", tok, &ac), WG_ERATE);
    /* after the window it works again */
    c.now += SIGNIN_WINDOW + 1;
    CHECK_INT(signin_password(&c, "13800001002", "wugong2026", tok, &ac), 0);
    CHECK_INT(signin_password(&c, "1380000100", "x", tok, &ac), WG_EINVAL);
}

static void test_csrf(void)
{
    char t[TOKEN_HEX + 1], other[TOKEN_HEX + 1], csrf[TOKEN_HEX + 1];
    token_random(t);
    token_random(other);
    session_csrf(t, csrf);
    CHECK(session_csrf_ok(t, csrf));
    CHECK(!session_csrf_ok(other, csrf));
    CHECK(!session_csrf_ok(t, NULL));
    CHECK(!session_csrf_ok(t, "abc"));
    CHECK(!session_csrf_ok("short", csrf));
}

static void test_registration_and_claims(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t b4 = place_by_name("building", "4栋", longhu);
    int64_t h = place_by_name("household", "4栋102", longhu);
    struct st_place b;
    tree_get(g_st, g_a, b4, &b);
    dctx anon = ctx_as(NULL);
    struct people_registration reg = {.phone = "13912340001", .name = "测试居民", .password = "secret-pass",
                               .building_id = b4, .reg_key = b.reg_key, .household_id = h, .relation = "owner"};
    int64_t pid, cid;
    struct people_registration bad = reg;
    bad.reg_key = "wrong";
    CHECK_INT(people_register(&anon, &bad, &pid, &cid), WG_ENOTFOUND);
    bad = reg;
    bad.household_id = place_by_name("household", "3栋101", longhu);
    CHECK_INT(people_register(&anon, &bad, &pid, &cid), WG_EINVAL);
    CHECK_INT(people_register(&anon, &reg, &pid, &cid), 0);
    CHECK_INT(people_register(&anon, &reg, &pid, &cid), WG_ECONFLICT);
    CHECK_STR(anon.code, "phone_taken");

    /* signed up but not approved: no matters, not even the default list */
    dctx pending = ctx_as("13912340001");
    struct matter_query q = {0};
    struct st_matter *ms;
    int n = 0, total = 0;
    CHECK_INT(matter_list(&pending, &q, &ms, &n, &total), WG_ENOTFOUND);
    dctx grid = ctx_as("13800001101");
    CHECK_INT(people_claim_decide(&grid, cid, 1, NULL), WG_EPERM);
    dctx other = ctx_as("13800002001");
    CHECK_INT(people_claim_decide(&other, cid, 1, NULL), WG_ENOTFOUND);
    dctx staff = ctx_as("13800001001");
    CHECK_INT(people_claim_decide(&staff, cid, 0, NULL), WG_EINVAL);
    CHECK_INT(people_claim_decide(&staff, cid, 1, NULL), 0);
    CHECK_INT(people_claim_decide(&staff, cid, 1, NULL), WG_ECONFLICT);
    struct actor *ac;
    CHECK_INT(actor_load(&staff, pid, &ac), 0);
    CHECK_INT(ac->nroles, 1);
    CHECK_INT(ac->roles[0].role, ROLE_RESIDENT);
    CHECK_INT(ac->roles[0].place_id, h);
    pending = ctx_as("13912340001");
    CHECK_INT(matter_list(&pending, &q, &ms, &n, &total), 0);
    CHECK(total > 0);
}

static void test_matter_spine(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t b1 = place_by_name("building", "1栋", longhu);
    dctx res = ctx_as("13800001201"), staff = ctx_as("13800001001"), leader = ctx_as("13800001202");
    dctx other = ctx_as("13800002001"), grid = ctx_as("13800001101");
    struct matter_new in = {.place_id = b1, .category = "facilities", .title = "1栋门禁维修", .body = "门禁坏了"};
    int64_t id;
    CHECK_INT(matter_create(&res, &in, &id), 0);
    struct st_matter m;
    CHECK_INT(matter_get(&res, id, &m), 0);
    CHECK_STR(m.stage, "collecting");
    CHECK_INT(m.followers, 1);
    CHECK_INT(matter_get(&other, id, &m), WG_ENOTFOUND);
    /* the resident may not accept her own matter; a leader of another building may not either */
    CHECK_INT(matter_transition(&res, id, "deliberating", NULL, 0), WG_EPERM);
    CHECK_INT(matter_transition(&res, id, "building", NULL, 0), WG_ECONFLICT);
    CHECK_INT(matter_transition(&leader, id, "deliberating", NULL, 0), 0);
    CHECK_INT(matter_transition(&grid, id, "notice", NULL, 0), WG_EPERM);
    CHECK_INT(matter_transition(&staff, id, "notice", NULL, 0), 0);
    CHECK_INT(matter_transition(&staff, id, "deliberating", NULL, 0), WG_EINVAL); /* reason required */
    CHECK_INT(matter_transition(&staff, id, "deliberating", "异议成立，重新协商", 0), 0);
    CHECK_INT(matter_transition(&staff, id, "notice", NULL, 0), 0);
    /* co-building starts only when the public notice is over */
    CHECK_INT(matter_transition(&staff, id, "building", NULL, 0), WG_ECONFLICT);
    staff.now += (matter_settings[MATTER_SETTING_NOTICE_DAYS].def + 1) * 86400;
    grid.now = staff.now;
    CHECK_INT(matter_transition(&staff, id, "building", NULL, 0), 0);
    CHECK_INT(matter_transition(&grid, id, "managing", NULL, 0), 0);
    CHECK_INT(matter_transition(&grid, id, "evaluating", NULL, 0), 0);
    CHECK_INT(matter_transition(&grid, id, "sharing", NULL, 0), WG_EPERM);
    /* 共享 waits for the after-assessment (mod/evaluation's guard), closed */
    CHECK_INT(matter_transition(&staff, id, "sharing", NULL, 0), WG_ECONFLICT);
    CHECK_STR(staff.code, "evaluation_after_required");
    struct eval_template *ts = NULL;
    int nt = 0;
    int64_t eid = 0;
    CHECK_INT(evaluation_templates(&staff, longhu, &ts, &nt), 0);
    CHECK(nt > 0);
    struct eval_new ev_in = {.matter_id = id, .phase = "after", .template_id = nt > 0 ? ts[nt - 1].id : 0,
                             .resident_weight = 60, .threshold = 60, .followup_days = 14,
                             .closes_at = staff.now + 7 * 86400};
    CHECK_INT(evaluation_create(&staff, &ev_in, &eid), 0);
    CHECK_INT(matter_transition(&staff, id, "sharing", NULL, 0), WG_ECONFLICT);
    CHECK_INT(evaluation_close(&staff, eid), 0);
    CHECK_INT(matter_transition(&staff, id, "sharing", NULL, 0), 0);
    struct st_event *ev;
    int n = 0;
    CHECK_INT(timeline_(&res, id, &ev, &n), 0);
    CHECK_INT(n, 9);
    CHECK(ev[0].from_stage == NULL);
    CHECK_STR(ev[0].to_stage, "collecting");
    CHECK_STR(ev[3].reason, "异议成立，重新协商");
    CHECK_STR(ev[8].from_stage, "evaluating");
    CHECK_STR(ev[8].to_stage, "sharing");
    /* the timeline is append-only in the store itself */
    CHECK(raw_exec("UPDATE matter_event SET reason = 'x'") != 0);
    CHECK(raw_exec("DELETE FROM matter_event") != 0);
    CHECK(raw_exec("DELETE FROM audit") != 0);
}

static void test_matter_withdraw_and_merge(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t g1 = place_by_name("grid", "第1网格", longhu);
    dctx res = ctx_as("13800001201"), staff = ctx_as("13800001001"), other = ctx_as("13800001203");
    struct matter_new in = {.place_id = g1, .category = "parking", .title = "夜间停车", .body = ""};
    int64_t a, b;
    CHECK_INT(matter_create(&res, &in, &a), 0);
    CHECK_INT(matter_create(&res, &in, &b), 0);
    CHECK_INT(matter_transition(&other, a, "withdrawn", "不想要了", 0), WG_EPERM);
    CHECK_INT(matter_transition(&res, a, "withdrawn", NULL, 0), WG_EINVAL);
    CHECK_INT(matter_transition(&staff, b, "merged", "重复", b), WG_EINVAL);
    CHECK_INT(matter_transition(&staff, b, "merged", "重复", 0), WG_EINVAL);
    CHECK_INT(matter_transition(&staff, b, "merged", "重复", a), 0);
    struct st_matter m;
    CHECK_INT(matter_get(&res, b, &m), 0);
    CHECK_INT(m.merged_into, a);
    CHECK_INT(matter_transition(&res, a, "withdrawn", "已解决", 0), 0);
    /* follow is idempotent and counts exactly */
    CHECK_INT(matter_follow(&other, a, 1), 0);
    CHECK_INT(matter_follow(&other, a, 1), 0);
    CHECK_INT(matter_get(&res, a, &m), 0);
    CHECK_INT(m.followers, 2);
    CHECK_INT(matter_follow(&other, a, 0), 0);
    CHECK_INT(matter_follow(&other, a, 0), 0);
    CHECK_INT(matter_get(&res, a, &m), 0);
    CHECK_INT(m.followers, 1);
}

static void test_matter_input_rules(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t b1 = place_by_name("building", "1栋", longhu), h = place_by_name("household", "1栋101", longhu);
    dctx res = ctx_as("13800001201");
    int64_t id;
    char title[81 * 3 + 1] = "";
    for (int i = 0; i < 81; i++)
        memcpy(title + i * 3, "停", 4);
    struct matter_new in = {.place_id = b1, .category = "parking", .title = title, .body = ""};
    CHECK_INT(matter_create(&res, &in, &id), WG_EINVAL);
    title[80 * 3] = '\0';
    CHECK_INT(matter_create(&res, &in, &id), 0);
    in.title = "   ";
    CHECK_INT(matter_create(&res, &in, &id), WG_EINVAL);
    CHECK_STR(res.code, "title_required");
    in.title = "ok";
    in.category = "nope";
    CHECK_INT(matter_create(&res, &in, &id), WG_EINVAL);
    in.category = "other";
    in.place_id = h;
    CHECK_INT(matter_create(&res, &in, &id), WG_EINVAL);
    CHECK_STR(res.code, "place_level_invalid");
    in.place_id = b1;
    in.title = "bad \xff utf8";
    CHECK_INT(matter_create(&res, &in, &id), WG_EINVAL);
    struct matter_query q = {.stage = "nope"};
    struct st_matter *ms;
    int n, total;
    CHECK_INT(matter_list(&res, &q, &ms, &n, &total), WG_EINVAL);
    struct matter_query q2 = {.q = "停车收费", .limit = 1000};
    CHECK_INT(matter_list(&res, &q2, &ms, &n, &total), 0);
    CHECK_INT(n, 1);
    CHECK(strstr(ms[0].title, "停车收费") != NULL);
}

static void test_public_notice(void)
{
    int64_t longhu = place_by_name("community", "龙湖社区", 0);
    int64_t b2 = place_by_name("building", "2栋", longhu);
    dctx res = ctx_as("13800001201"), tenant = ctx_as("13800001203"), staff = ctx_as("13800001001");
    dctx grid = ctx_as("13800001101"), other = ctx_as("13800002201");
    /* a setting on the building wins over the community's 5 days */
    CHECK_INT(place_setting_set(&staff, b2, "notice_days", "2"), 0);
    struct matter_new in = {.place_id = b2, .category = "facilities", .title = "2栋加装扶手", .body = ""};
    int64_t id, ob1, ob2;
    CHECK_INT(matter_create(&tenant, &in, &id), 0);
    CHECK_INT(object_(&res, id, "还没到公示", &ob1), WG_ECONFLICT);
    CHECK_STR(res.code, "not_in_notice");
    CHECK_INT(matter_transition(&staff, id, "deliberating", NULL, 0), 0);
    CHECK_INT(matter_transition(&staff, id, "notice", NULL, 0), 0);
    struct st_matter m;
    CHECK_INT(matter_get(&res, id, &m), 0);
    CHECK_INT(m.notice_days, 2);
    CHECK_INT(m.notice_until, staff.now + 2 * 86400);
    /* objections: community members only, with a body */
    CHECK_INT(object_(&other, id, "外社区", &ob1), WG_ENOTFOUND);
    CHECK_INT(object_(&res, id, "  ", &ob1), WG_EINVAL);
    CHECK_INT(object_(&res, id, "扶手位置挡路", &ob1), 0);
    CHECK_INT(object_(&tenant, id, "颜色不协调", &ob2), 0);
    /* the notice must run its course and every objection be answered */
    CHECK_INT(matter_transition(&staff, id, "building", NULL, 0), WG_ECONFLICT);
    CHECK_STR(staff.code, "notice_running");
    staff.now += 3 * 86400;
    CHECK_INT(object_(&(dctx){.st = g_st, .a = g_a, .now = staff.now, .actor = res.actor}, id, "晚了", &ob1),
              WG_ECONFLICT);
    CHECK_INT(matter_transition(&staff, id, "building", NULL, 0), WG_ECONFLICT);
    CHECK_STR(staff.code, "objections_unanswered");
    /* answering is for community staff; once only; with an answer */
    CHECK_INT(answer_(&grid, ob1, "不成立", 0), WG_EPERM);
    CHECK_INT(answer_(&staff, ob1, "", 0), WG_EINVAL);
    CHECK_INT(answer_(&staff, ob1, "已调整位置，不影响通行", 0), 0);
    CHECK_INT(answer_(&staff, ob1, "再答一次", 0), WG_ECONFLICT);
    CHECK_INT(matter_transition(&staff, id, "building", NULL, 0), WG_ECONFLICT);
    /* an upheld objection sends the matter back to deliberation */
    CHECK_INT(answer_(&staff, ob2, "改用与楼体一致的颜色，重新协商", 1), 0);
    CHECK_INT(matter_get(&res, id, &m), 0);
    CHECK_STR(m.stage, "deliberating");
    struct st_event *ev;
    int n = 0;
    CHECK_INT(timeline_(&res, id, &ev, &n), 0);
    CHECK_STR(ev[n - 1].from_stage, "notice");
    CHECK_STR(ev[n - 1].to_stage, "deliberating");
    CHECK_STR(ev[n - 1].reason, "改用与楼体一致的颜色，重新协商");
    struct st_objection *obs;
    CHECK_INT(objections_(&res, id, &obs, &n), 0);
    CHECK_INT(n, 2);
    CHECK_INT(obs[0].upheld, 0);
    CHECK_INT(obs[1].upheld, 1);
    /* a second notice, then building once it is over with nothing open */
    CHECK_INT(matter_transition(&staff, id, "notice", NULL, 0), 0);
    staff.now += 3 * 86400;
    CHECK_INT(matter_transition(&staff, id, "building", NULL, 0), 0);
}

static void test_demo_is_not_duplicated(void)
{
    dctx c = ctx_as(NULL);
    CHECK_INT(demo_create(&c), WG_ECONFLICT);
    CHECK_INT(store_check_integrity(g_st), 0);
    /* every owner's embedded migrations of this engine were applied, the last one last */
    int owners = 0;
    for (const struct module *const *m = module_list(); *m; m++) {
        char prefix[160];
        snprintf(prefix, sizeof prefix, "%s/migrations/%s/", (*m)->dir,
                 strcmp(store_engine(g_st), "sqlite") ? "pg" : "sqlite");
        long last = 0;
        for (size_t i = 0; i < embed_count; i++)
            if (strncmp(embed_files[i].name, prefix, strlen(prefix)) == 0) {
                long n = strtol(embed_files[i].name + strlen(prefix), NULL, 10);
                last = n > last ? n : last;
            }
        int v = -1;
        CHECK_INT(store_migration_version(g_st, (*m)->dir, &v), 0);
        CHECK_INT(v, last);
        owners += last > 0;
    }
    CHECK(owners >= 10);
}

static int job_count(const char *where)
{
    int n = -1;
    void *st = sql_prep(g_st, where);
    if (st == NULL || sql_count(g_st, st, &n) != 0)
        return -1;
    return n;
}

/* Due jobs run many to a transaction; one that fails (a kind nobody
 * declares) rolls its batch back, the batch runs again one job a
 * transaction, the others are done and the failing one alone waits for its
 * retry, with its error. */
static void test_jobs_batch_with_a_failure(void)
{
    dctx c = {.st = g_st, .a = g_a, .now = (int64_t)time(NULL)};
    char key[64];
    CHECK_INT(store_begin(g_st), 0);
    for (int i = 0; i < 3 * JOB_BATCH; i++) {
        snprintf(key, sizeof key, "report.escalate:batch-%d", i); /* no such report: nothing to do */
        CHECK_INT(job_schedule(g_st, "report.escalate", key, 900000000 + i, c.now - 60 + i / 10, c.now), 0);
        if (i == JOB_BATCH + 5)
            CHECK_INT(job_schedule(g_st, "nobody.declares", "nobody.declares:1", 1, c.now - 60 + i / 10, c.now), 0);
    }
    CHECK_INT(store_end(g_st, 0), 0);
    int ran = 0;
    CHECK_INT(job_run_due(&c, 100000, &ran), 0);
    CHECK(ran >= 3 * JOB_BATCH);
    CHECK_INT(job_count("SELECT COUNT(*) FROM job WHERE key LIKE 'report.escalate:batch-%' AND status = 'done'"),
              3 * JOB_BATCH);
    CHECK_INT(job_count("SELECT COUNT(*) FROM job WHERE key = 'nobody.declares:1' AND status = 'pending' AND attempts = 1 "
                        "AND last_error = 'unknown kind'"),
              1);
    arena_reset(g_a);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    /* WG_TEST_DB names a fresh, empty database (check.sh gives a PostgreSQL
     * one); otherwise a temporary SQLite file */
    snprintf(g_path, sizeof g_path, "/tmp/wg-unit-%d.db", (int)getpid());
    unlink(g_path);
    char url[512];
    const char *env = getenv("WG_TEST_DB");
    snprintf(url, sizeof url, env ? "%s" : "sqlite:%s", env ? env : g_path);
    printf("# store: %s\n", url);
    g_a = arena_new(1 << 16);
    if (modules_install() || store_open(url, &g_st) || module_migrate(g_st, NULL))
        return 1;
    dctx c = {.st = g_st, .a = g_a, .now = (int64_t)time(NULL)};
    if (demo_create(&c) != 0) {
        fprintf(stderr, "demo failed: %s\n", store_last_error(g_st));
        return 1;
    }
    T_RUN(test_phone_rules);
    T_RUN(test_password_hash_is_argon2id);
    T_RUN(test_resident_scope);
    T_RUN(test_staff_scope);
    T_RUN(test_coverage);
    T_RUN(test_sign_in_and_sessions);
    T_RUN(test_sign_in_rate_limit);
    T_RUN(test_csrf);
    T_RUN(test_registration_and_claims);
    T_RUN(test_matter_spine);
    T_RUN(test_matter_withdraw_and_merge);
    T_RUN(test_matter_input_rules);
    T_RUN(test_public_notice);
    T_RUN(test_demo_is_not_duplicated);
    T_RUN(test_jobs_batch_with_a_failure);
    store_close(g_st);
    arena_free(g_a);
    char p[96];
    unlink(g_path);
    snprintf(p, sizeof p, "%s-wal", g_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", g_path);
    unlink(p);
    T_END();
}
