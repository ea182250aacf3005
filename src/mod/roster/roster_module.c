/* The roster module's descriptor, its template and the demo's sample roster. */
#include <string.h>

#include "http/http.h"
#include "mod/roster/roster.h"

extern const struct http_route roster_web_routes[], roster_api_routes[];

static const struct http_route *const routes[] = {roster_web_routes, roster_api_routes, NULL};
static const struct perm_action *const actions[] = {&roster_act_import, NULL};

#define BOM "\xef\xbb\xbf"
#define HEADER "网格,楼栋,单元,房号,姓名,手机号,与户主关系,身份证号,备注\r\n"

const char *roster_template_csv(arena *a)
{
    return arena_strdup(a, BOM HEADER);
}

/* 凤凰苑社区 of the demo: households of its buildings 1 and 2 with people
 * (许芳 is registered already), a new building 7 in grid 2 and a new grid
 * with building 8. The ID column stays empty: it is never read. */
const char *roster_sample_csv(arena *a)
{
    return arena_strdup(a, BOM HEADER
                        "第1网格,1栋,,101,许芳,13800002201,户主,,\r\n"
                        "第1网格,1栋,,101,许明,13900003001,配偶,,\r\n"
                        "第1网格,1栋,,102,王秀英,13900003002,户主,,独居老人\r\n"
                        "第1网格,2栋,,201,赵国强,13900003003,户主,,\r\n"
                        "第1网格,2栋,,201,赵小雨,13900003004,子女,,\r\n"
                        "第1网格,2栋,,202,孙丽,13900003005,租户,,\r\n"
                        "第2网格,7栋,1,101,陈志明,13900003006,户主,,新交付楼栋\r\n"
                        "第2网格,7栋,1,102,林静,13900003007,户主,,\r\n"
                        "第2网格,7栋,2,101,,,,,空置\r\n"
                        "第3网格,8栋,1,101,黄海,13900003008,户主,,\r\n"
                        "第3网格,8栋,1,101,黄小海,13900003009,子女,,\r\n");
}

/* The demo: 凤凰苑's staff have uploaded the sample; the plan waits for
 * them to check and apply it. */
static int demo(dctx *c)
{
    int64_t f = place_demo_id("F"), by = people_demo_person(c, "13800002001");
    if (f == 0 || by == 0)
        return 0;
    return roster_demo_import(c, f, by, "凤凰苑住户花名册.csv", roster_sample_csv(c->a));
}

/* The import link on a community's page, for those who may import. */
static const char *import_url(dctx *c, const struct st_place *p)
{
    return strcmp(p->kind, "community") == 0 && c->actor && perm_allows(c->actor, &roster_act_import, p->path)
               ? arena_printf(c->a, "/roster?community=%lld", (long long)p->id)
               : NULL;
}
static const struct place_link import_link = {60, "roster_title", "roster-link", import_url};
static const struct module_ext exts[] = {{"place", &import_link}, {NULL, NULL}};

const struct module roster_module = {
    .name = "roster",
    .dir = "mod/roster",
    .routes = routes,
    .actions = actions,
    .ext = exts,
    .demo = demo,
};
