/* The dashboard module's descriptor. */
#include "http/http.h"
#include "mod/dashboard/dashboard_int.h"

extern const struct http_route dashboard_web_routes[], dashboard_api_routes[];

static const struct http_route *const routes[] = {dashboard_web_routes, dashboard_api_routes, NULL};
static const struct perm_action *const actions[] = {&dashboard_act_view, NULL};

static int init(void)
{
    dashboard_figures_init();
    return 0;
}

const struct module dashboard_module = {
    .name = "dashboard",
    .dir = "mod/dashboard",
    .routes = routes,
    .actions = actions,
    .init = init,
};
