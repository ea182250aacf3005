/*
 * Demo report upward: 军山街道's quarterly community governance report
 * (社区治理季报), the figures the street asks every community for, and
 * 凤凰苑's report of the last quarter filled as a draft by the rules (so
 * its data are what the dashboards show).
 */
#include <string.h>

#include "mod/people/people.h"
#include "mod/upward/upward_store.h"

int upward_demo(dctx *c);
int upward_demo(dctx *c)
{
    static const struct upward_item items[] = {
        {1, "住户数", "households", ""},
        {2, "注册覆盖率", "accounts", ""},
        {3, "居民参与率", "participation", ""},
        {4, "各楼栋参与率", "participation", "building"},
        {5, "随手拍响应率", "report_response", ""},
        {6, "随手拍解决率", "report_resolution", ""},
        {7, "随手拍满意率", "report_satisfaction", ""},
        {8, "住户满意度", "satisfaction", ""},
        {9, "志愿服务时长（小时）", "volunteer_hours", "month"},
        {10, "发放积分", "points_issued", ""},
        {11, "事项所处阶段", "matters_stage", "part"},
    };
    struct st_upward_template t = {.street_id = place_demo_id("S"), .name = "社区治理季报", .period_kind = "quarter",
                                   .items = (struct upward_item *)items, .nitems = (int)(sizeof items / sizeof *items),
                                   .created_by = people_demo_person(c, "13800000001"), .created_at = c->now - 30 * 86400};
    return upward_store_template_insert(c->st, &t);
}
