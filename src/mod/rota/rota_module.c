/* The rota module's descriptor: routes, the action, notification kinds and the two jobs. */
#include "http/http.h"
#include "mod/rota/rota.h"

extern const struct http_route rota_web_routes[], rota_api_routes[];
int rota_job_remind(dctx *c, const struct job *j);
int rota_job_check(dctx *c, const struct job *j);
int rota_demo(dctx *c);

static const struct http_route *const routes[] = {rota_web_routes, rota_api_routes, NULL};
static const struct perm_action *const actions[] = {&rota_act_manage, NULL};
static const struct notify_kind kinds[] = {{"rota_reminder", NULL}, {"rota_swap_asked", NULL},
                                           {"rota_swap_accepted", NULL}, {"rota_swap_declined", NULL}, {NULL, NULL}};
static const struct job_kind jobs[] = {{"rota.remind", rota_job_remind}, {"rota.check", rota_job_check}, {NULL, NULL}};

const struct module rota_module = {
    .name = "rota",
    .dir = "mod/rota",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .jobs = jobs,
    .demo = rota_demo,
};
