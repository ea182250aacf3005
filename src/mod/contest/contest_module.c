/* The contest module's descriptor. */
#include "http/http.h"
#include "mod/contest/contest.h"

extern const struct http_route contest_web_routes[], contest_api_routes[];

static const struct http_route *const routes[] = {contest_web_routes, contest_api_routes, NULL};
static const struct perm_action *const actions[] = {&contest_act_manage, NULL};

int contest_demo(dctx *c);

const struct module contest_module = {
    .name = "contest",
    .demo = contest_demo,
    .dir = "mod/contest",
    .routes = routes,
    .actions = actions,
};
