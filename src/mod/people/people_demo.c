/*
 * The demo's people: staff, grid workers, building leaders and residents of
 * both communities (each resident a member of a household by an approved
 * claim), a registration waiting for approval, and the organisations with
 * their responsible persons.
 */
#include <stdio.h>
#include <string.h>

#include "mod/people/people.h"
#include "mod/people/people_store.h"

#define DAY 86400

int64_t people_demo_person(dctx *c, const char *phone)
{
    struct st_person p;
    return person_by_phone(c->st, c->a, phone, &p) == 0 ? p.id : 0;
}

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
    {"13800002202", "周建平", "building_leader", "F.b2", 1, 0, 0, "楼栋长 building leader of 凤凰苑 2栋 (the bike shed's)"},
};
#define NPEOPLE (sizeof people / sizeof people[0])

/* people who registered from a poster and wait for approval */
static const struct demo_person pending[] = {
    {"13800001301", "杨小雨", NULL, "L.b3.201", 0, 0, 0, "居民 waiting for approval (3栋201)"},
};

static int add_year_residents(dctx *c, const char *hash);

static int add_org(dctx *c, const char *kind, const char *name, const char *place_key, int64_t responsible)
{
    struct st_org o = {.kind = kind, .name = name, .place_id = place_demo_id(place_key), .responsible_id = responsible};
    return place_org_insert(c, &o);
}

static int add_people(dctx *c)
{
    char hash[128];
    int rc = person_password_hash(PEOPLE_DEMO_PASSWORD, hash);
    if (rc)
        return rc;
    for (size_t i = 0; i < NPEOPLE; i++) {
        const struct demo_person *d = &people[i];
        struct st_place p;
        if ((rc = tree_get(c->st, c->a, place_demo_id(d->place), &p)))
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
            int64_t hid = place_demo_id(hk);
            struct st_claim cl = {.person_id = pe.id, .household_id = hid, .community_id = p.community_id,
                                  .relation = i == 7 ? "tenant" : "owner", .created_at = c->now - 290 * DAY};
            if ((rc = people_store_claim_insert(c->st, &cl)) ||
                (rc = people_store_claim_decide(c->st, cl.id, "approved", NULL, people_demo_person(c, "13800001001"),
                                         c->now - 289 * DAY)) ||
                (rc = people_store_member_insert(c->st, hid, pe.id, p.community_id, cl.relation, c->now - 289 * DAY)))
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
        if ((rc = tree_get(c->st, c->a, place_demo_id(pending[i].place), &h)))
            return rc;
        struct st_person pe = {.phone = pending[i].phone, .name = pending[i].name, .pw_hash = hash,
                               .community_id = h.community_id, .created_at = c->now - DAY};
        if ((rc = person_insert(c->st, &pe)))
            return rc;
        struct st_claim cl = {.person_id = pe.id, .household_id = h.id, .community_id = h.community_id,
                              .relation = "owner", .created_at = c->now - DAY};
        if ((rc = people_store_claim_insert(c->st, &cl)))
            return rc;
    }
    return add_year_residents(c, hash);
}

/* The small communities' residents, who registered over the last year (the
 * dashboards' year of data): 桃源 10 of its 12 households, 青山 8, 长丰 5,
 * one account each, phones 13800003KII (K the community, II the resident). */
static int add_year_residents(dctx *c, const char *hash)
{
    static const char *const comms[] = {"T", "Q", "C"}, *const family[] = {"陈", "林", "黄", "高", "罗", "梁", "宋", "唐"},
                             *const given[] = {"淑珍", "国平", "玉兰", "建华", "春梅", "志明", "秀兰", "德胜", "丽娟", "卫东"};
    static const int counts[] = {10, 8, 5};
    int rc = 0;
    for (int k = 0; rc == 0 && k < 3; k++)
        for (int i = 0; rc == 0 && i < counts[k]; i++) {
            int unit = i / 2; /* the buildings in turn: 101, 102, 201... */
            char hk[64], phone[40], name[64];
            snprintf(hk, sizeof hk, "%s.b%d.%d%02d", comms[k], i % 2 + 1, unit / 2 + 1, unit % 2 + 1);
            snprintf(phone, sizeof phone, "13800003%d%02d", k, i);
            snprintf(name, sizeof name, "%s%s", family[(k * 3 + i) % 8], given[(k + i * 3) % 10]);
            struct st_place h;
            if ((rc = tree_get(c->st, c->a, place_demo_id(hk), &h)))
                return rc;
            int64_t at = c->now - (int64_t)(350 - i * 25) * DAY;
            struct st_person pe = {.phone = arena_strdup(c->a, phone), .name = arena_strdup(c->a, name), .pw_hash = hash,
                                   .community_id = h.community_id, .is_volunteer = i % 3 == 0, .created_at = at};
            struct st_role r = {.role = "resident", .place_id = h.id};
            if ((rc = person_insert(c->st, &pe)))
                return rc;
            r.person_id = pe.id;
            if ((rc = role_insert(c->st, &r)))
                return rc;
            rc = people_member_insert(c, h.id, pe.id, h.community_id, "owner");
        }
    return rc;
}

static int add_orgs(dctx *c)
{
    int rc;
    int64_t secretary = people_demo_person(c, "13800001001");
    if ((rc = add_org(c, "party_branch", "龙湖社区党委", "L", secretary)) ||
        (rc = add_org(c, "party_group", "第1网格党小组", "L.g1", people_demo_person(c, "13800001101"))) ||
        (rc = add_org(c, "party_group", "第2网格党小组", "L.g2", 0)) ||
        (rc = add_org(c, "party_household", "党员中心户（孙德明）", "L.b1.101", people_demo_person(c, "13800001202"))) ||
        (rc = add_org(c, "owners_committee", "龙湖花园业主委员会", "L", 0)) ||
        (rc = add_org(c, "property_company", "龙湖物业服务中心", "L", 0)) ||
        (rc = add_org(c, "party_branch", "凤凰苑社区党支部", "F", people_demo_person(c, "13800002001"))) ||
        (rc = add_org(c, "property_company", "凤凰苑物业", "F", 0)))
        return rc;
    return 0;
}

void people_demo_print(void)
{
    printf("Demo sign-ins (password for all: %s):\n", PEOPLE_DEMO_PASSWORD);
    for (size_t i = 0; i < NPEOPLE; i++)
        printf("  %s  %-4s  %s\n", people[i].phone, people[i].name, people[i].note);
    for (size_t i = 0; i < sizeof pending / sizeof pending[0]; i++)
        printf("  %s  %-4s  %s\n", pending[i].phone, pending[i].name, pending[i].note);
    fflush(stdout);
}

int people_demo(dctx *c);
int people_demo(dctx *c)
{
    int rc = add_people(c);
    return rc ? rc : add_orgs(c);
}
