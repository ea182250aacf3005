/* The open311 module's descriptor. */
#include "http/http.h"
#include "mod/open311/open311.h"

extern const struct http_route open311_web_routes[], open311_api_routes[];

static const struct http_route *const routes[] = {open311_web_routes, open311_api_routes, NULL};
static const struct perm_action *const actions[] = {&open311_act_manage, NULL};
extern const struct report_ext open311_report_panel;
static const struct module_ext exts[] = {{"report", &open311_report_panel}, {NULL, NULL}};

const struct module open311_module = {
    .name = "open311",
    .dir = "mod/open311",
    .routes = routes,
    .actions = actions,
    .ext = exts,
};
