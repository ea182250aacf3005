/* The report module's descriptor: routes, the action, notification kinds,
 * the escalation job, its settings, its subject (the discussion of a
 * report), and its panel on a facility. */
#include "http/http.h"
#include "mod/report/report.h"
#include "mod/report/report_int.h"

extern const struct http_route report_web_routes[], report_api_routes[];
extern const struct facility_ext report_facility_panel;

static const struct http_route *const routes[] = {report_web_routes, report_api_routes, NULL};
static const struct perm_action *const actions[] = {&report_act_handle, &report_act_rate, NULL};
static const struct notify_kind kinds[] = {{"report_assigned", NULL}, {"report_state", NULL}, {"report_fixed_check", NULL},
                                           {"report_escalated", NULL}, {"report_reopened", NULL}, {NULL, NULL}};
static const struct job_kind jobs[] = {{"report.escalate", report_job_escalate}, {NULL, NULL}};

static int resolve(dctx *c, int64_t id, struct subject *out)
{
    struct st_report r;
    int rc = report_get(c, id, &r);
    if (rc)
        return rc;
    *out = (struct subject){.kind = "report", .id = r.id, .community_id = r.community_id, .place_path = r.place_path,
                            .title = report_title(c, &r), .url = arena_printf(c->a, "/reports/%lld", (long long)r.id),
                            .author_id = 0};
    return 0;
}

static const struct subject_kind subjects[] = {{"report", resolve}, {NULL, NULL}};
static const struct module_ext exts[] = {{"facility", &report_facility_panel}, {NULL, NULL}};

int report_demo(dctx *c);

const struct module report_module = {
    .name = "report",
    .dir = "mod/report",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .subjects = subjects,
    .settings = report_settings,
    .demo = report_demo,
    .ext = exts,
};
