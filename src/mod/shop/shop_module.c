/* The points shop's descriptor. */
#include "http/http.h"
#include "mod/shop/shop_int.h"

extern const struct http_route shop_web_routes[], shop_api_routes[];

static const struct http_route *const routes[] = {shop_web_routes, shop_api_routes, NULL};
static const struct perm_action *const actions[] = {&shop_act_manage, NULL};

int shop_demo(dctx *c);

const struct module shop_module = {
    .name = "shop",
    .demo = shop_demo,
    .dir = "mod/shop",
    .routes = routes,
    .actions = actions,
    .settings = shop_settings,
};
