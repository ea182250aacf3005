/* The points module's descriptor: its routes, actions and settings. */
#include "http/http.h"
#include "mod/points/points_int.h"

extern const struct http_route points_web_routes[], points_api_routes[];

static const struct http_route *const routes[] = {points_web_routes, points_api_routes, NULL};
static const struct perm_action *const actions[] = {&points_act_view, &points_act_manage, NULL};
static const struct job_kind jobs[] = {{"points.expire", points_job_expire}, {"points.seal", points_job_seal}, {NULL, NULL}};

int points_demo(dctx *c);

const struct module points_module = {
    .name = "points",
    .demo = points_demo,
    .dir = "mod/points",
    .routes = routes,
    .actions = actions,
    .settings = points_settings,
    .jobs = jobs,
};
