/* The facility module's descriptor. */
#include "http/http.h"
#include "mod/facility/facility.h"

extern const struct http_route facility_web_routes[], facility_api_routes[];

static const struct http_route *const routes[] = {facility_web_routes, facility_api_routes, NULL};
static const struct perm_action *const actions[] = {&facility_act_manage, NULL};

int facility_demo(dctx *c);

const struct module facility_module = {
    .name = "facility",
    .demo = facility_demo,
    .dir = "mod/facility",
    .routes = routes,
    .actions = actions,
};
