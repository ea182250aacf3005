/* The upward reports' descriptor. */
#include "http/http.h"
#include "mod/upward/upward.h"

extern const struct http_route upward_web_routes[], upward_api_routes[];
int upward_demo(dctx *c);

static const struct http_route *const routes[] = {upward_web_routes, upward_api_routes, NULL};
static const struct perm_action *const actions[] = {&upward_act_design, &upward_act_fill, NULL};
static const struct notify_kind kinds[] = {{"upward_submitted", NULL}, {NULL, NULL}};

const struct module upward_module = {
    .name = "upward",
    .dir = "mod/upward",
    .routes = routes,
    .actions = actions,
    .notify_kinds = kinds,
    .demo = upward_demo,
};
