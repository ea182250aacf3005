/* The passcode module's descriptor. */
#include "http/http.h"
#include "mod/passcode/passcode.h"
#include "mod/people/people.h"

extern const struct http_route passcode_web_routes[], passcode_api_routes[];

static const struct http_route *const routes[] = {passcode_web_routes, passcode_api_routes, NULL};
static const struct perm_action *const actions[] = {&passcode_act_issue, &passcode_act_issue_staff, NULL};

/* The button on each row of the staff people page. */
static const struct people_ext row = {passcode_may_issue, "passcode_row"};
static const struct module_ext exts[] = {{"people", &row}, {NULL, NULL}};

const struct module passcode_module = {
    .name = "passcode",
    .dir = "mod/passcode",
    .routes = routes,
    .actions = actions,
    .ext = exts,
};
