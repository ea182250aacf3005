/* The budget module's descriptor. */
#include "http/http.h"
#include "mod/budget/budget.h"

extern const struct http_route budget_web_routes[], budget_api_routes[];

static const struct http_route *const routes[] = {budget_web_routes, budget_api_routes, NULL};

int budget_demo(dctx *c);

const struct module budget_module = {
    .name = "budget",
    .demo = budget_demo,
    .dir = "mod/budget",
    .routes = routes,
};
