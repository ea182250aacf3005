/* The place module's descriptor. */
#include "http/http.h"
#include "mod/place/place.h"

extern const struct http_route place_web_routes[], place_api_routes[];
int place_demo(dctx *c);

static const struct http_route *const routes[] = {place_web_routes, place_api_routes, NULL};
static const struct perm_action *const actions[] = {&place_act_coverage, &place_act_poster, &place_act_settings,
                                                    NULL};

const struct module place_module = {
    .name = "place",
    .dir = "mod/place",
    .routes = routes,
    .actions = actions,
    .demo = place_demo,
};
