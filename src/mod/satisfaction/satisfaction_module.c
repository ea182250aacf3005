/* The satisfaction module's descriptor. */
#include "http/http.h"
#include "mod/satisfaction/satisfaction.h"

extern const struct http_route satisfaction_web_routes[], satisfaction_api_routes[];

static const struct http_route *const routes[] = {satisfaction_web_routes, satisfaction_api_routes, NULL};
static const struct perm_action *const actions[] = {&satisfaction_act_manage, &satisfaction_act_answer, NULL};

const struct module satisfaction_module = {
    .name = "satisfaction",
    .dir = "mod/satisfaction",
    .routes = routes,
    .actions = actions,
};
