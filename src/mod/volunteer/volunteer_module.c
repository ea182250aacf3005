/* The volunteer module's descriptor. */
#include "http/http.h"
#include "mod/volunteer/volunteer_int.h"

extern const struct http_route volunteer_web_routes[], volunteer_api_routes[];

static const struct http_route *const routes[] = {volunteer_web_routes, volunteer_api_routes, NULL};
static const struct perm_action *const actions[] = {&volunteer_act_manage, NULL};
static const struct notify_kind kinds[] = {{"volunteer_promoted", NULL}, {"volunteer_reminder", NULL}, {NULL, NULL}};
static const struct job_kind jobs[] = {{"volunteer.remind", volunteer_job_remind}, {NULL, NULL}};

int volunteer_demo(dctx *c);

const struct module volunteer_module = {
    .name = "volunteer",
    .demo = volunteer_demo,
    .dir = "mod/volunteer",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .settings = volunteer_settings,
};
