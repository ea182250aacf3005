/* The patrol module's descriptor: routes, the action, the job that closes rounds. */
#include "http/http.h"
#include "mod/patrol/patrol.h"

extern const struct http_route patrol_web_routes[], patrol_api_routes[];
int patrol_job_close(dctx *c, const struct job *j);
int patrol_demo(dctx *c);

static const struct http_route *const routes[] = {patrol_web_routes, patrol_api_routes, NULL};
static const struct perm_action *const actions[] = {&patrol_act_manage, NULL};
static const struct job_kind jobs[] = {{"patrol.close", patrol_job_close}, {NULL, NULL}};

const struct module patrol_module = {
    .name = "patrol",
    .dir = "mod/patrol",
    .routes = routes,
    .actions = actions,
    .jobs = jobs,
    .demo = patrol_demo,
};
