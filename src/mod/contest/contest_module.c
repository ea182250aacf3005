/* The contest module's descriptor. */
#include "http/http.h"
#include "mod/contest/contest.h"

extern const struct http_route contest_web_routes[], contest_api_routes[];

static const struct http_route *const routes[] = {contest_web_routes, contest_api_routes, NULL};
static const struct perm_action *const actions[] = {&contest_act_manage, NULL};

const struct module contest_module = {
    .name = "contest",
    .dir = "mod/contest",
    .routes = routes,
    .actions = actions,
};
